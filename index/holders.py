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

from index.content import ATTRIBUTED_SHARE, Found
from index.types import Holder

if TYPE_CHECKING:  # pragma: no cover
    from index.epistemic import Reading

PERSONAL = frozenset("he she him her his".split())  # "they", "it", "we" name groups: not resolved
WINDOW = 8  # sentences looked back for the antecedent


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
