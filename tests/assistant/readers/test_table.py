"""Comparisons, rankings and cross-checks answered from the indicator rows of the five bundled reports."""

from __future__ import annotations

import csv
import io

import pytest

from assistant.core.datatypes import Answer, Citation, Kind
from assistant.interfaces.indicator_table import DISPLAY_COLUMNS, chart_data, indicator_view, rows_for_display, to_csv
from assistant.knowledge.gazetteer import Gazetteer
from assistant.readers.crosscheck import cross_check
from assistant.readers.table import answer_from_table, regions_named
from assistant.understanding.parser import parse_question
from eval.indicators_eval import extract_all, seed_documents


@pytest.fixture(scope="module")
def documents():
    return seed_documents()


@pytest.fixture(scope="module")
def rows(documents):
    return extract_all(documents)


@pytest.fixture(scope="module")
def gazetteer(documents):
    gazetteer = Gazetteer.builtin()
    for document in documents:
        gazetteer.add(document.meta.region, document.meta.level)
    return gazetteer


@pytest.fixture(scope="module")
def ask(documents, rows, gazetteer):
    regions = sorted({d.meta.region for d in documents})
    english = {name: gazetteer.get(name).english for name in regions}

    def ask(question: str) -> Answer | None:
        parsed = parse_question(question, gazetteer, reference_year=2024)
        named = regions_named(parsed.regions, regions)
        return answer_from_table(parsed, rows, parsed.language, regions=named, english_names=english)

    return ask


def _assert_exact_quotes(answer: Answer, documents) -> None:
    originals = {d.meta.source: d.original for d in documents}
    for citation in answer.citations:
        assert originals[citation.source][citation.start : citation.end] == citation.quote


def test_comparison_cites_each_region_once_with_exact_quotes(ask, documents):
    answer = ask("2024年各地GDP增长目标对比")
    assert answer.reader == "table"
    assert [c.region for c in answer.citations] == ["鹰潭市月湖区", "赣州市", "萍乡市", "景德镇市珠山区"]
    assert [c.number for c in answer.citations] == [1, 2, 3, 4]
    _assert_exact_quotes(answer, documents)
    assert "鹰潭市月湖区增长6.5%左右 [1]" in answer.text
    assert answer.filters["kind"] == "target" and answer.filters["years"] == [2024]


def test_ranking_names_the_highest_first(ask, documents):
    answer = ask("哪个地区2024年社会消费品零售总额增长目标最高")
    assert answer.text.startswith("2024年社会消费品零售总额目标最高的是鹰潭市月湖区：增长7.5%左右 [1]")
    values = [float(c.quote.split("增长")[-1].split("%")[0]) for c in answer.citations]
    assert values == sorted(values, reverse=True)
    _assert_exact_quotes(answer, documents)


def test_ranking_lowest_puts_the_lowest_first(ask):
    answer = ask("2024年哪个地区GDP增长目标最低")
    assert [c.region for c in answer.citations] == ["景德镇市珠山区", "萍乡市", "赣州市", "鹰潭市月湖区"]
    assert "最低的是景德镇市珠山区" in answer.text


def test_english_comparison_of_two_named_regions(ask, documents):
    answer = ask("Compare the 2024 GDP targets of Ganzhou and Pingxiang")
    assert [c.region for c in answer.citations] == ["赣州市", "萍乡市"]
    assert answer.text.startswith("2024 GDP target by region: Ganzhou (赣州市): growth of about 6% [1]")
    assert "Pingxiang (萍乡市): growth of about 5.5% [2]" in answer.text
    _assert_exact_quotes(answer, documents)


def test_english_highest_target(ask):
    answer = ask("Which region set the highest 2024 GDP growth target?")
    assert answer.text.startswith("The highest 2024 GDP target is Yuehu District (鹰潭市月湖区)'s")
    assert len(answer.citations) == 4


def test_actual_comparison_stands_in_an_estimate_and_says_so(ask):
    answer = ask("赣州和萍乡2023年GDP实际增长对比")
    assert [c.region for c in answer.citations] == ["赣州市", "萍乡市"]
    assert "萍乡市预计增长3.5%左右 [2]" in answer.text


def test_named_region_without_the_figure_is_reported(ask):
    answer = ask("比较萍乡和珠山区2024年工业投资增长目标")
    assert [c.region for c in answer.citations] == ["萍乡市"]
    assert answer.text.endswith("景德镇市珠山区的报告中没有这一数字。")


def test_regions_named_finds_every_region_not_only_the_most_specific(gazetteer, documents):
    regions = sorted({d.meta.region for d in documents})
    parsed = parse_question("赣州和青山湖区哪个高", gazetteer)
    assert regions_named(parsed.regions, regions) == ("赣州市", "南昌市青山湖区")


def test_one_named_region_or_no_indicator_is_left_to_the_reader(ask):
    assert ask("赣州2024年GDP目标比2023年高吗") is None
    assert ask("哪个地区的营商环境最好") is None


def _single_answer(parsed, region: str, quote: str, source: str) -> Answer:
    citation = Citation(source=source, title="", region=region, year=2024, quote=quote, start=0, end=len(quote))
    return Answer(question=parsed.text, text=quote, abstained=False, citations=(citation,), parsed=parsed)


def test_cross_check_names_both_figures_when_they_disagree(gazetteer, rows):
    parsed = parse_question("赣州2024年GDP增长目标是多少？", gazetteer, reference_year=2024)
    answer = _single_answer(parsed, "赣州市", "GDP增长7%左右", "other.txt")
    notices = cross_check(answer, rows)
    assert len(notices) == 1
    assert "6%左右" in notices[0] and "7%左右" in notices[0]
    assert "2024_赣州市_政府工作报告要点.txt" in notices[0] and "other.txt" in notices[0]


def test_cross_check_is_silent_when_figures_agree_or_measure_other_units(gazetteer, rows):
    parsed = parse_question("赣州2024年GDP增长目标是多少？", gazetteer, reference_year=2024)
    assert cross_check(_single_answer(parsed, "赣州市", "GDP增长6%左右", "a.txt"), rows) == ()
    assert cross_check(_single_answer(parsed, "赣州市", "GDP达到5000亿元", "a.txt"), rows) == ()
    english = parse_question("What was Zhushan's GDP in 2023?", gazetteer, reference_year=2024)
    answer = _single_answer(english, "景德镇市珠山区", "实现地区生产总值287.2亿元", "a.txt")
    assert cross_check(answer, rows) == ()


def test_rows_for_display_and_csv_use_bilingual_columns(rows):
    display = rows_for_display(rows[:3])
    assert list(display[0]) == list(DISPLAY_COLUMNS)
    assert display[0]["类型 Kind"] in ("目标 target", "实际 actual", "预计 estimate")
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert len(parsed) == len(rows)
    assert parsed[0]["地区 Region"] == rows[0].region


def test_chart_data_has_one_bar_per_region_highest_first(rows):
    bars = chart_data(rows, "gdp", 2024, Kind.TARGET)
    assert [(b["region"], b["value"]) for b in bars] == [
        ("鹰潭市月湖区", 6.5), ("赣州市", 6.0), ("萍乡市", 5.5), ("景德镇市珠山区", 5.0),
    ]
    assert chart_data(rows, "gdp", 2030, "target") == []


def test_assistant_routes_comparisons_to_the_table(reports_assistant):
    answer = reports_assistant.answer("2024年各地GDP增长目标对比")
    assert answer.reader == "table"
    assert [c.region for c in answer.citations] == ["鹰潭市月湖区", "赣州市", "萍乡市", "景德镇市珠山区"]
    for citation in answer.citations:
        assert reports_assistant.document_text(citation.source)[citation.start : citation.end] == citation.quote


def test_indicator_view_filters_table_chart_and_csv_alike(rows):
    view = indicator_view(rows, "retail_sales", 2024, "target")
    assert len(view.table) == 4 and all(len(line) == len(view.headers) for line in view.table)
    assert [bar["region"] for bar in view.chart][0] == "鹰潭市月湖区"
    assert view.csv.count("\n") == 5  # header and four rows
    everything = indicator_view(rows, None, None, None)
    assert len(everything.table) == len(rows) and everything.chart == []


def test_cli_indicators_prints_the_filtered_table_and_csv(reports_index_dir, capsys):
    from assistant.interfaces import cli

    assert cli.main(["--index-dir", str(reports_index_dir), "indicators", "--indicator", "gdp", "--year", "2024",
                     "--kind", "target"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "4 rows"
    assert [line.split("\t")[0] for line in lines[:-1]] == ["景德镇市珠山区", "萍乡市", "赣州市", "鹰潭市月湖区"]
    assert lines[2].split("\t")[4] == "+6%左右" and lines[2].endswith("“GDP增长6%左右”")
    assert cli.main(["--index-dir", str(reports_index_dir), "indicators", "--kind", "estimate", "--csv"]) == 0
    records = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["类型 Kind"] for r in records} == {"预计 estimate"} and len(records) == 12


def test_cli_indicators_rejects_an_unknown_indicator_with_the_close_matches(reports_index_dir, capsys):
    from assistant.interfaces import cli

    assert cli.main(["--index-dir", str(reports_index_dir), "indicators", "--indicator", "gpd"]) == 2
    assert "did you mean 地区生产总值 (gdp)" in capsys.readouterr().err
