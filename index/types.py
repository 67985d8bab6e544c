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
class Holder:
    """Who a claim is attributed to: the source the article names, then the sources it cites.

    `name` is the outermost source as the article words it ("the AP"); `chain` the sources that one
    cites, outermost first ("these opposition officials"); `named` is True when a source is named (a
    capitalised name or a pronoun), False for vague ones ("some experts"). An unnamed source ("it was
    reported", "sources said") is `Holder()`: empty name and chain. A sentence without any holder
    has `Sentence.holder is None`.

    Example:
        >>> h = Holder("the AP", ("these opposition officials",), True)
        >>> h.label, Holder().label, Holder("he", (), True, "Jamal Maarouf").label
        ('the AP, citing these opposition officials', 'unnamed source', 'he (Jamal Maarouf)')
        >>> Holder.from_dict(h.to_dict()) == h, Holder.from_dict("the AP, citing X").chain
        (True, ('X',))
    """

    name: str = ""
    chain: tuple[str, ...] = ()
    named: bool = False
    refers_to: str = ""  # for a pronoun ("he"): the named person it stands for, when unambiguous

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source, outermost first (empty for an unnamed source)."""
        return (self.name, *self.chain) if self.name else self.chain

    @property
    def unnamed(self) -> bool:
        """True for an unnamed source ("it was reported")."""
        return not self.sources

    @property
    def label(self) -> str:
        """The chain for display: "the AP, citing these opposition officials", "he (Jamal Maarouf)" for a
        resolved pronoun, or "unnamed source"."""
        first = f"{self.name} ({self.refers_to})" if self.name and self.refers_to else self.name
        return ", citing ".join((first, *self.chain) if first else self.chain) or "unnamed source"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        d: dict[str, Any] = {"name": self.name, "chain": list(self.chain), "named": self.named}
        if self.refers_to:
            d["refers_to"] = self.refers_to
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | str | None) -> Holder | None:
        """Inverse of `to_dict`; also reads the string older indexes stored ("X, citing Y", "unnamed")."""
        if d is None or d == "":
            return None
        if isinstance(d, str):
            parts = tuple(p.strip() for p in d.split(", citing ") if p.strip())
            if parts in {(), ("unnamed",)}:
                return cls()
            return cls(parts[0], parts[1:], any(w[:1].isupper() for p in parts for w in p.split()[1:] or p.split()))
        return cls(d.get("name", ""), tuple(d.get("chain", ())), bool(d.get("named", False)), d.get("refers_to", ""))


@dataclass(frozen=True)
class Inherited:
    """A status a sentence takes from another sentence of its article (typed, never parsed back).

    `status` is "attributed" (the sentence continues the report of `holder`), "unconfirmed" or
    "disputed" (a non-confirmation or denial elsewhere reaches it); `start`, `end`, `text` locate
    that other sentence in the article.

    Example:
        >>> i = Inherited("unconfirmed", 10, 40, "U.S. officials haven't confirmed it.")
        >>> Inherited.from_dict(i.to_dict()) == i, Inherited.from_dict("disputed: Nobody did.").text
        (True, 'Nobody did.')
    """

    status: str
    start: int = 0
    end: int = 0
    text: str = ""
    holder: Holder | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"status": self.status, "start": self.start, "end": self.end, "text": self.text,
                "holder": self.holder.to_dict() if self.holder else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | str | None) -> Inherited | None:
        """Inverse of `to_dict`; also reads the strings older indexes stored ("status: text")."""
        if not d:
            return None
        if isinstance(d, str):
            if d.startswith("continues the report of "):
                return cls("attributed", holder=Holder.from_dict(d.removeprefix("continues the report of ")))
            status, _, text = d.partition(": ")
            return cls(status, text=text)
        return cls(d["status"], d.get("start", 0), d.get("end", 0), d.get("text", ""), Holder.from_dict(d.get("holder")))


@dataclass(frozen=True)
class Attribution:
    """One attribution the parse found in a sentence: who (`holder`), the cue word, and where its
    content lies (`start`, `end`: article offsets, first to last word of the reported content).

    `share` is the part of the sentence that content makes up: the sentence is `attributed` when one
    attribution dominates it (`index.rules.RULES.attributed_share`); a minor one ("The bill passed
    Tuesday, a vote Smith called a disaster") is kept here, so that a phrase quoted from inside its
    content can still be framed as Smith's (`Sentence.holder_at`).

    Example:
        >>> a = Attribution(Holder("Smith", (), True), "called", 30, 40, "speech_verb", 0.2)
        >>> Attribution.from_dict(a.to_dict()) == a, a.covers(31, 39), a.covers(0, 10)
        (True, True, False)
    """

    holder: Holder | None
    cue: str
    start: int
    end: int
    rule: str = ""
    share: float = 0.0

    def covers(self, start: int, end: int) -> bool:
        """True when the article span [start, end) lies inside the content."""
        return self.start <= start and end <= self.end

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"holder": self.holder.to_dict() if self.holder else None, "cue": self.cue, "start": self.start,
                "end": self.end, "rule": self.rule, "share": self.share}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        """Inverse of `to_dict`."""
        return cls(Holder.from_dict(d.get("holder")), d.get("cue", ""), d.get("start", 0), d.get("end", 0),
                   d.get("rule", ""), float(d.get("share", 0.0)))


@dataclass(frozen=True)
class Sentence:
    """A sentence with its offsets and epistemic annotation; `text == article.text[start:end]`.

    `holder` is None when nobody is cited (see `Holder`); `polarity` is "negative" when the writer
    states that something did not happen ("did not sign", "no evidence of"), with `polarity_cue`.
    `attributions` lists every attribution the parse found in it, minor ones included (`Attribution`).

    Example:
        >>> s = Sentence("a", 0, 5, "Hello", "attributed", ("attributed",), "said", Holder("Ann", (), True))
        >>> Sentence.from_dict(s.to_dict()) == s, s.polarity
        (True, 'positive')
        >>> Sentence.from_dict({**s.to_dict(), "holder": "unnamed", "inherited": ""}).holder
        Holder(name='', chain=(), named=False, refers_to='')
    """

    article_id: str
    start: int
    end: int
    text: str
    status: str = "asserted"
    statuses: tuple[str, ...] = ("asserted",)
    cue: str = ""
    holder: Holder | None = None
    uncertain: bool = False
    scope: str = ""
    inherited: Inherited | None = None
    polarity: str = "positive"
    polarity_cue: str = ""
    attributions: tuple[Attribution, ...] = ()

    def holder_at(self, start: int, end: int) -> Holder | None:
        """Who holds the article span [start, end) of this sentence: the sentence's holder when it is
        attributed, else the holder of a minor attribution whose content covers the span (else None).

        Example:
            >>> a = Attribution(Holder("Smith", (), True), "called", 27, 37, "speech_verb", 0.2)
            >>> s = Sentence("x", 0, 52, "The bill passed Tuesday, a disaster Smith called it.", attributions=(a,))
            >>> s.holder_at(27, 35).name, s.holder_at(0, 8)
            ('Smith', None)
        """
        if "attributed" in self.statuses and self.holder is not None:
            return self.holder
        return next((a.holder for a in self.attributions if a.holder is not None and a.covers(start, end)), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (written out by hand: `asdict` was 1% of ingest time)."""
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "status": self.status, "statuses": list(self.statuses), "cue": self.cue,
                "holder": self.holder.to_dict() if self.holder else None, "uncertain": self.uncertain,
                "scope": self.scope, "inherited": self.inherited.to_dict() if self.inherited else None,
                "polarity": self.polarity, "polarity_cue": self.polarity_cue,
                "attributions": [a.to_dict() for a in self.attributions]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        """Inverse of `to_dict`; reads older rows too (holder and inherited as strings, no polarity or
        attributions)."""
        holder, inherited = d.get("holder"), d.get("inherited")
        if d.keys() == _FIELDS:
            # A complete dict as `to_dict` writes it: fill the instance directly (the frozen
            # dataclass `__init__` sets each field through `object.__setattr__`, 3× slower).
            obj = object.__new__(cls)
            obj.__dict__.update(d)
            obj.__dict__["statuses"] = tuple(d["statuses"])
            obj.__dict__["holder"] = Holder.from_dict(holder) if holder else None
            obj.__dict__["inherited"] = Inherited.from_dict(inherited) if inherited else None
            obj.__dict__["attributions"] = tuple(Attribution.from_dict(a) for a in d["attributions"])
            return obj
        return cls(d["article_id"], d["start"], d["end"], d["text"], d.get("status", "asserted"),
                   tuple(d.get("statuses", ("asserted",))), d.get("cue", ""), Holder.from_dict(holder),
                   d.get("uncertain", False), d.get("scope", ""), Inherited.from_dict(inherited),
                   d.get("polarity", "positive"), d.get("polarity_cue", ""),
                   tuple(Attribution.from_dict(a) for a in d.get("attributions", ())))


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
