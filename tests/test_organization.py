"""Corpus-driven tests of the organization extractor (tests/corpus/organization.yaml) and its state."""

from __future__ import annotations

import time
from typing import Any

import pytest

from corpora import known_gaps, load_corpus
from innovext.extractors import organization, place
from innovext.facts import Organization
from innovext.pipeline import Context, build_context, run
from innovext.resources import read_tsv

CORPUS = load_corpus("organization")


def orgs(text: str) -> list[Organization]:
    """Organization facts of ``text`` (places run too: they always do)."""
    doc = run(text, only={"organization"})
    facts = [f for f in doc.facts if isinstance(f, Organization)]
    for f in facts:
        assert text[f.start : f.end] == f.text
    return facts


def context(text: str) -> Context:
    ctx = build_context(text)
    ctx.facts.extend(place.extract(ctx))
    ctx.facts.extend(organization.extract(ctx))
    return ctx


NAME_CASES = [pytest.param(text, group["expect"], id=text) for group in CORPUS["names"] for text in group["texts"]]


@pytest.mark.parametrize(("text", "expect"), NAME_CASES)
def test_name(text: str, expect: dict[str, Any]) -> None:
    facts = orgs(text)
    assert len(facts) == 1, facts
    fact = facts[0]
    assert (fact.start, fact.end) == (0, len(text))
    assert fact.name == text
    for key, value in expect.items():
        assert getattr(fact, key) == value, f"{key}: {getattr(fact, key)!r} != {value!r}"


def check_sentence(case: dict[str, Any]) -> None:
    facts = orgs(case["text"])
    got = [[f.name, f.kind] for f in facts]
    assert got == [o[:2] for o in case["orgs"]]
    for fact, expect in zip(facts, case["orgs"], strict=True):
        if len(expect) > 2:
            assert fact.aliases == expect[2]


@pytest.mark.parametrize("case", CORPUS["sentences"], ids=lambda c: c["text"][:30])
def test_sentence(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative(text: str) -> None:
    assert orgs(text) == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict[str, Any]) -> None:
    check_sentence(case)


# --- state for later extractors ------------------------------------------------


def test_aliases_and_focus() -> None:
    text = (
        "走进北一半导体科技有限公司(以下简称“北一半导体”),车间内机器人快速加工。"
        "“这个车间是公司今年初投产的。”公司产品经理施雨虹告诉记者。"
        "浙江亿美达门业有限公司董事长吴东君说,亿美达的门卖得好。公司总经理说。"
    )
    ctx = context(text)
    assert ctx.state["org_aliases"] == {"北一半导体": "北一半导体科技有限公司", "亿美达": "浙江亿美达门业有限公司"}
    focus = ctx.state["org_focus"]
    assert focus == sorted(focus)

    def company_at(pos: int) -> str | None:
        before = [name for start, name in focus if start < pos]
        return before[-1] if before else None

    assert company_at(text.index("公司产品经理")) == "北一半导体科技有限公司"
    assert company_at(text.index("公司总经理")) == "浙江亿美达门业有限公司"
    # the alias inside the full name is not a second mention
    assert [n for s, n in focus if n == "浙江亿美达门业有限公司"] == ["浙江亿美达门业有限公司"] * 2
    assert ctx.state["organizations"]["北一半导体科技有限公司"] == "company"


def test_one_fact_per_distinct_organisation() -> None:
    text = "清华大学和北京大学合作。清华大学的学生来了。清华大学又来了。"
    facts = orgs(text)
    assert [f.name for f in facts] == ["清华大学", "北京大学"]
    assert facts[0].start == 0


def test_outside_body_is_dropped() -> None:
    text = "来源:亚汇网\n\n科技部公布名单。清华大学入选。\n\n相关阅读\n\n北京大学新闻"
    names = [f.name for f in orgs(text)]
    assert "科技部" in names


# --- tables --------------------------------------------------------------------


def test_suffix_table_integrity() -> None:
    kinds = {"company", "government", "university", "institute", "zone", "bank", "other"}
    rows = read_tsv("org_suffixes.tsv")
    assert len({r["suffix"] for r in rows}) == len(rows)
    for r in rows:
        assert r["kind"] in kinds, r
        assert r["chain"] in {"yes", "no", "party"}, r
        assert r["min_name"].isdigit() and r["place"] in {"0", "1"} and r["weak"] in {"0", "1"}, r
    known = read_tsv("org_known.tsv")
    assert len({r["name"] for r in known}) == len(known)
    assert all(r["kind"] in kinds for r in known)
    assert all(r["kind"] in kinds for r in read_tsv("org_list_heads.tsv"))
    assert {r["strength"] for r in read_tsv("org_company_verbs.tsv")} <= {"strong", "weak"}
    for name in ("org_left_stops.tsv", "org_generic.tsv", "org_negatives.tsv", "org_industry.tsv",
                 "org_name_words.tsv", "org_descriptive_verbs.tsv", "org_and_compounds.tsv"):
        words = [r["word"] for r in read_tsv(name)]
        assert words and len(words) == len(set(words)), name


def test_long_line_is_fast() -> None:
    text = "推动中色奥博特、宇捷轴承等多家企业与中南大学、山东大学开展联合研发,北一半导体科技有限公司落户。" * 3000
    ctx = build_context("x")
    ctx.text = ctx.norm = text
    ctx.body = [(0, len(text))]
    t0 = time.perf_counter()
    facts = list(organization.extract(ctx))
    assert {f.name for f in facts} >= {"中色奥博特", "中南大学", "北一半导体科技有限公司"}
    assert time.perf_counter() - t0 < 20
