import pytest

from assistant.knowledge.clauses import split_clauses, split_lines, split_phrases, split_sentences


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_sentences_keep_their_ending_and_closing_quotes_and_decimals():
    text = "建设“种业大市”。增长5.5%；完成“保交楼”任务！\n下一行"
    assert texts(text, split_sentences(text, keep_endings=True)) == [
        "建设“种业大市”。", "增长5.5%；", "完成“保交楼”任务！", "下一行",
    ]


def test_phrases_do_not_cut_a_thousands_separator():
    text = "投资1,000万元,增长5%、8%"
    assert texts(text, split_phrases(text, keep_endings=True)) == ["投资1,000万元,", "增长5%、", "8%"]


@pytest.mark.parametrize(
    "text, spans",
    [("甲，乙。丙", ["甲", "乙", "丙"]), ("  甲 ；\n乙  ", ["甲", "乙"]), ("", [])],
)
def test_clauses_are_stripped_and_cut_at_clause_punctuation(text, spans):
    assert texts(text, split_clauses(text)) == spans


def test_clauses_keep_a_thousands_separator_and_leave_out_the_ending_and_closing_quotes():
    text = "地区生产总值1,234亿元，增长6%。”全年完成"
    assert texts(text, split_clauses(text)) == ["地区生产总值1,234亿元", "增长6%", "全年完成"]


def test_the_enumeration_comma_cuts_phrases_not_clauses():
    text = "城镇、农村居民人均可支配收入分别增长4%、6%左右"
    assert texts(text, split_clauses(text)) == [text]
    assert len(split_phrases(text)) == 3


def test_lines_are_the_non_blank_lines_stripped():
    text = " 一、目标 \n\n增长5%。\n"
    assert texts(text, split_lines(text)) == ["一、目标", "增长5%。"]
