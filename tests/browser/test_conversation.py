"""A whole conversation on the page: every answer keeps its own sources, exported and shared as a whole.

One session asks the three questions (module fixture `convo`); each test then clicks what it checks.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import (QUESTIONS, ask, ask_three, click_and_read, export, key_of, new_page, shot, squash,
                                    unfold)

HEADERS = ["claim", "status", "holder", "corroboration", "quotes"]
IN_TEXT = "a.sc-cite:not(details a)"  # the answer's own markers (the claims table's are tested with the table)


@pytest.fixture(scope="module")
def convo(browser, page_url):
    """(page after three answers, the conversation's JSON export then)."""
    pg = new_page(browser, page_url)
    data = ask_three(pg)
    yield pg, data
    pg.context.close()


def _quotes(data: dict) -> dict[str, str]:
    return {f"{a['scope']}-{c['n']}": squash(c["quote"]) for a in data["answers"] for c in a["citations"]}


def _bubble(pg, scope: str):
    """The chat bubble of one answer: the one whose markers are the answer's."""
    return pg.locator("#sc-chat .message-content", has=pg.locator(f'a.sc-cite[href^="#sc-cite-{scope}-"]')).first


def test_every_marker_of_every_answer_highlights_its_own_quote(convo):
    pg, data = convo
    assert [a["question"] for a in data["answers"]] == list(QUESTIONS)
    firsts = [a["sentences"][0]["text"] for a in data["answers"]]  # each answer answers its own question
    assert firsts[0].startswith("Reported, not confirmed") and "Jamal Maarouf" in firsts[1], firsts
    assert "Institute for the Study of War" in firsts[2], firsts
    quotes = _quotes(data)
    markers = pg.locator(f"#sc-chat {IN_TEXT}")  # the first answer's markers are clicked after the third's
    checked = set()
    for j in range(markers.count()):
        key = key_of(markers.nth(j))
        assert click_and_read(pg, markers.nth(j)) == quotes[key], key
        shown = pg.locator("#sc-sources .sc-sources:not(.sc-hidden)")
        assert shown.count() == 1 and shown.get_attribute("data-answer") == key.split("-")[0], key
        checked.add(key)
    assert {k.split("-")[0] for k in checked} == {"a1", "a2", "a3"}
    assert checked == set(quotes)  # every citation of every answer has a marker that opens it
    shot(pg, "conversation-three-answers")


def test_source_list_markers_open_the_article_too(convo):
    pg, data = convo
    quotes = _quotes(data)
    for a in data["answers"]:
        _bubble(pg, a["scope"]).locator("a.sc-cite").first.click()  # shows this answer's sources
        listed = pg.locator(f'#sc-sources .sc-sources[data-answer="{a["scope"]}"] .sc-list a.sc-cite')
        assert listed.count() == len(a["citations"])
        for j in range(listed.count()):
            key = key_of(listed.nth(j))
            assert click_and_read(pg, listed.nth(j)) == quotes[key], key
            assert pg.locator("#sc-sources .sc-sources:not(.sc-hidden) .sc-article.sc-open").count() == 1


def test_each_answer_has_its_claims_table_the_json_export_holds(convo):
    pg, data = convo
    for a in data["answers"]:
        box = _bubble(pg, a["scope"]).locator("details.sc-claims-box")
        assert box.count() == 1 and not box.get_attribute("open"), a["scope"]  # folded: the answer stays in view
        box.locator("summary").click()
        table = box.locator("table.sc-claims")
        assert table.is_visible(), a["scope"]
        assert [squash(t) for t in table.locator("th").all_inner_texts()] == HEADERS
        rows = [[squash(td) for td in tr.locator("td").all_inner_texts()] for tr in table.locator("tbody tr").all()]
        want = [[squash(r["claim"]), r["status"], r["holder"] or "—", squash(r["corroboration"]) or "—",
                 "".join(f"[{n}]" for n in r["quotes"])] for r in a["claims"]]
        assert rows == want and rows, a["scope"]
        for link in table.locator("a.sc-cite").all():  # the table's quotes open the article too
            assert click_and_read(pg, link) == _quotes(data)[key_of(link)]
    truce = data["answers"][0]["claims"]
    assert any(r["corroboration"].startswith("Reported by 2 articles") for r in truce)
    assert [r["status"] for r in truce if r["holder"] == "U.S. officials"] == ["does not confirm"]


def test_the_conversation_export_holds_all_three_answers(convo):
    pg, data = convo
    for a in data["answers"]:
        assert a["text"] and a["citations"] and a["claims"], a["scope"]
        assert all(isinstance(c["start"], int) and c["end"] - c["start"] == len(c["quote"]) for c in a["citations"])
        assert any(f["kind"] == "sentence" for f in a["flags"])
    md = export(pg, "md")
    for a in data["answers"]:
        section = md.split(f"## {a['scope']}: {a['question']}\n", 1)[1].split("\n## ", 1)[0]
        assert a["text"] in section and "### Flags" in section and "### Claims" in section, a["scope"]
        for c in a["citations"]:
            assert f"[{a['scope']}-{c['n']}] " in section and f"characters {c['start']}–{c['end']}" in section
            assert f"> {c['quote']}" in section


def test_shared_link_reopens_the_answer_in_a_new_session(convo, browser, data_dir):
    pg, data = convo
    href = pg.locator("#sc-share-link").get_attribute("href")
    share_id = href.split("?a=")[-1]
    assert re.fullmatch(r"[0-9a-f]{12}", share_id) and data["answers"][-1]["share_id"] == share_id
    kept = json.loads((data_dir / "answers" / f"{share_id}.json").read_text(encoding="utf-8"))
    assert kept["question"] == QUESTIONS[-1]  # kept in the data directory
    other = new_page(browser, pg.url.split("?")[0] + href)
    try:
        other.wait_for_selector("#sc-chat a.sc-cite", timeout=60_000)
        assert QUESTIONS[-1] in other.locator("#sc-chat").inner_text()
        unfold(pg)
        unfold(other)
        assert squash(_bubble(other, "a1").inner_text()) == squash(_bubble(pg, "a3").inner_text())
        quotes = {f"a1-{c['n']}": squash(c["quote"]) for c in kept["citations"]}
        for link in other.locator(f"#sc-chat {IN_TEXT}").all():
            assert click_and_read(other, link) == quotes[key_of(link)]
    finally:
        other.context.close()


def test_an_unknown_shared_link_says_so(browser, page_url):
    pg = new_page(browser, page_url + "?a=000000000000")
    try:
        pg.wait_for_function("document.querySelector('#sc-chat .sc-abstain')", timeout=60_000)
        assert "no shared answer" in pg.locator("#sc-chat").inner_text()
    finally:
        pg.context.close()


def test_no_empty_bubble_and_no_export_boxes_before_an_answer(page):
    assert not page.locator("#sc-export-md").is_visible() and not page.locator("#sc-export-json").is_visible()
    shot(page, "fresh-page")
    page.click("#sc-ask")
    page.wait_for_timeout(1500)
    assert page.locator("#sc-chat .message").count() == 0
    ask(page, QUESTIONS[2])
    n = page.locator("#sc-chat .message").count()
    page.locator("#sc-question textarea").fill("   ")
    page.click("#sc-ask")
    page.wait_for_timeout(1500)
    assert page.locator("#sc-chat .message").count() == n  # after an answer too
    assert page.locator("#sc-export-md").is_visible() and page.locator("#sc-export-json").is_visible()
