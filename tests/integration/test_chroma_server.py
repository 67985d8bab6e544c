"""The same code against a real `chroma run` server on a loopback port: ingest, query from two processes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, free_port, wait_for_port


@pytest.fixture()
def chroma_server(tmp_path):
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert exe, "the chroma CLI ships with chromadb"
    port = free_port()
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_for_port(port, proc, 60):
        proc.kill()
        pytest.fail("chroma run did not start")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_two_concurrent_readers_on_a_chroma_server(chroma_server, tmp_path):
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(tmp_path / "data"), SOURCECHECK_CHROMA_URL=chroma_server)
    cli = [sys.executable, "-m", "bot.cli"]
    out = subprocess.run(cli + ["ingest", str(SEEDS), "--json"], env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["added"] == 2
    assert not (tmp_path / "data" / "index" / "chroma").exists(), "vectors must live on the server"
    questions = ["Who leads the Syrian Revolutionaries Front?", "Who is Chris Kozak?"]
    procs = [subprocess.Popen(cli + ["ask", q, "--json"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for q in questions]
    results = [p.communicate(timeout=300) for p in procs]
    for (stdout, stderr), needle in zip(results, ["Jamal Maarouf", "Chris Kozak"], strict=True):
        data = json.loads(stdout)
        assert any(needle in c["quote"] for c in data["citations"]), stderr

    import chromadb

    host, port = chroma_server.rsplit(":", 1)
    client = chromadb.HttpClient(host="127.0.0.1", port=int(port))
    assert client.get_collection("articles").count() == 17


def test_unreachable_server_is_a_clear_error(tmp_path):
    env = dict(os.environ, SOURCECHECK_DATA_DIR=str(tmp_path), SOURCECHECK_CHROMA_URL=f"http://127.0.0.1:{free_port()}")
    out = subprocess.run([sys.executable, "-m", "bot.cli", "ingest", str(SEEDS)], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 2 and "chroma run" in out.stderr and "Traceback" not in out.stderr
