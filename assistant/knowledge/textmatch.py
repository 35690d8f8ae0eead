"""Find known phrases in a question: the matcher the lexicon and the gazetteer share.

Chinese phrases match as plain substrings. A phrase with Latin letters matches
case-insensitively, and only where no other Latin letter touches it: ``gdp``
matches "GDP增长", "2024GDP" and "Ganzhou's GDP" but not "gdpr". Spaces and hyphens inside a Latin phrase match
any run of spaces or hyphens, so "fixed asset investment" also finds
"fixed-asset  investment".

Matches never overlap: the longest phrase wins, then the leftmost, so
"城镇居民人均可支配收入" is one match, not also "居民人均可支配收入".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

# The one full-width folding table: full-width ASCII (ＧＤＰ, ６％), the ideographic space, the
# small percent sign, the wave dash and typographic apostrophes, each to one ASCII character, so
# offsets into the folded text are offsets into the caller's text.
_WIDTH_MAP = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_MAP.update({0x3000: 0x20, 0xFE6A: 0x25, 0x301C: 0x7E, 0x2019: 0x27, 0x2018: 0x27})


def fold_width(text: str) -> str:
    """Full-width characters to ASCII (see ``_WIDTH_MAP``); the length is unchanged."""
    return text.translate(_WIDTH_MAP)


def is_meaningful(text: str | None) -> bool:
    """False for None, empty text, whitespace, punctuation, emoji or control characters only."""
    return bool(text) and any(unicodedata.category(ch)[0] in "LN" for ch in text)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans blanked out by spaces (same length, so offsets still hold)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def has_latin(text: str) -> bool:
    return any("a" <= ch.lower() <= "z" for ch in text)


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The regular expression a phrase is found with (see the module docstring)."""
    parts = [re.escape(part) for part in re.split(r"[\s\-]+", phrase.strip())]
    body = r"[\s\-]+".join(parts) if has_latin(phrase) else re.escape(phrase)
    if not has_latin(phrase):
        return re.compile(body)
    before = r"(?<![A-Za-z])" if phrase[0].isascii() and phrase[0].isalpha() else ""
    after = r"(?![A-Za-z])" if phrase[-1].isascii() and phrase[-1].isalpha() else ""
    return re.compile(before + body + after, re.IGNORECASE)


@lru_cache(maxsize=16384)
def _probe(phrase: str) -> tuple[bool, str]:
    """(whether the phrase has Latin letters, a substring every match must contain)."""
    if has_latin(phrase):
        return True, re.split(r"[\s\-]+", phrase.strip().lower())[0]
    return False, phrase


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    value: T
    phrase: str
    start: int
    end: int


def find_phrases(text: str, phrases: Iterable[tuple[str, T]]) -> list[PhraseMatch[T]]:
    """Non-overlapping matches of ``(phrase, value)`` pairs in ``text``, in text order.

    Several values may share a phrase (an ambiguous short name); each gets its
    own match at the same span, and the caller chooses among them. For a long list of
    phrases searched many times, build a :class:`PhraseIndex` once instead.
    """
    folded = fold_width(text)
    lowered = folded.lower() if len(folded.lower()) == len(folded) else folded
    candidates: list[PhraseMatch[T]] = []
    for phrase, value in phrases:
        if not phrase:
            continue
        latin, probe = _probe(phrase)
        haystack = lowered if latin else folded
        if probe not in haystack:  # a cheap test before the regular expression
            continue
        for found in phrase_pattern(phrase).finditer(folded):
            candidates.append(PhraseMatch(value, found.group(0), found.start(), found.end()))
    return select_matches(candidates)


def select_matches(candidates: Iterable[PhraseMatch[T]]) -> list[PhraseMatch[T]]:
    """The non-overlapping matches among candidates: the longest wins, then the leftmost.

    Candidates at one span under several values are all kept (each value once).
    """
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), m.start))
    accepted: list[PhraseMatch[T]] = []
    taken: list[tuple[int, int]] = []
    for match in ordered:
        span = (match.start, match.end)
        if span in taken:
            # The same span under another value (an ambiguous name): keep each value once.
            if not any(m.value == match.value for m in accepted if (m.start, m.end) == span):
                accepted.append(match)
            continue
        if any(match.start < end and start < match.end for start, end in taken):
            continue
        taken.append(span)
        accepted.append(match)
    accepted.sort(key=lambda m: m.start)
    return accepted


_LATIN_RUN = re.compile(r"[A-Za-z]+")
_SEPARATORS = re.compile(r"[\s\-]+")


class PhraseIndex(Generic[T]):
    """:func:`find_phrases` over a fixed list of phrases, indexed once.

    Chinese phrases are looked up by the character they start with, Latin phrases by
    their first word, so a search costs time in proportion to the text, not to the
    number of phrases (the gazetteer has tens of thousands). ``candidates`` gives every
    match before overlaps are resolved, for callers that reject some first.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        self._plain: dict[str, list[T]] = {}
        self._lengths: dict[str, list[int]] = {}  # first character -> phrase lengths, longest first
        self._by_word: dict[str, list[tuple[str, T]]] = {}  # Latin phrases by their first word, lower case
        self._other: list[tuple[str, T]] = []  # Latin phrases that start with a digit or a Chinese character
        for phrase, value in phrases:
            if not phrase:
                continue
            if not has_latin(phrase):
                values = self._plain.setdefault(phrase, [])
                if value not in values:
                    values.append(value)
                lengths = self._lengths.setdefault(phrase[0], [])
                if len(phrase) not in lengths:
                    lengths.append(len(phrase))
                    lengths.sort(reverse=True)
            elif phrase[0].isascii() and phrase[0].isalpha():
                self._by_word.setdefault(_LATIN_RUN.match(phrase).group(0).lower(), []).append((phrase, value))
            else:
                self._other.append((phrase, value))

    def __len__(self) -> int:
        return sum(map(len, self._plain.values())) + sum(map(len, self._by_word.values())) + len(self._other)

    def candidates(self, text: str) -> list[PhraseMatch[T]]:
        """Every occurrence of every phrase in ``text``, overlapping ones included."""
        folded = fold_width(text)
        found: list[PhraseMatch[T]] = []
        for start, char in enumerate(folded):
            for length in self._lengths.get(char, ()):
                piece = folded[start : start + length]
                for value in self._plain.get(piece, ()):
                    found.append(PhraseMatch(value, piece, start, start + length))
        if has_latin(folded):
            words = {word.lower() for word in _LATIN_RUN.findall(folded)}
            lowered = folded.lower() if len(folded.lower()) == len(folded) else folded
            spaced = _SEPARATORS.sub(" ", lowered)
            latin = [pair for word in words for pair in self._by_word.get(word, ())
                     if _SEPARATORS.sub(" ", pair[0].lower()) in spaced]  # a cheap test before the expression
            latin += [pair for pair in self._other if _probe(pair[0])[1] in lowered]
            for phrase, value in latin:
                for match in phrase_pattern(phrase).finditer(folded):
                    found.append(PhraseMatch(value, match.group(0), match.start(), match.end()))
        return found

    def find(self, text: str) -> list[PhraseMatch[T]]:
        """Like :func:`find_phrases` with this index's phrases."""
        return select_matches(self.candidates(text))
