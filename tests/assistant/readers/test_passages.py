"""The passage reader on text cut from the bundled reports (no index needed)."""

from __future__ import annotations

from assistant.core.datatypes import DocumentMeta, Level, Passage
from assistant.knowledge.gazetteer import Gazetteer
from assistant.readers import PassageReader, ReadContext
from assistant.understanding.parser import parse_question

ZS = DocumentMeta(source="2024_珠山区.txt", title="珠山区计划报告", region="景德镇市珠山区", level=Level.DISTRICT, year=2024)
PX = DocumentMeta(source="2024_萍乡市.txt", title="萍乡要点", region="萍乡市", level=Level.CITY, year=2024)
GZ = DocumentMeta(source="2024_赣州市.txt", title="赣州要点", region="赣州市", level=Level.CITY, year=2024)


def _passage(pid: str, text: str, meta: DocumentMeta, section: str = "") -> Passage:
    return Passage(id=pid, doc_id=meta.source, text=text, meta=meta, section=section, start=0, end=len(text))


def _locate(passage: Passage, start: int, end: int) -> tuple[int, int, str]:
    return start, end, passage.text[start:end]


def _ask(question: str, passages: list[Passage]):
    parsed = parse_question(question, Gazetteer.builtin(), reference_year=2024)
    return PassageReader().read(parsed, passages, ReadContext(_locate))


ZS_REFORM = _passage(
    "zs-reform",
    "（三）持续深化改革开放，全力培育创新动能。以国家试验区建设为牵引，聚焦优化营商环境、扩大对外开放等重点领域改革。\n"
    "持续优化营商环境。持续推进“一二三”+“三位一体”工作法，持续打响“珠事顺利”营商环境品牌。"
    "着力扩大“网上办、堂上办”服务范围，大力发展互联网+政务服务。\n"
    "扩大对外开放。积极参与“一带一路”建设，推动陶瓷企业开拓国际市场。",
    ZS, "三、2024年经济社会发展的主要任务和措施 > （三）持续深化改革开放，全力培育创新动能",
)
ZS_OTHER = _passage(
    "zs-other", "（四）推动城乡融合发展。深入推进城市高质量发展，全面提升城市品位。", ZS,
    "三、2024年经济社会发展的主要任务和措施 > （四）推动城乡融合发展",
)


def test_how_question_quotes_the_sentences_under_the_heading_that_names_it() -> None:
    answer = _ask("珠山区2024年怎么优化营商环境？", [ZS_OTHER, ZS_REFORM])
    assert not answer.abstained
    quotes = [c.quote for c in answer.citations]
    assert 2 <= len(quotes) <= 5
    assert any("珠事顺利" in q for q in quotes)
    assert not any("陶瓷企业" in q for q in quotes)  # the next paragraph is about opening up
    assert answer.text.splitlines()[0].startswith("报告中关于“")
    for citation in answer.citations:  # each quote is exactly the passage text at its offsets
        assert ZS_REFORM.text[citation.start : citation.end] == citation.quote


def test_a_topic_no_sentence_names_is_not_mentioned() -> None:
    answer = _ask("赣州2024年的地铁建设计划是什么？", [_passage("gz", "实施中心城区交通出行优化工程,建成5条快速路。", GZ, "民生实事")])
    assert answer.abstained and "地铁" in answer.text and not answer.citations


PX_PLAN = [
    _passage(f"px-{n}", f"{heading}\n做强工业产业。实施产业集群建设三年行动。", PX, f"2024年工作安排 > {heading}")
    for n, heading in enumerate(["以更大力度强攻工业经济,提高产业竞争能力", "以更大力度扩投资促消费,提高内生发展能力",
                                 "以更大力度推进乡村振兴,提高基础支撑能力"])
]


def test_a_question_about_the_plan_as_a_whole_lists_its_section_headings() -> None:
    answer = _ask("萍乡2024年有哪些重点工作？", PX_PLAN)
    assert [c.quote for c in answer.citations] == [
        "以更大力度强攻工业经济,提高产业竞争能力", "以更大力度扩投资促消费,提高内生发展能力", "以更大力度推进乡村振兴,提高基础支撑能力",
    ]


def test_english_questions_get_an_english_introduction() -> None:
    answer = _ask("How will Zhushan optimize its business environment in 2024?", [ZS_REFORM])
    assert not answer.abstained and answer.text.startswith("What the reports say about")


SD = DocumentMeta(source="province_x.txt", title="数字校园行动方案", region="山东省", level=Level.PROVINCE, year=2022)
SD_TASKS = _passage(
    "sd-tasks",
    "3.建设智慧校园。（省教育厅牵头）推进中小学智慧校园建设，建成示范学校200所。\n"
    "4.完善数据平台。推动教育数据共享。（牵头单位：省大数据局）\n"
    "本方案由省教育厅会同省财政厅负责解释。",
    SD, "二、重点任务",
)


def test_a_who_question_states_the_body_the_sentence_names_and_quotes_it() -> None:
    answer = _ask("推进智慧校园建设由哪个部门牵头？", [SD_TASKS])
    assert not answer.abstained and answer.parsed.asks_agent
    statement = answer.text.split("“")[0]  # before the first quotation: the answer's own words
    assert "省教育厅[" in statement
    number = int(statement.split("省教育厅[")[1].split("]")[0])
    assert "省教育厅牵头" in answer.citations[number - 1].quote


def test_who_interprets_reads_the_body_after_you_not_the_document_before_it() -> None:
    answer = _ask("本方案由哪个部门负责解释？", [SD_TASKS])
    statement = answer.text.split("“")[0]
    assert "省教育厅" in statement and "本方案" not in statement


SD_PARKS = DocumentMeta(source="province_y.txt", title="山东省数字经济园区管理办法", region="山东省", level=Level.PROVINCE, year=2020)
SD_RULES = _passage(
    "sd-rules",
    "第二条本办法所称省级园区是指数字经济发展集聚区，聚焦数字产业化、产业数字化方向，具备相当基础和规模。\n"
    "第三条省人民政府大数据工作主管部门（以下简称省级主管部门）负责省级园区的统筹规划、组织评定、引导扶持等工作。\n"
    "2.强化科技金融支撑保障。优化综合服务平台，为园区企业提供融资便利。"
    "（牵头单位：省科技厅、中国人民银行山东省分行，责任单位：省委金融办、省财政厅）",
    SD_PARKS, "一、总则",
)


def test_who_is_read_past_an_article_number_and_an_abbreviation() -> None:
    answer = _ask("省级数字经济园区的统筹规划、组织评定由谁负责？", [SD_RULES])
    statement = answer.text.split("“")[0]
    assert "省人民政府大数据工作主管部门" in statement


def test_a_list_of_leading_bodies_is_stated_whole() -> None:
    answer = _ask("强化科技金融支撑保障由哪些单位牵头？", [SD_RULES])
    statement = answer.text.split("“")[0]
    assert "省科技厅、中国人民银行山东省分行" in statement
    assert statement.index("中国人民银行山东省分行") < statement.index("省委金融办")  # those who lead first


R1975 = DocumentMeta(source="1975.txt", title="1975年政府工作报告", region="全国", level=Level.NATIONAL, year=1975)
R2025 = DocumentMeta(source="res2025.txt", title="关于政府工作报告的决议", region="全国", level=Level.NATIONAL, year=2025,
                     doc_type="resolution")


def test_a_question_that_names_its_year_is_answered_from_that_years_document() -> None:
    passages = [
        _passage("r25", "扎实推进中国式现代化，实现四个现代化的两步设想已成为历史，现代化建设迈出新步伐。", R2025),
        _passage("r75", "三届人大的政府工作报告曾经提出，从第三个五年计划开始，我国国民经济的发展，可以按两步来设想：第一步，用十五年时间，"
                 "建成一个独立的比较完整的工业体系和国民经济体系；第二步，在本世纪内，全面实现农业、工业、国防和科学技术的现代化，"
                 "使我国国民经济走在世界的前列。", R1975),
    ]
    answer = _ask("1975年政府工作报告提出实现四个现代化的两步设想是什么？", passages)
    assert answer.citations and {c.year for c in answer.citations} == {1975}


def test_a_heading_line_inside_a_passage_is_the_context_of_the_sentences_after_it() -> None:
    bulletin = DocumentMeta(source="2022_江西省_统计公报.txt", title="江西省2022年国民经济和社会发展统计公报",
                            region="江西省", level=Level.PROVINCE, year=2022, doc_type="统计公报")
    passage = _passage(
        "jx-science",
        "全年销售社会福利彩票31.0亿元，筹集福利彩票公益金9.9亿元。\n10科学技术与教育\n"
        "全年授权专利7.6万件，每万人有效发明专利拥有量6.9件。全年共签订技术合同10255项，技术市场合同成交金额758.2亿元。",
        bulletin,
    )
    parsed = parse_question("How did Jiangxi do in science and technology in 2022?", Gazetteer.builtin(), reference_year=2023)
    answer = PassageReader().read(parsed, [passage], ReadContext(_locate))
    assert not answer.abstained
    assert "全年授权专利7.6万件" in answer.text and "福利彩票" not in answer.text
