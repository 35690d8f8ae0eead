"""A what / how question whose answer is a whole section: the search finds its start, the rest is read too."""

from __future__ import annotations

import pytest

from tests.fakes.corpus import assistant_over

FILLER = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，统筹发展和安全。"


def _report() -> str:
    review = "\n".join(f"{n}。{FILLER * 3}" for n in ("工业增势强劲", "消费稳步回升", "民生持续改善"))
    points = [
        ("做优做强战略科技力量", "支持实验室实施重大科技任务，统筹科技资源。"),
        ("做优做强现代产业", "培育特色产业集聚区，加快发展生物医药、新能源等高成长性产业。"),
        ("做优做强世界级港口群", "推进码头工程建设，打造智慧绿色港口。"),
    ]
    # the points do not name the topic, and each is a passage of its own: the search ranks them low
    ocean = "\n".join(f"{point}。{detail}{FILLER * 6}" for point, detail in points)
    rural = "\n".join(f"{n}。{FILLER * 3}" for n in ("建设齐鲁粮仓", "提升乡村建设质效"))
    others = "\n".join(f"（{n}）推动经济发展第{n}项工作。{FILLER * 6}" for n in range(3, 40))
    return (
        "2025年山东省政府工作报告\n"
        f"一、2024年工作回顾\n{review}\n"
        "二、2025年重点工作\n"
        f"（一）扎实推进乡村全面振兴。{FILLER}\n{rural}\n"
        f"（二）在发展壮大现代海洋经济上下功夫、求实效。更好经略海洋、向海图强，积极打造现代海洋经济发展高地。\n{ocean}\n"
        f"{others}\n"
    )


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over({"2025_山东省_政府工作报告.txt": _report()}, tmp_path_factory, "outline")


def test_every_point_of_the_section_is_listed_though_only_its_heading_names_the_topic(assistant) -> None:
    answer = assistant.answer("山东省2025年怎么发展海洋经济？")
    quotes = [citation.quote for citation in answer.citations]
    assert not answer.abstained
    assert quotes[0].startswith("（二）在发展壮大现代海洋经济上下功夫")
    for point in ("做优做强战略科技力量", "做优做强现代产业", "做优做强世界级港口群"):
        assert any(quote.startswith(point) for quote in quotes), point
    original = assistant.document_text("2025_山东省_政府工作报告.txt")
    for citation in answer.citations:
        assert original[citation.start : citation.end] == citation.quote


def test_a_question_about_the_plan_as_a_whole_lists_every_heading_of_the_plan(assistant) -> None:
    answer = assistant.answer("山东省2025年有哪些重点工作？")
    quotes = [citation.quote for citation in answer.citations]
    assert any(quote.startswith("（一）扎实推进乡村全面振兴") for quote in quotes)
    assert any(quote.startswith("（二）在发展壮大现代海洋经济") for quote in quotes)
