"""Filters cannot hide the answer: unknown regions and years pass, a year narrows reports only."""

import chromadb
import pytest

from assistant.core.datatypes import Document, DocumentMeta, Level, Passage, content_hash
from assistant.retrieval.filters import Filters
from index.store import PassageStore

DOCS = {
    "gz-2024": DocumentMeta(source="gz.txt", title="", region="赣州市", level=Level.CITY, year=2024, doc_type="政府工作报告"),
    "gz-2023": DocumentMeta(source="gz23.txt", title="", region="赣州市", level=Level.CITY, year=2023, doc_type="政府工作报告"),
    "px-2024": DocumentMeta(source="px.txt", title="", region="萍乡市", level=Level.CITY, year=2024, doc_type="政府工作报告"),
    "cn-2024": DocumentMeta(source="cn.txt", title="", region="全国", level=Level.NATIONAL, year=2024, doc_type="政府工作报告"),
    "sd-plan-2021": DocumentMeta(source="plan.txt", title="", region="山东省", level=Level.PROVINCE, year=2021, doc_type="规划"),
    "unknown-region": DocumentMeta(source="u.txt", title="", region="", year=2024, doc_type="政府工作报告"),
    "unknown-year": DocumentMeta(source="y.txt", title="", region="赣州市", level=Level.CITY, year=None, doc_type=""),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = PassageStore(chromadb.PersistentClient(path=str(tmp_path_factory.mktemp("filters"))), "test", 2)
    for name, meta in DOCS.items():
        doc = Document(doc_id=content_hash(name), meta=meta, original=name)
        store.add_passages([Passage(id=name, doc_id=doc.doc_id, text=name, meta=meta, start=0, end=len(name))], [[1.0, 0.0]])
        store.register(doc, 1)
    return store


def found(store, filters: Filters) -> set[str]:
    chroma = {p.id for p in store.query([1.0, 0.0], k=20, where=filters.to_chroma_where())}
    python = {name for name, meta in DOCS.items() if filters.allows(meta.region, meta.year, meta.doc_type)}
    assert chroma == python  # the retrievers agree: Chroma's where and the keyword index's allows
    return chroma


def test_a_region_keeps_its_documents_and_those_whose_region_is_unknown(store):
    assert found(store, Filters(regions=("赣州市",))) == {"gz-2024", "gz-2023", "unknown-region", "unknown-year"}


def test_a_year_narrows_reports_only_and_documents_of_unknown_year_pass(store):
    assert found(store, Filters(regions=("赣州市",), years=(2024,))) == {"gz-2024", "unknown-region", "unknown-year"}
    assert found(store, Filters(years=(2025,))) == {"sd-plan-2021", "unknown-year"}  # a plan sets targets for 2025


def test_a_year_chosen_in_a_filter_narrows_every_document(store):
    assert found(store, Filters(years=(2021,), strict_years=True)) == {"sd-plan-2021", "unknown-year"}


def test_regions_assumed_for_a_question_that_names_none_narrow_the_reports_only(store):
    assert found(store, Filters(default_regions=("全国",))) == {"cn-2024", "sd-plan-2021", "unknown-region", "unknown-year"}
