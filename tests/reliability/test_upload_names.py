"""Upload names chosen by a hostile browser: nothing is written outside the upload folder.

The page's handler (``app.Page.ingest``) gets the paths Gradio stored; on Linux a file name may hold
backslashes, dots, newlines and up to 255 bytes, so those are real files here. ``store_upload`` is
also given names with ``../`` and absolute paths directly (what a browser could send as a name).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import app
from assistant.api import Assistant
from assistant.interfaces.page.uploads import safe_filename, store_upload

REPORT = "异名市2025年政府工作报告\n二、2025年主要目标\n全市地区生产总值增长5.8%左右。\n"


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def area(tiny_settings_factory, tmp_path):
    """(page, sandbox, upload folder): the upload folder sits two levels inside the sandbox."""
    sandbox = tmp_path / "sandbox"
    uploads = sandbox / "a" / "uploads"
    settings = tiny_settings_factory(upload_dir=uploads)
    return app.Page(Assistant(settings=settings), settings), sandbox, uploads


@pytest.mark.parametrize(
    ("name", "stored_as"),
    [
        ("..\\..\\evil.txt", "evil.txt"),
        ("..\\..\\..\\etc\\cron.d\\x.txt", "x.txt"),
        ("报告\n换行.txt", "报告换行.txt"),
        ("2025年异名市政府工作报告.txt", "2025年异名市政府工作报告.txt"),
        ("长" * 80 + ".txt", "长" * 58 + ".txt"),
    ],
    ids=["windows-dotdot", "deep-windows-path", "newline", "chinese", "240-byte-name"],
)
def test_hostile_file_name_is_stored_inside_the_upload_folder_under_a_safe_name(area, tmp_path, name, stored_as):
    page, sandbox, uploads = area
    incoming = tmp_path / "gradio-tmp" / name
    incoming.parent.mkdir(parents=True, exist_ok=True)
    incoming.write_text(REPORT, encoding="utf-8")
    before = tree(sandbox) if sandbox.exists() else set()
    result = page.ingest([str(incoming)], "", "异名市", "2025")
    assert f"已入库 added: `{stored_as}`" in result, result
    written = tree(sandbox) - before
    assert written <= {"a", "a/uploads", f"a/uploads/{stored_as}"}, written
    assert (uploads / stored_as).read_text(encoding="utf-8") == REPORT
    assert len(stored_as.encode("utf-8")) <= 180


def test_name_that_is_only_dots_and_a_suffix_is_refused_and_nothing_written(area, tmp_path):
    page, sandbox, _ = area
    incoming = tmp_path / "gradio-tmp" / "..txt"
    incoming.parent.mkdir(parents=True)
    incoming.write_text(REPORT, encoding="utf-8")
    result = page.ingest([str(incoming)], "", "", "")
    assert "失败 failed: `txt` — 不支持的格式 unsupported format" in result
    assert not sandbox.exists() or not any(sandbox.rglob("*.txt"))


@pytest.mark.parametrize(
    "name",
    ["../../escape.txt", "/etc/passwd.txt", "/../../../tmp/abs.txt", "..", "../", "C:\\Windows\\system32\\x.txt"],
)
def test_store_upload_never_writes_outside_the_folder(tmp_path, name):
    source = tmp_path / "src.txt"
    source.write_text(REPORT, encoding="utf-8")
    uploads = tmp_path / "deep" / "uploads"
    before = tree(tmp_path)
    target = store_upload(source, uploads, original_name=name)
    assert target.parent == uploads.resolve()
    assert tree(tmp_path) - before <= {"deep", "deep/uploads", f"deep/uploads/{target.name}"}
    assert "/" not in safe_filename(name) and not safe_filename(name).startswith(".")


def test_upload_through_a_symlinked_name_cannot_escape(tmp_path):
    """A file already in the folder that links outside is replaced, not followed."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    os.symlink(outside, uploads / "report.txt")
    source = tmp_path / "src.txt"
    source.write_text(REPORT, encoding="utf-8")
    with pytest.raises(ValueError, match="refusing to write 'report.txt' outside the upload folder"):
        store_upload(source, uploads, original_name="report.txt")
    assert outside.read_text(encoding="utf-8") == "keep me"
