"""Check every question set against its schema and its documents.

    python -m eval.check_sets                # all files in eval/sets/
    python -m eval.check_sets eval/sets/test_kinds.jsonl

Each evidence phrase must occur (whitespace ignored) in one of the question's gold sources, and every
gold source must be a file of the corpora. Prints one line per problem and exits 1 if there is any.
See eval/QUESTIONS.md for the schema.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETS_DIR = PROJECT_ROOT / "eval" / "sets"
CORPUS_DIRS = [PROJECT_ROOT / "data", PROJECT_ROOT / "eval" / "corpora"]

LANGUAGES = ("zh", "en")
EXPECTS = ("figure", "passage", "text", "abstain", "status", "series", "clarify", "comparison")
KINDS = ("target", "actual", "estimate")
STATUSES = ("met", "missed", "met_within_tolerance", "no_result", "no_target")
CORPORA = ("seeds", "national", "hailar", "jiangxi_bulletins", "provincial", "policy")
CATEGORIES = (
    "target", "actual", "estimate", "count_amount", "rate_change", "range", "synonym", "comparison",
    "ranking", "unanswerable", "unmentioned", "year_disambiguation", "year_trap", "passage", "followup",
    "filter_conflict", "ledger_status", "ledger_cross_region", "ledger_trend", "metadata", "date",
)
REQUIRED = {
    "id": str, "question": str, "language": str, "category": str, "expect": str, "answerable": bool,
    "gold_sources": list, "evidence": list, "corpus": str,
}

logger = logging.getLogger(__name__)


def squash(text: str | None) -> str:
    """Text without whitespace: evidence, quotes and names are compared this way across eval/ (a report's
    line breaks and spaces inside a phrase do not count)."""
    return re.sub(r"\s", "", text or "")


def corpus_files() -> dict[str, Path]:
    """Every report file under data/ and eval/corpora/, by file name."""
    files: dict[str, Path] = {}
    for root in CORPUS_DIRS:
        for path in root.rglob("*"):
            if path.is_file() and path.suffix.lower() in {".txt", ".md", ".html", ".htm"}:
                files[path.name] = path
    return files


def _field_problems(item: dict) -> list[str]:
    """The required fields that are missing or of the wrong type."""
    found: list[str] = []
    for name, kind in REQUIRED.items():
        if name not in item:
            found.append(f"missing field {name!r}")
        elif not isinstance(item[name], kind):
            found.append(f"field {name!r} must be {kind.__name__}")
    return found


def schema_problems(item: dict) -> list[str]:
    """What keeps ``item`` from following the schema of eval/QUESTIONS.md, as readable sentences (empty
    when it follows it). The scoreboard loads only items without problems (``eval.metrics.load_questions``)."""
    found = _field_problems(item)
    if found:
        return found
    for name, allowed in (("language", LANGUAGES), ("category", CATEGORIES), ("expect", EXPECTS), ("corpus", CORPORA)):
        if item[name] not in allowed:
            found.append(f"{name} {item[name]!r} is not one of: {', '.join(allowed)}")
    expect = item["expect"]
    if item["answerable"] == (expect in ("abstain", "clarify")):
        found.append(f"answerable={item['answerable']} does not fit expect={expect!r}")
    if item["answerable"] and expect not in ("status", "series") and not (item["gold_sources"] and item["evidence"]):
        found.append("an answerable question needs gold_sources and evidence")
    if expect in ("figure", "comparison"):
        if not item.get("gold_answers"):
            found.append(f"a {expect} question needs gold_answers")
        if not all(isinstance(a, str) and a.strip() for a in item.get("gold_answers") or ()):
            found.append("gold_answers must be non-empty strings")  # unreadable as figures: compared as text
    if expect == "figure":
        if item.get("gold_kind") not in KINDS:
            found.append(f"gold_kind must be one of {', '.join(KINDS)}")
        if not isinstance(item.get("gold_year"), int):
            found.append("gold_year must be an int (the year the figure is for)")
    if expect == "text" and not item.get("gold_text"):
        found.append("a text question needs gold_text")
    if expect == "status":
        if item.get("gold_status") not in STATUSES:
            found.append(f"gold_status must be one of {', '.join(STATUSES)}")
        if "gold_target" not in item or "gold_result" not in item:
            found.append("a status question needs gold_target and gold_result (null when absent)")
    if expect == "series" and not item.get("gold_series"):
        found.append("a series question needs gold_series")
    if "history" in item and not (isinstance(item["history"], list) and all(isinstance(h, str) for h in item["history"])):
        found.append("history must be a list of questions")
    if not item["id"].strip() or not item["question"].strip():
        found.append("id and question must not be empty")
    return found


def problems_of(item: dict, files: dict[str, Path], texts: dict[str, str]) -> list[str]:
    """What is wrong with one question, as readable sentences (empty when it is fine): its schema, and
    its gold sources and evidence against the report files."""
    found = schema_problems(item)
    if _field_problems(item):
        return found
    for source in item["gold_sources"]:
        if source not in files:
            found.append(f"gold source {source!r} is not a corpus file")
    sources = [s for s in item["gold_sources"] if s in files]
    for phrase in item["evidence"]:
        if sources and not any(squash(phrase) in texts[s] for s in sources):
            found.append(f"evidence {phrase!r} is in none of the gold sources")
    return found


def check(paths: list[Path]) -> list[str]:
    files = corpus_files()
    texts: dict[str, str] = {}
    for name, path in files.items():
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                texts[name] = squash(raw.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON: {error}")
                continue
            qid = item.get("id", "?")
            if qid in seen:
                problems.append(f"{where}: id {qid!r} already used in {seen[qid]}")
            seen[qid] = where
            problems.extend(f"{where} ({qid}): {p}" for p in problems_of(item, files, texts))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.check_sets", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or sorted(SETS_DIR.glob("*.jsonl"))
    problems = check(paths)
    for problem in problems:
        sys.stdout.write(problem + "\n")
    sys.stdout.write(f"{len(paths)} file(s) checked, {len(problems)} problem(s)\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
