"""The fake embedder is a real, deterministic ``Embeddings``."""

from __future__ import annotations

import math

from langchain_core.embeddings import Embeddings

from tests.fakes.embeddings import HashedNgramEmbeddings


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def test_it_is_a_langchain_embeddings_with_an_identity():
    fake = HashedNgramEmbeddings(dimension=64)
    assert isinstance(fake, Embeddings) and fake.identity == "fake:hashed-ngrams-64"


def test_vectors_are_deterministic_unit_length_and_of_the_fixed_dimension():
    fake = HashedNgramEmbeddings(dimension=64)
    first = fake.embed_documents(["地区生产总值增长6%左右"])
    assert first == HashedNgramEmbeddings(64).embed_documents(["地区生产总值增长6%左右"]) and len(first[0]) == 64
    assert math.isclose(math.sqrt(sum(v * v for v in first[0])), 1.0)
    assert math.isclose(math.sqrt(sum(v * v for v in fake.embed_query(""))), 1.0)


def test_texts_that_share_words_are_nearer_than_texts_that_do_not():
    fake = HashedNgramEmbeddings()
    query = fake.embed_query("GDP增长目标")
    near, far = fake.embed_documents(["地区生产总值（GDP）增长目标6%左右", "新建5G基站1200个"])
    assert cosine(query, near) > cosine(query, far)


def test_it_counts_the_texts_it_embeds():
    fake = HashedNgramEmbeddings()
    fake.embed_documents(["a", "b"])
    fake.embed_query("c")
    assert fake.calls == 3
