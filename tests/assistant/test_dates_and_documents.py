"""Date and document questions over a user's own notices, ingested without a manifest.

"…应在什么时间前报送？" is answered with the date stated in the answer's own words and the sentence that
sets it cited; "…由哪个部门印发？哪天印发？" from the document's metadata read off its closing lines;
"哪个文件要求…" with the title of the document that says it. Two made-up notices that differ only in
topic and dates; the deterministic fake embedder keeps this about reading, not ranking.
"""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.core.datatypes import AnswerKind
from assistant.readers.dates import dates_in, in_own_words
from tests.fakes.corpus import assistant_over

FARMING = """江苏省农业农村厅关于开展智慧农业示范基地认定工作的通知
各设区市农业农村局：
为加快推进智慧农业发展，现就开展智慧农业示范基地认定工作通知如下。
一、认定条件
智慧农业示范基地应具备物联网监测、精准灌溉和农产品质量追溯等应用场景。
二、申报程序
各设区市农业农村局组织审核后，请于2031年3月15日前将智慧农业示范基地推荐材料报送省农业农村厅。
三、其他事项
本通知自印发之日起施行，有效期至2033年12月31日。

江苏省农业农村厅
2031年1月20日
"""

WATER = """江苏省水利厅关于开展智慧水务试点申报工作的通知
各设区市水利局：
为推进智慧水务建设，现就开展智慧水务试点申报工作通知如下。
一、申报范围
智慧水务试点应覆盖供水调度、管网漏损监测和用水计量等场景。
二、申报时间
请各设区市水利局于2031年5月10日前将智慧水务试点申报材料报送省水利厅。

江苏省水利厅
2031年2月8日
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    return assistant_over({"智慧农业通知.txt": FARMING, "智慧水务通知.txt": WATER}, tmp_path_factory, "notices")


def _exact(bot: Assistant, answer) -> None:
    originals = {r.meta.source: r for r in bot.documents()}
    assert answer.citations
    for citation in answer.citations:
        assert citation.source in originals
        text = (FARMING if citation.source == "智慧农业通知.txt" else WATER)
        assert text[citation.start:citation.end] == citation.quote


def test_a_deadline_is_stated_in_the_answers_own_words_and_cited(bot):
    answer = bot.answer("智慧农业示范基地推荐材料应在什么时间前报送？")
    assert answer.parsed.answer_kind is AnswerKind.DATE and not answer.abstained
    first_line = answer.text.splitlines()[0]
    assert "2031年3月15日前" in first_line and "5月10日" not in answer.text
    assert any("2031年3月15日前" in c.quote for c in answer.citations)
    _exact(bot, answer)


def test_the_end_of_validity_is_the_date_after_有效期至_not_the_deadline(bot):
    answer = bot.answer("智慧农业示范基地认定通知的有效期到什么时候？")
    first_line = answer.text.splitlines()[0]
    assert "2033年12月31日" in first_line and "3月15日" not in first_line
    _exact(bot, answer)


def test_a_start_is_read_from_自印发之日起施行(bot):
    answer = bot.answer("智慧农业示范基地认定通知自何时起施行？")
    assert "印发之日起" in answer.text.splitlines()[0]


def test_who_issued_a_notice_and_when_come_from_its_closing_lines(bot):
    answer = bot.answer("智慧水务试点申报的通知是由哪个部门印发的？哪天印发？")
    assert answer.parsed.answer_kind is AnswerKind.DOCUMENT
    assert set(answer.parsed.asked_fields) >= {"issuer", "issue_date"}
    first_line = answer.text.splitlines()[0]
    assert "江苏省水利厅" in first_line and "2031年2月8日" in first_line
    assert "农业农村厅" not in first_line
    _exact(bot, answer)


def test_which_document_names_the_title_of_the_one_that_says_it(bot):
    answer = bot.answer("哪个文件要求申报材料在2031年5月10日前报送？")
    assert answer.parsed.answer_kind is AnswerKind.DOCUMENT
    assert "智慧水务试点申报工作的通知" in answer.text.splitlines()[0]
    assert all(c.source == "智慧水务通知.txt" for c in answer.citations)


def test_a_date_about_something_no_notice_names_is_not_given(bot):
    answer = bot.answer("智慧渔业补贴申报什么时候截止？")
    assert answer.abstained and not answer.citations
    assert "渔业" in answer.text and "5月10日" not in answer.text and "3月15日" not in answer.text


def test_an_english_deadline_is_also_written_in_english():
    (date,) = dates_in("请于2031年3月15日前将推荐材料报送。")
    assert date.role == "deadline"
    assert in_own_words(date, "en") == "by 15 March 2031 (2031年3月15日前)"
    start, end = dates_in("本办法自2022年4月15日起施行，有效期至2027年4月14日。")
    assert (start.role, end.role) == ("start", "end")
    assert in_own_words(end, "zh") == "至2027年4月14日"
