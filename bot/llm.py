"""The optional LLM writer: any LangChain chat model writes, the same gate decides what the user sees.

Every sentence must cite existing sources, say nothing its sources don't (words, names, numbers,
embedding similarity), and keep attributions; sentences that fail are removed and counted in
`Answer.warnings`. When nothing survives, the extractive answer is used.

Example:
    >>> parse_answer("ISIS agreed [1]. Officials doubt it [2][3].")
    [('ISIS agreed.', [1]), ('Officials doubt it.', [2, 3])]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from bot.compose import Draft, DraftSentence, add_claim_context
from bot.question import Question
from bot.types import Evidence
from bot.verify import split_marked, support
from index.catalog_base import BaseCatalog
from index.errors import ConfigError
from index.types import Article, Sentence

NOT_IN_SOURCES = "NOT IN SOURCES"
MIN_SIMILARITY = 0.35


def make_llm(spec: str, base_url: str | None = None) -> Any:
    """A chat model from a spec: `ollama:MODEL`, `openai:MODEL` (optional extras) or `local:PATH.gguf`."""
    kind, _, model = spec.partition(":")
    if kind == "local":
        from bot.local_llm import LocalChatModel

        return LocalChatModel(path=model)
    try:
        if kind == "ollama":
            from langchain_ollama import ChatOllama  # type: ignore[import-not-found]

            return ChatOllama(model=model, temperature=0, **({"base_url": base_url} if base_url else {}))
        if kind == "openai":
            from langchain_openai import ChatOpenAI  # type: ignore[import-not-found]

            return ChatOpenAI(model=model, temperature=0, **({"base_url": base_url} if base_url else {}))
    except ImportError as err:
        raise ConfigError(f"the {kind} writer needs its extra. Fix: pip install 'sourcecheck[{kind}]'") from err
    raise ConfigError(f"unknown LLM spec {spec!r}. Fix: use ollama:MODEL, openai:MODEL or local:PATH.gguf")


def sources_block(evidence: Sequence[Evidence]) -> str:
    """Numbered sources with their status and holder, for the prompt."""
    lines = []
    for i, e in enumerate(evidence, 1):
        s = e.sentence
        tag = s.status if s.status == "asserted" else (
            f"{s.status} — {s.holder.label}" if s.holder and not s.holder.unnamed else s.status)
        if s.status == "attributed" and s.holder:
            tag = f"attributed to {s.holder.label}"
        text = s.text.replace("</sources>", "</ sources>")
        lines.append(f"[{i}] ({tag}) {text}")
    return "\n".join(lines)


def parse_answer(text: str) -> list[tuple[str, list[int]]]:
    """Sentences with their `[n]` markers from free prose (tolerant of spacing and stray markup)."""
    text = re.sub(r"\s+", " ", re.sub(r"[*_`#]+", "", text)).strip()
    text = re.sub(r"^(?:answer\s*:\s*)", "", text, flags=re.I)
    return split_marked(text)


def _sentence_vector(catalog: BaseCatalog, s: Sentence) -> np.ndarray | None:
    vecs = catalog.sentence_vectors(s.article_id)
    if vecs is None:
        return None
    for i, other in enumerate(catalog.sentences(s.article_id)):
        if other.start == s.start and i < len(vecs):
            return vecs[i]
    return None


class LLMWriter:
    """Writes with a chat model over the selected evidence, then gates every sentence (a `bot.writer.Writer`)."""

    name = "llm"

    def __init__(self, llm: Any, embedder: Any = None) -> None:
        from prompts import load

        self.llm = llm
        self.embedder = embedder
        self.system = load("answer_system")
        self.user = load("answer_user")

    def messages(self, q: Question, evidence: Sequence[Evidence]) -> list[tuple[str, str]]:
        """The chat messages for a question."""
        return [("system", self.system), ("human", self.user.format(sources=sources_block(evidence), question=q.text))]

    def stream(self, q: Question, evidence: Sequence[Evidence]) -> Iterator[str]:
        """The model's raw text as it streams (shown as a draft, then replaced by the verified answer)."""
        for chunk in self.llm.stream(self.messages(q, evidence)):
            yield str(getattr(chunk, "content", chunk))

    @staticmethod
    def pick(evidence: Sequence[Evidence], limit: int = 6) -> list[Evidence]:
        """The numbered sources the model sees: the best-scored evidence sentences."""
        return list(evidence[:limit])

    def write(self, q: Question, chosen: Sequence[Evidence], evidence: Sequence[Evidence], catalog: BaseCatalog,
              raw: str | None = None) -> tuple[Draft, list[str], bool]:
        """(draft, warnings, fell_back) — the gated LLM draft; fell_back when nothing survives the gate."""
        if raw is None:
            raw = str(self.llm.invoke(self.messages(q, chosen)).content)
        warnings: list[str] = []
        if NOT_IN_SOURCES in raw.upper():
            return Draft(abstained=True, reason="the model found no answer in the sources"), warnings, False
        draft = Draft()
        used: set[tuple[str, int]] = set()
        for text, marks in parse_answer(raw):
            reason, sources = self._gate(text, marks, chosen, catalog)
            if reason.startswith("states as fact") and sources:
                fixed = _attribute(text, sources)
                if fixed and not self._gate(fixed, marks, chosen, catalog)[0]:
                    text, reason = fixed, ""
                    warnings.append(f"rewritten with its attribution: {fixed[:80]!r}")
            if reason:
                warnings.append(f"removed: {text[:80]!r} ({reason})")
                continue
            draft.sentences.append(DraftSentence(text, sources, kind="llm"))
            used.update((a.id, s.start) for s, a in sources)
        proposed = len(parse_answer(raw))
        warnings.append(f"gate: kept {len(draft.sentences)} of {proposed} model sentences")
        if not draft.sentences:
            return draft, warnings, True
        add_claim_context(draft, [e for e in chosen if (e.article.id, e.sentence.start) in used], evidence,
                          catalog, used)
        return draft, warnings, False

    def _gate(self, text: str, marks: list[int], chosen: Sequence[Evidence],
              catalog: BaseCatalog) -> tuple[str, list[tuple[Sentence, Article]]]:
        if not marks:
            return "cites nothing", []
        missing = [m for m in marks if not 1 <= m <= len(chosen)]
        if missing:
            return f"cites [{missing[0]}], which does not exist", []
        sources = [(chosen[m - 1].sentence, chosen[m - 1].article) for m in dict.fromkeys(marks)]
        reason = support(text, [s for s, _ in sources])
        if reason or self.embedder is None:
            return reason, sources
        vec = self.embedder.encode([text])[0]
        sims = [float(v @ vec) for v in (_sentence_vector(catalog, s) for s, _ in sources) if v is not None]
        if sims and max(sims) < MIN_SIMILARITY:
            return f"too far from its sources (similarity {max(sims):.2f})", sources
        return "", sources


def _attribute(text: str, sources: list[tuple[Sentence, Article]]) -> str:
    """Rewrite a sentence that dropped its source's attribution: 'According to X, …'."""
    holder = next((s.holder.sources[0] for s, _ in sources if s.holder and not s.holder.unnamed), "")
    if not holder:
        return ""
    body = text[0].lower() + text[1:] if text[:2].istitle() and not text.split()[0].isupper() else text
    return f"According to {holder}, {body}"
