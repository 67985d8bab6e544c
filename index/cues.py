"""Cue lexicon of epistemic statuses: compiled patterns grouped by cue class.

Each class is a list of regular expressions over the sentence (case-insensitive unless noted).
The patterns describe cue classes of English news and encyclopedic prose, not single sentences.

Example:
    >>> bool(HEDGE.search("The accord apparently took place"))
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from index import lexicon
from index.prefilter import ODD_CASE
from index.lexicon import alternation

APOS = r"[’']"


# The word lists live in `index.lexicon`; these names are kept for the modules that read them here.
REPORT_VERBS = alternation(lexicon.REPORT_VERBS)
WEAK_REPORT_VERBS = lexicon.WEAK_REPORT_VERBS
INFERENCE_VERBS = lexicon.INFERENCE_VERBS
QUOTE_VERBS = lexicon.QUOTE_VERBS

ATTRIB_VERB = re.compile(rf"\b(?P<verb>{REPORT_VERBS})\b", re.I)
_RUN = re.compile(r"\w+")


def attrib_verbs(text: str) -> Iterator[re.Match[str]]:
    """The matches of `ATTRIB_VERB.finditer(text)`, found faster: a match is a whole word (`\\b` on both
    sides of a word of letters), so only the words whose lower case is a reporting verb are tried.

    Example:
        >>> [m.group("verb") for m in attrib_verbs("Officials SAID it, unsaid, as she says.")]
        ['SAID', 'says']
    """
    if ODD_CASE.search(text):  # a letter `str.lower()` does not fold as IGNORECASE does
        yield from ATTRIB_VERB.finditer(text)
        return
    for run in _RUN.finditer(text):
        if run.group().lower() in lexicon.REPORT_VERBS:
            m = ATTRIB_VERB.match(text, run.start())
            if m is not None:
                yield m
# A holder runs to the next clause mark; the dot of an abbreviation ("U.S.", "Dr.", "Gov.") does not end it.
_ABBREV_DOT = "(?:" + "|".join(rf"(?<=\b{w.capitalize()})" for w in sorted(
    lexicon.TITLE_ABBREVS | lexicon.END_ABBREVS)) + r"|(?<=\b[A-Z]))\."
ACCORDING = re.compile(rf"\baccording to (?P<holder>(?:[^,.;:—]|{_ABBREV_DOT})+)", re.I)
CITING = re.compile(rf",?\s*\b(?:citing|quoting) (?P<holder>(?:[^,.;:—]|{_ABBREV_DOT})+)", re.I)
POSTPOSED = re.compile(
    rf"[,”\"]\s*(?P<verb>{alternation(lexicon.POSTPOSED_VERBS)})\s+(?P<holder>(?:[^,.;:!?]|{_ABBREV_DOT})+)",
    re.I,
)
PASSIVE_BY = re.compile(
    r"\b(?:reported|claimed|said|announced|stated|described|alleged|written|confirmed|cited|quoted|seen|viewed|"
    r"regarded|considered|criticized|criticised|accused|praised)\b"
    r"(?:\s+\w+){0,4}?\s+by\s+(?P<holder>(?:(?:most|many|some|several|few|other)\s+)?(?:the\s+)?"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"
)
# Attribution to nobody in particular: passives, impersonal and vague holders.
UNNAMED_ATTRIB = re.compile(
    r"\b(?:it\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|commonly\s+|generally\s+|often\s+)?"
    r"(?:said|reported|claimed|believed|thought|alleged|rumou?red|argued|suggested|estimated|claimed|held|"
    r"speculated|feared|understood|considered|known)"
    r"|there\s+(?:are|were|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:reports|claims|rumou?rs|allegations|suggestions)"
    r"|(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+|commonly\s+|generally\s+|often\s+|sometimes\s+"
    r"|frequently\s+|largely\s+|increasingly\s+|also\s+|still\s+)?"
    r"(?:said|reported|claimed|believed|thought|alleged|rumou?red|considered|regarded|seen|viewed|described|"
    r"billed|touted|portrayed|perceived|deemed|credited|acknowledged|cited|hailed|praised|criticized|"
    r"criticised|accused)\s+(?:to|as|by\s+(?:some|many|most|critics|others|several))\b"
    r"|(?:is|are|was|were|has\s+been|have\s+been|had\s+been|being)\s+(?:\w+ly\s+)?(?:considered|regarded|"
    r"believed|thought|rumou?red|alleged|criticized|criticised|deemed|hailed|touted|billed|dubbed)\b"
    r"(?!\s+(?:by\s+[A-Z]|that\b))"
    r"|\b(?:widely|commonly|generally|often|frequently|popularly|traditionally)\s+"
    r"(?:believed|thought|considered|regarded|seen|accepted|known|described|cited|called|referred)"
    r"|\bsources?\s+(?:say|said|says|told|claim|suggest|indicate)"
    r"|\bso-called\b)",
    re.I,
)
VAGUE_HOLDER = re.compile(
    r"^(?:some|many|most|several|few|various|numerous|certain|other|others|unnamed|anonymous|one|someone|"
    r"somebody|people|sources?|experts?|critics?|observers?|analysts?|officials?|reports?|scholars?|"
    r"historians?|researchers?|commentators?|supporters?|opponents?|residents?|witnesses|activists?|"
    r"diplomats?|insiders?|it|there|a\s+(?:source|spokes\w+|official|person|report)|an\s+official|"
    r"the\s+(?:source|sources|official|officials|report|reports)|a\s+number\s+of|a\s+lot\s+of|lots\s+of|"
    r"a\s+few|countless|plenty|fans|users|skeptics|sceptics)\b",
    re.I,
)

# A participle: "may be" + it ("may be granted", "may also be used") is what a thing can undergo, not a hedge;
# "if" + it ("if kept dry") is a generic condition (`index.modality`). "more/less likely" compares, it does not hedge.
PARTICIPLE = rf"\s+(?:\w+ly\s+)?(?:[a-z]+ed|[a-z]+en|{alternation(lexicon.IRREGULAR_PARTICIPLES)})\b"
HEDGE = re.compile(
    r"\b(?:apparently|reportedly|allegedly|purportedly|supposedly|seemingly|ostensibly|possibly|probably|"
    r"perhaps|maybe|presumably|arguably|(?<!more\s)(?<!less\s)likely|unlikely|conceivably|plausibly|"
    r"rumou?red|speculat\w+|"
    rf"(?:it|that)\s*(?:{APOS}s|\s+is|\s+was|\s+seems|\s+appears)\s+(?:quite\s+|very\s+|entirely\s+|also\s+)?"
    r"(?:possible|probable|plausible|conceivable|unclear|likely|unlikely)"
    r"|not\s+(?:yet\s+)?(?:clear|known|certain)|unclear|uncertain|"
    r"(?:seems?|seemed|appears?|appeared)\s+(?:to|that|as|like|likely)|seemingly|suggests?|suggested|suggesting|"
    r"indicat(?:es|ed|ing|ion)|signs?\s+(?:that|of)|(?:believed|thought|said|rumou?red|alleged|claimed|"
    rf"reputed)\s+to|may\s+(?:not\s+)?(?:have|(?:also\s+)?be(?!{PARTICIPLE})|well|even)|might|"
    r"(?:is|are|was|were)\s+(?:widely\s+)?(?:assumed|presumed|estimated)\s+to|suspected|purported\s+to|"
    r"(?:is|are|was|were)\s+(?:widely\s+)?(?:reported|understood)\s+to\s+(?:be|have)|"
    r"suspect(?:s|ed)?\s+that|could\s+be\s+an?\s+(?:indication|sign))\b",
    re.I,
)
# Weasel vagueness (CoNLL-2010 sense): who or how many is left unsaid. Marks `uncertain`, not a status.
VAGUE = re.compile(
    r"\b(?:some|many|several|numerous|countless)\b(?!\s+(?:years?|months?|weeks?|days?|hours?|times?)\b)"
    r"|\bcertain\s+\w+s\b|(?<!the\s)\bmost\s+(?:of\s+)?(?!\w+est\b)\w+s\b"
    r"|\b(?:widely|generally|commonly)\b",
    re.I,
)
UNCONFIRMED = re.compile(
    rf"\b(?:(?:have|has|had|did|do|does|could|can|would|were|was|is|are)(?:n{APOS}t|\s+not|\s+never)\s+"
    r"(?:yet\s+|been\s+|be\s+|independently\s+|officially\s+|publicly\s+|immediately\s+){0,3}"
    r"(?:confirm|verif|corroborat|substantiat)\w*"
    rf"|(?:can{APOS}t|cannot|unable\s+to|declined\s+to|refused\s+to|failed\s+to)\s+(?:independently\s+)?"
    r"(?:confirm|verify|corroborate|substantiate)"
    r"|un(?:confirmed|verified|verifiable|substantiated|corroborated|proven)"
    r"|(?:no|without|little|scant)\s+(?:independent\s+|official\s+|public\s+|hard\s+)?"
    r"(?:confirmation|verification|evidence|proof|corroboration)"
    r"|(?:nobody|no\s+one|none\s+of\s+\w+|neither\s+\w+)\s+(?:\w+\s+)?(?:has|have|had|could|can|did)\s+"
    r"(?:yet\s+|independently\s+|publicly\s+)?(?:confirm|verif|corroborat)\w*"
    r"|yet\s+to\s+be\s+(?:confirmed|verified)|not\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)"
    r"|(?:has|have|had)\s+yet\s+to\s+(?:independently\s+|publicly\s+|officially\s+)?(?:confirm|verify|corroborate))"
    ,
    re.I,
)

DISPUTED = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial|ials)|disput(?:e|es|ed|ing)|refut(?:e|es|ed|ing)|rebut(?:s|ted|ting)?|"
    r"contradict(?:s|ed|ing)?|contested|challenged\s+the\s+(?:report|claim|account)|"
    r"(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?)\s+(?:the|a|this|that|these|those|such)?\s*"
    r"(?:\w+\s+)?(?:reports?|claims?|allegations?|accounts?|accusations?|suggestions?|assertions?)|"
    r"(?:is|was|are|were)\s+(?:false|untrue|fabricated|baseless|fake|a\s+lie|not\s+true)|"
    r"called\s+(?:it|the\s+\w+)\s+(?:false|baseless|fake|a\s+lie|fabricated))\b",
    re.I,
)

# A hypothetical: the antecedent questions reality ("if it's real"), or the consequent is a future or
# counterfactual ("will", "would"). Generic rules ("If they score, the penalty ends") are not hypotheticals.
CONDITIONAL_REALITY = re.compile(
    rf"\b(?:if|unless)\s+(?:(?:it|this|that|they|the\s+\w+)\s*(?:{APOS}s|\s+is|\s+was|\s+were|\s+are|\s+proves?)\s+"
    r"(?:real|true|confirmed|accurate|correct|genuine|verified)|confirmed|true|real|verified|so)\b",
    re.I,
)
CONDITIONAL_CLAUSE = re.compile(
    r"(?:^|[,;:—(“\"]\s*|\b(?:and|but|or|that|even|only|change|happen|happens|shift)\s+)"
    r"(?:if|unless|provided\s+that|assuming\s+that|in\s+case)\b",
    re.I,
)
HYPOTHETICAL_CONSEQUENT = re.compile(r"\b(?:will|would|could|might|may)\b", re.I)
GENERIC = re.compile(r"\b(?:often|usually|always|generally|typically|normally|sometimes|never)\b", re.I)

# Text addressed to a language model rather than to a reader: never evidence, never an instruction.
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|earlier|"
    r"preceding|system)\s+(?:instructions?|prompts?|messages?|rules?|context)"
    r"|\byou\s+are\s+now\s+(?:a|an|in)\b|\b(?:system|developer)\s+prompt\b|\bas\s+an\s+ai\b"
    r"|\b(?:assistant|chatbot|ai|model|llm)\s*[:,]\s*(?:say|answer|respond|reply|state|tell)\b"
    r"|\b(?:say|answer|respond|reply|state)\s+(?:only\s+)?(?:that|with)\s+(?:the\s+\w+\s+is\s+)?(?:confirmed|true|verified)\b"
    r"|\bnew\s+instructions?\s*:",
    re.I,
)

# A conjecture: "would"/"could" + a verb. Negated, they are a refusal or an inability in news ("would not
# comment", "couldn't be reached"): the polarity says so, and the sentence is no conjecture.
SPECULATIVE = re.compile(
    rf"\bwould\s+(?!(?:not|never|later|go\s+on|eventually|soon|then|also\s+(?:later|go)|return|"
    r"continue|remain|become\s+(?:known|the))\b)(?:\w+ly\s+)?\w+"
    rf"|\bcould\s+(?:\w+ly\s+)?(?:be|have|mean|involve|lead|make|present|shift|change|cause|"
    r"bring|force|push|result|prove|spark|trigger|undermine|complicate)\b"
    r"|\b(?:is|are)\s+(?:expected|set|poised|bound)\s+to\b|\bwill\s+likely\b|\bcould\s+(?:well|soon)\b"
    ,
    re.I,
)

# Event classes used to link sentences stating the same claim (within and across articles).
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "agreement": ("truce", "ceasefire", "cease-fire", "accord", "agreement", "agreed", "agree", "deal",
                  "pact", "alliance", "merger", "merge", "merged", "rapprochement", "reconcile", "reconciled",
                  "reconciliation", "patch things up", "cooperation", "cooperate", "union", "unite", "united",
                  "partnership", "allied"),
    "death": ("dead", "death", "died", "die", "killed", "kill", "slain", "fatal"),
    "attack": ("attack", "attacked", "strike", "strikes", "bombing", "bombed", "assault", "raid", "shelling"),
    "arrest": ("arrest", "arrested", "detained", "detention", "custody", "captured", "capture"),
    "resignation": ("resign", "resigned", "resignation", "step down", "stepped down", "ousted", "fired"),
}
# Single words are looked up in a dict (one tokenisation of the text); the few phrases and
# hyphenated words by one regex: ~5× faster than one case-insensitive search per class.
_EVENT_WORDS = {w: name for name, words in EVENT_CLASSES.items() for w in words if re.fullmatch(r"\w+", w)}
_EVENT_PHRASES = re.compile(r"\b(?:" + "|".join(
    f"(?P<{name}>" + "|".join(re.escape(w) for w in words if w not in _EVENT_WORDS) + ")"
    for name, words in EVENT_CLASSES.items() if any(w not in _EVENT_WORDS for w in words)) + r")\b", re.I)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=100_000)
def event_classes(text: str) -> frozenset[str]:
    """Event classes a text mentions.

    Example:
        >>> sorted(event_classes("ISIS has reached a truce"))
        ['agreement']
    """
    found = {_EVENT_WORDS[w] for w in _WORD.findall(text.lower()) if w in _EVENT_WORDS}
    found.update(m.lastgroup for m in _EVENT_PHRASES.finditer(text) if m.lastgroup)
    return frozenset(found)


# Words that put a following event in an unrealised frame: wanted, urged, planned, possible, conditional
# or modal ("encourage them to hash out an agreement", "pushed the two groups to reconcile", "could
# involve a push for a cease-fire deal", "if ISIS and al-Qaida patch things up"). Negation is not among
# them: a denial still speaks of the claim (its status says it is denied).
_IRREALIS = frozenset(
    "could would might may should can will shall must if whether unless push pushed pushing pushes call "
    "calls called calling urge urged urges urging seek seeks sought seeking hope hopes hoped hoping plan "
    "plans planned planning propose proposes proposed proposal possible possibility potential prospect "
    "prospects attempt attempts attempted effort efforts try tries tried trying want wants wanted aim aims "
    "aimed encourage encouraged encourages encouraging negotiate negotiating negotiations talks discuss "
    "discussed discussing".split())
_NOT_INFINITIVE = frozenset(
    "the a an this that these those its their his her our your my some any each every all no one two "
    "according due thanks prior next close similar related opposed compared".split())
_CLAUSE = re.compile(r"[,;:()\[\]—–]|\s-\s")
_LOOKBACK = 6
_EVENT_VERBS = frozenset("agree merge reconcile unite cooperate die kill attack strike raid arrest capture "
                         "resign".split())


def _unrealised(before: str, trigger: str) -> bool:
    # the window plus the word before it, so "due to", "according to" at its edge are still seen
    words = [*_WORD.findall(_CLAUSE.split(before)[-1].lower())[-_LOOKBACK - 1:], trigger.lower()]
    first = max(0, len(words) - 1 - _LOOKBACK)
    for i in range(first, len(words) - 1):
        w = words[i]
        if w in _IRREALIS:
            return True
        # "to" + a verb: a purpose or wish ("to reconcile", "to reach a truce"); not "to the", "according to"
        nxt = words[i + 1]
        if w == "to" and (i == 0 or words[i - 1] not in _NOT_INFINITIVE) and nxt not in _NOT_INFINITIVE and \
                (i + 1 < len(words) - 1 or nxt in _EVENT_VERBS):
            return True
    return False


@lru_cache(maxsize=100_000)
def stated_event_classes(text: str) -> frozenset[str]:
    """Event classes a text states as having happened (or as happening): mentions in a wished-for,
    planned, conditional or modal frame do not count.

    Example:
        >>> sorted(stated_event_classes("ISIS has reached a truce"))
        ['agreement']
        >>> sorted(stated_event_classes("Al Qaeda pushed the two groups to reconcile."))
        []
    """
    if not event_classes(text):
        return frozenset()
    found: set[str] = set()
    for m in _WORD.finditer(text):
        name = _EVENT_WORDS.get(m.group(0).lower())
        if name and name not in found and not _unrealised(text[:m.start()], m.group(0)):
            found.add(name)
    for m in _EVENT_PHRASES.finditer(text):
        if m.lastgroup and m.lastgroup not in found and \
                not _unrealised(text[:m.start()], m.group(0).split()[0]):
            found.add(m.lastgroup)
    return frozenset(found)


_SYNONYM_OF = {w: g[0] for g in lexicon.EVENT_SYNONYMS for w in g}
_SYNONYM_PHRASES = re.compile(r"\b(?:" + "|".join(re.escape(w) for g in lexicon.EVENT_SYNONYMS for w in g if " " in w or
                                                  "-" in w) + r")\b", re.I)


@lru_cache(maxsize=100_000)
def claim_concepts(text: str) -> frozenset[str]:
    """The synonym groups a text mentions, each named by its first word.

    Example:
        >>> sorted(claim_concepts("Twelve died as the blaze spread; the mayor stepped down."))
        ['blaze', 'killed', 'resign']
    """
    found = {_SYNONYM_OF[w] for w in _WORD.findall(text.lower()) if w in _SYNONYM_OF}
    found.update(_SYNONYM_OF[m.group(0).lower()] for m in _SYNONYM_PHRASES.finditer(text))
    return frozenset(found)


@lru_cache(maxsize=100_000)
def stated_concepts(text: str) -> frozenset[str]:
    """`claim_concepts` stated as happening (a wished-for, planned or conditional mention does not count).

    Example:
        >>> sorted(stated_concepts("The blaze killed 12.")), sorted(stated_concepts("They hope for a ceasefire."))
        (['blaze', 'killed'], [])
    """
    if not claim_concepts(text):
        return frozenset()
    found = {_SYNONYM_OF[m.group(0).lower()] for m in _WORD.finditer(text)
             if m.group(0).lower() in _SYNONYM_OF and not _unrealised(text[:m.start()], m.group(0))}
    found.update(_SYNONYM_OF[m.group(0).lower()] for m in _SYNONYM_PHRASES.finditer(text)
                 if not _unrealised(text[:m.start()], m.group(0).split()[0]))
    return frozenset(found)
