"""What a question is about (its topic) and what kind of content it wants (its aspects).

"赣州2024年新建多少个博物馆？" is about 博物馆; 新建 is an action, 多少个 the amount. "珠山区怎么优化营商环境？"
is about 营商环境. "萍乡有哪些重点工作？" names no topic, only the aspect 重点工作 (the work plan).
"工业大数据实施方案的总体目标是什么？" is about 工业, 数据 with the aspects 实施方案, 总体目标.

The topic is what a clause or a sentence must name (itself or by a synonym, ``knowledge.topics``)
for it to answer: a figure about 5G基站 is not a figure about museums. Region names, years,
indicator names (the lexicon matches those), question words, kind cues, units, generic nouns
(``generic_nouns``: 措施, 计划, 数量 …) and action verbs (``action_verbs``: 新建, 推进 …) are left out.

English questions get the glossary's Chinese; English content words it cannot translate are kept
in ``untranslated`` ("museums"), so the answer can say what it could not look for.
"""

from __future__ import annotations

import re

from assistant.knowledge.glossary import english_matches, normalize_words
from assistant.knowledge.question_words import question_words
from assistant.knowledge.textmatch import blank
from assistant.knowledge.topics import topic_words
from assistant.understanding.keywords import content_words


_AMOUNT_ZH = re.compile(r"多少|几")
_COUNT_AFTER = 4  # "多少个博物馆", "多少万平方米住房": the thing counted follows the amount word closely
_AMOUNT_EN = ("how many", "how much", "what")


def chinese_topic(
    text: str, spans: list[tuple[int, int]]
) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """``(topic, aspects, counted, phrase)`` of a Chinese question; ``spans`` (regions, years, indicators,
    question phrases) are left out. ``counted`` is the topic term a figure counts (see :func:`counted_term`);
    ``phrase`` the question's words about its topic as one piece ("做实产业招商", see :func:`topic_phrase`)."""
    words = topic_words()
    placed: list[tuple[int, str]] = []
    actions: list[tuple[int, str]] = []
    aspects: list[str] = []
    for position, terms in sorted(content_words(text, spans), key=lambda piece: piece[0]):
        if not terms:
            continue
        word = terms[0]
        if word in words.generic_nouns:
            aspects.append(word)
        elif word in words.action_verbs:
            actions.append((position, word))
        else:
            placed.append((position, word))
    topic = tuple(dict.fromkeys(word for _, word in placed))
    phrase = topic_phrase(text, placed, actions)
    return topic, tuple(dict.fromkeys(aspects)), counted_term(text, placed), phrase


def topic_phrase(text: str, placed: list[tuple[int, str]], actions: list[tuple[int, str]]) -> str:
    """The longest run of adjacent topic words and actions in the question, when longer than any one
    term: "怎么做实产业招商" -> 做实产业招商, "怎么优化营商环境" -> 优化营商环境. A heading or a sentence that
    writes the whole phrase is about exactly what was asked."""
    pieces = sorted(placed + actions)
    runs: list[tuple[int, int, bool]] = []  # (start, end, holds a topic word)
    topical = {position for position, _ in placed}
    for position, word in pieces:
        end = position + len(word)
        if runs and runs[-1][1] == position:
            start, _, has_topic = runs[-1]
            runs[-1] = (start, end, has_topic or position in topical)
        else:
            runs.append((position, end, position in topical))
    best = max((text[s:e] for s, e, has_topic in runs if has_topic), key=len, default="")
    longest_term = max((len(word) for _, word in placed), default=0)
    return best if len(best) > longest_term else ""


def counted_term(text: str, placed: list[tuple[int, str]]) -> str:
    """The term an amount word asks about: the one right after it ("多少个博物馆", "多少部电梯"), else
    the last one before it ("规模以上工业企业多少家", "赤字规模是多少"); "" without an amount word."""
    amount = _AMOUNT_ZH.search(text)
    if amount is None or not placed:
        return ""
    after = [word for position, word in placed if 0 <= position - amount.end() <= _COUNT_AFTER]
    if after:
        return after[0]
    before = [word for position, word in placed if position < amount.start()]
    return before[-1] if before else ""


def english_topic(
    text: str, spans: list[tuple[int, int]]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]:
    """``(topic, aspects, untranslated, counted)`` of an English question; ``spans`` are left out.
    ``counted`` is the first topic term after "how many", "how much" or "what"."""
    words = topic_words()
    rest = blank(text, spans)
    normalized = normalize_words(rest)
    placed: list[tuple[int, str]] = []
    aspects: list[str] = []
    covered: set[int] = set()
    for start, end, terms in english_matches(rest):
        covered.update(range(start, end))
        word = terms[0]
        if word in words.generic_nouns:
            aspects.append(word)
        elif word not in words.action_verbs:
            placed.append((start, word))
    topic = [word for _, word in placed]
    stop = question_words().en_stopwords | words.en_function_words
    untranslated = [
        word for index, word in enumerate(normalized)
        if index not in covered and len(word) >= 3 and word.isalpha() and word not in stop
    ]
    joined = " ".join(normalized)
    asked_at = min((joined[: joined.find(cue)].count(" ") for cue in _AMOUNT_EN if cue in joined), default=-1)
    after = [word for start, word in placed if start > asked_at] if asked_at >= 0 else []
    counted = after[0] if after else ""
    return tuple(dict.fromkeys(topic)), tuple(dict.fromkeys(aspects)), tuple(dict.fromkeys(untranslated)), counted


__all__ = ["chinese_topic", "english_topic"]
