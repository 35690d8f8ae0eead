"""The one JSON shape of an answer: ``Answer.to_dict()`` and ``Answer.from_dict()``."""

from __future__ import annotations

import json

import pytest

from assistant.core.datatypes import (
    Answer,
    Citation,
    DocumentMeta,
    Kind,
    Level,
    ParsedQuestion,
    Passage,
    Region,
    Wanted,
)

META = DocumentMeta(source="s.txt", title="t", region="赣州市", province="江西省", level=Level.CITY, year=2024,
                    inferred=("title",))
PASSAGE = Passage(id="p1", doc_id="d1", text="GDP增长6%左右", meta=META, section="主要目标", start=3, end=12, score=0.5)
CITATION = Citation(source="s.txt", title="t", region="赣州市", year=2024, quote="增长6%", start=1, end=5, passage_id="p1")
PARSED = ParsedQuestion(
    text="赣州2024年GDP增长目标", region=Region("赣州市", Level.CITY, ("江西省",), "Ganzhou"),
    regions=(Region("赣州市", Level.CITY, ("江西省",), "Ganzhou"),), years=(2024,), kind=Kind.TARGET,
    kind_explicit=True, indicators=("gdp",), keywords=("GDP",), wanted=Wanted("rate"),
)
ANSWER = Answer(
    question="赣州2024年GDP增长目标", text="6%[1]", abstained=False, citations=(CITATION,), passages=(PASSAGE,),
    parsed=PARSED, notices=("核对",), filters={"regions": ["赣州市"], "years": [2024]}, latency_ms=12.5,
)


def test_an_answer_round_trips_through_json():
    data = json.loads(json.dumps(ANSWER.to_dict(), ensure_ascii=False))
    assert Answer.from_dict(data) == ANSWER


def test_the_json_holds_plain_values_named_as_the_fields():
    data = ANSWER.to_dict()
    assert data["text"] == "6%[1]" and data["abstained"] is False and data["latency_ms"] == 12.5
    assert data["citations"][0] == {
        "source": "s.txt", "title": "t", "region": "赣州市", "year": 2024, "quote": "增长6%", "start": 1, "end": 5,
        "score": 0.0, "passage_id": "p1", "number": 1,
    }
    assert data["passages"][0]["meta"]["level"] == "city"
    assert data["parsed"]["kind"] == "target" and data["parsed"]["wanted"] == {"measure": "rate", "unit": "", "preferred": False}
    assert data["filters"] == {"regions": ["赣州市"], "years": [2024]}


def test_an_abstention_without_a_parse_round_trips():
    answer = Answer(question="q", text="没有", abstained=True)
    assert Answer.from_dict(answer.to_dict()) == answer and answer.to_dict()["parsed"] is None


def test_an_unknown_field_is_an_error():
    with pytest.raises(ValueError, match="unknown Answer field"):
        Answer.from_dict({**ANSWER.to_dict(), "answer": "6%"})
