"""Optional re-ranking of retrieved passages with a local sentence-transformers CrossEncoder.

Enabled when ``settings.reranker_model`` names a local CrossEncoder model directory (or a model
already in the local Hugging Face cache; nothing is downloaded: ``HF_HUB_OFFLINE=1``). The model
loads on first use. Re-ranking scores each (question, passage) pair and returns copies of the
passages (``dataclasses.replace``) in order of that score, best first; equal scores keep the
retrieval order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import replace

from assistant.core.datatypes import Passage
from assistant.core.errors import ConfigError
from assistant.core.settings import Settings

logger = logging.getLogger(__name__)

__all__ = ["Reranker", "make_reranker"]


class Reranker:
    """A CrossEncoder over (question, passage text) pairs. Cheap to construct; loads on first use."""

    def __init__(self, model: str, batch_size: int = 16) -> None:
        if not model:
            raise ConfigError("the reranker needs a model: set ASSISTANT_RERANKER_MODEL to a local CrossEncoder directory")
        self.model_name = model
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                from sentence_transformers import CrossEncoder

                try:
                    self._model = CrossEncoder(self.model_name, device="cpu", local_files_only=True)
                except OSError as error:
                    raise ConfigError(
                        f"cannot load the reranker model {self.model_name!r}: {error}; set "
                        "ASSISTANT_RERANKER_MODEL to a local CrossEncoder directory, or unset it"
                    ) from error
                logger.info("reranker loaded: %s", self.model_name)
        return self._model

    def scores(self, question_text: str, passages: Sequence[Passage]) -> list[float]:
        """One relevance score per passage (higher is better)."""
        if not passages:
            return []
        pairs = [(question_text, passage.indexed_text) for passage in passages]
        raw = self._load().predict(pairs, batch_size=self.batch_size, show_progress_bar=False)
        return [float(score) for score in raw]

    def rerank(self, question_text: str, passages: Sequence[Passage]) -> list[Passage]:
        """Copies of ``passages`` with the CrossEncoder's score, best first (ties keep their order)."""
        scores = self.scores(question_text, passages)
        order = sorted(range(len(passages)), key=lambda i: -scores[i])  # sorted() is stable
        return [replace(passages[i], score=scores[i]) for i in order]


def make_reranker(settings: Settings) -> Reranker | None:
    """The reranker the settings ask for, or None when ``reranker_model`` is not set."""
    return Reranker(settings.reranker_model) if settings.reranker_model else None
