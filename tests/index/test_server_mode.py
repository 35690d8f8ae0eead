"""Server mode: a real ``chroma run`` server shared by an ingesting process and a separate app process.

The app process starts before a report is ingested and must answer from it afterwards without a
restart (registry, keyword index, indicator table and gazetteer all follow the server).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.core.settings import Settings
from index.store import REGISTRY_MAX_AGE
from tests.index.test_pipeline import write_reports

pytestmark = [pytest.mark.server, pytest.mark.slow]  # each test starts a `chroma run` server

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMA = Path(sys.executable).parent / "chroma"

APP_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from assistant.api import Assistant

    bot = Assistant()  # settings from ASSISTANT_* variables: its own index dir, the shared server
    def ask():
        answer = bot.answer(sys.argv[1])
        sources = [c.source for c in answer.citations]
        print(json.dumps({"abstained": answer.abstained, "text": answer.text, "sources": sources},
                         ensure_ascii=False), flush=True)
    ask()
    sys.stdin.readline()  # the test ingests a new report, then says "again"
    ask()
    """
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """``chroma run`` on a free loopback port, stopped after the test."""
    if not CHROMA.is_file():
        pytest.skip(f"{CHROMA} not found")
    port = _free_port()
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                assert process.poll() is None, "chroma run exited"
                assert time.monotonic() < deadline, "chroma run did not answer within 30 s"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _server_settings(index_dir: Path, port: int) -> Settings:
    return Settings(index_dir=index_dir, chroma_host="127.0.0.1", chroma_port=port)


def test_ingest_and_answer_through_the_server_keep_only_caches_locally(chroma_server, tmp_path):
    folder = tmp_path / "reports"
    write_reports(folder, 2)
    local = tmp_path / "worker"
    bot = Assistant(settings=_server_settings(local, chroma_server))
    report = bot.ingest([folder])
    assert report.ok and len(report.added) == 2
    answer = bot.answer("赣州市2020年地区生产总值增长目标是多少？")
    assert not answer.abstained and "5.0%" in answer.text
    assert answer.citations[0].source == "2020_赣州市_政府工作报告.txt"
    assert not (local / "chroma").exists()  # vectors live on the server
    assert (local / "embedding_cache.sqlite").is_file() and bot.indexer.keyword_path().is_file()


def test_a_running_app_process_sees_a_report_ingested_after_it_started(chroma_server, tmp_path):
    folder = tmp_path / "reports"
    write_reports(folder, 1)  # 赣州市 2020
    worker = Assistant(settings=_server_settings(tmp_path / "worker", chroma_server))
    assert worker.ingest([folder]).ok

    env = {
        **os.environ,
        "ASSISTANT_INDEX_DIR": str(tmp_path / "app"),
        "ASSISTANT_CHROMA_HOST": "127.0.0.1",
        "ASSISTANT_CHROMA_PORT": str(chroma_server),
        "ANONYMIZED_TELEMETRY": "False",
    }
    question = "九江市2022年地区生产总值增长目标是多少？"
    app = subprocess.Popen(
        [sys.executable, "-c", APP_SCRIPT, question],
        cwd=PROJECT_ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert app.stdout is not None and app.stdin is not None
        before = json.loads(app.stdout.readline() or "null")
        assert before is not None, app.stderr.read() if app.stderr else ""
        assert before["abstained"] and "九江" in before["text"]

        write_reports(folder, 1, start=2)  # 九江市 2022, while the app is running
        assert worker.ingest([folder]).added == ("2022_九江市_政府工作报告.txt",)
        time.sleep(REGISTRY_MAX_AGE + 0.2)  # an app reuses a registry read for at most this long
        app.stdin.write("again\n")
        app.stdin.flush()
        after = json.loads(app.stdout.readline() or "null")
        assert after is not None, app.stderr.read() if app.stderr else ""
        assert not after["abstained"], after["text"]
        assert "5.2%" in after["text"] and after["sources"][0] == "2022_九江市_政府工作报告.txt"
        assert app.wait(timeout=60) == 0
    finally:
        app.kill()
        app.wait(timeout=30)
