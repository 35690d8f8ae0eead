"""A document's metadata, read from the document itself (and its file name), or from a manifest.

Every field records how it was found and how sure that is (``DocumentMeta.provenance``, one
``FieldSource`` per field). A manifest value always wins and says so ("manifest", 1.0).

Inference, strongest evidence first:

* **title** — the document's own title line at the top (关于…的通知, …实施方案, …指导意见,
  …办法, 2024年政府工作报告 …: a line, or lines of one block joined, that ends with a kind word of
  ``documents.toml`` and a bracketed note such as （试行）), with a subtitle line "——…" joined to
  the line before it; else the document a notice issues ("现将《…》印发给你们"); else the first
  line when it is an unnumbered heading; else the file name. Spaces between Chinese characters
  are removed.
* **issuer and date** — the closing lines (落款 "山东省人民政府办公厅 2019年5月24日", "…2019年3月15日印发"),
  the dateline of a report ("——2024年2月21日在…人民代表大会…会议上", also without the dash and in
  old characters: "1957年6月26日在…會議上") and its speaker line ("…人民政府区长 …"), a date in brackets
  under the title ("（2023年3月13日…会议通过）", "（2023年4月12日）"), the header of a web page
  ("发布机构", "成文日期"), or the issuer in front of the title ("商务部关于…的通知"); else the file
  name (province_005_2019-05-24.txt).
* **region** — the place named by the issuer (a central body without a place name, 工业和信息化部,
  is 全国), the dateline, the title, the file name (2024_鹰潭市月湖区_…), the addressees
  (各省、自治区、直辖市 → 全国), then 我省/我市/我区 together with the place of that level the text
  names most; a text that only speaks of 我国/全国 is national. The gazetteer (every division of
  China) gives the canonical name, the level and the province.
* **year** — the year the document was issued (a report: delivered; a statistical bulletin: the
  year it reports on): the date above; a work report's title year; the file name; another title
  year; for a report, the year its section headings review (一、2023年工作回顾: 2024) or plan
  (二、2024年工作安排), else the year after the one it names most. Years in Chinese numerals
  (一九五八年) count. Never a year the text sets a target for (到2025年), a period (2021—2025年) or
  the year of a document it cites.
* **doc_type** — the kind of the title (or the file name): 政府工作报告, 计划报告, 统计公报,
  通知, 意见, 规划, 政策, 批复, 决议, 报告 ("…关于政府工作报告的决议" is a 决议); else what the text
  declares ("制定本实施方案") or says in its opening ("我代表国务院，向大会作政府工作报告" is a work
  report, "…会议听取和审议了…" a resolution).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.core.datatypes import DocumentMeta, FieldSource, Level, Region
from assistant.core.errors import MetadataError
from assistant.knowledge.documents import document_words
from assistant.knowledge.gazetteer import Gazetteer, builtin_gazetteer
from assistant.knowledge.question_words import question_words
from assistant.knowledge.textmatch import fold_width
from assistant.knowledge.years import DATELINE as FULL_DATE, YEAR, YEAR_OF_TEXT

logger = logging.getLogger(__name__)

MANIFEST_FIELDS = ("title", "region", "province", "level", "year", "doc_type", "date", "issuer")
META_FIELDS = ("title", "issuer", "region", "province", "level", "year", "date", "doc_type")

# Methods (FieldSource.method).
MANIFEST = "manifest"
USER = "user"
TITLE_LINE = "title line"
ISSUED_DOCUMENT = "title of the issued document (印发《…》)"
FIRST_HEADING = "first heading"
FILE_NAME = "file name"
CLOSING = "closing lines"
DATELINE = "dateline"
HEADER = "header"
ISSUER = "issuer"
ADDRESSEES = "addressees"
SELF_REFERENCE = "text: {words} + most named place"
NATIONAL_TEXT = "text: 我国/全国, no local self-reference"
MOST_NAMED = "text: the place it names most"
TEXT_YEARS = "text: the year after the year it reviews"
SECTION_YEARS = "text: the year its sections review (…年工作回顾) or plan (…年工作安排)"
DECLARED = "text: 制定本…/提出如下…"
OPENING = "text: its opening (…向大会作政府工作报告, …会议听取和审议了…)"
OPENING_CHARS = 300

HEAD_LINES = 40
TAIL_LINES = 16
MAX_TITLE = 120
_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”《》（）])[ \t\u3000]+(?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”《》（）])")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_ISO_DATE = re.compile(rf"(?<!\d)({YEAR})[-./](\d{{1,2}})[-./](\d{{1,2}})(?!\d)")
_FULL_DATE = (  # 2024年2月21日, 二〇二四年二月二十一日
    rf"(?:{YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)"
)
_DATE_LINE = re.compile(rf"^(?P<org>.*?)\s*(?P<date>{_FULL_DATE})\s*(?:印发|发布|通过|起施行|修订)?\s*$")
_FULL_DATE_ONLY = re.compile(_FULL_DATE)
_HEADER_DATE = re.compile(r"(?:成文|发布|印发|发文|生成)(?:日期|时间)\s*[:：]\s*(\S+)")
_HEADER_ISSUER = re.compile(r"(?:发布机构|发文机关|发文单位|发布单位)\s*[:：]\s*([^\s:：]+)")
_SESSION_WORDS = r"(?:[会會][议議]|大[会會])"  # 会议, and 會議 or 会議 in old or converted texts
_DATELINE = re.compile(  # "——2024年2月21日在…会议上", "（…大会…）", "1957年6月26日在…会议上" (no dash)
    rf"^(?:[—\-－]{{1,4}}|[（(])\s*.*?{_SESSION_WORDS}"
    rf"|^{_FULL_DATE}\s*在[^。；;，,！!？?]*?{_SESSION_WORDS}上?\s*$"
)
_SESSION = re.compile(r"在(.+?)(?:第[一二三四五六七八九十\d]+届)?(?:人民代表大会|人大)")
_NUMBERED = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[章条节部分篇]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.]|[①-⑳])")
_SENTENCE = re.compile(r"[。；;！!？?]")
_BRACKETED_TAIL = re.compile(r"[（(][^（）()]{1,30}[）)]$")
_DECLARED_KIND = re.compile(r"(?:制定|制订|提出|印发)(?:本|如下|以下)([\u4e00-\u9fff]{1,8}?)(?=[。，,：:；;]|$)")
_PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗)")
_TITLE_PLACE = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{1,7}?(?:市|自治州|盟))?"
    r"(?:[\u4e00-\u9fff]{1,7}?(?:区|县|旗))?)(?=\d|[（(]|人民政府|政府|国民|关于|$)"
)
_RUNS_ON = tuple("的和与及、之对在为了是把将或并")  # a line ending in these continues on the next
_BRACKETED = re.compile(r"(?:[（(][^（）()]{1,30}[）)])+")
_GLUED_TITLE = re.compile(r"^([^，,。；;：:“”《》]{6,60}?)(?=为(?:了|认真|深入|全面|进一步|加快|贯彻|落实|推动|推进|促进|加强|规范))")
_DOC_NUMBER = re.compile(rf"[〔\[［(（]\s*{YEAR}\s*[〕\]］)）]\s*\d+\s*号")
_ISSUED = re.compile(r"(?:(?:现将|特将|现把)《([^《》]{4,80})》(?:印发|发布|转发|予以印发)|(?:^|[:：。])《([^《》]{4,80})》[^《》。]{0,60}?(?:现|特)(?:予以)?印发)")
_RANGE = re.compile(rf"{YEAR}\s*年?\s*[—–\-~～至到]+\s*{YEAR}")
_STEM_DATE = re.compile(rf"(?<!\d)({YEAR})[-_.]?(\d{{2}})[-_.]?(\d{{2}})(?!\d)")
_STEM_YEAR = re.compile(rf"(?<!\d)({YEAR})(?!\d)(?!\s*[-—–~至到]\s*(?:19|20)?\d{{2}})")
_JUNK = re.compile(
    r"^(?:您的位置|当前位置|首页|来源|作者|责任编辑|编辑|发布时间|时间|索引号|主题分类|文号|字号|浏览|打印|分享|关闭|"
    r"附件|抄送|点击|扫一扫|网站|【|>|›|»)|(?:要闻|新闻|动态|频道|栏目|首页)$"
)
_CENTRAL_ENDINGS = ("部", "委员会", "总局", "局", "署", "办公厅", "办公室", "委", "院", "中心", "小组", "司")
_LOCAL_PREFIX = {"省": "province", "市": "city", "区": "district", "县": "county", "州": "prefecture", "旗": "banner"}


@dataclass(frozen=True)
class _Found:
    value: object
    method: str
    confidence: float
    evidence: str = ""


@dataclass(frozen=True)
class _Text:
    """What the inference reads: the first and last lines, normalised, and the file name's stem."""

    head: list[str]  # "" for a blank line; full-width ASCII folded (for matching)
    raw: list[str]  # the same lines unfolded, same lengths (what titles are cut from)
    tail: list[str]
    body: str  # the text searched for self-references and place names
    stem: str


# ---- public ---------------------------------------------------------------------------------


def infer_meta(text: str, file_name: str, gazetteer: Gazetteer | None = None) -> DocumentMeta:
    """Metadata read from the document and its file name; ``provenance`` says how each field was found."""
    gazetteer = gazetteer or builtin_gazetteer()
    doc = _prepare(text, file_name)
    title = _title(doc)
    issuer, closing_date = _issuer_and_date(doc)
    date = closing_date or _stem_date(doc.stem)
    doc_type = _doc_type(doc, title)
    region = _region(doc, title, issuer, gazetteer)
    year = _year(doc, title, date, doc_type)
    found: dict[str, _Found | None] = {"title": title, "issuer": issuer, "date": date, "doc_type": doc_type,
                                       "region": region, "year": year}
    place = gazetteer.get(str(region.value)) if region else None
    if region is not None:
        found["level"] = _Found(place.level if place else Level.UNKNOWN, region.method, region.confidence, region.evidence)
        province = _province_of(place, gazetteer)
        found["province"] = _Found(province, region.method, region.confidence, region.evidence) if province else None
    values = {name: (item.value if item else None) for name, item in found.items()}
    provenance = tuple(
        FieldSource(name, item.method, round(item.confidence, 2), item.evidence[:80])
        for name in META_FIELDS if (item := found.get(name)) is not None and item.value not in ("", None, Level.UNKNOWN)
    )
    return DocumentMeta(
        source=file_name,
        title=str(values.get("title") or ""),
        region=str(values.get("region") or ""),
        province=str(values.get("province") or ""),
        level=values.get("level") or Level.UNKNOWN,  # type: ignore[arg-type]
        year=values.get("year"),  # type: ignore[arg-type]
        doc_type=str(values.get("doc_type") or ""),
        date=str(values.get("date") or ""),
        issuer=str(values.get("issuer") or ""),
        inferred=tuple(source.field for source in provenance),
        provenance=provenance,
    )


def meta_from_manifest(row: dict, file_name: str, text: str) -> DocumentMeta:
    """Metadata from a manifest row; empty or invalid fields are inferred (and say how)."""
    values = {key: str(row.get(key) or "").strip() for key in MANIFEST_FIELDS}
    given: dict[str, object] = {name: value for name, value in values.items() if value and name not in ("level", "year")}
    if values["level"]:
        try:
            given["level"] = Level.parse(values["level"])
        except ValueError as error:
            logger.warning("%s: %s in the manifest; inferring the level instead", file_name, error)
    if values["year"]:
        try:
            given["year"] = int(values["year"])
        except ValueError:
            logger.warning("%s: year %r in the manifest is not a number; inferring it", file_name, values["year"])
    guess = infer_meta(text, file_name)
    return with_values(guess, given, MANIFEST)


EDITABLE_FIELDS = ("title", "region", "year", "date", "doc_type", "issuer", "level", "province")


def parse_corrections(values: Mapping[str, str]) -> dict[str, object]:
    """Field values typed by a user (``{"region": "山东省", "year": "2019"}``), checked and typed;
    "" clears a field. Raises ``MetadataError`` naming the bad field or value."""
    parsed: dict[str, object] = {}
    for name, raw in values.items():
        name, text = str(name).strip(), str(raw if raw is not None else "").strip()
        if name not in EDITABLE_FIELDS:
            raise MetadataError(f"{name!r} is not a field that can be set; use one of: {', '.join(EDITABLE_FIELDS)}")
        if name == "year":
            if text and not re.fullmatch(r"(?:19|20)\d{2}", text):
                raise MetadataError(f"year {text!r} is not a year such as 2019")
            parsed[name] = int(text) if text else None
        elif name == "level":
            try:
                parsed[name] = Level.parse(text) if text else Level.UNKNOWN
            except ValueError as error:
                raise MetadataError(str(error)) from None
        elif name == "date":
            if text and not _parse_date(text):
                raise MetadataError(f"date {text!r} is not a date such as 2019-05-24")
            parsed[name] = _parse_date(text) if text else ""
        else:
            parsed[name] = text
    return parsed


def with_values(meta: DocumentMeta, values: dict[str, object], method: str, evidence: str = "") -> DocumentMeta:
    """``meta`` with some fields set by a manifest or a user (confidence 1, the method recorded).

    A region given without its level or province gets them from the gazetteer.
    """
    values = {name: value for name, value in values.items() if name in META_FIELDS}
    given = set(values)
    if "region" in values:
        place = builtin_gazetteer().get(str(values["region"])) if values["region"] else None
        if "level" not in values:
            values["level"] = place.level if place else Level.UNKNOWN
            if not place and values["region"]:
                values["level"] = builtin_gazetteer().level_of(str(values["region"]))
        if "province" not in values:
            values["province"] = _province_of(place, builtin_gazetteer()) if place else ""
    sources = [s for s in meta.provenance if s.field not in values]
    sources += [FieldSource(name, method if name in given else f"{method} region → gazetteer", 1.0, evidence)
                for name in META_FIELDS if name in values and values[name] not in ("", None, Level.UNKNOWN)]
    order = {name: i for i, name in enumerate(META_FIELDS)}
    provenance = tuple(sorted(sources, key=lambda s: order.get(s.field, len(order))))
    inferred = tuple(s.field for s in provenance if s.method not in (MANIFEST, USER))
    return replace(meta, **values, provenance=provenance, inferred=inferred)  # type: ignore[arg-type]


# ---- the text -----------------------------------------------------------------------------


def _prepare(text: str, file_name: str) -> _Text:
    lines = text.split("\n")
    raw = _trim_blank_runs([_normalise(line) for line in lines[: HEAD_LINES * 3]])[:HEAD_LINES]
    tail = [fold_width(_normalise(line)) for line in lines[-TAIL_LINES * 3 :]]
    tail = [line for line in tail if line][-TAIL_LINES:]
    return _Text(head=[fold_width(line) for line in raw], raw=raw, tail=tail, body=fold_width(text[:60000]),
                 stem=Path(file_name).stem)


def _normalise(line: str) -> str:
    """A line without its outer whitespace (and odd spaces) and without spaces between Chinese characters."""
    line = line.replace("\u2002", " ").replace("\u2003", " ").replace("\xa0", " ").strip().strip("\ufeff")
    return _SPACE_BETWEEN_HAN.sub("", line).strip()


def _trim_blank_runs(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return out


# ---- title ------------------------------------------------------------------------------


def _title(doc: _Text) -> _Found:
    issued = _ISSUED.search("".join(doc.head[:12]))
    named = None
    if issued:
        group = 1 if issued.group(1) else 2
        named = _Found("".join(doc.raw[:12])[issued.start(group) : issued.end(group)], ISSUED_DOCUMENT, 0.8,
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
            return _Found(doc.raw[first][: glued.end(1)], TITLE_LINE, 0.7, doc.head[first][:60])
        line = doc.head[first]
        following = _next_line(doc.head, first)
        runs_on = following is not None and re.match(r"[。，,；;：:、]", doc.head[following])
        if (_heading_like(line) and 6 <= len(line) <= 40 and not line.endswith(_RUNS_ON) and not runs_on
                and not _DATELINE.match(line)):
            return _Found(doc.raw[first], FIRST_HEADING, 0.4, line)
    name = re.sub(r"^(?:NA|(?:19|20)\d{2})[_\-\s]+", "", doc.stem)
    return _Found(name or doc.stem, FILE_NAME, 0.2, doc.stem)


def _title_line(doc: _Text, begin: int) -> _Found | None:
    """The first line (or lines of one block) from ``begin`` that ends like a title; see the module docstring."""
    head, raw = doc.head, doc.raw
    for start in range(begin, min(begin + 20, len(head))):
        line = head[start]
        if not line or _is_junk(line) or re.fullmatch(r"附件\s*\d*[:：]?", line):
            continue
        if _SENTENCE.search(line) and len(line) > 25:
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
                return _Found(f"{raw[before]}——{subtitle}", TITLE_LINE, 0.85, f"{head[before]} / {line}")
            return _Found(subtitle, TITLE_LINE, 0.8, line)
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
            return _Found(value, TITLE_LINE, 0.9 if len(taken) == 1 else 0.85, " / ".join(head[i] for i in taken))
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
        if not match or not _parse_date(match.group("date")):
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
        and not _SENTENCE.search(line)
        and not re.search(r"[，,]", unquoted)
        and not _NUMBERED.match(line)
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


def _issuer_and_date(doc: _Text) -> tuple[_Found | None, _Found | None]:
    issuer: _Found | None = None
    date: _Found | None = None
    # A report's dateline and speaker line.
    for index, line in enumerate(doc.head[:15]):
        if line and _DATELINE.match(line) and (parsed := _parse_date(line)):
            date = _Found(parsed, DATELINE, 0.95, line)
            speaker = next((l for l in doc.head[index + 1 : index + 4] if l), "")
            org = re.match(r"^(\S*?(?:人民政府|政府))", speaker)
            if org and len(org.group(1)) >= 4:
                issuer = _Found(org.group(1), DATELINE, 0.9, speaker)
            break
    # The closing lines: a date line, with the issuing bodies on it or just above it.
    closing = _closing(doc.tail) or _closing([line for line in doc.head[:12] if line])
    if closing is not None:
        org, day, evidence = closing
        if date is None:
            date = _Found(day, CLOSING, 0.95, evidence)
        if org and issuer is None:
            issuer = _Found(org, CLOSING, 0.9, evidence)
    # A date of passing or issue in brackets under the title: "（2023年3月13日…会议通过）", or the
    # date alone: "（2023年4月12日）" under a bulletin's title and its issuers.
    for line in doc.head[:8]:
        if date is None and _BRACKETED.fullmatch(line) and (re.search(r"(?:通过|发布|印发|公布)[）)]$", line)
                                                            or _FULL_DATE_ONLY.fullmatch(line[1:-1].strip())):
            if parsed := _parse_date(line):
                date = _Found(parsed, HEADER, 0.9, line)
    # A web page's header fields.
    for line in doc.head[:15]:
        if date is None and (match := _HEADER_DATE.search(line)) and (parsed := _parse_date(match.group(1))):
            date = _Found(parsed, HEADER, 0.8, line)
        if issuer is None and (match := _HEADER_ISSUER.search(line)) and _is_org(match.group(1)):
            issuer = _Found(match.group(1), HEADER, 0.85, line)
    # The issuer in front of a title: "商务部关于…的通知".
    if issuer is None:
        for line in doc.head[:6]:
            match = re.match(r"^(\S{2,40}?)关于", line)
            if match and _is_org(match.group(1)) and _heading_like(line) and _ends_title(line) and not _NUMBERED.match(line):
                issuer = _Found(match.group(1), TITLE_LINE, 0.85, line)
                break
    return issuer, date


def _closing(lines: list[str]) -> tuple[str, str, str] | None:
    """``(issuers, date, evidence)`` of the last date line among ``lines``, or None."""
    for index in range(len(lines) - 1, -1, -1):
        match = _DATE_LINE.match(lines[index])
        if not match or len(lines[index]) > 80:
            continue
        day = _parse_date(match.group("date"))
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
    return all(2 <= len(part) <= 40 and part.endswith(endings) and not _SENTENCE.search(part)
               and not re.search(r"[:：\d]", part) for part in parts)


def _parse_date(text: str) -> str:
    for pattern in (FULL_DATE, _ISO_DATE):
        match = pattern.search(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    match = _CN_DATE.search(text)
    if match:
        year = int("".join(str(_CN_DIGITS[ch]) for ch in match.group(1)))
        month, day = _cn_number(match.group(2)), _cn_number(match.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def _cn_number(text: str) -> int:
    """一 … 三十一."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _stem_date(stem: str) -> _Found | None:
    match = _STEM_DATE.search(stem)
    if match:
        year, month, day = (int(part) for part in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return _Found(f"{year:04d}-{month:02d}-{day:02d}", FILE_NAME, 0.8, stem)
    return None


# ---- kind ---------------------------------------------------------------------------------


def _doc_type(doc: _Text, title: _Found) -> _Found | None:
    words = document_words()
    if title.method != FILE_NAME:
        kind = words.type_of(_strip_title_tail(str(title.value)))
        if kind is not None:
            return _Found(kind.type, title.method, min(title.confidence, 0.9), str(title.value))
    kind = words.type_of(_strip_title_tail(re.sub(r"[_\d\-]+", "", doc.stem)))
    if kind is not None:
        return _Found(kind.type, FILE_NAME, 0.7, doc.stem)
    declared = _DECLARED_KIND.search(doc.body[:3000])  # "…，制定本实施方案。", "现就…提出如下意见："
    if declared and (kind := words.type_of(declared.group(1))) is not None:
        return _Found(kind.type, DECLARED, 0.6, declared.group(0))
    return _opening_kind(doc.body)


def _opening_kind(body: str) -> _Found | None:
    """The kind an untitled document says it is in its opening: "我代表国务院，向大会作政府工作报告"
    is a work report, "…会议听取和审议了…" a resolution (``opening_kinds``; the words that come first)."""
    words = document_words()
    opening = re.sub(r"\s+", "", body[: OPENING_CHARS * 2])[:OPENING_CHARS]
    found = [(opening.find(word), kind, word) for kind, cues in words.opening_kinds for word in cues if word in opening]
    if not found:
        return None
    _, name, word = min(found)
    kind = words.kind_named(name)
    return _Found(kind.type, OPENING, 0.6, word) if kind is not None else None


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


# ---- region -------------------------------------------------------------------------------


def _region(doc: _Text, title: _Found, issuer: _Found | None, gazetteer: Gazetteer) -> _Found | None:
    level_hint = ""
    if issuer is not None:
        place = _place_in(str(issuer.value), gazetteer)
        if place is not None:
            return _Found(place.name, f"{ISSUER} ({issuer.method})", min(issuer.confidence, 0.95), str(issuer.value))
        level_hint = _LOCAL_PREFIX.get(str(issuer.value)[:1], "")
        if not level_hint and _is_central(str(issuer.value)):
            return _Found("全国", f"{ISSUER} ({issuer.method}): a central body", 0.85, str(issuer.value))
    for line in doc.head[:15]:
        session = _SESSION.search(line) if line and _DATELINE.match(line) else None
        if session and (place := _place_in(session.group(1), gazetteer)) is not None:
            return _Found(place.name, DATELINE, 0.95, line)
    if title.method in (TITLE_LINE, ISSUED_DOCUMENT):
        text = str(title.value)
        place = _first_place(text, gazetteer)
        if place is not None:
            return _Found(place.name, title.method, 0.85, text)
        if text.startswith(("国家", "全国", "中国")):
            return _Found("全国", title.method, 0.7, text)
    place = _first_place(re.sub(r"[_\-]+", " ", doc.stem), gazetteer)
    if place is not None:
        return _Found(place.name, FILE_NAME, 0.7, doc.stem)
    unknown = _unknown_place(title, doc.stem)  # a place the gazetteer does not know: 好县2025年政府工作报告
    if unknown is not None:
        return unknown
    head = "".join(doc.head[:10])
    words = document_words()
    if any(addressee in head for addressee in words.national_addressees):
        return _Found("全国", ADDRESSEES, 0.8, next(a for a in words.national_addressees if a in head))
    if not level_hint:
        if any(addressee in head for addressee in words.city_addressees):
            level_hint = "city"
        elif any(addressee in head for addressee in words.province_addressees):
            level_hint = "province"
    return _from_text(doc.body, gazetteer, level_hint)


def _unknown_place(title: _Found, stem: str) -> _Found | None:
    """A name shaped like a place (ending in 省/市/区/县 …) that leads the title or is a part of the
    file name, when the gazetteer knows no place there (a new or a fictional division)."""
    generic = set(question_words().cn_generic_endings)
    if title.method == TITLE_LINE:
        match = _TITLE_PLACE.match(str(title.value))
        if match and len(match.group(1)) >= 2 and match.group(1) not in generic:
            return _Found(match.group(1), f"{TITLE_LINE}: a place name the gazetteer does not know", 0.5, str(title.value))
    for part in re.split(r"[_\s\-]+", stem):
        if _PLACE_NAME.fullmatch(part) and part not in generic and not part.startswith(("第", "关于", "全", "本", "我")):
            return _Found(part, f"{FILE_NAME}: a place name the gazetteer does not know", 0.5, stem)
    return None


def _place_in(text: str, gazetteer: Gazetteer) -> Region | None:
    """The most specific place an issuer or session line names."""
    match = gazetteer.resolve(text)
    return match.region if match else None


def _first_place(text: str, gazetteer: Gazetteer) -> Region | None:
    """The first place a title names, widened to the most specific place of its chain; a local place
    before the nation (奋力谱写中国式现代化萍乡篇章 is about 萍乡)."""
    found = gazetteer.find_all(text)
    matches = [m for m in found if m.region.level is not Level.NATIONAL] or found
    if not matches:
        return None
    first = matches[0].region
    chain = [m.region for m in matches if first.name in m.region.parents]
    return chain[-1] if chain else first


def _is_central(issuer: str) -> bool:
    parts = [part for part in re.split(r"[\s、，,]+", issuer) if part]
    return bool(parts) and all(part.endswith(_CENTRAL_ENDINGS) for part in parts)


def _from_text(body: str, gazetteer: Gazetteer, level_hint: str) -> _Found | None:
    """A text that speaks of 我国/全国 and hardly of 我省/我市 is national; else the place the text names
    most among those of the levels it speaks of itself in (我省/全省: a province, 我市/全市: a city …, or
    the level its addressees or issuer give); else the place it names most, when it names it at least
    three times and twice as often as any other place."""
    words = document_words()
    counts = {level: _count(body, level_words) for level, level_words in words.self_reference.items()}
    national = _count(body, words.national_words)
    if level_hint:
        counts[level_hint] = counts.get(level_hint, 0) + 2
    local = max(counts.values(), default=0)
    if national >= 3 and national > 4 * local:  # a provincial text cites 全国, a national one rarely says 我省
        return _Found("全国", NATIONAL_TEXT, 0.5, f"我国/全国 ×{national}, 我省/我市 … ×{local}")
    mentions: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    regions: dict[str, Region] = {}
    for match in gazetteer.find_all(body[:30000]):
        if match.region.level is Level.NATIONAL:
            continue
        mentions[match.region.name] += 1
        first_seen.setdefault(match.region.name, match.start)
        regions[match.region.name] = match.region
    levels = [level_hint] if level_hint and any(_fits(regions[n], level_hint) for n in mentions) else \
        [level for level, count in counts.items() if count >= 1]
    fitting = [(name, level) for name in mentions for level in levels if _fits(regions[name], level)
               and mentions[name] >= (1 if counts[level] >= 2 else 2)]
    if fitting:  # the most named place among the levels the text speaks of itself in; then one inside a named place
        best, level = max(fitting, key=lambda pair: (mentions[pair[0]], sum(p in mentions for p in regions[pair[0]].parents),
                                                     counts[pair[1]], -first_seen[pair[0]]))
        said = "/".join(word for word in words.self_reference[level] if word in body)[:20] or f"addressed to a {level}"
        return _Found(best, SELF_REFERENCE.format(words=said), 0.6 if counts[level] >= 2 else 0.5,
                      f"{said} ×{counts[level]}; {best} ×{mentions[best]}")
    ranked = mentions.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]) and ranked[0][1] > national:
        best, count = ranked[0]
        return _Found(best, MOST_NAMED, 0.45, f"{best} ×{count}")
    return None


def _count(body: str, words: Iterable[str]) -> int:
    """Occurrences of the words, not right after 各 or 自治 (各省政府, 自治区委)."""
    pattern = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return len(re.findall(rf"(?<!各)(?<!自治)(?:{pattern})", body)) if pattern else 0


def _fits(region: Region, level: str) -> bool:
    leaf = region.name
    if level == "province":
        return region.level is Level.PROVINCE
    if level == "city":
        return region.level is Level.CITY and leaf.endswith("市") or region.level is Level.COUNTY and leaf.endswith("市")
    if level == "district":
        return region.level is Level.DISTRICT or region.level is Level.PROVINCE and leaf.endswith("自治区")
    if level == "county":
        return region.level is Level.COUNTY and leaf.endswith("县")
    if level == "prefecture":
        return region.level is Level.CITY and leaf.endswith(("州", "盟"))
    if level == "banner":
        return region.level is Level.COUNTY and leaf.endswith("旗")
    return False


def _province_of(place: Region | None, gazetteer: Gazetteer) -> str:
    if place is None or place.level in (Level.NATIONAL, Level.UNKNOWN):
        return ""
    if place.level is Level.PROVINCE:
        return place.name
    top = place.parents[-1] if place.parents else ""
    region = gazetteer.get(top) if top else None
    return region.name if region is not None and region.level is Level.PROVINCE else ""


# ---- year ---------------------------------------------------------------------------------


def _year(doc: _Text, title: _Found, date: _Found | None, doc_type: _Found | None) -> _Found | None:
    bulletin = doc_type is not None and doc_type.value == "统计公报"
    if date is not None and date.method != FILE_NAME and not bulletin:
        return _Found(int(str(date.value)[:4]), date.method, date.confidence, date.evidence)
    title_years = _issue_years(str(title.value)) if title.method in (TITLE_LINE, ISSUED_DOCUMENT) else []
    is_report = doc_type is not None and doc_type.value in ("政府工作报告", "计划报告", "统计公报", "报告")
    if title_years and doc_type is not None and doc_type.value in ("政府工作报告", "计划报告", "统计公报"):
        # "…2022年…执行情况与2023年…草案": delivered 2023; a bulletin is filed under the year it reports on
        return _Found(max(title_years), title.method, 0.9, str(title.value))
    stem = _stem_year(doc.stem)
    if date is not None:
        return _Found(int(str(date.value)[:4]), FILE_NAME, 0.8, doc.stem)
    if stem is not None:
        return stem
    if title_years:
        return _Found(max(title_years), title.method, 0.6, str(title.value))
    if is_report or any(word in doc.body[:5000] for word in document_words().report_words):
        return _section_year(doc.body) or _report_year(doc.body)
    return None


def _issue_years(text: str) -> list[int]:
    """Years a text names (2024年, 二〇二四年) that are not targets (到2025年) nor periods (2021—2025年)."""
    text = _issue_text(text)
    masked = _RANGE.sub(lambda m: "#" * len(m.group(0)), text)
    masked = re.sub(r"《[^《》]*》", lambda m: "#" * len(m.group(0)), masked)
    before = document_words().target_year_before
    years = []
    for match in YEAR_OF_TEXT.finditer(masked):
        if not masked[: match.start()].endswith(before):
            years.append(int(match.group(1)))
    return years


def _stem_year(stem: str) -> _Found | None:
    match = _STEM_YEAR.search(stem)
    if match:
        return _Found(int(match.group(1)), FILE_NAME, 0.75, stem)
    return None


def _section_year(body: str) -> _Found | None:
    """The year a report was delivered, by its section headings: "一、2023年工作回顾" (2024),
    "二、2024年工作安排" (2024); the year most headings give, a planned year on a tie."""
    words = document_words()
    review = "|".join(re.escape(word) for word in words.review_headings)
    plan = "|".join(re.escape(word) for word in words.plan_headings)
    if not review and not plan:
        return None
    pattern = re.compile(rf"({YEAR})年[^，,。；;：:]{{0,12}}?(?:(?P<review>{review or '(?!)'})|(?P<plan>{plan or '(?!)'}))")
    votes: Counter[tuple[int, int]] = Counter()  # (year, 1 for a plan) -> headings
    evidence: dict[int, str] = {}
    for line in _issue_text(body[:60000]).split("\n"):
        line = line.strip()
        if not line or not (_NUMBERED.match(line) or len(line) <= 30) or _SENTENCE.search(line):
            continue
        for match in pattern.finditer(line):
            year = int(match.group(1)) + (1 if match.group("review") else 0)
            votes[(year, 0 if match.group("review") else 1)] += 1
            evidence.setdefault(year, line[:60])
    if not votes:
        return None
    totals = Counter({year: 0 for year, _ in votes})
    for (year, _), count in votes.items():
        totals[year] += count
    year = max(totals, key=lambda y: (totals[y], votes.get((y, 1), 0)))
    return _Found(year, SECTION_YEARS, 0.7, evidence[year])


def _issue_text(text: str) -> str:
    """``text`` with years in Chinese numerals written in digits (二〇二四年 -> 2024年), same length."""
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[ch]) for ch in m.group(1)) + "年", text)


def _report_year(body: str) -> _Found | None:
    """A report reviews one year and plans the next: the most named year, or the year after it
    when that is named at least half as often. Targets (到2025年) and periods are left out."""
    counts = Counter(_issue_years(body))
    if not counts:
        return None
    year, count = counts.most_common(1)[0]
    if counts.get(year + 1, 0) * 2 >= count:
        year += 1
    return _Found(year, TEXT_YEARS, 0.4, f"{year - 1}年 ×{counts.get(year - 1, 0)}, {year}年 ×{counts.get(year, 0)}")


def describe(meta: DocumentMeta) -> list[tuple[str, str, str, float, str]]:
    """``(field, value, method, confidence, evidence)`` for each field, for ``documents`` listings."""
    rows = []
    for name in META_FIELDS:
        value = getattr(meta, name)
        value = value.value if isinstance(value, Level) else value
        source = meta.source_of(name)
        rows.append((name, "" if value in (None, "unknown") else str(value), source.method if source else "",
                     source.confidence if source else 0.0, source.evidence if source else ""))
    return rows


__all__: Iterable[str] = ("infer_meta", "meta_from_manifest", "with_values", "parse_corrections", "describe",
                          "MANIFEST_FIELDS", "META_FIELDS", "EDITABLE_FIELDS")
