"""Region mentions the gazetteer does not resolve, and which region a question is about.

"朝阳区" (Beijing's or Changchun's), "Springfield's": words that name a place but no one region the
gazetteer can settle on. When nothing known is named, or the unresolved mention is more specific
than the known one, the question is about a place the reports may not cover, and the assistant
says so instead of answering for another region. A Chinese mention counts only when it is a real
place name (``is_place``: the divisions table and the index's regions), so the words before 的报告
("截至2月10日的报告"), 那个区, 确保43个市 or 全区 are no region.
"""

from __future__ import annotations

import re

from collections.abc import Callable

from assistant.knowledge.gazetteer import SPECIFICITY, RegionMatch, split_suffix
from assistant.knowledge.question_words import question_words
from assistant.knowledge.years import RELATIVE_YEAR_WORDS

Mention = tuple[str, int, int, int]  # (words, start, end, specificity)

_CN_REGION_CANDIDATE = re.compile(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|区|县|州|旗|盟)")
_LEADING_NAME = re.compile(r"((?:(?!的)[\u4e00-\u9fff]){2,4})(?=\d|[A-Za-z]|的|[今去明前]年|[〇零一二三四五六七八九]{4}年)")
_NOT_A_LEADING_NAME = (*RELATIVE_YEAR_WORDS, "全国", "全省", "全市", "全区", "全县")
_EN_CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?![A-Za-z])")
_EN_PRECEDING = re.compile(r"\b(?:in|of|for|from|at|about)\s+$", re.I)
_CN_SUFFIX_SPECIFICITY = {"省": 1, "自治区": 1, "特别行政区": 1, "市": 2, "州": 2, "自治州": 2, "盟": 2}
_EN_ADMIN_SPECIFICITY = {"province": 1, "region": 1, "city": 2, "prefecture": 2, "municipality": 2}


def find_unknown_mentions(
    text: str, taken: list[tuple[int, int]], is_place: Callable[[str], bool] | None = None
) -> list[Mention]:
    """Region-looking words that are not known regions: ``(mention, start, end, specificity)``.

    With ``is_place``, a Chinese mention must be a real place name (a name the gazetteer knows but
    could not resolve to one region, such as an ambiguous 朝阳区).

    ``taken`` are spans already explained (known regions, indicators). Specificity
    is 1 for a province, 2 for a city, 3 for a district or county, and 0 when the
    words do not say (a bare English or Chinese name): such a mention never
    displaces a known region.
    """
    chinese = _chinese_unknown(text, taken)
    if is_place is not None:
        chinese = [mention for mention in chinese if is_place(mention[0])]
    return sorted(chinese + _english_unknown(text, taken), key=lambda item: item[1])


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _chinese_unknown(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    rules = question_words()
    found = []
    for match in _CN_REGION_CANDIDATE.finditer(text):
        start, end = match.start(), match.end()
        if _overlaps(end - 1, end, taken):  # the suffix itself belongs to a known name
            continue
        start = max([start] + [e for s, e in taken if start <= e <= end])
        words = text[start:end]
        cut = max((words.rfind(ch) for ch in rules.cn_boundary_chars), default=-1)
        start, words = start + cut + 1, words[cut + 1:]
        for lead in rules.cn_lead_phrases:
            if words.startswith(lead):
                start, words = start + len(lead), words[len(lead):]
        stem, suffix = split_suffix(words)
        if not 2 <= len(stem) <= 6 or words.endswith(rules.cn_generic_endings):
            continue
        following = text[end:end + 1]
        if following and not (following in rules.cn_followers or not following.isalnum() or following.isascii()
                              or any(s == end for s, _ in taken)):
            continue
        found.append((words, start, end, _CN_SUFFIX_SPECIFICITY.get(suffix, 3)))
    return found or _leading_chinese_name(text, taken)


def _leading_chinese_name(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """A bare name opening the question before a year or an indicator: "深圳2024年GDP" -> 深圳.

    Only used when no region is known, so the assistant does not answer for all regions.
    """
    rules = question_words()
    start = 0
    for lead in ("请问", *rules.cn_lead_phrases):
        if text.startswith(lead, start):
            start += len(lead)
    match = _LEADING_NAME.match(text, start)
    if match is None or _overlaps(match.start(1), match.end(1), taken):
        return []
    name = match.group(1)
    if name in rules.cn_stopwords or name.endswith(rules.cn_generic_endings) or any(w in name for w in _NOT_A_LEADING_NAME):
        return []
    return [(name, match.start(1), match.end(1), 0)]


def _english_unknown(text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Capitalised words that name a place by position: "Springfield's", "of Springfield", "X District"."""
    rules = question_words()
    groups: list[list[re.Match[str]]] = []
    for word in _EN_CAPITALISED.finditer(text):
        if word.group(0).lower() in rules.en_stopwords:
            groups.append([])
        elif groups and groups[-1] and re.fullmatch(r"[\s\-]+", text[groups[-1][-1].end():word.start()]):
            groups[-1].append(word)
        else:
            groups.append([word])
    found = []
    for group in groups:
        if not group or all(word.group(0).lower() in rules.en_admin_words for word in group):
            continue
        start, end = group[0].start(), group[-1].end()
        if _overlaps(start, end, taken):
            continue
        last = group[-1].group(0).lower()
        admin = last in rules.en_admin_words
        possessive = text[end:end + 2] == "'s"
        preceded = bool(_EN_PRECEDING.search(text[:start]))
        at_start = not text[:start].strip()
        if admin or possessive or preceded or at_start:
            # Without an administrative word a capitalised word is weak evidence: it never
            # displaces a known region (specificity 0), it only names an unknown one.
            found.append((text[start:end], start, end, _EN_ADMIN_SPECIFICITY.get(last, 3) if admin else 0))
    return found


def choose_region(
    known: RegionMatch | None, unknown: list[Mention]
) -> tuple[RegionMatch | None, str]:
    """The region the question is about, or None with the unknown mention's words."""
    if known is None:
        return None, (unknown[0][0] if unknown else "")
    known_specificity = SPECIFICITY[known.region.level]
    for words, start, end, specificity in unknown:
        if specificity > known_specificity:
            if known.end == start:  # "北京市" + "海淀区"
                return None, known.mention + words
            return None, words
    return known, known.mention
