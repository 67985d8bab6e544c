import re

from tests.browser.conftest import ask, click_and_read, shot, squash


def test_ask_truce_shows_cited_answer_badges_and_sureness(page):
    ask(page, "Did ISIS and al-Qaida agree to a truce?")
    last = page.locator("#sc-chat .message").last
    assert "Syrian opposition officials say" in last.inner_text()
    assert last.locator("a.sc-cite").count() >= 2
    assert last.locator(".sc-badge.sc-unconfirmed").count() >= 1
    assert "both relying on one AP report" in page.locator("#sc-sure").inner_text()
    shot(page, "truce-answer")


def test_flag_says_whose_claim_is_unconfirmed_by_whom_and_the_negator_does_not_confirm(page):
    ask(page, "Did ISIS and al-Qaida agree to a truce?")
    sure = page.locator("#sc-sure").inner_text()
    assert re.search(r"reported by [^—\n]*Syrian opposition officials[^—\n]* — not confirmed by U.S. officials", sure), sure
    last = page.locator("#sc-chat .message-content").last
    # Each sentence is a line of the answer: its text, markers, then its badges
    lines = last.evaluate("""m => [...m.querySelectorAll('p')].flatMap(p => p.innerHTML.split(/<br\\s*\\/?>/))
        .map(l => { const t = document.createElement('template'); t.innerHTML = l;
            const badges = [...t.content.querySelectorAll('.sc-badge')].map(b => b.textContent);
            t.content.querySelectorAll('.sc-badge').forEach(b => b.remove());
            return [t.content.textContent.trim(), badges]; })""")
    negator = [badges for line, badges in lines if "haven’t confirmed" in line]
    assert negator and all(b == ["does not confirm — U.S. officials"] for b in negator), lines
    assert "unconfirmed — U.S. officials" not in last.inner_text()


def test_check_tab_quotes_open_their_article(page):
    page.get_by_role("tab", name="Check a claim").click()
    page.fill("#sc-claim textarea", "ISIS and al-Nusra agreed to a truce")
    page.click("#sc-check")
    page.wait_for_selector("#sc-verdict .sc-verdict", timeout=60_000)
    links = page.locator("#sc-verdict a.sc-quote-link")
    assert links.count() >= 2
    for link in links.all():
        quote = click_and_read(page, link)
        assert squash(link.inner_text()) == (quote if "“" in quote else f"“{quote}”")
        assert page.locator("#sc-verdict .sc-article.sc-open").count() == 1


def test_check_tab_badges_the_non_confirming_sentence_does_not_confirm(page):
    page.get_by_role("tab", name="Check a claim").click()
    page.fill("#sc-claim textarea", "U.S. officials confirmed the merger")
    page.click("#sc-check")
    page.wait_for_selector("#sc-verdict .sc-verdict", timeout=60_000)
    item = page.locator("#sc-verdict li", has_text="haven’t confirmed").first
    assert item.locator(".sc-badge").inner_text() == "does not confirm — U.S. officials"


def test_clicking_a_marker_highlights_the_quote(page):
    ask(page, "Who leads the Syrian Revolutionaries Front?")
    marker = page.locator("#sc-chat .message").last.locator("a.sc-cite").first
    n = (marker.get_attribute("href") or "").split("#sc-cite-")[-1]
    marker.click()
    mark = page.locator(f"#sc-q-{n}")
    assert mark.is_visible()
    assert "sc-active" in (mark.get_attribute("class") or "")
    assert "Jamal Maarouf" in mark.inner_text() or "Maarouf" in page.locator(".sc-article.sc-open").inner_text()
    shot(page, "marker-click")


def test_hostile_article_executes_nothing(page):
    ask(page, "What reached Kobani?")
    last = page.locator("#sc-chat .message").last
    marker = last.locator("a.sc-cite").first
    if marker.count():
        marker.click()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    assert page.locator("#sc-sources script, #sc-chat script").count() == 0
    assert page.locator("#sc-sources img, #sc-chat img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    shot(page, "hostile")


def test_upload_an_article_and_get_an_answer_from_it(page, tmp_path):
    article = tmp_path / "harbour.txt"
    article.write_text("title: Harbour reopens\ndate: 2024-05-02\n\n"
                       "The port of Tartus reopened on Monday after a three-week closure, harbour master Lina Haddad "
                       "said. Officials have not confirmed whether fuel shipments resumed.", encoding="utf-8")
    page.get_by_role("tab", name="Add articles").click()
    page.set_input_files("#sc-upload input[type=file]", str(article))
    page.wait_for_timeout(1500)
    page.click("#sc-add")
    page.wait_for_function("document.querySelector('#sc-add-report textarea').value.includes('added')",
                           timeout=60_000)
    assert "1 articles added" in page.locator("#sc-add-report textarea").input_value()
    page.get_by_role("tab", name="Ask").click()
    ask(page, "When did the port of Tartus reopen?")
    last = page.locator("#sc-chat .message").last
    assert "reopened on Monday" in last.inner_text()
    shot(page, "upload-answer")


def test_check_a_claim(page):
    page.get_by_role("tab", name="Check a claim").click()
    page.fill("#sc-claim textarea", "ISIS and al-Nusra agreed to a truce")
    page.click("#sc-check")
    page.wait_for_selector("#sc-verdict .sc-verdict", timeout=60_000)
    assert page.locator("#sc-verdict .sc-verdict").inner_text() == "reported but unconfirmed"
    # Who claims it: the AP's report, as the verdict engine reads only sentences stating the truce
    # itself (the U.S. non-confirmation is about "the report of a merger", another claim).
    assert "Associated Press" in page.locator("#sc-verdict").inner_text()
    shot(page, "check-claim")


def test_abstention_looks_different_and_says_what_is_covered(page):
    ask(page, "Who won the 2014 World Cup?")
    last = page.locator("#sc-chat .message").last
    assert last.locator(".sc-abstain").count() == 1
    assert "don't say" in last.inner_text() and "cover" in last.inner_text()
    assert last.locator("a.sc-cite").count() == 0
    assert last.locator(".sc-note").count() == 1 and "Note:" in last.inner_text()  # why it abstained


def test_followup_in_the_page_uses_the_conversation(page):
    ask(page, "Who is Chris Kozak?")
    ask(page, "Where does he work?")
    assert "Institute for the Study of War" in page.locator("#sc-chat .message").last.inner_text()


def test_a_question_typed_as_the_page_opens_is_kept(browser, page_url):
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.goto(page_url)
    box = pg.locator("#sc-question textarea, #sc-question input").first
    box.wait_for(timeout=60_000)
    box.fill("Who is Chris Kozak?")  # before the page's load event has come back
    pg.wait_for_timeout(3000)
    assert box.input_value() == "Who is Chris Kozak?"
    ctx.close()
