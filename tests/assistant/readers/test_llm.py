"""The generating reader through the real langchain-openai client and a real local HTTP server.

Passages are cut from the bundled reports' original text (so ``locate`` is a plain slice); the
end-to-end tests at the bottom use the session index of the five reports (tests/conftest.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.core.datatypes import (
    Answer, AnswerKind, DocumentMeta, Kind, Level, ParsedQuestion, Passage, Region, content_hash,
)
from assistant.core.settings import Settings
from assistant.knowledge.figures import contains_figure, parse_figure
from assistant.readers import FigureReader, PassageReader, ReadContext
from assistant.readers.llm import LLMReader, make_chat_model
from tests.fakes.openai_server import FakeOpenAIServer, closed_port_url, openai_server  # noqa: F401 - fixture

from tests.conftest import REPORTS_DIR as REPORTS
from tests.conftest import streamed_items
GANZHOU = "2024_赣州市_政府工作报告要点.txt"
PINGXIANG = "2024_萍乡市_政府工作报告要点.txt"
SECRET = "sk-test-DO-NOT-LOG-4f9a2c"
TIMEOUT = 1.0

GDP_QUESTION = ParsedQuestion(
    text="赣州2024年GDP增长目标是多少？",
    language="zh",
    region=Region("赣州市", Level.CITY, ("江西省",), "Ganzhou"),
    region_mention="赣州",
    years=(2024,),
    kind=Kind.TARGET,
    indicators=("gdp",),
)
GDP_QUESTION_EN = replace(
    GDP_QUESTION,
    text="What is Ganzhou's GDP growth target for 2024?",
    language="en",
    region_mention="Ganzhou",
    keywords=("地区生产总值", "GDP"),
)
GOOD_REPLY = "赣州市2024年GDP增长目标为6%左右[1]。"


def _original(source: str) -> str:
    return (REPORTS / source).read_text(encoding="utf-8")


def _passage(source: str, marker: str, length: int, region: str, title: str) -> Passage:
    """A passage of a report's original text starting at ``marker`` (uncleaned, so offsets are original)."""
    original = _original(source)
    start = original.index(marker)
    text = original[start : start + length]
    meta = DocumentMeta(source=source, title=title, region=region, province="江西省", level=Level.CITY, year=2024)
    return Passage(id=content_hash(source, text), doc_id=source, text=text, meta=meta, start=start, end=start + length)


def locate(passage: Passage, start: int, end: int) -> tuple[int, int, str]:
    original = _original(passage.doc_id)
    return passage.start + start, passage.start + end, original[passage.start + start : passage.start + end]


PASSAGES = [
    _passage(GANZHOU, "◆主要目标", 90, "赣州市", "赣州市2024年政府工作报告（图解要点）"),
    _passage(PINGXIANG, "地区生产总值增长5.5%左右", 120, "萍乡市", "萍乡市2024年政府工作报告要点摘登"),
    _passage(GANZHOU, "全年GDP", 60, "赣州市", "赣州市2024年政府工作报告（图解要点）"),
    _passage(PINGXIANG, "预计全年地区生产总值同比增长3.5%左右", 80, "萍乡市", "萍乡市2024年政府工作报告要点摘登"),
    _passage(GANZHOU, "促消费成效明显", 60, "赣州市", "赣州市2024年政府工作报告（图解要点）"),
]


def settings_for(base_url: str, **overrides: object) -> Settings:
    values = dict(llm_base_url=base_url, llm_model="fake-model", llm_api_key=SECRET,
                  llm_timeout=TIMEOUT, llm_max_retries=0)
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def llm_reader(settings: Settings) -> LLMReader:
    """The LLM reader with the figure reader as its fallback, as ``choose_readers`` builds it."""
    return LLMReader(settings, fallback=FigureReader())


def llm_read(question: ParsedQuestion, passages, settings: Settings, coverage_note: str = "") -> Answer:
    return llm_reader(settings).read(question, passages, ReadContext(locate, coverage_note))


def llm_stream(question: ParsedQuestion, passages, settings: Settings):
    return llm_reader(settings).stream(question, passages, ReadContext(locate))


def ask(server: FakeOpenAIServer, question: ParsedQuestion = GDP_QUESTION) -> Answer:
    return llm_read(question, PASSAGES, settings_for(server.base_url))


# -- answers that pass -----------------------------------------------------------------------------


def test_correct_cited_answer_passes_with_exact_quote(openai_server):
    openai_server.reply(GOOD_REPLY)
    answer = ask(openai_server)
    assert answer.text == GOOD_REPLY
    assert answer.reader == "fake-model"
    assert not answer.abstained and answer.notices == ()
    (citation,) = answer.citations
    assert citation.number == 1 and citation.source == GANZHOU
    assert citation.quote == _original(GANZHOU)[citation.start : citation.end]
    assert citation.quote == "GDP增长6%左右"  # the clause holding the figure, not the whole passage
    assert len(openai_server.chat_requests()) == 1


def test_prompt_numbers_passages_and_tells_the_rules(openai_server):
    openai_server.reply(GOOD_REPLY)
    ask(openai_server)
    (request,) = openai_server.chat_requests()
    system, user = request.messages[0]["content"], request.messages[1]["content"]
    assert request.messages[0]["role"] == "system" and "只能依据下面编号的资料回答" in system
    assert "照资料原样抄写" in system and "已索引的报告中没有找到相关数字" in system
    assert "[1] 来源：赣州市2024年报告" in user and "[5] 来源：" in user and "[6]" not in user
    assert user.rstrip().endswith("问题：赣州2024年GDP增长目标是多少？")
    assert request.body["model"] == "fake-model" and request.headers["authorization"] == f"Bearer {SECRET}"


def test_answer_citing_two_passages_quotes_each(openai_server):
    openai_server.reply("赣州市目标为6%左右[1]，萍乡市为5.5%左右[2]。")
    answer = ask(openai_server)
    assert [c.number for c in answer.citations] == [1, 2]
    # passage 2 also states 6%左右 (工业投资), but the answer cites it only for 5.5%左右
    assert [c.quote for c in answer.citations] == ["GDP增长6%左右", "地区生产总值增长5.5%左右"]


def test_model_abstention_is_accepted_with_the_coverage_note(openai_server):
    openai_server.reply("已索引的报告中没有找到相关数字。")
    answer = llm_read(GDP_QUESTION, PASSAGES, settings_for(openai_server.base_url), "检索范围：赣州市（2024）。")
    assert answer.abstained and answer.citations == ()
    assert answer.text == "已索引的报告中没有找到相关数字。 检索范围：赣州市（2024）。"
    assert answer.reader == "fake-model"


def test_english_question_uses_the_english_prompt_and_gets_an_english_answer(openai_server):
    openai_server.reply("Ganzhou's 2024 GDP growth target is about 6% (6%左右) [1].")
    answer = ask(openai_server, GDP_QUESTION_EN)
    (request,) = openai_server.chat_requests()
    assert "Answer ONLY from the numbered passages" in request.messages[0]["content"]
    assert "[1] Source: 赣州市, 2024 report" in request.messages[1]["content"]
    assert "Question: What is Ganzhou's GDP growth target for 2024?" in request.messages[1]["content"]
    assert "来源" not in request.text()
    assert answer.text.startswith("Ganzhou's 2024 GDP growth target is about 6%")
    assert answer.reader == "fake-model" and answer.citations[0].quote == "GDP增长6%左右"


# -- answers that fail verification ----------------------------------------------------------------


def test_figure_in_no_cited_passage_is_regenerated_then_replaced_by_the_extractive_answer(openai_server):
    bad = "赣州市2024年GDP增长目标为7%左右[1]。"
    openai_server.reply(bad)
    openai_server.reply(bad)
    answer = ask(openai_server)
    first, retry = openai_server.chat_requests()
    assert retry.messages[-2] == {"role": "assistant", "content": bad}
    assert "没有通过核对" in retry.messages[-1]["content"]
    assert "7%左右" in retry.messages[-1]["content"]  # the retry prompt names the figure
    assert answer.reader == "extractive"
    assert "6%左右" in answer.text and "7%" not in answer.text
    assert answer.citations[0].quote == answer.citations[0].quote.strip() and "6%左右" in answer.citations[0].quote
    (notice,) = answer.notices
    assert "两次未通过核对" in notice and "7%左右" in notice


def test_failed_answer_is_replaced_by_a_regenerated_one_that_passes(openai_server):
    openai_server.reply("赣州市2024年GDP增长目标为7%[1]。")
    openai_server.reply(GOOD_REPLY)
    answer = ask(openai_server)
    assert answer.text == GOOD_REPLY and answer.reader == "fake-model" and answer.notices == ()
    assert len(openai_server.chat_requests()) == 2


def test_citation_to_passage_9_of_5_is_caught(openai_server):
    openai_server.reply("赣州市2024年GDP增长目标为6%左右[9]。")
    openai_server.reply("赣州市2024年GDP增长目标为6%左右[9]。")
    answer = ask(openai_server)
    retry = openai_server.chat_requests()[1]
    assert "引用了资料[9]，但只给出了5条资料" in retry.messages[-1]["content"]
    assert answer.reader == "extractive" and "资料[9]" in answer.notices[0]


def test_abstention_that_states_an_uncited_figure_is_caught(openai_server):
    openai_server.reply("报告中没有明确说明，大约是7%。")
    openai_server.reply("已索引的报告中没有找到相关数字。")
    answer = ask(openai_server)
    retry = openai_server.chat_requests()[1]
    assert "数字“7%”没有标注出处" in retry.messages[-1]["content"]
    assert answer.abstained and answer.reader == "fake-model"


def test_english_failure_notice_is_english(openai_server):
    openai_server.reply("The target is 8% [1].")
    openai_server.reply("The target is 8% [1].")
    answer = ask(openai_server, GDP_QUESTION_EN)
    assert "the figure 8% is not in the cited passage(s) [1]" in openai_server.chat_requests()[1].text()
    assert answer.notices[0].startswith("The generated answer failed verification twice")


# -- endpoint failures -----------------------------------------------------------------------------


def test_endpoint_down_falls_back_within_the_timeout():
    started = time.perf_counter()
    answer = llm_read(GDP_QUESTION, PASSAGES, settings_for(closed_port_url()))
    assert time.perf_counter() - started < TIMEOUT + 0.5
    assert answer.reader == "extractive" and "6%左右" in answer.text
    assert "cannot connect" in answer.notices[0] and "摘录式回答" in answer.notices[0]


def test_endpoint_stalling_past_the_timeout_falls_back_within_the_timeout(openai_server):
    openai_server.fail("stall")
    started = time.perf_counter()
    answer = ask(openai_server)
    elapsed = time.perf_counter() - started
    assert TIMEOUT * 0.9 < elapsed < TIMEOUT + 1.0
    assert answer.reader == "extractive" and "no reply within 1s" in answer.notices[0]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("429", "HTTP 429"), ("500", "HTTP 500"), ("malformed", "could not be read"), ("garbage", "could not be read")],
)
def test_bad_replies_fall_back_with_a_notice(openai_server, mode, reason):
    openai_server.fail(mode)
    answer = ask(openai_server)
    assert answer.reader == "extractive" and "6%左右" in answer.text
    assert reason in answer.notices[0]


def test_no_passages_means_no_call(openai_server):
    answer = llm_read(GDP_QUESTION, [], settings_for(openai_server.base_url))
    assert answer.abstained and answer.reader == "extractive"
    assert openai_server.requests == []


def test_api_key_never_appears_in_logs_notices_or_repr(openai_server, caplog):
    caplog.set_level(logging.DEBUG)
    settings = settings_for(openai_server.base_url)
    openai_server.fail("429")
    openai_server.reply("目标为7%[1]。")
    openai_server.reply("目标为7%[1]。")
    openai_server.fail("stall")
    answers = [ask(openai_server) for _ in range(3)]
    answers.append(llm_read(GDP_QUESTION, PASSAGES, settings_for(closed_port_url())))
    assert len(caplog.records) > 0
    assert SECRET not in caplog.text
    assert all(SECRET not in " ".join(a.notices) + a.text for a in answers)
    assert SECRET not in repr(settings) and SECRET not in repr(make_chat_model(settings))


# -- streaming -------------------------------------------------------------------------------------


def test_streaming_delivers_tokens_in_order_then_the_verified_answer(openai_server):
    chunks = ["赣州市", "2024年GDP", "增长目标为", "6%左右", "[1]。"]
    openai_server.reply(GOOD_REPLY, chunks=chunks)
    items = streamed_items(llm_stream(GDP_QUESTION, PASSAGES, settings_for(openai_server.base_url)))
    *tokens, final = items
    assert tokens == chunks
    assert isinstance(final, Answer) and final.text == GOOD_REPLY and final.reader == "fake-model"
    assert final.citations[0].quote == "GDP增长6%左右"
    assert openai_server.chat_requests()[0].stream


def test_streamed_answer_failing_verification_ends_with_the_fallback(openai_server):
    openai_server.reply("目标为7%[1]。", chunks=["目标为", "7%", "[1]。"])
    openai_server.reply("目标为7%[1]。")
    items = streamed_items(llm_stream(GDP_QUESTION, PASSAGES, settings_for(openai_server.base_url)))
    assert items[:3] == ["目标为", "7%", "[1]。"]
    final = items[-1]
    assert final.reader == "extractive" and "7%" in final.notices[0] and len(items) == 4


def test_streaming_with_the_endpoint_down_yields_the_fallback_text_then_answer():
    started = time.perf_counter()
    items = streamed_items(llm_stream(GDP_QUESTION, PASSAGES, settings_for(closed_port_url())))
    assert time.perf_counter() - started < TIMEOUT + 0.5
    text, final = items
    assert isinstance(final, Answer) and text == final.text and final.reader == "extractive"
    assert final.notices


def test_streaming_stall_falls_back_within_the_timeout(openai_server):
    openai_server.fail("stall")
    started = time.perf_counter()
    items = streamed_items(llm_stream(GDP_QUESTION, PASSAGES, settings_for(openai_server.base_url)))
    assert time.perf_counter() - started < TIMEOUT + 1.0
    assert items[-1].reader == "extractive" and items[-1].notices


# -- end to end: Assistant over the session index of the five reports ---------------------------------


def _llm_assistant(index_dir, base_url: str):
    from assistant.api import Assistant

    return Assistant(index_dir=index_dir, settings=settings_for(base_url, index_dir=index_dir))


def _retrieved_claim(reports_assistant) -> tuple[int, str]:
    """A passage number [n] the prompt will show and a true reply citing it (first figure of that passage).

    Independent of how well retrieval ranks 赣州's target: these tests are about the LLM path.
    """
    from assistant.knowledge.figures import extract_figures

    passages = reports_assistant.answer(GDP_QUESTION.text).passages
    for number, passage in enumerate(passages, start=1):
        figures = extract_figures(passage.text)
        if figures:
            return number, f"报告写明{figures[0].text}[{number}]。"
    raise AssertionError("no retrieved passage states a figure")


@pytest.mark.slow
def test_assistant_answers_through_the_llm_with_an_exact_quote(reports_index_dir, reports_assistant, openai_server):
    number, reply = _retrieved_claim(reports_assistant)
    openai_server.reply(reply)
    bot = _llm_assistant(reports_index_dir, openai_server.base_url)
    answer = bot.answer(GDP_QUESTION.text)
    assert answer.text == reply and answer.reader == "fake-model"
    assert not any("摘录式回答" in notice for notice in answer.notices)  # not replaced by the fallback
    (citation,) = answer.citations
    original = bot.document_text(citation.source)
    assert citation.number == number and citation.quote == original[citation.start : citation.end]
    assert contains_figure(citation.quote, parse_figure(reply))  # the clause holding the stated figure
    assert answer.filters and f"[{number}] 来源：" in openai_server.chat_requests()[0].text()


@pytest.mark.slow
def test_assistant_stream_yields_tokens_then_the_verified_answer(reports_index_dir, reports_assistant, openai_server):
    number, reply = _retrieved_claim(reports_assistant)
    chunks = [reply[:2], reply[2:4], reply[4:]]
    openai_server.reply("".join(chunks), chunks=chunks)
    *tokens, final = streamed_items(_llm_assistant(reports_index_dir, openai_server.base_url).stream(GDP_QUESTION.text))
    assert tokens == chunks
    assert final.reader == "fake-model" and final.text == "".join(chunks) and final.latency_ms > 0


@pytest.mark.slow
def test_assistant_falls_back_to_the_extractive_answer_when_the_endpoint_is_down(reports_index_dir, reports_assistant):
    bot = _llm_assistant(reports_index_dir, closed_port_url())
    answer = bot.answer(GDP_QUESTION.text)
    expected = reports_assistant.answer(GDP_QUESTION.text)
    assert answer.text == expected.text and answer.reader == "extractive"
    assert "cannot connect" in answer.notices[0]


@pytest.mark.slow
def test_cli_ask_stream_prints_tokens_then_citations(reports_index_dir, reports_assistant, openai_server,
                                                     monkeypatch, capsys):
    from assistant.interfaces.cli import main

    number, reply = _retrieved_claim(reports_assistant)
    openai_server.reply(reply)
    for name, value in {"OPENAI_BASE_URL": openai_server.base_url, "OPENAI_MODEL": "fake-model",
                        "OPENAI_API_KEY": SECRET, "ASSISTANT_LLM_TIMEOUT": "1", "ASSISTANT_LLM_MAX_RETRIES": "0"}.items():
        monkeypatch.setenv(name, value)
    assert main(["--index-dir", str(reports_index_dir), "ask", "--stream", GDP_QUESTION.text]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == reply
    assert out[1].startswith(f"[{number}] ") and "chars " in out[1]
    assert SECRET not in "\n".join(out)


@pytest.mark.parametrize("mode", ["429", "500", "malformed", "garbage"])
def test_streaming_bad_replies_fall_back_with_a_notice(openai_server, mode):
    openai_server.fail(mode)
    items = streamed_items(llm_stream(GDP_QUESTION, PASSAGES, settings_for(openai_server.base_url)))
    final = items[-1]
    assert isinstance(final, Answer) and final.reader == "extractive" and final.notices
    assert all(isinstance(item, str) for item in items[:-1])


# -- what / how questions --------------------------------------------------------------------------

ZHUSHAN = "2024_景德镇市珠山区_国民经济和社会发展计划报告.txt"
BUSINESS_QUESTION = ParsedQuestion(
    text="珠山区2024年怎么优化营商环境？",
    language="zh",
    region=Region("景德镇市珠山区", Level.DISTRICT, ("景德镇市", "江西省"), "Zhushan District"),
    region_mention="珠山区",
    years=(2024,),
    answer_kind=AnswerKind.PASSAGES,
    topic=("优化营商环境",),
)
BUSINESS_PASSAGES = [
    _passage(ZHUSHAN, "持续优化营商环境。", 160, "景德镇市珠山区", "珠山区计划报告"),
    _passage(GANZHOU, "全年GDP", 60, "赣州市", "赣州市2024年政府工作报告（图解要点）"),
]


def _passage_reader_with_llm(settings: Settings) -> LLMReader:
    from assistant.readers import passage_reader

    reader = passage_reader(settings, BUSINESS_QUESTION)  # chosen as the API chooses it
    assert isinstance(reader, LLMReader) and isinstance(reader.fallback, PassageReader)
    return reader


def test_a_how_question_is_written_from_the_sentences_that_answer_it(openai_server):
    openai_server.reply("珠山区优化营商环境的做法：\n1. 持续打响“珠事顺利”营商环境品牌[1]。")
    answer = _passage_reader_with_llm(settings_for(openai_server.base_url)).read(
        BUSINESS_QUESTION, BUSINESS_PASSAGES, ReadContext(locate)
    )
    assert not answer.abstained and answer.reader == "fake-model"
    prompt = str(openai_server.chat_requests()[0])
    assert "二到五条要点" in prompt  # the what / how prompt
    assert "全年GDP" not in prompt  # only the passages holding the answering sentences are given
    (citation,) = answer.citations
    assert citation.source == ZHUSHAN and "珠事顺利" in citation.quote
    assert citation.quote == _original(ZHUSHAN)[citation.start : citation.end]


def test_a_topic_no_passage_names_is_not_sent_to_the_model(openai_server):
    question = ParsedQuestion(text="赣州2024年的地铁建设计划是什么？", language="zh", years=(2024,),
                              answer_kind=AnswerKind.PASSAGES, topic=("地铁",))
    answer = _passage_reader_with_llm(settings_for(openai_server.base_url)).read(
        question, BUSINESS_PASSAGES, ReadContext(locate)
    )
    assert answer.abstained and "地铁" in answer.text
    assert openai_server.chat_requests() == []
