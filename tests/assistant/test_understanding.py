"""Question understanding end to end: years, synonyms, English and pinyin, cities vs districts.

Runs on the five bundled reports plus three national reports that share their wording
(2017 and 2018 both set GDP "6.5%左右"; 2019 set "6%-6.5%"): only the year can decide.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import PROJECT_ROOT, copy_embedding_cache

NATIONAL = ["2017_2017年中华人民共和国国务院政府工作报告.txt", "2018_2018年中华人民共和国国务院政府工作报告.txt",
            "2019_2019年中华人民共和国国务院政府工作报告.txt"]


@pytest.fixture(scope="module")
def bot(reports_index_dir, tmp_path_factory):
    from assistant.api import Assistant

    national = tmp_path_factory.mktemp("national")
    for name in NATIONAL:
        shutil.copy(PROJECT_ROOT / "data" / "national" / name, national / name)
    shutil.copy(PROJECT_ROOT / "data" / "national" / "manifest.csv", national / "manifest.csv")
    index_dir = tmp_path_factory.mktemp("understanding_index")
    copy_embedding_cache(reports_index_dir, index_dir)
    assistant = Assistant(index_dir=index_dir)
    report = assistant.ingest([PROJECT_ROOT / "data" / "reports", national])
    assert report.ok, report.failed
    return assistant


def _quote(answer) -> str:
    assert not answer.abstained, answer.text
    return re.sub(r"\s+", "", answer.citations[0].quote)


@pytest.mark.parametrize(
    "question, source_year, evidence",
    [
        ("2019年国内生产总值增长目标是多少？", 2019, "国内生产总值增长6%－6.5%"),
        ("2018年国内生产总值增长目标是多少？", 2018, "国内生产总值增长6.5%左右"),
        ("2017年GDP增长预期目标", 2017, "国内生产总值增长6.5%左右"),
        ("What was China's GDP growth target for 2019?", 2019, "国内生产总值增长6%－6.5%"),
    ],
)
def test_the_year_decides_between_reports_with_the_same_wording(bot, question, source_year, evidence):
    answer = bot.answer(question)
    assert answer.citations[0].year == source_year
    assert evidence in _quote(answer)


@pytest.mark.parametrize("name", ["GDP", "地区生产总值", "生产总值", "经济增长", "经济增速"])
def test_synonyms_of_gdp_retrieve_the_same_clause(bot, name):
    answer = bot.answer(f"萍乡2024年{name}预期目标是多少？")
    assert _quote(answer).endswith("地区生产总值增长5.5%左右") or _quote(answer) == "地区生产总值增长5.5%左右"
    assert answer.citations[0].source == "2024_萍乡市_政府工作报告要点.txt"


@pytest.mark.parametrize(
    "question",
    ["萍乡2024年社会消费品零售总额增长目标", "萍乡2024年社零增长目标", "What is Pingxiang's 2024 retail sales growth target?"],
)
def test_synonyms_of_retail_sales_retrieve_the_same_clause(bot, question):
    assert "零售总额增长6.5%左右" in _quote(bot.answer(question))


@pytest.mark.parametrize(
    "question, source",
    [
        ("What was Ganzhou's 2024 GDP target?", "2024_赣州市_政府工作报告要点.txt"),
        ("What is Gan Zhou's GDP growth goal for 2024?", "2024_赣州市_政府工作报告要点.txt"),
        ("Pingxiang 2024 GDP growth target", "2024_萍乡市_政府工作报告要点.txt"),
        ("Qingshanhu District 2023 GDP growth target", "2023_南昌市青山湖区_国民经济和社会发展计划报告.txt"),
        ("Zhushan 2024 GDP growth target", "2024_景德镇市珠山区_国民经济和社会发展计划报告.txt"),
        ("What is Yuehu District's 2024 GDP growth target?", "2024_鹰潭市月湖区_政府工作报告节选.txt"),
    ],
)
def test_english_and_pinyin_region_names_find_their_report(bot, question, source):
    answer = bot.answer(question)
    assert answer.citations[0].source == source
    assert answer.parsed.language == "en"
    assert not re.search(r"[\u4e00-\u9fff]{6,}(?![^“]*”)", answer.text.split("“")[0])  # English around the quote


@pytest.mark.parametrize("question", ["南昌市2023年GDP增长目标是多少？", "What was Nanchang's 2023 GDP growth target?"])
def test_a_city_is_not_answered_with_its_districts_figure(bot, question):
    answer = bot.answer(question)
    assert answer.abstained and answer.citations == ()
    assert "青山湖区" in answer.text  # says which district did report


def test_last_year_is_resolved_against_the_reports_year(bot):
    answer = bot.answer("赣州去年GDP增长了多少？", region="赣州市")
    assert "5.3%" in _quote(answer)


def test_the_parse_is_part_of_the_answer_so_a_wrong_answer_can_be_traced(bot):
    parsed = bot.answer("What was Ganzhou's 2024 GDP target?").parsed
    assert (parsed.region.name, parsed.years, parsed.kind.value, parsed.indicators, parsed.language) == (
        "赣州市", (2024,), "target", ("gdp",), "en"
    )
