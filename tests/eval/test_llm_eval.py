"""The eval runner with the LLM reader (a real OpenAI-compatible server on loopback), scoring
numeric faithfulness: a faithful generated answer counts, an invented figure never reaches the
scoreboard (verification replaces it by the extractive answer)."""

from __future__ import annotations

import json
import re

import pytest

from eval import metrics
from eval.runner import main
from tests.fakes.openai_server import openai_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

GANZHOU = {
    "id": "gz-gdp", "question": "赣州2024年GDP增长目标是多少？", "language": "zh", "category": "target",
    "expect": "figure", "gold_answers": ["6%左右"], "gold_year": 2024, "gold_kind": "target",
    "gold_sources": ["2024_赣州市_政府工作报告要点.txt"], "evidence": ["GDP增长6%左右"],
    "answerable": True, "corpus": "seeds",
}
PINGXIANG = {
    "id": "px-energy", "question": "萍乡2024年万元GDP能耗下降目标", "language": "zh", "category": "target",
    "expect": "figure", "gold_answers": ["3.5%左右"], "gold_year": 2024, "gold_kind": "target",
    "gold_sources": ["2024_萍乡市_政府工作报告要点.txt"], "evidence": ["万元GDP能耗下降3.5%左右"],
    "answerable": True, "corpus": "seeds",
}


def _passage_number(bot, question: str, evidence: str) -> int:
    """Where the evidence sits among the passages the LLM will be given ([n] is 1-based)."""
    parsed, filters, _ = bot._prepare(question, None, None)
    for number, passage in enumerate(bot.retrieve(parsed, filters), start=1):
        if evidence in re.sub(r"\s+", "", passage.text):
            return number
    raise AssertionError(f"{evidence} not retrieved for {question}")


def test_eval_runner_scores_the_llm_reader_with_numeric_faithfulness(
    eval_index_dir, openai_server, monkeypatch, tmp_path  # noqa: F811
):
    from assistant.api import Assistant

    bot = Assistant(index_dir=eval_index_dir)
    n = _passage_number(bot, GANZHOU["question"], "GDP增长6%左右")
    openai_server.reply(f"赣州市2024年GDP增长目标为6%左右[{n}]。")
    openai_server.reply("萍乡市2024年万元GDP能耗下降目标为9.9%[1]。")  # invented: fails verification
    openai_server.reply("萍乡市2024年万元GDP能耗下降目标为9.9%[1]。")  # and again after the retry
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in (GANZHOU, PINGXIANG)), encoding="utf-8")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_MODEL", "fake-model")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT", "5")
    monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "0")
    summary = tmp_path / "summary.json"

    assert main(["--questions", str(questions), "--index-dir", str(eval_index_dir), "--systems", "ours",
                 "--llm", "--no-write", "--no-extras", "--json", str(summary)]) == 0

    overall = json.loads(summary.read_text(encoding="utf-8"))["ours"]["dev"]["overall"]
    assert overall["strict"]["value"] == 1.0  # the faithful answer, and the extractive fallback for the invented one
    assert overall["own_text_answers"] == 1  # the fallback was written by the extractive reader: not counted
    assert overall["faithfulness"] == 1.0  # no invented figure reached an answer
    assert len(openai_server.requests) == 3  # one answer, one answer regenerated once then replaced


YUEHU_FILE = "2024_鹰潭市月湖区_政府工作报告节选.txt"
YUEHU = {
    "id": "yh-gdp", "question": "月湖区2024年地区生产总值增长目标是多少？", "language": "zh", "category": "target",
    "expect": "figure", "gold_answers": ["6.5%左右"], "gold_year": 2024, "gold_kind": "target",
    "gold_sources": [YUEHU_FILE], "evidence": ["地区生产总值增长6.5%左右"], "answerable": True, "corpus": "seeds",
}
YUEHU_CPI = {
    "id": "yh-cpi", "question": "月湖区2024年居民消费价格涨幅控制在多少？", "language": "zh", "category": "target",
    "expect": "figure", "gold_answers": ["3%以内"], "gold_year": 2024, "gold_kind": "target",
    "gold_sources": [YUEHU_FILE], "evidence": ["居民消费价格总水平涨幅控制在3%以内"], "answerable": True, "corpus": "seeds",
}


def test_the_recipes_own_qa_chain_is_scored_with_faithfulness(
    reports_index_dir, openai_server, monkeypatch, tmp_path  # noqa: F811
):
    """langchain-qa: retriever | prompt | ChatOpenAI | StrOutputParser against the loopback endpoint, over an
    index of one small report (the recipe embeds its own chunks). Its free text is scored like any answer;
    an invented figure lowers its faithfulness, since nothing verifies it."""
    from assistant.api import Assistant
    from assistant.core.settings import Settings
    from eval.baselines import build_systems
    from eval.runner import run_system
    from tests.conftest import REPORTS_DIR, copy_embedding_cache

    index_dir = tmp_path / "index"
    copy_embedding_cache(reports_index_dir, index_dir)
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_MODEL", "fake-model")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT", "5")
    monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "0")
    bot = Assistant(index_dir=index_dir, settings=Settings.load())
    assert bot.ingest([REPORTS_DIR / YUEHU_FILE]).ok
    openai_server.reply("月湖区2024年地区生产总值增长目标为6.5%左右。")
    openai_server.reply("月湖区2024年居民消费价格涨幅控制在9.9%以内。")  # invented, and nothing checks it

    (system,) = build_systems(bot, ["langchain-qa"], 8, index_dir).values()
    outcomes = run_system(system, [YUEHU, YUEHU_CPI], "dev")

    assert [o.lenient for o in outcomes] == [True, False] and all(o.k == 4 for o in outcomes)
    assert all(o.writes_own_text for o in outcomes)
    assert [(o.figures_total, o.figures_supported) for o in outcomes] == [(1, 1), (1, 0)]
    assert outcomes[0].rank == 1  # the report's chunk holding the evidence was retrieved
    assert len(openai_server.requests) == 2
    assert "上下文" in openai_server.requests[0].text()


def test_load_questions_accepts_the_runner_format(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(GANZHOU, ensure_ascii=False), encoding="utf-8")
    assert metrics.load_questions(path)[0]["id"] == "gz-gdp"
