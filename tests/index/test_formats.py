"""HTML, PDF and DOCX readers: main text only, tables as tab-separated rows, PDF pages, clear failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UnreadableFileError
from index.chunking import chunk_document
from index.formats import page_at, page_starts, read_docx, read_html, read_pdf
from index.loading import discover_files, load_document, read_text

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

GOV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>赣州市人民政府</title>
<style>.x {{ color: red }}</style><script>var visits = "浏览次数";</script></head>
<body>
<div class="top-header">网站首页 | 政务公开 | 无障碍</div>
<nav><a href="/">首页</a><a href="/zwgk">政务公开</a></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<div id="zoom">
  <h1>2024年赣州市政府工作报告</h1>
  <p>　　今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，
     规模以上工业增加值增长7.5%以上。</p>
  <p>城镇新增就业<b>4.5万人</b>。<br>居民消费价格涨幅3%左右。</p>
  <table>
    <tr><th>指标</th><th>2024年目标</th></tr>
    <tr><td>地区生产总值</td><td>增长6%左右</td></tr>
  </table>
</div>
<div class="share-bar">分享到：微信 微博</div>
<footer>版权所有：赣州市人民政府办公室 赣ICP备12345号</footer>
</body></html>
"""


def _cjk_pdf(path: Path, pages: list[str], user_password: str | None = None) -> Path:
    fpdf = pytest.importorskip("fpdf")
    if not CJK_FONT.is_file():
        pytest.skip("the WenQuanYi font (fonts-wqy-microhei) is needed to write Chinese PDFs")
    pdf = fpdf.FPDF()
    pdf.add_font("wqy", fname=str(CJK_FONT), collection_font_number=0)
    pdf.set_font("wqy", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    if user_password:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    path.write_bytes(bytes(pdf.output()))
    return path


# -- HTML ------------------------------------------------------------------------------------------


def test_html_keeps_the_main_text_and_drops_site_chrome(tmp_path):
    path = tmp_path / "gz.html"
    path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
    text = read_html(path)
    assert text.split("\n")[0] == "2024年赣州市政府工作报告"
    assert "地区生产总值增长6%左右" in text
    for chrome in ("网站首页", "政务公开", "当前位置", "分享到", "版权所有", "浏览次数", "color"):
        assert chrome not in text


def test_html_paragraphs_and_br_are_lines_and_table_rows_are_tab_separated(tmp_path):
    path = tmp_path / "gz.htm"
    path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
    lines = read_html(path).split("\n")
    assert "城镇新增就业4.5万人。" in lines  # inline <b> stays in its line
    assert "居民消费价格涨幅3%左右。" in lines  # <br> ends a line
    assert "指标\t2024年目标" in lines
    assert "地区生产总值\t增长6%左右" in lines


def test_gbk_encoded_html_is_decoded(tmp_path):
    path = tmp_path / "gz.html"
    path.write_bytes(GOV_PAGE.format(charset="gb2312").encode("gbk"))
    assert "规模以上工业增加值增长7.5%以上" in read_html(path)


def test_html_without_a_marked_content_area_keeps_the_body_text(tmp_path):
    path = tmp_path / "plain.html"
    path.write_text("<html><body><header>导航</header><p>第一段。</p><div>第二段。</div></body></html>", "utf-8")
    assert read_html(path) == "第一段。\n第二段。"


def test_html_document_original_is_the_extracted_text_and_passages_point_into_it(tmp_path):
    path = tmp_path / "2024_赣州市_政府工作报告.html"
    path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
    document = load_document(path)
    assert document.original == read_html(path)
    assert document.meta.region == "赣州市" and document.meta.year == 2024
    passages = chunk_document(document)
    assert passages
    for passage in passages:
        source = document.original[passage.start : passage.end]
        assert "".join(passage.text.split()) in "".join(source.split())


def test_html_page_with_only_chrome_is_unreadable(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav>首页</nav><footer>版权所有</footer></body></html>", "utf-8")
    with pytest.raises(UnreadableFileError, match="no main text"):
        read_html(path)


# -- PDF -------------------------------------------------------------------------------------------

PAGE_ONE = "2024年萍乡市政府工作报告\n今年主要预期目标：地区生产总值增长5.5%左右，一般公共预算收入增长5%。"
PAGE_TWO = "单位GDP能耗下降3.5%左右，城镇调查失业率控制在5.5%以内。"


def test_pdf_text_layer_is_read_page_by_page_and_pages_are_derivable(tmp_path):
    path = _cjk_pdf(tmp_path / "px.pdf", [PAGE_ONE, PAGE_TWO])
    text = read_pdf(path)
    assert "地区生产总值增长5.5%左右" in text
    second = text.index("单位GDP能耗")
    assert page_at(text, text.index("地区生产总值")) == 1
    assert page_at(text, second) == 2
    assert len(page_starts(text)) == 2


def test_pdf_page_break_is_deleted_by_cleaning_and_quotes_stay_exact(tmp_path):
    path = _cjk_pdf(tmp_path / "2024_萍乡市_政府工作报告.pdf", [PAGE_ONE, PAGE_TWO])
    document = load_document(path)
    passages = chunk_document(document)
    assert all("\f" not in p.text for p in passages)
    assert any("单位GDP能耗下降3.5%左右" in p.text for p in passages)
    for passage in passages:
        assert "".join(passage.text.split()) in "".join(document.original[passage.start : passage.end].split())


def test_encrypted_pdf_is_unreadable_with_the_reason(tmp_path):
    path = _cjk_pdf(tmp_path / "secret.pdf", [PAGE_ONE], user_password="letmein")
    with pytest.raises(UnreadableFileError, match="encrypted"):
        read_pdf(path)


def test_truncated_pdf_is_unreadable_with_the_reason(tmp_path):
    whole = _cjk_pdf(tmp_path / "whole.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UnreadableFileError, match="truncated"):
        read_pdf(path)


def test_pdf_without_a_text_layer_asks_for_ocr(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, no text: what a scanned page looks like to pypdf
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(UnreadableFileError, match="OCR"):
        read_pdf(path)


# -- DOCX ------------------------------------------------------------------------------------------


def _docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("2024年鹰潭市月湖区政府工作报告", level=1)
    document.add_paragraph("今年全区主要预期目标：地区生产总值增长6.5%左右。")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "指标", "目标", "备注"
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "固定资产投资", "增长8%", "预期"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "以上为主要指标"
    table.cell(2, 2).text = "注"
    document.add_paragraph("城镇新增就业3000人。")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    lines = read_docx(_docx(tmp_path / "yh.docx")).split("\n")
    assert lines == [
        "2024年鹰潭市月湖区政府工作报告",
        "今年全区主要预期目标：地区生产总值增长6.5%左右。",
        "指标\t目标\t备注",
        "固定资产投资\t增长8%\t预期",
        "以上为主要指标\t注",  # a merged cell appears once
        "城镇新增就业3000人。",
    ]


def test_damaged_docx_is_unreadable_with_the_reason(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(UnreadableFileError, match="not a readable .docx"):
        read_docx(path)


# -- plain text in UTF-16, and what a folder reports -----------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_or_without_bom_is_read(tmp_path, encoding):
    path = tmp_path / "u16.txt"
    path.write_bytes("赣州市2024年政府工作报告\n地区生产总值增长6%左右。".encode(encoding))
    assert read_text(path) == "赣州市2024年政府工作报告\n地区生产总值增长6%左右。"


def test_folder_lists_readable_formats_and_reports_report_files_it_cannot_read(tmp_path):
    for name in ("a.txt", "b.html", "c.pdf", "d.docx", "e.doc", "f.xlsx", "logo.png", "manifest.csv"):
        (tmp_path / name).write_bytes(b"x")
    files, failures = discover_files([tmp_path])
    assert [f.name for f in files] == ["a.txt", "b.html", "c.pdf", "d.docx"]
    assert {Path(f.path).name: f.reason for f in failures}.keys() == {"e.doc", "f.xlsx"}
    assert all("save it as" in f.reason or "export" in f.reason for f in failures)
