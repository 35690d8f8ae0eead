"""Which part of a document answers a what / how / which question, read off its section path.

A question is answered by a part of a document, not by scattered sentences, when a heading names what
is asked:

* the topic, in a document that is not itself about the topic: "山东省2025年怎么发展海洋经济？" and the
  work report's section "（六）在发展壮大现代海洋经济上下功夫、求实效";
* the part asked for by name, in a document about the topic: "智慧旅游发展的主要任务有哪些？" and the
  opinion's part "二、主要任务" (the heads of such parts are ``[outline]`` in answer_cues.toml).

:func:`outline_depth` says which heading of a passage's section path that is. Retrieval reads the rest
of the part (``assistant.retrieval.retrievers.with_sections``), the passage reader lists its headings or
the points its paragraphs open with (``assistant.readers.outline``).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.core.datatypes import Passage
from assistant.core.errors import ConfigError
from assistant.knowledge.tables import cached, strings, toml_table
from assistant.knowledge.topics import topic_coverage

_CUES_FILE = "answer_cues.toml"
HEADING_COVERAGE = 1.0  # a heading names the topic when it names all of it (环境 alone is not 营商环境)


@cached
def outline_heads() -> tuple[str, ...]:
    section = toml_table(_CUES_FILE).get("outline")
    if not isinstance(section, dict):
        raise ConfigError(f"{_CUES_FILE} has no [outline] table; restore it from git")
    return strings(section.get("heads", []), f"{_CUES_FILE} [outline] heads", "words")


def asked_heads(aspects: Sequence[str]) -> tuple[str, ...]:
    """The part heads a question's aspects ask for: 主要任务 -> 任务, 保障措施 -> 措施; () for 重点, 情况."""
    return tuple(head for head in outline_heads() if any(head in aspect for aspect in aspects))


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
    if names_topic(f"{passage.title}\n{passage.about}", topic):
        return next((i for i, heading in enumerate(headings) if any(head in heading for head in heads)), None)
    return next((i for i in range(len(headings) - 1, -1, -1) if names_topic(headings[i], topic)), None)
