"""Outline answers: the part of a document that answers, quoted as its heading and what it lists."""

from __future__ import annotations

from assistant.core.datatypes import DocumentMeta, Level, Passage
from assistant.knowledge.gazetteer import Gazetteer
from assistant.knowledge.outlines import asked_heads, heading_asked, outline_depth
from assistant.readers import PassageReader, ReadContext
from assistant.understanding.parser import parse_question

SD = DocumentMeta(source="2025_山东省.txt", title="2025年山东省政府工作报告", region="山东省", level=Level.PROVINCE, year=2025)
TOUR = DocumentMeta(source="national_1.txt", title="关于促进智慧旅游发展的指导意见", region="全国", level=Level.NATIONAL, year=2015)
PLAN = "三、2025年重点工作"
OCEAN = f"{PLAN} > （六）在发展壮大现代海洋经济上下功夫、求实效"


def _passage(pid: str, text: str, meta: DocumentMeta, section: str, start: int) -> Passage:
    return Passage(id=pid, doc_id=meta.source, text=text, meta=meta, section=section, start=start, end=start + len(text))


def _ask(question: str, passages: list[Passage], year: int = 2025):
    parsed = parse_question(question, Gazetteer.builtin(), reference_year=year)
    return PassageReader().read(parsed, passages, ReadContext(lambda p, s, e: (s, e, p.text[s:e])))


OCEAN_PASSAGES = [
    _passage("o1", "（六）在发展壮大现代海洋经济上下功夫、求实效。更好经略海洋、向海图强，积极打造现代海洋经济发展高地。\n"
             "做优做强海洋战略科技力量。支持崂山实验室实施重大科技任务。实施10项左右关键核心技术攻关。", SD, OCEAN, 1000),
    _passage("o2", "做优做强现代海洋产业。培育10个左右海洋特色产业集聚区。\n做优做强世界级海洋港口群。推进配套码头等工程建设。",
             SD, OCEAN, 1100),
    _passage("o0", "（五）扎实推进乡村全面振兴。更高水平建设“齐鲁粮仓”，发展海洋渔业。", SD, f"{PLAN} > （五）扎实推进乡村全面振兴", 900),
]


def test_a_section_headed_with_the_topic_is_answered_with_the_points_its_paragraphs_open_with() -> None:
    answer = _ask("山东省2025年怎么发展海洋经济？", OCEAN_PASSAGES)
    quotes = [c.quote for c in answer.citations]
    assert quotes[0].startswith("（六）在发展壮大现代海洋经济上下功夫")
    assert [q.split("。")[0] for q in quotes[1:]] == ["做优做强海洋战略科技力量", "做优做强现代海洋产业", "做优做强世界级海洋港口群"]
    assert quotes[1] == "做优做强海洋战略科技力量。支持崂山实验室实施重大科技任务。"  # the point, with the sentence after it
    assert not any("齐鲁粮仓" in q for q in quotes)
    for citation in answer.citations:
        passage = next(p for p in OCEAN_PASSAGES if p.id == citation.passage_id)
        assert passage.text[citation.start : citation.end] == citation.quote


def test_a_section_whose_heading_names_only_part_of_the_topic_is_not_listed() -> None:
    """营商环境 is not named by a heading that says 环境 (生态环境): the sentences that name it answer."""
    meta = DocumentMeta(source="2023_青山湖区.txt", title="青山湖区计划报告", region="南昌市青山湖区", level=Level.DISTRICT, year=2023)
    section = "一、2022年工作回顾 > (六)优生态、重治理,城环境明显改善"
    passages = [
        _passage("e1", "(六)优生态、重治理,城环境明显改善\n一是城更新改造进一步升级。扎实推进旧改征迁工作。\n二是城建管水平进一步提高。", meta, section, 0),
        _passage("e2", "一是打造营商环境新标杆。开展“千名干部入千企”活动，全年兑现各类惠企政策资金10.1亿余元。", meta, "一、2022年工作回顾 > (二)改革", 500),
    ]
    answer = _ask("青山湖区2022年在营商环境方面做了哪些工作？", passages, year=2023)
    assert any("千名干部入千企" in c.quote for c in answer.citations)
    assert not any("旧改征迁" in c.quote for c in answer.citations)


TOUR_TASKS = "二、主要任务"
TOUR_PASSAGES = [
    _passage("t0", "一、总体要求\n（一）指导思想。推动智慧旅游发展。", TOUR, "一、总体要求 > （一）指导思想", 0),
    _passage("t1", "二、主要任务\n（四）夯实智慧旅游发展信息化基础。加快信息基础设施建设。", TOUR, f"{TOUR_TASKS} > （四）夯实智慧旅游发展信息化基础", 100),
    _passage("t2", "（五）建立游客信息服务体系。建立面向游客的信息服务平台。", TOUR, f"{TOUR_TASKS} > （五）建立游客信息服务体系", 200),
    _passage("t3", "（六）构建智慧旅游营销体系。拓展新的旅游营销方式。", TOUR, f"{TOUR_TASKS} > （六）构建智慧旅游营销体系", 300),
    _passage("t4", "三、保障措施\n（七）加强组织领导。各地要高度重视智慧旅游工作。", TOUR, "三、保障措施 > （七）加强组织领导", 400),
    _passage("t5", "（八）加大资金支持。统筹安排智慧旅游建设资金。", TOUR, "三、保障措施 > （八）加大资金支持", 500),
]


def test_the_part_asked_for_by_name_is_answered_with_its_sub_headings_in_a_document_about_the_topic() -> None:
    answer = _ask("智慧旅游发展的主要任务有哪些？", TOUR_PASSAGES)
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "二、主要任务"
    assert [q.split("。")[0] for q in quotes[1:]] == ["（四）夯实智慧旅游发展信息化基础", "（五）建立游客信息服务体系", "（六）构建智慧旅游营销体系"]
    assert not any("加强组织领导" in q for q in quotes)


def test_which_heading_answers_depends_on_whether_the_document_is_about_the_topic() -> None:
    heads = asked_heads(("发展", "主要任务"))
    assert "任务" in heads and "措施" in heads
    assert outline_depth(TOUR_PASSAGES[2], ("智慧", "旅游"), heads) == 0  # the plan is about smart tourism: its part 二、主要任务
    assert outline_depth(OCEAN_PASSAGES[0], ("海洋经济",), ()) == 1  # the work report is not: its section on the ocean
    assert outline_depth(OCEAN_PASSAGES[2], ("海洋经济",), ()) is None  # 海洋渔业 in a paragraph is not a heading
    assert asked_heads(("重点",)) == ()


def test_measures_are_the_main_tasks_not_the_safeguards_unless_the_safeguards_are_asked_for() -> None:
    assert outline_depth(TOUR_PASSAGES[4], ("智慧", "旅游"), asked_heads(("措施",))) is None
    assert outline_depth(TOUR_PASSAGES[1], ("智慧", "旅游"), asked_heads(("措施",))) == 0
    assert outline_depth(TOUR_PASSAGES[4], ("智慧", "旅游"), asked_heads(("保障措施",))) == 0
    answer = _ask("智慧旅游发展的保障措施有哪些？", TOUR_PASSAGES)
    assert answer.citations[0].quote == "三、保障措施"



JX25 = DocumentMeta(source="2025_江西省.txt", title="2025年江西省政府工作报告", region="江西省", level=Level.PROVINCE, year=2025)
JX26 = DocumentMeta(source="2026_江西省.txt", title="2026年江西省政府工作报告", region="江西省", level=Level.PROVINCE, year=2026)


def test_results_asked_are_the_next_reports_review_not_the_plan_part_that_names_the_topic() -> None:
    plan = "二、2025年工作安排 > （八）切实保障和改善民生"
    passages = [
        _passage("p1", "（八）切实保障和改善民生。坚持尽力而为、量力而行，办好10件民生实事。\n促进高质量充分就业。强化就业优先政策。\n"
                 "健全社会保障体系。推进渐进式延迟法定退休年龄改革。", JX25, plan, 500),
        _passage("r1", "五是民生福祉持续增进。10件民生实事如期兑现。育儿补贴惠及120余万婴幼儿，学前一年免费教育惠及43万儿童。",
                 JX26, "一、2025年工作回顾", 100),
    ]
    answer = _ask("江西省2025年在民生方面取得了哪些成绩？", passages, year=2026)
    assert answer.citations[0].source == "2026_江西省.txt"
    assert any("10件民生实事如期兑现" in c.quote for c in answer.citations)
    assert not any(c.quote.startswith(("（八）", "促进高质量充分就业")) for c in answer.citations)
    plans = _ask("江西省2025年在民生方面有哪些安排？", passages, year=2026)
    assert any(c.quote.startswith("促进高质量充分就业") for c in plans.citations)



def test_the_actions_asked_of_a_plan_are_its_tasks_not_its_action_targets() -> None:
    parsed = parse_question("山东省新一代信息技术创新能力提升行动计划开展哪些行动？", Gazetteer.builtin())
    assert "行动" in parsed.aspects and "行动" not in parsed.topic
    heads = asked_heads(parsed.aspects)
    assert heading_asked("二、重点任务", heads) and heading_asked("（二）瞄准产业关键环节，开展“攻坚”行动", heads)
    assert not heading_asked("（二）行动目标", heads)
