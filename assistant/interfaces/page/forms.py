"""Form values in and out of the page: filter choices, chat history, login, uploads, progress."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from assistant.core.errors import ConfigError

ALL = "全部 all"
_ALL_WORDS = {"", ALL.lower(), "全部", "all", "any", "none", "不限"}


def region_choices(coverage: Mapping[str, Sequence[int]]) -> list[str]:
    """"All" and every region of the index (documents whose region is unknown have none to choose)."""
    return [ALL, *sorted(region for region in coverage if region)]


def year_choices(coverage: Mapping[str, Sequence[int]], region: str | None = None) -> list[str]:
    """The report years of one region, or of all regions; newest first."""
    if region:
        years = set(coverage.get(region, ()))
    else:
        years = {y for ys in coverage.values() for y in ys}
    return [ALL, *(str(y) for y in sorted(years, reverse=True))]


def parse_region(value: object) -> str | None:
    """A dropdown/API region value: ``None`` for "all"."""
    text = str(value or "").strip()
    return None if text.lower() in _ALL_WORDS else text


def parse_year(value: object) -> int | None:
    """A dropdown/API year value ("2024", 2024, "全部 all", "") -> int or ``None``.

    Raises ``ValueError`` with a readable message for anything else.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().removesuffix("年")
    if text.lower() in _ALL_WORDS:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    raise ValueError(f"年份无效 invalid year {value!r}: use a year such as 2024, or leave it empty for all years")


def message_text(content: object) -> str:
    """The text of a chat message's content: a string (gradio_client) or a list of parts (browser)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, Mapping):
        if "text" in content:
            return str(content.get("text") or "")
        return message_text(content.get("content"))
    if isinstance(content, Sequence):
        return "".join(message_text(part) for part in content)
    return str(content)


def normalise_history(history: Sequence[object] | None) -> list[dict[str, str]]:
    """Chat history as ``[{"role", "content": str}]`` whatever shape it arrived in."""
    messages: list[dict[str, str]] = []
    for message in history or []:
        if isinstance(message, Mapping):
            role = str(message.get("role") or "assistant")
            messages.append({"role": role, "content": message_text(message.get("content"))})
        else:  # ChatMessage-like objects
            role = str(getattr(message, "role", "assistant"))
            messages.append({"role": role, "content": message_text(getattr(message, "content", ""))})
    return messages


def parse_auth(auth: str) -> tuple[str, str] | None:
    """``"user:password"`` -> ``(user, password)``; empty -> ``None`` (no login)."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError('auth must look like "user:password" (set ASSISTANT_AUTH or auth in assistant.toml)')
    return user.strip(), password


def upload_paths(files: object) -> list[str]:
    """Paths of what a ``gr.File`` handed over: nothing, one path, or a list of paths/file objects."""
    if not files:
        return []
    if isinstance(files, (str, os.PathLike)):
        return [str(files)]
    return [str(getattr(f, "name", f)) for f in files]  # type: ignore[union-attr]


def progress_reporter(progress) -> Callable[[int, int, str], None] | None:
    """An ingest progress callback ``(done, total, label)`` that drives a ``gr.Progress`` bar."""
    if progress is None:
        return None

    def report(done: int, total: int, label: str) -> None:
        if total <= 0:  # a state, such as waiting for another ingest of the index
            progress(0.0, desc=label)
            return
        progress((done, total), desc=f"嵌入 embedding {label}", unit="passages")

    return report
