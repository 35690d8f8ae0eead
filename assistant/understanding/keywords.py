"""Search keywords of a question: the words the answering clause should contain.

Indicator names, the glossary's phrases (with the glossary terms inside them: 高标准农田, 农田) and
other content words. Region names, years, question words (多少, 几), kind cues (目标, 计划, 力争,
target) and filler are left out: the search filters and ranks by those already. English questions
get the lexicon's and the glossary's Chinese terms, because the keyword search and the reader only
know the reports' Chinese.
"""

from __future__ import annotations

import re

from assistant.knowledge.glossary import chinese_phrases, english_terms
from assistant.knowledge.lexicon import Indicator, search_terms
from assistant.knowledge.question_words import question_words
from assistant.knowledge.textmatch import blank, is_meaningful

_HAN = re.compile(r"[\u4e00-\u9fff]")


def english_keywords(text: str, indicators: tuple[str, ...], named: list[tuple[int, int]]) -> tuple[str, ...]:
    """The lexicon's Chinese names of the indicators, then the glossary's Chinese terms for the rest.

    Chinese words written inside an English question ("hogs slaughtered (生猪出栏)") count too.
    """
    terms: list[str] = []
    for key in indicators:
        terms.extend(search_terms(key))
    rest = blank(text, named)
    terms.extend(english_terms(rest))
    if _HAN.search(rest):
        chinese_only = "".join(ch if _HAN.match(ch) else " " for ch in rest)
        terms.extend(word for _, words in _content_words(chinese_only, []) for word in words)
    return tuple(dict.fromkeys(terms))


def chinese_keywords(
    text: str, indicator_matches: list[tuple[Indicator, int, int]], named: list[tuple[int, int]]
) -> tuple[str, ...]:
    """Content words in question order: indicator names, glossary phrases (with the glossary terms
    inside them: 高标准农田, 农田) and jieba words, without region names, years, question words,
    kind cues (目标, 计划 ...) and filler."""
    pieces: list[tuple[int, list[str]]] = [
        (start, [text[start:end], indicator.zh]) for indicator, start, end in indicator_matches
    ]
    pieces.extend(_content_words(text, named))
    pieces.sort(key=lambda piece: piece[0])
    return tuple(dict.fromkeys(word for _, words in pieces for word in words if word))


def _content_words(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, list[str]]]:
    """``(position, words)`` for the glossary phrases and the jieba content words outside ``spans``."""
    masked = blank(text, spans)
    pieces: list[tuple[int, list[str]]] = []
    covered = list(spans)
    for start, end, terms in chinese_phrases(masked):
        pieces.append((start, [term for term in terms if _is_content_word(term)]))
        covered.append((start, end))
    import jieba  # imported on first use: it loads its dictionary

    position = 0
    for start, end in sorted(covered) + [(len(text), len(text))]:
        if start > position:
            offset = position
            for word in jieba.lcut(masked[position:start]):
                if _is_content_word(word):
                    pieces.append((offset, [word]))
                offset += len(word)
        position = max(position, end)
    return pieces


def _is_content_word(word: str) -> bool:
    word = word.strip()
    rules = question_words()
    if len(word) < 2 or word in rules.cn_stopwords or word in rules.cn_non_keywords or not is_meaningful(word):
        return False
    return not (word.isdigit() or re.fullmatch(r"[\d.%]+|\d+年|[〇零一二三四五六七八九]+年", word))
