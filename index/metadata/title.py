"""A document's head and foot: its title, its issuer and date, and its kind (see the package docstring)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.knowledge.documents import document_words
from assistant.knowledge.textmatch import fold_width
from assistant.knowledge.years import CN_DIGITS, DATELINE as FULL_DATE, YEAR, chinese_year
from index.metadata.text import (
    CLOSING, DATELINE, DECLARED, FILE_NAME, FIRST_HEADING, HEADER, ISSUED_DOCUMENT, OPENING, TITLE_LINE, Found, Text,
)

MAX_TITLE = 120
OPENING_CHARS = 300
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_ISO_DATE = re.compile(rf"(?<!\d)({YEAR})[-./](\d{{1,2}})[-./](\d{{1,2}})(?!\d)")
_FULL_DATE = rf"(?:{FULL_DATE.pattern}|{_CN_DATE.pattern})"  # 2024年2月21日, 二〇二四年二月二十一日
_DATE_LINE = re.compile(rf"^(?P<org>.*?)\s*(?P<date>{_FULL_DATE})\s*(?:印发|发布|通过|起施行|修订)?\s*$")
_FULL_DATE_ONLY = re.compile(_FULL_DATE)
_HEADER_DATE = re.compile(r"(?:成文|发布|印发|发文|生成)(?:日期|时间)\s*[:：]\s*(\S+)")
_HEADER_ISSUER = re.compile(r"(?:发布机构|发文机关|发文单位|发布单位)\s*[:：]\s*([^\s:：]+)")
_SESSION_WORDS = r"(?:[会會][议議]|大[会會])"  # 会议, and 會議 or 会議 in old or converted texts
REPORT_DATELINE = re.compile(  # "——2024年2月21日在…会议上", "（…大会…）", "1957年6月26日在…会议上" (no dash)
    rf"^(?:[—\-－]{{1,4}}|[（(])\s*.*?{_SESSION_WORDS}"
    rf"|^{_FULL_DATE}\s*在[^。；;，,！!？?]*?{_SESSION_WORDS}上?\s*$"
)
NUMBERED = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[章条节部分篇]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.]|[①-⑳])")
SENTENCE = re.compile(r"[。；;！!？?]")
_BRACKETED_TAIL = re.compile(r"[（(][^（）()]{1,30}[）)]$")
_DECLARED_KIND = re.compile(r"(?:制定|制订|提出|印发)(?:本|如下|以下)([\u4e00-\u9fff]{1,8}?)(?=[。，,：:；;]|$)")
_RUNS_ON = tuple("的和与及、之对在为了是把将或并")  # a line ending in these continues on the next
_BRACKETED = re.compile(r"(?:[（(][^（）()]{1,30}[）)])+")
_GLUED_TITLE = re.compile(r"^([^，,。；;：:“”《》]{6,60}?)(?=为(?:了|认真|深入|全面|进一步|加快|贯彻|落实|推动|推进|促进|加强|规范))")
_DOC_NUMBER = re.compile(rf"[〔\[［(（]\s*{YEAR}\s*[〕\]］)）]\s*\d+\s*号")
_ISSUED = re.compile(r"(?:(?:现将|特将|现把)《([^《》]{4,80})》(?:印发|发布|转发|予以印发)|(?:^|[:：。])《([^《》]{4,80})》[^《》。]{0,60}?(?:现|特)(?:予以)?印发)")
_STEM_DATE = re.compile(rf"(?<!\d)({YEAR})[-_.]?(\d{{2}})[-_.]?(\d{{2}})(?!\d)")
_JUNK = re.compile(
    r"^(?:您的位置|当前位置|首页|来源|作者|责任编辑|编辑|发布时间|时间|索引号|主题分类|文号|字号|浏览|打印|分享|关闭|"
    r"附件|抄送|点击|扫一扫|网站|【|>|›|»)|(?:要闻|新闻|动态|频道|栏目|首页)$"
)


# ---- title ------------------------------------------------------------------------------


def find_title(doc: Text) -> Found:
    issued = _ISSUED.search("".join(doc.head[:12]))
    named = None
    if issued:
        group = 1 if issued.group(1) else 2
        named = Found("".join(doc.raw[:12])[issued.start(group) : issued.end(group)], ISSUED_DOCUMENT, 0.8,
                       issued.group(0))
    found = _title_line(doc, 0)
    cover_end = _cover_notice_end(doc.head)  # a notice that issues the document below its 落款
    if found is None and cover_end is not None:
        found = _title_line(doc, cover_end)
    if found is not None:
        if named is not None and _letters(str(named.value)) == _letters(str(found.value)):
            return replace(found, value=named.value)  # the notice's spelling keeps the 、 a line break lost
        return found
    if named is not None:
        return named
    first = next((i for i, line in enumerate(doc.head) if line and not _is_junk(line)), None)
    if first is not None:
        glued = _GLUED_TITLE.match(doc.head[first])
        if glued and _ends_title(glued.group(1)):  # "智能航运发展指导意见为认真贯彻…": a title run into the text
            return Found(doc.raw[first][: glued.end(1)], TITLE_LINE, 0.7, doc.head[first][:60])
        line = doc.head[first]
        following = _next_line(doc.head, first)
        runs_on = following is not None and re.match(r"[。，,；;：:、]", doc.head[following])
        if (_heading_like(line) and 6 <= len(line) <= 40 and not line.endswith(_RUNS_ON) and not runs_on
                and not REPORT_DATELINE.match(line)):
            return Found(doc.raw[first], FIRST_HEADING, 0.4, line)
    name = re.sub(r"^(?:NA|(?:19|20)\d{2})[_\-\s]+", "", doc.stem)
    return Found(name or doc.stem, FILE_NAME, 0.2, doc.stem)


def _title_line(doc: Text, begin: int) -> Found | None:
    """The first line (or lines of one block) from ``begin`` that ends like a title; see the module docstring."""
    head, raw = doc.head, doc.raw
    for start in range(begin, min(begin + 20, len(head))):
        line = head[start]
        if not line or _is_junk(line) or re.fullmatch(r"附件\s*\d*[:：]?", line):
            continue
        if SENTENCE.search(line) and len(line) > 25:
            return None  # the body has begun: a title comes before it
        if not _heading_like(line) or _BRACKETED.fullmatch(line):
            continue
        if line.startswith(("——", "--", "—")):
            stripped = line.lstrip("—-－ ")
            if not _ends_title(stripped):
                continue
            subtitle = raw[start][len(line) - len(stripped) :]
            before = next((i for i in range(start - 1, begin - 1, -1) if head[i]), None)
            if before is not None and _heading_like(head[before]) and not _is_junk(head[before]) and not _ends_title(head[before]):
                return Found(f"{raw[before]}——{subtitle}", TITLE_LINE, 0.85, f"{head[before]} / {line}")
            return Found(subtitle, TITLE_LINE, 0.8, line)
        taken = [start]
        joined = line
        following = _next_line(head, start)
        while not _ends_title(joined) and following is not None and _continues_title(head[following]) and len(joined) < MAX_TITLE:
            taken.append(following)
            joined += head[following]
            following = _next_line(head, following)
        while following is not None and _is_title_note(head[following]):
            taken.append(following)  # "（2022 版）" on a line of its own
            joined += head[following]
            following = _next_line(head, following)
        if following is not None and re.match(r"[。，,；;：:、]", head[following]):
            continue  # the block runs on into a sentence ("…所作的 / 政府工作报告 / 。会议…"): no title
        if _ends_title(joined) and len(joined) <= MAX_TITLE:
            value = "".join(raw[i] for i in taken)
            return Found(value, TITLE_LINE, 0.9 if len(taken) == 1 else 0.85, " / ".join(head[i] for i in taken))
    return None


def _is_title_note(line: str) -> bool:
    """A bracketed note on its own line that belongs to the title above: （2022 版）, （征求意见稿）;
    not a document number （教师函〔2021〕13号）, a date （2015年12月） or a session （…会议上）."""
    return (bool(_BRACKETED.fullmatch(line)) and not _is_junk(line) and "会议" not in line
            and not re.search(r"\d\s*月", line))


def _next_line(head: list[str], index: int) -> int | None:
    """The next non-blank line after ``index``, across at most one blank line."""
    for following in (index + 1, index + 2):
        if following < len(head) and head[following]:
            return following
        if following < len(head) and following > index + 1:
            break
    return None


def _cover_notice_end(head: list[str]) -> int | None:
    """The line after the 落款 of a covering notice at the top (issuer lines and a date), if any."""
    for index, line in enumerate(head):
        match = _DATE_LINE.match(line) if line else None
        if not match or not parse_date(match.group("date")):
            continue
        prefix = match.group("org").strip()
        above = next((head[i] for i in range(index - 1, -1, -1) if head[i]), "")
        if (prefix and _is_org(prefix)) or (not prefix and _is_org(above)):
            return index + 1
    return None


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", fold_width(text))


def _ends_title(text: str) -> bool:
    words = document_words()
    core = re.split(r"--|——", text, maxsplit=1)[0] if ("--" in text or "——" in text) else text
    while True:
        stripped = _BRACKETED_TAIL.sub("", core).strip()
        for tail in words.title_tails:
            if stripped.endswith(tail) and len(stripped) > len(tail):
                stripped = stripped[: -len(tail)]
        if stripped == core:
            break
        core = stripped
    if len(core) < 4 or core in words.section_headings:
        return False
    return core.endswith(words.title_endings)


def _heading_like(line: str) -> bool:
    """A short line with no sentence punctuation, no number in front, not an addressee line."""
    unquoted = re.sub(r"“[^“”]*”|《[^《》]*》|\"[^\"]*\"", "", line)
    return (
        len(line) <= MAX_TITLE
        and not SENTENCE.search(line)
        and not re.search(r"[，,]", unquoted)
        and not NUMBERED.match(line)
        and not line.endswith((":", "："))
        and not _DATE_LINE.match(line)
    )


def _continues_title(line: str) -> bool:
    return bool(line) and len(line) <= 40 and _heading_like(line) and not _is_junk(line) and not line.startswith("—")


def _is_junk(line: str) -> bool:
    """Web-page navigation, source and header lines, document numbers, session headers."""
    return (
        len(line) <= 3
        or bool(_JUNK.search(line))
        or (len(line) <= 40 and bool(_DOC_NUMBER.search(line)))
        or (len(line) <= 30 and ("会议" in line or "人大" in line) and not line.startswith(("关于", "—"))
            and not _ends_title(line))
        or bool(re.fullmatch(r"[—\-－]*\s*\d{1,3}\s*[—\-－]*", line))  # a page number
        or bool(_HEADER_DATE.search(line) or _HEADER_ISSUER.search(line))
    )

# ---- issuer and date ---------------------------------------------------------------------


def find_issuer_and_date(doc: Text) -> tuple[Found | None, Found | None]:
    issuer: Found | None = None
    date: Found | None = None
    # A report's dateline and speaker line.
    for index, line in enumerate(doc.head[:15]):
        if line and REPORT_DATELINE.match(line) and (parsed := parse_date(line)):
            date = Found(parsed, DATELINE, 0.95, line)
            speaker = next((l for l in doc.head[index + 1 : index + 4] if l), "")
            org = re.match(r"^(\S*?(?:人民政府|政府))", speaker)
            if org and len(org.group(1)) >= 4:
                issuer = Found(org.group(1), DATELINE, 0.9, speaker)
            break
    # The closing lines: a date line, with the issuing bodies on it or just above it.
    closing = _closing(doc.tail) or _closing([line for line in doc.head[:12] if line])
    if closing is not None:
        org, day, evidence = closing
        if date is None:
            date = Found(day, CLOSING, 0.95, evidence)
        if org and issuer is None:
            issuer = Found(org, CLOSING, 0.9, evidence)
    # A date of passing or issue in brackets under the title: "（2023年3月13日…会议通过）", or the
    # date alone: "（2023年4月12日）" under a bulletin's title and its issuers.
    for line in doc.head[:8]:
        if date is None and _BRACKETED.fullmatch(line) and (re.search(r"(?:通过|发布|印发|公布)[）)]$", line)
                                                            or _FULL_DATE_ONLY.fullmatch(line[1:-1].strip())):
            if parsed := parse_date(line):
                date = Found(parsed, HEADER, 0.9, line)
    # A web page's header fields.
    for line in doc.head[:15]:
        if date is None and (match := _HEADER_DATE.search(line)) and (parsed := parse_date(match.group(1))):
            date = Found(parsed, HEADER, 0.8, line)
        if issuer is None and (match := _HEADER_ISSUER.search(line)) and _is_org(match.group(1)):
            issuer = Found(match.group(1), HEADER, 0.85, line)
    # The issuer in front of a title: "商务部关于…的通知".
    if issuer is None:
        for line in doc.head[:6]:
            match = re.match(r"^(\S{2,40}?)关于", line)
            if match and _is_org(match.group(1)) and _heading_like(line) and _ends_title(line) and not NUMBERED.match(line):
                issuer = Found(match.group(1), TITLE_LINE, 0.85, line)
                break
    return issuer, date


def _closing(lines: list[str]) -> tuple[str, str, str] | None:
    """``(issuers, date, evidence)`` of the last date line among ``lines``, or None."""
    for index in range(len(lines) - 1, -1, -1):
        match = _DATE_LINE.match(lines[index])
        if not match or len(lines[index]) > 80:
            continue
        day = parse_date(match.group("date"))
        prefix = match.group("org").strip()
        if not day or (prefix and not _is_org(prefix)):
            continue  # a sentence that ends with a date is no 落款
        orgs = [prefix] if prefix else []
        above = index - 1
        while not orgs and above >= 0 and index - above <= 4 and _is_org(lines[above]):
            above -= 1
        if not orgs:
            orgs = lines[above + 1 : index]
        evidence = " ".join(lines[above + 1 : index + 1])
        return "、".join(orgs), day, evidence
    return None


def _is_org(text: str) -> bool:
    """One or more names of issuing bodies (山东省工业和信息化厅 山东省教育厅)."""
    parts = [part for part in re.split(r"[\s、，,]+", text.strip()) if part]
    if not parts or len(text) > 80:
        return False
    endings = document_words().issuer_endings
    return all(2 <= len(part) <= 40 and part.endswith(endings) and not SENTENCE.search(part)
               and not re.search(r"[:：\d]", part) for part in parts)


def _iso_date(year: int, month: int, day: int) -> str:
    """"2024-02-21", or "" when the month or the day cannot be one."""
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


def parse_date(text: str) -> str:
    for pattern in (FULL_DATE, _ISO_DATE):
        match = pattern.search(text)
        if match and (date := _iso_date(*(int(part) for part in match.groups()))):
            return date
    match = _CN_DATE.search(text)
    if match:
        return _iso_date(chinese_year(match.group(1)), _cn_number(match.group(2)), _cn_number(match.group(3)))
    return ""


def _cn_number(text: str) -> int:
    """一 … 三十一."""
    if "十" not in text:
        return CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def stem_date(stem: str) -> Found | None:
    match = _STEM_DATE.search(stem)
    date = _iso_date(*(int(part) for part in match.groups())) if match else ""
    return Found(date, FILE_NAME, 0.8, stem) if date else None

# ---- kind ---------------------------------------------------------------------------------


def find_doc_type(doc: Text, title: Found) -> Found | None:
    words = document_words()
    if title.method != FILE_NAME:
        kind = words.type_of(_strip_title_tail(str(title.value)))
        if kind is not None:
            return Found(kind.type, title.method, min(title.confidence, 0.9), str(title.value))
    kind = words.type_of(_strip_title_tail(re.sub(r"[_\d\-]+", "", doc.stem)))
    if kind is not None:
        return Found(kind.type, FILE_NAME, 0.7, doc.stem)
    declared = _DECLARED_KIND.search(doc.body[:3000])  # "…，制定本实施方案。", "现就…提出如下意见："
    if declared and (kind := words.type_of(declared.group(1))) is not None:
        return Found(kind.type, DECLARED, 0.6, declared.group(0))
    return _opening_kind(doc.body)


def _opening_kind(body: str) -> Found | None:
    """The kind an untitled document says it is in its opening: "我代表国务院，向大会作政府工作报告"
    is a work report, "…会议听取和审议了…" a resolution (``opening_kinds``; the words that come first)."""
    words = document_words()
    opening = re.sub(r"\s+", "", body[: OPENING_CHARS * 2])[:OPENING_CHARS]
    found = [(opening.find(word), kind, word) for kind, cues in words.opening_kinds for word in cues if word in opening]
    if not found:
        return None
    _, name, word = min(found)
    kind = words.kind_named(name)
    return Found(kind.type, OPENING, 0.6, word) if kind is not None else None


def _strip_title_tail(title: str) -> str:
    core = re.split(r"--|——", title)[-1] if title.startswith(("—", "-")) else title
    previous = None
    while previous != core:
        previous = core
        core = _BRACKETED_TAIL.sub("", core).strip()
        for tail in document_words().title_tails:
            if core.endswith(tail) and len(core) > len(tail):
                core = core[: -len(tail)]
    return core

