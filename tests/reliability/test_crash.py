"""Crash safety: SIGKILL `sourcecheck ingest` at random moments, run it again, end like a clean run."""

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
    make_corpus(corpus, 500)
    clean = tmp_path / "clean"
    assert cli(["ingest", str(corpus)], clean).returncode == 0
    want, chroma, fts = index_state(clean)
    assert want == chroma and fts == len(want)

    data = tmp_path / "killed"
    rng = random.Random(2026)
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(data))
    kills = 0
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "ingest", str(corpus)], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(4.0, 22.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 5
    final = cli(["ingest", str(corpus), "--json"], data)
    assert final.returncode == 0, final.stderr
    catalog, chroma, fts = index_state(data)
    assert catalog == want, "chunks lost or doubled after kills"
    assert chroma == want, "Chroma disagrees with the catalog"
    assert fts == len(want), "BM25 disagrees with the catalog"
