"""The systems the scoreboard compares, all feeding the same extractive reader.

- ``ours``: the full pipeline (question understanding, region/year steering, dense + keyword, RRF).
- ``dense``: our passages, dense retrieval of the raw question only, no steering.
- ``bm25``: our passages, keyword retrieval of the raw question only, no steering.
- ``langchain``: the plain LangChain recipe: RecursiveCharacterTextSplitter with its defaults
  (chunk_size=1000, chunk_overlap=200) over the raw text, Chroma, the same embedder, top-4.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from assistant.api import Assistant
from assistant.core.datatypes import Answer, DocumentMeta, Passage, content_hash
from assistant.readers import FigureReader, ReadContext
from assistant.retrieval.retrievers import Retriever, dense_retriever, keyword_retriever
from index.embeddings import CachedEmbeddings

logger = logging.getLogger(__name__)

System = Callable[[str], Answer]


def ours(bot: Assistant) -> System:
    return bot.answer


def one_retriever(bot: Assistant, retrieve: Retriever, k: int) -> System:
    """A baseline: one retriever on the raw question, no region/year steering, the same reader."""

    def run(question: str) -> Answer:
        return bot.read(bot.parse(question), retrieve(question, None, k))

    return run


def langchain_recipe(bot: Assistant, work_dir: Path, k: int = 4) -> System:
    """Chroma via langchain-chroma over RecursiveCharacterTextSplitter chunks of the raw reports."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    records = bot.documents()
    originals = {r.doc_id: bot.indexer.store.original_text(r.doc_id) or "" for r in records}
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
    embeddings: CachedEmbeddings = bot.indexer.embeddings
    store = Chroma(
        collection_name="langchain_recipe",
        embedding_function=embeddings,
        persist_directory=str(work_dir / "langchain_recipe"),
    )
    fingerprint = content_hash(*sorted(originals))
    existing = store.get(where={"fingerprint": fingerprint}, limit=1)
    if not existing["ids"]:
        store.reset_collection()
        for record in records:
            chunks = splitter.create_documents(
                [originals[record.doc_id]], metadatas=[{"doc_id": record.doc_id, "fingerprint": fingerprint}]
            )
            ids = [content_hash(record.doc_id, str(c.metadata["start_index"]), c.page_content) for c in chunks]
            store.add_documents(chunks, ids=ids)
        logger.info("langchain recipe: indexed %d documents", len(records))
    metas = {r.doc_id: r.meta for r in records}

    def locate(passage: Passage, start: int, end: int) -> tuple[int, int, str]:
        original = originals[passage.doc_id]
        return passage.start + start, passage.start + end, original[passage.start + start : passage.start + end]

    def run(question: str) -> Answer:
        parsed = bot.parse(question)
        passages = [
            _passage(doc.page_content, doc.metadata, metas, score)
            for doc, score in store.similarity_search_with_score(question, k=k)
        ]
        return FigureReader().read(parsed, passages, ReadContext(locate))

    return run


def _passage(text: str, metadata: dict, metas: dict[str, DocumentMeta], distance: float) -> Passage:
    start = int(metadata["start_index"])
    doc_id = str(metadata["doc_id"])
    return Passage(
        id=content_hash(doc_id, str(start), text),
        doc_id=doc_id,
        text=text,
        meta=metas[doc_id],
        start=start,
        end=start + len(text),
        score=-float(distance),
    )


def build_systems(bot: Assistant, names: list[str], k: int, work_dir: Path) -> dict[str, System]:
    factories: dict[str, Callable[[], System]] = {
        "ours": lambda: ours(bot),
        "dense": lambda: one_retriever(bot, dense_retriever(bot.indexer), k),
        "bm25": lambda: one_retriever(bot, keyword_retriever(bot.indexer), k),
        "langchain": lambda: langchain_recipe(bot, work_dir),
    }
    unknown = [n for n in names if n not in factories]
    if unknown:
        raise ValueError(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(factories)}")
    return {name: factories[name]() for name in names}


__all__ = ["System", "build_systems"]
