"""Cutting text into sentences and clauses: the one splitter every step uses.

A span is ``(start, end)`` into the text passed in, without surrounding whitespace; whitespace-only
stretches give no span. Cuts fall after the ending characters and at line breaks, with these rules:

* closing quotes and brackets right after an ending go with it ("…。”");
* an ASCII comma, colon or semicolon between two digits is part of a number or a time, not a
  cut: "1,234" and "10:30" stay whole.

Three grains, coarse to fine:

* :func:`split_sentences`: after 。！？； (and ASCII !?;) — chunking packs these;
* :func:`split_clauses`: sentences cut again at commas (，,) — the unit the figure reader quotes
  and the indicator table reads;
* :func:`split_phrases`: clauses cut again at 、 and colons — where chunking cuts a sentence that
  is longer than a chunk.
"""

from __future__ import annotations

SENTENCE_ENDINGS = "。！？；!?;"
COMMAS = "，,"
PAUSES = "、：:"  # the enumeration comma and colons
CLOSING_MARKS = "”’」』）)】》"


def split_sentences(text: str, *, keep_endings: bool = False) -> list[tuple[int, int]]:
    return split(text, SENTENCE_ENDINGS, keep_endings=keep_endings)


def split_clauses(text: str, *, keep_endings: bool = False) -> list[tuple[int, int]]:
    return split(text, SENTENCE_ENDINGS + COMMAS, keep_endings=keep_endings)


def split_phrases(text: str, *, keep_endings: bool = False) -> list[tuple[int, int]]:
    return split(text, SENTENCE_ENDINGS + COMMAS + PAUSES, keep_endings=keep_endings)


def split_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines, stripped."""
    return split(text, "")


def split(text: str, endings: str, *, keep_endings: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` cut at each of ``endings`` and at line breaks (see the module docstring).

    With ``keep_endings`` a span ends with its ending and the closing marks after it (chunks keep
    their punctuation); without, both are left out (a quoted clause has no trailing comma).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\n":
            _append_trimmed(spans, text, start, index)
            start = index = index + 1
        elif char in endings and not _inside_number(text, index):
            cut = index + 1
            while cut < length and text[cut] in CLOSING_MARKS:
                cut += 1
            _append_trimmed(spans, text, start, cut if keep_endings else index)
            start = index = cut
        else:
            index += 1
    _append_trimmed(spans, text, start, length)
    return spans


def _inside_number(text: str, index: int) -> bool:
    """An ASCII comma, colon or semicolon between two digits belongs to a number or a time."""
    if text[index] not in ",:;":
        return False
    return 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
