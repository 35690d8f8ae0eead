"""Words of government documents: kinds of document, title endings, issuing bodies, self-references.

Loaded from ``data/documents.toml`` (the file says what each list holds); ``index.metadata``
reads a document's title, issuer, region and kind with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.errors import ConfigError
from assistant.knowledge.tables import cached, strings, toml_table

_FILE = "documents.toml"
LEVELS = ("province", "city", "district", "county", "prefecture", "banner")
# Kinds whose year is the year they report on or are delivered in, so a target for 2024 is in the
# report of 2024 and an actual in that of 2025. A plan, notice or opinion issued in 2021 sets targets
# for 2025: the year a question names says nothing about the year such a document was issued.
REPORT_TYPES = ("政府工作报告", "计划报告", "统计公报")
# "…关于X的Y": Y, the kind word after the last 的 (no 《》 or 的 in it).
_ABOUT = re.compile(r"关于.+的([^的《》“”]{1,12})$")


@dataclass(frozen=True)
class DocumentType:
    type: str  # e.g. "通知"
    english: str  # e.g. "notice"
    contains: tuple[str, ...]
    endings: tuple[str, ...]


@dataclass(frozen=True)
class DocumentWords:
    types: tuple[DocumentType, ...]
    title_tails: tuple[str, ...]
    section_headings: frozenset[str]
    issuer_endings: tuple[str, ...]  # longest first
    self_reference: dict[str, tuple[str, ...]]  # level -> words (我省, 全省 …)
    national_addressees: tuple[str, ...]
    province_addressees: tuple[str, ...]
    city_addressees: tuple[str, ...]
    national_words: tuple[str, ...]
    target_year_before: tuple[str, ...]
    report_words: tuple[str, ...]
    generic_endings: tuple[str, ...] = ()
    opening_kinds: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (kind, words of an untitled opening)
    review_headings: tuple[str, ...] = ()
    plan_headings: tuple[str, ...] = ()

    @property
    def title_endings(self) -> tuple[str, ...]:
        """Every kind word a title may end with, longest first."""
        words = {word for kind in self.types for word in kind.endings}
        return tuple(sorted(words, key=len, reverse=True))

    def kind_named(self, name: str) -> DocumentType | None:
        return next((kind for kind in self.types if kind.type == name), None)

    def type_of(self, title: str) -> DocumentType | None:
        """The kind of a document with this title (the first kind that fits), or None.

        "…关于X的Y" is of the kind Y ends with, whatever X holds, unless Y ends with a generic word
        (``generic_endings``: 报告), which the `contains` words of X refine.
        """
        core = title.strip()
        about = _ABOUT.search(core)
        if about is not None and not about.group(1).endswith(self.generic_endings):
            for kind in self.types:
                if any(about.group(1).endswith(word) for word in kind.endings):
                    return kind
        for kind in self.types:
            if any(word in core for word in kind.contains) or any(core.endswith(word) for word in kind.endings):
                return kind
        return None


@cached
def document_words() -> DocumentWords:
    table = toml_table(_FILE)
    try:
        types = tuple(
            DocumentType(str(entry["type"]), str(entry["english"]), _words(entry, "contains"), _words(entry, "endings"))
            for entry in table["types"]
        )
        reference = table["self_reference"]
        unknown = sorted(set(reference) - set(LEVELS))
        if unknown:
            raise ConfigError(f"{_FILE}: [self_reference] has unknown level(s) {', '.join(unknown)}; use {', '.join(LEVELS)}")
        return DocumentWords(
            types=types,
            title_tails=_words(table, "title_tails"),
            section_headings=frozenset(_words(table, "section_headings")),
            issuer_endings=tuple(sorted(_words(table, "issuer_endings"), key=len, reverse=True)),
            self_reference={level: _words(reference, level) for level in LEVELS if level in reference},
            national_addressees=_words(table, "national_addressees"),
            province_addressees=_words(table, "province_addressees"),
            city_addressees=_words(table, "city_addressees"),
            national_words=_words(table, "national_words"),
            target_year_before=_words(table, "target_year_before"),
            report_words=_words(table, "report_words"),
            generic_endings=_words(table, "generic_endings"),
            opening_kinds=tuple((str(kind), _words(table["opening_kinds"], kind)) for kind in table["opening_kinds"]),
            review_headings=_words(table, "review_headings"),
            plan_headings=_words(table, "plan_headings"),
        )
    except (KeyError, TypeError) as error:
        raise ConfigError(f"{_FILE} lacks or misspells an entry ({error}); compare it with the built-in file") from error


def _words(table: dict, key: str) -> tuple[str, ...]:
    return strings(table[key], f"{_FILE}: {key}")
