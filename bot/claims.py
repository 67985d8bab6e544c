"""Claim groups, origins and corroboration: which articles carry a claim, and who it traces back to.

Example:
    >>> origin_of_holder("the AP")
    'AP'
    >>> corroboration_statement(2, ["AP"])
    'Reported by 2 articles, both relying on one AP report.'
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index import cues
from index.text import fold, terms
from index.types import Article, Sentence

AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "bloomberg": "Bloomberg",
    "dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS", "upi": "UPI", "efe": "EFE", "ansa": "ANSA",
    "kyodo": "Kyodo", "yonhap": "Yonhap", "pti": "PTI", "anadolu": "Anadolu",
}
_POSSESSIVE = re.compile(r"^(?:the\s+)?(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)[’']s\s+", re.I)
_ENTITY = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:al-|Al\s|al\s)?[A-Z][\w’'-]*)*")
_GENERIC_CAPS = {"the", "a", "an", "but", "and", "in", "it", "if", "this", "that", "these", "those", "last", "some",
                 "according", "what", "will", "u.s", "one", "at", "for", "as", "up", "between", "after", "neither"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).strip(" .,;:")).removeprefix("the ")


def origin_of_holder(holder: str) -> str:
    """The origin a source names, agencies normalised ("the Associated Press" → "AP")."""
    outer = holder.strip()
    key = _norm(outer)
    if key in AGENCIES or f"the {key}" in AGENCIES:
        return AGENCIES.get(key) or AGENCIES[f"the {key}"]
    m = _POSSESSIVE.match(outer)
    if m:
        inner = _norm(m.group("outlet"))
        return AGENCIES.get(inner, m.group("outlet"))
    return outer


@lru_cache(maxsize=100_000)
def entities(text: str) -> frozenset[str]:
    """Capitalised names in a text, folded, first word of a sentence and function words left out."""
    out: set[str] = set()
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group(0).split() if _norm(w) not in _GENERIC_CAPS]
        for w in words:
            t = terms(w)
            if t and len(t[0]) > 2:
                out.add(t[0])
    return frozenset(out)


def _fuzzy_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    for x in a:
        for y in b:
            if x == y or (len(x) == len(y) >= 5 and sum(p != q for p, q in zip(x, y, strict=True)) == 1):
                return True
    return False


def same_claim(a: Sentence, b: Sentence) -> bool:
    """Two sentences state the same claim: a shared event class (or `lexicon.EVENT_SYNONYMS` group) stated as
    happening (not wished for, planned or conditional) and a shared participant (fuzzy).

    Example:
        >>> from index.types import Sentence
        >>> a = Sentence("a", 0, 1, "The Malibu blaze killed 12.", "asserted", ("asserted",), "")
        >>> same_claim(a, Sentence("b", 0, 1, "Twelve died in the Malibu fire.", "asserted", ("asserted",), ""))
        True
    """
    classes = cues.stated_event_classes(a.text) & cues.stated_event_classes(b.text)
    if not classes:  # synonyms the event classes do not join: "the blaze" ~ "the fire", "fired" ~ "dismissed"
        classes = cues.stated_concepts(a.text) & cues.stated_concepts(b.text)
    return bool(classes) and _fuzzy_overlap(entities(a.text), entities(b.text))


@dataclass
class ClaimGroup:
    """Sentences (across articles) that state one claim."""

    label: str
    members: list[tuple[Sentence, Article]]

    def articles(self) -> list[Article]:
        """Distinct articles carrying the claim."""
        seen: dict[str, Article] = {}
        for _, art in self.members:
            seen.setdefault(art.id, art)
        return list(seen.values())

    def statuses(self) -> set[str]:
        """Every status any member carries."""
        return {st for s, _ in self.members for st in s.statuses}


def _key(s: Sentence, a: Article) -> tuple[str, int]:
    return a.id, s.start


def group_claims(seeds: Sequence[tuple[Sentence, Article]],
                 pool: Sequence[tuple[Sentence, Article]]) -> list[ClaimGroup]:
    """Group the seed sentences (the cited ones) with pool sentences stating the same claim.

    A sentence whose non-confirmation or denial reaches a member (its `inherited` source) joins too.
    """
    groups: list[ClaimGroup] = []
    for s, art in seeds:
        classes = cues.stated_event_classes(s.text) or cues.stated_concepts(s.text)
        if not classes:
            continue
        for g in groups:
            if any(same_claim(s, m) for m, _ in g.members):
                if _key(s, art) not in {_key(m, a) for m, a in g.members}:
                    g.members.append((s, art))
                break
        else:
            groups.append(ClaimGroup(sorted(classes)[0], [(s, art)]))
    for g in groups:
        keys = {_key(m, a) for m, a in g.members}
        for s, art in pool:
            if _key(s, art) not in keys and any(same_claim(s, m) for m, _ in g.members):
                g.members.append((s, art))
                keys.add(_key(s, art))
        sources = {(a.id, m.inherited.start) for m, a in g.members
                   if m.inherited and m.inherited.status in {"unconfirmed", "disputed"}}
        for s, art in pool:
            if _key(s, art) not in keys and (art.id, s.start) in sources:
                g.members.append((s, art))
                keys.add(_key(s, art))
    return groups


def states_claim(s: Sentence) -> bool:
    """A member states the claim (rather than only failing to confirm or denying it)."""
    own = [x for x in s.statuses if not (s.inherited and s.inherited.status == x and x != "attributed")]
    return not ({"unconfirmed", "disputed"} & set(own))


def own_reporting(article: Article) -> str:
    """The origin of what an article states on its own: its outlet, else the article itself (two
    articles of unknown outlets are two origins, not one "own reporting").

    Example:
        >>> own_reporting(Article(id="a1", path="a.txt", text="x", title="Truce in Syria"))
        'own reporting of “Truce in Syria”'
    """
    if article.outlet:
        return article.outlet
    title = article.title if len(article.title) <= 40 else article.title[:39].rstrip() + "…"
    return f"own reporting of “{title}”" if title else f"own reporting of article {article.id}"


def origin_in_article(s: Sentence, article: Article,
                      article_sentences: Sequence[Sentence]) -> tuple[str, Sentence | None]:
    """Where one article's statement of a claim comes from, and the sentence showing a citing chain."""
    if not s.holder or s.holder.unnamed or "attributed" not in s.statuses:
        return own_reporting(article), None
    held = set(terms(s.holder.sources[0]))
    for other in article_sentences:
        if other.holder is None or other.holder.unnamed:
            continue
        outer, *inner = other.holder.sources
        if inner and any(len(held & set(terms(i))) >= 2 or held == set(terms(i)) for i in inner):
            return origin_of_holder(outer), (other if other.start != s.start else None)
    return origin_of_holder(s.holder.sources[0]), None


def best_member(g: ClaimGroup, article: Article, cited: set[tuple[str, int]]) -> Sentence | None:
    """The article's sentence that best states the group's claim: a cited one, else an attributed one."""
    members = [s for s, a in g.members if a.id == article.id and states_claim(s)]
    if not members:
        return None
    for s in members:
        if (article.id, s.start) in cited:
            return s
    seed_terms = {t for s, a in g.members if (a.id, s.start) in cited for t in terms(s.text)}
    return max(members, key=lambda s: (len(seed_terms & set(terms(s.text))), "attributed" in s.statuses))


def summarise(g: ClaimGroup, cited: set[tuple[str, int]],
              sentences_of: Callable[[str], Sequence[Sentence]]) -> tuple[list[tuple[Sentence, Article]], list[str]]:
    """Per article carrying the claim, its best statement (and citing chain); the distinct origins behind them."""
    basis: list[tuple[Sentence, Article]] = []
    origins: list[str] = []
    for article in g.articles():
        s = best_member(g, article, cited)
        if s is None:
            continue
        basis.append((s, article))
        origin, via = origin_in_article(s, article, sentences_of(article.id))
        if "attributed" not in s.statuses:
            # The writer's own hedged statement of a reported claim: the report it rests on is the origin.
            reported = sorted((m for m, a in g.members if a.id == article.id and states_claim(m) and
                               "attributed" in m.statuses and m.holder and not m.holder.unnamed),
                              key=lambda m: m.start)  # news puts the main attribution first
            if reported:
                origin, via = origin_in_article(reported[0], article, sentences_of(article.id))
                via = via or reported[0]
        if via is not None:
            basis.append((via, article))
        if origin not in origins:
            origins.append(origin)
    return basis, origins


def negators(g: ClaimGroup) -> list[tuple[Sentence, Article]]:
    """Members that themselves say the claim is unconfirmed or disputed."""
    return [(s, a) for s, a in g.members if not states_claim(s)]


def corroboration_statement(n_articles: int, origins: Sequence[str]) -> str:
    """A plain sentence on how many articles carry a claim and from how many origins."""
    if n_articles <= 1:
        src = f" ({origins[0]})" if origins else ""
        return f"Reported by one article only{src}."
    both = "both" if n_articles == 2 else f"all {n_articles}"
    if len(origins) == 1:
        return f"Reported by {n_articles} articles, {both} relying on one {origins[0]} report."
    return f"Reported by {n_articles} articles from {len(origins)} independent origins: {', '.join(origins)}."
