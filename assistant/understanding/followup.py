"""Follow-ups in a conversation: "萍乡呢？", "那2023年呢？", "目标呢？", "and Pingxiang?", "what about 2023?".

A follow-up says only what changes; the rest comes from the question before it. :func:`resolve`
takes the parsed follow-up and the (resolved) question before it and fills in what the follow-up
leaves out:

* what is asked (indicators, topic, aspects, the kind of answer, the measure wanted) when the
  follow-up names none of it — "萍乡呢？" asks the same figure for another region;
* the region and the years when the follow-up names none — "目标呢？" asks the target of the same
  region and year; a follow-up that names a region or a year replaces it;
* the kind (target, actual) unless the follow-up names one.

A question that names what it asks about is not a follow-up, whatever its words; when it names neither
a place nor a year it keeps the conversation's ("粮食产量目标是多少？" after a question about Heilongjiang
in 2026). A short question
that names nothing to ask about and cannot borrow it ("那个呢？" with no earlier question, "那个区的呢"
after two cities) is ``unresolved``: the assistant asks what is meant instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from assistant.core.datatypes import ParsedQuestion
from assistant.understanding.intent import says_answer_kind

_MARKER = re.compile(
    r"呢[？?。!！\s]*$|^(?:那|那么|还有|另外|再看看?|换成)|^\s*(?:and|what about|how about|and what about|same for|now)\b",
    re.I,
)
_POINTING = re.compile(r"那个|这个|那里|这里|它|其|他们|\b(?:it|that one|the other one|the other|this one|there|them)\b", re.I)
# A question that starts by pointing back ("这个要花多少钱？", "How much will it cost?" is not: it names
# nothing before the verb): it is about something said before.
_POINTS_BACK = re.compile(r"^\s*(?:那个|这个|这些|那些|这项|那项|它|其)|^\s*(?:this|that|these|those)\b(?! year\b)", re.I)
_PLACE_PRONOUNS = frozenset({"it", "它", "其"})
SHORT_ZH = 16  # a follow-up is short: "那2023年的目标呢？"
SHORT_EN = 10  # words


def is_followup(parsed: ParsedQuestion) -> bool:
    """A short question with a follow-up marker, one that names nothing to ask about, or one that starts
    by pointing back ("这个要花多少钱？")."""
    short = (
        len(parsed.text.split()) <= SHORT_EN if parsed.language == "en" else len(parsed.text) <= SHORT_ZH
    )
    return short and (
        bool(_MARKER.search(parsed.text)) or not _asks_something(parsed) or bool(_POINTS_BACK.match(parsed.text))
    )


# Aspects that only say which figure of the same thing is wanted: "目标呢？", "增速呢？".
_FIGURE_ASPECTS = frozenset({"目标", "预期目标", "主要目标", "计划", "安排", "情况", "完成情况", "执行情况", "增长", "增速",
                             "增幅", "规模", "总量", "数量", "数字", "数据", "结果"})


def _asks_something(parsed: ParsedQuestion) -> bool:
    """Whether the question names what it asks about (more than which figure of it)."""
    return bool(
        parsed.indicators or parsed.topic or parsed.untranslated or set(parsed.aspects) - _FIGURE_ASPECTS
    )


def resolve(parsed: ParsedQuestion, previous: ParsedQuestion | None) -> ParsedQuestion:
    """``parsed`` completed from ``previous`` when it is a follow-up (see the module docstring)."""
    if not is_followup(parsed):
        return _in_the_same_place_and_years(parsed, previous)
    names_new = bool(
        parsed.region or parsed.region_mention or parsed.years or parsed.kind or parsed.aspects
        or parsed.wanted.measure or parsed.wanted.unit or _asks_something(parsed)
    )
    pointing = bool(_POINTING.search(parsed.text)) and not parsed.region and not _means_the_place(parsed, previous)
    if previous is None or previous.unresolved or not names_new or pointing:
        if _asks_something(parsed) and not pointing:
            return parsed  # it says what it asks; there is just nothing to borrow
        return replace(parsed, unresolved=True)
    inherited: list[str] = []
    changes: dict[str, object] = {}
    if not _asks_something(parsed):
        changes.update(
            indicators=previous.indicators, base_indicators=previous.base_indicators, any_indicator=previous.any_indicator,
            indicator_part=previous.indicator_part, topic=previous.topic, counted=previous.counted,
            topic_phrase=previous.topic_phrase, aspects=previous.aspects, untranslated=previous.untranslated,
            keywords=previous.keywords, answer_kind=previous.answer_kind,
            comparison=previous.comparison, superlative=previous.superlative, lowest_first=previous.lowest_first,
        )
        inherited.append("what")
    elif not says_answer_kind(parsed.text) and previous.answer_kind is not parsed.answer_kind:
        # "4G呢？" after "5G基站有多少个？": the same kind of answer about the new thing
        counted = parsed.counted or (parsed.topic[0] if previous.counted and parsed.topic else "")
        changes.update(answer_kind=previous.answer_kind, counted=counted)
        inherited.append("answer kind")
    if not (parsed.wanted.measure or parsed.wanted.unit):
        # "固定资产投资呢？" after a growth target asks its growth target, if the report gives one: a new
        # thing may be counted, not grown ("城镇新增就业呢？" after GDP growth: 1361万人)
        changes.update(wanted=replace(previous.wanted, preferred=_asks_something(parsed)))
    if parsed.region is None and not parsed.region_mention:
        changes.update(region=previous.region, region_mention=previous.region_mention, regions=previous.regions)
        inherited.append("region")
    if not parsed.years:
        changes.update(years=previous.years, report_named=previous.report_named)
        inherited.append("years")
    elif previous.report_named:
        changes.update(report_named=True)  # "2025年呢？" after "2024年政府工作报告怎么…": the 2025 report
    if parsed.kind is None or not parsed.kind_explicit:
        if previous.kind is not None and not parsed.kind_explicit:
            changes.update(kind=previous.kind, kind_explicit=previous.kind_explicit)
            inherited.append("kind")
    return replace(parsed, **changes, inherited=tuple(inherited))


def _in_the_same_place_and_years(parsed: ParsedQuestion, previous: ParsedQuestion | None) -> ParsedQuestion:
    """A question that names its subject but neither a place nor a year, asked in a conversation about
    one, is about that place and those years: "粮食产量目标是多少？" after "黑龙江省2026年的主要预期目标
    有哪些？" asks Heilongjiang's 2026 target, not the newest national report's."""
    if (
        previous is None or previous.unresolved or parsed.region is not None or parsed.region_mention
        or parsed.years or (previous.region is None and not previous.years)
    ):
        return parsed
    return replace(
        parsed, region=previous.region, region_mention=previous.region_mention, regions=previous.regions,
        years=previous.years, report_named=previous.report_named, inherited=("region", "years"),
    )


def _means_the_place(parsed: ParsedQuestion, previous: ParsedQuestion | None) -> bool:
    """"it" / 它 / 其 alone after a question about one place's figure or topic stands for that place
    ("And what did it achieve in 2025?"); 那个, 这个, "the other one" may point at anything."""
    words = {word.lower() for word in _POINTING.findall(parsed.text)}
    return (
        bool(words) and words <= _PLACE_PRONOUNS and previous is not None and previous.region is not None
        and _asks_something(previous)
    )


def resolve_conversation(questions: Iterable[ParsedQuestion]) -> ParsedQuestion | None:
    """The last question of a conversation, each resolved against the one before."""
    previous: ParsedQuestion | None = None
    for parsed in questions:
        previous = resolve(parsed, previous)
    return previous


__all__ = ["is_followup", "resolve", "resolve_conversation"]
