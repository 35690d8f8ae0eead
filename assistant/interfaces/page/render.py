"""HTML and Markdown for the page. Every piece of user or report text is escaped here.

The reasoning layer never produces markup: it hands over ``Answer``/``Citation``/``Passage``
objects and these functions turn them into what the chat and the sources panel show.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from assistant.core.datatypes import Answer, Citation, IngestReport, Passage

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


def citation_label(citation: Citation) -> str:
    year = citation.year if citation.year else "?"
    return f"[{citation.number}] {citation.title}（{citation.region}，{year}）"


def sources_html(answer: Answer, originals: dict[str, str | None]) -> str:
    """The sources panel for one answer: a card per citation, with the document around the quote.

    ``originals`` maps a citation's source file to the document's original text.
    """
    if not answer.citations:
        notes = "".join(f"<li>{esc(note)}</li>" for note in answer.notices)
        notes = f"<ul class='src-notes'>{notes}</ul>" if notes else ""
        return f'<div class="src-empty">本次回答没有引用。 No sources for this answer.{notes}</div>'
    passages = {p.id: p for p in answer.passages}
    cards = [_citation_card(c, passages.get(c.passage_id), originals.get(c.source)) for c in answer.citations]
    return f'<div class="src-list">{"".join(cards)}</div>'


def _citation_card(citation: Citation, passage: Passage | None, original: str | None) -> str:
    year = citation.year if citation.year else "?"
    return (
        f'<div class="src-card" data-number="{citation.number}">'
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


def answer_markdown(answer: Answer) -> str:
    """The chat message for a final answer: text, notices, search scope, numbered sources."""
    lines = [chat_text(answer.text)]
    lines.extend(f"> {chat_text(note)}" for note in answer.notices if note and note not in answer.text)
    meta = f"{filters_label(answer.filters)} · 阅读器 reader: {chat_text(answer.reader)}"
    lines.append(f"*{meta}*")
    if answer.citations:
        cited = "<br>".join(chat_text(citation_label(c)) for c in answer.citations)
        lines.append(f"**来源 Sources**<br>{cited}")
    return "\n\n".join(lines)


def error_markdown(message: str) -> str:
    return f"⚠️ {chat_text(message)}"


def status_line(reader: str, documents: int, passages: int) -> str:
    return (
        f"阅读器 Reader: **{chat_text(reader)}** · 已索引 indexed: **{documents}** 份报告 reports, "
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


def _basename(path: str) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


CSS = """
.src-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px; margin-bottom: 8px; }
.src-head { font-weight: 600; }
.src-num { color: var(--color-accent); }
.src-meta { font-size: 0.85em; opacity: 0.8; margin: 2px 0 6px; }
.src-passage, .src-window { white-space: pre-wrap; line-height: 1.6; font-size: 0.92em; }
.src-window { max-height: 320px; overflow-y: auto; border-left: 3px solid var(--border-color-accent); padding-left: 8px; }
.src-card mark { background: #ffe58f; color: #222; padding: 0 2px; border-radius: 2px; }
.src-doc summary { cursor: pointer; color: var(--color-accent); margin-top: 4px; }
.src-empty { opacity: 0.75; }
#status-line { font-size: 0.9em; }
"""


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
