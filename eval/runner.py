"""The scoreboard: run every question through our pipeline and the baselines, side by side.

    python -m eval                         # full set, all systems, writes eval/RESULTS.md and eval/results/
    python -m eval --questions eval/smoke.jsonl --systems ours --no-write

The eval index (bundled reports + the national reports in data/national) lives in
``.index/eval`` and is built on first run; embeddings are cached, so later runs take seconds.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from dataclasses import replace
from pathlib import Path

from assistant.api import Assistant
from assistant.core.datatypes import Answer
from assistant.core.errors import AssistantError
from assistant.core.settings import PROJECT_ROOT, Settings
from eval import indicators_eval, metrics
from eval.baselines import build_systems
from eval.report import render_markdown, render_table

logger = logging.getLogger(__name__)

EVAL_DIR = PROJECT_ROOT / "eval"
CORPORA = [PROJECT_ROOT / "data" / "reports", PROJECT_ROOT / "data" / "national"]
SYSTEMS = ["ours", "dense", "bm25", "langchain"]


def evaluation_assistant(index_dir: Path, settings: Settings | None = None) -> Assistant:
    """The assistant over the eval corpus, indexing whatever is missing or changed."""
    bot = Assistant(index_dir=index_dir, settings=settings)
    corpora = [c for c in CORPORA if c.is_dir()]
    report = bot.ingest(corpora)
    logger.info("eval index: %s", report.summary())
    return bot


def run_system(system_name: str, system, questions: list[dict]) -> list[metrics.Outcome]:
    outcomes = []
    for item in questions:
        started = time.perf_counter()
        try:
            answer = system(item["question"])
        except AssistantError as error:
            logger.warning("%s: %s raised %s", system_name, item["id"], error)
            answer = Answer(question=item["question"], text=f"error: {error}", abstained=True)
        latency = (time.perf_counter() - started) * 1000
        outcomes.append(
            metrics.score(item, answer.text, answer.abstained, answer.passages, answer.citations, latency, system_name)
        )
    return outcomes


def indicator_table_scores() -> dict:
    """Precision and recall of the indicator table extracted from the bundled reports, against
    the hand-labelled eval/indicators_gold.csv."""
    gold = indicators_eval.load_gold()
    rows = indicators_eval.extract_all(indicators_eval.seed_documents())
    scores = indicators_eval.evaluate(rows, gold)
    return {
        "precision": scores["precision"],
        "recall": scores["recall"],
        "extracted": len(rows),
        "gold": len(gold),
        "missing": len(scores["missing"]),
        "spurious": len(scores["spurious"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description="Run the evaluation suite.")
    parser.add_argument("--questions", type=Path, default=EVAL_DIR / "questions.jsonl")
    parser.add_argument("--index-dir", type=Path, default=PROJECT_ROOT / ".index" / "eval")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated: {', '.join(SYSTEMS)}")
    parser.add_argument("--k", type=int, default=None, help="passages handed to the reader (default: settings.top_k)")
    parser.add_argument("--json", type=Path, help="also write the aggregate figures as JSON here")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite eval/RESULTS.md and eval/results/")
    parser.add_argument("--llm", action="store_true", help="use the LLM reader for 'ours' (needs OPENAI_* settings)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    settings = Settings.load()
    if not args.llm:
        settings = replace(settings, llm_base_url="", llm_model="")
    elif not settings.llm_enabled:
        parser.error("--llm needs OPENAI_BASE_URL and OPENAI_MODEL (or their TOML keys)")
    if args.k:
        settings = replace(settings, top_k=args.k)
    questions = metrics.load_questions(args.questions)
    bot = evaluation_assistant(args.index_dir, settings)
    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    systems = build_systems(bot, names, settings.top_k, args.index_dir)

    results: dict[str, dict] = {}
    all_outcomes: dict[str, list[metrics.Outcome]] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        outcomes = run_system(name, system, questions)
        all_outcomes[name] = outcomes
        results[name] = metrics.aggregate(outcomes)
        logger.warning("%s: %d questions in %.1fs", name, len(outcomes), time.perf_counter() - started)

    reader_name = settings.llm_model if args.llm else "extractive"
    table = indicator_table_scores()
    print(render_table(results))
    print(f"indicator table: precision {table['precision']:.3f}, recall {table['recall']:.3f} "
          f"({table['extracted']} rows extracted, {table['gold']} gold)")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.no_write:
        out_dir = EVAL_DIR / "results"
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, outcomes in all_outcomes.items():
            with (out_dir / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
                for outcome in outcomes:
                    handle.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
        (out_dir / "summary.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
        markdown = render_markdown(results, all_outcomes, args.questions.name, reader_name, table)
        (EVAL_DIR / "RESULTS.md").write_text(markdown, encoding="utf-8")
    return 0
