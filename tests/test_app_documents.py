"""The documents tab: how each field was found, and a correction saved from the page."""

from __future__ import annotations

import shutil

import pytest

from assistant.api import Assistant
from assistant.core.settings import Settings
from tests.conftest import PROJECT_ROOT
from tests.fakes.embeddings import HashedNgramEmbeddings

POLICY = PROJECT_ROOT / "eval" / "corpora" / "policy"


@pytest.fixture
def page(tmp_path):
    import app

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("province_004_2017-08-16.txt", "province_005_2019-05-24.txt"):
        shutil.copy(POLICY / name, folder / name)
    settings = Settings.load(env={}, config_file=None).with_overrides(index_dir=tmp_path / "index", upload_dir=tmp_path / "up")
    assistant = Assistant(settings=settings, embedder=HashedNgramEmbeddings())
    assert assistant.ingest([folder]).ok
    return app.Page(assistant, settings)


def test_the_form_shows_how_each_field_was_found(page):
    fields, title, region, year, date, doc_type, issuer = page.metadata_form("province_005_2019-05-24.txt")
    assert (region, year, date, doc_type, issuer) == ("山东省", "2019", "2019-05-17", "意见", "山东省人民政府")
    assert "| 地区 Region | 山东省 | issuer (closing lines) | 0.90 |" in fields
    assert "| 标题 Title | province_005_2019-05-24 | file name | 0.20 |" in fields
    row = next(r for r in page.document_rows() if r[-1] == "province_005_2019-05-24.txt")
    assert row[1:4] == ["山东省", 2019, "意见"]


def test_a_correction_saved_on_the_page_persists_and_re_tags_the_document(page):
    form = page.metadata_form("province_004_2017-08-16.txt")
    assert form[2] == ""  # a fragment that names no place
    message, fields = page.save_metadata("province_004_2017-08-16.txt", "山东省智能制造发展规划", "山东省", *form[3:])
    assert "已保存 saved" in message and "title、region" in message
    assert "| 地区 Region | 山东省 | user | 1.00 |" in fields
    assert "山东省" in [r[1] for r in page.document_rows()]
    assert page.assistant.answer("山东省智能制造人才培养有哪些措施？").filters["regions"] == ["山东省"]
    message, _ = page.save_metadata("province_004_2017-08-16.txt", "山东省智能制造发展规划", "山东省", "明年", *form[4:])
    assert "not a year" in message
    assert page.save_metadata("province_004_2017-08-16.txt", *page.metadata_form("province_004_2017-08-16.txt")[1:])[0] == "没有修改 Nothing changed"
