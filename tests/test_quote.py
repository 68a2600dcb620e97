"""Corpus-driven tests of the quote extractor (tests/corpus/quote.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from corpora import known_gaps, load_corpus
from innovext.facts import Quote
from innovext.pipeline import run

CORPUS = load_corpus("quote")


def quotes(text: str) -> list[Quote]:
    """Quote facts of ``text`` (the person family runs too: it names the speakers)."""
    doc = run(text, only={"person", "quote"})
    facts = [f for f in doc.facts if isinstance(f, Quote)]
    for f in facts:
        assert text[f.start : f.end] == f.text
        assert f.speaker_start is not None and f.speaker_end is not None
        assert text[f.speaker_start : f.speaker_end] == f.speaker
        # The speaker stands outside the quotation marks.
        assert f.speaker_end <= f.start or f.speaker_start >= f.end
    return facts


def quoted(text: str, inner: str) -> str:
    """The expected quote span as written in ``text`` (「」 stay 「」 in the original)."""
    for opener, closer in (("“", "”"), ("「", "」")):
        cand = opener + inner + closer
        if cand in text:
            return cand
    raise AssertionError(f"{inner!r} not quoted in {text!r}")


QUOTE_CASES = [
    pytest.param(text, group["expect"], id=text[:40]) for group in CORPUS["quotes"] for text in group["texts"]
]


@pytest.mark.parametrize(("text", "expect"), QUOTE_CASES)
def test_quote(text: str, expect: dict[str, Any]) -> None:
    facts = quotes(text)
    assert len(facts) == 1, facts
    assert facts[0].text == quoted(text, expect["text"][1:-1])
    assert facts[0].speaker == expect["speaker"]


def check_sentence(case: dict[str, Any]) -> None:
    facts = quotes(case["text"])
    assert [(f.text, f.speaker) for f in facts] == [(f["text"], f["speaker"]) for f in case["facts"]]


@pytest.mark.parametrize("case", CORPUS["sentences"], ids=lambda c: c["text"][:40])
def test_sentence(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative(text: str) -> None:
    assert quotes(text) == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict[str, Any]) -> None:
    check_sentence(case)


def test_speaker_is_the_person_span() -> None:
    """With a role phrase, the speaker is the person's name, not the whole phrase."""
    text = "“产品的技术含量大大提高。”公司产品经理施雨虹告诉记者。"
    (q,) = quotes(text)
    assert (q.speaker_start, q.speaker_end) == (text.index("施雨虹"), text.index("施雨虹") + 3)


def test_unclosed_quote_on_a_huge_line_is_fast() -> None:
    import time

    text = "“" + "说" * 1_000_000
    t0 = time.perf_counter()
    assert quotes(text) == []
    assert time.perf_counter() - t0 < 30
