"""The document reader: which document says it, its title, who issued it, when, for which years.

"哪个文件提出到2020年建成一批特色鲜明的智慧城市？" → "文件：《关于促进智慧城市健康发展的指导意见》…", and
"《新一代人工智能伦理规范》的发布日期是哪一天？" → "日期：2021年9月25日". The facts come from the document's
metadata (``DocumentMeta``: given by a manifest, corrected by a user, or inferred from the text at
ingest), stated in the answer's own words; the sentence that ties the document to the question is
quoted and cited. Offline, no model:

1. The document: the one whose sentence best names the question's topic (scored as the passage reader
   scores, :func:`~assistant.readers.passages.score_sentence`), with a title that names the topic
   counting more: "…指导意见的落款日期" is about the document with that title.
2. The fields the question asks (``ParsedQuestion.asked_fields``: title, issuer, issue_date, period) first,
   then the others the metadata knows; a field the metadata lacks is said to be unknown.

When no passage names the topic the reader returns None and the passage reader answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.core.datatypes import Answer, DocumentMeta, ParsedQuestion, Passage
from assistant.knowledge.topics import topic_coverage
from assistant.readers.base import ReadContext, Reader
from assistant.readers.passages import PASSAGE_COVERAGE, Sentence, cite, quoted_lines, score_sentence, sentences_of, sought

TITLE_WEIGHT = 2.0  # a document titled with the topic is what "…指导意见的落款日期" asks about
STATEMENT_WEIGHT = 0.5  # per search term or number of the question the sentence states: "设立5年过渡期"
FIELD_ORDER = ("title", "issuer", "issue_date", "period")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]+\s*((?:19|20)\d{2})\s*年")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def best_sentence(parsed: ParsedQuestion, passages: Sequence[Passage]) -> Sentence | None:
    """The sentence that best ties a document to the question, its title counting; None when none names
    the topic. A question that names no topic but a place or year and asks a document's own details
    ("2022年政府工作报告是哪天作的？") is about the best-ranked document: its sentence giving the date."""
    topic = sought(parsed)
    if not topic:
        return _dated_sentence(parsed, passages) if _asks_details_of_a_found_document(parsed) else None
    best: Sentence | None = None
    for rank, passage in enumerate(passages, start=1):
        title_score = TITLE_WEIGHT * (topic_coverage(passage.title, topic, minimum=PASSAGE_COVERAGE) or 0.0) if topic else 0.0
        for sentence in sentences_of(passage, rank):
            score = score_sentence(sentence, parsed, topic, stated=True)
            if score is None:
                continue
            score += title_score + STATEMENT_WEIGHT * _stated(sentence.text, parsed)
            if best is None or score > best.score:
                best = replace(sentence, score=score)
    return best


def _stated(text: str, parsed: ParsedQuestion) -> int:
    """How many of the question's search terms and numbers ``text`` states ("哪个报告提出新建5G基站3000个")."""
    digits = re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)
    return sum(1 for word in parsed.keywords if word in text) + sum(
        1 for number in parsed.numbers if re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", digits))


def _asks_details_of_a_found_document(parsed: ParsedQuestion) -> bool:
    return bool(parsed.region or parsed.years) and "title" not in parsed.asked_fields


def _dated_sentence(parsed: ParsedQuestion, passages: Sequence[Passage]) -> Sentence | None:
    """The best-ranked document's sentence that states its date (its dateline), else its first sentence."""
    if not passages:
        return None
    top = passages[0]
    date = issue_date(top.meta, "zh")
    sentences = [s for rank, p in enumerate(passages, start=1) if p.doc_id == top.doc_id for s in sentences_of(p, rank)]
    dated = [s for s in sentences if date and "".join(s.text.split()).find(date) >= 0]
    return (dated or sentences or [None])[0]


def period_of_document(meta: DocumentMeta, text: str) -> str:
    """The years a plan runs, from its title ("行动计划（2021-2023年）") or else the cited sentence."""
    for where in (meta.title, text):
        match = _PERIOD.search(where)
        if match:
            return "".join(match.group().split())  # as the document writes it: "2021-2023年"
    return ""


def issue_date(meta: DocumentMeta, language: str) -> str:
    """"2021年9月25日" (zh) or "25 September 2021 (2021年9月25日)" (en) from the metadata; the year alone
    when only the year is known."""
    match = _ISO.match(meta.date or "")
    if not match:
        return f"{meta.year}年" if meta.year else ""
    year, month, day = (int(part) for part in match.groups())
    chinese = f"{year}年{month}月{day}日"
    return f"{day} {_MONTHS[month - 1]} {year} ({chinese})" if language == "en" else chinese


def facts(meta: DocumentMeta, sentence: Sentence, parsed: ParsedQuestion) -> list[str]:
    """The document's facts as the answer states them, the asked ones first."""
    english = parsed.language == "en"
    values = {
        "title": meta.title or meta.source,
        "issuer": meta.issuer,
        "issue_date": issue_date(meta, parsed.language),
        "period": period_of_document(meta, sentence.text),
    }
    labels = ({"title": "Document", "issuer": "issued by", "issue_date": "dated", "period": "period"} if english
              else {"title": "文件", "issuer": "发布机关", "issue_date": "日期", "period": "实施期"})
    unknown = "not stated in the document's details" if english else "未能从文件中识别"
    order = [name for name in parsed.asked_fields if name in values] + [name for name in FIELD_ORDER if name not in parsed.asked_fields]
    stated = []
    for name in order:
        value = values[name]
        if not value and name not in parsed.asked_fields:
            continue
        if name == "title" and value and name not in parsed.asked_fields and not english:
            value = f"《{value}》"  # a title asked for is the answer, stated plainly; otherwise it is named
        stated.append(f"{labels[name]}: {value or unknown}" if english else f"{labels[name]}：{value or unknown}")
    return stated


class DocumentReader(Reader):
    """Facts about the document that answers (title, issuer, date, period), cited; None when none names the topic."""

    name = "extractive"

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer | None:
        sentence = best_sentence(parsed, passages)
        if sentence is None:
            return None
        stated = facts(sentence.passage.meta, sentence, parsed)
        head = "; ".join(stated) + "." if parsed.language == "en" else "；".join(stated) + "。"
        return Answer(
            question=parsed.text,
            text="\n".join([head, *quoted_lines(parsed, [sentence])]),
            abstained=False,
            citations=cite([sentence], context),
            passages=tuple(passages),
            parsed=parsed,
            reader=self.name,
        )


__all__ = ["DocumentReader", "best_sentence", "facts", "issue_date", "period_of_document"]
