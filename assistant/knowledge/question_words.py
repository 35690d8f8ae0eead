"""The question parser's word lists, from ``data/question_words.toml`` (the file says what each holds)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.knowledge.tables import cached, word_lists

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
    return word_lists(_FILE, QuestionWords)
