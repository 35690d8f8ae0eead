"""Reading report files: decoding and the manifest (metadata inference is ``index.metadata``).

``Document.original`` is the decoded text with universal newlines (``\\r\\n`` and ``\\r``
become ``\\n``, as Python's text mode does) and without a byte-order mark; every quote
and passage span refers to it.

New formats are added to ``READERS`` (suffix -> function returning the text).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from assistant.core.datatypes import Document, FileFailure, content_hash
from assistant.core.errors import ManifestError, UnreadableFileError, UnsupportedFormatError
from index import formats
from index.metadata import MANIFEST_FIELDS, infer_meta, meta_from_manifest

logger = logging.getLogger(__name__)

READERS: dict[str, Callable[[Path, int | None], str]] = {}  # filled below, after read_text


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CHINESE_OR_ASCII = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\s“”‘’—…·]")


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 with BOM, GBK/GB18030."""
    path = Path(path)
    data = formats.read_bytes(path, max_bytes)
    if not data.strip():
        raise UnreadableFileError(f"{path} is empty; export the report's text into it")
    text = _decode(data, path)
    if not text.strip():  # only a byte-order mark, or UTF-16 whitespace
        raise UnreadableFileError(f"{path} is empty; export the report's text into it")
    if _control_share(text) > 0.1:
        raise UnreadableFileError(f"{path} looks like a binary file, not text; export the report as .txt")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.replace("-sig", ""))
            except UnicodeDecodeError as error:
                raise UnreadableFileError(f"{path} starts with a {encoding} byte-order mark but is not {encoding}: {error}") from error
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _plausible_chinese(text):
            return text
    except UnicodeDecodeError:
        pass
    return _decode_by_detection(data, path)


def _decode_utf16_without_bom(data: bytes, path: Path) -> str:
    """NUL bytes: UTF-16 text without a BOM (if it decodes to plausible Chinese text), or a binary file."""
    if len(data) % 2 == 0:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _plausible_chinese(text):
                return text
    raise UnreadableFileError(f"{path} contains NUL bytes: it is a binary file, not text; export the report as .txt")


def _decode_by_detection(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes  # only needed for unusual encodings

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnreadableFileError(
            f"{path} is not UTF-8, UTF-16 or GB18030 text and its encoding could not be detected; "
            "save it as UTF-8"
        )
    logger.info("%s decoded as %s (detected)", path, best.encoding)
    return str(best)


def _plausible_chinese(text: str) -> bool:
    """Most characters are Chinese, ASCII or common punctuation: the decoding is not mojibake."""
    if not text:
        return False
    sample = text[:20000]
    good = len(_CHINESE_OR_ASCII.findall(sample))
    return good >= 0.9 * len(sample)


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\n\r\t\f\v")
    return controls / len(sample)


READERS.update({".txt": read_text, ".md": read_text})
READERS.update(formats.READERS)  # .html/.htm, .pdf, .docx
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)


def load_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Rows of a manifest CSV keyed by file name (the last row wins for a repeated file)."""
    path = Path(path)
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if "file" not in columns:
        raise ManifestError(
            f"manifest {path} has no 'file' column (its columns: {', '.join(columns) or 'none'}); "
            "add a header row starting with 'file'"
        )
    rows: dict[str, dict[str, str]] = {}
    for number, raw in enumerate(reader, start=2):
        row = {
            (key or "").strip().lower(): (value or "").strip()
            for key, value in raw.items()
            if key is not None and not isinstance(value, list)
        }
        name = Path(row.get("file", "")).name
        if not name:
            logger.warning("manifest %s line %d has no file name; skipped", path, number)
            continue
        if name in rows:
            logger.warning("manifest %s lists %s again on line %d; the later row wins", path, name, number)
        rows[name] = row
    return rows


def load_document(path: Path, manifest_row: dict | None = None, max_bytes: int | None = None) -> Document:
    """Read one report file; metadata from the manifest row, the rest inferred."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(
            f"{path.name}: {path.suffix or 'no suffix'} files are not read; supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    text = reader(path, max_bytes)
    if manifest_row:
        meta = meta_from_manifest(manifest_row, path.name, text)
    else:
        meta = infer_meta(text, path.name)
    return Document(doc_id=content_hash(text), meta=meta, original=text, path=str(path))


def discover_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileFailure]]:
    """Report files under the given paths: directories are walked (sorted), manifests and hidden files skipped."""
    files: list[Path] = []
    failures: list[FileFailure] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if any(part.startswith(".") for part in relative.parts) or not candidate.is_file():
                    continue
                if candidate.suffix.lower() in SUPPORTED_SUFFIXES and not _is_manifest(candidate):
                    files.append(candidate)
                elif candidate.suffix.lower() in formats.UNSUPPORTED_DOCUMENTS:  # a report we cannot read: say so
                    failures.append(FileFailure(str(candidate), formats.UNSUPPORTED_DOCUMENTS[candidate.suffix.lower()]))
        elif path.is_file():
            if _is_manifest(path):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                failures.append(
                    FileFailure(str(path), f"unsupported format {path.suffix or '(no suffix)'}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
                )
        else:
            failures.append(FileFailure(str(path), "no such file or directory"))
    unique = list(dict.fromkeys(files))
    return unique, failures


def _is_manifest(path: Path) -> bool:
    return path.name.lower().startswith("manifest") and path.suffix.lower() == ".csv"


__all__ = ["MANIFEST_FIELDS", "READERS", "SUPPORTED_SUFFIXES", "discover_files", "infer_meta", "load_document",
           "load_manifest", "meta_from_manifest", "read_text"]
