"""Corpus-driven tests of innovext.numerals (tests/corpus/numerals.yaml)."""

from __future__ import annotations

import pytest

from _quantities_util import same_number
from corpora import known_gaps, load_corpus
from innovext.numerals import find_numerals, parse_numeral
from innovext.text import normalize

CORPUS = load_corpus("numerals")


@pytest.mark.parametrize(
    ("text", "value"),
    [pytest.param(t, g["value"], id=t) for g in CORPUS["parse"] for t in g["texts"]],
)
def test_parse(text: str, value: object) -> None:
    assert same_number(parse_numeral(normalize(text)), value)


def _found(text: str) -> list[list[object]]:
    norm = normalize(text)
    out = []
    for n in find_numerals(norm):
        assert norm[n.start : n.end] == normalize(n.text)
        out.append([text[n.start : n.end], n.value])
    return out


def _check_find(text: str, expected: list[list[object]]) -> None:
    got = _found(text)
    assert [g[0] for g in got] == [e[0] for e in expected], got
    for (_, gv), (_, ev) in zip(got, expected, strict=True):
        assert same_number(gv, ev), (gv, ev)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["text"]) for c in CORPUS["find"]])
def test_find(case: dict) -> None:
    _check_find(case["text"], case["numerals"])


@pytest.mark.parametrize("text", CORPUS["negatives"])
def test_negative(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict) -> None:
    _check_find(case["text"], case["numerals"])


def test_not_a_numeral() -> None:
    for bad in ("", "十四五", "abc", "零分之三"):
        with pytest.raises(ValueError):
            parse_numeral(bad)


def test_decimal_exact() -> None:
    """No float artefacts: 16.4亿 is exactly 1640000000 (cn2an gives 1639999999)."""
    assert parse_numeral("16.4亿") == 1640000000
    assert parse_numeral("0.1万") + parse_numeral("0.2万") == 3000


def test_long_runs_are_linear() -> None:
    """Digit and numeral runs without units must not backtrack (inputs can be 5 MB lines)."""
    import time

    for text in (("1234567890" * 50 + "家、") * 400, "3家" * 20000, "一二三四五六七八九" * 5000):
        t0 = time.perf_counter()
        find_numerals(text)
        assert time.perf_counter() - t0 < 10, text[:20]
