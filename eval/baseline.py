"""The plain LangChain RAG recipe a user would build instead, run on the same cases for comparison.

RecursiveCharacterTextSplitter(1000, 200) → the same MiniLM model → Chroma → top-4 similarity
search → answer = the top chunk, cited whole. It never abstains and never flags.

Example:
    >>> BaselineRAG.__name__
    'BaselineRAG'
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.types import Article


class BaselineRAG:
    """Plain recipe over a list of articles."""

    def __init__(self, articles: Iterable[Article], embeddings: Any, persist_dir: Path, k: int = 4) -> None:
        from langchain_chroma import Chroma

        self.k = k
        self.texts: dict[str, str] = {}
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        self.store = Chroma(collection_name="baseline", embedding_function=embeddings,
                            persist_directory=str(persist_dir), collection_metadata={"hnsw:space": "cosine"})
        if self.store._collection.count() == 0:
            batch: list[Document] = []
            for art in articles:
                self.texts[art.id] = art.text
                docs = splitter.create_documents([art.text], metadatas=[{"article_id": art.id, "source": art.path}])
                batch.extend(docs)
                if len(batch) >= 512:
                    self.store.add_documents(batch)
                    batch = []
            if batch:
                self.store.add_documents(batch)
        else:
            for art in articles:
                self.texts[art.id] = art.text

    def ask(self, question: str) -> dict[str, Any]:
        """Answer = the top chunk; the retrieved chunks are kept for recall@k."""
        t0 = time.perf_counter()
        docs = self.store.similarity_search(question, k=self.k)
        latency = (time.perf_counter() - t0) * 1000
        citations = []
        if docs:
            d = docs[0]
            start = int(d.metadata.get("start_index", 0))
            citations.append({"n": 1, "quote": d.page_content, "start": start, "end": start + len(d.page_content),
                              "article_id": d.metadata.get("article_id", ""), "source": d.metadata.get("source", ""),
                              "status": "asserted"})
        return {"question": question, "text": (docs[0].page_content + " [1]") if docs else "",
                "citations": citations, "flags": [], "abstained": False, "latency_ms": latency,
                "retrieved": [d.page_content for d in docs]}
