"""What the reports cover, and the messages that say so when they cannot answer."""

from __future__ import annotations

from assistant.core.datatypes import ParsedQuestion


def same_region(index_region: str, asked: str) -> bool:
    """"南昌市青山湖区" answers for 青山湖区 and for itself, never for 南昌市."""
    return index_region == asked or (len(asked) >= 2 and index_region.endswith(asked))


def coverage_list(coverage: dict[str, list[int]], language: str) -> str:
    sep = ", " if language == "en" else "、"
    return sep.join(f"{region}（{'/'.join(map(str, years)) or '?'}）" for region, years in coverage.items())


def no_report_note(name: str, language: str, coverage: dict[str, list[int]]) -> str:
    listed = coverage_list(coverage, language)
    if language == "en":
        return f"There is no report from {name} in the index. The reports cover: {listed}."
    return f"索引中没有{name}的报告。现有报告覆盖：{listed}。"


def no_year_note(parsed: ParsedQuestion, regions: tuple[str, ...], available: set[int]) -> str:
    asked = "/".join(map(str, parsed.years))
    where = "、".join(regions) if regions else ("all regions" if parsed.language == "en" else "各地区")
    have = "/".join(map(str, sorted(available))) or "-"
    if parsed.language == "en":
        return f"No report covering {asked} for {where} is indexed; available report years: {have}."
    return f"{where}没有涵盖{asked}年的报告；已索引的报告年份：{have}。"
