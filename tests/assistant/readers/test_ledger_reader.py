"""The ledger reader's composition: status, series and regions answers, every figure cited to its report."""

from __future__ import annotations

from assistant.core.datatypes import Kind, LedgerFigure, LedgerRow, LedgerStatus
from assistant.readers.ledger import compose_regions, compose_series, compose_status, rows_for

HAILAR = "内蒙古自治区呼伦贝尔市海拉尔区"
NAMES = {HAILAR: "海拉尔区"}


def _figure(text: str, value: float, report_year: int, kind: Kind = Kind.TARGET, qualifier: str = "", start: int = 10,
            direction: str = "up", unit: str = "%") -> LedgerFigure:
    return LedgerFigure(kind, value, None, unit, qualifier, direction, text, f"地区生产总值增长{text}",
                        f"{report_year}_呼伦贝尔市海拉尔区_政府工作报告.txt", f"d{report_year}", report_year, start, start + 12)


def _row(year: int, status: LedgerStatus, target: LedgerFigure | None, result: LedgerFigure | None, margin=None,
         indexed: bool = True, **extra) -> LedgerRow:
    return LedgerRow(HAILAR, "gdp", year, extra.pop("measure", "rate"), status, target, result, margin,
                     "个百分点", result_expected_in=year + 1, result_report_indexed=indexed, target_report_indexed=True,
                     **extra)


MISSED_2016 = _row(2016, LedgerStatus.MISSED, _figure("7.5%", 7.5, 2016), _figure("7.2%", 7.2, 2017, Kind.ACTUAL), -0.3)


def test_a_status_answer_cites_the_target_and_the_result_to_their_own_reports():
    answer = compose_status([MISSED_2016], "zh", NAMES, {"2016_呼伦贝尔市海拉尔区_政府工作报告.txt": "2016年政府工作报告"})
    assert answer.text == "海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际增长7.2%[2]：未完成目标，差0.3个百分点。"
    first, second = answer.citations
    assert (first.number, first.year, first.title, first.quote) == (1, 2016, "2016年政府工作报告", "地区生产总值增长7.5%")
    assert (second.number, second.year, second.source) == (2, 2017, "2017_呼伦贝尔市海拉尔区_政府工作报告.txt")
    assert not answer.abstained


def test_a_status_answer_in_english():
    answer = compose_status([MISSED_2016], "en", {HAILAR: "Hailar"})
    assert answer.text == (
        "Hailar's 2016 GDP growth target was 7.5% [1]; the result was growth of 7.2% [2]: missed by 0.3 percentage points."
    )


def test_verdicts_for_every_status():
    about = _figure("6%左右", 6, 2025, qualifier="左右")
    cases = {
        "met": (_row(2015, LedgerStatus.MET, _figure("8%", 8, 2015), _figure("8.9%", 8.9, 2016, Kind.ACTUAL), 0.9),
                "完成目标（超出目标0.9个百分点）", "met (0.9 percentage points above the target)"),
        "tolerance": (_row(2025, LedgerStatus.MET_WITHIN_TOLERANCE, about, _figure("5.5%", 5.5, 2026, Kind.ACTUAL), -0.5,
                           tolerance=0.5),
                      "基本完成：低于“左右”目标0.5个百分点，在0.5个百分点的容差内", "met within tolerance"),
        "no result, not indexed": (_row(2019, LedgerStatus.NO_RESULT, _figure("3.5%左右", 3.5, 2019), None, indexed=False),
                                   "尚无实际数：2019年的实际数尚未索引（应见2020年报告）",
                                   "no result yet: the 2019 result is not indexed (it would be in the 2020 report)"),
        "no result, not stated": (_row(2017, LedgerStatus.NO_RESULT, _figure("7.5%", 7.5, 2017), None),
                                  "尚无实际数：2018年报告未给出2017年的地区生产总值实际数", "no result yet: the 2018 report states no 2017 figure"),
        "no target": (_row(2012, LedgerStatus.NO_TARGET, None, _figure("18.5%", 18.5, 2013, Kind.ACTUAL)),
                      "2012年报告未设定这一指标的量化目标", "the 2012 report sets no numeric target for GDP"),
    }
    for name, (row, zh, en) in cases.items():
        assert zh in compose_status([row], "zh", NAMES).text, name
        assert en in compose_status([row], "en", {HAILAR: "Hailar"}).text, name


def test_a_ceiling_missed_is_said_to_be_above_it():
    row = LedgerRow("全国", "cpi", 2007, "rate", LedgerStatus.MISSED, _figure("3%以内", 3, 2007, qualifier="以内"),
                    _figure("4.8%", 4.8, 2008, Kind.ACTUAL), 1.8, "个百分点", ceiling=True)
    assert compose_status([row], "zh", {"全国": "全国"}).text.endswith("未完成目标，超出目标1.8个百分点。")
    assert "missed (1.8 percentage points above the ceiling)" in compose_status([row], "en", {"全国": "China"}).text


def test_an_estimate_is_marked_as_one():
    row = _row(2025, LedgerStatus.MET, _figure("5%左右", 5, 2025, qualifier="左右"),
               _figure("5.3%左右", 5.3, 2025, Kind.ESTIMATE, qualifier="左右", start=50), 0.3)
    text = compose_status([row], "zh", NAMES).text
    assert "预计增长5.3%左右[2]（2025年报告的预计数，尚无实际数）" in text and "按预计数，完成目标" in text


def test_a_series_has_one_line_per_year_in_order_with_its_citations():
    rows = [
        _row(2019, LedgerStatus.NO_RESULT, _figure("3.5%左右", 3.5, 2019), None, indexed=False),
        MISSED_2016,
    ]
    answer = compose_series(rows, "zh", NAMES)
    lines = answer.text.splitlines()
    assert lines[0] == "海拉尔区地区生产总值增长目标与实际（2016–2019年）："
    assert lines[1].startswith("2016年增长目标为7.5%[1]，实际增长7.2%[2]")
    assert lines[2].startswith("2019年增长目标为3.5%左右[3]") and len(answer.citations) == 3
    english = compose_series(rows, "en", {HAILAR: "Hailar"}).text.splitlines()
    assert english[1] == "2016: target 7.5% [1]; result growth of 7.2% [2]: missed by 0.3 percentage points."


def test_regions_are_grouped_by_status():
    rows = [
        LedgerRow("北京市", "gdp", 2025, "rate", LedgerStatus.MET, _figure("5%左右", 5, 2025, qualifier="左右"),
                  _figure("5.4%", 5.4, 2026, Kind.ACTUAL), 0.4, "个百分点"),
        LedgerRow("广东省", "gdp", 2025, "rate", LedgerStatus.MISSED, _figure("5%左右", 5, 2025, qualifier="左右", start=30),
                  _figure("3.9%", 3.9, 2026, Kind.ACTUAL, start=40), -1.1, "个百分点"),
    ]
    text = compose_regions(rows, "zh", {}).text.splitlines()
    assert text == [
        "2025年地区生产总值目标完成情况（2个地区）：",
        "完成（1个）：北京市（目标5%左右[1]，实际5.4%[2]）。",
        "未完成（1个）：广东省（目标5%左右[3]，实际3.9%[4]）。",
    ]


def test_rows_for_picks_the_asked_measure_or_the_headline():
    level = LedgerRow(HAILAR, "gdp", 2016, "level", LedgerStatus.MISSED,
                      _figure("309亿元", 309, 2016, direction="", unit="亿元"),
                      _figure("303.6亿元", 303.6, 2017, Kind.ACTUAL, direction="", unit="亿元"), -5.4, "亿元")
    ledger = [level, MISSED_2016, _row(2015, LedgerStatus.MET, _figure("8%", 8, 2015), _figure("8.9%", 8.9, 2016), 0.9)]
    assert rows_for(ledger, [HAILAR], "gdp", [2016]) == [MISSED_2016]
    assert rows_for(ledger, [HAILAR], "gdp", [2016], measure="level") == [level]
    assert [r.year for r in rows_for(ledger, [HAILAR], "gdp")] == [2015, 2016]
    assert rows_for(ledger, ["全国"], "gdp") == []


def test_a_target_missed_in_words_cites_the_words():
    from assistant.core.datatypes import LedgerStatement

    row = LedgerRow("全国", "cpi", 2011, "rate", LedgerStatus.MISSED, _figure("4%左右", 4, 2011, qualifier="左右"), None,
                    ceiling=True, statement=LedgerStatement("物价调控目标没有完成", "2012_全国.txt", "d", 2012, 5, 15))
    answer = compose_status([row], "zh", {"全国": "全国"})
    assert answer.text == (
        "全国2011年居民消费价格涨幅目标为4%左右[1]，2012年报告称“物价调控目标没有完成”[2]：未完成目标（报告未给出实际数）。"
    )
    assert answer.citations[1].quote == "物价调控目标没有完成"
    assert "missed (the report gives no figure)" in compose_status([row], "en", {"全国": "China"}).text


# -- the reader over a real index: three consecutive Hailar reports ------------------------------

from dataclasses import replace  # noqa: E402

import pytest  # noqa: E402

from assistant.core.datatypes import AnswerKind  # noqa: E402
from assistant.readers import ReadContext, choose_readers  # noqa: E402
from assistant.readers.ledger import LedgerReader, ledger_shape  # noqa: E402


@pytest.fixture
def hailar(hailar_assistant):
    return hailar_assistant


def _ask(bot, question: str, kind: AnswerKind = AnswerKind.STATUS):
    parsed = bot.parse(question)
    assert parsed.answer_kind is kind  # the parser decides the answer kind
    return LedgerReader(bot.settings).read(parsed, (), ReadContext(bot.texts.locate, index=bot))


def test_a_status_question_is_answered_with_two_citations_to_two_reports(hailar):
    answer = _ask(hailar, "海拉尔区2016年GDP增长目标完成了吗？")
    assert answer.text == "海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际增长7.2%[2]：未完成目标，差0.3个百分点。"
    target, result = answer.citations
    assert (target.source, target.year, target.quote) == ("2016_呼伦贝尔市海拉尔区_政府工作报告.txt", 2016, "地区生产总值增长7.5%")
    assert (result.source, result.year) == ("2017_呼伦贝尔市海拉尔区_政府工作报告.txt", 2017)
    original = hailar.document_text(result.source)
    assert original[result.start : result.end] == result.quote and "7.2%" in result.quote
    assert answer.reader == "ledger" and not answer.abstained


def test_a_status_question_in_english(hailar):
    answer = _ask(hailar, "Did Hailar meet its 2016 GDP growth target?")
    assert "2016 GDP growth target was 7.5% [1]" in answer.text
    assert answer.text.endswith("growth of 7.2% [2]: missed by 0.3 percentage points.")


def test_what_is_missing_is_said(hailar):
    assert _ask(hailar, "海拉尔区2018年GDP增长目标完成了吗？").text.endswith("2018年的实际数尚未索引（应见2019年报告）。")
    assert _ask(hailar, "海拉尔区2017年GDP增长目标完成了吗？").text.endswith("2018年报告未给出2017年的地区生产总值实际数。")
    nothing = _ask(hailar, "海拉尔区2020年GDP目标完成了吗")
    assert nothing.abstained and "海拉尔区已索引2016–2018年的报告" in nothing.text


def test_a_series_question_has_a_line_per_year(hailar):
    answer = _ask(hailar, "海拉尔区历年GDP增长目标与实际", kind=AnswerKind.SERIES)
    lines = answer.text.splitlines()
    assert lines[0] == "海拉尔区地区生产总值增长目标与实际（2015–2018年）："
    assert [line[:5] for line in lines[1:]] == ["2015年", "2016年", "2017年", "2018年"]
    assert len(answer.citations) == 5


def test_the_ledger_reader_is_chosen_for_status_and_series_questions_only(hailar):
    asked = hailar.parse("海拉尔区2016年GDP增长目标完成了吗？")
    figure = hailar.parse("海拉尔区2016年GDP增长目标是多少？")
    assert ledger_shape(asked) == "status" and ledger_shape(figure) is None
    assert ledger_shape(hailar.parse("海拉尔区2012到2019年GDP增速")) == "series"
    assert isinstance(choose_readers(asked, hailar.settings)[0], LedgerReader)
    assert not any(isinstance(r, LedgerReader) for r in choose_readers(figure, hailar.settings))
    asked_nothing = replace(asked, indicators=())
    assert LedgerReader().read(asked_nothing, (), ReadContext(hailar.texts.locate, index=hailar)) is None


# -- with the LLM reader: the model writes the two figures, verified; the ledger gives the verdict ----

from tests.fakes.openai_server import openai_server  # noqa: E402,F401 - fixture


def _llm_ask(bot, server, question: str):
    from dataclasses import replace as copy

    settings = copy(bot.settings, llm_base_url=server.base_url, llm_model="fake-model", llm_api_key="k",
                    llm_timeout=2.0, llm_max_retries=0)
    return LedgerReader(settings).read(bot.parse(question), (), ReadContext(bot.texts.locate, index=bot))


def test_the_llm_writes_from_the_two_quotes_and_the_verdict_is_the_ledgers(hailar, openai_server):
    openai_server.reply("海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际同比增长7.2%[2]。")
    answer = _llm_ask(hailar, openai_server, "海拉尔区2016年GDP增长目标完成了吗？")
    assert answer.text == "海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际同比增长7.2%[2]。结论：未完成目标，差0.3个百分点。"
    assert answer.reader == "fake-model"
    assert [(c.number, c.year) for c in answer.citations] == [(1, 2016), (2, 2017)]
    assert all(hailar.document_text(c.source)[c.start : c.end] == c.quote for c in answer.citations)
    (request,) = openai_server.chat_requests()
    prompt = "\n".join(str(m) for m in request.messages)
    assert "地区生产总值增长7.5%" in prompt and "同比增长7.2%" in prompt and "不要计算差额" in prompt


def test_an_llm_figure_not_in_the_quotes_falls_back_to_the_extractive_answer(hailar, openai_server):
    openai_server.reply("目标为7.5%[1]，实际增长7%[2]。")
    openai_server.reply("目标为7.5%[1]，实际增长7%[2]。")
    answer = _llm_ask(hailar, openai_server, "海拉尔区2016年GDP增长目标完成了吗？")
    assert answer.text == "海拉尔区2016年地区生产总值增长目标为7.5%[1]，实际增长7.2%[2]：未完成目标，差0.3个百分点。"
    assert answer.reader == "ledger" and answer.notices and "两次未通过核对" in answer.notices[0]
