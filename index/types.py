"""Core types of the write path: articles, annotated sentences, chunks.

Example:
    >>> a = Article(id="x", path="x.txt", text="Hello.")
    >>> a.to_dict()["id"]
    'x'
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = (
    "asserted",
    "attributed",
    "hedged",
    "unconfirmed",
    "disputed",
    "conditional",
    "speculative",
)
# Main-status order: the most consequential status a sentence carries wins.
STATUS_PRIORITY = ("disputed", "unconfirmed", "conditional", "speculative", "hedged", "attributed", "asserted")


def content_hash(*parts: str, length: int = 16) -> str:
    """Stable hex hash of text parts.

    Example:
        >>> content_hash("a", "b") == content_hash("a", "b")
        True
    """
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One article; `text` is its extracted text (header lines removed; offsets point into it).

    `path` is where it came from (a file, `file#row` of an export, or a URL); `warnings` lists
    metadata that was kept raw or dropped while loading (not stored).
    """

    id: str
    path: str
    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    body_start: int = 0
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Sentence:
    """A sentence with its offsets and epistemic annotation; `text == article.text[start:end]`."""

    article_id: str
    start: int
    end: int
    text: str
    status: str = "asserted"
    statuses: tuple[str, ...] = ("asserted",)
    cue: str = ""
    holder: str = ""
    uncertain: bool = False
    scope: str = ""
    inherited: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (written out by hand: `asdict` was 1% of ingest time)."""
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "status": self.status, "statuses": list(self.statuses), "cue": self.cue, "holder": self.holder,
                "uncertain": self.uncertain, "scope": self.scope, "inherited": self.inherited}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        """Inverse of `to_dict`."""
        if d.keys() == _FIELDS:
            # A complete dict as `to_dict` writes it: fill the instance directly (the frozen
            # dataclass `__init__` sets each field through `object.__setattr__`, 3× slower).
            obj = object.__new__(cls)
            obj.__dict__.update(d)
            obj.__dict__["statuses"] = tuple(d["statuses"])
            return obj
        return cls(d["article_id"], d["start"], d["end"], d["text"], d.get("status", "asserted"),
                   tuple(d.get("statuses", ("asserted",))), d.get("cue", ""), d.get("holder", ""),
                   d.get("uncertain", False), d.get("scope", ""), d.get("inherited", ""))


_FIELDS = frozenset(Sentence.__dataclass_fields__)


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences; id = hash of article id, span and text."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)

    def metadata(self, article: Article) -> dict[str, str | int | float | bool]:
        """Flat metadata for the vector store."""
        statuses = sorted({st for s in self.sentences for st in s.statuses})
        return {
            "article_id": self.article_id,
            "source": article.path,
            "title": article.title,
            "outlet": article.outlet,
            "date": article.date,
            "start": self.start,
            "end": self.end,
            "statuses": ",".join(statuses),
            "uncertain": any(s.uncertain for s in self.sentences),
        }
