"""Logging for a program (the command line, the page): configured once, in one place.

Library code only logs (``logging.getLogger(__name__)``); the program that runs it decides what is
shown. One handler on the root logger writes to stderr, and the level is set on that handler as well as
on the root: some libraries pin their own logger to DEBUG when imported (bm25s: "Building index
from IDs objects"), and the handler's level still drops those records. jieba goes further and prints
through a handler of its own ("Building prefix dict…"); that handler is detached, so jieba's
records, too, go through the one handler.
"""

from __future__ import annotations

import logging
import sys

FORMAT = "%(levelname)s %(name)s: %(message)s"
TIMED_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _ProgramHandler(logging.StreamHandler):
    """The handler ``configure_logging`` installs (recognised, and replaced, when called again).

    It writes to whatever ``sys.stderr`` is when a record is emitted, as logging's own last-resort
    handler does, so a program (or a test) that swaps stderr never leaves it writing to a closed stream.
    """

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:  # StreamHandler.__init__ assigns it; stderr is always looked up
        pass


def configure_logging(level: int = logging.WARNING, fmt: str = FORMAT) -> None:
    """Send every logger's records at ``level`` and above to stderr, once.

    Calling it again replaces the earlier configuration (it never adds a second handler).
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _ProgramHandler)]:
        root.removeHandler(handler)
    handler = _ProgramHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(fmt))
    root.addHandler(handler)
    root.setLevel(level)
    adopt_jieba_logger()


def adopt_jieba_logger() -> None:
    """Detach the stderr handler jieba attaches to its logger at import time, so its records go
    through the program's handler only. jieba is imported here for that (cheap: its dictionary loads
    on first use, not at import)."""
    import jieba  # noqa: F401 - imported for its import-time handler

    logger = logging.getLogger("jieba")
    for handler in [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]:
        logger.removeHandler(handler)
    logger.propagate = True
