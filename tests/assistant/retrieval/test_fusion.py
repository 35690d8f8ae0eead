from dataclasses import replace

import pytest

from assistant.core.datatypes import DocumentMeta, Passage
from assistant.retrieval.filters import Filters
from assistant.retrieval.fusion import reciprocal_rank_fusion

META = DocumentMeta(source="r.txt", title="t", region="赣州市", year=2024)


def _p(pid: str, score: float = 0.0) -> Passage:
    return Passage(id=pid, doc_id="d", text=pid, meta=META, score=score)


def test_fusion_ranks_a_passage_found_by_both_retrievers_first():
    dense = [_p("a"), _p("b"), _p("c")]
    keyword = [_p("c"), _p("d"), _p("a")]
    fused = reciprocal_rank_fusion([dense, keyword])
    assert [p.id for p in fused] == ["a", "c", "b", "d"]


def test_fusion_scores_are_sums_of_reciprocal_ranks():
    fused = reciprocal_rank_fusion([[_p("a"), _p("b")], [_p("b")]], k=60)
    by_id = {p.id: p.score for p in fused}
    assert by_id["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert by_id["a"] == pytest.approx(1 / 61)
    assert [p.id for p in fused] == ["b", "a"]


def test_fusion_breaks_ties_by_first_appearance():
    fused = reciprocal_rank_fusion([[_p("x")], [_p("y")]])
    assert [p.id for p in fused] == ["x", "y"]


def test_fusion_weights_change_the_order():
    dense, keyword = [_p("a"), _p("b")], [_p("b"), _p("a")]
    assert [p.id for p in reciprocal_rank_fusion([dense, keyword], weights=[2, 1])] == ["a", "b"]
    assert [p.id for p in reciprocal_rank_fusion([dense, keyword], weights=[1, 2])] == ["b", "a"]


def test_fusion_does_not_modify_its_inputs():
    dense = [_p("a", score=0.9)]
    before = list(dense)
    fused = reciprocal_rank_fusion([dense, []])
    assert dense == before and dense[0].score == 0.9
    assert fused[0] is not dense[0]


def test_fusion_of_nothing_is_empty():
    assert reciprocal_rank_fusion([]) == []
    assert reciprocal_rank_fusion([[], []]) == []


def test_fusion_rejects_a_weight_count_that_does_not_match():
    with pytest.raises(ValueError, match="2 weights given for 1 rankings"):
        reciprocal_rank_fusion([[_p("a")]], weights=[1, 1])


def test_filters_build_a_chroma_where_with_and_for_two_keys():
    assert Filters().to_chroma_where() is None
    assert Filters(regions=("赣州市",)).to_chroma_where() == {"region": {"$in": ["赣州市", ""]}}
    assert Filters(regions=("赣州市",), years=(2024,), strict_years=True).to_chroma_where() == {
        "$and": [{"region": {"$in": ["赣州市", ""]}}, {"year": {"$in": [2024, 0]}}]
    }


def test_filters_allow_only_matching_region_and_year():
    filters = Filters(regions=("赣州市",), years=(2024,))
    assert filters.allows("赣州市", 2024, "政府工作报告")
    assert not filters.allows("萍乡市", 2024, "政府工作报告")
    assert not filters.allows("赣州市", 2023, "政府工作报告")
    assert Filters().allows("anything", None)
