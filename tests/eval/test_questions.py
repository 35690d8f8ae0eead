"""The dev question set (schema v2) and the smoke subset are data the scoreboard trusts: check them
against the report files. (``python -m eval.check_sets`` checks every set; see eval/QUESTIONS.md.)"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.knowledge.figures import contains_figure, parse_figure
from eval.check_sets import check, squash
from eval.metrics import load_questions

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "eval" / "sets" / "dev.jsonl"
SMOKE = ROOT / "eval" / "smoke.jsonl"
CORPUS_DIRS = {"seeds": ROOT / "data" / "reports", "national": ROOT / "data" / "national"}


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return load_questions(QUESTIONS)


@pytest.fixture(scope="module")
def smoke() -> list[dict]:
    return load_questions(SMOKE)


@pytest.fixture(scope="module")
def source_texts() -> dict[tuple[str, str], str]:
    texts = {}
    for corpus, folder in CORPUS_DIRS.items():
        for path in folder.glob("*.txt"):
            texts[(corpus, path.name)] = path.read_text(encoding="utf-8")
    return texts


def answerable(items: list[dict]) -> list[dict]:
    return [item for item in items if item["answerable"]]  # figures and comparisons in the dev set


def test_full_set_is_large_enough(questions):
    assert len(questions) >= 150


def test_english_and_unanswerable_proportions(questions):
    english = sum(1 for item in questions if item["language"] == "en")
    unanswerable = sum(1 for item in questions if item["expect"] == "abstain")
    assert english / len(questions) >= 0.20
    assert unanswerable / len(questions) >= 0.15


def test_the_original_categories_are_covered(questions):
    counts = Counter(item["category"] for item in questions)
    assert {"target", "actual", "count_amount", "rate_change", "range", "synonym", "comparison", "unanswerable",
            "year_disambiguation"} <= set(counts)
    assert counts["comparison"] >= 6


def test_the_set_passes_the_checker():
    assert check([QUESTIONS]) == []


def test_every_figure_has_the_year_and_kind_it_is_for(questions):
    figures = [item for item in questions if item["expect"] == "figure"]
    assert len(figures) >= 200
    for item in figures:
        assert item["gold_kind"] in ("target", "actual", "estimate"), item["id"]
        asked = {int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", item["question"]) if 2000 < int(y) < 2030}
        if len(asked) == 1 and item["id"] != "cn-gdp-2017-en":  # "in 2017 according to the 2018 report"
            assert item["gold_year"] in asked, item["id"]


def test_smoke_is_a_subset_of_the_full_set(questions, smoke):
    full = {item["id"]: item for item in questions}
    for item in smoke:
        assert item["id"] in full, item["id"]
        assert item == full[item["id"]], item["id"]


def test_smoke_is_balanced(smoke):
    assert 20 <= len(smoke) <= 30
    assert {item["language"] for item in smoke} == {"zh", "en"}
    assert sum(1 for item in smoke if item["expect"] == "abstain") >= 4
    assert len({item["category"] for item in smoke}) >= 6


def test_smoke_holds_the_six_anchor_questions(smoke):
    by_question = {item["question"]: item for item in smoke}
    assert by_question["赣州2024年GDP增长目标是多少？"]["evidence"] == ["GDP增长6%左右"]
    assert "What was Ganzhou's 2024 GDP target?" in by_question
    assert by_question["珠山区2023年地区生产总值是多少？"]["gold_answers"] == ["287.2亿元"]
    assert by_question["南昌市2024年GDP增长目标是多少？"]["expect"] == "abstain"
    energy = next(item for item in smoke if item["question"].startswith("萍乡2024年万元GDP能耗下降目标"))
    assert contains_figure(energy["gold_answers"][0], parse_figure("3.5%"))
    district = next(item for item in smoke if item["question"].startswith("青山湖区2023年地区生产总值增长目标"))
    assert contains_figure(district["gold_answers"][0], parse_figure("8%"))


def test_gold_sources_exist_in_their_corpus(questions, source_texts):
    for item in answerable(questions):
        for source in item["gold_sources"]:
            assert (item["corpus"], source) in source_texts, (item["id"], source)


def test_evidence_occurs_in_a_gold_source_ignoring_whitespace(questions, source_texts):
    for item in answerable(questions):
        texts = [squash(source_texts[(item["corpus"], source)]) for source in item["gold_sources"]]
        for evidence in item["evidence"]:
            assert any(squash(evidence) in text for text in texts), (item["id"], evidence)


def test_every_gold_answer_is_in_the_evidence_or_source(questions, source_texts):
    for item in answerable(questions):
        places = item["evidence"] + [source_texts[(item["corpus"], s)] for s in item["gold_sources"]]
        for answer in item["gold_answers"]:
            figure = parse_figure(answer)
            assert any(contains_figure(place, figure) for place in places), (item["id"], answer)


def test_comparisons_have_one_answer_and_evidence_per_report(questions):
    for item in questions:
        if item["expect"] == "comparison":
            assert len(item["gold_sources"]) >= 2, item["id"]
            assert len(item["gold_answers"]) == len(item["gold_sources"]), item["id"]
            assert len(item["evidence"]) == len(item["gold_sources"]), item["id"]


def test_national_manifest_lists_exactly_the_copied_reports():
    folder = CORPUS_DIRS["national"]
    with (folder / "manifest.csv").open(encoding="utf-8") as handle:
        listed = {row["file"] for row in csv.DictReader(handle)}
    assert listed == {path.name for path in folder.glob("*.txt")}
