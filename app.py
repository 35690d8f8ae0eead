"""The chat page: a thin Gradio adapter over ``assistant.Assistant``.

    python app.py      # index the bundled reports on first start, then serve on 127.0.0.1:7860

Host, port, login ("user:password"), index and upload folders come from ``Settings``
(ASSISTANT_* environment variables or assistant.toml). Rendering lives in ``assistant.interfaces.page``.
Nothing heavy is imported at module level: gradio loads in ``build_app``/``main``.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from assistant.core.datatypes import Answer, IngestReport
from assistant.core.errors import AssistantError, EmptyQuestionError, QuestionTooLongError
from assistant.core.settings import Settings
from assistant.interfaces.logs import TIMED_FORMAT, configure_logging
from assistant.interfaces.page.conversation import Turn, earlier
from assistant.interfaces.page.theme import CHAT_HEIGHT, HEAD, page_theme
from assistant.interfaces.page import (
    ALL,
    CSS,
    NO_SOURCES,
    accept_uploads,
    answer_markdown,
    chat_text,
    error_markdown,
    inference_note,
    ingest_markdown,
    is_inside,
    metadata_markdown,
    missing_fields_note,
    normalise_history,
    parse_auth,
    parse_region,
    parse_year,
    progress_reporter,
    refusal,
    region_choices,
    safe_filename,
    sources_html,
    sources_panel,
    status_line,
    upload_paths,
    year_choices,
)

logger = logging.getLogger("app")

TITLE = "政府工作报告问答 Government Report Assistant"
EXAMPLES = [
    "赣州2024年GDP增长目标是多少？",
    "What was Ganzhou's 2024 GDP target?",
    "萍乡2024年万元GDP能耗下降目标",
    "珠山区2023年地区生产总值是多少？",
]
EMPTY_QUESTION = "请输入问题 Please type a question"
DOCUMENT_HEADERS = ["标题 Title", "地区 Region", "年份 Year", "类型 Type", "段落 Passages", "文件 File"]
EDITED_FIELDS = ("title", "region", "year", "date", "doc_type", "issuer")


class Page:
    """The page's event handlers. Plain values in and out, so tests can call them directly."""

    def __init__(self, assistant, settings: Settings) -> None:
        self.assistant = assistant
        self.settings = settings

    # -- chat -------------------------------------------------------------------------------------

    def respond(self, question: str, history, region: str, year: str, turns=None) -> Iterator[tuple]:
        """Stream an answer into the chat.

        Yields (question box, chat, sources panel, notice, turns): ``turns`` is the conversation kept
        in the page's state (every answer's sources; the earlier questions for follow-ups).
        """
        import gradio as gr

        turns = list(turns or [])
        messages = normalise_history(history)
        shown = messages + [
            {"role": "user", "content": chat_text((question or "").strip())},
            {"role": "assistant", "content": "…"},
        ]
        yield question, shown, gr.skip(), "", turns
        number = len(turns) + 1
        try:
            response = self._stream(question or "", region, year, turns)
            chunks = iter(response)
            first = next(chunks, "")  # the search and the first text: a failure here is a notice, not an answer
        except (AssistantError, ValueError) as error:
            message = self.problem(question or "", error)
            gr.Warning(message)
            yield question, messages, gr.skip(), chat_text(f"⚠️ {message}"), turns
            return
        messages = shown
        streamed = ""
        panel = sources_panel([(t.number, t.question, t.sources) for t in turns])
        try:
            for chunk in itertools.chain([first], chunks):
                streamed += chunk
                messages[-1]["content"] = chat_text(streamed)
                yield "", messages, panel, "", turns
            answer = response.answer
        except AssistantError as error:
            logger.warning("answering %r failed: %s", question, error)
            messages[-1]["content"] = error_markdown(str(error))
            yield "", messages, panel, "", turns
            return
        except Exception as error:
            logger.exception("answering %r failed", question)
            messages[-1]["content"] = error_markdown("内部错误 Internal error; see the server log")
            yield "", messages, panel, "", turns
            raise gr.Error("内部错误 Internal error; see the server log") from error
        turns = [*turns, Turn(number, question.strip(), answer, self.sources(answer, number))]
        messages[-1]["content"] = answer_markdown(answer, number)
        yield "", messages, sources_panel([(t.number, t.question, t.sources) for t in turns]), "", turns

    def _stream(self, question: str, region: str, year: str, turns):
        """``Assistant.stream`` with the page's filters and the earlier turns (for follow-ups)."""
        return self.assistant.stream(
            question, region=parse_region(region), year=parse_year(year), history=earlier(turns or ())
        )

    def problem(self, question: str, error: Exception) -> str:
        """A question the assistant refused, said in Chinese and English."""
        if isinstance(error, EmptyQuestionError):
            return f"{EMPTY_QUESTION}：{error}"
        if isinstance(error, QuestionTooLongError):
            limit = self.settings.max_question_chars
            return (
                f"问题过长：{len(question.strip())} 字，上限 {limit} 字；请一次只问一个数字。"
                f" The question has {len(question.strip())} characters; the limit is {limit}. "
                "Ask about one figure at a time."
            )
        return str(error)

    def sources(self, answer: Answer, turn: int = 0) -> str:
        originals = {c.source: self.assistant.document_text(c.source) for c in answer.citations}
        return sources_html(answer, originals, turn)

    def ask(self, question: str, region: str = "", year: str = "") -> dict:
        """The ``ask`` API: the answer as ``Answer.to_dict()`` (text, citations, passages, filters applied)."""
        import gradio as gr

        try:
            answer = self.assistant.answer(question or "", region=parse_region(region), year=parse_year(year))
        except (AssistantError, ValueError) as error:
            raise gr.Error(self.problem(question or "", error)) from error
        return answer.to_dict()

    @staticmethod
    def clear() -> tuple:
        """(chat, sources panel, notice, question box, turns): a new conversation."""
        return [], NO_SOURCES, "", "", []

    # -- status and filters -----------------------------------------------------------------------

    def status(self) -> str:
        records = self.assistant.documents()
        return status_line(
            self.settings.reader_status(), self.settings.llm_base_url, len(records), sum(r.n_passages for r in records)
        )

    def document_rows(self) -> list[list]:
        return [
            [r.meta.title, r.meta.region, r.meta.year or "", r.meta.doc_type, r.n_passages, r.meta.source]
            for r in self.assistant.documents()
        ]

    def refresh(self) -> tuple:
        """Everything that depends on what is indexed: (status, table, region, year, delete choice, edit choice)."""
        import gradio as gr

        coverage = self.assistant.coverage()
        return (
            self.status(),
            self.document_rows(),
            gr.update(choices=region_choices(coverage)),
            gr.update(choices=year_choices(coverage)),
            gr.update(choices=self.deletable(), value=None),
            gr.update(choices=[r.meta.source for r in self.assistant.documents()]),
        )

    def metadata_form(self, source: str) -> tuple[str, ...]:
        """How each field of a document was found, and its editable values (title, region, year,
        date, type, issuer) for the correction form."""
        from index.metadata import describe

        record = next((r for r in self.assistant.documents() if r.meta.source == source), None)
        if record is None:
            return ("", *[""] * len(EDITED_FIELDS))
        meta = record.meta
        return (metadata_markdown(describe(meta)), *[str(getattr(meta, name) or "") for name in EDITED_FIELDS])

    def save_metadata(self, source: str, *values: str) -> tuple[str, str]:
        """Save the fields a user changed; (message, the document's fields afterwards)."""
        import gradio as gr

        from index.metadata import describe

        record = next((r for r in self.assistant.documents() if r.meta.source == source), None)
        if record is None:
            gr.Warning("请选择报告 Choose a document")
            return "⚠️ 请选择报告 Choose a document", ""
        changed = {name: (value or "").strip() for name, value in zip(EDITED_FIELDS, values)
                   if (value or "").strip() != str(getattr(record.meta, name) or "")}
        if not changed:
            return "没有修改 Nothing changed", metadata_markdown(describe(record.meta))
        try:
            record = self.assistant.correct(source, changed)
        except AssistantError as error:
            gr.Warning(str(error))
            return f"⚠️ {chat_text(error)}", metadata_markdown(describe(record.meta))
        logger.info("metadata of %s corrected: %s", source, ", ".join(changed))
        fields = "、".join(changed)
        return f"✅ 已保存 saved: `{chat_text(source)}` ({chat_text(fields)})", metadata_markdown(describe(record.meta))

    def years_for(self, region: str):
        import gradio as gr

        return gr.update(choices=year_choices(self.assistant.coverage(), parse_region(region)), value=ALL)

    # -- documents --------------------------------------------------------------------------------

    def prefill(self, files) -> tuple[str, str, str, str]:
        """Title, region, year inferred from the first uploaded file that can be read, and a note
        that says which fields were inferred, which were not, and which files will be refused."""
        paths = upload_paths(files)
        if not paths:
            return "", "", "", ""
        from index import loading

        suffixes = set(loading.SUPPORTED_SUFFIXES)
        refused = {path: refusal(path, suffixes, self.settings.max_file_bytes) for path in paths}
        notes = [f"❌ `{chat_text(safe_filename(Path(p).name))}`: {chat_text(r)}" for p, r in refused.items() if r]
        readable = [path for path in paths if not refused[path]]
        if not readable:
            return "", "", "", "\n\n".join(notes)
        try:
            meta = loading.load_document(Path(readable[0]), None, max_bytes=self.settings.max_file_bytes).meta
        except (AssistantError, OSError, UnicodeError, ValueError) as error:
            notes.append(f"❌ `{chat_text(safe_filename(Path(readable[0]).name))}`: {chat_text(error)}")
            return "", "", "", "\n\n".join(notes)
        if len(readable) > 1:
            notes.insert(0, "多个文件：各文件的元数据分别推断，以下字段不会使用 Several files: each file's metadata is inferred; these fields are ignored.")
        else:
            notes.insert(0, inference_note(meta))
        return meta.title, meta.region, str(meta.year or ""), "\n\n".join(notes)

    def ingest(self, files, title: str, region: str, year: str, progress=None) -> str:
        """Copy uploads into the upload folder under safe names and index them; a per-file report."""
        import gradio as gr

        from index import loading

        paths = upload_paths(files)
        if not paths:
            gr.Warning("请先选择文件 Choose a file first")
            return "⚠️ 请先选择文件 Choose a file first"
        try:
            year_value = parse_year(year)
        except ValueError as error:
            gr.Warning(str(error))
            return f"⚠️ {chat_text(error)}"
        stored, rejected = accept_uploads(
            paths, self.settings.upload_dir, set(loading.SUPPORTED_SUFFIXES), max_bytes=self.settings.max_file_bytes
        )
        if not stored:  # every file refused: nothing to index, so the index is not touched
            return ingest_markdown(IngestReport(), rejected)
        overrides = {}
        if len(paths) == 1 and stored:
            fields = {"title": title, "region": region, "year": str(year_value or "")}
            overrides[stored[0].name] = {k: v.strip() for k, v in fields.items() if v and v.strip()}
        report = self.assistant.ingest(stored, progress=progress_reporter(progress), overrides=overrides)
        logger.info("upload ingested: %s", report.summary())
        records = {r.meta.source: r for r in self.assistant.documents()}
        unplaced = [records[s].meta for s in report.added if s in records]
        return ingest_markdown(report, rejected) + missing_fields_note(unplaced)

    # deleting: only reports added through the page or the command line, never the bundled ones,
    # and only after a confirmation

    def is_bundled(self, record) -> bool:
        return bool(record.path) and is_inside(record.path, self.settings.data_dir)

    def deletable(self) -> list[tuple[str, str]]:
        """(label, source) of the reports the page may delete: every one but the bundled reports."""
        return [
            (f"{r.meta.title} · {r.meta.source}", r.meta.source)
            for r in self.assistant.documents()
            if not self.is_bundled(r)
        ]

    def confirm_delete(self, source: str) -> tuple:
        """The confirmation step: (question shown, confirmation row update, delete result)."""
        import gradio as gr

        if not source:
            return "", gr.update(visible=False), "⚠️ 请选择要删除的报告 Choose a report to delete"
        record = next((r for r in self.assistant.documents() if r.meta.source == source), None)
        if record is None:
            return "", gr.update(visible=False), f"⚠️ 未找到 not found: `{chat_text(source)}`"
        question = (
            f"确定删除《{chat_text(record.meta.title)}》（`{chat_text(source)}`，{record.n_passages} 段）吗？"
            "删除后不能从本页恢复。 Delete this report from the index? This cannot be undone from the page."
        )
        return question, gr.update(visible=True), ""

    def delete(self, source: str) -> str:
        import gradio as gr

        if not source:
            gr.Warning("请选择要删除的报告 Choose a report to delete")
            return "⚠️ 请选择要删除的报告 Choose a report to delete"
        record = next((r for r in self.assistant.documents() if r.meta.source == source), None)
        if record is not None and self.is_bundled(record):
            return (
                f"⚠️ 内置报告不能从页面删除 Bundled reports ({chat_text(self.settings.data_dir)}) "
                f"cannot be deleted from the page: `{chat_text(source)}`"
            )
        if record is None or not self.assistant.remove(source):
            return f"⚠️ 未找到 not found: `{chat_text(source)}`"
        if record.path and is_inside(record.path, self.settings.upload_dir):
            Path(record.path).unlink(missing_ok=True)
        logger.info("removed %s", source)
        return f"🗑️ 已删除 deleted: `{chat_text(source)}`"


def build_app(assistant, settings: Settings):
    """The page as a ``gr.Blocks``; launch it with ``launch_app``."""
    import gradio as gr

    from assistant.interfaces.page.indicators import build_indicators_tab
    from index import loading

    page = Page(assistant, settings)
    coverage = assistant.coverage()
    suffixes = sorted({s.lower() for s in loading.SUPPORTED_SUFFIXES})

    with gr.Blocks(title=TITLE) as demo:
        with gr.Row(elem_id="header", equal_height=True):
            gr.Markdown(f"## {TITLE}", elem_id="page-title")
            status = gr.Markdown(page.status(), elem_id="status-line")
        turns = gr.State([])
        with gr.Tabs(overflow_behavior="wrap", elem_id="tabs"):  # "wrap": on a phone every tab stays in sight
            with gr.Tab("问答 Ask", id="ask"):
                with gr.Row(elem_id="ask-row"):
                    with gr.Column(scale=3, min_width=320):
                        with gr.Row():
                            region = gr.Dropdown(
                                region_choices(coverage), value=ALL, label="地区 Region", elem_id="region-filter"
                            )
                            year = gr.Dropdown(
                                year_choices(coverage), value=ALL, label="报告年份 Report year", elem_id="year-filter"
                            )
                        chatbot = gr.Chatbot(
                            label="对话 Chat",
                            elem_id="chat",
                            height=CHAT_HEIGHT,
                            buttons=["copy", "copy_all"],
                            placeholder="提问政府工作报告中的数字 Ask about figures in the reports",
                        )
                        with gr.Row(elem_id="question-row", equal_height=True):
                            question = gr.Textbox(
                                label="问题 Question",
                                placeholder="例如 e.g. 赣州2024年GDP增长目标是多少？",
                                elem_id="question",
                                max_lines=4,
                                scale=5,
                                min_width=240,
                            )
                            with gr.Column(scale=1, min_width=120, elem_id="question-buttons"):
                                ask_button = gr.Button("提问 Ask", variant="primary", elem_id="ask-button")
                                clear_button = gr.Button("清空 Clear", elem_id="clear-button", size="sm")
                        notice = gr.Markdown(elem_id="notice")
                    with gr.Column(scale=2, min_width=320, elem_id="sources-column"):
                        gr.Markdown("### 来源 Sources", elem_id="sources-heading")
                        sources = gr.HTML(NO_SOURCES, elem_id="sources")
                gr.Examples(EXAMPLES, inputs=question, label="示例问题 Examples")
            with gr.Tab("报告 Documents", id="documents"):
                table = gr.Dataframe(
                    value=page.document_rows(),
                    headers=DOCUMENT_HEADERS,
                    interactive=False,
                    wrap=True,
                    elem_id="documents-table",
                    label="已索引的报告 Indexed reports",
                )
                with gr.Row():
                    files = gr.File(  # no file_types: Gradio would refuse other files in English only
                        label=f"上传报告 Upload reports ({' '.join(suffixes)})",
                        file_count="multiple",
                        elem_id="upload",
                    )
                    with gr.Column():
                        title_in = gr.Textbox(label="标题 Title", elem_id="upload-title")
                        with gr.Row():
                            region_in = gr.Textbox(label="地区 Region", elem_id="upload-region")
                            year_in = gr.Textbox(label="年份 Year", elem_id="upload-year")
                        meta_note = gr.Markdown(elem_id="upload-note")
                        ingest_button = gr.Button("入库 Add to index", variant="primary", elem_id="ingest-button")
                ingest_result = gr.Markdown(elem_id="ingest-result")
                with gr.Row():
                    delete_choice = gr.Dropdown(
                        page.deletable(),
                        value=None,
                        label="删除报告（内置报告不可删除） Delete a report (bundled reports cannot be deleted)",
                        elem_id="delete-choice",
                    )
                    delete_button = gr.Button("删除… Delete…", variant="stop", elem_id="delete-button")
                with gr.Group(visible=False, elem_id="delete-confirm") as confirm_row:
                    confirm_text = gr.Markdown(elem_id="delete-question")
                    with gr.Row():
                        confirm_button = gr.Button("确认删除 Confirm delete", variant="stop", elem_id="confirm-delete")
                        cancel_button = gr.Button("取消 Cancel", elem_id="cancel-delete")
                delete_result = gr.Markdown(elem_id="delete-result")
                gr.Markdown("### 修改元数据 Correct a document's metadata")
                edit_choice = gr.Dropdown(
                    [r.meta.source for r in assistant.documents()], value=None, label="报告 Document", elem_id="edit-choice"
                )
                fields_table = gr.Markdown(elem_id="edit-fields")
                with gr.Row():
                    edit_inputs = [
                        gr.Textbox(label=label, elem_id=f"edit-{name}")
                        for name, label in zip(EDITED_FIELDS, ("标题 Title", "地区 Region", "年份 Year", "日期 Date",
                                                               "类型 Type", "发文机关 Issuer"))
                    ]
                save_button = gr.Button("保存 Save", variant="primary", elem_id="save-metadata")
                save_result = gr.Markdown(elem_id="save-result")
            build_indicators_tab(demo, assistant)

        chat_io = {
            "inputs": [question, chatbot, region, year, turns],
            "outputs": [question, chatbot, sources, notice, turns],
        }
        ask_button.click(page.respond, **chat_io, api_visibility="private")
        question.submit(page.respond, **chat_io, api_visibility="private")
        clear_button.click(page.clear, outputs=[chatbot, sources, notice, question, turns], api_visibility="private")
        region.change(page.years_for, region, year, api_visibility="private")

        refreshed = [status, table, region, year, delete_choice, edit_choice]
        edit_choice.change(page.metadata_form, edit_choice, [fields_table, *edit_inputs], api_visibility="private")
        save_button.click(
            page.save_metadata,
            [edit_choice, *edit_inputs],
            [save_result, fields_table],
            api_visibility="private",
            concurrency_id="index-writes",
            concurrency_limit=1,
        ).then(page.refresh, outputs=refreshed, api_visibility="private")
        files.upload(page.prefill, files, [title_in, region_in, year_in, meta_note], api_visibility="private")

        def ingest(files, title, region_text, year_text, progress=gr.Progress()):  # noqa: B008 - Gradio injects the tracker this way
            return page.ingest(files, title, region_text, year_text, progress), ""  # an old deletion note goes

        ingest_button.click(
            ingest,
            [files, title_in, region_in, year_in],
            [ingest_result, delete_result],
            api_visibility="private",
            concurrency_id="index-writes",
            concurrency_limit=1,
        ).then(page.refresh, outputs=refreshed, api_visibility="private")
        delete_button.click(
            page.confirm_delete, delete_choice, [confirm_text, confirm_row, delete_result], api_visibility="private"
        )

        def delete(source: str):
            # the old upload report goes with the confirmation: it may name the report just deleted
            return page.delete(source), "", gr.update(visible=False)

        confirm_button.click(
            delete,
            delete_choice,
            [delete_result, ingest_result, confirm_row],
            api_visibility="private",
            concurrency_id="index-writes",
            concurrency_limit=1,
        ).then(page.refresh, outputs=refreshed, api_visibility="private")
        cancel_button.click(
            lambda: (gr.update(visible=False), "已取消 Cancelled"),
            outputs=[confirm_row, delete_result],
            api_visibility="private",
        )
        delete_choice.change(lambda: gr.update(visible=False), outputs=confirm_row, api_visibility="private")
        demo.load(page.refresh, outputs=refreshed, api_visibility="private")

        def ask(question: str, region: str = "", year: str = "") -> dict:
            """Answer a question; region/year ("" = all) narrow the search."""
            return page.ask(question, region, year)

        gr.api(ask, api_name="ask")
    return demo


def launch_app(demo, settings: Settings, **options):
    """Queue and launch the page on settings.host:settings.port, with a login if settings.auth is set."""
    auth = parse_auth(settings.auth)
    if auth:
        logger.info("login required (user %s)", auth[0])
    demo.queue(default_concurrency_limit=4)
    return demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        auth=auth,
        max_file_size=settings.max_file_bytes,
        theme=page_theme(),
        css=CSS,
        head=HEAD,
        footer_links=["api"],
        **options,
    )


def main(argv: Sequence[str] | None = None) -> int:
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_OFFLINE"] = "1"
    configure_logging(logging.INFO, TIMED_FORMAT)
    from assistant import Assistant
    from assistant.interfaces.cli import progress_bar
    from assistant.interfaces.page.warmup import warm_up

    try:
        settings = Settings.load()
        assistant = Assistant(settings=settings)
        started = time.perf_counter()
        report = assistant.ensure_index(progress=progress_bar("indexing the bundled reports"))
        if report is not None:
            logger.info("first start: %s", report.summary())
        logger.info("index ready in %.1fs: %d reports", time.perf_counter() - started, len(assistant.documents()))
        warm_up(assistant)  # jieba's dictionary and the rest load while the page starts
        demo = build_app(assistant, settings)
        launch_app(demo, settings)
    except AssistantError as error:
        logger.error("cannot start the page: %s", error)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
