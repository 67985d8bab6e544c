"""Verification, on in every mode: each citation must be the exact article slice, and each answer
sentence must be backed by what it cites, without turning a report into a fact.

Example:
    >>> from index.types import Holder, Sentence
    >>> q = Sentence("a", 0, 40, "Officials say ISIS reached a truce.", "attributed", ("attributed",), "say",
    ...              Holder("Officials"))
    >>> support("ISIS reached a truce.", [q])
    'states as fact what its source only reports (attributed)'
    >>> support("Officials say ISIS reached a truce.", [q])
    ''
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.claims import AGENCIES
from index.text import fold, terms
from index.types import Sentence

MARKER = re.compile(r"\s*\[(\d+)\]")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_NAME = re.compile(r"(?<!^)(?<![.!?:]\s)\b[A-Z][a-z][\w’'-]*")
_REPORT_CUES = re.compile(
    r"\b(?:accord\w*|say|says|said|report\w*|claim\w*|told|tell|wrote|writes|apparently|allegedly|reportedly|"
    r"possibl\w*|likely|may|might|could|would|if|unconfirmed|confirm\w*|den\w+|disput\w+|seem\w*|suggest\w*|"
    r"appear\w*|believ\w*|citing|quot\w*|unclear|not\s+verified)\b", re.I)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def citation_ok(quote: str, start: int, end: int, article_text: str) -> bool:
    """A citation is valid when its quote is exactly the article slice it points at.

    Example:
        >>> citation_ok("b", 1, 2, "abc")
        True
    """
    return 0 <= start < end <= len(article_text) and article_text[start:end] == quote


def split_marked(text: str) -> list[tuple[str, list[int]]]:
    """Split answer text into sentences with their `[n]` markers.

    Example:
        >>> split_marked("A fact [1]. Another [2][3].")
        [('A fact.', [1]), ('Another.', [2, 3])]
    """
    out: list[tuple[str, list[int]]] = []
    for part in re.split(r"(?<=[.!?”\"’\]])\s+(?=[A-Z“\"(])", text.strip()):
        if not part.strip():
            continue
        marks = [int(m) for m in MARKER.findall(part)]
        plain = MARKER.sub("", part).strip()
        plain = re.sub(r"\s+([.!?])$", r"\1", plain)
        out.append((plain, marks))
    return out


MODAL_STATUSES = frozenset({"hedged", "conditional", "speculative"})  # the writer's own, with no holder

_FRAMING = frozenset(terms("reportedly according"))  # our framing words, not claims to find in the quotes


def _core(sentence: str) -> str:
    """The sentence without our own report framing ("According to X: ", "Reportedly, "): the part the cited
    sentences must hold.

    Example:
        >>> _core("Reportedly, Madonna."), _core("According to the AP: 12.")
        ('Madonna.', '12.')
    """
    m = re.match(r"^(?:According to [^:]{1,120}:|Reportedly,)\s*", sentence)
    return sentence[m.end():] if m else sentence


def support(sentence: str, cited: Sequence[Sentence], holders_ok: bool = True) -> str:
    """Why `sentence` is not backed by the `cited` sentences, or '' when it is."""
    if not cited:
        return "cites nothing"
    core = _norm(_core(sentence)).rstrip(".")
    quotes = " ".join(c.text for c in cited)
    holders = " ".join(" ".join(c.holder.sources) for c in cited if c.holder)
    exact = any(core and core in _norm(c.text) for c in cited)
    if not exact:
        s_terms = set(terms(sentence)) - _FRAMING
        q_terms = set(terms(quotes + " " + holders))
        if s_terms and len(s_terms & q_terms) / len(s_terms) < 0.8:
            return "says more than its sources"
        source_text = _norm(quotes + " " + holders)
        for num in _NUMBER.findall(sentence):
            if num.strip(".,") not in source_text:
                return f"the number {num} is not in its sources"
        for name in _NAME.findall(_core(sentence)):
            if _norm(name) not in source_text and fold(name) not in {"according"}:
                return f"the name {name} is not in its sources"
    reported = [c for c in cited if c.status != "asserted" and not keeps_own_modality(sentence, c)]
    if reported and not _REPORT_CUES.search(sentence):
        holder_words = {w for c in reported if c.holder for w in terms(" ".join(c.holder.sources))}
        if not holder_words or not holder_words & set(terms(sentence)):
            return f"states as fact what its source only reports ({reported[0].status})"
    return ""


def keeps_own_modality(sentence: str, cited: Sentence) -> bool:
    """`sentence` quotes `cited` word for word, and `cited` is only the writer's own modality (hedged,
    conditional, speculative: no source to name) whose cue lies inside the quote: the quote keeps the hedge.

    Example:
        >>> s = Sentence("a", 0, 30, "The storm is expected to hit.", "speculative", ("speculative",), "expected to")
        >>> keeps_own_modality("The storm is expected to hit.", s), keeps_own_modality("The storm hit.", s)
        (True, False)
    """
    statuses = set(cited.statuses) - {"asserted"}
    if not statuses or not statuses <= MODAL_STATUSES or not cited.cue:
        return False
    return _norm(sentence) == _norm(cited.text) and _norm(cited.cue) in _norm(sentence)


def note_support(note: str, cited: Sequence[Sentence], n_articles: int) -> str:
    """Check a corroboration note: its article count and named origins must match what it cites."""
    m = re.search(r"Reported by (\d+) articles", note)
    if m and int(m.group(1)) != n_articles:
        return "counts articles it does not cite"
    pool = _norm(" ".join(c.text + " " + " ".join(c.holder.sources if c.holder else ()) for c in cited))
    for agency in set(AGENCIES.values()):
        if re.search(rf"\b{re.escape(agency)}\b", note):
            names = [k for k, v in AGENCIES.items() if v == agency]
            if not any(re.search(rf"\b{re.escape(k)}\b", pool) for k in names):
                return f"names {agency}, which its sources do not"
    return ""
