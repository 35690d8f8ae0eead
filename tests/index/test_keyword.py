from assistant.core.datatypes import DocumentMeta, Passage
from index.keyword import KeywordIndex, fingerprint, tokenize

GZ = DocumentMeta(source="gz.txt", title="赣州", region="赣州市", year=2024)
PX = DocumentMeta(source="px.txt", title="萍乡", region="萍乡市", year=2024)

PASSAGES = [
    Passage(id="p1", doc_id="gz", text="GDP增长6%左右，规模以上工业增加值增长7.5%以上。", meta=GZ, section="◆主要目标"),
    Passage(id="p2", doc_id="gz", text="新建5G基站3000个，新增上云企业8000家。", meta=GZ),
    Passage(id="p3", doc_id="px", text="地区生产总值增长5.5%左右，万元GDP能耗下降3.5%左右。", meta=PX),
]


def test_tokenize_splits_chinese_into_words_and_drops_punctuation():
    tokens = tokenize("地区生产总值增长5.5%左右，")
    assert "增长" in tokens
    assert "，" not in tokens and "" not in tokens


def test_search_ranks_the_passage_with_the_terms_first():
    index = KeywordIndex(PASSAGES)
    results = index.search("5G基站", k=3)
    assert [p.id for p in results] == ["p2"]
    assert results[0].score > 0


def test_search_includes_the_section_path_in_what_is_indexed():
    results = KeywordIndex(PASSAGES).search("主要目标", k=3)
    assert [p.id for p in results][:1] == ["p1"]


def test_search_can_be_restricted_to_documents():
    index = KeywordIndex(PASSAGES)
    assert {p.doc_id for p in index.search("增长 左右", k=5)} == {"gz", "px"}
    assert [p.doc_id for p in index.search("增长 左右", k=5, doc_ids=["px"])] == ["px"]
    assert index.search("增长", k=5, doc_ids=["unknown"]) == []


def test_a_query_with_no_known_word_returns_nothing():
    assert KeywordIndex(PASSAGES).search("量子纠缠", k=5) == []
    assert KeywordIndex(PASSAGES).search("？？", k=5) == []


def test_an_empty_index_searches_to_nothing():
    assert KeywordIndex([]).search("增长", k=5) == []


def test_saved_index_loads_only_for_the_same_documents(tmp_path):
    path = tmp_path / "bm25.pkl"
    index = KeywordIndex(PASSAGES, fingerprint(["gz", "px"]))
    index.save(path)
    loaded = KeywordIndex.load(path, fingerprint(["px", "gz"]))
    assert loaded is not None
    assert [p.id for p in loaded.search("5G基站", k=1)] == ["p2"]
    assert KeywordIndex.load(path, fingerprint(["gz"])) is None


def test_a_corrupt_saved_index_is_ignored(tmp_path):
    path = tmp_path / "bm25.pkl"
    path.write_bytes(b"not a pickle")
    assert KeywordIndex.load(path, "x") is None


def test_an_index_saved_by_an_older_version_is_rebuilt_not_fatal(tmp_path):
    """An index pickled when its classes lived in modules that no longer exist (assistant.types)."""
    path = tmp_path / "bm25.pkl"
    path.write_bytes(b"\x80\x04\x95\x1c\x00\x00\x00\x00\x00\x00\x00\x8c\x0fassistant.types\x94\x8c\x07Passage\x94\x93\x94.")
    assert KeywordIndex.load(path, "x") is None
