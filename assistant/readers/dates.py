"""The date reader (extractive): when something is due, starts or ends, said in the answer's own words.

"示范智慧商圈的2022年工作总结应在什么时间前报送？" → "日期：2023年1月13日前", then the sentence that sets it,
quoted exactly and cited. Offline, no model:

1. The sentences of the retrieved passages that, with their context, name most of the question's topic
   (:func:`~assistant.readers.passages.score_sentence` with ``stated=True``) and hold a date
   (``knowledge.years.DATE_PHRASE``: "2023年1月13日前", "自2022年4月15日起", "次月5日前", "6月底前").
2. Each date has a role read from the words around it: a start ("自…起施行"), a deadline ("…前报送",
   "截止日期为…") or an end ("有效期至…"). A date in the role the question asks for
   (``ParsedQuestion.asked_fields``) counts more.
3. The best sentence's dates are stated first, in Chinese and, for an English question, in English
   too; when the question asks for a start and an end, the best sentence of the same document for the
   role still missing is added.

When the question names no topic, or no sentence about it holds a date, the reader returns None and
the passage reader answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.core.datatypes import Answer, ParsedQuestion, Passage
from assistant.knowledge.years import DATE_PHRASE
from assistant.readers.base import ReadContext, Reader
from assistant.readers.passages import Sentence, cite, quoted_lines, score_sentence, sentences_of, sought

ASKED_ROLE_BONUS = 1.5  # a date in the role asked: "自何时起施行" wants the 起 date
ANY_ROLE_BONUS = 0.5  # a date that is a start, deadline or end at all, not a date in passing
MAX_DATES = 3
_LOOK = 8  # characters around a date read for its role
_START_AFTER = re.compile(r"^\s*(?:起|开始)?\s*(?:施行|实施|执行|生效|启用|实行)")
_END_BEFORE = re.compile(r"(?:有效期|期限)(?:至|到|截至|截止到?)\s*$|[至到]\s*$")
_DEADLINE_BEFORE = re.compile(r"(?:截止(?:日期|时间)?|截至|截止到)(?:为|是)?\s*$")
VALIDITY = "有效期"  # a phrase that says how long a document holds ("有效期3年"), not a date
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_FULL = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")


@dataclass(frozen=True)
class StatedDate:
    """A date as a sentence states it, and what it is: "start", "deadline", "end" or "" (a date)."""

    phrase: str  # as written: "2023年1月13日前"
    role: str


def dates_in(text: str) -> list[StatedDate]:
    """The dates ``text`` states, each with its role read from the words around it."""
    found = []
    for match in DATE_PHRASE.finditer(text):
        phrase = "".join(match.group().split())
        before, after = text[max(0, match.start() - _LOOK) : match.start()], text[match.end() : match.end() + _LOOK]
        found.append(StatedDate(phrase, _role(phrase, before, after)))
    return found


def _role(phrase: str, before: str, after: str) -> str:
    if phrase.startswith(VALIDITY):  # "有效期3年": when it ends, said as how long it holds
        return "end"
    if phrase.endswith("起") or _START_AFTER.match(after):
        return "start"
    if phrase.endswith(("止", "为止")) or _END_BEFORE.search(before):
        return "end"
    if phrase.endswith(("前", "截止")) or _DEADLINE_BEFORE.search(before):
        return "deadline"
    return ""


def in_own_words(date: StatedDate, language: str) -> str:
    """The date as the answer states it: "至2027年4月14日" (zh) or "until 14 April 2027 (至2027年4月14日)" (en)."""
    until = date.role == "end" and not date.phrase.endswith(("止", "为止")) and not date.phrase.startswith(VALIDITY)
    chinese = f"至{date.phrase}" if until else date.phrase
    if language != "en":
        return chinese
    full = _FULL.search(date.phrase)
    if not full:
        return chinese
    year, month, day = (int(part) for part in full.groups())
    english = f"{day} {_MONTHS[month - 1]} {year}" if 1 <= month <= 12 else full.group()
    lead = {"start": "from ", "deadline": "by ", "end": "until "}.get(date.role, "")
    return f"{lead}{english} ({chinese})"


def _scored(parsed: ParsedQuestion, passages: Sequence[Passage]) -> list[tuple[Sentence, list[StatedDate]]]:
    topic = sought(parsed)
    if not topic:
        return []  # a date about nothing named would be any date: the passage reader answers
    found = []
    for rank, passage in enumerate(passages, start=1):
        for sentence in sentences_of(passage, rank):
            dates = dates_in(sentence.text)
            score = score_sentence(sentence, parsed, topic, stated=True) if dates else None
            if score is None:
                continue
            roles = {date.role for date in dates}
            score += ASKED_ROLE_BONUS if roles & set(parsed.asked_fields) else 0.0
            score += ANY_ROLE_BONUS if roles - {""} else 0.0
            found.append((replace(sentence, score=score), dates))
    return sorted(found, key=lambda item: -item[0].score)


def choose_dates(parsed: ParsedQuestion, passages: Sequence[Passage]) -> tuple[list[Sentence], list[StatedDate]]:
    """The sentences that state the date asked for (best first) and their dates; ([], []) when none."""
    scored = _scored(parsed, passages)
    if not scored:
        return [], []
    best, dates = scored[0]
    chosen, stated = [best], list(dates)
    for role in parsed.asked_fields:
        if any(date.role == role for date in stated):
            continue
        for sentence, more in scored[1:]:
            if sentence.passage.doc_id == best.passage.doc_id and any(date.role == role for date in more):
                if sentence.text != best.text:
                    chosen.append(sentence)
                    stated.extend(more)
                break
    unique = list({date.phrase: date for date in stated}.values())
    asked = [date for date in unique if date.role in parsed.asked_fields] or unique
    return chosen, asked[:MAX_DATES]


class DateReader(Reader):
    """A date or deadline, stated and cited; None (the passage reader answers) when no sentence holds one."""

    name = "extractive"

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer | None:
        chosen, dates = choose_dates(parsed, passages)
        if not chosen:
            return None
        chosen.sort(key=lambda s: (s.passage.start, s.start))
        title = chosen[0].passage.title or chosen[0].passage.source
        stated = "；".join(in_own_words(date, parsed.language) for date in dates)
        head = f"Date: {stated} — in {title}." if parsed.language == "en" else f"日期：{stated}（《{title}》）。"
        return Answer(
            question=parsed.text,
            text="\n".join([head, *quoted_lines(parsed, chosen)]),
            abstained=False,
            citations=cite(chosen, context),
            passages=tuple(passages),
            parsed=parsed,
            reader=self.name,
        )


__all__ = ["DateReader", "StatedDate", "choose_dates", "dates_in", "in_own_words"]
