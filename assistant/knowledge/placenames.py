"""How places are named, and the built-in places.

The names: an administrative suffix (``split_suffix``: 青山湖区 -> 青山湖 + 区) and the level it gives
(``level_from_suffix``), a compound name's chain (``split_compound``), pinyin syllables and the English
forms of a name (Ji'an, Jian, Gan Zhou). The built-in places (``builtin_templates``): every division of
``data/divisions.tsv`` and the places of ``data/regions.tsv``, with their short, English and former names,
computed once per process; ``assistant.knowledge.gazetteer`` builds its registry from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.datatypes import Level
from assistant.knowledge.regions import divisions, region_names, region_rows
from assistant.knowledge.tables import cached

_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|er|in|un|ui|ia|ie|iu|ua|uo|ue|ve|a|o|e|i|u|v)"
)

Path = tuple[str, ...]  # full names from the top, e.g. ("江西省", "南昌市", "青山湖区")


@dataclass(frozen=True)
class PlaceTemplate:
    """A place of the built-in tables, computed once per process."""

    path: Path
    level: Level
    english_base: str
    shorts: tuple[str, ...]
    english_names: tuple[str, ...]
    extra_aliases: frozenset[str]


def split_suffix(name: str) -> tuple[str, str]:
    """``"青山湖区"`` -> ``("青山湖", "区")``; a name without an administrative suffix -> ``(name, "")``."""
    for suffix in region_names().suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


def split_compound(name: str) -> list[str]:
    """Split a compound region name into its chain, top first.

    "内蒙古自治区呼伦贝尔市海拉尔区" -> ["内蒙古自治区", "呼伦贝尔市", "海拉尔区"]. A segment
    ends at the first administrative suffix after at least one other character, and
    runs on while the next character is also a suffix ("湖州市", "沙市区").
    """
    suffix_chars = {suffix[-1] for suffix in region_names().suffixes}
    segments: list[str] = []
    start = 0
    index = 1
    while index < len(name):
        if name[index] in suffix_chars:
            end = index + 1
            while end < len(name) and name[end] in suffix_chars:
                end += 1
            segments.append(name[start:end])
            start = index = end
            index += 1
        else:
            index += 1
    if start < len(name):
        segments.append(name[start:])
    return segments


def level_from_suffix(suffix: str, parent: Level | None = None) -> Level:
    """The level a name's suffix gives, below a parent of level ``parent``.

    旗 is a county-level banner; a 市 below a city is a county-level city (瑞金市 in 赣州市).
    """
    if suffix in ("省", "自治区", "特别行政区") or suffix.endswith("自治区"):
        return Level.PROVINCE
    if suffix in ("州", "自治州", "地区", "盟"):
        return Level.CITY
    if suffix == "市":
        return Level.COUNTY if parent is Level.CITY else Level.CITY
    if suffix == "区":
        return Level.DISTRICT
    if suffix in ("县", "旗", "自治县", "自治旗"):
        return Level.COUNTY
    return Level.UNKNOWN


def pinyin_syllables(word: str) -> list[str]:
    """A romanised name split into pinyin syllables: "Qingshanhu" -> ["qing", "shan", "hu"].

    Apostrophes mark a boundary ("Ji'an"); within a part the first full split is taken,
    longest syllable first. [] when the word is not pinyin.
    """
    syllables: list[str] = []
    for part in word.lower().replace("’", "'").split("'"):
        found = _split_syllables(part)
        if found is None:
            return []
        syllables += found
    return syllables


def _split_syllables(text: str) -> list[str] | None:
    if not text:
        return []
    for length in range(min(6, len(text)), 0, -1):
        if _SYLLABLE.fullmatch(text[:length]):
            rest = _split_syllables(text[length:])
            if rest is not None:
                return [text[:length], *rest]
    return None


def pinyin_names(short: str) -> tuple[str, ...]:
    """English forms of a place not in the tables (from the index), via pypinyin."""
    from pypinyin import lazy_pinyin  # imported on first use: it loads large tables

    syllables = lazy_pinyin(short)
    tail = "".join(("'" + s if s[:1] in "aoe" else s) for s in syllables[1:])
    base = (syllables[0] + tail).capitalize()
    return (base, "".join(syllables).capitalize(), " ".join(s.capitalize() for s in syllables))


def _english_names(short: str, pinyin: str, english: str) -> tuple[str, ...]:
    """The English forms of a short name: the usual English (Ji'an), without apostrophe (Jian),
    spaced (Gan Zhou), and the variants of ``region_names.toml``. A name with a usual English name
    that is not its pinyin (Shaanxi, Hohhot) gets no pinyin forms: 陕西 is not "Shanxi"."""
    names = region_names()
    custom = names.english.get(short) or english
    base = custom or pinyin
    variants = [base, *names.english_variants.get(short, ())]
    if not custom or custom == pinyin:
        syllables = pinyin_syllables(pinyin)
        variants += [pinyin.replace("'", "")]
        if len(syllables) > 1:
            variants.append(" ".join(s.capitalize() for s in syllables))
    return tuple(v for v in dict.fromkeys(variants) if v and v.lower() not in names.english_stoplist and len(v) > 2)


@cached
def builtin_templates() -> tuple[PlaceTemplate, ...]:
    """The built-in places: divisions.tsv, then regions.tsv (new places, and additions to divisions)."""
    names = region_names()
    paths: dict[str, Path] = {}
    templates: dict[Path, PlaceTemplate] = {}
    for division in divisions():
        parent = paths.get(division.parent_code, ())
        path = parent + (division.name,)
        shorts = tuple(s for s in division.shorts if s != division.name)
        english = _english_names(shorts[0] if shorts else division.name, division.pinyin, division.english)
        aliases = {former for former in division.former_names
                   if len(former) >= 3 and former not in names.parent_only_names}
        templates[path] = PlaceTemplate(path, division.level, english[0] if english else division.pinyin,
                                    shorts, english, frozenset(aliases))
        paths[division.code] = path
    current = {path[-1] for path in templates}
    for path, template in list(templates.items()):  # a former name that is another place's name is not an alias
        if template.extra_aliases & current:
            templates[path] = PlaceTemplate(template.path, template.level, template.english_base, template.shorts,
                                        template.english_names, template.extra_aliases - current)
    for row in region_rows():
        parent_path = _template_path(templates, row.parent) if row.parent else ()
        if row.parent and parent_path is None:
            raise _config_error(f"regions.tsv: the parent {row.parent} of {row.name} is not a known place")
        path = (parent_path or ()) + (row.name,)
        old = templates.get(path)
        if old is not None:
            shorts = old.shorts if row.short is None else ((row.short,) if row.short else ())
            templates[path] = PlaceTemplate(path, old.level, old.english_base, shorts, old.english_names,
                                        old.extra_aliases | set(row.aliases))
            continue
        short = split_suffix(row.name)[0] if row.short is None else row.short
        shorts = (short,) if short and short != row.name and len(short) >= 2 else ()
        key = short or row.name
        english = _english_names(key, "", "") if key in names.english else pinyin_names(key)
        base = english[0] if english else names.english.get(key, key)  # 全国: China, an alias only by the row
        templates[path] = PlaceTemplate(path, row.level, base, shorts, english, frozenset(row.aliases))
    return tuple(templates.values())


def _config_error(message: str) -> Exception:
    from assistant.core.errors import ConfigError

    return ConfigError(message)


def _template_path(templates: dict[Path, PlaceTemplate], name: str) -> Path | None:
    """The path of a place named by its full name, or by a compound name ("北京市朝阳区")."""
    segments = split_compound(name)
    found: Path | None = None
    for segment in segments:
        below = [p for p in templates if p[-1] == segment and (found is None or p[: len(found)] == found)]
        if not below:
            return None
        found = min(below, key=len)
    return found
