"""The public API: ``Assistant`` (ingest, answer, documents) and the module-level ``answer``.

Everything a script, the CLI or the page does goes through here:

    bot = Assistant(index_dir="path")
    bot.ingest(["data/reports"], manifest="data/reports/manifest.csv")
    a = bot.answer("赣州2024年GDP增长目标是多少？")
    a.text, a.abstained, a.citations, a.passages, a.parsed
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from assistant.core.datatypes import Answer, AnswerKind, IngestReport, Kind, LedgerRow, Level, ParsedQuestion, Passage
from assistant.core.errors import EmptyQuestionError, MetadataError, QuestionTooLongError
from assistant.core.response import Response, with_notes
from assistant.core.settings import Settings
from assistant.document_texts import DocumentTexts
from assistant.knowledge.gazetteer import Gazetteer
from assistant.knowledge.lexicon import get_indicator, indicator_key
from assistant.knowledge.outlines import asked_heads
from assistant.knowledge.textmatch import is_meaningful
from assistant.knowledge.documents import REPORT_TYPES
from assistant.readers import ReadContext, Reader, abstain, choose_readers, clarification, passage_reader
from assistant.readers.coverage import (
    missing_region_note,
    no_report_note,
    no_year_note,
    part_region_note,
    same_region,
    searched_note,
    unmatched_region_note,
)
from assistant.readers.crosscheck import cross_check
from assistant.retrieval.filters import Filters
from assistant.retrieval.fusion import fused_search
from assistant.retrieval.queries import asked_query, indicator_query, semantic_query, term_query
from assistant.retrieval.rerank import make_reranker
from assistant.retrieval.retrievers import (
    ASKED_PASSAGES, asked_of_document_retriever, dense_retriever, focus_retriever, in_reports, keyword_retriever,
    with_asked, with_openings, with_sections,
)
from assistant.understanding.followup import resolve, resolve_conversation
from assistant.understanding.page_filters import apply_page_filters
from assistant.understanding.parser import parse_question
from assistant.understanding.parts import combine, split_parts
from index.indicators import IndicatorRow
from index.ledger import build_ledger, headlines
from index.metadata import USER, parse_corrections, with_values
from index.pipeline import Indexer, Progress
from index.store import DocumentRecord

logger = logging.getLogger(__name__)

Turn = str | Answer | ParsedQuestion  # an earlier question of the conversation

PASSAGE_DEPTH = 2  # a what / how question gets top_k * PASSAGE_DEPTH passages: it reads a section, not a clause


class Assistant:
    """Question answering over one index. Cheap to construct; the index opens on first use."""

    def __init__(
        self,
        index_dir: str | Path | None = None,
        settings: Settings | None = None,
        *,
        embedder=None,
        chroma_client=None,
    ) -> None:
        settings = settings or Settings.load()
        if index_dir is not None:
            settings = settings.with_overrides(index_dir=Path(index_dir))
        self.settings = settings
        self.indexer = Indexer(settings, embedder=embedder, client=chroma_client)
        self.reranker = make_reranker(settings)  # None unless settings.reranker_model is set
        self._lock = threading.RLock()
        self.texts = DocumentTexts(lambda doc_id: self.indexer.store.original_text(doc_id))
        self._gazetteer: Gazetteer | None = None
        self._gazetteer_regions: frozenset[str] = frozenset()
        self._places_named: dict[str, tuple[frozenset[str], str]] = {}  # doc id -> places its text names

    # -- indexing ---------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        manifest: str | Path | None = None,
        *,
        prune: bool = False,
        progress: Progress | None = None,
        overrides: dict[str, dict[str, str]] | None = None,
    ) -> IngestReport:
        """Index files and folders; returns what was added, unchanged, failed (with reasons)."""
        report = self.indexer.ingest(paths, manifest, prune=prune, progress=progress, overrides=overrides)
        self.texts.forget()
        return report

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Index the bundled reports if the index is empty (first start)."""
        if self.documents():
            return None
        data_dir = Path(self.settings.data_dir)
        logger.info("index is empty; indexing the bundled reports in %s", data_dir)
        return self.ingest([data_dir], progress=progress)

    def remove(self, source: str) -> bool:
        removed = self.indexer.remove(source)
        self.texts.forget()
        return removed

    def documents(self) -> list[DocumentRecord]:
        """The indexed reports, by region then year."""
        return sorted(self.indexer.store.records(), key=lambda r: (r.meta.region, r.meta.year or 0))

    def correct(self, source: str, values: Mapping[str, str]) -> DocumentRecord:
        """Correct the metadata of an indexed document (file name or document id): ``values`` maps a
        field (title, region, year, date, doc_type, issuer, level, province) to its value as text, ""
        to clear it. The correction is recorded as the user's (``FieldSource`` "user", confidence 1),
        survives re-ingesting the same file, and re-tags the document's passages without embedding
        them again. Raises :class:`MetadataError` for an unknown document, field or value."""
        record = next((r for r in self.documents() if source in (r.meta.source, r.doc_id)), None)
        if record is None:
            known = ", ".join(r.meta.source for r in self.documents()[:10])
            raise MetadataError(f"no indexed document is called {source!r}; indexed documents include: {known}")
        meta = with_values(record.meta, parse_corrections(values), USER)
        self.indexer.update_metadata(record.doc_id, meta)
        self.texts.forget()
        return next(r for r in self.documents() if r.doc_id == record.doc_id)

    def coverage(self) -> dict[str, list[int]]:
        """Region -> delivery years of its indexed reports."""
        covered: dict[str, set[int]] = {}
        for record in self.documents():
            covered.setdefault(record.meta.region, set()).update([record.meta.year] if record.meta.year else [])
        return {region: sorted(years) for region, years in sorted(covered.items())}

    def document_text(self, source_or_doc_id: str) -> str | None:
        """The original text of an indexed report, by file name or document id."""
        for record in self.documents():
            if source_or_doc_id in (record.meta.source, record.doc_id):
                return self.indexer.store.original_text(record.doc_id)
        return None

    # -- answering --------------------------------------------------------------------------------

    def parse(self, question: str) -> ParsedQuestion:
        records = self.documents()
        years = [r.meta.year for r in records if r.meta.year]

        def latest_year(region: str) -> int | None:
            own = [r.meta.year for r in records if r.meta.year and same_region(r.meta.region, region)]
            return max(own, default=None)

        return parse_question(
            question, self._gazetteer_for(records), reference_year=max(years, default=None), latest_year=latest_year
        )

    def answer(
        self, question: str, region: str | None = None, year: int | None = None, history: Sequence[Turn] = ()
    ) -> Answer:
        """A cited answer, or an abstention that says what the reports cover.

        ``region`` and ``year`` narrow the search like a filter in the page (year = report year); a
        region or year the question names wins over them, and the answer says so. ``history`` holds
        the conversation's earlier questions (or their Answers), oldest first: a follow-up such as
        "萍乡呢？" or "那2023年呢？" takes what it leaves out from them, and one they do not explain
        ("那个呢？") gets an answer that asks what is meant (``Answer.clarification``).
        """
        return self._respond(question, region, year, history, streaming=False).answer

    def stream(
        self, question: str, region: str | None = None, year: int | None = None, history: Sequence[Turn] = ()
    ) -> Response:
        """The answer as a :class:`~assistant.core.response.Response`: iterate it for the text as it
        is produced (the LLM reader's tokens; other readers' text at once), then read ``.answer``.

        The final Answer is verified; when its text differs from the streamed one (verification
        failed, the endpoint failed), ``response.replaced`` is True: show the final Answer instead.
        An empty or too long question raises here, before anything is streamed.
        """
        return self._respond(question, region, year, history, streaming=True)

    def _respond(
        self, question: str, region: str | None, year: int | None, history: Sequence[Turn], *, streaming: bool
    ) -> Response:
        """The one chain behind :meth:`answer` and :meth:`stream`: parse, choose the readers, read."""
        started = time.perf_counter()
        parsed = self._understand(question, history)
        if parsed.unresolved:
            return Response.of(clarification(parsed))
        match = self._gazetteer_for(self.documents()).resolve(region) if region else None
        parsed, region, year, notes = apply_page_filters(
            parsed, region, match.region if match else None, year, years_of=lambda name: self.coverage().get(name, [])
        )
        filters, problem = self._filters_for(parsed, report_year=year)
        readers = choose_readers(parsed, self.settings, table=not region)
        context = ReadContext(self.texts.locate, index=self, report_year=year, period_at=self.texts.period_at)
        chain = self._read(readers, parsed, filters, problem, context, started, streaming)
        return Response(with_notes(chain, notes) if notes else chain)

    def _understand(self, question: str, history: Sequence[Turn]) -> ParsedQuestion:
        """The question parsed, and completed from the conversation when it is a follow-up."""
        parsed = self.parse(self._validate(question))
        earlier = [turn.parsed if isinstance(turn, Answer) else turn for turn in history]
        previous = resolve_conversation(
            turn if isinstance(turn, ParsedQuestion) else self.parse(turn)
            for turn in earlier if isinstance(turn, ParsedQuestion) or (isinstance(turn, str) and is_meaningful(turn))
        )
        return resolve(parsed, previous)

    def _read(
        self,
        readers: Sequence[Reader],
        parsed: ParsedQuestion,
        filters: Filters,
        problem: str,
        context: ReadContext,
        started: float,
        streaming: bool,
    ) -> Generator[str, None, Answer]:
        """Try the readers in order. One that reads passages gets them searched (per part when it
        answers one figure at a time), or abstains with ``problem`` when the reports cannot answer.
        The notes of the filters (a place that matched no document's region) join the notices."""
        notes = filters.notes
        retrieved: list[Passage] | None = None  # searched once, for every reader that reads passages
        for reader in readers:
            if not reader.reads_passages:
                found = reader.read(parsed, (), context)
                if found is None:
                    continue
                answer = replace(found, latency_ms=(time.perf_counter() - started) * 1000)
                answer = replace(answer, notices=tuple(dict.fromkeys(answer.notices + notes)))
                yield answer.text
                return answer
            parts = split_parts(parsed.asked()) if reader.one_figure else [parsed]
            streamed = False
            if problem:
                found = abstain(parsed, (), problem)
            elif len(parts) > 1:
                found = combine(parsed, [self._read_part(reader, part, context) for part in parts])
            else:
                if retrieved is None:
                    retrieved = self.retrieve(parsed, filters, k=self._depth(parsed))
                    if parsed.answer_kind is AnswerKind.PASSAGES:
                        retrieved = with_sections(self.indexer, retrieved, parsed.topic, asked_heads(parsed.aspects))
                passages = retrieved
                context = replace(context, coverage_note=self._searched(parsed, filters))
                if streaming:
                    found = yield from reader.stream(parsed, passages, context)
                    streamed = True
                else:
                    found = reader.read(parsed, passages, context)
                if found is None and reader is not readers[-1]:
                    continue  # a date or document reader that cannot state it: the next reader answers
                found = self._cross_checked(self._required(reader, found))
            answer = replace(found, filters=filters.describe(), latency_ms=(time.perf_counter() - started) * 1000)
            answer = replace(answer, notices=tuple(dict.fromkeys(answer.notices + notes)))
            if not streamed:
                yield answer.text
            return answer
        raise RuntimeError("no reader answered; the last reader chosen must always answer")

    def _depth(self, parsed: ParsedQuestion) -> int:
        """Passages handed to the reader: a what / how question reads a section, so it gets twice as many."""
        return self.settings.top_k * (PASSAGE_DEPTH if parsed.answer_kind.reads_sentences else 1)

    def _read_part(self, reader: Reader, part: ParsedQuestion, context: ReadContext) -> Answer:
        """One part of a several-part question, with its own filters."""
        filters, problem = self._filters_for(part, report_year=context.report_year)
        notes = filters.notes
        if problem:
            return abstain(part, (), problem)
        passages = self.retrieve(part, filters)
        found = reader.read(part, passages, replace(context, coverage_note=self._searched(part, filters)))
        found = self._cross_checked(self._required(reader, found))
        return replace(found, notices=found.notices + notes) if notes else found

    @staticmethod
    def _required(reader: Reader, answer: Answer | None) -> Answer:
        if answer is None:
            raise RuntimeError(f"the {reader.name} reader gave no answer for passages it was given")
        return answer

    def read(self, parsed: ParsedQuestion, passages: list[Passage], coverage_note: str = "") -> Answer:
        """Run the passage reader over given passages (the eval baselines feed their own rankings here)."""
        reader = passage_reader(self.settings, parsed)
        return self._required(reader, reader.read(parsed, passages, ReadContext(self.texts.locate, coverage_note)))

    def gazetteer(self) -> Gazetteer:
        """The gazetteer: the built-in places and the index's regions."""
        return self._gazetteer_for(self.documents())

    def indicator_rows(
        self,
        indicator: str | None = None,
        year: int | None = None,
        kind: Kind | str | None = None,
        regions: Iterable[str] | None = None,
    ) -> list[IndicatorRow]:
        """Rows of the indicator table (every target, actual and estimated figure), filtered."""
        if indicator is not None:
            get_indicator(indicator)  # an unknown key raises UnknownIndicatorError listing the valid ones
        return self.indexer.indicators.query(indicator=indicator, year=year, kind=kind, regions=regions)

    def ledger(
        self,
        region: str | None = None,
        indicator: str | None = None,
        years: Iterable[int] | None = None,
        *,
        headline: bool = True,
    ) -> list[LedgerRow]:
        """Targets against results (``index.ledger``): one row per region, indicator and year, each
        figure with its quote and report; by region, indicator and year.

        ``region`` is a name as a question writes it ("海拉尔区", "Hailar", "全国"), ``indicator`` a key or a
        name ("gdp", "GDP", "地区生产总值"). ``headline=False`` keeps every measure of a year (a growth rate
        and a level: "增长7.5%，达到309亿元"); by default one row per year, the growth rate when there is one.
        An unknown indicator raises ``UnknownIndicatorError``; a region not indexed gives no rows.
        """
        key = indicator_key(indicator) if indicator else None
        records = self.documents()
        regions = None
        if region:
            regions = self._regions_named(region, records)
            if not regions:
                return []
        rows = self.indexer.indicators.query(regions=regions)  # all: a joint income target serves urban and rural
        verdicts = self.indexer.indicators.verdicts(regions=regions)
        reports = {(record.meta.region, record.meta.year) for record in records}
        ledger = build_ledger(rows, reports=reports, verdicts=verdicts)
        if key is not None:
            ledger = [row for row in ledger if row.indicator == key]
        if years is not None:
            wanted = set(years)
            ledger = [row for row in ledger if row.year in wanted]
        return headlines(ledger) if headline else ledger

    def _regions_named(self, name: str, records: list[DocumentRecord]) -> list[str]:
        """Index region names for a region as a user writes it: itself, or resolved by the gazetteer."""
        indexed = sorted({record.meta.region for record in records if record.meta.region})
        if name in indexed:
            return [name]
        match = self._gazetteer_for(records).resolve(name)
        wanted = match.region.name if match is not None else name
        return [region for region in indexed if same_region(region, wanted)]

    def _cross_checked(self, answer: Answer) -> Answer:
        """The answer with a notice when its figure disagrees with the indicator table."""
        parsed = answer.parsed
        if answer.abstained or parsed is None or not parsed.indicators:
            return answer
        notices = cross_check(answer, self.indexer.indicators.query(indicator=parsed.indicators[0]))
        return replace(answer, notices=answer.notices + notices) if notices else answer

    def retrieve(self, parsed: ParsedQuestion, filters: Filters | None = None, k: int | None = None) -> list[Passage]:
        """Ranked passages for a parsed question: dense, keyword, indicator-term and named-document
        (:func:`focus_retriever`) rankings, and one inside the report that should answer first, fused;
        then re-ranked by the CrossEncoder when ``settings.reranker_model`` is set."""
        filtered = bool(filters and filters.regions)
        dense, keyword = dense_retriever(self.indexer), keyword_retriever(self.indexer)
        searches = [
            (dense, semantic_query(parsed)),
            (keyword, term_query(parsed, region_filtered=filtered)),
            (keyword, indicator_query(parsed)),
            (focus_retriever(self.indexer, parsed.topic, parsed.topic_phrase), term_query(parsed, region_filtered=filtered)),
        ]
        first = parsed.report_years()[0] if parsed.report_years() else None
        if parsed.kind_explicit and filters is not None and first in filters.years and len(filters.years) > 1:
            # "2022年城镇新增就业实际是多少？": the 2023 report's review says it without naming 2022, so the
            # report that an explicit kind points to first gets a ranking of its own
            searches.append((in_reports(keyword, (first,)), term_query(parsed, region_filtered=filtered)))
        k = k or self.settings.top_k
        asked = asked_of_document_retriever(self.indexer, parsed.topic, parsed.topic_phrase)(asked_query(parsed), filters, ASKED_PASSAGES)
        if self.reranker is None:
            return with_openings(self.indexer, with_asked(fused_search(searches, filters, k, self.settings.candidates), asked))
        pool = fused_search(searches, filters, max(k, self.settings.candidates), self.settings.candidates)
        return with_openings(self.indexer, with_asked(self.reranker.rerank(parsed.text, pool)[:k], asked))

    def _validate(self, question: str) -> str:
        if not isinstance(question, str) or not is_meaningful(question):
            raise EmptyQuestionError("the question is empty; type a question such as 赣州2024年GDP增长目标是多少？")
        question = question.strip()
        if len(question) > self.settings.max_question_chars:
            raise QuestionTooLongError(
                f"the question has {len(question)} characters; the limit is "
                f"{self.settings.max_question_chars}. Ask about one figure at a time."
            )
        return question

    def _filters_for(self, parsed: ParsedQuestion, report_year: int | None = None) -> tuple[Filters, str]:
        """Filters from the parsed question, or a message saying why the reports cannot answer.

        Filters cannot hide the answer. A region narrows the search when documents are tagged with
        it; else, when a document may be about it (its region is unknown and its text names the
        place, or it is about a place inside it and the question asks for no figure), every document
        is searched (the places inside it) with the name as a search term, and a notice says the
        region matched no document's metadata; only when no document is about it is the answer "no
        report from X". Documents of unknown region or year pass every filter; a year narrows reports
        only (see :class:`Filters`). What the answer must say about this is in ``Filters.notes``.
        """
        records = self.documents()
        coverage = self.coverage()
        regions: tuple[str, ...] = ()
        default: tuple[str, ...] = ()
        notes: list[str] = []
        if parsed.region is not None or parsed.region_mention:
            name = parsed.region.name if parsed.region is not None else parsed.region_mention
            tagged = tuple(r for r in coverage if r and parsed.region is not None and same_region(r, parsed.region.name))
            inside = self._inside(parsed.region, coverage) if parsed.region is not None and not parsed.indicators else ()
            if tagged:
                regions = tagged
            elif inside:
                regions = inside
                notes.append(part_region_note(name, inside, parsed.language))
            elif self._named_by_unknown(parsed, records):
                notes.append(unmatched_region_note(name, parsed.language))
            elif parsed.region is not None:
                return Filters(), missing_region_note(name, parsed.language, coverage)
            else:
                return Filters(), no_report_note(name, parsed.language, coverage)
        elif parsed.indicators:
            default = self._national_regions()  # a figure asked without a place: the country's
        wanted = (report_year,) if report_year else parsed.report_years()
        years: tuple[int, ...] = ()
        if wanted:
            scope = Filters(regions=regions, default_regions=default)
            in_scope = [r for r in records if scope.allows(r.meta.region, r.meta.year, r.meta.doc_type)]
            available = {r.meta.year for r in in_scope if r.meta.year}
            years = tuple(y for y in wanted if y in available)
            open_ended = any(not r.meta.year or (not report_year and r.meta.doc_type not in REPORT_TYPES) for r in in_scope)
            if not years and not open_ended:
                return Filters(regions=regions, default_regions=default), no_year_note(parsed, regions or default, available)
        return Filters(regions=regions, years=years, default_regions=default, strict_years=bool(report_year),
                       notes=tuple(notes)), ""

    def _inside(self, region, coverage: dict[str, list[int]]) -> tuple[str, ...]:
        """Indexed regions that lie inside ``region`` (济南市 inside 山东省)."""
        gazetteer = self.gazetteer()
        inside = []
        for name in coverage:
            place = gazetteer.get(name) if name else None
            if place is not None and region.name in place.parents:
                inside.append(name)
        return tuple(inside)

    def _named_by_unknown(self, parsed: ParsedQuestion, records: list[DocumentRecord]) -> bool:
        """Whether a document of unknown region names the place the question asks about."""
        unknown = [r for r in records if not r.meta.region]
        if not unknown:
            return False
        gazetteer = self.gazetteer()
        for record in unknown:
            with self._lock:
                named = self._places_named.get(record.doc_id)
            if named is None:
                text = self.indexer.store.original_text(record.doc_id) or ""
                named = (frozenset(m.region.name for m in gazetteer.find_all(text[:60000])), text[:60000])
                with self._lock:
                    self._places_named[record.doc_id] = named
            places, text = named
            if parsed.region is not None and parsed.region.name in places:
                return True
            if parsed.region_mention and parsed.region_mention in text:
                return True
        return False

    def _national_regions(self) -> tuple[str, ...]:
        """A question that names no region is about the country when national reports are indexed."""
        return tuple(sorted({r.meta.region for r in self.documents() if r.meta.level is Level.NATIONAL}))

    def _searched(self, parsed: ParsedQuestion, filters: Filters) -> str:
        coverage = self.coverage()
        return searched_note(parsed.language, filters.regions or filters.default_regions or tuple(coverage), coverage)

    def _gazetteer_for(self, records: list[DocumentRecord]) -> Gazetteer:
        regions = frozenset((r.meta.region, r.meta.level) for r in records)
        with self._lock:
            if self._gazetteer is None or regions != self._gazetteer_regions:
                gazetteer = Gazetteer.builtin()
                for name, level in sorted(regions, key=lambda x: x[0]):
                    if name:
                        gazetteer.add(name, level)
                self._gazetteer, self._gazetteer_regions = gazetteer, regions
            return self._gazetteer


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The assistant on the default index, with the bundled reports indexed on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant()
            _default.ensure_index()
        return _default


def answer(
    question: str, region: str | None = None, year: int | None = None, history: Sequence[Turn] = ()
) -> Answer:
    """Answer from the default index (bundled reports indexed on first use)."""
    return default_assistant().answer(question, region=region, year=year, history=history)


__all__ = ["Assistant", "answer", "default_assistant"]
