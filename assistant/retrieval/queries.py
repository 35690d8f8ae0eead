"""What each retriever searches for: the question as asked, or the terms its parse found."""

from __future__ import annotations

from assistant.core.datatypes import ParsedQuestion
from assistant.knowledge.cues import search_words
from assistant.knowledge.lexicon import search_terms
from assistant.knowledge.topics import field_words, synonyms

SYNONYMS_FROM_CHARS = 3  # topic terms this long add their synonyms to the keyword search


def semantic_query(parsed: ParsedQuestion) -> str:
    """What the dense retriever embeds: the question, or for English questions and follow-ups ("浙江呢？",
    whose words say only what changes) the Chinese terms of what is asked."""
    if parsed.language != "en" and not parsed.inherited:
        return parsed.text
    return " ".join(_chinese_terms(parsed)) or parsed.text


def term_query(parsed: ParsedQuestion, region_filtered: bool = False) -> str:
    """What the keyword retriever searches: the question's content terms and the lexicon's names.

    Once the search is filtered to a region, its name (in every passage of its reports) only adds
    noise, so it is left out.
    """
    terms = _chinese_terms(parsed, include_region=not region_filtered)
    if parsed.language != "en" and not region_filtered:
        terms.insert(0, parsed.text)
    return " ".join(terms)


def asked_query(parsed: ParsedQuestion) -> str:
    """What is searched inside a document the question names (``asked_of_document_retriever``): the
    question's keywords and the words that state the field it asks ("自何时起施行" -> 施行, 实施 …)."""
    words = [*parsed.keywords, *(word for name in parsed.asked_fields for word in field_words(name))]
    return " ".join(dict.fromkeys(words))


def indicator_query(parsed: ParsedQuestion) -> str:
    """Only the indicator names: ranks the passages that state the asked figure."""
    return " ".join(term for key in parsed.indicators for term in search_terms(key))


def _chinese_terms(parsed: ParsedQuestion, include_region: bool = True) -> list[str]:
    region_words = set()
    if parsed.region is not None:
        region_words = {parsed.region.name, parsed.region_mention}
    terms: list[str] = []
    if include_region and parsed.region is not None:
        terms.append(parsed.region.name)
    terms.extend(f"{y}年" for y in parsed.years)
    for key in parsed.indicators:
        terms.extend(search_terms(key)[:3])
    terms.extend(t for t in parsed.keywords if include_region or not _is_region_word(t, region_words))
    # a specific term's other names (扩大内需: 扩大国内需求); a short one's (住房: 住宅, 房屋) only add noise
    terms.extend(word for term in parsed.topic if len(term) >= SYNONYMS_FROM_CHARS for word in synonyms().get(term, ()))
    if parsed.kind is not None:
        terms.extend(search_words(parsed.kind))  # 预期目标 for a target, 完成情况 for an actual
    seen: set[str] = set()
    return [t for t in terms if not (t in seen or seen.add(t))]


def _is_region_word(term: str, region_words: set[str]) -> bool:
    return any(term and (term in word or word in term) for word in region_words if word)
