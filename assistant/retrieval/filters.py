"""What a search is narrowed to: regions and report years, the same for every retriever.

Filters cannot hide the answer: a document whose region or year is unknown passes every filter,
and a year narrows reports only (政府工作报告, 计划报告, 统计公报: their year is the year they report
on); a plan or notice issued in 2021 that sets targets for 2025 passes a question about 2025.
The nation's regions chosen for a question that names no place (``default_regions``) narrow the
reports too, and leave other documents in.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.knowledge.documents import REPORT_TYPES


@dataclass(frozen=True)
class Filters:
    """What the search is narrowed to. Empty tuples mean "any"."""

    regions: tuple[str, ...] = ()  # canonical region names as the index has them
    years: tuple[int, ...] = ()  # delivery years of reports
    default_regions: tuple[str, ...] = ()  # regions assumed, not asked for: they narrow the reports only
    strict_years: bool = False  # the years narrow every document (a year chosen in a filter, not asked)
    notes: tuple[str, ...] = ()  # what the answer must say about the search ("山东省 matched no document's region")

    def is_empty(self) -> bool:
        return not (self.regions or self.years or self.default_regions)

    def to_chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        not_a_report = {"doc_type": {"$nin": list(REPORT_TYPES)}}
        if self.regions:
            clauses.append({"region": {"$in": [*self.regions, ""]}})
        if self.default_regions:
            clauses.append({"$or": [{"region": {"$in": [*self.default_regions, ""]}}, not_a_report]})
        if self.years:
            in_years = {"year": {"$in": [*self.years, 0]}}
            clauses.append(in_years if self.strict_years else {"$or": [in_years, not_a_report]})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, region: str, year: int | None, doc_type: str = "") -> bool:
        report = doc_type in REPORT_TYPES
        return (
            (not self.regions or not region or region in self.regions)
            and (not self.default_regions or not region or region in self.default_regions or not report)
            and (not self.years or not year or year in self.years or (not report and not self.strict_years))
        )

    def describe(self) -> dict:
        return {"regions": list(self.regions or self.default_regions), "years": list(self.years)}
