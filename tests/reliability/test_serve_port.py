"""The page's port: `make chat PORT=N` passes it on; a taken port is one clear line, no traceback."""

import socket
import subprocess

from tests.conftest import ROOT
from tests.reliability.conftest import cli


def test_a_taken_port_is_one_clear_line(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = cli(["serve", "--port", str(port), "--corpus", str(ROOT / "index" / "articles")], tmp_path, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "is taken" in lines[0] and "make chat PORT=" in lines[0]


def test_make_chat_takes_a_port_and_the_cli_default_data_dir():
    dry = subprocess.run(["make", "-n", "chat", "PORT=7875"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "serve --corpus index/articles --port 7875" in dry.stdout
    assert "SOURCECHECK_DATA_DIR" not in dry.stdout  # make no longer points the page at ./data
