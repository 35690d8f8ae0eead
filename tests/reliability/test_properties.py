"""Properties the battery adds to those in tests/index (cleaning: exact offset map on arbitrary
Unicode; chunking: spans map back, no text lost, arbitrary Unicode; uploads: safe names). These
cover the question parser, the file decoder and the injection filter on arbitrary input."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.errors import EmptyQuestionError, UnreadableFileError
from assistant.knowledge.injection import instruction_like, without_instructions
from assistant.understanding.parser import is_meaningful, parse
from index.loading import read_text

question_text = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(["赣州", "2024年", "GDP", "增长", "目标", "？", "\x00", "🤔", "<script>", "'; --", "Ganzhou", " "]),
        max_size=20,
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(question_text)
def test_parsing_any_text_gives_a_parsed_question_or_an_empty_question_error(text):
    try:
        parsed = parse(text)
    except EmptyQuestionError:
        assert not is_meaningful(text)
        return
    assert is_meaningful(text)
    assert parsed.text == text.strip() and parsed.language in ("zh", "en")
    assert all(1900 <= year <= 2100 for year in parsed.years)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_an_unreadable_file_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_bytes(data)
        try:
            text = read_text(path, max_bytes=2000)
        except UnreadableFileError as error:
            assert str(path) in str(error)  # every refusal names the file
            return
    assert len(data) <= 2000 and text.strip() and "\r" not in text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_injection_filter_keeps_offsets_and_only_blanks_instruction_lines(text):
    blanked = without_instructions(text)
    assert len(blanked) == len(text)
    for kept, original in zip(blanked.split("\n"), text.split("\n"), strict=True):
        if not instruction_like(original):
            assert kept == original
        else:
            assert original.startswith(kept.rstrip(" ")) and not instruction_like(kept)
