"""The region tables: ``data/regions.tsv`` (the places) and ``data/region_names.toml`` (naming rules).

``regions.tsv`` lists places top-down, a parent before its children: ``name`` (the full name,
"赣州市"), ``level`` (national, province, city, county, district), ``parent`` (the full name of
a place above it in the table, empty for the nation and the provinces), ``short`` (the short name
people use; empty: the name without its suffix, unless that is an ordinary word listed in
``short_name_stoplist``; ``-``: none) and ``aliases`` (other names, Chinese or English,
separated by ``|``). The gazetteer (``assistant.knowledge.gazetteer``) is built from these rows.

Jiangxi's county-level divisions are as of 2024 (湾里区 merged into 新建区 in 2019; 广信区 was
上饶县, 龙南市 was 龙南县).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.datatypes import Level
from assistant.core.errors import ConfigError
from assistant.knowledge.tables import cached, toml_table, tsv_rows

_PLACES = "regions.tsv"
_NAMES = "region_names.toml"
_COLUMNS = ("name", "level", "parent", "short", "aliases")


@dataclass(frozen=True)
class RegionRow:
    """One place of ``regions.tsv``. ``short`` is None when it is derived from the name."""

    name: str
    level: Level
    parent: str
    short: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RegionNames:
    """The naming rules of ``region_names.toml``."""

    short_name_stoplist: frozenset[str]  # short names that are ordinary words (新建, 莲花): full name only
    english: dict[str, str]  # short name -> English base name, where pypinyin is wrong or custom differs
    english_variants: dict[str, tuple[str, ...]]  # short name -> other English spellings people use
    english_stoplist: frozenset[str]  # English words a generated pinyin name must not be (德安 -> "dean")
    suffixes: tuple[str, ...]  # administrative suffixes, longest first
    english_suffixes: dict[str, str]  # suffix -> English word ("区" -> "District")


@cached
def region_rows() -> tuple[RegionRow, ...]:
    """The places of ``regions.tsv`` (and the user's additions), in table order."""
    rows: list[RegionRow] = []
    known: set[str] = set()
    for raw in tsv_rows(_PLACES):
        if tuple(raw) != _COLUMNS:
            raise ConfigError(f"{_PLACES} must have the columns {', '.join(_COLUMNS)}")
        name, parent = raw["name"], raw["parent"]
        if not name:
            raise ConfigError(f"{_PLACES}: a row has no name: {raw}")
        try:
            level = Level.parse(raw["level"])
        except ValueError as error:
            raise ConfigError(f"{_PLACES}: {name}: {error}") from None
        if level is Level.UNKNOWN:
            raise ConfigError(f"{_PLACES}: {name} has no level; give one of national, province, city, county, district")
        if parent and parent not in known:
            raise ConfigError(f"{_PLACES}: the parent {parent} of {name} is not listed above it")
        short = None if raw["short"] == "" else ("" if raw["short"] == "-" else raw["short"])
        aliases = tuple(alias.strip() for alias in raw["aliases"].split("|") if alias.strip())
        rows.append(RegionRow(name, level, parent, short, aliases))
        known.add(name)
    return tuple(rows)


@cached
def region_names() -> RegionNames:
    table = toml_table(_NAMES)
    try:
        return RegionNames(
            short_name_stoplist=frozenset(_strings(table, "short_name_stoplist")),
            english=dict(table["english"]),
            english_variants={short: tuple(names) for short, names in table["english_variants"].items()},
            english_stoplist=frozenset(_strings(table, "english_stoplist")),
            suffixes=tuple(sorted(_strings(table, "suffixes"), key=len, reverse=True)),
            english_suffixes=dict(table["english_suffixes"]),
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ConfigError(f"{_NAMES} lacks or misspells an entry ({error}); compare it with the built-in file") from error


def _strings(table: dict, key: str) -> list[str]:
    values = table[key]
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{_NAMES}: {key} must be a list of names")
    return values


def cities() -> tuple[tuple[str, str], ...]:
    """``(city, province)`` for every city of the table, in table order."""
    return tuple((row.name, row.parent) for row in region_rows() if row.level is Level.CITY)
