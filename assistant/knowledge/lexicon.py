"""The indicator lexicon: what reports and people call each economic indicator, in Chinese and English.

Each indicator has one canonical key (``"gdp"``), its canonical Chinese name, an
English display name, the Chinese names reports and questions use (``aliases``)
and lower-case English phrases (``en_aliases``). ``related`` lists Chinese terms
the search should also try but that do not name the indicator by themselves
(a joint sentence such as "城乡居民人均可支配收入分别增长5%和7%" holds both the
urban and the rural figure).

Decisions on scope variants (one key, several statistical scopes):

* ``fixed_asset_investment`` covers 固定资产投资, 全社会固定资产投资,
  城镇固定资产投资 and 500万元以上固定资产投资. Reports of different years and
  levels publish the headline investment figure under different scopes, and a
  question about "固定资产投资" wants whichever one the report has. Investment
  broken down by purpose (工业投资, 民间投资, 制造业投资, 基础设施投资) has its
  own keys, because those are different figures in the same report.
* ``retail_sales`` covers 社会消费品零售总额 and 限上消费品零售额 (the
  above-designated-size subset districts often report instead) for the same reason.
* ``household_income`` is the all-residents figure and the joint urban-and-rural
  phrasing; ``urban_income`` and ``rural_income`` are the separate figures.

Matching is longest-alias-first, so "城镇居民人均可支配收入" is urban income only,
"万元GDP能耗" is energy intensity, not GDP, and "工业固定资产投资" is industrial
investment, not fixed-asset investment in general.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from assistant.core.errors import ConfigError, UnknownIndicatorError
from assistant.knowledge.tables import cached, strings, toml_table, word_lists
from assistant.knowledge.textmatch import find_phrases

_FILE = "indicators.toml"


@dataclass(frozen=True)
class Indicator:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...]
    en_aliases: tuple[str, ...]
    related: tuple[str, ...] = ()
    question_aliases: tuple[str, ...] = ()  # what people call it in questions, never a report's name for it


_LISTS = ("aliases", "en_aliases", "related", "question_aliases")
_FIELDS = ("zh", "en", *_LISTS)


@cached
def indicators() -> tuple[Indicator, ...]:
    """Every indicator of ``data/indicators.toml`` (and the user's additions), in file order."""
    return tuple(_indicator(key, entry) for key, entry in toml_table(_FILE).items())


def _indicator(key: str, entry: object) -> Indicator:
    if not isinstance(entry, dict):
        raise ConfigError(f"{_FILE}: [{key}] must be a table with zh, en, aliases and en_aliases")
    unknown = sorted(set(entry) - set(_FIELDS))
    missing = [name for name in ("zh", "en") if not entry.get(name)]
    if unknown or missing:
        raise ConfigError(
            f"{_FILE}: [{key}] has unknown field(s) {', '.join(unknown) or '-'} and lacks {', '.join(missing) or '-'}; "
            f"the fields are {', '.join(_FIELDS)}"
        )
    for name in ("zh", "en"):
        if not isinstance(entry[name], str):
            raise ConfigError(f"{_FILE}: [{key}] {name} must be a string")
    names = {name: strings(entry.get(name, []), f"{_FILE}: [{key}] {name}", "names") for name in _LISTS}
    return Indicator(key, entry["zh"], entry["en"], *(names[name] for name in _LISTS))


@cached
def _by_key() -> dict[str, Indicator]:
    return {indicator.key: indicator for indicator in indicators()}


@cached
def _phrases() -> tuple[tuple[str, Indicator], ...]:
    pairs: list[tuple[str, Indicator]] = []
    for indicator in indicators():
        for phrase in (indicator.zh, *indicator.aliases, *indicator.en_aliases):
            pairs.append((phrase, indicator))
    return tuple(pairs)


@cached
def _asked_phrases() -> tuple[tuple[str, Indicator], ...]:
    return (*_phrases(), *((phrase, i) for i in indicators() for phrase in i.question_aliases))


def find_indicators(text: str) -> list[tuple[Indicator, int, int]]:
    """Indicators named in Chinese or English text, as ``(indicator, start, end)`` in text order.

    Matches do not overlap; the longest alias wins (see the module docstring).
    """
    return [(match.value, match.start, match.end) for match in find_phrases(text, _phrases())]


def find_asked_indicators(question: str) -> list[tuple[Indicator, int, int]]:
    """:func:`find_indicators` for a question, which may also use names reports do not ("规上工业"
    for 规模以上工业增加值; "失业率" for either unemployment rate). A name several indicators share
    gives a match for each, at the same span. A question alias counts only at the end of the question or
    before a word of ``question_alias_followers`` ("规上工业呢？", not "规上工业企业有多少家")."""
    return [
        (match.value, match.start, match.end) for match in find_phrases(question, _asked_phrases())
        if question[match.start : match.end] not in match.value.question_aliases
        or not question[match.end :] or question[match.end :].startswith(_scopes().question_alias_followers)
    ]


def get_indicator(key: str) -> Indicator:
    """The indicator with this canonical key; raises ``UnknownIndicatorError`` listing the valid keys."""
    try:
        return _by_key()[key]
    except KeyError:
        valid = ", ".join(sorted(_by_key()))
        raise UnknownIndicatorError(f"unknown indicator key {key!r}; valid keys: {valid}") from None


@cached
def _by_name() -> dict[str, Indicator]:
    """Every name a person may use for an indicator, case-folded: key, Chinese and English names, aliases."""
    names: dict[str, Indicator] = {}
    for indicator in indicators():
        for name in (indicator.key, indicator.zh, indicator.en, *indicator.aliases, *indicator.en_aliases):
            names.setdefault(name.casefold(), indicator)
    return names


def resolve_indicator(name: str) -> Indicator:
    """The indicator a person names: its key, its Chinese or English name or any alias, in any case
    ("gdp", "GDP", "地区生产总值", "生产总值", "Gross Domestic Product").

    Raises ``UnknownIndicatorError`` naming the closest known names (or every key when none is close).
    """
    wanted = " ".join(str(name or "").split()).casefold()
    found = _by_name().get(wanted)
    if found is not None:
        return found
    close = [n for n in _by_name() if wanted and (wanted in n or (len(n) > 1 and n in wanted))]
    close += difflib.get_close_matches(wanted, list(_by_name()), n=8, cutoff=0.5)
    suggestions = list(dict.fromkeys(f"{_by_name()[n].zh} ({_by_name()[n].key})" for n in close))[:6]
    if suggestions:
        hint = f"did you mean {', '.join(suggestions)}?"
    else:
        hint = f"known indicators: {', '.join(sorted(_by_key()))}"
    raise UnknownIndicatorError(f"unknown indicator {name!r}; {hint}")


def indicator_key(name: str) -> str:
    """The key of the indicator ``name`` names (see :func:`resolve_indicator`); a phrase that holds
    exactly one indicator's name ("地区生产总值增长") names it too."""
    try:
        return resolve_indicator(name).key
    except UnknownIndicatorError:
        found = {indicator.key for indicator, _, _ in find_indicators(name)}
        if len(found) == 1:
            return found.pop()
        raise


def search_terms(key: str) -> tuple[str, ...]:
    """The Chinese terms keyword search and the reader look for, longest (most specific) first.

    The canonical name, every alias (including acronyms reports write, such as
    GDP) and the related joint phrasings. Ties keep the table's order.
    """
    indicator = get_indicator(key)
    terms = dict.fromkeys((indicator.zh, *indicator.aliases, *indicator.related))
    return tuple(sorted(terms, key=len, reverse=True))


@dataclass(frozen=True)
class _Scopes:
    subset_words: tuple[str, ...]
    clause_subset_words: tuple[str, ...]
    named_group_ends: str
    question_alias_followers: tuple[str, ...]


@cached
def _scopes() -> _Scopes:
    return word_lists("indicator_scopes.toml", _Scopes)


def part_named_before(text: str, start: int) -> str:
    """The part of an indicator that the words just before ``text[start:]`` narrow it to, or "": 非公有制
    in "非公有制工业增加值", 四大赛道 in "“四大赛道”规模以上工业增加值"."""
    before = text[:start].removesuffix("的")
    if before.endswith(tuple(_scopes().named_group_ends)):
        return re.split(r"[“「『\"]", before[:-1])[-1]
    return next((word for word in _subset_words_longest_first() if before.endswith(word)), "")


@cached
def _subset_words_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_scopes().subset_words, key=len, reverse=True))


def part_in_clause(before: str) -> str:
    """A word anywhere in ``before`` (a clause up to an indicator) that makes the figure one of a part
    ("43个项目完成固定资产投资15亿元", "脱贫人口人均纯收入"), or ""."""
    return next((word for word in _scopes().clause_subset_words if word in before), "")


def same_part(named: str, asked: str) -> bool:
    """Whether a clause's part of an indicator (:func:`part_named_before`) is the part a question asks for:
    both the whole indicator, or the same part ("四大赛道" and "“四大赛道”")."""
    return named == asked or bool(named and asked and (named in asked or asked in named))


_SHARE_AFTER = re.compile(r"^(?:的)?(?:比重|比例|比率|贡献率|贡献|之比)")


def named_as_base(text: str, start: int, end: int) -> bool:
    """Whether the indicator named at ``text[start:end]`` is a denominator or a base of comparison:
    "占国内生产总值比重", "对经济增长的贡献率", "一般公共预算支出的比重"."""
    return text[max(0, start - 1) : start] in ("占", "对") or bool(_SHARE_AFTER.match(text[end:]))
