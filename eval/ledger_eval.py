"""Precision and recall of the ledger (targets against results) against hand-labelled gold rows.

    python -m eval.ledger_eval                       # the test gold: eval/gold/ledger_gold.csv
    python -m eval.ledger_eval --gold eval/gold/ledger_dev.csv
    python -m eval.ledger_eval --verbose             # also list every miss and spurious row

The documents are the corpora the gold was labelled on (Hailar 2012-2019, the national reports
of eval/corpora/national and data/national, the provincial reports of 2025 and 2026), read with
their manifests; the indicator table is extracted from them (``index.indicators``) and paired
(``index.ledger``) exactly as at ingest. No index and no embedder are needed.

Scoring is strict. The ledger's headline row of a (region, indicator, year) -- the growth-rate
row when there is one, as the gold labels it -- matches the gold row when the status agrees and
so do both figures: the target's value and upper end and its report, the result's value and its
report. A gold row ``missed`` without a result value (a report that says a target was missed without
a figure) matches a ledger row ``missed`` on the report's words (``LedgerRow.statement``). Precision is counted within the gold's scope: its regions, years and,
per region group, the indicators it labels; rows outside that scope are counted, not scored.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.datatypes import Document, LedgerRow, LedgerStatus
from assistant.core.settings import PROJECT_ROOT
from eval.gold_rows import optional_number, read_gold, same_number
from index.indicators import extract_indicators
from index.ledger import build_ledger, headlines
from index.verdicts import extract_verdicts
from index.loading import load_document, load_manifest

GOLD_FILE = PROJECT_ROOT / "eval" / "gold" / "ledger_gold.csv"
DEV_FILE = PROJECT_ROOT / "eval" / "gold" / "ledger_dev.csv"
CORPORA = (
    PROJECT_ROOT / "eval" / "corpora" / "hailar",
    PROJECT_ROOT / "eval" / "corpora" / "national",
    PROJECT_ROOT / "data" / "national",
    PROJECT_ROOT / "eval" / "corpora" / "provincial" / "2025",
    PROJECT_ROOT / "eval" / "corpora" / "provincial" / "2026",
)
NATIONAL = "全国"
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


@dataclass(frozen=True)
class GoldLedgerRow:
    region: str
    indicator: str
    year: int
    status: LedgerStatus
    target_value: float | None
    target_upper: float | None
    target_source: str
    target_evidence: str
    result_value: float | None
    result_source: str
    result_evidence: str
    unit: str
    notes: str

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.region, self.indicator, self.year)


def load_gold(path: str | Path = GOLD_FILE) -> list[GoldLedgerRow]:
    """The gold rows; a malformed row raises ValueError naming its line."""
    return read_gold(path, _gold_row)


def _gold_row(record: dict[str, str]) -> GoldLedgerRow:
    return GoldLedgerRow(
        region=record["region"],
        indicator=record["indicator"],
        year=int(record["year"]),
        status=LedgerStatus.parse(record["status"]),
        target_value=optional_number(record["target_value"]),
        target_upper=optional_number(record["target_upper"]),
        target_source=record["target_source"],
        target_evidence=record["target_evidence"],
        result_value=optional_number(record["result_value"]),
        result_source=record["result_source"],
        result_evidence=record["result_evidence"],
        unit=record["unit"],
        notes=record.get("notes", ""),
    )


def load_corpora(folders: Iterable[Path] = CORPORA) -> list[Document]:
    """The reports of each folder that its manifest gives a year, with the manifest's metadata."""
    documents = []
    for folder in folders:
        if not folder.is_dir():
            continue
        manifest = load_manifest(folder / "manifest.csv")
        for name, record in sorted(manifest.items()):
            path = folder / name
            if path.is_file() and record.get("year"):
                documents.append(load_document(path, record))
    return documents


def ledger_of(documents: Sequence[Document]) -> list[LedgerRow]:
    """The ledger the index would hold for these documents."""
    rows = [row for document in documents for row in extract_indicators(document)]
    verdicts = [verdict for document in documents for verdict in extract_verdicts(document)]
    return build_ledger(rows, reports={(d.meta.region, d.meta.year) for d in documents}, verdicts=verdicts)


def group_of(region: str) -> str:
    """"national", "provinces" (a province, autonomous region or municipality) or "local"."""
    if region == NATIONAL:
        return "national"
    if region.endswith(("省", "自治区")) or region in MUNICIPALITIES:
        return "provinces"
    return "local"


def matches(row: LedgerRow, gold: GoldLedgerRow) -> bool:
    """Status, target (value, upper end, report) and result (value, report) all agree."""
    if row.status is not gold.status:
        return False
    target, result = row.target, row.result
    if (target is None) != (gold.target_value is None):
        return False
    if target is not None:
        if not (same_number(target.value, gold.target_value) and same_number(target.upper, gold.target_upper)):
            return False
        if gold.target_source and target.source != gold.target_source:
            return False
    if gold.result_value is None:  # no result, or a target missed by the report's words alone
        return result is None and (gold.status is LedgerStatus.NO_RESULT or row.statement is not None)
    if result is None or not same_number(result.value, gold.result_value):
        return False
    return not gold.result_source or result.source == gold.result_source


def _scope(gold_rows: Sequence[GoldLedgerRow]) -> dict[str, tuple[set[str], set[str], int, int]]:
    """Per region group: its regions, its indicators, its first and last year."""
    regions: dict[str, set[str]] = defaultdict(set)
    indicators: dict[str, set[str]] = defaultdict(set)
    years: dict[str, list[int]] = defaultdict(list)
    for gold in gold_rows:
        group = group_of(gold.region)
        regions[group].add(gold.region)
        indicators[group].add(gold.indicator)
        years[group].append(gold.year)
    return {g: (regions[g], indicators[g], min(years[g]), max(years[g])) for g in regions}


def in_scope(row: LedgerRow, scope: dict[str, tuple[set[str], set[str], int, int]]) -> bool:
    group = group_of(row.region)
    if group not in scope:
        return False
    regions, indicators, first, last = scope[group]
    return row.region in regions and row.indicator in indicators and first <= row.year <= last


def evaluate(ledger: Sequence[LedgerRow], gold_rows: Sequence[GoldLedgerRow]) -> dict:
    """Precision and recall overall, per region group and per status, with the misses and extras.

    Returns ``precision``, ``recall``, ``groups`` and ``statuses`` ({name: (correct, predicted, gold)}),
    ``missing`` (gold rows, each with the ledger's row for its key or None), ``spurious`` (ledger
    rows in scope that match no gold row) and ``out_of_scope`` (how many rows were not scored).
    """
    scope = _scope(gold_rows)
    rows = headlines(ledger)
    scored = [row for row in rows if in_scope(row, scope)]
    by_key = {(row.region, row.indicator, row.year): row for row in scored}
    gold_keys = {gold.key for gold in gold_rows}
    correct: list[GoldLedgerRow] = []
    missing: list[tuple[GoldLedgerRow, LedgerRow | None]] = []
    for gold in gold_rows:
        row = by_key.get(gold.key)
        if row is not None and matches(row, gold):
            correct.append(gold)
        else:
            missing.append((gold, row))
    correct_keys = {gold.key for gold in correct}
    spurious = [row for row in scored if (row.region, row.indicator, row.year) not in correct_keys]
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    statuses: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for gold in correct:
        groups[group_of(gold.region)][0] += 1
        statuses[gold.status.value][0] += 1
    for row in scored:
        groups[group_of(row.region)][1] += 1
        statuses[row.status.value][1] += 1
    for gold in gold_rows:
        groups[group_of(gold.region)][2] += 1
        statuses[gold.status.value][2] += 1
    return {
        "precision": len(correct) / len(scored) if scored else 0.0,
        "recall": len(correct) / len(gold_rows) if gold_rows else 0.0,
        "correct": len(correct),
        "predicted": len(scored),
        "gold": len(gold_rows),
        "groups": {name: tuple(counts) for name, counts in sorted(groups.items())},
        "statuses": {name: tuple(counts) for name, counts in sorted(statuses.items())},
        "missing": missing,
        "spurious": [row for row in spurious if (row.region, row.indicator, row.year) not in gold_keys],
        "wrong": [row for row in spurious if (row.region, row.indicator, row.year) in gold_keys],
        "out_of_scope": len(rows) - len(scored),
    }


def scores(gold_path: str | Path = GOLD_FILE, documents: Sequence[Document] | None = None) -> dict:
    """What the eval runner reports: the evaluation of the ledger of the gold's corpora."""
    gold = load_gold(gold_path)
    ledger = ledger_of(documents if documents is not None else load_corpora())
    return evaluate(ledger, gold)


def _side(figure) -> str:
    if figure is None:
        return "-"
    return f"{figure.figure_text} ({figure.kind.value}, {figure.source[:4]})"


def describe(row: LedgerRow | None) -> str:
    if row is None:
        return "no ledger row"
    margin = "" if row.margin is None else f" {row.margin:+g}"
    return f"{row.status.value}{margin}: target {_side(row.target)}, result {_side(row.result)}"


def _ratio(correct: int, total: int) -> str:
    return f"{correct / total:.3f}" if total else "  -  "


def render(result: dict, verbose: bool = True) -> str:
    lines = [
        f"ledger rows scored {result['predicted']}, gold {result['gold']}, correct {result['correct']} "
        f"({result['out_of_scope']} rows outside the gold's scope)",
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}",
        "",
        f"{'':22} {'precision':>9} {'recall':>7}  correct/predicted/gold",
    ]
    for title, table in (("group", result["groups"]), ("status", result["statuses"])):
        for name, (correct, predicted, gold) in table.items():
            lines.append(f"{title + ' ' + name:22} {_ratio(correct, predicted):>9} {_ratio(correct, gold):>7}  "
                         f"{correct}/{predicted}/{gold}")
    if verbose:
        lines.append("")
        for gold, row in result["missing"]:
            want = (f"{gold.status.value}: target {gold.target_value if gold.target_value is not None else '-'}"
                    f" ({gold.target_source[:4]}), result {gold.result_value if gold.result_value is not None else '-'}"
                    f" ({gold.result_source[:4]})")
            lines.append(f"MISS      {gold.region[-5:]} {gold.indicator} {gold.year}: want {want}; got {describe(row)}")
        for row in result["spurious"]:
            lines.append(f"SPURIOUS  {row.region[-5:]} {row.indicator} {row.year}: {describe(row)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.ledger_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_FILE, help="gold CSV (default: the test gold)")
    parser.add_argument("--verbose", action="store_true", help="list every miss and spurious row")
    args = parser.parse_args(argv)
    print(render(scores(args.gold), verbose=args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
