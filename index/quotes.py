"""Quotations across sentences: every sentence inside a quote is attributed to the quote's speaker.

A quote may run over several sentences and paragraphs (news convention: each paragraph of a long
quote opens with a quote mark, only the last one closes). Its speaker is named in one of its own
sentences ("…,” the senator said."), in a colon intro before it ("The mayor said:"), or in the
sentence just before that itself quotes the same speaker ("“We won,” Smith told reporters.").

Example:
    >>> text = "“The plan is dead. Nobody will vote for it,” the senator said."
    >>> quote_regions(text)
    [(0, 44)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.rules import RULES

_MARK = re.compile(r"''|[“”\"]")
_OPENING = re.compile(r"\s*(?:''|[“\"])")
# Thresholds described in `index.rules`.
QUOTED_SHARE = RULES.quoted_share
WHOLLY_QUOTED = RULES.wholly_quoted
LOOK_BACK = RULES.quote_look_back


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations of `text` (marks included), continued across paragraphs."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    pos = 0
    for para in re.finditer(r"[^\n]+", text):
        reopen = open_at is not None  # the quote of the paragraph before goes on: its opening mark is not new
        for m in _MARK.finditer(para.group(0)):
            at = para.start() + m.start()
            mark = m.group(0)
            if reopen and mark != "”":
                reopen = False
                continue
            reopen = False
            if open_at is None and mark != "”":
                open_at = at
            elif open_at is not None and mark != "“":
                regions.append((open_at, at + len(mark)))
                open_at = None
        if open_at is not None and not _OPENING.match(text, para.end()):
            regions.append((open_at, para.end()))  # unclosed, and the next paragraph does not go on
            open_at = None
        pos = para.end()
    if open_at is not None:
        regions.append((open_at, pos))
    return regions


def _solid(text: str, start: int, end: int) -> int:
    """How many non-space characters text[start:end] holds."""
    return len("".join(text[start:end].split())) if end > start else 0


def quoted_share(text: str, start: int, end: int, regions: Sequence[tuple[int, int]]) -> float:
    """The share of a span's non-space characters that lie inside the quote regions.

    Example:
        >>> t = "“We won,” Smith said."
        >>> round(quoted_share(t, 0, len(t), quote_regions(t)), 2)
        0.44
    """
    total = _solid(text, start, end)
    if not total:
        return 0.0
    inside, reach = 0, start  # the overlaps, merged, so that overlapping regions count once
    for a, b in sorted((max(a, start), min(b, end)) for a, b in regions if a < end and b > start):
        lo = max(a, reach)
        if b > lo:
            inside += _solid(text, lo, b)
            reach = b
    return inside / total


def unquoted(text: str, start: int, end: int, regions: Sequence[tuple[int, int]]) -> str:
    """The span's text with its quoted parts blanked (what the narrator says around the quotes).

    Example:
        >>> t = "“We think so,” Smith said."
        >>> unquoted(t, 0, len(t), quote_regions(t)).strip()
        'Smith said.'
    """
    out = text[start:end]
    for a, b in regions:
        if a < end and b > start:
            lo, hi = max(a, start) - start, min(b, end) - start
            out = out[:lo] + " " * (hi - lo) + out[hi:]
    return out


UNNAMED_SPEAKER = -1  # `quote_speakers`: inside a quote whose speaker no sentence near it names


def quote_speakers(text: str, spans: Sequence[tuple[int, int]], holders: Sequence[list[str] | None]
                   ) -> list[int | None]:
    """For each sentence inside a quote and not attributed yet, the index of the sentence naming the speaker
    (`UNNAMED_SPEAKER` when none does: a quotation is still somebody's words).

    `holders[i]` is the holder list of an attributed sentence (None when not attributed). Example:
        >>> t = "“We won,” Smith told reporters. “The count is final.”"
        >>> quote_speakers(t, [(0, 31), (32, 53)], [["Smith"], None])
        [None, 0]
        >>> quote_speakers("“The count is final.”", [(0, 21)], [None])
        [-1]
    """
    regions = quote_regions(text)
    out: list[int | None] = [None] * len(spans)
    for a, b in regions:
        inside = [i for i, (s, e) in enumerate(spans) if s < b and e > a]
        if not inside:
            continue
        speaker = _speaker(text, spans, holders, inside, regions)
        if speaker is None:
            speaker = UNNAMED_SPEAKER
        for i in inside:
            if holders[i] is None and quoted_share(text, *spans[i], regions) >= QUOTED_SHARE:
                out[i] = speaker
    return out


def _speaker(text: str, spans: Sequence[tuple[int, int]], holders: Sequence[list[str] | None],
             inside: list[int], regions: Sequence[tuple[int, int]]) -> int | None:
    """The sentence naming the quote's speaker: one of the quote's own, else the sentence just before it
    (a colon intro "The mayor said:", the quote before, or a report "he promised that …")."""
    for i in reversed(inside):
        if holders[i] and quoted_share(text, *spans[i], regions) < WHOLLY_QUOTED:
            return i
    j = inside[0] - 1
    if j >= 0 and holders[j]:
        return j  # a colon intro, the quote before, or a report just before: that speaker goes on
    after = inside[-1] + 1
    if after < len(spans) and holders[after] and quoted_share(text, *spans[after], regions) < QUOTED_SHARE:
        return after  # "“…”" then "Smith, who …, said …": the next sentence names the speaker
    # else the speaker of the last few sentences before it (news continues a speaker's quotes)
    return next((k for k in range(j - 1, max(-1, j - 1 - LOOK_BACK), -1) if holders[k]), None)

