"""Where the words of a Chinese text begin and end, by jieba's dictionary.

A name found inside a longer word is not that name: 康保 (a county) in 健康保障, 资中 in 投资中心,
市中 in 城市中. Only dictionary words count (jieba without its HMM guesser), so a name the
dictionary does not know (海拉尔) is split into characters and never straddles a boundary.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # imported on first use: it loads its dictionary (about 1 s)

    with _lock:
        jieba.initialize()
    return jieba


def word_boundaries(text: str) -> tuple[int, ...]:
    """Offsets in ``text`` where a word begins or ends, ascending (0 and ``len(text)`` included)."""
    offsets = [0]
    for word in _jieba().cut(text, HMM=False):
        offsets.append(offsets[-1] + len(word))
    return tuple(offsets)
