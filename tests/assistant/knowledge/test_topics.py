"""Whether a text is about the thing asked: its topic, by name, synonym or head."""

from __future__ import annotations

from assistant.knowledge.topics import head_of, mentioned, names_of, topic_coverage


def test_a_synonym_names_the_term() -> None:
    assert mentioned("加快建设城市轨道交通", "地铁")
    assert not mentioned("新建5G基站3000个", "博物馆")


def test_a_glossary_term_inside_a_longer_one_names_it() -> None:
    assert "营商环境" in names_of("优化营商环境")


def test_the_counted_term_must_be_in_the_clause() -> None:
    # 老旧小区 is named, the elevators asked about are not: no figure about elevators here
    assert topic_coverage("抓好31个老旧小区改造", ("老旧小区", "电梯"), required="电梯") is None
    assert topic_coverage("老旧小区加装电梯200部", ("老旧小区", "电梯"), required="电梯") == 1.0


def test_the_subject_may_stand_earlier_in_the_sentence() -> None:
    assert topic_coverage("净增率27.24%", ("市场主体", "净增"), before="新增市场主体1.2万户，", required="净增")


def test_a_head_alone_counts_for_its_own_characters() -> None:
    assert head_of("老旧小区") == "小区"
    assert topic_coverage("新建智慧小区3个", ("老旧小区",)) is None  # half a name is not enough


def test_a_name_of_two_halves_is_found_across_an_enumeration_comma() -> None:
    assert mentioned("推动大众创业、万众创新，发展众创空间", "大众创业万众创新")
    assert not mentioned("推动大众创业，发展众创空间", "大众创业万众创新")


def test_an_abbreviation_and_a_sector_name_with_its_suffix_name_the_term() -> None:
    assert mentioned("10科学技术与教育", "科技")
    assert mentioned("推动特色文旅产业可持续发展", "旅游业")
    assert mentioned("一是统筹推进城市改造更新。", "城市更新")


def test_a_term_inside_a_topic_names_it_only_when_the_rest_is_an_action_or_a_frame_word() -> None:
    assert "营商环境" in names_of("持续优化营商环境")
    assert "污染防治" in names_of("污染防治攻坚战")
    assert "核心产业" not in names_of("人工智能核心产业")  # the core industry of the digital economy is another thing
    assert topic_coverage("支撑数字经济核心产业增加值占GDP比重达到20%", ("人工智能核心产业",)) is None
