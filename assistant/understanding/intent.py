"""What kind of answer a question wants: a figure, passages, a comparison, a status or a series.

The cues are data (``assistant/knowledge/data/answer_cues.toml``); the order of the checks is here:

1. STATUS — "完成了吗", "是否实现", "did … meet its target": answered from targets against results.
2. SERIES — "历年", "趋势", "over the years", or three years or more (a range "2012到2019年") with an
   indicator: one figure per year.
3. COMPARISON — a comparison word ("对比", "哪个…最高", "compare") or two regions named, with an indicator.
4. DOCUMENT — about a document itself: "哪个文件提出…", "发布日期", "由哪些部门印发", "which document".
5. DATE — a date or deadline and no amount asked: "什么时间前报送", "自何时起施行", "by what date".
6. PASSAGES — a measures / plans / how-to cue ("怎么优化", "有哪些", "措施", "what measures") or a who
   cue ("由哪个部门牵头", "which department") and no
   amount asked; or, with no indicator and no amount word, anything ("地铁建设计划是什么").
   "情况如何" / "how did … do" with an indicator named asks for its figure, not passages.
7. FIGURE — the rest: an amount word ("多少", "how many") or an indicator.
"""

from __future__ import annotations

from assistant.core.datatypes import AnswerKind
from assistant.knowledge.topics import answer_cues, field_cues

SERIES_MIN_YEARS = 3  # "2018年和2019年的目标分别是多少" is two figures; three years or more are a series


def has_cue(name: str, text: str) -> bool:
    """Whether ``text`` holds a cue of ``name`` (status, series, passages, state, amount, document, date) in either language."""
    chinese, english = answer_cues()[name]
    return bool(chinese.search(text) or english.search(text))


ANSWER_CUES = ("status", "series", "passages", "state", "amount", "agent", "document", "date")


def says_answer_kind(text: str) -> bool:
    """Whether ``text`` says what kind of answer it wants by a cue (多少, 怎么, 哪天, "how many" …);
    "4G呢？" does not: a follow-up like it asks the same kind of answer as the question before."""
    return any(has_cue(name, text) for name in ANSWER_CUES)


def answer_kind(
    text: str, *, indicators: tuple[str, ...], years: tuple[int, ...], comparison: bool, topic: tuple[str, ...] = ()
) -> AnswerKind:
    """The kind of answer ``text`` (a folded question, region names blanked) wants; see the module docstring."""
    if has_cue("status", text):
        return AnswerKind.STATUS
    if indicators and (has_cue("series", text) or len(years) >= SERIES_MIN_YEARS):
        return AnswerKind.SERIES
    if comparison:
        return AnswerKind.COMPARISON
    amount = has_cue("amount", text)
    if has_cue("document", text):
        return AnswerKind.DOCUMENT
    if has_cue("date", text) and not amount:
        return AnswerKind.DATE
    if (has_cue("passages", text) or has_cue("agent", text)) and not amount:
        return AnswerKind.PASSAGES
    if has_cue("state", text) and not amount:
        return AnswerKind.FIGURE if indicators else AnswerKind.PASSAGES
    if amount or indicators:
        return AnswerKind.FIGURE
    return AnswerKind.PASSAGES if topic else AnswerKind.FIGURE


def cue_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where ``text`` holds the cues ``names`` (Chinese patterns only: English cues are whole function
    phrases the English topic reader drops anyway)."""
    return [(m.start(), m.end()) for name in names for m in answer_cues()[name][0].finditer(text)]


def asked_fields(text: str, kind: AnswerKind) -> tuple[str, ...]:
    """The fields a document or date question asks for, in the order of ``[fields.*]``; a document
    question that names none asks which document (its title)."""
    if kind not in (AnswerKind.DOCUMENT, AnswerKind.DATE):
        return ()
    wanted = ("title", "issuer", "issue_date", "period") if kind is AnswerKind.DOCUMENT else ("start", "deadline", "end")
    found = tuple(name for name, (chinese, english) in field_cues().items()
                  if name in wanted and (chinese.search(text) or english.search(text)))
    return found or (("title",) if kind is AnswerKind.DOCUMENT else ())


__all__ = ["SERIES_MIN_YEARS", "answer_kind", "asked_fields", "cue_spans", "has_cue", "says_answer_kind"]
