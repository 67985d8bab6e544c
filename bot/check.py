"""Check a pasted claim against the articles with the one verdict engine (`bot.verdict`).

`check_claim` needs only a retriever, a catalog and the settings (not the whole `Bot`).

Example:
    >>> from bot.verdict import LABELS
    >>> LABELS["reported"]
    'reported but unconfirmed'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.assemble import _citation, _sentence_flag
from bot.claim_scope import as_claim, claim_share, confirmed_content, judge_claim
from bot.synonyms import EVENT_STEMS, with_synonyms
from bot.claims import corroboration_statement, entities, group_claims, same_claim, summarise
from bot.question import analyse
from bot.retrieve import Retrieval
from bot.types import ClaimCheck, Corroboration, Evidence
from bot.verdict import EXPLANATIONS, Verdict, figures, stance
from bot.wording import quoted
from index.catalog_base import BaseCatalog
from index.settings import Settings
from index.text import terms
from index.types import Article, Sentence

Pair = tuple[Sentence, Article]


class Searcher(Protocol):
    """What `check_claim` needs from retrieval."""

    def search(self, q: object) -> Retrieval:  # pragma: no cover - protocol
        """Retrieve and score sentences for an analysed question."""
        ...


def matching_evidence(evidence: Sequence[Evidence]) -> list[Evidence]:
    """The retrieved sentences that state the claim (enough of its words, close enough in meaning)."""
    return [e for e in evidence[:12]
            if e.coverage >= 0.5 and (e.similarity >= 0.45 or e.coverage >= 0.75)][:4]


def neighbours(claim: Sentence, matching: Sequence[Pair], catalog: BaseCatalog) -> list[Pair]:
    """The sentence right after each matching one when it denies, negates or fails to confirm the claim
    (the correction or denial news puts next to the report)."""
    out: list[Pair] = []
    claim_terms = set(terms(claim.text))
    for s, a in matching:
        sents = catalog.sentences(a.id)
        nxt = next((x for x in sents if x.start > s.start), None)
        if nxt is None or stance(nxt) not in {"denied", "negated", "unconfirmed"}:
            continue
        if same_claim(nxt, claim) or same_claim(nxt, s) or len(claim_terms & set(terms(nxt.text))) >= 2 or \
                not set(terms(nxt.text)) - {"deny", "denied", "denies", "confirm", "confirmed", "claim"}:
            out.append((nxt, a))
    return out


def about_claim(claim: Sentence, seeds: Sequence[Pair], pool: Sequence[Pair]) -> list[Pair]:
    """Members of the claim groups that state the claim itself (never a member reached only through
    another member: a group can join neighbouring claims about the same people)."""
    out: list[Pair] = []
    for g in group_claims(seeds, pool):
        out += [m for m in g.members if m not in out and same_claim(claim, m[0])]
    return out


def on_point(claim: Sentence, s: Sentence, denial_terms: int = 2) -> bool:
    """A sentence that doubts, denies or negates speaks to this claim only when it shares a content word
    with it beyond the names and the event words ("denied that card numbers were taken" is not about
    "hackers stole 5 million records", though both name Norvik Bank and the breach).

    Example:
        >>> c = Sentence("c", 0, 1, "Card numbers were taken in the Norvik breach.", "asserted", ("asserted",), "")
        >>> on_point(c, Sentence("a", 0, 1, "Norvik denied that card numbers were taken.", "disputed", ("disputed",), ""))
        True
    """
    if stance(s) == "negated" and s.polarity_cue:
        return _negates_claim_word(claim, s.polarity_cue)
    at = s.text.find(s.cue) if stance(s) == "denied" and s.cue else -1
    if at >= 0:  # what is denied is what follows the cue ("denied that Reyes had been dismissed")
        return len(set(terms(s.text[at + len(s.cue):])) & with_synonyms(set(terms(claim.text)))) >= denial_terms
    events = EVENT_STEMS
    generic = events | entities(claim.text) | set(terms(" ".join(entities(claim.text))))
    content = (set(terms(claim.text)) - generic) or (set(terms(claim.text)) - events)  # all names: they are its content
    return bool(content & set(terms(s.text)))


def _negates_claim_word(claim: Sentence, cue: str) -> bool:
    """The word a negation governs ("did not *shut*", "no *firefighters*") is one of the claim's words
    or their synonyms: "the trams did not shut down" does not speak to "workers went on strike"."""
    return bool(set(terms(cue.split()[-1])) & with_synonyms(set(terms(claim.text))))


def same_figures(claim: Sentence, s: Sentence) -> bool:
    """A sentence with numbers judges a claim with numbers only when they share one (the other figures
    are context: superseded or superseding); a stated fact with no number cannot establish a claim's
    figure ("A wildfire swept the hills" does not support "the blaze killed 12"), a doubt without one still speaks to it.

    Example:
        >>> c = Sentence("c", 0, 1, "The blaze killed 12 people.", "asserted", ("asserted",), "")
        >>> same_figures(c, Sentence("a", 0, 1, "A wildfire swept the hills.", "asserted", ("asserted",), ""))
        False
    """
    mine, theirs = set(figures(claim.text)), set(figures(s.text))
    if mine and not theirs:
        return stance(s) != "fact"
    return not mine or not theirs or bool(mine & theirs)


@dataclass
class ClaimEvidence:
    """The sentences about one claim, judged: what `check` reports and a yes/no answer's verdict line cites."""

    claim: str
    stated: Sentence  # what the claim states (for "X confirmed that Y": Y), as the rules compare it
    verdict: Verdict
    related: list[Pair]
    cited: list[Pair]
    copies: list[list[str]]
    seeds: list[Pair]
    pool: list[Pair]
    share: float


def claim_evidence(retriever: Searcher, catalog: BaseCatalog, settings: Settings, claim: str) -> ClaimEvidence | None:
    """The sentences that state the claim (with their denials and corrections), judged; None when none does."""
    q = analyse(claim, None, settings.max_question_chars)
    content = confirmed_content(q.text)  # "X confirmed that Y": the sentences about Y, judged on the whole claim
    if content:
        q = replace(analyse(content, None, settings.max_question_chars), text=q.text)
    matching = matching_evidence(retriever.search(q).evidence)
    c = as_claim(content or q.text)
    seeds: list[Pair] = [(e.sentence, e.article) for e in matching]
    pool = [(s, e.article) for e in matching for s in catalog.sentences(e.article.id)]
    related = seeds + [m for m in about_claim(c, seeds, pool) if m not in seeds]
    related = [p for p in related if claim_share(c, p[0]) >= settings.claim_sentence_coverage] or \
        [p for p in related if same_claim(c, p[0]) or  # fewer words, but the same event and participants
         (set(figures(q.text)) & set(figures(p[0].text)) and claim_share(c, p[0]) >= settings.claim_figure_coverage)]
    if not related:  # nothing retrieved, or sentences on the topic with none stating the claim
        return None
    related += [m for m in neighbours(c, seeds, catalog) if m not in related]
    related = [p for p in related if same_figures(c, p[0]) and
               (stance(p[0]) in {"fact", "report"} or on_point(c, p[0], settings.denial_shared_terms))] or related
    verdict = judge_claim(q.text, related, settings.claim_sentence_coverage)
    order = sorted(verdict.basis, key=lambda i: (i >= len(seeds), -_date_key(related[i][1])))
    cited = [related[i] for i in order] + [related[i] for i in verdict.superseded]
    cited = [p for p in cited if p in seeds or stance(p[0]) != "fact"][:8] or cited[:4]
    cited, copies = one_per_copy(cited + _inherited_sources(cited, catalog))
    return ClaimEvidence(q.text, c, verdict, related, cited, copies, seeds, pool, settings.claim_sentence_coverage)


def _inherited_sources(cited: Sequence[Pair], catalog: BaseCatalog) -> list[Pair]:
    """The sentences whose non-confirmation or denial reaches the cited ones ("U.S. officials haven't
    confirmed the report"), quoted beside them."""
    out: list[Pair] = []
    for s, a in cited:
        inh = s.inherited
        if inh is None or any(x.start == inh.start and b.id == a.id for x, b in [*cited, *out]):
            continue
        src = next((x for x in catalog.sentences(a.id) if x.start == inh.start), None)
        if src is not None:
            out.append((src, a))
    return out


def check_claim(retriever: Searcher, catalog: BaseCatalog, settings: Settings, claim: str) -> ClaimCheck:
    """Find the sentences that state the claim and judge it (seven verdict kinds, see `bot.verdict`)."""
    found = claim_evidence(retriever, catalog, settings, claim)
    if found is None:
        text = analyse(claim, None, settings.max_question_chars).text
        return ClaimCheck(claim=text, verdict="not in the articles", kind="not_in_articles",
                          explanation=EXPLANATIONS["not_in_articles"])
    verdict, cited, related = found.verdict, found.cited, found.related
    citations = tuple(_citation(i + 1, s, a) for i, (s, a) in enumerate(cited))
    flags = tuple(_sentence_flag(c, s) for c, (s, _) in zip(citations, cited, strict=True) if s.status != "asserted")
    explanation = verdict.explanation or EXPLANATIONS[verdict.kind]
    against = [p for p in cited if stance(p[0]) in {"denied", "negated", "unconfirmed"}]
    if against:
        s = against[0][0]
        who = s.holder.label if s.holder else "an article"
        explanation += f" {who[:1].upper()}{who[1:]}: {quoted(s.text)}"  # no doubled ”” on a quote's own quotes
    if verdict.superseded:
        old = related[verdict.superseded[0]]
        explanation += f" The newest figure leads; the older one (“{old[0].text}”, {old[1].date}) is superseded."
    for outlets in found.copies:
        explanation += f" The same wire copy ran in {' and '.join(outlets)}; it is cited once."
    corroboration = _corroboration(found.seeds, found.pool, catalog)
    if corroboration:
        explanation += " " + corroboration[0].statement
    return ClaimCheck(claim=found.claim, verdict=verdict.label, kind=verdict.kind, evidence=citations, flags=flags,
                      explanation=explanation, corroboration=tuple(corroboration))


def one_per_copy(cited: Sequence[Pair]) -> tuple[list[Pair], list[list[str]]]:
    """Cite a republished wire sentence once: the same text in several articles keeps its first citation;
    the outlets that ran it are returned (per copied sentence) so the explanation names them all.

    Example:
        >>> s = Sentence("a", 0, 3, "Hi.", "asserted", ("asserted",), "")
        >>> a, b = Article(id="a", path="a", text="Hi.", outlet="AP"), Article(id="b", path="b", text="Hi.", outlet="Ledger")
        >>> kept, copies = one_per_copy([(s, a), (s, b)]); len(kept), copies
        (1, [['AP', 'Ledger']])
    """
    kept: list[Pair] = []
    outlets: dict[str, list[str]] = {}
    for s, a in cited:
        names = outlets.setdefault(s.text, [])
        if not names:
            kept.append((s, a))
        name = a.outlet or a.title or a.id
        if name not in names:
            names.append(name)
    return kept, [v for v in outlets.values() if len(v) > 1]


def _date_key(a: Article) -> int:
    digits = "".join(ch for ch in a.date[:10] if ch.isdigit())
    return int(digits) if digits else 0


def _corroboration(seeds: Sequence[Pair], pool: Sequence[Pair], catalog: BaseCatalog) -> list[Corroboration]:
    out: list[Corroboration] = []
    keys = {(a.id, s.start) for s, a in seeds}
    for g in group_claims(seeds, pool):
        basis, origins = summarise(g, keys, catalog.sentences)
        n = len({a.id for _, a in basis})
        if n:
            out.append(Corroboration(g.label, n, tuple(origins), corroboration_statement(n, origins)))
    return out
