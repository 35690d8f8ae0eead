"""One writer per index, across processes: a second ingest waits for the first (saying so) or gives up
with a clear message; uploads from the page queue behind a command-line ingest. Real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.core.errors import IndexBusyError
from assistant.core.settings import Settings
from index.lock import ingest_lock
from tests.conftest import PROJECT_ROOT, REPORTS_DIR, copy_embedding_cache
from tests.fakes.embeddings import HashedNgramEmbeddings

REPORT = "测试市2025年政府工作报告\n二、2025年主要目标\n地区生产总值增长7%左右，一般公共预算收入增长4%。\n"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    return {**env, "PYTHONPATH": str(PROJECT_ROOT), **extra}


@contextmanager
def lock_held_by_another_process(index_dir: Path, seconds: float):
    """A separate process that takes the index's writer lock, says so, and holds it for ``seconds``."""
    script = (
        "import sys, time\nfrom index.lock import ingest_lock\n"
        f"with ingest_lock({str(index_dir)!r}, 0):\n"
        "    print('held', flush=True)\n"
        f"    time.sleep({seconds})\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=_env(),
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def ingest_command(folder: Path, index_dir: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "ingest", str(folder), "--index-dir", str(index_dir)],
        cwd=PROJECT_ROOT, env=_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.fixture
def report_folder(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2025_测试市_政府工作报告.txt").write_text(REPORT, encoding="utf-8")
    return folder


def test_a_second_ingest_waits_for_the_first_and_says_so(report_folder, tmp_path):
    index_dir = tmp_path / "index"
    with lock_held_by_another_process(index_dir, seconds=6) as holder:
        started = time.monotonic()
        second = ingest_command(report_folder, index_dir)
        out, err = second.communicate(timeout=300)
        holder.wait(timeout=60)
    assert second.returncode == 0, err
    assert "waiting for another ingest into" in err and f"pid {holder.pid}" in err
    assert "1 added" in out
    assert time.monotonic() - started >= 4  # it really waited for the holder


def test_a_second_ingest_gives_up_after_the_wait_with_a_clear_message(report_folder, tmp_path):
    index_dir = tmp_path / "index"
    with lock_held_by_another_process(index_dir, seconds=120) as holder:
        second = ingest_command(report_folder, index_dir, ASSISTANT_INGEST_WAIT_SECONDS="1")
        out, err = second.communicate(timeout=300)
    assert second.returncode == 2
    assert err.strip().splitlines()[-1] == (
        f"error: another ingest into {index_dir} (pid {holder.pid}, since "
        + err.split("since ")[-1].split(")")[0]
        + ") still holds the index after 1s; wait for it to finish and try again, or raise ingest_wait_seconds"
        " (ASSISTANT_INGEST_WAIT_SECONDS)"
    )
    assert "Traceback" not in err and out == ""


@pytest.mark.slow
def test_two_ingest_commands_at_once_leave_one_consistent_index(reports_index_dir, tmp_path):
    index_dir = tmp_path / "index"
    copy_embedding_cache(reports_index_dir, index_dir)  # the bundled reports' vectors: no embedding
    first, second = ingest_command(REPORTS_DIR, index_dir), ingest_command(REPORTS_DIR, index_dir)
    results = [p.communicate(timeout=600) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    summaries = sorted(out.strip().splitlines()[-1].split(",")[0] for out, _ in results)
    assert summaries == ["0 added", "5 added"]  # one wrote, the other found it all done
    check = subprocess.run([sys.executable, "-m", "assistant", "check", "--index-dir", str(index_dir)],
                           cwd=PROJECT_ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and "consistent: 5 documents" in check.stdout, check.stdout + check.stderr


def test_a_page_upload_queues_behind_a_command_line_ingest(tmp_path):
    import app

    from tests.browser.server import page_settings

    settings = page_settings(tmp_path / "index")
    page = app.Page(Assistant(settings=settings, embedder=HashedNgramEmbeddings()), settings)
    upload = tmp_path / "2025_测试市_政府工作报告.txt"
    upload.write_text(REPORT, encoding="utf-8")
    seen: list[str] = []
    result: list[str] = []
    with lock_held_by_another_process(settings.index_dir, seconds=60) as holder:
        worker = threading.Thread(
            target=lambda: result.append(page.ingest([str(upload)], "", "测试市", "2025", lambda *a, **k: seen.append(k.get("desc", "")))),
        )
        worker.start()
        deadline = time.monotonic() + 60
        while not seen and time.monotonic() < deadline:
            time.sleep(0.1)
        assert any("等待另一个入库完成 waiting for another ingest" in desc for desc in seen), seen
        time.sleep(1)
        assert worker.is_alive() and not result  # queued behind the other process
        holder.kill()
        worker.join(timeout=120)
    assert result and "已入库 added" in result[0]


def test_the_lock_is_released_when_its_holder_dies(tmp_path):
    with lock_held_by_another_process(tmp_path, seconds=120) as holder:
        holder.kill()
        holder.wait()
        with ingest_lock(tmp_path, wait_seconds=5):  # no stale lock: the OS released it
            assert (tmp_path / "ingest.lock.owner").read_text(encoding="utf-8").startswith(f"pid {os.getpid()}")
    assert not (tmp_path / "ingest.lock.owner").exists()


def test_in_process_wait_raises_index_busy(tmp_path):
    settings = Settings(index_dir=tmp_path / "index", ingest_wait_seconds=0.5)
    assistant = Assistant(settings=settings, embedder=HashedNgramEmbeddings())
    with lock_held_by_another_process(settings.index_dir, seconds=60):
        with pytest.raises(IndexBusyError, match="still holds the index after 0s|still holds the index after 1s"):
            assistant.ingest([tmp_path])
        with pytest.raises(IndexBusyError):
            assistant.remove("anything.txt")
