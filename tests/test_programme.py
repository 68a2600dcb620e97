"""Corpus-driven tests of the programme extractor (tests/corpus/programme.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from corpora import known_gaps, load_corpus
from innovext.extractors import programme
from innovext.facts import Programme
from innovext.pipeline import run

CORPUS = load_corpus("programme")
QUOTE_MARKS = "“”‘’「」『』\"＂"


def programmes(text: str) -> list[Programme]:
    """Programme facts of ``text`` (titles run first: unquoted names inside 《》 are left to them)."""
    facts = [f for f in run(text, only={"policy", "programme"}).facts if isinstance(f, Programme)]
    for f in facts:
        assert text[f.start : f.end] == f.text
    return facts


NAME_CASES = [
    pytest.param(text, group["expect"], id=text) for group in CORPUS["names"] for text in group["texts"]
]


@pytest.mark.parametrize(("text", "expect"), NAME_CASES)
def test_name(text: str, expect: dict[str, Any]) -> None:
    facts = programmes(text)
    assert len(facts) == 1, facts
    fact = facts[0]
    assert (fact.start, fact.end) == (0, len(text))
    assert fact.kind == expect["kind"]
    assert fact.name == expect.get("name", "".join(c for c in text if c not in QUOTE_MARKS))


def check_sentence(case: dict[str, Any]) -> None:
    facts = programmes(case["text"])
    assert [f.text for f in facts] == [f["text"] for f in case["facts"]]
    for fact, expect in zip(facts, case["facts"], strict=True):
        for key, value in expect.items():
            assert getattr(fact, key) == value, (key, fact)


@pytest.mark.parametrize("case", CORPUS["sentences"], ids=lambda c: c["text"][:30])
def test_sentence(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative(text: str) -> None:
    assert programmes(text) == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict[str, Any]) -> None:
    check_sentence(case)


def test_long_quotes_and_unbalanced_marks_stay_linear() -> None:
    """A 1 MB run of opening quotes or one unclosed quote is scanned once (bounded name length)."""
    for text in ("“" * 1_000_000, "“" + "字" * 1_000_000, "“太行英才”计划" * 50_000):
        facts = list(programme.extract(_ctx(text)))
        assert len(facts) == (50_000 if text.startswith("“太") else 0)


def test_unquoted_names_stay_linear() -> None:
    """Runs of verbs, heads or numerals cost one scan; each head reads a bounded window back."""
    cases = {
        "实施" * 500_000: 0,
        "工程" * 500_000: 0,
        "一十" * 500_000: 0,
        "二十条措施" * 200_000: 0,
        "实施" + "乡" * 1_000_000 + "战略": 0,  # the name would be longer than MAX_UNQUOTED
        "实施乡村振兴战略。" * 50_000: 50_000,
        "实施乡村振兴战略、" * 50_000: 50_000,  # a list: each name once, verb shared
    }
    for text, expected in cases.items():
        facts = list(programme.extract(_ctx(text)))
        assert len(facts) == expected, text[:20]
        assert len({(f.start, f.end) for f in facts}) == len(facts)


def _ctx(text: str) -> Any:
    from innovext.pipeline import build_context

    return build_context(text)


def test_head_table_kinds() -> None:
    from innovext.resources import read_tsv

    rows = read_tsv("programme_heads.tsv")
    assert len({r["head"] for r in rows}) == len(rows)
    assert {r["where"] for r in rows} <= {"inside", "after", "both"}
