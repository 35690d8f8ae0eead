"""An HTTP server on 127.0.0.1 that speaks enough of the OpenAI protocol for the real clients.

It serves ``POST /v1/chat/completions`` (JSON, or SSE when the request says ``"stream": true``)
and ``POST /v1/embeddings``, so the ``openai`` / ``langchain-openai`` clients talk to it over a
real socket. What a chat request gets is decided by :meth:`LoopbackOpenAIServer.respond`, which a
subclass writes: the tests' scripted server (``tests/fakes/openai_server.py``, a queue of replies)
and the eval's scripted model (:mod:`eval.fake_llm`, answers copied from the prompt's passages).
Only the standard library is used; the server runs in a thread of the calling process.

A reply may also be a failure (:data:`FAILURE_MODES`):

- ``"429"``: HTTP 429 with an OpenAI error body (``Retry-After: 0``).
- ``"500"``: HTTP 500 with an OpenAI error body.
- ``"malformed"``: HTTP 200, ``application/json``, a truncated JSON body.
- ``"garbage"``: HTTP 200, ``application/json``, bytes that are not JSON at all.
- ``"stall"``: accepts the request and sends nothing for ``stall_seconds``; the server stops
  stalling at once when it is stopped.

``respond`` returning None answers HTTP 500 ("no reply"). Embeddings are deterministic unit vectors
derived from a hash of each input text (``embedding_dim`` dimensions); they carry no meaning beyond
"same text, same vector".
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAILURE_MODES = ("429", "500", "malformed", "garbage", "stall")

__all__ = ["FAILURE_MODES", "LoopbackOpenAIServer", "RecordedRequest", "Reply"]


@dataclass(frozen=True)
class Reply:
    """One chat reply: text (streamed in ``chunks`` if given, else one piece per character), or a failure."""

    text: str = ""
    chunks: tuple[str, ...] | None = None
    failure: str = ""  # one of FAILURE_MODES, or "" for a normal reply

    def pieces(self) -> tuple[str, ...]:
        return self.chunks if self.chunks is not None else tuple(self.text)


@dataclass(frozen=True)
class RecordedRequest:
    """A request the server received: its path, JSON body and headers (lower-case names)."""

    path: str
    body: dict
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def messages(self) -> list[dict]:
        return list(self.body.get("messages", []))

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    def text(self) -> str:
        """All message contents joined, to assert on what the prompt said."""
        return "\n".join(str(m.get("content", "")) for m in self.messages)


class LoopbackOpenAIServer:
    """An OpenAI-compatible server on an ephemeral port of 127.0.0.1; subclasses write :meth:`respond`."""

    no_reply_message = "the server has no reply for this request"

    def __init__(self, *, model: str = "fake-model", embedding_dim: int = 8, stall_seconds: float = 5.0) -> None:
        self.model = model
        self.embedding_dim = embedding_dim
        self.stall_seconds = stall_seconds
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def respond(self, request: RecordedRequest) -> Reply | None:
        """The reply to one chat request (already recorded in ``requests``); None: HTTP 500."""
        raise NotImplementedError

    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # -- life cycle ---------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError(f"{type(self).__name__} is not started; call start() or use it as a context manager")
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """What to pass as ``base_url`` (ends in ``/v1``)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self):
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=type(self).__name__, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler ------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _stall(self) -> None:
        self._stopping.wait(self.stall_seconds)

    def _vector(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        raw = [(digest[i % len(digest)] - 127.5) / 127.5 for i in range(self.embedding_dim)]
        norm = math.sqrt(sum(x * x for x in raw)) or 1.0
        return [x / norm for x in raw]


class _Handler(BaseHTTPRequestHandler):
    fake: LoopbackOpenAIServer  # set on the subclass made by LoopbackOpenAIServer.start
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet output
        return

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._error(400, "the request body is not JSON")
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = RecordedRequest(self.path, body, headers)
        self.fake._record(request)
        if self.path.endswith("/chat/completions"):
            self._chat(request)
        elif self.path.endswith("/embeddings"):
            self._embeddings(body)
        else:
            self._error(404, f"no route {self.path}")

    # -- chat ---------------------------------------------------------------------------------------

    def _chat(self, request: RecordedRequest) -> None:
        reply = self.fake.respond(request)
        if reply is None:
            self._error(500, self.fake.no_reply_message)
            return
        if reply.failure:
            self._failure(reply.failure)
            return
        if request.stream:
            self._stream(reply)
            return
        self._json(200, {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.fake.model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": reply.text},
                "finish_reason": "stop",
                "logprobs": None,
            }],
            "usage": {"prompt_tokens": 10, "completion_tokens": len(reply.text), "total_tokens": 10 + len(reply.text)},
        })

    def _stream(self, reply: Reply) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        first = {"role": "assistant", "content": ""}
        events = [self._chunk(first, None)]
        events += [self._chunk({"content": piece}, None) for piece in reply.pieces()]
        events.append(self._chunk({}, "stop"))
        try:
            for event in events:
                self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode("utf-8"))
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the client went away (its timeout); nothing to tell it
        self.close_connection = True

    def _chunk(self, delta: dict, finish_reason: str | None) -> dict:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.fake.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}],
        }

    def _failure(self, mode: str) -> None:
        if mode == "429":
            self._error(429, "Rate limit reached; slow down", extra_headers={"Retry-After": "0"})
        elif mode == "500":
            self._error(500, "internal error in the fake server")
        elif mode == "malformed":
            self._raw(200, b'{"id": "chatcmpl-fake", "object": "chat.completion", "choices": [{"index": 0, "mess')
        elif mode == "garbage":
            self._raw(200, b"\x00\xffnot json at all <html>\xfe")
        elif mode == "stall":
            self.fake._stall()
            try:
                self._error(504, "the fake server stalled")
            except (BrokenPipeError, ConnectionResetError):
                return

    # -- embeddings ---------------------------------------------------------------------------------

    def _embeddings(self, body: dict) -> None:
        inputs = body.get("input", [])
        if isinstance(inputs, str):
            inputs = [inputs]
        data = []
        for index, item in enumerate(inputs):
            text = item if isinstance(item, str) else json.dumps(item)  # token lists hash as their JSON
            data.append({"object": "embedding", "index": index, "embedding": self.fake._vector(text)})
        self._json(200, {
            "object": "list",
            "data": data,
            "model": body.get("model", self.fake.model),
            "usage": {"prompt_tokens": len(inputs), "total_tokens": len(inputs)},
        })

    # -- plumbing -----------------------------------------------------------------------------------

    def _json(self, status: int, payload: dict, extra_headers: dict[str, str] | None = None) -> None:
        self._raw(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), extra_headers)

    def _raw(self, status: int, data: bytes, extra_headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _error(self, status: int, message: str, extra_headers: dict[str, str] | None = None) -> None:
        payload = {"error": {"message": message, "type": "fake_error", "param": None, "code": str(status)}}
        self._json(status, payload, extra_headers)
