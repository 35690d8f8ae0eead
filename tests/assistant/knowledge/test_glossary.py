import pytest

from assistant.knowledge.glossary import (
    chinese_phrases,
    chinese_vocabulary,
    english_matches,
    english_terms,
    glossary,
    inner_terms,
    normalize_words,
    singular,
)


def test_the_glossary_covers_the_reports_vocabulary() -> None:
    assert len(glossary()) >= 250
    for english, chinese in glossary():
        assert normalize_words(english), english
        assert chinese.split(), english


def test_the_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    assert english_terms("5G base stations") == ("5G基站", "基站")
    assert english_terms("high-standard farmland") == ("高标准农田", "农田")
    assert english_terms("industrial enterprises above designated size") == ("规模以上工业企业", "工业企业")
    assert english_terms("new projects") == ("新引进项目", "项目")


def test_a_longer_phrase_to_the_right_beats_a_shorter_one_to_the_left() -> None:
    # "new" alone is 新增, but "new energy vehicles" is one phrase.
    assert english_terms("new energy vehicles") == ("新能源汽车",)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("base station", "base stations"),
        ("old residential community", "old residential communities"),
        ("school place", "school places"),
        ("hog slaughtered", "hogs slaughtered"),
        ("industrial enterprise above designated size", "industrial enterprises above designated size"),
        ("tax refund", "tax refunds"),
        ("old neighborhood", "old neighbourhoods"),
        ("business start-up guarantee loan", "business startup guarantee loans"),
        ("start-up guarantee loans", "start up guarantee loans"),
        ("high-tech enterprises recognized", "High-Tech Enterprises Recognised"),
        ("sewage treatment centers", "sewage treatment centres"),
    ],
)
def test_plurals_spelling_case_and_hyphens_do_not_matter(one: str, other: str) -> None:
    assert english_terms(one) == english_terms(other) != ()


def test_terms_come_in_text_order_each_once() -> None:
    terms = english_terms("Loans to high-tech enterprises and loans to SMEs")
    assert terms == ("贷款", "高新技术企业", "企业", "中小企业")


def test_phrases_match_whole_words_only() -> None:
    assert english_terms("Mutual aims are remarkable") == ()  # "mu" (亩) inside words does not count
    assert english_terms("mu") == ("亩",)
    assert english_terms("netbooks") == ()


def test_possessives_and_apostrophes_are_dropped() -> None:
    assert english_terms("the city's affordable rental housing") == ("保障性租赁住房", "租赁住房")
    assert english_terms("graduates' employment rate") == ("毕业生", "就业率")


def test_match_positions_count_normalized_words() -> None:
    assert english_matches("How many 5G base stations") == [(2, 5, ("5G基站", "基站"))]


@pytest.mark.parametrize("word", ["target", "goal", "plan", "planned", "aim", "expected", "estimated",
                                  "achieve", "achieved", "actual", "complete", "completed", "how", "many"])
def test_kind_cues_and_question_words_are_not_in_the_glossary(word: str) -> None:
    assert english_terms(word) == ()


@pytest.mark.parametrize(
    ("word", "expected"),
    [("stations", "station"), ("communities", "community"), ("taxes", "tax"), ("businesses", "business"),
     ("enterprises", "enterprise"), ("status", "status"), ("analysis", "analysis"), ("gas", "gas"),
     ("children", "child"), ("loan", "loan")],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_chinese_phrases_are_found_longest_first_with_the_terms_inside_them() -> None:
    assert chinese_phrases("建设高标准农田") == [(0, 2, ("建设",)), (2, 7, ("高标准农田", "标准", "农田"))]
    assert chinese_phrases("筹集保障性租赁住房") == [(0, 2, ("筹集",)), (2, 9, ("保障性租赁住房", "保障", "租赁住房", "住房"))]


def test_chinese_phrases_match_latin_letters_in_either_case() -> None:
    assert chinese_phrases("新建5g基站")[-1] == (2, 6, ("5G基站", "5G", "基站"))


def test_inner_terms_are_in_reading_order() -> None:
    assert inner_terms("国家高新技术企业") == ("国家", "高新技术企业", "高新技术", "企业")
    assert inner_terms("农田") == ()


def test_the_chinese_vocabulary_is_longest_first_and_has_no_single_characters() -> None:
    vocabulary = chinese_vocabulary()
    assert all(len(term) >= 2 for term in vocabulary)
    assert [len(term) for term in vocabulary] == sorted((len(term) for term in vocabulary), reverse=True)
    assert "高标准农田" in vocabulary and "基站" in vocabulary
