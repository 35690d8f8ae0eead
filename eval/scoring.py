"""Is one answer right? Strict and lenient scoring per ``expect`` (see eval/QUESTIONS.md).

Pure functions over plain data: a question is a dict read from a set file (schema v2), an answer is
its text, whether it abstained, its citations (objects with ``.source`` and ``.quote``) and, for a
clarifying question, whether it asked back.

**The statement** of an answer is its text outside quotation marks (“…”, 「…」, 『…』, "…") and
outside book-title marks 《…》 (a title names a document, it says nothing about a figure), without
``[n]`` citation markers. The extractive reader writes ``赣州市2024年GDP目标：6%左右。原文：“GDP增长6%左右”[1]``:
its statement is ``赣州市2024年GDP目标：6%左右。原文：``.

**Labels on a figure.** A figure's year label is the nearest year (or year range, ``2023—2024年``)
written before it in its sentence, else the first one after it before the next figure; years after
比/较/than/from/compared with are comparisons, not labels. Its kind label is found the same way among
the words of ``KIND_WORDS`` (目标/预期/计划/target… ; 实际/actual… ; 预计/estimate…). A quotation ends a
sentence, so a report year in a source note after a quote is not a label.

Strict and lenient, by ``expect``:

=========== ================================================================ ==========================================
expect      strict                                                           lenient
=========== ================================================================ ==========================================
figure      every gold figure in the statement (same unit family; 亿元 and    every gold figure anywhere in the answer
            万元 scale), on an occurrence not labelled with another year
            or kind
comparison  every gold figure in the statement and every gold source cited  every gold figure anywhere
passage     a citation from a gold source quotes an evidence phrase          an evidence phrase anywhere in the answer,
                                                                             or a gold-source quote inside one
text        a gold string in the statement                                   a gold string anywhere
abstain     abstained and no ``must_not_include`` string in the statement     abstained
            (a bare figure there counts unless the statement labels every
            occurrence with a year the question does not ask)
clarify     asked back (an ``Answer.clarification`` flag, else a statement   asked back, or abstained
            ending in ？/? with no figure in it)
status      the status words of the statement say the gold status and both   the same, over the whole answer
            non-null figures are in the statement
series      every non-null figure in the statement, not labelled with        every non-null figure anywhere
            another year (or kind)
=========== ================================================================ ==========================================

Every answerable expect is wrong when the answer abstained (except a ``no_target``/``no_result``
status, which an abstention may state), and ``must_not_include`` strings in the statement make any
strict score wrong. Each scorer returns a :class:`Verdict` whose ``reason`` says why it failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.knowledge.figures import Figure, extract_figures, figures_equal, parse_figure
from eval.check_sets import squash


class Quoting(Protocol):
    source: str
    quote: str


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""  # why not, in a few words ("only in the quote", "labelled 2023", ...)

    def __bool__(self) -> bool:
        return self.ok


RIGHT = Verdict(True)


def wrong(reason: str) -> Verdict:
    return Verdict(False, reason)


# ---------------------------------------------------------------------------------------------
# The statement

_QUOTES = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"\n]*\"")
_TITLES = re.compile(r"《[^》]*》")
_MARKERS = re.compile(r"\[\d+(?:\s*[,，]\s*\d+)*\]")


def statement(text: str) -> str:
    """The answer's own words: quotations become sentence breaks, titles and [n] markers are dropped."""
    text = _MARKERS.sub("", text)
    text = _QUOTES.sub("\n", text)
    return _TITLES.sub("", text)


def _contains_text(haystack: str, needle: str) -> bool:
    return squash(needle).lower() in squash(haystack).lower()


def mentions(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text`` (whitespace and case ignored), or, if it is a figure, an equal figure does."""
    if _contains_text(text, phrase):
        return True
    figure = _bare_figure(phrase)
    return figure is not None and any(figures_equal(found, figure) for found in extract_figures(text))


def _bare_figure(phrase: str) -> Figure | None:
    """``phrase`` as a figure when it is nothing but one ("5.3%"); None for "2023年的数字"."""
    try:
        figure = parse_figure(phrase)
    except ValueError:
        return None
    return figure if squash(figure.text) == squash(phrase) else None


# ---------------------------------------------------------------------------------------------
# Labels on a figure

_SENTENCE_END = re.compile(r"[。！？；!?;\n]|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，,、：:]")
_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:\s*年?\s*(?:-|–|—{1,2}|~|至|到|to)\s*((?:19|20)\d{2}))?(?:\s*年|(?!\d))"
)
_COMPARED = re.compile(r"(?:比|较|相比|同比|对比|than|from|over|compared\s+(?:with|to))\s*$", re.IGNORECASE)

KIND_WORDS: dict[str, tuple[str, ...]] = {
    "target": ("目标", "预期", "计划", "力争", "target", "goal", "aim", "planned", "plan"),
    "actual": ("实际", "actual", "achieved"),
    "estimate": ("预计", "估计", "estimate", "estimated", "preliminary"),
}


def _word_pattern(word: str) -> str:
    return rf"\b{re.escape(word)}\b" if word.isascii() else re.escape(word)


_KIND = re.compile(
    "|".join(f"(?P<{kind}>{'|'.join(map(_word_pattern, words))})" for kind, words in KIND_WORDS.items()),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Labelled:
    """A figure of the statement with the year span and kind the statement gives it (None: no label)."""

    figure: Figure
    years: tuple[int, int] | None
    kind: str | None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, begin = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _year_labels(text: str, start: int, end: int, figures: Sequence[Figure]) -> list[tuple[int, tuple[int, int]]]:
    """Years and year ranges written in text[start:end] (``figures``: the figures there, which are not years)."""
    taken = [(start + f.start, start + f.end) for f in figures]
    found = []
    for match in _YEAR.finditer(text, start, end):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue  # 2000万元 is an amount
        if _COMPARED.search(text[max(start, match.start() - 14) : match.start()]):
            continue
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        found.append((match.start(), (min(first, last), max(first, last))))
    return found


def _kind_labels(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.start(), m.lastgroup or "") for m in _KIND.finditer(text, start, end)]


def _nearest(labels: list, before: int, after_start: int, after_end: int):
    """The label nearest before ``before``; else the first in [after_start, after_end)."""
    earlier = [value for position, value in labels if position < before]
    if earlier:
        return earlier[-1]
    later = [value for position, value in labels if after_start <= position < after_end]
    return later[0] if later else None


def labelled_figures(text: str) -> list[Labelled]:
    """Every figure of ``text`` (a statement) with the year and kind labels it carries."""
    result: list[Labelled] = []
    for start, end in _sentences(text):
        figures = extract_figures(text[start:end])
        years = _year_labels(text, start, end, figures)
        kinds = _kind_labels(text, start, end)
        for index, figure in enumerate(figures):
            f_start, f_end = start + figure.start, start + figure.end
            next_start = start + figures[index + 1].start if index + 1 < len(figures) else end
            clause_end = _CLAUSE_END.search(text, f_end, next_start)
            next_start = clause_end.start() if clause_end else next_start  # a label after the figure stays in its clause
            result.append(
                Labelled(figure, _nearest(years, f_start, f_end, next_start), _nearest(kinds, f_start, f_end, next_start))
            )
    return result


def label_problem(item: Labelled, year: int | None, kind: str | None) -> str:
    """Why ``item`` is labelled as something else than (year, kind); "" when it is not."""
    if year is not None and item.years is not None and not item.years[0] <= year <= item.years[1]:
        low, high = item.years
        return f"labelled {low}" if low == high else f"labelled {low}-{high}"
    if kind is not None and item.kind is not None and item.kind != kind:
        return f"labelled {item.kind}"
    return ""


def _figures(gold: Iterable[str]) -> list[Figure | str]:
    """The gold answers as figures; one the number reader cannot read (``14EFlops``) stays a string,
    compared as text."""
    result: list[Figure | str] = []
    for answer in gold:
        try:
            result.append(parse_figure(answer))
        except ValueError:
            result.append(answer)
    return result


def figure_in_statement(text: str, gold: Figure | str, year: int | None, kind: str | None) -> str:
    """"" when ``gold`` is in the statement of ``text`` on an occurrence not labelled otherwise, else why not."""
    if isinstance(gold, str):
        if _contains_text(statement(text), gold):
            return ""
        return f"{gold} only in a quote" if _contains_text(text, gold) else f"{gold} not stated"
    occurrences = [item for item in labelled_figures(statement(text)) if figures_equal(item.figure, gold)]
    if not occurrences:
        if any(figures_equal(found, gold) for found in extract_figures(text)):
            return f"{gold.text} only in a quote"
        return f"{gold.text} not stated"
    problems = [label_problem(item, year, kind) for item in occurrences]
    return "" if "" in problems else f"{gold.text} {problems[0]}"


def figure_anywhere(text: str, gold: Figure | str) -> bool:
    if isinstance(gold, str):
        return _contains_text(text, gold)
    return any(figures_equal(found, gold) for found in extract_figures(text))


# ---------------------------------------------------------------------------------------------
# Scorers, one per expect. Each takes the question and the answer's parts.


@dataclass(frozen=True)
class Reply:
    """What scoring needs of an answer."""

    text: str
    abstained: bool
    citations: Sequence[Quoting] = ()
    clarification: bool = False


def _forbidden(item: dict[str, Any], reply: Reply) -> str:
    own = statement(reply.text)
    asked = {int(m.group(1)) for m in _YEAR.finditer(item.get("question", ""))}
    for phrase in item.get("must_not_include") or ():
        if mentions(own, phrase) and not _labelled_as_other_year(own, phrase, asked):
            return f"says {phrase!r}"
    return ""


def _labelled_as_other_year(own: str, phrase: str, asked: set[int]) -> bool:
    """A forbidden bare figure ("5.3%") that the statement gives only with another year than the question
    asks ("2023年实际5.3%左右" for a 2024 question): the neighbour's figure said as such, which is right."""
    figure = _bare_figure(phrase)
    if not asked or figure is None:
        return False
    found = [item for item in labelled_figures(own) if figures_equal(item.figure, figure)]
    return bool(found) and all(
        item.years is not None and not any(item.years[0] <= year <= item.years[1] for year in asked) for item in found
    )


def score_figure(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if reply.abstained:
        return wrong("abstained"), wrong("abstained")
    golds = _figures(item["gold_answers"])
    lenient = RIGHT if all(figure_anywhere(reply.text, g) for g in golds) else wrong("figure not in the answer")
    problems = [figure_in_statement(reply.text, g, item.get("gold_year"), item.get("gold_kind")) for g in golds]
    problems = [p for p in problems if p]
    strict = wrong("; ".join(problems)) if problems else RIGHT
    return strict, lenient


def score_comparison(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if reply.abstained:
        return wrong("abstained"), wrong("abstained")
    golds = _figures(item["gold_answers"])
    lenient = RIGHT if all(figure_anywhere(reply.text, g) for g in golds) else wrong("figure not in the answer")
    problems = [figure_in_statement(reply.text, g, None, None) for g in golds]
    problems = [p for p in problems if p]
    cited = {citation.source for citation in reply.citations}
    uncited = [s for s in item["gold_sources"] if s not in cited]
    if uncited:
        problems.append(f"{len(uncited)} report(s) not cited")
    strict = wrong("; ".join(problems)) if problems else RIGHT
    return strict, lenient


def _quotes_evidence(item: dict[str, Any], citations: Sequence[Quoting]) -> bool:
    sources = set(item["gold_sources"])
    return any(
        citation.source in sources and any(_contains_text(citation.quote, e) for e in item["evidence"])
        for citation in citations
    )


def score_passage(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if reply.abstained:
        return wrong("abstained"), wrong("abstained")
    strict = RIGHT if _quotes_evidence(item, reply.citations) else wrong("no gold-source citation quotes the evidence")
    sources = set(item["gold_sources"])
    inside = any(
        citation.source in sources
        and len(squash(citation.quote)) >= 8
        and any(squash(citation.quote) in squash(e) for e in item["evidence"])
        for citation in reply.citations
    )
    lenient = RIGHT if strict or inside or any(_contains_text(reply.text, e) for e in item["evidence"]) else wrong(
        "evidence not in the answer"
    )
    return strict, lenient


def score_text(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if reply.abstained:
        return wrong("abstained"), wrong("abstained")
    golds = item.get("gold_text") or []
    own = statement(reply.text)
    strict = RIGHT if any(_contains_text(own, g) for g in golds) else (
        wrong("gold text only in a quote") if any(_contains_text(reply.text, g) for g in golds) else wrong("gold text not stated")
    )
    lenient = RIGHT if any(_contains_text(reply.text, g) for g in golds) else wrong("gold text not in the answer")
    return strict, lenient


def score_abstain(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if not reply.abstained:
        return wrong("answered"), wrong("answered")
    return RIGHT, RIGHT  # must_not_include is checked for every expect in score()


def asks_back(reply: Reply) -> bool:
    """The answer asks what is meant: the API's flag, else a statement ending in a question mark and giving no figure."""
    if reply.clarification:
        return True
    own = statement(reply.text).strip()
    return own.endswith(("？", "?")) and not extract_figures(own)


def score_clarify(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if asks_back(reply):
        return RIGHT, RIGHT
    return wrong("did not ask back"), RIGHT if reply.abstained else wrong("answered without asking back")


# Status words, most specific first: a missed target says 未完成, which contains 完成.
STATUS_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("met_within_tolerance", re.compile(r"基本完成|基本实现|基本达到|接近目标|略低于目标|within (?:the )?tolerance|roughly met|nearly met|broadly met", re.I)),
    ("missed", re.compile(r"未完成|没有完成|未能完成|未达到|没有达到|未实现|没有实现|未达|低于目标|不及目标|差\d|missed|fell short|did not (?:meet|reach|achieve)|below (?:the |its )?target|short of", re.I)),
    ("no_target", re.compile(r"(?:没有|未|并未)(?:设定|提出|设置|给出|明确)[^。；]{0,12}目标|没有[^。；]{0,12}目标|no (?:\w+ ){0,3}target|did not set|set no target", re.I)),
    ("no_result", re.compile(r"(?:没有|未|尚未|尚无)[^。；]{0,12}(?:实际|结果|完成情况|数据)|尚未公布|no (?:\w+ ){0,3}(?:result|outcome|actual)|not (?:yet )?(?:reported|published)", re.I)),
    ("met", re.compile(r"超额完成|完成了|已完成|完成|实现了|实现|达到了|达到|超过|超出|met|achieved|exceeded|reached|surpassed|hit (?:the|its) target", re.I)),
)


def status_said(text: str) -> str | None:
    """The ledger status the words of ``text`` say, most specific first; None when they say none."""
    for status, pattern in STATUS_WORDS:
        if pattern.search(text):
            return status
    return None


def score_status(item: dict[str, Any], reply: Reply, status_attribute: str | None = None) -> tuple[Verdict, Verdict]:
    gold = item["gold_status"]
    figures = [f for f in (item.get("gold_target"), item.get("gold_result")) if f]
    no_figure_status = gold in ("no_target", "no_result")
    if reply.abstained and not no_figure_status:
        return wrong("abstained"), wrong("abstained")

    def judge(text: str, where: str) -> Verdict:
        said = status_attribute or status_said(text)
        if said is None and reply.abstained and no_figure_status:
            said = gold  # "the reports do not state it" is the status asked
        if said != gold:
            return wrong(f"status {said or 'not said'}")
        missing = [f for f in figures if not figure_anywhere(text, _figures([f])[0])]
        return wrong(f"{', '.join(missing)} not {where}") if missing else RIGHT

    return judge(statement(reply.text), "stated"), judge(reply.text, "in the answer")


def score_series(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    if reply.abstained:
        return wrong("abstained"), wrong("abstained")
    wanted = [
        (_figures([point[key]])[0], point["year"], "target" if key == "target" else "actual")
        for point in item["gold_series"]
        for key in ("target", "result")
        if point.get(key)
    ]
    strict_problems = [p for g, year, kind in wanted if (p := figure_in_statement(reply.text, g, year, kind))]
    missing = [g if isinstance(g, str) else g.text for g, _, _ in wanted if not figure_anywhere(reply.text, g)]
    strict = wrong("; ".join(strict_problems[:3]) + (" …" if len(strict_problems) > 3 else "")) if strict_problems else RIGHT
    lenient = wrong(f"{len(missing)} of {len(wanted)} figures missing") if missing else RIGHT
    return strict, lenient


SCORERS = {
    "figure": score_figure,
    "comparison": score_comparison,
    "passage": score_passage,
    "text": score_text,
    "abstain": score_abstain,
    "clarify": score_clarify,
    "status": score_status,
    "series": score_series,
}


def score(item: dict[str, Any], reply: Reply) -> tuple[Verdict, Verdict]:
    """(strict, lenient) for one answer to one question."""
    strict, lenient = SCORERS[item["expect"]](item, reply)
    if strict.ok and (forbidden := _forbidden(item, reply)):
        strict = wrong(forbidden)
    return strict, lenient


# ---------------------------------------------------------------------------------------------
# Free text from a system that has no abstention flag (the LangChain QA chain answering on its own)

_NOT_FOUND = re.compile(
    r"没有(?:找到|提到|提及|提供|给出|相关|明确|具体)|未(?:找到|提到|提及|提供|给出|明确)|无法(?:回答|确定|找到|得知)|"
    r"不(?:知道|清楚|确定)|(?:资料|材料|上下文|文本|报告)中(?:并)?(?:没有|未)|"
    r"\b(?:not|never) (?:mentioned|stated|found|provided|specified|given)\b|"
    r"\bdoes(?: not|n't) (?:state|mention|contain|provide|specify|say)\b|"
    r"\bdo(?: not|n't) (?:state|mention|contain|provide|specify|say|know)\b|"
    r"\bcannot (?:answer|find|determine)\b|\bno (?:information|data|mention)\b",
    re.IGNORECASE,
)


def says_not_found(text: str) -> bool:
    """Whether free text declines ("上下文中没有提到…", "The context does not state…") and states no figure."""
    own = statement(text)
    return bool(_NOT_FOUND.search(own)) and not extract_figures(own)


# ---------------------------------------------------------------------------------------------
# Numeric faithfulness (for readers that write their own text)


def figure_support(answer_text: str, support_texts: Sequence[str]) -> tuple[int, int]:
    """(figures in the answer's statement, those found in one of ``support_texts``)."""
    figures = extract_figures(statement(answer_text))
    supported = sum(
        1 for figure in figures if any(figure_anywhere(text, figure) for text in support_texts)
    )
    return len(figures), supported
