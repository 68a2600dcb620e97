"""Corpus-driven tests of the quantity extractor (tests/corpus/quantity.yaml)."""

from __future__ import annotations

import pytest

from _quantities_util import run_quantities, same_number
from corpora import known_gaps, load_corpus

CORPUS = load_corpus("quantity")


@pytest.mark.parametrize(
    ("text", "expect"),
    [pytest.param(t, g, id=t) for g in CORPUS["variants"] for t in g["texts"]],
)
def test_variant(text: str, expect: dict) -> None:
    qs, _ = run_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert (q.start, q.end) == (0, len(text)), q
    assert same_number(q.value, expect["value"]), q.value
    assert same_number(q.value_max, expect.get("value_max")), q.value_max
    assert q.unit == expect["unit"]
    assert q.kind == expect["kind"]
    assert q.approx == expect.get("approx")


def _check_sentence(text: str, expected: list[dict]) -> None:
    qs, _ = run_quantities(text)
    assert [q.text for q in qs] == [e["text"] for e in expected], qs
    for q, e in zip(qs, expected, strict=True):
        assert same_number(q.value, e["value"]), (q.text, q.value)
        assert q.unit == e["unit"], q
        for key in ("approx", "kind", "subject", "time", "relation"):
            if key in e:
                assert getattr(q, key) == e[key], f"{q.text}: {key} {getattr(q, key)!r} != {e[key]!r}"
        if "value_max" in e:
            assert same_number(q.value_max, e["value_max"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c["text"]) for c in CORPUS["sentences"]])
def test_sentence(case: dict) -> None:
    _check_sentence(case["text"], case["facts"])


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_negative(text: str) -> None:
    qs, _ = run_quantities(text)
    assert qs == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict) -> None:
    _check_sentence(case["text"], case["facts"])


def test_year_resolved_from_publication_date() -> None:
    from innovext.extractors import quantity
    from innovext.pipeline import build_context

    ctx = build_context("去年,全市新增企业40户。今年以来,新增30户。", published="2024-05-01")
    got = {q.text: (q.time, q.year) for q in quantity.extract(ctx)}
    assert got == {"40户": ("去年", 2023), "30户": ("今年以来", 2024)}


def test_huge_line_is_linear() -> None:
    """A 1 MB line of digits and classifiers must not backtrack catastrophically."""
    import time

    text = ("1234567890" * 50 + "家、") * 2000
    t0 = time.perf_counter()
    run_quantities(text[:200_000])
    assert time.perf_counter() - t0 < 20
