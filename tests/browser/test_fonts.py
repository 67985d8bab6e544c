"""Every character of the answered page is drawn by a font Debian's Chromium has: no empty box (the issue saw 🛈
as one), and no word drawn in two fonts (Gradio's bundled SemiBold holds only a few letters)."""

from __future__ import annotations

from tests.browser.conftest import QUESTIONS, ask, new_page, unfold

PANELS = "#sc-chat, #sc-sources, #sc-sure, #sc-share, #sc-verdict, button, h2, label"
MISSING = """([chars, font]) => {  // chars drawn as the empty box: the same pixels as a code point no font has
    const c = document.createElement('canvas'); c.width = 48; c.height = 48;
    const g = c.getContext('2d', {willReadFrequently: true});
    const draw = ch => { g.clearRect(0, 0, 48, 48); g.font = '28px ' + font; g.fillText(ch, 6, 36);
        return g.getImageData(0, 0, 48, 48).data.join(','); };
    const box = draw('\\u{10FFFD}');
    return chars.filter(ch => draw(ch) === box);
}"""


def fonts_of(pg, selector: str) -> list[list[str]]:
    """The platform fonts that drew each shown element matching `selector` (Chromium's own account, over CDP)."""
    cdp = pg.context.new_cdp_session(pg)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    fonts = [[f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": n})["fonts"]] for n in nodes]
    cdp.detach()
    return [f for f in fonts if f]  # a hidden element draws nothing


def test_every_character_has_a_glyph_and_each_word_one_font(browser, page_url):
    pg = new_page(browser, page_url)
    try:
        ask(pg, QUESTIONS[0])
        ask(pg, "Who won the 2014 World Cup?")  # the abstention's icon, too
        unfold(pg)
        bold = fonts_of(pg, "#sc-ask, h2, .sc-sure b, table.sc-claims th, .sc-sources h4, .sc-list b")
        assert len(bold) >= 4 and all(len(f) == 1 for f in bold), bold  # one font a word, not SemiBold's few letters
        pg.get_by_role("tab", name="Check a claim").click()
        pg.fill("#sc-claim textarea", "ISIS and al-Nusra agreed to a truce")
        pg.click("#sc-check")
        pg.wait_for_selector("#sc-verdict .sc-verdict", timeout=60_000)
        font = pg.evaluate("getComputedStyle(document.querySelector('#sc-chat .message-content')).fontFamily")
        assert pg.evaluate(MISSING, [["🛈", "A", "⚠"], font]) == ["🛈"]  # the detector sees the box
        text = pg.evaluate(f"[...document.querySelectorAll('{PANELS}')].map(e => e.textContent).join('')")
        chars = sorted({ch for ch in text if ord(ch) > 127 and not ch.isspace()})
        assert chars, "no character outside ASCII to check"
        assert pg.evaluate(MISSING, [chars, font]) == []
        bold = fonts_of(pg, "#sc-check, .sc-verdict")
        assert len(bold) == 2 and all(len(f) == 1 for f in bold), bold
    finally:
        pg.context.close()
