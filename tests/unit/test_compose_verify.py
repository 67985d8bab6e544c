from bot.assemble import place_marker, verify_answer
from bot.claims import corroboration_statement, origin_of_holder
from bot.verify import citation_ok, note_support, split_marked, support
from index.types import Holder, Sentence


def S(text, status="asserted", holder="", uncertain=False):
    return Sentence("a", 0, len(text), text, status, (status,), "", Holder(holder, (), True) if holder else None,
                    uncertain)


def test_citation_must_equal_the_slice():
    assert citation_ok("truce", 4, 9, "the truce held")
    assert not citation_ok("truce", 3, 8, "the truce held")
    assert not citation_ok("x", 5, 99, "short")


def test_markers_split_and_placed():
    assert place_marker("A fact.", [2, 1]) == "A fact [2][1]."
    assert split_marked("A [1]. B “q.” [2] C [3][4].") == [("A.", [1]), ("B “q.”", [2]), ("C.", [3, 4])]


def test_support_accepts_quote_and_rejects_invention():
    q = S("Kozak is a Syria analyst at the Institute for the Study of War.")
    assert support("Kozak is a Syria analyst at the Institute for the Study of War.", [q]) == ""
    assert "number" in support("Kozak is a Syria analyst with 12 years at the Institute.", [q]) or \
        "more than" in support("Kozak is a Syria analyst with 12 years at the Institute.", [q])
    assert "name" in support("Kozak is a Syria analyst at the Brookings Institute for War.", [q])
    assert support("Anything.", []) == "cites nothing"


def test_support_refuses_turning_a_report_into_a_fact():
    q = S("Syrian opposition officials say ISIS has reached a truce.", "attributed", "Syrian opposition officials")
    assert "only reports" in support("ISIS has reached a truce.", [q])
    assert support("According to Syrian opposition officials: ISIS has reached a truce.", [q]) == ""


def test_verbatim_quote_keeps_the_writers_own_hedge():
    text = "The bridge will reopen in June, presumably after the inspection."
    hedged = Sentence("a", 0, len(text), text, "hedged", ("hedged",), "presumably")
    assert support(text, [hedged]) == ""  # the quote carries its own "presumably"
    shortened = "The bridge will reopen in June."
    assert "states as fact" in support(shortened, [Sentence("a", 0, 30, shortened, "hedged", ("hedged",), "presumably")])
    said = "The bridge reopens in June, presumably after the inspection."
    mixed = Sentence("a", 0, len(said), said, "hedged", ("hedged", "attributed"), "presumably", Holder("", (), False))
    assert "states as fact" in support(said, [mixed])  # an attribution still needs its source named
    assert "states as fact" in support(said, [Sentence("a", 0, len(said), said, "speculative", ("speculative",), "")])


def test_note_support_checks_counts_and_origins():
    a = S("Last week, the Associated Press reported a truce.", "attributed", "the Associated Press")
    assert note_support("Reported by 2 articles, both relying on one AP report.", [a, a], 2) == ""
    assert "counts" in note_support("Reported by 3 articles, all relying on one AP report.", [a], 2)
    assert "Reuters" in note_support("Reported by 2 articles, both relying on one Reuters report.", [a, a], 2)


def test_origins_and_corroboration_wording():
    assert origin_of_holder("the Associated Press") == "AP"
    assert origin_of_holder("The AP’s Deb Riechmann") == "AP"
    assert origin_of_holder("the Daily Beast’s Jamie Dettmer") == "Daily Beast"
    assert corroboration_statement(2, ["AP"]) == "Reported by 2 articles, both relying on one AP report."
    assert "2 independent origins" in corroboration_statement(3, ["AP", "Reuters"])


def test_hashing_bot_answers_cites_exact_slices_and_abstains(hashing_bot):
    answer = hashing_bot.ask("Who leads the Syrian Revolutionaries Front?")
    assert not answer.abstained and answer.citations
    assert verify_answer(answer, hashing_bot.store.catalog) == []
    assert any("Jamal Maarouf" in c.quote for c in answer.citations)
    none = hashing_bot.ask("What is the boiling point of mercury?")
    assert none.abstained and not none.citations and none.text.startswith("The articles don't say")


def test_articles_of_unknown_outlets_reporting_on_their_own_are_separate_origins():
    """Two articles stating an event themselves are two origins, not one shared "own reporting"."""
    from bot.claims import group_claims, summarise
    from index.types import Article

    a1 = Article(id="a1", path="1.txt", text="x", title="Emmys in Los Angeles")
    a2 = Article(id="a2", path="2.txt", text="x", title="Emmy night")
    s1, s2 = S("Rebels in Aleppo killed a commander."), S("A commander was killed by rebels in Aleppo.")
    groups = group_claims([(s1, a1)], [(s2, a2)])
    assert len(groups) == 1 and len(groups[0].articles()) == 2
    _, origins = summarise(groups[0], {("a1", 0)}, lambda _id: [])
    assert origins == ["own reporting of “Emmys in Los Angeles”", "own reporting of “Emmy night”"]
    assert corroboration_statement(2, origins).startswith("Reported by 2 articles from 2 independent origins")
