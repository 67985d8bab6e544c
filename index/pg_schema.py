"""The PostgreSQL dialect of the catalog: its tables (`index.schema`), the one-statement lexical read and the BM25 postings (used by `index.pg_catalog`).

Example:
    >>> "CREATE TABLE IF NOT EXISTS chunks" in SCHEMA
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from index.postings import Postings
from index.schema import ddl

SCHEMA = ddl("postgres")

# The lexical side of a question in one statement (`PgCatalog.lexical`): the terms' chunk counts (kind 0),
# their spelling variants' when `expand_with_df` would look them up and keep them (kind 1: the term is rare,
# and so is the variant), the postings' totals (kind 2), and the posting rows of the kept terms (kind 3).
# Terms are passed space-separated: psycopg took longer to quote a thousand variants as an array than the
# statement takes to run.
LEXICAL = """
WITH st AS MATERIALIZED (SELECT docs, tokens, GREATEST(%(min)s::float8, trunc(docs * %(share)s::float8)) AS rare
                         FROM post_stats WHERE id = 0),
own AS MATERIALIZED (SELECT term, df FROM vocab WHERE term = ANY(string_to_array(%(own)s, ' '))),
near AS MATERIALIZED (
    SELECT v.term, v.df FROM vocab v
    WHERE v.term = ANY(ARRAY(SELECT c.var
                             FROM unnest(string_to_array(%(src)s, ' '), string_to_array(%(var)s, ' ')) AS c(src, var)
                             LEFT JOIN own o ON o.term = c.src
                             WHERE COALESCE(o.df, 0) <= (SELECT rare FROM st)))
      AND v.df <= (SELECT rare FROM st) AND v.term <> ALL(string_to_array(%(own)s, ' ')))
SELECT 0, term, df::bigint, NULL::bigint, NULL::bytea FROM own
UNION ALL SELECT 1, term, df, NULL, NULL FROM near
UNION ALL SELECT 2, NULL, docs, tokens, NULL FROM st
UNION ALL SELECT 3, p.term, p.seg, NULL, p.data FROM post p
    WHERE p.seg = ANY(ARRAY(SELECT seg FROM segs))
      AND p.term = ANY(ARRAY(SELECT term FROM own UNION ALL SELECT term FROM near))
"""


class PgPostings(Postings):
    """`Postings` in PostgreSQL's dialect (placeholders `%s`, segment numbers from `RETURNING`)."""

    def _create(self) -> None:
        """The tables come with the catalog's schema."""

    def _exec(self, sql_text: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql_text.replace("?", "%s"), params)

    def _many(self, sql_text: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._db.cursor().executemany(sql_text.replace("?", "%s"), rows)

    def _new_segment(self, size: int) -> int:
        return int(self._db.execute("INSERT INTO segs(docs) VALUES (%s) RETURNING seg", (size,)).fetchone()[0])


def where(url: str) -> str:
    """`host:port/db` of a PostgreSQL URL, without user or password (for messages).

    Example:
        >>> where("postgresql://me:secret@db.example:5433/news")
        'db.example:5433/news'
    """
    u = urlparse(url)
    return f"{u.hostname or 'localhost'}:{u.port or 5432}{u.path or '/'}"
