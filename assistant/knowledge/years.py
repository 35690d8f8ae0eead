"""Years in text: the patterns every step uses, built on one notion of a year.

A year is four digits from 1900 to 2099 (``YEAR``). Each pattern adds what must surround it for
one use; they differ on purpose, and each names the step that reads it:

* :data:`QUESTION_YEAR` — the question parser: a year or a range ("2021—2023", "2021 to 2023"),
  not inside a longer number or a decimal.
* :data:`NAMED_YEAR` — the figure reader: a year a clause names ("2024年", "2024 ").
* :data:`YEAR_IN_TEXT` — the indicator table: any year not inside a longer number.
* :data:`NOT_A_FIGURE` / :data:`LEADING_YEAR` — chunking and loading: a year that is not the start
  of a figure ("2024" in "2024年", not "2024.5亿元" or "2024%"), anywhere / at the start.
* :data:`YEAR_OF_TEXT` — metadata inference: a year said as a year ("2024年", "2021—2023年").
* :data:`DATELINE` — metadata inference: a full date "2024年2月21日".
* :data:`DATE_PHRASE` — the date reader: a date or deadline as a document states it ("2023年1月13日前",
  "自2022年4月15日起", "次月5日前", "6月底前", "2020年年底", "年底前", "有效期3年"), with what follows it (前 / 起 / 止).
* :data:`CN_YEAR` — the question parser and metadata inference: a year in Chinese numerals, digit by
  digit ("二〇二四年", "一九五八年", "二○二四年").
* :data:`BY_YEAR` — the indicator table: "到2020年" before a target makes it a target for 2020.
  :data:`BY_YEAR_NEAR` — the readers (``periods.period_of``): the same in a figure's own clause,
  sentence and lead-in, where "于2022年" and "到 2025年" count too; the table reads every sentence of a
  target section before an indicator, where "于2003年6月作出" is a date in the past.

:func:`extract_years` reads the years a question names, including Chinese numerals and relative
years (今年, last year); :func:`chinese_year` reads "二〇二四" (and metadata inference, a date's year).
"""

from __future__ import annotations

import re

YEAR = r"(?:19|20)\d{2}"

QUESTION_YEAR = re.compile(rf"(?<![\d.])({YEAR})(?:\s*(?:[-—–~～至到]|to)\s*({YEAR}))?(?![\d.]\d|\d)")
NAMED_YEAR = re.compile(rf"({YEAR})(?:\s*年|\s)")
YEAR_IN_TEXT = re.compile(rf"(?<!\d)({YEAR})(?!\d)")
NOT_A_FIGURE = re.compile(rf"(?<!\d){YEAR}(?![\d.%％])")
LEADING_YEAR = re.compile(rf"^({YEAR})(?![\d.%％])")
YEAR_OF_TEXT = re.compile(rf"(?<!\d)({YEAR})(?=年|\s*[—–\-~至到]\s*{YEAR}年)")
DATELINE = re.compile(rf"({YEAR})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日")
_DAY = r"\d{1,2}\s*[日号](?:\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)?"  # 15日, 15日16时, 15日16时30分
_MONTH = r"\d{1,2}\s*月"
_PART_OF_MONTH = r"(?:底|末|中旬|上旬|下旬|初)"
_PART_OF_YEAR = r"(?:年底|年末|底|末|上半年|下半年)"
DATE_PHRASE = re.compile(
    rf"(?:{YEAR}\s*年\s*{_MONTH}\s*{_DAY}"  # 2023年1月13日
    rf"|{YEAR}\s*年\s*{_MONTH}\s*{_PART_OF_MONTH}?"  # 2023年6月, 2023年6月底
    rf"|{YEAR}\s*年\s*{_PART_OF_YEAR}"  # 2020年年底
    rf"|(?:次月|每月|每年)?\s*{_MONTH}\s*{_DAY}|(?:次月|每月)\s*{_DAY}"  # 6月30日, 次月5日
    rf"|{_MONTH}\s*{_PART_OF_MONTH}"  # 6月底
    rf"|(?<![\d年])(?:年底|年末)"  # 年底前
    rf"|{YEAR}\s*年(?=\s*(?:前|之前|以前|起))"  # 2030年前
    r"|(?<=[自从])[\u4e00-\u9fff]{1,8}之日(?=起)"  # 自印发之日起, 从脱贫之日起
    r"|有效期[为是]?\s*(?:\d{1,2}|[一二三四五六七八九十两])\s*个?年)"  # 有效期3年, 有效期五年: how long it holds
    r"(?:\s*(?:之日起|起|前|之前|以前|止|为止|截止))?"
)
# A year named as the year of a report ("2009年政府工作报告", "2009年的报告", "the 2009 report"): what that
# report says, not what any report says about the year.
REPORT_OF_YEAR = re.compile(
    rf"({YEAR})\s*年?\s*(?:的|度)?\s*(?:政府工作|国务院政府工作|工作)?报告"
    rf"|\b({YEAR})\s+(?:government\s+)?(?:work\s+)?report\b|\breport\s+(?:of|for)\s+({YEAR})\b",
    re.I,
)
BY_YEAR = re.compile(rf"(?:到|至)({YEAR})\s*年")
BY_YEAR_NEAR = re.compile(rf"(?:到|至|于)\s*({YEAR})\s*年")

CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}  # ○, O: 〇 as typed
_NOT_YEAR_AFTER = set("万亿元个家人%多余千百吨亩米户项件次倍天座所辆条")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})年(?!代)")
_SHORT_YEAR_BLOCKERS = ("近", "过去", "未来", "连续", "前", "后", "这", "那", "多", "第", "每", "用", "最近")
RELATIVE_YEARS = (
    (re.compile(r"今年|本年度|this year|current year", re.I), 0),
    (re.compile(r"去年|上年|last year|previous year", re.I), -1),
    (re.compile(r"明年|next year", re.I), 1),
    (re.compile(r"前年|the year before last", re.I), -2),
    (re.compile(r"后年|the year after next", re.I), 2),
)
RELATIVE_YEAR_WORDS = ("今年", "去年", "明年", "前年", "后年", "上年")


def chinese_year(numerals: str) -> int:
    """A year written digit by digit in Chinese numerals: "二〇二四" -> 2024."""
    return int("".join(str(CN_DIGITS[ch]) for ch in numerals))


def extract_years(text: str, reference_year: int | None = None) -> tuple[int, ...]:
    """Years named in a question, in order of appearance, each once.

    "2024年", "2024", "二〇二四年", "24年", ranges ("2021—2023年"), and the relative 今年/去年/明年/
    前年, this/last/next year when ``reference_year`` is given (without it they are left out).
    "十四五" and amounts such as "2000万元" are not years.
    """
    found: list[tuple[int, int]] = []  # (position, year)
    for match in QUESTION_YEAR.finditer(text):
        rest = text[match.end():].lstrip()
        if not match.group(2) and rest[:1] in _NOT_YEAR_AFTER:
            continue
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        span = range(first, last + 1) if 0 <= last - first <= 10 else (first, last)
        found.extend((match.start(), year) for year in span)
    for match in CN_YEAR.finditer(text):
        found.append((match.start(), chinese_year(match.group(1))))
    for match in _SHORT_YEAR.finditer(text):
        before = text[: match.start()]
        if before.endswith(_SHORT_YEAR_BLOCKERS):
            continue
        two = int(match.group(1))
        pivot = (reference_year % 100 + 5) if reference_year else 50
        found.append((match.start(), 2000 + two if two <= pivot else 1900 + two))
    if reference_year is not None:
        for pattern, offset in RELATIVE_YEARS:
            found.extend((m.start(), reference_year + offset) for m in pattern.finditer(text))
    found.sort()
    return tuple(dict.fromkeys(year for _, year in found))
