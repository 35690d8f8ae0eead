"""The year a document was issued (a report: delivered), never a year it sets a target for (see the
package docstring)."""

from __future__ import annotations

import re
from collections import Counter

from assistant.knowledge.documents import document_words
from assistant.knowledge.years import CN_YEAR, YEAR, YEAR_OF_TEXT, chinese_year
from index.metadata.text import FILE_NAME, ISSUED_DOCUMENT, SECTION_YEARS, TEXT_YEARS, TITLE_LINE, Found, Text
from index.metadata.title import NUMBERED, SENTENCE

_RANGE = re.compile(rf"{YEAR}\s*年?\s*[—–\-~～至到]+\s*{YEAR}")
_STEM_YEAR = re.compile(rf"(?<!\d)({YEAR})(?!\d)(?!\s*[-—–~至到]\s*(?:19|20)?\d{{2}})")


# ---- year ---------------------------------------------------------------------------------


def find_year(doc: Text, title: Found, date: Found | None, doc_type: Found | None) -> Found | None:
    bulletin = doc_type is not None and doc_type.value == "统计公报"
    if date is not None and date.method != FILE_NAME and not bulletin:
        return Found(int(str(date.value)[:4]), date.method, date.confidence, date.evidence)
    title_years = _issue_years(str(title.value)) if title.method in (TITLE_LINE, ISSUED_DOCUMENT) else []
    is_report = doc_type is not None and doc_type.value in ("政府工作报告", "计划报告", "统计公报", "报告")
    if title_years and doc_type is not None and doc_type.value in ("政府工作报告", "计划报告", "统计公报"):
        # "…2022年…执行情况与2023年…草案": delivered 2023; a bulletin is filed under the year it reports on
        return Found(max(title_years), title.method, 0.9, str(title.value))
    stem = _stem_year(doc.stem)
    if date is not None:
        return Found(int(str(date.value)[:4]), FILE_NAME, 0.8, doc.stem)
    if stem is not None:
        return stem
    if title_years:
        return Found(max(title_years), title.method, 0.6, str(title.value))
    if is_report or any(word in doc.body[:5000] for word in document_words().report_words):
        return _section_year(doc.body) or _report_year(doc.body)
    return None


def _issue_years(text: str) -> list[int]:
    """Years a text names (2024年, 二〇二四年) that are not targets (到2025年) nor periods (2021—2025年)."""
    text = _issue_text(text)
    masked = _RANGE.sub(lambda m: "#" * len(m.group(0)), text)
    masked = re.sub(r"《[^《》]*》", lambda m: "#" * len(m.group(0)), masked)
    before = document_words().target_year_before
    years = []
    for match in YEAR_OF_TEXT.finditer(masked):
        if not masked[: match.start()].endswith(before):
            years.append(int(match.group(1)))
    return years


def _stem_year(stem: str) -> Found | None:
    match = _STEM_YEAR.search(stem)
    if match:
        return Found(int(match.group(1)), FILE_NAME, 0.75, stem)
    return None


def _section_year(body: str) -> Found | None:
    """The year a report was delivered, by its section headings: "一、2023年工作回顾" (2024),
    "二、2024年工作安排" (2024); the year most headings give, a planned year on a tie."""
    words = document_words()
    review = "|".join(re.escape(word) for word in words.review_headings)
    plan = "|".join(re.escape(word) for word in words.plan_headings)
    if not review and not plan:
        return None
    pattern = re.compile(rf"({YEAR})年[^，,。；;：:]{{0,12}}?(?:(?P<review>{review or '(?!)'})|(?P<plan>{plan or '(?!)'}))")
    votes: Counter[tuple[int, int]] = Counter()  # (year, 1 for a plan) -> headings
    evidence: dict[int, str] = {}
    for line in _issue_text(body[:60000]).split("\n"):
        line = line.strip()
        if not line or not (NUMBERED.match(line) or len(line) <= 30) or SENTENCE.search(line):
            continue
        for match in pattern.finditer(line):
            year = int(match.group(1)) + (1 if match.group("review") else 0)
            votes[(year, 0 if match.group("review") else 1)] += 1
            evidence.setdefault(year, line[:60])
    if not votes:
        return None
    totals = Counter({year: 0 for year, _ in votes})
    for (year, _), count in votes.items():
        totals[year] += count
    year = max(totals, key=lambda y: (totals[y], votes.get((y, 1), 0)))
    return Found(year, SECTION_YEARS, 0.7, evidence[year])


def _issue_text(text: str) -> str:
    """``text`` with years in Chinese numerals written in digits (二〇二四年 -> 2024年), same length."""
    return CN_YEAR.sub(lambda m: f"{chinese_year(m.group(1)):04d}年", text)


def _report_year(body: str) -> Found | None:
    """A report reviews one year and plans the next: the most named year, or the year after it
    when that is named at least half as often. Targets (到2025年) and periods are left out."""
    counts = Counter(_issue_years(body))
    if not counts:
        return None
    year, count = counts.most_common(1)[0]
    if counts.get(year + 1, 0) * 2 >= count:
        year += 1
    return Found(year, TEXT_YEARS, 0.4, f"{year - 1}年 ×{counts.get(year - 1, 0)}, {year}年 ×{counts.get(year, 0)}")

