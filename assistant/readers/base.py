"""What every reader is: one class with ``read`` (and, for free, ``stream``), given one context.

A reader turns a parsed question and what the search found into an :class:`Answer`. Adding one is
a subclass here and a line in :func:`assistant.readers.choose_readers`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from assistant.core.datatypes import Answer, Kind, ParsedQuestion, Passage

if TYPE_CHECKING:
    from assistant.knowledge.gazetteer import Gazetteer
    from index.indicators import IndicatorRow
    from index.store import DocumentRecord

# (passage, start, end) within passage.text -> (original start, original end, exact quote)
Locate = Callable[[Passage, int, int], tuple[int, int, str]]


class Index(Protocol):
    """What a reader may ask of the index besides passages (``assistant.api.Assistant`` is one)."""

    def documents(self) -> list[DocumentRecord]: ...

    def indicator_rows(
        self, indicator: str | None = None, year: int | None = None, kind: Kind | str | None = None
    ) -> list[IndicatorRow]: ...

    def gazetteer(self) -> Gazetteer: ...


@dataclass(frozen=True)
class ReadContext:
    """What a reader draws on besides the passages."""

    locate: Locate  # a span of a passage -> the exact original text, for quotes
    coverage_note: str = ""  # what was searched; an abstention ends with it
    index: Index | None = None  # the indicator table and the documents, for readers that answer from them
    report_year: int | None = None  # the report year the page or the CLI narrowed the search to


class Reader(ABC):
    """Reads an answer. ``read`` returns None when this reader has nothing to say and the next one
    :func:`~assistant.readers.choose_readers` chose should answer."""

    name: ClassVar[str]
    reads_passages: ClassVar[bool] = True  # False: it answers from the index (``context.index``) alone
    one_figure: ClassVar[bool] = False  # True: a question about several years or indicators is split first

    @abstractmethod
    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer | None: ...

    def stream(
        self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext
    ) -> Generator[str, None, Answer | None]:
        """Yield the answer's text as it is produced and return the Answer; by default all at once."""
        answer = self.read(parsed, passages, context)
        if answer is not None:
            yield answer.text
        return answer
