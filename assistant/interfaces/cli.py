"""Command line: ``python -m assistant ingest|ask|documents|indicators|ledger|check``.

Errors the user can fix are printed as one line that says what to do, with exit code 2;
set ASSISTANT_DEBUG=1 to see the traceback instead.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from assistant.core.errors import AssistantError
from assistant.core.settings import Settings
from assistant.interfaces.logs import configure_logging


def _common_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """The options every command takes, before or after the command's name.

    On the subcommands they default to SUPPRESS, so a value given before the command is not
    overwritten by the subcommand's default.
    """
    default = {} if defaults else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--index-dir", type=Path, help="index directory (default: .index or ASSISTANT_INDEX_DIR)", **default
    )
    parser.add_argument("--config", type=Path, help="TOML settings file (default: ./assistant.toml)", **default)
    parser.add_argument(
        "-v", "--verbose", action="count", help="show details on stderr (every library's DEBUG lines)", **default
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__.splitlines()[0])
    _common_options(parser, defaults=True)
    parser.set_defaults(verbose=0)
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        _common_options(sub, defaults=False)
        return sub

    ingest = command("ingest", "index report files or folders")
    ingest.add_argument("paths", nargs="+", help="files or folders (.txt, .md, ...)")
    ingest.add_argument("--manifest", type=Path, help="CSV with file,title,region,province,level,year,doc_type")
    ingest.add_argument("--prune", action="store_true", help="remove indexed documents whose files are gone")

    ask = command("ask", "ask a question")
    ask.add_argument("question")
    ask.add_argument("--region", help="only search this region's reports")
    ask.add_argument("--year", type=int, help="only search reports delivered in this year")
    ask.add_argument("--json", action="store_true", help="print the whole answer as JSON")
    ask.add_argument("--stream", action="store_true", help="print the answer as it is generated (LLM reader)")

    documents = command("documents", "list the indexed documents; correct their metadata")
    documents.add_argument("--details", action="store_true",
                           help="show every field with how it was found (manifest, title line, file name …) and how sure")
    documents.add_argument("--set", nargs="+", metavar="SOURCE FIELD=VALUE",
                           help="correct a document's metadata: --set province_005.txt region=山东省 year=2019 "
                                "(fields: title, region, year, date, doc_type, issuer, level, province; FIELD= clears)")

    check = command("check", "check that the registry, passages and keyword index agree")
    check.add_argument("--repair", action="store_true", help="remove leftovers of an interrupted ingest first")
    check.add_argument("--json", action="store_true", help="print the report as JSON")

    indicators = command("indicators", "print the indicator table (targets, actuals, estimates)")
    indicators.add_argument("--year", type=int, help="only figures for this year")
    indicators.add_argument(
        "--indicator", help="only this indicator: a key or any of its names (gdp, GDP, 地区生产总值, 生产总值)"
    )
    indicators.add_argument("--kind", choices=["target", "actual", "estimate"], help="only this kind of figure")
    indicators.add_argument("--csv", action="store_true", help="print CSV instead of a table")

    ledger = commands.add_parser("ledger", help="print targets against results (did they meet the target?)")
    ledger.add_argument("--region", help="a region as you would write it: 海拉尔区, Hailar, 全国")
    ledger.add_argument("--indicator", help="an indicator key or name: gdp, GDP, 地区生产总值, retail_sales")
    ledger.add_argument("--year", type=int, action="append", dest="years", help="only this year (repeatable)")
    ledger.add_argument("--all-measures", action="store_true", help="a growth rate and a level each get a row")
    ledger.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(logging.DEBUG if args.verbose else logging.WARNING)
    try:
        settings = Settings.load(config_file=args.config)
        if args.index_dir:
            settings = settings.with_overrides(index_dir=args.index_dir)
        return COMMANDS[args.command](args, settings)
    except AssistantError as error:
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        print(f"error: {error}", file=sys.stderr)
        return 2


def _assistant(settings: Settings):
    from assistant.api import Assistant

    return Assistant(settings=settings)


def progress_bar(description: str = "embedding"):
    """A terminal progress bar (rate and ETA) for ``Assistant.ingest(progress=...)``."""
    from tqdm import tqdm

    bar = None

    def progress(done: int, total: int, label: str) -> None:
        nonlocal bar
        if total <= 0:  # not a count: a state such as waiting for another ingest (logged as well)
            return
        if bar is None:
            bar = tqdm(total=total, unit="passage", desc=description, file=sys.stderr, dynamic_ncols=True)
        bar.set_postfix_str(label[:40], refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return progress


def _listed(label: str, items: Iterable[str]) -> None:
    """One line per item under a label: "indexed    2024_赣州市….txt"."""
    for item in items:
        print(f"{label:<10} {item}")


def cmd_ingest(args, settings: Settings) -> int:
    report = _assistant(settings).ingest(
        args.paths, manifest=args.manifest, prune=args.prune, progress=progress_bar()
    )
    _listed("indexed", report.added)
    _listed("unchanged", report.unchanged)
    _listed("removed", report.removed)
    _listed("FAILED", (f"{failure.path}: {failure.reason}" for failure in report.failed))
    print(report.summary())
    return 0 if report.ok else 1


def cmd_ask(args, settings: Settings) -> int:
    bot = _assistant(settings)
    bot.ensure_index(progress=progress_bar())
    status = settings.reader_status()
    if args.stream and not args.json:
        answer = _print_stream(bot.stream(args.question, region=args.region, year=args.year))
    else:
        answer = bot.answer(args.question, region=args.region, year=args.year)
    print(f"reader: {answer.reader} · {status.describe()}", file=sys.stderr)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if not args.stream:
        print(answer.text)
    for citation in answer.citations:
        quote = " ".join(citation.quote.split())
        print(f"[{citation.number}] {citation.source} ({citation.region}, {citation.year}) "
              f"chars {citation.start}-{citation.end}: “{quote}”")
    for notice in answer.notices:
        print(f"note: {notice}")
    return 0


def _print_stream(response):
    """Print the text as it arrives; if the final answer differs (it failed verification), print it."""
    for chunk in response:
        print(chunk, end="", flush=True)
    print()
    if response.replaced:
        print("-- replaced by:")
        print(response.answer.text)
    return response.answer


def cmd_documents(args, settings: Settings) -> int:
    bot = _assistant(settings)
    if args.set:
        source, *pairs = args.set
        record = bot.correct(source, _field_values(pairs))
        print(f"corrected  {record.meta.source}: {record.n_passages} passages re-tagged")
        _print_fields(record.meta)
        return 0
    for record in bot.documents():
        meta = record.meta
        print(f"{meta.region}\t{meta.year or '?'}\t{record.n_passages} passages\t{meta.source}\t{meta.title}")
        if args.details:
            _print_fields(meta)
    return 0


def _field_values(pairs: list[str]) -> dict[str, str]:
    from assistant.core.errors import MetadataError

    if not pairs:
        raise MetadataError("say what to set after the file name, e.g. --set province_005.txt region=山东省 year=2019")
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise MetadataError(f"{pair!r} is not FIELD=VALUE; write e.g. region=山东省 (or region= to clear it)")
        name, _, value = pair.partition("=")
        values[name.strip()] = value.strip()
    return values


def _print_fields(meta) -> None:
    """Each field, its value, how it was found and how sure: "    region    山东省  issuer (closing lines) 0.90 …"."""
    from index.metadata import describe

    for name, value, method, confidence, evidence in describe(meta):
        how = f"{method} {confidence:.2f}" if method else "not found"
        print(f"    {name:<9} {value or '-'}\t{how}" + (f"\t“{evidence}”" if evidence and evidence != value else ""))


def cmd_indicators(args, settings: Settings) -> int:
    from assistant.interfaces.indicator_table import to_csv
    from assistant.knowledge.lexicon import resolve_indicator

    key = resolve_indicator(args.indicator).key if args.indicator else None  # GDP, 地区生产总值, 生产总值 -> gdp
    bot = _assistant(settings)
    bot.ensure_index(progress=progress_bar())
    rows = bot.indicator_rows(indicator=key, year=args.year, kind=args.kind)
    if args.csv:
        sys.stdout.write(to_csv(rows))
        return 0
    for row in rows:
        change = {"up": "+", "down": "-"}.get(row.direction, "")
        print(f"{row.region}\t{row.year or '?'}\t{row.indicator}\t{row.kind.value}\t{change}{row.figure_text}"
              f"\t{row.source}\t“{' '.join(row.quote.split())}”")
    print(f"{len(rows)} rows")
    return 0


def cmd_ledger(args, settings: Settings) -> int:
    from assistant.interfaces.ledger_view import ledger_csv, ledger_line

    bot = _assistant(settings)
    bot.ensure_index(progress=progress_bar())
    rows = bot.ledger(region=args.region, indicator=args.indicator, years=args.years, headline=not args.all_measures)
    if args.csv:
        sys.stdout.write(ledger_csv(rows))
        return 0
    for row in rows:
        print(ledger_line(row))
    if not rows:
        regions = ", ".join(bot.coverage()) or "none"
        print(f"no targets or results for {args.region or 'any region'}"
              f"{' and ' + args.indicator if args.indicator else ''}; indexed regions: {regions}", file=sys.stderr)
        return 1
    print(f"{len(rows)} rows")
    return 0


def cmd_check(args, settings: Settings) -> int:
    from index.consistency import check_index, repair_index

    indexer = _assistant(settings).indexer
    report = repair_index(indexer) if args.repair else check_index(indexer)
    if args.json:
        print(json.dumps({**dataclasses.asdict(report), "ok": report.ok}, ensure_ascii=False, indent=2))
        return 0 if report.ok else 1
    _listed("PROBLEM", report.problems)
    _listed("leftover", report.leftovers)
    print(report.summary())
    return 0 if report.ok else 1


COMMANDS = {
    "ingest": cmd_ingest,
    "ask": cmd_ask,
    "documents": cmd_documents,
    "indicators": cmd_indicators,
    "ledger": cmd_ledger,
    "check": cmd_check,
}
