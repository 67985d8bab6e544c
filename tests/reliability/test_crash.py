"""Crash safety: SIGKILL `sourcecheck ingest` at random moments, run it again, end like a clean run.

Each of the 10 cycles first gives the ingest work to do (new files and edited ones, so replacements
are killed half-way too), starts it, and kills it at a random moment. A final run must then leave
exactly the chunks a clean run over the final files makes: nothing lost, nothing doubled, no orphan,
and the BM25 index agreeing with Chroma.
"""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.reliability.conftest import cli, index_state, make_corpus


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_and_doubles_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    files = make_corpus(corpus, 200)
    data = tmp_path / "killed"
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(data))
    rng = random.Random(2026)
    assert cli(["ingest", str(corpus)], data).returncode == 0
    kills = 0
    for cycle in range(10):
        for f in rng.sample(files, 40):  # edits: their old chunks must go, their new ones come
            f.write_text(f.read_text(encoding="utf-8") + f" Update {cycle}: officials said more.\n", encoding="utf-8")
        files += make_corpus(corpus / f"new-{cycle}", 80, start=1000 + 100 * cycle)  # new articles
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "ingest", str(corpus)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 5.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 5
    final = cli(["ingest", str(corpus), "--json"], data)
    assert final.returncode == 0, final.stderr

    clean = tmp_path / "clean"
    assert cli(["ingest", str(corpus)], clean).returncode == 0
    want, chroma_clean, fts_clean = index_state(clean)
    assert want == chroma_clean and fts_clean == len(want)

    catalog, chroma, fts = index_state(data)
    assert catalog == want, f"{len(want - catalog)} chunks lost, {len(catalog - want)} extra after kills"
    assert chroma == want, "Chroma disagrees with the catalog"
    assert fts == len(want), "BM25 disagrees with the catalog"
