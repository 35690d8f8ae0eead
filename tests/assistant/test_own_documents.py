"""A user's own folder of government documents, ingested without a manifest (issue #17).

Twelve Shandong policy documents (province_001 … province_012 of the policy corpus), two national
ones, and a fragment whose region cannot be read. The deterministic fake embedder keeps this fast:
these tests are about metadata, filters and refusals, not ranking quality.
"""

from __future__ import annotations

import re
import shutil

import pytest

from assistant.api import Assistant
from assistant.core.errors import MetadataError
from tests.conftest import POLICY_DIR as POLICY
from tests.conftest import SHANDONG_TWELVE as SHANDONG
from tests.conftest import shandong_folder
from tests.fakes.embeddings import HashedNgramEmbeddings
NATIONAL = [POLICY / "national_089_2020-04-28.txt", POLICY / "national_154_2015-12-29.txt"]
FRAGMENT = "制造实用工程人才、卓越工程师培养和培训。优化人才引进和培养环境，完善股权、期权等激励机制，支持智能制造示范园区建设。\n"


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    folder = shandong_folder(tmp_path_factory.mktemp("own_documents"))
    for path in NATIONAL:
        shutil.copy(path, folder / path.name)
    (folder / "片段.txt").write_text(FRAGMENT, encoding="utf-8")
    assistant = Assistant(index_dir=tmp_path_factory.mktemp("own_index"), embedder=HashedNgramEmbeddings())
    report = assistant.ingest([folder])
    assert report.ok, report.failed
    return assistant


def sources(answer) -> list[str]:
    return [p.source for p in answer.passages]


def test_documents_get_their_region_year_and_how_it_was_found(bot):
    metas = {r.meta.source: r.meta for r in bot.documents()}
    shandong = [metas[p.name] for p in SHANDONG]
    assert sum(meta.province == "山东省" for meta in shandong) >= 11
    assert all(meta.year == int(p.stem[-10:-6]) for meta, p in zip(shandong, SHANDONG))
    five = metas["province_005_2019-05-24.txt"]
    assert (five.region, five.issuer, five.date) == ("山东省", "山东省人民政府", "2019-05-17")
    assert five.source_of("region").method.startswith("issuer") and five.source_of("year").confidence >= 0.9
    assert metas["片段.txt"].region == "" and metas["片段.txt"].source_of("region") is None


def test_a_question_about_shandong_searches_shandongs_documents_and_is_not_refused(bot):
    answer = bot.answer("山东省推进人工智能产业有哪些措施？")
    assert "索引中没有" not in answer.text
    assert answer.passages and answer.filters["regions"] == ["山东省"]
    assert all(p.region in ("山东省", "") for p in answer.passages)  # its documents, and those of unknown region
    assert "province_005_2019-05-24.txt" in sources(answer)


def test_a_question_without_a_place_searches_every_document(bot):
    answer = bot.answer("工业大数据实施方案的总体目标是什么？")
    assert "索引中没有" not in answer.text and answer.filters["regions"] == []
    assert "province_009_2020-12-11.txt" in sources(answer)
    assert any(p.section.startswith("一、总体目标") for p in answer.passages if p.source == "province_009_2020-12-11.txt")


def test_a_target_year_does_not_hide_a_plan_issued_before_it(bot):
    answer = bot.answer("到2022年山东省要建成多少个工业互联网平台？")
    assert "没有涵盖" not in answer.text and answer.filters["years"] == []
    assert answer.passages


def test_the_words_before_de_baogao_are_no_place(bot):
    answer = bot.answer("截至2月10日，各地复工复产的报告有哪些？")
    assert "截至的报告" not in answer.text and "索引中没有截至" not in answer.text


def test_a_place_no_document_is_about_is_refused_and_the_coverage_never_lists_bare_years(bot):
    answer = bot.answer("深圳2024年GDP增长目标是多少？")
    assert answer.abstained and "索引中没有深圳市的报告" in answer.text
    assert not re.search(r"[：、]（\d{4}", answer.text), answer.text  # "现有报告覆盖：（2016/2018）" was the bug
    assert "地区未识别的文件" in answer.text


def test_a_place_inside_the_asked_one_is_searched_with_a_notice(bot):
    answer = bot.answer("济南市推进先进制造业发展有哪些政策措施？")
    assert "索引中没有" not in answer.text
    assert answer.filters["regions"] == ["济南市"]
    answer = bot.answer("青岛市有哪些人工智能政策？")  # no Qingdao document among the twelve
    assert answer.abstained and "青岛市" in answer.text


def test_a_place_only_an_untagged_document_names_is_searched_for_with_a_notice(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text("加快推进智能制造。支持青岛建设人工智能创新应用先导区，打造一批示范工厂。\n", encoding="utf-8")
    (folder / "2024_赣州市_政府工作报告.txt").write_text("赣州市2024年政府工作报告\n全市地区生产总值增长6%左右。\n", encoding="utf-8")
    assistant = Assistant(index_dir=tmp_path / "index", embedder=HashedNgramEmbeddings())
    assert assistant.ingest([folder]).ok
    assert {r.meta.source: r.meta.region for r in assistant.documents()}["note.txt"] == ""
    answer = assistant.answer("青岛人工智能先导区有哪些建设任务？")
    assert "索引中没有" not in answer.text
    assert any("未能与任何已索引文件的地区信息对应" in notice for notice in answer.notices)
    assert "note.txt" in sources(answer)


def test_a_users_correction_persists_re_tags_the_passages_and_survives_re_ingesting(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SHANDONG[3], folder / SHANDONG[3].name)  # province_004: a fragment that names no place
    embedder = HashedNgramEmbeddings()
    assistant = Assistant(index_dir=tmp_path / "index", embedder=embedder)
    assert assistant.ingest([folder]).ok
    before = embedder.calls
    record = assistant.correct(SHANDONG[3].name, {"region": "山东省", "year": "2017", "title": "山东省智能制造发展规划"})
    assert (record.meta.region, record.meta.level.value, record.meta.province, record.meta.year) == ("山东省", "province", "山东省", 2017)
    assert record.meta.source_of("region").method == "user" and record.meta.source_of("region").confidence == 1.0
    assert embedder.calls == before  # nothing embedded again
    answer = assistant.answer("山东省智能制造人才培养有哪些措施？")
    assert answer.passages and all(p.region == "山东省" and p.title == "山东省智能制造发展规划" for p in answer.passages)
    assert answer.filters["regions"] == ["山东省"]
    report = assistant.ingest([folder])
    assert report.unchanged == (SHANDONG[3].name,)  # the correction is kept, the file not re-indexed
    assert next(r.meta for r in assistant.documents()).region == "山东省"
    with pytest.raises(MetadataError, match="region, year"):
        assistant.correct(SHANDONG[3].name, {"colour": "red"})
    with pytest.raises(MetadataError, match="not a year"):
        assistant.correct(SHANDONG[3].name, {"year": "next year"})
    with pytest.raises(MetadataError, match="no indexed document"):
        assistant.correct("missing.txt", {"year": "2019"})


def test_the_documents_command_shows_how_each_field_was_found_and_sets_a_correction(tmp_path, capsys):
    from assistant.interfaces.cli import main as cli_main

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "province_005_2019-05-24.txt").write_text(
        "各市人民政府：\n为推进人工智能产业发展，提出如下意见：\n一、总体要求\n加快发展。\n山东省人民政府\n2019年5月17日\n", encoding="utf-8")
    index = ["--index-dir", str(tmp_path / "index")]
    assert cli_main([*index, "ingest", str(folder)]) == 0
    capsys.readouterr()
    assert cli_main([*index, "documents", "--details"]) == 0
    listing = capsys.readouterr().out
    assert "山东省\t2019\t" in listing
    assert "region    山东省\tissuer (closing lines) 0.90\t“山东省人民政府”" in listing
    assert "title     province_005_2019-05-24\tfile name 0.20" in listing
    assert cli_main([*index, "documents", "--set", "province_005_2019-05-24.txt", "title=关于推进人工智能产业发展的意见",
                     "year=2019"]) == 0
    assert "title     关于推进人工智能产业发展的意见\tuser 1.00" in capsys.readouterr().out
    assert cli_main([*index, "documents", "--set", "province_005_2019-05-24.txt", "year"]) == 2
    assert "is not FIELD=VALUE" in capsys.readouterr().err
