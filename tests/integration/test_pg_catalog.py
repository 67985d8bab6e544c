"""The PostgreSQL catalog against a real server: same answers as SQLite, concurrent writers, copy, errors."""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import numpy as np
import pytest

from index.catalog import Catalog
from index.catalog_base import BaseCatalog
from index.errors import StoreError
from index.pg_catalog import PgCatalog
from index.settings import Settings
from index.text import terms
from tests.conftest import SEEDS
from tests.servers import pg  # noqa: F401  (fixture)

GOLD = Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl"


def _answers(bot, questions):
    return [{k: v for k, v in bot.ask(q).to_dict().items() if k != "latency_ms"} for q in questions]


def test_same_answers_as_sqlite_on_the_seed_articles(pg, tmp_path):  # noqa: F811
    from bot import Bot

    url, schema = pg
    questions = [json.loads(line)["question"] for line in GOLD.read_text().splitlines() if line.strip()]
    lite = Bot.from_directory(SEEDS, settings=Settings(data_dir=tmp_path / "a", collection=schema))
    shared = Bot.from_directory(SEEDS, settings=Settings(data_dir=tmp_path / "b", collection=schema, catalog_url=url))
    assert isinstance(shared.store.catalog, PgCatalog) and isinstance(lite.store.catalog, Catalog)
    assert not list((tmp_path / "b").rglob("*.sqlite")), "the catalog must live on the server"
    for name in ("count_articles", "count_sentences", "count_chunks"):
        assert getattr(shared.store.catalog, name)() == getattr(lite.store.catalog, name)() > 0, name
    assert shared.store.catalog.chunk_ids() == lite.store.catalog.chunk_ids()
    words = terms("truce syria nusra qaida minister said")
    assert shared.store.catalog.bm25(shared.store.catalog.expand(words), 20) == \
        lite.store.catalog.bm25(lite.store.catalog.expand(words), 20)
    assert _answers(shared, questions) == _answers(lite, questions)


def test_one_statement_lexical_and_batched_passages_match_the_calls_one_by_one(pg, tmp_path):  # noqa: F811
    """`PgCatalog.lexical` (one statement) and `passages` (one round trip) give what SQLite and the
    per-call path give, with cold and warm caches, for absent terms, variants and empty questions."""
    from bot import Bot

    url, schema = pg
    lite = Bot.from_directory(SEEDS, settings=Settings(data_dir=tmp_path / "a", collection=schema)).store.catalog
    Bot.from_directory(SEEDS, settings=Settings(data_dir=tmp_path / "b", collection=schema, catalog_url=url))
    shared = PgCatalog(url, schema)  # cold caches
    expanded = 0
    for text in ("truce syria nusra qaida minister said", "jebhat qaeda ceasefire", "zzqx nothing", "", "the of"):
        words = terms(text) + ["qaida"]
        got = shared.lexical(words, 20)
        assert got == lite.lexical(words, 20) == BaseCatalog.lexical(shared, words, 20), text
        assert got.chunks == shared.count_chunks() > 0
        expanded += len(got.expanded) > len(set(words))
    assert expanded, "no spelling variant was added: the variant half of the statement went untested"
    assert shared.lexical(["two words"], 5) == lite.lexical(["two words"], 5)  # not an analyzer term: fallback
    spans = [(a.id, i, i + 3) for i, a in enumerate(lite.articles())] + [("no-such-article", 0, 2)]
    spans += [(spans[0][0], -1, 1), (spans[1][0], 40, 60)]
    for _ in range(2):  # cold, then warm (whole-article sentences cached for one of them)
        got, want = shared.passages(spans), lite.passages(spans)
        assert len(got) == len(want) == len(spans)
        for (a1, s1, v1), (a2, s2, v2) in zip(got, want, strict=True):
            assert a1 == a2 and s1 == s2
            assert (v1 is None and v2 is None) or np.array_equal(v1, v2)
        shared.sentences(spans[0][0])


def _write_articles(url: str, schema: str, names: list[str], out: mp.Queue) -> None:
    from index.ingest import prepare
    from index.loader import parse_article

    cat = PgCatalog(url, schema)
    for name in names:
        article = parse_article(f"Report {name} came in. Marker{name} was seen in town. Officials said nothing.",
                                f"{name}.txt")
        cat.add_articles([(article, *prepare(article, Settings()))])
    out.put(cat.count_articles())


def test_two_writer_processes_never_lose_or_double_an_article(pg):  # noqa: F811
    url, schema = pg
    PgCatalog(url, schema).close()  # the schema exists before the race (a first open also takes the lock)
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    first, second = [f"a{i}" for i in range(30)], [f"a{i}" for i in range(15, 45)]  # 15 in both
    procs = [ctx.Process(target=_write_articles, args=(url, schema, names, out)) for names in (first, second)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    cat = PgCatalog(url, schema)
    assert cat.count_articles() == 45 and len(cat.paths_of(cat.article_for_path("a20.txt") or "")) == 1
    assert cat.count_chunks() == len(cat.chunk_ids()) == sum(len(cat.chunk_ids_of(a.id)) for a in cat.articles())
    for i in range(45):
        hits = cat.bm25(terms(f"Markera{i}"), 5)
        assert len(hits) == 1, f"article a{i} indexed {len(hits)} times"
    assert cat.document_frequency(terms("officials")) == {terms("officials")[0]: cat.count_chunks()}


def test_readers_see_an_article_only_after_its_commit(pg):  # noqa: F811
    from index.ingest import prepare
    from index.loader import parse_article

    url, schema = pg
    writer, reader = PgCatalog(url, schema), PgCatalog(url, schema)
    article = parse_article("Something happened. Zorblat was there.", "z.txt")
    sentences, chunks = prepare(article, Settings())
    with pytest.raises(RuntimeError):
        with writer._write() as db:
            db.execute("INSERT INTO articles(id, text) VALUES (%s, %s)", (article.id, article.text))
            assert not reader.has_article(article.id)
            raise RuntimeError("killed mid-transaction")
    assert not reader.has_article(article.id) and reader.count_articles() == 0
    writer.add_articles([(article, sentences, chunks)])
    assert reader.has_article(article.id) and reader.bm25(terms("zorblat"), 3)


def test_removal_and_annotations_on_postgres(pg):  # noqa: F811
    from index.ingest import prepare
    from index.loader import parse_article

    url, schema = pg
    cat = PgCatalog(url, schema)
    a = parse_article("First thing. Quokka sightings rose.", "q.txt")
    b = parse_article("Second thing. Wombat numbers fell.", "w.txt")
    cat.add_articles([(a, *prepare(a, Settings())), (b, *prepare(b, Settings()))])
    removed = cat.remove_articles([a.id])
    assert removed and not cat.has_article(a.id) and not cat.bm25(terms("quokka"), 3)
    assert cat.count_chunks() == len(cat.chunk_ids()) and cat.document_frequency(terms("quokka")) == {}
    sents = cat.sentences(b.id)
    cat.replace_annotations({b.id: sents})
    assert PgCatalog(url, schema).sentences(b.id) == sents


def test_an_unreachable_server_is_one_error_with_the_fix():
    with pytest.raises(StoreError, match="Fix: start PostgreSQL"):
        PgCatalog("postgresql://postgres@127.0.0.1:1/postgres", "x")
    with pytest.raises(StoreError, match="is not postgresql://"):
        PgCatalog("mysql://h/db", "x")


def test_catalog_copy_answers_like_the_sqlite_original(pg, tmp_path, monkeypatch):  # noqa: F811
    from bot import Bot
    from bot.cli import main

    url, schema = pg
    monkeypatch.setenv("SOURCECHECK_COLLECTION", schema)
    data = tmp_path / "d"
    lite = Bot.from_directory(SEEDS, settings=Settings(data_dir=data, collection=schema))
    lite.store.catalog.close()
    assert main(["catalog", "copy", "--to", url, "--persist", str(data / "index")]) == 0
    copied = PgCatalog(url, schema)
    original = Catalog(data / "index" / f"catalog-{schema}.sqlite")
    assert copied.count_chunks() == original.count_chunks() == len(copied.chunk_ids()) > 0
    words = terms("isis qaida truce")
    assert copied.bm25(words, 10) == original.bm25(words, 10)
    aid = original.articles()[0].id
    assert copied.sentences(aid) == original.sentences(aid)
    assert (copied.sentence_vectors(aid) == original.sentence_vectors(aid)).all()
    assert main(["catalog", "copy", "--to", url, "--persist", str(data / "index")]) == 2  # refuses a full schema
    assert copied.count_chunks() == original.count_chunks()
