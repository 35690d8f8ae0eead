"""Retrieval logic on a small index with the fake embedder: filters steer both retrievers, fusion
joins them. Runs in seconds; ranking quality is tested end to end in tests/assistant/test_understanding.py."""

from __future__ import annotations

import pytest

from assistant.api import Assistant
from assistant.core.settings import Settings
from assistant.retrieval.filters import Filters
from assistant.retrieval.fusion import fused_search
from assistant.retrieval.queries import indicator_query, term_query
from assistant.retrieval.retrievers import dense_retriever, keyword_retriever
from tests.fakes.embeddings import HashedNgramEmbeddings

REPORTS = {
    "2024_甲市_政府工作报告.txt": "甲市2024年政府工作报告\n一、主要目标\n地区生产总值增长6%左右，新建5G基站800个。\n",
    "2025_甲市_政府工作报告.txt": "甲市2025年政府工作报告\n一、主要目标\n地区生产总值增长5.5%左右，粮食产量稳定。\n",
    "2024_乙县_政府工作报告.txt": "乙县2024年政府工作报告\n一、主要目标\n地区生产总值增长7%，城镇新增就业1万人。\n",
}


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("index")
    assistant = Assistant(settings=Settings(index_dir=index_dir), embedder=HashedNgramEmbeddings())
    assert assistant.ingest([folder]).ok
    return assistant


@pytest.mark.parametrize("make", [dense_retriever, keyword_retriever])
def test_each_retriever_keeps_to_the_filtered_region_and_year(bot, make):
    retrieve = make(bot.indexer)
    found = retrieve("地区生产总值增长", Filters(regions=("甲市",), years=(2025,)), 10)
    assert found and {(p.region, p.year) for p in found} == {("甲市", 2025)}
    everything = retrieve("地区生产总值增长", None, 10)
    assert {p.region for p in everything} == {"甲市", "乙县"}


def test_fused_search_returns_at_most_k_passages_found_by_either_retriever(bot):
    parsed = bot.parse("乙县2024年地区生产总值增长目标")
    filters = Filters(regions=("乙县",), years=(2024,))
    keyword, dense = keyword_retriever(bot.indexer), dense_retriever(bot.indexer)
    searches = [(keyword, term_query(parsed)), (keyword, indicator_query(parsed)), (dense, parsed.text)]
    found = fused_search(searches, filters, k=2, candidates=5)
    assert 1 <= len(found) <= 2 and all(p.region == "乙县" for p in found)
    assert found[0].score >= found[-1].score > 0


def test_the_assistant_answers_from_the_filtered_report(bot):
    answer = bot.answer("甲市2025年地区生产总值增长目标是多少？")
    assert not answer.abstained and "5.5%" in answer.text
    assert answer.filters == {"regions": ["甲市"], "years": [2025]}
    assert answer.citations[0].source == "2025_甲市_政府工作报告.txt"
