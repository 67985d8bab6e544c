"""Every word list of the annotator and the splitter, once: reporting verbs, abbreviations, negators.

Other modules build their patterns from these sets (`index.cues`, `index.splitter`, `index.polarity`,
`bot.verify`); a word added here reaches all of them.

Example:
    >>> "said" in REPORT_VERBS and "sen" in TITLE_ABBREVS and "never" in NEGATORS
    True
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def alternation(words: frozenset[str] | set[str]) -> str:
    """A regex alternation of words, longest first (so "said" is not cut to "sa").

    Example:
        >>> alternation({"say", "says"})
        'says|say'
    """
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


# Reporting verbs that introduce a claim (attribution). Nouns like "report" are handled apart.
REPORT_VERBS = _set(
    "say says said saying tell tells told telling report reports reported reporting claim claims claimed "
    "claiming write writes wrote written writing recall recalls recalled state stated states stating "
    "announce announces announced allege alleges alleged alleging assert asserts asserted argue argues "
    "argued arguing insist insists insisted warn warns warned estimate estimates estimated explain explains "
    "explained note notes noted acknowledge acknowledges acknowledged add adds added reply replies replied "
    "contend contends contended believe believes believed maintain maintained testify testified testifies "
    "predict predicts predicted accuse accuses accused confirm confirms confirmed suggest suggests suggested "
    "indicate indicates indicated consider considers considered think thinks thought describe describes "
    "described ask asks asked view views viewed"
)
# Of those, the ones that only attribute when followed by a claim complement (that-clause, object).
WEAK_REPORT_VERBS = _set("maintain maintained state states note notes add adds consider considers think thinks "
                         "describe describes estimate estimates view views viewed")
# Verbs of inference: the writer hedges ("the alliance suggests"); a vague subject also attributes.
INFERENCE_VERBS = _set("suggest suggests suggested indicate indicates indicated")
# Verbs that need a quotation next to them to attribute ("he replied", "I asked, “…”").
QUOTE_VERBS = _set("add adds added reply replies replied ask asks asked")
# Reporting verbs after a quote or clause, before the speaker (", said the official" / ", she said").
POSTPOSED_VERBS = _set("says said writes wrote added adds told replied explains explained argues argued notes "
                       "noted claims claimed insists insisted warns warned asked")
# Verbs of confirmation: their negation is a non-confirmation (`unconfirmed`), not a negated event.
CONFIRM_VERBS = _set("confirm confirms confirmed verify verifies verified corroborate corroborated "
                     "substantiate substantiated")

# Abbreviations whose dot ends neither a sentence nor a holder: titles before a name, months, units.
TITLE_ABBREVS = _set(
    "mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj st jr sr vs no nos jan feb mar apr jun jul "
    "aug sep sept oct nov dec mt ft approx dept fig vol pp rev hon pres atty supt")
# Abbreviations that may end a sentence ("… Apple Inc. The company"): a boundary before a clear start.
END_ABBREVS = _set("etc inc co ltd corp llc plc bros")

# Negators: words that state that something did not happen ("did not sign", "never reached").
NEGATORS = _set("not never no nobody nothing none neither nor")
# Auxiliaries a negator follows ("did not", "hasn't"); with the contracted forms ("won't", "can't").
AUXILIARIES = _set("is are was were be been has have had do does did will would can could should may might "
                   "must shall am")
# Words whose infinitive did not happen ("failed to sign", "refused to testify", "declined to comment",
# "Reno's failure to enforce"): negative implicatives.
FAILURE_VERBS = _set("fail fails failed failing failure refuse refuses refused refusing decline declines declined "
                     "declining unwilling reluctant impossible unable")
# Words after "declined to" that are no verb: a quantity fell ("declined to about $5 million").
NOT_AFTER_FAILURE = _set("about around nearly almost roughly just the a an its their his her record levels "
                         "lows")
# Words after a negator that negate no event ("not only", "no doubt", "no matter", "not clear"):
NON_NEGATING = _set("only just least merely until doubt matter clear known certain sure think believe expect")
# (a hedge rather than a negation: "it is not clear whether", "not yet known"; a negated belief, "doesn't think")
# Nouns after "no" in idioms that negate no event ("it's no secret that …" asserts it; "no longer"; "no idea").
NON_NEGATING_NOUNS = _set("longer secret question wonder idea")

# --- Hedges and modality (index.modality) ---
# Appearance and tendency: "appears to have turned back", "such deals tend to collapse".
APPEARANCE_VERBS = _set("seem seems seemed appear appears appeared")
TENDENCY_WORDS = _set("tend tends tended tending tendency")
# First-person belief: "I think", "we believe" hedge the speaker's own claim.
BELIEF_VERBS = _set("think believe suspect guess reckon suppose assume imagine feel doubt expect")
# Impersonal belief passives: "it is believed", "is considered": the holder is nobody, the claim a hedge.
IMPERSONAL_BELIEF = _set("believed thought considered regarded rumored rumoured alleged speculated feared "
                         "suspected presumed reputed deemed claimed")
# Irregular past participles: "may be made", "may be held" (with every "-ed"/"-en" form) are root possibility,
# what a thing can undergo ("parole may be granted", "the tail may be coloured"), not a hedge.
IRREGULAR_PARTICIPLES = _set("made held found seen done built led shown taken given known used set put kept "
                             "sold bought brought paid laid told thought caught taught sent spent run won cut "
                             "hit shut split spread struck stuck hung worn borne born torn sworn drawn grown "
                             "thrown flown blown begun sung rung swum drunk sunk shrunk hidden ridden written "
                             "driven eaten fallen forgotten gotten chosen frozen spoken stolen woken broken "
                             "beaten bitten")
# Knowing verbs after "hard to", "too early to": "it is hard to say whether", "too early to tell".
KNOWING_VERBS = _set("say know tell determine predict estimate gauge assess judge confirm verify establish "
                     "ascertain")
# Expectation frames: "is expected to", "is slated to" put the event in the future ("likely to" is a hedge).
EXPECTATION_WORDS = _set("expected poised set slated scheduled anticipated projected "
                         "forecast bound")
# Reporting verbs whose "would" is the reported future ("said it would build"), not a hedge.
REPORTED_WOULD_VERBS = _set("said says say told announced added stated promised pledged vowed insisted "
                            "warned predicted wrote noted explained indicated confirmed agreed decided "
                            "signaled signalled reported saying telling announcing insisting warning "
                            "assured assuring argued arguing")
# Unrealised frames: the infinitive's event is wished for, attempted or asked for, not stated as done
# ("wants to end the war", "tried to reach the coast", "urged them to leave").
WISH_WORDS = _set("want wants wanted wanting hope hopes hoped hoping intend intends intended intending wish "
                  "wishes wished")
ATTEMPT_WORDS = _set("try tries tried trying attempt attempts attempted attempting seek seeks sought seeking "
                     "fight fights fought fighting struggle struggles struggled struggling effort efforts battle "
                     "battles battling")
REQUEST_WORDS = _set("ask asks asked asking urge urges urged urging demand demands demanded demanding")
# Mandates with a subjunctive clause: "insisted that the child be returned", "the order that he remain".
MANDATE_WORDS = REQUEST_WORDS | _set("insist insists insisted insisting order orders ordered request requests "
                                     "requested suggest suggested suggestion propose proposed proposal recommend "
                                     "recommended recommendation require requires required requirement")
# Entitlement: "the right to speak", "entitles holders to buy" ("the opportunity to portray" is often realised).
ENTITLEMENT_WORDS = _set("right rights entitled entitles entitle")

# Event synonyms (reviewed, small): words in one group name the same event; the first word names the
# group. Claim matching compares words ("the blaze killed 12" ~ "12 died in the fire"); retrieval expands a
# question's single words (not phrases or hyphenated ones) into their group's (BM25 and coverage), skipping stems two groups share
# ("fired" and "fire" stem alike).
EVENT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("killed", "kill", "kills", "died", "die", "dies", "dead", "death", "deaths", "slain", "fatalities"),
    ("truce", "ceasefire", "cease-fire", "accord", "armistice"),
    ("fired", "dismissed", "sacked", "ousted"),
    ("resign", "resigned", "resigns", "resignation", "step down", "stepped down", "steps down", "quit", "quits"),
    ("blaze", "fire", "fires", "wildfire", "wildfires", "inferno"),
    ("merge", "merged", "merger", "merges", "merging"),
    ("breach", "hack", "hacked", "hackers", "cyberattack", "leak", "leaked"),
)

# Words of a correction inside a sentence ("Correction: an earlier article said 40 …; 14 were killed"): the
# later figure of that sentence is the corrected one.
CORRECTION_WORDS = ("correction", "corrected", "earlier", "initially", "first reported", "previously")

# Verbs after which a figure stands without its noun ("the death toll rose to 19"): the number still counts
# what a "how many" question asks (`bot.answer_phrase.counts`).
FIGURE_CHANGE_VERBS = ("rose", "risen", "climbed", "increased", "grew", "jumped", "reached", "fell", "dropped",
                       "stood", "stands")

# Nouns of a question about sourcing ("How many independent sources report the truce?"): answered by the
# corroboration count (articles and independent origins), not by a number inside a sentence.
SOURCING_NOUNS = _set("source sources article articles outlet outlets report reports origin origins "
                      "publication publications newspaper newspapers")

# --- attribution (issue 14): the parser rules of `index.attribution` -----------------------------------
# Lemmas of verbs of saying and writing: their subject holds the clause, quote or object they report.
SPEECH_LEMMAS = _set(
    "say tell report claim write recall state announce allege assert argue insist warn explain note "
    "acknowledge add reply contend maintain testify predict accuse confirm describe ask tweet post declare "
    "admit concede deny dispute reject dismiss complain boast brag joke quip remark comment observe "
    "emphasize emphasise stress reiterate repeat respond retort counter continue conclude caution urge "
    "promise pledge vow threaten suggest propose recommend indicate hint signal imply insinuate mention "
    "reveal disclose acknowledge agree disagree estimate charge blame praise criticize criticise slam attack "
    "question wonder challenge call demand order cite quote point explain lament mourn proclaim tout "
    "counsel advise inform assure reassure recount describe characterize portray cast label dub brand "
    "predict forecast project speculate muse testify swear affirm reaffirm put chant express request rebut refute "
    "recount interject chime")
# Lemmas of verbs of thought, wish and intention: "Trump believes", "the campaign wants", "plans to".
COGNITION_LEMMAS = _set(
    "think believe hope want plan expect fear worry feel know intend wish doubt suspect assume "
    "reckon guess imagine consider regard view understand realize realise recognize recognise "
    "aim prefer like love hate oppose support favor favour insist trust")
# Lemmas of verbs that report what a document or a count shows: "the report found", "polls show".
FINDING_LEMMAS = _set("find show conclude reveal suggest indicate estimate say state confirm document "
                      "detail describe list note predict project highlight outline")
# Nouns of documents and studies that hold what they report ("the report found", "a poll shows").
DOCUMENT_NOUNS = _set(
    "report study poll survey analysis memo letter statement document investigation audit review data "
    "research complaint lawsuit filing indictment ruling opinion paper book article post tweet email "
    "video ad advertisement release transcript record records footage figures numbers estimate estimates "
    "census assessment inquiry probe account statistics survey poll data numbers analyses studies")
# Nouns of people: with them as subject, "suggested", "indicated" report rather than infer ("an ally suggested").
PERSON_NOUNS = _set(
    "official officials ally allies aide aides adviser advisers advisor advisors spokesman spokeswoman "
    "spokesperson source sources expert experts analyst analysts critic critics lawyer lawyers attorney "
    "senator senators leader leaders president candidate strategist strategists lawmaker lawmakers "
    "supporter supporters opponent opponents democrat democrats republican republicans voter voters")
# Short labels before a colon that name no source ("Update: …", "Photo: …").
NOT_A_SPEAKER = _set("update note editor photo photos video watch related correction read more see also "
                     "breaking exclusive live opinion analysis twitter facebook email context job")
# Of the lemmas above, those that attribute only with a that-clause ("agreed that …", not "agreed to stop").
CLAUSE_ONLY = _set("agree decide find consider like love hate support oppose favor favour continue")
# Adjectives of belief and feeling with a clause: "X is convinced that …", "she is sure …", "hopeful that".
BELIEF_ADJECTIVES = _set("convinced sure certain confident hopeful optimistic pessimistic afraid worried "
                         "concerned adamant aware skeptical sceptical doubtful fearful determined eager")
# Markers of attribution outside the verb: "according to X", "in a statement", "told reporters".
ATTRIBUTION_PHRASES = ("according to", "in a statement", "in an interview", "told reporters", "said in",
                       "in remarks", "in a tweet", "in a post", "on condition of anonymity",
                       "speaking on condition", "in a letter", "in an email")
# Irregular forms of the lemmas above, form:lemma (the pre-check matches word forms; the parser rules
# read lemmas from these, without spaCy's lemmatizer).
IRREGULAR_FORMS = dict(pair.split(":") for pair in (
    "said:say told:tell wrote:write written:write thought:think knew:know known:know felt:feel sought:seek "
    "saw:see seen:see understood:understand swore:swear sworn:swear found:find shown:show meant:mean "
    "foresaw:foresee put:put cast:cast").split())
# Place names of one level, for "which state / which country" questions (bot.answer_phrase): lower case,
# as written in news ("u.s.", "the netherlands" without "the"). U.S. states, and countries with the names
# news uses for them (the UK's four nations are countries in its usage).
US_STATES = frozenset(
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|"
    "illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|"
    "mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|new york|north carolina|"
    "north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|"
    "utah|vermont|virginia|washington|west virginia|wisconsin|wyoming".split("|"))
COUNTRIES = frozenset(
    "afghanistan|albania|algeria|andorra|angola|antigua and barbuda|argentina|armenia|australia|austria|"
    "azerbaijan|bahamas|bahrain|bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|"
    "bosnia and herzegovina|bosnia|botswana|brazil|brunei|bulgaria|burkina faso|burundi|cabo verde|cape verde|"
    "cambodia|cameroon|canada|central african republic|chad|chile|china|colombia|comoros|congo|"
    "democratic republic of congo|democratic republic of the congo|drc|costa rica|ivory coast|cote d'ivoire|"
    "croatia|cuba|cyprus|czech republic|czechia|denmark|djibouti|dominica|dominican republic|ecuador|egypt|"
    "el salvador|equatorial guinea|eritrea|estonia|eswatini|ethiopia|fiji|finland|france|gabon|gambia|georgia|"
    "germany|ghana|greece|grenada|guatemala|guinea|guinea-bissau|guyana|haiti|honduras|hungary|iceland|india|"
    "indonesia|iran|iraq|ireland|israel|italy|jamaica|japan|jordan|kazakhstan|kenya|kiribati|kosovo|kuwait|"
    "kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein|lithuania|luxembourg|madagascar|malawi|"
    "malaysia|maldives|mali|malta|marshall islands|mauritania|mauritius|mexico|micronesia|moldova|monaco|"
    "mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|nauru|nepal|netherlands|new zealand|"
    "nicaragua|niger|nigeria|north korea|north macedonia|norway|oman|pakistan|palau|palestine|panama|"
    "papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|"
    "saint kitts and nevis|saint lucia|saint vincent and the grenadines|samoa|san marino|sao tome and principe|"
    "saudi arabia|senegal|serbia|seychelles|sierra leone|singapore|slovakia|slovenia|solomon islands|somalia|"
    "south africa|south korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|"
    "tajikistan|tanzania|thailand|timor-leste|east timor|togo|tonga|trinidad and tobago|tunisia|turkey|turkiye|"
    "turkmenistan|tuvalu|uganda|ukraine|united arab emirates|uae|united kingdom|uk|u.k.|britain|great britain|"
    "england|scotland|wales|northern ireland|united states|us|u.s.|usa|america|uruguay|uzbekistan|vanuatu|"
    "vatican|venezuela|vietnam|yemen|zambia|zimbabwe".split("|"))
# What a "which X" question asks for when X names a kind of common thing, so the answer is a common noun
# ("Which animal…?" → "elephants", "Which sport…?" → "figure skating"), not a name (bot.answer_typing).
COMMON_KINDS = _set(
    "animal animals species breed pet pets insect insects bug bugs bird birds fish tree trees "
    "flower flowers crop crops fruit fruits vegetable vegetables food foods dish dishes drink drinks beverage "
    "ingredient ingredients item items material materials substance substances chemical chemicals drug drugs "
    "medication medications medicine medicines vaccine disease diseases illness illnesses virus infection "
    "infections condition injury injuries symptom symptoms sport sports weather disaster workers worker "
    "profession job jobs occupation field subject area appliance appliances device devices vehicle vehicles "
    "weapon weapons livestock meat metal mineral crime crimes charge charges offense offence establishment")
# Named days: a weekday or holiday after a name word is a date, not an answer name ("Super Tuesday" is no
# "Super"; `bot.entities` drops them from the name spans). Lower case.
NAMED_DAYS = frozenset(
    "super tuesday|black friday|cyber monday|giving tuesday|easter sunday|easter monday|palm sunday|good friday|"
    "ash wednesday|holy saturday|bloody sunday|mother's day|father's day|labor day|memorial day|election day|"
    "thanksgiving day|christmas day|new year's day|valentine's day|veterans day|independence day".split("|"))
# Where the noun a "which/what" question asks for ends (bot.answer_phrase.asked_nouns): a preposition or a
# relative word after it ("Which member of the royal family…", "the festival that…"), "said"; auxiliaries,
# the pasts below, figures and lower-case "-ed"/"-ly" words end it too; the leads "the name of", "type of",
# "of the following" are skipped ("What type of cicadas…").
ASKED_NOUN_STOPS = _set("of in on at to for from by with about against into over under that who whom which whose "
                        "where when while said says told")
ASKED_NOUN_LEADS = _set("the a an of name type types kind kinds sort sorts form forms variety brand following")
# Irregular simple pasts that end the asked noun ("Which film won…", "Which nation lost…").
IRREGULAR_PASTS = _set("gave lost left took went became came got beat broke fell rose chose drew grew wore spoke "
                       "ran began sang rang drank sank shrank hid rode wrote drove ate forgot froze stole woke bit "
                       "threw flew blew tore swore bore met won sold paid told led struck hit")
# Kinds of creative work: the name of one stands in quotes ('the film "Oppenheimer"'), so a quoted name
# answers "Which film / song / book…?" (bot.answer_phrase.labelled). Stemmed by `index.text.terms` there.
WORK_NOUNS = _set("film films movie movies show shows series song songs album albums book books novel novels "
                  "play plays musical documentary podcast episode painting poem single")
# The forms of "go" the verb rules read by their word ("She went on: “…”" reports; "went to say" is not an
# infinitive nobody says), since the small model's lemmas of them vary. Lower case.
GO_FORMS = _set("go goes went")
