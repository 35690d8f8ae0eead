"""Hand-labelled gold rows (``eval/indicators_gold.csv``, ``eval/gold/*.csv``): reading them and comparing
their figures, the same way for every scorer that reads them."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Row = TypeVar("Row")


def read_gold(path: str | Path, row_of: Callable[[dict[str, str]], Row]) -> list[Row]:
    """Each record of the CSV file made a row by ``row_of``; a malformed row (a missing column, a value
    ``row_of`` cannot read) raises ValueError naming its line."""
    rows = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            try:
                rows.append(row_of(record))
            except (KeyError, ValueError) as error:
                raise ValueError(f"{path}, line {line}: {error}; fix the row (columns: see the header)") from error
    return rows


def optional_number(text: str) -> float | None:
    """A gold cell that may be empty: "7.5" -> 7.5, "" -> None."""
    return float(text) if text.strip() else None


def same_number(a: float | None, b: float | None) -> bool:
    """Two figures agree (both absent, or equal but for floating-point noise)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
