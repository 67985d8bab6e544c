"""A literal pre-filter for the cue patterns: the words one of which every match of a pattern holds.

`re` tries a long alternation such as `cues.HEDGE` at every position of a sentence; most sentences hold
none of its words. `needed_words` reads the pattern's syntax tree for strings that any match must
contain (one per branch: "reportedly", "seem", "may", …); `quick(pattern).search(text)` runs the pattern
only when the lower-cased text holds one of them, so it returns exactly what `pattern.search(text)` does.
A pattern whose tree it cannot read (inline flags, a construct it does not know) is always run.

Example:
    >>> sorted(needed_words(re.compile(r"\\b(?:not\\s+confirmed|unverified)\\b", re.I)))
    ['confirmed', 'unverified']
    >>> quick(re.compile(r"\\bsaid\\b", re.I)).search("It rained.") is None
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # the parser of `re` (private, stable since 3.11; on another layout the patterns simply always run)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - depends on the Python version
    _c = _p = None  # type: ignore[assignment]

# Letters that re.IGNORECASE matches to ASCII letters but `str.lower()` does not lower to one ("İ", "ı",
# "ſ"): a text holding one is always searched. (Only these three: every other character `str.lower()`
# maps to ASCII, the Kelvin sign, lowers as IGNORECASE folds it.)
ODD_CASE = re.compile("[\u0130\u0131\u017f]")
_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 '-")


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several sets each sufficient, the most selective: longest shortest word, then fewest words."""
    return max(options, key=lambda s: (min(map(len, s)), -len(s))) if options else None


def _sequence(items: object) -> frozenset[str] | None:
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:  # type: ignore[attr-defined]
        char = chr(av).lower() if op is _c.LITERAL else ""
        if len(char) == 1 and char in _RUN_CHARS:
            run.append(char)
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        need = _node(op, av)
        if need:
            options.append(need)
    if run:
        options.append(frozenset({"".join(run)}))
    return _best(options)


def _node(op: object, av: object) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av  # type: ignore[misc]
        return None if add_flags or del_flags else _sequence(sub)
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op is _c.BRANCH:
        branches = [_sequence(b) for b in av[1]]  # type: ignore[index]
        return None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, sub = av  # type: ignore[misc]
        return _sequence(sub) if low >= 1 else None
    return None  # a class, an anchor, a look-around, a back reference: no word required


def needed_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` contains; None when it cannot tell.

    Example:
        >>> sorted(needed_words(re.compile(r"\\b(?:if|unless)\\s+(?:true|real)\\b", re.I)))  # the longer words
        ['real', 'true']
    """
    if _p is None or pattern.flags & re.VERBOSE:
        return None
    try:
        return _sequence(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unknown tree: the pattern always runs
        return None


class Quick:
    """A pattern with its needed words: `search` and `finditer` skip texts that hold none of them."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words = needed_words(pattern)

    def may_match(self, text: str) -> bool:
        """False only when no match is possible (the text holds none of the needed words)."""
        if self.words is None or ODD_CASE.search(text):
            return True
        return any(map(text.lower().__contains__, self.words))

    def search(self, text: str) -> re.Match[str] | None:
        """`pattern.search(text)`."""
        return self.pattern.search(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`."""
        return self.pattern.finditer(text) if self.may_match(text) else iter(())


@lru_cache(maxsize=256)
def quick(pattern: re.Pattern[str]) -> Quick:
    """The `Quick` form of a compiled pattern (made once)."""
    return Quick(pattern)
