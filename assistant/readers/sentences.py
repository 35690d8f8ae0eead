"""A passage's sentences, each with the context a reader weighs it in: title, section path, run-in heading.

Shared by the readers that quote sentences (passages, outlines, dates, document facts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.datatypes import SECTION_SEPARATOR, Passage
from assistant.knowledge.clauses import split_sentences

RUN_IN_MAX_CHARS = 16  # "持续优化营商环境。" opening a paragraph is its heading
HEADING_MAX_CHARS = 40  # a line without a full stop and at most this long is a heading
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Sentence:
    passage: Passage
    rank: int  # 1-based rank of the passage in retrieval
    start: int  # span in passage.text, ending punctuation included
    end: int
    context: str  # title > section path > run-in heading > the clause before a "；"
    heading: bool  # the sentence is a heading line itself
    score: float = 0.0
    run_in: bool = False  # the sentence is a run-in heading ("持续优化营商环境。"): its followers say more
    opens_line: bool = False  # the sentence starts its line (a paragraph, a list item or a heading)

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]


def sentences_of(passage: Passage, rank: int) -> list[Sentence]:
    """The passage's sentences with their contexts: title, section path, the run-in heading that
    introduces them ("生态治理扎实有效。" before the sentences about it, even mid-paragraph), and the
    clause before a "；" that ends in them."""
    text = passage.text
    found: list[Sentence] = []
    base = SECTION_SEPARATOR.join(part for part in (passage.title, passage.about, passage.section) if part)
    heading = ""  # a heading line inside the passage ("10科学技术与教育") holds until the next one
    run_in = ""
    line_of_run_in = -1
    previous = (0, 0)
    for start, end in split_sentences(text, keep_endings=True):
        line_start = text.rfind("\n", 0, start) + 1
        first_in_line = not text[line_start:start].strip()
        sentence = text[start:end]
        is_heading = first_in_line and _is_heading(text, start, end)
        if line_start != line_of_run_in:
            run_in = ""  # a run-in heading holds for the rest of its paragraph
        leads = _is_run_in(sentence)
        if leads or is_heading:
            run_in, line_of_run_in = sentence.rstrip("。；;"), line_start
        # the clause before a "；" is part of the same sentence: "可以按两步来设想：第一步，…；第二步，…现代化"
        lead_in = text[previous[0] : previous[1]] if not first_in_line and text[previous[0] : previous[1]].endswith(("；", ";")) else ""
        inner = heading if heading and not is_heading and heading != run_in else ""
        context = SECTION_SEPARATOR.join(part for part in (base, inner, run_in, lead_in) if part)
        if is_heading:
            heading = sentence.strip()
        found.append(Sentence(passage, rank, start, end, context, is_heading, run_in=leads, opens_line=first_in_line))
        previous = (start, end)
    return found


def _is_heading(text: str, start: int, end: int) -> bool:
    """A whole line, short, without a full stop: "以更大力度强攻工业经济,提高产业竞争能力", "民生实事"."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[start:line_end].strip()
    return end >= line_end - 1 and 0 < len(line) <= HEADING_MAX_CHARS and not line.endswith(("。", "；", ";"))


def _is_run_in(sentence: str) -> bool:
    core = sentence.rstrip("。；;")
    return 0 < len(core) <= RUN_IN_MAX_CHARS and sentence.endswith("。") and not _HAS_DIGIT.search(core)
