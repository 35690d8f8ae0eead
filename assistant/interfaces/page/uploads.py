"""Uploaded files: a safe name inside the upload area, never a path the browser chose.

A browser sends whatever file name it likes ("../../etc/passwd", "C:\\x\\报告.txt", names with
control characters or 500 characters). ``safe_filename`` keeps the useful part (Chinese
included) and ``store_upload`` refuses to write anywhere but directly inside the upload folder.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

MAX_NAME_BYTES = 180  # well under the 255-byte limit of common file systems (a CJK char is 3 bytes)
MAX_SUFFIX_CHARS = 10
FALLBACK_STEM = "upload"

logger = logging.getLogger(__name__)

_RESERVED = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_filename(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name without directories, ``..``, control or reserved characters, capped in length.

    >>> safe_filename("../../etc/赣州市 2024\\n报告.txt")
    '赣州市 2024报告.txt'
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]  # strip directories, POSIX or Windows style
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")  # control/format chars
    name = _RESERVED.sub("_", name)
    name = _SPACES.sub(" ", name).strip().strip(".").strip()  # no "..", no hidden files
    stem, dot, suffix = name.rpartition(".")
    if dot and stem and re.fullmatch(rf"[A-Za-z0-9]{{1,{MAX_SUFFIX_CHARS}}}", suffix):
        suffix = suffix.lower()
    else:
        stem, suffix = name, ""
    stem = stem.rstrip(". ") or FALLBACK_STEM
    if stem.lower() in _WINDOWS_DEVICES:
        stem = f"_{stem}"
    ending = f".{suffix}" if suffix else ""
    budget = max(1, max_bytes - len(ending.encode("utf-8")))
    stem = _truncate_utf8(stem, budget).rstrip(". ") or FALLBACK_STEM
    return stem + ending


def _truncate_utf8(text: str, max_bytes: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")


def store_upload(source: str | Path, upload_dir: str | Path, original_name: str | None = None) -> Path:
    """Copy an uploaded temp file into ``upload_dir`` under a safe name; returns the new path.

    A file of the same name is replaced (uploading a report again updates it). The copy is
    written to a temp file first and renamed, so a half-written report is never indexed.
    """
    source = Path(source)
    area = Path(upload_dir).resolve()
    area.mkdir(parents=True, exist_ok=True)
    name = safe_filename(original_name if original_name is not None else source.name)
    target = (area / name).resolve()
    if target.parent != area:
        raise ValueError(f"refusing to write {name!r} outside the upload folder {area}")
    handle, temp = tempfile.mkstemp(dir=area, prefix=".part-")
    os.close(handle)
    try:
        shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path`` is inside ``folder`` (after resolving ``..`` and links)."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


def refusal(path: str | Path, suffixes: set[str] | frozenset[str], max_bytes: int | None = None) -> str | None:
    """Why an uploaded file is refused before it is stored (Chinese and English), or None."""
    allowed = {s.lower() for s in suffixes}
    name = safe_filename(Path(path).name)
    if Path(name).suffix.lower() not in allowed:
        return f"不支持的格式 unsupported format；支持 supported: {', '.join(sorted(allowed))}"
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        return f"无法读取 cannot read the file: {error}"
    if max_bytes is not None and size > max_bytes:
        return (
            f"文件过大，上限 {max_bytes} 字节 too large: {size} bytes, the limit is {max_bytes}; "
            "请拆分文件或提高上限 split it or raise max_file_bytes (ASSISTANT_MAX_FILE_BYTES)"
        )
    return None


def accept_uploads(
    paths: list[str | Path],
    upload_dir: str | Path,
    suffixes: set[str] | frozenset[str],
    max_bytes: int | None = None,
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Store the uploads whose suffix is supported and whose size is at most ``max_bytes``;
    returns (stored paths, [(name, reason)] refused). A refused file is never copied."""
    stored: list[Path] = []
    rejected: list[tuple[str, str]] = []
    for path in paths:
        name = safe_filename(Path(path).name)
        reason = refusal(path, suffixes, max_bytes)
        if reason:
            rejected.append((name, reason))
            continue
        try:
            stored.append(store_upload(path, upload_dir, Path(path).name))
        except (OSError, ValueError) as error:
            logger.warning("could not store upload %s: %s", name, error)
            rejected.append((name, f"无法保存 could not store the file: {error}"))
    return stored, rejected
