"""Attribution read from the dependency parse: who says, writes, thinks or wants the content of a sentence.

A cheap pre-check (`needs_parse`: quote marks, a reporting or thinking verb form, "according to") picks
the sentences worth parsing; `read_many` parses those in one batch and applies `RULES`, a table of named
rules (status, pattern, how the holder is found). The holder is the whole noun phrase of the source
("Two officials who spoke on condition of anonymity", "Sen. Chuck Grassley, R-Iowa").
Quotes that run over several sentences are handled in `index.quotes`.

Example:
    >>> [(f.rule, f.holder) for f in read_many(["Sen. Chuck Grassley, R-Iowa, told Reuters the bill is dead.",
    ...                                          "The bill is dead."]) if f]
    [('speech_verb', 'Sen. Chuck Grassley, R-Iowa')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from index import lexicon
from index.parse import parse_many

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# The rules read tags and dependencies only: NER, the attribute ruler and the lemmatizer are skipped
# (together they take more than half of the pipeline's time).
_UNUSED_PIPES = ("ner", "attribute_ruler", "lemmatizer")
UNNAMED = ""  # holder text of an unnamed source ("it was reported", "is said to")
_CONTENT_DEPS = {"ccomp", "xcomp", "parataxis", "oprd"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_RELATIVE = {"who", "that", "which", "whom"}
_QUOTES = "“”\"«»"
_QUOTE_TOKENS = {'"', "''", "“", "”", "``", "«", "»"}
_OPEN_TOKENS = {"“", "``", "«"}
_HOLDER_TRIM = " ,.;:—–-“”\"'’()"


@dataclass(frozen=True)
class Found:
    """One attribution found in a sentence: the rule, its cue word, the holder phrase ("" = unnamed)."""

    rule: str
    cue: str
    holder: str


@dataclass(frozen=True)
class Rule:
    """A named attribution rule: the status it gives, the pattern it reads, how it finds the holder."""

    name: str
    status: str
    pattern: str
    holder: str
    find: Callable[["Doc"], Found | None]


def _forms(lemmas: frozenset[str]) -> dict[str, str]:
    """Word forms of verb lemmas, form → lemma (regular inflection; over-generating is harmless).

    Example:
        >>> f = _forms(frozenset({"plan", "say"}))
        >>> f["planned"], f["said"], f["says"]
        ('plan', 'say', 'say')
    """
    out: dict[str, str] = {}
    for w in lemmas:
        stem = w[:-1] if w.endswith("e") else w
        forms = {w, w + "s", w + "es", stem + "ed", stem + "ing", w + "d", w + "ed", w + w[-1] + "ed",
                 w + w[-1] + "ing"}
        if w.endswith("y"):
            forms |= {w[:-1] + "ies", w[:-1] + "ied"}
        out.update((f, w) for f in forms)
    out.update((f, w) for f, w in lexicon.IRREGULAR_FORMS.items() if w in lemmas)
    return out


@lru_cache(maxsize=1)
def _lemmas() -> dict[str, str]:
    return _forms(lexicon.SPEECH_LEMMAS | lexicon.COGNITION_LEMMAS | lexicon.FINDING_LEMMAS)


def _lemma(tok: "Token") -> str:
    """The lemma of a verb of the lexicon (spaCy's lemmatizer is not run: it costs a third of the parse)."""
    return _lemmas().get(tok.lower_, tok.lower_)


def _is_verb(tok: "Token") -> bool:
    return tok.tag_.startswith("VB")


@lru_cache(maxsize=1)
def _precheck() -> re.Pattern[str]:
    words = _lemmas()
    phrases = [re.escape(p) for p in lexicon.ATTRIBUTION_PHRASES]
    # lower-case word forms only ("States" in "United States" is no verb); phrases in any case
    return re.compile(rf"\b(?:{lexicon.alternation(words)}|(?i:{'|'.join(phrases)}))\b")


def needs_parse(text: str) -> bool:
    """The cheap pre-check: True when a sentence may hold an attribution worth a parse.

    Example:
        >>> needs_parse("Trump believes it."), needs_parse("The bridge opened in 1932.")
        (True, False)
    """
    return bool(_precheck().search(text))


def _phrase(tok: "Token", drop: "Token | None" = None) -> str:
    """The noun phrase under `tok` (its subtree), without a relative clause holding `drop`."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    if drop is not None and left <= drop.i <= right:
        # "officials who said …": the relative clause holding the cue is not part of the holder
        sub = next((c for c in tok.children if c.left_edge.i <= drop.i <= c.right_edge.i), None)
        if sub is not None:
            right = sub.left_edge.i - 1 if sub.i > tok.i else right
            left = sub.right_edge.i + 1 if sub.i < tok.i else left
    text = doc[left:right + 1].text if right >= left else tok.text
    return text.strip(_HOLDER_TRIM)


def _subject(verb: "Token") -> "Token | None":
    """The subject of a verb, inherited from the verb it is coordinated with, or governs ("went on to say")."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        subj = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return subj
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ in {"acl", "relcl"}:
            return verb.head
        return None
    return None


def _holder(verb: "Token") -> str | None:
    """The holder phrase of a reporting verb; "" for an unnamed passive ("it was reported"), None if none."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return _phrase(obj) if obj is not None else None
    subj = _subject(verb)
    if subj is None:
        return None
    if subj.dep_ == "nsubjpass" and subj.head.i == verb.i:
        return UNNAMED  # "it was reported that", "he is said to be ill"
    return _phrase(subj, drop=verb)


def _size(tokens: "Iterable[Token]") -> int:
    return sum(1 for t in tokens if not t.is_punct)


def _quoted(doc: "Doc") -> set[int]:
    """Indices of the tokens between quote marks (an unclosed mark runs to the end)."""
    inside, out = False, set()
    for t in doc:
        if t.text in _QUOTE_TOKENS:
            inside = not inside if t.text in {'"', "''"} else t.text in _OPEN_TOKENS
        elif inside:
            out.add(t.i)
    return out


def content_share(verb: "Token") -> float:
    """The share of the sentence that is the verb's reported content (clause, quote, object, colon text).

    Example:
        >>> doc = parse_many(["Trump believes the wall will be built."], disable=_UNUSED_PIPES)[0]
        >>> round(content_share(doc[1]), 2)
        0.67
    """
    doc = verb.doc
    total = max(1, _size(doc))
    size = sum(_size(c.subtree) for c in verb.children if c.dep_ in _CONTENT_DEPS)
    if _lemma(verb) in _OBJECT_REPORTS:
        size += sum(_size(c.subtree) for c in verb.children if c.dep_ in {"dobj", "dative"})
    if verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and any(
            c.lower_ == "as" and c.dep_ == "mark" for c in verb.children)):
        size = max(size, _size(verb.head.subtree) - _size(verb.subtree))  # "…, he said, …", "as he puts it"
    quoted = _quoted(doc)
    if quoted and verb.i not in quoted:
        size = max(size, _size(doc[i] for i in quoted))  # "“…,” she said"
    after = doc[verb.i + 1:verb.i + 3]
    if any(t.text == ":" for t in after):
        rest = _size(doc[verb.i + 1:])
        size = max(size, rest if rest > 2 else total)  # "The mayor said:" before a quoted paragraph
    return min(1.0, size / total)


MIN_CONTENT = 0.34  # the reported content must be a good part of the sentence, not a phrase in it


def _infinitive(verb: "Token") -> bool:
    """"declined to say", "is supposed to announce", "how to tell": nobody says it here."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        _lemma(verb.head) not in {"go", "continue", "proceed"} and verb.head.lower_ not in {"went", "goes", "go"}


def _verb_rule(lemmas: frozenset[str], name: str) -> Callable[["Doc"], Found | None]:
    def find(doc: "Doc") -> Found | None:
        quoted = _quoted(doc)
        for tok in doc:
            if tok.i in quoted:
                continue  # a verb inside a quote is the speaker's word, not the narrator's
            lemma = _lemma(tok)
            if not _is_verb(tok) or lemma not in lemmas or lemma in lexicon.INFERENCE_VERBS:
                continue
            if lemma == "point" and not any(c.lower_ == "out" for c in tok.children) or _infinitive(tok):
                continue
            if lemma in lexicon.CLAUSE_ONLY and not any(c.dep_ == "ccomp" for c in tok.children):
                continue
            if content_share(tok) < MIN_CONTENT:
                continue
            holder = _holder(tok)
            if holder is not None:
                return Found(name, tok.text, holder)
        return None
    return find


_OBJECT_REPORTS = frozenset("promise pledge vow propose demand urge deny accuse blame praise criticize criticise "
                            "predict announce reveal tell ask want plan expect fear seek".split())


def _according_to(doc: "Doc") -> Found | None:
    for tok in doc:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return Found("according_to", "according to", _phrase(obj))
    return None


def _document_finding(doc: "Doc") -> Found | None:
    for tok in doc:
        if _is_verb(tok) and _lemma(tok) in lexicon.FINDING_LEMMAS and any(
                c.dep_ in _CONTENT_DEPS for c in tok.children):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.lower_ in lexicon.DOCUMENT_NOUNS or
                                     subj.lower_.removesuffix("s") in lexicon.DOCUMENT_NOUNS):
                return Found("document_finding", tok.text, _phrase(subj))
    return None


def _statement(doc: "Doc") -> Found | None:
    """"In a statement, the company called the ruling unfair": the main clause's subject holds it."""
    text = doc.text.lower()
    if not any(p in text for p in ("in a statement", "in an interview", "in a tweet", "in remarks")):
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subj = _subject(root) if root is not None else None
    return Found("in_a_statement", "in a statement", _phrase(subj)) if subj is not None else None


RULES: tuple[Rule, ...] = (
    Rule("according_to", "attributed", '"according to X, …"', "the object of 'to'", _according_to),
    Rule("document_finding", "attributed", '"the report found that …", "polls show …"',
         "the document noun subject", _document_finding),
    Rule("speech_verb", "attributed", "a verb of saying whose clause, quote, object or colon text is a third of the sentence (“…,” she said; X told Y …)",
         "its subject's noun phrase (or the agent of a passive; unnamed for 'it was reported')",
         _verb_rule(lexicon.SPEECH_LEMMAS, "speech_verb")),
    Rule("thought_verb", "attributed", "a verb of thought or intention with a clause (X believes …, plans to …)",
         "its subject's noun phrase", _verb_rule(lexicon.COGNITION_LEMMAS, "thought_verb")),
    Rule("in_a_statement", "attributed", '"in a statement, X …"', "the main clause's subject", _statement),
)


def read_doc(doc: "Doc") -> Found | None:
    """The first rule of `RULES` that finds an attribution in a parsed sentence."""
    for rule in RULES:
        found = rule.find(doc)
        if found is not None:
            return found
    return None


def read_many(texts: Sequence[str], narration: Sequence[str] | None = None) -> list[Found | None]:
    """Attributions of several sentences; only those `needs_parse` marks are parsed (one batch).

    `narration[i]`, when given, is sentence i with its quoted words blanked (`index.quotes.unquoted`):
    the pre-check reads only that, since a sentence wholly inside a quote takes the quote's speaker.
    """
    checked = narration if narration is not None else texts
    marked = [i for i, t in enumerate(checked) if needs_parse(t)]
    out: list[Found | None] = [None] * len(texts)
    for i, doc in zip(marked, parse_many([texts[i] for i in marked], disable=_UNUSED_PIPES), strict=True):
        out[i] = read_doc(doc)
    return out
