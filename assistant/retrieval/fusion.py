"""Joining rankings: reciprocal rank fusion, a pure function, and the fused search over several retrievers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.core.datatypes import Passage
from assistant.retrieval.filters import Filters
from assistant.retrieval.retrievers import Retriever


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
