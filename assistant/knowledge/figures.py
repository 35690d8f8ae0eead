"""Figures in report text: find them, scale them to base units, and compare them.

A *figure* is a number with its unit and qualifier, e.g. ``6%左右``, ``287.2亿元``,
``5%-5.5%`` or ``0.5个百分点``. Values are scaled to base units (``287.2亿元`` is
2.872e10 元, ``6万人`` is 60,000 人); percentages stay in percent.

What is *not* a figure: years (``2024年``, ``2023—2024年``, and a bare integer in
1949–2100 with no unit), dates (``3月``, ``6日``), list and footnote markers (``1.``,
``1、`` at the start of a line, ``(17)``), ordinals (``第3``) and digits glued to Latin
letters (``5G``, ``4A``).

English answers are read too: ``6%``, ``about 6%``, ``6 percent``, ``0.5 percentage
points``, ``28.72 billion yuan``, ``60,000 people``, ``6% to 6.5%``. Numbers in Chinese numerals,
as the older reports write them, are read when they say a percentage (``百分之十二点三``) or are
a number with a place (``二千八百七十亿元``, ``十个``) before a unit; a lone numeral before a
counter (``三个``, ``一批``), numbers of years (``一九五九年``, ``三年``) and negative numbers
are not figures.

Spans (``start``/``end``) always refer to the text passed in; ``text`` is exactly
``input[start:end]`` and covers the qualifiers too (``约6%``, ``6%左右``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.knowledge.textmatch import fold_width
from assistant.knowledge.years import YEAR

__all__ = ["POST_QUALIFIERS", "QUALIFIERS_EN", "Figure", "normalize", "extract_figures", "parse_figure", "figures_equal", "contains_figure"]


@dataclass(frozen=True)
class Figure:
    """A number with its unit family and qualifier, scaled to base units."""

    value: float
    upper: float | None  # the upper end of a range such as 5%-5.5%, else None
    unit: str  # unit family: "%", "个百分点", "元", "人", "家", ... or "" for a bare number
    qualifier: str  # "左右", "以上", "以内", "以下", "约", ... or ""
    text: str  # as written: input[start:end]
    start: int
    end: int


# ---------------------------------------------------------------------------
# Normalisation. Folding (``textmatch.fold_width``) is one character for one
# character, so offsets into the folded text are offsets into the original text.

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalize(text: str) -> str:
    """Full-width characters to ASCII and thousands separators removed: ``３,０００％`` -> ``3000%``."""
    return _THOUSANDS.sub("", fold_width(text))


# ---------------------------------------------------------------------------
# Vocabulary. Alternations are sorted longest first so that 个百分点 wins over 个.

_CHINESE_MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
_ENGLISH_MULTIPLIERS = {
    "hundred million": 1e8,
    "trillion": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "thousand": 1e3,
}

# written form -> unit family
_CHINESE_UNITS = {
    "个百分点": "个百分点", "百分点": "个百分点", "%": "%", "‰": "‰",
    "美元": "美元", "元": "元",
    "人次": "人次", "人": "人", "名": "人",
    "个月": "个月", "个": "个", "家": "家", "户": "户", "件": "件", "项": "项", "套": "套",
    "平方公里": "平方公里", "平方米": "平方米", "立方米": "立方米", "公里": "公里", "千米": "公里", "米": "米",
    "公顷": "公顷", "亩": "亩", "吨": "吨", "公斤": "公斤", "千克": "公斤", "斤": "斤",
    "标箱": "标箱", "千瓦时": "千瓦时", "千瓦": "千瓦", "座": "座", "所": "所", "张": "张", "辆": "辆",
    "头": "头", "只": "只", "条": "条", "批": "批", "处": "处", "栋": "栋", "间": "间", "台": "台",
    "株": "株", "棵": "棵", "篇": "篇", "部": "部", "场": "场", "次": "次", "倍": "倍", "天": "天",
    "小时": "小时", "年": "年", "岁": "岁", "位": "位", "册": "册", "床": "床", "列": "列", "起": "起",
}
_ENGLISH_UNITS = {
    "percentage points": "个百分点", "percentage point": "个百分点", "pp": "个百分点",
    "percent": "%", "per cent": "%",
    "yuan": "元", "rmb": "元", "cny": "元", "us dollars": "美元", "dollars": "美元", "usd": "美元",
    "person-times": "人次", "people": "人", "persons": "人", "residents": "人",
    "enterprises": "家", "companies": "家", "firms": "家", "households": "户",
    "mu": "亩", "hectares": "公顷", "square kilometers": "平方公里", "square kilometres": "平方公里",
    "kilometers": "公里", "kilometres": "公里", "km": "公里", "tons": "吨", "tonnes": "吨",
    "teu": "标箱", "projects": "个", "items": "项",
}


def _alternation(words: object) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


_NUMBER = re.compile(r"(?<![A-Za-z0-9.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_GAP = r"[ \t]*"
_APPROX = re.compile(_GAP + r"(余|多)")
_CN_MULT = re.compile(_GAP + f"({_alternation(_CHINESE_MULTIPLIERS)})")
_EN_MULT = re.compile(r"\s+(" + _alternation(_ENGLISH_MULTIPLIERS) + r")\b", re.IGNORECASE)
_CN_UNIT = re.compile(_GAP + f"({_alternation(_CHINESE_UNITS)})")
_EN_UNIT = re.compile(r"\s*(" + _alternation(_ENGLISH_UNITS) + r")\b", re.IGNORECASE)
_RANGE_SEP = re.compile(r"[ \t]*(?:-|–|—{1,2}|~|至|到|to(?=\s))[ \t]*", re.IGNORECASE)
_AND_SEP = re.compile(r"\s+and\s+", re.IGNORECASE)
_YEAR_SUFFIX = re.compile(_GAP + r"年")
_DATE_SUFFIX = re.compile(_GAP + r"(?:月|日|号|时|:\d)")
_LATIN_AFTER = re.compile(r"[A-Za-z]")
_ISO_DATE = re.compile(rf"(?<!\d){YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")
_DATE_RANGE_AFTER = re.compile(r"[ \t]*(?:-|–|—{1,2}|~|至|到)[ \t]*\d+[ \t]*(?:月|日|号)")

POST_QUALIFIERS = {"左右": "左右", "以上": "以上", "以内": "以内", "以下": "以下", "上下": "上下", "之内": "以内"}
_CN_POST = re.compile(_GAP + f"({_alternation(POST_QUALIFIERS)})")
_EN_POST = re.compile(r"\s+(or more|or above|or so|or less)\b", re.IGNORECASE)
_EN_POST_MAP = {"or more": "以上", "or above": "以上", "or so": "左右", "or less": "以下"}

_PRE_QUALIFIERS = {
    "约": "约", "近": "近", "超过": "超过", "超": "超过", "突破": "突破", "不低于": "以上", "不少于": "以上",
    "不超过": "以内", "不高于": "以内", "控制在": "以内",
    "about": "左右", "around": "左右", "approximately": "左右", "roughly": "左右", "some": "左右",
    "nearly": "近", "almost": "近", "over": "以上", "more than": "以上", "at least": "以上",
    "above": "以上", "no less than": "以上", "within": "以内", "no more than": "以内", "up to": "以内",
    "below": "以下", "under": "以下", "less than": "以下",
}
# Qualifiers in English, for answers in English: "6%左右" -> "about 6%". 力争 ("striving for") is a
# qualifier the indicator table records from the sentence before a figure.
QUALIFIERS_EN = {
    "左右": "about", "以上": "at least", "以内": "at most", "以下": "below", "力争": "aiming for", "突破": "over",
    "约": "about", "超过": "over", "近": "nearly",
}
_PRE = re.compile(f"(?:^|(?<=[^A-Za-z]))({_alternation(_PRE_QUALIFIERS)})" + r"\s*$", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(RMB|CNY|¥|￥|\$|US\$)\s*$", re.IGNORECASE)
_LIST_MARKER_AFTER = re.compile(r"[.、)\]](?!\d)")


@dataclass(frozen=True)
class _Reading:
    """One number as read: where it ends, its multiplier and unit (if any)."""

    number: float
    end: int
    multiplier: float | None
    unit: str | None
    approximate: str  # "余" or "多" between number and unit ("100余家"), else ""


def _read_number(folded: str, match: re.Match[str]) -> _Reading:
    """Read the multiplier and unit after a number, in Chinese or English."""
    number = float(match.group().replace(",", ""))
    position = match.end()
    approximate = ""
    if found := _APPROX.match(folded, position):
        approximate, position = found.group(1), found.end()
    multiplier = None
    if found := _CN_MULT.match(folded, position):
        multiplier, position = _CHINESE_MULTIPLIERS[found.group(1)], found.end()
    elif found := _EN_MULT.match(folded, position):
        multiplier, position = _ENGLISH_MULTIPLIERS[found.group(1).lower()], found.end()
    if not approximate and (found := _APPROX.match(folded, position)):  # 10.1亿余元
        approximate, position = found.group(1), found.end()
    unit = None
    if found := _CN_UNIT.match(folded, position):
        unit, position = _CHINESE_UNITS[found.group(1)], found.end()
    elif found := _EN_UNIT.match(folded, position):
        unit, position = _ENGLISH_UNITS[found.group(1).lower()], found.end()
    return _Reading(number, position, multiplier, unit, approximate)


def _is_year(reading: _Reading, match: re.Match[str], folded: str) -> bool:
    text = match.group()
    if not (text.isdigit() and len(text) == 4 and 1949 <= int(text) <= 2100):
        return False
    if reading.multiplier is not None:
        return False
    if _YEAR_SUFFIX.match(folded, match.end()):
        return True
    return reading.unit is None


def _is_marker(folded: str, match: re.Match[str], reading: _Reading) -> bool:
    """Dates, list markers, footnote markers, ordinals and codes such as 5G."""
    start, end = match.start(), match.end()
    before = folded[:start]
    if before.endswith("第"):
        return True
    if reading.unit is not None or reading.multiplier is not None:
        return False
    if _DATE_SUFFIX.match(folded, end) or _LATIN_AFTER.match(folded, end):
        return True
    if match.group().startswith("0") and match.group()[1:2].isdigit():  # codes such as 0301
        return True
    if _DATE_RANGE_AFTER.match(folded, end):
        return True
    if before.endswith(("(", "[")) and folded[end : end + 1] in (")", "]"):
        return True
    line_start = before.rfind("\n") + 1
    return not before[line_start:].strip() and bool(_LIST_MARKER_AFTER.match(folded, end))


def _scaled(number: float, multiplier: float | None) -> float:
    return number * multiplier if multiplier is not None else number


def extract_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order, with spans into ``text`` itself."""
    folded = fold_width(text)
    figures: list[Figure] = []
    consumed = 0
    dates = [date.span() for date in _ISO_DATE.finditer(folded)]
    for match in _NUMBER.finditer(folded):
        if match.start() < consumed or any(start <= match.start() < end for start, end in dates):
            continue
        first = _read_number(folded, match)
        if _is_year(first, match, folded):
            continue
        if _is_marker(folded, match, first):
            continue
        figure, consumed = _build_figure(text, folded, match, first)
        figures.append(figure)
    if _CN_NUMERAL_CHARS.search(folded):
        taken = [(f.start, f.end) for f in figures]
        figures += [f for f in _chinese_figures(text, folded) if not any(s < f.end and f.start < e for s, e in taken)]
        figures.sort(key=lambda f: f.start)
    return figures


# ---------------------------------------------------------------------------
# Numbers in Chinese numerals.

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_PLACES = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 1e4, "亿": 1e8}
_CN_NUMERAL_CHARS = re.compile("[" + "".join(_CN_DIGITS) + "十百千]")
_CN_FIGURE = re.compile(
    "(百分之)?([" + "".join(_CN_DIGITS) + "十百千万亿]+(?:点[" + "".join(_CN_DIGITS) + "]+)?)"
)
# Units a Chinese numeral may count: not time (年, 个月, 天 …), which numbers periods, not figures.
_CN_NUMERAL_UNITS = {written: family for written, family in _CHINESE_UNITS.items()
                     if family not in ("年", "个月", "天", "小时", "岁", "次", "倍")}
_CN_NUMERAL_UNIT = re.compile(_GAP + f"({_alternation(_CN_NUMERAL_UNITS)})")
_NOT_A_NUMBER_BEFORE = ("第", "初", "周", "星期", "礼拜", "统", "唯", "之", "单", "同", "专", "万", "千", "百")


def chinese_number(numeral: str) -> float | None:
    """The value of a Chinese numeral ("二千八百七十亿" -> 2.87e11, "十二点三" -> 12.3), or None when it
    is no number ("万", a run of digits without places such as "一九五九")."""
    whole, _, fraction = numeral.partition("点")
    if not any(char in _CN_DIGITS for char in whole) and not whole.startswith(("十", "百", "千")):
        return None
    if len(whole) > 1 and not any(char in _CN_PLACES or char in _CN_BIG for char in whole):
        return None  # 一九五九: a year or a code read digit by digit
    total, section, number = 0.0, 0.0, 0.0
    for char in whole:
        if char in _CN_DIGITS:
            number = _CN_DIGITS[char]
        elif char in _CN_PLACES:
            section += (number or 1) * _CN_PLACES[char]
            number = 0
        elif char in _CN_BIG:
            total = (total + section + number) * _CN_BIG[char] if char == "亿" else total + (section + number) * _CN_BIG[char]
            section, number = 0, 0
    value = total + section + number
    if fraction:
        value += float("0." + "".join(str(_CN_DIGITS[char]) for char in fraction))
    return value


def _chinese_figures(text: str, folded: str) -> list[Figure]:
    """Figures written in Chinese numerals: a percentage (百分之六) or a number with a place before a unit."""
    found: list[Figure] = []
    for match in _CN_FIGURE.finditer(folded):
        percent, numeral = match.group(1), match.group(2)
        value = chinese_number(numeral)
        if value is None or folded[max(0, match.start() - 2) : match.start()].endswith(_NOT_A_NUMBER_BEFORE):
            continue
        end = match.end()
        qualifier = ""
        if found_approx := _APPROX.match(folded, end):
            qualifier, end = found_approx.group(1), found_approx.end()
        if percent:
            unit = "%"
        else:
            unit_match = _CN_NUMERAL_UNIT.match(folded, end)
            placed = any(char in _CN_PLACES or char in _CN_BIG for char in numeral) or "点" in numeral
            if unit_match is None or not placed:
                continue  # 三个, 一批: a word, not a figure
            unit, end = _CN_NUMERAL_UNITS[unit_match.group(1)], unit_match.end()
        start = match.start()
        if post := _CN_POST.match(folded, end):
            qualifier, end = POST_QUALIFIERS[post.group(1)], post.end()
        if pre := _PRE.search(folded[max(0, start - 16) : start]):
            qualifier = qualifier or _PRE_QUALIFIERS[pre.group(1).lower()]
            start -= len(pre.group(0))
        found.append(Figure(value, None, unit, qualifier, text[start:end], start, end))
    return found


def _read_range_end(folded: str, first: _Reading, match: re.Match[str]) -> tuple[_Reading, re.Match[str]] | None:
    """The second number of a range such as 5%-5.5%, 6-6.5%, 5.0—5.5% or 'between 6% and 6.5%'."""
    separator = _RANGE_SEP.match(folded, first.end)
    if separator is None and re.search(r"between\s+$", folded[: match.start()], re.IGNORECASE):
        separator = _AND_SEP.match(folded, first.end)
    if separator is None:
        return None
    second_match = _NUMBER.match(folded, separator.end())
    if second_match is None:
        return None
    second = _read_number(folded, second_match)
    if second.unit is None or (first.unit is not None and first.unit != second.unit):
        return None
    if first.multiplier is not None and second.multiplier is None:
        return None
    if _DATE_SUFFIX.match(folded, second_match.end()):
        return None
    return second, second_match


def _build_figure(text: str, folded: str, match: re.Match[str], first: _Reading) -> tuple[Figure, int]:
    start = match.start()
    value = _scaled(first.number, first.multiplier)
    upper: float | None = None
    unit = first.unit
    end = first.end
    ranged = _read_range_end(folded, first, match)
    if ranged is not None:
        second, _ = ranged
        multiplier = first.multiplier if first.multiplier is not None else second.multiplier
        value = _scaled(first.number, multiplier)
        upper = _scaled(second.number, second.multiplier)
        unit, end = second.unit, second.end
    if unit is None:
        if currency := _CURRENCY_BEFORE.search(folded[:start]):
            unit = "美元" if "$" in currency.group(1) else "元"
            start = currency.start()
    qualifier = first.approximate
    if found := _CN_POST.match(folded, end):
        qualifier, end = POST_QUALIFIERS[found.group(1)], found.end()
    elif found := _EN_POST.match(folded, end):
        qualifier, end = _EN_POST_MAP[found.group(1).lower()], found.end()
    if pre := _PRE.search(folded[max(0, start - 16) : start]):
        if not qualifier:
            qualifier = _PRE_QUALIFIERS[pre.group(1).lower()]
        start -= len(pre.group(0))
    figure = Figure(value, upper, unit or "", qualifier, text[start:end], start, end)
    return figure, end


def parse_figure(text: str) -> Figure:
    """The first figure of a short string such as a gold answer ``6%左右``; ValueError if it has none."""
    figures = extract_figures(text)
    if not figures:
        raise ValueError(f"no figure found in {text!r}; write the value with its unit, e.g. '6%' or '287.2亿元'")
    return figures[0]


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


def figures_equal(a: Figure, b: Figure, rel_tol: float = 1e-6) -> bool:
    """Same unit family, same scaled value and same range end; qualifiers are not compared."""
    if a.unit != b.unit or not _close(a.value, b.value, rel_tol):
        return False
    if a.upper is None or b.upper is None:
        return a.upper is None and b.upper is None
    return _close(a.upper, b.upper, rel_tol)


def contains_figure(text: str, figure: Figure) -> bool:
    """Whether some figure in ``text`` equals ``figure`` (see :func:`figures_equal`)."""
    return any(figures_equal(candidate, figure) for candidate in extract_figures(text))
