"""The passage reader (extractive): the sentences that answer a what / how / which question, quoted exactly.

"珠山区2024年怎么优化营商环境？" is answered with the sentences under the paragraph headed 持续优化营商环境;
"萍乡2024年有哪些重点工作？" with the headings of the report's work plan. Offline, no model:

1. Every retrieved passage is cut into sentences (``knowledge.clauses``). Each sentence has a context:
   the document's title (for a document with no title of its own, its opening: ``Passage.about``), its
   section path and its paragraph's run-in heading ("持续优化营商环境。"
   opening a paragraph).
2. A sentence qualifies when it, or its context, names the question's topic (``ParsedQuestion.topic``,
   itself or by a synonym; ``knowledge.topics.topic_coverage``). Naming it in the sentence counts more
   than in a heading; the question's aspects (措施, 总体目标) add a little; so does a sentence whose
   period (``knowledge.periods``) is the year and kind asked, and the passage's rank.
3. The best sentence, then the qualifying sentences of the same section around it, then the next best
   elsewhere, up to :data:`MAX_SENTENCES`, grouped by report, in text order.
4. A question with no topic ("有哪些重点工作", "main tasks") is answered with the headings of the report's
   plan sections; failing that, with the first sentences of the best passage.
5. When no sentence names the topic, the answer says the reports do not mention it, names what was
   looked for, and says what was searched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.core.datatypes import SECTION_SEPARATOR, Answer, AnswerKind, Citation, Kind, ParsedQuestion, Passage
from assistant.knowledge.clauses import split_sentences
from assistant.knowledge.periods import period_of
from assistant.knowledge.topics import agent_patterns, mentioned, topic_coverage, topic_words
from assistant.readers.base import ReadContext, Reader
from assistant.knowledge.outlines import asked_heads, is_plan_part
from assistant.readers.outline import heading_core, outline
from assistant.readers.sentences import Sentence, sentences_of

MAX_SENTENCES = 5
MIN_SENTENCES = 2
MAX_SOURCES = 3
RUN_IN_PENALTY = 1.5  # a run-in heading ranks below the sentences it introduces
# Aspects that ask for the plan as a whole: answered with the headings of the plan's sections.
PLAN_ASPECTS = frozenset({"重点工作", "主要工作", "重点任务", "主要任务", "工作安排", "工作部署", "工作重点", "重点", "工作",
                          "任务", "安排", "部署", "计划", "打算", "目标任务", "重要工作", "措施", "举措", "主要措施"})
PASSAGE_COVERAGE = 0.5  # share of the topic a sentence (with its headings) must name: lower than for a figure
STATED_COVERAGE = 0.6  # a date or a document stated as the answer: with its context, a sentence names most of the topic
AGENT_BONUS = 2.0  # a sentence naming who acts, for a question asking who
ACTION_BONUS = 4.0  # per action of a who-question a body does in the sentence: "由谁负责解释" -> "本办法由X负责解释"
ACTION_AFTER = 6  # characters after a body's verb where the rest of what it does is read ("负责" + "解释")
PHRASE_BONUS = 3.0  # the question's topic phrase written out ("做实产业招商"): what was asked, exactly


def score_sentence(
    sentence: Sentence, parsed: ParsedQuestion, topic: tuple[str, ...], stated: bool = False
) -> float | None:
    """How well a sentence answers, or None when it is not about ``topic``: it, or its context, names
    :data:`PASSAGE_COVERAGE` of the topic with the topic's main term in the sentence or the context.
    ``stated`` (a date or document given as the answer): the sentence and its context together name
    :data:`STATED_COVERAGE` of it ("…于2023年1月13日前报送" under the title that names what is reported)."""
    score = 1.0 / (sentence.rank + 1) - (RUN_IN_PENALTY if sentence.run_in else 0.0)
    if topic and stated:
        together = topic_coverage(f"{sentence.context}{SECTION_SEPARATOR}{sentence.text}", topic, minimum=STATED_COVERAGE)
        if together is None:
            return None
        in_text = topic_coverage(sentence.text, topic, minimum=0.0) or 0.0
        score += 2.0 * in_text + 1.0 * together
    elif topic:
        in_text = topic_coverage(sentence.text, topic, sentence.context, minimum=PASSAGE_COVERAGE)
        in_context = in_text or topic_coverage(sentence.context, topic, minimum=PASSAGE_COVERAGE)
        if in_text is None and in_context is None:
            return None
        score += 2.0 * (in_text or 0.0) + 1.0 * (in_context or 0.0)
    phrase = parsed.topic_phrase
    if phrase and phrase in sentence.text:
        score += PHRASE_BONUS
    elif phrase and phrase in sentence.context:
        score += PHRASE_BONUS - 0.5  # the sentence stands under a heading that names exactly what was asked
    score += 0.5 * sum(1 for aspect in parsed.aspects if mentioned(sentence.text, aspect) or aspect in sentence.context)
    if parsed.asks_agent and _names_agent(sentence):
        score += AGENT_BONUS  # "由哪个部门负责？": the sentence that names who acts
        score += ACTION_BONUS * len(_actions_done(sentence.text, asked_actions(parsed)))
    return score + _period_score(sentence, parsed)


def _actions_done(text: str, actions: tuple[str, ...]) -> set[str]:
    """The ``actions`` a body named as acting in ``text`` does: read in the agent pattern's match and the
    few characters after it ("本政策由济南市科技局负责解释" does 负责 and 解释; "为我市负责任的推动…" names no body)."""
    done: set[str] = set()
    for pattern in agent_patterns():
        for match in pattern.finditer(text):
            window = text[match.start(1) : match.end() + ACTION_AFTER]
            done.update(action for action in actions if action in window)
    return done


def asked_actions(parsed: ParsedQuestion) -> tuple[str, ...]:
    """What a who-question asks the body to do, as its action verbs: "由谁负责解释" -> 负责, 解释;
    "哪个部门统筹协调" -> 统筹. The body that does exactly that is the answer, not one that leads something else."""
    actions = topic_words().action_verbs
    return tuple(word for word in parsed.keywords if word in actions)


def _names_agent(sentence: Sentence) -> bool:
    """The sentence, or the note that goes with it (:func:`note_after`), names a body that acts."""
    note = note_after(sentence)
    return any(pattern.search(sentence.text) or (note and pattern.search(note)) for pattern in agent_patterns())


def note_after(sentence: Sentence) -> str:
    """The parenthetical note that belongs to a sentence: right after it ("…。（省能源局牵头）…"), or closing
    the item it is in ("2.强化科技金融支撑保障。优化……。（牵头单位：省科技厅…）"); "" when there is none."""
    text = sentence.passage.text
    line_end = text.find("\n", sentence.end)
    rest = text[sentence.end : len(text) if line_end < 0 else line_end].strip()
    if rest.startswith(("（", "(")):
        close = min((i for i in (rest.find("）"), rest.find(")")) if i >= 0), default=len(rest) - 1)
        return rest[: close + 1]
    if rest.endswith(("）", ")")):
        opening = max(rest.rfind("（"), rest.rfind("("))
        return rest[opening:] if opening >= 0 else ""
    return ""


def _period_score(sentence: Sentence, parsed: ParsedQuestion) -> float:
    """+0.5 for a sentence about the year (and kind) asked, -1 for one about another year (-1.5 when its
    kind is not the one the question names either: last year's review where this year's plan is asked),
    -0.5 for one of another kind than named and of no one year (a five-year review)."""
    if not parsed.years:
        return 0.0
    kind, year = period_of([sentence.text], sentence.passage.headings[::-1], sentence.passage.year, sentence.passage.meta.doc_type)
    if year is None:
        return -0.5 if _other_kind(parsed, kind) else 0.0
    if year not in parsed.years:
        return -1.5 if _other_kind(parsed, kind) else -1.0
    if _other_kind(parsed, kind):
        return -0.5  # the year's plan where its results are asked ("取得了哪些成绩"), or the reverse
    return 0.5 + (0.5 if parsed.kind is not None and kind is parsed.kind else 0.0)


def _in_parts_of_period(scored: list[Sentence], parsed: ParsedQuestion) -> list[Sentence]:
    """The sentences in parts whose headings are not of another year or kind than the question names: a
    part of the year's plan is not listed where its results are asked ("2025年…取得了哪些成绩"). All of
    them when every part is of another period."""
    fits: dict[str, bool] = {}
    for sentence in scored:
        passage = sentence.passage
        if passage.id not in fits:
            kind, year = period_of([], passage.headings[::-1], passage.year, passage.meta.doc_type)
            fits[passage.id] = not _other_kind(parsed, kind) and (year is None or not parsed.years or year in parsed.years)
    return [s for s in scored if fits[s.passage.id]] or scored


def _other_kind(parsed: ParsedQuestion, kind: Kind | None) -> bool:
    """The question names its kind (target, result) and ``kind`` is another."""
    return parsed.kind_explicit and kind is not None and kind is not parsed.kind


def sought(parsed: ParsedQuestion) -> tuple[str, ...]:
    """What the sentences must name: the topic, else the aspects that are more than "the plan"
    ("存在哪些问题和挑战" seeks 问题, 挑战); () for a question about the plan as a whole ("有哪些重点工作")."""
    return parsed.topic or tuple(a for a in parsed.aspects if a not in PLAN_ASPECTS)


def select_sentences(parsed: ParsedQuestion, passages: Sequence[Passage]) -> list[Sentence]:
    """The sentences that answer, grouped by report and in text order; [] when none names the topic."""
    topic = sought(parsed)
    # a date or document question the date or document reader could not answer still asks about one thing
    stated = parsed.answer_kind is not AnswerKind.PASSAGES
    scored: list[Sentence] = []
    for rank, passage in enumerate(passages, start=1):
        for sentence in sentences_of(passage, rank):
            if sentence.heading and topic:
                continue  # a heading is context, not an answer, when there is a topic to find
            score = score_sentence(sentence, parsed, topic, stated)
            if score is not None:
                scored.append(replace(sentence, score=score))
    scored = _of_asked_years(scored, parsed)
    if not scored:
        return []
    if not topic:
        return _plan_headings(passages) or _first_sentences(scored)
    if not stated:
        listed = outline(_in_parts_of_period(scored, parsed), passages, topic, asked_heads(parsed.aspects))
        if listed:
            return listed
    return _gather(scored)


def _of_asked_years(scored: list[Sentence], parsed: ParsedQuestion) -> list[Sentence]:
    """For a question that names its year ("1975年政府工作报告提出…"), the sentences of the documents of
    the years that can hold it (the year's own, and the next year's review), when there are any: a
    resolution of 2025 that repeats the words is not what 1975 said. Undated documents stay."""
    years = set(parsed.report_years()) if parsed.years else set()
    if not any(s.passage.year in years for s in scored):
        return scored
    return [s for s in scored if s.passage.year in years or s.passage.year is None]


def _gather(scored: list[Sentence]) -> list[Sentence]:
    """The best sentence, the qualifying ones of its section, then the next best elsewhere."""
    unique: dict[tuple[str, int], Sentence] = {}
    for sentence in sorted(scored, key=lambda s: -s.score):
        unique.setdefault(_original_key(sentence), sentence)
    ranked = sorted(unique.values(), key=lambda s: -s.score)
    best = ranked[0]
    chosen = [s for s in ranked if s.passage.id == best.passage.id or s.context == best.context][:MAX_SENTENCES]
    sources = {best.passage.doc_id}
    for sentence in ranked:
        if len(chosen) >= MAX_SENTENCES:
            break
        if sentence in chosen:
            continue
        if sentence.passage.doc_id not in sources and len(sources) >= MAX_SOURCES:
            continue
        if len(chosen) >= MIN_SENTENCES and sentence.score < best.score * 0.5:
            break
        chosen.append(sentence)
        sources.add(sentence.passage.doc_id)
    return _in_reading_order(chosen)


def _original_key(sentence: Sentence) -> tuple[str, str]:
    """Overlapping passages repeat sentences: the same text of the same document is one sentence."""
    return sentence.passage.doc_id, sentence.text


def _in_reading_order(sentences: list[Sentence]) -> list[Sentence]:
    first_seen: dict[str, int] = {}
    for sentence in sentences:
        first_seen.setdefault(sentence.passage.doc_id, len(first_seen))
    return sorted(sentences, key=lambda s: (first_seen[s.passage.doc_id], s.passage.start, s.start))


def _plan_headings(passages: Sequence[Passage]) -> list[Sentence]:
    """The headings of the best report's plan sections ("2024年工作安排 > 以更大力度…"), in text order."""
    best_doc = passages[0].doc_id if passages else ""
    headings: dict[str, Sentence] = {}
    for rank, passage in enumerate(passages, start=1):
        parts = passage.headings
        if passage.doc_id != best_doc or len(parts) < 2 or not is_plan_part(parts[0]):
            continue
        titles = {heading_core(part) for part in parts[1:]}
        for sentence in sentences_of(passage, rank):
            if sentence.opens_line and heading_core(sentence.text) in titles and sentence.text not in headings:
                headings[sentence.text] = sentence  # "（二）在推动城市发展上聚焦发力。" opening its paragraph too
    return _in_reading_order(list(headings.values())[:8]) if len(headings) >= MIN_SENTENCES else []


def _first_sentences(scored: list[Sentence]) -> list[Sentence]:
    best = max(scored, key=lambda s: s.score)
    same = [s for s in scored if s.passage.id == best.passage.id and not s.heading]
    return same[:3] or [best]


class PassageReader(Reader):
    """The sentences that answer a what / how / which question, each quoted exactly and cited."""

    name = "extractive"

    def read(self, parsed: ParsedQuestion, passages: Sequence[Passage], context: ReadContext) -> Answer:
        chosen = select_sentences(parsed, passages)
        if not chosen:
            return not_mentioned(parsed, passages, context.coverage_note)
        return Answer(
            question=parsed.text,
            text=compose(parsed, chosen),
            abstained=False,
            citations=cite(chosen, context),
            passages=tuple(passages),
            parsed=parsed,
            reader=self.name,
        )


def cite(chosen: Sequence[Sentence], context: ReadContext) -> tuple[Citation, ...]:
    """One citation per sentence, numbered from 1, quoting the original text exactly."""
    citations = []
    for number, sentence in enumerate(chosen, start=1):
        start, end, quote = context.locate(sentence.passage, sentence.start, sentence.end)
        citations.append(Citation(
            source=sentence.passage.source, title=sentence.passage.title, region=sentence.passage.region,
            year=sentence.passage.year, quote=quote, start=start, end=end, score=sentence.score,
            passage_id=sentence.passage.id, number=number,
        ))
    return tuple(citations)


def quoted_lines(parsed: ParsedQuestion, chosen: Sequence[Sentence]) -> list[str]:
    """The sentences quoted and numbered, under a line naming each report they come from."""
    lines: list[str] = []
    current = ""
    for number, sentence in enumerate(chosen, start=1):
        passage = sentence.passage
        if passage.doc_id != current:
            current = passage.doc_id
            title = passage.title or passage.source
            if parsed.language == "en":
                lines.append(f"From {title} ({passage.region}, {passage.year or 'undated'}):")
            else:
                lines.append(f"《{title}》（{passage.region}，{passage.year or '年份不详'}）：")
        quote = " ".join(sentence.text.split())
        lines.append(f"{number}. “{quote}”[{number}]")
    return lines


def compose(parsed: ParsedQuestion, chosen: Sequence[Sentence]) -> str:
    """One line naming what the sentences are about, then the sentences quoted, grouped by report."""
    about = "、".join(sought(parsed)) or "、".join(parsed.aspects)
    lines = quoted_lines(parsed, chosen)
    if parsed.language == "en":
        head = f"What the reports say about {about or 'this'}:" if about else "What the reports say:"
    else:
        head = f"报告中关于“{about}”的内容：" if about else "报告中的相关内容："
    agents = agents_named(chosen) if parsed.asks_agent else []
    if agents:
        named = ("、" if parsed.language != "en" else ", ").join(f"{name}[{number}]" for name, number in agents)
        head = (f"Named as responsible: {named}. " if parsed.language == "en" else f"负责（牵头）的部门：{named}。") + head
    return "\n".join([head, *lines])


def agents_named(chosen: Sequence[Sentence]) -> list[tuple[str, int]]:
    """The bodies the chosen sentences name as acting ("（省能源局牵头）", "由X负责", "X会同有关部门"), best
    sentence first, each with the number of the sentence that names it (or whose note does:
    "…。（牵头单位：省发展改革委）", :func:`note_after`); at most three."""
    found: dict[str, int] = {}
    ranked = sorted(enumerate(chosen, start=1), key=lambda item: -item[1].score)
    for after in (False, True):
        for number, sentence in ranked:
            window = note_after(sentence) if after else sentence.text
            for pattern in agent_patterns():
                for match in pattern.finditer(window):
                    name = match.group(1).rsplit("由", 1)[-1].strip("、，, ")  # not "本办法由X"
                    if name and not name.startswith(("有关", "相关", "各")):
                        found.setdefault(name, number)
    return list(found.items())[:3]


def not_mentioned(parsed: ParsedQuestion, passages: Sequence[Passage], coverage_note: str = "") -> Answer:
    """The reports do not mention the topic: say what was looked for and what was searched."""
    looked_for = "、".join(sought(parsed) or parsed.untranslated or parsed.aspects)
    if parsed.language == "en":
        text = f"The indexed reports do not mention {looked_for or 'this'}."
    else:
        text = f"已索引的报告中没有提到“{looked_for}”。" if looked_for else "已索引的报告中没有找到相关内容。"
    if coverage_note:
        text = f"{text} {coverage_note}"
    return Answer(question=parsed.text, text=text, abstained=True, passages=tuple(passages), parsed=parsed,
                  reader="extractive")


__all__ = [
    "MAX_SENTENCES", "PASSAGE_COVERAGE", "STATED_COVERAGE", "PassageReader", "Sentence", "cite", "compose", "quoted_lines", "not_mentioned", "score_sentence", "select_sentences", "sentences_of",
    "sought",
]
