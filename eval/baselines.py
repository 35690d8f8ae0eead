"""The systems the scoreboard compares. Each is scored at the ``k`` it hands its reader.

- ``ours``: the product (question understanding, region/year steering, dense + keyword retrieval
  fused by RRF, the indicator table for comparisons). Asked with the question's ``history`` and
  ``filters`` when :meth:`Assistant.answer` accepts them, else with the bare question. k = top_k (8).
- ``dense`` / ``bm25``: our passages, one retriever on the raw question, no steering, our reader. k = 8.
- ``langchain``: the plain LangChain recipe. RecursiveCharacterTextSplitter with chunk_size=1000 and
  chunk_overlap=200 (not its defaults, which are 4000/200) and Chinese separators (paragraph, line,
  。！？；，), over the same cleaned text our indexer reads; Chroma (langchain-chroma, default
  collection settings) with the same embedder; the retriever's default k = 4; our extractive reader.
- ``ensemble``: what a capable user builds with the stack: langchain-classic's ``EnsembleRetriever``
  fusing (weighted RRF, c = 60, equal weights) a BM25 retriever over jieba tokens (bm25s, its own
  jieba dictionary: none of our domain terms) and the recipe's Chroma retriever, over the recipe's
  chunks; top 8 of the fused list, our extractive reader.
- ``langchain-qa`` (only with an LLM endpoint): the recipe answering on its own, a chain of
  langchain-core runnables: retriever | prompt | ChatOpenAI | StrOutputParser. No citations; it
  abstains when its text says the context does not state the answer.

Chunk embeddings go through the shared embedding cache, so the recipe's store is built once per
index and rebuilt from the cache (seconds) when the documents change.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.api import Assistant
from assistant.retrieval.retrievers import Retriever, dense_retriever, keyword_retriever
from assistant.core.datatypes import Answer, DocumentMeta, Passage, content_hash
from eval.scoring import says_not_found
from index.cleaning import CleanText, clean
from index.store import PROCESSING_VERSION

logger = logging.getLogger(__name__)

RECIPE_CHUNK_SIZE = 1000
RECIPE_CHUNK_OVERLAP = 200
RECIPE_SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", ""]
RECIPE_K = 4  # VectorStore.as_retriever()'s default
ENSEMBLE_K = 8

Ask = Callable[[str, "list[str] | None", "dict | None"], Answer]


@dataclass(frozen=True)
class System:
    """A way of answering, and what the runner may pass it."""

    name: str
    ask: Ask  # (question, history or None, filters or None) -> Answer
    k: int  # passages handed to the reader
    takes_history: bool = False
    takes_filters: bool = False
    description: str = ""


# ---------------------------------------------------------------------------------------------
# ours


def ours(bot: Assistant) -> System:
    """The product, asked with whatever of history/filters its ``answer`` accepts (by signature)."""
    parameters = inspect.signature(bot.answer).parameters
    takes_history = "history" in parameters
    takes_filters = "region" in parameters and "year" in parameters

    def ask(question: str, history: list[str] | None, filters: dict | None) -> Answer:
        kwargs: dict[str, Any] = {}
        if history and takes_history:
            kwargs["history"] = history
        if filters and takes_filters:
            kwargs["region"] = filters.get("region") or None
            kwargs["year"] = filters.get("year") or None
        return bot.answer(question, **kwargs)

    return System("ours", ask, bot.settings.top_k, takes_history, takes_filters, "the product")


def one_retriever(bot: Assistant, name: str, retrieve: Retriever, k: int) -> System:
    """A baseline: one retriever on the raw question, no region/year steering, the same reader."""

    def ask(question: str, history: list[str] | None, filters: dict | None) -> Answer:
        return bot.read(bot.parse(question), retrieve(question, None, k))

    return System(name, ask, k, description=f"{name} retrieval of the raw question, our reader")


# ---------------------------------------------------------------------------------------------
# The LangChain recipe's chunks and store


RECIPE_SYSTEMS = ("langchain", "ensemble", "langchain-qa")


def _fingerprint(doc_ids) -> str:
    """Identifies the recipe store: the documents, how their text is cleaned (``PROCESSING_VERSION``) and
    the splitter's settings."""
    return content_hash(*sorted(doc_ids), PROCESSING_VERSION, str(RECIPE_CHUNK_SIZE), str(RECIPE_CHUNK_OVERLAP),
                        "".join(RECIPE_SEPARATORS))


class RecipeCorpus:
    """The index's documents, cleaned as our indexer cleans them, cut by the recipe's splitter, in Chroma."""

    def __init__(self, bot: Assistant, work_dir: Path) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.bot = bot
        self.records = bot.documents()
        self.metas: dict[str, DocumentMeta] = {r.doc_id: r.meta for r in self.records}
        self._cleaned: dict[str, CleanText] = {}
        self.splitter = RecursiveCharacterTextSplitter(
            chunk_size=RECIPE_CHUNK_SIZE,
            chunk_overlap=RECIPE_CHUNK_OVERLAP,
            separators=RECIPE_SEPARATORS,
            keep_separator="end",
            add_start_index=True,
        )
        self.directory = work_dir / "langchain_recipe"
        self.store = self._build()

    def cleaned(self, doc_id: str) -> CleanText:
        if doc_id not in self._cleaned:
            self._cleaned[doc_id] = clean(self.bot.indexer.store.original_text(doc_id) or "")
        return self._cleaned[doc_id]

    def chunks(self):
        """Every chunk as a LangChain Document (metadata: doc_id, start_index into the clean text, chunk_id)."""
        for record in self.records:
            text = self.cleaned(record.doc_id).text
            for chunk in self.splitter.create_documents([text], metadatas=[{"doc_id": record.doc_id}]):
                chunk.metadata["chunk_id"] = content_hash(record.doc_id, str(chunk.metadata["start_index"]), chunk.page_content)
                yield chunk

    def _build(self):
        from langchain_chroma import Chroma

        fingerprint = _fingerprint(self.metas)
        marker = self.directory / "complete.json"
        store = Chroma(
            collection_name="langchain_recipe",
            embedding_function=self.bot.indexer.embeddings,
            persist_directory=str(self.directory),
        )
        if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
            return store
        started = time.perf_counter()
        store.reset_collection()
        chunks = list(self.chunks())
        for begin in range(0, len(chunks), 256):
            batch = chunks[begin : begin + 256]
            store.add_documents(batch, ids=[c.metadata["chunk_id"] for c in batch])
            logger.info("langchain recipe: %d/%d chunks", begin + len(batch), len(chunks))
        marker.write_text(json.dumps({"fingerprint": fingerprint, "chunks": len(chunks)}), encoding="utf-8")
        logger.warning("langchain recipe: %d chunks of %d documents in %.0fs", len(chunks), len(self.records),
                       time.perf_counter() - started)
        return store

    def passage(self, text: str, metadata: dict, score: float = 0.0) -> Passage:
        """A recipe chunk as a Passage our reader can quote from (start = its offset in the original)."""
        doc_id = str(metadata["doc_id"])
        clean_start = int(metadata["start_index"])
        cleaned = self.cleaned(doc_id)
        start, end = cleaned.original_span(clean_start, clean_start + len(text))
        return Passage(
            id=str(metadata.get("chunk_id") or content_hash(doc_id, str(clean_start), text)),
            doc_id=doc_id,
            text=text,
            meta=self.metas[doc_id],
            start=start,
            end=end,
            score=score,
        )


def recipe_missing(bot: Assistant, work_dir: Path) -> int:
    """How many recipe chunks would have to be embedded to build its store (0 when it is built or cached).

    The test index's chunks take hours to embed on two cores: the runner builds the store only when
    this is small, else says to run ``python -m eval.indexes test --recipe`` first."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    marker = work_dir / "langchain_recipe" / "complete.json"
    records = bot.documents()
    fingerprint = _fingerprint(r.doc_id for r in records)
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
        return 0
    splitter = RecursiveCharacterTextSplitter(chunk_size=RECIPE_CHUNK_SIZE, chunk_overlap=RECIPE_CHUNK_OVERLAP,
                                              separators=RECIPE_SEPARATORS, keep_separator="end")
    embeddings = bot.indexer.embeddings
    hashes = {
        content_hash(chunk, length=32)
        for record in records
        for chunk in splitter.split_text(clean(bot.indexer.store.original_text(record.doc_id) or "").text)
    }
    cached = embeddings.cache.get_many(embeddings.identity, sorted(hashes))
    return len(hashes) - len(cached)


_recipes: dict[tuple[int, str], RecipeCorpus] = {}
_recipes_lock = threading.Lock()


def recipe_corpus(bot: Assistant, work_dir: Path) -> RecipeCorpus:
    with _recipes_lock:
        key = (id(bot), str(work_dir))
        if key not in _recipes:
            _recipes[key] = RecipeCorpus(bot, work_dir)
        return _recipes[key]


def langchain_recipe(bot: Assistant, work_dir: Path, k: int = RECIPE_K) -> System:
    corpus = recipe_corpus(bot, work_dir)
    retriever = corpus.store.as_retriever(search_kwargs={"k": k})

    def ask(question: str, history: list[str] | None, filters: dict | None) -> Answer:
        passages = [corpus.passage(d.page_content, d.metadata) for d in retriever.invoke(question)]
        return bot.read(bot.parse(question), passages)

    return System("langchain", ask, k, description="RecursiveCharacterTextSplitter 1000/200 + Chroma, k=4, our reader")


# ---------------------------------------------------------------------------------------------
# The ensemble a capable user builds: BM25 (jieba) + Chroma, fused by RRF


_PUNCTUATION = re.compile(r"^[\W_]+$", re.UNICODE)


def _jieba_tokenizer():
    """A jieba tokenizer of its own: the product adds its indicator names to jieba's global dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def bm25_retriever(documents: Sequence, k: int):
    """A LangChain retriever: bm25s over ``jieba.lcut_for_search`` tokens (LangChain's own BM25Retriever
    splits on spaces and lives in the sunset langchain-community). Zero-score hits are dropped."""
    import bm25s
    import numpy as np
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever

    tokenizer = _jieba_tokenizer()
    lock = threading.Lock()

    def tokenize(text: str) -> list[str]:
        with lock:
            words = tokenizer.lcut_for_search(text)
        return [w.lower() for w in (w.strip() for w in words) if w and not _PUNCTUATION.match(w)]

    vocabulary: dict[str, int] = {}
    ids = [[vocabulary.setdefault(t, len(vocabulary)) for t in tokenize(d.page_content) or ["\u2205"]] for d in documents]
    model = bm25s.BM25()
    model.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocabulary), show_progress=False)
    docs = list(documents)

    class JiebaBM25Retriever(BaseRetriever):
        k: int = 4

        def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
            tokens = [t for t in tokenize(query) if t in vocabulary]
            if not tokens:
                return []
            scores = np.asarray(model.get_scores(tokens))
            best = np.argsort(-scores)[: self.k]
            return [docs[i] for i in best if scores[i] > 0]

    return JiebaBM25Retriever(k=k)


def ensemble(bot: Assistant, work_dir: Path, k: int = ENSEMBLE_K) -> System:
    from langchain_classic.retrievers import EnsembleRetriever

    corpus = recipe_corpus(bot, work_dir)
    keyword = bm25_retriever(list(corpus.chunks()), k)
    dense = corpus.store.as_retriever(search_kwargs={"k": k})
    fused = EnsembleRetriever(retrievers=[keyword, dense], weights=[0.5, 0.5], c=60, id_key="chunk_id")

    def ask(question: str, history: list[str] | None, filters: dict | None) -> Answer:
        passages = [corpus.passage(d.page_content, d.metadata) for d in fused.invoke(question)[:k]]
        return bot.read(bot.parse(question), passages)

    return System("ensemble", ask, k, description="EnsembleRetriever(BM25 jieba + Chroma, RRF), k=8, our reader")


# ---------------------------------------------------------------------------------------------
# The recipe's own retrieval-QA chain (needs an LLM endpoint)

QA_PROMPT = (
    "你是一个问答助手。请只根据下面的上下文回答问题；如果上下文中没有答案，就说上下文中没有提到，不要编造。"
    "用问题的语言回答。\n\n上下文：\n{context}\n\n问题：{question}"
)


def langchain_qa(bot: Assistant, work_dir: Path, k: int = RECIPE_K) -> System:
    """retriever | prompt | ChatOpenAI | StrOutputParser, as the LangChain RAG tutorial builds it."""
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnableLambda, RunnableParallel, RunnablePassthrough

    from assistant.readers.llm import make_chat_model

    corpus = recipe_corpus(bot, work_dir)
    retriever = corpus.store.as_retriever(search_kwargs={"k": k})
    prompt = ChatPromptTemplate.from_template(QA_PROMPT)
    model = make_chat_model(bot.settings)

    def format_docs(docs) -> str:
        return "\n\n".join(d.page_content for d in docs)

    answer_chain = (
        RunnableLambda(lambda state: {"context": format_docs(state["docs"]), "question": state["question"]})
        | prompt
        | model
        | StrOutputParser()
    )
    chain = RunnableParallel(docs=retriever, question=RunnablePassthrough()) | RunnablePassthrough.assign(
        text=answer_chain
    )

    def ask(question: str, history: list[str] | None, filters: dict | None) -> Answer:
        try:
            state = chain.invoke(question)
        except Exception as error:  # noqa: BLE001 - an endpoint failure is this system's answer, scored as such
            logger.warning("langchain-qa: %s", error)
            return Answer(question=question, text=f"error: {type(error).__name__}", abstained=True, reader="langchain-qa")
        text = state["text"].strip()
        passages = tuple(corpus.passage(d.page_content, d.metadata) for d in state["docs"])
        return Answer(question=question, text=text, abstained=says_not_found(text), passages=passages,
                      reader=f"langchain-qa:{bot.settings.llm_model}")

    return System("langchain-qa", ask, k, description="retriever | prompt | ChatOpenAI | StrOutputParser, k=4")


# ---------------------------------------------------------------------------------------------

SYSTEMS = ("ours", "dense", "bm25", "langchain", "ensemble", "langchain-qa")
NEEDS_LLM = ("langchain-qa",)


def build_systems(bot: Assistant, names: Sequence[str], k: int, work_dir: Path) -> dict[str, System]:
    factories: dict[str, Callable[[], System]] = {
        "ours": lambda: ours(bot),
        "dense": lambda: one_retriever(bot, "dense", dense_retriever(bot.indexer), k),
        "bm25": lambda: one_retriever(bot, "bm25", keyword_retriever(bot.indexer), k),
        "langchain": lambda: langchain_recipe(bot, work_dir),
        "ensemble": lambda: ensemble(bot, work_dir),
        "langchain-qa": lambda: langchain_qa(bot, work_dir),
    }
    unknown = [n for n in names if n not in factories]
    if unknown:
        raise ValueError(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(factories)}")
    return {name: factories[name]() for name in names}


__all__ = ["System", "SYSTEMS", "NEEDS_LLM", "RECIPE_SYSTEMS", "build_systems", "recipe_corpus", "recipe_missing"]
