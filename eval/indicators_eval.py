"""Precision and recall of the indicator table against hand-labelled gold rows.

    python -m eval.indicators_eval            # in-sample: the five bundled reports the rules were written against
    python -m eval.indicators_eval --unseen   # six reports outside them (eval/gold/indicators_unseen.csv)

``eval/indicators_gold.csv`` lists, for each bundled report, every headline figure of its
target lists and of its review (actual and estimated figures), read by hand. An extracted row
matches a gold row when source, indicator, kind, year, value, upper end and unit agree; the
qualifier and the wording are not compared. Each gold row matches at most one extracted row.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.datatypes import Document, DocumentMeta, Kind, content_hash
from assistant.core.settings import PROJECT_ROOT
from eval.gold_rows import optional_number, read_gold, same_number
from index.indicators import IndicatorRow, extract_indicators
from index.loading import load_document, load_manifest

GOLD_FILE = PROJECT_ROOT / "eval" / "indicators_gold.csv"
UNSEEN_GOLD_FILE = PROJECT_ROOT / "eval" / "gold" / "indicators_unseen.csv"
REPORTS_DIR = PROJECT_ROOT / "data" / "reports"
CORPUS_ROOTS = (PROJECT_ROOT / "data", PROJECT_ROOT / "eval" / "corpora")


@dataclass(frozen=True)
class GoldRow:
    source: str
    region: str
    report_year: int
    year: int
    indicator: str
    kind: Kind
    value: float
    upper: float | None
    unit: str
    qualifier: str
    evidence: str


def load_gold(path: str | Path = GOLD_FILE) -> list[GoldRow]:
    """The gold rows; a malformed row raises ValueError naming its line."""
    return read_gold(path, _gold_row)


def _gold_row(record: dict[str, str]) -> GoldRow:
    return GoldRow(
        source=record["source"],
        region=record["region"],
        report_year=int(record["report_year"]),
        year=int(record["year"]),
        indicator=record["indicator"],
        kind=Kind(record["kind"]),
        value=float(record["value"]),
        upper=optional_number(record["upper"]),
        unit=record["unit"],
        qualifier=record["qualifier"],
        evidence=record["evidence"],
    )


def seed_documents(reports_dir: str | Path = REPORTS_DIR) -> list[Document]:
    """The bundled reports as Documents, with metadata from their manifest (UTF-8 text, as bundled)."""
    reports_dir = Path(reports_dir)
    documents = []
    with (reports_dir / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            original = (reports_dir / record["file"]).read_text(encoding="utf-8")
            meta = DocumentMeta(
                source=record["file"],
                title=record["title"],
                region=record["region"],
                province=record.get("province", ""),
                year=int(record["year"]) if record.get("year") else None,
                doc_type=record.get("doc_type", ""),
            )
            documents.append(Document(content_hash(original), meta, original, str(reports_dir / record["file"])))
    return documents


def documents_named(sources: Iterable[str], roots: Sequence[Path] = CORPUS_ROOTS) -> list[Document]:
    """The report files of these names under data/ and eval/corpora/, loaded by the product's loader with
    the metadata of their folder's manifest."""
    wanted = set(sources)
    documents = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.name not in wanted or not path.is_file():
                continue
            manifest = path.parent / "manifest.csv"
            rows = load_manifest(manifest) if manifest.is_file() else {}
            documents.append(load_document(path, rows.get(path.name)))
            wanted.discard(path.name)
    if wanted:
        raise FileNotFoundError(f"gold sources not found under data/ or eval/corpora/: {', '.join(sorted(wanted))}")
    return documents


def scores_for(gold: Sequence[GoldRow], documents: Sequence[Document]) -> dict:
    rows = extract_all(documents)
    result = evaluate(rows, gold)
    return {
        "precision": result["precision"],
        "recall": result["recall"],
        "reports": len(documents),
        "extracted": len(rows),
        "gold": len(gold),
        "missing": len(result["missing"]),
        "spurious": len(result["spurious"]),
    }


def both_scores() -> dict:
    """In-sample (the bundled reports) and unseen (eval/gold/indicators_unseen.csv), side by side."""
    result = {"in-sample": scores_for(load_gold(GOLD_FILE), seed_documents())}
    if UNSEEN_GOLD_FILE.is_file():
        unseen = load_gold(UNSEEN_GOLD_FILE)
        result["unseen"] = scores_for(unseen, documents_named({row.source for row in unseen}))
    return result


def render_console(scores: dict) -> str:
    return "\n".join(
        f"indicator table, {name}: precision {s['precision']:.3f}, recall {s['recall']:.3f} "
        f"({s['reports']} reports, {s['extracted']} rows extracted, {s['gold']} gold)"
        for name, s in scores.items()
    )


def render_markdown(scores: dict) -> list[str]:
    lines = [
        "Rows the indicator table extracts (target, actual and estimated figures) against hand-labelled gold: "
        "**in-sample** is the five bundled reports its rules were written against (`eval/indicators_gold.csv`); "
        "**unseen** is six reports outside them — two Hailar years, the 2010 and 2024 national reports, Jiangxi "
        "2025 and Guangdong 2026 (`eval/gold/indicators_unseen.csv`, labelled as described in "
        "[INDICATORS_UNSEEN.md](gold/INDICATORS_UNSEEN.md)). A row matches when source, indicator, kind, year, value, "
        "upper end and unit agree. `python -m eval.indicators_eval [--unseen]` lists missing and spurious rows.",
        "",
        "| gold | reports | precision | recall | rows extracted | gold rows | missing | spurious |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s['reports']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['extracted']} | {s['gold']} "
            f"| {s['missing']} | {s['spurious']} |"
        )
    return lines


def _key(row: IndicatorRow | GoldRow) -> tuple:
    return (row.source, row.indicator, Kind(row.kind), row.year)


def _same_figure(row: IndicatorRow, gold: GoldRow) -> bool:
    return row.unit == gold.unit and same_number(row.value, gold.value) and same_number(row.upper, gold.upper)


def evaluate(extracted_rows: Sequence[IndicatorRow], gold_rows: Sequence[GoldRow]) -> dict:
    """``precision``, ``recall`` (floats), ``missing`` (gold rows not found), ``spurious`` (extra rows)."""
    unmatched = list(gold_rows)
    spurious: list[IndicatorRow] = []
    for row in extracted_rows:
        match = next((g for g in unmatched if _key(g) == _key(row) and _same_figure(row, g)), None)
        if match is None:
            spurious.append(row)
        else:
            unmatched.remove(match)
    matched = len(gold_rows) - len(unmatched)
    return {
        "precision": matched / len(extracted_rows) if extracted_rows else 0.0,
        "recall": matched / len(gold_rows) if gold_rows else 0.0,
        "missing": unmatched,
        "spurious": spurious,
    }


def extract_all(documents: Iterable[Document]) -> list[IndicatorRow]:
    return [row for document in documents for row in extract_indicators(document)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.indicators_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD_FILE)
    parser.add_argument("--reports", type=Path, default=REPORTS_DIR)
    parser.add_argument("--unseen", action="store_true", help=f"score against {UNSEEN_GOLD_FILE.relative_to(PROJECT_ROOT)}")
    args = parser.parse_args(argv)
    if args.unseen:
        gold = load_gold(UNSEEN_GOLD_FILE)
        rows = extract_all(documents_named({row.source for row in gold}))
    else:
        gold = load_gold(args.gold)
        rows = extract_all(seed_documents(args.reports))
    result = evaluate(rows, gold)
    print(f"extracted {len(rows)} rows, gold {len(gold)} rows")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}")
    for row in result["missing"]:
        print(f"MISSING   {row.source} {row.indicator} {row.kind.value} {row.year} {row.value:g}{row.unit}: {row.evidence}")
    for row in result["spurious"]:
        print(f"SPURIOUS  {row.source} {row.indicator} {row.kind.value} {row.year} {row.value:g}{row.unit}: {row.quote!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
