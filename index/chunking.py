"""Chinese-aware chunking of a cleaned report into passages with section paths.

A chunk is a contiguous slice of the clean text (``index.cleaning``), so its
original span is exact: ``doc.original[p.start:p.end]`` is the source of ``p.text``.

* Lines are classified as headings or body (``heading_level``). Numbered headings
  (第X部分/章, 第X节, 第X条, 一、, （一）, 1., （1）, ①) and ◆/●/■-led lines nest by depth; a
  short unnumbered line without punctuation or figures that is followed by text is a
  heading too (总体目标, 保障措施): a "part" heading when it starts with a year or is
  followed by another heading, a "leaf" heading otherwise. Not headings: a numbered
  line whose first sentence ends with ；or ，(an item of a list), a run of numbered
  one-sentence lines at one depth (a list or a table of contents), a numbered item whose
  text holds a figure ("1.地区生产总值增长6%"), and the issuer above a closing date (落款).
  An article (第八条…) shows its number and, when short, its topic.
* Every heading starts a new chunk; consecutive headings stay with the text after them.
* Inside a section, chunks grow sentence by sentence (。！？；and line ends) up to
  ``max_chars``; a sentence longer than that is cut at clauses (，、), and, failing
  that, between characters that are not part of a number or a Latin word.
* Consecutive chunks of a section share one sentence; a short last chunk of a section
  takes more sentences from before it so it reaches ``min_chars`` when it can.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass

from assistant.core.datatypes import SECTION_SEPARATOR, Document, Passage, content_hash
from assistant.knowledge.clauses import (
    CLOSING_MARKS,
    COMMAS,
    PAUSES,
    SENTENCE_ENDINGS,
    split_lines,
    split_phrases,
    split_sentences,
)
from assistant.knowledge.years import LEADING_YEAR, NOT_A_FIGURE
from index.cleaning import CleanText, clean

logger = logging.getLogger(__name__)

CLAUSE_ENDINGS = COMMAS + PAUSES
HEADING_MAX_CHARS = 30  # an unnumbered heading is a short line
NUMBERED_HEADING_MAX_CHARS = 50  # longer numbered lines: the heading is their first sentence

# Depth of each kind of heading; a heading pops every open heading at its depth or deeper.
PART_DEPTH = 0
_NUMBERED_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^第[一二三四五六七八九十百零〇\d]+[部分章篇]")),
    (5, re.compile(r"^第[一二三四五六七八九十百零〇\d]+节")),
    (8, re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")),  # an article of rules or measures
    (10, re.compile(r"^[一二三四五六七八九十]+[、．]")),
    (20, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (30, re.compile(r"^\d{1,2}[、.．](?![\d%])")),
    (40, re.compile(r"^[（(]\d{1,2}[）)]")),
    (50, re.compile(r"^[①-⑳]")),
    (60, re.compile(r"^[◆◇●○■□▲△★☆◎•▪►]")),
)
UNNUMBERED_PART_DEPTH = 15  # e.g. "2024年工作安排", "2023 成就鼓舞人心"
UNNUMBERED_LEAF_DEPTH = 25  # e.g. "全市经济社会发展主要预期目标"
_NUMBER_CHAR = re.compile(r"[0-9０-９A-Za-z.．%％‰]")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条")
ARTICLE_TOPIC_MAX_CHARS = 20  # "第八条申报省级园区应具备下列条件" keeps its topic; a long first clause does not
LIST_RUN = 3  # this many numbered one-sentence lines in a row at one depth are a list, not headings
_DATE_ONLY = re.compile(r"^\S{0,40}?(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|发布)?$")
_LIST_ITEM_ENDINGS = "；;，,、"
_HEADING_TRAILING = "。：:；;，,、 \t"


@dataclass(frozen=True)
class ChunkSpan:
    """A planned chunk: its section path and its span in the clean text."""

    section: str
    start: int
    end: int


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def chunk_document(
    doc: Document, clean_text: CleanText | None = None, min_chars: int = 150, max_chars: int = 400
) -> list[Passage]:
    """Cut a document into passages; exact duplicate chunk texts are kept once."""
    cleaned = clean_text if clean_text is not None else clean(doc.original)
    passages: list[Passage] = []
    seen: set[str] = set()
    for span in plan_chunks(cleaned, min_chars=min_chars, max_chars=max_chars, original=doc.original):
        text = cleaned.text[span.start : span.end]
        if text in seen:
            continue
        seen.add(text)
        start, end = cleaned.original_span(span.start, span.end)
        passages.append(
            Passage(
                id=content_hash(doc.doc_id, span.section, text),
                doc_id=doc.doc_id,
                text=text,
                meta=doc.meta,
                section=span.section,
                start=start,
                end=end,
            )
        )
    logger.debug("%s: %d passages", doc.meta.source, len(passages))
    return passages


def plan_chunks(
    cleaned: CleanText, min_chars: int = 150, max_chars: int = 400, original: str | None = None
) -> list[ChunkSpan]:
    """Chunk spans in clean-text coordinates, before duplicates are dropped.

    With ``original``, no chunk spans a place where cleaning deleted visible text (a chrome
    line, a bookmark marker, a repeated paragraph), so the original span of every chunk holds
    the chunk's text and whitespace only.
    """
    if min_chars < 1 or max_chars < min_chars:
        raise ValueError(f"need 1 <= min_chars <= max_chars, got {min_chars} and {max_chars}")
    spans: list[ChunkSpan] = []
    for section, lines in _sections(_lines(cleaned.text)):
        units = _units(cleaned.text, lines, max_chars)
        for run in _runs_without_deletions(units, cleaned, original):
            spans.extend(ChunkSpan(section, start, end) for start, end in _pack(run, min_chars, max_chars))
    return spans


def heading_text(line: str) -> str:
    """The part of a heading line shown in a section path: its first sentence (an article: its
    number, and its topic when that is a short sentence)."""
    line = line.strip().lstrip("#* \t").rstrip("*")
    article = _ARTICLE.match(line)
    if article:
        rest = line[article.end() :].strip()
        topic = _first_sentence(rest).rstrip(_HEADING_TRAILING) if rest else ""
        return article.group(0) + (topic if 0 < len(topic) <= ARTICLE_TOPIC_MAX_CHARS else "")
    sentences = split_sentences(line, keep_endings=True)
    if len(line) > NUMBERED_HEADING_MAX_CHARS or len(sentences) > 1:
        line = line[sentences[0][0] : sentences[0][1]]
        if len(line) > NUMBERED_HEADING_MAX_CHARS:
            first = split_phrases(line, keep_endings=True)[0]
            line = line[first[0] : first[1]][:NUMBERED_HEADING_MAX_CHARS]
    return line.rstrip(_HEADING_TRAILING)


def has_figure(text: str) -> bool:
    """True when the text holds a number other than a bare year ("GDP增长6%左右", "“20条”")."""
    return any(char.isdigit() for char in NOT_A_FIGURE.sub("", text))


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for start, end in split_lines(text):
        lines.append(_Line(start, end, text[start:end]))
    return lines


def heading_level(lines: list[str], index: int) -> int | None:
    """Depth of ``lines[index]`` as a heading, or None for a body line. See the module docstring."""
    line = _bare(lines[index])
    depth = _numbered_depth(line)
    if depth is not None:
        if not _ARTICLE.match(line) and _first_sentence(line).rstrip(CLOSING_MARKS)[-1:] in _LIST_ITEM_ENDINGS:
            return None  # "（一）有完整的园区建设和发展规划，…；" is an item of a list
        if depth >= 30 and has_figure(_without_number(heading_text(line))):
            return None  # "1.地区生产总值增长6%" is a list item, not a heading
        if _list_run(lines, index, depth) >= LIST_RUN:
            return None  # "（一）…。（二）…。（三）…。" one sentence each: a list, not nested headings
        return depth
    if not _is_heading_candidate(line):
        return None
    following = index + 1
    if following >= len(lines):
        return None
    run = _candidate_run(lines, index)
    if run > 2:
        return None  # a block of short lines is a title block or a list, not nested headings
    previous = lines[index - 1] if index else ""
    if _is_short_figure_line(previous) and _is_short_figure_line(lines[following]):
        return None  # an item among figures ("实际使用外商直接投资、外贸进出口促稳提质")
    after = lines[following].strip()
    if _DATE_ONLY.match(after):
        return None  # the issuer above the date of the closing lines (落款)
    if LEADING_YEAR.match(line) or _is_heading_candidate(after) or _numbered_depth(after) is not None:
        return UNNUMBERED_PART_DEPTH
    return UNNUMBERED_LEAF_DEPTH


def _bare(line: str) -> str:
    return line.strip().lstrip("#* \t").rstrip("*")  # Markdown heading and bold marks


def _numbered_depth(line: str) -> int | None:
    return next((depth for depth, pattern in _NUMBERED_HEADINGS if pattern.match(line)), None)


def _without_number(text: str) -> str:
    for _, pattern in _NUMBERED_HEADINGS:
        match = pattern.match(text)
        if match:
            return text[match.end() :]
    return text


def _first_sentence(line: str) -> str:
    spans = split_sentences(line, keep_endings=True)
    return line[spans[0][0] : spans[0][1]] if spans else line


def _is_one_sentence(line: str) -> bool:
    return len(split_sentences(line)) == 1


def _list_run(lines: list[str], index: int, depth: int) -> int:
    """Length of the run of numbered one-sentence lines of this depth around ``index`` (1 if the
    line itself says more than one sentence: a heading with its text)."""
    def item(position: int) -> bool:
        bare = _bare(lines[position])
        return _numbered_depth(bare) == depth and _is_one_sentence(bare)

    if not item(index):
        return 1
    first = index
    while first > 0 and item(first - 1):
        first -= 1
    last = index
    while last + 1 < len(lines) and item(last + 1):
        last += 1
    return last - first + 1


def _is_heading_candidate(line: str) -> bool:
    return (
        2 <= len(line) <= HEADING_MAX_CHARS
        and line[-1] not in SENTENCE_ENDINGS + CLAUSE_ENDINGS + "…"
        and not line.startswith(("—", "-", "*", "+", "·", "…"))
        and not has_figure(line)
    )


def _candidate_run(lines: list[str], index: int) -> int:
    """Length of the run of consecutive unnumbered heading candidates around ``index``."""
    first = index
    while first > 0 and _is_plain_candidate(lines[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(lines) and _is_plain_candidate(lines[last + 1]):
        last += 1
    return last - first + 1


def _is_plain_candidate(line: str) -> bool:
    line = line.strip()
    return _is_heading_candidate(line) and _numbered_depth(line) is None


def _is_short_figure_line(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= HEADING_MAX_CHARS and has_figure(line)


def _sections(lines: list[_Line]) -> list[tuple[str, list[_Line]]]:
    """Group lines into sections: each group starts at a heading (or a run of headings)."""
    texts = [line.text for line in lines]
    groups: list[tuple[str, list[_Line]]] = []
    open_headings: list[tuple[int, str]] = []
    previous_was_heading = False
    for index, line in enumerate(lines):
        depth = heading_level(texts, index)
        if depth is not None:
            while open_headings and open_headings[-1][0] >= depth:
                open_headings.pop()
            title = heading_text(line.text)
            open_headings.append((depth, title))
            section = SECTION_SEPARATOR.join(text for _, text in open_headings)
            if previous_was_heading and groups:
                groups[-1] = (section, groups[-1][1] + [line])
            else:
                groups.append((section, [line]))
            # "（一）聚焦…。坚持…" carries its own text: the next heading starts a new chunk; so does
            # an article, whose text follows its number ("第二十条本办法由…负责解释。")
            bare = _bare(line.text)
            article = _ARTICLE.match(bare)
            previous_was_heading = (article.end() == len(bare.rstrip(_HEADING_TRAILING)) if article
                                    else title == line.text.rstrip(_HEADING_TRAILING))
            continue
        if not groups:
            groups.append(("", [line]))
        else:
            groups[-1][1].append(line)
        previous_was_heading = False
    return groups


def _units(text: str, lines: list[_Line], max_chars: int) -> list[tuple[int, int]]:
    """Sentence spans of a section's lines, each at most ``max_chars`` long."""
    units: list[tuple[int, int]] = []
    for line in lines:
        for start, end in split_sentences(line.text, keep_endings=True):
            units.extend(_fit(line.text, line.start, start, end, max_chars))
    return units


def _fit(line: str, base: int, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a sentence (line[start:end]) longer than max_chars into pieces of about half of it.

    Pieces end at clauses (，、：) where possible, and never inside a number or a Latin word.
    """
    if end - start <= max_chars:
        return [(base + start, base + end)]
    limit = max(1, max_chars // 2)  # half-size pieces pack well with a heading or an overlap
    pieces: list[tuple[int, int]] = []
    sentence = line[start:end]
    for clause_start, clause_end in _merge_small(split_phrases(sentence, keep_endings=True), limit):
        position = clause_start
        while clause_end - position > limit:
            cut = _safe_cut(sentence, position, position + limit)
            pieces.append((base + start + position, base + start + cut))
            position = cut
        pieces.append((base + start + position, base + start + clause_end))
    return pieces


def _merge_small(spans: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Join neighbouring clauses while they fit, so a long sentence is cut as rarely as needed."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and end - merged[-1][0] <= max_chars:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _safe_cut(text: str, low: int, high: int) -> int:
    """The last position in (low, high] that does not split a number or a Latin word."""
    for cut in range(high, low, -1):
        if cut >= len(text) or not (_NUMBER_CHAR.match(text[cut - 1]) and _NUMBER_CHAR.match(text[cut])):
            return cut
    return high  # a single "number" longer than a chunk: nothing better exists


def _runs_without_deletions(
    units: list[tuple[int, int]], cleaned: CleanText, original: str | None
) -> list[list[tuple[int, int]]]:
    """Split the units where the original holds deleted visible text between two of them."""
    if not units:
        return []
    runs = [[units[0]]]
    for previous, unit in zip(units, units[1:]):
        if original is not None:
            gap = original[cleaned.offsets[previous[1] - 1] + 1 : cleaned.offsets[unit[0]]]
            if gap.strip():
                runs.append([])
        runs[-1].append(unit)
    return runs


def _pack(units: list[tuple[int, int]], min_chars: int, max_chars: int) -> list[tuple[int, int]]:
    """Greedy packing of units into chunks of balanced size, with one unit of overlap."""
    if not units:
        return []
    total = units[-1][1] - units[0][0]
    target = max(min_chars, math.ceil(total / max(1, math.ceil(total / max_chars))))
    chunks: list[list[int]] = []  # lists of unit indices
    current: list[int] = []
    for index, (start, end) in enumerate(units):
        if current and (end - units[current[0]][0] > max_chars or units[current[-1]][1] - units[current[0]][0] >= target):
            chunks.append(current)
            overlap = current[-1]
            fits = end - units[overlap][0] <= max_chars and len(current) > 1
            current = [overlap] if fits else []
        current.append(index)
    chunks.append(current)
    if len(chunks) > 1:
        chunks[-1] = _grow_backwards(units, chunks[-1], chunks[-2], min_chars, max_chars)
    return [(units[chunk[0]][0], units[chunk[-1]][1]) for chunk in chunks]


def _grow_backwards(
    units: list[tuple[int, int]], last: list[int], previous: list[int], min_chars: int, max_chars: int
) -> list[int]:
    """Give a short last chunk more of the sentences before it, within max_chars."""
    first = last[0]
    end = units[last[-1]][1]
    while end - units[first][0] < min_chars and first > previous[0]:
        if end - units[first - 1][0] > max_chars:
            break
        first -= 1
    return list(range(first, last[-1] + 1))
