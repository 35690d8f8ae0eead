"""Start the real page (build_app + launch_app) on 127.0.0.1 with a free port, for tests."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.core.settings import Settings


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_settings(index_dir: Path, **overrides: object) -> Settings:
    """Settings for a test page: no environment, no TOML file, localhost and a free port."""
    return Settings.load(env={}, config_file=None).with_overrides(
        index_dir=Path(index_dir), host="127.0.0.1", port=free_port(), **overrides
    )


@contextmanager
def running_page(assistant, settings: Settings) -> Iterator[str]:
    """The page served in this process; yields its URL and closes it afterwards."""
    import app

    demo = app.build_app(assistant, settings)
    app.launch_app(demo, settings, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://{settings.host}:{settings.port}/"
    finally:
        demo.close()
