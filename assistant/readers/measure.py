"""What kind of number a question wants, and which figure of a clause gives it.

"珠山区2023年社会消费品零售总额增长多少？" wants a rate (5.8%), not the level in the same sentence
(222.4亿元); "地区生产总值是多少" wants the level; "新建高标准农田多少亩" wants a figure in 亩.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.datatypes import ParsedQuestion
from assistant.knowledge.figures import Figure, extract_figures

RATE_UNITS = ("%", "个百分点")
_RATE_CUES_ZH = ("增长", "增速", "增幅", "涨幅", "下降", "降低", "提高", "上涨", "率", "比重", "百分点")
_RATE_CUES_EN = ("growth", "grow", "increase", "decrease", "decline", "rate", "ratio", "percent", "share", "by how much", "fast")
_LEVEL_CUES_ZH = ("总额", "总量", "规模", "达到多少", "是多少", "多少亿", "多少万")
_LEVEL_CUES_EN = ("how much", "how many", "total", "value", "amount", "size")
_UNIT_ASKED = re.compile(r"(?:多少|几)(?:万|亿|千|百)?(亩|个|家|户|套|人次|人|元|公里|千米|吨|斤|件|项|所|座|张|条|辆|头|标箱|平方米|公顷|场)")
_UNIT_ASKED_EN = {
    "mu": "亩", "hectares": "公顷", "kilometres": "公里", "kilometers": "公里", "km": "公里", "tonnes": "吨",
    "tons": "吨", "yuan": "元", "people": "人", "persons": "人", "households": "户", "jin": "斤",
}
# The continuation of a clause that states the growth of the figure before it: "…222.4亿元，同比增长5.8%".
CONTINUATION = re.compile(r"^(?:同比|比上年|较上年|增长|下降|增速|增幅|年均|分别|其中|占)")


@dataclass(frozen=True)
class Wanted:
    """The measure a question asks for: "rate", "level" or "" (either), and a unit if it names one."""

    measure: str = ""
    unit: str = ""

    @property
    def strict(self) -> bool:
        """A named unit or a rate must be matched; a level ("是多少") only preferred."""
        return bool(self.unit) or self.measure == "rate"


def wanted(question: ParsedQuestion) -> Wanted:
    text = question.text
    lower = text.lower()
    if "百分点" in text or "percentage point" in lower:
        return Wanted("rate", "个百分点")
    unit = ""
    match = _UNIT_ASKED.search(text)
    if match:
        unit = match.group(1)
    else:
        for word, zh in _UNIT_ASKED_EN.items():
            # "how many mu", "in yuan" name the unit; "per 10,000 people" does not
            if re.search(rf"\bhow (?:many|much)(?: \w+)? {word}\b|\bin {word}\b", lower):
                unit = zh
                break
    if unit:
        return Wanted("level", unit)
    if question.language == "en":
        if any(cue in lower for cue in _RATE_CUES_EN):
            return Wanted("rate")
        if any(cue in lower for cue in _LEVEL_CUES_EN):
            return Wanted("level")
        return Wanted()
    if any(cue in text for cue in _RATE_CUES_ZH):
        return Wanted("rate")
    if any(cue in text for cue in _LEVEL_CUES_ZH) or "多少" in text:
        return Wanted("level")
    return Wanted()


def fits(figure: Figure, want: Wanted) -> float:
    """+1 for a figure of the wanted measure/unit, -1 for the other measure, 0 when nothing is asked."""
    if want.unit:
        return 1.0 if figure.unit and _same_unit(figure.unit, want.unit) else -1.0
    if want.measure == "rate":
        return 1.0 if figure.unit in RATE_UNITS else -1.0
    if want.measure == "level":
        return 1.0 if figure.unit not in RATE_UNITS else -0.5
    return 0.0


def _same_unit(figure_unit: str, asked: str) -> bool:
    return figure_unit == asked or figure_unit.endswith(asked) or asked.endswith(figure_unit)


def choose_figure(text: str, offset: int, position: int | None, want: Wanted) -> Figure | None:
    """The figure that belongs to the indicator named at ``offset`` in ``text``.

    In a 分别 list the figure at the item's position; otherwise the first figure after the name
    that fits what the question wants, else the first figure after the name.
    """
    figures = [f for f in extract_figures(text) if f.start >= offset]
    if not figures:
        return None
    if position is not None and "分别" in text[offset:] and position < len(figures):
        return figures[position]
    fitting = [f for f in figures if fits(f, want) > 0]
    return fitting[0] if fitting else figures[0]
