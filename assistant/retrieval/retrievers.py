"""Retrievers: a retriever is a callable ``(query, filters, k) -> list[Passage]``, best first.

The dense retriever ranks by embedding (Chroma), the keyword retriever by BM25 (bm25s over jieba
tokens); region and year steer both through the same :class:`~assistant.retrieval.filters.Filters`.
``indexer`` is an ``index.pipeline.Indexer`` (its ``embeddings``, ``store`` and ``keyword_index``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from assistant.core.datatypes import Passage
from assistant.knowledge.outlines import is_plan_part, outline_depth
from assistant.knowledge.topics import topic_coverage
from assistant.retrieval.filters import Filters

FOCUS_COVERAGE = 0.75  # share of the topic a document's opening must name to be the document asked about
FOCUS_DOCUMENTS = 3  # more documents than this opening with the topic: it names a subject, not a document
ABOUT_CHARS = 200  # of an untitled document's opening, given to the readers as what it is about
SECTIONS_READ = 2  # sections read whole for one question
PART_PASSAGES = 16  # passages of one part at most
PART_SECTIONS = 12  # sections of one part of a report whose openings a plan question reads
ASKED_PASSAGES = 2  # passages of a named document that say what is asked of it, kept after the fused ranking


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
        return indexer.keyword_index().search(query, k, doc_ids=_allowed(indexer, filters))

    return retrieve


def focus_retriever(indexer, topic: tuple[str, ...], phrase: str = "") -> Retriever:
    """BM25 inside the document the question names by its subject: the few documents whose title and
    opening name the topic ("加快建设智慧法院的意见提出了哪些举措？" -> the opinion that opens "现就加快
    建设智慧法院提出如下意见"). A notice or plan often names its subject only there, so the passages that
    answer may share no word with the question. Empty when no document, or too many, open with it."""

    def retrieve(query: str, filters: Filters | None, k: int) -> list[Passage]:
        named = named_documents(indexer, topic, filters, phrase)
        return indexer.keyword_index().search(query, k, doc_ids=named) if named else []

    return retrieve


def asked_of_document_retriever(indexer, topic: tuple[str, ...], phrase: str = "") -> Retriever:
    """BM25 inside the documents the question names (:func:`named_documents`) for the query's words
    that their openings do not say: what is asked OF the document. "…内容审核规范自何时起施行？" names the
    rules by words of their opening, and asks 施行 of them; the sentence that says it ("本规范自印发之日起
    施行。", "本办法由…负责解释。") closes the document and shares no other word with the question, so a
    search for all the words ranks it below every article about 审核. ``query``: words separated by spaces."""

    def retrieve(query: str, filters: Filters | None, k: int) -> list[Passage]:
        named = named_documents(indexer, topic, filters, phrase)
        if not named:
            return []
        openings = indexer.keyword_index().openings()
        asked = [word for word in query.split() if not any(word in openings[doc_id] for doc_id in named)]
        return indexer.keyword_index().search(asked, k, doc_ids=named) if asked else []

    return retrieve


def with_asked(passages: Sequence[Passage], asked: Sequence[Passage]) -> list[Passage]:
    """The fused ranking, then the passages that say what is asked of a named document
    (:func:`asked_of_document_retriever`) when it left them out: such a passage ("本规范自印发之日起施行。")
    is found by one search only, so the fusion ranks it below every passage the other searches share."""
    seen = {passage.id for passage in passages}
    return [*passages, *(passage for passage in asked if passage.id not in seen)]


def named_documents(indexer, topic: tuple[str, ...], filters: Filters | None, phrase: str = "") -> list[str]:
    """The documents whose title and opening name :data:`FOCUS_COVERAGE` of ``topic``, when there are
    at most :data:`FOCUS_DOCUMENTS` of them in the whole index (more name a subject, not a document),
    among those the filters allow. When more do, those whose opening writes the question's topic
    phrase as one piece ("济南国家新一代人工智能创新发展试验区…" for 国家新一代人工智能创新), if few enough."""
    if not topic:
        return []
    openings = indexer.keyword_index().openings()
    named = [doc_id for doc_id, opening in openings.items()
             if topic_coverage(opening, topic, minimum=FOCUS_COVERAGE) is not None]
    if len(named) > FOCUS_DOCUMENTS and phrase:
        named = [doc_id for doc_id in named if phrase in openings[doc_id]]
    if not named or len(named) > FOCUS_DOCUMENTS:
        return []
    allowed = _allowed(indexer, filters)
    if allowed is not None:
        allowed_ids = set(allowed)
        named = [doc_id for doc_id in named if doc_id in allowed_ids]
    return named


def in_reports(retrieve: Retriever, years: tuple[int, ...]) -> Retriever:
    """``retrieve`` with the filters' report years narrowed to ``years`` (documents that are not reports
    still pass, as :class:`Filters` lets them)."""

    def narrowed(query: str, filters: Filters | None, k: int) -> list[Passage]:
        return retrieve(query, replace(filters or Filters(), years=years), k)

    return narrowed


def _allowed(indexer, filters: Filters | None) -> list[str] | None:
    """The documents the filters allow; None when nothing is filtered."""
    if not filters or filters.is_empty():
        return None
    return [r.doc_id for r in indexer.store.records() if filters.allows(r.meta.region, r.meta.year, r.meta.doc_type)]


def with_openings(indexer, passages: Sequence[Passage]) -> list[Passage]:
    """``passages`` with ``about`` set for documents that have no title of their own: the start of the
    document's opening, which says what it is about where a title would ("为……，制定本行动计划").
    Whether a title is the file name is recorded in the registry (passages carry no provenance)."""
    untitled = {record.doc_id for record in indexer.store.records() if record.meta.untitled}
    if not untitled.intersection(passage.doc_id for passage in passages):
        return list(passages)
    openings = indexer.keyword_index().openings(passages_per_document=1)
    return [
        replace(passage, about=_opening_text(openings.get(passage.doc_id, ""))) if passage.doc_id in untitled
        else passage
        for passage in passages
    ]


def with_sections(indexer, passages: Sequence[Passage], topic: tuple[str, ...], heads: tuple[str, ...] = ()) -> list[Passage]:
    """``passages``, then the rest of the parts that answer (:func:`~assistant.knowledge.outlines.outline_depth`):
    "山东省怎么发展海洋经济？" finds the start of the section headed "（六）在发展壮大现代海洋经济上下功夫",
    and the reader needs all its paragraphs, which the search ranks low because only their points
    ("做优做强现代海洋产业。") name the topic; "智慧旅游发展的主要任务有哪些？" needs every sub-section of
    "二、主要任务". The opening passage of each sub-section comes first, then the rest, at most
    :data:`PART_PASSAGES` per part. What the search found keeps its ranks. With no topic, the
    openings of the best passage's part (:func:`_part_openings`)."""
    keyword = indexer.keyword_index()
    if not topic:
        return [*passages, *_part_openings(keyword, passages)]
    extra: list[Passage] = []
    seen = {passage.id for passage in passages}
    read: set[tuple[str, tuple[str, ...]]] = set()
    for passage in passages:
        depth = outline_depth(passage, topic, heads)
        if depth is None:
            continue
        part = passage.headings[: depth + 1]
        if (passage.doc_id, part) in read:
            continue
        if len(read) >= SECTIONS_READ:
            break
        read.add((passage.doc_id, part))
        members = [p for p in keyword.document_passages(passage.doc_id) if p.headings[: depth + 1] == part]
        openings = {p.section: p for p in reversed(members)}  # the first passage of each sub-section
        ordered = list(dict.fromkeys([*openings.values(), *members]))
        for other in sorted(ordered[:PART_PASSAGES], key=lambda p: p.start):
            if other.id not in seen:
                seen.add(other.id)
                extra.append(replace(other, about=passage.about, score=0.0))
    return [*passages, *extra]


def _part_openings(keyword, passages: Sequence[Passage]) -> list[Passage]:
    """For a question about the plan as a whole ("海拉尔区2018年政府工作的重点任务有哪些？"): the first
    passage of every section of the best report's plan ("二、2018年工作安排"), which the reader needs to
    list the plan's headings."""
    best = next((p for p in passages if len(p.headings) >= 2 and is_plan_part(p.headings[0])), None)
    if best is None or best.doc_id != passages[0].doc_id:
        return []
    part = best.headings[0]
    seen = {passage.id for passage in passages}
    sections: set[str] = set()
    openings: list[Passage] = []
    for other in keyword.document_passages(best.doc_id):
        if other.headings[:1] == (part,) and other.section not in sections:
            sections.add(other.section)
            if other.id not in seen:
                openings.append(replace(other, about=best.about, score=0.0))
    return openings[:PART_SECTIONS]


def _opening_text(opening: str) -> str:
    """The opening without the title line :meth:`KeywordIndex.openings` puts first, and without the
    addressees a notice opens with ("各省、自治区、直辖市……民航各地区管理局：")."""
    lines = [line for line in opening.partition("\n")[2].splitlines() if line.strip()]
    while len(lines) > 1 and lines[0].rstrip().endswith(("：", ":")):
        lines = lines[1:]
    return "\n".join(lines)[:ABOUT_CHARS]
