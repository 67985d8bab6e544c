"""Sentence splitting and chunking that keep character offsets into the original text.

Example:
    >>> text = "U.S. officials haven't confirmed it. “Really?” I said. Kozak agrees."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ["U.S. officials haven't confirmed it.", '“Really?” I said.', 'Kozak agrees.']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index import lexicon
from index.types import Chunk, Sentence, content_hash

MAX_SENTENCE_CHARS = 1_500
_TITLE_ABBREVS = lexicon.TITLE_ABBREVS
_END_ABBREVS = lexicon.END_ABBREVS
_STARTERS = {
    "the", "a", "an", "but", "and", "in", "it", "he", "she", "they", "this", "that", "we", "i", "its", "his",
    "her", "their", "there", "these", "those", "on", "at", "for", "as", "if", "when", "while", "after",
    "meanwhile", "however", "still", "yet", "so", "now", "some", "many", "most", "officials",
}
_SPEECH = re.compile(r"^\s*(?:[A-Z][\w’'-]*\s+){1,3}(?:said|says|asked|replied|added|told|wrote)\b")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_BLOCK_PREFIX = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+|>\s*|\d{1,3}[.)]\s+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_boundary(text: str, m: re.Match[str], block_end: int) -> bool:
    """Decide whether a terminator match ends a sentence."""
    nxt = m.end()
    while nxt < block_end and text[nxt].isspace():
        nxt += 1
    if nxt >= block_end:
        return True
    following = text[nxt:min(block_end, nxt + 40)]
    first = following[0]
    if first.islower() or first in ",;:":
        return False
    term = m.group(0)
    next_word = re.match(r"[\w’']+", following)
    next_lower = next_word.group(0).lower() if next_word else ""
    if term[0] in "?!" and term[-1] in "\"'”’" and _SPEECH.match(following):
        return False
    if term[0] != ".":
        return True
    wm = _WORD_BEFORE.search(text[max(0, m.start() - 30):m.start()])
    if not wm:
        return True
    word = wm.group(1)
    bare = word.lower().rstrip(".")
    if "." in word.strip(".") or (len(word) == 1 and word.isupper()):
        # Initialism (U.S., U.N.) or an initial (J.): a boundary only before a clear sentence start.
        return next_lower in _STARTERS and next_word is not None and next_word.group(0)[0].isupper()
    if bare in _TITLE_ABBREVS and len(term) == 1:
        return False
    if bare in _END_ABBREVS:
        return next_lower in _STARTERS
    return True


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a region into blocks at blank lines, headline-like lines and Markdown markers."""
    blocks: list[tuple[int, int]] = []
    cur = start
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end].strip()
        next_start = line_end + 1
        next_line = ""
        if nl >= 0:
            nn = text.find("\n", next_start, end)
            next_line = text[next_start:end if nn < 0 else nn].strip()
        hard = (
            nl < 0
            or not line
            or not next_line
            or len(line) <= 70
            or line.endswith((".", "!", "?", "”", '"', ":", "’"))
            or bool(_BLOCK_PREFIX.match(next_line))
            or line.startswith("#")
        )
        if hard:
            if text[cur:line_end].strip():
                blocks.append((cur, line_end))
            cur = next_start
        pos = next_start
    if cur < end and text[cur:end].strip():
        blocks.append((cur, end))
    return blocks


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    m = _BLOCK_PREFIX.match(text[s:e])
    if m and m.end() < e - s:
        s += m.end()
    return s, e


def _cap(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at white space so no span exceeds MAX_SENTENCE_CHARS."""
    out: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        cut = cut if cut > s else s + MAX_SENTENCE_CHARS
        out.append(_trim(text, s, cut))
        s = cut
    out.append(_trim(text, s, e))
    return [(a, b) for a, b in out if b > a]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` over `text[start:end]`, offsets into `text`."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text, start, end):
        s = b_start
        for m in _BOUNDARY.finditer(text, b_start, b_end):
            if _is_boundary(text, m, b_end):
                spans.extend(_cap(text, *_trim(text, s, m.end())))
                s = m.end()
        if text[s:b_end].strip():
            spans.extend(_cap(text, *_trim(text, s, b_end)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def paragraph_starts(text: str, start: int = 0, end: int | None = None) -> set[int]:
    """Offsets at which a block (paragraph, headline) begins."""
    return {_trim(text, s, e)[0] for s, e in _blocks(text, start, len(text) if end is None else end)}


def chunk_sentences(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    max_chars: int = 600,
    max_sentences: int = 4,
    breaks: set[int] | None = None,
) -> list[Chunk]:
    """Pack whole consecutive sentences into chunks of at most `max_chars` / `max_sentences`.

    Example:
        >>> t = "One. Two. Three."
        >>> ss = [Sentence("a", s, e, t[s:e]) for s, e in split_sentences(t)]
        >>> [c.text for c in chunk_sentences("a", t, ss, max_sentences=2)]
        ['One. Two.', 'Three.']
    """
    chunks: list[Chunk] = []
    group: list[Sentence] = []
    breaks = breaks or set()

    def flush() -> None:
        if group:
            s, e = group[0].start, group[-1].end
            body = text[s:e]
            chunks.append(Chunk(content_hash(article_id, str(s), str(e), body), article_id, s, e, body, tuple(group)))
            group.clear()

    for sent in sentences:
        if group:
            size = sent.end - group[0].start
            at_break = sent.start in breaks and (group[-1].end - group[0].start) > max_chars // 2
            if size > max_chars or len(group) >= max_sentences or at_break:
                flush()
        group.append(sent)
    flush()
    return chunks
