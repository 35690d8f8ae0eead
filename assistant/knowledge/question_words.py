"""Word lists for the question parser (assistant/query.py), kept apart so the rules stay readable."""

from __future__ import annotations

# Words that carry no search value in a Chinese question.
CN_STOPWORDS = frozenset({
    "请问", "请", "问", "告诉", "我", "我们", "你", "您", "想", "想知道", "知道", "了解", "一下", "多少", "是",
    "的", "了", "吗", "呢", "吧", "啊", "什么", "哪些", "哪个", "如何", "怎样", "怎么", "怎么样", "是否",
    "有", "有没有", "没有", "能否", "可以", "关于", "情况", "方面", "相关", "以及", "在", "为", "对", "中",
    "年", "年度", "今年", "去年", "明年", "前年", "后年", "上年", "本年度", "数据", "数字", "具体", "大概",
    "大约", "主要", "其中", "这个", "那个", "给出", "提供", "介绍", "说明", "列出", "根据", "报告",
    "政府工作报告", "工作报告", "查询", "查一下", "多大", "几个", "多快", "为何", "为什么", "请教", "所示",
    "哪里", "谁", "当年", "全年", "一年", "同比", "百分之", "百分点", "左右",
})

# A region-looking word in a Chinese question starts after the last of these characters
# ("请问海淀区" -> "海淀区", "赣州和海淀区" -> "海淀区").
CN_BOUNDARY_CHARS = "的年在与及是请问我你吗呢了对比从跟把被给向和"

# Openings stripped from the front of a region-looking word.
CN_LEAD_PHRASES = ("想知道", "知道", "了解", "一下", "关于", "查询", "查一下", "告诉", "那么", "还有", "以及", "对于")

# Words ending in 市/区/县… that are not place names.
CN_GENERIC_ENDINGS = (
    "城区", "市区", "园区", "新区", "片区", "景区", "社区", "小区", "街区", "山区", "地区", "辖区", "郊区",
    "矿区", "湾区", "灾区", "老区", "苏区", "林区", "牧区", "库区", "城市", "都市", "上市", "超市", "股市",
    "楼市", "夜市", "门市", "省市", "县市", "市县", "区县", "县区", "试验区", "示范区", "开发区", "先行区",
    "功能区", "保税区", "核心区", "先导区", "合作区", "实验区", "集聚区", "产业区", "工业区", "商业区",
    "旅游区", "度假区", "保护区", "自贸区", "综试区", "经开区", "高新区", "全市", "全区", "全县", "全省",
    "本市", "本区", "本县", "本省", "我市", "我区", "我县", "我省", "该市", "该区", "该县", "该省", "各市",
    "各区", "各县", "各省", "外省", "全州", "县城", "省会", "城乡", "规上", "规模以上", "限上",
    "每个县", "每个市", "每个区", "每县", "每市", "每区",
)

# Characters that may follow a region name in a question ("海淀区的", "海淀区2024年" is a digit,
# "海淀区今年"); a region-looking word followed by anything else is part of a longer word.
CN_FOLLOWERS = frozenset("的年今去明前后近历上全政经国在和与及、是对比有哪各人地主十第一工发统计规社固财城农居进实")

# Capitalised English words that are not place names (compared in lower case).
EN_STOPWORDS = frozenset({
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "is", "are", "was", "were", "did",
    "do", "does", "can", "could", "would", "should", "will", "please", "show", "tell", "give", "list",
    "compare", "find", "summarize", "summarise", "explain", "name", "rank", "the", "a", "an", "in", "of",
    "for", "from", "at", "on", "by", "to", "and", "or", "versus", "i", "my", "me", "we", "our", "it", "its",
    "this", "that", "these", "those", "last", "next", "year", "years", "government", "work", "report",
    "reports", "plan", "target", "targets", "goal", "goals", "growth", "actual", "expected", "estimated",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "chinese", "according", "based", "between", "under", "during", "also",
    "than", "total", "annual", "average", "rate", "per", "capita", "urban", "rural", "provincial",
    "municipal", "local", "people", "peoples", "republic", "state", "council", "congress", "five",
    "fourteenth", "economic", "social", "development", "statistical", "bulletin", "communique", "hello",
    "hi", "thanks", "thank", "let", "any", "all", "each", "every", "there", "their", "they", "has", "have",
    "had", "much", "many", "about", "with", "without", "if", "as", "be", "been", "not", "no", "yes", "ok",
    "okay", "fiscal", "general", "public", "budget", "revenue", "industrial", "value", "added", "retail",
    "sales", "fixed", "asset", "investment", "consumer", "price", "index", "energy", "intensity",
    "unemployment", "jobs", "new", "grain", "output", "foreign", "trade", "exports", "imports", "deficit",
    "special", "bonds", "income", "disposable", "household", "residents", "gross", "domestic", "product",
    "regional", "economy", "main", "key", "major", "indicators", "indicator", "figure", "figures",
    "number", "numbers", "percent", "percentage", "billion", "million", "yuan", "rmb", "q", "h",
})

# English words that name an administrative level after a place name.
EN_ADMIN_WORDS = frozenset({
    "district", "county", "city", "province", "prefecture", "region", "municipality", "town", "township",
    "banner", "league",
})

# Words that are no search keywords although they carry meaning in the question: the kind of
# figure asked (the parser's kind, not a word the answering clause must hold), question and
# amount words, time filler, whole-area words (the region is a filter) and units of measure.
CN_NON_KEYWORDS = frozenset({
    "目标", "预期", "预期目标", "计划", "力争", "争取", "确保", "安排", "拟", "规划", "打算", "预计", "预估",
    "实际", "实绩", "实现", "完成", "达到", "执行", "执行情况", "结果", "要求", "提出", "设定", "定下", "制定",
    "多少", "几", "几个", "几家", "多少个", "多少家", "多少人", "是什么", "什么", "哪些", "哪个", "多高", "多长",
    "分别", "各是", "各自", "一共", "总共", "共有", "约", "大约", "目前", "截至", "截止", "当前", "现在",
    "年底", "年末", "年初", "全年", "当年", "今年", "去年", "明年", "年度", "本年", "上半年", "下半年",
    "全市", "全区", "全县", "全省", "全国", "我国", "本市", "本区", "本县", "我市", "我区", "我县", "我省",
    "该市", "该区", "该县", "亿元", "万元", "千元", "公里", "千米", "万亩", "公顷", "万吨", "人次", "万户",
    "万套", "平方米", "万平方米", "亿斤", "万头", "百分点", "个百分点", "百分比", "比例是", "为多少",
})
