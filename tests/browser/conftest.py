"""Browser fixtures: one page on its own writable index, driven by Debian's chromium."""

from __future__ import annotations

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

def open_page(browser, url: str, width: int, height: int, locale: str):
    """A new browser context on the page, loaded; the caller closes ``tab.context``."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    context.set_default_timeout(60_000)
    tab = context.new_page()
    tab.goto(url, wait_until="load")
    tab.get_by_text("已索引 indexed").wait_for()
    return tab


@pytest.fixture
def page(browser, page_url):
    tab = open_page(browser, page_url, 1400, 1000, "zh-CN")
    yield tab
    tab.context.close()


@pytest.fixture
def laptop(browser, page_url):
    """The page on a 1366×768 laptop screen, in a browser set to English (the page stays zh-CN)."""
    tab = open_page(browser, page_url, 1366, 768, "en-US")
    yield tab
    tab.context.close()


@pytest.fixture
def phone(browser, page_url):
    """The page 400 px wide."""
    tab = open_page(browser, page_url, 400, 860, "zh-CN")
    yield tab
    tab.context.close()
