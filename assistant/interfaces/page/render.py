"""HTML and Markdown for the page. Every piece of user or report text is escaped here.

The reasoning layer never produces markup: it hands over ``Answer``/``Citation``/``Passage``
objects and these functions turn them into what the chat and the sources panel show.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from assistant.core.datatypes import Answer, Citation, DocumentMeta, IngestReport, Passage
from assistant.core.settings import ReaderStatus, ReaderWhy

WINDOW_CHARS = 600  # how much of the document "open source" shows around a quote
CONTEXT_CHARS = 160  # context either side of a quote when its passage is unknown
NO_SOURCES = '<div class="src-empty">答案的引用出处将显示在这里。 Sources of the answer appear here.</div>'


def esc(text: object) -> str:
    """HTML-escape any value (quotes included): safe inside elements and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def highlight(text: str, start: int, end: int) -> str:
    """``text`` escaped, with ``text[start:end]`` wrapped in ``<mark>``."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"


def window(text: str, start: int, end: int, width: int = WINDOW_CHARS) -> str:
    """About ``width`` characters of ``text`` around ``text[start:end]``, the span highlighted."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    side = max(0, (width - (end - start)) // 2)
    left, right = max(0, start - side), min(len(text), end + side)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    return f"{prefix}{highlight(text[left:right], start - left, end - left)}{suffix}"


def quote_in_passage(citation: Citation, passage: Passage | None, original: str | None) -> str:
    """The quote highlighted inside its surrounding passage (from the original text when known)."""
    if original is not None and original[citation.start : citation.end] == citation.quote:
        if passage is not None and passage.start <= citation.start and citation.end <= passage.end:
            left, right = passage.start, passage.end
        else:
            left = max(0, citation.start - CONTEXT_CHARS)
            right = min(len(original), citation.end + CONTEXT_CHARS)
        return highlight(original[left:right], citation.start - left, citation.end - left)
    if passage is not None:
        found = passage.text.find(citation.quote)
        if found >= 0:
            return highlight(passage.text, found, found + len(citation.quote))
    return highlight(citation.quote, 0, len(citation.quote))


def document_window(citation: Citation, original: str | None) -> str:
    """What "open source" shows: ~600 characters of the document around the quote."""
    if original is None:
        return '<span class="src-missing">原文不可用（报告已删除？） The document is no longer indexed.</span>'
    if original[citation.start : citation.end] != citation.quote:
        found = original.find(citation.quote)
        if found < 0:
            return highlight(citation.quote, 0, len(citation.quote))
        return window(original, found, found + len(citation.quote))
    return window(original, citation.start, citation.end)


def citation_label(citation: Citation, numbers: Sequence[int] = ()) -> str:
    """"[1] title（region，year）"; with ``numbers``, every marker citing that document: "[1][2][3] title…"."""
    year = citation.year if citation.year else "?"
    markers = "".join(f"[{n}]" for n in (numbers or (citation.number,)))
    return f"{markers} {citation.title}（{citation.region}，{year}）"


def cited_documents(citations: Sequence[Citation]) -> list[tuple[Citation, list[int]]]:
    """Each cited document once, in the order first cited, with the numbers that cite it."""
    grouped: dict[str, tuple[Citation, list[int]]] = {}
    for citation in citations:
        grouped.setdefault(citation.source, (citation, []))[1].append(citation.number)
    return list(grouped.values())


def source_id(turn: int, number: int) -> str:
    """The element id of source ``[number]`` of the ``turn``-th answer (what its ``[n]`` links to)."""
    return f"src-{turn}-{number}"


def sources_html(answer: Answer, originals: dict[str, str | None], turn: int = 0) -> str:
    """The sources of one answer: a card per citation, with the document around the quote.

    ``originals`` maps a citation's source file to the document's original text. With ``turn`` (the
    answer's place in the conversation, from 1) each card gets the id its ``[n]`` links point to.
    """
    if not answer.citations:
        notes = "".join(f"<li>{esc(note)}</li>" for note in answer.notices)
        notes = f"<ul class='src-notes'>{notes}</ul>" if notes else ""
        return f'<div class="src-empty">本次回答没有引用。 No sources for this answer.{notes}</div>'
    passages = {p.id: p for p in answer.passages}
    cards = [_citation_card(c, passages.get(c.passage_id), originals.get(c.source), turn) for c in answer.citations]
    return f'<div class="src-list">{"".join(cards)}</div>'


def sources_panel(groups: Sequence[tuple[int, str, str]]) -> str:
    """The sources panel for a whole conversation: one group per answer, newest first and open.

    ``groups`` are ``(turn, question, sources_html(...))`` in the order they were asked.
    """
    if not groups:
        return NO_SOURCES
    parts = []
    for place, (turn, question, cards) in enumerate(reversed(groups)):
        opened = " open" if place == 0 else ""
        parts.append(
            f'<details class="src-group" id="src-group-{turn}"{opened}>'
            f'<summary class="src-question">第 {turn} 问 Q{turn}：{esc(question)}</summary>{cards}</details>'
        )
    return f'<div class="src-groups">{"".join(parts)}</div>'


def _citation_card(citation: Citation, passage: Passage | None, original: str | None, turn: int = 0) -> str:
    year = citation.year if citation.year else "?"
    anchor = f' id="{source_id(turn, citation.number)}" tabindex="-1"' if turn else ""
    return (
        f'<div class="src-card"{anchor} data-number="{citation.number}">'
        f'<div class="src-head"><span class="src-num">[{citation.number}]</span> '
        f'<span class="src-title">{esc(citation.title)}</span></div>'
        f'<div class="src-meta">{esc(citation.region)} · {esc(year)} · <code>{esc(citation.source)}</code></div>'
        f'<div class="src-passage">{quote_in_passage(citation, passage, original)}</div>'
        f'<details class="src-doc"><summary>打开原文 Open source（第 {citation.start}–{citation.end} 字 chars）'
        f'</summary><div class="src-window">{document_window(citation, original)}</div></details>'
        "</div>"
    )


def filters_label(filters: dict | None) -> str:
    """The search scope line, e.g. 检索范围 searched: 赣州市, 2024, from ``Answer.filters``."""
    filters = filters or {}
    regions = "、".join(str(r) for r in filters.get("regions") or [])
    years = "/".join(str(y) for y in filters.get("years") or [])
    scope = ", ".join(part for part in (regions, years) if part) or "全部 all"
    return f"检索范围 searched: {scope}"


def chat_text(text: str) -> str:
    """Report or answer text for the chat (which renders Markdown): HTML escaped."""
    return esc(text)


_MARKER = re.compile(r"\[(\d{1,3})\]")


def link_markers(text: str, numbers: Iterable[int], turn: int) -> str:
    """Escaped ``text`` whose ``[n]`` markers (for the cited ``numbers``) link to their source cards."""
    cited = set(numbers)

    def link(match: re.Match) -> str:
        number = int(match.group(1))
        if not turn or number not in cited:
            return match.group(0)
        return f'<a class="cite" href="#{source_id(turn, number)}" title="查看来源 show source [{number}]">[{number}]</a>'

    return _MARKER.sub(link, chat_text(text))


def answer_markdown(answer: Answer, turn: int = 0) -> str:
    """The chat message for a final answer: text, notices, search scope, numbered sources.

    With ``turn`` (the answer's place in the conversation) the ``[n]`` markers link to the sources panel.
    """
    numbers = [c.number for c in answer.citations]
    lines = [link_markers(answer.text, numbers, turn)]
    lines.extend(f"> {chat_text(note)}" for note in answer.notices if note and note not in answer.text)
    meta = f"{filters_label(answer.filters)} · 阅读器 reader: {chat_text(answer.reader)}"
    lines.append(f"*{meta}*")
    if answer.citations:
        cited = "<br>".join(
            link_markers(citation_label(first, numbers), numbers, turn) for first, numbers in cited_documents(answer.citations)
        )
        lines.append(f"**来源 Sources**<br>{cited}")
    return "\n\n".join(lines)


def error_markdown(message: str) -> str:
    return f"⚠️ {chat_text(message)}"


_WHY = {
    ReaderWhy.CONFIGURED: "接口 endpoint {base_url}",
    ReaderWhy.OPENAI_DEFAULT: "OpenAI 默认模型 default model（仅设置了 only OPENAI_API_KEY is set）",
    ReaderWhy.NOTHING_SET: (
        "未配置大模型接口，答案摘自报告原文 no LLM endpoint, answers quote the reports — "
        "启用请设置 to enable set OPENAI_API_KEY，或 or OPENAI_BASE_URL + OPENAI_MODEL"
    ),
    ReaderWhy.NO_MODEL: "已设置 OPENAI_BASE_URL 但缺少模型 but no model — 请设置 set OPENAI_MODEL",
    ReaderWhy.NO_ENDPOINT: (
        "已设置 OPENAI_MODEL 但缺少接口 but no endpoint — 请设置 set OPENAI_BASE_URL 或 or OPENAI_API_KEY"
    ),
}


def status_line(status: ReaderStatus, base_url: str, documents: int, passages: int) -> str:
    """Which reader answers and why, and how much is indexed."""
    reader = status.name if status.llm else "extractive 抽取式"
    why = _WHY[status.why].format(base_url=base_url)
    return (
        f"阅读器 Reader: **{chat_text(reader)}**（{chat_text(why)}） · 已索引 indexed: **{documents}** 份报告 reports, "
        f"**{passages}** 段 passages"
    )


def ingest_markdown(report: IngestReport, rejected: Sequence[tuple[str, str]] = ()) -> str:
    """What an upload did, file by file; ``rejected`` are files refused before ingestion."""
    lines: list[str] = []
    lines.extend(f"- ✅ 已入库 added: `{chat_text(s)}`" for s in report.added)
    lines.extend(f"- ➖ 未变化 unchanged: `{chat_text(s)}`" for s in report.unchanged)
    failures: Iterable[tuple[str, str]] = [*rejected, *((f.path, f.reason) for f in report.failed)]
    lines.extend(f"- ❌ 失败 failed: `{chat_text(_basename(p))}` — {chat_text(r)}" for p, r in failures)
    lines.append(
        f"\n{report.passages_indexed} 段已索引 passages indexed, {report.passages_embedded} 段新嵌入 embedded, "
        f"{report.seconds:.1f}s"
    )
    return "\n".join(lines)


_FIELDS = {"region": "地区 region", "year": "年份 year"}


def _missing(meta: DocumentMeta) -> list[str]:
    return [label for name, label in _FIELDS.items() if not getattr(meta, name)]


def inference_note(meta: DocumentMeta) -> str:
    """What the upload form says about the fields it pre-filled: which were inferred from the text and
    which could not be (never claims a field was inferred when it was not)."""
    found = [label for name, label in _FIELDS.items() if getattr(meta, name)]
    missing = _missing(meta)
    parts = []
    if found:
        parts.append(f"已从文本推断 inferred from the text: {'、'.join(found)}，可修改 edit if wrong.")
    if missing:
        parts.append(
            f"⚠️ 未能推断 could not infer: {'、'.join(missing)} — 请填写，否则按缺少该字段入库 "
            "fill it in, or the report is indexed without it."
        )
    return " ".join(parts)


def missing_fields_note(metas: Iterable[DocumentMeta]) -> str:
    """After an upload: the reports indexed without a region or a year, and what that means."""
    lines = [
        f"- ⚠️ `{chat_text(meta.source)}`: 已入库，但未能确定 indexed, but without {'、'.join(_missing(meta))} — "
        "按地区或年份提问时找不到它；请填写后重新入库 questions naming a place or a year will not find it; "
        "fill the fields in and add it again."
        for meta in metas
        if _missing(meta)
    ]
    return "\n" + "\n".join(lines) if lines else ""


def _basename(path: str) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


FIELD_LABELS = {
    "title": "标题 Title", "issuer": "发文机关 Issuer", "region": "地区 Region", "province": "省份 Province",
    "level": "层级 Level", "year": "年份 Year", "date": "日期 Date", "doc_type": "类型 Type",
}


def metadata_markdown(rows: Iterable[tuple[str, str, str, float, str]]) -> str:
    """A table of a document's fields: value, how it was found, how sure, and the words it was read from.

    ``rows`` as ``index.metadata.describe`` gives them: (field, value, method, confidence, evidence).
    """
    lines = ["| 字段 Field | 值 Value | 如何得到 How found | 置信度 Confidence | 依据 Evidence |", "| --- | --- | --- | --- | --- |"]
    for name, value, method, confidence, evidence in rows:
        how = chat_text(method) if method else "未找到 not found"
        sure = f"{confidence:.2f}" if method else ""
        lines.append(f"| {FIELD_LABELS.get(name, name)} | {chat_text(value) or '—'} | {how} | {sure} | "
                     f"{chat_text(evidence) if evidence != value else ''} |")
    return "\n".join(lines)
