"""Precision and recall of the indicator table against hand-labelled gold rows.

    python -m eval.indicators_eval            # prints precision, recall, missing and spurious rows

``eval/indicators_gold.csv`` lists, for each bundled report, every headline figure of its
target lists and of its review (actual and estimated figures), read by hand. An extracted row
matches a gold row when source, indicator, kind, year, value, upper end and unit agree; the
qualifier and the wording are not compared. Each gold row matches at most one extracted row.
"""

from __future__ import annotations

import argparse
import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.datatypes import Document, DocumentMeta, Kind, content_hash
from assistant.core.settings import PROJECT_ROOT
from index.indicators import IndicatorRow, extract_indicators

GOLD_FILE = PROJECT_ROOT / "eval" / "indicators_gold.csv"
REPORTS_DIR = PROJECT_ROOT / "data" / "reports"


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
    rows = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            try:
                rows.append(
                    GoldRow(
                        source=record["source"],
                        region=record["region"],
                        report_year=int(record["report_year"]),
                        year=int(record["year"]),
                        indicator=record["indicator"],
                        kind=Kind(record["kind"]),
                        value=float(record["value"]),
                        upper=float(record["upper"]) if record["upper"] else None,
                        unit=record["unit"],
                        qualifier=record["qualifier"],
                        evidence=record["evidence"],
                    )
                )
            except (KeyError, ValueError) as error:
                raise ValueError(f"{path}, line {line}: {error}; fix the row (columns: see the header)") from error
    return rows


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


def _key(row: IndicatorRow | GoldRow) -> tuple:
    return (row.source, row.indicator, Kind(row.kind), row.year)


def _same_figure(row: IndicatorRow, gold: GoldRow) -> bool:
    if row.unit != gold.unit or not math.isclose(row.value, gold.value, rel_tol=1e-9):
        return False
    if row.upper is None or gold.upper is None:
        return row.upper is None and gold.upper is None
    return math.isclose(row.upper, gold.upper, rel_tol=1e-9)


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
    args = parser.parse_args(argv)
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
