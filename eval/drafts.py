"""What the LLM reader did with the model's answers to one question, read from its log events.

The LLM reader logs a record for each answer the model sent (verified or not, first try or retry) and
one when it gives up and its fallback (the extractive reader) answers instead
(``assistant.readers.llm.EVENT``). :class:`DraftLog` collects them while the runner asks its
questions; :meth:`DraftLog.take` hands back the counts since the last call, one question's worth.
This works against any endpoint: it counts what the product's verification saw, not what the model
meant.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

LLM_LOGGER = "assistant.readers.llm"
EVENT = "llm_event"  # assistant.readers.llm.EVENT (not imported: that loads langchain)

__all__ = ["DraftCounts", "DraftLog"]


@dataclass(frozen=True)
class DraftCounts:
    answers: int = 0  # answers the model sent that were verified (first tries and retries)
    rejected: int = 0  # of those, rejected by verification (a figure not in its citation, a bad citation, ...)
    fell_back: bool = False  # the LLM reader gave up (verification failed twice, or the endpoint failed)


class DraftLog(logging.Handler):
    """A handler on the LLM reader's logger, attached with ``with DraftLog() as log:``."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self._events: list[dict] = []
        self._logger = logging.getLogger(LLM_LOGGER)
        self._level = self._logger.level

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, EVENT, None)
        if isinstance(event, dict):
            self._events.append(event)

    def take(self) -> DraftCounts:
        """The counts of the events since the last call (or since the log was attached)."""
        events, self._events = self._events, []
        drafts = [e for e in events if e.get("event") == "draft"]
        return DraftCounts(
            answers=len(drafts),
            rejected=sum(1 for e in drafts if not e.get("ok")),
            fell_back=any(e.get("event") == "fallback" for e in events),
        )

    def __enter__(self) -> "DraftLog":
        self._level = self._logger.level
        self._logger.addHandler(self)
        if not self._logger.isEnabledFor(logging.DEBUG):
            self._logger.setLevel(logging.DEBUG)  # the records still reach other handlers only at their levels
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self)
        self._logger.setLevel(self._level)
