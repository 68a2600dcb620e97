"""Corpus-driven tests of the person extractor (tests/corpus/person.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from corpora import known_gaps, load_corpus
from innovext.extractors import person
from innovext.facts import Person
from innovext.pipeline import run

CORPUS = load_corpus("person")


def people(text: str) -> list[Person]:
    """Person facts of ``text`` (only the person family runs: the fallbacks without organisation facts are tested)."""
    doc = run(text, only={"person"})
    facts = [f for f in doc.facts if isinstance(f, Person)]
    for f in facts:
        assert text[f.start : f.end] == f.text
        # The name is the span as written, without the padding spaces of bylines (贺  勇 -> 贺勇).
        assert f.name == "".join(f.text.split())
    return facts


def check_fields(fact: Person, expect: dict[str, Any]) -> None:
    for key, value in expect.items():
        assert getattr(fact, key) == value, f"{key}: {getattr(fact, key)!r} != {value!r} for {fact.name!r}"


MENTION_CASES = [
    pytest.param(text, group["expect"], id=text.replace("\n", "⏎")[:40])
    for group in CORPUS["mentions"]
    for text in group["texts"]
]


@pytest.mark.parametrize(("text", "expect"), MENTION_CASES)
def test_mention(text: str, expect: dict[str, Any]) -> None:
    facts = people(text)
    assert len(facts) == 1, facts
    fact = facts[0]
    assert text.find(expect["name"]) >= 0
    # The span is one of the places where the name is written (the role-carrying one).
    assert text[fact.start : fact.end] == expect["name"]
    check_fields(fact, expect)


def check_sentence(case: dict[str, Any]) -> None:
    facts = people(case["text"])
    assert [f.name for f in facts] == [f["name"] for f in case["facts"]]
    for fact, expect in zip(facts, case["facts"], strict=True):
        check_fields(fact, expect)


@pytest.mark.parametrize("case", CORPUS["sentences"], ids=lambda c: c["text"].replace("\n", "⏎")[:40])
def test_sentence(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize(
    ("text", "end"),
    [("孟来介绍:", 2), ("朱毓靓表示", 3), ("高鑫说", 2), ("施雨虹告诉记者", 3), ("欧阳明说", 3), ("陈向阳表示", 3),
     ("李玉院士", 2), ("张磊。", 2), ("王家洪直言", 3)],
)
def test_read_name(text: str, end: int) -> None:
    """A name never swallows the verb, title or punctuation after it."""
    assert person.read_name(text, 0) == end


@pytest.mark.parametrize("text", ["说明", "记者", "的确", "从市", "揭榜挂帅", "安全生产"])
def test_read_name_rejects_words(text: str) -> None:
    assert person.read_name(text, 0) is None


def test_bare_repeat_is_not_a_new_fact() -> None:
    text = "公司产品经理施雨虹告诉记者,订单增长很快。“产品技术含量大大提高。”施雨虹说。"
    assert [f.name for f in people(text)] == ["施雨虹"]


def test_uses_organisation_state_when_present() -> None:
    """org_focus / org_aliases from the organisation extractor win over the fallback."""
    from innovext.pipeline import build_context

    text = "北一半导体科技有限公司(以下简称“北一半导体”)扩产。北一半导体总经理王涛说,订单增长。公司产品经理施雨虹说。"
    ctx = build_context(text)
    ctx.state["org_aliases"] = {"北一半导体": "北一半导体科技有限公司"}
    ctx.state["org_focus"] = [(0, "北一半导体科技有限公司")]
    facts = {f.name: f for f in person.extract(ctx)}
    assert facts["王涛"].org == "北一半导体"
    assert facts["王涛"].org_resolved == "北一半导体科技有限公司"
    assert facts["施雨虹"].org_resolved == "北一半导体科技有限公司"


def test_large_line_is_fast() -> None:
    """Bounded patterns: a 1 MB line with no punctuation does not blow up."""
    import time

    text = "局长" * 250_000 + "经理张" * 50_000
    t0 = time.perf_counter()
    people(text)
    assert time.perf_counter() - t0 < 30
