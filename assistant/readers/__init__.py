"""Readers: from passages (or the indicator table) to a cited answer.

``figure`` quotes the clause that states the asked figure (``measure`` says which figure of a
clause fits); ``table`` answers comparisons from the indicator table; ``llm`` writes an answer
through an OpenAI-compatible endpoint and ``verify`` checks its figures and citations;
``crosscheck`` compares an answer with the indicator table; ``coverage`` writes what the
reports cover when they cannot answer.
"""

from __future__ import annotations

from assistant.core.datatypes import ParsedQuestion
from assistant.core.settings import Settings
from assistant.readers.base import ReadContext, Reader
from assistant.readers.figure import FigureReader, abstain
from assistant.readers.table import TableReader

__all__ = ["FigureReader", "ReadContext", "Reader", "TableReader", "abstain", "choose_readers", "passage_reader"]


def choose_readers(parsed: ParsedQuestion, settings: Settings, *, table: bool = True) -> tuple[Reader, ...]:
    """The readers for ``parsed``, in the order they are tried: the first that answers wins.

    A comparison tries the indicator table first (``table=False`` when the search is narrowed to one
    region); passages are read by :func:`passage_reader`. A new reader is one line here.
    """
    readers: list[Reader] = [passage_reader(settings)]
    if parsed.comparison and table:
        readers.insert(0, TableReader())
    return tuple(readers)


def passage_reader(settings: Settings) -> Reader:
    """The LLM reader when an endpoint is configured (the figure reader is its fallback), else the figure reader."""
    if settings.llm_enabled:
        from assistant.readers.llm import LLMReader  # langchain and the prompts load only when used

        return LLMReader(settings, fallback=FigureReader())
    return FigureReader()
