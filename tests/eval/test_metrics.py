import json
from dataclasses import replace
from pathlib import Path

import pytest

from eval.metrics import (
    Outcome,
    QuestionSetError,
    abstention_precision_recall,
    aggregate,
    bootstrap_difference,
    bootstrap_interval,
    citation_correct,
    load_questions,
    outcome,
    percentile,
    retrieval_rank,
    schema_problems,
    strict_gap,
    summarize,
)
from eval.runner import QuestionSet, _asked_with, select_sets, side_of
from eval.baselines import System
from eval.scoring import Reply
from tests.eval.helpers import GZ, PX, C, P, figure_item

item = figure_item

ABSTAIN = item(id="un", category="unanswerable", expect="abstain", answerable=False, gold_sources=[], evidence=[])


# --- loading


def test_schema_problems_name_the_missing_v2_fields():
    assert schema_problems(item()) == []
    assert "gold_kind must be one of target, actual, estimate" in schema_problems(item(gold_kind="plan"))
    assert any("gold_year" in p for p in schema_problems({k: v for k, v in item().items() if k != "gold_year"}))
    assert any("answerable=True does not fit" in p for p in schema_problems(item(expect="abstain")))


def test_load_questions_names_the_line_of_a_bad_item(tmp_path: Path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(item()) + "\n" + json.dumps(item(id="x", expect="weird")) + "\n", encoding="utf-8")
    with pytest.raises(QuestionSetError, match=r"dev.jsonl:2 \(x\).*expect 'weird'"):
        load_questions(path)


def test_load_questions_rejects_duplicate_ids(tmp_path: Path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(item()) + "\n" + json.dumps(item()) + "\n", encoding="utf-8")
    with pytest.raises(QuestionSetError, match="duplicate id"):
        load_questions(path)


# --- retrieval and citations


def test_rank_is_the_first_gold_passage_with_evidence():
    passages = [P("GDP增长6%左右", PX), P("全市经济稳步增长", GZ), P("◆主要目标\nGDP\n增长6%左右", GZ)]
    assert retrieval_rank(item(), passages) == 3
    assert retrieval_rank(item(), [P("无关", GZ)]) is None
    assert retrieval_rank(ABSTAIN, [P("GDP增长6%左右", GZ)]) is None


def test_citation_needs_evidence_from_every_gold_file():
    assert citation_correct(item(), [C("GDP增长 6%左右", GZ)])
    assert not citation_correct(item(), [C("GDP增长6%左右", PX)])
    both = item(gold_sources=[GZ, PX], evidence=["GDP增长6%左右", "地区生产总值增长5.5%左右"])
    assert citation_correct(both, [C("GDP增长6%左右", GZ), C("地区生产总值增长\t5.5%左右", PX)])
    assert not citation_correct(both, [C("GDP增长6%左右", GZ)])


# --- outcomes


def scored(question: dict, text: str, *, abstained=False, passages=(), citations=(), k=8, **kwargs) -> Outcome:
    return outcome(question, "dev", "ours", Reply(text, abstained, tuple(citations)), list(passages), k=k, **kwargs)


def test_outcome_scores_strict_lenient_rank_and_round_trips():
    result = scored(item(), "赣州市2024年GDP目标：6%左右。原文：“GDP增长6%左右”[1]",
                    passages=[P("x", GZ), P("GDP增长6%左右", GZ)], citations=[C("GDP增长6%左右", GZ)])
    assert result.strict and result.lenient and result.rank == 2 and result.citation_ok
    assert Outcome.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    with pytest.raises(ValueError, match="bogus"):
        Outcome.from_dict(result.to_dict() | {"bogus": 1})


def test_faithfulness_is_counted_only_for_readers_that_write_their_own_text():
    copied = scored(item(), "目标6%左右，收入5%。")
    assert (copied.figures_total, copied.figures_supported) == (0, 0)
    written = scored(item(), "目标6%左右[1]，收入5%。", writes_own_text=True, support_texts=["GDP增长6%左右"])
    assert (written.figures_total, written.figures_supported) == (2, 1)


def test_summary_scores_each_system_at_its_own_k():
    ranks = [1, 4, 6, None]
    outcomes = [replace(scored(item(id=str(i)), "6%左右", k=4), rank=r) for i, r in enumerate(ranks)]
    summary = summarize(outcomes)
    assert summary["k"] == 4 and summary["hit@k"]["value"] == 0.5
    assert summary["hit@5"] is None  # it hands over only 4 passages
    eight = summarize([replace(o, k=8) for o in outcomes])
    assert eight["hit@k"]["value"] == 0.75 and eight["hit@5"]["value"] == 0.5


def test_abstention_precision_and_recall():
    outcomes = [
        scored(ABSTAIN, "没有", abstained=True),  # true positive
        scored(ABSTAIN, "8%"),  # missed abstention
        scored(item(), "没有", abstained=True),  # needless abstention
        scored(item(), "6%左右"),
    ]
    assert abstention_precision_recall(outcomes) == (0.5, 0.5)


def test_aggregate_groups_by_set_category_expect_language_and_corpus():
    result = aggregate([scored(item(), "6%左右"), scored(ABSTAIN, "没有", abstained=True)])
    assert set(result) == {"overall", "by_set", "by_category", "by_expect", "by_language", "by_corpus"}
    assert result["by_expect"]["abstain"]["strict"]["value"] == 1.0


# --- intervals


def test_bootstrap_interval_is_fixed_by_its_seed_and_brackets_the_mean():
    values = [1.0] * 80 + [0.0] * 20
    low, high = bootstrap_interval(values)
    assert low < 0.8 < high and 0.05 < high - low < 0.25
    assert bootstrap_interval(values) == (low, high)
    assert bootstrap_interval([]) is None
    assert bootstrap_interval([1.0, 1.0]) == (1.0, 1.0)


def test_gap_is_test_minus_dev_with_an_interval():
    dev = [replace(scored(item(id=str(i)), "6%左右"), set="dev") for i in range(10)]
    test = [replace(o, set="test_x", strict=i % 2 == 0) for i, o in enumerate(dev)]
    gap = strict_gap(dev, test)
    assert gap["value"] == pytest.approx(-0.5)
    low, high = gap["interval"]
    assert low < -0.5 < high
    assert bootstrap_difference([1.0], []) is None


def test_percentile_interpolates():
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([], 50) is None


# --- runner helpers


def test_sets_are_selected_by_side_or_name():
    sets = [QuestionSet(n, Path(f"{n}.jsonl"), side_of(n)) for n in ("dev", "dev_kinds", "test_kinds", "test_figures_local")]
    assert [s.name for s in select_sets(sets, "dev")] == ["dev", "dev_kinds"]
    assert [s.name for s in select_sets(sets, "test")] == ["test_kinds", "test_figures_local"]
    assert [s.name for s in select_sets(sets, "test_figures,dev_kinds")] == ["test_figures_local", "dev_kinds"]
    assert select_sets(sets, None) == sets
    with pytest.raises(SystemExit, match="no question set matches"):
        select_sets(sets, "nope")


def test_history_and_filters_are_passed_only_to_systems_that_take_them():
    followup = item(history=["赣州2024年GDP目标？"], filters={"region": "赣州市", "year": 2024})
    bare = System("b", lambda *a: None, 4)
    both = System("o", lambda *a: None, 8, takes_history=True, takes_filters=True)
    assert _asked_with(followup, bare) == (None, None, "history dropped, filters dropped")
    assert _asked_with(followup, both) == (["赣州2024年GDP目标？"], {"region": "赣州市", "year": 2024}, "history, filters")
    assert _asked_with(item(), both) == (None, None, "")


def test_the_first_scoring_of_a_test_set_is_kept_and_compared_with_later_runs(tmp_path: Path):
    from eval.report import first_scoring_rows
    from eval.runner import read_first_scoring, record_first_scoring

    first_run = [replace(scored(item(id=str(i)), "6%左右"), set="test_x", strict=i < 2) for i in range(4)]
    dev_run = [replace(o, set="dev") for o in first_run]
    record_first_scoring(tmp_path, first_run + dev_run, "extractive")
    later = [replace(o, strict=o.id in ("1", "2", "3")) for o in first_run]
    record_first_scoring(tmp_path, later, "extractive")  # does not overwrite the first

    first = read_first_scoring(tmp_path)
    assert set(first) == {"test_x"} and first["test_x"]["ours"]["strict"]["value"] == 0.5
    (row,) = first_scoring_rows({"ours": later}, first)
    assert row[0] == "`test_x`" and row[4].startswith("0.500") and row[6].startswith("0.750")
    assert row[-1] == "+2 / −1"
