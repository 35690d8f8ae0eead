"""20 questions at once through the page's ``ask`` API (gradio_client against a launched page)
while an ingest runs in the same process: every answer is correct, and the new report is found."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from assistant.api import Assistant
from tests.browser.server import page_settings, running_page
from tests.reliability.conftest import GDP_QUESTION

pytestmark = pytest.mark.slow
logger = logging.getLogger(__name__)

QUESTIONS = {
    GDP_QUESTION: ("6%左右", "测试市"),
    "测试市2025年一般公共预算收入增长目标是多少？": ("4%", "测试市"),
    "样例县2025年地区生产总值增长目标是多少？": ("5.5%左右", "样例县"),
    "样例县2025年规模以上工业增加值增长目标": ("7%", "样例县"),
}
NEW_REPORT = "2025_并发市_政府工作报告.txt"
NEW_TEXT = (
    "并发市2025年政府工作报告\n二、2025年主要目标\n"
    + "".join(f"第{i}项工作：推进重点项目建设，完成年度投资计划。\n" for i in range(1, 30))
    + "全市地区生产总值增长7.2%左右。\n"
)


def test_twenty_concurrent_questions_during_an_ingest_are_all_answered_correctly(tiny_settings_factory, tmp_path):
    from gradio_client import Client

    base = tiny_settings_factory()
    settings = page_settings(base.index_dir, data_dir=base.data_dir)
    assistant = Assistant(settings=settings)
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / NEW_REPORT).write_text(NEW_TEXT, encoding="utf-8")
    questions = list(QUESTIONS) * 5
    results: dict[int, dict] = {}
    errors: list[BaseException] = []
    ingest_window: list[float] = []
    ingested = []
    with running_page(assistant, settings) as url:
        barrier = threading.Barrier(len(questions) + 1)

        def session(i: int) -> None:
            try:
                client = Client(url, verbose=False)
                barrier.wait()
                results[i] = client.predict(questions[i], "", "", api_name="/ask")
            except BaseException as error:  # noqa: BLE001 - reported by the assert below
                errors.append(error)

        def ingest() -> None:
            barrier.wait()
            started = time.perf_counter()
            ingested.append(assistant.ingest([folder]))
            ingest_window.extend([started, time.perf_counter()])

        threads = [threading.Thread(target=session, args=(i,)) for i in range(len(questions))]
        writer = threading.Thread(target=ingest)
        for thread in [writer, *threads]:
            thread.start()
        for thread in [writer, *threads]:
            thread.join(timeout=300)
        after = Client(url, verbose=False).predict("并发市2025年GDP增长目标是多少？", "", "", api_name="/ask")
    logger.warning("ingest during 20 questions took %.2fs", ingest_window[1] - ingest_window[0])
    assert not errors, errors
    assert ingested[0].added == (NEW_REPORT,), ingested[0].summary()
    assert len(results) == len(questions)
    for i, payload in results.items():
        figure, region = QUESTIONS[questions[i]]
        assert figure in payload["text"], (questions[i], payload["text"])
        assert payload["citations"][0]["region"] == region
        assert payload["notices"] == []
    assert "7.2%" in after["text"] and after["citations"][0]["source"] == NEW_REPORT
