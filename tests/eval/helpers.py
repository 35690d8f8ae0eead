"""What the eval tests share: the bundled reports' names, stand-ins for passages and citations, and a
question item of the sets' schema (eval/QUESTIONS.md)."""

from __future__ import annotations

from dataclasses import dataclass

GZ = "2024_赣州市_政府工作报告要点.txt"
PX = "2024_萍乡市_政府工作报告要点.txt"


@dataclass(frozen=True)
class P:
    """A passage as the metrics read it."""

    text: str
    source: str


@dataclass(frozen=True)
class C:
    """A citation as the metrics and the scoring read it."""

    quote: str
    source: str


def figure_item(**overrides) -> dict:
    """Ganzhou's 2024 GDP target as a figure question, with ``overrides``."""
    base = {
        "id": "gz-gdp-target-2024", "question": "赣州2024年GDP增长目标是多少？", "language": "zh", "category": "target",
        "expect": "figure", "answerable": True, "gold_answers": ["6%左右"], "gold_year": 2024, "gold_kind": "target",
        "gold_sources": [GZ], "evidence": ["GDP增长6%左右"], "corpus": "seeds", "tags": [],
    }
    return base | overrides
