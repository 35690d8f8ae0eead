"""Retrieval: a retriever is a callable ``(query, filters, k) -> list[Passage]``, best first.

Dense (Chroma) and keyword (bm25s) retrievers each rank passages; reciprocal rank fusion joins the
rankings. Region and year steer both through the same :class:`Filters`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.types import Passage


@dataclass(frozen=True)
class Filters:
    """What the search is narrowed to. Empty tuples mean "any"."""

    regions: tuple[str, ...] = ()  # canonical region names as the index has them
    years: tuple[int, ...] = ()  # delivery years of reports

    def is_empty(self) -> bool:
        return not (self.regions or self.years)

    def to_chroma_where(self) -> dict | None:
        clauses = []
        if self.regions:
            clauses.append({"region": {"$in": list(self.regions)}})
        if self.years:
            clauses.append({"year": {"$in": list(self.years)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, region: str, year: int | None) -> bool:
        return (not self.regions or region in self.regions) and (not self.years or year in self.years)

    def describe(self) -> dict:
        return {"regions": list(self.regions), "years": list(self.years)}


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
                r.doc_id for r in indexer.store.records() if filters.allows(r.meta.region, r.meta.year)
            ]
        return keyword.search(query, k, doc_ids=doc_ids)

    return retrieve


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Passage]], k: int = 60, weights: Sequence[float] | None = None
) -> list[Passage]:
    """Join ranked lists: each passage scores sum(weight / (k + rank)), rank starting at 1.

    k = 60 is the constant of Cormack et al. (2009): large enough that a passage ranked first by one
    retriever does not drown one ranked well by both, small enough that the top ranks still count
    most. Ties keep the order in which passages were first seen. The inputs are not modified; the
    returned passages are copies whose ``score`` is the fused score.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights given for {len(rankings)} rankings")
    scores: dict[str, float] = {}
    first_seen: dict[str, Passage] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, passage in enumerate(ranking, start=1):
            scores[passage.id] = scores.get(passage.id, 0.0) + weight / (k + rank)
            first_seen.setdefault(passage.id, passage)
    order = sorted(first_seen, key=lambda pid: -scores[pid])  # sorted() is stable
    return [replace(first_seen[pid], score=scores[pid]) for pid in order]


def fused_search(
    searches: Sequence[tuple[Retriever, str]], filters: Filters | None, k: int, candidates: int = 30
) -> list[Passage]:
    """Run each (retriever, query) for ``candidates`` passages and fuse the rankings; top k."""
    rankings = [retrieve(query, filters, candidates) for retrieve, query in searches if query]
    return reciprocal_rank_fusion(rankings)[:k]
