from index.splitter import chunk_sentences, split_sentences
from index.types import Sentence


def spans(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_us_abbreviation_does_not_end_a_sentence():
    text = "U.S. officials haven't confirmed the report. The U.S.-backed rebels lost ground."
    assert spans(text) == ["U.S. officials haven't confirmed the report.", "The U.S.-backed rebels lost ground."]


def test_initialism_at_sentence_end_before_a_clear_start():
    assert spans("He moved to the U.S. The next day he left.") == ["He moved to the U.S.", "The next day he left."]


def test_titles_and_months_are_not_boundaries():
    text = "Dr. Smith met Gen. Jones on Sept. 26, 2014. They talked."
    assert spans(text) == ["Dr. Smith met Gen. Jones on Sept. 26, 2014.", "They talked."]


def test_quotes_stay_with_their_sentence():
    text = "“Really?” I said. “Certainly, very,” he replied. She left."
    assert spans(text) == ["“Really?” I said.", "“Certainly, very,” he replied.", "She left."]


def test_question_inside_quote_ends_sentence_when_a_new_one_starts():
    assert spans("He asked “Why?” Nobody knew.") == ["He asked “Why?”", "Nobody knew."]


def test_headlines_and_paragraphs_are_separate_sentences():
    text = "The World\n\nWhat Will Change if ISIS Wins?\n\nSome say it will. Others doubt it."
    assert spans(text) == ["The World", "What Will Change if ISIS Wins?", "Some say it will.", "Others doubt it."]


def test_hard_wrapped_paragraph_is_joined():
    line = "This is a long line of a hard wrapped paragraph that goes on and on and does not stop"
    text = f"{line}\nuntil here. Next sentence."
    assert spans(text) == [f"{line}\nuntil here.", "Next sentence."]


def test_markdown_markers_are_outside_the_sentence():
    text = "# Title here\n\n- First point is this.\n- Second point."
    assert spans(text) == ["Title here", "First point is this.", "Second point."]


def test_offsets_are_exact_on_unicode_text():
    text = "  Café owners said “no.”  Al-Qaida’s men left…  Done. "
    for s, e in split_sentences(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]
    assert spans(text)[0] == "Café owners said “no.”"


def test_overlong_sentence_is_capped():
    text = ("word " * 2000).strip()
    out = split_sentences(text)
    assert len(out) > 1 and all(e - s <= 1500 for s, e in out)
    assert " ".join(text[s:e] for s, e in out) == text


def test_chunks_pack_whole_sentences_with_offsets():
    text = "One is here. Two is here. Three is here. Four is here. Five."
    sents = [Sentence("a", s, e, text[s:e]) for s, e in split_sentences(text)]
    chunks = chunk_sentences("a", text, sents, max_chars=30, max_sentences=4)
    assert [c.text for c in chunks] == ["One is here. Two is here.", "Three is here. Four is here.", "Five."]
    for c in chunks:
        assert text[c.start:c.end] == c.text
    again = chunk_sentences("a", text, sents, max_chars=30, max_sentences=4)
    assert [c.id for c in chunks] == [c.id for c in again]
    assert len({c.id for c in chunks}) == 3
