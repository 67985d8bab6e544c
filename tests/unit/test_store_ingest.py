import pytest

from index.embed import HashingEmbeddings
from index.errors import IndexMismatchError
from index.ingest import ingest
from index.settings import Settings
from index.store import Store

ARTICLE = "title: A\n\nISIS and al-Nusra agreed to a truce, officials say. U.S. officials haven't confirmed it."


def open_store(path, **kw):
    return Store.open(Settings(persist_dir=path, **kw), HashingEmbeddings(64))


def chroma_ids(store):
    return set(store.collection.get(include=[])["ids"])


def test_reingest_adds_nothing_and_ids_are_stable(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    store = open_store(tmp_path / "idx")
    first = ingest(corpus, store)
    ids = chroma_ids(store)
    assert first.added == 1 and first.chunks_added == len(ids) > 0
    second = ingest(corpus, store)
    assert (second.added, second.chunks_added, second.skipped) == (0, 0, 1)
    assert chroma_ids(store) == ids == store.catalog.chunk_ids()


def test_renamed_or_copied_file_adds_no_chunk(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    store = open_store(tmp_path / "idx")
    ingest(corpus, store)
    n = store.count()
    (corpus / "a.txt").rename(corpus / "b.txt")
    (corpus / "copy.txt").write_text(ARTICLE)
    report = ingest(corpus, store)
    assert report.chunks_added == 0 and store.count() == n == len(chroma_ids(store))


def test_edited_file_replaces_its_chunks_without_orphans(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    p = corpus / "a.txt"
    p.write_text(ARTICLE)
    store = open_store(tmp_path / "idx")
    ingest(corpus, store)
    old = chroma_ids(store)
    p.write_text(ARTICLE.replace("truce", "cease-fire"))
    report = ingest(corpus, store)
    assert report.replaced == 1
    new = chroma_ids(store)
    assert new == store.catalog.chunk_ids() and not (old & new)
    assert store.catalog.count_articles() == 1


def test_bad_file_is_reported_and_good_ones_indexed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "empty.md").write_text("")
    report = ingest(corpus, open_store(tmp_path / "idx"))
    assert report.added == 1 and len(report.rejected) == 1 and "empty.md" in report.rejected[0][0]


def test_index_refuses_other_chunk_settings(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    store = open_store(tmp_path / "idx")
    ingest(corpus, store)
    store.catalog.close()
    with pytest.raises(IndexMismatchError) as err:
        open_store(tmp_path / "idx", chunk_max_chars=900)
    assert "chunk_max_chars=600" in str(err.value) and "Fix:" in str(err.value)


def test_index_refuses_other_embedding_model(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    ingest(corpus, open_store(tmp_path / "idx"))
    with pytest.raises(IndexMismatchError, match="hashing-64"):
        Store.open(Settings(persist_dir=tmp_path / "idx"), HashingEmbeddings(32))


def test_orphan_vectors_from_a_killed_run_are_reconciled(tmp_path):
    store = open_store(tmp_path / "idx")
    import numpy as np

    store.upsert(["orphan1"], ["x"], np.ones((1, 64), dtype=np.float32) / 8, [{"article_id": "zz"}])
    assert store.reconcile() == 1 and chroma_ids(store) == set()


def test_bm25_finds_spelling_variants(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Al Qaeda sent fighters. The weather was mild.")
    store = open_store(tmp_path / "idx")
    ingest(corpus, store)
    hits = store.catalog.bm25(store.catalog.expand(["qaida"]), 5)
    assert len(hits) == 1


def test_chunk_count_follows_writes_from_another_connection(tmp_path):
    from index.catalog import Catalog
    from index.ingest import prepare
    from index.loader import parse_article

    path = tmp_path / "catalog.sqlite"
    reader, writer = Catalog(path), Catalog(path)
    assert reader.count_chunks() == 0
    for i, text in enumerate([ARTICLE, "Another article. It says two things."]):
        article = parse_article(text, f"{i}.txt")
        sentences, chunks = prepare(article, Settings())
        writer.add_articles([(article, sentences, chunks)])
        assert reader.count_chunks() == writer.count_chunks() == sum(1 for _ in writer.chunk_ids())


def test_article_caches_are_bounded_lru():
    from index.lru import Lru

    cache: Lru[int] = Lru(3)
    for key in "abc":
        cache.put(key, ord(key))
    assert cache.get("a") == ord("a")  # a is now the most recently used
    cache.put("d", 0)
    assert cache.get("b") is None and [cache.get(k) is not None for k in "acd"] == [True] * 3
    assert len(cache._d) == 3


def test_identical_files_in_one_run_index_the_article_once_with_its_chunks(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text(ARTICLE)
    store = open_store(tmp_path / "idx")
    report = ingest(corpus, store)
    assert (report.added, report.skipped) == (1, 2)
    (article_id,) = set(report.article_ids)
    assert len(store.catalog.sentences(article_id)) == 2
    assert sorted(store.catalog.paths_of(article_id)) == sorted(str(corpus / n) for n in ("a.txt", "b.txt", "c.txt"))
    assert chroma_ids(store) == store.catalog.chunk_ids() != set()


def test_a_failing_write_stops_ingest_and_commits_nothing_after_it(tmp_path, monkeypatch):
    from index.errors import StoreError
    from index.ingest import ingest_articles
    from index.loader import parse_article

    store = open_store(tmp_path / "idx")
    calls = []

    def upsert(*args, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise StoreError("disk full. Fix: free some space")
        return original(*args, **kw)

    original = store.upsert
    monkeypatch.setattr(store, "upsert", upsert)
    articles = [parse_article(f"Article {i} says a thing. It is {i} long.", f"{i}.txt") for i in range(40)]
    with pytest.raises(StoreError, match="disk full"):
        ingest_articles(iter(articles), store, batch_chunks=5)
    assert 0 < store.catalog.count_articles() < 40  # the first batch landed, nothing after the failure
    assert chroma_ids(store) == store.catalog.chunk_ids()


def test_progress_reports_every_file_in_order(tmp_path):
    from index.ingest import ingest_articles
    from index.loader import parse_article

    store = open_store(tmp_path / "idx")
    seen = []
    articles = [parse_article(f"Article {i} says a thing.", f"{i}.txt") for i in range(30)]
    ingest_articles(iter(articles), store, progress=lambda i, total, name: seen.append((i, name)), total=30,
                    batch_chunks=4)
    assert seen == [(i + 1, f"{i}.txt") for i in range(30)]


def test_an_error_while_reading_articles_reaches_the_caller_after_earlier_batches_land(tmp_path):
    from index.ingest import ingest_articles
    from index.loader import parse_article

    store = open_store(tmp_path / "idx")

    def articles():
        for i in range(20):
            yield parse_article(f"Article {i} says a thing. It is {i} long.", f"{i}.txt")
        raise RuntimeError("the archive is truncated")

    with pytest.raises(RuntimeError, match="truncated"):
        ingest_articles(articles(), store, batch_chunks=3)
    assert 0 < store.catalog.count_articles() <= 20
    assert chroma_ids(store) == store.catalog.chunk_ids()


def test_sentence_dict_round_trip_covers_every_field():
    from dataclasses import fields

    from index.types import Holder, Inherited, Sentence

    s = Sentence("a", 1, 9, "text", "hedged", ("hedged", "attributed"), "cue", Holder("AP", ("X",), True), True,
                 "scope", Inherited("unconfirmed", 20, 30, "from", None), "negative", "did not")
    assert set(s.to_dict()) == {f.name for f in fields(Sentence)}
    assert Sentence.from_dict(s.to_dict()) == s


def test_merging_bm25_segments_changes_no_result(tmp_path):
    from index.ingest import ingest_articles
    from index.loader import parse_article

    store = open_store(tmp_path / "idx")
    words = ["truce", "merger", "rebels", "Aleppo", "Nusra", "Kozak", "officials", "report"]
    for i in range(13):  # thirteen small ingests: ten merged into one, three left as they are
        text = " ".join(f"{words[(i + j) % 8]} item{j} said {words[(i * j) % 8]} in dispatch{i}." for j in range(6))
        ingest_articles(iter([parse_article(text, f"{i}.txt")]), store)
    from index.text import terms

    queries = [terms("truce"), terms("merger Kozak"), terms("Aleppo rebels report")]
    before = [store.catalog.bm25(q, 10) for q in queries]
    assert store.catalog._postings.segments() == 4
    store.catalog.optimize_bm25()
    assert store.catalog._postings.segments() == 1
    assert [store.catalog.bm25(q, 10) for q in queries] == before
    assert all(before)


def test_warm_up_loads_the_vector_index_and_ends(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    store = open_store(tmp_path / "idx")
    empty = store.warm_up()
    empty.join(timeout=60)
    ingest(corpus, store)
    thread = store.warm_up()
    thread.join(timeout=60)
    assert not empty.is_alive() and not thread.is_alive() and not thread.daemon
    vector = store.embedder.encode(["truce"])[0]
    assert store.dense(vector, 3)  # the index answers as before
