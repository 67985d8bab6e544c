"""Page wording of flags, from typed flags only: whose claim is unconfirmed by whom, and which sentence
is the one that does not confirm it.

Example:
    >>> from bot.types import Answer, Flag
    >>> said = Flag("truce", "unconfirmed", "say", "Syrian opposition officials", "a.txt", "q1", 0, 5, n=1)
    >>> negator = Flag("not confirmed", "unconfirmed", "not confirmed", "U.S. officials", "a.txt", "q2", 6, 9, n=2)
    >>> group = Flag("truce", "unconfirmed", "not confirmed", "U.S. officials", "a.txt", "q2", 6, 9, kind="claim")
    >>> flag_wording(group, Answer(question="q", text="t", flags=(said, negator, group)))
    'truce: reported by Syrian opposition officials — not confirmed by U.S. officials'
    >>> is_negator(negator, (group,))
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.types import Answer, Flag

VERB = {"unconfirmed": "not confirmed", "disputed": "disputed"}
NEGATOR_LABEL = {"unconfirmed": "does not confirm", "disputed": "disputes"}
REPORTING = frozenset({"attributed", "unconfirmed", "hedged", "disputed", "asserted"})


def is_negator(flag: Flag, claim_flags: Sequence[Flag]) -> bool:
    """Whether a sentence flag is the sentence that does not confirm (or disputes) a claim of the answer."""
    return flag.kind == "sentence" and any(
        g.source == flag.source and g.start == flag.start and g.end == flag.end for g in claim_flags)


def says_not_confirmed(flag: Flag) -> bool:
    """Whether a sentence is itself a non-confirmation (or a denial, a dispute) by its holder, not a report
    left unconfirmed by another sentence: its own cue says so and its status is not inherited (no note).

    Example:
        >>> says_not_confirmed(Flag("merger", "unconfirmed", "haven’t confirmed", "U.S. officials", "a", "q", 0, 9))
        True
    """
    return (flag.kind == "sentence" and flag.status in NEGATOR_LABEL and not flag.note
            and bool(re.search(r"confirm|den(?:y|ie)|disput", flag.cue, re.I)))


def reporters(answer: Answer, group: Flag) -> list[str]:
    """Holders who report the claims of the answer, in answer order: every sentence flag's holder except the
    non-confirming (or disputing) holder's own and the sentence that does not confirm it."""
    seen: list[str] = []
    for f in answer.flags:
        if f.kind != "sentence" or not f.holder or f.holder == group.holder or is_negator(f, (group,)):
            continue
        if f.status in REPORTING and f.holder not in seen:
            seen.append(f.holder)
    return seen


def join_names(names: Sequence[str]) -> str:
    """Names as a list: "A and B", "A, B and C"; "A; B; C" when a name has a comma of its own.

    Example:
        >>> join_names(["X"]), join_names(["X", "Y", "Z"]), join_names(["X", "the AP, citing Y"])
        ('X', 'X, Y and Z', 'X; the AP, citing Y')
    """
    if any("," in n for n in names):
        return "; ".join(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def flag_wording(group: Flag, answer: Answer) -> str:
    """'CLAIM: reported by X — not confirmed by Y' for a claim flag (falls back to its note)."""
    verb = VERB.get(group.status)
    if group.kind != "claim" or not verb:
        return group.note or group.claim
    who = reporters(answer, group)
    reported = f"reported by {join_names(who)} — " if who else ""
    by = f" by {group.holder}" if group.holder else ""
    return f"{group.claim}: {reported}{verb}{by}"


def quoted(text: str) -> str:
    """A quote in quotation marks, unless it has quotation marks of its own (no doubled ””).

    Example:
        >>> quoted("A truce."), quoted("They “agreed.”")
        ('“A truce.”', 'They “agreed.”')
    """
    return text if "“" in text else f"“{text}”"
