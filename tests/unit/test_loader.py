import pytest

from index.errors import ArticleError, CorpusError
from index.loader import list_article_files, load_article, parse_article


def test_header_lines_become_metadata_and_the_text_is_the_body(tmp_path):
    raw = "title: Truce reported\noutlet: Slate\nauthor: J. K.\ndate: 2014-11-17\nurl: https://x.org/a\n\nISIS agreed."
    p = tmp_path / "a.md"
    p.write_text(raw, encoding="utf-8")
    a = load_article(p)
    assert (a.title, a.outlet, a.author, a.date, a.url) == ("Truce reported", "Slate", "J. K.", "2014-11-17",
                                                         "https://x.org/a")
    assert a.text == "ISIS agreed." and a.body_start == 0


def test_seed_date_line_counts_as_header_and_leaves_the_text():
    a = parse_article(" date 2014-11-17 Last week, the AP reported it.", "s.txt")
    assert a.date == "2014-11-17" and a.text == "Last week, the AP reported it."


def test_unknown_key_is_body_text():
    a = parse_article("Update: the truce held.\nMore text.", "u.txt")
    assert a.body_start == 0


@pytest.mark.parametrize("header, field, value, words", [
    ("date: 17/11/2014", "date", "2014-11-17", ""), ("date: around Easter", "date", "around Easter", "could not be read"),
    ("url: ftp://x", "url", "", "not an http(s) address"), ("title:", "title", "Body.", "no value"),
    ("title: a\ntitle: b", "title", "a", "twice"),
])
def test_odd_headers_are_lenient_with_a_warning_never_a_rejection(header, field, value, words):
    a = parse_article(header + "\n\nBody.", "odd.txt")
    assert getattr(a, field) == value and a.text == "Body."
    assert (words in " ".join(a.warnings)) if words else not a.warnings


@pytest.mark.parametrize("data, words", [
    (b"", "empty"), (b"   \n\t ", "white space"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"%PDF-1.4 stuff", "PDF is damaged"), (b"PK\x03\x04\x00\x00", "binary"),
])
def test_bad_files_are_rejected_with_reason(tmp_path, data, words):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as err:
        load_article(p)
    assert words in str(err.value) and str(p) in str(err.value)


def test_latin1_and_utf16_are_decoded(tmp_path):
    p = tmp_path / "l.txt"
    p.write_bytes("Le café a fermé.".encode("latin-1"))
    assert load_article(p).text == "Le café a fermé."
    q = tmp_path / "u.txt"
    q.write_bytes("Zürich talks resumed.".encode("utf-16"))
    assert load_article(q).text == "Zürich talks resumed."


def test_size_limit_in_message(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("a" * 2000)
    with pytest.raises(ArticleError) as err:
        load_article(p, max_bytes=1000)
    assert "1,000-byte limit" in str(err.value)


def test_missing_or_empty_directory(tmp_path):
    with pytest.raises(CorpusError, match="no such directory"):
        list_article_files(tmp_path / "nope")
    with pytest.raises(CorpusError, match="holds no article file"):
        list_article_files(tmp_path)
