"""The knowledge tables: data files under ``assistant/knowledge/data/``, loaded once, extendable.

Each table is one file: TOML for named lists and small tables, TSV (tab-separated, a header
row, ``#`` comment lines) for long lists of rows. A folder of user additions
(``Settings.knowledge_dir``, ``ASSISTANT_KNOWLEDGE_DIR``) may hold files of the same names;
they extend the built-in tables:

* TOML: a list gets the user's items appended (each once), a table gets the user's keys
  (merged the same way when both sides are tables), a single value is replaced.
* TSV: the user's rows are appended; the header must name the same columns.

See ``assistant/knowledge/README.md`` for what each file holds and how to add a synonym or a
county. Every file is read once per process (``functools.lru_cache``); :func:`use_additions`
points the tables at another folder and forgets what was read.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assistant.core.errors import ConfigError

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

T = TypeVar("T")

_additions: Path | None = None
_caches: list[Callable] = []


def cached(function):
    """``functools.lru_cache`` whose cache :func:`use_additions` clears: for everything built from a table."""
    wrapped = functools.lru_cache(maxsize=None)(function)
    _caches.append(wrapped)
    return wrapped


def use_additions(folder: str | Path | None) -> None:
    """Extend the built-in tables with the files in ``folder`` (None: the built-in tables only)."""
    global _additions
    folder = Path(folder).expanduser() if folder else None
    if folder is not None and not folder.is_dir():
        raise ConfigError(f"knowledge_dir {folder} is not a folder; create it or unset ASSISTANT_KNOWLEDGE_DIR")
    if folder == _additions:
        return
    _additions = folder
    for cache in _caches:
        cache.cache_clear()
    logger.info("knowledge tables: built-in%s", f" + additions from {folder}" if folder else " only")


def additions_folder() -> Path | None:
    return _additions


def _files(name: str) -> list[Path]:
    files = [DATA_DIR / name]
    if _additions is not None and (_additions / name).is_file():
        files.append(_additions / name)
    return files


@cached
def toml_table(name: str) -> dict:
    """The TOML table ``name`` (e.g. ``"indicators.toml"``), the user's additions merged in."""
    merged: dict = {}
    for path in _files(name):
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"knowledge table {path} cannot be read: {error}") from error
        merged = _merge(merged, data)
    return merged


def _merge(base: dict, extra: dict) -> dict:
    result = dict(base)
    for key, value in extra.items():
        old = result.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            result[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            result[key] = old + [item for item in value if item not in old]
        else:
            result[key] = value
    return result


@cached
def tsv_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the TSV table ``name`` as dicts by column, the user's rows after the built-in ones."""
    rows: list[dict[str, str]] = []
    columns: list[str] | None = None
    for path in _files(name):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise ConfigError(f"knowledge table {path} cannot be read: {error}") from error
        numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
        if not numbered:
            continue
        header = [c.strip() for c in numbered[0][1].split("\t")]
        if columns is not None and header != columns:
            raise ConfigError(f"{path} has the columns {header}; the built-in {name} has {columns}")
        columns = header
        for number, line in numbered[1:]:
            cells = [cell.strip() for cell in line.split("\t")]
            if len(cells) > len(header):
                raise ConfigError(f"{path} line {number} has {len(cells)} cells; the header names {len(header)}")
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return tuple(rows)


def strings(value: object, where: str, what: str = "words") -> tuple[str, ...]:
    """``value`` (a table entry) as a tuple of non-empty strings; a ConfigError saying ``where`` ``must be a
    list of`` ``what`` when it is not a list of them."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"{where} must be a list of {what}")
    return tuple(value)


def word_lists(name: str, of: type[T]) -> T:
    """The TOML table ``name`` as the frozen dataclass ``of``, one field per entry: a list of words (a
    ``frozenset`` or a ``tuple``, by the field's type) or, for a ``str`` field, a string of characters. An
    entry the dataclass does not name is a ConfigError."""
    table = toml_table(name)
    names = [field.name for field in dataclasses.fields(of)]
    values = {}
    for field in dataclasses.fields(of):
        value = table.get(field.name)
        if field.type == "str":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{name}: {field.name} must be a string of characters")
            values[field.name] = value
        else:
            words = strings(value, f"{name}: {field.name}")
            values[field.name] = words if field.type.startswith("tuple") else frozenset(words)
    unknown = sorted(set(table) - set(names))
    if unknown:
        raise ConfigError(f"{name}: unknown list(s) {', '.join(unknown)}; valid: {', '.join(names)}")
    return of(**values)
