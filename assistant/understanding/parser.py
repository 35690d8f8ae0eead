"""Question understanding: region, years, kind of figure, indicators and search keywords.

``parse_question`` is rule-based and deterministic. It reads Chinese and English
questions; the English ones get Chinese keywords from the lexicon and the glossary
(assistant/glossary.py) so that the keyword search and the reader, which only know
the reports' Chinese, can still find passages and clauses.

Rules worth knowing:

* Years: "2024年", "2024", "二〇二四年", "24年", ranges ("2021—2023年"), and the
  relative 今年/去年/明年/前年, this/last/next year when ``reference_year`` is given
  (without it they are left out). "十四五" and amounts such as "2000万元" are not years.
* Kind: a target cue (目标, 预期, 计划, 力争, 安排, 拟, target, goal, plan, aim,
  expected) gives TARGET; 预计/estimated gives ESTIMATE; an actual cue (实际, 实现,
  完成, 达到, 增长了, actual, achieved, grew, was) gives ACTUAL. 实际/actual outrank
  a target cue, a target cue outranks the others. A question about an indicator with
  a year or an amount word but no cue ("2024年GDP是多少") asks for the ACTUAL figure.
* Region: the most specific region the gazetteer finds. A region-looking mention it
  does not know ("海淀区", "Springfield's") is reported in ``region_mention`` with
  ``region=None`` when nothing known is named, or when it is more specific than the
  known one ("北京市海淀区"), so the assistant can say it has no report for it
  instead of answering for another region.
* Keywords are the words the answering clause should contain: indicator names, the
  glossary's phrases (with the glossary terms inside them: 高标准农田, 农田) and other
  content words. Region names, years, question words (多少, 几), kind cues (目标, 计划,
  力争, target) and filler are left out: the search filters and ranks by those already.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from assistant.core.datatypes import Kind, Level, ParsedQuestion
from assistant.core.errors import EmptyQuestionError
from assistant.knowledge.gazetteer import Gazetteer, RegionMatch, builtin_gazetteer, split_suffix
from assistant.knowledge.glossary import chinese_phrases, english_terms
from assistant.knowledge.lexicon import Indicator, find_indicators, search_terms
from assistant.knowledge.question_words import question_words
from assistant.knowledge.textmatch import fold_width

logger = logging.getLogger(__name__)

_CN_NUMERALS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_NOT_YEAR_AFTER = set("万亿元个家人%多余千百吨亩米户项件次倍天座所辆条")

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\s*(?:[-—–~～至到]|to)\s*((?:19|20)\d{2}))?(?![\d.]\d|\d)")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})年(?!代)")
_SHORT_YEAR_BLOCKERS = ("近", "过去", "未来", "连续", "前", "后", "这", "那", "多", "第", "每", "用", "最近")
_RELATIVE_YEARS = (
    (re.compile(r"今年|本年度|this year|current year", re.I), 0),
    (re.compile(r"去年|上年|last year|previous year", re.I), -1),
    (re.compile(r"明年|next year", re.I), 1),
    (re.compile(r"前年|the year before last", re.I), -2),
    (re.compile(r"后年|the year after next", re.I), 2),
)

_STRONG_ACTUAL = re.compile(r"实际|实绩|\bactual(?:ly)?\b", re.I)
_TARGET = re.compile(
    r"目标|预期|(?<!计划执行)计划(?!执行)|力争|安排|(?<![模虚])拟|规划|打算|确保|控制在|控制"
    r"|(?:要|将|需要|须)(?:完成|实现|达到)"
    r"|\b(?:targets?|targeted|goals?|aims?|aimed|plans?|planned|expected|objectives?|ceiling|cap)\b",
    re.I,
)
_ESTIMATE = re.compile(r"预计|预估|\b(?:estimated?|estimates|projected|preliminary)\b", re.I)
_ACTUAL = re.compile(
    r"实现|完成|达到|增长了|下降了|执行情况|结果"
    r"|\b(?:achieved?|achievement|grew|reached|realized|realised|recorded|was|were|did|result|outcome)\b",
    re.I,
)
_ASKS_AMOUNT = re.compile(r"多少|几|多大|多快|\b(?:how much|how many|how fast|what (?:is|was)|what's)\b", re.I)
_COMPARISON = re.compile(
    r"对比|比较|相比|比起|哪个|哪些|哪一|哪里|哪座|最高|最低|最快|最慢|最多|最少|最大|最小|排名|排行|排第|各地|各市"
    r"|各区|各县|各省|差距|高于|低于|\b(?:compare[sd]?|comparison|comparing|versus|vs\.?|rank(?:ed|ing|s)?"
    r"|highest|lowest|fastest|slowest|largest|smallest|biggest|differences?|than)\b",
    re.I,
)
_CN_REGION_CANDIDATE = re.compile(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|州|旗|盟)")
_LEADING_NAME = re.compile(r"((?:(?!的)[\u4e00-\u9fff]){2,4})(?=\d|[A-Za-z]|的|[今去明前]年|[〇零一二三四五六七八九]{4}年)")
_RELATIVE_YEAR_WORDS = ("今年", "去年", "明年", "前年", "后年", "上年", "全国", "全省", "全市", "全区", "全县")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EN_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?![A-Za-z])")
_EN_PRECEDING = re.compile(r"\b(?:in|of|for|from|at|about)\s+$", re.I)
_SPECIFICITY = {Level.NATIONAL: 0, Level.PROVINCE: 1, Level.CITY: 2, Level.UNKNOWN: 2,
                Level.COUNTY: 3, Level.DISTRICT: 3}
_CN_SUFFIX_SPECIFICITY = {"省": 1, "自治区": 1, "特别行政区": 1, "市": 2, "州": 2, "自治州": 2, "盟": 2}
_EN_ADMIN_SPECIFICITY = {"province": 1, "region": 1, "city": 2, "prefecture": 2, "municipality": 2}


def is_meaningful(text: str | None) -> bool:
    """False for None, empty text, whitespace, punctuation, emoji or control characters only."""
    return bool(text) and any(unicodedata.category(ch)[0] in "LN" for ch in text)


def parse(text: str, gazetteer: Gazetteer | None = None, reference_year: int | None = None) -> ParsedQuestion:
    """``parse_question`` with the built-in gazetteer (built once) when none is given."""
    return parse_question(text, gazetteer or builtin_gazetteer(), reference_year=reference_year)


def parse_question(text: str, gazetteer: Gazetteer, *, reference_year: int | None = None) -> ParsedQuestion:
    """Understand a Chinese or English question; see the module docstring for the rules."""
    if not is_meaningful(text):
        raise EmptyQuestionError("the question is empty; ask about a report, e.g. '赣州2024年GDP增长目标是多少？'")
    text = text.strip()
    folded = fold_width(text)
    language = detect_language(folded)
    indicator_matches = find_indicators(folded)
    indicators = tuple(dict.fromkeys(indicator.key for indicator, _, _ in indicator_matches))
    region_matches = gazetteer.find_all(folded)
    known = gazetteer.resolve(folded)
    taken = [(m.start, m.end) for m in region_matches] + [(s, e) for _, s, e in indicator_matches]
    unknown = find_unknown_mentions(folded, taken)
    region_match, mention = _choose_region(known, unknown)
    years = extract_years(folded, reference_year)
    # Cue words inside names (实际使用外资, "actual use of foreign capital") are not cues.
    cue_text = _mask(folded, taken)
    kind = detect_kind(cue_text, has_year=bool(years), has_indicator=bool(indicators))
    distinct_regions = {m.region.name for m in region_matches if m.region.level is not Level.NATIONAL}
    comparison = bool(_COMPARISON.search(folded)) or len(distinct_regions) >= 2
    region = region_match.region if region_match else None
    # Region names, years and kind cues are search filters, not words a clause must contain.
    named = taken + [(start, end) for _, start, end, specificity in unknown if specificity > 0]
    if language == "en":
        keywords = _english_keywords(folded, indicators, named)
    else:
        keywords = _chinese_keywords(folded, indicator_matches, named)
    parsed = ParsedQuestion(
        text=text, language=language, region=region, region_mention=mention, years=years, kind=kind,
        indicators=indicators, keywords=keywords, comparison=comparison,
    )
    logger.debug("parsed %r as %s", text, parsed)
    return parsed


def detect_language(text: str) -> str:
    """"en" when Latin letters clearly outnumber Chinese characters (GDP inside Chinese stays "zh")."""
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return "en" if latin and latin >= 4 * cjk else "zh"


def extract_years(text: str, reference_year: int | None = None) -> tuple[int, ...]:
    """Years named in the text, in order of appearance, each once."""
    found: list[tuple[int, int]] = []  # (position, year)
    for match in _YEAR.finditer(text):
        rest = text[match.end():].lstrip()
        if not match.group(2) and rest[:1] in _NOT_YEAR_AFTER:
            continue
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        span = range(first, last + 1) if 0 <= last - first <= 10 else (first, last)
        found.extend((match.start(), year) for year in span)
    for match in _CN_YEAR.finditer(text):
        found.append((match.start(), int("".join(_CN_NUMERALS[ch] for ch in match.group(1)))))
    for match in _SHORT_YEAR.finditer(text):
        before = text[: match.start()]
        if before.endswith(_SHORT_YEAR_BLOCKERS):
            continue
        two = int(match.group(1))
        pivot = (reference_year % 100 + 5) if reference_year else 50
        found.append((match.start(), 2000 + two if two <= pivot else 1900 + two))
    if reference_year is not None:
        for pattern, offset in _RELATIVE_YEARS:
            found.extend((m.start(), reference_year + offset) for m in pattern.finditer(text))
    found.sort()
    return tuple(dict.fromkeys(year for _, year in found))


def detect_kind(text: str, *, has_year: bool = False, has_indicator: bool = False) -> Kind | None:
    """TARGET, ACTUAL or ESTIMATE from the question's cue words (see the module docstring)."""
    if _STRONG_ACTUAL.search(text):
        return Kind.ACTUAL
    if _TARGET.search(text):
        return Kind.TARGET
    if _ESTIMATE.search(text):
        return Kind.ESTIMATE
    asks_amount = bool(_ASKS_AMOUNT.search(text))
    if _ACTUAL.search(text) or (has_indicator and (has_year or asks_amount)):
        return Kind.ACTUAL
    return None


def find_unknown_mentions(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """Region-looking words that are not known regions: ``(mention, start, end, specificity)``.

    ``taken`` are spans already explained (known regions, indicators). Specificity
    is 1 for a province, 2 for a city, 3 for a district or county, and 0 when the
    words do not say (a bare English or Chinese name): such a mention never
    displaces a known region.
    """
    found = _chinese_unknown(text, taken) + _english_unknown(text, taken)
    return sorted(found, key=lambda item: item[1])


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans blanked out (same length)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _chinese_unknown(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    found = []
    for match in _CN_REGION_CANDIDATE.finditer(text):
        start, end = match.start(), match.end()
        if _overlaps(end - 1, end, taken):  # the suffix itself belongs to a known name
            continue
        start = max([start] + [e for s, e in taken if start <= e <= end])
        words = text[start:end]
        cut = max((words.rfind(ch) for ch in question_words().cn_boundary_chars), default=-1)
        start, words = start + cut + 1, words[cut + 1:]
        for lead in question_words().cn_lead_phrases:
            if words.startswith(lead):
                start, words = start + len(lead), words[len(lead):]
        stem, suffix = split_suffix(words)
        if not 2 <= len(stem) <= 6 or words.endswith(question_words().cn_generic_endings):
            continue
        following = text[end:end + 1]
        if following and not (following in question_words().cn_followers or not following.isalnum() or following.isascii()
                              or any(s == end for s, _ in taken)):
            continue
        found.append((words, start, end, _CN_SUFFIX_SPECIFICITY.get(suffix, 3)))
    return found or _leading_chinese_name(text, taken)


def _leading_chinese_name(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """A bare name opening the question before a year or an indicator: "深圳2024年GDP" -> 深圳.

    Only used when no region is known, so the assistant does not answer for all regions.
    """
    start = 0
    for lead in ("请问", *question_words().cn_lead_phrases):
        if text.startswith(lead, start):
            start += len(lead)
    match = _LEADING_NAME.match(text, start)
    if match is None or _overlaps(match.start(1), match.end(1), taken):
        return []
    name = match.group(1)
    if name in question_words().cn_stopwords or name.endswith(question_words().cn_generic_endings) or any(w in name for w in _RELATIVE_YEAR_WORDS):
        return []
    return [(name, match.start(1), match.end(1), 0)]


def _english_unknown(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """Capitalised words that name a place by position: "Springfield's", "of Springfield", "X District"."""
    groups: list[list[re.Match[str]]] = []
    for word in _EN_CAPITALISED.finditer(text):
        if word.group(0).lower() in question_words().en_stopwords:
            groups.append([])
        elif groups and groups[-1] and re.fullmatch(r"[\s\-]+", text[groups[-1][-1].end():word.start()]):
            groups[-1].append(word)
        else:
            groups.append([word])
    found = []
    for group in groups:
        if not group or all(word.group(0).lower() in question_words().en_admin_words for word in group):
            continue
        start, end = group[0].start(), group[-1].end()
        if _overlaps(start, end, taken):
            continue
        last = group[-1].group(0).lower()
        admin = last in question_words().en_admin_words
        possessive = text[end:end + 2] == "'s"
        preceded = bool(_EN_PRECEDING.search(text[:start]))
        at_start = not text[:start].strip()
        if admin or possessive or preceded or at_start:
            # Without an administrative word a capitalised word is weak evidence: it never
            # displaces a known region (specificity 0), it only names an unknown one.
            found.append((text[start:end], start, end, _EN_ADMIN_SPECIFICITY.get(last, 3) if admin else 0))
    return found


def _choose_region(
    known: RegionMatch | None, unknown: list[tuple[str, int, int, int]]
) -> tuple[RegionMatch | None, str]:
    """The region the question is about, or None with the unknown mention's words."""
    if known is None:
        return None, (unknown[0][0] if unknown else "")
    known_specificity = _SPECIFICITY[known.region.level]
    for words, start, end, specificity in unknown:
        if specificity > known_specificity:
            if known.end == start:  # "北京市" + "海淀区"
                return None, known.mention + words
            return None, words
    return known, known.mention


def _english_keywords(text: str, indicators: tuple[str, ...], named: list[tuple[int, int]]) -> tuple[str, ...]:
    """The lexicon's Chinese names of the indicators, then the glossary's Chinese terms for the rest.

    Chinese words written inside an English question ("hogs slaughtered (生猪出栏)") count too.
    """
    terms: list[str] = []
    for key in indicators:
        terms.extend(search_terms(key))
    rest = _mask(text, named)
    terms.extend(english_terms(rest))
    if _HAN.search(rest):
        chinese_only = "".join(ch if _HAN.match(ch) else " " for ch in rest)
        terms.extend(word for _, words in _content_words(chinese_only, []) for word in words)
    return tuple(dict.fromkeys(terms))


def _chinese_keywords(
    text: str, indicator_matches: list[tuple[Indicator, int, int]], named: list[tuple[int, int]]
) -> tuple[str, ...]:
    """Content words in question order: indicator names, glossary phrases (with the glossary terms
    inside them: 高标准农田, 农田) and jieba words, without region names, years, question words,
    kind cues (目标, 计划 ...) and filler."""
    pieces: list[tuple[int, list[str]]] = [
        (start, [text[start:end], indicator.zh]) for indicator, start, end in indicator_matches
    ]
    pieces.extend(_content_words(text, named))
    pieces.sort(key=lambda piece: piece[0])
    return tuple(dict.fromkeys(word for _, words in pieces for word in words if word))


def _content_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, list[str]]]:
    """``(position, words)`` for the glossary phrases and the jieba content words outside ``spans``."""
    masked = _mask(text, spans)
    pieces: list[tuple[int, list[str]]] = []
    covered = list(spans)
    for start, end, terms in chinese_phrases(masked):
        pieces.append((start, [term for term in terms if _is_content_word(term)]))
        covered.append((start, end))
    import jieba  # imported on first use: it loads its dictionary

    position = 0
    for start, end in sorted(covered) + [(len(text), len(text))]:
        if start > position:
            offset = position
            for word in jieba.lcut(masked[position:start]):
                if _is_content_word(word):
                    pieces.append((offset, [word]))
                offset += len(word)
        position = max(position, end)
    return pieces


def _is_content_word(word: str) -> bool:
    word = word.strip()
    if len(word) < 2 or word in question_words().cn_stopwords or word in question_words().cn_non_keywords or not is_meaningful(word):
        return False
    return not (word.isdigit() or re.fullmatch(r"[\d.%]+|\d+年|[〇零一二三四五六七八九]+年", word))


__all__ = [
    "detect_kind",
    "detect_language",
    "extract_years",
    "find_unknown_mentions",
    "is_meaningful",
    "parse",
    "parse_question",
]
