"""What a question asks OF a document it names: when the rules take effect, how long they hold, who
interprets them; and the figures of a plan named by its title.

Measures and rules say this only in their closing articles ("本办法由省海洋局负责解释。本办法自2031年5月1日
起施行，有效期3年。"), which share no word with the subject the question names the document by, so a
search for every word of the question ranks them below every article about the subject. Made-up
measures without titles, the fake embedder.
"""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.core.datatypes import Wanted
from assistant.knowledge.figures import extract_figures
from assistant.readers.dates import dates_in, in_own_words
from assistant.readers.measure import fits
from assistant.readers.passages import _actions_done
from assistant.retrieval.queries import asked_query
from assistant.retrieval.retrievers import with_asked
from assistant.understanding.parser import detect_wanted
from tests.fakes.corpus import assistant_over

# subject, body that interprets, start date, validity in years
MEASURES = {
    "rules_01.txt": ("海洋牧场建设", "省海洋局", "2031年5月1日", 3),
    "rules_02.txt": ("冷链物流网络", "省商务厅", "2031年7月1日", 5),
    "rules_03.txt": ("古籍保护利用", "省文化和旅游厅", "2032年1月1日", 2),
    "rules_04.txt": ("农村供水保障", "省水利厅", "2031年10月1日", 4),
}


def _measures(subject: str, body: str, start: str, years: int) -> str:
    articles = "\n".join(
        f"第{n}条 {subject}应当坚持统筹谋划、分类施策，{subject}项目实行清单管理，加强{subject}监督检查。"
        for n in "二三四五六七八九十"
    )
    return (
        f"第一条 为规范{subject}管理，推进{subject}高质量发展，制定本办法。\n"
        f"{articles}\n"
        "第十一条 到2032年，力争培育技术经纪人800人。\n"
        f"第十二条 本办法由{body}负责解释。\n"
        f"第十三条 本办法自{start}起施行，有效期{years}年。\n"
    )


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    return assistant_over({name: _measures(*values) for name, values in MEASURES.items()}, tmp_path_factory, "measures")


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_the_start_date_of_measures_named_by_their_subject(bot, name):
    subject, _, start, _ = MEASURES[name]
    answer = bot.answer(f"{subject}管理暂行办法自何时起施行？")
    assert not answer.abstained and start in answer.text
    assert any(c.source == name for c in answer.citations)


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_how_long_measures_named_by_their_subject_hold(bot, name):
    subject, _, _, years = MEASURES[name]
    answer = bot.answer(f"{subject}管理办法的有效期是多久？")
    assert not answer.abstained and f"有效期{years}年" in answer.text
    assert any(c.source == name for c in answer.citations)


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_who_interprets_measures_named_by_their_subject(bot, name):
    subject, body, _, _ = MEASURES[name]
    answer = bot.answer(f"{subject}管理办法由哪个部门负责解释？")
    statement = answer.text.split("\n")[0]
    assert body in statement
    assert all(other not in statement for _, other, _, _ in MEASURES.values() if other != body)


def test_a_count_of_people_asked_with_another_counter(bot):
    answer = bot.answer("海洋牧场建设管理办法提出到2032年培育多少名技术经纪人？")
    assert not answer.abstained and "800人" in answer.text


def test_the_kind_of_document_is_not_what_the_question_is_about(bot):
    parsed = bot.parse("海洋牧场建设管理暂行办法由哪些部门负责解释？")
    assert "暂行办法" not in parsed.topic and "暂行办法" in parsed.aspects
    assert "多久" not in bot.parse("冷链物流网络管理办法的有效期是多久？").topic


def test_a_body_does_the_actions_after_its_name_only():
    assert _actions_done("本政策由济南市科技局负责解释。", ("负责", "解释")) == {"负责", "解释"}
    assert _actions_done("为我市负责任的推动人工智能发展提供咨询。", ("负责", "解释")) == set()


def test_validity_is_read_as_how_long_a_document_holds():
    stated = dates_in("本办法有效期五年，自发布之日起施行。")
    assert [(d.phrase, d.role) for d in stated] == [("有效期五年", "end"), ("发布之日起", "start")]
    assert in_own_words(stated[0], "zh") == "有效期五年"  # not "至有效期五年"


def test_the_search_inside_a_named_document_adds_the_words_of_the_field_asked(bot):
    parsed = bot.parse("海洋牧场建设管理办法自何时起施行？")
    assert {"施行", "实施"} <= set(asked_query(parsed).split())
    assert "有效期" in asked_query(bot.parse("海洋牧场建设管理办法的有效期到什么时候？")).split()


def test_passages_asked_of_a_document_follow_the_fused_ranking(bot):
    keyword = bot.indexer.keyword_index()
    passages = [p for record in bot.documents() for p in keyword.document_passages(record.doc_id)]
    assert [p.id for p in with_asked(passages[:2], [passages[1], passages[3]])] == [
        passages[0].id, passages[1].id, passages[3].id]


def test_people_counted_with_any_counter_and_english_cues_read_as_words():
    figure = extract_figures("新培育技术经纪人1000人")[0]
    assert fits(figure, Wanted("level", "名")) > 0 and fits(figure, Wanted("level", "个")) < 0
    assert detect_wanted("How many AI application demonstration projects will Qingdao build?", "en").measure == "level"
    assert detect_wanted("What is the ratio of R&D spending to GDP?", "en").measure == "rate"


def test_english_smart_reads_as_the_chinese_documents_write_it(bot):
    assert bot.parse("What are the tasks of the smart manufacturing action plan?").topic == ("智能制造",)
    assert "智能" in bot.parse("How many smart devices were sold?").topic
    assert bot.parse("What does the smart city plan say?").topic == ("智慧城市",)
