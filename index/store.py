"""Chroma as the system of record: passages with their vectors, and a registry of documents.

Two collections:
- ``passages``: one record per passage (id = content hash), its vector, its text and flat metadata.
- ``documents``: the registry, one record per ingested document (id = content hash of the original
  text), holding the original text (so quotes can be cut from it and the keyword index rebuilt) and
  ``n_passages``. A document counts as indexed only once its registry record exists, and that
  record is written after all its passages: a crash mid-document leaves orphan passages that
  :meth:`PassageStore.repair` removes, never a half-indexed document.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.core.datatypes import Document, DocumentMeta, FieldSource, Level, Passage
from assistant.core.errors import IndexMismatchError, IndexUnavailableError
from assistant.core.settings import Settings

logger = logging.getLogger(__name__)

PASSAGES = "passages"
# Bumped when cleaning, chunking or indicator extraction changes what a document yields: documents
# indexed under another version are indexed again at the next ingest (their unchanged passages are
# embedded from the cache). 2: lines broken by web links are joined (index.cleaning). 3: a web
# library's licence notice at the end of a text is deleted. 4: "力争到2027年" dates the targets of its
# paragraph (index.figure_kinds); 本市 inside 资本市场 no longer makes a text a city's (index.metadata).
# 5: figures in Chinese numerals (二千八百七十亿元, 百分之六) enter the indicator table.
PROCESSING_VERSION = "5"
DOCUMENTS = "documents"
HNSW = {"space": "cosine", "ef_search": 200, "ef_construction": 200}
_REGISTRY_VECTOR = [1.0]  # the registry holds no meaningful vectors; Chroma needs one anyway
_WRITE_BATCH = 1000
REGISTRY_MAX_AGE = 1.0  # seconds a registry read is reused without a check (see PassageStore.records)
REGISTRY_MAX_REUSE = 60.0  # seconds a read is reused while the registered ids have not changed


@dataclass(frozen=True)
class DocumentRecord:
    """A registry entry: what is indexed for one document."""

    doc_id: str
    meta: DocumentMeta
    n_passages: int
    path: str
    ingested_at: float
    processing: str = ""  # the PROCESSING_VERSION it was indexed under


def meta_to_chroma(meta: DocumentMeta, provenance: bool = False) -> dict[str, str | int]:
    """Flat metadata for Chroma: no None values, ints for years (0 = unknown). ``provenance`` (how
    each field was found, as JSON) is kept in the registry only, not on every passage."""
    flat: dict[str, str | int] = {
        "source": meta.source,
        "title": meta.title,
        "region": meta.region,
        "province": meta.province,
        "level": meta.level.value,
        "year": meta.year or 0,
        "doc_type": meta.doc_type,
        "date": meta.date,
        "inferred": ",".join(meta.inferred),
        "issuer": meta.issuer,
    }
    if provenance:
        flat["provenance"] = json.dumps(
            [[s.field, s.method, s.confidence, s.evidence] for s in meta.provenance], ensure_ascii=False
        )
    return flat


def meta_from_chroma(flat: dict) -> DocumentMeta:
    inferred = str(flat.get("inferred", ""))
    try:
        sources = tuple(FieldSource(str(f), str(m), float(c), str(e)) for f, m, c, e in json.loads(flat.get("provenance") or "[]"))
    except (ValueError, TypeError):
        logger.warning("unreadable provenance of %s in the registry; ignored", flat.get("source"))
        sources = ()
    return DocumentMeta(
        source=str(flat.get("source", "")),
        title=str(flat.get("title", "")),
        region=str(flat.get("region", "")),
        province=str(flat.get("province", "")),
        level=Level.parse(str(flat.get("level", "unknown"))),
        year=int(flat["year"]) if flat.get("year") else None,
        doc_type=str(flat.get("doc_type", "")),
        date=str(flat.get("date", "")),
        inferred=tuple(x for x in inferred.split(",") if x),
        issuer=str(flat.get("issuer", "")),
        provenance=sources,
    )


def passage_from_chroma(
    passage_id: str, text: str, flat: dict, score: float = 0.0, metas: dict[str, DocumentMeta] | None = None
) -> Passage:
    """A Passage from a Chroma record. Passing ``metas`` shares one DocumentMeta per document."""
    doc_id = str(flat.get("doc_id", ""))
    if metas is None:
        meta = meta_from_chroma(flat)
    else:
        meta = metas.get(doc_id) or metas.setdefault(doc_id, meta_from_chroma(flat))
    return Passage(
        id=passage_id,
        doc_id=doc_id,
        text=text,
        meta=meta,
        section=str(flat.get("section", "")),
        start=int(flat.get("start", 0)),
        end=int(flat.get("end", 0)),
        score=score,
    )


def open_client(settings: Settings):
    """An embedded ``PersistentClient`` in the index directory, or an ``HttpClient`` in server mode."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.server_mode:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    path = Path(settings.index_dir) / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailableError(
            f"cannot create the index directory {path}: {error.strerror}; "
            "set ASSISTANT_INDEX_DIR to a writable folder"
        ) from error
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@dataclass(frozen=True)
class _RegistryRead:
    records: list[DocumentRecord]
    read_at: float  # when the metadata was read (monotonic seconds)
    checked_at: float  # when the registered ids were last seen unchanged


class PassageStore:
    """Passages and the document registry in Chroma. Vectors are always passed in, never computed here."""

    def __init__(self, client, embedder_identity: str, dimension: int, *, registered_only: bool = False) -> None:
        """``registered_only``: searches skip passages of unregistered documents (the ``Indexer`` sets it)."""
        self.client = client
        self.registered_only = registered_only
        self.embedder_identity = embedder_identity
        self.dimension = dimension
        self.passages = client.get_or_create_collection(
            PASSAGES,
            configuration={"hnsw": HNSW},
            metadata={"embedder": embedder_identity, "dimension": dimension},
            embedding_function=None,
        )
        self._check_identity()
        self.documents = client.get_or_create_collection(
            DOCUMENTS, configuration={"hnsw": HNSW}, embedding_function=None
        )
        self._registry_lock = threading.Lock()
        self._registry: _RegistryRead | None = None

    def _check_identity(self) -> None:
        recorded = self.passages.metadata or {}
        embedder, dimension = recorded.get("embedder"), recorded.get("dimension")
        if embedder != self.embedder_identity or dimension != self.dimension:
            raise IndexMismatchError(
                f"this index was built with embedder {embedder!r} ({dimension} dimensions) but the "
                f"settings ask for {self.embedder_identity!r} ({self.dimension} dimensions); use the "
                "same embedder, or point ASSISTANT_INDEX_DIR at a new folder and re-ingest"
            )

    # -- writing ---------------------------------------------------------------------------------

    def add_passages(self, passages: Sequence[Passage], vectors: Sequence[Sequence[float]]) -> None:
        for start in range(0, len(passages), _WRITE_BATCH):
            batch = passages[start : start + _WRITE_BATCH]
            self.passages.upsert(
                ids=[p.id for p in batch],
                embeddings=[list(v) for v in vectors[start : start + _WRITE_BATCH]],
                documents=[p.text for p in batch],
                metadatas=[
                    {
                        **meta_to_chroma(p.meta),
                        "doc_id": p.doc_id,
                        "section": p.section,
                        "start": p.start,
                        "end": p.end,
                    }
                    for p in batch
                ],
            )

    def register(self, document: Document, n_passages: int) -> None:
        """Mark a document as completely indexed. Call only after all its passages are written."""
        self.register_many([(document, n_passages)])

    def register_many(self, documents: Sequence[tuple[Document, int]]) -> None:
        """Register several completely written documents in one write.

        Chroma spends about 0.1 s per write call that carries a long text, whatever its size, so
        bulk loads register in batches; the pipeline registers each document as it finishes.
        """
        if not documents:
            return
        self._forget_registry()
        now = time.time()
        self.documents.upsert(
            ids=[document.doc_id for document, _ in documents],
            embeddings=[_REGISTRY_VECTOR for _ in documents],
            documents=[document.original for document, _ in documents],
            metadatas=[
                {**meta_to_chroma(document.meta, provenance=True), "n_passages": n, "path": document.path,
                 "ingested_at": now, "processing": PROCESSING_VERSION}
                for document, n in documents
            ],
        )

    def delete_stale_passages(self, doc_id: str, keep: set[str]) -> int:
        """Delete the passages of ``doc_id`` not in ``keep`` (left by indexing it under other processing)."""
        ids = self.passages.get(where={"doc_id": doc_id}, include=[])["ids"]
        stale = [pid for pid in ids if pid not in keep]
        if stale:
            self.passages.delete(ids=stale)
        return len(stale)

    def update_meta(self, doc_id: str, meta: DocumentMeta) -> int:
        """Give a registered document and its passages new metadata (a user's correction), without
        embedding anything again; returns how many passages were re-tagged."""
        data = self.documents.get(ids=[doc_id], include=["metadatas"])
        if not data["ids"]:
            raise KeyError(doc_id)
        flat = {**data["metadatas"][0], **meta_to_chroma(meta, provenance=True)}
        passages = self.passages.get(where={"doc_id": doc_id}, include=["metadatas"])
        tagged = meta_to_chroma(meta)
        ids = passages["ids"]
        for start in range(0, len(ids), _WRITE_BATCH):
            batch = slice(start, start + _WRITE_BATCH)
            self.passages.update(ids=ids[batch], metadatas=[{**old, **tagged} for old in passages["metadatas"][batch]])
        self.documents.update(ids=[doc_id], metadatas=[flat])
        self._forget_registry()
        return len(ids)

    def delete_document(self, doc_id: str) -> None:
        """Unregister first, so a crash in between leaves orphans (repairable), never a gap."""
        self._forget_registry()
        self.documents.delete(ids=[doc_id])
        self.passages.delete(where={"doc_id": doc_id})

    # -- reading ---------------------------------------------------------------------------------

    def records(self, max_age: float = REGISTRY_MAX_AGE) -> list[DocumentRecord]:
        """The registry: every completely indexed document.

        One answer reads the registry several times (filters, coverage, keyword index freshness),
        and reading every record's metadata costs about 0.3 s at 2,500 documents. So a read younger
        than ``max_age`` seconds is reused as is; an older one is reused while the registered ids
        are unchanged (a cheap ids-only read), up to ``REGISTRY_MAX_REUSE`` seconds. This process's
        own writes forget it at once; another process's new, replaced or removed documents (server
        mode) are seen within ``max_age``.
        """
        now = time.monotonic()
        with self._registry_lock:
            cached = self._registry
        if cached is not None and now - cached.checked_at <= max_age:
            return list(cached.records)
        if cached is not None and max_age > 0 and now - cached.read_at <= REGISTRY_MAX_REUSE:
            if set(self.documents.get(include=[])["ids"]) == {record.doc_id for record in cached.records}:
                with self._registry_lock:
                    if self._registry is cached:
                        self._registry = replace(cached, checked_at=now)
                return list(cached.records)
        read_at = time.monotonic()
        data = self.documents.get(include=["metadatas"])
        records = [
            DocumentRecord(
                doc_id=doc_id,
                meta=meta_from_chroma(flat),
                n_passages=int(flat.get("n_passages", 0)),
                path=str(flat.get("path", "")),
                ingested_at=float(flat.get("ingested_at", 0.0)),
                processing=str(flat.get("processing", "")),
            )
            for doc_id, flat in zip(data["ids"], data["metadatas"])
        ]
        with self._registry_lock:
            self._registry = _RegistryRead(records=records, read_at=read_at, checked_at=read_at)
        return list(records)

    def _forget_registry(self) -> None:
        with self._registry_lock:
            self._registry = None

    def original_text(self, doc_id: str) -> str | None:
        data = self.documents.get(ids=[doc_id], include=["documents"])
        return data["documents"][0] if data["ids"] else None

    def all_passages(self, doc_ids: Iterable[str] | None = None) -> list[Passage]:
        """Every passage (of the given documents), in a stable order: by document, then position."""
        where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids is not None else None
        if doc_ids is not None and not where["doc_id"]["$in"]:
            return []
        passages: list[Passage] = []
        metas: dict[str, DocumentMeta] = {}
        offset = 0
        while True:
            data = self.passages.get(
                where=where, include=["documents", "metadatas"], limit=5000, offset=offset
            )
            passages.extend(
                passage_from_chroma(pid, text, flat, metas=metas)
                for pid, text, flat in zip(data["ids"], data["documents"], data["metadatas"])
            )
            if len(data["ids"]) < 5000:
                break
            offset += 5000
        passages.sort(key=lambda p: (p.doc_id, p.start, p.end, p.id))
        return passages

    def count(self) -> int:
        return self.passages.count()

    def registered_ids(self, max_age: float = REGISTRY_MAX_AGE) -> set[str]:
        """Ids of the documents completely indexed (registered), read as :meth:`records` is."""
        return {record.doc_id for record in self.records(max_age)}

    def query(
        self, vector: Sequence[float], k: int, where: dict | None = None
    ) -> list[Passage]:
        """Nearest passages, best first; ``score`` is cosine similarity (1 - distance).

        With ``registered_only``, passages of a document that is not registered (being ingested by
        another process right now, or left by an interrupted ingest) are never returned: the search
        asks for more neighbours until it has ``k`` registered ones or has seen every passage.
        """
        total = self.passages.count()
        if total == 0:
            return []
        registered = self.registered_ids() if self.registered_only else None
        n = min(k, total)
        while True:
            data = self.passages.query(
                query_embeddings=[list(vector)],
                n_results=n,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
            found = [
                passage_from_chroma(pid, text, flat, score=1.0 - float(distance))
                for pid, text, flat, distance in zip(
                    data["ids"][0], data["documents"][0], data["metadatas"][0], data["distances"][0]
                )
            ]
            kept = found if registered is None else [p for p in found if p.doc_id in registered]
            if len(kept) >= k or len(found) < n or n >= total:
                return kept[:k]
            n = min(total, n * 4)

    # -- consistency -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found: orphan passages, documents whose passage count disagrees, duplicates."""
        problems: list[str] = []
        records = self.records(max_age=0)
        registered = {r.doc_id: r for r in records}
        counts: dict[str, int] = {}
        for passage_meta in self._passage_doc_ids():
            counts[passage_meta] = counts.get(passage_meta, 0) + 1
        for doc_id, n in counts.items():
            if doc_id not in registered:
                problems.append(f"{n} orphan passages of unregistered document {doc_id}")
        for record in records:
            if counts.get(record.doc_id, 0) != record.n_passages:
                problems.append(
                    f"{record.meta.source}: registry says {record.n_passages} passages, "
                    f"store has {counts.get(record.doc_id, 0)}"
                )
        by_source: dict[str, list[DocumentRecord]] = {}
        for record in records:
            by_source.setdefault(record.meta.source, []).append(record)
        for source, versions in by_source.items():
            if len(versions) > 1:
                problems.append(f"{source}: {len(versions)} versions registered")
        return problems

    def repair(self) -> int:
        """Remove orphan passages and superseded versions; returns how many documents were touched."""
        records = self.records(max_age=0)
        registered = {r.doc_id for r in records}
        touched = 0
        for doc_id in set(self._passage_doc_ids()) - registered:
            logger.warning("removing orphan passages of an interrupted ingest (document %s)", doc_id)
            self.passages.delete(where={"doc_id": doc_id})
            touched += 1
        newest: dict[str, DocumentRecord] = {}
        for record in sorted(records, key=lambda r: r.ingested_at):
            previous = newest.get(record.meta.source)
            if previous is not None:
                logger.warning("removing superseded version of %s", record.meta.source)
                self.delete_document(previous.doc_id)
                touched += 1
            newest[record.meta.source] = record
        return touched

    def _passage_doc_ids(self) -> list[str]:
        doc_ids: list[str] = []
        offset = 0
        while True:
            data = self.passages.get(include=["metadatas"], limit=10000, offset=offset)
            doc_ids.extend(str(m.get("doc_id", "")) for m in data["metadatas"])
            if len(data["ids"]) < 10000:
                return doc_ids
            offset += 10000
