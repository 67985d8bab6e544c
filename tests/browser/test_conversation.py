"""A whole conversation on the page: every answer keeps its own sources, exported and shared as a whole."""

from __future__ import annotations

import json
import re

from tests.browser.conftest import ask, shot

QUESTIONS = ("Did ISIS and al-Qaida agree to a truce?", "Who leads the Syrian Revolutionaries Front?",
             "Who is Chris Kozak?")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _export(page, which: str) -> str:
    href = page.locator(f"#sc-export-{which} a").first.get_attribute("href")
    return page.request.get(href if href.startswith("http") else page.url.split("?")[0].rstrip("/") + href).text()


def test_three_answers_each_marker_highlights_its_own_quote_and_export_holds_all(page):
    for i, q in enumerate(QUESTIONS, 1):
        ask(page, q)
        page.wait_for_selector(f'#sc-sources .sc-sources[data-answer="a{i}"]', state="attached", timeout=60_000)
    convo = json.loads(_export(page, "json"))
    assert [a["question"] for a in convo["answers"]] == list(QUESTIONS)
    quotes = {f"{a['scope']}-{c['n']}": c["quote"] for a in convo["answers"] for c in a["citations"]}
    markers = page.locator("#sc-chat a.sc-cite")  # the first answer's markers are clicked after the third
    checked = set()
    for j in range(markers.count()):
        marker = markers.nth(j)
        key = (marker.get_attribute("href") or "").split("#sc-cite-")[-1]
        marker.click()
        active = page.locator("mark.sc-quote.sc-active")
        assert active.count() == 1 and active.is_visible(), key
        assert _squash(active.inner_text()) == _squash(quotes[key]), key
        checked.add(key)
    assert {k.split("-")[0] for k in checked} == {"a1", "a2", "a3"}
    assert checked == set(quotes)  # every citation of every answer has a marker that opens it
    md = _export(page, "md")
    assert all(f"{q}" in md for q in QUESTIONS) and "[a1-1]" in md and "### Claims" in md
    shot(page, "conversation-three-answers")


def test_shared_link_reopens_the_answer(page):
    ask(page, QUESTIONS[0])
    page.wait_for_selector("#sc-share-link", timeout=60_000)
    href = page.locator("#sc-share-link").get_attribute("href")
    text = _squash(page.locator("#sc-chat .message").last.inner_text())
    page.goto(page.url.split("?")[0] + href)
    page.wait_for_function("document.querySelectorAll('#sc-chat .message').length >= 2", timeout=60_000)
    assert QUESTIONS[0] in page.locator("#sc-chat").inner_text()
    assert "Syrian opposition officials say" in text
    assert "Syrian opposition officials say" in page.locator("#sc-chat .message").last.inner_text()
    page.locator("#sc-chat .message").last.locator("a.sc-cite").first.click()
    assert page.locator("mark.sc-quote.sc-active").is_visible()


def test_empty_question_adds_no_bubble_and_no_export_boxes_before_an_answer(page):
    assert page.locator("#sc-export-md").count() == 0 or not page.locator("#sc-export-md").is_visible()
    page.click("#sc-ask")
    page.wait_for_timeout(1500)
    assert page.locator("#sc-chat .message").count() == 0
