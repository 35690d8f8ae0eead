"""The indicator table on disk: ``indicators.sqlite`` in the index directory.

Derived data, like the keyword index: it is rebuilt from the reports whenever the index
changes. The pipeline calls :meth:`IndicatorStore.replace_document` after a document is
registered and :meth:`IndicatorStore.delete_document` when one is removed;
:meth:`IndicatorStore.sync` brings an index built before the table existed (or changed behind
its back, e.g. by ``PassageStore.repair``) up to date from the registry's original texts.

Rows are keyed by ``(doc_id, indicator, start, end)``: the indicator and the span of the quote
in the original text. The urban and rural figures of one 分别 sentence end at different figures;
one figure stated for both ("城乡居民人均可支配收入分别增长7.5%") is two rows with one quote. ``documents`` records which documents were extracted, so a report
with no figures is not extracted again and again.

A second table holds the reports' words that a target was missed (``index.verdicts``), which the
ledger reads with the rows.

One connection, guarded by a lock: the page queries the table from several threads.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path

from assistant.core.datatypes import Document, Kind
from assistant.core.errors import IndexUnavailableError
from index.cleaning import clean
from index.indicators import IndicatorRow, extract_indicators
from index.verdicts import Verdict, extract_verdicts

logger = logging.getLogger(__name__)

FILE_NAME = "indicators.sqlite"
SCHEMA_VERSION = 2  # bump when the columns or the key change: the table is dropped and rebuilt by sync()

_COLUMNS = (
    "doc_id", "source", "region", "report_year", "year", "indicator", "indicator_text", "kind", "value",
    "upper", "unit", "qualifier", "direction", "figure_text", "quote", "start", "end",
)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS rows (
    doc_id TEXT NOT NULL, source TEXT NOT NULL, region TEXT NOT NULL, report_year INTEGER, year INTEGER,
    indicator TEXT NOT NULL, indicator_text TEXT NOT NULL, kind TEXT NOT NULL, value REAL NOT NULL,
    upper REAL, unit TEXT NOT NULL, qualifier TEXT NOT NULL, direction TEXT NOT NULL,
    figure_text TEXT NOT NULL, quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, indicator, start, "end")
);
CREATE INDEX IF NOT EXISTS rows_by_indicator ON rows (indicator, year, kind);
CREATE TABLE IF NOT EXISTS verdicts (
    doc_id TEXT NOT NULL, source TEXT NOT NULL, region TEXT NOT NULL, report_year INTEGER, year INTEGER NOT NULL,
    indicator TEXT NOT NULL, quote TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (doc_id, indicator, year, start)
);
CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY);
PRAGMA user_version = {SCHEMA_VERSION};
"""
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _COLUMNS) + " FROM rows"
_VERDICT_COLUMNS = tuple(field.name for field in fields(Verdict))


class IndicatorStore:
    """The indicator rows of every indexed document, queryable by indicator, year, kind and region."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(str(self.path), check_same_thread=False)
            self._create()
        except (OSError, sqlite3.Error) as error:
            raise IndexUnavailableError(
                f"cannot open the indicator table {self.path}: {error}; "
                "set ASSISTANT_INDEX_DIR to a writable folder"
            ) from error

    @classmethod
    def in_index(cls, index_dir: str | Path) -> "IndicatorStore":
        return cls(Path(index_dir) / FILE_NAME)

    def _create(self) -> None:
        with self._lock, self._connection:
            version = self._connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                logger.info("indicator table schema %s is outdated; rebuilding it", version)
                self._connection.executescript(
                    "DROP TABLE IF EXISTS rows; DROP TABLE IF EXISTS verdicts; DROP TABLE IF EXISTS documents;"
                )
            self._connection.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # -- writing ---------------------------------------------------------------------------------

    def replace_document(self, doc_id: str, rows: Sequence[IndicatorRow], verdicts: Sequence[Verdict] = ()) -> None:
        """Make ``rows`` and ``verdicts`` those of ``doc_id`` (all of them belong to it), in one transaction."""
        strangers = {item.doc_id for item in (*rows, *verdicts)} - {doc_id}
        if strangers:
            raise ValueError(f"rows of documents {sorted(strangers)} passed for document {doc_id}")
        values = [tuple(_to_sql(row, column) for column in _COLUMNS) for row in rows]
        placeholders = ", ".join("?" for _ in _COLUMNS)
        columns = ", ".join(f'"{c}"' for c in _COLUMNS)
        verdict_values = [tuple(getattr(v, column) for column in _VERDICT_COLUMNS) for v in verdicts]
        verdict_columns = ", ".join(f'"{c}"' for c in _VERDICT_COLUMNS)
        verdict_placeholders = ", ".join("?" for _ in _VERDICT_COLUMNS)
        with self._lock, self._connection:
            self._connection.execute("DELETE FROM rows WHERE doc_id = ?", (doc_id,))
            self._connection.execute("DELETE FROM verdicts WHERE doc_id = ?", (doc_id,))
            self._connection.executemany(f"INSERT INTO rows ({columns}) VALUES ({placeholders})", values)
            self._connection.executemany(
                f"INSERT INTO verdicts ({verdict_columns}) VALUES ({verdict_placeholders})", verdict_values
            )
            self._connection.execute("INSERT OR IGNORE INTO documents (doc_id) VALUES (?)", (doc_id,))
        logger.debug("indicator table: %d rows, %d verdicts for document %s", len(rows), len(verdicts), doc_id)

    def add_document(self, document: Document) -> int:
        """Extract ``document``'s rows (and its "target not met" verdicts) and store them; returns how many rows."""
        cleaned = clean(document.original)
        rows = extract_indicators(document, cleaned)
        self.replace_document(document.doc_id, rows, extract_verdicts(document, cleaned))
        return len(rows)

    def delete_document(self, doc_id: str) -> None:
        with self._lock, self._connection:
            self._connection.execute("DELETE FROM rows WHERE doc_id = ?", (doc_id,))
            self._connection.execute("DELETE FROM verdicts WHERE doc_id = ?", (doc_id,))
            self._connection.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def sync(self, store) -> int:
        """Match the table to a ``PassageStore``'s registry; returns how many documents changed.

        Documents no longer registered lose their rows; registered documents never extracted
        (an index built before this table existed) are extracted from their original text.
        """
        records = {record.doc_id: record for record in store.records()}
        known = set(self.document_ids())
        changed = 0
        for doc_id in known - set(records):
            self.delete_document(doc_id)
            changed += 1
        for doc_id in sorted(set(records) - known):
            original = store.original_text(doc_id)
            if original is None:
                continue
            record = records[doc_id]
            self.add_document(Document(doc_id, record.meta, original, record.path))
            changed += 1
        if changed:
            logger.info("indicator table: %d documents brought up to date", changed)
        return changed

    def rebuild_all(self, store) -> int:
        """Re-extract every registered document from scratch; returns the number of rows."""
        with self._lock, self._connection:
            self._connection.execute("DELETE FROM rows")
            self._connection.execute("DELETE FROM verdicts")
            self._connection.execute("DELETE FROM documents")
        self.sync(store)
        return len(self.query())

    # -- reading ---------------------------------------------------------------------------------

    def document_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._connection.execute("SELECT doc_id FROM documents ORDER BY doc_id")]

    def query(
        self,
        indicator: str | None = None,
        year: int | None = None,
        kind: Kind | str | None = None,
        regions: Iterable[str] | None = None,
    ) -> list[IndicatorRow]:
        """Rows matching every filter given, by indicator, year, kind, region, then position."""
        clauses, parameters = [], []
        if indicator is not None:
            clauses.append("indicator = ?")
            parameters.append(indicator)
        if year is not None:
            clauses.append("year = ?")
            parameters.append(int(year))
        if kind is not None:
            clauses.append("kind = ?")
            parameters.append(Kind(kind).value)
        if regions is not None:
            wanted = list(regions)
            if not wanted:
                return []
            clauses.append(_region_in(wanted))
            parameters.extend(wanted)
        sql = _SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "")
        sql += ' ORDER BY indicator, year, kind, region, source, start, "end"'
        with self._lock:
            records = self._connection.execute(sql, parameters).fetchall()
        return [_from_sql(record) for record in records]


    def verdicts(self, regions: Iterable[str] | None = None) -> list[Verdict]:
        """The "target not met" statements (``index.verdicts``), by region, year, indicator and position."""
        sql = "SELECT " + ", ".join(f'"{c}"' for c in _VERDICT_COLUMNS) + " FROM verdicts"
        parameters: list[object] = []
        if regions is not None:
            wanted = list(regions)
            if not wanted:
                return []
            sql += " WHERE " + _region_in(wanted)
            parameters.extend(wanted)
        sql += ' ORDER BY region, year, indicator, source, start'
        with self._lock:
            records = self._connection.execute(sql, parameters).fetchall()
        return [Verdict(*record) for record in records]


def _region_in(regions: list[str]) -> str:
    """The SQL condition "region is one of these" (one ? per region)."""
    return f"region IN ({', '.join('?' for _ in regions)})"


def _to_sql(row: IndicatorRow, column: str) -> object:
    value = getattr(row, column)
    return value.value if isinstance(value, Kind) else value


def _from_sql(record: tuple) -> IndicatorRow:
    values = dict(zip(_COLUMNS, record))
    values["kind"] = Kind(values["kind"])
    return IndicatorRow(**values)
