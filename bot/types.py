"""Types of the read path: evidence, citations, flags, answers, claim checks (JSON round-trip).

Example:
    >>> a = Answer(question="q", text="The articles don't say.", abstained=True)
    >>> Answer.from_dict(a.to_dict()) == a
    True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from index.types import Article, Sentence


@dataclass(frozen=True)
class Evidence:
    """A candidate sentence from retrieval, with its article and scores; `boost` is what answer-aware
    re-ranking added (`bot.consensus`): it orders the candidates (`ranked`) but leaves `score`, against
    which further quotes are measured, alone."""

    sentence: Sentence
    article: Article
    score: float
    rank: int
    similarity: float = 0.0
    coverage: float = 0.0
    boost: float = 0.0

    @property
    def ranked(self) -> float:
        """The score the candidates are ordered by: retrieval's score plus the re-ranking boost."""
        return self.score + self.boost


@dataclass(frozen=True)
class Citation:
    """Citation `[n]`: the exact quote and its offsets, `article_text[start:end] == quote`."""

    n: int
    source: str
    title: str
    date: str
    quote: str
    start: int
    end: int
    article_id: str = ""
    outlet: str = ""
    status: str = "asserted"
    holder: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Flag:
    """An epistemic flag on a cited sentence or a claim group."""

    claim: str
    status: str
    cue: str
    holder: str
    source: str
    quote: str
    start: int
    end: int
    kind: str = "sentence"
    note: str = ""
    n: int = 0
    statuses: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        d = asdict(self)
        d["statuses"] = list(self.statuses)
        return d


@dataclass(frozen=True)
class Corroboration:
    """How many articles carry a claim and how many independent origins stand behind them."""

    claim: str
    articles: int
    origins: tuple[str, ...]
    statement: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        d = asdict(self)
        d["origins"] = list(self.origins)
        return d


SENTENCE_KINDS = ("answer", "quote", "note", "verdict")


@dataclass(frozen=True)
class AnswerSentence:
    """One typed answer sentence: its text without markers, its kind and the citation numbers it rests on.

    `kind` is "answer" (the answer phrase: a name, number or date from a cited sentence), "quote" (an article's own sentence, perhaps framed with its source), "note" (our
    corroboration note) or "verdict" (our verdict line). Readers use this instead of parsing `text`.

    Example:
        >>> AnswerSentence("Officials say a truce was agreed.", "quote", (1,)).marked()
        'Officials say a truce was agreed [1].'
    """

    text: str
    kind: str = "quote"
    citations: tuple[int, ...] = ()

    def marked(self) -> str:
        """The sentence with its `[n]` markers placed before the final full stop (as in `Answer.text`)."""
        marks = "".join(f"[{n}]" for n in self.citations)
        text = self.text.rstrip()
        if not marks:
            return text
        if text.endswith((".", "!")) and not text.endswith(("..", "?.")):
            return f"{text[:-1]} {marks}{text[-1]}"
        return f"{text} {marks}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"text": self.text, "kind": self.kind, "citations": list(self.citations)}


@dataclass(frozen=True)
class Phrase:
    """The answer phrase chosen while composing (`bot.answer_phrase`): the answer line, the sentence it is cited to, and where the phrase itself
    sits in that article (`article.text[start:end]`, inside the sentence)."""

    line: str
    sentence: Sentence
    article: Article
    start: int
    end: int

    @property
    def text(self) -> str:
        """The phrase, as the article writes it."""
        return self.article.text[self.start:self.end]


@dataclass(frozen=True)
class AnswerPhrase:
    """The answer phrase (a name, number, date or description) as typed data: the exact slice
    `article_text[start:end] == text` of the article that citation `[citation]` quotes, so that readers
    (the page, the eval) never cut it back out of our wording ("According to X: …").

    Example:
        >>> AnswerPhrase("Lai Ching-te", 1, 10, 22).to_dict()["text"]
        'Lai Ching-te'
    """

    text: str
    citation: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Answer:
    """An answer whose every sentence carries `[n]` markers backed by citations; `phrase` is the answer
    phrase of a who/what/when/where/how-many answer, when there is one."""

    question: str
    text: str
    citations: tuple[Citation, ...] = ()
    flags: tuple[Flag, ...] = ()
    abstained: bool = False
    warnings: tuple[str, ...] = ()
    corroboration: tuple[Corroboration, ...] = ()
    covered: tuple[str, ...] = ()
    latency_ms: float = 0.0
    writer: str = "extractive"
    sentences: tuple[AnswerSentence, ...] = ()
    phrase: AnswerPhrase | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with stable field names."""
        return {
            "question": self.question,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "flags": [f.to_dict() for f in self.flags],
            "abstained": self.abstained,
            "warnings": list(self.warnings),
            "corroboration": [c.to_dict() for c in self.corroboration],
            "covered": list(self.covered),
            "latency_ms": self.latency_ms,
            "writer": self.writer,
            "sentences": [x.to_dict() for x in self.sentences],
            "phrase": self.phrase.to_dict() if self.phrase else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Answer:
        """Inverse of `to_dict`."""
        return cls(
            question=d["question"], text=d["text"],
            citations=tuple(Citation(**c) for c in d.get("citations", [])),
            flags=tuple(Flag(**{**f, "statuses": tuple(f.get("statuses", ()))}) for f in d.get("flags", [])),
            abstained=d.get("abstained", False), warnings=tuple(d.get("warnings", [])),
            corroboration=tuple(Corroboration(c["claim"], c["articles"], tuple(c["origins"]), c["statement"])
                                for c in d.get("corroboration", [])),
            covered=tuple(d.get("covered", [])), latency_ms=d.get("latency_ms", 0.0),
            writer=d.get("writer", "extractive"),
            sentences=tuple(AnswerSentence(x["text"], x.get("kind", "quote"), tuple(x.get("citations", ())))
                            for x in d.get("sentences", [])),
            phrase=AnswerPhrase(**d["phrase"]) if d.get("phrase") else None,
        )


@dataclass(frozen=True)
class ClaimCheck:
    """The verdict on a pasted claim: `verdict` is the label shown, `kind` one of `bot.verdict.KINDS`."""

    claim: str
    verdict: str
    kind: str = ""
    evidence: tuple[Citation, ...] = ()
    flags: tuple[Flag, ...] = ()
    explanation: str = ""
    corroboration: tuple[Corroboration, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "claim": self.claim, "verdict": self.verdict, "kind": self.kind, "explanation": self.explanation,
            "evidence": [c.to_dict() for c in self.evidence], "flags": [f.to_dict() for f in self.flags],
            "corroboration": [c.to_dict() for c in self.corroboration],
        }
