"""What metadata inference reads and what it records: the first and last lines of a document, normalised
(``prepare``), a value found with how and how sure (``Found``), and the names of the methods
(``FieldSource.method``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.core.datatypes import FILE_NAME_METHOD
from assistant.knowledge.textmatch import fold_width

MANIFEST_FIELDS = ("title", "region", "province", "level", "year", "doc_type", "date", "issuer")
META_FIELDS = ("title", "issuer", "region", "province", "level", "year", "date", "doc_type")

# Methods (FieldSource.method).
MANIFEST = "manifest"
USER = "user"
TITLE_LINE = "title line"
ISSUED_DOCUMENT = "title of the issued document (印发《…》)"
FIRST_HEADING = "first heading"
FILE_NAME = FILE_NAME_METHOD
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

HEAD_LINES = 40
TAIL_LINES = 16
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”《》（）])[ \t\u3000]+(?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”《》（）])")


@dataclass(frozen=True)
class Found:
    value: object
    method: str
    confidence: float
    evidence: str = ""


@dataclass(frozen=True)
class Text:
    """What the inference reads: the first and last lines, normalised, and the file name's stem."""

    head: list[str]  # "" for a blank line; full-width ASCII folded (for matching)
    raw: list[str]  # the same lines unfolded, same lengths (what titles are cut from)
    tail: list[str]
    body: str  # the text searched for self-references and place names
    stem: str


def prepare(text: str, file_name: str) -> Text:
    lines = text.split("\n")
    raw = _trim_blank_runs([_normalise(line) for line in lines[: HEAD_LINES * 3]])[:HEAD_LINES]
    tail = [fold_width(_normalise(line)) for line in lines[-TAIL_LINES * 3 :]]
    tail = [line for line in tail if line][-TAIL_LINES:]
    return Text(head=[fold_width(line) for line in raw], raw=raw, tail=tail, body=fold_width(text[:60000]),
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

