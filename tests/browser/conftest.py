"""Browser fixtures: one page on its own writable index, driven by Debian's chromium."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.server import page_settings, running_page
from tests.conftest import CHROMIUM, build_fresh_index

def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: run `make browser` (apt-get install chromium) as root")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)

@pytest.fixture(scope="session")
def page_index_dir(reports_index_dir, tmp_path_factory) -> Path:
    """The page's own index (uploads and deletions must not touch the shared one)."""
    return build_fresh_index(reports_index_dir, tmp_path_factory.mktemp("page_index"))

@pytest.fixture(scope="session")
def page_url(page_index_dir) -> str:
    from assistant.api import Assistant

    settings = page_settings(page_index_dir)
    with running_page(Assistant(settings=settings), settings) as url:
        yield url

@contextmanager
def open_page(browser, url: str, width: int = 1400, height: int = 1000, locale: str = "zh-CN") -> Iterator:
    """A new browser tab on the page at ``url``, once the page says what is indexed; closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    tab.goto(url, wait_until="load")
    tab.get_by_text("已索引 indexed").wait_for()
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser, page_url):
    with open_page(browser, page_url) as tab:
        yield tab


@pytest.fixture
def laptop(browser, page_url):
    """The page on a 1366×768 laptop screen, in a browser set to English (the page stays zh-CN)."""
    with open_page(browser, page_url, 1366, 768, "en-US") as tab:
        yield tab


@pytest.fixture
def phone(browser, page_url):
    """The page 400 px wide."""
    with open_page(browser, page_url, 400, 860, "zh-CN") as tab:
        yield tab
