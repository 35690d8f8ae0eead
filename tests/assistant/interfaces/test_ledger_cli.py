"""``python -m assistant ledger``: the real command over the eight Hailar reports.

The index was built with the fake embedder (the ledger reads no vectors), so the command's assistant
is opened with it; everything else is the command as a user runs it.
"""

from __future__ import annotations

import csv
import io

import pytest

from assistant.interfaces import cli
from tests.conftest import hailar_embedder


@pytest.fixture
def hailar_real_index_dir(hailar_all_index_dir, monkeypatch):
    from assistant.api import Assistant

    monkeypatch.setattr(cli, "_assistant", lambda settings: Assistant(settings=settings, embedder=hailar_embedder()))
    return hailar_all_index_dir


def test_ledger_command_prints_target_result_and_status_by_year(hailar_real_index_dir, capsys):
    assert cli.main(["--index-dir", str(hailar_real_index_dir), "ledger", "--region", "海拉尔区", "--indicator", "GDP"]) == 0
    lines = capsys.readouterr().out.splitlines()
    region = "内蒙古自治区呼伦贝尔市海拉尔区"
    assert f"{region}\t2016\tgdp\t目标 增长7.5% (2016)\t实际 增长7.2% (2017)\tmissed\t-0.3个百分点" in lines
    assert f"{region}\t2018\tgdp\t目标 增长6%左右 (2018)\t实际 增长6.0% (2019)\tmet\t+0个百分点" in lines
    assert f"{region}\t2019\tgdp\t目标 增长3.5%左右 (2019)\t实际 -\tno_result" in lines
    assert f"{region}\t2011\tgdp\t目标 -\t实际 增长22.3% (2012)\tno_target" in lines  # the 2012 report reviews 2011
    assert lines[-1] == "9 rows"


def test_ledger_command_accepts_the_indicator_in_any_name_and_writes_csv(hailar_real_index_dir, capsys):
    for name in ("gdp", "地区生产总值"):
        assert cli.main(["--index-dir", str(hailar_real_index_dir), "ledger", "--region", "Hailar",
                         "--indicator", name, "--year", "2016", "--csv"]) == 0
        (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
        assert (row["年份 Year"], row["目标 Target"], row["结果 Result"], row["状态 Status"], row["差额 Margin"]) == (
            "2016", "增长7.5%", "增长7.2%", "未完成 missed", "-0.3个百分点",
        )
        assert row["目标报告 Target report"] == "2016" and row["结果报告 Result report"] == "2017"
        assert row["目标原文 Target quote"] == "地区生产总值增长7.5%"


def test_ledger_command_says_what_to_do_when_nothing_or_the_wrong_name_is_asked(hailar_real_index_dir, capsys):
    assert cli.main(["--index-dir", str(hailar_real_index_dir), "ledger", "--region", "赣州市", "--indicator", "gdp"]) == 1
    assert "indexed regions: 内蒙古自治区呼伦贝尔市海拉尔区" in capsys.readouterr().err
    assert cli.main(["--index-dir", str(hailar_real_index_dir), "ledger", "--indicator", "幸福指数"]) == 2
    assert "unknown indicator '幸福指数'" in capsys.readouterr().err
