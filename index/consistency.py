"""Does the index agree with itself? Registry, dense store and keyword index, checked together.

``python -m assistant check`` runs :func:`check_index`. What it distinguishes:

* **problems**: something a reader could see that is wrong. A registered document whose passages
  are missing or extra, a passage span outside its document's text, or a saved keyword index that
  claims to be current but holds other passages than the store.
* **leftovers**: the harmless remains of an interrupted ingest (``kill -9``, a crash, a power cut):
  passages of a document that was never registered (searches never return them) and an older
  version of a file that was replaced but not yet deleted. The next ingest removes them first;
  ``check --repair`` removes them now.

An index "passes" when it has no problems. Leftovers are expected after an interruption; the
keyword index being stale is expected too (it is rebuilt from the store on next use).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from index.keyword import KeywordIndex, registry_fingerprint

logger = logging.getLogger(__name__)

_PAGE = 10000


@dataclass(frozen=True)
class ConsistencyReport:
    documents: int  # registered
    passages: int  # of registered documents
    problems: tuple[str, ...] = ()
    leftovers: tuple[str, ...] = ()
    keyword: str = ""  # the saved keyword index: "current (N passages)", "stale", "missing"

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verdict = "consistent" if self.ok else f"{len(self.problems)} problem(s)"
        extra = f", {len(self.leftovers)} leftover(s) of an interrupted ingest" if self.leftovers else ""
        return (
            f"{verdict}: {self.documents} documents, {self.passages} passages{extra}; "
            f"keyword index {self.keyword}"
        )


def check_index(indexer) -> ConsistencyReport:
    """Compare the registry, the passages in Chroma and the saved keyword index of an ``Indexer``."""
    store = indexer.store
    registry = store.documents.get(include=["metadatas", "documents"])
    lengths = {doc_id: len(text or "") for doc_id, text in zip(registry["ids"], registry["documents"])}
    records = {r.doc_id: r for r in store.records()}
    spans = _passage_spans(store)
    counts = Counter(doc_id for _, doc_id, _, _ in spans)

    problems: list[str] = []
    leftovers: list[str] = []
    for doc_id, n in sorted(counts.items()):
        if doc_id not in records:
            leftovers.append(f"{n} passages of unregistered document {doc_id} (an interrupted ingest)")
    for record in records.values():
        found = counts.get(record.doc_id, 0)
        if found != record.n_passages:
            problems.append(
                f"{record.meta.source}: the registry says {record.n_passages} passages, the store has {found}; "
                f"re-ingest it"
            )
    for passage_id, doc_id, start, end in spans:
        if doc_id in lengths and not (0 <= start <= end <= lengths[doc_id]):
            problems.append(f"passage {passage_id} spans {start}-{end}, outside its document's text; re-ingest it")
    versions = Counter(record.meta.source for record in records.values())
    for source, n in sorted(versions.items()):
        if n > 1:
            leftovers.append(f"{source}: {n} versions registered (a replacement was interrupted)")

    registered_passages = {pid for pid, doc_id, _, _ in spans if doc_id in records}
    keyword_state, keyword_problem = _check_keyword(indexer, list(records.values()), registered_passages)
    if keyword_problem:
        problems.append(keyword_problem)
    report = ConsistencyReport(
        documents=len(records),
        passages=len(registered_passages),
        problems=tuple(problems),
        leftovers=tuple(leftovers),
        keyword=keyword_state,
    )
    logger.info("consistency: %s", report.summary())
    return report


def repair_index(indexer) -> ConsistencyReport:
    """Remove leftovers, rebuild the keyword index and the indicator table; then check again.

    Do not run it while another process is ingesting into the same index: the document it is
    writing looks like a leftover.
    """
    touched = indexer.store.repair()
    logger.info("repair: %d documents cleaned up", touched)
    indexer.keyword_index()
    indexer.indicators  # noqa: B018 - syncing the indicator table with the registry
    return check_index(indexer)


def _passage_spans(store) -> list[tuple[str, str, int, int]]:
    spans: list[tuple[str, str, int, int]] = []
    offset = 0
    while True:
        data = store.passages.get(include=["metadatas"], limit=_PAGE, offset=offset)
        for passage_id, flat in zip(data["ids"], data["metadatas"]):
            spans.append((passage_id, str(flat.get("doc_id", "")), int(flat.get("start", 0)), int(flat.get("end", 0))))
        if len(data["ids"]) < _PAGE:
            return spans
        offset += _PAGE


def _check_keyword(indexer, records: list, passage_ids: set[str]) -> tuple[str, str]:
    """The saved keyword index: if it claims to match the registry, it must hold exactly its passages."""
    path = indexer.keyword_path()
    if not path.is_file():
        return "missing (built on next use)", ""
    saved = KeywordIndex.load(path, registry_fingerprint(records))
    if saved is None:
        return "stale (rebuilt from the store on next use)", ""
    held = {p.id for p in saved.passages}
    if held != passage_ids:
        return "wrong", (
            f"the keyword index at {path} claims to match the registry but holds {len(held - passage_ids)} "
            f"passages not in the store and misses {len(passage_ids - held)}; delete it (it is rebuilt)"
        )
    return f"current ({len(held)} passages)", ""
