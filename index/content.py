"""What an attribution reports, and how much of its sentence that is: the content read from the parse.

The content of a reporting verb is its clause, object or "for"/"to" phrase, the sentence around a
parenthetical speaker tag, the quote beside it, or the text after its colon. Its share of the sentence
is counted in characters (as the corpora measure spans) against the writer's words: the words of the
attribution itself (cue, holder's name, "told reporters") are neither (`frame_tokens`).

Example:
    >>> doc = parse_many(["Officials said the bridge would reopen on Monday."])[0]
    >>> found = found_of("speech_verb", "said", "Officials", doc, content_tokens(doc[1]), frame_tokens(doc[1]))
    >>> found.share, doc.text[slice(*found.span)]
    (1.0, 'the bridge would reopen on Monday')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index import lexicon
from index.parse import parse_many
from index.precheck import lemma_of
from index.rules import RULES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
RELATIVE = {"who", "that", "which", "whom"}
QUOTE_TOKENS = {'"', "''", "“", "”", "``", "«", "»"}
OPEN_TOKENS = {"“", "``", "«"}
_PRONOUN_TAGS = frozenset("PRP DT".split())  # "denied it", "confirmed this"


@dataclass(frozen=True)
class Found:
    """One attribution found in a sentence: the rule, its cue word, the holder phrase ("" = unnamed), and
    the share of the sentence its content makes up (a sentence is attributed when most of it is)."""

    rule: str
    cue: str
    holder: str
    share: float = 1.0
    span: tuple[int, int] = (0, 0)  # character offsets of the content in the sentence (first to last word)


def subject_of(verb: "Token") -> "Token | None":
    """The subject of a verb, inherited from the verb it is coordinated with, or governs ("went on to say")."""
    seen = 0
    while verb is not None and seen < 4:
        seen += 1
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return subj
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:  # "responded by saying that …"
            verb = verb.head.head
            continue
        if verb.dep_ in {"acl", "relcl"}:
            return verb.head
        # "…,” Viguerie notes.": the small model may take the name for a compound of the verb
        return next((c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and c.tag_ == "NNP"), None)
    return None


def tokens(doc: "Doc") -> list["Token"]:
    """The tokens of a parsed sentence, made once and kept on the doc (spaCy builds a new `Token` at every
    `doc[i]` and every pass over the doc: a third of the rules' time before).

    Example:
        >>> [t.text for t in tokens(parse_many(["It rained."])[0])]
        ['It', 'rained', '.']
    """
    toks = doc.user_data.get("tokens")
    if toks is None:
        toks = doc.user_data["tokens"] = list(doc)
    return toks


def _layout(doc: "Doc") -> tuple[list[bool], list[int], list[str]]:
    """Per token, once per doc: is it punctuation, its length in characters, its text."""
    got = doc.user_data.get("layout")
    if got is None:
        toks = tokens(doc)
        got = doc.user_data["layout"] = ([t.is_punct for t in toks], [len(t.text) for t in toks], [t.text for t in toks])
    return got


def word_count(toks: "Iterable[Token]") -> int:
    return sum(1 for t in toks if not t.is_punct)


def quoted_tokens(doc: "Doc") -> set[int]:
    """Indices of the tokens inside quotes: as the article's quotes mark them (`read_many` stores them in
    `doc.user_data`), or else between the sentence's own marks (an unclosed one runs to the end)."""
    if "quoted" in doc.user_data:
        return doc.user_data["quoted"]
    inside, out = False, set()
    for t in tokens(doc):
        if t.text in QUOTE_TOKENS:
            inside = not inside if t.text in {'"', "''"} else t.text in OPEN_TOKENS
        elif inside:
            out.add(t.i)
    return out


# Dependents of a reporting verb that are not what is reported: who, when, auxiliaries, "told reporters".
_NOT_CONTENT = frozenset("nsubj nsubjpass csubj csubjpass agent aux auxpass neg advmod npadvmod punct mark cc "
                         "prt intj expl dative dep preconj meta".split())
_CORE = frozenset("ccomp xcomp parataxis oprd".split())
# Prepositions that introduce what is reported, for any verb and for some ("called for", "pointed to").
_CONTENT_PREPS = frozenset("about as".split())
_VERB_PREPS = {"call": {"for", "on"}, "point": {"to"}, "push": {"for"}, "argue": {"for", "against"},
               "accuse": {"of"}, "warn": {"of", "against"}, "ask": {"for"}, "blame": {"for"},
               "praise": {"for"}, "criticize": {"for"}, "criticise": {"for"}, "urge": {"to"}, "vow": {"to"},
               "pledge": {"to"}, "press": {"for"}, "advocate": {"for"}, "complain": {"of"}}
_ADDRESSEE = frozenset("tell ask inform assure remind warn notify".split())  # "told reporters (that) …"


def _content_children(verb: "Token") -> list["Token"]:
    """The dependents of a verb that make up what it reports (clause, object, "for"/"to" phrase, …)."""
    lemma = lemma_of(verb)
    objects = lemma in _OBJECT_REPORTS or lemma in lexicon.COGNITION_LEMMAS
    kids = [c for c in verb.children if c.dep_ not in _NOT_CONTENT]
    has_clause = any(c.dep_ in _CORE for c in kids)
    out = []
    for c in kids:
        if c.dep_ == "prep" and c.lower_ not in _CONTENT_PREPS and c.lower_ not in _VERB_PREPS.get(lemma, ()):
            # "said in a statement that …" (the small model hangs the clause on "statement")
            out += [g for o in c.children if o.lower_ in STATEMENT_NOUNS for g in o.children
                    if g.dep_ in {"relcl", "acl"} and g.left_edge.lower_ == "that"]
            continue  # "said on Tuesday", "in a statement"
        if c.dep_ in {"dobj", "attr", "acomp"} and (not objects or (has_clause and lemma in _ADDRESSEE)) and \
                not _misread_clause(verb, c):
            continue
        if c.dep_ == "conj" and any(g.dep_ in SUBJECT_DEPS for g in c.children):
            continue  # "…, and she agreed": another speaker
        if c.dep_ == "conj" and _reports_clause_of_its_own(c):
            continue  # "said it would … and insisted that …": a second report, weighed on its own
        if c.dep_ == "advcl" and lemma_of(c) in lexicon.SPEECH_LEMMAS | lexicon.COGNITION_LEMMAS:
            continue  # "…, noting that …": a report of its own
        if c.dep_ == "advcl" and (c.i < verb.i or _bare_participle(c)):
            continue  # "When guests made the point, Maher said …", "…, referring to …": the writer's words
        out.append(c)
    core = [c for c in out if c.dep_ in _CORE or c.dep_ in {"dobj", "prep", "relcl", "acl"}]
    return out if core else []


def _reports_clause_of_its_own(verb: "Token") -> bool:
    """A verb of saying or thinking with its own clause ("… and insisted that the party was …"): what it
    reports is a second attribution; one with an object ("… and has expressed commitment") is not split off."""
    return verb.tag_.startswith("VB") and lemma_of(verb) in lexicon.SPEECH_LEMMAS | lexicon.COGNITION_LEMMAS and \
        any(c.dep_ == "ccomp" for c in verb.children)


def _misread_clause(verb: "Token", obj: "Token") -> bool:
    """"CBS reported that the decision … was made …": the small model takes the clause's subject for an
    object after "that"; it is the start of the reported clause."""
    return obj.dep_ == "dobj" and any(c.dep_ == "mark" and c.lower_ == "that" and verb.i < c.i < obj.i
                                      for c in (*verb.children, *obj.children))


def content_tokens(verb: "Token") -> set[int]:
    """Indices of the tokens that are the verb's reported content: its clause, object or "for"/"to"
    phrase, the sentence around a parenthetical speaker tag ("…, he said, …"), the quote beside it, the
    text after a colon."""
    doc = verb.doc
    out = {t.i for c in _content_children(verb) for t in c.subtree}
    quoted = quoted_tokens(doc)
    if speaker_tag(verb):
        out |= {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree} - _trailing_participles(verb, quoted)
    if quoted and verb.i not in quoted and not _reported_under(verb, quoted):
        out |= quoted  # "“We won,” Smith told reporters": the quote beside the speaker tag
    toks = tokens(doc)
    if any(t.text == ":" for t in toks[verb.i + 1:verb.i + 3]):
        out |= set(range(verb.i + 1, len(toks)))  # "The mayor said:" before a quoted paragraph
    return out - _beyond_colon(verb, quoted)


def speaker_tag(verb: "Token") -> bool:
    """The verb is a speaker tag set into the clause it reports ("…, he said, …", "as she put it"), not a
    report of its own clause ("…, as polls show Sanders surging").

    Example:
        >>> doc = parse_many(["The result, as he later explained, was an economic bubble."])[0]
        >>> speaker_tag(doc[6]), speaker_tag(parse_many(["They fled as polls show the rival surging."])[0][4])
        (True, False)
    """
    if verb.dep_ == "parataxis":
        return True
    own = any(c.dep_ in _CORE or c.dep_ == "dobj" and c.tag_ not in _PRONOUN_TAGS for c in verb.children)
    return verb.dep_ == "advcl" and not own and any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children)


def _beyond_colon(verb: "Token", quoted: set[int]) -> set[int]:
    """The writer's clause on the other side of a colon or semicolon ("The deal came quickly: a ballot
    initiative threatened to …"; "…; critics said …"): not what this verb reports."""
    doc = verb.doc
    texts = _layout(doc)[2]
    before = [i for i in range(min(verb.i, len(texts))) if texts[i] in {":", ";"} and i not in quoted]
    after = [i for i in range(verb.i + 1, len(texts)) if texts[i] == ";" and i not in quoted]
    out = set(range(before[-1])) if before else set()
    return out | (set(range(after[0], len(doc))) if after else set())


def _trailing_participles(tag: "Token", quoted: set[int]) -> set[int]:
    """"Sales were great, he said, wiping sweat off his face.": a participle after a speaker tag (which the
    small model hangs on the quoted clause) is the writer's description of the speaker, not the content."""
    return {t.i for c in tag.head.children if c.i > tag.i and c.dep_ == "advcl" and _bare_participle(c)
            and c.i not in quoted for t in c.subtree}


def _bare_participle(clause: "Token") -> bool:
    """A participle set off by a comma, with no subject or conjunction of its own (", wiping sweat off his
    face", ", referring to …"): the writer describes the speaker; "whether it was sitting …" is a clause."""
    return clause.tag_ == "VBG" and clause.left_edge.i == clause.i and clause.i > 0 and \
        _layout(clause.doc)[2][clause.i - 1] == ","


def _reported_under(verb: "Token", quoted: set[int]) -> bool:
    """A reporting verb governs this one ("“…,” said X, who added that …", "he said when asked …"): the
    quote beside them is the outer verb's, not this one's."""
    return any(lemma_of(a) in lexicon.SPEECH_LEMMAS | lexicon.COGNITION_LEMMAS and a.tag_.startswith("VB")
               and a.i not in quoted for a in verb.ancestors)


def content_share(verb: "Token") -> float:
    """The share of the sentence that is the verb's reported content (clause, quote, object, colon text).

    The words of the attribution itself (`frame_tokens`: cue, holder's name) are left out; what the
    writer adds (an apposition describing the speaker, "at a rally on Tuesday") counts as the writer's:
    "“No,” said Ann Lee, the group's president since 2019." is mostly the writer's statement about Ann Lee.

    Example:
        >>> doc = parse_many(["Trump believes the wall will be built."])[0]
        >>> round(content_share(doc[1]), 2)
        1.0
    """
    if introduces(verb):
        return 1.0
    return found_of("", "", "", verb.doc, content_tokens(verb), frame_tokens(verb)).share


def reports_clause(verb: "Token") -> bool:
    """The verb reports a clause ("said the talks failed", "plans to run", "…, he said, …"), not a noun phrase."""
    return speaker_tag(verb) or any(c.dep_ in _CORE for c in _content_children(verb)) or \
        ":" in _layout(verb.doc)[2][verb.i + 1:verb.i + 3]


def names_object(verb: "Token") -> bool:
    """"Bush called Trump “unhinged.”": the verb names its object (object, then a predicate), a report of a
    word or two that is weighed against the whole sentence, as a noun-phrase report is.

    Example:
        >>> doc = parse_many(["Jeb Bush called Trump “unhinged.”"])[0]
        >>> names_object(doc[2]), names_object(parse_many(["Bush said Trump lied."])[0][1])
        (True, False)
    """
    kids = {c.dep_ for c in verb.children}
    return {"dobj", "oprd"} <= kids and not kids & {"ccomp", "xcomp", "parataxis"}


def introduces(verb: "Token") -> bool:
    """"The mayor said:" before a quoted paragraph: the quote after it is its content."""
    texts = _layout(verb.doc)[2]
    return texts[-1] == ":" and verb.i >= len(texts) - 3


def frame_tokens(verb: "Token") -> set[int]:
    """The words of the attribution itself, which are neither its content nor a claim of the writer: the
    cue and its auxiliaries, the holder's name (with a restrictive relative clause: "officials who spoke on
    condition of anonymity"), the addressee ("told reporters"). An apposition or a clause set off by commas
    ("Ann Lee, the group's president,") and adjuncts ("at a rally on Tuesday") are the writer's own."""
    frame = {verb.i} | {t.i for c in verb.children if c.dep_ in _FRAME_DEPS for t in c.subtree}
    if lemma_of(verb) in _ADDRESSEE:  # "told a crowd at Mary's that spilled out onto the street": the
        # addressee is the attribution's, what the writer says of it (place, relative clause) the writer's
        frame |= {t.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree} - {
            t.i for c in verb.children if c.dep_ == "dobj" for g in c.children if g.dep_ in _DESCRIBE
            for t in g.subtree}
    subj = subject_of(verb)
    if subj is not None and subj.i != verb.head.i:
        said = {t.i for c in subj.children if c.dep_ in {"appos", "acl", "relcl", "prep"} and _set_off(c)
                for t in c.subtree}
        frame |= {t.i for t in subj.subtree} - said
    return frame


_FRAME_DEPS = frozenset("aux auxpass neg prt dative agent".split())
_DESCRIBE = frozenset("prep relcl acl appos".split())  # what the writer says of an addressee


def _set_off(phrase: "Token") -> bool:
    """An apposition, or a phrase after a comma ("Ann Lee, who leads it,"): the writer's own statement."""
    left = phrase.left_edge.i
    return phrase.dep_ == "appos" or left > 0 and _layout(phrase.doc)[2][left - 1] in {",", "(", "—", "–"}


def found_of(rule: str, cue: str, holder: str, doc: "Doc", ids: set[int], frame: set[int] | None = None) -> Found:
    """A `Found` whose content is the tokens `ids`: its share of the sentence (without the words of the
    attribution itself, `frame`) and its character span."""
    toks = tokens(doc)
    punct, size, texts = _layout(doc)
    words = sorted(i for i in ids if not punct[i] and texts[i] not in QUOTE_TOKENS)
    if not words or len(words) == 1 and toks[words[0]].tag_ in _PRONOUN_TAGS:
        return Found(rule, cue, holder, 0.0)  # "The ministry denied it.": a pronoun reports nothing
    first, last = toks[words[0]], toks[words[-1]]
    outside = frame or ()
    rest = sum(size[i] for i in range(len(toks)) if not punct[i] and (i in ids or i not in outside))
    share = min(1.0, sum(size[i] for i in words) / max(1, rest))
    return Found(rule, cue, holder, share, (first.idx, last.idx + len(last.text)))


MIN_CONTENT = RULES.min_content
ATTRIBUTED_SHARE = RULES.attributed_share  # described in `index.rules`


_OBJECT_REPORTS = frozenset(
    "promise pledge vow propose demand urge deny accuse blame praise criticize criticise predict announce reveal "
    "tell ask recall emphasize emphasise stress tout acknowledge admit reject dismiss cite question slam attack "
    "defend call point describe cast portray characterize label dub brand quote show highlight outline express "
    "request rebut refute dispute recount".split())


STATEMENT_NOUNS = frozenset("statement interview tweet remarks letter email post speech op-ed memo".split())
