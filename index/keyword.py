"""Keyword search: bm25s over jieba tokens. Derived from the passage store, rebuilt when it changes.

bm25s' own tokenizer splits on spaces, which leaves a Chinese sentence as one token, so passages
and queries are tokenised with ``jieba.lcut_for_search`` here.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.core.datatypes import Passage, content_hash
from assistant.knowledge.lexicon import indicators

logger = logging.getLogger(__name__)

_PUNCTUATION = re.compile(r"^[\W_]+$", re.UNICODE)
_jieba_lock = threading.Lock()
_FORMAT = 1


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # its log lines are the program's to show or hide (assistant/interfaces/logs.py)

    with _jieba_lock:
        jieba.initialize()
        for term in _domain_terms():
            jieba.add_word(term, freq=2000)
    return jieba


def _domain_terms() -> list[str]:
    """Indicator names from the lexicon, so 规模以上工业增加值 stays a word (and its parts are searchable)."""
    return sorted({alias for ind in indicators() for alias in (ind.zh, *ind.aliases) if len(alias) > 1})


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens, lower-cased, punctuation and whitespace dropped."""
    jieba = _jieba()
    tokens = []
    for token in jieba.lcut_for_search(text):
        token = token.strip().lower()
        if token and not _PUNCTUATION.match(token):
            tokens.append(token)
    return tokens


def fingerprint(doc_ids: Iterable[str]) -> str:
    """Identifies a set of indexed documents; the keyword index is valid for exactly one."""
    return content_hash(*sorted(doc_ids), length=32)


def registry_fingerprint(records: Iterable) -> str:
    """Identifies what is indexed: each registered document and when it was (re)indexed, so a document
    indexed again under the same id (new processing) or given corrected metadata makes derived indexes stale."""
    return fingerprint(f"{record.doc_id}@{record.ingested_at}:{_meta_key(record.meta)}" for record in records)


def _meta_key(meta) -> str:
    return content_hash(meta.title, meta.region, str(meta.year or ""), meta.doc_type, meta.level.value)


class KeywordIndex:
    """BM25 over a fixed list of passages. Search can be restricted to some documents."""

    def __init__(self, passages: Sequence[Passage], doc_fingerprint: str = "") -> None:
        import bm25s
        from bm25s.tokenization import Tokenized

        self.passages = list(passages)
        self.fingerprint = doc_fingerprint
        self._doc_index: dict[str, np.ndarray] = {}
        positions: dict[str, list[int]] = {}
        for position, passage in enumerate(self.passages):
            positions.setdefault(passage.doc_id, []).append(position)
        self._doc_index = {doc_id: np.asarray(p, dtype=np.int64) for doc_id, p in positions.items()}
        self._bm25 = bm25s.BM25()
        if self.passages:
            # Token ids built as we go: a list of ints per passage, not a list of new strings,
            # keeps the peak memory of a 100k-passage build low.
            vocab: dict[str, int] = {}
            ids = [
                [vocab.setdefault(token, len(vocab)) for token in tokenize(p.indexed_text) or ["\u2205"]]
                for p in self.passages
            ]
            self._bm25.index(Tokenized(ids=ids, vocab=vocab), show_progress=False)

    def __len__(self) -> int:
        return len(self.passages)

    def search(
        self, query: str | Sequence[str], k: int, doc_ids: Iterable[str] | None = None
    ) -> list[Passage]:
        """Best passages first, scored by BM25; passages with no matching term are dropped."""
        if not self.passages:
            return []
        tokens = tokenize(query) if isinstance(query, str) else [t for q in query for t in tokenize(q)]
        if not tokens:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens), dtype=np.float64)
        if doc_ids is not None:
            allowed = [self._doc_index[d] for d in doc_ids if d in self._doc_index]
            if not allowed:
                return []
            candidates = np.concatenate(allowed)
        else:
            candidates = np.arange(len(self.passages))
        candidates = candidates[scores[candidates] > 0]
        if candidates.size == 0:
            return []
        top = min(k, candidates.size)
        best = candidates[np.argpartition(-scores[candidates], top - 1)[:top]]
        best = sorted(best.tolist(), key=lambda i: (-scores[i], i))
        return [replace(self.passages[i], score=float(scores[i])) for i in best]

    def document_passages(self, doc_id: str) -> list[Passage]:
        """The passages of one document, in text order."""
        positions = self._doc_index.get(doc_id)
        if positions is None:
            return []
        return sorted((self.passages[i] for i in positions.tolist()), key=lambda p: p.start)

    def section_of(self, passage: Passage) -> list[Passage]:
        """The passages of ``passage``'s section (same document, same section path), in text order."""
        if not passage.section:
            return []
        return [p for p in self.document_passages(passage.doc_id) if p.section == passage.section]

    def openings(self, passages_per_document: int = 2) -> dict[str, str]:
        """doc_id -> the document's title and its first passages: what the document says it is about
        ("现就加快建设智慧法院提出如下意见"). Computed once per index."""
        cache = self.__dict__.setdefault("_openings", {})  # not pickled before: set on first use
        if passages_per_document not in cache:
            texts = {}
            for doc_id, positions in self._doc_index.items():
                first = sorted(positions.tolist(), key=lambda i: self.passages[i].start)[:passages_per_document]
                texts[doc_id] = "\n".join([self.passages[first[0]].title, *(self.passages[i].text for i in first)])
            cache[passages_per_document] = texts
        return cache[passages_per_document]

    def save(self, path: Path) -> None:
        """Write atomically: a reader never sees half a file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # processes sharing the folder never mix
        with tmp.open("wb") as handle:
            pickle.dump((_FORMAT, self.fingerprint, self), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @staticmethod
    def load(path: Path, expected_fingerprint: str) -> "KeywordIndex | None":
        """The saved index if it matches the documents now in the store, else None."""
        if not path.is_file():
            return None
        try:
            with path.open("rb") as handle:
                version, saved_fingerprint, index = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, ImportError) as error:
            # ImportError: saved by an older version whose classes lived in other modules
            logger.warning("keyword index at %s is unreadable (%s); rebuilding it", path, error)
            return None
        if version != _FORMAT or saved_fingerprint != expected_fingerprint:
            return None
        return index
