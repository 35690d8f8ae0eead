"""Readers for the formats that are not plain text: HTML pages, PDF text layers and Word documents.

Each reader has the signature of ``index.loading.READERS``: ``(path, max_bytes) -> text``. The text
it returns *is* the document's ``original``: the registry stores it, passages point into it, and
every quote is an exact substring of it (not of the HTML source or of the PDF file).

* HTML (``.html``/``.htm``): the main text only. Scripts, styles, navigation, headers, footers,
  forms and elements whose class or id names site chrome (menu, breadcrumb, share...) are dropped.
  When the page marks its content (``<article>``, ``<main>``, or a container such as
  ``div#zoom`` / ``div.TRS_Editor`` used by Chinese government sites) only that is kept.
  Paragraphs, headings and list items become lines; a table row becomes one line with a tab
  between cells. The bytes are decoded like a text file (UTF-8, UTF-16, GB18030, detection).
* PDF: the text layer, read with pypdf, page by page. Pages are joined with ``"\\n\\f"``: the form
  feed marks where a page starts, so the page of any offset is derivable from the original text
  itself (:func:`page_at`, :func:`page_starts`) and nothing else has to be stored. Cleaning
  deletes the form feed and rejoins lines broken by the layout. An encrypted, truncated or
  image-only PDF raises :class:`UnreadableFileError` with the reason.
* DOCX: paragraphs and tables in document order, table rows as tab-separated cells.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
from pathlib import Path

from assistant.core.errors import UnreadableFileError

logger = logging.getLogger(__name__)

PAGE_BREAK = "\f"  # starts every page of a PDF but the first; see page_at()
_PAGE_JOIN = "\n" + PAGE_BREAK

# Elements never part of the main text.
_HTML_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "header",
    "footer", "aside", "form", "button", "select", "input", "textarea", "head", "title",
)  # fmt: skip
# class/id words that mark site chrome (matched as whole words of the attribute, case-insensitive).
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|header|sidebar|share|toolbar|"
    r"position|location|banner|copyright|pagination|pager|related|print|skip|topbar|search)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Containers of the main text, best first: semantic tags, then what government CMSs use.
_CONTENT_SELECTORS = (
    "article", "main", "[role=main]", "#zoom", ".TRS_Editor", "#UCAP-CONTENT", ".article-content",
    "#content", ".content", ".article",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tbody "
    "thead tfoot caption figure figcaption center address".split()
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # HTML collapses ASCII whitespace; \u3000 and nbsp stay


# -- shared helpers --------------------------------------------------------------------------------


def read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, refused by its size before anything is read (a 200 MB file is never loaded)."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise UnreadableFileError(
            f"{path} is too large ({size} bytes, the limit is {max_bytes}); "
            "split it or raise max_file_bytes (ASSISTANT_MAX_FILE_BYTES)"
        )
    data = path.read_bytes()
    if not data:
        raise UnreadableFileError(f"{path} is empty; export the report's text into it")
    return data


def _require_text(text: str, path: Path, what: str) -> str:
    if not text.strip():
        raise UnreadableFileError(f"{path} has no text ({what}); export the report's text as .txt")
    return text


def page_starts(original: str) -> list[int]:
    """Offsets in a PDF document's original text where pages 1, 2, ... start."""
    return [0] + [match.start() for match in re.finditer(PAGE_BREAK, original)]


def page_at(original: str, offset: int) -> int:
    """The 1-based page of a PDF document that holds ``original[offset]`` (1 for other formats)."""
    return bisect.bisect_right(page_starts(original), offset)


# -- HTML --------------------------------------------------------------------------------------------


def read_html(path: Path, max_bytes: int | None = None) -> str:
    """The main text of an HTML page, one line per paragraph or table row (cells tab-separated)."""
    from bs4 import BeautifulSoup

    from index.loading import read_text  # decoding as for text files; imported here to avoid a cycle

    path = Path(path)
    markup = read_text(path, max_bytes)
    soup = BeautifulSoup(markup, "html.parser")
    root = soup.body or soup
    for element in [*root.find_all(_HTML_DROP_TAGS), *root.find_all(_is_chrome)]:
        if not element.decomposed:  # not already gone with a dropped ancestor
            element.decompose()
    root = _content_root(root)
    lines: list[str] = []
    _html_lines(root, lines, [])
    text = "\n".join(line for line in (line.strip(" ") for line in lines) if line.strip())
    return _require_text(text, path, "the page has no main text")


def _is_chrome(tag) -> bool:
    """An element whose class or id names site chrome (but never one holding the page's <h1>)."""
    words = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(words and _CHROME_WORDS.search(words)) and tag.find("h1") is None


def _content_root(root):
    """The element holding the main text, when the page marks one that holds most of the text."""
    total = len(root.get_text(strip=True))
    for selector in _CONTENT_SELECTORS:
        candidates = root.select(selector)
        if not candidates:
            continue
        best = max(candidates, key=lambda tag: len(tag.get_text(strip=True)))
        if total and len(best.get_text(strip=True)) >= 0.3 * total:
            return best
    return root


def _html_lines(node, lines: list[str], current: list[str]) -> None:
    """Walk the tree: text joins the current line; block elements, <br> and table rows end it."""
    from bs4 import Comment, NavigableString, Tag

    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            current.append(_HTML_SPACE.sub(" ", str(child)))
        elif isinstance(child, Tag):
            name = child.name.lower()
            if name == "br":
                _flush(lines, current)
            elif name == "tr":
                _flush(lines, current)
                cells = [_cell_text(cell) for cell in child.find_all(["td", "th"], recursive=False)]
                if any(cells):
                    lines.append("\t".join(cells))
            elif name in _BLOCK_TAGS:
                _flush(lines, current)
                _html_lines(child, lines, current)
                _flush(lines, current)
            else:
                _html_lines(child, lines, current)


def _cell_text(cell) -> str:
    return _HTML_SPACE.sub(" ", cell.get_text(" ")).strip()


def _flush(lines: list[str], current: list[str]) -> None:
    if current:
        lines.append("".join(current))
        current.clear()


# -- PDF ---------------------------------------------------------------------------------------------


def read_pdf(path: Path, max_bytes: int | None = None) -> str:
    """The text layer, page by page; pages after the first start with a form feed (see page_at)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    path = Path(path)
    data = read_bytes(path, max_bytes)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFileError(
                f"{path} is an encrypted PDF that needs a password; save an unprotected copy and ingest that"
            )
        pages = [(page.extract_text() or "") for page in reader.pages]
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableFileError(
            f"{path} is not a readable PDF (truncated or damaged: {error}); download it again or export it as .txt"
        ) from error
    text = _PAGE_JOIN.join(page.replace("\r\n", "\n").replace("\r", "\n") for page in pages)
    logger.debug("%s: %d PDF pages, %d characters", path, len(pages), len(text))
    return _require_text(text, path, "a scanned PDF without a text layer needs OCR first")


# -- DOCX --------------------------------------------------------------------------------------------


def read_docx(path: Path, max_bytes: int | None = None) -> str:
    """Paragraphs and tables in document order; a table row is one line, cells tab-separated."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    data = read_bytes(path, max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableFileError(
            f"{path} is not a readable .docx file ({error}); open and save it again in Word, or export it as .txt"
        ) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.extend(_docx_table_rows(block))
        else:
            lines.append(block.text)
    text = "\n".join(line for line in lines if line.strip())
    return _require_text(text.replace("\r\n", "\n").replace("\r", "\n"), path, "the document is empty")


def _docx_table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell is repeated for every grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


# Report-like files found in a folder that are not read: reported as failures with what to do.
UNSUPPORTED_DOCUMENTS = {
    ".doc": "old Word .doc files are not read; save it as .docx or .txt",
    ".wps": "WPS .wps files are not read; save it as .docx or .txt",
    ".rtf": ".rtf files are not read; save it as .docx or .txt",
    ".odt": ".odt files are not read; save it as .docx or .txt",
    ".xls": "spreadsheets are not read; export the report text as .txt",
    ".xlsx": "spreadsheets are not read; export the report text as .txt",
    ".ppt": "slides are not read; export the report text as .txt",
    ".pptx": "slides are not read; export the report text as .txt",
}

READERS = {".html": read_html, ".htm": read_html, ".pdf": read_pdf, ".docx": read_docx}
