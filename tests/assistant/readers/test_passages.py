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
