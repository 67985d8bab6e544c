"""WCAG AA colour contrast of the answered page, light and dark, checked by axe-core in real Chromium; and
every character shown drawn by a font Debian's Chromium has (no empty boxes, no word in two fonts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ask_three, new_page, shot, shot_whole_chat, unfold

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"  # axe-core, as the package ships it
CHECKED = {  # what axe must have looked at (passed), not only found nothing wrong with
    "active highlight": "mark.sc-quote.sc-active", "other highlight": "mark.sc-quote:not(.sc-active)",
    "status badge": ".sc-badge:not(.sc-not-confirming)", "does-not-confirm badge": ".sc-badge.sc-not-confirming",
    "marker": "a.sc-cite", "claims table": "table.sc-claims td"}


def contrast(pg) -> tuple[list, set[str]]:
    """axe-core's colour-contrast run on the page: (violations, the `CHECKED` names it passed)."""
    if not pg.evaluate("typeof axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("axe.run(document, {runOnly: ['color-contrast']})")
    bad = [(n["target"], n["any"][0]["message"] if n["any"] else "") for v in result["violations"] for n in v["nodes"]]
    passed = [n["target"][-1] for v in result["passes"] for n in v["nodes"]]
    seen = {name for name, sel in CHECKED.items()
            if pg.evaluate("([sel, ts]) => ts.some(t => { const e = document.querySelector(t);"
                           " return e && e.matches(sel); })", [sel, passed])}
    return bad, seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_colour_contrast_violation_after_three_answers(browser, page_url, scheme):
    pg = new_page(browser, page_url, scheme)
    try:
        ask_three(pg)
        assert pg.evaluate("document.body.classList.contains('dark') || "
                           "!!document.querySelector('.dark')") == (scheme == "dark")
        unfold(pg)  # the claims tables too
        bad, seen = [], set()
        # answer 1's markers in turn until axe could judge the active highlight (a highlight wrapped over
        # several lines is "incomplete" for axe, neither passed nor failed)
        for link in pg.locator('#sc-chat a.sc-cite[href^="#sc-cite-a1-"]').all():
            link.click()
            b, s = contrast(pg)
            bad, seen = bad + b, seen | s
            if "active highlight" in s:
                break
        for bubble in pg.locator("#sc-chat .message-content").all():  # every answer in view in turn
            bubble.scroll_into_view_if_needed()
            b, s = contrast(pg)
            bad, seen = bad + b, seen | s
        shot(pg, f"theme-{scheme}")
        assert bad == [], bad
        shot_whole_chat(pg, f"theme-{scheme}-whole-chat")
        assert seen == set(CHECKED), set(CHECKED) - seen
        pg.get_by_role("tab", name="Check a claim").click()
        pg.fill("#sc-claim textarea", "ISIS and al-Nusra agreed to a truce")
        pg.click("#sc-check")
        pg.wait_for_selector("#sc-verdict .sc-verdict", timeout=60_000)
        pg.locator("#sc-verdict a.sc-quote-link").first.click()
        bad, seen = contrast(pg)
        shot(pg, f"theme-{scheme}-check")
        assert bad == [], bad
        assert {"active highlight", "status badge"} <= seen
    finally:
        pg.context.close()
