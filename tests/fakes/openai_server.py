"""A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI protocol for tests.

It serves ``POST /v1/chat/completions`` (JSON, or SSE when the request says ``"stream": true``)
and ``POST /v1/embeddings``, so the real ``openai`` / ``langchain-openai`` clients talk to it over
a real socket. Replies are scripted: each chat request takes the next item of a queue. The
protocol itself (routes, JSON and SSE bodies, failures, embeddings) is
:class:`eval.openai_loopback.LoopbackOpenAIServer`, shared with the eval's scripted model
(:mod:`eval.fake_llm`); this module adds the queue and the pytest fixture.

    from tests.fakes.openai_server import FakeOpenAIServer, closed_port_url, openai_server

    def test_something(openai_server):            # the fixture: started, stopped after the test
        openai_server.reply("赣州市2024年GDP增长目标为6%左右[1]。")
        openai_server.fail("429")                 # the next request after that gets a 429
        ... ChatOpenAI(base_url=openai_server.base_url, api_key="k", model="fake") ...
        openai_server.requests[0].messages        # what the client sent

Failure modes (``fail(mode)``, see :data:`eval.openai_loopback.FAILURE_MODES`): ``"429"``,
``"500"``, ``"malformed"`` (a truncated JSON body), ``"garbage"`` (not JSON at all), ``"stall"``
(nothing for ``stall_seconds``; set it past the client's timeout).

An endpoint that is *down* is a port nobody listens on: :func:`closed_port_url`.

With an empty queue a chat request gets ``default_reply`` if set, else an HTTP 500 saying the
script ran out (so a test that calls more often than it meant to fails loudly).
Embeddings are deterministic unit vectors derived from a hash of each input text
(``embedding_dim`` dimensions); they carry no meaning beyond "same text, same vector".
"""

from __future__ import annotations

import socket
from collections import deque
from collections.abc import Iterator

import pytest

from eval.openai_loopback import FAILURE_MODES, LoopbackOpenAIServer, RecordedRequest, Reply

__all__ = ["FAILURE_MODES", "FakeOpenAIServer", "RecordedRequest", "Reply", "closed_port_url", "openai_server"]


class FakeOpenAIServer(LoopbackOpenAIServer):
    """A scripted OpenAI-compatible server on an ephemeral port of 127.0.0.1."""

    no_reply_message = "the fake server has no scripted reply left"

    def __init__(self, *, model: str = "fake-model", embedding_dim: int = 8, stall_seconds: float = 5.0) -> None:
        super().__init__(model=model, embedding_dim=embedding_dim, stall_seconds=stall_seconds)
        self.default_reply: str | None = None
        self._queue: deque[Reply] = deque()

    # -- scripting ----------------------------------------------------------------------------------

    def reply(self, text: str, chunks: list[str] | tuple[str, ...] | None = None) -> None:
        """Queue a normal reply; when streamed it arrives in ``chunks`` (default: per character)."""
        with self._lock:
            self._queue.append(Reply(text=text, chunks=tuple(chunks) if chunks is not None else None))

    def fail(self, mode: str, times: int = 1) -> None:
        """Queue ``times`` failures of one of :data:`FAILURE_MODES`."""
        if mode not in FAILURE_MODES:
            raise ValueError(f"unknown failure mode {mode!r}; expected one of {', '.join(FAILURE_MODES)}")
        with self._lock:
            self._queue.extend(Reply(failure=mode) for _ in range(times))

    def pending(self) -> int:
        """Scripted replies not yet used."""
        with self._lock:
            return len(self._queue)

    def respond(self, request: RecordedRequest) -> Reply | None:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.default_reply is not None:
            return Reply(text=self.default_reply)
        return None


def closed_port_url() -> str:
    """A ``base_url`` on a port of 127.0.0.1 that nothing listens on: the endpoint is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAIServer]:
    """A started :class:`FakeOpenAIServer` (``stall_seconds=5``), stopped after the test.

    Import it into a test module (``from tests.fakes.openai_server import openai_server``) or a
    conftest to use it.
    """
    with FakeOpenAIServer() as server:
        yield server
