"""The ledger measurement: gold loading, strict matching and the gold's scope."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import Kind, LedgerFigure, LedgerRow, LedgerStatus
from eval.ledger_eval import DEV_FILE, GOLD_FILE, GoldLedgerRow, evaluate, group_of, load_gold, matches

REGION = "内蒙古自治区呼伦贝尔市海拉尔区"


def _figure(value: float, source: str, kind: Kind = Kind.TARGET) -> LedgerFigure:
    return LedgerFigure(kind, value, None, "%", "", "up", f"{value:g}%", f"增长{value:g}%", source, "d", 2016, 0, 5)


def _gold(status: str, target: float | None, result: float | None, year: int = 2016, indicator: str = "gdp") -> GoldLedgerRow:
    return GoldLedgerRow(
        REGION, indicator, year, LedgerStatus(status), target, None, "2016.txt" if target is not None else "", "",
        result, "2017.txt" if result is not None else "", "", "%", "",
    )


def _ledger(status: str, target: float | None, result: float | None, year: int = 2016, indicator: str = "gdp") -> LedgerRow:
    return LedgerRow(
        REGION, indicator, year, "rate", LedgerStatus(status),
        target=_figure(target, "2016.txt") if target is not None else None,
        result=_figure(result, "2017.txt", Kind.ACTUAL) if result is not None else None,
    )


@pytest.mark.parametrize("path", [GOLD_FILE, DEV_FILE])
def test_the_gold_files_load(path):
    rows = load_gold(path)
    assert rows and len({row.key for row in rows}) == len(rows)  # one row per region, indicator and year


def test_a_malformed_row_names_its_line(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text(GOLD_FILE.read_text(encoding="utf-8").splitlines()[0] + "\n" + "全国,gdp,20x5" + "," * 15 + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_gold(path)


def test_a_match_needs_the_status_and_both_figures():
    gold = _gold("missed", 7.5, 7.2)
    assert matches(_ledger("missed", 7.5, 7.2), gold)
    assert not matches(_ledger("met", 7.5, 7.2), gold)
    assert not matches(_ledger("missed", 7.0, 7.2), gold)
    assert not matches(_ledger("missed", 7.5, 6.9), gold)
    assert matches(_ledger("no_result", 3.5, None), _gold("no_result", 3.5, None))
    assert not matches(_ledger("no_result", 3.5, None), _gold("no_target", None, 3.5))


def test_a_gold_result_without_a_figure_cannot_be_matched():
    assert not matches(_ledger("missed", 4.0, None), _gold("missed", 4.0, None))


def test_precision_counts_only_rows_in_the_golds_scope():
    gold = [_gold("missed", 7.5, 7.2), _gold("no_target", None, 9.5, indicator="retail_sales")]
    ledger = [
        _ledger("missed", 7.5, 7.2),
        _ledger("no_target", None, 9.0, indicator="retail_sales"),  # wrong figure: a miss and an extra
        _ledger("no_target", None, 5.0, indicator="tourism_revenue"),  # an indicator the gold does not label
        _ledger("no_target", None, 5.0, year=2010),  # a year before the gold's
    ]
    result = evaluate(ledger, gold)
    assert (result["correct"], result["predicted"], result["gold"], result["out_of_scope"]) == (1, 2, 2, 2)
    assert result["precision"] == 0.5 and result["recall"] == 0.5
    assert [g.indicator for g, _ in result["missing"]] == ["retail_sales"]
    assert result["groups"] == {"local": (1, 2, 2)}


def test_region_groups():
    assert [group_of(r) for r in ("全国", "广东省", "北京市", "内蒙古自治区", REGION, "赣州市")] == [
        "national", "provinces", "provinces", "provinces", "local", "local",
    ]
