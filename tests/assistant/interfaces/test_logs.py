"""Logging configured once for a program: one stderr handler, libraries' pinned DEBUG levels held back,
jieba's own handler detached."""

from __future__ import annotations

import logging

import pytest

from assistant.interfaces.logs import _ProgramHandler, configure_logging


@pytest.fixture(autouse=True)
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_configuring_twice_leaves_one_handler():
    configure_logging(logging.WARNING)
    configure_logging(logging.INFO)
    ours = [h for h in logging.getLogger().handlers if isinstance(h, _ProgramHandler)]
    assert len(ours) == 1 and ours[0].level == logging.INFO


def test_a_library_that_pins_its_logger_to_debug_stays_quiet_at_warning(capsys):
    configure_logging(logging.WARNING)
    pinned = logging.getLogger("pinned_library")
    pinned.setLevel(logging.DEBUG)  # as bm25s and jieba do at import
    pinned.debug("Building index from IDs objects")
    pinned.warning("a real warning")
    err = capsys.readouterr().err
    assert "Building index" not in err and "WARNING pinned_library: a real warning" in err


def test_verbose_shows_debug_lines(capsys):
    configure_logging(logging.DEBUG)
    logging.getLogger("assistant.test").debug("a detail")
    assert "DEBUG assistant.test: a detail" in capsys.readouterr().err


def test_jieba_logs_only_through_the_programs_handler():
    configure_logging(logging.WARNING)
    jieba_logger = logging.getLogger("jieba")
    assert not [h for h in jieba_logger.handlers if isinstance(h, logging.StreamHandler)]
    assert jieba_logger.propagate
