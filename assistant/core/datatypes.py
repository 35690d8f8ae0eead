"""The data that crosses layers: index/, assistant/, eval/ and app.py all speak these types.

Every type is a frozen dataclass. Rescoring or re-ranking makes a copy with
``dataclasses.replace``; nothing is mutated in place. ``Answer.to_dict()`` and
``Answer.from_dict()`` are the one JSON shape of an answer (CLI ``--json``, the page's API).
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field, replace
from enum import Enum


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of some text parts; chunk, document and cache ids are built from it."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:length]


E = typing.TypeVar("E", bound=Enum)

SECTION_SEPARATOR = " > "  # between the headings of a passage's section path (``Passage.section``)


def parse_enum(kind: type[E], value: str, what: str, error: type[Exception] = ValueError) -> E:
    """``kind(value)``, ignoring case and surrounding spaces; the error names the value and the valid ones."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        valid = ", ".join(member.value for member in kind)
        raise error(f"unknown {what} {value!r}; expected one of: {valid}") from None


class Level(str, Enum):
    """Administrative level of a region; values are what the manifests use."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    DISTRICT = "district"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, value: str) -> "Level":
        return parse_enum(cls, value or "unknown", "level")


class Kind(str, Enum):
    """Whether a figure is a target for a year, an actual result, or an estimate (预计)."""

    TARGET = "target"
    ACTUAL = "actual"
    ESTIMATE = "estimate"


class AnswerKind(str, Enum):
    """What kind of answer a question wants; the parser decides, the readers follow."""

    FIGURE = "figure"  # one figure: "赣州2024年GDP增长目标是多少？"
    PASSAGES = "passages"  # the sentences that say it: "珠山区怎么优化营商环境？", "萍乡有哪些重点工作？"
    COMPARISON = "comparison"  # figures side by side or ranked: "2024年各地GDP增长目标对比"
    STATUS = "status"  # whether a target was met: "海拉尔区2016年GDP增长目标完成了吗？"
    SERIES = "series"  # a figure year by year: "海拉尔区2012到2019年GDP增速"
    DOCUMENT = "document"  # about a document itself: "哪个文件提出…", "发布日期是哪一天", "由哪些部门印发"
    DATE = "date"  # a date or deadline a document sets: "工作总结应在什么时间前报送？"

    @property
    def reads_sentences(self) -> bool:
        """Answered from sentences about a topic (not from a figure): passages, documents and dates."""
        return self in (AnswerKind.PASSAGES, AnswerKind.DOCUMENT, AnswerKind.DATE)


FILE_NAME_METHOD = "file name"  # FieldSource.method of a field read off the file name: no better source


@dataclass(frozen=True)
class FieldSource:
    """How one metadata field of a document was found, and how sure that is.

    ``method`` is "manifest" (given, confidence 1), "user" (corrected by a user, 1), or how it
    was inferred: "title line", "closing lines", "header", "dateline", "file name",
    "text: 我省 + most named place" …; ``evidence`` holds the words it was read from.
    """

    field: str  # a DocumentMeta field: "title", "region", "year", "date", "issuer", "doc_type", …
    method: str
    confidence: float = 1.0  # 0–1
    evidence: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    """Who wrote a document and when. ``year`` is the year it was issued (a report: delivered),
    never a year it sets targets for."""

    source: str  # file name, e.g. "2024_赣州市_政府工作报告要点.txt"
    title: str
    region: str  # canonical full name, e.g. "赣州市" or "南昌市青山湖区"
    province: str = ""
    level: Level = Level.UNKNOWN
    year: int | None = None
    doc_type: str = ""
    date: str = ""
    inferred: tuple[str, ...] = ()  # names of fields inferred from the text, not given by a manifest
    issuer: str = ""  # the issuing body, e.g. "山东省人民政府办公厅"
    provenance: tuple[FieldSource, ...] = ()  # how each field was found, one entry per field

    def source_of(self, name: str) -> FieldSource | None:
        """How the field ``name`` was found; None when it was neither given nor inferred."""
        return next((source for source in self.provenance if source.field == name), None)

    @property
    def untitled(self) -> bool:
        """The document has no title of its own: its title is its file name."""
        found = self.source_of("title")
        return found is not None and found.method == FILE_NAME_METHOD


@dataclass(frozen=True)
class Document:
    """A loaded report: its original text (what quotes are cut from) and metadata."""

    doc_id: str  # content hash of the original text
    meta: DocumentMeta
    original: str
    path: str = ""


@dataclass(frozen=True)
class Passage:
    """A chunk of a report, as indexed and as retrieved (then ``score`` is set).

    ``text`` is the cleaned text that is embedded, keyword-indexed and read.
    ``start``/``end`` locate the passage in the document's original text, so
    ``document.original[start:end]`` is the exact source of the passage.
    """

    id: str  # content hash of doc_id, section and text
    doc_id: str
    text: str
    meta: DocumentMeta
    section: str = ""  # the headings joined by SECTION_SEPARATOR: "2024 蓝图催人奋进 > ◆主要目标"
    start: int = 0
    end: int = 0
    score: float = 0.0
    # What a document with no title line says it is about: its opening ("现就加快建设智慧法院提出如下
    # 意见"), set at retrieval (not stored) for documents whose title is their file name.
    about: str = ""

    @property
    def source(self) -> str:
        return self.meta.source

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def region(self) -> str:
        return self.meta.region

    @property
    def year(self) -> int | None:
        return self.meta.year

    @property
    def headings(self) -> tuple[str, ...]:
        """The headings of the section path, outermost first."""
        return tuple(heading for heading in self.section.split(SECTION_SEPARATOR) if heading)

    @property
    def indexed_text(self) -> str:
        """What is embedded and keyword-indexed: the section path is part of the passage."""
        return f"{self.section}\n{self.text}" if self.section else self.text


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from. ``quote`` is exactly ``original[start:end]`` of the source file."""

    source: str
    title: str
    region: str
    year: int | None
    quote: str
    start: int
    end: int
    score: float = 0.0
    passage_id: str = ""
    number: int = 1  # the [n] the answer text refers to


class LedgerStatus(str, Enum):
    """Whether a year's target was met (see ``index.ledger`` for the rules)."""

    MET = "met"
    MET_WITHIN_TOLERANCE = "met_within_tolerance"  # a 左右 target missed by no more than its tolerance
    MISSED = "missed"
    NO_RESULT = "no_result"  # a target, and no result indexed (or the later report states none)
    NO_TARGET = "no_target"  # a result, and no target for that year

    @classmethod
    def parse(cls, value: str) -> "LedgerStatus":
        return parse_enum(cls, value, "ledger status")


@dataclass(frozen=True)
class LedgerFigure:
    """One side of a ledger row: a target, or a result (an actual, or an estimate until one is stated).

    ``value``/``upper``/``unit`` are as written ("7.5", "%"); ``direction`` is "up" (增长),
    "down" (下降, 降低) or "" (a level). ``quote`` is exactly ``original[start:end]`` of ``source``.
    """

    kind: Kind
    value: float
    upper: float | None
    unit: str
    qualifier: str
    direction: str
    figure_text: str
    quote: str
    source: str
    doc_id: str
    report_year: int | None
    start: int
    end: int
    indicator_text: str = ""  # the indicator as the report names it: "地方财政总收入"


@dataclass(frozen=True)
class LedgerStatement:
    """A report's own words that a target was missed, where it gives no figure ("物价调控目标没有完成").
    ``quote`` is exactly ``original[start:end]`` of ``source``."""

    quote: str
    source: str
    doc_id: str
    report_year: int | None
    start: int
    end: int


@dataclass(frozen=True)
class LedgerRow:
    """A year's target against its result, for one region and indicator, like with like.

    ``measure`` is "rate" (a growth rate or a percentage: 增长7.5%, 失业率4%) or "level" (287.2亿元),
    and both sides have it. ``margin`` is the result minus the target in the target's terms (a fall
    of 4.8% against a fall of 3.9% is +0.9), in ``margin_unit`` (个百分点 for rates); for a range the
    nearer end counts. ``ceiling`` is True when the target is a most (CPI, unemployment, 以内).
    ``result_expected_in`` is the report year a missing result would be stated in, and
    ``result_report_indexed`` whether a report of that region and year is indexed at all.
    """

    region: str
    indicator: str
    year: int
    measure: str
    status: LedgerStatus
    target: LedgerFigure | None = None
    result: LedgerFigure | None = None
    margin: float | None = None
    margin_unit: str = ""
    ceiling: bool = False
    tolerance: float | None = None  # how far short a 左右 target may fall and still count as met
    result_expected_in: int | None = None
    result_report_indexed: bool = False
    target_report_indexed: bool = False
    statement: LedgerStatement | None = None  # "missed" said in words, when no result figure is stated

    @property
    def estimated(self) -> bool:
        """The result is an estimate (预计), to be replaced when a later report states the actual."""
        return self.result is not None and self.result.kind is Kind.ESTIMATE


@dataclass(frozen=True)
class Region:
    """A region as the gazetteer knows it."""

    name: str  # canonical full name, e.g. "赣州市", "南昌市青山湖区"
    level: Level = Level.UNKNOWN
    parents: tuple[str, ...] = ()  # nearest first, e.g. ("南昌市", "江西省")
    english: str = ""  # e.g. "Ganzhou"


@dataclass(frozen=True)
class Wanted:
    """The measure a question asks for: "rate", "level" or "" (either), and a unit if it names one."""

    measure: str = ""
    unit: str = ""
    preferred: bool = False  # taken from the question before ("城镇新增就业呢？" after a growth): preferred only

    @property
    def strict(self) -> bool:
        """A named unit or a rate must be matched; a level ("是多少"), or a measure the question only
        inherited, is preferred."""
        return not self.preferred and (bool(self.unit) or self.measure == "rate")


@dataclass(frozen=True)
class ParsedQuestion:
    """What the assistant understood of a question, once: later steps read these fields, not ``text``.

    Shown by ``ask --json``.
    """

    text: str
    language: str = "zh"  # "zh" or "en"
    region: Region | None = None  # the most specific region named
    region_mention: str = ""  # the words that named a region, even if it is unknown
    regions: tuple[Region, ...] = ()  # every region named, in text order (a comparison compares them)
    years: tuple[int, ...] = ()
    kind: Kind | None = None
    kind_explicit: bool = False  # the question's own words name the kind (not the parser's default)
    indicators: tuple[str, ...] = ()  # canonical indicator keys, e.g. ("gdp",)
    base_indicators: tuple[str, ...] = ()  # named only as the base of a share: "占一般公共预算支出比重"
    any_indicator: bool = False  # its indicators share one generic name ("失业率"): the ones a report states answer
    indicator_part: str = ""  # the part of the indicator asked about: 非公有制 in "非公有制工业增加值增长多少"
    keywords: tuple[str, ...] = ()  # Chinese search terms (from the lexicon for English questions)
    wanted: Wanted = Wanted()  # a rate or a level, and a unit
    comparison: bool = False
    superlative: bool = False  # asks for the highest, the lowest, a ranking: "哪个…最高"
    lowest_first: bool = False  # asks for the lowest: "最低", "smallest"
    answer_kind: AnswerKind = AnswerKind.FIGURE
    topic: tuple[str, ...] = ()  # what the question is about, in Chinese: "博物馆", "营商环境" (not 措施, 新建)
    counted: str = ""  # the topic term a figure question counts or measures: 电梯 in "老旧小区加装多少部电梯"
    topic_phrase: str = ""  # the topic as the question words it, when longer than one term: "做实产业招商"
    aspects: tuple[str, ...] = ()  # the kind of content wanted: "措施", "总体目标", "重点工作"
    asks_agent: bool = False  # who does it: "由哪个部门牵头", "which department leads"
    numbers: tuple[str, ...] = ()  # the numbers the question states, as digits: "新建5G基站3000个" -> ("5", "3000")
    asked_fields: tuple[str, ...] = ()  # the fields a document or date question asks for: ("issuer", "issue_date"), ("deadline",)
    untranslated: tuple[str, ...] = ()  # English content words the glossary has no Chinese for: "museums"
    inherited: tuple[str, ...] = ()  # fields a follow-up took from the earlier question: ("indicators", "kind")
    report_named: bool = False  # its years are the years of reports it names ("2009年政府工作报告", "the 2009 report")
    unresolved: bool = False  # a follow-up ("那个呢？") that the conversation does not explain

    def asked(self) -> "ParsedQuestion":
        """The question without the indicators it names only as a base: what a figure is read for."""
        if not self.base_indicators:
            return self
        return replace(self, indicators=tuple(k for k in self.indicators if k not in self.base_indicators))

    def report_years(self) -> tuple[int, ...]:
        """Delivery years of the reports that can hold the answer.

        A target for Y is set in the report of Y; an actual for Y is reported in
        the report of Y+1 (and estimated, 预计, in Y's own report). A document question's year is the
        document's own ("When was the 2022 report delivered?").
        """
        if self.answer_kind is AnswerKind.DOCUMENT or (self.report_named and self.answer_kind.reads_sentences):
            return self.years  # what "the 2009 report" says is in the 2009 report
        years: list[int] = []
        for year in self.years:
            if self.kind is Kind.TARGET:
                candidates = [year]
            elif self.kind is Kind.ACTUAL:
                candidates = [year + 1, year]
            else:
                candidates = [year, year + 1]
            years.extend(y for y in candidates if y not in years)
        return tuple(years)


@dataclass(frozen=True)
class Answer:
    """A cited answer. ``abstained`` is True when the reports do not contain the answer."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[Passage, ...] = ()
    parsed: ParsedQuestion | None = None
    reader: str = "extractive"
    notices: tuple[str, ...] = ()
    filters: dict = field(default_factory=dict)  # what the search was narrowed to
    latency_ms: float = 0.0
    clarification: bool = False  # True: the answer asks what the question means instead of answering

    def to_dict(self) -> dict:
        """The answer as plain JSON values: the one serialisation the CLI, the page's API and the eval use."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Answer":
        """The answer :meth:`to_dict` wrote; unknown fields are an error."""
        return _build(cls, data)


@dataclass(frozen=True)
class FileFailure:
    path: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did, file by file."""

    added: tuple[str, ...] = ()  # sources newly indexed or replaced
    unchanged: tuple[str, ...] = ()  # sources already indexed with the same content
    failed: tuple[FileFailure, ...] = ()
    removed: tuple[str, ...] = ()  # sources pruned
    passages_indexed: int = 0
    passages_embedded: int = 0  # embeddings actually computed (not from the cache)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.failed)} failed",
        ]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        parts.append(f"{self.passages_indexed} passages indexed, {self.passages_embedded} embedded")
        parts.append(f"{self.seconds:.1f}s")
        return ", ".join(parts)


# -- plain JSON values and back ----------------------------------------------------------------------


def _plain(value: object) -> object:
    """Dataclasses as dicts of their fields, enums as their values, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _build(cls: type, data: object) -> object:
    """An instance of the dataclass ``cls`` from what :func:`_plain` made of one."""
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__} must be a JSON object, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"unknown {cls.__name__} field(s): {', '.join(unknown)}")
    return cls(**{name: _value(hints[name], value) for name, value in data.items()})


def _value(hint: object, value: object) -> object:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return _value(next(arg for arg in args if arg is not type(None)), value)
    if origin is tuple:
        return tuple(_value(args[0], item) for item in value)  # type: ignore[union-attr]
    if origin is dict or hint is dict:
        return dict(value)  # type: ignore[call-overload]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value)
    return value
