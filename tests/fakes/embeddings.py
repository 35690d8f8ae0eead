"""A deterministic stand-in for the embedder: real ``Embeddings``, no model, no download, instant.

Each text becomes a vector of hashed character n-grams (one to three characters, whitespace
ignored), L2-normalised: texts that share words are near, the same text always gets the same
vector, and different texts almost always get different ones. Good enough to test ingest and
retrieval logic (what is stored, filtered, fused and cached), not ranking quality.

    from tests.fakes.embeddings import HashedNgramEmbeddings
    Indexer(settings, embedder=HashedNgramEmbeddings())
"""

from __future__ import annotations

import hashlib
import math

from langchain_core.embeddings import Embeddings


class HashedNgramEmbeddings(Embeddings):
    """Character n-grams hashed into ``dimension`` buckets, normalised to unit length."""

    def __init__(self, dimension: int = 256, sizes: tuple[int, ...] = (1, 2, 3)) -> None:
        self.dimension = dimension
        self.sizes = sizes
        self.identity = f"fake:hashed-ngrams-{dimension}"  # the index records the embedder by this
        self.calls = 0  # texts embedded, so tests can see what the cache saved

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += len(texts)
        return [self._vector(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _vector(self, text: str) -> list[float]:
        chars = "".join(text.lower().split())
        vector = [0.0] * self.dimension
        for size in self.sizes:
            for start in range(len(chars) - size + 1):
                digest = hashlib.blake2b(chars[start : start + size].encode("utf-8"), digest_size=8).digest()
                vector[int.from_bytes(digest, "little") % self.dimension] += 1.0
        norm = math.sqrt(sum(value * value for value in vector))
        if norm == 0.0:
            vector[0] = 1.0  # an empty text still gets a unit vector
            return vector
        return [value / norm for value in vector]
