"""What a question is about, as opposed to what kind of answer it wants; and the words for the same thing.

From ``data/topic_words.toml`` (generic nouns such as 措施, 重点工作, 数量; action verbs such as 新建,
推进), ``data/synonyms.tsv`` (地铁 -> 轨道交通, 城市轨道交通 …) and ``data/answer_cues.toml`` (the
cues for a figure, passages, a status or a series, read by ``assistant.understanding.intent``).

:func:`names_of` gives a term and its synonyms; :func:`mentioned` says whether a text names a term
by any of them. A clause states a figure about a thing only if it names the thing this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.errors import ConfigError
from assistant.knowledge.glossary import inner_terms
from assistant.knowledge.tables import cached, strings, toml_table, tsv_rows, word_lists

_WORDS_FILE = "topic_words.toml"
_SYNONYMS_FILE = "synonyms.tsv"
_CUES_FILE = "answer_cues.toml"
CUE_KINDS = ("status", "series", "passages", "state", "amount", "agent", "document", "date")


@dataclass(frozen=True)
class TopicWords:
    generic_nouns: frozenset[str]
    action_verbs: frozenset[str]
    en_function_words: frozenset[str]
    campaign_words: frozenset[str]


@cached
def topic_words() -> TopicWords:
    return word_lists(_WORDS_FILE, TopicWords)


@cached
def synonyms() -> dict[str, tuple[str, ...]]:
    """Term -> the other words a report may write for it (the term itself not included)."""
    table: dict[str, list[str]] = {}
    for row in tsv_rows(_SYNONYMS_FILE):
        term, others = row.get("term", ""), row.get("synonyms", "")
        if not term or not others:
            raise ConfigError(f"{_SYNONYMS_FILE}: every row needs a term and synonyms, got {row}")
        words = table.setdefault(term, [])
        words.extend(w for w in (s.strip() for s in others.split("|")) if w and w != term and w not in words)
    return {term: tuple(words) for term, words in table.items()}


MIN_COVERAGE = 0.66  # share of a topic's characters a text must name (besides its longest term)
INNER_MIN_CHARS = 3  # a glossary term inside a topic term names it when this long: 优化营商环境 -> 营商环境


@cached
def names_of(term: str) -> tuple[str, ...]:
    """Words that name ``term`` in a report, longest first: itself, its synonyms, and the glossary terms
    of three or more characters inside it that are not generic or actions (优化营商环境 -> 营商环境)."""
    words = topic_words()
    inner = [t for t in inner_terms(term) if len(t) >= INNER_MIN_CHARS
             and t not in words.generic_nouns and t not in words.action_verbs and _only_frame_words_around(term, t)]
    return tuple(sorted({term, *synonyms().get(term, ()), *inner}, key=lambda w: (-len(w), w)))


def _only_frame_words_around(term: str, inner: str) -> bool:
    """Whether what ``term`` adds to ``inner`` is an action, a generic or a campaign word (优化 in 优化营商环境,
    攻坚战 in 污染防治攻坚战), not a modifier that makes it another thing (人工智能 in 人工智能核心产业)."""
    words = topic_words()
    frame = words.action_verbs | words.generic_nouns | words.campaign_words
    return all(_made_of(part, frame) for part in term.replace(inner, " ", 1).split())


def _made_of(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` is a run of ``words`` ("持续优化": 持续 + 优化)."""
    ends = {0}
    for end in range(1, len(text) + 1):
        if any(text[start:end] in words for start in ends if start < end):
            ends.add(end)
    return len(text) in ends


def find_term(text: str, term: str) -> int:
    """Where ``text`` first names ``term`` by any of :func:`names_of` (ASCII in either case), or -1.
    A name of two halves may be written with an enumeration comma between them (大众创业万众创新 in
    "推动大众创业、万众创新")."""
    folded = text.lower()
    positions = [folded.find(name.lower()) for name in names_of(term)]
    if "、" in folded and not any(p >= 0 for p in positions):
        positions = [match.start() for name in names_of(term) if (pattern := _split_by_comma(name))
                     and (match := pattern.search(folded))]
    return min((p for p in positions if p >= 0), default=-1)


@cached
def _split_by_comma(name: str) -> re.Pattern[str] | None:
    """``name`` with an optional 、 between its halves, for a Chinese name of 4 or more characters (even)."""
    if len(name) < 4 or len(name) % 2 or not all("\u4e00" <= char <= "\u9fff" for char in name):
        return None
    half = len(name) // 2
    return re.compile(f"{re.escape(name[:half])}、{re.escape(name[half:])}")


def mentioned(text: str, term: str) -> bool:
    return find_term(text, term) >= 0


@cached
def head_of(term: str) -> str:
    """The glossary term that ends ``term`` (its head in Chinese word order: 财政赤字 -> 赤字), or ""."""
    words = topic_words()
    heads = [t for t in inner_terms(term) if t != term and term.endswith(t) and len(t) >= 2
             and t not in words.generic_nouns and t not in words.action_verbs]
    return max(heads, key=len, default="")


def _credit(text: str, term: str) -> int:
    """Characters of ``term`` that ``text`` names: all of them, those of its head alone, or none."""
    if mentioned(text, term):
        return len(term)
    head = head_of(term)
    return len(head) if head and head in text else 0


def topic_coverage(
    text: str, topic: tuple[str, ...], before: str = "", required: str = "", minimum: float = MIN_COVERAGE
) -> float | None:
    """The share of ``topic`` (by characters) that ``text`` names, or None when it is not about the topic.

    ``required`` (the term a figure counts, else the topic's longest term) must be named in ``text``;
    the other terms may be named in ``before`` (what comes before ``text`` in its sentence, or its
    headings: the subject of a clause is often in the clause before); and the share named must reach
    ``minimum`` (:data:`MIN_COVERAGE` for a figure). A term named only by its head counts for the head's characters: a clause
    about 企业利润 is about 工业企业利润, one about 智慧小区 not about 老旧小区.
    """
    if not topic:
        return None
    required = required or max(topic, key=len)
    if not _credit(text, required):
        return None
    credit = sum(_credit(text, term) or _credit(before, term) for term in topic)
    share = credit / sum(map(len, topic))
    return share if share >= minimum else None


def mentioned_at(text: str, topic: tuple[str, ...]) -> int:
    """Where ``text`` first names a term of ``topic`` (0 when it names none)."""
    return min((p for p in (find_term(text, term) for term in topic) if p >= 0), default=0)


@cached
def agent_patterns() -> tuple[re.Pattern[str], ...]:
    """Patterns whose group 1 is the body that acts in a sentence ("（省能源局牵头）" -> 省能源局), from
    ``[agent_bodies]`` of answer_cues.toml."""
    section = toml_table(_CUES_FILE).get("agent_bodies")
    if not isinstance(section, dict):
        raise ConfigError(f"{_CUES_FILE} has no [agent_bodies] table; restore it from git")
    endings = strings(section.get("endings", []), f"{_CUES_FILE} [agent_bodies] endings", "words")
    body = "[\u4e00-\u9fff、]{1,30}?(?:" + "|".join(sorted(map(re.escape, endings), key=len, reverse=True)) + ")"
    patterns = strings(section.get("patterns", []), f"{_CUES_FILE} [agent_bodies] patterns", "patterns")
    try:
        return tuple(re.compile(pattern.replace("{body}", body)) for pattern in patterns)
    except re.error as error:
        raise ConfigError(f"{_CUES_FILE} [agent_bodies]: a pattern does not compile ({error})") from error


@cached
def answer_cues() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Cue name -> (Chinese pattern, English pattern), for :data:`CUE_KINDS`."""
    table = toml_table(_CUES_FILE)
    return {name: _cue_patterns(table.get(name), f"[{name}]") for name in CUE_KINDS}


@cached
def field_cues() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Asked field ("title", "issuer", "issue_date", "period", "start", "deadline", "end") -> (Chinese
    pattern, English pattern): which part of a document or a date a question asks for."""
    fields = toml_table(_CUES_FILE).get("fields")
    if not isinstance(fields, dict):
        raise ConfigError(f"{_CUES_FILE} has no [fields] tables; restore it from git")
    return {name: _cue_patterns(section, f"[fields.{name}]") for name, section in fields.items()}


@cached
def field_words(name: str) -> tuple[str, ...]:
    """What a document writes where it states the field ``name`` ("start" -> 施行, 实施 …): the
    ``words`` of ``[fields.<name>]``; () for a field without them."""
    section = (toml_table(_CUES_FILE).get("fields") or {}).get(name) or {}
    return strings(section.get("words", []), f"{_CUES_FILE} [fields.{name}] words") if section.get("words") else ()


def _cue_patterns(section: object, where: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if not isinstance(section, dict):
        raise ConfigError(f"{_CUES_FILE} has no {where} table; restore it from git")
    patterns = []
    for language in ("zh", "en"):
        entries = strings(section.get(language, []), f"{_CUES_FILE} {where} {language}", "patterns")
        try:
            patterns.append(re.compile("|".join(entries) or "(?!)", re.I))
        except re.error as error:
            raise ConfigError(f"{_CUES_FILE} {where} {language}: {error}") from error
    return patterns[0], patterns[1]


__all__ = [
    "CUE_KINDS", "MIN_COVERAGE", "TopicWords", "agent_patterns", "answer_cues", "field_cues", "find_term", "mentioned", "mentioned_at", "names_of",
    "head_of", "synonyms", "topic_coverage", "topic_words",
]
