"""The page's (or the CLI's) region and year filters against the question: the question wins.

A filter narrows the search when the question leaves it open ("GDP增长目标是多少？" with 赣州市 chosen
searches 赣州市). When the question names another region or year ("萍乡2024年…" while 赣州市 is chosen),
the question's is searched and the answer says so in one line.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

from assistant.core.datatypes import ParsedQuestion, Region


def _same(one: str, other: str) -> bool:
    """"南昌市青山湖区" and "青山湖区" name one region."""
    return one == other or one.endswith(other) or other.endswith(one)


def apply_page_filters(
    parsed: ParsedQuestion,
    region_text: str | None,
    region: Region | None,
    year: int | None,
    years_of: Callable[[str], Collection[int]] | None = None,
) -> tuple[ParsedQuestion, str | None, int | None, tuple[str, ...]]:
    """``(parsed, region filter, report-year filter, notes)`` after reconciling the filters with the question.

    ``region_text`` is the filter as chosen, ``region`` what the gazetteer made of it (None: unknown).
    The filters that stand are returned; a filter the question overrides is dropped with a note.
    ``years_of`` (a region's report years in the index): when the question's year overrides the year
    filter and the chosen region has no report of that year ("What did the 2015 report say…" while
    赣州市 2024 is chosen), the region filter is dropped too, with a note.
    """
    notes: list[str] = []
    asked = parsed.region.name if parsed.region else parsed.region_mention
    original = parsed
    if region_text:
        chosen = region.name if region else region_text
        if asked and not _same(asked, chosen):
            notes.append(_region_note(parsed.language, asked, region_text))
            region_text = None
        elif region is not None:
            parsed = replace(parsed, region=region, region_mention=region_text)
        else:
            parsed = replace(parsed, region=None, region_mention=region_text)
    wanted = parsed.report_years()
    if year and parsed.years and year != wanted[0]:
        # the question's years decide which reports hold the answer (a 2023 result is in the 2024 report)
        if year not in wanted:
            notes.append(_year_note(parsed.language, parsed.years, year))
        year = None
        if region_text and not asked and region is not None and years_of is not None:
            if not set(years_of(region.name)) & set(wanted):
                notes.append(_no_report_note(parsed.language, region_text, parsed.years))
                parsed, region_text = original, None
    return parsed, region_text, year, tuple(notes)


def _no_report_note(language: str, chosen: str, years: tuple[int, ...]) -> str:
    asked = "/".join(map(str, years))
    if language == "en":
        return f"Note: the filter's {chosen} has no report for {asked}; every region was searched."
    return f"注：筛选的“{chosen}”没有{asked}年的报告，已在全部地区中检索。"


def _region_note(language: str, asked: str, chosen: str) -> str:
    if language == "en":
        return f"Note: the question asks about {asked}, not the filter's {chosen}; {asked} was searched."
    return f"注：问题问的是{asked}，与筛选的“{chosen}”不同，已按问题检索。"


def _year_note(language: str, years: tuple[int, ...], chosen: int) -> str:
    asked = "/".join(map(str, years))
    if language == "en":
        return f"Note: the question asks about {asked}, not the filter's {chosen} reports; the filter was not applied."
    return f"注：问题问的是{asked}年，未按筛选的{chosen}年报告检索。"


__all__ = ["apply_page_filters"]
