"""Removing articles: vectors, sentences and postings go together, crash-safe (SIGKILL midway)."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from index.errors import ArticleNotFoundError
from tests.conftest import ROOT, SEEDS
from tests.reliability.conftest import cli, index_state, make_corpus


def _state(bot):
    catalog = bot.store.catalog.chunk_ids()
    chroma = set(bot.store.collection.get(include=[])["ids"])
    return catalog, chroma


def test_remove_by_id_and_by_path_leaves_nothing_behind(hashing_bot):
    truce = "Did ISIS and al-Qaida agree to a truce?"
    seed = next(a for a in hashing_bot.articles() if a.path.endswith("002_0f3d202c9fb36807.txt"))
    assert any(c.article_id == seed.id for c in hashing_bot.ask(truce).citations)
    removed = hashing_bot.remove(seed.id)
    assert [a.id for a in removed] == [seed.id]
    assert hashing_bot.article(seed.id) is None and hashing_bot.sentences(seed.id) == []
    catalog, chroma = _state(hashing_bot)
    assert catalog == chroma and catalog
    assert all(c.article_id != seed.id for c in hashing_bot.ask(truce).citations)
    other = str(SEEDS / "000_87bc96581ec6b191.txt")
    assert len(hashing_bot.remove(other)) == 1 and hashing_bot.articles() == []
    assert _state(hashing_bot) == (set(), set()) and hashing_bot.store.catalog.bm25(["truce"], 5) == []
    assert hashing_bot.ask(truce).abstained
    with pytest.raises(ArticleNotFoundError, match="sourcecheck articles"):
        hashing_bot.remove(seed.id)


def test_removed_article_comes_back_when_ingested_again(hashing_bot):
    before = _state(hashing_bot)
    hashing_bot.remove(str(SEEDS))  # a folder: every article from it
    assert hashing_bot.articles() == []
    hashing_bot.add_files(sorted(SEEDS.iterdir()))
    assert _state(hashing_bot) == before


def _answered_from_whole_articles(data):
    """Every chunk the catalog knows belongs to a whole article (its sentences and vectors present)."""
    db = sqlite3.connect(data / "index" / "catalog-articles.sqlite")
    articles = {r[0] for r in db.execute("SELECT id FROM articles")}
    chunk_articles = {r[0] for r in db.execute("SELECT DISTINCT article_id FROM chunks")}
    with_sentences = {r[0] for r in db.execute("SELECT DISTINCT article_id FROM sentences")}
    with_vectors = {r[0] for r in db.execute("SELECT article_id FROM svec")}
    db.close()
    assert chunk_articles == articles == with_sentences == with_vectors
    return articles


def _wait_until_removing(data, count, proc, seconds=120):
    """Return once the removal process has committed its first removal (or ended)."""
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        db = sqlite3.connect(data / "index" / "catalog-articles.sqlite", timeout=30)
        n = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        db.close()
        if n < count:
            return
        time.sleep(0.02)


@pytest.mark.slow
def test_sigkill_during_removal_leaves_no_half_removed_article(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 120)
    data = tmp_path / "data"
    assert cli(["ingest", str(corpus)], data).returncode == 0
    ids = [r["id"] for r in json.loads(cli(["articles", "--json"], data).stdout)]
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(data))
    rng = random.Random(16)
    kills = partial = 0
    for _cycle in range(6):
        batch = ids[:15]
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "remove", *batch], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_until_removing(data, len(ids), proc)
        time.sleep(rng.uniform(0.0, 0.5))  # somewhere among the 15 removals (each a commit, then a Chroma delete)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        left = _answered_from_whole_articles(data)
        partial += 0 < len(set(batch) - left) < len(batch)
        assert set(ids) - set(batch) <= left <= set(ids), "an article not asked for was removed"
        catalog, chroma, postings = index_state(data)
        assert catalog <= chroma and postings == len(catalog)  # extra vectors are orphans, never answered from
        ids = [i for i in ids if i in left]
        from bot import Bot
        from index.settings import Settings

        answer = Bot.open(Settings(data_dir=data)).ask("What did officials say about the truce?")
        assert all(c.article_id in left for c in answer.citations)
    assert kills >= 3 and partial >= 2, (kills, partial)
    assert cli(["ingest", str(corpus)], data).returncode == 0  # reconcile: orphan vectors deleted
    catalog, chroma, postings = index_state(data)
    assert catalog == chroma and postings == len(catalog)
