"""Extraction time per article by format, beside the encoder's time per article, in one run.

The same articles (RealTimeQA 2024 when `../shared/data` has it, else the seeds) are written as a
saved news page (navigation, cookie banner, ads, newsletter box around `<article>`), as a PDF with
a text layer (hard-wrapped, 48 lines a page) and as `.txt`; each is read by sourcecheck's reader,
and the extracted text is encoded by the real encoder, all in this process.

    python bench/formats.py --limit 100
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.realtimeqa import DATA, load_articles  # noqa: E402
from index.embed import make_embedder  # noqa: E402
from index.formats import Extracted  # noqa: E402
from index.formats.html import read_html  # noqa: E402
from index.formats.pdf import read_pdf  # noqa: E402
from index.formats.plain import read_plain  # noqa: E402
from index.loader import iter_articles  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.splitter import split_sentences  # noqa: E402
from index.types import Article  # noqa: E402
from tests.article_files import make_pdf  # noqa: E402  (the tests' hand-written PDF builder)

ROOT = Path(__file__).resolve().parent.parent
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | Daily</title>
<meta property="og:site_name" content="Daily"><meta property="article:published_time" content="{date}"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><div class="cookie">We use cookies.</div>
<aside class="ad">Buy cheap flights today!</aside><main><article><h1>{title}</h1>{body}</article>
<div class="newsletter">Subscribe to our newsletter</div></main><footer>© Daily</footer></body></html>"""


def corpus(limit: int) -> list[Article]:
    if (DATA / "articles.jsonl.gz").exists():
        return list(load_articles(limit=limit))
    return [a for _, a in iter_articles(ROOT / "index" / "articles") if isinstance(a, Article)]


def as_html(a: Article) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n") if p.strip())
    return PAGE.format(title=html.escape(a.title), date=a.date, body=paragraphs).encode("utf-8")


def timed(fn: Callable[[], list[Extracted]]) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out[0].text


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()
    articles = corpus(args.limit)
    embedder = make_embedder(Settings())
    embedder.encode(["warm-up"])
    files = [(as_html(a), make_pdf([p for p in a.text.split("\n") if p.strip()], title=a.title),
              f"title: {a.title}\ndate: {a.date}\n\n{a.text}".encode()) for a in articles]
    rows: dict[str, list[float]] = {"html (trafilatura)": [], "pdf (pypdf)": [], "txt (headers)": [],
                                    "encoder (sentences of the article)": []}
    chars = n_sentences = 0
    for a, (page, pdf, txt) in zip(articles, files, strict=True):
        ms, text = timed(lambda: list(read_html(page, "a.html")))
        rows["html (trafilatura)"].append(ms)
        chars += len(text)
        rows["pdf (pypdf)"].append(timed(lambda: list(read_pdf(pdf, "a.pdf")))[0])
        rows["txt (headers)"].append(timed(lambda: list(read_plain(txt, "a.txt")))[0])
        sentences = [a.text[s:e] for s, e in split_sentences(a.text)]
        n_sentences += len(sentences)
        t0 = time.perf_counter()
        embedder.encode(sentences)
        rows["encoder (sentences of the article)"].append((time.perf_counter() - t0) * 1000)
    enc = statistics.mean(rows["encoder (sentences of the article)"])
    print(f"{len(articles)} articles, {chars / len(articles):,.0f} extracted characters and "
          f"{n_sentences / len(articles):.0f} sentences each; encoder {embedder.name} ({Settings().embedding_backend})")
    print(f"{'stage':<38} {'mean ms/article':>16} {'p95 ms':>8} {'× encoder':>10}")
    for name, values in rows.items():
        p95 = sorted(values)[int(0.95 * (len(values) - 1))]
        print(f"{name:<38} {statistics.mean(values):>16.2f} {p95:>8.2f} {statistics.mean(values) / enc:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
