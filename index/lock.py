"""One writer per index: an inter-process lock around ingests and removals.

Two ``ingest`` commands on one index at the same time would interleave their writes (and the
keyword index and indicator table are rebuilt from what each of them saw). The lock is a file,
``<index_dir>/ingest.lock``, held with the operating system's file lock (the ``filelock``
package), so it is released when its process ends, however it ends: a crashed ingest never
leaves a stale lock. A second writer waits for the first, saying so, and gives up with
``IndexBusyError`` after ``Settings.ingest_wait_seconds``.

Readers (questions) never take the lock. In server mode (a shared ``chroma run``), the lock
covers the processes that share this index directory, not other machines.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.core.errors import IndexBusyError

logger = logging.getLogger(__name__)

LOCK_FILE = "ingest.lock"
OWNER_FILE = "ingest.lock.owner"  # who holds the lock (the lock file itself is truncated by waiters)


def waiting_message(index_dir: Path, owner: str) -> str:
    """What a writer says while it waits (the CLI shows it on stderr, the page in its progress bar)."""
    return f"等待另一个入库完成 waiting for another ingest into {index_dir} to finish ({owner})"


@contextmanager
def ingest_lock(
    index_dir: str | Path, wait_seconds: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the index's writer lock; wait up to ``wait_seconds`` for another process that holds it.

    ``on_wait(message)`` is called once if the lock is taken, before waiting.
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(index_dir / LOCK_FILE, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        message = waiting_message(index_dir, _owner(index_dir))
        logger.warning("%s; waiting up to %.0fs", message, wait_seconds)
        if on_wait is not None:
            on_wait(message)
        started = time.monotonic()
        try:
            lock.acquire(timeout=wait_seconds)
        except Timeout:
            raise IndexBusyError(
                f"another ingest into {index_dir} ({_owner(index_dir)}) still holds the index after "
                f"{wait_seconds:.0f}s; wait for it to finish and try again, or raise ingest_wait_seconds "
                "(ASSISTANT_INGEST_WAIT_SECONDS)"
            ) from None
        logger.warning("the other ingest finished after %.1fs; going on", time.monotonic() - started)
    owner = index_dir / OWNER_FILE
    try:
        owner.write_text(f"pid {os.getpid()}, since {time.strftime('%H:%M:%S')}", encoding="utf-8")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def _owner(index_dir: Path) -> str:
    try:
        return (index_dir / OWNER_FILE).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"
