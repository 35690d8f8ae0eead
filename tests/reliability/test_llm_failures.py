"""The LLM endpoint down, stalling, answering malformed JSON or garbage, or rate-limiting: the
answer still comes back (the extractive one, correct), with a notice saying why, within the timeout."""

from __future__ import annotations

import time

import pytest

from assistant.api import Assistant
from assistant.core.datatypes import Answer
from tests.conftest import streamed_items
from tests.fakes.openai_server import FakeOpenAIServer, closed_port_url
from tests.reliability.conftest import GDP_QUESTION

TIMEOUT = 1.0
BOUND = 2 * TIMEOUT + 3.0  # two requests at most (answer, verification retry) plus retrieval on 2 shared cores


@pytest.fixture(scope="module")
def server():
    with FakeOpenAIServer(stall_seconds=10) as fake:
        yield fake


@pytest.fixture
def make_assistant(tiny_settings_factory):
    def make(base_url: str) -> Assistant:
        settings = tiny_settings_factory(
            llm_base_url=base_url, llm_model="fake-model", llm_api_key="k", llm_timeout=TIMEOUT, llm_max_retries=0
        )
        assistant = Assistant(settings=settings)
        assistant.documents()  # open the index first: the bound is for answering
        return assistant

    return make


def check(answer: Answer, reason: str, elapsed: float) -> None:
    assert elapsed < BOUND, f"took {elapsed:.1f}s"
    assert answer.reader == "extractive" and not answer.abstained
    assert answer.text.startswith("测试市2025年地区生产总值目标：6%左右")
    (notice,) = answer.notices
    assert notice.startswith("语言模型接口出错（") and reason in notice and notice.endswith("以下改为摘录式回答。")


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("stall", f"no reply within {TIMEOUT:g}s"),
        ("429", "rate-limited, HTTP 429"),
        ("malformed", "the reply could not be read"),
        ("garbage", "the reply could not be read"),
    ],
)
def test_failing_endpoint_still_answers_with_a_notice_in_time(make_assistant, server, mode, reason):
    assistant = make_assistant(server.base_url)
    server.fail(mode)
    started = time.perf_counter()
    answer = assistant.answer(GDP_QUESTION)
    check(answer, reason, time.perf_counter() - started)


def test_endpoint_down_still_answers_with_a_notice_in_time(make_assistant):
    url = closed_port_url()
    assistant = make_assistant(url)
    started = time.perf_counter()
    answer = assistant.answer(GDP_QUESTION)
    check(answer, f"cannot connect to {url}", time.perf_counter() - started)


@pytest.mark.parametrize(("mode", "reason"), [("stall", "no reply within"), ("429", "HTTP 429")])
def test_streaming_through_a_failing_endpoint_ends_with_the_answer_and_a_notice(make_assistant, server, mode, reason):
    assistant = make_assistant(server.base_url)
    server.fail(mode)
    started = time.perf_counter()
    items = streamed_items(assistant.stream(GDP_QUESTION))
    final = items[-1]
    assert isinstance(final, Answer)
    check(final, reason, time.perf_counter() - started)
    assert items[0] == final.text  # the page shows the fallback text, not a half-streamed one
