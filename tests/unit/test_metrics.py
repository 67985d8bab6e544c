from eval import metrics as m


def test_keyword_correct_is_case_and_apostrophe_insensitive():
    assert m.keyword_correct("U.S. officials haven’t confirmed it [1].", ["haven't confirmed", "u.s."])
    assert not m.keyword_correct("Nothing here.", ["truce"])


def test_citation_precision_and_recall():
    quotes = ["ISIS has reached a truce with al-Qaida.", "The weather was cold."]
    assert m.citation_precision(quotes, ["reached a truce"], []) == 0.5
    assert m.citation_precision(quotes, ["reached a truce"], ["weather was cold"]) == 1.0
    assert m.citation_precision([], [], []) == 1.0 and m.citation_precision([], ["x"], []) == 0.0
    assert m.citation_recall(quotes, ["reached a truce", "Kozak"]) == 0.5


def test_recall_at_k_and_validity():
    assert m.recall_at_k(["a b", "c d", "e f"], ["c d"], 1) == 0.0
    assert m.recall_at_k(["a b", "c d", "e f"], ["c d"], 2) == 1.0
    assert m.citation_valid("bc", 1, 3, "abcd") and not m.citation_valid("bc", 0, 2, "abcd")


def test_flag_counts_respect_acceptable_statuses():
    counts = m.flag_counts(["attributed"], ["attributed", "unconfirmed", "hedged"], ["attributed", "unconfirmed",
                                                                                     "hedged"], ["unconfirmed"])
    assert counts == {"attributed": (1, 0, 0), "unconfirmed": (0, 0, 0), "hedged": (0, 1, 0)}
    assert m.prf(0, 0, 3) == (None, 0.0) and m.prf(2, 2, 0) == (0.5, 1.0)


def test_percentile():
    assert m.percentile([5, 1, 3, 2, 4], 50) == 3 and m.percentile([], 95) == 0.0
