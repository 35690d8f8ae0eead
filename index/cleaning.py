"""Deletion-only cleaning of report text, with an exact map back to the original.

``clean(original)`` only ever *deletes* characters, so the clean text is a
subsequence of the original and ``CleanText.offsets[i]`` is the position in the
original of ``text[i]``. Any span of the clean text can therefore be mapped to
the exact span of the original it came from, and quotes stay verbatim.

What is deleted (each rule is exercised by the seed reports in data/reports/):

* web-page chrome lines (visit counters, share/print/close links, the
  公开目录 header fields), listed in ``CHROME_PATTERNS``; and a web library's licence notice at
  the end of a text (``LICENSE_FOOTER``) with everything after it;
* word-processor markers such as ``[bookmark: _GoBack]``, and control characters
  (Markdown marks such as ``**`` stay: deleting them would cut passages apart, see
  ``index.chunking``);
* leading and trailing whitespace of every line; whitespace between two CJK
  characters and between a label and the figure after it
  (``地区生产总值增长\\t5.5%左右`` -> ``地区生产总值增长5.5%左右``); other runs of
  whitespace inside a line are shortened to one character, a tab if the run has one
  (a tab between two text cells stays a tab: deletion cannot make it a space);
* the newlines of a line that was broken by PDF extraction (see ``_should_join``), and of a
  figure broken between its number and its unit (``74.4`` / ``万亿元``);
* blank lines: paragraphs end up separated by exactly one ``"\\n"``;
* a paragraph of at least ``MIN_DUPLICATE_CHARS`` that is wholly contained in an
  earlier paragraph (a passage repeated by a page break).

Footnote markers such as ``(17)`` are kept: deleting digits is never safe.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field, replace

# A line joined to the next one when it is at least this long and does not end a sentence.
LONG_LINE_CHARS = 35
# Headline figures split over short lines ("全年GDP" / "增长5.3%左右") are joined up to this length.
SHORT_LINE_CHARS = 30
# Paragraphs shorter than this are never treated as duplicates: short target lists and table
# rows legitimately repeat figures of the prose under their own heading.
MIN_DUPLICATE_CHARS = 30
# A document is "prose-laid" when at least this share of its long lines end a sentence; only
# then is a long line without terminal punctuation taken for a broken line. Infographic
# summaries (one item per line, no full stops) are left alone.
PROSE_LAYOUT_SHARE = 0.7

TERMINAL_PUNCTUATION = "。！？；：!?;:…”」』）)】"
# A line ending in one of these stops mid-clause and always continues on the next line.
MID_CLAUSE_ENDINGS = "，,、（(“‘《〈【"
# A line starting with one of these continues the line before (a web page broke the line at a link).
CONTINUATION_STARTS = "”’」』）)】》，,。、；;：:！!？?%％"
# Characters that follow a figure as its unit: a line starting so after a line ending in a digit continues it.
UNIT_STARTS = "万亿千百元个家人次吨亩米%％倍项所座条户套辆台"

# Whole lines of web-page chrome. Matched against the stripped line; lines longer than
# CHROME_MAX_CHARS are never chrome (they are prose that happens to start alike).
CHROME_MAX_CHARS = 80
_LINK = r"(?:分享(?:到)?|打印(?:此页|本页)?|关闭(?:窗口|本页)?|扫码浏览|扫一扫|收藏|返回顶部|【?[大中小]】?)"
CHROME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("visit counter / font size", re.compile(r"^(?:浏览(?:量|次数)|访问量|点击数|字体|字号)\s*[:：]")),
    ("share / print / close links", re.compile(rf"^[\s|｜/【】\[\]:：]*(?:{_LINK}[\s|｜/【】\[\]:：]*)+$")),
    ("site welcome banner", re.compile(r"网站欢迎您(?:的访问)?[!！。.]?$")),
    (
        "open-government header fields",
        re.compile(
            r"^(?:索引号|主题分类|发布机构|生成日期|发布日期|成文日期|文件编号|文号|有效性|公开范围|公开方式"
            r"|信息来源|来源|当前位置|您当前的位置)\s*[:：]"
        ),
    ),
)

_MARKERS = re.compile(
    r"\[bookmark:[^\]\n]*\]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
_WHITESPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_FIGURE_PREDICATE = re.compile(
    r"^(?:分别|同比|年均|预计|力争)*"
    r"(?:增长|增加|下降|减少|降低|提高|提升|涨幅|达到|达|突破|实现|控制|超过|保持|完成|稳定)"
    r"(?:控制)?(?:在|到|为|至|了)?(?:约|近|超)?[0-9０-９]"
)
# A number at the end of a line and its unit at the start of the next: one figure a web page broke
# ("国内生产总值达到74.4" / "万亿元，增长6.7%").
_UNIT_START = re.compile(r"^(?:[万亿千百]+)?(?:元|美元|人|吨|斤|%|％|‰|个百分点|千瓦|公里|平方米|亩|户|家|个|辆|倍)")
_DIGIT_END = re.compile(r"[0-9０-９]$")
_NUMBERED_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[部分章篇节]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d{1,2}[、.．](?!\d)|[◆●■◇○□▲△★☆◎•▪►])"
)


def is_cjk(char: str) -> bool:
    """True for Han characters and CJK/full-width punctuation (text that needs no spaces)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or char in "“”‘’—…·"
    )


@dataclass(frozen=True)
class CleanText:
    """A cleaned text and, for each of its characters, its index in the original."""

    text: str
    offsets: array = field(repr=False)  # array("q"): offsets[i] is the original index of text[i], increasing

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text):
            raise ValueError(f"CleanText needs one offset per character: {len(self.offsets)} != {len(self.text)}")

    def original_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        """The span of the original that ``text[clean_start:clean_end]`` was cut from."""
        if not 0 <= clean_start <= clean_end <= len(self.text):
            raise ValueError(f"clean span ({clean_start}, {clean_end}) is outside 0..{len(self.text)}")
        if clean_start == clean_end:
            position = self.offsets[clean_start] if clean_start < len(self.text) else self._end()
            return position, position
        return self.offsets[clean_start], self.offsets[clean_end - 1] + 1

    def clean_index(self, original_position: int) -> int:
        """The first clean index whose character sits at or after ``original_position``."""
        return bisect.bisect_left(self.offsets, original_position)

    def _end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0


@dataclass(frozen=True)
class _Line:
    keep: tuple[int, ...]  # original indices of the characters kept on this line
    text: str  # the kept characters
    newline: int  # original index of the "\n" that ends this line, or -1 at the end of the text
    after_invisible: bool = False  # a line of only zero-width characters stood before it (a web link's trace)
    raw_invisible: bool = False  # the line held zero-width characters and nothing else


def clean(original: str) -> CleanText:
    """Clean a report by deleting characters only; see the module docstring for the rules."""
    lines = _visible_lines(_without_license_footer(_split_lines(original)))
    prose_laid = _is_prose_laid(lines)
    paragraphs: list[list[_Line]] = []
    for index, line in enumerate(lines):
        if paragraphs and _should_join(lines[index - 1], line, prose_laid, paragraphs[-1][0].text):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    kept = _drop_contained_paragraphs(paragraphs)

    offsets = array("q")
    for number, paragraph in enumerate(kept):
        if number:
            offsets.append(kept[number - 1][-1].newline)
        for line in paragraph:
            offsets.extend(line.keep)
    text = "".join(original[i] for i in offsets)
    return CleanText(text=text, offsets=offsets)


def _visible_lines(lines: list[_Line]) -> list[_Line]:
    """The lines with text, each marked when a line of zero-width characters only came before it."""
    visible: list[_Line] = []
    invisible_before = False
    for line in lines:
        if line.text:
            visible.append(replace(line, after_invisible=invisible_before) if invisible_before else line)
            invisible_before = False
        elif line.keep == () and line.raw_invisible:
            invisible_before = True
    return visible


# The licence notice a web library appends to a text ("本作品是中华人民共和国的法律、法规……属于公有领域",
# "Public domain"): it and everything after it is deleted, when it starts within the last lines.
LICENSE_FOOTER = re.compile(r"^(?:本作品(?:是|来自|在全世界都属于公有领域|在美国以外)|Public domain$)")
LICENSE_FOOTER_LINES = 60


def _without_license_footer(lines: list[_Line]) -> list[_Line]:
    start = max(0, len(lines) - LICENSE_FOOTER_LINES)
    at = next((i for i in range(start, len(lines)) if LICENSE_FOOTER.match(lines[i].text)), None)
    if at is None:
        return lines
    return lines[:at] + [replace(line, keep=(), text="") for line in lines[at:]]


def _split_lines(original: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    while start <= len(original):
        newline = original.find("\n", start)
        end = len(original) if newline < 0 else newline
        keep = _clean_line(original, start, end)
        text = "".join(original[i] for i in keep)
        if _is_chrome(text):
            keep, text = (), ""
        raw = original[start:end]
        invisible = bool(raw) and not text and any(ch in _ZERO_WIDTH for ch in raw) and not raw.strip(_ZERO_WIDTH + " \t\r")
        lines.append(_Line(keep=keep, text=text, newline=newline, raw_invisible=invisible))
        if newline < 0:
            break
        start = newline + 1
    return lines


def _clean_line(original: str, start: int, end: int) -> tuple[int, ...]:
    """Original indices kept on one line: markers and needless whitespace deleted."""
    line = original[start:end]
    deleted = bytearray(len(line))
    for match in _MARKERS.finditer(line):
        deleted[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    visible = [i for i in range(len(line)) if not deleted[i] and not _is_space(line[i])]
    if not visible:
        return ()
    first, last = visible[0], visible[-1]
    for match in _WHITESPACE.finditer(line, first, last + 1):
        before = _visible_neighbour(line, deleted, match.start() - 1, -1)
        after = _visible_neighbour(line, deleted, match.end(), 1)
        gap = match.group()
        deleted[match.start() : match.end()] = b"\x01" * len(gap)
        if not _drop_whole_gap(before, after, gap):
            kept = match.start() + max(gap.find("\t"), 0)  # a column separator stays a tab
            deleted[kept] = 0
    return tuple(start + i for i in range(first, last + 1) if not deleted[i])


_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def _is_space(char: str) -> bool:
    return char.isspace() or char in _ZERO_WIDTH


def _visible_neighbour(line: str, deleted: bytearray, index: int, step: int) -> str:
    while 0 <= index < len(line):
        if not deleted[index] and not _is_space(line[index]):
            return line[index]
        index += step
    return ""


def _drop_whole_gap(before: str, after: str, gap: str) -> bool:
    """Whether whitespace between two characters carries no meaning and can go entirely."""
    if not before or not after:
        return True
    figure_start = after.isdigit() or after in "+-−±＋－"
    if figure_start and (is_cjk(before) or before in "）)%％"):
        return True  # a label and its figure, e.g. a tab-separated table row
    if before.isdigit() and after in "%％":
        return True
    return is_cjk(before) and is_cjk(after) and "\t" not in gap  # Chinese needs no spaces; tabs split cells


def _is_chrome(text: str) -> bool:
    if not text or len(text) > CHROME_MAX_CHARS:
        return False
    return any(pattern.search(text) for _, pattern in CHROME_PATTERNS)


def _ends_sentence(text: str) -> bool:
    return text[-1] in TERMINAL_PUNCTUATION


def _is_prose_laid(lines: list[_Line]) -> bool:
    long_lines = [line for line in lines if len(line.text) > LONG_LINE_CHARS]
    if not long_lines:
        return False
    terminated = sum(1 for line in long_lines if _ends_sentence(line.text))
    return terminated >= PROSE_LAYOUT_SHARE * len(long_lines)


def _should_join(previous: _Line, line: _Line, prose_laid: bool, paragraph_start: str = "") -> bool:
    """Whether ``previous`` and ``line`` are one line that extraction broke in two (``paragraph_start``:
    the first line of the paragraph ``previous`` ends)."""
    before, after = previous.text, line.text
    if _NUMBERED_START.match(after) or after.startswith(("——", "-", "*", "•")):
        return False
    if _ends_sentence(before):
        return False
    if before[-1] in MID_CLAUSE_ENDINGS or after[0] in CONTINUATION_STARTS:
        return True  # no line starts with a comma or a closing quote: "十三五" / "”实现了良好开局。"
    if before.strip("—-－–") == "" or (before[-1] in "0123456789.．" and after[0] in UNIT_STARTS):
        return True  # a lone dash bullet; a figure cut from its unit ("达到74.4" / "万亿元")
    dash_item = paragraph_start.startswith("——") and (paragraph_start.strip("—") == "" or "。" in paragraph_start)
    if prose_laid and (line.after_invisible or dash_item):
        return True  # a web page's link left a zero-width line, or broke a "——" item, inside a sentence
    if _DIGIT_END.search(before) and _UNIT_START.match(after):
        return True  # a full-width digit cut from its unit
    if prose_laid and len(before) > LONG_LINE_CHARS:
        return True
    return (
        len(before) <= SHORT_LINE_CHARS
        and len(after) <= SHORT_LINE_CHARS
        and not _NUMBERED_START.match(before)
        and bool(_FIGURE_PREDICATE.match(after))
    )


def _drop_contained_paragraphs(paragraphs: list[list[_Line]]) -> list[list[_Line]]:
    kept: list[list[_Line]] = []
    seen_text = ""  # earlier paragraphs, each followed by "\n" so no match spans two of them
    for paragraph in paragraphs:
        text = "".join(line.text for line in paragraph)
        if len(text) >= MIN_DUPLICATE_CHARS and text in seen_text:
            continue
        kept.append(paragraph)
        seen_text += text + "\n"
    return kept
