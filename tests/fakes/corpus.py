"""An assistant over a few made-up files, indexed with the deterministic fake embedder."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.api import Assistant
from tests.fakes.embeddings import HashedNgramEmbeddings


def assistant_over(files: Mapping[str, str], tmp_path_factory, name: str = "corpus") -> Assistant:
    """Write ``files`` (file name -> text) into a new folder, ingest it without a manifest, return the assistant."""
    folder = tmp_path_factory.mktemp(name)
    for file_name, text in files.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    assistant = Assistant(index_dir=tmp_path_factory.mktemp(f"{name}_index"), embedder=HashedNgramEmbeddings())
    report = assistant.ingest([folder])
    assert report.ok, report.failed
    return assistant
