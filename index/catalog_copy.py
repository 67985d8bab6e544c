"""Copy a SQLite catalog into PostgreSQL as it is (rows, BM25 postings, vectors): no re-embedding.

The Chroma side is shared by pointing the page servers at a `chroma run` server that holds the
same collection; only the catalog moves. Chunk and segment numbers are kept, so the postings stay valid.

Example:
    >>> copy_catalog("/no/such.sqlite", "postgresql://127.0.0.1:1/x", "news")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    index.errors.StoreError: no SQLite catalog at /no/such.sqlite...
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from psycopg import sql

from index.errors import StoreError
from index.pg_catalog import PgCatalog

# Tables in the order they are copied; columns keep their positions (PostgreSQL spells `end` as `stop`).
TABLES = ("meta", "articles", "paths", "sentences", "chunks", "svec", "vocab", "post", "segs", "post_stats")


def copy_catalog(sqlite_path: str | Path, url: str, schema: str) -> dict[str, int]:
    """Copy every table of the SQLite catalog into an empty PostgreSQL schema; returns rows per table."""
    if not Path(sqlite_path).is_file():
        raise StoreError(f"no SQLite catalog at {sqlite_path}. Fix: give the catalog-COLLECTION.sqlite file "
                         "under the index directory")
    src = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    dest = PgCatalog(url, schema)
    counts: dict[str, int] = {}
    with dest._write() as db:
        if dest.count_articles():
            raise StoreError(f"the PostgreSQL schema {schema!r} already holds articles. "
                             "Fix: copy into a new SOURCECHECK_COLLECTION, or drop that schema first")
        for table in TABLES:
            db.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
            rows = src.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            n = 0
            with db.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(sql.Identifier(table))) as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
            counts[table] = n
        for table, column in (("chunks", "n"), ("segs", "seg")):
            db.execute(sql.SQL("SELECT setval(pg_get_serial_sequence({t}, {c}), COALESCE(MAX({ci}), 0) + 1, false) "
                               "FROM {ti}").format(t=sql.Literal(f"{schema}.{table}"), c=sql.Literal(column),
                                                   ci=sql.Identifier(column), ti=sql.Identifier(table)))
    with dest._conn() as db:  # statistics and visibility for the planner (autovacuum would, a minute later)
        for table in TABLES:
            db.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
    dest.close()
    src.close()
    return counts
