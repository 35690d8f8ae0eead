"""The page's filters against the question: the question wins, and says so."""

from __future__ import annotations

from assistant.knowledge.gazetteer import Gazetteer
from assistant.understanding.page_filters import apply_page_filters
from assistant.understanding.parser import parse_question

GAZETTEER = Gazetteer.builtin()


def _apply(question: str, region: str | None, year: int | None):
    parsed = parse_question(question, GAZETTEER, reference_year=2024)
    match = GAZETTEER.resolve(region) if region else None
    return apply_page_filters(parsed, region, match.region if match else None, year)


def test_a_filter_narrows_a_question_that_leaves_the_region_open() -> None:
    parsed, region, year, notes = _apply("2024年GDP增长目标是多少？", "赣州市", 2024)
    assert parsed.region.name == "赣州市" and region == "赣州市" and year == 2024 and notes == ()


def test_the_question_s_region_wins_with_a_note() -> None:
    parsed, region, _, notes = _apply("萍乡2024年GDP增长目标是多少？", "赣州市", None)
    assert parsed.region.name == "萍乡市" and region is None
    assert len(notes) == 1 and "萍乡市" in notes[0] and "赣州市" in notes[0]


def test_the_question_s_year_wins_and_a_conflicting_filter_year_is_named() -> None:
    _, _, year, notes = _apply("2016年国内生产总值增长目标是多少？", None, 2018)
    assert year is None and "2018" in notes[0]
    _, _, year, notes = _apply("珠山区2023年地区生产总值是多少？", None, 2023)
    assert year is None and notes == ()  # the 2023 result is in the 2024 report: the question decides


def test_english_questions_get_english_notes() -> None:
    _, _, _, notes = _apply("What was Pingxiang's 2024 GDP target?", "赣州市", None)
    assert notes[0].startswith("Note:")


def test_a_chosen_region_without_a_report_of_the_questions_year_is_dropped_too() -> None:
    parsed = parse_question("What did the 2015 report say about mass entrepreneurship?", GAZETTEER, reference_year=2024)
    match = GAZETTEER.resolve("赣州市")
    years = {"赣州市": [2024], "全国": [2015, 2016]}
    parsed, region, year, notes = apply_page_filters(parsed, "赣州市", match.region, 2024, years_of=lambda name: years.get(name, []))
    assert region is None and year is None and parsed.region is None
    assert len(notes) == 2 and "赣州市" in notes[1] and "2015" in notes[1]
    _, kept, _, _ = apply_page_filters(
        parse_question("2024年GDP增长目标是多少？", GAZETTEER, reference_year=2024), "赣州市", match.region, 2023,
        years_of=lambda name: years.get(name, []),
    )
    assert kept == "赣州市"  # the chosen region has the question's report: it still narrows
