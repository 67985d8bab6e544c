"""The `Writer` protocol that the extractive and the LLM writers share, and the extractive writer.

`Bot.ask_stream` drives any writer the same way: pick the sources, stream a draft, write the draft.

Example:
    >>> w = ExtractiveWriter(3)
    >>> w.name, list(w.stream(None, []))
    ('extractive', [])
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from bot.compose import Draft, compose
from bot.types import Evidence
from index.catalog import Catalog


@runtime_checkable
class Writer(Protocol):
    """Writes an answer draft from evidence; `assemble` verifies and numbers it afterwards."""

    name: str

    def pick(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """The evidence the writer works from."""
        ...

    def stream(self, q: Any, evidence: Sequence[Evidence]) -> Iterator[str]:
        """Raw text as it is written (nothing for a writer that does not stream)."""
        ...

    def write(self, q: Any, chosen: Sequence[Evidence], evidence: Sequence[Evidence], catalog: Catalog,
              raw: str | None = None) -> tuple[Draft, list[str], bool]:
        """(draft, warnings, fell_back): fell_back asks the caller for the extractive draft instead."""
        ...


class ExtractiveWriter:
    """Quotes the articles' own sentences (framed so reports stay reports); never falls back."""

    name = "extractive"

    def __init__(self, limit: int, type_margin: float = 0.0, limits: Any = None) -> None:
        self.limit = limit
        self.type_margin = type_margin  # Settings.answer_type_margin
        self.limits = limits  # Settings.answer (AnswerSettings)

    def pick(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """All the evidence: `compose` selects what it quotes."""
        return list(evidence)

    def stream(self, q: Any, evidence: Sequence[Evidence]) -> Iterator[str]:
        """Nothing to stream: the draft is ready at once."""
        return iter(())

    def write(self, q: Any, chosen: Sequence[Evidence], evidence: Sequence[Evidence], catalog: Catalog,
              raw: str | None = None) -> tuple[Draft, list[str], bool]:
        """The extractive draft (see `bot.compose.compose`)."""
        return compose(q, evidence, catalog, self.limit, self.type_margin, self.limits), [], False
