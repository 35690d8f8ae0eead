import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.datatypes import Document, DocumentMeta, content_hash
from index.chunking import chunk_document, has_figure, plan_chunks
from index.cleaning import clean
from index.loading import load_document, load_manifest

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
MANIFEST = load_manifest(REPORTS / "manifest.csv")
SEED_NAMES = sorted(MANIFEST)
NUMBER_CHAR = re.compile(r"[0-9.%]")


def load(fragment: str):
    (name,) = [n for n in SEED_NAMES if fragment in n]
    document = load_document(REPORTS / name, MANIFEST[name])
    cleaned = clean(document.original)
    return document, cleaned, chunk_document(document, cleaned)


@pytest.fixture(scope="module", params=SEED_NAMES, ids=lambda n: n[:12])
def seed(request):
    return load(request.param)


def text_document(text: str) -> Document:
    return Document(doc_id=content_hash(text), meta=DocumentMeta(source="t.txt", title="", region=""), original=text)


def section_of(passages, needle: str) -> str:
    return next(p.section for p in passages if needle in p.text)


# --- spans ------------------------------------------------------------------------------------


def test_every_chunk_span_is_the_exact_source_of_its_text(seed):
    document, cleaned, passages = seed
    assert passages
    for p in passages:
        source = document.original[p.start : p.end]
        assert "".join(source.split()) == "".join(p.text.split())
        clean_start = cleaned.clean_index(p.start)
        clean_end = clean_start + len(p.text)
        assert cleaned.text[clean_start:clean_end] == p.text
        assert cleaned.original_span(clean_start, clean_end) == (p.start, p.end)
        assert p.doc_id == document.doc_id and p.meta == document.meta
        assert p.id == content_hash(document.doc_id, p.section, p.text)


def test_no_chunk_boundary_falls_inside_a_number(seed):
    _, cleaned, passages = seed
    for p in passages:
        start = cleaned.clean_index(p.start)
        end = start + len(p.text)
        if start > 0:
            assert not (NUMBER_CHAR.match(cleaned.text[start - 1]) and NUMBER_CHAR.match(cleaned.text[start])), p.text[:20]
        if end < len(cleaned.text):
            assert not (NUMBER_CHAR.match(cleaned.text[end - 1]) and NUMBER_CHAR.match(cleaned.text[end])), p.text[-20:]


def test_chunk_sizes_stay_within_bounds_except_for_short_sections(seed):
    _, _, passages = seed
    assert all(len(p.text) <= 400 for p in passages)
    short = [p for p in passages if len(p.text) < 150]
    sizes = {}
    for p in passages:
        sizes[p.section] = sizes.get(p.section, 0) + len(p.text)
    # a short chunk is a short section, or one piece of a section cut by a deleted line
    assert len(short) <= max(2, len(passages) // 5)
    assert sum(len(p.text) for p in passages) >= sum(sizes.values()) * 0.99


def test_exact_duplicate_chunks_are_dropped(seed):
    _, _, passages = seed
    texts = [p.text for p in passages]
    assert len(texts) == len(set(texts))


def test_every_visible_character_of_the_clean_text_is_in_some_chunk(seed):
    _, cleaned, passages = seed
    covered = bytearray(len(cleaned.text))
    for p in passages:
        start = cleaned.clean_index(p.start)
        covered[start : start + len(p.text)] = b"\x01" * len(p.text)
    missing = [cleaned.text[i] for i in range(len(cleaned.text)) if not covered[i] and not cleaned.text[i].isspace()]
    assert missing == []


# --- sections -----------------------------------------------------------------------------------


def test_ganzhou_targets_sit_under_the_blueprint_and_main_targets_headings():
    _, _, passages = load("赣州")
    assert section_of(passages, "GDP增长6%左右") == "2024 蓝图催人奋进 > ◆主要目标"
    assert section_of(passages, "规模以上工业增加值增长7.5%以上") == "2024 蓝图催人奋进 > ◆主要目标"
    assert section_of(passages, "全年GDP增长5.3%左右").startswith("2023 成就鼓舞人心")


def test_a_line_with_a_figure_or_an_item_among_figures_is_not_a_heading():
    _, _, passages = load("赣州")
    parts = {part for p in passages for part in p.section.split(" > ")}
    assert not any(has_figure(part) for part in parts)
    assert "实际使用外商直接投资、外贸进出口促稳提质" not in parts
    assert "多数主要经济指标增幅保持全省“第一方阵”" not in parts


def test_zhushan_targets_sit_under_the_numbered_part_heading():
    _, _, passages = load("珠山")
    assert section_of(passages, "——地区生产总值增长5.0%左右") == "二、2024年经济社会发展总体要求和主要预期目标"
    assert (
        section_of(passages, "为22家企业发放财园信贷通贷款8810万元")
        == "一、2023年国民经济和社会发展计划执行情况 > （一）聚焦宏观监测、稳中求进，经济回稳态势向好"
    )


def test_pingxiang_unnumbered_headings_nest_under_their_part():
    _, _, passages = load("萍乡")
    assert section_of(passages, "做实产业招商") == "2024年工作安排 > 以更大力度强攻工业经济,提高产业竞争能力"
    assert section_of(passages, "全民所有自然资源资产") == "2023年工作回顾 > ● 改革创新活力竞相迸发"
    assert section_of(passages, "地区生产总值增长5.5%左右\n") == "2024安排 > 主要预期目标"


def test_a_heading_starts_a_new_chunk():
    _, _, passages = load("萍乡")
    firsts = {}
    for p in passages:
        firsts.setdefault(p.section, p)
    assert firsts["2023年工作回顾 > ● 重大项目建设扎实推进"].text.startswith("● 重大项目建设扎实推进\n项目建设效益更好")
    assert firsts["2024年工作安排 > 以更大力度强攻工业经济,提高产业竞争能力"].text.startswith("2024年工作安排\n以更大力度")


def test_consecutive_chunks_of_a_section_share_a_sentence():
    document, cleaned, passages = load("青山湖")
    pairs = [(a, b) for a, b in zip(passages, passages[1:]) if a.section == b.section]
    assert len(pairs) >= 10
    for a, b in pairs:
        if b.start >= a.end:  # only where cleaning deleted a line between them (a page-chrome line)
            assert document.original[a.end : b.start].strip()
            continue
        assert b.start < a.end  # they overlap ...
        overlap = cleaned.text[cleaned.clean_index(b.start) : cleaned.clean_index(a.start) + len(a.text)]
        assert a.text.endswith(overlap) and b.text.startswith(overlap)  # ... by whole sentences
        assert overlap.endswith(("。", "；", ";", "!", "！", "?", "？"))
        assert b.end > a.end  # a short last chunk may take more than one sentence back, never all


# --- literals ------------------------------------------------------------------------------------


def test_long_sentence_is_cut_at_clauses_and_never_inside_a_number():
    text = "一、主要指标\n" + "".join(f"第{i}项实现地区生产总值287.2亿元，同比增长5.5%，" for i in range(40)) + "全年目标顺利完成。"
    passages = chunk_document(text_document(text))
    assert len(passages) > 3
    for p in passages:
        assert len(p.text) <= 400
        assert p.text.endswith(("，", "。"))
        assert p.text.startswith(("一、主要指标", "第", "同比"))
        assert p.section == "一、主要指标"


def test_sentence_without_any_punctuation_is_cut_between_characters_not_numbers():
    text = "推进产业升级" * 30 + "投资12345678元" + "加快项目建设" * 30
    passages = chunk_document(text_document(text), min_chars=20, max_chars=50)
    assert all(len(p.text) <= 50 for p in passages)
    assert any("投资12345678元" in p.text for p in passages)


def test_identical_sections_produce_one_chunk():
    text = "一、目标\n增长5%。\n二、任务\n抓好落实。\n一、目标\n增长5%。"
    texts = [p.text for p in chunk_document(text_document(text))]
    assert texts == ["一、目标\n增长5%。", "二、任务\n抓好落实。"]


def test_bad_sizes_are_rejected():
    with pytest.raises(ValueError):
        plan_chunks(clean("文本"), min_chars=300, max_chars=100)


# --- properties -----------------------------------------------------------------------------------

report_text = st.lists(
    st.one_of(
        st.sampled_from(["一、总体要求", "（一）发展目标", "◆主要目标", "2024年工作安排", "\n", "\n\n", "。", "，", "GDP增长6%左右", "\t"]),
        st.text(min_size=0, max_size=60),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(report_text, st.integers(min_value=5, max_value=60))
def test_no_text_is_lost_between_chunks(text, min_chars):
    cleaned = clean(text)
    spans = plan_chunks(cleaned, min_chars=min_chars, max_chars=min_chars * 2, original=text)
    covered = bytearray(len(cleaned.text))
    for span in spans:
        assert 0 <= span.start < span.end <= len(cleaned.text)
        assert span.end - span.start <= min_chars * 2
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    assert all(covered[i] or cleaned.text[i].isspace() for i in range(len(cleaned.text)))

    passages = chunk_document(text_document(text), cleaned, min_chars=min_chars, max_chars=min_chars * 2)
    assert [p.text for p in passages] == list(dict.fromkeys(cleaned.text[s.start : s.end] for s in spans))
    for p in passages:  # cleaning deletes control characters, which may sit inside a chunk
        assert visible(text[p.start : p.end]) == visible(p.text)


def visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("C"))
