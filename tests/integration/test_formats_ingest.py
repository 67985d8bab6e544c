"""`sourcecheck ingest` of a folder holding every format, with the real model: every readable article in,
with its metadata; quotes are the articles' own words at exact offsets; boilerplate is not indexed."""

import gzip
import json
from pathlib import Path

import pytest

from tests.article_files import (BOILERPLATE, DOCX_PARAGRAPHS, HTML_SENTENCES, NEWS_HTML, PDF_PARAGRAPHS,
                                 make_docx, make_pdf)
from tests.conftest import ROOT
from tests.reliability.conftest import cli

RTQA = ROOT.parent / "shared" / "data" / "realtimeqa-2024" / "articles.jsonl.gz"
EXPORT_ROWS = [
    {"id": "dam-1", "title": "Dam repairs finish", "url": "https://river.example/dam", "date": "2022/09/16",
     "author": "S. Noor", "outlet": "River Post", "text": "Repairs to the Tabqa dam finished on Friday, the "
     "operator said. Water levels behind the dam are expected to rise by the winter."},
    {"id": "fair-2", "title": "Book fair returns", "date": "Sept. 17, 2022", "outlet": "River Post",
     "text": "The Damascus book fair returned this week after a two-year pause, organisers said."},
]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("mixed")
    (corpus / "plain.txt").write_text("title: Bakery reopens\noutlet: Aleppo Today\ndate: 14 September 2022\n\n"
                                      "The old bakery in Aleppo reopened on Wednesday, its owner said.", encoding="utf-8")
    (corpus / "notes.md").write_text("# Bridge works\n\nThe Deir ez-Zor bridge will be closed until October, "
                                     "the governorate said.", encoding="utf-8")
    (corpus / "page.html").write_text(NEWS_HTML, encoding="utf-8")
    (corpus / "port.pdf").write_bytes(make_pdf())
    (corpus / "convoy.docx").write_bytes(make_docx())
    (corpus / "export.jsonl").write_text("\n".join(json.dumps(r) for r in EXPORT_ROWS) + "\n", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(make_pdf([]))  # unreadable: reported, the rest goes in
    data = tmp_path_factory.mktemp("mixed-data")
    done = cli(["ingest", str(corpus), "--json"], data)
    return corpus, data, done


def test_every_readable_article_goes_in_with_its_metadata(mixed):
    corpus, data, done = mixed
    report = json.loads(done.stdout)
    assert done.returncode == 3, done.stderr  # one rejected file
    assert report["added"] == 7 and [r["path"] for r in report["rejected"]] == [str(corpus / "scan.pdf")]
    assert "scanned PDF" in report["rejected"][0]["reason"] and "OCR" in report["rejected"][0]["reason"]
    listed = json.loads(cli(["articles", "--json"], data).stdout)
    by_title = {r["title"]: r for r in listed}
    assert set(by_title) == {"Bakery reopens", "Bridge works", "Raqqa water plant opens", "Tartus port reopens",
                             "Convoys reach Kobani", "Dam repairs finish", "Book fair returns"}
    assert by_title["Bakery reopens"]["date"] == "2022-09-14" and by_title["Bakery reopens"]["outlet"] == "Aleppo Today"
    assert by_title["Raqqa water plant opens"]["outlet"] == "Levant Daily"
    assert by_title["Dam repairs finish"]["date"] == "2022-09-16"
    assert by_title["Book fair returns"]["date"] == "2022-09-17"
    assert by_title["Dam repairs finish"]["source"] == f"{corpus / 'export.jsonl'}#dam-1"
    assert all(r["sentences"] >= 1 for r in listed)


@pytest.mark.parametrize("question, words", [
    ("How many homes will the Raqqa water plant supply?", "forty thousand homes"),
    ("When did the port of Tartus reopen?", "reopened on Monday"),
    ("What did the convoy carry for the six thousand families?", "medicine and winter blankets"),
    ("When did the Tabqa dam repairs finish?", "finished on Friday"),
])
def test_quotes_are_the_articles_words_at_exact_offsets(mixed, question, words):
    from bot import Bot
    from index.settings import Settings

    _, data, _ = mixed
    bot = Bot.open(Settings(data_dir=data))
    answer = bot.ask(question)
    assert not answer.abstained, answer.warnings
    assert any(words in c.quote for c in answer.citations), [c.quote for c in answer.citations]
    for c in answer.citations:
        assert bot.article(c.article_id).text[c.start:c.end] == c.quote


def test_boilerplate_and_markup_are_not_indexed(mixed):
    from bot import Bot
    from index.settings import Settings

    _, data, _ = mixed
    bot = Bot.open(Settings(data_dir=data))
    sentences = [s.text for a in bot.articles() for s in bot.sentences(a.id)]
    assert not [s for s in sentences if any(b.lower() in s.lower() for b in BOILERPLATE) or "<" in s]
    for expected in (*HTML_SENTENCES, *PDF_PARAGRAPHS, *DOCX_PARAGRAPHS):
        assert expected in sentences, expected


def test_remove_by_path_and_id_from_the_cli(mixed, tmp_path):
    corpus, data, _ = mixed
    listed = json.loads(cli(["articles", "--json"], data).stdout)
    pdf = next(r for r in listed if r["title"] == "Tartus port reopens")
    out = cli(["remove", pdf["id"], str(corpus / "export.jsonl")], data)
    assert out.returncode == 0, out.stderr
    left = {r["title"] for r in json.loads(cli(["articles", "--json"], data).stdout)}
    assert "Tartus port reopens" not in left and "Dam repairs finish" not in left and "Book fair returns" not in left
    assert len(left) == 4
    missing = cli(["remove", "no-such-article"], data)
    assert missing.returncode == 2 and "sourcecheck articles" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.skipif(not RTQA.exists(), reason="../shared/data/realtimeqa-2024 is not present")
def test_realtimeqa_articles_with_slash_dates_load_with_their_dates(tmp_path):
    folder = tmp_path / "rtqa"
    folder.mkdir()
    want = {}
    with gzip.open(RTQA, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "/" not in d.get("date", "") or len(d["text"]) > 6000:
                continue
            (folder / f"{d['id']}.txt").write_text(f"title: {d['title']}\ndate: {d['date']}\nurl: {d['url']}\n\n"
                                                  f"{d['text']}", encoding="utf-8")
            want[d["id"]] = d["date"].replace("/", "-")[:10]
            if len(want) == 12:
                break
    data = tmp_path / "data"
    done = cli(["ingest", str(folder), "--json"], data)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == len(want) and not report["rejected"] and not report["warnings"]
    got = {Path(r["source"]).stem: r["date"] for r in json.loads(cli(["articles", "--json"], data).stdout)}
    assert got == want


@pytest.mark.skipif(not RTQA.exists(), reason="../shared/data/realtimeqa-2024 is not present")
def test_the_realtimeqa_export_itself_reads_as_one_article_a_row():
    from itertools import islice

    from index.loader import load_file

    items = list(islice(load_file(RTQA, max_export_bytes=10**9), 200))
    assert len(items) == 200 and not [i for i in items if isinstance(i, tuple)]
    assert all(len(a.date) == 10 and a.date[4] == "-" and a.title and a.url.startswith("http") for a in items)
    assert items[0].path == f"{RTQA}#0004e52de56f"
