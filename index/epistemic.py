"""Epistemic status of every sentence: asserted, attributed, hedged, unconfirmed, disputed, conditional, speculative.

Rules over a cue lexicon (`index.cues`) with scope: who says it (holder, chains kept), and
non-confirmation or denial that reaches the other sentences of the article stating the same claim.

Example:
    >>> s = annotate("Syrian opposition officials say ISIS has reached a truce. "
    ...              "U.S. officials haven't confirmed it.")
    >>> [(x.status, x.holder.label) for x in s]
    [('unconfirmed', 'Syrian opposition officials'), ('unconfirmed', 'U.S. officials')]
    >>> s[0].statuses
    ('unconfirmed', 'attributed')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from index import attribution, cues, modality, quotes
from index import holders as holders_mod
from index.holders import typed_holder
from index.polarity import read_polarity
from index.prefilter import quick
from index.splitter import paragraph_starts, split_sentences
from index.types import STATUS_PRIORITY, Article, Inherited, Sentence

# Names this version of the rules: an index records the one that wrote its statuses, and
# `index.reannotate` brings an older index up to date. Change it whenever the output changes.
ANNOTATOR = "rules-2026-12-06-14a"  # 14a (2026-12-06): second reports, "as polls show", naming, addressee

UNCERTAIN_STATUSES = {"hedged", "unconfirmed", "disputed", "conditional", "speculative"}
_CLAUSE_BOUNDARY = re.compile(
    r"(?:[,;:—–(“”\"]|\b(?:that|who|which|and|but|while|whereas|because|although|though|when|after|if|as)\b)",
    re.I,
)
_TRAILING_FILLER = re.compile(
    r"(?:\s+(?:also|now|still|recently|repeatedly|previously|later|earlier|publicly|privately|reportedly|"
    r"have|has|had|been|will|would|could|may|might|did|does|do|once|already|often|then|never|always|"
    r"first|further|again|long|later|separately|just|really|actually|even|not|don[’']t|doesn[’']t|didn[’']t|"
    r"won[’']t))+$",
    re.I,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|such|new)\s+$", re.I)
_RELATIVE = re.compile(r"^(?:who|which|that)$", re.I)
_NP_TOKEN = re.compile(r"^(?:[A-Z][\w’'.-]*|the|a|an|[\w-]+[’']s)$")
_ANAPHORIC_SUBJECT = re.compile(
    r"^(?:(?:the|these|those|both)\s+(?:\w+\s+){0,2}(?:groups?|sides|parties|factions|organi[sz]ations|men|"
    r"countries|companies|leaders|militants|rivals|two)|they|both)\b",
    re.I,
)
_QUOTE_OPEN = "“\""
_QUOTE_CLOSE = "”\""
_SCOPE_STOP = {"the", "a", "an", "of", "report", "reports", "claim", "claims", "news", "story", "account",
               "that", "this", "it", "any", "such", "these", "those", "in", "on", "to", "and"}


@dataclass
class Reading:
    """The cues found in one sentence (before propagation)."""

    statuses: list[str] = field(default_factory=list)
    cues: dict[str, str] = field(default_factory=dict)
    holders: list[str] = field(default_factory=list)
    scope: str = ""
    negator: str = ""
    vague: str = ""
    specific: bool = False  # attributed by a specific pattern ("according to", a passive "by", "it is said")

    def add(self, status: str, cue: str) -> None:
        if status not in self.statuses:
            self.statuses.append(status)
            self.cues[status] = cue.strip()


def _subject_before(text: str, pos: int) -> str:
    """Approximate the subject noun phrase of a verb starting at `pos`."""
    left = text[:pos].rstrip()
    bounds = list(_CLAUSE_BOUNDARY.finditer(left))
    cut = bounds[-1] if bounds else None
    subject = left[cut.end():] if cut else left
    subject = _TRAILING_FILLER.sub("", " " + subject).strip(" ,")
    word = cut.group(0).lower() if cut else ""
    if (not subject or _RELATIVE.match(subject)) and word in {"who", "which"} and cut:
        return _last_noun_phrase(left[:cut.start()])
    if not subject and word in {"and", "but"} and cut:
        return ""  # coordinated predicate: the caller falls back to the sentence subject
    if not subject and word == "," and cut:
        # "The Free Syrian Army, which includes …, views": skip the parenthetical back to its head.
        rel = list(re.finditer(r",\s+(?:which|who|whose|a|an|the)\b|\(", left[:cut.start()]))
        if rel:
            return _subject_before(left, rel[-1].start())
    tokens = subject.split()
    if len(tokens) > 8:
        return _last_noun_phrase(subject)
    return subject


def _last_noun_phrase(text: str) -> str:
    tokens = text.rstrip(" ,").split()
    out: list[str] = []
    for tok in reversed(tokens):
        if _NP_TOKEN.match(tok) and len(out) < 8:
            out.append(tok)
        else:
            break
    return " ".join(reversed(out)).strip()


_INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.I)
_AUX = r"(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does|did|can[’']t|won[’']t)"
_CLAUSE_INSIDE = re.compile(rf"\b{_AUX}\b|[“\"]|\bthat\b", re.I)  # ", said the state has faced …": a clause
_POSSESSIVE_BEFORE = re.compile(r"(\w+)[’']s\s+$")
_CONTRACTED = {"it", "he", "she", "that", "there", "what", "who", "here", "where", "let", "everyone", "nobody"}
_NOT_A_SOURCE = re.compile(rf"^(?:[\d$€£]|{_AUX}\b|[a-z]{{3,}}(?<!e)ed\b)")
_AUX_WORD = re.compile(rf"\b{_AUX}\b", re.I)
# A sentence-initial name before an apposition: "Local historian Jan Petersen", "Sen. Mitt Romney", "Davenport"
_NAME_HEAD = re.compile(r"^(?:[\w.’'“”\"-]+\s+){0,6}[A-Z][\w.’'-]*$")
_CUT_AT_AUX = re.compile(rf"^(.+?)\s+{_AUX}\b.*$", re.I)
_LEADING_PREPOSITION = re.compile(
    r"^(?:in|at|on|of|for|from|during|after|before|since|into|under|over|between|like|than|about|to|what|how|"
    r"why|whether|when|where)\b", re.I)


def _cleantyped_holder(holder: str) -> str:
    holder = holder.strip(" ,.;:“”\"'’()")
    holder = re.sub(r"\s+", " ", holder)
    holder = re.sub(r"^with\s+", "", holder, flags=re.I)  # "…, with one victim saying" → "one victim"
    holder = re.sub(r"^(he|she|it|they|we|i|you)[’']s$", r"\1", holder, flags=re.I)  # "He’s also been accused"
    if _LEADING_PREPOSITION.match(holder):
        return ""  # a prepositional phrase ("at the briefing", "of last year's report") is not who says it
    holder = _CUT_AT_AUX.sub(r"\1", holder)  # "The pilots were asked what they" → "The pilots"
    if _NOT_A_SOURCE.match(holder):
        return ""  # a quantity ("741 Pacifica vehicles", "34.1% of adults") or a verb phrase ("released a …")
    return holder[:120]


def _is_verb_use(text: str, m: re.Match[str]) -> bool:
    verb = m.group("verb")
    start = m.start()
    if verb[:1].isupper() and start > 0:
        return False  # "Islamic State", "United States"
    possessive = _POSSESSIVE_BEFORE.search(text[max(0, start - 40):start])
    if _DETERMINER_BEFORE.search(text[max(0, start - 12):start]) or (
            possessive and possessive.group(1).lower() not in _CONTRACTED):
        return False  # "the report", "his claims", "Putin’s claims" (not "it’s believed")
    before = text[max(0, start - 12):start].lower()
    if re.search(r"(?:n[’']t|\bnot|\bnever)\s+(?:\w+\s+)?$", before) and verb.lower().startswith("confirm"):
        return False  # non-confirmation, handled as `unconfirmed`
    if verb.lower() in cues.WEAK_REPORT_VERBS:
        after = text[m.end():m.end() + 90]
        return bool(re.match(r"\s*(?:,\s*)?(?:that\b|“|\"|:)|(?:\s+\S+){1,9}\s+as\b", after))
    if verb.lower() in cues.QUOTE_VERBS:
        after = re.match(r"\s*(?:,\s*)?(?:that\b|“|\")", text[m.end():m.end() + 10])
        return bool(after or re.search(r"[”\"],?\s+(?:\w+\s+){1,3}$", text[max(0, start - 40):start]))
    return True


def read_sentence(text: str) -> Reading:
    """Find the cues of one sentence: statuses, cue words, holders, and the scope of a non-confirmation.

    Example:
        >>> r = read_sentence("U.S. officials haven't confirmed the report of a merger.")
        >>> r.statuses, r.holders, r.scope
        (['unconfirmed'], ['U.S. officials'], 'the report of a merger')
    """
    r = Reading()
    spans: list[tuple[int, int]] = []
    for status, rx in (("unconfirmed", cues.UNCONFIRMED), ("disputed", cues.DISPUTED)):
        m = quick(rx).search(text)
        if m:
            r.add(status, m.group(0))
            r.negator = r.negator or _cleantyped_holder(_subject_before(text, m.start()))
            r.scope = r.scope or _scope_after(text, m.end())
    if r.negator:
        r.holders.append(r.negator)
    for m in quick(cues.ACCORDING).finditer(text):
        r.add("attributed", m.group(0))
        r.specific = True
        r.holders.append(_cleantyped_holder(m.group("holder")))
        spans.append(m.span())
    for m in quick(cues.POSTPOSED).finditer(text):
        r.add("attributed", m.group("verb"))
        holder = _cleantyped_holder(m.group("holder"))
        if not holder or _CLAUSE_INSIDE.search(m.group("holder")):
            # "Edgmon, an independent from Dillingham, said in a statement": not postposed; the subject
            # stands before the apposition
            left = text[:m.start()]
            head = left.split(",")[0]
            appos = re.search(r",\s+(?:an?|the|who|which|whose)\b[^,]*$", left)
            if head != left and _NAME_HEAD.match(head) and not _AUX_WORD.search(head):
                holder = _cleantyped_holder(head)  # "Scott Marler, manager for the Iowa DOT, said …"
            else:
                holder = _cleantyped_holder(_subject_before(text, appos.start() if appos else m.start()))
        r.holders.append(holder)
        spans.append(m.span())
    for m in quick(cues.PASSIVE_BY).finditer(text):
        r.add("attributed", m.group(0).split()[0])
        r.specific = True
        r.holders.append(_cleantyped_holder(m.group("holder")))
        spans.append(m.span())
    unnamed = quick(cues.UNNAMED_ATTRIB).search(text)
    if unnamed:
        spans.append(unnamed.span())
    for m in cues.attrib_verbs(text):
        if any(a <= m.start() < b for a, b in spans) or not _is_verb_use(text, m):
            continue
        if _INFINITIVE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue  # "is supposed to announce", "how to tell", "wants you to believe": nobody says it here
        verb = m.group("verb").lower()
        subject = _cleantyped_holder(_subject_before(text, m.start()))
        if not subject and r.holders:
            subject = r.holders[-1]
        if verb in cues.INFERENCE_VERBS:
            r.add("hedged", m.group("verb"))
            if not (subject and cues.VAGUE_HOLDER.match(subject)):
                continue
        r.add("attributed", m.group("verb"))
        if subject and subject not in r.holders:
            r.holders.append(subject)
    if unnamed:
        r.add("attributed", unnamed.group(0))
        r.specific = True
        if not r.holders:
            r.holders.append("unnamed")
    m = quick(cues.HEDGE).search(text)
    if m:
        r.add("hedged", m.group(0))
    m = quick(cues.CONDITIONAL_REALITY).search(text)
    if not m:
        clause = quick(cues.CONDITIONAL_CLAUSE).search(text)
        if clause and cues.HYPOTHETICAL_CONSEQUENT.search(text) and not cues.GENERIC.search(text):
            m = clause
    if m:
        r.add("conditional", m.group(0).strip(" ,;:—(“\""))
    m = quick(cues.VAGUE).search(text)
    if m:
        r.vague = m.group(0)
    m = modality.speculative(text)
    if m:
        r.add("speculative", m.group(0))
    for _name, status, cue in modality.read_modality(text):  # after the cues above: theirs come first
        r.add(status, cue)
    return r


def _scope_after(text: str, pos: int) -> str:
    m = re.match(r"\s*(?P<scope>[^,.;:—]+?)(?:\s+\band\b\s+(?:tell|say|said|told)|[,.;:—]|$)", text[pos:])
    return m.group("scope").strip() if m else ""


def scope_terms(scope: str) -> set[str]:
    """Content words of a scope phrase (without 'report', determiners)."""
    return {w for w in re.findall(r"[a-z][a-z-]+", scope.lower()) if w not in _SCOPE_STOP and len(w) > 2}


def _in_quote(text: str, start: int, end: int, article_text: str) -> bool:
    s = article_text[start:end]
    return s[:1] in _QUOTE_OPEN or s.rstrip()[-1:] in _QUOTE_CLOSE


def _order(statuses: list[str]) -> tuple[str, ...]:
    ordered = [s for s in STATUS_PRIORITY if s in statuses and s != "asserted"]
    return tuple(ordered) if ordered else ("asserted",)


def annotate_spans(text: str, spans: list[tuple[int, int]], article_id: str = "",
                   breaks: set[int] | None = None) -> list[Sentence]:
    """Annotate given sentence spans of `text`, then propagate scope within the text."""
    readings = [read_sentence(text[s:e]) for s, e in spans]
    regions = quotes.quote_regions(text)
    narration = [quotes.unquoted(text, s, e, regions) for s, e in spans]
    speakers: list[list[str] | None] = [None for _ in spans]  # who speaks in a sentence, attributed or not
    parsed = attribution.read_all([text[s:e] for s, e in spans], narration)
    for i, found in enumerate(parsed):
        if found is not None:
            speakers[i] = holders_mod.merge_found(readings[i], found[0] if found else attribution.NOTHING)
    breaks = breaks or set()
    extra: list[list[str]] = [[] for _ in spans]
    inherited: list[Inherited | None] = [None for _ in spans]
    holders: list[list[str]] = [list(r.holders) for r in readings]
    # 1. Anaphoric continuation of a report, and quoted speech continuing a quote.
    for i in range(1, len(spans)):
        prev, cur = readings[i - 1], readings[i]
        if "attributed" in cur.statuses or spans[i][0] in breaks and not _in_quote(text, *spans[i], text):
            continue
        body = text[spans[i][0]:spans[i][1]]
        same_event = cues.event_classes(body) & cues.event_classes(text[spans[i - 1][0]:spans[i - 1][1]])
        if "attributed" in prev.statuses and same_event and _ANAPHORIC_SUBJECT.match(body):
            extra[i].append("attributed")
            holders[i] = holders[i] or list(holders[i - 1])
            inherited[i] = Inherited("attributed", *spans[i - 1], text[spans[i - 1][0]:spans[i - 1][1]],
                                     typed_holder(holders[i - 1]))
        elif _in_quote(text, *spans[i], text) and ("attributed" in prev.statuses or "attributed" in extra[i - 1]) \
                and _in_quote(text, *spans[i - 1], text):
            extra[i].append("attributed")
            holders[i] = holders[i] or list(holders[i - 1])
    # 2. Every sentence of a quotation takes its speaker (named in the quote, a colon intro, the quote before):
    # also one whose own words name someone ("“… I said, ‘No.’”": the regular expressions read inside the quote)
    wholly = [parsed[i] is None and quotes.quoted_share(text, *spans[i], regions) >= quotes.WHOLLY_QUOTED
              for i in range(len(spans))]
    said = [None if wholly[i] else holders[i] if "attributed" in readings[i].statuses or "attributed" in extra[i]
            else speakers[i] for i in range(len(spans))]
    for i, j in enumerate(quotes.quote_speakers(text, spans, said)):
        own = "attributed" in readings[i].statuses + extra[i]
        if j is None or own and (not wholly[i] or j == quotes.UNNAMED_SPEAKER):
            continue
        if not own:
            extra[i].append("attributed")
        if j == quotes.UNNAMED_SPEAKER:
            holders[i] = holders[i] or ["unnamed"]
            continue
        holders[i] = list(said[j] or ())
        inherited[i] = inherited[i] or Inherited("attributed", *spans[j], text[spans[j][0]:spans[j][1]],
                                                 typed_holder(holders[j]))
    # 3. Non-confirmation and denial reach every sentence of the text stating the same claim.
    for j, r in enumerate(readings):
        for status in ("unconfirmed", "disputed"):
            if status not in r.statuses:
                continue
            terms = scope_terms(r.scope)
            classes = cues.event_classes(r.scope) or cues.event_classes(text[spans[j][0]:spans[j][1]])
            if not terms and not classes:
                # "…haven't confirmed it": the pronoun points at the report just before.
                prev = j - 1
                if prev >= 0 and {"attributed", "hedged"} & set(readings[prev].statuses) \
                        and status not in readings[prev].statuses:
                    extra[prev].append(status)
                    inherited[prev] = Inherited(status, *spans[j], text[spans[j][0]:spans[j][1]].strip())
                continue
            for i, (s, e) in enumerate(spans):
                if i == j or status in readings[i].statuses:
                    continue
                body = text[s:e]
                words = set(re.findall(r"[a-z][a-z-]+", body.lower()))
                hit = (classes & cues.event_classes(body)) or (terms and terms <= words)
                if hit and not _other_instance(body, classes):
                    extra[i].append(status)
                    inherited[i] = Inherited(status, *spans[j], text[spans[j][0]:spans[j][1]].strip())
    out: list[Sentence] = []
    for i, (s, e) in enumerate(spans):
        statuses = _order(readings[i].statuses + extra[i])
        main = statuses[0]
        own = _order(readings[i].statuses)[0]
        holder = typed_holder(holders[i]) if ("attributed" in statuses or main in {"unconfirmed", "disputed"}) else None
        cue = readings[i].cues.get(main) or readings[i].cues.get(own, "")
        named = holder is not None and holder.named
        uncertain = bool(set(statuses) & UNCERTAIN_STATUSES) or bool(readings[i].vague)
        if main == "asserted" and readings[i].vague:
            cue = f"vague: {readings[i].vague}"
        polarity, polarity_cue = read_polarity(text[s:e])
        out.append(Sentence(article_id, s, e, text[s:e], main, statuses, cue, holder, uncertain,
                            readings[i].scope, inherited[i], polarity, polarity_cue, holders_mod.typed_attributions(parsed[i], s)))
    # a pronoun holder refers back to the last person named as a source (a minor attribution names one too)
    named = [x.holder or next((a.holder for a in x.attributions if a.holder), None) for x in out]
    resolved = holders_mod.resolve_pronouns(named)
    return [x if x.holder is None or x.holder is h else replace(x, holder=h) for x, h in zip(out, resolved, strict=True)]


def _other_instance(body: str, classes: set[str]) -> bool:
    """A hypothetical or new instance of the event ('could involve … a cease-fire deal') is another claim."""
    for name in classes:
        words = "|".join(re.escape(w) for w in cues.EVENT_CLASSES[name])
        if re.search(rf"\b(?:could|would|might|may|new|another|possible|potential|future|proposed|second)\s+"
                     rf"(?:[\w-]+\s+){{0,5}}(?:{words})\b", body, re.I):
            return True
    return False


def annotate(text: str, article_id: str = "", start: int = 0) -> list[Sentence]:
    """Split `text` (from `start`) into sentences and annotate each with its epistemic status."""
    spans = split_sentences(text, start)
    return annotate_spans(text, spans, article_id, paragraph_starts(text, start))


def annotate_article(article: Article) -> list[Sentence]:
    """Annotate an article's body (after its header lines)."""
    return annotate(article.text, article.id, article.body_start)
