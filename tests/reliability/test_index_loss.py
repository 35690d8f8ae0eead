"""The index directory deleted under a running app, or impossible to create: a clear
IndexUnavailableError saying what to do, and recovery on restart.

As root (this machine's test user) ``chmod`` does not stop writes, so "read-only" is exercised as
an index path that cannot be created (a regular file where the folder should be); the chmod case
runs only for a non-root user. See docs/RELIABILITY.md.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import app
from assistant.api import Assistant
from assistant.core.errors import IndexUnavailableError
from assistant.interfaces.page import ALL
from tests.conftest import PROJECT_ROOT
from tests.reliability.conftest import GDP_QUESTION, tiny_settings

GONE = r"was deleted or moved while the assistant was running; restart the app to rebuild it"


@pytest.fixture
def deleted(tiny_settings_factory):
    """(running assistant, its settings) after the index folder was deleted under it."""
    settings = tiny_settings_factory()
    assistant = Assistant(settings=settings)
    assert "6%左右" in assistant.answer(GDP_QUESTION).text
    shutil.rmtree(settings.index_dir)
    return assistant, settings


def test_answer_after_the_index_was_deleted_is_a_clear_error(deleted):
    assistant, _ = deleted
    with pytest.raises(IndexUnavailableError, match=GONE):
        assistant.answer(GDP_QUESTION)


def test_ingest_after_the_index_was_deleted_is_refused_not_lost(deleted, tiny_corpus):
    assistant, settings = deleted
    with pytest.raises(IndexUnavailableError, match=GONE):
        assistant.ingest([tiny_corpus])
    assert not (Path(settings.index_dir) / "chroma" / "chroma.sqlite3").exists()


def test_page_shows_the_error_as_a_notice(deleted):
    import gradio as gr

    assistant, settings = deleted
    page = app.Page(assistant, settings)
    steps = [copy.deepcopy(step) for step in page.respond(GDP_QUESTION, [], ALL, ALL)]
    _, messages, _, notice, _ = steps[-1]
    assert messages == [] and "restart the app to rebuild it" in notice and "Traceback" not in notice
    with pytest.raises(gr.Error, match="restart the app"):
        page.ask(GDP_QUESTION)


def test_new_assistant_in_the_same_process_does_not_read_a_ghost(deleted):
    _, settings = deleted
    with pytest.raises(IndexUnavailableError, match=GONE):
        Assistant(settings=settings).documents()


RESTART = """
import sys
from pathlib import Path
from assistant.api import Assistant
from assistant.core.settings import Settings
settings = Settings.load(env={}, config_file=None).with_overrides(index_dir=Path(sys.argv[1]), data_dir=Path(sys.argv[2]))
assistant = Assistant(settings=settings)
report = assistant.ensure_index()
print(report.summary() if report else "no rebuild")
print(assistant.answer(sys.argv[3]).text)
"""


@pytest.mark.slow
def test_restart_rebuilds_the_index_from_the_reports_and_answers(deleted, tiny_corpus):
    _, settings = deleted
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    done = subprocess.run(
        [sys.executable, "-c", RESTART, str(settings.index_dir), str(tiny_corpus), GDP_QUESTION],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    summary, answer = done.stdout.strip().splitlines()[-2:]
    assert summary.startswith("2 added, 0 unchanged, 0 failed"), summary
    assert answer.startswith("测试市2025年地区生产总值目标：6%左右"), answer


def test_index_path_that_cannot_be_created_is_a_clear_error(tmp_path, tiny_corpus):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be", encoding="utf-8")
    assistant = Assistant(settings=tiny_settings(blocker / "index", tiny_corpus))
    with pytest.raises(IndexUnavailableError, match=r"cannot create the index directory .*set ASSISTANT_INDEX_DIR to a writable folder"):
        assistant.documents()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits; the blocker test above covers the error path")
def test_read_only_parent_folder_is_a_clear_error(tmp_path, tiny_corpus):
    parent = tmp_path / "read-only"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        with pytest.raises(IndexUnavailableError, match="set ASSISTANT_INDEX_DIR to a writable folder"):
            Assistant(settings=tiny_settings(parent / "index", tiny_corpus)).documents()
    finally:
        parent.chmod(0o755)
