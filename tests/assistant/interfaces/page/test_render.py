"""Rendering: escaping, highlighting quotes in passages and documents, labels."""

from __future__ import annotations

from assistant.core.datatypes import Answer, Citation, DocumentMeta, FileFailure, IngestReport, Passage
from assistant.interfaces.page.render import (
    answer_markdown,
    document_window,
    esc,
    filters_label,
    highlight,
    ingest_markdown,
    quote_in_passage,
    sources_html,
    status_line,
    window,
)

ORIGINAL = "一、2023年回顾\n全市生产总值增长4.1%。\n二、2024年目标\n地区生产总值增长6%左右，一般公共预算收入增长3%。\n"
QUOTE = "地区生产总值增长6%左右"
START = ORIGINAL.index(QUOTE)
META = DocumentMeta(
    source="2024_赣州市_政府工作报告要点.txt", title="赣州市2024年政府工作报告", region="赣州市", year=2024
)


def citation(**changes) -> Citation:
    values = {
        "source": META.source,
        "title": META.title,
        "region": "赣州市",
        "year": 2024,
        "quote": QUOTE,
        "start": START,
        "end": START + len(QUOTE),
        "passage_id": "p1",
        "number": 1,
    }
    values.update(changes)
    return Citation(**values)


def passage(start: int = ORIGINAL.index("二、"), end: int = len(ORIGINAL)) -> Passage:
    return Passage(id="p1", doc_id="d1", text=ORIGINAL[start:end], meta=META, start=start, end=end)


def test_esc_escapes_markup_and_quotes():
    assert esc('<script>alert("x")</script>&') == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;"
    assert esc(None) == ""


def test_highlight_marks_the_span_and_escapes_around_it():
    assert highlight("a<b>c", 1, 4) == "a<mark>&lt;b&gt;</mark>c"
    assert highlight("abc", 5, 9) == "abc<mark></mark>"  # out of range is clamped, never raises


def test_window_centres_the_quote_with_ellipses():
    text = "x" * 1000 + "目标" + "y" * 1000
    shown = window(text, 1000, 1002, width=100)
    assert shown.startswith("…") and shown.endswith("…")
    assert "<mark>目标</mark>" in shown
    assert 95 <= len(shown.replace("<mark>", "").replace("</mark>", "")) <= 105


def test_quote_is_highlighted_inside_its_passage_from_the_original_text():
    shown = quote_in_passage(citation(), passage(), ORIGINAL)
    assert shown == highlight(passage().text, START - passage().start, START - passage().start + len(QUOTE))
    assert "二、2024年目标" in shown and "2023年回顾" not in shown


def test_quote_outside_its_passage_gets_context_from_the_document():
    shown = quote_in_passage(citation(), passage(0, 10), ORIGINAL)
    assert f"<mark>{QUOTE}</mark>" in shown
    assert "2023年回顾" in shown  # within the 160 characters of context


def test_quote_without_the_document_is_found_in_the_passage_text():
    assert f"<mark>{QUOTE}</mark>" in quote_in_passage(citation(), passage(), None)
    assert quote_in_passage(citation(), None, None) == f"<mark>{QUOTE}</mark>"


def test_document_window_highlights_the_quote_and_handles_a_removed_document():
    assert f"<mark>{QUOTE}</mark>" in document_window(citation(), ORIGINAL)
    moved = citation(start=0, end=len(QUOTE))  # offsets stale: found by text
    assert f"<mark>{QUOTE}</mark>" in document_window(moved, ORIGINAL)
    assert "no longer indexed" in document_window(citation(), None)


def test_sources_html_escapes_report_text():
    evil = "<img src=x onerror=alert(1)>"
    original = f"前言{evil}增长6%"
    c = citation(title=f"标题{evil}", quote="增长6%", start=original.index("增长6%"), end=len(original))
    html = sources_html(Answer(question="q", text="t", abstained=False, citations=(c,)), {c.source: original})
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>增长6%</mark>" in html
    assert "<details" in html and "Open source" in html


def test_sources_html_for_an_abstention_lists_the_notices():
    answer = Answer(question="q", text="没有", abstained=True, notices=("索引中没有<b>北京</b>的报告",))
    html = sources_html(answer, {})
    assert "No sources" in html and "&lt;b&gt;北京" in html


def test_filters_label():
    assert filters_label({"regions": ["赣州市"], "years": [2024]}) == "检索范围 searched: 赣州市, 2024"
    assert filters_label({"regions": [], "years": [2024, 2023]}) == "检索范围 searched: 2024/2023"
    assert filters_label({}) == "检索范围 searched: 全部 all"


def test_answer_markdown_has_text_scope_and_numbered_sources_escaped():
    answer = Answer(
        question="q",
        text="目标<script>x</script>为6%左右[1]",
        abstained=False,
        citations=(citation(),),
        filters={"regions": ["赣州市"], "years": [2024]},
    )
    md = answer_markdown(answer)
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "检索范围 searched: 赣州市, 2024" in md
    assert "[1] 赣州市2024年政府工作报告（赣州市，2024）" in md


def test_status_line_and_ingest_report():
    from assistant.core.settings import Settings

    status = Settings.load(env={}, config_file=None).reader_status()
    line = status_line(status, "", 5, 250)
    assert "extractive" in line and "**250**" in line and "set OPENAI_API_KEY" in line
    report = IngestReport(added=("a.txt",), failed=(FileFailure("/tmp/x/<b>.pdf", "cannot read"),))
    md = ingest_markdown(report, [("bad.exe", "unsupported")])
    assert "added: `a.txt`" in md
    assert "`&lt;b&gt;.pdf` — cannot read" in md and "`bad.exe` — unsupported" in md


def test_markers_link_to_their_source_only_for_cited_numbers_and_with_a_turn():
    answer = Answer(question="q", text="目标6%左右[1]，另见[2]。", abstained=False, citations=(citation(),))
    md = answer_markdown(answer, turn=3)
    assert md.startswith('目标6%左右<a class="cite" href="#src-3-1" title="查看来源 show source [1]">[1]</a>，另见[2]。')
    assert '<a class="cite" href="#src-3-1"' in md.split("来源 Sources")[1]  # the source list links too
    assert "<a " not in answer_markdown(answer)  # no turn: plain markers


def test_source_cards_carry_the_ids_their_markers_link_to():
    answer = Answer(question="q", text="[1]", abstained=False, citations=(citation(),), passages=(passage(),))
    assert 'id="src-2-1" tabindex="-1"' in sources_html(answer, {META.source: ORIGINAL}, turn=2)
    assert "id=" not in sources_html(answer, {META.source: ORIGINAL})


def test_the_sources_panel_groups_answers_newest_first_and_opens_the_newest():
    from assistant.interfaces.page.render import NO_SOURCES, sources_panel

    assert sources_panel([]) == NO_SOURCES
    panel = sources_panel([(1, "<b>第一</b>", "A"), (2, "第二", "B")])
    assert panel.index('id="src-group-2" open') < panel.index('id="src-group-1"')
    assert 'id="src-group-1" open' not in panel
    assert "第 1 问 Q1：&lt;b&gt;第一&lt;/b&gt;" in panel


def test_inference_note_never_claims_what_was_not_inferred():
    from assistant.interfaces.page.render import inference_note, missing_fields_note

    assert inference_note(META).startswith("已从文本推断 inferred from the text: 地区 region、年份 year")
    bare = DocumentMeta(source="x.txt", title="x", region="", year=None)
    assert "inferred from the text" not in inference_note(bare)
    assert "未能推断 could not infer: 地区 region、年份 year" in inference_note(bare)
    assert missing_fields_note([META]) == ""
    assert "without 地区 region、年份 year" in missing_fields_note([bare])


def test_sentences_quoted_from_one_document_list_it_once_with_all_their_markers():
    from dataclasses import replace

    cites = (citation(), replace(citation(), number=2, quote="另一句"), replace(citation(), number=3, quote="第三句"))
    md = answer_markdown(Answer(question="q", text="甲[1]乙[2]丙[3]", abstained=False, citations=cites), turn=1)
    sources = md.split("来源 Sources")[1]
    assert sources.count("赣州市2024年政府工作报告") == 1
    assert all(f'href="#src-1-{n}"' in sources for n in (1, 2, 3))
