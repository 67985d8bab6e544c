"""Text normalisation for lexical matching: folding, tokens, stop words, a light stemmer, spelling variants.

Example:
    >>> terms("al-Qaida’s leaders agreed")
    ['qaida', 'leader', 'agre']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against al all also am an and any are aren't as at be because been before being
    below between both but by can cannot could did do does doing down during each el few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves s t
    don't didn't doesn't haven't hasn't isn't wasn't weren't won't wouldn't couldn't shouldn't can't d ll m o re ve y
    does did according say says said tell told""".split()
)
QUESTION_WORDS = frozenset(
    "what who whom whose which when where why how did does do is are was were "
    # words about the articles themselves, not their content
    "article articles story stories piece text passage quoted quote mention mentioned mentions".split()
)
# Names the tokeniser + stop words + stemmer: indexes store terms made by it, and a catalog written
# with another one re-derives its BM25 postings and vocabulary on open (see `Catalog`).
ANALYZER = "stem-2"
_TOKEN = re.compile(r"[a-z0-9]+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": " ", "–": " ", "-": " "})


def fold(text: str) -> str:
    """Lower-case, strip accents, unify quotes and dashes.

    Example:
        >>> fold("Café—Qaeda’s")
        "cafe qaeda's"
    """
    text = text.translate(_FOLD)
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


IRREGULAR = {
    "led": "lead", "leads": "lead", "leading": "lead", "took": "take", "taken": "take", "made": "make",
    "fought": "fight", "sent": "send", "held": "hold", "met": "meet", "won": "win", "left": "leave",
    "began": "begin", "begun": "begin", "brought": "bring", "bought": "buy", "caught": "catch", "chose": "choose",
    "chosen": "choose", "came": "come", "did": "do", "done": "do", "drove": "drive", "fell": "fall", "felt": "feel",
    "found": "find", "flew": "fly", "gave": "give", "given": "give", "went": "go", "gone": "go", "grew": "grow",
    "had": "have", "heard": "hear", "kept": "keep", "knew": "know", "known": "know", "lost": "lose", "paid": "pay",
    "ran": "run", "rose": "rise", "risen": "rise", "saw": "see", "seen": "see", "sold": "sell", "shot": "shoot",
    "spoke": "speak", "spoken": "speak", "spent": "spend", "stood": "stand", "struck": "strike", "taught": "teach",
    "thought": "think", "threw": "throw", "wrote": "write", "written": "write", "fled": "flee", "built": "build",
    "cut": "cut", "hit": "hit", "quit": "quit", "split": "split", "swore": "swear", "sworn": "swear",
    "women": "woman", "men": "man", "children": "child", "people": "person",
    # past tenses of verbs in -ee (other words ending in -eed keep it: need, speed, proceed)
    "agreed": "agre", "disagreed": "disagre", "freed": "free", "decreed": "decre", "guaranteed": "guarante",
    "refereed": "refere",
}


# Words whose "-ed" is not a suffix (embed/embedded must meet at "embed", not "emb").
_ENDS_IN_ED = frozenset("embed shred sled hundred naked wicked sacred kindred rugged ragged jagged beloved "
                        "wretched".split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix stemmer (plurals, -ing, -ed, -ly), enough for matching.

    Example:
        >>> stem("officials"), stem("led"), stem("agreed"), stem("embedded"), stem("embed"), stem("planning")
        ('official', 'lead', 'agre', 'embed', 'embed', 'plan')
    """
    w = IRREGULAR.get(word, word)
    if w != word:
        return w
    if len(w) <= 3 or w.isdigit() or w in _ENDS_IN_ED:
        return w
    if w.endswith("eed"):
        return w  # need, speed, proceed: not a suffix (agreed, freed: see IRREGULAR)
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ness", ""), ("ments", "ment"), ("ing", ""), ("edly", ""),
                         ("ed", ""), ("ly", ""), ("es", "e"), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            w = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed", "edly") and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouflsz":
                w = w[:-1]  # embedded → embed, planned → plan (not fall, pass, staff)
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    """Folded word tokens, stop words kept."""
    folded = fold(text).replace("'s", " ").replace("'", "")
    return _TOKEN.findall(folded)


def terms(text: str) -> list[str]:
    """Stemmed content terms (stop words removed), in order."""
    return list(_terms(text))


@lru_cache(maxsize=100_000)
def _terms(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit()))


@lru_cache(maxsize=20_000)
def _variants(term: str) -> tuple[str, ...]:
    if len(term) < 5 or term.isdigit():
        return ()
    letters = "abcdefghijklmnopqrstuvwxyz"
    return tuple(term[:i] + c + term[i + 1:] for i, ch in enumerate(term) for c in letters if c != ch)


def variants(term: str) -> list[str]:
    """Same-length one-letter substitutions of a term (spelling variants such as qaida/qaeda).

    Example:
        >>> "qaeda" in variants("qaida")
        True
    """
    return list(_variants(term))
