"""The conversation the page keeps per browser session (in a ``gr.State``): each question, its answer
and its rendered sources, so the sources panel shows every answer's sources and follow-up questions
reach the assistant with what came before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.datatypes import Answer


@dataclass(frozen=True)
class Turn:
    number: int  # from 1: the answer's place in the conversation (its [n] links name it)
    question: str
    answer: Answer | None = None
    sources: str = ""  # the answer's source cards (render.sources_html)


def earlier(turns: Sequence[Turn]) -> list[Answer | str]:
    """What ``Assistant.answer/stream(history=...)`` gets: the earlier answers (each knows its question
    and how it was understood), or the question where no answer was kept."""
    return [turn.answer if turn.answer is not None else turn.question for turn in turns]
