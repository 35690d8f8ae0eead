"""A folder of Shandong policy documents without a manifest, in the real page: the issue's question
is answered from Shandong's documents, and a document's region is corrected in the documents tab."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page
from tests.browser.server import page_settings, running_page
from tests.browser.test_page import ask, choose, last_answer
from tests.conftest import shandong_folder

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def own_page_url(tmp_path_factory):
    from assistant.api import Assistant
    from tests.fakes.embeddings import HashedNgramEmbeddings

    folder = shandong_folder(tmp_path_factory.mktemp("shandong"))
    settings = page_settings(tmp_path_factory.mktemp("own_page_index"))
    assistant = Assistant(settings=settings, embedder=HashedNgramEmbeddings())  # fast: filters, not ranking
    assert assistant.ingest([folder]).ok
    with running_page(assistant, settings) as url:
        yield url


@pytest.fixture
def own_page(browser, own_page_url):
    with open_page(browser, own_page_url) as tab:
        yield tab


def test_a_shandong_question_is_answered_from_shandongs_documents(own_page):
    ask(own_page, "山东省推进人工智能产业有哪些措施？")
    answer = last_answer(own_page)
    assert "索引中没有" not in answer
    assert "检索范围 searched: 山东省" in answer


def test_a_documents_region_is_corrected_in_the_documents_tab(own_page):
    own_page.get_by_role("tab", name="报告 Documents").click()
    choose(own_page, "edit-choice", "province_004_2017-08-16.txt")
    own_page.locator("#edit-fields").get_by_text("file name").first.wait_for()
    own_page.locator("#edit-region textarea, #edit-region input").first.fill("山东省")
    own_page.locator("#save-metadata").click()
    own_page.locator("#save-result").get_by_text("已保存 saved").wait_for()
    own_page.locator("#edit-fields").get_by_text("user").first.wait_for()
    choose(own_page, "edit-choice", "province_004_2017-08-16.txt")
    own_page.locator("#edit-fields").get_by_text("山东省").first.wait_for()
