"""Outline answers: the part of a document that answers, given as its heading and what it lists.

"山东省2025年怎么发展海洋经济？" is answered in the report by the section "（六）在发展壮大现代海洋经济上下
功夫、求实效", whose paragraphs each open with their point: "做优做强海洋战略科技力量。", "做优做强现代
海洋产业。" … "智慧旅游发展的主要任务有哪些？" is answered by the part "二、主要任务" of the opinion on smart
tourism, whose sub-headings are the tasks. Which part answers is :func:`assistant.knowledge.outlines.outline_depth`.

The answer quotes the part's heading, then its sub-headings, or, when it has none, the points its
paragraphs open with (also mid-paragraph: "二是打造创新引领新格局。"), each with the sentence after it:
the shape of the plan, which sentences picked one by one for the words they share with the question
miss (the points rarely repeat the topic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.core.datatypes import Passage
from assistant.knowledge.outlines import outline_depth
from assistant.readers.sentences import Sentence, sentences_of

LEAD_MAX_CHARS = 24  # a paragraph's point: "做优做强海洋战略科技力量。", "推进产业链招商、基金招商、国企助推招商。"
DETAIL_MAX_CHARS = 120  # the sentence after a point is quoted with it when it is at most this long
MIN_POINTS = 2  # fewer points than this: the part is prose, answered sentence by sentence
MAX_ITEMS = 8  # the heading and seven points
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d+[.．、]|第[一二三四五六七八九十]+[，,、])")
_HAS_DIGIT = re.compile(r"\d")
_ENDINGS = "。；;：:"


def outline(
    scored: Sequence[Sentence], passages: Sequence[Passage], topic: tuple[str, ...], heads: tuple[str, ...]
) -> list[Sentence]:
    """The heading of the part that answers and the items it lists, in text order; [] when no part
    answers (:func:`~assistant.knowledge.outlines.outline_depth`) or it lists fewer than
    :data:`MIN_POINTS` items. The part is the one of the best-scored sentence in such a part: the
    scores carry the year asked, so this year's plan beats last year's review."""
    anchored = [(s, depth) for s in scored if (depth := outline_depth(s.passage, topic, heads)) is not None]
    if not anchored:
        return []
    best, depth = max(anchored, key=lambda item: item[0].score)
    part = best.passage.headings[: depth + 1]
    members = sorted(
        ((rank, p) for rank, p in enumerate(passages, start=1) if p.doc_id == best.passage.doc_id and p.headings[: depth + 1] == part),
        key=lambda item: item[1].start,
    )
    ordered = _sentences_once(members)
    heading = [s for s in ordered if _same_heading(s, part[-1])][:1]
    titles = {h for _, p in members for h in p.headings}
    points = [s for s in ordered if _is_point(s) and not any(_same_heading(s, title) for title in titles)]
    items = _sub_headings(ordered, members, depth) or points
    if len(items) < MIN_POINTS:
        return []
    return [replace(_with_detail(item), score=best.score) for item in heading + items[: MAX_ITEMS - len(heading)]]


def _sentences_once(members: list[tuple[int, Passage]]) -> list[Sentence]:
    """The members' sentences in text order, each once (passages overlap)."""
    seen: set[str] = set()
    ordered: list[Sentence] = []
    for rank, passage in members:
        for sentence in sentences_of(passage, rank):
            if sentence.text not in seen:
                seen.add(sentence.text)
                ordered.append(sentence)
    return ordered


def _sub_headings(ordered: list[Sentence], members: list[tuple[int, Passage]], depth: int) -> list[Sentence]:
    """The sentences that open the part's sub-sections ("（四）加快乡村产业数字化转型步伐。"), in text order;
    [] when the part has fewer than two."""
    children = list(dict.fromkeys(p.headings[depth + 1] for _, p in members if len(p.headings) > depth + 1))
    if len(children) < MIN_POINTS:
        return []
    found = []
    for child in children:
        opening = next((s for s in ordered if s.opens_line and _same_heading(s, child)), None)
        if opening is not None:
            found.append(opening)
    return found if len(found) >= MIN_POINTS else []


def heading_core(text: str) -> str:
    """A heading or a sentence without its closing punctuation, to compare the two."""
    return text.strip().rstrip(_ENDINGS).strip()


def _same_heading(sentence: Sentence, heading: str) -> bool:
    """The sentence opens the section ``heading`` names (a section path shortens a long heading line)."""
    core, title = heading_core(sentence.text), heading_core(heading)
    return sentence.opens_line and bool(title) and (core == title or (len(title) >= 4 and core.startswith(title)))


def _is_point(sentence: Sentence) -> bool:
    """A paragraph's opening point, a list item's, or a mid-paragraph "二是…": short, no figure."""
    text = sentence.text.strip()
    ordinal = _ORDINAL.match(text)
    if not (sentence.opens_line or ordinal):
        return False
    core = heading_core(text[ordinal.end():] if ordinal else text)
    ends_as_point = sentence.heading or text.endswith(("。", "：", ":"))
    return 0 < len(core) <= LEAD_MAX_CHARS and ends_as_point and not _HAS_DIGIT.search(core)


def _with_detail(point: Sentence) -> Sentence:
    """The point with the sentence after it, when that one is on the same line, short, and not a point."""
    text = point.passage.text
    line_end = text.find("\n", point.end)
    line_end = len(text) if line_end < 0 else line_end
    following = next((s for s in sentences_of(point.passage, point.rank) if s.start >= point.end), None)
    if following is None or following.end > line_end or len(following.text) > DETAIL_MAX_CHARS or _is_point(following):
        return point
    return replace(point, end=following.end)
