"""The scripted model of ``python -m eval --llm-fake`` (eval/fake_llm.py) against the product's LLM reader:
it answers the product's own prompts with cited figures that verification accepts, its deliberately
wrong answers are rejected and retried, and a small run of the runner reports what it measured."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from assistant.core.datatypes import AnswerKind, DocumentMeta, Kind, Level, ParsedQuestion, Passage, Region, content_hash
from assistant.core.response import Response
from assistant.core.settings import Settings
from assistant.knowledge.figures import extract_figures, parse_figure, figures_equal
from assistant.readers import FigureReader, PassageReader, ReadContext
from assistant.readers.llm import LLMReader, build_prompt, format_passages
from assistant.readers.verify import verify
from eval import fake_llm, metrics, report, scoring
from eval.drafts import DraftCounts, DraftLog
from eval.fake_llm import MODEL, FakeLLM, made_wrong, read_prompt
from tests.conftest import REPORTS_DIR

YUEHU_FILE = "2024_鹰潭市月湖区_政府工作报告节选.txt"
YUEHU_TEXT = (REPORTS_DIR / YUEHU_FILE).read_text(encoding="utf-8")
META = DocumentMeta(source=YUEHU_FILE, title="鹰潭市月湖区2024年政府工作报告（节选）", region="鹰潭市月湖区",
                    province="江西省", level=Level.COUNTY, year=2024)


def _passage(marker: str, length: int) -> Passage:
    start = YUEHU_TEXT.index(marker)
    text = YUEHU_TEXT[start:start + length]
    return Passage(id=content_hash(YUEHU_FILE, text), doc_id=YUEHU_FILE, text=text, meta=META, start=start,
                   end=start + length)


def _locate(passage: Passage, start: int, end: int) -> tuple[int, int, str]:
    return passage.start + start, passage.start + end, YUEHU_TEXT[passage.start + start:passage.start + end]


PASSAGES = [
    _passage("重塑现代物流发展新优势", 120),
    _passage("今年全区经济社会发展的主要预期目标", 160),
]
TARGETS = PASSAGES[1].text
QUESTION = ParsedQuestion(
    text="月湖区2024年居民消费价格涨幅控制在多少？", language="zh",
    region=Region("鹰潭市月湖区", Level.COUNTY, ("江西省", "鹰潭市"), "Yuehu"), region_mention="月湖区",
    years=(2024,), kind=Kind.TARGET,
)


def _settings(model: FakeLLM) -> Settings:
    return Settings(llm_base_url=model.base_url, llm_model=MODEL, llm_timeout=10, llm_max_retries=0)


def _wrong_question(kind: str) -> str:
    """A question the scripted model answers wrongly first, by ``kind`` ("figure" or "citation")."""
    for number in range(200):
        text = f"月湖区2024年居民消费价格涨幅控制在多少？（{number}）"
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        if made_wrong(text) and (digest[1] % 2 == 0) == (kind == "figure"):
            return text
    raise AssertionError("no such question")


@pytest.fixture
def model():
    with FakeLLM() as server:
        yield server


def test_it_answers_a_product_prompt_with_a_cited_figure_that_verification_accepts(model):
    assert not made_wrong(QUESTION.text)
    with DraftLog() as log:
        answer = LLMReader(_settings(model), FigureReader()).read(QUESTION, PASSAGES, ReadContext(_locate))
        counts = log.take()

    assert answer.reader == MODEL and not answer.abstained
    assert answer.text == "居民消费价格总水平涨幅控制在3%以内[2]。"  # the clause of [2], copied and cited
    assert verify(answer.text, PASSAGES).ok
    assert [c.number for c in answer.citations] == [2] and "3%以内" in answer.citations[0].quote
    assert counts == DraftCounts(answers=1, rejected=0, fell_back=False)
    assert model.sent() == fake_llm.ModelCounts(answers=1, first=1)
    prompt = read_prompt(model.chat_requests()[0].messages)
    assert (prompt.prompt, prompt.language, prompt.question, prompt.passages) == (
        "answer", "zh", QUESTION.text, tuple(p.text.strip() for p in PASSAGES))


def test_it_streams_and_answers_in_the_prompts_language(model):
    english = replace(QUESTION, text="What is Yuehu's 2024 consumer price target?", language="en")
    response = Response(LLMReader(_settings(model), FigureReader()).stream(english, PASSAGES, ReadContext(_locate)))
    streamed = "".join(response)

    assert model.chat_requests()[0].stream
    assert streamed.startswith("The report says: ") and streamed.endswith("[2].")
    assert response.answer.reader == MODEL and verify(response.answer.text, PASSAGES, "en").ok


def test_what_how_questions_get_sentences_copied_from_the_passages(model):
    parsed = replace(QUESTION, text="月湖区怎么发展现代物流？", kind=None, answer_kind=AnswerKind.PASSAGES,
                     keywords=("物流",))
    answer = LLMReader(_settings(model), PassageReader(), prompt="answer_passages").read(
        parsed, PASSAGES, ReadContext(_locate))

    heading, *points = answer.text.split("\n")
    assert answer.reader == MODEL and heading == "资料中与问题相关的内容如下："
    assert 1 <= len(points) <= 3 and all(p.endswith("[1]。") and "物流" in p for p in points)
    assert all(p.removesuffix("[1]。") in PASSAGES[0].text for p in points)


def test_with_no_word_in_common_it_gives_the_prompts_not_mentioned_reply(model):
    parsed = replace(QUESTION, text="海拉尔区的森林覆盖率是多少？")
    answer = LLMReader(_settings(model), FigureReader()).read(parsed, PASSAGES, ReadContext(_locate))
    assert answer.abstained and answer.text.startswith("已索引的报告中没有找到相关数字。")
    assert model.sent().not_mentioned == 1


def test_a_changed_figure_is_rejected_and_the_retry_stands(model):
    parsed = replace(QUESTION, text=_wrong_question("figure"))
    with DraftLog() as log:
        answer = LLMReader(_settings(model), FigureReader()).read(parsed, PASSAGES, ReadContext(_locate))
        counts = log.take()

    first, retry = model.chat_requests()
    wrong = retry.messages[2]["content"]  # the product sends the rejected answer back with its problems
    assert first.messages[-1]["role"] == "user" and retry.messages[2]["role"] == "assistant"
    stated = extract_figures(wrong)[0]
    assert not any(figures_equal(stated, f) for p in PASSAGES for f in extract_figures(p.text))
    assert stated.text in retry.messages[3]["content"]  # verification named the figure it did not find
    assert counts == DraftCounts(answers=2, rejected=1, fell_back=False)
    assert model.sent() == fake_llm.ModelCounts(answers=2, first=1, retries=1, made_wrong=1, wrong_figure=1)
    assert answer.reader == MODEL and figures_equal(extract_figures(answer.text)[0], parse_figure("3%以内"))


def test_a_citation_out_of_range_is_rejected_and_the_retry_stands(model):
    parsed = replace(QUESTION, text=_wrong_question("citation"))
    with DraftLog() as log:
        answer = LLMReader(_settings(model), FigureReader()).read(parsed, PASSAGES, ReadContext(_locate))
        counts = log.take()

    assert model.chat_requests()[1].messages[2]["content"] == "居民消费价格总水平涨幅控制在3%以内[3]。"
    assert counts == DraftCounts(answers=2, rejected=1, fell_back=False)
    assert model.sent().wrong_citation == 1
    assert answer.text == "居民消费价格总水平涨幅控制在3%以内[2]。"


def test_it_answers_the_ledger_prompt_with_the_target_and_the_result():
    target, result = _passage("地区生产总值增长6.5%左右", 14), _passage("居民消费价格总水平涨幅控制在3%以内", 18)
    messages = build_prompt("zh", prompt="ledger").format_messages(
        question="月湖区2024年地区生产总值增长目标完成了吗？", passages=format_passages([target, result], "zh"), count=2)
    roles = {"system": "system", "human": "user", "ai": "assistant"}
    prompt = read_prompt([{"role": roles[m.type], "content": m.content} for m in messages])
    text = fake_llm.answer(prompt)
    assert prompt.prompt == "ledger" and text == f"目标：{target.text}[1]。结果：{result.text}[2]。"
    assert verify(text, [target, result]).ok


def test_faithfulness_rows_report_what_was_made_wrong_rejected_and_fell_back():
    item = {"id": "q", "question": "月湖区2024年居民消费价格涨幅控制在多少？", "language": "zh", "category": "target",
            "expect": "figure", "gold_answers": ["3%以内"], "gold_year": 2024, "gold_kind": "target",
            "gold_sources": [YUEHU_FILE], "evidence": ["涨幅控制在3%以内"], "answerable": True, "corpus": "seeds"}
    written = metrics.outcome(item, "dev", f"ours+{MODEL}", scoring.Reply("涨幅控制在3%以内[1]。", False), [], k=8,
                              writes_own_text=True, support_texts=[TARGETS], reader=MODEL,
                              model_answers=2, model_rejected=1, model_made_wrong=1)
    fell = metrics.outcome(item | {"id": "r"}, "dev", f"ours+{MODEL}", scoring.Reply("3%以内", False), [], k=8,
                           reader="extractive", model_answers=2, model_rejected=2, model_made_wrong=1, fell_back=True)
    by_system = {f"ours+{MODEL}": [written, fell]}

    assert report.faithfulness_rows(by_system) == [[
        f"ours+{MODEL}", "dev", MODEL, "2", "4", "2/4 (0.500)", "3/4 (0.750)", "1", "1", "1/1", "1.000"]]
    notes = "\n".join(report.faithfulness_notes(by_system))
    assert f"`{MODEL}` is not a language model" in notes and "measure the product's verification" in notes
    summary = metrics.summarize([written, fell])
    assert (summary["model_answers"], summary["model_rejected"], summary["model_made_wrong"], summary["fell_back"]) == (
        4, 3, 2, 1)
    assert report.scripted(f"ours+{MODEL}") and not report.scripted("ours")


YUEHU = {
    "id": "yh-gdp", "question": "月湖区2024年地区生产总值增长目标是多少？", "language": "zh", "category": "target",
    "expect": "figure", "gold_answers": ["6.5%左右"], "gold_year": 2024, "gold_kind": "target",
    "gold_sources": [YUEHU_FILE], "evidence": ["地区生产总值增长6.5%左右"], "answerable": True, "corpus": "seeds",
}
YUEHU_CPI = YUEHU | {"id": "yh-cpi", "question": QUESTION.text, "gold_answers": ["3%以内"],
                     "evidence": ["居民消费价格总水平涨幅控制在3%以内"]}


def test_the_runner_with_llm_fake_reports_what_the_verification_caught(tmp_path, monkeypatch):
    """python -m eval --llm-fake over an index of one small report built with the fake embedder."""
    from assistant.api import Assistant
    from eval import runner
    from tests.fakes.embeddings import HashedNgramEmbeddings

    index_dir = tmp_path / "index"
    assert Assistant(index_dir=index_dir, embedder=HashedNgramEmbeddings()).ingest([REPORTS_DIR / YUEHU_FILE]).ok
    monkeypatch.setattr(runner, "Assistant", lambda settings: Assistant(settings=settings, embedder=HashedNgramEmbeddings()))
    for name in ("OPENAI_BASE_URL", "OPENAI_MODEL", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    questions = tmp_path / "tiny.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in (YUEHU, YUEHU_CPI)), encoding="utf-8")
    summary_file = tmp_path / "summary.json"
    assert made_wrong(YUEHU["question"]) and not made_wrong(YUEHU_CPI["question"])

    assert runner.main(["--questions", str(questions), "--index-dir", str(index_dir), "--no-ingest", "--llm-fake",
                        "--no-write", "--no-extras", "--json", str(summary_file)]) == 0

    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    overall = summary[f"ours+{MODEL}"]["dev"]["overall"]
    assert overall["own_text_answers"] == 2 and overall["faithfulness"] == 1.0  # the wrong figure never stood
    assert (overall["model_answers"], overall["model_made_wrong"], overall["model_rejected"], overall["fell_back"]) == (
        3, 1, 1, 0)
    assert overall["strict"]["value"] == 1.0
    assert summary["scripted_model"]["model"] == MODEL
    assert (summary["scripted_model"]["first"], summary["scripted_model"]["retries"],
            summary["scripted_model"]["made_wrong"]) == (2, 1, 1)


def test_the_draft_log_counts_a_fallback_after_two_rejected_answers():
    from tests.fakes.openai_server import FakeOpenAIServer

    with FakeOpenAIServer() as server, DraftLog() as log:
        server.reply("居民消费价格总水平涨幅控制在9%以内[2]。")  # not what [2] says, twice
        server.reply("居民消费价格总水平涨幅控制在9%以内[2]。")
        settings = Settings(llm_base_url=server.base_url, llm_model="fake-model", llm_timeout=10, llm_max_retries=0)
        answer = LLMReader(settings, FigureReader()).read(QUESTION, PASSAGES, ReadContext(_locate))
        assert log.take() == DraftCounts(answers=2, rejected=2, fell_back=True)
    assert answer.reader == "extractive" and answer.notices
