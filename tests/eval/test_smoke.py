"""The smoke subset of the scoreboard, run by pytest: a regression in retrieval or answering fails CI.

The floors sit a little under what the pipeline scores today (see eval/RESULTS.md for the full
sets); raise them as the pipeline improves, never lower them to make a change pass.
"""

from __future__ import annotations

import pytest

from eval import metrics
from eval.baselines import build_systems
from eval.runner import EVAL_DIR, run_system

pytestmark = pytest.mark.slow

FLOORS = {
    "strict": 0.9,
    "lenient": 0.92,
    "hit@k": 0.85,
    "citation_accuracy": 0.85,
    "abstention_precision": 0.9,
    "abstention_recall": 0.9,
}


def value(summary: dict, metric: str):
    figure = summary[metric]
    return figure["value"] if isinstance(figure, dict) else figure


@pytest.fixture(scope="module")
def smoke_results(eval_index_dir):
    from assistant.api import Assistant

    bot = Assistant(index_dir=eval_index_dir)
    questions = metrics.load_questions(EVAL_DIR / "smoke.jsonl")
    systems = build_systems(bot, ["ours", "bm25"], bot.settings.top_k, eval_index_dir)
    return {name: metrics.aggregate(run_system(system, questions, "smoke")) for name, system in systems.items()}


@pytest.mark.parametrize("metric, floor", sorted(FLOORS.items()))
def test_smoke_set_stays_above_its_floor(smoke_results, metric, floor):
    overall = smoke_results["ours"]["overall"]
    assert value(overall, metric) is not None and value(overall, metric) >= floor, f"{metric} fell to {value(overall, metric)}"


def test_our_pipeline_beats_the_keyword_baseline_on_retrieval_and_answers(smoke_results):
    ours, baseline = smoke_results["ours"]["overall"], smoke_results["bm25"]["overall"]
    assert value(ours, "hit@k") >= value(baseline, "hit@k") + 0.05
    assert value(ours, "strict") >= value(baseline, "strict") + 0.05


def test_english_questions_are_not_far_behind_chinese_ones(smoke_results):
    by_language = smoke_results["ours"]["by_language"]
    assert value(by_language["en"], "lenient") >= value(by_language["zh"], "lenient") - 0.1
