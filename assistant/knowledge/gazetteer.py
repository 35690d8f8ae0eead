"""The gazetteer: which regions exist, what people call them, and how they nest.

``Gazetteer.builtin()`` knows the places of ``data/regions.tsv``: the nation ("全国"), all 34
provincial-level divisions and Jiangxi's 11 cities with all their counties and districts (and
the rows a user adds, see README.md). ``add()`` registers
the region strings an index holds ("赣州市", "南昌市青山湖区",
"内蒙古自治区呼伦贝尔市海拉尔区"), splitting compound names into their chain and
creating the places it does not know yet.

Naming rule. A place's canonical ``Region.name`` is the first index string registered
for it, so the assistant can filter the index on ``region.name``; ``add()`` returns
that Region. Before any index string is registered, the name follows the manifests'
convention: provinces and cities by their full name ("江西省", "赣州市"), counties and
districts prefixed by their parent ("南昌市青山湖区"). ``index_names()`` lists every
index string of a place when an index spells one place in several ways.

A place is found by its full name ("青山湖区"), its short name ("青山湖"; short names
that are ordinary words, like 新建, are left out), its canonical and index names, and
English names made with pypinyin ("Qingshanhu", "Qing Shan Hu", "Qingshanhu District").

Ambiguity. When one name fits several places (吉安 is 吉安市 and 吉安县; "Nanchang"
is 南昌市 and 南昌县), the gazetteer picks, in order: the place whose parent is also
named in the text ("吉安市吉安县"), a place registered from the index, the place
higher in the hierarchy (the city), the place registered first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from assistant.core.datatypes import Level, Region
from assistant.knowledge.regions import region_names, region_rows
from assistant.knowledge.tables import cached
from assistant.knowledge.textmatch import find_phrases

logger = logging.getLogger(__name__)

_PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")

Path = tuple[str, ...]  # full names from the top, e.g. ("江西省", "南昌市", "青山湖区")

# How specific a level is: a district over its city over its province.
SPECIFICITY = {Level.NATIONAL: 0, Level.PROVINCE: 1, Level.CITY: 2, Level.UNKNOWN: 2,
                Level.COUNTY: 3, Level.DISTRICT: 3}


@dataclass(frozen=True)
class RegionMatch:
    """A region named in a text: ``text[start:end] == mention``."""

    region: Region
    mention: str
    start: int
    end: int


@dataclass
class _Place:
    """A registry entry; private and mutable while regions are being added."""

    path: Path
    level: Level
    english_base: str
    short: str = ""
    index_names: list[str] = field(default_factory=list)
    extra_aliases: set[str] = field(default_factory=set)

    @property
    def leaf(self) -> str:
        return self.path[-1]


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


def _english_base(short: str) -> str:
    if short in region_names().english:
        return region_names().english[short]
    from pypinyin import lazy_pinyin  # imported on first use: it loads large tables

    return _join_syllables(lazy_pinyin(short))


def _join_syllables(syllables: list[str]) -> str:
    """Pinyin syllables as one name, with the apostrophe before a/o/e syllables ("Ji'an")."""
    tail = "".join(("'" + s if s[:1] in "aoe" else s) for s in syllables[1:])
    return (syllables[0] + tail).capitalize()


def _english_variants(short: str, base: str) -> list[str]:
    """English forms of a short name: the base (Ji'an), without apostrophe (Jian), spaced (Gan Zhou)."""
    names = region_names()
    variants = [base, *names.english_variants.get(short, ())]
    if short not in names.english:
        from pypinyin import lazy_pinyin

        syllables = lazy_pinyin(short)
        variants += ["".join(syllables).capitalize(), " ".join(s.capitalize() for s in syllables)]
    return [v for v in dict.fromkeys(variants) if v.lower() not in names.english_stoplist and len(v) > 2]


class Gazetteer:
    """Regions by name; see the module docstring for naming and ambiguity rules."""

    def __init__(self) -> None:
        self._places: dict[Path, _Place] = {}
        self._phrases: list[tuple[str, Path]] | None = None

    # ---- building -------------------------------------------------------------------

    @classmethod
    def builtin(cls) -> "Gazetteer":
        """The places of ``data/regions.tsv`` (and the user's additions), in table order."""
        gazetteer = cls()
        paths: dict[str, Path] = {}
        for row in region_rows():
            path = paths[row.parent] + (row.name,) if row.parent else (row.name,)
            place = gazetteer._create(path, row.level, short=row.short)
            place.extra_aliases.update(row.aliases)
            if row.short and row.name.endswith("自治区") and row.name != row.short + "自治区":
                place.extra_aliases.add(row.short + "自治区")  # 广西自治区
            paths[row.name] = path
        return gazetteer

    def add(self, name: str, level: Level | None = None, parents: tuple[str, ...] | list[str] = ()) -> Region:
        """Register a region string from the index and return its Region.

        ``name`` may be compound ("南昌市青山湖区"); ``parents`` (nearest first) may name
        the chain when ``name`` is a bare leaf. A note in brackets is not part of the
        place ("全国(中央部委)" is 全国). Places not yet known are created.
        """
        name = name.strip()
        if not name:
            raise ValueError("a region name is empty; pass the index's region string, e.g. '赣州市'")
        chain = [*reversed(tuple(parents)), _PARENTHESES.sub("", name).strip() or name]
        segments = [segment for part in chain for segment in split_compound(part)]
        place = self._walk(segments)
        if level is not None and level is not Level.UNKNOWN:
            place.level = level
        if name not in place.index_names:
            place.index_names.append(name)
        self._phrases = None
        logger.debug("registered index region %s as %s", name, place.path)
        return self._region(place)

    def _create(self, path: Path, level: Level, short: str | None = None) -> _Place:
        if short is None:
            short = split_suffix(path[-1])[0]
            short = short if len(short) >= 2 and short not in region_names().short_name_stoplist else ""
        base = _english_base(short or split_suffix(path[-1])[0])
        place = _Place(path=path, level=level, english_base=base, short=short)
        self._places[path] = place
        self._phrases = None
        return place

    def _walk(self, segments: list[str]) -> _Place:
        path: Path = ()
        place: _Place | None = None
        for segment in segments:
            found = self._find_under(path, segment)
            if found is None:
                parent = self._places.get(path) if path else None
                level = level_from_suffix(split_suffix(segment)[1], parent.level if parent else None)
                found = self._create(path + (segment,), level)
            place, path = found, found.path
        assert place is not None  # segments is never empty: name was not blank
        return place

    def _find_under(self, path: Path, segment: str) -> _Place | None:
        """A known place named ``segment`` below ``path`` (anywhere when ``path`` is empty)."""
        below = [p for p in self._places.values() if p.path[: len(path)] == path and p.path != path]
        for matches in (
            [p for p in below if p.leaf == segment],
            [p for p in below if segment in self._chinese_aliases(p)],
        ):
            if matches:
                return min(matches, key=lambda p: len(p.path))
        return None

    # ---- naming ---------------------------------------------------------------------

    def _canonical(self, place: _Place) -> str:
        if place.index_names:
            return place.index_names[0]
        if place.level in (Level.COUNTY, Level.DISTRICT) and len(place.path) >= 2:
            return place.path[-2] + place.leaf
        return place.leaf

    def _english(self, place: _Place) -> str:
        suffix = split_suffix(place.leaf)[1]
        if place.level in (Level.COUNTY, Level.DISTRICT) and suffix in ("区", "县"):
            return f"{place.english_base} {region_names().english_suffixes[suffix]}"
        return place.english_base

    def _region(self, place: _Place) -> Region:
        parents = tuple(self._canonical(self._places[place.path[:i]]) for i in range(len(place.path) - 1, 0, -1))
        return Region(name=self._canonical(place), level=place.level, parents=parents, english=self._english(place))

    def _chinese_aliases(self, place: _Place) -> set[str]:
        aliases = {place.leaf, self._canonical(place), *place.index_names}
        if place.short:
            aliases.add(place.short)
        aliases.update(a for a in place.extra_aliases if not a.isascii())
        return aliases

    def _english_aliases(self, place: _Place) -> set[str]:
        extra = {a for a in place.extra_aliases if a.isascii()}
        if place.level is Level.NATIONAL:
            return extra
        short, suffix = split_suffix(place.leaf)
        variants = _english_variants(place.short or short, place.english_base)
        aliases = set(variants) | extra
        english_suffix = region_names().english_suffixes.get(suffix)
        if english_suffix:
            aliases.update(f"{variant} {english_suffix}" for variant in variants)
        return aliases

    def phrases(self) -> list[tuple[str, Path]]:
        if self._phrases is None:
            self._phrases = [
                (alias, place.path)
                for place in self._places.values()
                for alias in sorted(self._chinese_aliases(place) | self._english_aliases(place))
            ]
        return self._phrases

    # ---- lookup ---------------------------------------------------------------------

    def regions(self) -> list[Region]:
        """Every known region, in registration order."""
        return [self._region(place) for place in self._places.values()]

    def get(self, name: str) -> Region | None:
        """The region with this canonical, index, full or short name (Chinese or English)."""
        name = name.strip()
        for place in self._places.values():
            if name == self._canonical(place) or name in place.index_names:
                return self._region(place)
        matches = [m for m in self._find(name) if m.start == 0 and m.end == len(name)]
        return matches[0].region if matches else None

    def children(self, name: str) -> list[Region]:
        """All regions below ``name`` (direct and indirect), top-down; [] for an unknown name."""
        place = self._place_named(name)
        if place is None:
            return []
        if place.level is Level.NATIONAL:
            return [self._region(p) for p in self._places.values() if p is not place]
        depth = len(place.path)
        return [self._region(p) for p in self._places.values() if len(p.path) > depth and p.path[:depth] == place.path]

    def canonical_for_index(self, region: Region) -> str:
        """The index string to filter on for ``region`` (its first registered index name)."""
        place = self._place_named(region.name)
        return self._canonical(place) if place else region.name

    def index_names(self, region: Region) -> tuple[str, ...]:
        """Every index string registered for ``region``; () when the index has none."""
        place = self._place_named(region.name)
        return tuple(place.index_names) if place else ()

    def is_indexed(self, region: Region) -> bool:
        return bool(self.index_names(region))

    def _place_named(self, name: str) -> _Place | None:
        region = self.get(name)
        if region is None:
            return None
        for place in self._places.values():
            if self._canonical(place) == region.name:
                return place
        return None

    def level_of(self, name: str) -> Level:
        """The level of a region name by the gazetteer's rule, without registering it.

        A place the gazetteer knows has its own level (北京市 is a province, 瑞金市 a county-level
        city); a place it does not know, the level its suffix gives below its parent
        (:func:`level_from_suffix`: 旗 is a county, a 市 below a city a county-level city).
        """
        path: Path | None = ()
        level: Level | None = None
        for segment in split_compound(_PARENTHESES.sub("", name).strip() or name.strip()):
            found = self._find_under(path, segment) if path is not None else None
            if found is not None:
                path, level = found.path, found.level
            else:
                path, level = None, level_from_suffix(split_suffix(segment)[1], level)
        return level or Level.UNKNOWN

    def find_all(self, text: str) -> list[RegionMatch]:
        """Every region named in ``text``, in text order, one per mention, ambiguity resolved.

        A mention directly preceded by a mention of its own parent is widened to cover
        both ("南昌市" + "青山湖区" -> "南昌市青山湖区").
        """
        return self._find(text)

    def resolve(self, text: str) -> RegionMatch | None:
        """The most specific region named in ``text`` (a district over its city); the first on a tie."""
        matches = self._find(text)
        if not matches:
            return None
        return max(matches, key=lambda m: (SPECIFICITY[m.region.level], -m.start))

    def _find(self, text: str) -> list[RegionMatch]:
        raw = find_phrases(text, self.phrases())
        spans: dict[tuple[int, int], list[Path]] = {}
        for match in raw:
            spans.setdefault((match.start, match.end), []).append(match.value)
        all_paths = {path for paths in spans.values() for path in paths}
        chosen: list[tuple[int, int, _Place]] = []
        for (start, end), paths in spans.items():
            others = all_paths - set(paths)
            place = min(
                (self._places[path] for path in paths),
                key=lambda p: (
                    not any(other == p.path[: len(other)] for other in others),
                    not p.index_names,
                    SPECIFICITY[p.level],
                    list(self._places).index(p.path),
                ),
            )
            chosen.append((start, end, place))
        result: list[RegionMatch] = []
        for start, end, place in chosen:
            widened = True
            while widened:
                widened = False
                for other_start, other_end, other in chosen:
                    if other_end == start and other.path == place.path[: len(other.path)]:
                        start, widened = other_start, True
            result.append(RegionMatch(self._region(place), text[start:end], start, end))
        return result


@cached
def builtin_gazetteer() -> Gazetteer:
    """``Gazetteer.builtin()``, built once; shared, so never ``add`` to it (build your own for that)."""
    return Gazetteer.builtin()
