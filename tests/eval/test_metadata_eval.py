"""The metadata-inference check (eval/metadata_eval.py): agreement with the gold manifests and titles."""

from eval.metadata_eval import Comparison, agreement, all_comparisons, same_place


def test_same_place_accepts_a_name_with_or_without_its_parents():
    assert same_place("内蒙古自治区呼伦贝尔市海拉尔区", "呼伦贝尔市海拉尔区")
    assert same_place("山东省", "山东省")
    assert not same_place("山东省", "")
    assert not same_place("山东省", "江西省")


def test_agreement_counts_per_corpus_and_field():
    comparisons = [
        Comparison("policy", "a", "region", "全国", "全国", True, True),
        Comparison("policy", "b", "region", "山东省", "", False, False),
        Comparison("policy", "a", "year", "2024", "2013", False, False),
    ]
    result = agreement(comparisons)
    assert result["policy"]["region"]["agree_rate"] == 0.5
    assert result["policy"]["year"]["n"] == 1


def test_every_policy_file_is_compared_with_its_gold_region_and_year():
    comparisons = all_comparisons()
    policy = [c for c in comparisons if c.corpus == "policy"]
    assert len([c for c in policy if c.field == "region"]) == 221
    assert {c.gold for c in policy if c.field == "region"} == {"全国", "山东省"}
    assert len([c for c in comparisons if c.corpus == "hailar" and c.field == "year"]) == 8
