"""How the ledger reader words its answers: each row's target and result, each cited to its own report,
the verdict, and the three shapes (status, series, regions). Pure: rows in, text and citations out
(``assistant.readers.ledger`` adapts them to the question and the index)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.core.datatypes import Citation, LedgerFigure, LedgerRow, LedgerStatement, LedgerStatus
from assistant.knowledge.lexicon import get_indicator

_QUALIFIER_EN = {"左右": "about", "以上": "at least", "以内": "at most", "以下": "below", "力争": "aiming for"}
_STATUS_ZH = {
    LedgerStatus.MET: "完成",
    LedgerStatus.MET_WITHIN_TOLERANCE: "基本完成（在容差内）",
    LedgerStatus.MISSED: "未完成",
    LedgerStatus.NO_RESULT: "尚无实际数",
    LedgerStatus.NO_TARGET: "未设目标",
}
_STATUS_EN = {
    LedgerStatus.MET: "met",
    LedgerStatus.MET_WITHIN_TOLERANCE: "met within tolerance",
    LedgerStatus.MISSED: "missed",
    LedgerStatus.NO_RESULT: "no result yet",
    LedgerStatus.NO_TARGET: "no target",
}


@dataclass(frozen=True)
class LedgerAnswer:
    """What a ledger answer says: its text, its citations (numbered as the text cites them), the rows
    it was read from, and whether it abstains (nothing in the ledger for the question)."""

    text: str
    citations: tuple[Citation, ...]
    rows: tuple[LedgerRow, ...]
    abstained: bool = False
    reader: str = "ledger"
    notices: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Figures and citations


class _Citations:
    """Numbers figures in the order the text cites them; a figure cited twice keeps its number."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = titles
        self.items: list[Citation] = []

    def cite(self, region: str, figure: LedgerFigure | LedgerStatement) -> int:
        for citation in self.items:
            if (citation.source, citation.start, citation.end) == (figure.source, figure.start, figure.end):
                return citation.number
        number = len(self.items) + 1
        self.items.append(
            Citation(
                source=figure.source,
                title=self.titles.get(figure.source, figure.source),
                region=region,
                year=figure.report_year,
                quote=figure.quote,
                start=figure.start,
                end=figure.end,
                number=number,
            )
        )
        return number


_PRICE_INDICATORS = ("cpi",)  # prices rise (涨幅, 上涨) rather than grow


def _change_zh(figure: LedgerFigure, result: bool = False, indicator: str = "") -> str:
    if figure.direction == "up":
        if indicator in _PRICE_INDICATORS:
            return "上涨" if result else "涨幅"
        return "增长"
    if figure.direction == "down":
        return "下降"
    return "为" if result else ""


def _figure_text_zh(figure: LedgerFigure) -> str:
    return "".join(figure.figure_text.split())


def _figure_text_en(figure: LedgerFigure) -> str:
    number = f"{figure.value:g}" + (f"-{figure.upper:g}" if figure.upper is not None else "")
    amount = f"{number}{figure.unit}" if figure.unit in ("%", "") else f"{number} {figure.unit}"
    qualifier = _QUALIFIER_EN.get(figure.qualifier, "")
    return f"{qualifier} {amount}".strip()


def _change_en(figure: LedgerFigure) -> str:
    return {"up": "growth", "down": "decline"}.get(figure.direction, "")


def _margin_zh(row: LedgerRow) -> str:
    amount = abs(row.margin or 0)
    unit = row.margin_unit or ""
    return f"{amount:g}{unit}"


def _margin_en(row: LedgerRow) -> str:
    amount = abs(row.margin or 0)
    if row.measure == "rate":
        return f"{amount:g} percentage point{'s' if amount != 1 else ''}"
    return f"{amount:g} {row.margin_unit}".strip()


# ---------------------------------------------------------------------------------------------
# One row


def _subject_zh(row: LedgerRow, name: str, with_year: bool = True) -> str:
    indicator = get_indicator(row.indicator).zh
    year = f"{row.year}年" if with_year else ""
    return f"{name}{year}{indicator}"


def _row_zh(row: LedgerRow, name: str, cite: _Citations, with_subject: bool = True) -> str:
    """One row in Chinese: target and result, each cited, then the verdict or what is missing."""
    subject = _subject_zh(row, name) if with_subject else f"{row.year}年"
    indicator = get_indicator(row.indicator).zh
    parts = []
    if row.target is not None:
        change = _change_zh(row.target, indicator=row.indicator)
        parts.append(f"{subject}{change}目标为{_figure_text_zh(row.target)}[{cite.cite(row.region, row.target)}]")
    if row.result is not None:
        said = "预计" if row.estimated else "实际"
        change = _change_zh(row.result, result=True, indicator=row.indicator)
        result = f"{said}{change}{_figure_text_zh(row.result)}[{cite.cite(row.region, row.result)}]"
        if row.estimated:
            result += f"（{row.result.report_year}年报告的预计数，尚无实际数）"
        parts.append(result if row.target is not None else f"{subject}{result}")
    if row.statement is not None:
        said = "".join(row.statement.quote.split())
        parts.append(f"{row.statement.report_year}年报告称“{said}”[{cite.cite(row.region, row.statement)}]")
    text = "，".join(parts)
    verdict = verdict_of(row, indicator, "zh")
    return f"{text}：{verdict}" if text else verdict


def _row_en(row: LedgerRow, name: str, cite: _Citations, with_subject: bool = True) -> str:
    indicator = get_indicator(row.indicator).en
    parts = []
    if row.target is not None:
        change = f" {_change_en(row.target)}" if _change_en(row.target) else ""
        if with_subject:
            parts.append(f"{name}'s {row.year} {indicator}{change} target was {_figure_text_en(row.target)} "
                         f"[{cite.cite(row.region, row.target)}]")
        else:
            parts.append(f"{row.year}: target {_figure_text_en(row.target)} [{cite.cite(row.region, row.target)}]")
    if row.result is not None:
        said = "estimate" if row.estimated else "result"
        figure = f"{_change_en(row.result)} of {_figure_text_en(row.result)}" if _change_en(row.result) else _figure_text_en(row.result)
        if with_subject:
            lead = f"the {said} was" if row.target is not None else f"{name}'s {row.year} {indicator} {said} was"
        else:
            lead = said if row.target is not None else f"{row.year}: {said}"
        result = f"{lead} {figure} [{cite.cite(row.region, row.result)}]"
        if row.estimated:
            result += f" (estimated in the {row.result.report_year} report; no actual figure yet)"
        parts.append(result)
    if row.statement is not None:
        parts.append(f"the {row.statement.report_year} report says it was not met "
                     f"[{cite.cite(row.region, row.statement)}]")
    text = "; ".join(parts)
    verdict = verdict_of(row, indicator, "en")
    return f"{text}: {verdict}" if text else verdict


# What the ledger concludes, per status and side (a floor: at least; a ceiling: at most), per language.
_VERDICTS = {
    "zh": {
        "estimated": "按预计数，",
        "exact": "完成目标（恰好达到）",
        "met_floor": "完成目标（超出目标{margin}）",
        "met_ceiling": "完成目标（比目标低{margin}）",
        "within_floor": "基本完成：低于“左右”目标{margin}，在{tolerance}的容差内",
        "within_ceiling": "基本完成：高于“左右”目标{margin}，在{tolerance}的容差内",
        "missed_floor": "未完成目标，差{margin}",
        "missed_ceiling": "未完成目标，超出目标{margin}",
        "missed_in_words": "未完成目标（报告未给出实际数）",
        "not_stated": "尚无实际数：{expected}年报告未给出{year}年的{indicator}实际数",
        "not_indexed": "尚无实际数：{year}年的实际数尚未索引（应见{expected}年报告）",
        "no_target": "{year}年报告未设定这一指标的量化目标",
        "no_target_report": "{year}年报告尚未索引，没有可比的目标",
    },
    "en": {
        "estimated": "on the estimate, ",
        "exact": "met (exactly on target)",
        "met_floor": "met ({margin} above the target)",
        "met_ceiling": "met ({margin} below the ceiling)",
        "within_floor": "met within tolerance ({margin} below an \"about\" target; the tolerance is {tolerance})",
        "within_ceiling": "met within tolerance ({margin} above an \"about\" target; the tolerance is {tolerance})",
        "missed_floor": "missed by {margin}",
        "missed_ceiling": "missed ({margin} above the ceiling)",
        "missed_in_words": "missed (the report gives no figure)",
        "not_stated": "no result yet: the {expected} report states no {year} figure",
        "not_indexed": "no result yet: the {year} result is not indexed (it would be in the {expected} report)",
        "no_target": "the {year} report sets no numeric target for {indicator}",
        "no_target_report": "the {year} report is not indexed, so there is no target to compare",
    },
}


def verdict_of(row: LedgerRow, indicator: str, language: str) -> str:
    """What the ledger concludes for ``row`` (``indicator`` named in ``language``)."""
    words = _VERDICTS["en" if language == "en" else "zh"]
    side = "ceiling" if row.ceiling else "floor"
    status = row.status
    if status is LedgerStatus.MET:
        key = f"met_{side}" if row.margin else "exact"
    elif status is LedgerStatus.MET_WITHIN_TOLERANCE:
        key = f"within_{side}"
    elif status is LedgerStatus.MISSED:
        key = f"missed_{side}" if row.result is not None else "missed_in_words"
    elif status is LedgerStatus.NO_RESULT:
        key = "not_stated" if row.result_report_indexed else "not_indexed"
    else:
        key = "no_target" if row.target_report_indexed else "no_target_report"
    margin = _margin_en(row) if language == "en" else _margin_zh(row)
    tolerance = "" if row.tolerance is None else _margin_en(replace(row, margin=row.tolerance)) if language == "en" \
        else f"{row.tolerance:g}{row.margin_unit}"
    text = words[key].format(margin=margin, tolerance=tolerance, year=row.year, expected=row.result_expected_in,
                             indicator=indicator)
    judged = status in (LedgerStatus.MET, LedgerStatus.MET_WITHIN_TOLERANCE, LedgerStatus.MISSED)
    return words["estimated"] + text if row.estimated and judged else text


def as_sentence(text: str, language: str) -> str:
    if language == "en":
        text = text[0].upper() + text[1:] if text else text
        return text if text.endswith(".") else text + "."
    return text if text.endswith("。") else text + "。"


# ---------------------------------------------------------------------------------------------
# Answers


def compose_status(
    rows: Sequence[LedgerRow], language: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> LedgerAnswer:
    """One sentence per row (usually one): target, result, verdict; each figure cited to its report."""
    cite = _Citations(titles or {})
    write = _row_en if language == "en" else _row_zh
    sentences = [as_sentence(write(row, names.get(row.region, row.region), cite), language) for row in rows]
    separator = " " if language == "en" else ""
    return LedgerAnswer(separator.join(sentences), tuple(cite.items), tuple(rows))


def compose_series(
    rows: Sequence[LedgerRow], language: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> LedgerAnswer:
    """A heading, then one line per year: target, result, verdict (rows of one region and indicator)."""
    cite = _Citations(titles or {})
    rows = sorted(rows, key=lambda row: row.year)
    first = rows[0]
    name = names.get(first.region, first.region)
    span = f"{rows[0].year}–{rows[-1].year}"
    if language == "en":
        heading = f"{name}: {get_indicator(first.indicator).en} targets against results, {span}"
        lines = [as_sentence(_row_en(row, name, cite, with_subject=False), language) for row in rows]
    else:
        measure = "增长" if first.measure == "rate" and (first.target or first.result).direction == "up" else ""
        heading = f"{name}{get_indicator(first.indicator).zh}{measure}目标与实际（{span}年）"
        lines = [as_sentence(_row_zh(row, name, cite, with_subject=False), language) for row in rows]
    return LedgerAnswer("\n".join([heading + ("：" if language != "en" else ":"), *lines]), tuple(cite.items), tuple(rows))


def compose_regions(
    rows: Sequence[LedgerRow], language: str, names: Mapping[str, str], titles: Mapping[str, str] | None = None
) -> LedgerAnswer:
    """Regions grouped by status (met, within tolerance, missed, no result, no target), each with its
    target and result cited (rows of one indicator and year)."""
    cite = _Citations(titles or {})
    first = rows[0]
    groups: dict[LedgerStatus, list[str]] = {}
    for row in sorted(rows, key=lambda r: (list(LedgerStatus).index(r.status), -(r.margin or 0), r.region)):
        english = language == "en"
        labels = ("target ", "estimate ", "result ") if english else ("目标", "预计", "实际")
        written = _figure_text_en if english else _figure_text_zh
        bits = []
        if row.target is not None:
            bits.append(f"{labels[0]}{written(row.target)}{' ' if english else ''}[{cite.cite(row.region, row.target)}]")
        if row.result is not None:
            label = labels[1] if row.estimated else labels[2]
            bits.append(f"{label}{written(row.result)}{' ' if english else ''}[{cite.cite(row.region, row.result)}]")
        name = names.get(row.region, row.region)
        item = (f"{name} ({', '.join(bits)})" if english else f"{name}（{'，'.join(bits)}）") if bits else name
        groups.setdefault(row.status, []).append(item)
    if language == "en":
        heading = f"{first.year} {get_indicator(first.indicator).en} targets, {len(rows)} regions"
        lines = [f"{_STATUS_EN[status].capitalize()} ({len(items)}): {'; '.join(items)}." for status, items in groups.items()]
        text = "\n".join([heading + ":", *lines])
    else:
        heading = f"{first.year}年{get_indicator(first.indicator).zh}目标完成情况（{len(rows)}个地区）"
        lines = [f"{_STATUS_ZH[status]}（{len(items)}个）：{'；'.join(items)}。" for status, items in groups.items()]
        text = "\n".join([heading + "：", *lines])
    return LedgerAnswer(text, tuple(cite.items), tuple(rows))
