"""How well the product infers a document's metadata without a manifest.

    python -m eval.metadata_eval              # agreement rates
    python -m eval.metadata_eval --list       # and every disagreement

Each file is read with the product's loader and its metadata inferred as an upload without a manifest
gets it (today ``index.loading.infer_meta``), then compared with gold:

- ``eval/corpora/policy/`` against ``eval/gold/policy_manifest.csv``: region (全国(中央部委) is the
  product's 全国; 山东省) and year (the year the document was issued); and against ``eval/gold/titles.csv``
  the title (the document's own title line, where it has one) and the issue date (where the text gives one).
- ``eval/corpora/hailar/`` and ``eval/corpora/provincial/{2025,2026}/`` against their manifests (region,
  year = the year the report was delivered) and titles.csv (title line).

Region agreement is exact after that mapping; "same place" also accepts a name that is the gold's
lowest-level place with or without its parents (海拉尔区 for 内蒙古自治区呼伦贝尔市海拉尔区).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT
from eval.check_sets import squash
from index import loading

CORPORA = PROJECT_ROOT / "eval" / "corpora"
GOLD = PROJECT_ROOT / "eval" / "gold"
REGION_ALIASES = {"全国(中央部委)": "全国", "全国（中央部委）": "全国"}


@dataclass(frozen=True)
class Comparison:
    corpus: str
    file: str
    field: str
    gold: str
    inferred: str
    agrees: bool
    close: bool  # "same place" for regions; equal otherwise


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def same_place(gold: str, inferred: str) -> bool:
    """One name ends with the other (a place named with or without its province and city)."""
    gold, inferred = squash(gold), squash(inferred)
    if not gold or not inferred:
        return False
    return gold.endswith(inferred) or inferred.endswith(gold)


def _region(gold: str) -> str:
    return REGION_ALIASES.get(gold.strip(), gold.strip())


def compare_folder(
    corpus: str,
    folder: Path,
    gold_rows: Mapping[str, Mapping[str, str]],
    titles: Mapping[str, Mapping[str, str]],
    year_of: Callable[[Mapping[str, str]], str],
) -> list[Comparison]:
    found: list[Comparison] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith("manifest") or path.suffix.lower() not in loading.SUPPORTED_SUFFIXES:
            continue
        meta = loading.infer_meta(loading.read_text(path), path.name)
        row = gold_rows.get(path.name)
        if row:
            region = _region(row.get("region", ""))
            found.append(Comparison(corpus, path.name, "region", region, meta.region, squash(region) == squash(meta.region),
                                    same_place(region, meta.region)))
            year = year_of(row)
            if year:
                inferred = str(meta.year or "")
                found.append(Comparison(corpus, path.name, "year", year, inferred, year == inferred, year == inferred))
        title_row = titles.get(path.name)
        if title_row and title_row.get("title"):
            agrees = squash(title_row["title"]) == squash(meta.title)
            found.append(Comparison(corpus, path.name, "title", title_row["title"], meta.title, agrees, agrees))
        if title_row and title_row.get("date"):
            agrees = title_row["date"] == meta.date
            found.append(Comparison(corpus, path.name, "date", title_row["date"], meta.date, agrees, agrees))
    return found


def all_comparisons() -> list[Comparison]:
    titles = {row["file"]: row for row in _read_csv(GOLD / "titles.csv")} if (GOLD / "titles.csv").is_file() else {}
    found: list[Comparison] = []
    policy_gold = GOLD / "policy_manifest.csv"
    if policy_gold.is_file() and (CORPORA / "policy").is_dir():
        rows = {row["file"]: row for row in _read_csv(policy_gold)}
        found += compare_folder("policy", CORPORA / "policy", rows, titles, lambda row: row.get("year", ""))
    for corpus, folder in (("hailar", CORPORA / "hailar"), ("provincial", CORPORA / "provincial" / "2025"),
                           ("provincial", CORPORA / "provincial" / "2026")):
        manifest = folder / "manifest.csv"
        if manifest.is_file():
            rows = {row["file"]: row for row in _read_csv(manifest)}
            found += compare_folder(corpus, folder, rows, titles, lambda row: row.get("year", ""))
    return found


def agreement(comparisons: list[Comparison]) -> dict[str, dict[str, dict]]:
    """corpus -> field -> {"n", "agree", "close"} (rates)."""
    result: dict[str, dict[str, dict]] = {}
    for c in comparisons:
        cell = result.setdefault(c.corpus, {}).setdefault(c.field, {"n": 0, "agree": 0, "close": 0})
        cell["n"] += 1
        cell["agree"] += c.agrees
        cell["close"] += c.close
    for fields in result.values():
        for cell in fields.values():
            cell["agree_rate"] = cell["agree"] / cell["n"]
            cell["close_rate"] = cell["close"] / cell["n"]
    return result


def all_scores() -> dict:
    return agreement(all_comparisons())


FIELDS = ("region", "year", "title", "date")


def _cell(scores: Mapping, corpus: str, field: str, close: bool = False) -> str:
    cell = scores.get(corpus, {}).get(field)
    if not cell:
        return "–"
    rate = cell["close_rate"] if close else cell["agree_rate"]
    return f"{rate:.3f} ({cell['close' if close else 'agree']}/{cell['n']})"


def render_console(scores: Mapping) -> str:
    lines = []
    for corpus in scores:
        parts = [f"{field} {_cell(scores, corpus, field)}" for field in FIELDS if field in scores[corpus]]
        lines.append(f"metadata without a manifest, {corpus}: " + ", ".join(parts))
    return "\n".join(lines)


def render_markdown(scores: Mapping) -> list[str]:
    lines = [
        "Each file read and its metadata inferred as for an upload without a manifest (`index.loading.infer_meta`), "
        "against gold: `policy` against `eval/gold/policy_manifest.csv` (region: 全国(中央部委) = 全国, 山东省; year "
        "issued) and `eval/gold/titles.csv` (the title line and issue date as the text gives them, where it gives "
        "them); `hailar` and `provincial` against their manifests (region, delivery year) and titles.csv. "
        "\"Same place\" accepts a region named with or without its province and city. "
        "`python -m eval.metadata_eval --list` lists every disagreement.",
        "",
        "| corpus | region (exact) | region (same place) | year | title | date |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for corpus in scores:
        lines.append(f"| {corpus} | {_cell(scores, corpus, 'region')} | {_cell(scores, corpus, 'region', close=True)} "
                     f"| {_cell(scores, corpus, 'year')} | {_cell(scores, corpus, 'title')} | {_cell(scores, corpus, 'date')} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.metadata_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    comparisons = all_comparisons()
    print(render_console(agreement(comparisons)))
    if args.list:
        for c in comparisons:
            if not c.agrees:
                print(f"{c.corpus}\t{c.file}\t{c.field}\tgold={c.gold!r}\tinferred={c.inferred!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
