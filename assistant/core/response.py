"""A streamed answer: iterate it for text as it is produced; then it holds the final ``Answer``.

    response = bot.stream("赣州2024年GDP增长目标是多少？")
    for chunk in response:
        print(chunk, end="", flush=True)
    response.answer     # the final, verified Answer with its citations
    response.replaced   # True when the final text differs from what was streamed: show the Answer

Reading ``answer`` (or ``text()``) before the iteration ended finishes it first, without
printing anything; iterating a finished response replays its chunks.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

from assistant.core.datatypes import Answer


class Response:
    """Text chunks, then an :class:`Answer` (``chunks`` yields the text and returns the Answer)."""

    def __init__(self, chunks: Generator[str, None, Answer]) -> None:
        self._chunks = chunks
        self._seen: list[str] = []
        self._answer: Answer | None = None

    @classmethod
    def of(cls, answer: Answer) -> "Response":
        """A response that streams a finished answer's text in one chunk."""
        return cls(_whole(answer))

    def __iter__(self) -> Iterator[str]:
        if self._answer is not None:
            yield from self._seen
            return
        while True:
            try:
                chunk = next(self._chunks)
            except StopIteration as stop:
                if not isinstance(stop.value, Answer):
                    raise RuntimeError("the answer stream ended without a final Answer") from None
                self._answer = stop.value
                return
            self._seen.append(chunk)
            yield chunk

    @property
    def answer(self) -> Answer:
        """The final Answer (its text is what to show, even where it differs from the stream)."""
        if self._answer is None:
            for _ in self:
                pass
        assert self._answer is not None  # __iter__ sets it or raises
        return self._answer

    def text(self) -> str:
        """The text as it was streamed."""
        self.answer  # noqa: B018 - finish the stream first
        return "".join(self._seen)

    @property
    def replaced(self) -> bool:
        """Whether the final answer's text differs from the streamed text (a failed verification,
        an endpoint that failed mid-way): the page and the CLI then show the final text."""
        return self.answer.text != self.text()


def _whole(answer: Answer) -> Generator[str, None, Answer]:
    yield answer.text
    return answer
