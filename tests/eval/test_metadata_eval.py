"""The metadata-inference check (eval/metadata_eval.py): agreement with the gold manifests and titles."""

from eval.metadata_eval import FOLDERS, Comparison, agreement, all_comparisons, render_markdown, same_place, within


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
    # the manifest's region, made precise where its dept note names a city or a central body as the issuer
    assert {c.gold for c in policy if c.field == "region"} == {"全国", "山东省", "山东省济南市", "山东省青岛市"}
    issued_by_jinan = next(c for c in policy if c.field == "region" and c.file.startswith("province_007_"))
    assert issued_by_jinan.gold == "山东省济南市" and issued_by_jinan.within
    assert len([c for c in comparisons if c.corpus == "hailar" and c.field == "year"]) == 8


def test_same_place_is_one_place_of_the_gazetteer():
    assert same_place("内蒙古自治区呼伦贝尔市海拉尔区", "海拉尔区")
    assert same_place("江西省宜春市万载县", "宜春市万载县")
    assert same_place("宁夏回族自治区", "宁夏")
    assert not same_place("山东省", "济南市")


def test_within_accepts_a_place_inside_the_gold_one_but_not_inside_the_nation():
    assert within("山东省", "济南市")
    assert within("山东省", "山东省")
    assert not within("济南市", "山东省")
    assert not within("全国", "山东省")
    assert not within("山东省", "")


def test_every_folder_is_compared_and_the_markdown_has_a_row_per_folder():
    scores = agreement(all_comparisons())
    assert set(scores) == {spec.corpus for spec in FOLDERS}
    assert scores["national"]["files"]["n"] == 66
    assert "doc_type" in scores["jiangxi_bulletins"] and "doc_type" not in scores["policy"]
    table = render_markdown(scores, before=scores)
    assert sum(line.startswith("| national |") for line in table) == 2
