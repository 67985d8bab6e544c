"""The extractive writer: answer sentences are the articles' own sentences, framed so that a report
stays a report (attribution, non-confirmation) and every sentence cites its source.

Example:
    >>> from index.types import Holder, Sentence
    >>> s = Sentence("a", 0, 10, "They agreed.", "attributed", ("attributed",), "", Holder("the AP", (), True))
    >>> frame(s)
    'According to the AP: They agreed.'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.abstain import has_count, should_abstain  # noqa: F401  (re-exported: `bot.compose.should_abstain`)
from bot.answer_phrase import answer_phrase
from bot.consensus import boost_consensus, boost_typed, prefer_typed
from bot.ner import tagger_for
from bot.claims import ClaimGroup, corroboration_statement, group_claims, negators, same_claim, summarise
from bot.question import Question, speaker_asked
from bot.select import norm_text, select  # noqa: F401  (`bot.compose.select` re-exported)
from bot.types import Evidence
from index import cues
from index.catalog_base import BaseCatalog
from index.settings import AnswerSettings
from index.text import fold, terms
from index.types import Article, Sentence


@dataclass
class DraftSentence:
    """One answer sentence before numbering: its text (no markers) and the sentences it cites."""

    text: str
    sources: list[tuple[Sentence, Article]]
    kind: str = "quote"  # quote | note | verdict (| llm from the LLM writer)
    claim: str = ""  # a verdict line: the claim its sources were judged on
    claim_share: float = 0.0  # … and the share of its terms a sentence needed (`Settings.claim_sentence_coverage`)
    phrase: tuple[int, int] | None = None  # an answer line: the article offsets of its phrase in its source


@dataclass
class Draft:
    """A whole answer before verification."""

    sentences: list[DraftSentence] = field(default_factory=list)
    groups: list[ClaimGroup] = field(default_factory=list)
    abstained: bool = False
    reason: str = ""


def _holder_in_text(s: Sentence) -> bool:
    if not s.holder or s.holder.unnamed:
        return True
    first = s.holder.sources[0]
    return fold(first) in fold(s.text) or bool(set(terms(first)) & set(terms(s.text)) and s.cue)


def frame(s: Sentence) -> str:
    """The answer sentence for an evidence sentence: the quote, with the attribution it needs."""
    if "attributed" in s.statuses and s.holder and not _holder_in_text(s):
        return f"According to {s.holder.sources[0]}: {s.text}"
    return s.text


def _source_of_inherited(s: Sentence, catalog: BaseCatalog) -> Sentence | None:
    if not s.inherited or s.inherited.status not in {"unconfirmed", "disputed"}:
        return None
    for other in catalog.sentences(s.article_id):
        if other.start == s.inherited.start:
            return other
    return None


def compose(q: Question, evidence: Sequence[Evidence], catalog: BaseCatalog, limit: int = 3,
            type_margin: float = 0.0, limits: AnswerSettings | None = None) -> Draft:
    """Write the extractive draft: the answer phrase, quotes, their non-confirmations, the corroboration
    note. `type_margin` (`Settings.answer_type_margin`) lets a sentence holding an answer of the asked
    type lead when it scores within that fraction of the top one."""
    draft = Draft()
    tagger = tagger_for(limits.ner_model) if limits is not None and limits.ner_sentences else None
    if limits is not None:
        evidence = boost_typed(q.text, evidence, limits.typed_bonus, limits.typed_depth)
        if not speaker_asked(q.text) and q.kind not in {"sourcing", "yesno", "why"}:
            evidence = boost_consensus(q.text, evidence, limits.consensus_bonus, limits.consensus_depth)
    depth = limits.prefer_depth if limits is not None else AnswerSettings().prefer_depth
    chosen = select(prefer_typed(q.text, evidence, type_margin, depth) if type_margin else evidence, limit, limits,
                    q.text if q.kind not in {"sourcing", "yesno", "why"} else "")
    used: set[tuple[str, int]] = set()
    for e in sorted(chosen, key=lambda x: (x.article.id != chosen[0].article.id, x.article.id, x.sentence.start)):
        key = (e.article.id, e.sentence.start)
        if key in used:
            continue
        used.add(key)
        draft.sentences.append(DraftSentence(frame(e.sentence), [(e.sentence, e.article)]))
    # Non-confirmations and denials that reach the cited claims are quoted too.
    for e in chosen:
        src = _source_of_inherited(e.sentence, catalog)
        if src and (e.article.id, src.start) not in used:
            used.add((e.article.id, src.start))
            draft.sentences.append(DraftSentence(frame(src), [(src, e.article)]))
    add_claim_context(draft, chosen, evidence, catalog, used)
    trim_quotes(draft, chosen, limit)
    if q.kind == "sourcing":  # the corroboration count answers first
        draft.sentences.sort(key=lambda ds: ds.kind != "note")
        return draft
    if speaker_asked(q.text):  # "What did X say?": the quote is the answer, no phrase cut out of it
        return draft
    depth = limits.phrase_vote_depth if limits is not None else 0
    quoted = {id(ds.sources[0][0]) for ds in draft.sentences if ds.kind == "quote"}
    shown = [e for e in chosen if id(e.sentence) in quoted]  # the phrase comes from a sentence the answer quotes
    phrase = answer_phrase(q.text, q.kind, shown, catalog, q.search_text if q.followup else "", evidence, depth,
                           tagger, limits.ner_sentences if limits is not None else 0)
    if phrase:
        draft.sentences.insert(0, DraftSentence(phrase.line, [(phrase.sentence, phrase.article)], kind="answer",
                                                phrase=(phrase.start, phrase.end)))
    return draft


def trim_quotes(draft: Draft, chosen: Sequence[Evidence], limit: int) -> None:
    """At most `limit` quotes: a repeated sentence (another copy of an article) goes first, then the weakest
    chosen sentences after the best one, then the last context quotes.

    Example:
        >>> d = Draft(); trim_quotes(d, [], 3); d.sentences
        []
    """
    seen: set[str] = set()
    for ds in list(draft.sentences):
        if ds.kind == "quote":
            key = norm_text(ds.text)
            if key in seen:
                draft.sentences.remove(ds)
            seen.add(key)
    weakest = sorted(chosen[1:], key=lambda e: e.score)
    for e in weakest:
        quotes = [ds for ds in draft.sentences if ds.kind == "quote"]
        if len(quotes) <= limit:
            return
        draft.sentences = [ds for ds in draft.sentences
                           if not (ds.kind == "quote" and ds.sources[0][0] is e.sentence)]
    while sum(ds.kind == "quote" for ds in draft.sentences) > limit:
        last = max(i for i, ds in enumerate(draft.sentences) if ds.kind == "quote")
        del draft.sentences[last]


def add_claim_context(draft: Draft, chosen: Sequence[Evidence], evidence: Sequence[Evidence], catalog: BaseCatalog,
                      used: set[tuple[str, int]]) -> None:
    """Claim groups across articles: quote what fails to confirm or denies a cited claim, and count the
    articles and independent origins that carry it (for every writer)."""
    seeds = [(e.sentence, e.article) for e in chosen]
    if not any(cues.stated_event_classes(s.text) for s, _ in seeds):
        draft.groups = []  # claim groups grow only from a cited event: no need to read whole articles
        return
    pool = [(e.sentence, e.article) for e in evidence]
    # Whole articles of every article that states a cited claim, not only the cited ones: the
    # sentence saying a claim is unconfirmed often sits in another article than the one quoted.
    carriers = {e.article.id: e.article for e in chosen}
    for e in evidence:
        if e.article.id not in carriers and any(same_claim(e.sentence, s) for s, _ in seeds):
            carriers[e.article.id] = e.article
    for article in carriers.values():
        pool.extend((s, article) for s in catalog.sentences(article.id))
    draft.groups = group_claims(seeds, pool)
    for g in draft.groups:
        for s, a in negators(g)[:2]:
            if (a.id, s.start) not in used:
                used.add((a.id, s.start))
                draft.sentences.append(DraftSentence(frame(s), [(s, a)]))
        basis, origins = summarise(g, used, catalog.sentences)
        if len({a.id for _, a in basis}) >= 2:
            draft.sentences.append(DraftSentence(corroboration_statement(len({a.id for _, a in basis}), origins),
                                                 basis, kind="note"))


def abstain_text(q: Question) -> str:
    """The plain 'the articles don't say' reply (an instruction is not echoed back)."""
    from index.cues import INSTRUCTION

    if INSTRUCTION.search(q.text):
        return "The articles don't answer that: it reads as an instruction, not as a question about the articles."
    body = q.text.rstrip(" ?.!")
    if q.kind == "yesno" or not body:
        return f"The articles don't answer “{q.text}”."
    return f"The articles don't say {body[0].lower() + body[1:]}."
