"""The BM25 postings: scores equal a plain BM25 written out by hand, through segments, merges and deletes."""

from __future__ import annotations

import math
import random
import sqlite3
from collections import Counter

import pytest

from index.postings import K1, MERGE_FACTOR, B, Postings

pytestmark = pytest.mark.unit

VOCAB = [f"w{i}" for i in range(60)]


def reference(docs: dict[int, list[str]], query: list[str], k: int) -> list[tuple[int, float]]:
    """BM25 over a dict of documents, the textbook way (Lucene IDF, k1 = 1.2, b = 0.75)."""
    n = len(docs)
    avgdl = sum(len(t) for t in docs.values()) / n
    df = Counter(t for terms in docs.values() for t in set(terms))
    scores: dict[int, float] = {}
    for doc, terms in docs.items():
        tf = Counter(terms)
        s = 0.0
        for t in set(query):
            if tf[t]:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf[t] * (K1 + 1) / (tf[t] + K1 * (1 - B + B * len(terms) / avgdl))
        if s > 0:
            scores[doc] = s
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def random_docs(rng: random.Random, first: int, count: int) -> dict[int, list[str]]:
    # Zipf-like: a few very common words, a long tail of rare ones
    weights = [1 / (i + 1) for i in range(len(VOCAB))]
    return {first + i: rng.choices(VOCAB, weights, k=rng.randint(3, 40)) for i in range(count)}


def same(got: list[tuple[int, float]], docs: dict[int, list[str]], query: list[str], k: int) -> None:
    """Same scores in the same order; the same documents, except which of a tie at the cut-off get in."""
    full = [(d, round(s, 9)) for d, s in reference(docs, query, len(docs))]
    want = full[:k]
    assert [round(s, 9) for _, s in got] == [s for _, s in want]
    last = want[-1][1] if want else None
    assert {(d, round(s, 9)) for d, s in got if round(s, 9) != last} == {x for x in want if x[1] != last}
    assert {(d, round(s, 9)) for d, s in got if round(s, 9) == last} <= {x for x in full if x[1] == last}


def test_scores_match_textbook_bm25_across_segments_merges_and_deletes():
    rng = random.Random(7)
    db = sqlite3.connect(":memory:", isolation_level=None)
    p = Postings(db)
    docs: dict[int, list[str]] = {}
    n = 1
    for batch in range(2 * MERGE_FACTOR + 3):  # enough batches for tier merges to happen
        new = random_docs(rng, n, rng.randint(1, 9))
        assert p.add(new) == Counter(t for terms in new.values() for t in set(terms))
        docs.update(new)
        n += len(new)
        if batch % 5 == 4:  # drop a few documents now and then, as replacing an article does
            gone = {d: docs.pop(d) for d in rng.sample(sorted(docs), 3)}
            p.remove(gone)
        for query in (["w0"], ["w3", "w17"], ["w1", "w25", "w59", "nothere"]):
            same(p.search(query, 10), docs, query, 10)
    assert p.segments() < MERGE_FACTOR + 3  # merged, not one segment per batch
    assert p.stats() == (len(docs), sum(len(t) for t in docs.values()))
    assert p.chunk_numbers() == set(docs)
    before = [p.search(q, 15) for q in (["w2"], ["w4", "w40"])]
    p.merge()
    assert p.segments() == 1
    assert [p.search(q, 15) for q in (["w2"], ["w4", "w40"])] == before


def test_search_edges():
    db = sqlite3.connect(":memory:", isolation_level=None)
    p = Postings(db)
    assert p.search(["truce"], 5) == []  # empty index
    p.add({1: ["truce", "isis"], 2: ["isis"], 3: ["merger"]})
    assert p.search([], 5) == [] and p.search(["absent"], 5) == [] and p.search(["isis"], 0) == []
    assert [d for d, _ in p.search(["isis", "truce"], 1)] == [1]
    assert {d for d, _ in p.search(["isis"], 10)} == {1, 2}  # only matching chunks, never zero scores
    p.remove({1: ["truce", "isis"], 2: ["isis"], 3: ["merger"]})
    assert p.search(["isis"], 5) == [] and p.stats() == (0, 0) and p.chunk_numbers() == set()


def _corpus(tmp_path, texts):
    """A folder of one-article files."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i, text in enumerate(texts):
        (corpus / f"{i}.txt").write_text(text)
    return corpus


def test_an_index_written_with_fts5_moves_to_postings_on_open(tmp_path):
    """Indexes built before the postings (BM25 in an FTS5 table) are carried over once, results unchanged."""
    from index.embed import HashingEmbeddings
    from index.ingest import ingest
    from index.settings import Settings
    from index.store import Store
    from index.text import terms

    corpus = _corpus(tmp_path, ["ISIS and al-Nusra agreed to a truce, officials say.",
                                "U.S. officials haven't confirmed the truce between the rebels.",
                                "Kozak says the merger could be real. Rebels in Aleppo deny it."])
    settings = Settings(persist_dir=tmp_path / "idx", embedding_model="hashing-64")
    store = Store.open(settings, HashingEmbeddings(64))
    ingest(corpus, store)
    queries = [terms("truce"), terms("officials confirmed merger"), terms("Aleppo rebels")]
    before = [store.catalog.bm25(q, 10) for q in queries]
    # rewrite the catalog's BM25 as the former layout had it: an FTS5 table of the chunks' terms
    db = store.catalog._db
    db.execute("CREATE VIRTUAL TABLE chunk_fts USING fts5(body, tokenize='unicode61')")
    for n, article_id, start, end in db.execute("SELECT n, article_id, start, end FROM chunks").fetchall():
        text = db.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()[0]
        db.execute("INSERT INTO chunk_fts(rowid, body) VALUES (?, ?)", (n, " ".join(terms(text[start:end]))))
    db.execute("DELETE FROM post")
    db.execute("DELETE FROM segs")
    db.execute("UPDATE post_stats SET docs = 0, tokens = 0")
    assert all(store.catalog.bm25(q, 10) == [] for q in queries)
    store.catalog.close()

    reopened = Store.open(settings, HashingEmbeddings(64))
    assert [reopened.catalog.bm25(q, 10) for q in queries] == before and all(before)
    assert not reopened.catalog._db.execute("SELECT 1 FROM sqlite_master WHERE name='chunk_fts'").fetchone()


def test_an_index_written_by_another_stemmer_is_reanalysed_on_open(tmp_path, monkeypatch):
    """Postings and vocabulary written with the former stemmer ("embedded" → "embedd") would miss
    "embed" in a question: the catalog re-derives them once, then matches a fresh build exactly."""
    import index.catalog as catalog_mod
    from index.embed import HashingEmbeddings
    from index.ingest import ingest
    from index.settings import Settings
    from index.store import Store
    from index.text import terms

    corpus = _corpus(tmp_path, ["Khorasan members have embedded with Nusra, officials say.",
                                "The rebels planned an attack. Kozak stopped talking.",
                                "Nothing here matches."])

    def old_terms(text: str) -> list[str]:  # the former stemmer left the doubled consonant
        return [t + t[-1] if t in ("embed", "plan", "stop") else t for t in terms(text)]

    fresh = Store.open(Settings(persist_dir=tmp_path / "fresh", embedding_model="hashing-64"), HashingEmbeddings(64))
    ingest(corpus, fresh)
    queries = [terms("Where did they embed?"), terms("plan attack"), terms("stop")]
    expected = [fresh.catalog.bm25(q, 10) for q in queries]
    vocab = sorted(fresh.catalog._db.execute("SELECT term, df FROM vocab").fetchall())
    assert all(expected)

    settings = Settings(persist_dir=tmp_path / "old", embedding_model="hashing-64")
    monkeypatch.setattr(catalog_mod, "terms", old_terms)
    old = Store.open(settings, HashingEmbeddings(64))
    ingest(corpus, old)
    old.catalog._db.execute("UPDATE meta SET value='stem-1' WHERE key='analyzer'")
    assert old.catalog.bm25(queries[0], 10) == []
    old.catalog.close()
    monkeypatch.undo()

    reopened = Store.open(settings, HashingEmbeddings(64))
    assert [reopened.catalog.bm25(q, 10) for q in queries] == expected
    assert sorted(reopened.catalog._db.execute("SELECT term, df FROM vocab").fetchall()) == vocab
    assert reopened.catalog._postings.segments() == 1
