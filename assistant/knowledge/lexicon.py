"""The indicator lexicon: what reports and people call each economic indicator, in Chinese and English.

Each indicator has one canonical key (``"gdp"``), its canonical Chinese name, an
English display name, the Chinese names reports and questions use (``aliases``)
and lower-case English phrases (``en_aliases``). ``related`` lists Chinese terms
the search should also try but that do not name the indicator by themselves
(a joint sentence such as "城乡居民人均可支配收入分别增长5%和7%" holds both the
urban and the rural figure).

Decisions on scope variants (one key, several statistical scopes):

* ``fixed_asset_investment`` covers 固定资产投资, 全社会固定资产投资,
  城镇固定资产投资 and 500万元以上固定资产投资. Reports of different years and
  levels publish the headline investment figure under different scopes, and a
  question about "固定资产投资" wants whichever one the report has. Investment
  broken down by purpose (工业投资, 民间投资, 制造业投资, 基础设施投资) has its
  own keys, because those are different figures in the same report.
* ``retail_sales`` covers 社会消费品零售总额 and 限上消费品零售额 (the
  above-designated-size subset districts often report instead) for the same reason.
* ``household_income`` is the all-residents figure and the joint urban-and-rural
  phrasing; ``urban_income`` and ``rural_income`` are the separate figures.

Matching is longest-alias-first, so "城镇居民人均可支配收入" is urban income only,
"万元GDP能耗" is energy intensity, not GDP, and "工业固定资产投资" is industrial
investment, not fixed-asset investment in general.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.core.errors import UnknownIndicatorError
from assistant.knowledge.textmatch import find_phrases


@dataclass(frozen=True)
class Indicator:
    key: str
    zh: str
    en: str
    aliases: tuple[str, ...]
    en_aliases: tuple[str, ...]
    related: tuple[str, ...] = ()


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "gdp", "地区生产总值", "GDP",
        ("地区生产总值", "国内生产总值", "生产总值", "GDP", "经济增长", "经济增速", "经济总量", "全市生产总值",
         "全省生产总值", "全区生产总值"),
        ("gdp", "gross domestic product", "regional gdp", "gross regional product", "economic growth",
         "economic output", "growth rate of the economy", "economy"),
    ),
    Indicator(
        "industrial_value_added", "规模以上工业增加值", "industrial value added",
        ("规模以上工业增加值", "规上工业增加值", "规模工业增加值", "工业增加值", "全部工业增加值"),
        ("industrial value added", "industrial value-added", "industrial added value", "industrial output",
         "industrial production", "value added of industry", "value added of industrial enterprises"),
    ),
    Indicator(
        "fixed_asset_investment", "固定资产投资", "fixed-asset investment",
        ("固定资产投资", "全社会固定资产投资", "城镇固定资产投资", "500万元以上固定资产投资",
         "500万元以上项目固定资产投资", "固投"),
        ("fixed asset investment", "fixed assets investment", "investment in fixed assets", "fai"),
    ),
    Indicator(
        "industrial_investment", "工业投资", "industrial investment",
        ("工业投资", "工业固定资产投资"),
        ("industrial investment", "investment in industry"),
    ),
    Indicator(
        "private_investment", "民间投资", "private investment",
        ("民间投资",), ("private investment",),
    ),
    Indicator(
        "manufacturing_investment", "制造业投资", "manufacturing investment",
        ("制造业投资",), ("manufacturing investment", "investment in manufacturing"),
    ),
    Indicator(
        "infrastructure_investment", "基础设施投资", "infrastructure investment",
        ("基础设施投资", "基建投资"), ("infrastructure investment", "investment in infrastructure"),
    ),
    Indicator(
        "outside_investment", "实际利用省外资金", "funds attracted from outside the province",
        ("实际利用省外2000万元以上项目资金", "实际利用省外资金", "利用省外资金", "省外项目资金", "省外资金"),
        ("funds from outside the province", "out-of-province investment", "investment from other provinces"),
    ),
    Indicator(
        "retail_sales", "社会消费品零售总额", "retail sales of consumer goods",
        ("社会消费品零售总额", "社会消费品零售额", "消费品零售总额", "社零总额", "社零", "限上消费品零售额",
         "限额以上消费品零售额", "限上社会消费品零售额", "限额以上社会消费品零售额"),
        ("retail sales", "total retail sales", "retail sales of consumer goods", "consumer goods retail sales",
         "consumer spending"),
    ),
    Indicator(
        "online_retail", "网络零售额", "online retail sales",
        ("网络零售额", "网络零售总额", "网上零售额", "实物商品网上零售额"),
        ("online retail", "online retail sales", "online sales", "e-commerce sales"),
    ),
    Indicator(
        "budget_revenue", "一般公共预算收入", "general public budget revenue",
        ("一般公共预算收入", "地方一般公共预算收入", "一般公共财政预算收入", "公共财政预算收入", "财政收入",
         "财政总收入", "地方财政收入"),
        ("general public budget revenue", "general budget revenue", "public budget revenue", "budget revenue",
         "fiscal revenue", "government revenue"),
    ),
    Indicator(
        "tax_revenue", "税收收入", "tax revenue",
        ("税收收入",), ("tax revenue", "tax revenues"),
    ),
    Indicator(
        "budget_expenditure", "一般公共预算支出", "general public budget expenditure",
        ("一般公共预算支出", "地方一般公共预算支出", "财政支出"),
        ("general public budget expenditure", "budget expenditure", "fiscal expenditure", "fiscal spending",
         "government spending", "public spending"),
    ),
    Indicator(
        "household_income", "居民人均可支配收入", "per-capita disposable income",
        ("居民人均可支配收入", "全体居民人均可支配收入", "城乡居民人均可支配收入", "城镇和农村居民人均可支配收入",
         "城镇、农村居民人均可支配收入", "人均可支配收入", "城乡居民收入", "居民收入"),
        ("per capita disposable income", "per-capita disposable income", "disposable income",
         "household income", "income per capita", "per capita income", "residents' income"),
    ),
    Indicator(
        "urban_income", "城镇居民人均可支配收入", "urban per-capita disposable income",
        ("城镇居民人均可支配收入", "城镇常住居民人均可支配收入", "城镇居民可支配收入", "城镇居民收入", "城镇居民人均收入"),
        ("urban per capita disposable income", "urban disposable income", "urban income",
         "urban residents' income", "urban residents' per capita disposable income",
         "urban residents' disposable income",
         "per capita disposable income of urban residents", "disposable income of urban residents",
         "urban household income"),
        related=("城乡居民人均可支配收入", "城镇和农村居民人均可支配收入"),
    ),
    Indicator(
        "rural_income", "农村居民人均可支配收入", "rural per-capita disposable income",
        ("农村居民人均可支配收入", "农村常住居民人均可支配收入", "农村居民可支配收入", "农民人均可支配收入", "农村居民收入", "农民收入",
         "农民人均纯收入"),
        ("rural per capita disposable income", "rural disposable income", "rural income",
         "rural residents' income", "rural residents' per capita disposable income",
         "rural residents' disposable income",
         "per capita disposable income of rural residents", "disposable income of rural residents",
         "farmers' income", "rural household income"),
        related=("城乡居民人均可支配收入", "城镇和农村居民人均可支配收入"),
    ),
    Indicator(
        "cpi", "居民消费价格", "consumer price index (CPI)",
        ("居民消费价格", "居民消费价格总水平", "居民消费价格涨幅", "居民消费价格指数", "消费价格", "物价", "CPI"),
        ("cpi", "consumer price index", "consumer prices", "consumer price", "inflation", "price level"),
    ),
    Indicator(
        "energy_intensity", "单位地区生产总值能耗", "energy consumption per unit of GDP",
        ("单位地区生产总值能耗", "单位国内生产总值能耗", "单位生产总值能耗", "地区生产总值能耗", "生产总值能耗",
         "万元地区生产总值能耗", "万元生产总值能耗", "万元GDP能耗", "单位GDP能耗", "GDP能耗", "能耗强度", "能耗"),
        ("energy intensity", "energy consumption per unit of gdp", "energy consumption per unit gdp",
         "energy use per unit of gdp", "energy consumption per 10,000 yuan of gdp", "energy consumption"),
    ),
    Indicator(
        "carbon_intensity", "单位地区生产总值二氧化碳排放", "CO2 emissions per unit of GDP",
        ("单位地区生产总值二氧化碳排放", "单位国内生产总值二氧化碳排放", "单位GDP二氧化碳排放", "碳排放强度",
         "二氧化碳排放"),
        ("carbon intensity", "co2 emissions per unit of gdp", "carbon dioxide emissions per unit of gdp",
         "carbon emissions"),
    ),
    Indicator(
        "rd_intensity", "研发投入强度", "R&D spending (intensity)",
        ("研发投入强度", "研发经费投入强度", "全社会研发投入", "全社会研发经费投入", "研发经费投入", "研发投入",
         "研发经费", "R&D经费", "R&D投入", "研究与试验发展经费", "R&D"),
        ("r&d", "r&d intensity", "r&d spending", "r&d expenditure", "r&d investment",
         "research and development", "research and development spending"),
    ),
    Indicator(
        "new_urban_jobs", "城镇新增就业", "new urban jobs",
        ("城镇新增就业", "新增城镇就业", "城镇新增就业人数", "新增就业"),
        ("new urban jobs", "urban jobs", "new jobs", "jobs created", "new urban employment", "job creation"),
    ),
    Indicator(
        "unemployment", "城镇调查失业率", "surveyed urban unemployment rate",
        ("城镇调查失业率", "调查失业率", "失业率"),
        ("surveyed unemployment rate", "surveyed urban unemployment rate", "urban unemployment rate",
         "unemployment rate", "unemployment"),
    ),
    Indicator(
        "registered_unemployment", "城镇登记失业率", "registered urban unemployment rate",
        ("城镇登记失业率", "登记失业率"),
        ("registered unemployment rate", "registered urban unemployment rate", "registered unemployment"),
    ),
    Indicator(
        "grain_output", "粮食产量", "grain output",
        ("粮食产量", "粮食总产", "粮食总产量", "粮食生产"),
        ("grain output", "grain production", "grain yield", "grain harvest"),
    ),
    Indicator(
        "grain_area", "粮食播种面积", "grain sown area",
        ("粮食播种面积",), ("grain sown area", "grain planting area", "grain acreage"),
    ),
    Indicator(
        "foreign_trade", "进出口总额", "imports and exports",
        ("进出口总额", "外贸进出口总额", "外贸进出口", "进出口总值", "货物进出口总额", "货物贸易进出口总额",
         "进出口", "外贸", "对外贸易", "出口总额", "出口"),
        ("foreign trade", "imports and exports", "import and export", "total trade", "exports", "export"),
    ),
    Indicator(
        "fdi", "实际使用外资", "foreign direct investment (actually used)",
        ("实际使用外资", "实际利用外资", "实际使用外商直接投资", "外商直接投资", "利用外资", "使用外资"),
        ("fdi", "foreign direct investment", "foreign investment", "utilized foreign capital",
         "actual use of foreign capital", "foreign capital"),
    ),
    Indicator(
        "services_revenue", "规模以上服务业营业收入", "revenue of services above designated size",
        ("规模以上服务业营业收入", "规上服务业营业收入", "服务业营业收入"),
        ("services revenue", "service sector revenue", "service industry revenue", "revenue of services"),
    ),
    Indicator(
        "services_value_added", "服务业增加值", "services value added",
        ("服务业增加值", "第三产业增加值", "三产增加值"),
        ("services value added", "service sector value added", "tertiary industry value added",
         "tertiary industry"),
    ),
    Indicator(
        "high_tech_manufacturing", "高技术制造业增加值", "high-tech manufacturing value added",
        ("高技术制造业增加值", "高新技术产业增加值", "高技术制造业"),
        ("high-tech manufacturing", "high tech manufacturing", "high-tech industry"),
    ),
    Indicator(
        "digital_economy", "数字经济核心产业增加值", "core digital economy industries",
        ("数字经济核心产业增加值", "数字经济核心产业营业收入", "数字经济核心产业营收", "数字经济核心产业",
         "数字经济"),
        ("digital economy",),
    ),
    Indicator(
        "urbanization", "常住人口城镇化率", "urbanization rate",
        ("常住人口城镇化率", "城镇化率"), ("urbanization rate", "urbanisation rate", "urbanization"),
    ),
    Indicator(
        "deficit_ratio", "赤字率", "deficit ratio",
        ("赤字率", "财政赤字率"), ("deficit ratio", "deficit-to-gdp ratio", "budget deficit", "deficit"),
    ),
    Indicator(
        "special_bonds", "地方政府专项债券", "local government special bonds",
        ("地方政府专项债券", "专项债券", "专项债"),
        ("special bonds", "special-purpose bonds", "special purpose bonds", "local government special bonds"),
    ),
    Indicator(
        "special_treasury_bonds", "超长期特别国债", "ultra-long special treasury bonds",
        ("超长期特别国债", "特别国债"),
        ("ultra-long special treasury bonds", "special treasury bonds", "treasury bonds"),
    ),
    Indicator(
        "forest_coverage", "森林覆盖率", "forest coverage",
        ("森林覆盖率",), ("forest coverage", "forest cover"),
    ),
    Indicator(
        "air_quality", "空气质量优良天数比例", "share of days with good air quality",
        ("空气质量优良天数比例", "空气优良天数比例", "优良天数比例", "空气质量优良率", "空气质量"),
        ("air quality", "good air quality days", "days with good air quality"),
    ),
    Indicator(
        "pm25", "细颗粒物(PM2.5)平均浓度", "PM2.5 concentration",
        ("细颗粒物(PM2.5)平均浓度", "PM2.5平均浓度", "PM2.5浓度", "细颗粒物", "PM2.5"),
        ("pm2.5", "pm2.5 concentration", "fine particulate matter"),
    ),
    Indicator(
        "tech_contracts", "技术合同成交额", "technology contract turnover",
        ("技术合同成交额", "技术合同成交总额", "技术合同成交金额", "技术合同交易额"),
        ("technology contract turnover", "technology contracts", "technology transactions"),
    ),
    Indicator(
        "tourism_revenue", "旅游总收入", "tourism revenue",
        ("旅游总收入", "旅游综合收入", "旅游收入"), ("tourism revenue", "tourism income"),
    ),
    Indicator(
        "population", "常住人口", "resident population",
        ("常住人口", "户籍人口", "总人口"), ("population", "resident population"),
    ),
)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Indicator]:
    return {indicator.key: indicator for indicator in INDICATORS}


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, Indicator], ...]:
    pairs: list[tuple[str, Indicator]] = []
    for indicator in INDICATORS:
        for phrase in (indicator.zh, *indicator.aliases, *indicator.en_aliases):
            pairs.append((phrase, indicator))
    return tuple(pairs)


def find_indicators(text: str) -> list[tuple[Indicator, int, int]]:
    """Indicators named in Chinese or English text, as ``(indicator, start, end)`` in text order.

    Matches do not overlap; the longest alias wins (see the module docstring).
    """
    return [(match.value, match.start, match.end) for match in find_phrases(text, _phrases())]


def get_indicator(key: str) -> Indicator:
    """The indicator with this canonical key; raises ``UnknownIndicatorError`` listing the valid keys."""
    try:
        return _by_key()[key]
    except KeyError:
        valid = ", ".join(sorted(_by_key()))
        raise UnknownIndicatorError(f"unknown indicator key {key!r}; valid keys: {valid}") from None


def search_terms(key: str) -> tuple[str, ...]:
    """The Chinese terms keyword search and the reader look for, longest (most specific) first.

    The canonical name, every alias (including acronyms reports write, such as
    GDP) and the related joint phrasings. Ties keep the table's order.
    """
    indicator = get_indicator(key)
    terms = dict.fromkeys((indicator.zh, *indicator.aliases, *indicator.related))
    return tuple(sorted(terms, key=len, reverse=True))
