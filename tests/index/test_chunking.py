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


# --- every genre: rules, plans, opinions, notices ----------------------------------------------------------

RULES = """第一章 总则
第一条 为推进数字经济园区建设，根据有关规定，制定本办法。
第二条 本办法所称园区是指聚焦数字产业化、产业数字化的园区。
第二章 申报条件
第八条 申报省级园区应具备下列条件：
（一）有完整的园区建设和发展规划；
（二）园区主导产业符合国家产业结构调整方向；
（三）有合理规范的管理机构和运营机制。
第九条 省级主管部门组织省级园区遴选、认定工作，市级主管部门组织本地区的申报工作。
第三章 附则
第二十条 本办法由省级主管部门负责解释。
第二十一条 本办法自印发之日起施行。
"""

PLAN = """为促进工业数字化转型，结合我省工作实际，制定本实施方案。
一、总体目标
到2022年，全省工业大数据应用水平显著提升，培育10个以上工业大数据平台。
二、主要任务
（一）加快数字基础设施建设。
1.完善网络基础设施。加快企业内网升级改造，推进5G在工业领域应用。
2.推动企业上云。加大“云服务券”财政奖补力度。
三、保障措施
（一）健全工作机制。建立工业大数据发展协调机制。
（二）加大政策支持。鼓励各级财政统筹专项资金。

山东省人民政府办公厅
2020年12月10日
"""


def test_articles_are_sections_within_their_chapters_and_a_list_under_an_article_is_its_text():
    passages = chunk_document(text_document(RULES), min_chars=10, max_chars=400)
    assert section_of(passages, "本办法所称园区") == "第一章总则 > 第二条"
    assert section_of(passages, "有完整的园区建设") == "第二章申报条件 > 第八条申报省级园区应具备下列条件"
    assert section_of(passages, "管理机构和运营机制") == "第二章申报条件 > 第八条申报省级园区应具备下列条件"
    assert section_of(passages, "遴选、认定工作") == "第二章申报条件 > 第九条"  # a long first sentence is no topic
    assert section_of(passages, "负责解释") == "第三章附则 > 第二十条本办法由省级主管部门负责解释"
    assert section_of(passages, "自印发之日起施行") == "第三章附则 > 第二十一条本办法自印发之日起施行"


def test_goals_tasks_and_safeguards_of_a_plan_are_sections_and_numbered_measures_nest_in_them():
    passages = chunk_document(text_document(PLAN), min_chars=10, max_chars=400)
    assert section_of(passages, "工业大数据应用水平") == "一、总体目标"
    assert section_of(passages, "企业内网升级") == "二、主要任务 > （一）加快数字基础设施建设 > 1.完善网络基础设施"
    assert section_of(passages, "云服务券") == "二、主要任务 > （一）加快数字基础设施建设 > 2.推动企业上云"
    assert section_of(passages, "协调机制") == "三、保障措施 > （一）健全工作机制"
    closing = section_of(passages, "山东省人民政府办公厅")
    assert closing == "三、保障措施 > （二）加大政策支持" and "山东省人民政府办公厅" not in closing  # the 落款 is no heading


def test_a_run_of_one_sentence_items_is_a_list_not_a_stack_of_headings():
    text = "四、申报材料\n（一）申报书；\n（二）营业执照复印件。\n（三）近三年财务报表。\n（四）其他证明材料。\n请于3月底前报送。\n"
    passages = chunk_document(text_document(text), min_chars=10, max_chars=400)
    assert {p.section for p in passages} == {"四、申报材料"}


def test_a_date_is_no_heading_and_no_year():
    text = "疫情防控工作情况\n截至2月10日，全省累计排查3.2万人。\n截至2月10日\n各地已复工企业1200家。\n"
    passages = chunk_document(text_document(text), min_chars=10, max_chars=400)
    assert all("截至2月10日" not in p.section for p in passages)
    assert section_of(passages, "复工企业") == "疫情防控工作情况"
