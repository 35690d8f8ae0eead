from __future__ import annotations

from assistant.knowledge.years import CN_YEAR, chinese_year, extract_years


def test_a_year_in_chinese_numerals_is_read_also_with_the_typed_circle() -> None:
    # One pattern for the question parser and metadata inference: 〇 as printed, ○ as often typed.
    assert [chinese_year(m.group(1)) for m in CN_YEAR.finditer("一九五八年、二〇二四年和二○二五年")] == [1958, 2024, 2025]
    assert extract_years("二○二四年赣州GDP") == (2024,)
    assert CN_YEAR.search("十四五年") is None


def test_a_date_phrase_keeps_the_hour_a_deadline_names():
    from assistant.knowledge.years import DATE_PHRASE

    found = [m.group(0) for m in DATE_PHRASE.finditer("申请书提交日期为2023年5月8日—5月15日16时。")]
    assert found == ["2023年5月8日", "5月15日16时"]
