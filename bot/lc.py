"""LangChain edge: a `BaseRetriever` over the sourcecheck index, for users' own chains.

Example:
    >>> from langchain_core.retrievers import BaseRetriever
    >>> issubclass(SourcecheckRetriever, BaseRetriever)
    True
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from index.text import terms


class SourcecheckRetriever(BaseRetriever):
    """Returns the fused top chunks as Documents with offsets, article metadata and statuses."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    bot: Any
    k: int = 4

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        catalog = self.bot.store.catalog
        chunks, _, _ = self.bot.retriever.chunk_search(query, terms(query), k=self.k)
        rows = catalog.chunk_rows([cid for cid, _ in chunks])
        texts = catalog.chunk_texts([cid for cid, _ in chunks])
        docs = []
        for cid, score in chunks:
            if cid not in texts:
                continue
            article, start, end, text = texts[cid]
            _, first, last = rows[cid]
            sents = catalog.sentences(article.id)[first:last + 1]
            docs.append(Document(
                page_content=text, id=cid,
                metadata={"source": article.path, "title": article.title, "date": article.date,
                          "article_id": article.id, "start": start, "end": end, "score": score,
                          "statuses": sorted({st for s in sents for st in s.statuses})},
            ))
        return docs
