"""Load, in the background, what the first question would otherwise wait for.

jieba builds its prefix dictionary on first use (about 2.5 s here), the keyword index is read from
disk, the embedder loads its model and Chroma opens its collection. The page starts this thread as it
starts, so the page is served at once and the first question finds everything loaded.
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger(__name__)

WARM_UP_QUESTION = "2024年地区生产总值增长目标是多少？"


def warm_up(assistant) -> threading.Thread:
    """Start a daemon thread that parses and searches one question (nothing is answered or shown)."""

    def run() -> None:
        started = time.perf_counter()
        try:
            assistant.retrieve(assistant.parse(WARM_UP_QUESTION))
        except Exception:  # an optimisation only: the first question loads whatever is still missing
            logger.exception("warm-up failed; the first question will load what it needs")
            return
        logger.info("warm-up done in %.1fs: jieba, keyword index, embedder and store loaded", time.perf_counter() - started)

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread
