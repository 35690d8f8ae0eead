"""The question parser's word lists, from ``data/question_words.toml`` (the file says what each holds)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from assistant.core.errors import ConfigError
from assistant.knowledge.tables import cached, toml_table

_FILE = "question_words.toml"


@dataclass(frozen=True)
class QuestionWords:
    cn_stopwords: frozenset[str]
    cn_non_keywords: frozenset[str]
    cn_generic_endings: tuple[str, ...]
    cn_lead_phrases: tuple[str, ...]
    cn_followers: frozenset[str]
    cn_boundary_chars: str
    en_stopwords: frozenset[str]
    en_admin_words: frozenset[str]


@cached
def question_words() -> QuestionWords:
    table = toml_table(_FILE)
    values = {}
    for f in fields(QuestionWords):
        value = table.get(f.name)
        if f.type == "str":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{_FILE}: {f.name} must be a string of characters")
            values[f.name] = value
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{_FILE}: {f.name} must be a list of words")
        values[f.name] = tuple(value) if f.type.startswith("tuple") else frozenset(value)
    unknown = sorted(set(table) - {f.name for f in fields(QuestionWords)})
    if unknown:
        raise ConfigError(f"{_FILE}: unknown list(s) {', '.join(unknown)}")
    return QuestionWords(**values)
