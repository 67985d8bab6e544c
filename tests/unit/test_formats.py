"""Per-format readers on real files built here: HTML (boilerplate left out), PDF, DOCX, exports, dates."""

import gzip
import json

import pytest

from index.dates import normalize_date
from index.errors import ArticleError
from index.loader import load_file, load_article, list_article_files
from tests.article_files import (BOILERPLATE, DOCX_PARAGRAPHS, HTML_SENTENCES, NEWS_HTML, PDF_PARAGRAPHS,
                                 encrypt_pdf, make_docx, make_pdf)


def _one(path):
    items = list(load_file(path))
    assert len(items) == 1, items
    if isinstance(items[0], tuple):
        raise items[0][1]
    return items[0]


@pytest.mark.parametrize("raw", ["2022/09/14", "14 September 2022", "Sept. 14, 2022", "September 14, 2022",
                                 "2022-09-14T08:30:00Z", "Wed, 14 Sep 2022 08:30:00 +0000", "2022-09-14"])
def test_dates_in_the_forms_real_headers_use(raw):
    assert normalize_date(raw) == ("2022-09-14", "")


def test_partial_and_unreadable_dates():
    assert normalize_date("2014-11") == ("2014-11", "")
    assert normalize_date("September 2022") == ("2022-09", "")
    value, warning = normalize_date("the day after the vote")
    assert value == "the day after the vote" and "could not be read" in warning


def test_slash_dated_header_loads_with_its_date(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("title: Flood\ndate: 2022/09/14\n\nThe river rose overnight, officials said.")
    a = _one(p)
    assert (a.title, a.date, a.text) == ("Flood", "2022-09-14", "The river rose overnight, officials said.")


def test_unreadable_date_is_kept_with_a_warning_never_rejected(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("date: last Tuesday\n\nThe river rose overnight.")
    a = _one(p)
    assert a.date == "last Tuesday" and any("could not be read" in w for w in a.warnings)


def test_seed_date_line_is_metadata_not_text():
    a = load_article("index/articles/002_0f3d202c9fb36807.txt")
    assert a.date == "2014-11-17" and a.text.startswith("Last week") and "date 2014" not in a.text[:40]


def test_html_article_extracted_without_boilerplate(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(NEWS_HTML, encoding="utf-8")
    a = _one(p)
    assert all(s in a.text for s in HTML_SENTENCES)
    assert not any(b.lower() in a.text.lower() for b in BOILERPLATE)
    assert (a.title, a.outlet, a.author, a.date) == ("Raqqa water plant opens", "Levant Daily", "Mariam Haddad",
                                                     "2022-09-14")
    assert a.url == "https://levant-daily.example/2022/09/14/raqqa-water-plant"
    assert "<" not in a.text


def test_html_saved_as_txt_is_extracted_not_markup(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(NEWS_HTML, encoding="utf-8")
    a = _one(p)
    assert a.title == "Raqqa water plant opens" and "<p>" not in a.text and HTML_SENTENCES[0] in a.text


def test_html_with_no_article_text_is_a_clear_error(tmp_path):
    p = tmp_path / "front.html"
    p.write_text("<!DOCTYPE html><html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav>"
                 "<script>var x = 1;</script></body></html>")
    with pytest.raises(ArticleError, match="no article text.*Fix: save the article"):
        _one(p)


def test_pdf_text_layer_and_metadata(tmp_path):
    p = tmp_path / "port.pdf"
    p.write_bytes(make_pdf())
    a = _one(p)
    assert all(s in a.text for s in PDF_PARAGRAPHS), a.text
    assert (a.title, a.author, a.date) == ("Tartus port reopens", "Omar Khalil", "2022-09-14")


def test_scanned_password_and_corrupt_pdfs_say_why(tmp_path):
    cases = {"scan.pdf": (make_pdf([]), "scanned PDF: no text to quote. Fix: run OCR first"),
             "locked.pdf": (encrypt_pdf(make_pdf()), "password-protected"),
             "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n" + b"\x00garbage" * 50,
                            "damaged or not a PDF")}
    for name, (data, words) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ArticleError, match=words.replace("(", r"\(").replace(".", r"\.")):
            _one(tmp_path / name)


def test_docx_paragraphs_and_properties(tmp_path):
    p = tmp_path / "convoy.docx"
    p.write_bytes(make_docx())
    a = _one(p)
    assert a.text == "\n\n".join(DOCX_PARAGRAPHS)
    assert (a.title, a.author, a.date) == ("Convoys reach Kobani", "Leyla Demir", "2022-09-15")


def test_corrupt_docx_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ArticleError, match="Word file is damaged"):
        _one(p)


def test_jsonl_gz_and_csv_exports_one_article_a_row_bad_rows_alone(tmp_path):
    rows = [{"id": "a1", "title": "Flood", "url": "https://x.example/a1", "date": "2022/09/14", "author": "R. K.",
             "outlet": "Gazette", "text": "The river rose overnight, officials said."},
            {"id": "a2", "title": "Empty", "text": ""},
            {"title": "Storm", "date": "Sept. 14, 2022", "text": "A storm hit the coast."}]
    gz = tmp_path / "dump.jsonl.gz"
    gz.write_bytes(gzip.compress(("\n".join(json.dumps(r) for r in rows) + "\nnot json\n").encode()))
    items = list(load_file(gz))
    good = [i for i in items if not isinstance(i, tuple)]
    bad = [i for i in items if isinstance(i, tuple)]
    assert [(a.path.split("#")[1], a.title, a.date, a.outlet) for a in good] == [
        ("a1", "Flood", "2022-09-14", "Gazette"), ("3", "Storm", "2022-09-14", "")]
    assert len(bad) == 2 and "has no text" in str(bad[0][1]) and "not JSON" in str(bad[1][1])
    csv_path = tmp_path / "dump.csv"
    csv_path.write_text('title,url,date,author,outlet,text\nFlood,https://x.example/a,14 September 2022,R. K.,'
                        'Gazette,"The river rose, and rose."\n', encoding="utf-8")
    (a,) = list(load_file(csv_path))
    assert (a.title, a.date, a.text) == ("Flood", "2022-09-14", "The river rose, and rose.")


def test_folder_lists_every_supported_format(tmp_path):
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.pdf", "f.docx", "g.jsonl", "h.csv", "i.jsonl.gz", "j.png"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in list_article_files(tmp_path)] == [
        "a.txt", "b.md", "c.html", "d.htm", "e.pdf", "f.docx", "g.jsonl", "h.csv", "i.jsonl.gz"]
