"""PostgreSQL stopped under a running page server (issue 18, Build 4): a clear error, then answers resume.

The test runs its own throw-away cluster (`tests/pg_cluster.py`) so it may stop it. While it is down
the page says what is wrong and how to fix it (asking, checking a claim, adding an article), as does
the CLI (one line, exit 2, no traceback); once it is back the same page server process, never
restarted, answers as before.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.page_servers import add, ask, serving, shared_env
from tests.pg_cluster import own_pg  # noqa: F401  (fixture)
from tests.servers import chroma_server  # noqa: F401  (fixture)

QUESTION = "Who leads the Syrian Revolutionaries Front?"
FIX = "Fix: start PostgreSQL"


def test_a_stopped_postgres_is_a_clear_error_and_answers_resume(own_pg, chroma_server, tmp_path):  # noqa: F811
    env = shared_env(tmp_path / "m1", own_pg.url, chroma_server, "outage")
    with serving([env]) as (page,):
        client = page.client()
        before = ask(client, QUESTION)
        assert "sc-cite" in before["answer"]
        own_pg.stop()
        down = ask(client, QUESTION)["answer"]
        assert "cannot reach the PostgreSQL catalog" in down and FIX in down, down
        assert FIX in client.predict("ISIS and al-Nusra agreed to a truce", api_name="/check")
        assert FIX in add(client, "Outage note", "Officials said the line was down. Nothing else happened.")
        cli = subprocess.run([sys.executable, "-m", "bot.cli", "ask", QUESTION], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 2 and "Traceback" not in cli.stderr, cli.stderr
        assert len(cli.stderr.strip().splitlines()) == 1 and FIX in cli.stderr
        own_pg.start()
        assert ask(client, QUESTION) == before, "answers resume without restarting the page server"
        assert "1 articles added" in add(client, "Back up", "Officials said the line came back on Tuesday.")
        assert page.proc.poll() is None
