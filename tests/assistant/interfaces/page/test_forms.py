"""Form values: filters, chat history shapes, the ask payload, the login setting."""

from __future__ import annotations


import pytest

from assistant.core.errors import ConfigError
from assistant.interfaces.page.forms import (
    ALL,
    message_text,
    normalise_history,
    parse_auth,
    parse_region,
    parse_year,
    region_choices,
    year_choices,
)

COVERAGE = {"赣州市": [2024], "南昌市青山湖区": [2023], "萍乡市": [2024]}


def test_choices_start_with_all_and_years_are_newest_first():
    assert region_choices(COVERAGE) == [ALL, "南昌市青山湖区", "萍乡市", "赣州市"]
    assert year_choices(COVERAGE) == [ALL, "2024", "2023"]
    assert year_choices(COVERAGE, "南昌市青山湖区") == [ALL, "2023"]


@pytest.mark.parametrize(
    ("value", "expected"), [(ALL, None), ("", None), (None, None), ("all", None), ("赣州市", "赣州市")]
)
def test_parse_region(value, expected):
    assert parse_region(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(ALL, None), ("", None), (None, None), ("2024", 2024), (2023, 2023), ("2024年", 2024), (2024.0, 2024)],
)
def test_parse_year(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize("value", ["twenty", "24", "2024-01"])
def test_parse_year_rejects_nonsense_with_a_readable_message(value):
    with pytest.raises(ValueError, match="invalid year"):
        parse_year(value)


def test_history_content_as_string_or_list_of_parts():
    browser = [{"role": "user", "content": [{"type": "text", "text": "赣州"}, {"type": "text", "text": "GDP"}]}]
    client = [{"role": "assistant", "content": "6%左右"}]
    assert normalise_history(browser + client) == [
        {"role": "user", "content": "赣州GDP"},
        {"role": "assistant", "content": "6%左右"},
    ]
    assert message_text(None) == "" and normalise_history(None) == []


def test_parse_auth():
    assert parse_auth("") is None
    assert parse_auth("staff:p:w") == ("staff", "p:w")
    for bad in ("nocolon", ":s3cret", "user:"):
        with pytest.raises(ConfigError) as error:
            parse_auth(bad)
        assert "s3cret" not in str(error.value)  # never echo a password


def test_upload_paths_accepts_the_shapes_gr_file_hands_over(tmp_path):
    from assistant.interfaces.page.forms import upload_paths

    class Named:
        name = "/tmp/a.txt"

    assert upload_paths(None) == [] and upload_paths([]) == []
    assert upload_paths("/tmp/a.txt") == ["/tmp/a.txt"]
    assert upload_paths(tmp_path) == [str(tmp_path)]
    assert upload_paths(["/tmp/a.txt", Named()]) == ["/tmp/a.txt", "/tmp/a.txt"]


def test_progress_reporter_drives_a_progress_bar():
    from assistant.interfaces.page.forms import progress_reporter

    calls = []
    report = progress_reporter(lambda value, desc, unit=None: calls.append((value, desc, unit)))
    report(3, 10, "赣州")
    report(0, 0, "等待另一个入库完成 waiting for another ingest")  # a state, not a count
    assert calls[0] == ((3, 10), "嵌入 embedding 赣州", "passages")
    assert calls[1] == (0.0, "等待另一个入库完成 waiting for another ingest", None)
    assert progress_reporter(None) is None
