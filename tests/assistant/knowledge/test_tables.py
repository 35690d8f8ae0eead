"""The knowledge tables: data files, loaded once, checked, and extended by a folder of user additions."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from assistant.core.errors import ConfigError
from assistant.core.settings import Settings
from assistant.knowledge import tables
from assistant.knowledge.checks import problems
from assistant.knowledge.gazetteer import Gazetteer, builtin_gazetteer
from assistant.knowledge.glossary import english_terms
from assistant.knowledge.lexicon import find_indicators, get_indicator
from assistant.knowledge.question_words import question_words
from tests.conftest import PROJECT_ROOT


@pytest.fixture
def additions(tmp_path):
    """A folder of additions, in use for one test; the built-in tables only afterwards."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    yield folder
    tables.use_additions(None)


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_the_built_in_tables_have_no_problems():
    assert problems() == []


def test_every_data_file_is_shipped_as_package_data():
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["assistant.knowledge"]
    files = sorted(path.relative_to(tables.DATA_DIR.parent) for path in tables.DATA_DIR.iterdir())
    assert files and all(any(path.match(pattern) for pattern in patterns) for path in files)


def test_additions_extend_the_lexicon_the_gazetteer_and_the_glossary(additions):
    write(additions, "indicators.toml", '[gdp]\naliases = ["全域产值"]\n\n'
          '[ev_output]\nzh = "新能源汽车产量"\nen = "new energy vehicle output"\naliases = ["新能源汽车产量"]\n'
          'en_aliases = ["ev output"]\n')
    write(additions, "regions.tsv", "name\tlevel\tparent\tshort\taliases\n青岛西海岸新区\tdistrict\t青岛市\t西海岸新区\n"
          "海拉尔区\tdistrict\t呼伦贝尔市\t\t海拉尔城区\n")
    write(additions, "glossary.tsv", "english\tchinese\nheat pump\t热泵\n")
    tables.use_additions(additions)
    assert [i.key for i, _, _ in find_indicators("全域产值增长6%")] == ["gdp"]
    assert get_indicator("gdp").aliases[0] == "地区生产总值"  # the built-in names stay, in order
    assert [i.key for i, _, _ in find_indicators("EV output in 2024")] == ["ev_output"]
    region = builtin_gazetteer().resolve("西海岸新区2024年GDP")
    assert region is not None and region.region.name == "青岛市青岛西海岸新区"
    assert region.region.parents == ("青岛市", "山东省")
    assert builtin_gazetteer().resolve("海拉尔城区的GDP").region.name == "呼伦贝尔市海拉尔区"  # an alias of a division
    assert english_terms("heat pumps") == ("热泵",)
    assert problems() == []
    tables.use_additions(None)
    assert find_indicators("全域产值") == [] and builtin_gazetteer().resolve("西海岸新区") is None


def test_additions_to_a_word_list_are_appended_once(additions):
    write(additions, "question_words.toml", 'cn_stopwords = ["劳驾", "请问"]\n')
    tables.use_additions(additions)
    assert "劳驾" in question_words().cn_stopwords and "请问" in question_words().cn_stopwords


@pytest.mark.parametrize(
    "name, text, problem",
    [
        ("indicators.toml", '[cpi]\naliases = ["GDP"]\n', "'GDP' names cpi and gdp"),
        ("indicators.toml", '[new_thing]\nzh = "新指标"\n', "lacks en"),
        ("indicators.toml", '[gdp]\nsynonyms = ["x"]\n', "unknown field(s) synonyms"),
        ("indicators.toml", '[gdp]\nen_aliases = ["Local GDP"]\n', "must be lower case"),
        ("regions.tsv", "name\tlevel\tparent\tshort\taliases\n某某区\tdistrict\t某某市\n", "is not listed above it"),
        ("regions.tsv", "name\tlevel\tparent\tshort\taliases\n某县\ttown\t赣州市\n", "unknown level 'town'"),
        ("regions.tsv", "name\tlevel\tparent\tshort\taliases\n瑞金市\tcounty\t赣州市\t\t红都\n瑞金市\tcounty\t赣州市\n",
         "瑞金市 (under 赣州市) is listed 2 times"),
        ("divisions.tsv", "code\tname\tshort\tlevel\tparent_code\tfull_name\tpinyin\tenglish\tformer_names\n"
         "360781\t某某市\t某某\tcounty\t360700\t\t\t\t\n", "the code 360781 is listed 2 times"),
        ("divisions.tsv", "code\tname\tshort\tlevel\tparent_code\tfull_name\tpinyin\tenglish\tformer_names\n"
         "999999\t某某市\t某某\tcounty\t990000\t\t\t\t\n", "is not listed above it"),
        ("region_names.toml", '[usual_places]\n"朝阳" = "北京市海淀区"\n', "usual_places 朝阳 = 北京市海淀区"),
        ("regions.tsv", "name\tlevel\tparent\n某县\tcounty\t赣州市\n", "has the columns"),
        ("glossary.tsv", "english\tchinese\nfarmland\t农田\n", "'farmland' is listed 2 times"),
        ("kind_cues.toml", '[question]\ntarget = ["(目标"]\n', "not a valid regular expression"),
        ("question_words.toml", "cn_stopwords = 3\n", "cn_stopwords must be a list of words"),
        ("targets.toml", 'ceilings = ["inflation"]\n', "unknown indicator key(s) inflation in ceilings"),
    ],
)
def test_problems_in_additions_are_reported_by_name(additions, name, text, problem):
    write(additions, name, text)
    tables.use_additions(additions)
    assert any(problem in found for found in problems()), problems()


def test_a_missing_additions_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="is not a folder"):
        tables.use_additions(tmp_path / "missing")


def test_the_setting_points_the_tables_at_the_additions(additions):
    from index.pipeline import Indexer

    write(additions, "regions.tsv", "name\tlevel\tparent\tshort\taliases\n测试县\tcounty\t赣州市\n")
    settings = Settings.load(env={"ASSISTANT_KNOWLEDGE_DIR": str(additions)}, config_file=None)
    assert settings.knowledge_dir == additions
    Indexer(settings)  # cheap: nothing opens until first use
    assert tables.additions_folder() == additions
    assert Gazetteer.builtin().get("测试县") is not None
