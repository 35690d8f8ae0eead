"""Reading report files: decoding, the manifest, and metadata inference.

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
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from assistant.core.datatypes import Document, DocumentMeta, FileFailure, Level, content_hash
from assistant.core.errors import ManifestError, UnreadableFileError, UnsupportedFormatError
from assistant.knowledge.gazetteer import builtin_gazetteer
from assistant.knowledge.regions import cities
from assistant.knowledge.years import DATELINE, YEAR_IN_TEXT, YEAR_OF_TEXT
from index import formats
from index.cleaning import clean

logger = logging.getLogger(__name__)

READERS: dict[str, Callable[[Path, int | None], str]] = {}  # filled below, after read_text


NATIONAL_MARKERS = ("全国", "国务院", "中华人民共和国")
TITLE_KEYWORDS = ("报告", "要点", "政府工作", "公报", "决议", "纲要", "计划")
TITLE_ENDINGS = ("报告", "要点", "公报", "决议", "纲要", "摘登", "节选", "摘要", "）", ")")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、．.])")
MANIFEST_FIELDS = ("title", "region", "province", "level", "year", "doc_type", "date")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CHINESE_OR_ASCII = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\s“”‘’—…·]")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗)$")  # 沛县, 歙县: one-character names too
_NOT_PLACES = frozenset({"城市", "都市", "地区", "市区", "山区", "社区", "园区", "景区", "小区", "街区", "辖区"})
_TITLE_PLACE = re.compile(
    r"^((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{1,7}?(?:市|自治州|盟))?"
    r"(?:[\u4e00-\u9fff]{1,7}?(?:区|县|旗))?)(?=\d|[（(]|人民政府|政府|国民|关于|$)"
)


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


def meta_from_manifest(row: dict, file_name: str, text: str) -> DocumentMeta:
    """Metadata from a manifest row; empty or invalid fields are inferred and listed in ``inferred``."""
    values = {key: str(row.get(key) or "").strip() for key in MANIFEST_FIELDS}
    guess = infer_meta(text, file_name)
    inferred: list[str] = []

    level = Level.UNKNOWN
    if values["level"]:
        try:
            level = Level.parse(values["level"])
        except ValueError as error:
            logger.warning("%s: %s in the manifest; inferring the level instead", file_name, error)
    year: int | None = None
    if values["year"]:
        try:
            year = int(values["year"])
        except ValueError:
            logger.warning("%s: year %r in the manifest is not a number; inferring it", file_name, values["year"])

    def pick(name: str, given: object, empty: object) -> object:
        if given != empty:
            return given
        fallback = getattr(guess, name)
        if fallback != empty:
            inferred.append(name)
        return fallback

    return DocumentMeta(
        source=file_name,
        title=pick("title", values["title"], ""),
        region=pick("region", values["region"], ""),
        province=pick("province", values["province"], ""),
        level=pick("level", level, Level.UNKNOWN),
        year=pick("year", year, None),
        doc_type=pick("doc_type", values["doc_type"], ""),
        date=pick("date", values["date"], ""),
        inferred=tuple(inferred),
    )


def infer_meta(text: str, file_name: str) -> DocumentMeta:
    """Metadata guessed from the file name and the text; every field found is listed in ``inferred``."""
    lines = [line for line in clean(text[:20000]).text.split("\n") if line]
    stem = Path(file_name).stem
    title = infer_title(lines) or stem
    region = infer_region(stem, title, text)
    province = infer_province(region)
    level = infer_level(region)
    year = infer_year(stem, title, text)
    doc_type = infer_doc_type(f"{stem} {title}")
    date = infer_date(lines)
    values = {
        "title": title, "region": region, "province": province, "level": level,
        "year": year, "doc_type": doc_type, "date": date,
    }  # fmt: skip
    inferred = [name for name, value in values.items() if value not in ("", None, Level.UNKNOWN)]
    return DocumentMeta(source=file_name, inferred=tuple(inferred), **values)  # type: ignore[arg-type]


def infer_title(lines: list[str]) -> str:
    """The first title-like line near the top, joined with the other lines of its title block."""
    for index, line in enumerate(lines[:30]):
        stripped = line.strip().lstrip("—-")
        if not (6 <= len(stripped) <= 90) or not any(key in stripped for key in TITLE_KEYWORDS):
            continue
        if any(mark in stripped for mark in "。，,；;:：!！") or _NUMBERED.match(stripped):
            continue  # a sentence or a heading that mentions a plan, not a title
        if line.strip().startswith("—"):
            before = lines[index - 1].strip() if index else ""
            return f"{before}——{stripped}" if _title_fragment(before) else stripped
        first, last = index, index
        while first > 0 and _title_fragment(lines[first - 1]) and not _title_complete(lines[first - 1]):
            first -= 1
        while not _title_complete("".join(lines[first : last + 1])) and last + 1 < len(lines) and _title_fragment(lines[last + 1]):
            last += 1
        title = "".join(part.strip() for part in lines[first : last + 1])
        return title if len(title) <= 120 else stripped
    return ""


def _title_complete(text: str) -> bool:
    return text.strip().endswith(TITLE_ENDINGS)


def _title_fragment(line: str) -> bool:
    """A short line of a title broken over several lines (no punctuation, not a session header)."""
    line = line.strip()
    return 4 <= len(line) <= 30 and not any(mark in line for mark in "。，,；;:：!！") and "会议" not in line and "人大" not in line


def infer_region(stem: str, title: str, text: str) -> str:
    """Region from the file name ("2024_景德镇市珠山区_…"), the title's leading place name, or the text."""
    for part in re.split(r"[_\s\-]+", stem):
        if _PLACE.match(part) and not part.startswith(("第", "关于", "全", "本", "我")) and part not in _NOT_PLACES:
            return part
    if any(marker in title or marker in stem for marker in NATIONAL_MARKERS[1:]):
        return "全国"
    match = _TITLE_PLACE.match(title.lstrip("—- "))
    if match and len(match.group(1)) >= 3:
        return match.group(1)
    return _region_from_text(text[:5000])


def _region_from_text(head: str) -> str:
    """The most mentioned city of the gazetteer's table near the top (Jiangxi's), with one of its
    districts/counties if the text says 我区/全区."""
    best, best_count = "", 0
    for city, _ in cities():
        count = head.count(city) + head.count(city[:-1])
        if count > best_count:
            best, best_count = city, count
    if not best:
        return ""
    if any(marker in head for marker in ("我区", "全区", "本区", "我县", "全县", "本县")):
        places = Counter(re.findall(rf"{best}([\u4e00-\u9fff]{{2,4}}?[区县])", head))
        if places:
            return best + places.most_common(1)[0][0]
    return best


def infer_province(region: str) -> str:
    if not region or region == "全国":
        return ""
    match = re.match(r"^([\u4e00-\u9fff]{2,7}?(?:省|自治区))", region)
    if match:
        return match.group(1)
    for city, province in cities():
        if region.startswith((city, city[:-1])):
            return province
    return ""


def infer_level(region: str) -> Level:
    """The gazetteer's level for the region name (``Gazetteer.level_of``): 旗 is a county, a 市 below
    a city a county-level city, 北京市 a province."""
    return builtin_gazetteer().level_of(region) if region else Level.UNKNOWN


def infer_year(stem: str, title: str, text: str) -> int | None:
    """Delivery year: a leading year in the file name, else the year of the dateline ("——2024年2月21日在…"),
    else the latest year in the title, else from the text.

    A title such as "…2022年…执行情况与2023年…计划草案的报告" names the reviewed and the planned
    year; the report is delivered in the later one. From the text alone: the most mentioned year,
    or the year after it when that is mentioned at least half as often (a report reviews one year
    and plans the next).
    """
    leading = YEAR_IN_TEXT.match(stem)
    if leading:
        return int(leading.group(1))
    dated = infer_date([line for line in text[:3000].split("\n") if line.strip()])
    if dated:
        return int(dated[:4])
    title_years = [int(year) for year in YEAR_OF_TEXT.findall(title)]
    if title_years:
        return max(title_years)
    counts = Counter(int(year) for year in YEAR_OF_TEXT.findall(text))
    if not counts:
        return None
    year, count = counts.most_common(1)[0]
    if counts.get(year + 1, 0) * 2 >= count:
        return year + 1
    return year


def infer_doc_type(name_and_title: str) -> str:
    if "政府工作报告" in name_and_title:
        return "政府工作报告"
    if "计划" in name_and_title and "报告" in name_and_title:
        return "计划报告"
    if "统计公报" in name_and_title:
        return "统计公报"
    if "决议" in name_and_title:
        return "决议"
    return "other"


def infer_date(lines: list[str]) -> str:
    """The date of delivery from a dateline near the top ("——2024年2月21日在…会议上")."""
    for line in lines[:15]:
        if line.startswith("—") or "会议" in line:
            match = DATELINE.search(line)
            if match:
                year, month, day = (int(part) for part in match.groups())
                return f"{year:04d}-{month:02d}-{day:02d}"
    return ""
