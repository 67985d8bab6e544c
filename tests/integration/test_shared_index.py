"""Two "machines" (separate data directories, nothing shared on disk) on one PostgreSQL and one `chroma run`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, SEEDS
from tests.servers import chroma_server, pg  # noqa: F401  (fixtures)

CLI = [sys.executable, "-m", "bot.cli"]


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + list(args), env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_an_article_ingested_on_one_machine_is_answered_on_the_other(pg, chroma_server, tmp_path):  # noqa: F811
    url, schema = pg
    envs = [dict(os.environ, SOURCECHECK_DATA_DIR=str(tmp_path / name), SOURCECHECK_CATALOG_URL=url,
                 SOURCECHECK_CHROMA_URL=chroma_server, SOURCECHECK_COLLECTION=schema) for name in ("m1", "m2")]
    out = _run(envs[0], "ingest", str(SEEDS), "--json")
    assert out.returncode == 0, out.stderr
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "q.txt").write_text("Quokka report. Officials said the quokka census counted 412 quokkas on Rottnest.")
    out = _run(envs[1], "ingest", str(extra), "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["added"] == 1, out.stderr
    for question in ("Who leads the Syrian Revolutionaries Front?", "How many quokkas did the census count?"):
        answers = [json.loads(_run(env, "ask", question, "--json").stdout) for env in envs]
        for a in answers:
            a.pop("latency_ms", None)
        assert answers[0] == answers[1] and answers[0]["citations"], question
    assert "412" in answers[1]["citations"][0]["quote"]
    assert not [p for p in tmp_path.rglob("*") if p.suffix == ".sqlite" or p.name == "chroma"], "nothing on disk"


def test_a_stopped_catalog_server_is_a_clear_error(tmp_path):
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(tmp_path), SOURCECHECK_CATALOG_URL="postgresql://postgres@127.0.0.1:1/x")
    out = _run(env, "ask", "Who is Chris Kozak?")
    assert out.returncode == 2 and "Fix: start PostgreSQL" in out.stderr and "Traceback" not in out.stderr
