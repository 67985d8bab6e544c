"""Holders: the parse's attribution merged into a sentence's reading, and pronouns resolved to a name.

A pronoun holder ("he said") keeps the article's word as `Holder.name`; `Holder.refers_to` names the
person it stands for when the article makes that unambiguous: one named holder in the sentences before.

Example:
    >>> from index.types import Holder
    >>> resolve_pronouns([Holder("Sen. Mitt Romney, R-Utah", (), True), None, Holder("he", (), True)])[2].refers_to
    'Sen. Mitt Romney'
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from index import cues
from index.content import ATTRIBUTED_SHARE, Found
from index.rules import RULES
from index.types import Attribution, Holder

if TYPE_CHECKING:  # pragma: no cover
    from index.epistemic import Reading

PERSONAL = frozenset("he she him her his".split())  # "they", "it", "we" name groups: not resolved
WINDOW = RULES.pronoun_window  # described in `index.rules`
_PRONOUN = re.compile(r"^(?:i|he|she|we|they|you)$", re.I)


def merge_found(r: "Reading", found: Found) -> list[str] | None:
    """Let the parse decide whether a sentence is attributed: most of it must be one source's content.

    Its holder (the whole noun phrase) replaces the overlapping holders the regular expressions found.
    Returns the speaker's holders (also for a sentence that is not attributed: '“No,” said X, who …').
    """
    if not found.rule:
        if "attributed" in r.statuses and not r.specific:
            r.statuses.remove("attributed")
            r.cues.pop("attributed", None)
        return None
    low = found.holder.lower()
    rest = [h for h in r.holders if h and h.lower() not in low and low not in h.lower() and h != "unnamed"]
    holders = [found.holder, *rest] if found.holder else (rest or ["unnamed"])
    if found.share < ATTRIBUTED_SHARE:
        if "attributed" in r.statuses and not r.specific:
            r.statuses.remove("attributed")
            r.cues.pop("attributed", None)
        return holders
    r.add("attributed", found.cue)
    r.holders[:] = holders
    return holders


def _name(holder: Holder) -> str:
    """The name part of a named holder ("Sen. Mitt Romney, R-Utah" → "Sen. Mitt Romney"), or ""."""
    if not holder.named:
        return ""  # "officials", "some experts"
    head = re.split(r",|\s+(?:who|which|whose)\b", holder.name)[0].strip()
    words = head.split()
    if not words or head.lower() in PERSONAL or not any(w[:1].isupper() for w in words[1:] or words):
        return ""
    return head if words[0][:1].isupper() or len(words) > 1 else ""


def resolve_pronouns(holders: list[Holder | None]) -> list[Holder | None]:
    """Give each "he"/"she" holder the name it refers to, when the last `WINDOW` sentences name one person."""
    out: list[Holder | None] = []
    recent: list[tuple[int, str]] = []
    for i, h in enumerate(holders):
        if h is not None and h.name.lower() in PERSONAL:
            names = {n for j, n in recent if i - j <= WINDOW}
            if len(names) == 1:
                h = replace(h, refers_to=names.pop())
        elif h is not None and _name(h):
            recent.append((i, _name(h)))
        out.append(h)
    return out


def holder_is_named(holder: str) -> bool:
    """True when a holder names a source (a capitalised name or a personal pronoun).

    Example:
        >>> holder_is_named("U.S. officials"), holder_is_named("some experts")
        (True, False)
    """
    for part in re.split(r",\s*citing\s+", holder):
        part = part.strip()
        if not part:
            continue
        if cues.VAGUE_HOLDER.match(part):
            continue
        if _PRONOUN.match(part):
            return True
        words = part.split()
        body = words[1:] if words and words[0].lower() in {"the", "these", "those", "a", "an", "this"} else words
        if any(w[:1].isupper() for w in body):
            return True
    return False


def typed_holder(holders: list[str]) -> Holder | None:
    """The typed holder of a sentence's holder phrases: the first names the source, the rest its chain.

    Example:
        >>> typed_holder(["the AP", "these officials"]).label, typed_holder(["unnamed"]).unnamed
        ('the AP, citing these officials', True)
    """
    uniq: list[str] = []
    for h in holders:
        if not h or any(h.lower() == u.lower() or h.lower().startswith(u.lower() + " ") for u in uniq):
            continue
        if uniq and (h.lower() in {"unnamed", "it"} or _PRONOUN.match(h)):
            continue  # "They, citing they": a pronoun after a holder refers back to it
        uniq.append(h)
    if not uniq:
        return None
    if uniq == ["unnamed"]:
        return Holder()
    return Holder(uniq[0], tuple(uniq[1:3]), any(holder_is_named(h) for h in uniq[:3]))


def typed_attributions(found: tuple[Found, ...] | None, start: int) -> tuple[Attribution, ...]:
    """The parse's attributions of a sentence as typed records (article offsets)."""
    return tuple(Attribution(typed_holder([f.holder or "unnamed"]), f.cue, start + f.span[0], start + f.span[1], f.rule,
                             round(f.share, 3)) for f in found or () if f.rule and f.span != (0, 0))
