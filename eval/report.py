"""Rendering the scoreboard: a console table and eval/RESULTS.md, systems side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from eval.metrics import Outcome

METRICS = [
    ("accuracy", "answer accuracy"),
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("mrr", "MRR"),
    ("citation_accuracy", "citation correct"),
    ("abstention_precision", "abstention precision"),
    ("abstention_recall", "abstention recall"),
    ("faithfulness", "numeric faithfulness"),
    ("latency_p50_ms", "latency p50 (ms)"),
    ("latency_p95_ms", "latency p95 (ms)"),
]


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.0f}" if value >= 10 else f"{value:.3f}"
    return str(value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_table(results: Mapping[str, Mapping]) -> str:
    """Overall figures, one column per system."""
    systems = list(results)
    rows = [[label, *(_fmt(results[s]["overall"].get(key)) for s in systems)] for key, label in METRICS]
    n = next(iter(results.values()))["overall"]["n"] if results else 0
    return "\n".join([f"{n} questions", *_table(["metric", *systems], rows)])


def _group_table(results: Mapping[str, Mapping], group: str, key: str) -> list[str]:
    systems = list(results)
    names = sorted({name for s in systems for name in results[s][group]})
    rows = []
    for name in names:
        n = results[systems[0]][group].get(name, {}).get("n", 0)
        rows.append([f"{name} ({n})", *(_fmt(results[s][group].get(name, {}).get(key)) for s in systems)])
    return _table([group.replace("by_", ""), *systems], rows)


def _failures(outcomes: Sequence[Outcome], limit: int = 15) -> list[str]:
    wrong = [o for o in outcomes if not o.correct]
    lines = [f"{len(wrong)} of {len(outcomes)} answers are wrong."]
    for outcome in wrong[:limit]:
        text = " ".join(outcome.answer_text.split())[:140]
        lines.append(f"- `{outcome.id}` ({outcome.category}, {outcome.language}): {text}")
    if len(wrong) > limit:
        lines.append(f"- … and {len(wrong) - limit} more in `eval/results/ours.jsonl`")
    return lines


def render_markdown(
    results: Mapping[str, Mapping],
    outcomes: Mapping[str, Sequence[Outcome]],
    question_file: str,
    reader_name: str,
    indicator_table: Mapping | None = None,
) -> str:
    lines = [
        "# Evaluation results",
        "",
        f"Written by `python -m eval` (question set `{question_file}`, reader: {reader_name}). "
        "Systems: **ours** = question understanding + region/year steering + dense and keyword retrieval "
        "joined by reciprocal rank fusion; **dense** / **bm25** = one retriever on the raw question, no "
        "steering; **langchain** = the plain LangChain recipe (RecursiveCharacterTextSplitter defaults "
        "chunk_size=1000/overlap=200, Chroma, same embedder, top-4). All feed the same extractive reader.",
        "",
        "## Overall",
        "",
        render_table(results),
        "",
    ]
    for key, label in [("accuracy", "Answer accuracy"), ("hit@5", "hit@5"), ("citation_accuracy", "Citation correct")]:
        lines += [f"## {label} by category", "", *_group_table(results, "by_category", key), ""]
    for key, label in [("accuracy", "Answer accuracy"), ("hit@5", "hit@5")]:
        lines += [f"## {label} by language", "", *_group_table(results, "by_language", key), ""]
    if indicator_table:
        lines += [
            "## Indicator table",
            "",
            "Rows extracted from the five bundled reports against the hand-labelled "
            "`eval/indicators_gold.csv` (`python -m eval.indicators_eval` lists missing and spurious rows):",
            "",
            *_table(
                ["precision", "recall", "rows extracted", "gold rows", "missing", "spurious"],
                [[_fmt(indicator_table["precision"]), _fmt(indicator_table["recall"]),
                  *(str(indicator_table[k]) for k in ("extracted", "gold", "missing", "spurious"))]],
            ),
            "",
        ]
    if "ours" in outcomes:
        lines += ["## What ours gets wrong", "", *_failures(outcomes["ours"]), ""]
    return "\n".join(lines)
