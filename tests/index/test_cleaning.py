import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.cleaning import clean

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"
SEEDS = sorted(REPORTS.glob("*.txt"))
FIGURE = re.compile(r"\d+(?:\.\d+)?%?")


def seed(fragment: str) -> str:
    (path,) = [p for p in SEEDS if fragment in p.name]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pingxiang():
    original = seed("萍乡")
    return original, clean(original)


@pytest.fixture(scope="module")
def ganzhou():
    original = seed("赣州")
    return original, clean(original)


# --- the offset map -------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:12])
def test_every_clean_character_maps_to_the_same_character_of_the_original(path):
    original = path.read_text(encoding="utf-8")
    cleaned = clean(original)
    assert len(cleaned.offsets) == len(cleaned.text)
    assert all(a < b for a, b in zip(cleaned.offsets, cleaned.offsets[1:]))
    assert all(cleaned.text[i] == original[o] for i, o in enumerate(cleaned.offsets))


def test_original_span_is_the_exact_source_of_a_clean_slice(pingxiang):
    original, cleaned = pingxiang
    start = cleaned.text.index("社会消费品零售总额增长6.5%左右")
    end = start + len("社会消费品零售总额增长6.5%左右")
    orig_start, orig_end = cleaned.original_span(start, end)
    assert original[orig_start:orig_end] == "社会消费品\n\n零售总额增长6.5%左右"
    assert cleaned.clean_index(orig_start) == start
    assert cleaned.clean_index(orig_end) == end


def test_clean_index_of_a_deleted_position_is_the_next_kept_character():
    cleaned = clean("甲  \n\n\n乙")
    assert cleaned.text == "甲\n乙"
    assert cleaned.clean_index(1) == 1  # the deleted spaces map to the kept "\n"
    assert cleaned.clean_index(5) == 2
    assert cleaned.original_span(0, 3) == (0, 7)


def test_empty_span_and_out_of_range_span():
    cleaned = clean("增长5%")
    assert cleaned.original_span(1, 1) == (1, 1)
    assert cleaned.original_span(4, 4) == (4, 4)
    with pytest.raises(ValueError):
        cleaned.original_span(2, 9)


# --- web-page chrome and markers ---------------------------------------------------------


def test_web_page_chrome_lines_of_the_qingshanhu_page_are_deleted():
    original = seed("青山湖")
    text = clean(original).text
    for chrome in ("网站欢迎您", "索引号", "主题分类", "发布机构", "公开方式", "浏览量", "打印此页", "扫码浏览"):
        assert chrome in original
        assert chrome not in text
    assert "\n分享" not in text and not text.endswith("分享")
    assert text.startswith("南昌市青山湖区2022年国民经济和社会发展计划执行情况")
    assert "受区人民政府委托,我向大会书面报告" in text


def test_chrome_patterns_delete_whole_lines_but_not_prose_that_mentions_them():
    original = "索引号：001\n浏览次数：12 字体：大 中 小\n【打印】【关闭】\n某某市人民政府网站欢迎您！\n来源：市统计局发布\n生成日期由统计局确定。\n正文。"
    assert clean(original).text == "生成日期由统计局确定。\n正文。"


def test_bookmark_markers_are_deleted():
    original = seed("珠山")
    text = clean(original).text
    assert "[bookmark:" in original
    assert "[bookmark" not in text
    assert "\n2024年是中华人民共和国成立75周年" in text


# --- broken lines -----------------------------------------------------------------------------


def test_word_broken_across_blank_line_is_rejoined(pingxiang):
    _, cleaned = pingxiang
    assert "社会消费品零售总额增长6.5%左右" in cleaned.text
    assert "着力建设“种业大市”。推进农业产业化" in cleaned.text
    assert "配套企业协作、企业梯次发展的“雁阵式”产业链条" in cleaned.text
    assert "对守信企业做到无事不扰,实现营商环境全面优化" in cleaned.text


def test_prose_line_without_full_stop_joins_the_next_line_of_a_prose_document():
    prose = "\n\n".join(f"第{n}段是一个完整的句子，长度足够让它看起来像一段真正的正文，而且以句号结束。" for n in range(4))
    original = f"{prose}\n\n全面推进乡村振兴，实施高标准农田建设行动，今年全区新增高标准农田面积达到三\n\n万亩以上。"
    assert clean(original).text.endswith("\n全面推进乡村振兴，实施高标准农田建设行动，今年全区新增高标准农田面积达到三万亩以上。")


def test_line_ending_in_a_comma_joins_the_next_line():
    assert clean("力争形成链主企业领航、\n\n企业梯次发展。").text == "力争形成链主企业领航、企业梯次发展。"


def test_a_number_broken_from_its_unit_is_rejoined():
    original = "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。\n2017年\n工作安排"
    assert clean(original).text == "国内生产总值达到74.4万亿元，增长6.7%。\n2017年\n工作安排"


def test_headline_figure_split_over_short_lines_is_joined(ganzhou):
    _, cleaned = ganzhou
    for figure in (
        "全年GDP增长5.3%左右",
        "GDP增长6%左右",
        "规模以上工业增加值增长7.5%以上",
        "居民消费价格总水平涨幅控制在3%左右",
        "城镇和农村居民人均可支配收入分别增长4.5%、8.5%左右",
        "实际利用省外2000万元以上项目资金增长5%以上",
    ):
        assert figure in cleaned.text


def test_headline_figure_literal_is_joined_but_a_heading_before_prose_is_not():
    assert clean("一般公共预算收入\n增长4%左右").text == "一般公共预算收入增长4%左右"
    assert clean("经济运行稳中向好\n实现地区生产总值287.2亿元，同比增长3.5%。").text.count("\n") == 1


def test_infographic_items_without_full_stops_stay_on_their_own_lines(ganzhou):
    _, cleaned = ganzhou
    lines = cleaned.text.split("\n")
    assert "◆主要目标" in lines
    assert "一般公共预算收入增长4.4%" in lines
    assert "服务业加快复苏,金融机构存贷款总量突破1.6万亿元" in lines
    assert "2024 蓝图催人奋进" in lines


# --- tables, duplicates, whitespace --------------------------------------------------------


def test_tab_between_a_label_and_its_figure_is_deleted(pingxiang):
    original, cleaned = pingxiang
    assert "地区生产总值增长\t5.5%左右" in original
    lines = cleaned.text.split("\n")
    assert "地区生产总值增长5.5%左右" in lines
    assert "城镇、农村居民人均可支配收入分别增长4%、6%左右" in lines
    assert "\t" not in cleaned.text


def test_tab_between_two_text_cells_is_kept_as_one_tab():
    assert clean("指标 \t\t说明\n增长率\t5%").text == "指标\t说明\n增长率5%"


def test_duplicated_paragraph_is_deleted_once(pingxiang):
    original, cleaned = pingxiang
    ending = "坚定不移推动高质量发展,奋力谱写中国式现代化萍乡篇章。"
    assert original.count(ending) == 2
    assert cleaned.text.count(ending) == 1
    assert "\n求,围绕省委打造" not in cleaned.text
    assert "2024年政府工作报告总体要求\n坚持以习近平新时代中国特色社会主义思想为指导" in cleaned.text


def test_short_table_rows_repeating_the_prose_are_kept(pingxiang):
    _, cleaned = pingxiang
    assert cleaned.text.count("地区生产总值增长5.5%左右") == 2  # the prose and the table row


def test_paragraph_contained_in_an_earlier_one_is_deleted_but_not_a_different_one():
    first = "全力打造产业转型升级标杆城市，坚定不移推动高质量发展，奋力谱写中国式现代化篇章。"
    text = clean(f"{first}\n\n{first[5:]}\n\n另一段完全不同的内容，长度也超过了三十个字符的门槛要求。").text
    assert text == f"{first}\n另一段完全不同的内容，长度也超过了三十个字符的门槛要求。"


def test_blank_lines_and_edge_spaces_collapse():
    text = clean("\n\n  第一段。  \n\n\n\n\t第二段。\u3000\n\n").text
    assert text == "第一段。\n第二段。"


def test_spaces_between_chinese_characters_go_but_spaces_between_latin_words_stay():
    assert clean("会 议 文 件（二）").text == "会议文件（二）"
    assert clean("——2024年 2月21日").text == "——2024年2月21日"
    assert clean("Jiangxi  Province 2024 蓝图").text == "Jiangxi Province 2024 蓝图"


def test_footnote_markers_and_all_figures_keep_their_digits():
    for fragment in ("月湖", "赣州", "萍乡"):
        original = seed(fragment)
        cleaned = clean(original).text
        assert FIGURE.findall(cleaned) == FIGURE.findall(original.replace("\t", ""))
    assert "双千兆(17)应用" in clean(seed("月湖")).text


def test_carriage_returns_and_control_characters_are_deleted():
    assert clean("第一行。\r\n第二\x00行。\r\n").text == "第一行。\n第二行。"


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_never_crashes_and_keeps_an_exact_offset_map(original):
    cleaned = clean(original)
    assert len(cleaned.offsets) == len(cleaned.text)
    assert all(a < b for a, b in zip(cleaned.offsets, cleaned.offsets[1:]))
    assert all(cleaned.text[i] == original[o] for i, o in enumerate(cleaned.offsets))
    assert "\n\n" not in cleaned.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["增长", "5.5%", "\t", "\n", "\n\n", " ", "，", "。", "社会消费品", "零售总额", "**", "分享", "GDP", "(17)"]), max_size=60))
def test_clean_of_report_like_fragments_keeps_an_exact_offset_map(parts):
    original = "".join(parts)
    cleaned = clean(original)
    assert all(cleaned.text[i] == original[o] for i, o in enumerate(cleaned.offsets))
    start, end = cleaned.original_span(0, len(cleaned.text))
    assert "".join(original[start:end].split()).replace("**", "") .count("5.5%") == cleaned.text.count("5.5%")


def test_a_web_librarys_licence_notice_at_the_end_is_deleted():
    original = (
        "各位代表！\n奋斗创造历史，实干成就未来。\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，根据《\n"
        "中华人民共和国著作权法\n》第五条第一项，本作品不适用于该法，在\n中国大陆\n，也可能在其他管辖区，属于\n公有领域\n。\n\nPublic domain\nfalse\n"
    )
    cleaned = clean(original)
    assert cleaned.text.endswith("奋斗创造历史，实干成就未来。")
    assert "公有领域" not in cleaned.text and "Public domain" not in cleaned.text
