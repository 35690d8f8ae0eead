"""Ingestion: files -> documents -> passages -> vectors -> Chroma, then the derived keyword index.

Each document is written in one order: passages, then its registry record, then the removal of any
older version of the same file. Killing the process at any point leaves orphans that the next run
repairs, and the next run skips every document that is already registered (same content hash).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from assistant.core.datatypes import Document, DocumentMeta, FileFailure, IngestReport
from assistant.core.errors import AssistantError, IndexUnavailableError
from assistant.core.settings import Settings
from assistant.knowledge.tables import use_additions
from index import chunking, loading, metadata
from index.embeddings import CachedEmbeddings, EmbeddingCache, embedder_identity, make_embedder
from index.indicator_store import IndicatorStore
from index.keyword import KeywordIndex, registry_fingerprint
from index.lock import ingest_lock
from index.store import PROCESSING_VERSION, PassageStore, open_client

logger = logging.getLogger(__name__)

# progress(done, total, label): called as passages are embedded; total 0 means the label is a state
# (waiting for another process's ingest of the index), not a count
Progress = Callable[[int, int, str], None]


class Indexer:
    """Owns the store, the embedding cache and the keyword index of one index directory (or server)."""

    def __init__(self, settings: Settings, embedder=None, client=None) -> None:
        self.settings = settings
        use_additions(settings.knowledge_dir)  # the user's additions to the knowledge tables, process-wide
        self._inner_embedder = embedder
        self._client = client
        self._store: PassageStore | None = None
        self._embeddings: CachedEmbeddings | None = None
        self._keyword: KeywordIndex | None = None
        self._indicators: IndicatorStore | None = None
        self._indicators_fingerprint = ""
        self._lock = threading.RLock()  # lazy components and the keyword index
        self._ingest_lock = threading.Lock()  # one ingest at a time in this process; queries go on meanwhile

    # -- components, created on first use ---------------------------------------------------------

    @property
    def embeddings(self) -> CachedEmbeddings:
        with self._lock:
            if self._embeddings is None:
                inner = self._inner_embedder or make_embedder(self.settings)
                cache = EmbeddingCache(self.settings.embedding_cache_path)
                self._embeddings = CachedEmbeddings(inner, cache)
            return self._embeddings

    @property
    def store(self) -> PassageStore:
        with self._lock:
            if self._store is None:
                client = self._client or open_client(self.settings)
                dimension = len(self.embeddings.embed_query("维度"))
                self._store = PassageStore(
                    client, embedder_identity(self.embeddings.inner), dimension, registered_only=True
                )
            self._check_store_file()
            return self._store

    def _check_store_file(self) -> None:
        """Refuse to go on when the embedded index's database file was deleted under a running process.

        Chroma keeps the deleted file open (and caches it per folder for every client of the
        process), so without this check answers would come from a ghost and ingests would be
        written where nothing survives a restart. Not checked in server mode or with a given client.
        """
        if self._client is not None or self.settings.server_mode:
            return
        database = Path(self.settings.index_dir) / "chroma" / "chroma.sqlite3"
        if not database.is_file():
            raise IndexUnavailableError(
                f"the index in {self.settings.index_dir} was deleted or moved while the assistant was running; "
                "restart the app to rebuild it (the bundled reports are indexed again on start) and re-upload "
                "any reports added through the page"
            )

    @property
    def indicators(self) -> IndicatorStore:
        """The indicator table (``indicators.sqlite``), brought up to date whenever the registry changed
        (another process may have ingested into the same Chroma server)."""
        with self._lock:
            if self._indicators is None:
                self._indicators = IndicatorStore.in_index(self.settings.index_dir)
            current = self._registry_fingerprint()
            if current != self._indicators_fingerprint:
                self._indicators.sync(self.store)
                self._indicators_fingerprint = current
            return self._indicators

    def _registry_fingerprint(self, records=None) -> str:
        return registry_fingerprint(self.store.records() if records is None else records)

    def keyword_index(self) -> KeywordIndex:
        """The keyword index for the documents registered now; rebuilt from the store if stale.

        Checked on every call, so an app sees documents another process registered without a
        restart. Only registered documents are indexed: passages of a document still being written
        (or left by an interrupted ingest) are not searchable.
        """
        with self._lock:
            records = self.store.records()
            registered = {record.doc_id for record in records}
            current = self._registry_fingerprint(records)  # metadata included: a correction re-tags
            if self._keyword is not None and self._keyword.fingerprint == current:
                return self._keyword
            path = self.keyword_path()
            loaded = KeywordIndex.load(path, current)
            if loaded is None:
                started = time.perf_counter()
                passages = [p for p in self.store.all_passages() if p.doc_id in registered]
                loaded = KeywordIndex(passages, current)
                logger.info(
                    "keyword index rebuilt: %d passages in %.1fs", len(loaded), time.perf_counter() - started
                )
                try:
                    loaded.save(path)
                except OSError as error:
                    logger.warning("could not save the keyword index to %s: %s", path, error)
            self._keyword = loaded
            return loaded

    def keyword_path(self) -> Path:
        """Where the keyword index is saved: a local file of this process's index directory (also in server mode)."""
        return Path(self.settings.index_dir) / "keyword" / "bm25.pkl"

    # -- ingestion --------------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        manifest: str | Path | None = None,
        *,
        prune: bool = False,
        progress: Progress | None = None,
        overrides: dict[str, dict[str, str]] | None = None,
    ) -> IngestReport:
        """Index files and folders. Unreadable files are reported; the rest of the batch goes on.

        ``overrides`` maps a file name to manifest-style fields (title, region, year...) that win over
        the manifest and over inference (the page's upload form uses it).
        """
        started = time.perf_counter()
        paths = [Path(p) for p in paths]
        files, failures = loading.discover_files(paths)
        rows = self._manifest_rows(paths, manifest, failures)
        for name, fields in (overrides or {}).items():
            rows[name] = {**rows.get(name, {}), **{k: v for k, v in fields.items() if v}}
        with self._ingest_lock, self._writer(progress):
            store = self.store
            store.repair()
            registered = {r.doc_id: r for r in store.records(max_age=0)}
            documents: list[Document] = []
            unchanged: list[str] = []
            for path in files:
                try:
                    document = loading.load_document(
                        path, rows.get(path.name), max_bytes=self.settings.max_file_bytes
                    )
                except (AssistantError, OSError, UnicodeError, ValueError) as error:
                    logger.warning("skipping %s: %s", path, error)
                    failures.append(FileFailure(str(path), str(error)))
                    continue
                record = registered.get(document.doc_id)
                if record is not None:
                    document = _keep_corrections(document, record.meta)
                if record is not None and record.meta == document.meta and record.processing == PROCESSING_VERSION:
                    unchanged.append(document.meta.source)
                else:
                    documents.append(document)
            added, indexed, embedded = self._index_documents(documents, registered, failures, progress)
            removed = self._prune(paths, files) if prune else []
            self._keyword = None
            self.keyword_index()
            self.indicators.sync(store)  # documents removed by repair() or pruning lose their rows
        report = IngestReport(
            added=tuple(added),
            unchanged=tuple(unchanged),
            failed=tuple(failures),
            removed=tuple(removed),
            passages_indexed=indexed,
            passages_embedded=embedded,
            seconds=time.perf_counter() - started,
        )
        logger.info("ingest: %s", report.summary())
        return report

    def _writer(self, progress: Progress | None = None):
        """The index's inter-process writer lock (index/lock.py): another process's ingest is waited for."""

        def waiting(message: str) -> None:
            if progress is not None:
                progress(0, 0, message)

        return ingest_lock(self.settings.index_dir, self.settings.ingest_wait_seconds, on_wait=waiting)

    def _manifest_rows(
        self, paths: list[Path], manifest: str | Path | None, failures: list[FileFailure]
    ) -> dict[str, dict[str, str]]:
        candidates = [Path(manifest)] if manifest else [p / "manifest.csv" for p in paths if p.is_dir()]
        rows: dict[str, dict[str, str]] = {}
        for candidate in candidates:
            if not candidate.is_file():
                if manifest:
                    failures.append(FileFailure(str(candidate), "manifest not found"))
                continue
            try:
                rows.update(loading.load_manifest(candidate))
            except (AssistantError, OSError, UnicodeError) as error:
                logger.warning("manifest %s not used: %s", candidate, error)
                failures.append(FileFailure(str(candidate), f"manifest not used: {error}"))
        return rows

    def _index_documents(self, documents, registered, failures, progress):
        store, embeddings, table = self.store, self.embeddings, self.indicators
        chunked = []
        for document in documents:
            passages = chunking.chunk_document(document)
            if not passages:
                failures.append(FileFailure(document.path, "no text left after cleaning"))
                continue
            chunked.append((document, passages))
        total = sum(len(passages) for _, passages in chunked)
        done = 0
        added: list[str] = []
        computed_before = embeddings.computed
        for document, passages in chunked:

            def advance(n: int, _label=document.meta.source) -> None:
                nonlocal done
                done += n
                if progress:
                    progress(done, total, _label)

            vectors = embeddings.embed_documents([p.indexed_text for p in passages], progress=advance)
            store.add_passages(passages, vectors)
            store.register(document, len(passages))
            if document.doc_id in registered:  # the same text indexed again: drop what it yielded before
                store.delete_stale_passages(document.doc_id, {p.id for p in passages})
            logger.info("registered %s (%d passages)", document.meta.source, len(passages))
            table.add_document(document)
            for old in registered.values():
                if old.meta.source == document.meta.source and old.doc_id != document.doc_id:
                    store.delete_document(old.doc_id)
                    table.delete_document(old.doc_id)
            added.append(document.meta.source)
        return added, total, embeddings.computed - computed_before

    def _prune(self, paths: list[Path], files: list[Path]) -> list[str]:
        """Remove documents whose file was under one of ``paths`` and is gone (or no longer a report
        file there). Documents from elsewhere (other folders, the page's uploads) are kept."""
        given = [p.resolve() for p in paths]
        present = {f.resolve() for f in files}
        removed = []
        table = self.indicators
        for record in self.store.records():
            if not record.path:
                continue
            where = Path(record.path).resolve()
            inside = any(where == root or root in where.parents for root in given)
            if inside and where not in present:
                self.store.delete_document(record.doc_id)
                table.delete_document(record.doc_id)
                removed.append(record.meta.source)
        return removed

    def update_metadata(self, doc_id: str, meta: DocumentMeta) -> int:
        """Store corrected metadata for a registered document: its registry record, its passages
        (re-tagged, not re-embedded), its rows of the indicator table and the keyword index."""
        with self._ingest_lock, self._writer():
            store = self.store
            original = store.original_text(doc_id)
            if original is None:
                raise KeyError(doc_id)
            path = next((r.path for r in store.records(max_age=0) if r.doc_id == doc_id), "")
            count = store.update_meta(doc_id, meta)
            self.indicators.add_document(Document(doc_id, meta, original, path))
            with self._lock:
                self._keyword = None
        logger.info("metadata of %s corrected: %d passages re-tagged", meta.source, count)
        return count

    def remove(self, source: str) -> bool:
        """Delete a document (by file name) from the index. Returns False if it was not indexed."""
        with self._ingest_lock, self._writer(), self._lock:
            matches = [r for r in self.store.records() if r.meta.source == source]
            for record in matches:
                self.store.delete_document(record.doc_id)
                self.indicators.delete_document(record.doc_id)
            self._keyword = None
            return bool(matches)


def _keep_corrections(document: Document, registered: DocumentMeta) -> Document:
    """The document with the fields a user corrected in its registered metadata: re-ingesting an
    unchanged file keeps them (a changed file is a new document and is read afresh)."""
    corrected = {s.field: getattr(registered, s.field) for s in registered.provenance if s.method == metadata.USER}
    if not corrected:
        return document
    return replace(document, meta=metadata.with_values(document.meta, corrected, metadata.USER))
