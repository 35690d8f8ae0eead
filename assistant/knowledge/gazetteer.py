"""The gazetteer: which regions exist, what people call them, and how they nest.

``Gazetteer.builtin()`` knows every division of China (``data/divisions.tsv``: 34 provincial-level
divisions, 339 prefectures, 2,886 counties and districts), the nation ("全国") and the places of
``data/regions.tsv`` (and the rows a user adds, see README.md). ``add()`` registers the region
strings an index holds ("赣州市", "南昌市青山湖区", "内蒙古自治区呼伦贝尔市海拉尔区"), splitting
compound names into their chain and creating the places it does not know yet.

Naming rule. A place's canonical ``Region.name`` is the first index string registered
for it, so the assistant can filter the index on ``region.name``; ``add()`` returns
that Region. Before any index string is registered, the name follows the manifests'
convention: provinces and cities by their full name ("江西省", "赣州市"), counties and
districts prefixed by their parent ("南昌市青山湖区", "北京市朝阳区"). ``index_names()`` lists every
index string of a place when an index spells one place in several ways.

A place is found by its full name ("青山湖区"), its short names ("青山湖"), a former name
(襄樊 for 襄阳), its canonical and index names, and English names (Hohhot, "Qingshanhu",
"Qing Shan Hu", "Qingshanhu District"). Short names that are ordinary words (合作, 新建) and full
names that are (城区, 矿区) are left out (``region_names.toml``); a Chinese name counts only where it
is a whole word of the text (``words.word_boundaries``: not 康保 in 健康保障, not 海南区 in 海南区域).

Ambiguity. When one name fits several places, the gazetteer picks, in order: the place whose
parent is also named in the text ("北京朝阳区"), a place registered from the index, the highest
place when they nest (吉安 is 吉安市 over its 吉安县; 南昌 the city), the place a short name usually
means (``usual_places``: 西安 is 西安市, not 辽源市西安区); for an English name, where toneless pinyin
makes many collisions, the one place of the highest level ("Ganzhou" is 赣州市, not 张掖市甘州区).
Otherwise the name is left unresolved (朝阳 alone is 北京市朝阳区, 长春市朝阳区 or 朝阳市; "Fuzhou"
is 福州市 or 抚州市): never guessed.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.core.datatypes import Level, Region
from assistant.knowledge.placenames import (  # split_suffix, split_compound: part of this module's API
    Path, builtin_templates, level_from_suffix, pinyin_names, split_compound, split_suffix,
)
from assistant.knowledge.regions import divisions, region_names
from assistant.knowledge.tables import cached
from assistant.knowledge.textmatch import PhraseIndex, PhraseMatch, has_latin, select_matches
from assistant.knowledge.words import word_boundaries

logger = logging.getLogger(__name__)

_PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")
# A name ending in 区 that runs on into one of these is a word (海南区域, 河北区块链), not the place.
_AFTER_QU = frozenset("域块间位划")
_SUFFIX_ENDINGS = frozenset("省市区县州旗盟")

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
    short: str = ""  # the short name, "" when it is an ordinary word or the place has none
    shorts: tuple[str, ...] = ()  # every short name (a division may have two: 巴音郭楞, 巴州)
    english_names: tuple[str, ...] = ()  # English forms without suffix (Ganzhou, Gan Zhou)
    index_names: list[str] = field(default_factory=list)
    extra_aliases: set[str] = field(default_factory=set)

    @property
    def leaf(self) -> str:
        return self.path[-1]


def _whole_word(match: PhraseMatch, text: str, boundaries: tuple[int, ...], short: bool) -> bool:
    """A name starts where a word starts and ends where it ends; a full name (not a short name) with
    an administrative suffix or of three characters or more may also begin a longer word (山东省人民政府,
    中华人民共和国国务院 are one word to jieba; 中国 in 中国式 is not). 海南区 in 海南区域 is not a name."""
    if not _is_boundary(boundaries, match.start):
        return False
    if match.phrase.endswith("区") and text[match.end : match.end + 1] in _AFTER_QU:
        return False
    if _is_boundary(boundaries, match.end):
        return True
    word_end = boundaries[bisect.bisect_right(boundaries, match.start)]
    return word_end > match.end and not short and (match.phrase[-1] in _SUFFIX_ENDINGS or len(match.phrase) >= 3)


def _is_boundary(boundaries: tuple[int, ...], offset: int) -> bool:
    at = bisect.bisect_left(boundaries, offset)
    return at < len(boundaries) and boundaries[at] == offset


@cached
def _builtin_index() -> PhraseIndex[Path]:
    """The phrases of every built-in place, indexed once per process."""
    gazetteer = Gazetteer._from_templates()
    return PhraseIndex(gazetteer._all_phrases())


class Gazetteer:
    """Regions by name; see the module docstring for naming and ambiguity rules."""

    def __init__(self) -> None:
        self._places: dict[Path, _Place] = {}
        self._order: dict[Path, int] = {}
        self._by_leaf: dict[str, list[Path]] = {}
        self._builtin: frozenset[Path] = frozenset()  # places whose phrases are in _builtin_index()
        self._overlay: PhraseIndex[Path] | None = None  # phrases of the rest, and of the index names
        self._by_name: dict[str, Path] | None = None  # canonical and index names
        self._aliases: dict[str, list[Path]] | None = None  # Chinese alias -> places

    # ---- building -------------------------------------------------------------------

    @classmethod
    def builtin(cls) -> "Gazetteer":
        """Every division of China and the places of ``data/regions.tsv`` (and the user's additions)."""
        gazetteer = cls._from_templates()
        gazetteer._builtin = frozenset(gazetteer._places)
        return gazetteer

    @classmethod
    def _from_templates(cls) -> "Gazetteer":
        gazetteer = cls()
        for template in builtin_templates():
            place = gazetteer._put(template.path, template.level, template.english_base, template.shorts,
                                   template.english_names)
            place.extra_aliases.update(template.extra_aliases)
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
        self._changed()
        logger.debug("registered index region %s as %s", name, place.path)
        return self._region(place)

    def _put(self, path: Path, level: Level, english_base: str, shorts: tuple[str, ...],
             english_names: tuple[str, ...]) -> _Place:
        stop = region_names().short_name_stoplist
        usable = tuple(s for s in shorts if len(s) >= 2 and s not in stop)
        place = _Place(path=path, level=level, english_base=english_base, short=usable[0] if usable else "",
                       shorts=usable, english_names=english_names)
        self._places[path] = place
        self._order[path] = len(self._order)
        self._by_leaf.setdefault(path[-1], []).append(path)
        self._changed()
        return place

    def _create(self, path: Path, level: Level) -> _Place:
        """A place not in the tables (from the index): short name and English from its name."""
        short = split_suffix(path[-1])[0]
        english = pinyin_names(short) if any("\u4e00" <= ch <= "\u9fff" for ch in short) else (short,)
        english = tuple(v for v in english if v.lower() not in region_names().english_stoplist and len(v) > 2)
        return self._put(path, level, english[0] if english else short, (short,), english)

    def _changed(self) -> None:
        self._overlay = None
        self._by_name = None
        self._aliases = None

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
        for paths in (self._by_leaf.get(segment, ()), self._alias_map().get(segment, ())):
            below = [p for p in paths if p[: len(path)] == path and p != path]
            if below:
                return self._places[min(below, key=lambda p: (len(p), self._order[p]))]
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
        aliases = {self._canonical(place), *place.index_names, *place.shorts}
        if place.leaf not in region_names().parent_only_names or len(place.path) == 1:
            aliases.add(place.leaf)
        if place.level in (Level.COUNTY, Level.DISTRICT) and len(place.path) >= 2:
            aliases.add(place.path[-2] + place.leaf)  # 阳泉市城区, whatever the index calls it
        aliases.update(a for a in place.extra_aliases if not a.isascii())
        for suffix, short_suffix in (("自治区", "自治区"), ("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
            if place.short and place.leaf.endswith(suffix) and place.leaf != place.short + suffix:
                aliases.add(place.short + short_suffix)  # 广西自治区, 甘孜州, 本溪县
        return aliases

    def _english_aliases(self, place: _Place) -> set[str]:
        extra = {a for a in place.extra_aliases if a.isascii()}
        if place.level is Level.NATIONAL:
            return extra
        suffix = split_suffix(place.leaf)[1]
        aliases = set(place.english_names) | extra
        english_suffix = region_names().english_suffixes.get(suffix)
        if english_suffix:
            aliases.update(f"{variant} {english_suffix}" for variant in place.english_names)
        return aliases

    def _phrases_of(self, place: _Place) -> list[tuple[str, Path]]:
        return [(alias, place.path) for alias in sorted(self._chinese_aliases(place) | self._english_aliases(place))]

    def _all_phrases(self) -> list[tuple[str, Path]]:
        return [pair for place in self._places.values() for pair in self._phrases_of(place)]

    def _overlay_index(self) -> PhraseIndex[Path]:
        """Phrases the built-in index lacks: places created by ``add`` and the index names."""
        if self._overlay is None:
            pairs: list[tuple[str, Path]] = []
            for path, place in self._places.items():
                if path not in self._builtin:
                    pairs += self._phrases_of(place)
                elif place.index_names:
                    pairs += [(name, path) for name in place.index_names]
            self._overlay = PhraseIndex(pairs)
        return self._overlay

    def _indexes(self) -> list[PhraseIndex[Path]]:
        indexes = [_builtin_index()] if self._builtin else []
        return [*indexes, self._overlay_index()]

    def _alias_map(self) -> dict[str, list[Path]]:
        if self._aliases is None:
            aliases: dict[str, list[Path]] = {}
            for place in self._places.values():
                for alias in self._chinese_aliases(place):
                    aliases.setdefault(alias, []).append(place.path)
            self._aliases = aliases
        return self._aliases

    def _name_map(self) -> dict[str, Path]:
        if self._by_name is None:
            names: dict[str, Path] = {}
            for place in self._places.values():
                for name in (self._canonical(place), *place.index_names):
                    names.setdefault(name, place.path)
            self._by_name = names
        return self._by_name

    # ---- lookup ---------------------------------------------------------------------

    def regions(self) -> list[Region]:
        """Every known region, in registration order."""
        return [self._region(place) for place in self._places.values()]

    def get(self, name: str) -> Region | None:
        """The region with this canonical, index, full or short name (Chinese or English)."""
        name = name.strip()
        path = self._name_map().get(name)
        if path is not None:
            return self._region(self._places[path])
        matches = [m for m in self._find(name) if m.start == 0 and m.end == len(name)]
        return matches[0].region if matches else None

    def english_names(self, region: Region) -> tuple[str, ...]:
        """The English names a text may use for ``region`` (Ganzhou, Gan Zhou, Ganzhou City …)."""
        place = self._place_named(region.name)
        return tuple(sorted(self._english_aliases(place))) if place else ()

    def candidates(self, name: str) -> list[Region]:
        """Every region this name may stand for (朝阳 -> 北京市朝阳区, 朝阳市, 长春市朝阳区), table order."""
        name = name.strip()
        paths: list[Path] = []
        for index in self._indexes():
            paths += [m.value for m in index.candidates(name) if m.start == 0 and m.end == len(name)]
        ordered = sorted(dict.fromkeys(paths), key=lambda p: self._order[p])
        return [self._region(self._places[p]) for p in ordered]

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
        path = self._name_map().get(name.strip())
        if path is not None:
            return self._places[path]
        region = self.get(name)
        if region is None:
            return None
        path = self._name_map().get(region.name)
        return self._places[path] if path is not None else None

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
        both ("南昌市" + "青山湖区" -> "南昌市青山湖区"). A mention that stays ambiguous is left out.
        """
        return self._find(text)

    def resolve(self, text: str) -> RegionMatch | None:
        """The most specific region named in ``text`` (a district over its city); the first on a tie."""
        matches = self._find(text)
        if not matches:
            return None
        return max(matches, key=lambda m: (SPECIFICITY[m.region.level], -m.start))

    def _candidates(self, text: str) -> list[PhraseMatch[Path]]:
        """Every phrase match that is a whole word of the text (see the module docstring)."""
        found = [match for index in self._indexes() for match in index.candidates(text)]
        chinese = [m for m in found if not has_latin(m.phrase)]
        if chinese:
            boundaries = word_boundaries(text)
            chinese = [m for m in chinese if _whole_word(m, text, boundaries, m.phrase in self._places[m.value].shorts)]
        return chinese + [m for m in found if has_latin(m.phrase)]

    def _find(self, text: str) -> list[RegionMatch]:
        raw = select_matches(self._candidates(text))
        spans: dict[tuple[int, int], list[Path]] = {}
        for match in raw:
            paths = spans.setdefault((match.start, match.end), [])
            if match.value not in paths:
                paths.append(match.value)
        all_paths = {path for paths in spans.values() for path in paths}
        chosen: list[tuple[int, int, _Place]] = []
        for (start, end), paths in spans.items():
            place = self._choose(paths, all_paths - set(paths), text[start:end])
            if place is not None:
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

    def _choose(self, paths: list[Path], others: Iterable[Path], mention: str) -> _Place | None:
        """The place a mention that fits ``paths`` stands for, or None when it stays ambiguous."""
        if len(paths) == 1:
            return self._places[paths[0]]
        others = list(others)
        tier = [p for p in paths if any(other == p[: len(other)] for other in others)]  # its parent is named
        tier = tier or [p for p in paths if self._places[p].index_names] or paths
        top = min(tier, key=lambda p: (len(p), self._order[p]))
        if all(p[: len(top)] == top for p in tier):  # they nest: the highest (吉安 -> 吉安市)
            return self._places[top]
        if has_latin(mention):  # romanised names collide more (Ganzhou: 赣州市, 甘州区): the higher level
            highest = min(SPECIFICITY[self._places[p].level] for p in tier)
            top_level = [p for p in tier if SPECIFICITY[self._places[p].level] == highest]
            if len(top_level) == 1:
                return self._places[top_level[0]]
        usual = region_names().usual_places.get(mention)
        if usual is not None:
            for p in tier:
                if "".join(p) == usual:
                    return self._places[p]
        logger.debug("%s is ambiguous: %s", mention, " / ".join("".join(p) for p in tier))
        return None


@cached
def builtin_gazetteer() -> Gazetteer:
    """``Gazetteer.builtin()``, built once; shared, so never ``add`` to it (build your own for that)."""
    return Gazetteer.builtin()
