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
from assistant.core.errors import AssistantError, EmptyQuestionError
from assistant.core.settings import Settings
from assistant.interfaces.page import (
    ALL,
    CSS,
    NO_SOURCES,
    accept_uploads,
    answer_markdown,
    chat_text,
    error_markdown,
    ingest_markdown,
    is_inside,
    metadata_markdown,
    normalise_history,
    parse_auth,
    parse_region,
    parse_year,
    progress_reporter,
    region_choices,
    sources_html,
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

    def respond(self, question: str, history, region: str, year: str) -> Iterator[tuple]:
        """Stream an answer into the chat. Yields (question box, chat, sources panel, notice)."""
        import gradio as gr

        messages = normalise_history(history)
        shown = messages + [
            {"role": "user", "content": chat_text((question or "").strip())},
            {"role": "assistant", "content": "…"},
        ]
        yield question, shown, gr.skip(), ""
        try:
            response = self.assistant.stream(question or "", region=parse_region(region), year=parse_year(year))
            chunks = iter(response)
            first = next(chunks, "")  # the search and the first text: a failure here is a notice, not an answer
        except EmptyQuestionError as error:
            message = f"{EMPTY_QUESTION}：{error}"
            gr.Warning(message)
            yield question, messages, gr.skip(), chat_text(f"⚠️ {message}")
            return
        except (AssistantError, ValueError) as error:
            gr.Warning(str(error))
            yield question, messages, gr.skip(), chat_text(f"⚠️ {error}")
            return
        messages = shown
        streamed = ""
        try:
            for chunk in itertools.chain([first], chunks):
                streamed += chunk
                messages[-1]["content"] = chat_text(streamed)
                yield "", messages, NO_SOURCES, ""
            answer = response.answer
        except AssistantError as error:
            logger.warning("answering %r failed: %s", question, error)
            messages[-1]["content"] = error_markdown(str(error))
            yield "", messages, NO_SOURCES, ""
            return
        except Exception as error:
            logger.exception("answering %r failed", question)
            messages[-1]["content"] = error_markdown("内部错误 Internal error; see the server log")
            yield "", messages, NO_SOURCES, ""
            raise gr.Error("内部错误 Internal error; see the server log") from error
        messages[-1]["content"] = answer_markdown(answer)
        yield "", messages, self.sources(answer), ""

    def sources(self, answer: Answer) -> str:
        originals = {c.source: self.assistant.document_text(c.source) for c in answer.citations}
        return sources_html(answer, originals)

    def ask(self, question: str, region: str = "", year: str = "") -> dict:
        """The ``ask`` API: the answer as ``Answer.to_dict()`` (text, citations, passages, filters applied)."""
        import gradio as gr

        try:
            answer = self.assistant.answer(question or "", region=parse_region(region), year=parse_year(year))
        except EmptyQuestionError as error:
            raise gr.Error(f"{EMPTY_QUESTION}：{error}") from error
        except (AssistantError, ValueError) as error:
            raise gr.Error(str(error)) from error
        return answer.to_dict()

    @staticmethod
    def clear() -> tuple:
        return [], NO_SOURCES, "", ""

    # -- status and filters -----------------------------------------------------------------------

    def reader_name(self) -> str:
        return self.settings.llm_model if self.settings.llm_enabled else "extractive 抽取式"

    def status(self) -> str:
        records = self.assistant.documents()
        return status_line(self.reader_name(), len(records), sum(r.n_passages for r in records))

    def document_rows(self) -> list[list]:
        return [
            [r.meta.title, r.meta.region, r.meta.year or "", r.meta.doc_type, r.n_passages, r.meta.source]
            for r in self.assistant.documents()
        ]

    def refresh(self) -> tuple:
        """Everything that depends on what is indexed: (status, table, region, year, delete choice, edit choice)."""
        import gradio as gr

        coverage = self.assistant.coverage()
        sources = [r.meta.source for r in self.assistant.documents()]
        return (
            self.status(),
            self.document_rows(),
            gr.update(choices=region_choices(coverage)),
            gr.update(choices=year_choices(coverage)),
            gr.update(choices=sources, value=None),
            gr.update(choices=sources),
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
        """Title, region, year inferred from the first uploaded file, and a note."""
        paths = upload_paths(files)
        if not paths:
            return "", "", "", ""
        from index import loading

        try:
            meta = loading.load_document(Path(paths[0]), None, max_bytes=self.settings.max_file_bytes).meta
        except (AssistantError, OSError, UnicodeError, ValueError) as error:
            return "", "", "", f"❌ `{chat_text(Path(paths[0]).name)}`: {chat_text(error)}"
        note = "已从文本推断，可修改 Inferred from the text; edit if wrong."
        if len(paths) > 1:
            note = "多个文件：各文件的元数据分别推断，以下字段不会使用 Several files: each file's metadata is inferred; these fields are ignored."
        return meta.title, meta.region, str(meta.year or ""), note

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
        return ingest_markdown(report, rejected)

    def delete(self, source: str) -> str:
        import gradio as gr

        if not source:
            gr.Warning("请选择要删除的报告 Choose a report to delete")
            return "⚠️ 请选择要删除的报告 Choose a report to delete"
        record = next((r for r in self.assistant.documents() if r.meta.source == source), None)
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
        gr.Markdown(f"## {TITLE}")
        status = gr.Markdown(page.status(), elem_id="status-line")
        with gr.Tabs():
            with gr.Tab("问答 Ask", id="ask"), gr.Row():
                with gr.Column(scale=3):
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
                        height=460,
                        buttons=["copy", "copy_all"],
                        placeholder="提问政府工作报告中的数字 Ask about figures in the reports",
                    )
                    question = gr.Textbox(
                        label="问题 Question",
                        placeholder="例如 e.g. 赣州2024年GDP增长目标是多少？",
                        elem_id="question",
                        max_lines=4,
                    )
                    notice = gr.Markdown(elem_id="notice")
                    with gr.Row():
                        ask_button = gr.Button("提问 Ask", variant="primary", elem_id="ask-button")
                        clear_button = gr.Button("清空 Clear", elem_id="clear-button")
                    gr.Examples(EXAMPLES, inputs=question, label="示例问题 Examples")
                with gr.Column(scale=2):
                    gr.Markdown("### 来源 Sources")
                    sources = gr.HTML(NO_SOURCES, elem_id="sources")
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
                    files = gr.File(
                        label=f"上传报告 Upload reports ({' '.join(suffixes)})",
                        file_count="multiple",
                        file_types=suffixes,
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
                        [r.meta.source for r in assistant.documents()],
                        value=None,
                        label="删除报告 Delete a report",
                        elem_id="delete-choice",
                    )
                    delete_button = gr.Button("删除 Delete", variant="stop", elem_id="delete-button")
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

        chat_io = {"inputs": [question, chatbot, region, year], "outputs": [question, chatbot, sources, notice]}
        ask_button.click(page.respond, **chat_io, api_visibility="private")
        question.submit(page.respond, **chat_io, api_visibility="private")
        clear_button.click(page.clear, outputs=[chatbot, sources, notice, question], api_visibility="private")
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
            return page.ingest(files, title, region_text, year_text, progress)

        ingest_button.click(
            ingest,
            [files, title_in, region_in, year_in],
            ingest_result,
            api_visibility="private",
            concurrency_id="index-writes",
            concurrency_limit=1,
        ).then(page.refresh, outputs=refreshed, api_visibility="private")
        delete_button.click(
            page.delete,
            delete_choice,
            delete_result,
            api_visibility="private",
            concurrency_id="index-writes",
            concurrency_limit=1,
        ).then(page.refresh, outputs=refreshed, api_visibility="private")
        demo.load(page.refresh, outputs=refreshed, api_visibility="private")

        def ask(question: str, region: str = "", year: str = "") -> dict:
            """Answer a question; region/year ("" = all) narrow the search."""
            return page.ask(question, region, year)

        gr.api(ask, api_name="ask")
    return demo


def launch_app(demo, settings: Settings, **options):
    """Queue and launch the page on settings.host:settings.port, with a login if settings.auth is set."""
    import gradio as gr

    auth = parse_auth(settings.auth)
    if auth:
        logger.info("login required (user %s)", auth[0])
    demo.queue(default_concurrency_limit=4)
    return demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        auth=auth,
        max_file_size=settings.max_file_bytes,
        theme=gr.themes.Soft(),
        css=CSS,
        footer_links=["api"],
        **options,
    )


def main(argv: Sequence[str] | None = None) -> int:
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_OFFLINE"] = "1"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant import Assistant
    from assistant.interfaces.cli import progress_bar

    try:
        settings = Settings.load()
        assistant = Assistant(settings=settings)
        started = time.perf_counter()
        report = assistant.ensure_index(progress=progress_bar("indexing the bundled reports"))
        if report is not None:
            logger.info("first start: %s", report.summary())
        logger.info("index ready in %.1fs: %d reports", time.perf_counter() - started, len(assistant.documents()))
        demo = build_app(assistant, settings)
        launch_app(demo, settings)
    except AssistantError as error:
        logger.error("cannot start the page: %s", error)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
