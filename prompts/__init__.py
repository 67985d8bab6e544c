"""Prompt templates (text only) for the optional LLM writer, loaded once and checked for their variables.

Example:
    >>> sorted(variables(load("answer_user")))
    ['question', 'sources']
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from index.errors import ConfigError

HERE = Path(__file__).resolve().parent
EXPECTED = {"answer_system": set(), "answer_user": {"question", "sources"}}


def variables(template: str) -> set[str]:
    """The `{name}` fields of a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def load(name: str) -> str:
    """Read `prompts/NAME.txt` and check it has exactly the variables the code fills."""
    path = HERE / f"{name}.txt"
    if not path.exists():
        raise ConfigError(f"prompt {path} is missing. Fix: restore it from the repository")
    text = path.read_text(encoding="utf-8")
    want = EXPECTED.get(name, set())
    got = variables(text)
    if got != want:
        raise ConfigError(f"prompt {path} has variables {sorted(got)}, the code fills {sorted(want)}. "
                          "Fix: edit the template so they match")
    return text
