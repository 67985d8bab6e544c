"""Attribution read from the dependency parse: who says, writes, thinks or wants the content of a sentence.

A cheap pre-check (`needs_parse`: quote marks, a reporting or thinking verb form, "according to") picks
the sentences worth parsing; `read_many` parses those in one batch and applies `RULES`, a table of named
rules (status, pattern, how the holder is found). The holder is the whole noun phrase of the source
("Two officials who spoke on condition of anonymity", "Sen. Chuck Grassley, R-Iowa").
Quotes that run over several sentences are handled in `index.quotes`.

Example:
    >>> [(f.rule, f.holder) for f in read_many(["Sen. Chuck Grassley, R-Iowa, told Reuters the bill is dead.",
    ...                                          "The bill is dead."]) if f and f.rule]
    [('speech_verb', 'Sen. Chuck Grassley, R-Iowa')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from index import lexicon
from index.content import (MIN_CONTENT, OPEN_TOKENS, RELATIVE, STATEMENT_NOUNS, SUBJECT_DEPS, Found, content_tokens,
                           found_of, frame_tokens, introduces, names_object, quoted_tokens, reports_clause, subject_of,
                           tokens)
from index.parse import make_docs, parse_many
from index.precheck import is_form, lemma_of, needs_parse

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# The rules read tags and dependencies only: NER, the attribute ruler and the lemmatizer are skipped
# (together they take more than half of the pipeline's time).
_UNUSED_PIPES = ("ner", "attribute_ruler", "lemmatizer")
UNNAMED = ""  # holder text of an unnamed source ("it was reported", "is said to")
_HOLDER_TRIM = " ,.;:—–-“”\"'’()"


@dataclass(frozen=True)
class Rule:
    """A named attribution rule: the status it gives, the pattern it reads, how it finds the holder."""

    name: str
    status: str
    pattern: str
    holder: str
    find: Callable[["Doc"], Iterator[Found]]


def _candidates(doc: "Doc") -> list["Token"]:
    """The tokens that are word forms of the lexicon's verbs (one pass over the sentence, kept on the doc)."""
    if "candidates" not in doc.user_data:
        doc.user_data["candidates"] = [t for t, w in zip(tokens(doc), _lowers(doc), strict=True) if _is_candidate(w)]
    return doc.user_data["candidates"]


def _is_candidate(word: str) -> bool:
    """A lower-case word that may be one of the lexicon's verbs (a word form of it, or a form of "go")."""
    return is_form(word) or word in lexicon.GO_FORMS


def _lowers(doc: "Doc") -> list[str]:
    """The lower-case forms of the tokens (once per doc)."""
    if "lowers" not in doc.user_data:
        doc.user_data["lowers"] = [t.lower_ for t in tokens(doc)]
    return doc.user_data["lowers"]


def _with_lower(doc: "Doc", words: "set[str] | frozenset[str]") -> list["Token"]:
    """The tokens whose lower-case form is one of `words`."""
    toks = tokens(doc)
    return [toks[i] for i, w in enumerate(_lowers(doc)) if w in words]


def _is_verb(tok: "Token") -> bool:
    """A verb, or a word the tagger took for a noun but that has a subject ("…,” Conway notes.")."""
    return tok.tag_.startswith("VB") or tok.tag_ in {"NNS", "NN"} and tok.dep_ in {"ROOT", "parataxis"} and \
        any(c.dep_ == "nsubj" for c in tok.children)


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


def _holder(verb: "Token") -> str | None:
    """The holder phrase of a reporting verb; "" for an unnamed passive ("it was reported"), None if none."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return _phrase(obj) if obj is not None else None
    subj = subject_of(verb)
    if subj is None:
        return None
    if subj.dep_ == "nsubjpass" and subj.head.i == verb.i:
        if lemma_of(verb) == "ask":
            return _phrase(subj, drop=verb)  # "The pilots were asked what they thought": they answer
        return UNNAMED  # "it was reported that", "he is said to be ill"
    return _phrase(subj, drop=verb)


def _infinitive(verb: "Token") -> bool:
    """"declined to say", "is supposed to announce", "how to tell": nobody says it here."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        lemma_of(verb.head) not in {"go", "continue", "proceed"} and verb.head.lower_ not in lexicon.GO_FORMS


def _person(verb: "Token") -> bool:
    """The verb's subject is a name or a personal pronoun ("Carson suggested", "she indicated")."""
    subj = subject_of(verb)
    return subj is not None and (subj.tag_ in {"NNP", "NNPS"} or subj.lower_ in {"he", "she", "i", "we", "they"}
                                 or subj.lower_ in lexicon.PERSON_NOUNS)


def _belief_adjective(doc: "Doc") -> Iterator[Found]:
    """"Not everyone is convinced the issue will …", "she is sure that …": the copula's subject holds it."""
    for tok in _with_lower(doc, lexicon.BELIEF_ADJECTIVES):
        if tok.dep_ in {"acomp", "ROOT", "conj"} and \
                any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children) and tok.i not in quoted_tokens(doc):
            subj = subject_of(tok.head if tok.dep_ == "acomp" else tok)  # "is convinced": adjective or passive
            if subj is None:  # "Not everyone is convinced": the small model hangs the subject on "is"
                subj = next((g for c in tok.children if c.dep_ in {"aux", "auxpass"} for g in c.children
                             if g.dep_ in SUBJECT_DEPS), None)
            if subj is not None:
                ids = {t.i for c in tok.children if c.dep_ in {"ccomp", "xcomp"} for t in c.subtree}
                frame = frame_tokens(tok.head if tok.dep_ == "acomp" else tok) | {tok.i} | {t.i for t in subj.subtree}
                yield found_of("belief_adjective", tok.text, _phrase(subj), doc, ids, frame)


def _verb_rule(lemmas: frozenset[str], name: str) -> Callable[["Doc"], Iterator[Found]]:
    def find(doc: "Doc") -> Iterator[Found]:
        quoted = quoted_tokens(doc)
        for tok in _candidates(doc):
            if tok.i in quoted:
                continue  # a verb inside a quote is the speaker's word, not the narrator's
            lemma = lemma_of(tok)
            if tok.lower_ in lexicon.GO_FORMS and any(c.lower_ == "on" and c.dep_ == "prt" for c in tok.children):
                lemma = "continue"  # "She went on: “…”"
            if lemma not in lemmas or not _is_verb(tok) or lemma in lexicon.INFERENCE_VERBS and not _person(tok):
                continue  # "the alliance suggests" is the writer's inference; "Carson suggested" a report
            if lemma == "point" and not any(c.lower_ in {"out", "to"} for c in tok.children) or _infinitive(tok):
                continue
            if lemma == "put" and tok.dep_ != "advcl":
                continue  # only "as he puts it"
            if lemma in lexicon.CLAUSE_ONLY and not any(c.dep_ == "ccomp" for c in tok.children) and \
                    not any(t.text == ":" for t in tokens(doc)[tok.i + 1:tok.i + 3]):
                continue  # "agreed to stop" is no report; "agreed that …", "continued: …" are
            ids = content_tokens(tok)
            if tok.dep_ == "pcomp" and tok.head.lower_ == "with":  # "…, with Chestnut saying 2022 marked …"
                ids |= set(range(tok.i + 1, len(doc)))
            beside = bool(quoted & ids)  # "“We lied,” says X, a …": a speaker tag
            # what a clause or a quote reports is weighed against the writer's words only; a noun phrase
            # ("criticized Nabisco for the move") against the whole sentence
            weigh_frame = (beside or reports_clause(tok)) and not names_object(tok)
            found = found_of(name, tok.text, "", doc, ids, frame_tokens(tok) if weigh_frame else None)
            if introduces(tok):
                found = replace(found, share=1.0)
            holder = _holder(tok) if found.share >= MIN_CONTENT or beside else None
            if holder is not None:
                yield replace(found, holder=holder)
    return find


def _rest(doc: "Doc", *phrases: "Token") -> set[int]:
    """The tokens of the sentence outside some phrases ("according to X" is not the content)."""
    return set(range(len(doc))) - {t.i for p in phrases for t in p.subtree}


def _according_to(doc: "Doc") -> Iterator[Found]:
    for tok in _with_lower(doc, {"according"}):
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is not None:
            yield found_of("according_to", "according to", _phrase(obj), doc, _rest(doc, tok))


def _document_finding(doc: "Doc") -> Iterator[Found]:
    for tok in _candidates(doc):
        if lemma_of(tok) in lexicon.FINDING_LEMMAS and _is_verb(tok):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.lower_ in lexicon.DOCUMENT_NOUNS or
                                     subj.lower_.removesuffix("s") in lexicon.DOCUMENT_NOUNS):
                yield found_of("document_finding", tok.text, _phrase(subj), doc, content_tokens(tok),
                               frame_tokens(tok) if reports_clause(tok) else None)


def _statement(doc: "Doc") -> Iterator[Found]:
    """"In a statement, the company called the ruling unfair": the main clause's subject holds it."""
    for tok in _with_lower(doc, {"in"}):
        if tok.dep_ == "prep" and tok.head.dep_ == "ROOT":  # "said in a statement …" too
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            subj = subject_of(tok.head)
            if obj is not None and obj.lower_ in STATEMENT_NOUNS and subj is not None:
                yield found_of("in_a_statement", f"in a {obj.text}", _phrase(subj), doc, _rest(doc, tok, subj))


def _label_start(doc: "Doc") -> tuple["Token", int] | None:
    """The colon of a label and where the label starts: at the sentence start ("Issa: …") or, before a
    quote, after a dash ("… - Philip Bump: “…”")."""
    toks = tokens(doc)
    colon = next((t for t in toks[:7] if t.text == ":"), None)
    if colon is not None and colon.i > 0:
        return colon, 0
    for t in toks[7:-2]:
        if t.text == ":" and toks[t.i + 1].text in OPEN_TOKENS | {'"', "``"}:
            dash = next((d for d in reversed(toks[max(0, t.i - 7):t.i]) if d.text in {"-", "—", "–", "--"}), None)
            if dash is not None:
                return t, dash.i + 1
    return None


def _colon_label(doc: "Doc") -> Iterator[Found]:
    """"Issa: Hillary Clinton's 'honesty is in question'", "From the report: “…": a short name, then a colon."""
    at = _label_start(doc)
    if at is None or at[0].i >= len(doc) - 2:
        return
    colon, start = at
    label = [t for t in tokens(doc)[start:colon.i] if t.lower_ not in {"from", "more"}]
    if label and not any(_is_verb(t) for t in label) and label[-1].tag_ in {"NNP", "NNPS", "NN", "NNS"} and \
            not {t.lower_ for t in label} & lexicon.NOT_A_SPEAKER and label[0].text[:1].isupper() | (
                label[0].lower_ == "the"):
        holder = doc[label[0].i:label[-1].i + 1].text
        if holder.isupper() or len(label) > 5 or doc.text.rstrip().endswith("?"):
            return  # "SPOT THE FAKES: …" is a kicker, "Ted Cruz: conservative or …?" a question
        name = all(t.tag_ in {"NNP", "NNPS"} for t in label)
        document = label[-1].lower_ in lexicon.DOCUMENT_NOUNS and (label[0].lower_ == "the" or len(label) == 1)
        if not (name or document) or label[-1].lower_ in lexicon.NOT_A_SPEAKER:
            return  # "For context: …", "Its job: …", "Another problem for Sanders: …"
        yield found_of("colon_label", ":", holder, doc, set(range(colon.i + 1, len(doc))))


def _colon_intro(doc: "Doc") -> Iterator[Found]:
    """"Trump issued the following statement:": the subject speaks the quote that follows (not this sentence)."""
    if len(doc) > 2 and doc[-1].text == ":":
        root = next((t for t in tokens(doc) if t.dep_ == "ROOT"), None)
        subj = subject_of(root) if root is not None else None
        if subj is not None and subj.lower_ not in RELATIVE | {"it", "this", "there"}:
            yield Found("colon_intro", ":", _phrase(subj), MIN_CONTENT)


RULES: tuple[Rule, ...] = (
    Rule("according_to", "attributed", '"according to X, …"', "the object of 'to'", _according_to),
    Rule("document_finding", "attributed", '"the report found that …", "polls show …"',
         "the document noun subject", _document_finding),
    Rule("speech_verb", "attributed", "a verb of saying whose clause, quote, object or colon text is most of the "
         "sentence, its own words left out (“…,” she said; X told Y …)",
         "its subject's noun phrase (or the agent of a passive; unnamed for 'it was reported')",
         _verb_rule(lexicon.SPEECH_LEMMAS, "speech_verb")),
    Rule("thought_verb", "attributed", "a verb of thought or intention with a clause (X believes …, plans to …)",
         "its subject's noun phrase", _verb_rule(lexicon.COGNITION_LEMMAS, "thought_verb")),
    Rule("in_a_statement", "attributed", '"in a statement, X …"', "the main clause's subject", _statement),
    Rule("belief_adjective", "attributed", '"X is convinced/sure/confident that …"', "the copula's subject",
         _belief_adjective),
    Rule("colon_intro", "attributed", '"X issued the following statement:" before a quote',
         "the main clause's subject (speaker of the quote after)", _colon_intro),
    Rule("colon_label", "attributed", '"Issa: …", "From the report: “…”" (a short name, then a colon)',
         "the name before the colon", _colon_label),
)


NOTHING = Found("", "", "", 0.0)  # a parsed sentence without attribution


def read_doc(doc: "Doc") -> tuple[Found, ...]:
    """The attributions of a parsed sentence, the one whose content is the largest share first (one per cue)."""
    found = sorted((f for rule in RULES for f in rule.find(doc)), key=lambda f: -f.share)
    seen: set[tuple[int, int]] = set()
    out = []
    for f in found:
        if f.span not in seen or f.span == (0, 0):
            seen.add(f.span)
            out.append(f)
    return tuple(out)


def may_attribute(doc: "Doc") -> bool:
    """False when no rule of `RULES` can find anything in a sentence, whatever its parse: it has no colon,
    no "according", no "in" with a statement noun, no belief adjective or verb form of the lexicon outside
    quotes, no finding verb with a document noun (the words each rule starts from). Reads the tokens only,
    so `read_all` gives such a sentence () without parsing it, as `read_doc` would.

    Example:
        >>> from index.parse import make_docs
        >>> [may_attribute(d) for d in make_docs(["Trump believes it.", "“I believe it,” it read.", "It rained."])]
        [True, False, False]

    (The verb rules skip a verb inside a quote: "believe" is the speaker's word.)
    """
    toks, lowers = tokens(doc), _lowers(doc)  # kept on the doc: the rules read them again after the parse
    words = set(lowers)
    if ":" in words or "according" in words or "in" in words and words & STATEMENT_NOUNS:
        return True
    quoted = quoted_tokens(doc)
    documents = any(w in lexicon.DOCUMENT_NOUNS or w.removesuffix("s") in lexicon.DOCUMENT_NOUNS for w in words)
    for t, w in zip(toks, lowers, strict=True):
        if w in lexicon.BELIEF_ADJECTIVES and t.i not in quoted:
            return True
        if _is_candidate(w):  # a candidate of `_candidates`
            lemma = lemma_of(t)
            if t.i not in quoted and (lemma in _VERB_LEMMAS or w in lexicon.GO_FORMS) or \
                    lemma in lexicon.FINDING_LEMMAS and documents:
                return True
    return False


_VERB_LEMMAS = lexicon.SPEECH_LEMMAS | lexicon.COGNITION_LEMMAS  # the lemmas of the two verb rules


def read_all(texts: Sequence[str], narration: Sequence[str] | None = None) -> list[tuple[Found, ...] | None]:
    """Every attribution of several sentences; only those `needs_parse` marks are parsed (one batch): None
    for a sentence not parsed, () for one parsed without attribution (or that no rule can read: `may_attribute`).

    `narration[i]`, when given, is sentence i with its quoted words blanked (`index.quotes.unquoted`):
    the pre-check reads only that, since a sentence wholly inside a quote takes the quote's speaker.
    """
    checked = narration if narration is not None else texts
    marked = [i for i, t in enumerate(checked) if needs_parse(t)]
    out: list[tuple[Found, ...] | None] = [None] * len(texts)
    docs = make_docs([texts[i] for i in marked])
    if narration is not None:
        for i, doc in zip(marked, docs, strict=True):
            doc.user_data["quoted"] = {t.i for t in doc if narration[i][t.idx] == " "}
    kept = [(i, doc) for i, doc in zip(marked, docs, strict=True) if may_attribute(doc)]
    for i in marked:
        out[i] = ()
    for (i, _), doc in zip(kept, parse_many([d for _, d in kept], disable=_UNUSED_PIPES), strict=True):
        out[i] = read_doc(doc)
    return out


def read_many(texts: Sequence[str], narration: Sequence[str] | None = None) -> list[Found | None]:
    """The main attribution of several sentences (`read_all`): None for a sentence not parsed,
    `NOTHING` for one parsed without attribution."""
    return [None if f is None else (f[0] if f else NOTHING) for f in read_all(texts, narration)]
