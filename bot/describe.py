"""Who someone is: the person a "Who is X?" or "Where does X work?" question asks about, and the
description an article attaches to them ("Chris Kozak, a Syria analyst at …"), as an answer phrase.

Example:
    >>> appositive("Chris Kozak", "says Chris Kozak, a Syria analyst.")
    'a Syria analyst'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.entities import Span
from bot.types import Evidence, Phrase


_DESCRIBE = re.compile(r"^\s*(?i:who)\s+(is|was)\s+(?!the\b|a\b|an\b)([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s*\??\s*$")
_WORKPLACE = re.compile(r"^\s*(?:where|for\s+(?:whom|which\s+\w+))\s+(?:does|did|do)\s+(.+?)\s+work\b", re.I)
_PERSON = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}")


def described(question: str, context: str = "") -> tuple[str, str] | None:
    """The person a "Who is X?" or "Where does X work?" question asks to describe, and the verb; for a
    follow-up ("Where does he work?") the person comes from `context`, the previous question.

    Example:
        >>> described("Who is Chris Kozak?"), described("Where does he work?", "Who is Chris Kozak?")
        (('Chris Kozak', 'is'), ('Chris Kozak', 'is'))
    """
    m = _DESCRIBE.match(question)
    if m:
        return m.group(2), m.group(1).lower()
    w = _WORKPLACE.match(question)
    if not w:
        return None
    named = _PERSON.search(w.group(1)) or _PERSON.search(context)
    return (named.group(0), "is") if named else None


def appositive_span(name: str, text: str) -> Span | None:
    """Where the description an article attaches to a name sits in `text`, or None.

    Example:
        >>> appositive_span("Chris Kozak", "says Chris Kozak, a Syria analyst.")
        Span(text='a Syria analyst', start=18, end=33, type='description')
    """
    surname = name.split()[-1]
    m = re.search(rf"\b{re.escape(surname)}\b,\s+((?:an?|the|[a-z][\w-]*)\s[^,;:”\"()]*?)(?=[,;:”\"(]|\.\s|\.?$)",
                  text)
    if not m:
        return None
    desc = m.group(1).rstrip()
    return Span(desc, m.start(1), m.start(1) + len(desc), "description")


def appositive(name: str, text: str) -> str:
    """The description an article attaches to a name ("Chris Kozak, a Syria analyst at ..."), or ''.

    Example:
        >>> appositive("Chris Kozak", "says Chris Kozak, a Syria analyst at the Institute for the Study of War.")
        'a Syria analyst at the Institute for the Study of War'
    """
    span = appositive_span(name, text)
    return span.text if span else ""


def _description(subject: tuple[str, str], cited: Sequence[Evidence]) -> Phrase | None:
    name, verb = subject
    for e in cited:
        span = appositive_span(name, e.sentence.text)
        if span:
            s = e.sentence
            return Phrase(f"{name} {verb} {span.text}.", s, e.article, s.start + span.start, s.start + span.end)
    return None
