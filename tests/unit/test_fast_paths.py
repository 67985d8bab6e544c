"""The faster paths of annotation give exactly what the plain code gave (issue 14, cost target)."""

import random

from index import cues
from index.content import found_of, tokens
from index.parse import parse_many

_WORDS = ["said", "SAID", "Says", "unsaid", "say-so", "told", "tell", "the", "mayor", "K", "İt", "ſaid", "saıd",
          "claimed", "reporting", "report's", "“", "”", ",", ".", "-", "_said", "said_", "said2", "Noted", "views"]


def _slow(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group("verb")) for m in cues.ATTRIB_VERB.finditer(text)]


def _fast(text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group("verb")) for m in cues.attrib_verbs(text)]


def test_attrib_verbs_whole_words_any_case() -> None:
    text = "Officials SAID it was unsaid; the say-so, she says, was “told” to reporters_said."
    assert [v for _, v in _fast(text)] == ["SAID", "say", "says", "told"]
    assert _fast(text) == _slow(text)


def test_attrib_verbs_odd_case_letters_fall_back_to_the_pattern() -> None:
    text = "Officials ſaid it."  # re.IGNORECASE matches the long s to "s"; str.lower() does not
    assert _slow(text) and _fast(text) == _slow(text)


def test_attrib_verbs_same_as_the_pattern_on_random_strings() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(_WORDS) + rng.choice(["", " ", "  ", ",", "\n"]) for _ in range(rng.randint(0, 12)))
        assert _fast(text) == _slow(text), text


def test_tokens_kept_on_the_doc_and_found_of_share() -> None:
    doc = parse_many(["Officials said the bridge would reopen on Monday."])[0]
    assert tokens(doc) is tokens(doc) and [t.text for t in tokens(doc)] == [t.text for t in doc]
    ids = {t.i for t in doc[2:]}
    found = found_of("speech_verb", "said", "Officials", doc, ids, {0, 1})
    # content "the bridge would reopen on Monday" against the words outside the frame (the same words)
    assert found.share == 1.0 and doc.text[slice(*found.span)] == "the bridge would reopen on Monday"
    whole = found_of("speech_verb", "said", "Officials", doc, ids)
    words = sum(len(t.text) for t in doc[2:] if not t.is_punct)
    assert whole.share == words / sum(len(t.text) for t in doc if not t.is_punct)
