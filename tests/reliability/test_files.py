"""Hostile and unlucky files: each is refused with a reason that says what to do, or read; the rest
of the batch is always indexed. Files are made in the test (fpdf2/pypdf for PDFs, a sparse file
for 200 MB) and ingested through ``Assistant.ingest`` and the page's upload handler."""

from __future__ import annotations

import io
import logging
import random
import re
import time
import tracemalloc
from pathlib import Path

import pytest

import app
from assistant.api import Assistant
from tests.conftest import copy_embedding_cache
from tests.reliability.conftest import tiny_settings

HUGE_BYTES = 200 * 1024 * 1024
# Reading the file would allocate at least its size; the tokenizer's dictionary and the keyword
# index legitimately take some tens of MB, so "not read" is asserted as a peak under half of it.
READ_WHOLE = HUGE_BYTES
GOOD = "2025_好县_政府工作报告.txt"
GOOD_TEXT = "好县2025年政府工作报告\n二、2025年主要目标\n全县地区生产总值增长6.5%左右。\n"
GBK = "2025_甲县_政府工作报告.txt"
GBK_TEXT = "甲县2025年政府工作报告\n二、2025年主要目标\n全县地区生产总值增长8%左右，一般公共预算收入增长3%。\n"


def small_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Report 2025. GDP growth target about 6%. " * 20)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(small_pdf())))
    writer.encrypt(user_password="open-sesame", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def undecodable_bytes() -> bytes:
    """High bytes and ASCII punctuation with no NUL: not UTF-8, not GB18030 text, no encoding fits."""
    rng = random.Random(7)
    return bytes(rng.choice(list(range(0x80, 0x100)) + list(range(0x20, 0x7F))) for _ in range(3000))


def make_sparse(path: Path, size: int = HUGE_BYTES) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no data blocks: the disk does not fill, reading it would still cost 200 MB
    return path


@pytest.fixture(scope="module")
def batch(tiny_corpus, tiny_index_dir, tmp_path_factory):
    """One ingest of a folder of hostile files plus two good ones; (assistant, report, folder)."""
    root = tmp_path_factory.mktemp("hostile_files")
    folder = root / "incoming"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (folder / "binary.txt").write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 8)
    pdf = small_pdf()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "encrypted.pdf").write_bytes(encrypted_pdf())
    make_sparse(folder / "huge.txt")
    (folder / "mess.txt").write_bytes(undecodable_bytes())
    (folder / GBK).write_bytes(GBK_TEXT.encode("gbk"))
    (folder / GOOD).write_text(GOOD_TEXT, encoding="utf-8")
    index_dir = root / "index"
    copy_embedding_cache(tiny_index_dir, index_dir)
    assistant = Assistant(settings=tiny_settings(index_dir, tiny_corpus))
    tracemalloc.start()
    try:
        report = assistant.ingest([folder])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return assistant, report, folder, peak


def reason(report, name: str) -> str:
    (found,) = [f.reason for f in report.failed if Path(f.path).name == name]
    return found


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.txt", r"is empty; export the report's text into it"),
        ("bom-only.txt", r"is empty; export the report's text into it"),
        ("binary.txt", r"contains NUL bytes: it is a binary file, not text; export the report as \.txt"),
        ("truncated.pdf", r"is not a readable PDF \(truncated or damaged: .*\); download it again or export it as \.txt"),
        ("encrypted.pdf", r"is an encrypted PDF that needs a password; save an unprotected copy and ingest that"),
        ("huge.txt", r"is too large \(209715200 bytes, the limit is 52428800\); split it or raise max_file_bytes"),
        ("mess.txt", r"its encoding could not be detected; save it as UTF-8"),
    ],
    ids=["empty", "bom-only", "binary-as-txt", "truncated-pdf", "encrypted-pdf", "200MB", "undecodable"],
)
def test_bad_file_is_reported_with_what_to_do(batch, name, expected):
    _, report, _, _ = batch
    assert re.search(expected, reason(report, name)), reason(report, name)


def test_the_rest_of_the_batch_is_indexed_and_answerable(batch):
    assistant, report, _, _ = batch
    assert sorted(report.added) == sorted([GOOD, GBK])
    assert len(report.failed) == 7
    answer = assistant.answer("好县2025年地区生产总值增长目标是多少？")
    assert not answer.abstained and "6.5%" in answer.text
    assert answer.citations[0].source == GOOD


def test_gbk_bytes_with_a_txt_name_are_read_and_quoted_exactly(batch):
    assistant, _, _, _ = batch
    answer = assistant.answer("甲县2025年GDP增长目标是多少？")
    assert not answer.abstained and "8%" in answer.text
    citation = answer.citations[0]
    assert citation.region == "甲县" and "增长8%左右" in citation.quote
    assert assistant.document_text(GBK) == GBK_TEXT.rstrip("\n") + "\n"


def test_200mb_file_is_refused_without_being_read(batch):
    _, _, _, peak = batch
    assert peak < READ_WHOLE / 2, f"ingesting the batch allocated {peak / 1e6:.0f} MB at peak"


def test_200mb_upload_is_refused_by_the_page_before_it_is_copied(tiny_settings_factory, tmp_path):
    settings = tiny_settings_factory(upload_dir=tmp_path / "uploads")
    page = app.Page(Assistant(settings=settings), settings)
    import gradio  # noqa: F401 - imported and the index opened first: only the upload is measured below

    page.status()
    (tmp_path / "gradio-tmp").mkdir()
    incoming = make_sparse(tmp_path / "gradio-tmp" / "huge.txt")
    note = page.prefill([str(incoming)])[3]
    assert "too large" in note and "the limit is 52428800" in note
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = page.ingest([str(incoming)], "", "", "")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "失败 failed: `huge.txt`" in result and "too large: 209715200 bytes, the limit is 52428800" in result
    assert "ASSISTANT_MAX_FILE_BYTES" in result
    assert peak < READ_WHOLE / 2 and time.perf_counter() - started < 10
    uploads = tmp_path / "uploads"
    assert not uploads.exists() or not any(uploads.iterdir())  # nothing copied, not even a partial file


# -- manifests -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest_batch(tiny_corpus, tiny_index_dir, tmp_path_factory):
    """Reports with a manifest missing most columns, with an unknown column, a repeated row and a
    region no gazetteer knows; and a second folder whose manifest has no 'file' column."""
    root = tmp_path_factory.mktemp("manifests")
    listed = root / "listed"
    listed.mkdir()
    (listed / "mars.txt").write_text(
        "火星市2025年政府工作报告\n二、2025年主要目标\n全市地区生产总值增长9%左右。\n", encoding="utf-8"
    )
    (listed / "twice.txt").write_text(
        "2025年政府工作报告\n二、2025年主要目标\n全区地区生产总值增长5%左右。\n", encoding="utf-8"
    )
    (listed / "manifest.csv").write_text(
        "file,region,year,colour\n"
        "mars.txt,火星市,2025,red\n"
        "twice.txt,甲区,2024,blue\n"
        "twice.txt,乙区,2025,green\n",
        encoding="utf-8",
    )
    headless = root / "headless"
    headless.mkdir()
    (headless / "2025_无表县_政府工作报告.txt").write_text(
        "无表县2025年政府工作报告\n二、2025年主要目标\n全县地区生产总值增长4.5%左右。\n", encoding="utf-8"
    )
    (headless / "manifest.csv").write_text("name,region\n2025_无表县_政府工作报告.txt,错误县\n", encoding="utf-8")
    index_dir = root / "index"
    copy_embedding_cache(tiny_index_dir, index_dir)
    assistant = Assistant(settings=tiny_settings(index_dir, tiny_corpus))
    logs = io.StringIO()
    handler = logging.StreamHandler(logs)
    logging.getLogger("index").addHandler(handler)
    try:
        report = assistant.ingest([listed, headless])
    finally:
        logging.getLogger("index").removeHandler(handler)
    records = {r.meta.source: r for r in assistant.documents()}
    return assistant, report, records, logs.getvalue()


def test_manifest_without_a_file_column_is_reported_and_its_reports_still_indexed(manifest_batch):
    _, report, records, _ = manifest_batch
    (failure,) = [f for f in report.failed if f.path.endswith("manifest.csv")]
    assert "has no 'file' column (its columns: name, region); add a header row starting with 'file'" in failure.reason
    meta = records["2025_无表县_政府工作报告.txt"].meta
    assert meta.region == "无表县" and meta.year == 2025  # inferred, not the unusable manifest's 错误县
    assert "region" in meta.inferred


def test_manifest_missing_columns_gets_them_inferred_and_unknown_columns_ignored(manifest_batch):
    _, _, records, _ = manifest_batch
    meta = records["mars.txt"].meta
    assert meta.region == "火星市" and meta.year == 2025
    assert meta.title == "火星市2025年政府工作报告" and "title" in meta.inferred
    assert "region" not in meta.inferred and "year" not in meta.inferred


def test_duplicate_manifest_row_the_later_wins_and_a_warning_says_so(manifest_batch):
    _, _, records, logs = manifest_batch
    meta = records["twice.txt"].meta
    assert (meta.region, meta.year) == ("乙区", 2025)
    assert "lists twice.txt again on line 4; the later row wins" in logs


def test_region_no_gazetteer_knows_is_kept_and_its_question_answers(manifest_batch):
    assistant, report, _, _ = manifest_batch
    assert "mars.txt" in report.added
    answer = assistant.answer("火星市2025年GDP增长目标是多少？")
    assert not answer.abstained and "9%" in answer.text
    assert answer.citations[0].region == "火星市"
    assert "火星市" in assistant.coverage()
