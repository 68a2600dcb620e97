"""Corpus-driven tests of the change extractor (tests/corpus/change.yaml)."""

from __future__ import annotations

import pytest

from _quantities_util import run_quantities, same_number
from corpora import known_gaps, load_corpus

CORPUS = load_corpus("change")


def _check(text: str, expected: list[dict]) -> None:
    qs, cs = run_quantities(text)
    assert [c.text for c in cs] == [e["text"] for e in expected], cs
    for c, e in zip(cs, expected, strict=True):
        assert same_number(c.from_value, e["from"]) and same_number(c.to_value, e["to"]), c
        assert c.unit == e["unit"]
        if "subject" in e:
            assert c.subject == e["subject"]
        inner = [q for q in qs if c.start <= q.start and q.end <= c.end]
        # The two figures stay quantity facts: the first and the last quantity of the span.
        assert same_number(inner[0].value, c.from_value) and same_number(inner[-1].value, c.to_value)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["text"]) for c in CORPUS["cases"]])
def test_change(case: dict) -> None:
    _check(case["text"], case["changes"])


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_negative(text: str) -> None:
    _, cs = run_quantities(text)
    assert cs == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict) -> None:
    _check(case["text"], case["changes"])
