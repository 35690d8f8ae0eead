"""Which part of a document answers a what / how / which question, read off its section path.

A question is answered by a part of a document, not by scattered sentences, when a heading names what
is asked:

* the topic, in a document that is not itself about the topic: "山东省2025年怎么发展海洋经济？" and the
  work report's section "（六）在发展壮大现代海洋经济上下功夫、求实效";
* the part asked for by name, in a document about the topic: "智慧旅游发展的主要任务有哪些？" and the
  opinion's part "二、主要任务" (which words ask for which parts: ``[outline]`` in answer_cues.toml).

:func:`outline_depth` says which heading of a passage's section path that is. Retrieval reads the rest
of the part (``assistant.retrieval.retrievers.with_sections``), the passage reader lists its headings or
the points its paragraphs open with (``assistant.readers.outline``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.datatypes import Passage
from assistant.core.errors import ConfigError
from assistant.knowledge.cues import section_cues
from assistant.knowledge.tables import cached, strings, toml_table
from assistant.knowledge.topics import topic_coverage

_CUES_FILE = "answer_cues.toml"
HEADING_COVERAGE = 1.0  # a heading names the topic when it names all of it (环境 alone is not 营商环境)
DOCUMENT_COVERAGE = 0.75  # a document is about the topic when its title or opening names this share of it


@dataclass(frozen=True)
class OutlineCues:
    work_asks: frozenset[str]
    work: tuple[str, ...]
    parts: tuple[str, ...]


@cached
def outline_cues() -> OutlineCues:
    section = toml_table(_CUES_FILE).get("outline")
    if not isinstance(section, dict):
        raise ConfigError(f"{_CUES_FILE} has no [outline] table; restore it from git")
    words = {name: strings(section.get(name, []), f"{_CUES_FILE} [outline] {name}", "words") for name in ("work_asks", "work", "parts")}
    return OutlineCues(frozenset(words["work_asks"]), words["work"], words["parts"])


def asked_heads(aspects: Sequence[str]) -> tuple[str, ...]:
    """What a heading must hold to be the part a question asks for by name: a named part ("保障措施")
    itself; for the work a document sets out (措施, 主要任务) any work head (任务, 行动, 措施 …);
    () for 重点, 情况."""
    cues = outline_cues()
    named = tuple(aspect for aspect in aspects if aspect in cues.parts)
    if named:
        return named
    return cues.work if any(aspect in cues.work_asks for aspect in aspects) else ()


def heading_asked(heading: str, heads: tuple[str, ...]) -> bool:
    """The heading holds one of ``heads``, and is not a named part the question did not ask for."""
    if not any(head in heading for head in heads):
        return False
    return not any(part in heading for part in outline_cues().parts if part not in heads)


PLAN_PARTS = ("工作安排", "重点工作", "工作任务", "主要任务")  # besides the target cues of the sections


def is_plan_part(heading: str) -> bool:
    """A part of a report that sets out the year's work: "2024年工作安排", "三、2019年政府工作任务"."""
    return any(cue in heading for cue in (*section_cues()["target"], *PLAN_PARTS))


def names_topic(text: str, topic: tuple[str, ...]) -> bool:
    return bool(topic) and topic_coverage(text, topic, minimum=HEADING_COVERAGE) is not None


def outline_depth(passage: Passage, topic: tuple[str, ...], heads: tuple[str, ...]) -> int | None:
    """The index in ``passage.headings`` of the heading whose part answers, or None.

    In a document whose title or opening names the topic (a plan about it), every heading is about the
    topic, so the part is the one the question asks for by name (the first heading holding one of
    ``heads``). Elsewhere it is the deepest heading that names the topic."""
    headings = passage.headings
    if not headings:
        return None
    if topic and topic_coverage(f"{passage.title}\n{passage.about}", topic, minimum=DOCUMENT_COVERAGE) is not None:
        return next((i for i, heading in enumerate(headings) if heading_asked(heading, heads)), None)
    return next((i for i in range(len(headings) - 1, -1, -1) if names_topic(headings[i], topic)), None)
