"""What the reports cover, and the messages that say so when they cannot answer."""

from __future__ import annotations

from assistant.core.datatypes import Answer, ParsedQuestion


def same_region(index_region: str, asked: str) -> bool:
    """"南昌市青山湖区" answers for 青山湖区 and for itself, never for 南昌市."""
    return index_region == asked or (len(asked) >= 2 and index_region.endswith(asked))


def coverage_list(coverage: dict[str, list[int]], language: str) -> str:
    """"赣州市（2024）、萍乡市（2024）"; documents whose region is unknown are listed as such, never
    as years without a region."""
    sep = ", " if language == "en" else "、"
    unknown = "region not identified" if language == "en" else "地区未识别的文件"
    return sep.join(f"{region or unknown}（{'/'.join(map(str, years)) or '?'}）" for region, years in coverage.items())


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


def missing_region_note(name: str, language: str, coverage: dict[str, list[int]]) -> str:
    """No report from ``name``: say so, and say when only places below it reported (their figures
    are not ``name``'s)."""
    children = [r for r in coverage if r.startswith(name) and r != name]
    if children:
        listed = "、".join(children)
        if language == "en":
            return (
                f"There is no report from {name} itself; only {listed} (part of {name}) reported, "
                f"and its figures are not {name}'s."
            )
        return f"索引中没有{name}本级的报告，只有其下辖的{listed}的报告，其数字不能代表{name}。"
    return no_report_note(name, language, coverage)


def searched_note(language: str, regions: tuple[str, ...], coverage: dict[str, list[int]]) -> str:
    """What was searched, for an abstention: "检索范围：赣州市（2024）。"."""
    listed = coverage_list({r: coverage[r] for r in regions if r in coverage}, language)
    if language == "en":
        return f"Searched: {listed}."
    return f"检索范围：{listed}。"


def clarification(parsed: ParsedQuestion) -> Answer:
    """For a follow-up the conversation does not explain ("那个呢？"): ask what is meant."""
    if parsed.language == "en":
        text = ("Which region, year or figure do you mean? Please ask in full, for example: "
                "“What was Ganzhou's 2024 GDP growth target?”")
    else:
        text = "请问您指的是哪个地区、哪一年的哪项内容？请把问题说完整，例如：“赣州2024年GDP增长目标是多少？”"
    return Answer(question=parsed.text, text=text, abstained=True, parsed=parsed, reader="extractive",
                  clarification=True)


def unmatched_region_note(name: str, language: str) -> str:
    """The question's place matched no document's region: every document was searched for its name."""
    if language == "en":
        return f"{name} could not be matched to the region of any indexed document; all documents were searched for {name}."
    return f"“{name}”未能与任何已索引文件的地区信息对应，已在全部文件中检索“{name}”。"


def part_region_note(name: str, inside: tuple[str, ...], language: str) -> str:
    """No document is tagged with the place; those of places inside it were searched."""
    listed = (", " if language == "en" else "、").join(inside)
    if language == "en":
        return f"No indexed document is tagged {name}; searched the documents of {listed} (part of {name})."
    return f"没有标注为{name}的文件，已检索其下辖的{listed}的文件。"
