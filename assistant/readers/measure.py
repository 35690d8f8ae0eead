"""Which figure of a clause gives what a question wants (``ParsedQuestion.wanted``: a rate or a level, a unit).

"珠山区2023年社会消费品零售总额增长多少？" wants a rate (5.8%), not the level in the same sentence
(222.4亿元); "地区生产总值是多少" wants the level; "新建高标准农田多少亩" wants a figure in 亩.
"""

from __future__ import annotations

import re

from assistant.core.datatypes import Wanted
from assistant.knowledge.figures import Figure, extract_figures
from assistant.knowledge.tables import cached, strings, toml_table

RATE_UNITS = ("%", "个百分点")
# How a growth is reckoned, between the figure and its growth: "…192.3亿元，按可比价计算，同比增长6.0%",
# "…17亿元,按可比口径增长13%".
_BASIS = r"(?:按(?:可比|现行|不变|同)?(?:价格?|口径)(?:计算)?|扣除价格因素|剔除价格因素)"
BASIS = re.compile(rf"^{_BASIS}$")
# The continuation of a clause that states the growth of the figure before it: "…222.4亿元，同比增长5.8%".
CONTINUATION = re.compile(rf"^{_BASIS}?(?:同比|比上年|较上年|增长|下降|增速|增幅|年均|分别|其中|占)")


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
    if figure_unit == asked or figure_unit.endswith(asked) or asked.endswith(figure_unit):
        return True
    return any(figure_unit in group and asked in group for group in same_counters())


@cached
def same_counters() -> tuple[frozenset[str], ...]:
    """Groups of counters for the same thing (``data/counters.toml``): 人, 名 and 位 all count people."""
    groups = toml_table("counters.toml").get("same", [])
    return tuple(frozenset(strings(group, "counters.toml: each entry of same", "counters")) for group in groups)


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
