"""The ledger: each year's target against its result, per region and indicator, from the indicator table.

``build_ledger(rows)`` pairs the :class:`~index.indicators.IndicatorRow`\\ s of every indexed report
into :class:`~assistant.core.datatypes.LedgerRow`\\ s. It is a pure function: the runtime (questions,
``python -m assistant ledger``, the page) and the eval read the same rows.

Pairing. The year-N target comes from the year-N report (a target for a later year, "到2020年…",
is a plan target and stays out of the annual ledger). The year-N result comes from the year-N+1
report, else a report of year N (a statistical bulletin of N), else any later report (a
five-year review); within a report the first statement counts. An estimate (预计) stands in for
the result until an actual is stated, and the row says so (``LedgerRow.estimated``).

Like with like. A growth rate is paired with a growth rate, a level with a level of the same
unit family (亿元 with 万亿元, 人 with 万人), a percentage level (失业率4%) with a percentage
level. When one report states several figures of the same indicator and measure (地方财政总收入
and 公共财政预算收入 are both budget revenue), the result named in the target's own words wins.

A target without a result figure is ``missed`` when the next report says so in words ("物价调控
目标没有完成", ``index.verdicts``), with those words as the evidence.

Status (:func:`judge`). A floor (most indicators) is met at or above the target, a ceiling
(``knowledge/data/targets.toml``: CPI, unemployment; or a target written 以内/以下, or as a fall
such as 能耗降低4%) at or below it. A range counts from its nearer end (5%-5.5%: 5% is met).
``margin`` is result minus target as written, so +0.9 for a fall of 4.8% against a fall of 3.9%.

Tolerance. A 左右 ("about") target missed by at most ``RATE_TOLERANCE`` = 0.5 percentage point
(below a floor, above a ceiling) is ``met_within_tolerance``: targets are set in half points
(5%, 5.5%, 6%), so "about 6%" covers what rounds to it from the next half point down; the boundary
counts (5.5% against "6%左右" is within). A level "about" target gets ``LEVEL_TOLERANCE`` = 0.5%
of the target: a level 0.5% short is what a growth rate 0.5 point short leaves. A target without
左右, or with 以上/以内, has no tolerance: 7.2% against 7.5% is missed by 0.3 point.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import fields, replace
from collections.abc import Iterable, Sequence

from assistant.core.datatypes import Kind, LedgerFigure, LedgerRow, LedgerStatement, LedgerStatus
from assistant.knowledge.figures import parse_figure
from assistant.knowledge.periods import stating_report
from assistant.knowledge.targets import ceiling_indicators, same_units
from index.indicators import JOINT_INCOME, RATE_UNITS, IndicatorRow
from index.verdicts import Verdict

__all__ = [
    "LEVEL_TOLERANCE",
    "RATE_TOLERANCE",
    "build_ledger",
    "figure_of",
    "headlines",
    "judge",
    "measure_of",
]

RATE_TOLERANCE = 0.5  # percentage points, for a 左右 rate target (see the module docstring)
LEVEL_TOLERANCE = 0.005  # a share of the target, for a 左右 level target
CEILING_QUALIFIERS = ("以内", "以下")
FLOOR_QUALIFIERS = ("以上",)
APPROXIMATE_QUALIFIERS = ("左右", "约", "上下")
_WHOLE = re.compile(r"全年|全[区市县旗省国盟州]")  # a statement about the whole region and year
_PRECISION = 6  # margins are rounded to this many decimals: 5.5 - 6 is -0.5, not -0.5000000001


def measure_of(unit: str) -> str:
    """``"rate"`` for a percentage (growth or share), ``"level"`` for an amount."""
    return "rate" if unit in RATE_UNITS else "level"


def _family(row: IndicatorRow) -> tuple[str, str]:
    """What a figure may be compared with: a change in %, a percentage level, or a level's base unit
    (units that count the same thing for the indicator, ``targets.toml`` [same_units], are one)."""
    if measure_of(row.unit) == "rate":
        return ("rate", row.unit + (" change" if row.direction else ""))
    unit = parse_figure(row.figure_text).unit or row.unit
    return ("level", same_units().get(row.indicator, {}).get(unit, unit))


def figure_of(row: IndicatorRow) -> LedgerFigure:
    """One side of a ledger row: the indicator row's figure, quote and report (the fields they share)."""
    return LedgerFigure(**{field.name: getattr(row, field.name) for field in fields(LedgerFigure)})


# ---------------------------------------------------------------------------------------------
# Judging one pair


def is_ceiling(indicator: str, target: LedgerFigure) -> bool:
    """A target that is a most, in its own words: a fall (能耗降低4%) asks for at least that fall;
    以内/以下 make a most and 以上 a least; else the indicator decides (CPI, unemployment)."""
    if target.qualifier in CEILING_QUALIFIERS:
        return True
    if target.qualifier in FLOOR_QUALIFIERS or target.direction == "down":
        return False
    return indicator in ceiling_indicators()


def _signed(figure: LedgerFigure, value: float) -> float:
    return -value if figure.direction == "down" else value


def _base(figure: LedgerFigure, value: float) -> float:
    """A level in base units (287.2亿元 -> 2.872e10); rates stay as they are."""
    if measure_of(figure.unit) == "rate":
        return value
    scale = parse_figure(figure.figure_text).value / figure.value if figure.value else 1.0
    return value * scale


def judge(indicator: str, target: LedgerFigure, result: LedgerFigure) -> tuple[LedgerStatus, float, bool, float | None]:
    """``(status, margin, ceiling, tolerance)`` of a result against a target of the same measure.

    Everything is read in the target's own terms: for a target written as a fall (下降3.4%以上) a
    result "下降5%" is 5 and a result "增长1%" is -1. The margin is the result minus the target, in
    the target's unit (percentage points for rates), from the end of a range that is judged (the
    lower end of a least, the upper end of a most).
    """
    ceiling = is_ceiling(indicator, target)
    rate = measure_of(target.unit) == "rate"
    scale = 1.0 if rate else _base(target, 1.0)
    sign = -1.0 if target.direction == "down" else 1.0
    got = sign * _signed(result, _base(result, result.value)) / scale
    ends = [v for v in (target.value, target.upper) if v is not None]
    goal = max(ends) if ceiling else min(ends)
    margin = round(got - goal, _PRECISION)
    shortfall = margin if ceiling else -margin  # > 0: the target was not reached
    tolerance = None
    if target.qualifier in APPROXIMATE_QUALIFIERS and target.upper is None:
        tolerance = RATE_TOLERANCE if rate else round(abs(goal) * LEVEL_TOLERANCE, _PRECISION)
    if shortfall <= 0:
        status = LedgerStatus.MET
    elif tolerance is not None and shortfall <= tolerance + 10**-_PRECISION:
        status = LedgerStatus.MET_WITHIN_TOLERANCE
    else:
        status = LedgerStatus.MISSED
    return status, margin, ceiling, tolerance


# ---------------------------------------------------------------------------------------------
# Pairing


def _result_rank(row: IndicatorRow) -> tuple:
    """Which statement of a year's result counts: the next year's report, then the year's own
    (a statistical bulletin), then any later one; an actual before an estimate; then text order."""
    year = row.year or 0
    report = row.report_year if row.report_year is not None else math.inf
    if report == stating_report(Kind.ACTUAL, year):
        place = 0
    elif report == year:
        place = 1
    else:
        place = 2 + abs(report - year)
    return (row.kind is not Kind.ACTUAL, place, row.source, row.start)


def _target_rank(row: IndicatorRow) -> tuple:
    return (row.source, row.start)


def _closest_wording(candidates: Sequence[IndicatorRow], wording: str) -> IndicatorRow:
    """Of several statements in one report: the one naming the indicator as ``wording`` does (地方财政总收入
    before 公共财政预算收入), then one about the whole region and year ("全年实现新增就业5650人" before a
    sector's "新增就业3000人"), then the first."""
    return min(candidates, key=lambda row: (row.indicator_text != wording, not _WHOLE.match(row.quote)))


def _joint_income_targets(targets: dict[tuple, list[IndicatorRow]]) -> None:
    """A joint target ("城乡居民可支配收入增长18%") is the urban and the rural target where they have none."""
    for (region, indicator, year, family), rows in list(targets.items()):
        joint = [row for row in rows if indicator == "household_income" and row.indicator_text.startswith(JOINT_INCOME)]
        for part in ("urban_income", "rural_income") if joint else ():
            targets.setdefault((region, part, year, family), joint)


def build_ledger(
    rows: Iterable[IndicatorRow],
    reports: Iterable[tuple[str, int | None]] | None = None,
    verdicts: Iterable[Verdict] = (),
) -> list[LedgerRow]:
    """Every (region, indicator, year, measure) with a target or a result, paired and judged.

    ``reports`` lists the ``(region, report_year)`` of every indexed report, so a missing result
    can be told apart from a report that is not indexed; by default the reports the rows come from.
    ``verdicts`` (``index.verdicts``) are reports' words that a target was missed: a target without
    a result figure is then ``missed``, with the words as its evidence (``LedgerRow.statement``).
    Rows are sorted by region, indicator, year and measure (rate first).
    """
    said_missed = {}
    for verdict in sorted(verdicts, key=lambda v: (v.report_year != stating_report(Kind.ACTUAL, v.year), v.source, v.start)):
        said_missed.setdefault((verdict.region, verdict.indicator, verdict.year), verdict)
    rows = [row for row in rows if row.year is not None]
    indexed = set(reports) if reports is not None else {(row.region, row.report_year) for row in rows}
    targets: dict[tuple, list[IndicatorRow]] = defaultdict(list)  # by (region, indicator, year, family)
    results: dict[tuple, list[IndicatorRow]] = defaultdict(list)
    for row in rows:
        key = (row.region, row.indicator, row.year, _family(row))
        if row.kind is Kind.TARGET:
            if row.report_year == row.year:
                targets[key].append(row)
        else:
            results[key].append(row)
    _joint_income_targets(targets)
    ledger = []
    for key in sorted(set(targets) | set(results), key=_sort_key):
        region, indicator, year, family = key
        target_rows = sorted(targets.get(key, ()), key=_target_rank)
        result_rows = sorted(results.get(key, ()), key=_result_rank)
        target = figure_of(target_rows[0]) if target_rows else None
        result = None
        if result_rows:
            best = [row for row in result_rows if _result_rank(row)[:3] == _result_rank(result_rows[0])[:3]]
            result = figure_of(_closest_wording(best, target.indicator_text) if target else best[0])
        row = _ledger_row(region, indicator, year, family[0], target, result, indexed)
        verdict = said_missed.get((region, indicator, year))
        if row.status is LedgerStatus.NO_RESULT and verdict is not None:
            row = replace(row, status=LedgerStatus.MISSED, statement=_statement(verdict))
        ledger.append(row)
    return ledger


def _statement(verdict: Verdict) -> LedgerStatement:
    return LedgerStatement(verdict.quote, verdict.source, verdict.doc_id, verdict.report_year, verdict.start, verdict.end)


def _sort_key(key: tuple) -> tuple:
    region, indicator, year, family = key
    return (region, indicator, year, family[0] != "rate", family[1])


def _ledger_row(
    region: str,
    indicator: str,
    year: int,
    measure: str,
    target: LedgerFigure | None,
    result: LedgerFigure | None,
    indexed: set[tuple[str, int | None]],
) -> LedgerRow:
    result_report = stating_report(Kind.ACTUAL, year)
    common = dict(
        region=region,
        indicator=indicator,
        year=year,
        measure=measure,
        target=target,
        result=result,
        margin_unit="个百分点" if measure == "rate" else (target or result).unit,
        result_expected_in=result_report,
        result_report_indexed=(region, result_report) in indexed,
        target_report_indexed=(region, year) in indexed,
    )
    if target is None:
        return LedgerRow(status=LedgerStatus.NO_TARGET, **common)
    if result is None:
        return LedgerRow(status=LedgerStatus.NO_RESULT, ceiling=is_ceiling(indicator, target), **common)
    status, margin, ceiling, tolerance = judge(indicator, target, result)
    return LedgerRow(status=status, margin=margin, ceiling=ceiling, tolerance=tolerance, **common)


def headlines(ledger: Iterable[LedgerRow]) -> list[LedgerRow]:
    """One row per (region, indicator, year): what "did it meet its target" is answered with.

    A paired row before an unpaired one, a row with a target before a result alone, a growth
    rate before a level (targets are set and judged on growth: "增长7.5%，达到309亿元").
    """
    best: dict[tuple, LedgerRow] = {}
    for row in ledger:
        key = (row.region, row.indicator, row.year)
        if key not in best or _headline_rank(row) < _headline_rank(best[key]):
            best[key] = row
    return [best[key] for key in sorted(best)]


def _headline_rank(row: LedgerRow) -> tuple:
    return (row.target is None or row.result is None, row.target is None, row.measure != "rate")
