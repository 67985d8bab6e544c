"""Turn a verified draft into an `Answer`: number citations, place `[n]` markers, attach flags.

Example:
    >>> place_marker("He said so.", [1, 2])
    'He said so [1][2].'
    >>> place_marker("“We lied.”", [3])
    '“We lied.” [3]'
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.claims import ClaimGroup, corroboration_statement, negators, summarise
from bot.compose import Draft, DraftSentence
from bot.types import SENTENCE_KINDS, Answer, AnswerPhrase, AnswerSentence, Citation, Corroboration, Flag
from bot.verdict_line import verdict_support
from bot.verify import citation_ok, note_support, split_marked, support
from index.catalog_base import BaseCatalog
from index.types import Article, Sentence



def place_marker(text: str, numbers: Sequence[int]) -> str:
    """Put `[n]` markers before the final full stop, or after a closing quote."""
    return AnswerSentence(text, "quote", tuple(numbers)).marked()


def _short(text: str, n: int = 110) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _citation(n: int, s: Sentence, a: Article) -> Citation:
    return Citation(n=n, source=a.path, title=a.title, date=a.date, quote=s.text, start=s.start, end=s.end,
                    article_id=a.id, outlet=a.outlet, status=s.status,
                    holder=s.holder.label if s.holder else "")


def _sentence_flag(c: Citation, s: Sentence) -> Flag:
    note = ""
    if s.inherited and s.inherited.status == "attributed":
        note = f"continues the report of {s.inherited.holder.label if s.inherited.holder else 'unnamed source'}"
    elif s.inherited:
        note = f"the article also says: {_short(s.inherited.text)}"
    return Flag(claim=_short(s.text), status=s.status, cue=s.cue, holder=s.holder.label if s.holder else "",
                source=c.source, quote=c.quote,
                start=c.start, end=c.end, kind="sentence", note=note, n=c.n,
                statuses=tuple(x for x in s.statuses if x != "asserted"))


def _group_flag(g: ClaimGroup, origins: list[str]) -> Flag | None:
    against = negators(g)
    if not against:
        return None
    s, a = against[0]
    status = "disputed" if "disputed" in s.statuses and s.status == "disputed" else "unconfirmed"
    verb = "not confirmed" if status == "unconfirmed" else "disputed"
    who = f" by {s.holder.label}" if s.holder and not s.holder.unnamed else ""
    reported = f"reported by {', '.join(origins)}; " if origins else ""
    return Flag(claim=g.label, status=status, cue=s.cue, holder=s.holder.label if s.holder else "", source=a.path, quote=s.text,
                start=s.start, end=s.end, kind="claim", note=f"{g.label}: {reported}{verb}{who}", statuses=(status,))


def assemble(question: str, draft: Draft, catalog: BaseCatalog, writer: str = "extractive",
             extra_warnings: Sequence[str] = ()) -> Answer:
    """Number, verify and render a draft; sentences that fail verification are dropped with a warning."""
    numbers: dict[tuple[str, int], int] = {}
    citations: list[Citation] = []
    sent_of: dict[int, Sentence] = {}
    warnings = list(extra_warnings)
    typed: list[AnswerSentence] = []
    phrase: AnswerPhrase | None = None
    for ds in draft.sentences:
        cited = [s for s, _ in ds.sources]
        if ds.kind == "note":
            reason = note_support(ds.text, cited, len({a.id for _, a in ds.sources}))
        elif ds.kind == "verdict":
            reason = verdict_support(ds.text, ds.sources, ds.claim, ds.claim_share)
        else:
            reason = support(ds.text, cited)
        valid = []
        for s, a in ds.sources:
            article = catalog.article(a.id)
            if article is None or not citation_ok(s.text, s.start, s.end, article.text):
                reason = reason or "its quote does not match the article"
            else:
                valid.append((s, a))
        if reason or not valid:
            warnings.append(f"removed: {_short(ds.text, 80)!r} ({reason or 'no valid citation'})")
            continue
        nums = []
        for s, a in valid:
            key = (a.id, s.start)
            if key not in numbers:
                numbers[key] = len(citations) + 1
                citations.append(_citation(numbers[key], s, a))
                sent_of[numbers[key]] = s
            nums.append(numbers[key])
        kind = ds.kind if ds.kind in SENTENCE_KINDS else "quote"  # an LLM sentence rests on quotes like one
        if kind == "answer" and phrase is None:
            phrase = _answer_phrase(ds, valid[0], nums[0], catalog)
        typed.append(AnswerSentence(ds.text, kind, tuple(sorted(set(nums)))))
    flags = [_sentence_flag(c, sent_of[c.n]) for c in citations if sent_of[c.n].status != "asserted"]
    corroboration = []
    for g in draft.groups:
        if not any((a.id, s.start) in numbers for s, a in g.members):
            continue
        basis, origins = summarise(g, set(numbers), catalog.sentences)
        gf = _group_flag(g, origins)
        if gf:
            flags.append(gf)
        n_arts = len({a.id for _, a in basis})
        if n_arts:
            corroboration.append(Corroboration(g.label, n_arts, tuple(origins),
                                               corroboration_statement(n_arts, origins)))
    if not typed:
        return Answer(question=question, text="", abstained=True, warnings=tuple(warnings), writer=writer)
    return Answer(question=question, text=" ".join(x.marked() for x in typed), citations=tuple(citations),
                  flags=tuple(flags), abstained=False, warnings=tuple(warnings),
                  corroboration=tuple(corroboration), writer=writer, sentences=tuple(typed), phrase=phrase)


def _answer_phrase(ds: DraftSentence, source: tuple[Sentence, Article], n: int,
                   catalog: BaseCatalog) -> AnswerPhrase | None:
    """The typed phrase of a verified answer line: its offsets checked to lie inside the cited sentence."""
    if ds.phrase is None:
        return None
    s, a = source
    start, end = ds.phrase
    article = catalog.article(a.id)
    if article is None or not (s.start <= start < end <= s.end):
        return None
    return AnswerPhrase(article.text[start:end], n, start, end)


def verify_answer(answer: Answer, catalog: BaseCatalog) -> list[str]:
    """Re-check a finished answer (used by tests and the eval): problems found, empty when sound."""
    problems = []
    by_n = {c.n: c for c in answer.citations}
    for c in answer.citations:
        art = catalog.article(c.article_id)
        if art is None or not citation_ok(c.quote, c.start, c.end, art.text):
            problems.append(f"citation [{c.n}] does not match its article")
    if answer.abstained:
        if answer.citations:
            problems.append("an abstention carries citations")
        return problems
    p = answer.phrase
    if p and (p.citation not in by_n or not by_n[p.citation].start <= p.start < p.end <= by_n[p.citation].end
              or by_n[p.citation].quote[p.start - by_n[p.citation].start: p.end - by_n[p.citation].start] != p.text):
        problems.append(f"the answer phrase {p.text!r} is not inside the quote of [{p.citation}]")
    typed = [(x.text, list(x.citations)) for x in answer.sentences] or split_marked(answer.text)
    for text, marks in typed:
        if not marks:
            problems.append(f"sentence without citation: {text!r}")
        for m in marks:
            if m not in by_n:
                problems.append(f"marker [{m}] has no citation")
    return problems
