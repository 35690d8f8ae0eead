"""The page's helpers (the page itself is app.py): form values, rendering, safe uploads, the indicators tab.

Only the page imports this package; the runtime (assistant.api, readers, retrieval) never does.
"""

from assistant.interfaces.page.forms import (
    ALL,
    message_text,
    normalise_history,
    parse_auth,
    parse_region,
    parse_year,
    progress_reporter,
    region_choices,
    upload_paths,
    year_choices,
)
from assistant.interfaces.page.render import (
    NO_SOURCES,
    answer_markdown,
    chat_text,
    document_window,
    error_markdown,
    esc,
    filters_label,
    highlight,
    inference_note,
    ingest_markdown,
    metadata_markdown,
    missing_fields_note,
    quote_in_passage,
    sources_html,
    sources_panel,
    status_line,
)
from assistant.interfaces.page.theme import CSS
from assistant.interfaces.page.uploads import accept_uploads, is_inside, refusal, safe_filename, store_upload

__all__ = [
    "ALL",
    "CSS",
    "NO_SOURCES",
    "accept_uploads",
    "answer_markdown",
    "chat_text",
    "document_window",
    "error_markdown",
    "esc",
    "filters_label",
    "highlight",
    "inference_note",
    "ingest_markdown",
    "is_inside",
    "message_text",
    "metadata_markdown",
    "missing_fields_note",
    "normalise_history",
    "parse_auth",
    "parse_region",
    "parse_year",
    "progress_reporter",
    "quote_in_passage",
    "refusal",
    "region_choices",
    "safe_filename",
    "sources_html",
    "sources_panel",
    "status_line",
    "store_upload",
    "upload_paths",
    "year_choices",
]
