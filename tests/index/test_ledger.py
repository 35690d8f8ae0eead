"""The ledger: pairing targets with results, and judging them (pure functions, no index)."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import Kind, LedgerStatus
from index.indicators import IndicatorRow
from index.ledger import RATE_TOLERANCE, build_ledger, figure_of, headlines, judge

REGION = "内蒙古自治区呼伦贝尔市海拉尔区"


def _row(
    figure_text: str,
    kind: Kind = Kind.TARGET,
    year: int = 2016,
    report_year: int | None = None,
    indicator: str = "gdp",
    direction: str = "up",
    indicator_text: str = "地区生产总值",
    region: str = REGION,
    start: int = 0,
) -> IndicatorRow:
    """A row as extraction makes it; ``figure_text`` as written ("7.5%", "6%左右", "296亿元", "5%-5.5%")."""
    from index.indicators import _written_value  # the same reading of a figure as extraction's

    ranged = any(dash in figure_text for dash in "-—－~")
    value, upper, unit = _written_value(figure_text, ranged)
    qualifier = next((q for q in ("左右", "以上", "以内", "以下") if figure_text.endswith(q)), "")
    if report_year is None:
        report_year = year if kind is Kind.TARGET else year + 1
    return IndicatorRow(
        doc_id=f"doc{report_year}", source=f"{report_year}_{region}.txt", region=region, report_year=report_year,
        year=year, indicator=indicator, indicator_text=indicator_text, kind=kind, value=value, upper=upper,
        unit=unit, qualifier=qualifier, direction=direction, figure_text=figure_text,
        quote=f"{indicator_text}增长{figure_text}", start=start, end=start + 10,
    )


def _judge(target: str, result: str, indicator: str = "gdp", target_direction: str = "up", result_direction: str = "up"):
    t = figure_of(_row(target, direction=target_direction, indicator=indicator))
    r = figure_of(_row(result, Kind.ACTUAL, direction=result_direction, indicator=indicator))
    return judge(indicator, t, r)


# -- judging one pair ---------------------------------------------------------------------------


def test_a_growth_target_reached_is_met_with_a_positive_margin():
    status, margin, ceiling, tolerance = _judge("7.5%", "8.9%")
    assert (status, margin, ceiling, tolerance) == (LedgerStatus.MET, 1.4, False, None)


def test_a_target_without_qualifier_missed_by_three_tenths_is_missed():
    status, margin, _, tolerance = _judge("7.5%", "7.2%")
    assert (status, margin, tolerance) == (LedgerStatus.MISSED, -0.3, None)


@pytest.mark.parametrize(
    ("result", "status"),
    [
        ("6%", LedgerStatus.MET),
        ("5.9%", LedgerStatus.MET_WITHIN_TOLERANCE),
        ("5.5%", LedgerStatus.MET_WITHIN_TOLERANCE),  # the boundary counts
        ("5.4%", LedgerStatus.MISSED),
    ],
)
def test_an_about_target_tolerates_half_a_point_below(result, status):
    got, margin, _, tolerance = _judge("6%左右", result)
    assert got is status
    assert tolerance == RATE_TOLERANCE
    assert margin == pytest.approx(float(result.rstrip("%")) - 6)


@pytest.mark.parametrize(
    ("result", "status", "margin"),
    [("1.8%", LedgerStatus.MET, -1.2), ("3.3%", LedgerStatus.MET_WITHIN_TOLERANCE, 0.3), ("3.6%", LedgerStatus.MISSED, 0.6)],
)
def test_cpi_is_a_ceiling_with_the_tolerance_above(result, status, margin):
    got, got_margin, ceiling, _ = _judge("3%左右", result, indicator="cpi")
    assert (got, got_margin, ceiling) == (status, margin, True)


def test_a_within_target_is_a_ceiling_without_tolerance():
    assert _judge("4.6%以内", "4.6%", indicator="registered_unemployment", result_direction="")[0] is LedgerStatus.MET
    status, margin, ceiling, tolerance = _judge("4.6%以内", "4.7%", indicator="registered_unemployment", result_direction="")
    assert (status, margin, ceiling, tolerance) == (LedgerStatus.MISSED, 0.1, True, None)


def test_a_ceiling_indicator_is_a_ceiling_without_a_qualifier():
    assert _judge("4.6%", "4.1%", indicator="registered_unemployment", target_direction="", result_direction="")[:3] == (
        LedgerStatus.MET, -0.5, True,
    )


def test_an_at_least_target_is_met_exactly_at_the_floor():
    assert _judge("5.5%以上", "5.5%")[:2] == (LedgerStatus.MET, 0)
    assert _judge("5.5%以上", "5.4%")[0] is LedgerStatus.MISSED


def test_a_range_is_judged_from_its_lower_end_without_tolerance():
    assert _judge("5%-5.5%", "5%")[:2] == (LedgerStatus.MET, 0)
    status, margin, _, tolerance = _judge("5%-5.5%", "4.9%")
    assert (status, margin, tolerance) == (LedgerStatus.MISSED, -0.1, None)


def test_a_reduction_target_asks_for_at_least_that_fall():
    # 单位GDP能耗降低3.9%以上 against 下降4.8%: met by 0.9; 降低4%左右 against 下降1.2%: missed by 2.8
    assert _judge("3.9%以上", "4.8%", "energy_intensity", "down", "down")[:3] == (LedgerStatus.MET, 0.9, False)
    assert _judge("4%左右", "1.2%", "energy_intensity", "down", "down")[:2] == (LedgerStatus.MISSED, -2.8)
    assert _judge("3%左右", "2.6%", "energy_intensity", "down", "down")[0] is LedgerStatus.MET_WITHIN_TOLERANCE


def test_a_fall_against_a_growth_target_counts_as_negative_growth():
    assert _judge("7%", "1%", result_direction="down")[:2] == (LedgerStatus.MISSED, -8)


def test_levels_compare_in_base_units_and_report_the_margin_in_the_target_unit():
    status, margin, _, _ = _judge("296亿元", "287.9亿元", target_direction="", result_direction="")
    assert (status, margin) == (LedgerStatus.MISSED, pytest.approx(-8.1))
    status, margin, _, _ = _judge("1.3万亿斤以上", "13700亿斤", indicator="grain_output", target_direction="", result_direction="")
    assert (status, margin) == (LedgerStatus.MET, pytest.approx(0.07))


def test_a_level_about_target_tolerates_half_a_percent():
    status, _, _, tolerance = _judge("1200万人左右", "1195万人", "new_urban_jobs", "", "")
    assert status is LedgerStatus.MET_WITHIN_TOLERANCE and tolerance == pytest.approx(6)
    assert _judge("1200万人左右", "1190万人", "new_urban_jobs", "", "")[0] is LedgerStatus.MISSED


# -- pairing ------------------------------------------------------------------------------------


def test_the_target_of_year_n_pairs_with_the_result_in_the_report_of_n_plus_1():
    rows = [_row("7.5%"), _row("7.2%", Kind.ACTUAL)]
    (row,) = build_ledger(rows)
    assert (row.year, row.measure, row.status, row.margin, row.margin_unit) == (
        2016, "rate", LedgerStatus.MISSED, -0.3, "个百分点",
    )
    assert (row.target.source, row.result.source) == (f"2016_{REGION}.txt", f"2017_{REGION}.txt")
    assert (row.target.kind, row.result.kind) == (Kind.TARGET, Kind.ACTUAL)


def test_no_result_says_whether_the_next_report_is_indexed():
    (missing,) = build_ledger([_row("3.5%左右", year=2019)])
    assert (missing.status, missing.result_expected_in, missing.result_report_indexed) == (
        LedgerStatus.NO_RESULT, 2020, False,
    )
    (stated_none,) = build_ledger([_row("3.5%左右", year=2019)], reports=[(REGION, 2019), (REGION, 2020)])
    assert stated_none.status is LedgerStatus.NO_RESULT and stated_none.result_report_indexed


def test_a_result_without_a_target_is_no_target():
    (row,) = build_ledger([_row("3.84%", Kind.ACTUAL, year=2012, indicator="registered_unemployment", direction="")])
    assert (row.status, row.target, row.result.value) == (LedgerStatus.NO_TARGET, None, 3.84)


def test_an_estimate_stands_in_until_a_later_report_states_the_result():
    estimate = _row("6%左右", Kind.ESTIMATE, year=2016, report_year=2017)
    (row,) = build_ledger([_row("7.5%"), estimate])
    assert row.estimated and row.status is LedgerStatus.MISSED  # judged on the estimate, and marked so
    assert row.result.kind is Kind.ESTIMATE
    (row,) = build_ledger([_row("7.5%"), estimate, _row("7.2%", Kind.ACTUAL, report_year=2018, start=5)])
    assert not row.estimated and row.result.value == 7.2 and row.result.report_year == 2018


def test_like_with_like_a_rate_target_is_not_paired_with_a_level_result():
    rows = [_row("8%"), _row("296亿元", direction=""), _row("287.9亿元", Kind.ACTUAL, direction="")]
    ledger = build_ledger(rows)
    assert [(r.measure, r.status) for r in ledger] == [("rate", LedgerStatus.NO_RESULT), ("level", LedgerStatus.MISSED)]


def test_the_result_named_as_the_target_wins_among_statements_of_one_report():
    rows = [
        _row("16%", indicator="budget_revenue", indicator_text="地方财政总收入", year=2014),
        _row("22.9%", Kind.ACTUAL, year=2014, indicator="budget_revenue", indicator_text="公共财政预算收入", start=1),
        _row("0.4%", Kind.ACTUAL, year=2014, indicator="budget_revenue", indicator_text="地方财政总收入", start=9),
    ]
    (row,) = build_ledger(rows)
    assert (row.result.value, row.status) == (0.4, LedgerStatus.MISSED)


def test_a_target_set_for_a_later_year_stays_out_of_the_annual_ledger():
    assert build_ledger([_row("60%", year=2020, report_year=2016, indicator="urbanization", direction="")]) == []


def test_the_next_years_report_is_preferred_to_a_five_year_review():
    rows = [_row("8%"), _row("12.1%", Kind.ACTUAL, report_year=2021), _row("7.2%", Kind.ACTUAL, start=3)]
    (row,) = build_ledger(rows)
    assert row.result.value == 7.2


def test_regions_and_indicators_are_kept_apart():
    rows = [_row("7.5%"), _row("7%", Kind.ACTUAL, region="全国"), _row("9%", Kind.ACTUAL, indicator="retail_sales")]
    assert sorted((r.region, r.indicator, r.status.value) for r in build_ledger(rows)) == [
        ("全国", "gdp", "no_target"), (REGION, "gdp", "no_result"), (REGION, "retail_sales", "no_target"),
    ]


def test_headlines_prefer_the_paired_growth_rate():
    rows = [_row("8%"), _row("296亿元", direction=""), _row("287.9亿元", Kind.ACTUAL, direction=""),
            _row("8.9%", Kind.ACTUAL, start=4)]
    (headline,) = headlines(build_ledger(rows))
    assert (headline.measure, headline.status, headline.result.value) == ("rate", LedgerStatus.MET, 8.9)
    rows = [_row("8%"), _row("296亿元", direction=""), _row("287.9亿元", Kind.ACTUAL, direction="")]
    (headline,) = headlines(build_ledger(rows))
    assert (headline.measure, headline.status) == ("level", LedgerStatus.MISSED)


def test_empty_input_gives_an_empty_ledger():
    assert build_ledger([]) == [] and headlines([]) == []


def test_a_joint_income_target_is_the_urban_and_the_rural_target():
    joint = _row("18%", indicator="household_income", indicator_text="城乡居民可支配收入", year=2013)
    urban = _row("11.1%", Kind.ACTUAL, year=2013, indicator="urban_income", indicator_text="城镇居民人均可支配收入")
    rural = _row("14.1%", Kind.ACTUAL, year=2013, indicator="rural_income", indicator_text="农民人均纯收入", start=3)
    ledger = {row.indicator: row for row in build_ledger([joint, urban, rural])}
    assert (ledger["urban_income"].status, ledger["urban_income"].margin) == (LedgerStatus.MISSED, -6.9)
    assert ledger["rural_income"].target.indicator_text == "城乡居民可支配收入"
    assert ledger["household_income"].status is LedgerStatus.NO_RESULT


def test_of_two_statements_in_one_report_the_one_about_the_whole_region_counts():
    sector = _row("3000人", Kind.ACTUAL, year=2015, indicator="new_urban_jobs", direction="", indicator_text="新增就业")
    whole = IndicatorRow(**{**sector.__dict__, "value": 5650.0, "figure_text": "5650人", "quote": "全年实现新增就业5650人",
                            "start": 900, "end": 915})
    target = _row("5700人以上", year=2015, indicator="new_urban_jobs", direction="", indicator_text="新增就业")
    (row,) = build_ledger([target, sector, whole])
    assert (row.result.value, row.status, row.margin) == (5650.0, LedgerStatus.MISSED, -50)


def test_a_target_the_next_report_says_was_missed_is_missed_without_a_figure():
    from index.verdicts import Verdict

    target = _row("4%左右", year=2011, indicator="cpi", direction="up", indicator_text="居民消费价格涨幅")
    said = Verdict("doc2012", f"2012_{REGION}.txt", REGION, 2012, 2011, "cpi", "物价调控目标没有完成", 40, 50)
    (row,) = build_ledger([target], reports=[(REGION, 2011), (REGION, 2012)], verdicts=[said])
    assert (row.status, row.result, row.margin) == (LedgerStatus.MISSED, None, None)
    assert (row.statement.quote, row.statement.report_year) == ("物价调控目标没有完成", 2012)
    result = _row("5.4%", Kind.ACTUAL, year=2011, indicator="cpi", direction="up")
    (row,) = build_ledger([target, result], verdicts=[said])
    assert row.status is LedgerStatus.MISSED and row.result.value == 5.4 and row.statement is None  # the figure counts
