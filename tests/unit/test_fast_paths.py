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


def _patterns() -> list:
    import re

    from index import cues
    return [v for v in vars(cues).values() if isinstance(v, re.Pattern)]


def test_needed_words_of_a_pattern() -> None:
    import re

    from index.prefilter import needed_words
    assert needed_words(re.compile(r"\baccording to (?P<h>\w+)", re.I)) == {"according to "}
    assert needed_words(re.compile(r"\b(?:says|say)\b")) == {"say"}  # the common prefix re factors out
    assert needed_words(re.compile(r"(?:foo)?\w+")) is None  # nothing is required
    assert needed_words(re.compile(r"(?i:said)")) is None  # inline flags: always run


def test_quick_search_same_as_the_pattern_on_random_strings() -> None:
    from index.prefilter import needed_words, quick
    pieces = sorted({w for p in _patterns() for w in (needed_words(p) or ())})
    pieces += ["It", "is", "not", "yet", "that", "the", "report", "said", "“", "”", ",", ".", "ſ", "İ", "K", "-",
               "would", "have", "has", "been", "if", "true", "officials"]
    rng = random.Random(15)
    for _ in range(400):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 10))]
        text = "".join(w.upper() if rng.random() < 0.2 else w.capitalize() if rng.random() < 0.2 else w
                       for w in (x + rng.choice([" ", "  ", "", ", "]) for x in words))
        for p in _patterns():
            slow, fast = p.search(text), quick(p).search(text)
            assert (slow and slow.span()) == (fast and fast.span()), (p.pattern[:40], text)
            assert [m.span() for m in p.finditer(text)] == [m.span() for m in quick(p).finditer(text)]


def test_quick_skips_a_sentence_without_the_words() -> None:
    from index import cues
    from index.prefilter import quick
    assert not quick(cues.HEDGE).may_match("The bridge opened in 1932.")
    assert quick(cues.HEDGE).search("The bridge apparently opened in 1932.").group(0) == "apparently"


_SENTENCES = [
    "The mayor said the bridge would reopen.", "“We will win,” she said.", "“I believe it will rain,” it read.",
    "According to the report, sales fell.", "In a statement, the company called the ruling unfair.",
    "She is convinced the plan will fail.", "“She is convinced,” he wrote.", "Issa: the vote is rigged.",
    "The report found that sales fell.", "The studies show nothing.", "He went on: “No.”", "It rained in May.",
    "The bridge opened in 1932 in a storm.", "Officials were told to leave.", "Sen. Lee, R-Utah, told Reuters so.",
    "Polls show Trump ahead.", "The tour found new fans in May.", "“No,” the memo concluded.", "The claims are false.", "Sure, it rained.",
]


def test_may_attribute_false_only_where_no_rule_finds_anything() -> None:
    from index.attribution import may_attribute, read_doc
    from index.parse import make_docs
    docs = make_docs(_SENTENCES)
    may = [may_attribute(d) for d in docs]
    found = [read_doc(d) for d in parse_many(_SENTENCES)]
    assert all(m or f == () for m, f in zip(may, found, strict=True))
    assert may.count(False) >= 3 and may[0] and may[3] and not may[11]  # "It rained in May." needs no parse


def test_read_all_gives_unread_sentences_an_empty_reading() -> None:
    from index.attribution import read_all
    texts = ["It rained in May.", "The tour found new fans in May.", "The mayor said the bridge would reopen."]
    got = read_all(texts, texts)  # "found": a finding verb, but no document noun to find it
    assert got[0] is None and got[1] == () and got[2] and got[2][0].holder == "The mayor"
