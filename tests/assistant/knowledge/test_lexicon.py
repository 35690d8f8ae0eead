import pytest

from assistant.core.errors import AssistantError, UnknownIndicatorError
from assistant.knowledge.lexicon import Indicator, indicators, find_indicators, get_indicator, search_terms


def keys(text: str) -> list[str]:
    return [indicator.key for indicator, _, _ in find_indicators(text)]


@pytest.mark.parametrize("indicator", indicators(), ids=lambda i: i.key)
def test_every_alias_maps_to_its_own_key(indicator: Indicator) -> None:
    for phrase in (indicator.zh, *indicator.aliases, *indicator.en_aliases):
        assert keys(phrase) == [indicator.key], phrase


@pytest.mark.parametrize("indicator", indicators(), ids=lambda i: i.key)
def test_aliases_are_found_inside_a_sentence(indicator: Indicator) -> None:
    for alias in indicator.aliases:
        assert keys(f"2024年{alias}增长目标是多少") == [indicator.key], alias
    for alias in indicator.en_aliases:
        assert keys(f"What was the {alias} target in 2024?") == [indicator.key], alias


def test_no_phrase_belongs_to_two_indicators() -> None:
    owner: dict[str, str] = {}
    for indicator in indicators():
        for phrase in (indicator.zh, *indicator.aliases, *indicator.en_aliases):
            folded = phrase.lower()
            assert owner.setdefault(folded, indicator.key) == indicator.key, phrase


def test_english_aliases_are_lower_case_and_keys_unique() -> None:
    assert len({i.key for i in indicators()}) == len(indicators())
    for indicator in indicators():
        assert all(alias == alias.lower() for alias in indicator.en_aliases), indicator.key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("城镇居民人均可支配收入增长6%", ["urban_income"]),
        ("农村居民人均可支配收入增长7%", ["rural_income"]),
        ("全体居民人均可支配收入增长6%", ["household_income"]),
        ("城乡居民人均可支配收入分别增长5%和7%", ["household_income"]),
        ("规模以上工业增加值增长8%，工业投资增长10%", ["industrial_value_added", "industrial_investment"]),
        ("万元GDP能耗下降3%", ["energy_intensity"]),
        ("力争海洋生产总值增长6%左右", ["marine_gdp"]),
        ("单位地区生产总值能耗下降2.5%", ["energy_intensity"]),
        ("energy consumption per unit of GDP", ["energy_intensity"]),
        ("工业固定资产投资增长12%", ["industrial_investment"]),
        ("500万元以上固定资产投资增长8%", ["fixed_asset_investment"]),
        ("限上消费品零售额增长11.5%", ["retail_sales"]),
        ("全年网络零售总额达151亿元", ["online_retail"]),
        ("实际利用省外2000万元以上项目资金增长5%", ["outside_investment"]),
        ("实际使用外资增长3%", ["fdi"]),
        ("进出口总额增长10%，出口增长8%", ["foreign_trade", "foreign_trade"]),
        ("数字经济增长迅速", ["digital_economy"]),
        ("城镇调查失业率5.5%，城镇登记失业率4%", ["unemployment", "registered_unemployment"]),
        ("居民消费价格涨幅2%左右", ["cpi"]),
        ("常住人口城镇化率达到63%", ["urbanization"]),
    ],
)
def test_overlapping_names_resolve_to_the_most_specific_indicator(text: str, expected: list[str]) -> None:
    assert keys(text) == expected


def test_english_matching_is_case_insensitive_and_whole_word() -> None:
    assert keys("Ganzhou's GDP target") == ["gdp"]
    assert keys("what was the gdp?") == ["gdp"]
    assert keys("the GDPR rules") == []
    assert keys("Fixed-Asset  Investment grew") == ["fixed_asset_investment"]
    assert keys("R&D intensity") == ["rd_intensity"]


def test_full_width_letters_and_acronyms_next_to_chinese_are_found() -> None:
    assert keys("赣州ＧＤＰ增长") == ["gdp"]
    assert keys("2024GDP目标") == ["gdp"]


def test_matches_report_offsets_in_the_original_text() -> None:
    text = "萍乡今年万元GDP能耗下降目标"
    [(indicator, start, end)] = find_indicators(text)
    assert indicator.key == "energy_intensity"
    assert text[start:end] == "万元GDP能耗"


def test_matches_come_in_text_order() -> None:
    found = find_indicators("CPI涨幅和GDP增速")
    assert [i.key for i, _, _ in found] == ["cpi", "gdp"]
    assert found[0][1] < found[1][1]


def test_get_indicator_returns_the_entry() -> None:
    assert get_indicator("gdp").zh == "地区生产总值"
    assert get_indicator("energy_intensity").en == "energy consumption per unit of GDP"


def test_get_indicator_unknown_key_lists_valid_keys() -> None:
    with pytest.raises(UnknownIndicatorError) as raised:
        get_indicator("gpd")
    assert isinstance(raised.value, KeyError)
    assert isinstance(raised.value, AssistantError)
    assert "gdp" in str(raised.value) and "cpi" in str(raised.value)


def test_search_terms_are_chinese_longest_first() -> None:
    terms = search_terms("gdp")
    assert terms[0] == "地区生产总值"
    assert "生产总值" in terms and "GDP" in terms
    assert list(terms) == sorted(terms, key=len, reverse=True)
    assert not any(term == "gross domestic product" for term in terms)


def test_search_terms_of_urban_income_include_the_joint_urban_rural_phrasing() -> None:
    terms = search_terms("urban_income")
    assert terms[0] in {"城镇居民人均可支配收入", "城镇常住居民人均可支配收入", "城镇和农村居民人均可支配收入"}
    assert "城乡居民人均可支配收入" in terms
    assert "农村居民人均可支配收入" not in terms


def test_search_terms_cover_every_fixed_asset_investment_scope() -> None:
    terms = search_terms("fixed_asset_investment")
    for scope in ("固定资产投资", "全社会固定资产投资", "城镇固定资产投资", "500万元以上固定资产投资"):
        assert scope in terms
    assert "工业投资" not in terms
