import pytest

from assistant.core.datatypes import Level
from assistant.knowledge.gazetteer import Gazetteer, split_compound
from assistant.knowledge.regions import divisions


@pytest.fixture(scope="module")
def builtin() -> Gazetteer:
    return Gazetteer.builtin()


@pytest.fixture()
def gazetteer() -> Gazetteer:
    return Gazetteer.builtin()


def resolved(gazetteer: Gazetteer, text: str) -> str | None:
    match = gazetteer.resolve(text)
    return match.region.name if match else None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ganzhou", "赣州市"), ("Gan Zhou", "赣州市"), ("Ganzhou City", "赣州市"), ("Ganzhou's GDP", "赣州市"),
        ("GANZHOU", "赣州市"), ("gan-zhou", "赣州市"),
        ("Pingxiang", "萍乡市"), ("Ping Xiang's target", "萍乡市"),
        ("Qingshanhu", "南昌市青山湖区"), ("Qingshanhu District", "南昌市青山湖区"), ("Qing Shan Hu", "南昌市青山湖区"),
        ("Zhushan District's GDP", "景德镇市珠山区"), ("Hailar", "呼伦贝尔市海拉尔区"), ("Hohhot", "呼和浩特市"),
        ("Yuehu", "鹰潭市月湖区"), ("Yuehu District", "鹰潭市月湖区"),
        ("Nanchang", "南昌市"), ("Nanchang County", "南昌市南昌县"),
        ("Jingdezhen", "景德镇市"), ("Yingtan", "鹰潭市"),
        ("Jiangxi", "江西省"), ("Jiangxi Province", "江西省"), ("Jiangxi's", "江西省"),
        ("Ji'an", "吉安市"), ("Jian", "吉安市"), ("Ji’an", "吉安市"),
        ("Shaanxi", "陕西省"), ("Shanxi", "山西省"), ("Inner Mongolia", "内蒙古自治区"), ("Tibet", "西藏自治区"),
        ("Hong Kong", "香港特别行政区"), ("Beijing", "北京市"),
        ("China", "全国"), ("national", "全国"),
    ],
)
def test_english_and_pinyin_names(builtin: Gazetteer, text: str, name: str) -> None:
    assert resolved(builtin, text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("赣州", "赣州市"), ("赣州市", "赣州市"), ("萍乡", "萍乡市"), ("青山湖", "南昌市青山湖区"),
        ("青山湖区", "南昌市青山湖区"), ("南昌市青山湖区", "南昌市青山湖区"), ("珠山区", "景德镇市珠山区"),
        ("月湖区", "鹰潭市月湖区"), ("江西", "江西省"), ("江西省", "江西省"), ("内蒙古", "内蒙古自治区"),
        ("内蒙古自治区", "内蒙古自治区"), ("广西", "广西壮族自治区"), ("广西壮族自治区", "广西壮族自治区"),
        ("北京", "北京市"), ("北京市", "北京市"), ("澳门", "澳门特别行政区"), ("台湾", "台湾省"),
        ("全国", "全国"), ("国务院", "全国"), ("中国", "全国"), ("我国", "全国"),
        ("共青城", "九江市共青城市"), ("赣县", "赣州市赣县区"), ("于都县", "赣州市于都县"),
    ],
)
def test_chinese_full_and_short_names(builtin: Gazetteer, text: str, name: str) -> None:
    assert resolved(builtin, text) == name


def test_builtin_has_every_province_prefecture_and_county_of_china(builtin: Gazetteer) -> None:
    regions = builtin.regions()
    assert len([r for r in regions if r.level is Level.PROVINCE]) == 34
    assert len([r for r in regions if r.level is Level.CITY]) == 339
    assert len([r for r in regions if r.level in (Level.COUNTY, Level.DISTRICT)]) == 2886 == len(
        [row for row in divisions() if row.level in (Level.COUNTY, Level.DISTRICT)])
    assert all(r.english for r in regions)
    assert len([r for r in builtin.children("江西省")]) == 111


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("济南市人民政府办公厅", "济南市"), ("山东省人民政府", "山东省"), ("青岛2023年GDP", "青岛市"),
        ("乌鲁木齐", "乌鲁木齐市"), ("Urumqi", "乌鲁木齐市"), ("Harbin", "哈尔滨市"), ("甘孜州", "甘孜藏族自治州"),
        ("延边朝鲜族自治州", "延边朝鲜族自治州"), ("海淀区", "北京市海淀区"), ("北京市海淀区", "北京市海淀区"),
        ("平遥县", "晋中市平遥县"), ("襄樊市", "襄阳市"), ("阳泉市城区", "阳泉市城区"), ("Lhasa", "拉萨市"),
    ],
)
def test_places_all_over_china(builtin: Gazetteer, text: str, name: str) -> None:
    assert resolved(builtin, text) == name


@pytest.mark.parametrize(
    "text",
    ["投资中心建设", "健康保障体系", "加强合作有哪些措施", "城市中心", "示范县建设", "城区建设", "现代县域经济",
     "比如说", "大兴调查研究之风", "绿水青山", "确保43个市", "那个区", "全区", "全省", "我市"],
)
def test_names_inside_words_and_ordinary_words_are_not_places(builtin: Gazetteer, text: str) -> None:
    assert [m.region.name for m in builtin.find_all(text) if m.region.level is not Level.NATIONAL] == []


def test_a_name_that_runs_into_another_word_falls_back_to_the_shorter_name(builtin: Gazetteer) -> None:
    assert resolved(builtin, "海南区域协调发展") == "海南省"
    assert resolved(builtin, "赣州市场主体") == "赣州市"


def test_parent_chain_of_a_district(builtin: Gazetteer) -> None:
    region = builtin.get("青山湖区")
    assert region is not None
    assert region.name == "南昌市青山湖区"
    assert region.level is Level.DISTRICT
    assert region.parents == ("南昌市", "江西省")
    assert region.english == "Qingshanhu District"
    assert builtin.get("南昌市").parents == ("江西省",)
    assert builtin.get("江西省").parents == ()


def test_display_names(builtin: Gazetteer) -> None:
    assert builtin.get("赣州市").english == "Ganzhou"
    assert builtin.get("珠山区").english == "Zhushan District"
    assert builtin.get("江西省").english == "Jiangxi"
    assert builtin.get("全国").english == "China"
    assert builtin.get("吉安市").english == "Ji'an"


def test_children_are_direct_and_indirect(builtin: Gazetteer) -> None:
    names = [r.name for r in builtin.children("江西省")]
    assert "南昌市" in names and "南昌市青山湖区" in names and "赣州市瑞金市" in names
    assert len(names) == 111
    assert [r.name for r in builtin.children("鹰潭市")] == ["鹰潭市月湖区", "鹰潭市余江区", "鹰潭市贵溪市"]
    assert builtin.children("月湖区") == []
    assert builtin.children("Springfield") == []


def test_a_district_is_preferred_over_its_city(builtin: Gazetteer) -> None:
    match = builtin.resolve("南昌市青山湖区2023年GDP")
    assert match.region.name == "南昌市青山湖区"
    assert match.mention == "南昌市青山湖区"
    match = builtin.resolve("江西省南昌市青山湖区的目标")
    assert (match.mention, match.start, match.end) == ("江西省南昌市青山湖区", 0, 10)
    assert builtin.resolve("江西赣州2024年GDP").region.name == "赣州市"


def test_match_offsets_point_into_the_text(builtin: Gazetteer) -> None:
    text = "What was Ganzhou's 2024 GDP target?"
    match = builtin.resolve(text)
    assert text[match.start:match.end] == match.mention == "Ganzhou"


def test_short_names_that_are_ordinary_words_are_not_regions(builtin: Gazetteer) -> None:
    assert builtin.resolve("新建项目开工率") is None
    assert builtin.resolve("鄱阳湖生态保护") is None
    assert resolved(builtin, "新建区2024年GDP") == "南昌市新建区"
    assert builtin.resolve("the dean said") is None


def test_unknown_names_are_not_resolved(builtin: Gazetteer) -> None:
    assert builtin.resolve("火星市") is None
    assert builtin.resolve("Springfield") is None
    assert builtin.get("火星市") is None


def test_ambiguous_short_name_prefers_the_city_then_the_named_parent() -> None:
    gazetteer = Gazetteer.builtin()
    assert resolved(gazetteer, "吉安2024年GDP") == "吉安市"
    assert resolved(gazetteer, "吉安县2024年GDP") == "吉安市吉安县"
    gazetteer.add("湖南省长沙市朝阳区")
    gazetteer.add("北京市朝阳区")
    assert resolved(gazetteer, "北京朝阳区2024年GDP") == "北京市朝阳区"
    assert resolved(gazetteer, "长沙市朝阳区2024年GDP") == "湖南省长沙市朝阳区"


def test_an_ambiguous_name_is_left_unresolved_unless_a_parent_is_named() -> None:
    gazetteer = Gazetteer.builtin()
    assert [r.name for r in gazetteer.candidates("鼓楼区")] == ["南京市鼓楼区", "徐州市鼓楼区", "福州市鼓楼区", "开封市鼓楼区"]
    assert gazetteer.resolve("鼓楼区2024年GDP") is None
    assert resolved(gazetteer, "福州市鼓楼区2024年GDP") == "福州市鼓楼区"
    assert resolved(gazetteer, "福建省福州市的鼓楼区") == "福州市鼓楼区"
    assert gazetteer.resolve("Zhushan District") is not None  # the district of Jingdezhen; 竹山 is a county
    assert gazetteer.resolve("Zhushan") is None  # 珠山区 or 竹山县
    assert resolved(gazetteer, "Ganzhou") == "赣州市"  # English: the one place of the highest level (not 甘州区)
    assert resolved(gazetteer, "西安") == "西安市"  # usual_places


def test_ambiguous_name_prefers_a_region_registered_from_the_index() -> None:
    gazetteer = Gazetteer.builtin()
    gazetteer.add("北京市朝阳区")
    assert resolved(gazetteer, "朝阳区2024年GDP") == "北京市朝阳区"
    gazetteer.add("景德镇市珠山区")
    assert resolved(gazetteer, "Zhushan") == "景德镇市珠山区"


@pytest.mark.parametrize(
    ("name", "chain"),
    [
        ("内蒙古自治区呼伦贝尔市海拉尔区", ["内蒙古自治区", "呼伦贝尔市", "海拉尔区"]),
        ("南昌市青山湖区", ["南昌市", "青山湖区"]),
        ("江西省宜春市万载县", ["江西省", "宜春市", "万载县"]),
        ("湖州市吴兴区", ["湖州市", "吴兴区"]),
        ("沙市区", ["沙市区"]),
        ("全国", ["全国"]),
        ("广西壮族自治区南宁市", ["广西壮族自治区", "南宁市"]),
    ],
)
def test_split_compound(name: str, chain: list[str]) -> None:
    assert split_compound(name) == chain


def test_add_compound_index_name_creates_the_chain(gazetteer: Gazetteer) -> None:
    region = gazetteer.add("内蒙古自治区呼伦贝尔市海拉尔区")
    assert region.name == "内蒙古自治区呼伦贝尔市海拉尔区"
    assert region.level is Level.DISTRICT
    assert region.parents == ("呼伦贝尔市", "内蒙古自治区")
    assert region.english == "Hailar District"
    for text in ("海拉尔区", "海拉尔", "内蒙古自治区呼伦贝尔市海拉尔区", "Hailar", "Hailar District's"):
        assert resolved(gazetteer, text) == region.name, text
    assert gazetteer.get("呼伦贝尔市").level is Level.CITY
    assert region.name in [r.name for r in gazetteer.children("呼伦贝尔市")]


def test_add_known_region_returns_it_with_the_index_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.add("赣州市").name == "赣州市"
    assert gazetteer.add("南昌市青山湖区").name == "南昌市青山湖区"
    assert gazetteer.add("全国").level is Level.NATIONAL
    region = gazetteer.add("江西省宜春市万载县")
    assert region.name == "江西省宜春市万载县"
    assert region.parents == ("宜春市", "江西省")
    assert resolved(gazetteer, "万载县2022年GDP") == "江西省宜春市万载县"
    assert gazetteer.canonical_for_index(region) == "江西省宜春市万载县"
    assert gazetteer.is_indexed(region)
    assert not gazetteer.is_indexed(gazetteer.get("宜春市"))


def test_a_second_index_spelling_keeps_the_first_as_name(gazetteer: Gazetteer) -> None:
    first = gazetteer.add("江西省宜春市万载县")
    second = gazetteer.add("万载县")
    assert second == first
    assert gazetteer.index_names(first) == ("江西省宜春市万载县", "万载县")


def test_add_with_parents_places_a_bare_leaf(gazetteer: Gazetteer) -> None:
    region = gazetteer.add("海淀区", parents=("北京市",))
    assert region.name == "海淀区"
    assert region.parents == ("北京市",)
    assert region.level is Level.DISTRICT
    assert resolved(gazetteer, "北京市海淀区2024年GDP") == "海淀区"


def test_add_with_explicit_level_overrides_the_guess(gazetteer: Gazetteer) -> None:
    assert gazetteer.add("某某新区", level=Level.CITY).level is Level.CITY


def test_add_rejects_an_empty_name(gazetteer: Gazetteer) -> None:
    with pytest.raises(ValueError):
        gazetteer.add("  ")


def test_builtin_is_independent_per_call() -> None:
    first = Gazetteer.builtin()
    first.add("内蒙古自治区呼伦贝尔市海拉尔区")
    first.add("火星市")
    assert Gazetteer.builtin().get("海拉尔区").name == "呼伦贝尔市海拉尔区"
    assert Gazetteer.builtin().get("火星市") is None and first.get("火星市").name == "火星市"


def test_a_bracketed_note_in_an_index_name_is_not_part_of_the_place(gazetteer: Gazetteer) -> None:
    region = gazetteer.add("全国(中央部委)")
    assert region.level is Level.NATIONAL
    assert region.name == "全国(中央部委)"
    assert resolved(gazetteer, "我国2024年GDP目标") == "全国(中央部委)"
