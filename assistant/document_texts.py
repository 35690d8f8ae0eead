"""The texts of indexed documents, for the readers: where a quote lies in the original, and the kind and
year a document's sections announce for a figure.

A passage holds clean text (``index.cleaning``); a citation quotes the original. :class:`DocumentTexts`
keeps the most recently read documents' original and clean texts (and their section timelines) so
that each answer maps its quotes back without reading the store again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from assistant.core.datatypes import Kind, Passage
from index.cleaning import CleanText, clean
from index.figure_kinds import SectionContext, kind_and_year, section_contexts

KEPT = 64  # documents whose texts are kept


class DocumentTexts:
    """Original and clean texts of documents, read through ``original_text`` (doc id -> text) and kept
    for the :data:`KEPT` most recently used. Thread-safe; :meth:`forget` after the index changes."""

    def __init__(self, original_text: Callable[[str], str | None]) -> None:
        self._original_text = original_text
        self._lock = threading.RLock()
        self._texts: OrderedDict[str, tuple[str, CleanText]] = OrderedDict()
        self._timelines: OrderedDict[str, list[SectionContext]] = OrderedDict()

    def forget(self) -> None:
        with self._lock:
            self._texts.clear()
            self._timelines.clear()

    def locate(self, passage: Passage, start: int, end: int) -> tuple[int, int, str]:
        """Map a span of a passage's clean text to the exact original text of its document."""
        original, cleaned = self._texts_of(passage.doc_id)
        base = self._passage_base(passage, cleaned)
        orig_start, orig_end = cleaned.original_span(base + start, base + end)
        return orig_start, orig_end, original[orig_start:orig_end]

    def period_at(self, passage: Passage, sentence_start: int, figure_start: int) -> tuple[Kind, int | None] | None:
        """The kind and year the document's sections announce for a figure of ``passage`` (the same rule
        the indicator table applies at ingest: ``index.figure_kinds``)."""
        _, cleaned = self._texts_of(passage.doc_id)
        with self._lock:
            timeline = self._timelines.get(passage.doc_id)
        if timeline is None:
            timeline = section_contexts(cleaned.text, passage.year)
            with self._lock:
                self._timelines[passage.doc_id] = timeline
                while len(self._timelines) > KEPT:
                    self._timelines.popitem(last=False)
        base = self._passage_base(passage, cleaned)
        at = base + figure_start
        return kind_and_year(cleaned.text, base + sentence_start, at, at, timeline, passage.year)

    def _texts_of(self, doc_id: str) -> tuple[str, CleanText]:
        with self._lock:
            if doc_id in self._texts:
                self._texts.move_to_end(doc_id)
                return self._texts[doc_id]
        original = self._original_text(doc_id) or ""
        entry = (original, clean(original))
        with self._lock:
            self._texts[doc_id] = entry
            while len(self._texts) > KEPT:
                self._texts.popitem(last=False)
        return entry

    @staticmethod
    def _passage_base(passage: Passage, cleaned: CleanText) -> int:
        """Where ``passage.text`` starts in the clean text of its document."""
        base = cleaned.clean_index(passage.start)
        if cleaned.text[base : base + len(passage.text)] != passage.text:
            found = cleaned.text.find(passage.text)
            if found < 0:
                raise LookupError(f"passage {passage.id} is not in the text of {passage.source}; re-ingest it")
            base = found
        return base


__all__ = ["DocumentTexts"]
