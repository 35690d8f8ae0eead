"""Metadata read from the document itself: title, issuer, date, region, year, kind, and how each was found."""

from __future__ import annotations

import csv

import pytest

from assistant.core.datatypes import Level
from index.loading import read_text
from index.metadata import infer_meta, meta_from_manifest, with_values
from tests.conftest import PROJECT_ROOT

POLICY = PROJECT_ROOT / "eval" / "corpora" / "policy"
SHANDONG = sorted(POLICY.glob("province_0*.txt"))[:12]


def method(meta, field: str) -> str:
    source = meta.source_of(field)
    return source.method if source else ""


NOTICE = """山东省人民政府办公厅关于印发山东省推进工业大数据发展的实施方案的通知

各市人民政府，各县（市、区）人民政府，省政府各部门：
为深入贯彻国家大数据战略，促进工业数字化转型，结合我省工作实际，制定本实施方案。到2022年，全省工业大数据应用水平显著提升；到2025年，建成10个以上工业大数据平台。
一、总体目标
到2022年，我省重点行业企业数据管理能力明显提升。

山东省人民政府办公厅
2020年12月10日
"""


def test_a_notice_gives_its_title_issuer_date_region_and_the_year_it_was_issued_not_a_target_year():
    meta = infer_meta(NOTICE, "notice.txt")
    assert meta.title == "山东省人民政府办公厅关于印发山东省推进工业大数据发展的实施方案的通知"
    assert (meta.issuer, meta.date, meta.year) == ("山东省人民政府办公厅", "2020-12-10", 2020)
    assert (meta.region, meta.level, meta.province) == ("山东省", Level.PROVINCE, "山东省")
    assert meta.doc_type == "通知"
    assert method(meta, "title") == "title line" and method(meta, "year") == "closing lines"
    assert method(meta, "region").startswith("issuer")
    assert all(0 < source.confidence <= 1 for source in meta.provenance)


def test_the_year_is_never_a_target_year_or_a_period():
    text = "为加快建设数字政府，制定本方案。\n到2025年，全省政务服务全面数字化。2023—2025年分三步实施。力争2027年全面建成。"
    meta = infer_meta(text, "plan.txt")
    assert meta.year is None and meta.source_of("year") is None


def test_a_title_broken_over_lines_is_joined_with_its_note_and_without_spaces():
    text = "石化行业智能制造标准体系\n建设 指南\n（2022 版）\n2022 年11月\n一、总体要求\n为加快推进石化行业智能化转型。"
    meta = infer_meta(text, "guide.txt")
    assert meta.title == "石化行业智能制造标准体系建设指南（2022 版）"
    assert meta.doc_type == "政策"


def test_a_document_number_and_a_session_under_the_title_are_not_part_of_it():
    text = "教育部关于实施第二批人工智能助推教师队伍建设行动试点工作的通知\n（教师函〔2021〕13号）\n\n各省、自治区、直辖市教育厅：\n为贯彻落实……。"
    meta = infer_meta(text, "n.txt")
    assert meta.title == "教育部关于实施第二批人工智能助推教师队伍建设行动试点工作的通知"
    assert meta.issuer == "教育部" and meta.region == "全国" and meta.level is Level.NATIONAL
    report = "政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n各位代表：\n现在，我代表省人民政府向大会报告工作。"
    meta = infer_meta(report, "r.txt")
    assert meta.title == "政府工作报告" and meta.region == "贵州省" and meta.year == 2026


def test_a_covering_notice_gives_way_to_the_title_of_the_document_it_issues():
    text = (POLICY / "national_154_2015-12-29.txt").read_text(encoding="utf-8")
    meta = infer_meta(text, "national_154_2015-12-29.txt")
    assert meta.title == "国家智能制造标准体系建设指南（2015年版）"
    assert meta.issuer == "工业和信息化部、国家标准化管理委员会" and meta.date == "2015-12-29"
    assert meta.region == "全国" and method(meta, "region") == "issuer (closing lines): a central body"


def test_without_a_title_line_the_issued_document_named_in_the_notice_is_the_title():
    text = "各有关单位：\n现将《智能制造标准应用试点实施方案》印发给你们，请认真贯彻执行。\n工业和信息化部办公厅\n2022年4月13日"
    meta = infer_meta(text, "x.txt")
    assert meta.title == "智能制造标准应用试点实施方案" and method(meta, "title").startswith("title of the issued")


def test_no_title_line_is_invented():
    text = (POLICY / "province_005_2019-05-24.txt").read_text(encoding="utf-8")
    meta = infer_meta(text, "province_005_2019-05-24.txt")
    assert method(meta, "title") == "file name" and meta.source_of("title").confidence < 0.5
    assert meta.doc_type == "意见" and method(meta, "doc_type").startswith("text")  # "…提出如下意见"
    assert (meta.issuer, meta.date, meta.region) == ("山东省人民政府", "2019-05-17", "山东省")


def test_the_file_name_counts_when_the_text_has_no_region_or_date():
    text = "今年全区经济社会发展的主要预期目标是：地区生产总值增长6.5%左右。"
    meta = infer_meta(text, "2024_鹰潭市月湖区_政府工作报告节选.txt")
    assert (meta.region, meta.level, meta.province, meta.year) == ("鹰潭市月湖区", Level.DISTRICT, "江西省", 2024)
    assert method(meta, "region") == method(meta, "year") == "file name"
    assert meta.doc_type == "政府工作报告"
    meta = infer_meta("为推动人工智能产业发展，制定本措施。", "province_005_2019-05-24.txt")
    assert (meta.year, meta.date) == (2019, "2019-05-24")


def test_my_province_with_the_place_the_text_names_most():
    text = "我省人工智能产业加快发展。山东省将建设一批创新平台，支持济南、青岛建设先导区。全省上下要抓好落实，山东要走在前列。"
    meta = infer_meta(text, "a.txt")
    assert meta.region == "山东省" and method(meta, "region").startswith("text: 我省")


def test_capital_markets_are_not_a_city_speaking_of_itself():
    text = ("全面落实省委、省政府关于数字经济的部署，制定以下措施。支持济南、青岛建设超算中心，济南基地、济南节点加快建设，济南等中心扩容，"
            "办好数字山东对接活动，培育山东科技大市场，山东好成果遴选，数字山东建设。利用资本市场，完善基本市场规则。")
    meta = infer_meta(text, "measures.txt")
    assert meta.region == "山东省"


def test_a_city_report_that_compares_itself_with_its_province_is_the_citys():
    text = ("赣州2023年地区生产总值增长5.3%，增速居全省第二。全市规模以上工业增加值增长6%，居全省第一。"
            "赣州将加快建设省域副中心城市，全市上下奋力拼搏，赣州要在全省发展大局中挑大梁。")
    meta = infer_meta(text, "report.txt")
    assert meta.region == "赣州市" and meta.province == "江西省"


def test_a_text_of_the_central_government_is_national_and_a_place_it_mentions_is_not_its_region():
    text = "我国人工智能发展迅速。全国各地积极推进。我国将在北京举办世界智能网联汽车大会，党中央高度重视，全国人民共同参与。"
    meta = infer_meta(text, "a.txt")
    assert meta.region == "全国" and meta.level is Level.NATIONAL


def test_a_work_report_takes_date_year_and_region_from_its_dateline():
    name = "2017_呼伦贝尔市海拉尔区_政府工作报告.txt"
    meta = infer_meta(read_text(PROJECT_ROOT / "eval" / "corpora" / "hailar" / name), name)
    assert (meta.date, meta.year) == ("2017-02-11", 2017)
    assert meta.region == "呼伦贝尔市海拉尔区" and meta.province == "内蒙古自治区" and meta.level is Level.DISTRICT
    assert meta.title != name and not meta.title.startswith("—")


def test_a_manifest_value_always_wins_and_says_so():
    meta = meta_from_manifest({"region": "山东省", "year": "2018"}, "notice.txt", NOTICE)
    assert (meta.region, meta.year) == ("山东省", 2018)
    assert method(meta, "region") == method(meta, "year") == "manifest"
    assert meta.source_of("year").confidence == 1.0
    assert method(meta, "level").startswith("manifest region")  # derived from the manifest's region
    assert method(meta, "date") == "closing lines" and "date" in meta.inferred and "region" not in meta.inferred


def test_a_users_correction_is_recorded_as_such():
    meta = with_values(infer_meta(NOTICE, "notice.txt"), {"region": "济南市", "year": 2021}, "user")
    assert (meta.region, meta.level, meta.province, meta.year) == ("济南市", Level.CITY, "山东省", 2021)
    assert method(meta, "region") == "user" and "region" not in meta.inferred


def test_the_twelve_shandong_documents_are_shandongs_and_dated_by_their_issue():
    metas = [infer_meta(read_text(path), path.name) for path in SHANDONG]
    assert all(meta.year == int(path.stem.split("_")[-1][:4]) for meta, path in zip(metas, SHANDONG))
    assert all(meta.province in ("山东省", "") for meta in metas)  # never another place
    assert sum(meta.province == "山东省" for meta in metas) >= 11  # province_004 is a fragment that names no place


def test_titles_of_the_policy_folder_are_its_title_lines():
    with (PROJECT_ROOT / "eval" / "gold" / "policy_manifest.csv").open(encoding="utf-8") as handle:
        files = [row["file"] for row in csv.DictReader(handle)]
    titles = {
        "province_002_2016-12-22.txt": "山东省“十三五”科技创新规划",
        "province_021_2021-07-12.txt": "山东省推动智能传感器产业发展行动计划（2021-2023年）",
        "national_052_2022-07-27.txt": "人工智能领域研究生指导性培养方案（试行）",
        "national_152_2016-12-23.txt": "移动智能终端应用软件预置和分发管理暂行规定",
        "national_110_2019-05-09.txt": "智能航运发展指导意见",
        "province_023_2021-03-11.txt": "济南“鲲鹏+昇腾”生态创新中心、华为（济南）软件开发云创新中心、华为（济南）人工智能创新中心服务资源供给办法（V1.0）",
    }
    assert set(titles) <= set(files)
    for name, title in titles.items():
        assert infer_meta(read_text(POLICY / name), name).title == title, name


def test_a_resolution_on_a_work_report_is_a_resolution_and_a_plan_report_stays_one():
    text = ("第九届全国人民代表大会第二次会议关于政府工作报告的决议\n（1999年3月15日第九届全国人民代表大会第二次会议通过）\n"
            "第九届全国人民代表大会第二次会议听取和审议了国务院总理所作的政府工作报告。会议决定批准这个报告。")
    meta = infer_meta(text, "r.txt")
    assert meta.doc_type == "决议" and (meta.date, meta.year) == ("1999-03-15", 1999)
    assert infer_meta("会议号召全国各族人民团结奋斗。", "第九届全国人民代表大会第二次会议关于政府工作报告的决议.txt").doc_type == "决议"
    plan = "关于2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n各位代表：\n现在向大会报告。"
    assert infer_meta(plan, "p.txt").doc_type == "计划报告"
    notice = "某某市人民政府关于印发《某某市2024年政府工作报告重点任务分工方案》的通知\n各区人民政府：\n现印发给你们。"
    assert infer_meta(notice, "n.txt").doc_type == "通知"


def test_a_dateline_without_a_dash_gives_the_date_even_in_old_characters():
    text = "政府工作报告\n\n1957年6月26日在第一届全国人民代表大会第四次會議上\n\n周恩来\n\n各位代表：\n我国的建设取得了成就。"
    meta = infer_meta(text, "r.txt")
    assert (meta.date, meta.year, meta.region) == ("1957-06-26", 1957, "全国")
    assert method(meta, "date") == "dateline" and meta.title == "政府工作报告"
    text = "2025年1月20日在某某省第十四届人民代表大会第四次会议上\n各位代表：\n现在向大会报告工作。"
    meta = infer_meta(text, "r.txt")
    assert meta.date == "2025-01-20" and meta.title != text.split("\n")[0]  # a dateline is not a title
    sentence = "2024年3月5日在北京召开的会议上，代表们审议了报告。\n其他内容。"
    assert infer_meta(sentence, "s.txt").date == ""  # a sentence that starts with a date is no dateline


def test_a_bare_date_in_brackets_under_the_title_is_the_issue_date():
    text = ("某某市2022年国民经济和社会发展统计公报\n某某市统计局  国家统计局某某调查队\n（2023年4月12日）\n"
            "2022年，全市上下坚持稳中求进。全年地区生产总值增长4.5%。")
    meta = infer_meta(text, "b.txt")
    assert (meta.date, meta.year, meta.doc_type) == ("2023-04-12", 2022, "统计公报")  # a bulletin: the year it reports on
    month_only = text.replace("（2023年4月12日）", "（2023年5月）")
    assert infer_meta(month_only, "b.txt").date == ""


def test_an_untitled_text_says_its_kind_in_its_opening():
    report = "各位代表：\n现在，我代表国务院，向大会作政府工作报告，请予审议。\n一、过去一年的工作\n我国经济稳中向好。"
    meta = infer_meta(report, "document.txt")
    assert meta.doc_type == "政府工作报告" and method(meta, "doc_type").startswith("text: its opening")
    spoken = "各位代表：\n现在，我代表区人民政府向大会报告过去五年的工作，请予审议。"
    assert infer_meta(spoken, "document.txt").doc_type == "政府工作报告"
    resolution = ("第九届全国人民代表大会第二次会议听取和审议了国务院总理所作的政府工作报告。"
                  "会议同意报告提出的今年工作任务，决定批准这个报告。")
    assert infer_meta(resolution, "document.txt").doc_type == "决议"  # 所作的政府工作报告 is what it resolves on
    assert infer_meta("为推动产业发展，各地要加强协调。", "document.txt").doc_type == ""


def test_an_undated_report_is_of_the_year_its_section_headings_review_or_plan():
    text = ("各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2009年工作回顾\n2009年全市生产总值增长9%，2009年"
            "财政收入增长8%，2009年固定资产投资增长12%，2009年新增就业1万人。\n二、2010年工作安排\n今年的主要预期目标是增长8%。")
    meta = infer_meta(text, "document.txt")
    assert meta.year == 2010 and method(meta, "year").startswith("text: the year its sections")
    five_years = ("各位代表：\n我代表国务院向大会报告过去五年的工作。\n一、过去五年工作回顾\n2003年至2007年，2007年国内生产总值"
                  "增长11.4%，2007年财政收入增长32%。\n二、2008年工作的总体要求\n做好今年的工作。")
    assert infer_meta(five_years, "document.txt").year == 2008
    prose = "各位代表：\n2009年工作回顾显示，我们取得了成绩，2009年增长9%，2009年就业增加。"  # a sentence, not a heading
    assert method(infer_meta(prose, "document.txt"), "year") == "text: the year after the year it reviews"


def test_years_in_chinese_numerals_count_as_years_of_the_text():
    text = ("各位代表：\n我代表国务院向大会作政府工作报告。\n一九五八年，我国工农业生产大跃进。一九五八年钢产量翻番，"
            "一九五八年粮食增产。一九五九年的任务是继续跃进，一九五九年要增产节约。")
    assert infer_meta(text, "document.txt").year == 1959
