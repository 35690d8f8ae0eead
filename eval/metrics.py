"""Question sets, per-question outcomes, and the figures summed up from them (with bootstrap intervals).

A question is a dict of a set file in schema v2 (eval/QUESTIONS.md); :func:`load_questions` checks
each against the schema (``eval.check_sets.schema_problems``; ``python -m eval.check_sets`` also checks the
evidence against the report files). Whether an answer is right is decided in :mod:`eval.scoring`; here an answer
becomes an :class:`Outcome` and outcomes become rates.

Retrieval is measured on questions with evidence: the rank of the first passage, among those the
system handed its reader, that comes from a gold source and holds an evidence phrase (whitespace
ignored). Each system is scored at its own ``k`` (hit@k), and at 5 when it hands over at least 5.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from eval import scoring
from eval.check_sets import schema_problems

log = logging.getLogger(__name__)

RESAMPLES = 1000
SEED = 20240
COMMON_K = 5


class QuestionSetError(ValueError):
    """A question file or item does not follow the schema; the message names the line and field."""


class _HasText(Protocol):
    text: str

    @property
    def source(self) -> str: ...


# ---------------------------------------------------------------------------
# Loading


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON-lines set file, checking each item's schema and the uniqueness of ids."""
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
            problems = schema_problems(item)
            if problems:
                raise QuestionSetError(f"{where} ({item.get('id', '?')}): {'; '.join(problems)}")
            if item["id"] in seen:
                raise QuestionSetError(f"{where}: duplicate id {item['id']!r}")
            seen.add(item["id"])
            items.append(item)
    log.debug("loaded %d questions from %s", len(items), path)
    return items


# ---------------------------------------------------------------------------
# One question


def has_evidence(item: dict[str, Any], text: str) -> bool:
    squashed = scoring.squash(text)
    return any(scoring.squash(evidence) in squashed for evidence in item["evidence"])


def retrieval_rank(item: dict[str, Any], passages: Sequence[_HasText]) -> int | None:
    """1-based rank of the first passage from a gold source that holds an evidence phrase; None if none does."""
    if not (item["evidence"] and item["gold_sources"]):
        return None
    sources = set(item["gold_sources"])
    for rank, passage in enumerate(passages, start=1):
        if passage.source in sources and has_evidence(item, passage.text):
            return rank
    return None


def citation_correct(item: dict[str, Any], citations: Iterable[scoring.Quoting]) -> bool:
    """Every gold source has a citation from it quoting an evidence phrase (one per report for a comparison)."""
    supported = {c.source for c in citations if has_evidence(item, c.quote)}
    return bool(item["gold_sources"]) and set(item["gold_sources"]) <= supported


@dataclass(frozen=True)
class Outcome:
    """One system's result on one question; the runner writes one JSON line per outcome."""

    id: str
    set: str  # the set file's name without .jsonl, e.g. "dev", "test_kinds"
    system: str
    category: str
    expect: str
    language: str
    corpus: str
    answerable: bool
    abstained: bool
    strict: bool
    lenient: bool
    strict_reason: str  # why strict failed ("" when right)
    k: int  # passages the system hands its reader
    rank: int | None  # see retrieval_rank; None if not found
    retrieval_scored: bool  # the question has evidence and gold sources
    citation_ok: bool
    writes_own_text: bool  # the reader wrote the text (faithfulness is measured), not copied it
    figures_total: int
    figures_supported: int
    asked_with: str  # what the system was given besides the question: "", "filters", "history", ...
    latency_ms: float
    reader: str = ""
    answer_text: str = ""
    # With an LLM reader (eval/drafts.py): what it did with the model's answers to this question.
    model_answers: int = 0  # answers the model sent that were verified (first tries and retries)
    model_rejected: int = 0  # of those, rejected by the product's verification
    model_made_wrong: int | None = None  # of those, made unfaithful on purpose (the scripted model says; None: a real model)
    fell_back: bool = False  # the LLM reader gave up (verification failed twice, endpoint down): the extractive reader answered

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Outcome":
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise ValueError(f"unknown Outcome field(s): {', '.join(unknown)}")
        return cls(**data)


def outcome(
    item: dict[str, Any],
    set_name: str,
    system: str,
    reply: scoring.Reply,
    passages: Sequence[_HasText],
    *,
    k: int,
    writes_own_text: bool = False,
    support_texts: Sequence[str] = (),
    asked_with: str = "",
    latency_ms: float = 0.0,
    reader: str = "",
    model_answers: int = 0,
    model_rejected: int = 0,
    model_made_wrong: int | None = None,
    fell_back: bool = False,
) -> Outcome:
    """Score one answer. ``support_texts``: what the answer's figures must be found in for faithfulness
    (the passages it cites, or those it was given when it cites none)."""
    strict, lenient = scoring.score(item, reply)
    total, supported = (0, 0)
    if writes_own_text and not reply.abstained:
        total, supported = scoring.figure_support(reply.text, support_texts)
    scored = bool(item["evidence"] and item["gold_sources"])
    return Outcome(
        id=item["id"],
        set=set_name,
        system=system,
        category=item["category"],
        expect=item["expect"],
        language=item["language"],
        corpus=item["corpus"],
        answerable=item["answerable"],
        abstained=reply.abstained,
        strict=strict.ok,
        lenient=lenient.ok,
        strict_reason=strict.reason,
        k=k,
        rank=retrieval_rank(item, passages),
        retrieval_scored=scored,
        citation_ok=scored and not reply.abstained and citation_correct(item, reply.citations),
        writes_own_text=writes_own_text,
        figures_total=total,
        figures_supported=supported,
        asked_with=asked_with,
        latency_ms=latency_ms,
        reader=reader,
        answer_text=reply.text,
        model_answers=model_answers,
        model_rejected=model_rejected,
        model_made_wrong=model_made_wrong,
        fell_back=fell_back,
    )


# ---------------------------------------------------------------------------
# Intervals


def bootstrap_interval(
    values: Sequence[float], resamples: int = RESAMPLES, seed: int = SEED, level: float = 0.95
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of the mean of ``values`` (resampling questions); None for no values."""
    if not len(values):
        return None
    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, len(data), size=(resamples, len(data)))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def bootstrap_difference(
    first: Sequence[float], second: Sequence[float], resamples: int = RESAMPLES, seed: int = SEED, level: float = 0.95
) -> tuple[float, float] | None:
    """Interval of mean(second) - mean(first), the two sets resampled independently."""
    if not len(first) or not len(second):
        return None
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    rng = np.random.default_rng(seed)
    diffs = (
        b[rng.integers(0, len(b), size=(resamples, len(b)))].mean(axis=1)
        - a[rng.integers(0, len(a), size=(resamples, len(a)))].mean(axis=1)
    )
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(diffs, [tail, 100 - tail])
    return float(low), float(high)


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


def _rate(values: Sequence[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def abstention_precision_recall(outcomes: Sequence[Outcome]) -> tuple[float | None, float | None]:
    """Precision and recall of abstaining, the positive class being questions that expect an abstention."""
    true_positive = sum(1 for o in outcomes if o.abstained and o.expect == "abstain")
    abstained = sum(1 for o in outcomes if o.abstained)
    expected = sum(1 for o in outcomes if o.expect == "abstain")
    return (true_positive / abstained if abstained else None), (true_positive / expected if expected else None)


def _with_interval(values: Sequence[bool]) -> dict[str, Any]:
    return {"value": _rate(values), "interval": bootstrap_interval([float(v) for v in values]), "n": len(values)}


def summarize(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The figures of one group of outcomes of one system. Rates with intervals are dicts
    ``{"value", "interval", "n"}``; the rest are plain numbers (None when undefined)."""
    retrieval = [o for o in outcomes if o.retrieval_scored]
    k = max((o.k for o in outcomes), default=0)
    precision, recall = abstention_precision_recall(outcomes)
    own = [o for o in outcomes if o.writes_own_text]
    summary: dict[str, Any] = {
        "n": len(outcomes),
        "k": k,
        "strict": _with_interval([o.strict for o in outcomes]),
        "lenient": _with_interval([o.lenient for o in outcomes]),
        "hit@k": _with_interval([o.rank is not None and o.rank <= o.k for o in retrieval]),
        "hit@5": _with_interval([o.rank is not None and o.rank <= COMMON_K for o in retrieval]) if k >= COMMON_K else None,
        "mrr": (sum(1 / o.rank for o in retrieval if o.rank) / len(retrieval)) if retrieval else None,
        "citation_accuracy": _rate([o.citation_ok for o in retrieval]),
        "abstention_precision": precision,
        "abstention_recall": recall,
        "own_text_answers": len(own),
        "faithfulness": (
            sum(o.figures_supported for o in own) / sum(o.figures_total for o in own)
            if sum(o.figures_total for o in own) else None
        ),
        "model_answers": sum(o.model_answers for o in outcomes),
        "model_rejected": sum(o.model_rejected for o in outcomes),
        "model_made_wrong": (
            sum(o.model_made_wrong or 0 for o in outcomes)
            if any(o.model_made_wrong is not None for o in outcomes) else None
        ),
        "fell_back": sum(1 for o in outcomes if o.fell_back),
        "latency_p50_ms": percentile([o.latency_ms for o in outcomes], 50),
        "latency_p95_ms": percentile([o.latency_ms for o in outcomes], 95),
    }
    return summary


GROUPS: dict[str, Callable[[Outcome], str]] = {
    "set": lambda o: o.set,
    "category": lambda o: o.category,
    "expect": lambda o: o.expect,
    "language": lambda o: o.language,
    "corpus": lambda o: o.corpus,
}


def group_by(outcomes: Sequence[Outcome], key: Callable[[Outcome], str]) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(key(o), []).append(o)
    return dict(sorted(groups.items()))


def aggregate(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Figures overall and by set, category, expect, language and corpus, for one system on one side."""
    result: dict[str, Any] = {"overall": summarize(outcomes)}
    for name, key in GROUPS.items():
        result[f"by_{name}"] = {value: summarize(group) for value, group in group_by(outcomes, key).items()}
    return result


def strict_gap(dev: Sequence[Outcome], test: Sequence[Outcome], attribute: str = "strict") -> dict[str, Any] | None:
    """test minus dev for ``attribute`` (strict or lenient), with the interval of the difference."""
    a = [float(getattr(o, attribute)) for o in dev]
    b = [float(getattr(o, attribute)) for o in test]
    if not a or not b:
        return None
    return {"value": sum(b) / len(b) - sum(a) / len(a), "interval": bootstrap_difference(a, b)}


_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def file_name(text: str) -> str:
    return _SAFE.sub("-", text).strip("-") or "unnamed"
