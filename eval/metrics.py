"""Scoring one answer against one question, and summing the scores up.

Everything here is a pure function over plain data: a question is a dict read from
``eval/questions.jsonl`` (see :func:`load_questions`), passages are objects with
``.text`` and ``.source``, citations are objects with ``.quote`` and ``.source``.

Matching is number-aware (``assistant.knowledge.figures``) and whitespace-insensitive: report
files converted from PDFs carry line breaks and tabs inside phrases, so every
comparison of evidence with passage or quote text first removes all whitespace.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Protocol

from assistant.knowledge.figures import contains_figure, extract_figures, figures_equal, parse_figure

log = logging.getLogger(__name__)

CATEGORIES = (
    "target",
    "actual",
    "count_amount",
    "rate_change",
    "range",
    "synonym",
    "english",
    "comparison",
    "unanswerable",
    "year_disambiguation",
)
LANGUAGES = ("zh", "en")
CORPORA = ("seeds", "national")
HIT_KS = (1, 5)

_FIELDS: dict[str, type] = {
    "id": str,
    "question": str,
    "language": str,
    "category": str,
    "gold_answers": list,
    "gold_sources": list,
    "evidence": list,
    "answerable": bool,
    "corpus": str,
}


class QuestionSetError(ValueError):
    """A question file or item does not follow the schema; the message names the line and field."""


class _HasText(Protocol):
    text: str

    @property
    def source(self) -> str: ...


class _HasQuote(Protocol):
    quote: str
    source: str


# ---------------------------------------------------------------------------
# Loading


def validate_question(item: dict[str, Any]) -> None:
    """Raise :class:`QuestionSetError` if ``item`` does not follow the question schema."""
    for name, kind in _FIELDS.items():
        if name not in item:
            raise QuestionSetError(f"missing field {name!r}")
        if not isinstance(item[name], kind):
            raise QuestionSetError(f"field {name!r} must be {kind.__name__}, got {type(item[name]).__name__}")
    for name in ("gold_answers", "gold_sources", "evidence"):
        if not all(isinstance(value, str) and value.strip() for value in item[name]):
            raise QuestionSetError(f"field {name!r} must hold non-empty strings")
    if not isinstance(item.get("tags", []), list):
        raise QuestionSetError("field 'tags' must be a list")
    for name, allowed in (("language", LANGUAGES), ("category", CATEGORIES), ("corpus", CORPORA)):
        if item[name] not in allowed:
            raise QuestionSetError(f"{name} {item[name]!r} is not one of: {', '.join(allowed)}")
    if not item["id"].strip() or not item["question"].strip():
        raise QuestionSetError("id and question must not be empty")
    if item["answerable"]:
        for name in ("gold_answers", "gold_sources", "evidence"):
            if not item[name]:
                raise QuestionSetError(f"an answerable question needs at least one entry in {name!r}")
        for answer in item["gold_answers"]:
            try:
                parse_figure(answer)
            except ValueError as error:
                raise QuestionSetError(f"gold answer {answer!r}: {error}") from error
    else:
        if item["gold_answers"] or item["gold_sources"] or item["evidence"]:
            raise QuestionSetError("an unanswerable question has empty gold_answers, gold_sources and evidence")
        if item["category"] != "unanswerable":
            raise QuestionSetError("an unanswerable question has category 'unanswerable'")


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON-lines question file, validating each item and the uniqueness of ids."""
    path = Path(path)
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise QuestionSetError(f"{where}: not valid JSON: {error}") from error
            if not isinstance(item, dict):
                raise QuestionSetError(f"{where}: each line must be a JSON object")
            try:
                validate_question(item)
            except QuestionSetError as error:
                raise QuestionSetError(f"{where} ({item.get('id', '?')}): {error}") from error
            if item["id"] in seen:
                raise QuestionSetError(f"{where}: duplicate id {item['id']!r}")
            seen.add(item["id"])
            items.append(item)
    log.debug("loaded %d questions from %s", len(items), path)
    return items


# ---------------------------------------------------------------------------
# Per-question scores


def squash(text: str) -> str:
    """``text`` without any whitespace, for comparing phrases broken across lines."""
    return re.sub(r"\s", "", text)


def _has_evidence(item: dict[str, Any], text: str) -> bool:
    squashed = squash(text)
    return any(squash(evidence) in squashed for evidence in item["evidence"])


def answer_correct(item: dict[str, Any], answer_text: str, abstained: bool) -> bool:
    """Number-aware correctness.

    Unanswerable questions are correct exactly when the system abstained. Otherwise
    the system must not abstain and every gold value must appear among the answer's
    figures (same unit family and scaled value, both ends of a range; qualifiers are
    not compared). Extra figures in the answer are not penalised.
    """
    if not item["answerable"]:
        return abstained
    if abstained:
        return False
    figures = extract_figures(answer_text)
    return all(
        any(figures_equal(found, gold) for found in figures)
        for gold in (parse_figure(answer) for answer in item["gold_answers"])
    )


def retrieval_rank(item: dict[str, Any], passages: Sequence[_HasText]) -> int | None:
    """1-based rank of the first passage from a gold source that holds an evidence string."""
    if not item["answerable"]:
        return None
    sources = set(item["gold_sources"])
    for rank, passage in enumerate(passages, start=1):
        if passage.source in sources and _has_evidence(item, passage.text):
            return rank
    return None


def citation_correct(item: dict[str, Any], citations: Iterable[_HasQuote]) -> bool:
    """Whether, for every gold source, some citation from that file quotes an evidence string.

    For a single-source question that is: a cited quote contains an evidence string and
    comes from the gold file. A comparison needs a supporting quote from each report.
    Unanswerable questions have no correct citation (False).
    """
    if not item["answerable"]:
        return False
    supported = {citation.source for citation in citations if _has_evidence(item, citation.quote)}
    return set(item["gold_sources"]) <= supported


def figure_support(answer_text: str, citations: Iterable[_HasQuote]) -> tuple[int, int]:
    """(figures in the answer, figures found in some cited quote) for numeric faithfulness."""
    quotes = [citation.quote for citation in citations]
    figures = extract_figures(answer_text)
    supported = sum(1 for figure in figures if any(contains_figure(quote, figure) for quote in quotes))
    return len(figures), supported


@dataclass(frozen=True)
class Outcome:
    """One system's result on one question; the runner writes one JSON line per outcome."""

    id: str
    category: str
    language: str
    answerable: bool
    abstained: bool
    correct: bool
    rank: int | None  # retrieval rank of the first gold passage; None if not found or unanswerable
    citation_ok: bool
    figures_total: int
    figures_supported: int
    latency_ms: float
    answer_text: str = ""
    system: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Outcome":
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown Outcome field(s): {', '.join(unknown)}")
        return cls(**data)


def score(
    item: dict[str, Any],
    answer_text: str,
    abstained: bool,
    passages: Sequence[_HasText] = (),
    citations: Sequence[_HasQuote] = (),
    latency_ms: float = 0.0,
    system: str = "",
) -> Outcome:
    """All per-question measures at once."""
    total, supported = (0, 0) if abstained else figure_support(answer_text, citations)
    return Outcome(
        id=item["id"],
        category=item["category"],
        language=item["language"],
        answerable=item["answerable"],
        abstained=abstained,
        correct=answer_correct(item, answer_text, abstained),
        rank=retrieval_rank(item, passages),
        citation_ok=citation_correct(item, citations) and not abstained,
        figures_total=total,
        figures_supported=supported,
        latency_ms=latency_ms,
        answer_text=answer_text,
        system=system,
    )


# ---------------------------------------------------------------------------
# Aggregates


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def abstention_precision_recall(outcomes: Sequence[Outcome]) -> tuple[float | None, float | None]:
    """Precision and recall of abstaining, the positive class being 'the system abstained'.

    Precision: of the abstentions, the share on unanswerable questions.
    Recall: of the unanswerable questions, the share the system abstained on.
    """
    true_positive = sum(1 for o in outcomes if o.abstained and not o.answerable)
    abstained = sum(1 for o in outcomes if o.abstained)
    unanswerable = sum(1 for o in outcomes if not o.answerable)
    return _ratio(true_positive, abstained), _ratio(true_positive, unanswerable)


def summarize(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The measures for one group of outcomes. Retrieval and citation measures count answerable items only."""
    answerable = [o for o in outcomes if o.answerable]
    precision, recall = abstention_precision_recall(outcomes)
    latencies = [o.latency_ms for o in outcomes]
    summary: dict[str, Any] = {"n": len(outcomes), "answerable": len(answerable)}
    for k in HIT_KS:
        hits = sum(1 for o in answerable if o.rank is not None and o.rank <= k)
        summary[f"hit@{k}"] = _ratio(hits, len(answerable))
    reciprocal = sum(1 / o.rank for o in answerable if o.rank)
    summary["mrr"] = reciprocal / len(answerable) if answerable else None
    summary["accuracy"] = _ratio(sum(1 for o in outcomes if o.correct), len(outcomes))
    summary["citation_accuracy"] = _ratio(sum(1 for o in answerable if o.citation_ok), len(answerable))
    summary["abstention_precision"] = precision
    summary["abstention_recall"] = recall
    summary["faithfulness"] = _ratio(
        sum(o.figures_supported for o in outcomes), sum(o.figures_total for o in outcomes)
    )
    summary["latency_p50_ms"] = percentile(latencies, 50)
    summary["latency_p95_ms"] = percentile(latencies, 95)
    return summary


def aggregate(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Measures overall, per category and per language, for one system's outcomes."""
    by_category: dict[str, list[Outcome]] = {}
    by_language: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_category.setdefault(outcome.category, []).append(outcome)
        by_language.setdefault(outcome.language, []).append(outcome)
    return {
        "overall": summarize(outcomes),
        "by_category": {name: summarize(group) for name, group in sorted(by_category.items())},
        "by_language": {name: summarize(group) for name, group in sorted(by_language.items())},
    }
