"""The scoreboard: every question set through our pipeline and the baselines, dev and test side by side.

    python -m eval                                   # every set, every system; rewrites eval/RESULTS.md
    python -m eval --sets dev --systems ours         # the dev side only, our pipeline only
    python -m eval --sets test_kinds,dev_kinds       # single set files
    python -m eval --questions eval/smoke.jsonl --systems ours --no-write
    python -m eval --llm                             # the LLM reader and the recipe's own QA chain
    python -m eval --sets dev --llm-fake             # the LLM reader against a scripted loopback model:
                                                     # measures the verification, stored as ours+fake-parrot

Set files ``eval/sets/dev*.jsonl`` are asked against the dev index, ``eval/sets/test_*.jsonl`` against
the test index (see :mod:`eval.indexes`). Per-question outcomes go to ``eval/results/<set>/<system>.jsonl``;
RESULTS.md and ``eval/results/summary.json`` are rendered from every stored outcome of the sets in
eval/sets, so a run of one set refreshes its figures and keeps the others (``eval/results/runs.json``
says when and at which commit each was last run).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from assistant.api import Assistant
from assistant.core.settings import PROJECT_ROOT, EmbedderKind, Settings
from assistant.core.datatypes import Answer
from eval import fake_llm, indexes, indicators_eval, metadata_eval, metrics, scoring
from eval.drafts import DraftLog
from eval.baselines import NEEDS_LLM, RECIPE_SYSTEMS, SYSTEMS, System, build_systems, recipe_missing
from eval.report import render_console, render_markdown

logger = logging.getLogger(__name__)

EVAL_DIR = PROJECT_ROOT / "eval"
SETS_DIR = EVAL_DIR / "sets"
RESULTS_DIR = EVAL_DIR / "results"
CORPORA = [c for c in indexes.DEV.with_manifest]  # the dev index's folders (tests build it from these)
DEFAULT_SYSTEMS = [s for s in SYSTEMS if s not in NEEDS_LLM]
# readers whose figures are copied from what they cite (the ledger's target and result from their quotes;
# its margin is computed from them)
COPYING_READERS = ("extractive", "table", "ledger", "")
RECIPE_BUILD_LIMIT = 300  # chunks to embed inline; more (the test index: ~14k, hours) needs eval.indexes --recipe


@dataclass(frozen=True)
class QuestionSet:
    name: str  # file name without .jsonl
    path: Path
    side: str  # "dev" or "test"

    @property
    def index(self) -> indexes.IndexSpec:
        return indexes.TEST if self.side == "test" else indexes.DEV


def side_of(name: str) -> str:
    return "test" if name.startswith("test") else "dev"


def discover_sets(directory: Path = SETS_DIR) -> list[QuestionSet]:
    return [QuestionSet(p.stem, p, side_of(p.stem)) for p in sorted(directory.glob("*.jsonl"))]


def select_sets(available: Sequence[QuestionSet], selectors: str | None) -> list[QuestionSet]:
    """``dev`` / ``test``: every set of that side; any other word: the set of that name (or names
    starting with it, e.g. ``test_figures``). None or "all": every set."""
    if not selectors or selectors == "all":
        return list(available)
    chosen: list[QuestionSet] = []
    for word in (w.strip() for w in selectors.split(",") if w.strip()):
        if word in ("dev", "test"):
            matches = [s for s in available if s.side == word]
        else:
            matches = [s for s in available if s.name == word] or [s for s in available if s.name.startswith(word)]
        if not matches:
            raise SystemExit(f"no question set matches {word!r}; sets: {', '.join(s.name for s in available)}")
        chosen += [s for s in matches if s not in chosen]
    return chosen


def _asked_with(item: dict, system: System) -> tuple[list[str] | None, dict | None, str]:
    """What to pass the system for ``item``, and a note of it ("history", "filters", "history dropped", ...)."""
    notes = []
    history = item.get("history") or None
    filters = item.get("filters") or None
    if history:
        notes.append("history" if system.takes_history else "history dropped")
    if filters:
        notes.append("filters" if system.takes_filters else "filters dropped")
    return (history if system.takes_history else None), (filters if system.takes_filters else None), ", ".join(notes)


def support_texts(answer: Answer) -> list[str]:
    """What an answer's figures must be found in: the passages it cites, else (no citations) all it was given."""
    by_id = {p.id: p.text for p in answer.passages}
    if answer.citations:
        return [by_id.get(c.passage_id, c.quote) for c in answer.citations]
    return [p.text for p in answer.passages]


def run_system(
    system: System, questions: list[dict], set_name: str, model: fake_llm.FakeLLM | None = None
) -> list[metrics.Outcome]:
    """Ask every question and score the answers. With an LLM reader each outcome also says what the reader
    did with the model's answers (eval/drafts.py); ``model``, the scripted model, says which it made wrong."""
    outcomes = []
    with DraftLog() as drafts:
        for item in questions:
            history, filters, asked_with = _asked_with(item, system)
            drafts.take()
            sent_before = model.sent() if model else None
            started = time.perf_counter()
            try:
                answer = system.ask(item["question"], history, filters)
            except Exception as error:  # noqa: BLE001 - one failing question is scored as failed, the run goes on
                logger.warning("%s on %s: %s: %s", system.name, item["id"], type(error).__name__, error)
                answer = Answer(question=item["question"], text=f"error: {type(error).__name__}: {error}", abstained=True)
            latency = (time.perf_counter() - started) * 1000
            counts = drafts.take()
            made_wrong = (model.sent() - sent_before).made_wrong if model and sent_before else None
            writes_own_text = answer.reader not in COPYING_READERS and not answer.text.startswith("error:")
            reply = scoring.Reply(
                text=answer.text,
                abstained=answer.abstained,
                citations=answer.citations,
                clarification=bool(getattr(answer, "clarification", False)),
            )
            outcomes.append(
                metrics.outcome(
                    item, set_name, system.name, reply, answer.passages,
                    k=system.k, writes_own_text=writes_own_text, support_texts=support_texts(answer),
                    asked_with=asked_with, latency_ms=latency, reader=answer.reader,
                    model_answers=counts.answers, model_rejected=counts.rejected, model_made_wrong=made_wrong,
                    fell_back=counts.fell_back,
                )
            )
    return outcomes


# ---------------------------------------------------------------------------------------------
# Stored outcomes


def write_outcomes(outcomes: list[metrics.Outcome], set_name: str, system: str, results_dir: Path) -> None:
    folder = results_dir / set_name
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{metrics.file_name(system)}.jsonl").open("w", encoding="utf-8") as handle:
        for outcome in outcomes:
            handle.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")


def read_outcomes(results_dir: Path, set_names: Sequence[str]) -> dict[str, list[metrics.Outcome]]:
    """Every stored outcome of the named sets, by system."""
    by_system: dict[str, list[metrics.Outcome]] = {}
    for name in set_names:
        for path in sorted((results_dir / name).glob("*.jsonl")):
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        outcome = metrics.Outcome.from_dict(json.loads(line))
                        by_system.setdefault(outcome.system, []).append(outcome)
    return by_system


def _commit() -> str:
    try:
        head = subprocess.run(["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def record_first_scoring(results_dir: Path, outcomes: list[metrics.Outcome], reader: str) -> dict:
    """The figures of each test set and system the first time they were scored, kept in
    ``first_scoring.json`` and never overwritten: the "before" every later figure is compared with."""
    path = results_dir / "first_scoring.json"
    first = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = _commit()
    for (set_name, system), group in sorted(_by_set_and_system(outcomes).items()):
        if side_of(set_name) != "test" or system in first.get(set_name, {}):
            continue
        summary = metrics.summarize(group)
        first.setdefault(set_name, {})[system] = {
            "when": stamp, "commit": commit, "reader": reader, "n": summary["n"],
            "strict": summary["strict"], "lenient": summary["lenient"], "hit@k": summary["hit@k"],
            "strict_ids": sorted(o.id for o in group if o.strict),
        }
    path.write_text(json.dumps(first, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return first


def _by_set_and_system(outcomes: list[metrics.Outcome]) -> dict[tuple[str, str], list[metrics.Outcome]]:
    groups: dict[tuple[str, str], list[metrics.Outcome]] = {}
    for o in outcomes:
        groups.setdefault((o.set, o.system), []).append(o)
    return groups


def read_first_scoring(results_dir: Path) -> dict:
    path = results_dir / "first_scoring.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def record_runs(results_dir: Path, ran: dict[str, dict[str, int]], reader: str) -> dict:
    path = results_dir / "runs.json"
    runs = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    commit = _commit()
    for set_name, systems in ran.items():
        for system, count in systems.items():
            runs.setdefault(set_name, {})[system] = {"when": stamp, "commit": commit, "questions": count, "reader": reader}
    path.write_text(json.dumps(runs, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return runs


# ---------------------------------------------------------------------------------------------


def indicator_table_scores() -> dict:
    """Precision and recall of the indicator table: in-sample (the five bundled reports the rules were
    written against) and on the unseen reports of eval/gold/indicators_unseen.csv."""
    return indicators_eval.both_scores()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description="Run the evaluation suite.")
    parser.add_argument("--sets", default=None, help="comma-separated: dev, test, or set names (default: all)")
    parser.add_argument("--questions", type=Path, help="one question file instead of eval/sets (test_* names use the test index)")
    parser.add_argument("--systems", default=None, help=f"comma-separated, from: {', '.join(SYSTEMS)}")
    parser.add_argument("--index-dir", type=Path, help="use this index directory for every set (default: .index/eval, .index/eval-test)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument("--json", type=Path, help="also write the aggregate figures of this run as JSON here")
    parser.add_argument("--no-write", action="store_true", help="do not write eval/results/ and eval/RESULTS.md")
    parser.add_argument("--llm", action="store_true", help="the LLM reader for every system, and the recipe's QA chain")
    parser.add_argument("--llm-fake", action="store_true",
                        help=f"the LLM reader against {fake_llm.MODEL}, a scripted model on loopback (eval/fake_llm.py) "
                             "that makes one answer in four wrong on purpose: measures the verification, not a "
                             f"language model; default system ours, stored as <system>+{fake_llm.MODEL}")
    parser.add_argument("--no-extras", action="store_true", help="skip the indicator-table and metadata checks")
    parser.add_argument("--no-ingest", action="store_true",
                        help="use the indexes as they are (another process is building them); do not index missing files")
    parser.add_argument("--build-recipe", action="store_true",
                        help="embed the LangChain recipe's chunks however many are missing (else its systems are skipped "
                             f"on an index with more than {RECIPE_BUILD_LIMIT} to embed)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # jieba sets its own logger to DEBUG

    settings = Settings.load()
    if args.llm and args.llm_fake:
        parser.error("--llm and --llm-fake exclude each other")
    if not (args.llm or args.llm_fake):
        settings = replace(settings, llm_base_url="", llm_model="")
    elif args.llm and not settings.llm_enabled:
        parser.error("--llm needs OPENAI_BASE_URL and OPENAI_MODEL (or their TOML keys)")
    default = ["ours"] if args.llm_fake else DEFAULT_SYSTEMS + (list(NEEDS_LLM) if args.llm else [])
    names = [n.strip() for n in (args.systems or ",".join(default)).split(",") if n.strip()]
    needs_llm = ", ".join(n for n in names if n in NEEDS_LLM)
    if needs_llm and args.llm_fake:
        parser.error(f"{fake_llm.MODEL} answers only the product's prompts, not those of {needs_llm}")
    if needs_llm and not args.llm:
        parser.error(f"{needs_llm} needs --llm and an endpoint")
    if not args.llm_fake:
        return _run(args, settings, names, settings.llm_model if args.llm else "extractive", None)
    with fake_llm.FakeLLM() as model:
        settings = replace(
            settings, llm_base_url=model.base_url, llm_model=fake_llm.MODEL,
            llm_api_key=settings.llm_api_key if settings.embedder is EmbedderKind.OPENAI else "",
            embedding_base_url=settings.embedding_base_url or settings.llm_base_url,  # embeddings stay where they were
        )
        return _run(args, settings, names, fake_llm.MODEL, model)


def _run(args: argparse.Namespace, settings: Settings, names: list[str], reader_name: str,
         model: fake_llm.FakeLLM | None) -> int:
    if args.questions:
        sets = [QuestionSet(args.questions.stem, args.questions, side_of(args.questions.stem))]
    else:
        sets = select_sets(discover_sets(), args.sets)
    loaded = {s.name: metrics.load_questions(s.path) for s in sets}

    ran: dict[str, dict[str, int]] = {}
    this_run: dict[str, list[metrics.Outcome]] = {}
    for spec in (indexes.DEV, indexes.TEST):
        on_index = [s for s in sets if s.index is spec]
        if not on_index:
            continue
        if args.index_dir:  # a given index keeps its own cache unless ASSISTANT_EMBEDDING_CACHE names one
            index_settings = replace(settings, index_dir=args.index_dir, upload_dir=args.index_dir / "uploads")
        else:
            index_settings = indexes.index_settings(spec, settings)
        started = time.perf_counter()
        if args.no_ingest:
            bot = Assistant(settings=index_settings)
        else:
            bot, _ = indexes.build(spec, index_settings)
        logger.warning("%s index ready in %.0fs (%d documents)", spec.name, time.perf_counter() - started, len(bot.documents()))
        work_dir = Path(index_settings.index_dir)
        wanted = list(names)
        if any(n in RECIPE_SYSTEMS for n in wanted) and not args.build_recipe:
            missing = recipe_missing(bot, work_dir)
            if missing > RECIPE_BUILD_LIMIT:
                skipped = [n for n in wanted if n in RECIPE_SYSTEMS]
                wanted = [n for n in wanted if n not in RECIPE_SYSTEMS]
                logger.warning("%s index: skipping %s: %d recipe chunks are not embedded yet; run "
                               "`python -m eval.indexes %s --recipe` (or pass --build-recipe)",
                               spec.name, ", ".join(skipped), missing, spec.name)
        systems = build_systems(bot, wanted, index_settings.top_k, work_dir)
        if model is not None:  # stored beside, never over, the systems' own outcomes
            systems = {f"{n}+{fake_llm.MODEL}": replace(s, name=f"{n}+{fake_llm.MODEL}") for n, s in systems.items()}
        for question_set in on_index:
            for name, system in systems.items():
                started = time.perf_counter()
                outcomes = run_system(system, loaded[question_set.name], question_set.name, model)
                this_run.setdefault(name, []).extend(outcomes)
                ran.setdefault(question_set.name, {})[name] = len(outcomes)
                logger.warning("%s / %s: %d questions in %.1fs", question_set.name, name, len(outcomes),
                               time.perf_counter() - started)
                if not args.no_write:
                    write_outcomes(outcomes, question_set.name, name, args.results_dir)

    print(render_console(this_run))
    extras = {}
    if not args.no_extras:
        extras["indicators"] = indicator_table_scores()
        extras["metadata"] = metadata_eval.all_scores()
        print(indicators_eval.render_console(extras["indicators"]))
        print(metadata_eval.render_console(extras["metadata"]))
    if args.json:
        summary = {name: _sides(outcomes) for name, outcomes in this_run.items()}
        if model is not None:  # what the scripted model sent, by its own count
            summary["scripted_model"] = {"model": fake_llm.MODEL, "made_wrong_every": fake_llm.EVERY,
                                         **model.sent().to_dict()}
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.no_write and not args.questions:
        runs = record_runs(args.results_dir, ran, reader_name)
        if not (args.llm or args.llm_fake):  # the "before" is the product as shipped: the extractive reader
            record_first_scoring(args.results_dir, [o for outs in this_run.values() for o in outs], reader_name)
        stored = read_outcomes(args.results_dir, [s.name for s in discover_sets()])
        summary = {name: _sides(outcomes) for name, outcomes in stored.items()}
        (args.results_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
        if args.no_extras:
            extras = {"indicators": indicator_table_scores(), "metadata": metadata_eval.all_scores()}
        markdown = render_markdown(stored, discover_sets(), runs, extras, read_first_scoring(args.results_dir))
        (EVAL_DIR / "RESULTS.md").write_text(markdown, encoding="utf-8")
    return 0


def _sides(outcomes: list[metrics.Outcome]) -> dict:
    dev = [o for o in outcomes if side_of(o.set) == "dev"]
    test = [o for o in outcomes if side_of(o.set) == "test"]
    result = {}
    if dev:
        result["dev"] = metrics.aggregate(dev)
    if test:
        result["test"] = metrics.aggregate(test)
    if dev and test:
        result["gap"] = {"strict": metrics.strict_gap(dev, test, "strict"), "lenient": metrics.strict_gap(dev, test, "lenient")}
    return result
