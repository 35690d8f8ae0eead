"""A streamed answer: text chunks as they come, then the final Answer."""

from __future__ import annotations

import pytest

from assistant.core.datatypes import Answer
from assistant.core.response import Response

FINAL = Answer(question="q", text="6%左右[1]", abstained=False)


def chunks(*pieces: str, final: Answer | None = FINAL):
    yield from pieces
    return final


def test_iterating_gives_the_chunks_then_the_answer_is_held():
    response = Response(chunks("6%", "左右", "[1]"))
    assert list(response) == ["6%", "左右", "[1]"]
    assert response.answer is FINAL and response.text() == "6%左右[1]" and not response.replaced


def test_the_answer_can_be_read_without_iterating_and_a_finished_response_replays():
    response = Response(chunks("6%", "左右[1]"))
    assert response.answer is FINAL
    assert list(response) == ["6%", "左右[1]"]


def test_a_final_answer_other_than_the_streamed_text_is_marked_replaced():
    response = Response(chunks("目标为7%[1]。"))
    assert response.answer is FINAL and response.replaced


def test_a_finished_answer_streams_in_one_chunk():
    response = Response.of(FINAL)
    assert list(response) == [FINAL.text] and response.answer is FINAL


def test_a_stream_without_a_final_answer_is_an_error():
    with pytest.raises(RuntimeError, match="without a final Answer"):
        Response(chunks("6%", final=None)).answer
