"""The upload sanitiser: names from the browser never escape the upload folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.interfaces.page.uploads import MAX_NAME_BYTES, is_inside, safe_filename, store_upload


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024_赣州市_政府工作报告要点.txt", "2024_赣州市_政府工作报告要点.txt"),
        ("../../etc/passwd", "passwd"),
        ("/etc/cron.d/evil.txt", "evil.txt"),
        ("C:\\Users\\me\\报告.md", "报告.md"),
        ("..", "upload"),
        ("...", "upload"),
        ("", "upload"),
        (".hidden.txt", "hidden.txt"),
        ("报告\x00\n\r\t名.TXT", "报告名.txt"),
        ("a<b>c:d|e?f*.txt", "a_b_c_d_e_f_.txt"),
        ("  多个   空格 .txt", "多个 空格.txt"),
        ("CON.txt", "_CON.txt"),
        ("report.tar.gz", "report.tar.gz"),
        ("no-suffix", "no-suffix"),
        ("weird.suffix!", "weird.suffix!"),
        ("\u202e报告txt.exe", "报告txt.exe"),  # right-to-left override removed
    ],
)
def test_safe_filename_strips_directories_and_dangerous_characters(raw, expected):
    assert safe_filename(raw) == expected


def test_safe_filename_caps_length_in_bytes_keeping_the_suffix():
    name = safe_filename("赣" * 500 + ".txt")
    assert name.endswith(".txt")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert set(name.removesuffix(".txt")) == {"赣"}  # never cut inside a character


@pytest.mark.parametrize("raw", ["../x.txt", "a/../../b.txt", "/abs/path.txt", "..\\..\\w.txt", "x/./../.."])
def test_safe_filename_never_contains_a_separator_or_dotdot(raw):
    name = safe_filename(raw)
    assert "/" not in name and "\\" not in name
    assert name not in ("", ".", "..")
    assert not name.startswith(".")


def test_store_upload_copies_into_the_upload_folder_under_a_safe_name(tmp_path):
    source = tmp_path / "incoming" / "tmp123"
    source.parent.mkdir()
    source.write_text("测试市2025年政府工作报告", encoding="utf-8")
    area = tmp_path / "uploads"
    stored = store_upload(source, area, "../../../outside/测试市 报告.txt")
    assert stored == (area / "测试市 报告.txt").resolve()
    assert stored.read_text(encoding="utf-8") == "测试市2025年政府工作报告"
    assert not (tmp_path / "outside").exists()
    assert [p.name for p in area.iterdir()] == ["测试市 报告.txt"]  # no temp file left behind


def test_store_upload_replaces_a_file_of_the_same_name(tmp_path):
    area = tmp_path / "uploads"
    for text in ("old", "new"):
        source = tmp_path / f"{text}.src"
        source.write_text(text, encoding="utf-8")
        stored = store_upload(source, area, "报告.txt")
    assert stored.read_text(encoding="utf-8") == "new"


def test_store_upload_uses_the_source_name_when_no_name_is_given(tmp_path):
    source = tmp_path / "萍乡.md"
    source.write_text("x", encoding="utf-8")
    assert store_upload(source, tmp_path / "up").name == "萍乡.md"


def test_is_inside(tmp_path):
    assert is_inside(tmp_path / "a" / "b.txt", tmp_path)
    assert not is_inside(tmp_path / ".." / "b.txt", tmp_path)
    assert not is_inside(Path("/etc/passwd"), tmp_path)
