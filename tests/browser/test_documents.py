"""The 报告 Documents tab in a real browser: deleting asks first and leaves no stale upload message, the
bundled reports are not offered for deletion, an upload that names no region or year says so, and files
the page cannot read are refused in Chinese and English."""

from __future__ import annotations

import pytest

from tests.browser.audit import contrast_failures, unlabelled_controls
from tests.browser.controls import choose_option, wait_until_the_option_list_has_closed

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BUNDLED = "2024_赣州市_政府工作报告要点.txt"


def documents_tab(tab):
    tab.get_by_role("tab", name="报告 Documents").click()
    tab.locator("#documents-table").wait_for()


def upload(tab, path, region: str = "", year: str = "") -> None:
    tab.locator("#upload input[type=file]").set_input_files(str(path))
    tab.locator("#upload-note").locator("p").first.wait_for()
    if region:
        tab.locator("#upload-region textarea").fill(region)
    if year:
        tab.locator("#upload-year textarea").fill(year)
    tab.locator("#ingest-button").click()
    tab.locator("#ingest-result").get_by_text("已入库 added").wait_for()


def delete_options(tab) -> list[str]:
    tab.locator("#delete-choice input").click()
    tab.get_by_role("option").first.wait_for()
    options = tab.get_by_role("option").all_inner_texts()
    tab.keyboard.press("Escape")
    tab.locator("#delete-choice input").blur()
    wait_until_the_option_list_has_closed(tab)
    return options


def test_deleting_asks_first_and_clears_the_old_upload_message(laptop, tmp_path):
    report = tmp_path / "2025_删除市_政府工作报告.txt"
    report.write_text("删除市2025年政府工作报告\n地区生产总值增长7%左右。\n", encoding="utf-8")
    documents_tab(laptop)
    upload(laptop, report, "删除市", "2025")
    options = delete_options(laptop)
    assert any(report.name in option for option in options)
    assert not any(BUNDLED in option for option in options)  # the bundled reports are not offered

    choose_option(laptop, "delete-choice", report.name, exact=False, typed=report.name)  # it filters as one types
    laptop.wait_for_function("name => document.querySelector('#delete-choice input').value.includes(name)", arg=report.name)
    laptop.locator("#delete-button").click()
    confirm = laptop.locator("#delete-confirm")
    confirm.get_by_text("确定删除").wait_for()
    assert "删除市" in laptop.locator("#documents-table").inner_text()  # nothing deleted yet
    checked, failures = contrast_failures(laptop)  # the red confirm button and the question, too
    assert failures == [], failures
    assert unlabelled_controls(laptop)[1] == []

    laptop.locator("#cancel-delete").click()
    laptop.locator("#delete-result").get_by_text("已取消 Cancelled").wait_for()
    assert not confirm.is_visible()

    laptop.locator("#delete-button").click()
    laptop.locator("#confirm-delete").click()
    laptop.locator("#delete-result").get_by_text("已删除 deleted").wait_for()
    laptop.wait_for_function("() => !document.querySelector('#documents-table').innerText.includes('删除市')")
    assert "已入库 added" not in laptop.locator("#ingest-result").inner_text()  # the stale message is gone
    assert not confirm.is_visible()


def test_an_upload_without_region_or_year_says_so(laptop, tmp_path):
    memo = tmp_path / "会议纪要.txt"
    memo.write_text("关于推进重点工作的会议纪要\n会议研究了下一步工作安排。\n", encoding="utf-8")
    documents_tab(laptop)
    laptop.locator("#upload input[type=file]").set_input_files(str(memo))
    note = laptop.locator("#upload-note")
    note.get_by_text("未能推断 could not infer").wait_for()
    assert "inferred from the text" not in note.inner_text()
    laptop.locator("#ingest-button").click()
    result = laptop.locator("#ingest-result")
    result.get_by_text("已入库 added").wait_for()
    assert "indexed, but without 地区 region、年份 year" in result.inner_text()


def test_an_unsupported_file_is_refused_in_chinese_and_english(laptop, tmp_path):
    sheet = tmp_path / "统计表.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not a report")
    documents_tab(laptop)
    laptop.locator("#upload input[type=file]").set_input_files(str(sheet))
    laptop.locator("#upload-note").get_by_text("不支持的格式 unsupported format").wait_for()
    assert "Invalid file type" not in laptop.locator("body").inner_text()  # Gradio's English-only refusal
    laptop.locator("#ingest-button").click()
    laptop.locator("#ingest-result").get_by_text("失败 failed").wait_for()
    assert "不支持的格式 unsupported format" in laptop.locator("#ingest-result").inner_text()


def test_a_too_long_question_is_refused_in_chinese_and_english(laptop):
    laptop.locator("#question textarea").fill("赣" * 2001)
    laptop.locator("#ask-button").click()
    notice = laptop.locator("#notice")
    notice.get_by_text("问题过长：2001 字，上限 2000 字").wait_for()
    assert "the limit is 2000" in notice.inner_text()
