"""Cue words for the kind of a figure (target, actual, estimate), from ``data/kind_cues.toml``; and the
names of the kinds (``KIND_ZH``, ``KIND_EN``).

One table, read by the question parser, the figure reader, the indicator table and retrieval;
each reads its own section (the file says which and why they differ).
"""

from __future__ import annotations

import re

from assistant.core.datatypes import Kind
from assistant.core.errors import ConfigError
from assistant.knowledge.tables import cached, strings, toml_table

# What each kind is called, in answers and tables: "目标" / "target".
KIND_ZH = {Kind.TARGET: "目标", Kind.ACTUAL: "实际", Kind.ESTIMATE: "预计"}
KIND_EN = {Kind.TARGET: "target", Kind.ACTUAL: "actual", Kind.ESTIMATE: "estimate"}

_FILE = "kind_cues.toml"
_SECTIONS = {
    "question": ("actual_strong", "target", "estimate", "actual"),
    "question_explicit": ("target", "actual", "estimate"),
    "passage": ("estimate", "target", "actual", "met"),
    "section": ("target", "actual", "paragraph", "estimate", "in_review"),
    "search": ("target", "actual", "estimate"),
}


@cached
def _section(name: str) -> dict[str, tuple[str, ...]]:
    table = toml_table(_FILE)
    section = table.get(name)
    if not isinstance(section, dict):
        raise ConfigError(f"{_FILE} has no [{name}] table; restore it from git")
    result = {}
    for key in _SECTIONS[name]:
        result[key] = strings(section.get(key), f"{_FILE} [{name}] {key}", "non-empty strings")
    unknown = sorted(set(section) - set(_SECTIONS[name]))
    if unknown:
        raise ConfigError(f"{_FILE} [{name}] has unknown entries {', '.join(unknown)}; valid: {', '.join(_SECTIONS[name])}")
    return result


@cached
def question_patterns() -> dict[str, re.Pattern[str]]:
    """The parser's patterns by name: ``actual_strong``, ``target``, ``estimate``, ``actual``."""
    section = _section("question")
    return {key: re.compile("|".join(section[key]), re.I) for key in _SECTIONS["question"]}


def question_explicit(kind: Kind) -> tuple[str, ...]:
    """Lower-case words that, in a question, name ``kind`` explicitly."""
    return _section("question_explicit")[kind.value]


def passage_cues() -> tuple[tuple[Kind, tuple[str, ...]], ...]:
    """``(kind, words)`` in the order a clause's context is checked: estimate, target, actual."""
    section = _section("passage")
    return tuple((Kind(key), section[key]) for key in ("estimate", "target", "actual"))


@cached
def met_target_pattern() -> re.Pattern[str]:
    """A target met ("全面实现年初确定的主要目标"): its 目标 tells a result, not a target."""
    return re.compile("|".join(_section("passage")["met"]))


def section_cues() -> dict[str, tuple[str, ...]]:
    """The indicator table's cues: ``target``, ``actual``, ``paragraph`` and ``estimate`` words."""
    return _section("section")


def search_words(kind: Kind) -> tuple[str, ...]:
    """Words retrieval adds to the keyword search for a question of ``kind``."""
    return _section("search")[kind.value]
