import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.datatypes import Level, content_hash
from assistant.core.errors import ManifestError, UnreadableFileError, UnsupportedFormatError
from index.loading import (
    SUPPORTED_SUFFIXES,
    discover_files,
    infer_meta,
    load_document,
    load_manifest,
    meta_from_manifest,
    read_text,
)

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
MANIFEST = load_manifest(REPORTS / "manifest.csv")
SEED_NAMES = sorted(MANIFEST)


def seed(fragment: str) -> tuple[str, str]:
    (name,) = [n for n in SEED_NAMES if fragment in n]
    return name, (REPORTS / name).read_text(encoding="utf-8")


# --- read_text -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig", "utf-16-le"])
def test_copies_of_a_seed_in_other_encodings_read_identically(tmp_path, encoding):
    _, text = seed("萍乡")
    path = tmp_path / f"copy-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path) == text


def test_non_gbk_characters_of_a_seed_survive_gb18030(tmp_path):
    _, text = seed("青山湖")  # holds U+2002, which GBK cannot encode
    path = tmp_path / "qingshanhu.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_text(path) == text


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行。\r\n第二行。\r第三行。".encode("utf-8"))
    assert read_text(path) == "第一行。\n第二行。\n第三行。"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary"),
        (bytes(range(1, 9)) * 200, "binary"),
    ],
)
def test_empty_and_binary_files_are_unreadable(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=reason):
        read_text(path)


def test_a_file_over_the_size_limit_is_unreadable(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("增长5%。" * 100, encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="too large"):
        read_text(path, max_bytes=100)
    assert read_text(path, max_bytes=10_000).startswith("增长5%。")


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=300))
def test_any_bytes_give_text_or_an_unreadable_file_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "any.txt"
    path.write_bytes(data)
    try:
        text = read_text(path)
    except UnreadableFileError:
        return
    assert isinstance(text, str) and "\r" not in text


# --- manifest ----------------------------------------------------------------------------------


def test_the_seed_manifest_has_a_row_per_report():
    assert SEED_NAMES == sorted(p.name for p in REPORTS.glob("*.txt"))
    row = MANIFEST["2024_赣州市_政府工作报告要点.txt"]
    assert row["region"] == "赣州市" and row["level"] == "city" and row["year"] == "2024"
    assert row["title"] == "赣州市2024年政府工作报告（图解要点）"


def test_manifest_with_unknown_and_missing_columns_and_a_bom(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_bytes("\ufeffFile ,Region,colour\na.txt,赣州市,red\nb.txt\n".encode("utf-8"))
    rows = load_manifest(path)
    assert rows["a.txt"] == {"file": "a.txt", "region": "赣州市", "colour": "red"}
    assert rows["b.txt"]["region"] == ""


def test_manifest_without_a_file_column_names_the_columns_it_has(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text("name,region\na.txt,赣州市\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="name, region"):
        load_manifest(path)


def test_manifest_duplicate_row_last_wins_with_a_warning(tmp_path, caplog):
    path = tmp_path / "manifest.csv"
    path.write_text("file,year\na.txt,2023\na.txt,2024\n", encoding="gbk")
    with caplog.at_level(logging.WARNING, logger="index.loading"):
        rows = load_manifest(path)
    assert rows["a.txt"]["year"] == "2024"
    assert "a.txt" in caplog.text


# --- metadata --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES, ids=lambda n: n[:12])
def test_inference_without_the_manifest_gets_region_year_level_and_province(name):
    text = (REPORTS / name).read_text(encoding="utf-8")
    row = MANIFEST[name]
    meta = infer_meta(text, name)
    assert meta.region == row["region"]
    assert meta.year == int(row["year"])
    assert meta.level is Level.parse(row["level"])
    assert meta.province == "江西省"
    assert meta.doc_type == row["doc_type"]
    assert {"region", "year", "level", "province", "title"} <= set(meta.inferred)


@pytest.mark.parametrize("fragment", ["青山湖", "珠山", "萍乡", "赣州"])
def test_inference_from_the_text_alone_finds_region_and_year(fragment):
    name, text = seed(fragment)
    meta = infer_meta(text, "report.txt")
    assert meta.region == MANIFEST[name]["region"]
    assert meta.year == int(MANIFEST[name]["year"])


def test_an_excerpt_without_title_date_or_named_year_has_no_year():
    _, text = seed("月湖")  # it speaks of 今年 and of the period 2023—2024年 only: a period is not the year
    meta = infer_meta(text, "excerpt.txt")
    assert meta.year is None and meta.source_of("year") is None


def test_titles_and_dates_are_read_from_the_front_matter():
    name, text = seed("珠山")
    meta = infer_meta(text, name)
    assert meta.title == "景德镇市珠山区2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告（书面）"
    assert meta.date == "2024-02-21"
    name, text = seed("青山湖")
    assert infer_meta(text, name).title == MANIFEST[name]["title"] + "(书面)"
    name, text = seed("萍乡")
    assert infer_meta(text, name).title == "奋力谱写中国式现代化萍乡篇章——2024年政府工作报告要点摘登"


def test_national_report_is_recognised_from_its_file_name():
    meta = infer_meta("各位代表：现在，我代表国务院，向大会报告政府工作。", "2024_2024年国务院政府工作报告.txt")
    assert meta.region == "全国" and meta.level is Level.NATIONAL and meta.year == 2024
    assert meta.doc_type == "政府工作报告"


def test_manifest_values_win_and_missing_ones_are_inferred():
    name, text = seed("月湖")
    row = {"file": name, "title": "节选", "region": "", "level": "", "year": ""}
    meta = meta_from_manifest(row, name, text)
    assert meta.title == "节选"
    assert meta.region == "鹰潭市月湖区" and meta.level is Level.DISTRICT and meta.year == 2024
    assert set(meta.inferred) >= {"region", "level", "year", "province", "doc_type"}
    assert "title" not in meta.inferred


def test_a_bad_manifest_level_is_inferred_with_a_warning(caplog):
    name, text = seed("赣州")
    with caplog.at_level(logging.WARNING, logger="index.loading"):
        meta = meta_from_manifest({**MANIFEST[name], "level": "prefecture", "year": "next year"}, name, text)
    assert meta.level is Level.CITY and meta.year == 2024
    assert {"level", "year"} <= set(meta.inferred)
    assert "prefecture" in caplog.text


# --- documents and discovery ---------------------------------------------------------------------


def test_load_document_uses_the_manifest_row_and_hashes_the_text():
    name = SEED_NAMES[0]
    document = load_document(REPORTS / name, MANIFEST[name])
    assert document.doc_id == content_hash(document.original)
    assert document.meta.title == MANIFEST[name]["title"] and document.meta.inferred == ()
    assert document.meta.year == int(MANIFEST[name]["year"]) and document.path == str(REPORTS / name)


def test_unsupported_format_is_refused(tmp_path):
    path = tmp_path / "report.xyz"
    path.write_bytes(b"data")
    with pytest.raises(UnsupportedFormatError, match=r"\.txt"):
        load_document(path)


def test_discover_files_walks_folders_and_reports_what_it_cannot_use(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for relative in ("b/2.txt", "a.md", "1.TXT", "manifest.csv", "notes.xyz", ".secret.txt", ".hidden/x.txt"):
        (tmp_path / relative).write_text("文本", encoding="utf-8")
    explicit = tmp_path / "notes.xyz"
    files, failures = discover_files([tmp_path, explicit, tmp_path / "missing.txt", tmp_path / "a.md"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["1.TXT", "a.md", "b/2.txt"]
    assert [(Path(f.path).name, f.reason.split()[0]) for f in failures] == [("notes.xyz", "unsupported"), ("missing.txt", "no")]
    assert ".txt" in SUPPORTED_SUFFIXES and ".md" in SUPPORTED_SUFFIXES
