"""What a search is narrowed to: regions and report years, the same for every retriever."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """What the search is narrowed to. Empty tuples mean "any"."""

    regions: tuple[str, ...] = ()  # canonical region names as the index has them
    years: tuple[int, ...] = ()  # delivery years of reports

    def is_empty(self) -> bool:
        return not (self.regions or self.years)

    def to_chroma_where(self) -> dict | None:
        clauses = []
        if self.regions:
            clauses.append({"region": {"$in": list(self.regions)}})
        if self.years:
            clauses.append({"year": {"$in": list(self.years)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, region: str, year: int | None) -> bool:
        return (not self.regions or region in self.regions) and (not self.years or year in self.years)

    def describe(self) -> dict:
        return {"regions": list(self.regions), "years": list(self.years)}
