"""English -> Chinese glossary: Chinese search terms for English questions about report details.

The keyword search and the extractive reader only know the reports' Chinese. For a question
about something that is not a headline indicator ("How many 5G base stations will Ganzhou
build?") the parser needs the Chinese words the report uses (5G基站, 基站, 建设);
``english_terms`` finds them with the table in ``data/glossary.tsv`` (:func:`glossary`).

English matching works on words, case-insensitively:

* possessives and apostrophes are dropped ("residents'" -> "residents");
* hyphens separate words ("start-up" = "start up"; "startup" is mapped to it as well);
* plurals are folded to the singular on both sides ("stations" = "station",
  "communities" = "community", "taxes" = "tax"), and British spellings to American
  ("neighbourhood" = "neighborhood", "organisation" = "organization", "centre" = "center");
* the longest phrase wins, then the leftmost, and matches never overlap, so
  "5G base stations" is 5G基站 and 基站, not also 5G.

``chinese_phrases`` finds the glossary's Chinese terms in Chinese text (longest first), each
with the shorter glossary terms inside it (高标准农田 -> 农田), so a Chinese question and its
English translation ask for the same terms.

Tables are built on first use.
"""

from __future__ import annotations

import re

from assistant.core.errors import ConfigError
from assistant.knowledge.tables import cached, tsv_rows
from assistant.knowledge.textmatch import find_phrases, fold_width

_FILE = "glossary.tsv"

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s\b")

# Words whose singular the suffix rules get wrong, and words spelled differently in British English
# (after the plural is folded). A value may be two words: "startup" is "start up".
_IRREGULAR = {
    "people": "people", "children": "child", "women": "woman", "men": "man", "buses": "bus", "gas": "gas",
    "gases": "gas", "news": "news", "series": "series", "species": "species", "goods": "goods",
    "statistics": "statistics", "this": "this", "its": "its", "has": "has", "was": "was", "does": "does",
    "yes": "yes", "less": "less", "plus": "plus", "sales": "sales", "services": "services",
}
_SPELLING = {
    "labour": "labor", "neighbour": "neighbor", "neighbourhood": "neighborhood", "harbour": "harbor",
    "colour": "color", "favour": "favor", "behaviour": "behavior", "centre": "center", "metre": "meter",
    "kilometre": "kilometer", "litre": "liter", "fibre": "fiber", "theatre": "theater",
    "programme": "program", "sulphur": "sulfur", "tonne": "ton", "defence": "defense",
    "licence": "license", "ageing": "aging", "enrolment": "enrollment", "fulfil": "fulfill",
    "modelling": "modeling", "travelling": "traveling", "storey": "story", "startup": "start up",
    "ecommerce": "e commerce", "healthcare": "health care", "childcare": "child care",
    "km": "kilometer",
}
_BRITISH_SUFFIXES = (("isation", "ization"), ("ised", "ized"), ("ising", "izing"), ("ise", "ize"))


def singular(word: str) -> str:
    """The singular of a lower-case English word by suffix rules ("stations" -> "station")."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def american(word: str) -> str:
    """The American spelling of a lower-case word ("neighbour" -> "neighbor"); may be two words."""
    if word in _SPELLING:
        return _SPELLING[word]
    for british, us in _BRITISH_SUFFIXES:
        if len(word) > len(british) + 2 and word.endswith(british):
            return word[: -len(british)] + us
    return word


def normalize_words(text: str) -> tuple[str, ...]:
    """The words of English text, lower-cased, singular and in American spelling."""
    lowered = _POSSESSIVE.sub("", fold_width(text).lower()).replace("'", "")
    words: list[str] = []
    for word in _WORD.findall(lowered):
        words.extend(american(singular(word)).split())
    return tuple(words)


def _split_terms(chinese: str) -> tuple[str, ...]:
    return tuple(term for term in chinese.split() if term)


@cached
def glossary() -> tuple[tuple[str, str], ...]:
    """``(English phrase, Chinese terms separated by spaces)`` for every row of ``data/glossary.tsv``.

    The first Chinese term is the report's usual wording; the others are shorter terms that a
    clause stating the figure also contains, mostly the head of the first (高标准农田 -> 农田).
    English phrases are written once, in the singular or the plural and in either spelling.
    """
    pairs = []
    for row in tsv_rows(_FILE):
        if tuple(row) != ("english", "chinese") or not row["english"] or not row["chinese"]:
            raise ConfigError(f"{_FILE}: every row needs an English phrase and Chinese terms, got {row}")
        pairs.append((row["english"], row["chinese"]))
    return tuple(pairs)


@cached
def _english_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Normalized English phrase -> Chinese terms; phrases that fold together share their terms."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for english, chinese in glossary():
        key = normalize_words(english)
        if key:
            table[key] = tuple(dict.fromkeys(table.get(key, ()) + _split_terms(chinese)))
    return table


@cached
def _longest_phrase() -> int:
    return max(len(key) for key in _english_table())


def english_matches(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Glossary phrases in English text as ``(first word, end word, Chinese terms)``, in text order.

    Positions count normalized words. Longest phrase first, then leftmost; no overlaps.
    """
    words = normalize_words(text)
    table = _english_table()
    found: list[tuple[int, int, tuple[str, ...]]] = []
    for size in range(min(_longest_phrase(), len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            end = start + size
            terms = table.get(words[start:end])
            if terms is None or any(start < e and s < end for s, e, _ in found):
                continue
            found.append((start, end, terms))
    return sorted(found)


def english_phrase_spans(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Glossary phrases in English text as ``(start, end, Chinese terms)`` in characters of ``text``."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []  # the characters of each normalized word
    for match in _WORD.finditer(lowered):
        spans.extend([(match.start(), match.end())] * len(normalize_words(match.group())))
    if len(spans) != len(normalize_words(text)):  # a possessive folded away: positions would shift
        return []
    return [(spans[first][0], spans[end - 1][1], terms) for first, end, terms in english_matches(text)]


def english_terms(text: str) -> tuple[str, ...]:
    """The Chinese terms for the glossary phrases of English text, in text order, each once.

    "How many 5G base stations will X build?" -> ("5G基站", "基站", "建设").
    """
    return tuple(dict.fromkeys(term for _, _, terms in english_matches(text) for term in terms))


@cached
def chinese_vocabulary() -> tuple[str, ...]:
    """Every Chinese term of the glossary of two or more characters, longest first."""
    terms = {term for _, chinese in glossary() for term in _split_terms(chinese) if len(term) >= 2}
    return tuple(sorted(terms, key=lambda term: (-len(term), term)))


@cached
def inner_terms(term: str) -> tuple[str, ...]:
    """The glossary terms inside a term, in reading order, longest first at one place: 高标准农田 -> (农田,)."""
    lowered = term.lower()
    inside = [(lowered.find(other.lower()), -len(other), other) for other in chinese_vocabulary()
              if other != term and other.lower() in lowered]
    return tuple(other for _, _, other in sorted(inside))


def chinese_phrases(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Glossary terms in Chinese text as ``(start, end, (term, *inner terms))``, in text order.

    The longest term wins, then the leftmost; matches never overlap. ASCII letters match in
    either case (5g基站 = 5G基站); the terms are given as the glossary writes them.
    """
    pairs = [(term, term) for term in chinese_vocabulary()]
    return [(m.start, m.end, (m.value, *inner_terms(m.value))) for m in find_phrases(text, pairs)]


__all__ = ["chinese_phrases", "chinese_vocabulary", "english_matches", "english_terms", "glossary", "inner_terms",
           "normalize_words", "singular"]
