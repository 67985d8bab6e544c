"""The Articles tab in Chromium: an uploaded HTML page and PDF are listed, one is removed; a URL typed as a
question gets a hint, not an answer."""

from tests.article_files import NEWS_HTML, make_pdf
from tests.browser.conftest import click_until, shot


def _articles_table(page) -> str:
    page.get_by_role("tab", name="Articles", exact=True).click()
    page.wait_for_selector("#sc-articles table", timeout=30_000)
    return page.locator("#sc-articles").inner_text()


def test_upload_html_and_pdf_then_list_and_remove_one(page, tmp_path):
    html_file, pdf_file = tmp_path / "water.html", tmp_path / "port.pdf"
    html_file.write_text(NEWS_HTML, encoding="utf-8")
    pdf_file.write_bytes(make_pdf())
    page.get_by_role("tab", name="Add articles").click()
    page.set_input_files("#sc-upload input[type=file]", [str(html_file), str(pdf_file)])
    page.wait_for_timeout(1500)
    page.click("#sc-add")
    page.wait_for_function("document.querySelector('#sc-add-report textarea').value.includes('added')",
                           timeout=90_000)
    assert "2 articles added" in page.locator("#sc-add-report textarea").input_value()

    listed = _articles_table(page)
    assert "Raqqa water plant opens" in listed and "Levant Daily" in listed and "2022-09-14" in listed
    assert "Tartus port reopens" in listed and "What Will Change if ISIS" in listed
    shot(page, "articles-tab")

    page.locator("#sc-remove-choice input").click()
    page.locator("#sc-remove-choice input").fill("Tartus")
    page.get_by_role("option", name="Tartus port reopens", exact=False).first.click()
    page.click("#sc-remove")
    page.wait_for_function("document.querySelector('#sc-remove-report textarea').value.includes('removed')",
                           timeout=30_000)
    assert "Tartus port reopens" in page.locator("#sc-remove-report textarea").input_value()
    page.wait_for_function("!document.querySelector('#sc-articles').innerText.includes('Tartus port reopens')",
                           timeout=30_000)
    listed = page.locator("#sc-articles").inner_text()
    assert "Raqqa water plant opens" in listed and "What Will Change if ISIS" in listed
    shot(page, "articles-removed")


def test_a_url_in_the_question_box_gets_a_hint(page):
    box = page.locator("#sc-question textarea, #sc-question input").first
    box.fill("https://example.org/news/truce")
    click_until(page, "#sc-ask", "() => document.querySelector('#sc-chat').innerText.includes('web address')")
    text = page.locator("#sc-chat").inner_text()
    assert "not a question" in text and "Add articles" in text and "articles don't say" not in text
