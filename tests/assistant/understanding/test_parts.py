from assistant.core.datatypes import Answer, Citation, ParsedQuestion
from assistant.understanding.parts import combine, split_parts


def test_two_years_split_into_two_parts_and_one_year_does_not():
    parsed = ParsedQuestion(text="q", years=(2018, 2019), indicators=("gdp",))
    assert [p.years for p in split_parts(parsed)] == [(2018,), (2019,)]
    single = ParsedQuestion(text="q", years=(2024,), indicators=("gdp",))
    assert split_parts(single) == [single]


def test_two_indicators_split_when_there_is_one_year():
    parsed = ParsedQuestion(text="q", years=(2024,), indicators=("deficit_ratio", "special_bonds"))
    assert [p.indicators for p in split_parts(parsed)] == [("deficit_ratio",), ("special_bonds",)]


def _cited(text: str, source: str) -> Answer:
    citation = Citation(source=source, title="t", region="全国", year=2024, quote=text, start=0, end=len(text))
    return Answer(question="q", text=f"{text}[1]", abstained=False, citations=(citation,))


def test_combined_answers_renumber_their_citations_in_order():
    parsed = ParsedQuestion(text="q")
    combined = combine(parsed, [_cited("6.5%左右", "2018.txt"), _cited("6%－6.5%", "2019.txt")])
    assert combined.text == "6.5%左右[1]\n6%－6.5%[2]"
    assert [(c.number, c.source) for c in combined.citations] == [(1, "2018.txt"), (2, "2019.txt")]
    assert not combined.abstained


def test_combined_answer_abstains_only_when_every_part_abstains():
    parsed = ParsedQuestion(text="q")
    none = Answer(question="q", text="没有", abstained=True)
    assert combine(parsed, [none, none]).abstained
    assert not combine(parsed, [none, _cited("3%", "a.txt")]).abstained


def test_where_any_indicator_answers_the_parts_that_found_nothing_are_left_out():
    none = Answer(question="q", text="没有找到城镇登记失业率的相关数字", abstained=True)
    generic = combine(ParsedQuestion(text="q", any_indicator=True), [_cited("5.5%左右", "a.txt"), none])
    assert generic.text == "5.5%左右[1]" and not generic.abstained
    both = combine(ParsedQuestion(text="q"), [_cited("5.5%左右", "a.txt"), none])
    assert "没有找到" in both.text
    assert combine(ParsedQuestion(text="q", any_indicator=True), [none, none]).abstained
