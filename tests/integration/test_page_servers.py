"""Two page servers standing in for two machines (issue 18, Build 4), over HTTP through the page's API.

Separate processes with separate data directories (nothing of the index on either disk), one
PostgreSQL catalog, one `chroma run`: the same questions get identical answers, an article added
through one page is answered through the other, and a server SIGKILLed while answering leaves the
other serving (and able to ingest: the dead one's writer lock and orphan vectors do not linger).
The kill comes last: it takes one server away.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.page_servers import PageServer, add, ask, index_files, serving, shared_env
from tests.servers import chroma_module, pg_module  # noqa: F401  (fixtures)

GOLD = Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl"
QUESTIONS = [json.loads(line)["question"] for line in GOLD.read_text().splitlines() if line.strip()][::4]
CLAIM = "ISIS and al-Nusra agreed to a truce"
QUOKKA = ("Officials said the Rottnest quokka census counted 412 quokkas this year. "
          "Rangers said the count was the highest since 2019.")
LONG = " ".join(f"Officials said convoy {i} reached the border post at dawn on day {i}." for i in range(150))


@pytest.fixture(scope="module")
def pages(pg_module, chroma_module, tmp_path_factory) -> Iterator[list[PageServer]]:  # noqa: F811
    url, schema = pg_module
    root = tmp_path_factory.mktemp("machines")
    with serving([shared_env(root / f"m{i}", url, chroma_module, schema) for i in (1, 2)]) as servers:
        yield servers


def test_two_page_servers_on_one_index_answer_alike(pages):
    def session(server: PageServer) -> list[Any]:
        client = server.client()
        return [ask(client, q) for q in QUESTIONS] + [client.predict(CLAIM, api_name="/check")]

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(session, pages)
    for q, a, b in zip([*QUESTIONS, CLAIM], first, second, strict=True):
        assert a == b, q
    assert sum("sc-cite" in a["answer"] for a in first[:-1]) >= len(QUESTIONS) // 2, "most questions are answered"
    assert "sc-verdict" in first[-1]
    assert not [f for s in pages for f in index_files(s.data)], "the index lives on the servers only"


def test_an_article_added_through_one_page_is_answered_by_the_other(pages):
    one, other = (s.client() for s in pages)
    assert "1 articles added" in add(one, "Quokka census", QUOKKA)
    there, here = (ask(c, "How many quokkas did the Rottnest census count?") for c in (other, one))
    assert "412" in there["answer"] and there == here
    assert "Quokka census" in other.predict(api_name="/refresh")[0]


def _processing(jobs: list[Any], seconds: float = 60) -> bool:
    """Wait until one of the jobs is being worked on by the server."""
    from gradio_client.utils import Status

    deadline = time.time() + seconds
    while time.time() < deadline:
        if any(j.status().code in (Status.PROCESSING, Status.ITERATING) for j in jobs):
            return True
        time.sleep(0.02)
    return False


def test_a_server_killed_mid_question_leaves_the_other_serving(pages, pg_module, chroma_module):  # noqa: F811
    doomed, survivor = pages
    client = survivor.client()
    before = ask(client, QUESTIONS[0])
    victim = doomed.client()
    victim.submit([], "Convoy log", LONG, api_name="/add")  # an ingest in flight too
    asking = [victim.submit(q, [], api_name="/ask") for q in QUESTIONS[1:]]
    assert _processing(asking), "the doomed server never started answering"
    os.kill(doomed.proc.pid, signal.SIGKILL)
    assert doomed.proc.wait(30) == -signal.SIGKILL
    assert ask(client, QUESTIONS[0]) == before
    assert "1 articles added" in add(client, "Wombat count", "Rangers said 37 wombats were counted on Maria Island.")
    assert "37" in ask(client, "How many wombats were counted on Maria Island?")["answer"]
    assert_consistent(*pg_module, chroma_module)


def assert_consistent(url: str, schema: str, chroma_url: str) -> None:
    """Chroma holds exactly the catalog's chunks (the add's reconcile cleared a killed ingest's vectors)."""
    from urllib.parse import urlparse

    import chromadb

    from index.pg_catalog import PgCatalog

    where = urlparse(chroma_url)
    chroma = chromadb.HttpClient(host=where.hostname, port=where.port).get_collection(schema)
    catalog = PgCatalog(url, schema)
    try:
        assert set(chroma.get(include=[])["ids"]) == catalog.chunk_ids()
    finally:
        catalog.close()
