"""How well the product infers a document's metadata without a manifest.

    python -m eval.metadata_eval                      # agreement per folder
    python -m eval.metadata_eval --list               # and every disagreement
    python -m eval.metadata_eval --all                # every folder; writes eval/results/metadata.json and
                                                      # prints the markdown table (before → after) for RESULTS.md
    python -m eval.metadata_eval --corpus national    # one folder (repeatable)
    python -m eval.metadata_eval --hide-names         # the files renamed "document.txt": the text alone

Each file is read with the product's loader and its metadata inferred as an upload without a manifest
gets it (``index.loading.infer_meta``, with the file's own name), then compared with gold:

- ``policy`` against ``eval/gold/policy_manifest.csv``: region (全国(中央部委) is the product's 全国;
  山东省 for every provincial document, also those a city issued) and year (the year it was issued).
  The manifest's own ``dept`` note names the issuer: for the 26 documents a city (济南, 青岛) or a
  central body issued, ``eval/gold/policy_issuers.csv`` (derived from that note) gives the issuer's
  region, which "same place" and "exact" are scored against; "within" keeps the manifest's region;
- ``hailar``, ``provincial/2025``, ``provincial/2026``, ``jiangxi_bulletins`` and ``national`` against
  their own manifests: region as the manifest writes it (内蒙古自治区呼伦贝尔市海拉尔区, 全国), year (a
  work report's year is the year it was delivered, a statistical bulletin's the year it reports on,
  a 决议 has none) and doc_type;
- every folder against ``eval/gold/titles.csv``: the title (the document's own title line, where it has
  one) and the issue date (where the text gives one).

Regions are compared three ways: **exact** (the same string), **same place** (both names resolve
to one place of the gazetteer: 海拉尔区, 呼伦贝尔市海拉尔区 and 内蒙古自治区呼伦贝尔市海拉尔区 are
one place) and **within** (the same place, or a place inside the gold one: 济南市 for a policy
folder's 山东省; never inside 全国). "Same place" is the headline figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.core.datatypes import Level
from assistant.core.settings import PROJECT_ROOT
from assistant.knowledge.gazetteer import builtin_gazetteer
from eval.check_sets import squash
from index import loading

CORPORA = PROJECT_ROOT / "eval" / "corpora"
GOLD = PROJECT_ROOT / "eval" / "gold"
RESULTS = PROJECT_ROOT / "eval" / "results"
RESULTS_FILE = RESULTS / "metadata.json"
BEFORE_FILE = RESULTS / "metadata_before.json"
REGION_ALIASES = {"全国(中央部委)": "全国", "全国（中央部委）": "全国"}
HIDDEN_NAME = "document"


@dataclass(frozen=True)
class Folder:
    """A folder of documents and the gold it is checked against."""

    corpus: str
    folder: Path
    gold: Path  # a manifest (file, region, year, doc_type …)
    doc_types: bool  # compare doc_type with the gold's (its kinds are the product's)
    issuers: Path | None = None  # file -> the issuer's region, where it is finer than the manifest's


FOLDERS: tuple[Folder, ...] = (
    Folder("policy", CORPORA / "policy", GOLD / "policy_manifest.csv", False, GOLD / "policy_issuers.csv"),  # its doc_type: 政策文件(规范性文件)
    Folder("hailar", CORPORA / "hailar", CORPORA / "hailar" / "manifest.csv", True),
    Folder("provincial/2025", CORPORA / "provincial" / "2025", CORPORA / "provincial" / "2025" / "manifest.csv", True),
    Folder("provincial/2026", CORPORA / "provincial" / "2026", CORPORA / "provincial" / "2026" / "manifest.csv", True),
    Folder("jiangxi_bulletins", CORPORA / "jiangxi_bulletins", CORPORA / "jiangxi_bulletins" / "manifest.csv", True),
    Folder("national", CORPORA / "national", CORPORA / "national" / "manifest.csv", True),
)


@dataclass(frozen=True)
class Comparison:
    corpus: str
    file: str
    field: str
    gold: str
    inferred: str
    agrees: bool
    close: bool  # "same place" for regions; equal otherwise
    within: bool | None = None  # regions only: the same place or a place inside the gold one


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def same_place(gold: str, inferred: str) -> bool:
    """Both names stand for one place of the gazetteer; for names it does not know, one name ends
    with the other (a place named with or without its province and city)."""
    gold, inferred = squash(gold), squash(inferred)
    if not gold or not inferred:
        return False
    gazetteer = builtin_gazetteer()
    gold_place, inferred_place = gazetteer.get(gold), gazetteer.get(inferred)
    if gold_place is not None and inferred_place is not None:
        return gold_place.name == inferred_place.name
    return gold.endswith(inferred) or inferred.endswith(gold)


def within(gold: str, inferred: str) -> bool:
    """The same place, or a place inside the gold one (济南市 in 山东省); nothing is "inside" 全国."""
    if same_place(gold, inferred):
        return True
    gazetteer = builtin_gazetteer()
    gold_place = gazetteer.get(squash(gold)) if gold else None
    inferred_place = gazetteer.get(squash(inferred)) if inferred else None
    if gold_place is None or inferred_place is None or gold_place.level is Level.NATIONAL:
        return False
    return gold_place.name in inferred_place.parents


def _region(gold: str) -> str:
    return REGION_ALIASES.get(gold.strip(), gold.strip())


def _titles() -> dict[str, dict[str, str]]:
    path = GOLD / "titles.csv"
    return {row["file"]: row for row in _read_csv(path)} if path.is_file() else {}


def _files(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.iterdir())
            if path.is_file() and not path.name.startswith("manifest")
            and path.suffix.lower() in loading.SUPPORTED_SUFFIXES]


def compare_folder(spec: Folder, titles: Mapping[str, Mapping[str, str]], hide_names: bool = False) -> list[Comparison]:
    """Every field of every file of ``spec.folder`` that has gold, inferred and compared."""
    gold_rows = {row["file"]: row for row in _read_csv(spec.gold)}
    issuers = {row["file"]: row["region"] for row in _read_csv(spec.issuers)} if spec.issuers else {}
    corpus = spec.corpus
    found: list[Comparison] = []
    for path in _files(spec.folder):
        name = HIDDEN_NAME + path.suffix if hide_names else path.name
        meta = loading.infer_meta(loading.read_text(path), name)
        row = gold_rows.get(path.name)
        if row:
            region = _region(row.get("region", ""))
            issuer = issuers.get(path.name, region)
            if region:
                found.append(Comparison(corpus, path.name, "region", issuer, meta.region,
                                        squash(issuer) == squash(meta.region), same_place(issuer, meta.region),
                                        within(region, meta.region)))
            year = (row.get("year") or "").strip()
            if year:
                inferred = str(meta.year or "")
                found.append(Comparison(corpus, path.name, "year", year, inferred, year == inferred, year == inferred))
            doc_type = (row.get("doc_type") or "").strip()
            if spec.doc_types and doc_type:
                agrees = doc_type == meta.doc_type
                found.append(Comparison(corpus, path.name, "doc_type", doc_type, meta.doc_type, agrees, agrees))
        title_row = titles.get(path.name)
        if title_row and title_row.get("title"):
            agrees = squash(title_row["title"]) == squash(meta.title)
            found.append(Comparison(corpus, path.name, "title", title_row["title"], meta.title, agrees, agrees))
        if title_row and title_row.get("date"):
            agrees = title_row["date"] == meta.date
            found.append(Comparison(corpus, path.name, "date", title_row["date"], meta.date, agrees, agrees))
    return found


def all_comparisons(corpora: Sequence[str] | None = None, hide_names: bool = False) -> list[Comparison]:
    """Comparisons for every folder (or the named ones) whose files and gold are present."""
    titles = _titles()
    found: list[Comparison] = []
    for spec in FOLDERS:
        if corpora and spec.corpus not in corpora:
            continue
        if spec.folder.is_dir() and spec.gold.is_file():
            found += compare_folder(spec, titles, hide_names)
    return found


def agreement(comparisons: list[Comparison]) -> dict[str, dict[str, dict]]:
    """corpus -> field -> {"n", "agree", "close", "within"} (and their rates); "files" per corpus."""
    result: dict[str, dict[str, dict]] = {}
    files: dict[str, set[str]] = {}
    for c in comparisons:
        files.setdefault(c.corpus, set()).add(c.file)
        cell = result.setdefault(c.corpus, {}).setdefault(c.field, {"n": 0, "agree": 0, "close": 0})
        cell["n"] += 1
        cell["agree"] += c.agrees
        cell["close"] += c.close
        if c.within is not None:
            cell["within"] = cell.get("within", 0) + c.within
    for corpus, fields in result.items():
        for cell in fields.values():
            cell["agree_rate"] = cell["agree"] / cell["n"]
            cell["close_rate"] = cell["close"] / cell["n"]
            if "within" in cell:
                cell["within_rate"] = cell["within"] / cell["n"]
        fields["files"] = {"n": len(files[corpus])}
    return result


def all_scores() -> dict:
    return agreement(all_comparisons())


FIELDS = ("region", "year", "title", "date", "doc_type")
HEADLINE = (("region", "close"), ("region", "within"), ("year", "agree"), ("title", "agree"), ("date", "agree"),
            ("doc_type", "agree"))


def _cell(scores: Mapping, corpus: str, field: str, close: bool = False, kind: str = "") -> str:
    cell = scores.get(corpus, {}).get(field)
    kind = kind or ("close" if close else "agree")
    if not cell or kind not in cell:
        return "–"
    return f"{cell[kind] / cell['n']:.3f} ({cell[kind]}/{cell['n']})"


def _short(scores: Mapping | None, corpus: str, field: str, kind: str) -> str:
    cell = (scores or {}).get(corpus, {}).get(field)
    if not cell or kind not in cell:
        return "–"
    return f"{cell[kind]}/{cell['n']}"


def render_console(scores: Mapping) -> str:
    lines = []
    for corpus in scores:
        parts = []
        for field in FIELDS:
            if field not in scores[corpus]:
                continue
            if field == "region":
                parts.append(f"region {_cell(scores, corpus, field, kind='close')} same place, "
                             f"{_cell(scores, corpus, field)} exact, {_cell(scores, corpus, field, kind='within')} within")
            else:
                parts.append(f"{field} {_cell(scores, corpus, field)}")
        lines.append(f"metadata without a manifest, {corpus}: " + ", ".join(parts))
    return "\n".join(lines)


DESCRIPTION = (
    "Each file read and its metadata inferred as for an upload without a manifest (`index.loading.infer_meta`, "
    "the file's own name), against gold: `policy` against `eval/gold/policy_manifest.csv` (region: 全国(中央部委) "
    "= 全国, 山东省 for every provincial document; year issued; for the 26 documents whose manifest `dept` note names "
    "a city or a central body as the issuer, \"same place\" and \"exact\" are scored against that issuer's region, "
    "`eval/gold/policy_issuers.csv`, and \"within\" against the manifest's 山东省); the other folders against their own manifests "
    "(region as written there, year = the year a report was delivered or a bulletin reports on, doc_type); titles "
    "(the document's own title line, where it has one) and issue dates against `eval/gold/titles.csv`. Region "
    "agreement is \"same place\" (both names are one place of the gazetteer: 海拉尔区 = 内蒙古自治区呼伦贝尔市海拉尔区); "
    "\"within\" also accepts a place inside the gold one (济南市 for 山东省). "
    "`python -m eval.metadata_eval --all` writes this table and `eval/results/metadata.json`; `--list` lists "
    "every disagreement."
)


def render_markdown(scores: Mapping, before: Mapping | None = None) -> list[str]:
    """The tables for eval/RESULTS.md: region (same place and within), year, title, date and doc type per
    folder before (``before``, when given) and now; then every figure now, as rates."""
    lines = [DESCRIPTION, ""]
    if before:
        lines += [
            "| folder | files | region before | region after | region within before | region within after "
            "| year before | year after | title before | title after | date before | date after "
            "| doc type before | doc type after |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for corpus in scores:
            cells = [f"{_short(before, corpus, f, k)} | {_short(scores, corpus, f, k)}" for f, k in HEADLINE]
            lines.append(f"| {corpus} | {scores[corpus].get('files', {}).get('n', '–')} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += [
        "| folder | region (same place) | region (exact) | region (within) | year | title | date | doc type |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for corpus in scores:
        lines.append(
            f"| {corpus} | {_cell(scores, corpus, 'region', kind='close')} | {_cell(scores, corpus, 'region')} "
            f"| {_cell(scores, corpus, 'region', kind='within')} | {_cell(scores, corpus, 'year')} "
            f"| {_cell(scores, corpus, 'title')} | {_cell(scores, corpus, 'date')} | {_cell(scores, corpus, 'doc_type')} |"
        )
    return lines


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def before_scores() -> dict | None:
    """The recorded "before" of the table (``--save-before``), or None."""
    return _read_json(BEFORE_FILE).get("scores") or None


def write_results(path: Path, scores: Mapping, comparisons: Sequence[Comparison], before: Mapping | None,
                  hidden: Mapping | None = None) -> None:
    record = {
        "command": "python -m eval.metadata_eval --all",
        "commit": _commit(),
        "folders": {spec.corpus: {"folder": str(spec.folder.relative_to(PROJECT_ROOT)),
                                  "gold": str(spec.gold.relative_to(PROJECT_ROOT))} for spec in FOLDERS},
        "scores": scores,
        "before": before or None,
        "hidden_names": hidden,
        "disagreements": [asdict(c) for c in comparisons if not c.agrees],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.metadata_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every disagreement")
    parser.add_argument("--all", action="store_true",
                        help=f"every folder; write {RESULTS_FILE.relative_to(PROJECT_ROOT)} and print the markdown table "
                             f"(before: {BEFORE_FILE.relative_to(PROJECT_ROOT)})")
    parser.add_argument("--corpus", action="append", choices=[spec.corpus for spec in FOLDERS],
                        help="only this folder (repeatable)")
    parser.add_argument("--hide-names", action="store_true",
                        help="infer from the text alone: every file is named document.txt")
    parser.add_argument("--save-before", action="store_true",
                        help=f"record these scores as the 'before' of the table ({BEFORE_FILE.relative_to(PROJECT_ROOT)})")
    args = parser.parse_args(argv)
    corpora = None if args.all else args.corpus
    comparisons = all_comparisons(corpora, hide_names=args.hide_names)
    scores = agreement(comparisons)
    print(render_console(scores))
    if args.list:
        for c in comparisons:
            if not c.agrees:
                extra = "" if c.field != "region" else f"\tsame_place={c.close}\twithin={c.within}"
                print(f"{c.corpus}\t{c.file}\t{c.field}\tgold={c.gold!r}\tinferred={c.inferred!r}{extra}")
    if args.all or args.save_before:
        hidden = agreement(all_comparisons(corpora, hide_names=True)) if not args.hide_names else None
    if args.save_before:
        BEFORE_FILE.parent.mkdir(parents=True, exist_ok=True)
        record = {"commit": _commit(), "scores": scores, "hidden_names": hidden}
        BEFORE_FILE.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.all and not args.hide_names:
        before = _read_json(BEFORE_FILE)
        write_results(RESULTS_FILE, scores, comparisons, before, hidden)
        print()
        print("\n".join(render_markdown(scores, before.get("scores"))))
        print()
        print("Without file names (every file named document.txt: the text alone):")
        print()
        print("\n".join(render_markdown(hidden or {}, before.get("hidden_names"))[2:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
