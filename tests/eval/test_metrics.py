import json
from dataclasses import dataclass

import pytest

from eval.metrics import (
    Outcome,
    QuestionSetError,
    abstention_precision_recall,
    aggregate,
    answer_correct,
    citation_correct,
    figure_support,
    load_questions,
    percentile,
    retrieval_rank,
    score,
)

GZ = "2024_赣州市_政府工作报告要点.txt"
PX = "2024_萍乡市_政府工作报告要点.txt"


@dataclass(frozen=True)
class P:
    text: str
    source: str


@dataclass(frozen=True)
class C:
    quote: str
    source: str


def item(**overrides) -> dict:
    base = {
        "id": "gz-gdp-target-2024",
        "question": "赣州2024年GDP增长目标是多少？",
        "language": "zh",
        "category": "target",
        "tags": [],
        "gold_answers": ["6%左右"],
        "gold_sources": [GZ],
        "evidence": ["GDP增长6%左右"],
        "answerable": True,
        "corpus": "seeds",
    }
    base.update(overrides)
    return base


UNANSWERABLE = item(
    id="un-nanchang", category="unanswerable", gold_answers=[], gold_sources=[], evidence=[], answerable=False
)
RANGE = item(id="cn-2019", category="range", gold_answers=["6%-6.5%"], evidence=["国内生产总值增长6%－6.5%"])
COMPARISON = item(
    id="cmp",
    category="comparison",
    gold_answers=["6%左右", "5.5%左右"],
    gold_sources=[GZ, PX],
    evidence=["GDP增长6%左右", "地区生产总值增长5.5%左右"],
)


# --- answer_correct


def test_correct_answer_matches_the_figure_ignoring_qualifier():
    assert answer_correct(item(), "赣州2024年GDP增长目标为6%左右[1]。", abstained=False)
    assert answer_correct(item(), "The target is 6%.", abstained=False)


def test_five_and_a_half_is_not_five():
    five = item(gold_answers=["5%左右"])
    assert not answer_correct(five, "增长5.5%左右", abstained=False)


def test_abstaining_on_an_answerable_question_is_wrong():
    assert not answer_correct(item(), "报告中没有找到6%左右的依据", abstained=True)


def test_unanswerable_is_correct_exactly_when_abstaining():
    assert answer_correct(UNANSWERABLE, "未找到", abstained=True)
    assert not answer_correct(UNANSWERABLE, "南昌市目标为8%左右", abstained=False)


def test_range_needs_both_ends():
    assert answer_correct(RANGE, "目标为6%-6.5%", abstained=False)
    assert answer_correct(RANGE, "between 6% and 6.5%", abstained=False)
    assert not answer_correct(RANGE, "目标为6%左右", abstained=False)
    assert not answer_correct(RANGE, "目标为6.5%", abstained=False)


def test_amounts_compare_after_scaling():
    amount = item(gold_answers=["287.2亿元"])
    assert answer_correct(amount, "实现地区生产总值287.2亿元", abstained=False)
    assert answer_correct(amount, "GDP reached 28.72 billion yuan", abstained=False)
    assert not answer_correct(amount, "实现地区生产总值287.2万元", abstained=False)


def test_comparison_needs_every_value():
    assert answer_correct(COMPARISON, "赣州6%左右，萍乡5.5%左右", abstained=False)
    assert not answer_correct(COMPARISON, "赣州6%左右", abstained=False)


def test_percent_is_not_percentage_points():
    points = item(gold_answers=["0.4个百分点"])
    assert answer_correct(points, "低0.4个百分点", abstained=False)
    assert not answer_correct(points, "低0.4%", abstained=False)


# --- retrieval_rank


def test_rank_is_the_first_gold_passage_with_evidence():
    passages = [
        P("GDP增长6%左右", PX),  # evidence text, wrong report
        P("全市经济稳步增长", GZ),  # right report, no evidence
        P("◆主要目标\nGDP\n增长6%左右\n规模以上工业", GZ),  # evidence across a line break
    ]
    assert retrieval_rank(item(), passages) == 3


def test_rank_is_none_when_not_retrieved_or_unanswerable():
    assert retrieval_rank(item(), [P("无关", GZ)]) is None
    assert retrieval_rank(item(), []) is None
    assert retrieval_rank(UNANSWERABLE, [P("GDP增长6%左右", GZ)]) is None


# --- citation_correct


def test_citation_needs_evidence_from_a_gold_file():
    assert citation_correct(item(), [C("GDP增长 6%左右", GZ)])
    assert not citation_correct(item(), [C("GDP增长6%左右", PX)])
    assert not citation_correct(item(), [C("GDP增长", GZ)])
    assert not citation_correct(item(), [])


def test_comparison_citation_needs_each_report():
    both = [C("GDP增长6%左右", GZ), C("地区生产总值增长\t5.5%左右", PX)]
    assert citation_correct(COMPARISON, both)
    assert not citation_correct(COMPARISON, both[:1])


def test_unanswerable_has_no_correct_citation():
    assert not citation_correct(UNANSWERABLE, [C("GDP增长6%左右", GZ)])


# --- faithfulness


def test_figure_support_counts_figures_found_in_quotes():
    answer = "2024年GDP增长6%左右，一般公共预算收入增长5%。"
    total, supported = figure_support(answer, [C("GDP增长6%左右", GZ)])
    assert (total, supported) == (2, 1)


def test_figure_support_ignores_years_and_citation_markers():
    assert figure_support("2024年目标6%左右[1]", [C("GDP增长6%左右", GZ)]) == (1, 1)


# --- Outcome, score, aggregate


def test_outcome_round_trips_through_json():
    outcome = score(item(), "6%左右", False, [P("GDP增长6%左右", GZ)], [C("GDP增长6%左右", GZ)], 12.5, "ours")
    assert outcome.correct and outcome.rank == 1 and outcome.citation_ok
    assert (outcome.figures_total, outcome.figures_supported) == (1, 1)
    assert Outcome.from_dict(json.loads(json.dumps(outcome.to_dict()))) == outcome


def test_outcome_from_dict_rejects_unknown_fields():
    data = score(item(), "6%", False).to_dict() | {"bogus": 1}
    with pytest.raises(ValueError, match="bogus"):
        Outcome.from_dict(data)


def outcome(id_, *, answerable=True, abstained=False, correct=True, rank=1, citation_ok=True,
            total=1, supported=1, latency=10.0, category="target", language="zh") -> Outcome:
    return Outcome(id_, category, language, answerable, abstained, correct, rank, citation_ok,
                   total, supported, latency)


def test_abstention_precision_and_recall():
    outcomes = [
        outcome("a", answerable=False, abstained=True),  # true positive
        outcome("b", answerable=False, abstained=False, correct=False),  # missed abstention
        outcome("c", answerable=True, abstained=True, correct=False),  # needless abstention
        outcome("d"),
    ]
    assert abstention_precision_recall(outcomes) == (0.5, 0.5)
    assert abstention_precision_recall([outcome("d")]) == (None, None)


def test_percentile_interpolates():
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([5.0], 95) == 5.0
    assert percentile([], 50) is None


def test_aggregate_overall_and_groups():
    outcomes = [
        outcome("a", rank=1, latency=10),
        outcome("b", rank=3, correct=False, citation_ok=False, supported=0, latency=20, language="en"),
        outcome("c", rank=None, correct=False, citation_ok=False, total=2, supported=1, latency=30,
                category="range"),
        outcome("d", answerable=False, abstained=True, rank=None, citation_ok=False, total=0, supported=0,
                latency=40, category="unanswerable"),
    ]
    result = aggregate(outcomes)
    overall = result["overall"]
    assert overall["n"] == 4 and overall["answerable"] == 3
    assert overall["hit@1"] == pytest.approx(1 / 3)
    assert overall["hit@5"] == pytest.approx(2 / 3)
    assert overall["mrr"] == pytest.approx((1 + 1 / 3) / 3)
    assert overall["accuracy"] == pytest.approx(2 / 4)
    assert overall["citation_accuracy"] == pytest.approx(1 / 3)
    assert overall["abstention_precision"] == 1.0 and overall["abstention_recall"] == 1.0
    assert overall["faithfulness"] == pytest.approx(2 / 4)
    assert overall["latency_p50_ms"] == 25
    assert set(result["by_category"]) == {"target", "range", "unanswerable"}
    assert result["by_category"]["unanswerable"]["hit@1"] is None
    assert result["by_language"]["en"]["n"] == 1


# --- load_questions


def write(tmp_path, *items) -> str:
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return str(path)


def test_load_questions_reads_valid_items(tmp_path):
    loaded = load_questions(write(tmp_path, item(), UNANSWERABLE))
    assert [q["id"] for q in loaded] == ["gz-gdp-target-2024", "un-nanchang"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"category": "misc"}, "category"),
        ({"language": "fr"}, "language"),
        ({"gold_answers": []}, "gold_answers"),
        ({"gold_answers": ["左右"]}, "no figure"),
        ({"answerable": "yes"}, "answerable"),
        ({"evidence": [""]}, "evidence"),
    ],
)
def test_load_questions_names_the_problem(tmp_path, bad, message):
    with pytest.raises(QuestionSetError, match=message):
        load_questions(write(tmp_path, item(**bad)))


def test_load_questions_rejects_duplicate_ids_and_bad_unanswerables(tmp_path):
    with pytest.raises(QuestionSetError, match="duplicate"):
        load_questions(write(tmp_path, item(), item()))
    with pytest.raises(QuestionSetError, match="unanswerable"):
        load_questions(write(tmp_path, dict(UNANSWERABLE, gold_answers=["6%"])))


def test_load_questions_reports_the_line_of_bad_json(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(item()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(QuestionSetError, match=r"q\.jsonl:2"):
        load_questions(path)
