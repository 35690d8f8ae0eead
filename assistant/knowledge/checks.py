"""Checks of the knowledge tables (built-in and the user's additions): a list of readable problems.

Run by the test suite and by ``python -m assistant.knowledge`` after editing a table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from assistant.core.datatypes import Level
from assistant.core.errors import ConfigError
from assistant.knowledge import cues, documents, glossary, lexicon, question_words, regions, targets


def problems() -> list[str]:
    """Every problem found in the tables; empty when they are fine."""
    found: list[str] = []
    for check in (_indicators, _regions, _region_names, _glossary, _question_words, _kind_cues, _targets, _documents):
        try:
            found.extend(check())
        except ConfigError as error:  # a table that does not load is one problem, stated by its loader
            found.append(str(error))
    return found


def _indicators() -> list[str]:
    found = []
    named: dict[str, set[str]] = {}
    for indicator in lexicon.indicators():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", indicator.key):
            found.append(f"indicators.toml: the key {indicator.key!r} must be lower-case letters, digits and _")
        upper = [alias for alias in indicator.en_aliases if alias != alias.lower()]
        if upper:
            found.append(f"indicators.toml: [{indicator.key}] en_aliases must be lower case: {', '.join(upper)}")
        for kind, names in (("aliases", indicator.aliases), ("en_aliases", indicator.en_aliases)):
            repeated = [name for name, count in Counter(names).items() if count > 1]
            if repeated:
                found.append(f"indicators.toml: [{indicator.key}] {kind} lists {', '.join(repeated)} twice")
        for name in {indicator.zh, *indicator.aliases, *(alias.lower() for alias in indicator.en_aliases)}:
            named.setdefault(name, set()).add(indicator.key)
    found.extend(
        f"indicators.toml: {name!r} names {' and '.join(sorted(keys))}; an alias names one indicator"
        for name, keys in named.items() if len(keys) > 1
    )
    return found


def _regions() -> list[str]:
    places = Counter((row.name, row.parent) for row in regions.region_rows())
    found = [f"regions.tsv: {name} (under {parent or 'nothing'}) is listed {count} times"
             for (name, parent), count in places.items() if count > 1]
    rows = regions.divisions()
    codes = Counter(row.code for row in rows)
    found += [f"divisions.tsv: the code {code} is listed {count} times" for code, count in codes.items() if count > 1]
    found += [f"divisions.tsv: the code {row.code} of {row.name} is not six digits"
              for row in rows if not re.fullmatch(r"\d{6}", row.code)]
    rank = {Level.PROVINCE: 0, Level.CITY: 1, Level.COUNTY: 2, Level.DISTRICT: 2}
    level_of = {row.code: row.level for row in rows}
    found += [f"divisions.tsv: {row.name} ({row.code}) is not below its parent {row.parent_code}"
              for row in rows if row.parent_code and rank[level_of[row.parent_code]] >= rank[row.level]]
    found += [f"divisions.tsv: {row.name} ({row.code}) has no parent" for row in rows
              if row.level is not Level.PROVINCE and not row.parent_code]
    return found


def _region_names() -> list[str]:
    names = regions.region_names()
    missing = [suffix for suffix in names.english_suffixes if suffix not in names.suffixes]
    found = [f"region_names.toml: english_suffixes names {', '.join(missing)}, which suffixes lacks"] if missing else []
    full_names = {row.full_name: row for row in regions.divisions()}
    for short, full_name in names.usual_places.items():
        row = full_names.get(full_name)
        if row is None or short not in row.shorts:
            found.append(f"region_names.toml: usual_places {short} = {full_name}: no division has that full and short name")
    return found + _english_place_names_that_are_words()


def _english_place_names_that_are_words() -> list[str]:
    """An English place name must not be a word of the glossary or the indicator names ("yuan"), unless
    the glossary's phrase is about that place ("beijing stock exchange" 北京证券交易所)."""
    from assistant.knowledge.gazetteer import builtin_gazetteer

    gazetteer = builtin_gazetteer()

    def about_the_place(word: str, chinese: str) -> bool:
        match = gazetteer.resolve(chinese)
        return match is not None and word in {n.lower() for n in gazetteer.english_names(match.region)}

    words = {word for english, chinese in glossary.glossary() for word in re.findall(r"[a-z]+", english.lower())
             if not about_the_place(word, chinese)}
    words |= {word for indicator in lexicon.indicators() for alias in indicator.en_aliases
              for word in re.findall(r"[a-z]+", alias.lower())}
    clashes = {region.name: name for region in builtin_gazetteer().regions() if region.level is not Level.NATIONAL
               for name in builtin_gazetteer().english_names(region) if name.lower() in words}
    return [f"region_names.toml: the English name {name!r} of {place} is an English word of the glossary or the "
            f"indicators; add it to english_stoplist" for place, name in clashes.items()]


def _glossary() -> list[str]:
    counts = Counter(english for english, _ in glossary.glossary())
    return [f"glossary.tsv: {english!r} is listed {count} times" for english, count in counts.items() if count > 1]


def _question_words() -> list[str]:
    question_words.question_words()  # the loaders check the schema
    lexicon.part_named_before("", 0)  # indicator_scopes.toml
    return []


def _kind_cues() -> list[str]:
    loaders: list[Callable[[], object]] = [cues.question_patterns, cues.passage_cues, cues.met_target_pattern, cues.section_cues]
    found = []
    for loader in loaders:
        try:
            loader()
        except re.error as error:
            found.append(f"kind_cues.toml: a [question] or [passage] met pattern is not a valid regular expression: {error}")
    return found


def _targets() -> list[str]:
    targets.ceiling_indicators()  # the loaders check that every key is an indicator
    targets.same_units()
    return []


def _documents() -> list[str]:
    words = documents.document_words()
    found = [f"documents.toml: the kind {kind.type} has neither contains nor endings" for kind in words.types
             if not kind.contains and not kind.endings]
    kinds = Counter(kind.type for kind in words.types)
    found += [f"documents.toml: the kind {name} is listed {count} times" for name, count in kinds.items() if count > 1]
    found += [f"documents.toml: [opening_kinds] names {name}, which is not a kind of [[types]]"
              for name, _ in words.opening_kinds if name not in kinds]
    return found
