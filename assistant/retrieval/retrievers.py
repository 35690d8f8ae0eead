"""Retrievers: a retriever is a callable ``(query, filters, k) -> list[Passage]``, best first.

The dense retriever ranks by embedding (Chroma), the keyword retriever by BM25 (bm25s over jieba
tokens); region and year steer both through the same :class:`~assistant.retrieval.filters.Filters`.
``indexer`` is an ``index.pipeline.Indexer`` (its ``embeddings``, ``store`` and ``keyword_index``).
"""

from __future__ import annotations

from typing import Protocol

from assistant.core.datatypes import Passage
from assistant.retrieval.filters import Filters


class Retriever(Protocol):
    def __call__(self, query: str, filters: Filters | None, k: int) -> list[Passage]: ...


def dense_retriever(indexer) -> Retriever:
    """Nearest passages by embedding (cosine), with region/year as a Chroma ``where``."""

    def retrieve(query: str, filters: Filters | None, k: int) -> list[Passage]:
        vector = indexer.embeddings.embed_query(query)
        where = filters.to_chroma_where() if filters else None
        return indexer.store.query(vector, k, where=where)

    return retrieve


def keyword_retriever(indexer) -> Retriever:
    """BM25 over jieba tokens, restricted to the documents the filters allow."""

    def retrieve(query: str, filters: Filters | None, k: int) -> list[Passage]:
        keyword = indexer.keyword_index()
        doc_ids = None
        if filters and not filters.is_empty():
            doc_ids = [
                r.doc_id for r in indexer.store.records() if filters.allows(r.meta.region, r.meta.year, r.meta.doc_type)
            ]
        return keyword.search(query, k, doc_ids=doc_ids)

    return retrieve
