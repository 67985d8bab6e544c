from bot.question import analyse
from bot.retrieve import rrf
from index.text import stem, terms, variants


def test_rrf_prefers_items_ranked_well_by_both():
    fused = rrf([["a", "b"], ["c", "b"]], k=60)
    assert [i for i, _ in fused] == ["b", "a", "c"]
    assert abs(fused[0][1] - (1 / 62 + 1 / 62)) < 1e-12


def test_rrf_single_list_keeps_order():
    assert [i for i, _ in rrf([["x", "y", "z"]])] == ["x", "y", "z"]


def test_spelling_variants_and_stems():
    assert "qaeda" in variants("qaida") and "jabhat" in variants("jebhat")
    assert stem("led") == stem("leads") == "lead"
    assert terms("al-Qaida’s leaders") == ["qaida", "leader"]


def test_followup_uses_history():
    q = analyse("Who leads it?", history=[("What is the Syrian Revolutionaries Front?", "A rebel faction.")])
    assert q.followup and q.kind == "who" and "revolutionary" in q.context_terms
    assert not analyse("Who leads the Hazm Movement?").followup
    # A short question that names its own subject starts afresh, after any conversation (issue 17's third question)
    truce = [("Did ISIS and al-Qaida agree to a truce?", "Reported, not confirmed [1].")]
    assert not analyse("Who is Chris Kozak?", history=truce).followup
    assert analyse("Where does he work?", history=[("Who is Chris Kozak?", "An analyst [1].")]).followup


def test_question_kinds():
    assert analyse("When did Al Qaeda cut ties?").kind == "when"
    assert analyse("How many groups met?").kind == "how_many"
    assert analyse("Did ISIS agree to a truce?").kind == "yesno"


def test_which_questions_prefer_a_sentence_that_names_something_new():
    from bot.question import analyse
    from bot.retrieve import _type_bonus

    q = analyse("Which city was rocked this week by a major bridge collapse?")
    assert q.kind == "which"
    named = _type_bonus(q, "The Francis Scott Key Bridge in Baltimore was the bridge that collapsed.")
    unnamed = _type_bonus(q, "Here's a look at bridge collapses in recent history.")
    assert named > 0 > unnamed
    assert analyse("Which of them won?").kind == "what" and analyse("Which groups agreed?").kind == "who"
