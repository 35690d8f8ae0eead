"""The command line as staff type it: options anywhere, indicator names as people say them, quiet stderr,
and a line that says which reader answered and why. The real command runs where it matters."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.interfaces import cli
from tests.conftest import PROJECT_ROOT

GANZHOU = "赣州2024年GDP增长目标是多少？"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m assistant ARGS`` in a fresh process, with no OPENAI_* or ASSISTANT_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    clean.update({"PYTHONPATH": str(PROJECT_ROOT), "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=PROJECT_ROOT, env=clean,
        capture_output=True, text=True, timeout=timeout,
    )


@pytest.mark.parametrize(
    "command",
    [["ask", "问题"], ["ingest", "data/reports"], ["documents"], ["check"], ["indicators", "--year", "2024"]],
    ids=lambda c: c[0],
)
def test_common_options_work_before_and_after_every_subcommand(command, tmp_path):
    parser = cli.build_parser()
    config = tmp_path / "a.toml"
    before = parser.parse_args(["--index-dir", "X", "--config", str(config), "-v", *command])
    after = parser.parse_args([*command, "--index-dir", "X", "--config", str(config), "-v"])
    neither = parser.parse_args(command)
    for args in (before, after):
        assert (str(args.index_dir), args.config, args.verbose) == ("X", config, 1)
    assert (neither.index_dir, neither.config, neither.verbose) == (None, None, 0)


def test_ask_takes_the_index_dir_after_the_question_and_says_which_reader_answered(reports_index_dir):
    done = run_cli("ask", GANZHOU, "--index-dir", str(reports_index_dir))
    assert done.returncode == 0, done.stderr
    assert "6%左右" in done.stdout.splitlines()[0]
    assert "reader: extractive · LLM reader off: no LLM endpoint is configured: set OPENAI_API_KEY" in done.stderr


def test_stderr_has_no_debug_lines_without_v_and_has_them_with_v(tmp_path):
    """An ingest (bm25s builds its index) and a question (jieba loads its dictionary) in fresh processes."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "2024_测试市_政府工作报告.txt").write_text(
        "测试市2024年政府工作报告\n今年地区生产总值增长6%左右。\n", encoding="utf-8"
    )
    index = str(tmp_path / "index")
    quiet = [run_cli("ingest", str(folder), "--index-dir", index), run_cli("ask", "测试市GDP目标", "--index-dir", index)]
    for done in quiet:
        assert done.returncode == 0, done.stderr
        assert "DEBUG" not in done.stderr and "Building prefix dict" not in done.stderr, done.stderr
        assert "Building index from IDs" not in done.stderr
    (folder / "2024_测试市_政府工作报告.txt").write_text("测试市2024年政府工作报告\n今年地区生产总值增长7%。\n", encoding="utf-8")
    verbose = [run_cli("ingest", str(folder), "--index-dir", index, "-v"),
               run_cli("ask", "测试市GDP目标", "--index-dir", index, "-v")]
    assert all(done.returncode == 0 for done in verbose), verbose[0].stderr[-2000:]
    assert "DEBUG bm25s: Building index from IDs" in verbose[0].stderr
    assert "DEBUG jieba: Building prefix dict" in verbose[1].stderr
    assert verbose[1].stderr.count("Building prefix dict") == 1  # once, through the one handler
    assert "DEBUG assistant.understanding.parser: parsed" in verbose[1].stderr


@pytest.mark.parametrize("name", ["gdp", "GDP", "地区生产总值", "生产总值", "Gross Domestic Product"])
def test_indicators_takes_any_name_of_the_indicator(name, reports_index_dir, capsys):
    assert cli.main(["indicators", "--indicator", name, "--year", "2024", "--kind", "target",
                     "--index-dir", str(reports_index_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "4 rows"
    assert {line.split("\t")[2] for line in lines[:-1]} == {"gdp"}


def test_an_unknown_indicator_gets_the_close_matches(reports_index_dir, capsys):
    assert cli.main(["indicators", "--indicator", "GPD", "--index-dir", str(reports_index_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown indicator 'GPD'; did you mean 地区生产总值 (gdp)")
    assert cli.main(["indicators", "--indicator", "零售", "--index-dir", str(reports_index_dir)]) == 2
    assert "社会消费品零售总额 (retail_sales)" in capsys.readouterr().err


def test_ask_says_why_the_llm_reader_is_off_when_a_base_url_has_no_model(reports_index_dir, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert cli.main(["ask", GANZHOU, "--index-dir", str(reports_index_dir), "--json"]) == 0
    err = capsys.readouterr().err
    assert "reader: extractive · LLM reader off: OPENAI_BASE_URL is set (http://127.0.0.1:9/v1) but OPENAI_MODEL is not: set OPENAI_MODEL" in err
