"""Readers: from passages (or the indicator table) to a cited answer.

``figure`` quotes the clause that states the asked figure (``measure`` says which figure of a
clause fits); ``table`` answers comparisons from the indicator table; ``ledger`` answers "did it meet
its target" and "targets against results over the years" from the ledger; ``llm`` writes an answer
through an OpenAI-compatible endpoint and ``verify`` checks its figures and citations;
``dates`` states a date or deadline a document sets; ``document_facts`` a document's title, issuer
and date; ``crosscheck`` compares an answer with the indicator table; ``coverage`` writes what the
reports cover when they cannot answer.
"""

from __future__ import annotations

from assistant.core.datatypes import AnswerKind, ParsedQuestion
from assistant.core.settings import Settings
from assistant.readers.base import ReadContext, Reader
from assistant.readers.coverage import clarification
from assistant.readers.dates import DateReader
from assistant.readers.document_facts import DocumentReader
from assistant.readers.figure import FigureReader
from assistant.readers.figure_text import abstain
from assistant.readers.ledger import LedgerReader, ledger_shape
from assistant.readers.passages import PassageReader
from assistant.readers.table import TableReader

__all__ = [
    "DateReader", "DocumentReader", "FigureReader", "LedgerReader", "PassageReader", "ReadContext", "Reader", "TableReader", "abstain",
    "choose_readers", "clarification", "passage_reader",
]


def choose_readers(parsed: ParsedQuestion, settings: Settings, *, table: bool = True) -> tuple[Reader, ...]:
    """The readers for ``parsed``, in the order they are tried: the first that answers wins.

    A status or series question tries the ledger first; a comparison the indicator table
    (``table=False`` when the search is narrowed to one region); a document or date question its
    reader, which leaves what it cannot state to the passage reader; passages are read by
    :func:`passage_reader`. A new reader is one line here.
    """
    readers: list[Reader] = [passage_reader(settings, parsed)]
    if parsed.answer_kind is AnswerKind.DOCUMENT:
        readers.insert(0, DocumentReader())
    if parsed.answer_kind is AnswerKind.DATE:
        readers.insert(0, DateReader())
    if parsed.comparison and table:
        readers.insert(0, TableReader())
    if ledger_shape(parsed) is not None:
        readers.insert(0, LedgerReader(settings))  # status and series questions: targets against results
    return tuple(readers)


def passage_reader(settings: Settings, parsed: ParsedQuestion | None = None) -> Reader:
    """The reader of retrieved passages: the passage reader for what / how questions, else the figure
    reader; wrapped by the LLM reader (which falls back to it) when an endpoint is configured."""
    extractive: Reader = (
        PassageReader() if parsed is not None and parsed.answer_kind.reads_sentences else FigureReader()
    )
    if settings.llm_enabled:
        from assistant.readers.llm import LLMReader  # langchain and the prompts load only when used

        prompt = "answer_passages" if isinstance(extractive, PassageReader) else "answer"
        return LLMReader(settings, fallback=extractive, prompt=prompt)
    return extractive
