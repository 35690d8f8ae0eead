"""The SQLite indicator table: replace, delete, query filters and order, sync with a registry, threads."""

from __future__ import annotations

import threading

import pytest

from assistant.core.datatypes import Kind
from eval.indicators_eval import seed_documents
from index.indicator_store import IndicatorStore
from index.indicators import extract_indicators
from index.store import DocumentRecord


@pytest.fixture(scope="module")
def documents():
    return {doc.meta.region: doc for doc in seed_documents()}


@pytest.fixture
def table(tmp_path, documents) -> IndicatorStore:
    store = IndicatorStore.in_index(tmp_path)
    for document in documents.values():
        store.add_document(document)
    yield store
    store.close()


class RegistryStandIn:
    """The two PassageStore methods ``sync`` reads: the registry and the original texts."""

    def __init__(self, documents):
        self.documents = {d.doc_id: d for d in documents}

    def records(self):
        return [DocumentRecord(d.doc_id, d.meta, 1, d.path, 0.0) for d in self.documents.values()]

    def original_text(self, doc_id):
        document = self.documents.get(doc_id)
        return document.original if document else None


def test_query_filters_by_indicator_year_and_kind_in_region_order(table):
    rows = table.query(indicator="gdp", year=2024, kind=Kind.TARGET)
    assert [(r.region, r.value) for r in rows] == [
        ("景德镇市珠山区", 5.0),
        ("萍乡市", 5.5),
        ("赣州市", 6.0),
        ("鹰潭市月湖区", 6.5),
    ]


def test_query_by_regions_and_kind_as_text(table):
    rows = table.query(indicator="gdp", kind="estimate", regions=["萍乡市", "南昌市青山湖区"])
    assert [(r.region, r.year, r.value) for r in rows] == [("南昌市青山湖区", 2022, 6.0), ("萍乡市", 2023, 3.5)]
    assert table.query(regions=[]) == []


def test_rows_round_trip_unchanged(table, documents):
    document = documents["萍乡市"]
    expected = sorted(extract_indicators(document), key=lambda r: (r.start, r.end))
    stored = sorted(table.query(regions=["萍乡市"]), key=lambda r: (r.start, r.end))
    assert stored == expected


def test_replace_document_twice_does_not_duplicate(table, documents):
    before = len(table.query())
    table.add_document(documents["赣州市"])
    assert len(table.query()) == before


def test_delete_document_removes_its_rows_only(table, documents):
    table.delete_document(documents["赣州市"].doc_id)
    assert not table.query(regions=["赣州市"])
    assert table.query(regions=["萍乡市"])


def test_rows_of_another_document_are_refused(table, documents):
    rows = extract_indicators(documents["赣州市"])
    with pytest.raises(ValueError, match="rows of documents"):
        table.replace_document(documents["萍乡市"].doc_id, rows)


def test_sync_extracts_new_documents_and_drops_unregistered_ones(tmp_path, documents):
    table = IndicatorStore(tmp_path / "indicators.sqlite")
    table.add_document(documents["赣州市"])
    registry = RegistryStandIn([documents["萍乡市"], documents["鹰潭市月湖区"]])
    assert table.sync(registry) == 3
    assert {r.region for r in table.query()} == {"萍乡市", "鹰潭市月湖区"}
    assert table.sync(registry) == 0
    assert table.rebuild_all(registry) == len(table.query())


def test_table_persists_across_reopening(tmp_path, documents):
    first = IndicatorStore.in_index(tmp_path)
    first.add_document(documents["萍乡市"])
    count = len(first.query())
    first.close()
    again = IndicatorStore.in_index(tmp_path)
    assert len(again.query()) == count
    assert again.document_ids() == [documents["萍乡市"].doc_id]


def test_concurrent_queries_and_writes(table, documents):
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(30):
                assert table.query(indicator="gdp", year=2024, kind=Kind.TARGET)
        except BaseException as error:  # collected and re-raised by the assertion below
            errors.append(error)

    def write() -> None:
        try:
            for _ in range(10):
                table.add_document(documents["鹰潭市月湖区"])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(4)] + [threading.Thread(target=write)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_verdicts_are_stored_replaced_and_deleted_with_their_document(tmp_path):
    from assistant.core.datatypes import Document, DocumentMeta, content_hash

    text = "一、2011年工作回顾\n政府工作仍存在一些缺点和不足，节能减排、物价调控目标没有完成。\n"
    document = Document(content_hash(text), DocumentMeta("2012_全国.txt", "", "全国", year=2012), text)
    store = IndicatorStore.in_index(tmp_path)
    store.add_document(document)
    assert [(v.region, v.year, v.indicator, v.quote) for v in store.verdicts()] == [
        ("全国", 2011, "cpi", "节能减排、物价调控目标没有完成")
    ]
    assert store.verdicts(regions=["赣州市"]) == []
    store.delete_document(document.doc_id)
    assert store.verdicts() == []
    store.close()
