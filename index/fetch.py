"""Fetch URLs and RSS/Atom feeds: sourcecheck's one run-time use of the network, only when asked.

Every request has a timeout, a size limit and a `User-Agent`, and its content type is checked
before anything is read as an article. A page is extracted as HTML (a PDF as a PDF) and keeps its
URL as the source; a feed gives one article per entry, each entry's link fetched in turn.

Example:
    >>> kind_of("text/html; charset=utf-8"), kind_of("application/rss+xml"), kind_of("image/png")
    ('html', 'feed', '')
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlparse

from index.errors import ArticleError, FetchError
from index.formats.base import Extracted, clean_field
from index.formats.html import read_html
from index.formats.pdf import read_pdf
from index.formats.plain import read_plain
from index.loader import Loaded, articles_from
from index.settings import Settings

CONTENT_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "plain", "text/markdown": "plain",
    "application/pdf": "pdf", "application/rss+xml": "feed", "application/atom+xml": "feed",
    "application/feed+json": "feed", "application/xml": "feed", "text/xml": "feed", "application/rdf+xml": "feed",
}
_CHUNK = 65536


@dataclass(frozen=True)
class Fetched:
    """What a server sent: the final URL (after redirects), its content type and body."""

    url: str
    content_type: str
    data: bytes


def kind_of(content_type: str) -> str:
    """'html', 'plain', 'pdf' or 'feed' for a Content-Type header, '' for anything else."""
    return CONTENT_KINDS.get(content_type.split(";")[0].strip().lower(), "")


def check_url(url: str) -> str:
    """The URL stripped, or `FetchError` when it is not an http(s) address.

    Example:
        >>> check_url(" https://example.org/a ")
        'https://example.org/a'
    """
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FetchError(url, "this is not an http(s) address", "give the full address, https://…")
    return url


def _http_error(url: str, err: urllib.error.HTTPError) -> FetchError:
    fixes = {404: "check the address: the page may have moved or been taken down",
             401: "the page needs a login: save it from your browser and upload the .html file",
             403: "the site refuses automated access: save the page from your browser and upload the .html file",
             429: "the site is limiting requests: try again later"}
    fix = fixes.get(err.code, "try again later, or save the page from your browser and upload it")
    return FetchError(url, f"the server answered {err.code} {err.reason}", fix)


def _read_body(resp: object, url: str, limit: int) -> bytes:
    out = bytearray()
    while piece := resp.read(_CHUNK):  # type: ignore[attr-defined]
        out += piece
        if len(out) > limit:
            raise FetchError(url, f"the response is over the {limit:,}-byte limit",
                             "save the article from your browser and upload it, or raise SOURCECHECK_FETCH_MAX_BYTES")
    return bytes(out)


def fetch(url: str, settings: Settings) -> Fetched:
    """GET one URL (timeout, size limit, User-Agent); raises `FetchError` with the reason and the fix."""
    url = check_url(url)
    request = urllib.request.Request(url, headers={
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/pdf,application/rss+xml,application/atom+xml,"
                  "application/xml;q=0.9,text/plain;q=0.8"})
    timeout = settings.fetch_timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:  # noqa: S310 (scheme checked above)
            content_type = resp.headers.get("Content-Type", "")
            if not kind_of(content_type):
                shown = content_type.split(";")[0] or "no content type"
                raise FetchError(url, f"the address serves {shown}, not an article page",
                                 "give the address of the article itself (an HTML page or a PDF)")
            return Fetched(resp.geturl() or url, content_type, _read_body(resp, url, settings.fetch_max_bytes))
    except urllib.error.HTTPError as err:
        raise _http_error(url, err) from err
    except (TimeoutError, socket.timeout) as err:
        raise FetchError(url, f"the server did not answer within {timeout:g} s",
                         "check the address or try again later (or raise SOURCECHECK_FETCH_TIMEOUT)") from err
    except urllib.error.URLError as err:
        if isinstance(err.reason, (TimeoutError, socket.timeout)):
            raise FetchError(url, f"the server did not answer within {timeout:g} s",
                             "check the address or try again later (or raise SOURCECHECK_FETCH_TIMEOUT)") from err
        raise FetchError(url, f"cannot reach the server ({err.reason})",
                         "check the address and your connection") from err
    except OSError as err:
        raise FetchError(url, f"the connection failed ({err})", "try again later") from err


def _records(got: Fetched, name: str) -> Iterator[Extracted]:
    kind = kind_of(got.content_type)
    if kind == "feed":
        raise FetchError(name, "this address is an RSS/Atom feed, not an article",
                         "ingest it as a feed: `sourcecheck ingest --feed URL` (or Bot.add_feed)")
    if kind == "pdf":
        return read_pdf(got.data, name)
    if kind == "plain":
        return read_plain(got.data, name)
    return (replace(r, url=r.url or got.url) for r in read_html(got.data, name, url=got.url))


def _page(url: str, settings: Settings) -> list[Extracted]:
    """The records of the article at a URL; raises `ArticleError` (a `FetchError` when fetching fails)."""
    return list(_records(fetch(url, settings), url))


def load_url(url: str, settings: Settings) -> Iterator[Loaded]:
    """The article at a URL (source path = the URL), or `(url, error)`."""
    url = url.strip()
    try:
        records = _page(url, settings)
    except ArticleError as err:
        yield err.path, err
        return
    yield from articles_from(records, url)


def _merge(rec: Extracted, entry: dict, outlet: str) -> Extracted:
    """A page's record with what it lacks taken from its feed entry (the page's own values win)."""
    return replace(rec, title=rec.title or clean_field(entry.get("title")),
                   author=rec.author or clean_field(entry.get("author")),
                   date=rec.date or clean_field(entry.get("published") or entry.get("updated")),
                   outlet=rec.outlet or outlet)


def load_feed(url: str, settings: Settings) -> Iterator[Loaded]:
    """One article per feed entry (its link fetched and extracted), or `(name, error)` for each failure."""
    import feedparser

    url = url.strip()
    try:
        got = fetch(url, settings)
    except ArticleError as err:
        yield err.path, err
        return
    parsed = feedparser.parse(got.data, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.entries)[: settings.feed_max_entries]
    if not entries:
        reason = "the feed has 0 entries" if parsed.get("version") else "this is not an RSS or Atom feed"
        yield url, FetchError(url, reason, "check that the address is the feed itself (RSS/Atom) and that it lists articles")
        return
    outlet = clean_field(parsed.feed.get("title"))
    for entry in entries:
        link = clean_field(entry.get("link"))
        if not link:
            name = f"{url} ({clean_field(entry.get('title')) or 'an entry'})"
            yield name, FetchError(name, "the entry has no link",
                                   "ask the publisher for a feed whose entries link to the articles")
            continue
        try:
            records = [_merge(r, entry, outlet) for r in _page(link, settings)]
        except ArticleError as err:
            yield err.path, err
            continue
        yield from articles_from(records, link)
