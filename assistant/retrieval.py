"""Retrieval: a retriever is a callable ``(query, filters, k) -> list[Passage]``, best first.

Dense (Chroma) and keyword (bm25s) retrievers each rank passages; reciprocal rank fusion joins the
rankings. Region and year steer both through the same :class:`Filters`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.lexicon import search_terms
from assistant.types import Kind, ParsedQuestion, Passage


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


# -- what each retriever searches for -------------------------------------------------------------


def semantic_query(parsed: ParsedQuestion) -> str:
    """What the dense retriever embeds: the question, or for English questions its Chinese terms."""
    if parsed.language != "en":
        return parsed.text
    return " ".join(_chinese_terms(parsed)) or parsed.text


def term_query(parsed: ParsedQuestion, region_filtered: bool = False) -> str:
    """What the keyword retriever searches: the question's content terms and the lexicon's names.

    Once the search is filtered to a region, its name (in every passage of its reports) only adds
    noise, so it is left out.
    """
    terms = _chinese_terms(parsed, include_region=not region_filtered)
    if parsed.language != "en" and not region_filtered:
        terms.insert(0, parsed.text)
    return " ".join(terms)


def indicator_query(parsed: ParsedQuestion) -> str:
    """Only the indicator names: ranks the passages that state the asked figure."""
    return " ".join(term for key in parsed.indicators for term in search_terms(key))


def _chinese_terms(parsed: ParsedQuestion, include_region: bool = True) -> list[str]:
    region_words = set()
    if parsed.region is not None:
        region_words = {parsed.region.name, parsed.region_mention}
    terms: list[str] = []
    if include_region and parsed.region is not None:
        terms.append(parsed.region.name)
    terms.extend(f"{y}年" for y in parsed.years)
    for key in parsed.indicators:
        terms.extend(search_terms(key)[:3])
    terms.extend(t for t in parsed.keywords if include_region or not _is_region_word(t, region_words))
    if parsed.kind is Kind.TARGET:
        terms.append("预期目标")
    elif parsed.kind in (Kind.ACTUAL, Kind.ESTIMATE):
        terms.append("完成情况")
    seen: set[str] = set()
    return [t for t in terms if not (t in seen or seen.add(t))]


def _is_region_word(term: str, region_words: set[str]) -> bool:
    return any(term and (term in word or word in term) for word in region_words if word)
