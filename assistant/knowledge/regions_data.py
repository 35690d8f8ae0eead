"""Data tables for the gazetteer: provincial-level divisions and Jiangxi's cities and counties.

Jiangxi's county-level divisions are as of 2024 (湾里区 merged into 新建区 in 2019;
广信区 was 上饶县, 龙南市 was 龙南县). English names are generated with pypinyin;
``ENGLISH_OVERRIDES`` fixes the names pinyin gets wrong or that have a customary
English form, and ``EXTRA_ENGLISH`` adds other spellings people use.
"""

from __future__ import annotations

NATIONAL = "全国"
NATIONAL_ALIASES = ("全国", "国务院", "中国", "我国", "中华人民共和国", "国家层面")
NATIONAL_EN_ALIASES = ("China", "national", "nationwide", "the whole country", "State Council", "PRC",
                       "the country")

# (full name, short name) for all 34 provincial-level divisions.
PROVINCES: tuple[tuple[str, str], ...] = (
    ("北京市", "北京"), ("天津市", "天津"), ("上海市", "上海"), ("重庆市", "重庆"),
    ("河北省", "河北"), ("山西省", "山西"), ("辽宁省", "辽宁"), ("吉林省", "吉林"),
    ("黑龙江省", "黑龙江"), ("江苏省", "江苏"), ("浙江省", "浙江"), ("安徽省", "安徽"),
    ("福建省", "福建"), ("江西省", "江西"), ("山东省", "山东"), ("河南省", "河南"),
    ("湖北省", "湖北"), ("湖南省", "湖南"), ("广东省", "广东"), ("海南省", "海南"),
    ("四川省", "四川"), ("贵州省", "贵州"), ("云南省", "云南"), ("陕西省", "陕西"),
    ("甘肃省", "甘肃"), ("青海省", "青海"), ("台湾省", "台湾"),
    ("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"), ("西藏自治区", "西藏"),
    ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"),
    ("香港特别行政区", "香港"), ("澳门特别行政区", "澳门"),
)

# Jiangxi: city -> its county-level divisions (districts 区, counties 县, county-level cities 市).
JIANGXI = "江西省"
JIANGXI_CITIES: dict[str, tuple[str, ...]] = {
    "南昌市": ("东湖区", "西湖区", "青云谱区", "青山湖区", "新建区", "红谷滩区", "南昌县", "安义县", "进贤县"),
    "景德镇市": ("昌江区", "珠山区", "浮梁县", "乐平市"),
    "萍乡市": ("安源区", "湘东区", "莲花县", "上栗县", "芦溪县"),
    "九江市": ("濂溪区", "浔阳区", "柴桑区", "武宁县", "修水县", "永修县", "德安县", "都昌县", "湖口县",
              "彭泽县", "瑞昌市", "共青城市", "庐山市"),
    "新余市": ("渝水区", "分宜县"),
    "鹰潭市": ("月湖区", "余江区", "贵溪市"),
    "赣州市": ("章贡区", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县", "定南县",
              "全南县", "宁都县", "于都县", "兴国县", "会昌县", "寻乌县", "石城县", "瑞金市", "龙南市"),
    "吉安市": ("吉州区", "青原区", "吉安县", "吉水县", "峡江县", "新干县", "永丰县", "泰和县", "遂川县",
              "万安县", "安福县", "永新县", "井冈山市"),
    "宜春市": ("袁州区", "奉新县", "万载县", "上高县", "宜丰县", "靖安县", "铜鼓县", "丰城市", "樟树市",
              "高安市"),
    "抚州市": ("临川区", "东乡区", "南城县", "黎川县", "南丰县", "崇仁县", "乐安县", "宜黄县", "金溪县",
              "资溪县", "广昌县"),
    "上饶市": ("信州区", "广丰区", "广信区", "玉山县", "铅山县", "横峰县", "弋阳县", "余干县", "鄱阳县",
              "万年县", "婺源县", "德兴市"),
}

# Short names (the name without 市/区/县) that are also ordinary words or names of other
# things (新建 "newly built", 莲花 "lotus", 樟树 "camphor tree", 鄱阳 in 鄱阳湖). A question
# names these places only with their full name, e.g. 新建区.
SHORT_NAME_STOPLIST = frozenset({
    "新建", "西湖", "东湖", "莲花", "樟树", "铜鼓", "万年", "南城", "湖口", "石城", "永新", "万安",
    "兴国", "上高", "高安", "安福", "永丰", "泰和", "德安", "安远", "青原", "玉山", "昌江", "鄱阳",
    "庐山", "东乡", "修水", "永修", "大余",
})

# Base English names (without "City"/"District") where pypinyin is wrong or custom differs.
ENGLISH_OVERRIDES: dict[str, str] = {
    "陕西": "Shaanxi",
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "都昌": "Duchang",
    "宁都": "Ningdu",
    "于都": "Yudu",
    "海拉尔": "Hailar",
    "呼伦贝尔": "Hulunbuir",
    "乌鲁木齐": "Urumqi",
    "呼和浩特": "Hohhot",
}

EXTRA_ENGLISH: dict[str, tuple[str, ...]] = {
    "内蒙古": ("Nei Mongol", "Inner Mongolia Autonomous Region"),
    "西藏": ("Xizang", "Tibet Autonomous Region", "Xizang Autonomous Region"),
    "澳门": ("Macau",),
    "香港": ("Hongkong",),
    "广西": ("Guangxi Zhuang Autonomous Region",),
    "宁夏": ("Ningxia Hui Autonomous Region",),
    "新疆": ("Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"),
}

# English words that a generated pinyin name must not be, e.g. 德安 without its apostrophe.
ENGLISH_STOPLIST = frozenset({"dean", "lean", "an", "china"})

# Suffixes of administrative names, longest first; used to split compound names like
# "内蒙古自治区呼伦贝尔市海拉尔区" and to take the short form of a name.
SUFFIXES: tuple[str, ...] = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
    "地区", "省", "市", "州", "盟", "区", "县", "旗",
)

ENGLISH_SUFFIX: dict[str, str] = {
    "省": "Province", "自治区": "Autonomous Region", "市": "City", "州": "Prefecture", "自治州":
    "Autonomous Prefecture", "地区": "Prefecture", "盟": "League", "区": "District", "县": "County",
    "自治县": "Autonomous County", "旗": "Banner", "自治旗": "Autonomous Banner",
    "特别行政区": "Special Administrative Region",
}
