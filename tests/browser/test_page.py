from tests.browser.conftest import ask, shot


def test_ask_truce_shows_cited_answer_badges_and_sureness(page):
    ask(page, "Did ISIS and al-Qaida agree to a truce?")
    last = page.locator("#sc-chat .message").last
    assert "Syrian opposition officials say" in last.inner_text()
    assert last.locator("a.sc-cite").count() >= 2
    assert last.locator(".sc-badge.sc-unconfirmed").count() >= 1
    assert "both relying on one AP report" in page.locator("#sc-sure").inner_text()
    shot(page, "truce-answer")


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
