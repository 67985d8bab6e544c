"""Find loaded articles by id or source (file, URL, export file, folder), for listing and removal.

Example:
    >>> from index.catalog import Catalog
    >>> find_articles(Catalog(":memory:"), "nothing")
    []
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from index.catalog_base import BaseCatalog
from index.types import Article


def _resolved(path: str) -> str:
    if "://" in path:
        return path
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        return path


def find_articles(catalog: BaseCatalog, key: str) -> list[Article]:
    """Articles whose id is `key`, or whose source is `key` (exactly, as a resolved file path, as the
    export file whose rows they are, or as a folder holding them)."""
    key = key.strip()
    if not key:
        return []
    if (one := catalog.article(key)) is not None:
        return [one]
    exact = catalog.article_for_path(key)
    if exact is not None:
        return [a for a in [catalog.article(exact)] if a is not None]
    want = _resolved(key)
    folder = want.rstrip("/") + "/" if "://" not in want and Path(want).is_dir() else None
    out = []
    for article in catalog.articles():
        paths = catalog.paths_of(article.id)
        for p in paths:
            own = _resolved(p.split("#", 1)[0] if "://" not in p else p)
            if own == want or (folder is not None and own.startswith(folder)):
                out.append(article)
                break
    return out


@dataclass(frozen=True)
class ArticleInfo:
    """One loaded article as listed by `sourcecheck articles` and the page's Articles tab."""

    id: str
    title: str
    outlet: str
    date: str
    sentences: int
    source: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict."""
        return asdict(self)


def list_articles(catalog: BaseCatalog) -> list[ArticleInfo]:
    """Every loaded article with its sentence count and source, in source order.

    Example:
        >>> from index.catalog import Catalog
        >>> list_articles(Catalog(":memory:"))
        []
    """
    out = []
    for a in catalog.articles():
        vecs = catalog.sentence_vectors(a.id)  # one row a sentence; cheaper than decoding the sentences
        n = int(vecs.shape[0]) if vecs is not None else len(catalog.sentences(a.id))
        out.append(ArticleInfo(a.id, a.title, a.outlet, a.date, n, a.path))
    return out
