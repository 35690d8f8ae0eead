"""The question parser: a question is read once into a ``ParsedQuestion``; later steps read its fields.

``parse_question`` is rule-based and deterministic. It reads Chinese and English questions; the
English ones get Chinese keywords from the lexicon and the glossary (``keywords``) so that the
keyword search and the reader, which only know the reports' Chinese, can still find passages and
clauses.

Rules worth knowing:

* Years (``assistant.knowledge.years.extract_years``): "2024年", "2024", "二〇二四年", "24年",
  ranges ("2021—2023年"), and the relative 今年/去年/明年/前年, this/last/next year when
  ``reference_year`` is given (without it they are left out); counted from the asked region's
  latest report (``latest_year``) when the question names a region. "十四五" and "2000万元" are not years.
* Kind (``data/kind_cues.toml`` [question]): a target cue (目标, 预期, 计划, 力争, 安排, 拟, target,
  goal, plan, aim, expected) gives TARGET; 预计/estimated gives ESTIMATE; an actual cue (实际, 实现,
  完成, 达到, 增长了, actual, achieved, grew, was) gives ACTUAL. 实际/actual outrank a target cue, a
  target cue outranks the others. A question about an indicator with a year or an amount word but
  no cue ("2024年GDP是多少") asks for the ACTUAL figure. ``kind_explicit`` says whether the
  question's own words name the kind ([question_explicit]); the figure reader then refuses a
  clause of another kind.
* Region: the most specific region the gazetteer finds; ``regions`` holds every region named, in
  text order. A region-looking mention it does not know ("海淀区", "Springfield's") is reported in
  ``region_mention`` with ``region=None`` when nothing known is named, or when it is more specific
  than the known one ("北京市海淀区") (``mentions``).
* Indicators: every indicator the lexicon finds; ``base_indicators`` those named only as the base
  of a share ("民生支出占一般公共预算支出比重" asks a share, not 一般公共预算支出).
* What is wanted (``wanted``): a rate ("增长多少", "growth") or a level ("是多少", "总额"), and a unit
  when the question names one ("多少亩", "in yuan").
* Comparisons ("对比", "哪个…最高", "Compare …", two regions named), and whether the lowest or the
  highest comes first.
* Keywords (``keywords``): the words the answering clause should contain.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from assistant.core.datatypes import AnswerKind, Kind, Level, ParsedQuestion, Wanted
from assistant.core.errors import EmptyQuestionError
from assistant.knowledge.cues import question_explicit, question_patterns
from assistant.knowledge.gazetteer import Gazetteer, builtin_gazetteer
from assistant.knowledge.glossary import english_phrase_spans
from assistant.knowledge.lexicon import Indicator, find_asked_indicators, find_indicators, named_as_base, part_named_before
from assistant.knowledge.textmatch import blank, fold_width, is_meaningful
from assistant.knowledge.years import REPORT_OF_YEAR, extract_years
from assistant.understanding.intent import answer_kind, asked_fields, cue_spans, has_cue
from assistant.understanding.keywords import chinese_keywords, english_keywords
from assistant.understanding.mentions import choose_region, find_unknown_mentions
from assistant.understanding.topic import chinese_topic, english_topic

logger = logging.getLogger(__name__)

_ASKS_AMOUNT = re.compile(r"多少|几|多大|多快|\b(?:how much|how many|how fast|what (?:is|was)|what's)\b", re.I)
_COMPARISON = re.compile(
    r"对比|比较|相比|比起|哪(?:个|些|一)(?:地区|地方|省份?|市|区|县|城市|国家)|哪里|哪座|最高|最低|最快|最慢|最多|最少|最大|最小"
    r"|排名|排行|排第|各地|各市|各区|各县|各省|差距|高于|低于|\b(?:compare[sd]?|comparison|comparing|versus|vs\.?"
    r"|rank(?:ed|ing|s)?|highest|lowest|fastest|slowest|largest|smallest|biggest|differences?|than)\b",
    re.I,
)
_SUPERLATIVE = re.compile(
    r"最高|最低|最多|最少|最大|最小|最快|最慢|哪个|哪些|哪一|排名|排行"
    r"|\b(?:highest|lowest|largest|smallest|fastest|slowest|most|least|which|rank(?:ed|ing)?|top)\b",
    re.I,
)
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:[,，]\d{3})+(?![\d])|(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_LOWEST = re.compile(r"最低|最少|最小|最慢|最差|\b(?:lowest|smallest|least|slowest|fewest|minimum)\b", re.I)

# What kind of number is wanted: "珠山区2023年社会消费品零售总额增长多少？" wants a rate (5.8%), not the
# level in the same sentence (222.4亿元); "地区生产总值是多少" the level; "新建高标准农田多少亩" a figure in 亩.
_RATE_CUES_ZH = ("增长", "增速", "增幅", "涨幅", "下降", "降低", "提高", "上涨", "率", "比重", "百分点")
_RATE_CUES_EN = ("growth", "grow", "increase", "decrease", "decline", "rate", "ratio", "percent", "share", "by how much", "fast")
_LEVEL_CUES_ZH = ("总额", "总量", "规模", "达到多少", "是多少", "多少亿", "多少万")
_LEVEL_CUES_EN = ("how much", "how many", "total", "value", "amount", "size")
_UNIT_ASKED = re.compile(
    r"(?:多少|几)(?:万|亿|千|百)?(亩|个|家|户|套|人次|人|元|公里|千米|吨|斤|件|项|所|座|张|条|辆|头|标箱|平方米|公顷|场|部|台|架|艘|处|名|位|床|间|栋)"
)
# Words for an amount of money: "产业项目的投资额是多少" wants 亿元, not the count of projects.
_MONEY_WORDS = ("投资额", "投资规模", "资金", "金额", "营收", "营业收入", "销售收入", "产值", "销售额", "成交额", "交易额", "利润", "税收")
_MONEY_WORDS_EN = ("revenue", "investment amount", "funds", "funding", "output value", "turnover", "profit", "sales value")
# Question phrases that are not content words; jieba would cut "投资额是多少" into 投资 / 额是 / 多少.
_QUESTION_PHRASES = re.compile(
    r"是多少|有多少|为多少|是什么|有哪些|有什么|是哪些|哪几个?方面|哪些方面|哪几个?|是几|多少|怎么样|怎么|怎样|如何|包括|吗|呢"
)
_UNIT_ASKED_EN = {
    "mu": "亩", "hectares": "公顷", "kilometres": "公里", "kilometers": "公里", "km": "公里", "tonnes": "吨",
    "tons": "吨", "yuan": "元", "people": "人", "persons": "人", "households": "户", "jin": "斤",
}


def parse(text: str, gazetteer: Gazetteer | None = None, reference_year: int | None = None) -> ParsedQuestion:
    """``parse_question`` with the built-in gazetteer (built once) when none is given."""
    return parse_question(text, gazetteer or builtin_gazetteer(), reference_year=reference_year)


def parse_question(
    text: str,
    gazetteer: Gazetteer,
    *,
    reference_year: int | None = None,
    latest_year: Callable[[str], int | None] | None = None,
) -> ParsedQuestion:
    """Understand a Chinese or English question; see the module docstring for the rules."""
    if not is_meaningful(text):
        raise EmptyQuestionError("the question is empty; ask about a report, e.g. '赣州2024年GDP增长目标是多少？'")
    text = text.strip()
    folded = fold_width(text)
    language = detect_language(folded)
    indicator_matches = find_asked_indicators(folded)
    if language == "en":
        indicator_matches = _outside_other_phrases(folded, indicator_matches)
    indicators = tuple(dict.fromkeys(indicator.key for indicator, _, _ in indicator_matches))
    region_matches = gazetteer.find_all(folded)
    known = gazetteer.resolve(folded)
    taken = [(m.start, m.end) for m in region_matches] + [(s, e) for _, s, e in indicator_matches]
    unknown = find_unknown_mentions(folded, taken, is_place=lambda words: bool(gazetteer.candidates(words)))
    region_match, mention = choose_region(known, unknown)
    if region_match is not None and latest_year is not None:
        # 今年/去年 count from the asked region's latest report, not the newest report of the index
        reference_year = latest_year(region_match.region.name) or reference_year
    years = extract_years(folded, reference_year)
    # Cue words inside names (实际使用外资, "actual use of foreign capital") are not cues.
    kind = detect_kind(blank(folded, taken), has_year=bool(years), has_indicator=bool(indicators))
    distinct_regions = {m.region.name for m in region_matches if m.region.level is not Level.NATIONAL}
    # Region names, years and kind cues are search filters, not words a clause must contain.
    named = taken + [(start, end) for _, start, end, specificity in unknown if specificity > 0]
    untranslated: tuple[str, ...] = ()
    named += [(m.start(), m.end()) for m in _QUESTION_PHRASES.finditer(folded)]
    named += cue_spans(folded, ("document", "date"))  # "哪天作的", "什么时间前": what is asked, not about what
    if language == "en":
        keywords = english_keywords(folded, indicators, named)
        topic, aspects, untranslated, counted = english_topic(folded, named)
        phrase = ""
    else:
        keywords = chinese_keywords(folded, indicator_matches, named)
        topic, aspects, counted, phrase = chinese_topic(folded, named)
    # figures side by side: a comparison word, or two places, with an indicator to compare ("赣州在对接深圳…
    # 取得了哪些进展" names two places but asks what was done)
    comparison = bool(indicators) and (bool(_COMPARISON.search(folded)) or len(distinct_regions) >= 2)
    kind_of_answer = answer_kind(
        blank(folded, [(m.start, m.end) for m in region_matches]),
        indicators=indicators, years=years, comparison=comparison, topic=topic + untranslated,
    )
    if kind_of_answer.reads_sentences and indicators:
        # a what / how question about an indicator ("怎么加快数字经济发展") is about it: it joins the topic
        names = (folded[s:e] if language == "zh" else indicator.zh for indicator, s, e in indicator_matches)
        topic = tuple(dict.fromkeys((*names, *topic)))
    parsed = ParsedQuestion(
        text=text,
        language=language,
        region=region_match.region if region_match else None,
        region_mention=mention,
        regions=tuple(dict.fromkeys(m.region for m in region_matches)),
        years=years,
        kind=kind,
        kind_explicit=kind is not None and any(cue in text.lower() for cue in question_explicit(kind)),
        indicators=indicators,
        base_indicators=base_indicators(text),
        any_indicator=len({(start, end) for _, start, end in indicator_matches}) < len(indicator_matches),
        indicator_part=next((part_named_before(folded, start) for _, start, _ in indicator_matches), ""),
        keywords=keywords,
        wanted=detect_wanted(text, language),
        comparison=kind_of_answer is AnswerKind.COMPARISON,
        superlative=bool(_SUPERLATIVE.search(text)),
        lowest_first=bool(_LOWEST.search(text)),
        answer_kind=kind_of_answer,
        asks_agent=kind_of_answer is AnswerKind.PASSAGES and has_cue("agent", folded),
        asked_fields=asked_fields(folded, kind_of_answer),
        numbers=numbers_named(folded, years),
        topic=topic,
        counted=counted,
        topic_phrase=phrase,
        aspects=aspects,
        untranslated=untranslated,
        report_named=bool(years) and set(years) <= _report_years_named(folded),
    )
    logger.debug("parsed %r as %s", text, parsed)
    return parsed


def _report_years_named(text: str) -> set[int]:
    return {int(year) for match in REPORT_OF_YEAR.finditer(text) for year in match.groups() if year}


def _outside_other_phrases(
    text: str, matches: list[tuple[Indicator, int, int]]
) -> list[tuple[Indicator, int, int]]:
    """Indicator names that are not the tail or head of a longer glossary phrase about something else:
    "economy" in "the low-altitude economy" is 低空经济, not the GDP."""
    phrases = english_phrase_spans(text)
    kept = []
    for indicator, start, end in matches:
        names = {indicator.zh, *indicator.aliases}
        inside = [terms for s, e, terms in phrases if s <= start and end <= e and (e - s) > (end - start)]
        if any(not any(name in term for name in names for term in terms) for terms in inside):
            continue
        kept.append((indicator, start, end))
    return kept


def numbers_named(text: str, years: tuple[int, ...]) -> tuple[str, ...]:
    """The numbers a question states, not its years, as digits: "3,000 new 5G base stations" -> ("3000", "5")."""
    found = (match.group().replace(",", "").replace("，", "") for match in _NUMBER.finditer(text))
    return tuple(dict.fromkeys(number for number in found if not (number.isdigit() and int(number) in years)))


def detect_language(text: str) -> str:
    """"en" when Latin letters clearly outnumber Chinese characters (GDP inside Chinese stays "zh")."""
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return "en" if latin and latin >= 4 * cjk else "zh"


def detect_kind(text: str, *, has_year: bool = False, has_indicator: bool = False) -> Kind | None:
    """TARGET, ACTUAL or ESTIMATE from the question's cue words (see the module docstring)."""
    cues = question_patterns()
    if cues["actual_strong"].search(text):
        return Kind.ACTUAL
    if cues["target"].search(text):
        return Kind.TARGET
    if cues["estimate"].search(text):
        return Kind.ESTIMATE
    asks_amount = bool(_ASKS_AMOUNT.search(text))
    if cues["actual"].search(text) or (has_indicator and (has_year or asks_amount)):
        return Kind.ACTUAL
    return None


def base_indicators(text: str) -> tuple[str, ...]:
    """Indicators the text names as the base of a share or a contribution ("占一般公共预算支出比重")."""
    return tuple(dict.fromkeys(
        indicator.key for indicator, start, end in find_indicators(text) if named_as_base(text, start, end)
    ))


def _names_cue(lower: str, cues: tuple[str, ...]) -> bool:
    """Whether English text holds one of ``cues`` at the start of a word: "ratio" is not in "demonstration"."""
    return any(re.search(rf"\b{re.escape(cue)}", lower) for cue in cues)


def detect_wanted(text: str, language: str) -> Wanted:
    """The measure a question asks for: a rate or a level, and the unit it names (see the module docstring)."""
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
    if language == "en":
        if _names_cue(lower, _RATE_CUES_EN):
            return Wanted("rate")
        if any(word in lower for word in _MONEY_WORDS_EN):
            return Wanted("level", "元")
        if _names_cue(lower, _LEVEL_CUES_EN):
            return Wanted("level")
        return Wanted()
    if any(cue in text for cue in _RATE_CUES_ZH):
        return Wanted("rate")
    if any(word in text for word in _MONEY_WORDS):
        return Wanted("level", "元")
    if any(cue in text for cue in _LEVEL_CUES_ZH) or "多少" in text:
        return Wanted("level")
    return Wanted()


__all__ = [
    "base_indicators",
    "detect_kind",
    "detect_language",
    "detect_wanted",
    "is_meaningful",
    "numbers_named",
    "parse",
    "parse_question",
]
