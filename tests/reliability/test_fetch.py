"""URLs and feeds from a loopback HTTP server: a page, a 404, a slow response, a non-article content type,
an RSS feed (its entries' pages fetched) and an empty feed; bad ones named with reason and fix, the rest in."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.article_files import HTML_SENTENCES, NEWS_HTML, make_pdf
from tests.reliability.conftest import cli

SECOND_PAGE = NEWS_HTML.replace("Raqqa water plant opens", "Hama school rebuilt").replace(
    "water plant in Raqqa will supply forty thousand homes", "school in Hama will teach nine hundred pupils")
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Levant Daily feed</title>
<link>http://{host}/</link><description>news</description>
<item><title>Raqqa water plant opens</title><link>http://{host}/page</link>
<pubDate>Wed, 14 Sep 2022 08:30:00 +0000</pubDate></item>
<item><title>Hama school rebuilt</title><link>http://{host}/page2</link>
<pubDate>Thu, 15 Sep 2022 09:00:00 +0000</pubDate></item>
<item><title>Gone</title><link>http://{host}/missing</link></item>
</channel></rss>"""
EMPTY_RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        host = self.headers["Host"]
        routes = {
            "/page": ("text/html; charset=utf-8", NEWS_HTML.encode()),
            "/page2": ("text/html; charset=utf-8", SECOND_PAGE.encode()),
            "/report.pdf": ("application/pdf", make_pdf()),
            "/image": ("image/png", b"\x89PNG\r\n"),
            "/feed": ("application/rss+xml", RSS.format(host=host).encode()),
            "/empty-feed": ("application/rss+xml", EMPTY_RSS.encode()),
        }
        if self.path == "/slow":
            time.sleep(3)
            return self._send(200, "text/html", NEWS_HTML.encode())
        if self.path not in routes:
            return self._send(404, "text/html", b"<html><body>Not found</body></html>")
        self._send(200, *routes[self.path])


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture()
def bot(hashing_bot):
    hashing_bot.settings = hashing_bot.store.settings = hashing_bot.settings.model_copy(update={"fetch_timeout": 1.0})
    return hashing_bot


def test_a_page_is_fetched_extracted_and_keeps_its_url(bot, server):
    report = bot.add_url(f"{server}/page")
    assert report.added == 1 and not report.rejected
    art = bot.article(report.article_ids[0])
    assert art.path == f"{server}/page" and art.title == "Raqqa water plant opens" and art.date == "2022-09-14"
    assert art.url == "https://levant-daily.example/2022/09/14/raqqa-water-plant"
    assert HTML_SENTENCES[0] in art.text and "newsletter" not in art.text.lower()
    assert Handler.seen_agents[-1].startswith("sourcecheck/")
    answer = bot.ask("How many homes will the Raqqa water plant supply?")
    assert any(c.source == f"{server}/page" and "forty thousand" in c.quote for c in answer.citations)


def test_a_pdf_url_is_read_as_a_pdf(bot, server):
    report = bot.add_url(f"{server}/report.pdf")
    assert report.added == 1 and bot.article(report.article_ids[0]).title == "Tartus port reopens"


@pytest.mark.parametrize("path, words", [
    ("/missing", "answered 404 Not Found. Fix: check the address"),
    ("/slow", "did not answer within 1 s. Fix: check the address or try again later"),
    ("/image", "serves image/png, not an article page. Fix: give the address of the article"),
    ("/feed", "is an RSS/Atom feed, not an article. Fix: ingest it as a feed"),
])
def test_bad_urls_are_named_with_reason_and_fix_and_the_rest_goes_in(bot, server, path, words):
    before = bot.store.count()
    report = bot.add_urls([f"{server}{path}", f"{server}/page2"])
    assert report.added == 1 and len(report.rejected) == 1
    name, reason = report.rejected[0]
    assert name == f"{server}{path}" and words in reason
    assert bot.store.count() > before


def test_a_feed_gives_one_article_per_entry_fetching_each_link(bot, server):
    report = bot.add_feed(f"{server}/feed")
    assert report.added == 2 and len(report.rejected) == 1 and "404" in report.rejected[0][1]
    arts = {bot.article(i).title: bot.article(i) for i in report.article_ids}
    assert set(arts) == {"Raqqa water plant opens", "Hama school rebuilt"}
    assert arts["Hama school rebuilt"].outlet == "Levant Daily"  # the page's own site name wins over the feed's


def test_a_feed_with_no_entries_and_a_non_feed_are_clear_errors(bot, server):
    report = bot.add_feed(f"{server}/empty-feed")
    assert report.added == 0 and "the feed has 0 entries. Fix: check that the address is the feed" in report.rejected[0][1]
    report = bot.add_feed(f"{server}/page")
    assert report.added == 0 and "not an RSS or Atom feed" in report.rejected[0][1]


def test_cli_ingests_urls_and_feeds(server, tmp_path):
    out = cli(["ingest", f"{server}/page", "--feed", f"{server}/feed", "--json"], tmp_path)
    report = json.loads(out.stdout)
    assert out.returncode == 3 and report["added"] == 2 and report["skipped"] == 1  # /page is also in the feed
    assert [r["path"] for r in report["rejected"]] == [f"{server}/missing"]


def test_a_url_pasted_into_the_page_is_fetched_not_indexed_as_text(bot, server):
    from bot.page_articles import ArticlesPage

    out = ArticlesPage(bot).add([], "", f"  {server}/page\n")
    assert "1 articles added" in out, out
    (art,) = [a for a in bot.articles() if a.path == f"{server}/page"]
    assert art.title == "Raqqa water plant opens" and "http" not in art.text
    out = ArticlesPage(bot).add([], "", f"{server}/missing")
    assert "0 articles added" in out and "404" in out
