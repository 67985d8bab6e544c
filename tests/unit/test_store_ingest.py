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
