"""The CLI finds `sourcecheck eval` through the entry-point group, not by importing eval."""

import ast
from pathlib import Path

import pytest

from bot import cli

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | \
        {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}


def test_cli_does_not_import_eval_and_check_does_not_import_the_bot():
    assert not any(m.startswith("eval") for m in _imports(ROOT / "bot" / "cli.py"))
    assert "bot.bot" not in _imports(ROOT / "bot" / "check.py")


def test_eval_subcommand_is_registered():
    args = cli.parser().parse_args(["eval", "--baseline"])
    assert args.command == "eval"
