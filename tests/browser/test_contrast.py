"""WCAG AA colour contrast of the answered page, light and dark, checked by axe-core in real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ask, shot

AXE = Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js"  # axe-core, as the package ships it


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_colour_contrast_violation(browser, page_url, scheme):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=scheme)
    pg = ctx.new_page()
    pg.goto(page_url)
    pg.wait_for_selector("#sc-question textarea, #sc-question input", timeout=60_000)
    ask(pg, "Did ISIS and al-Qaida agree to a truce?")
    pg.wait_for_selector('#sc-sources .sc-sources[data-answer="a1"]', state="attached", timeout=60_000)
    pg.locator("#sc-chat a.sc-cite").first.click()  # an active and the other highlights in view
    ask(pg, "Who won the 2014 World Cup?")  # an abstention, too
    pg.add_script_tag(path=str(AXE))
    result = pg.evaluate("axe.run(document, {runOnly: ['color-contrast']})")
    bad = [(n["target"], n["any"][0]["message"] if n["any"] else "") for v in result["violations"] for n in v["nodes"]]
    shot(pg, f"theme-{scheme}")
    ctx.close()
    assert bad == [], bad
