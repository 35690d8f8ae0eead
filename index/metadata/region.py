"""A document's region: the place its issuer, dateline, title, file name, addressees or self-references name
(see the package docstring)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from assistant.core.datatypes import Level, Region
from assistant.knowledge.documents import document_words
from assistant.knowledge.gazetteer import Gazetteer
from assistant.knowledge.question_words import question_words
from index.metadata.text import (
    ADDRESSEES, DATELINE, FILE_NAME, ISSUED_DOCUMENT, ISSUER, MOST_NAMED, NATIONAL_TEXT, SELF_REFERENCE, TITLE_LINE,
    Found, Text,
)
from index.metadata.title import REPORT_DATELINE

_SESSION = re.compile(r"在(.+?)(?:第[一二三四五六七八九十\d]+届)?(?:人民代表大会|人大)")
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗)")
_TITLE_PLACE = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{1,7}?(?:市|自治州|盟))?"
    r"(?:[\u4e00-\u9fff]{1,7}?(?:区|县|旗))?)(?=\d|[（(]|人民政府|政府|国民|关于|$)"
)
_CENTRAL_ENDINGS = ("部", "委员会", "总局", "局", "署", "办公厅", "办公室", "委", "院", "中心", "小组", "司")
_LOCAL_PREFIX = {"省": "province", "市": "city", "区": "district", "县": "county", "州": "prefecture", "旗": "banner"}


# ---- region -------------------------------------------------------------------------------


def find_region(doc: Text, title: Found, issuer: Found | None, gazetteer: Gazetteer) -> Found | None:
    level_hint = ""
    if issuer is not None:
        place = _place_in(str(issuer.value), gazetteer)
        if place is not None:
            return Found(place.name, f"{ISSUER} ({issuer.method})", min(issuer.confidence, 0.95), str(issuer.value))
        level_hint = _LOCAL_PREFIX.get(str(issuer.value)[:1], "")
        if not level_hint and _is_central(str(issuer.value)):
            return Found("全国", f"{ISSUER} ({issuer.method}): a central body", 0.85, str(issuer.value))
    for line in doc.head[:15]:
        session = _SESSION.search(line) if line and REPORT_DATELINE.match(line) else None
        if session and (place := _place_in(session.group(1), gazetteer)) is not None:
            return Found(place.name, DATELINE, 0.95, line)
    if title.method in (TITLE_LINE, ISSUED_DOCUMENT):
        text = str(title.value)
        place = _first_place(text, gazetteer)
        if place is not None:
            return Found(place.name, title.method, 0.85, text)
        if text.startswith(("国家", "全国", "中国")):
            return Found("全国", title.method, 0.7, text)
    place = _first_place(re.sub(r"[_\-]+", " ", doc.stem), gazetteer)
    if place is not None:
        return Found(place.name, FILE_NAME, 0.7, doc.stem)
    unknown = _unknown_place(title, doc.stem)  # a place the gazetteer does not know: 好县2025年政府工作报告
    if unknown is not None:
        return unknown
    head = "".join(doc.head[:10])
    words = document_words()
    if any(addressee in head for addressee in words.national_addressees):
        return Found("全国", ADDRESSEES, 0.8, next(a for a in words.national_addressees if a in head))
    if not level_hint:
        if any(addressee in head for addressee in words.city_addressees):
            level_hint = "city"
        elif any(addressee in head for addressee in words.province_addressees):
            level_hint = "province"
    return _from_text(doc.body, gazetteer, level_hint)


def _unknown_place(title: Found, stem: str) -> Found | None:
    """A name shaped like a place (ending in 省/市/区/县 …) that leads the title or is a part of the
    file name, when the gazetteer knows no place there (a new or a fictional division)."""
    generic = set(question_words().cn_generic_endings)
    if title.method == TITLE_LINE:
        match = _TITLE_PLACE.match(str(title.value))
        if match and len(match.group(1)) >= 2 and match.group(1) not in generic:
            return Found(match.group(1), f"{TITLE_LINE}: a place name the gazetteer does not know", 0.5, str(title.value))
    for part in re.split(r"[_\s\-]+", stem):
        if _PLACE_NAME.fullmatch(part) and part not in generic and not part.startswith(("第", "关于", "全", "本", "我")):
            return Found(part, f"{FILE_NAME}: a place name the gazetteer does not know", 0.5, stem)
    return None


def _place_in(text: str, gazetteer: Gazetteer) -> Region | None:
    """The most specific place an issuer or session line names."""
    match = gazetteer.resolve(text)
    return match.region if match else None


def _first_place(text: str, gazetteer: Gazetteer) -> Region | None:
    """The first place a title names, widened to the most specific place of its chain; a local place
    before the nation (奋力谱写中国式现代化萍乡篇章 is about 萍乡)."""
    found = gazetteer.find_all(text)
    matches = [m for m in found if m.region.level is not Level.NATIONAL] or found
    if not matches:
        return None
    first = matches[0].region
    chain = [m.region for m in matches if first.name in m.region.parents]
    return chain[-1] if chain else first


def _is_central(issuer: str) -> bool:
    parts = [part for part in re.split(r"[\s、，,]+", issuer) if part]
    return bool(parts) and all(part.endswith(_CENTRAL_ENDINGS) for part in parts)


def _from_text(body: str, gazetteer: Gazetteer, level_hint: str) -> Found | None:
    """A text that speaks of 我国/全国 and hardly of 我省/我市 is national; else the place the text names
    most among those of the levels it speaks of itself in (我省/全省: a province, 我市/全市: a city …, or
    the level its addressees or issuer give); else the place it names most, when it names it at least
    three times and twice as often as any other place."""
    words = document_words()
    counts = {level: _count(body, level_words) for level, level_words in words.self_reference.items()}
    national = _count(body, words.national_words)
    if level_hint:
        counts[level_hint] = counts.get(level_hint, 0) + 2
    local = max(counts.values(), default=0)
    if national >= 3 and national > 4 * local:  # a provincial text cites 全国, a national one rarely says 我省
        return Found("全国", NATIONAL_TEXT, 0.5, f"我国/全国 ×{national}, 我省/我市 … ×{local}")
    mentions: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    regions: dict[str, Region] = {}
    for match in gazetteer.find_all(body[:30000]):
        if match.region.level is Level.NATIONAL:
            continue
        mentions[match.region.name] += 1
        first_seen.setdefault(match.region.name, match.start)
        regions[match.region.name] = match.region
    levels = [level_hint] if level_hint and any(_fits(regions[n], level_hint) for n in mentions) else \
        [level for level, count in counts.items() if count >= 1]
    fitting = [(name, level) for name in mentions for level in levels if _fits(regions[name], level)
               and mentions[name] >= (1 if counts[level] >= 2 else 2)]
    if fitting:  # the most named place among the levels the text speaks of itself in; then one inside a named place
        best, level = max(fitting, key=lambda pair: (mentions[pair[0]], sum(p in mentions for p in regions[pair[0]].parents),
                                                     counts[pair[1]], -first_seen[pair[0]]))
        said = "/".join(word for word in words.self_reference[level] if word in body)[:20] or f"addressed to a {level}"
        return Found(best, SELF_REFERENCE.format(words=said), 0.6 if counts[level] >= 2 else 0.5,
                      f"{said} ×{counts[level]}; {best} ×{mentions[best]}")
    ranked = mentions.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) and ranked[0][1] > national:
        best, count = ranked[0]
        return Found(best, MOST_NAMED, 0.45, f"{best} ×{count}")
    return None


def _count(body: str, words: Iterable[str]) -> int:
    """Occurrences of the words, not right after 各 or 自治 (各省政府, 自治区委), nor inside 市场
    (资本市场 holds 本市, 全市场 is the whole market)."""
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return len(re.findall(rf"(?<!各)(?<!自治)(?:{pattern})(?<!市(?=场))", body)) if pattern else 0


def _fits(region: Region, level: str) -> bool:
    leaf = region.name
    if level == "province":
        return region.level is Level.PROVINCE
    if level == "city":
        return region.level is Level.CITY and leaf.endswith("市") or region.level is Level.COUNTY and leaf.endswith("市")
    if level == "district":
        return region.level is Level.DISTRICT or region.level is Level.PROVINCE and leaf.endswith("自治区")
    if level == "county":
        return region.level is Level.COUNTY and leaf.endswith("县")
    if level == "prefecture":
        return region.level is Level.CITY and leaf.endswith(("州", "盟"))
    if level == "banner":
        return region.level is Level.COUNTY and leaf.endswith("旗")
    return False


def province_of(place: Region | None, gazetteer: Gazetteer) -> str:
    if place is None or place.level in (Level.NATIONAL, Level.UNKNOWN):
        return ""
    if place.level is Level.PROVINCE:
        return place.name
    top = place.parents[-1] if place.parents else ""
    region = gazetteer.get(top) if top else None
    return region.name if region is not None and region.level is Level.PROVINCE else ""

