"""Corpus-driven tests of the place extractor and gazetteer (tests/corpus/place.yaml), plus table integrity."""

from __future__ import annotations

from typing import Any

import pytest

from corpora import known_gaps, load_corpus
from innovext import gazetteer
from innovext.extractors import place
from innovext.facts import Place
from innovext.pipeline import build_context, run
from innovext.resources import read_lines, read_tsv

CORPUS = load_corpus("place")


def places(text: str) -> tuple[list[Place], str | None]:
    """Place facts of ``text`` and the focal place (only this family runs)."""
    doc = run(text, only={"place"})
    facts = [f for f in doc.facts if isinstance(f, Place)]
    for f in facts:
        assert text[f.start : f.end] == f.text
    return facts, doc.metadata.focal_place


PLACE_CASES = [
    pytest.param(text, group["expect"], id=text) for group in CORPUS["places"] for text in group["texts"]
]


@pytest.mark.parametrize(("text", "expect"), PLACE_CASES)
def test_place(text: str, expect: dict[str, Any]) -> None:
    facts, focal = places(text)
    assert len(facts) == 1, facts
    fact = facts[0]
    assert (fact.start, fact.end) == (0, len(text))
    for key, value in expect.items():
        assert getattr(fact, key) == value, f"{key}: {getattr(fact, key)!r} != {value!r}"
    assert fact.focal and focal == text


def check_sentence(case: dict[str, Any]) -> None:
    facts, focal = places(case["text"])
    assert [[f.text, f.name] for f in facts] == case["places"]
    if "paths" in case:
        assert [f.path for f in facts] == case["paths"]
    if "focal" in case and case["focal"] is None:
        assert focal is None and not any(f.focal for f in facts)
    elif "focal" in case:
        assert focal == case["focal"]
        assert all(f.focal == (f.name == facts[[g.text for g in facts].index(focal)].name) for f in facts)


@pytest.mark.parametrize("case", CORPUS["sentences"], ids=lambda c: c["text"][:30])
def test_sentence(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative(text: str) -> None:
    facts, focal = places(text)
    assert facts == [] and focal is None


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("case", CORPUS["before"], ids=lambda c: f"{c['text'][:20]}@{c['at']}")
def test_place_before(case: dict[str, Any]) -> None:
    ctx = build_context(case["text"])
    list(place.extract(ctx))
    pos = case["text"].index(case["at"])
    assert gazetteer.place_before(ctx, pos) == case["expect"]


def test_place_before_without_place_extractor() -> None:
    ctx = build_context("聊城市高新技术企业803家。")
    assert gazetteer.place_before(ctx, 9) is None  # no mentions recorded: nothing to return


def test_focal_place_in_state_and_metadata() -> None:
    text = "黑龙江穆棱引导集聚创新资源。穆棱市高新技术企业从3家增长到27家。穆棱市持续推进创新。"
    ctx = build_context(text)
    facts = list(place.extract(ctx))
    assert ctx.state["focal_place"] == "穆棱市"
    assert ctx.state["focal_division"].code == "231085"
    assert {f.text for f in facts if f.focal} == {"穆棱", "穆棱市"}


def test_lookup_and_path() -> None:
    assert [d.name for d in gazetteer.lookup("穆棱")] == ["穆棱市"]
    assert gazetteer.path_of(gazetteer.lookup("穆棱市")[0]) == ["黑龙江省", "牡丹江市", "穆棱市"]
    # 长治 is the current city before the former county 长治县
    assert gazetteer.lookup("长治")[0].name == "长治市"
    assert gazetteer.lookup("不存在的地方") == ()
    assert gazetteer.place_prefix_len("黑龙江省穆棱电站阀门") == 6
    assert gazetteer.is_place_sequence("山东省聊城市")
    assert not gazetteer.is_place_sequence("轴承")


# --- table integrity -----------------------------------------------------------


def test_places_table_integrity() -> None:
    rows = read_tsv("places.tsv")
    assert len(rows) > 3000
    current = {r["code"]: r for r in rows if r["status"] == "current"}
    assert len(current) == len({r["code"] for r in rows if r["status"] == "current"})
    levels = {"province", "city", "county"}
    for r in rows:
        assert len(r["code"]) == 6 and r["code"].isdigit(), r
        assert r["level"] in levels, r
        assert r["status"] in {"current", "former"}, r
        if r["parent"]:
            assert r["parent"] in current, r
        else:
            assert r["level"] == "province", r
        if r["short"]:
            assert len(r["short"]) >= 2 and r["short"] != r["name"] and r["name"].startswith(r["short"]), r
        if r["successor"]:
            assert r["status"] == "former" and r["successor"] in current, r
    # 34 provincial-level divisions
    assert sum(r["level"] == "province" for r in current.values()) == 34
    for r in current.values():
        if r["level"] == "city":
            assert current[r["parent"]]["level"] == "province", r


def test_ambiguous_list_entries_are_short_forms() -> None:
    forms = {r["short"] for r in read_tsv("places.tsv")} | {r["name"] for r in read_tsv("places.tsv")}
    entries = read_lines("places_ambiguous.txt")
    assert len(entries) == len(set(entries))
    unknown = [w for w in entries if w not in forms]
    assert unknown == [], unknown


def test_huge_line_is_linear() -> None:
    import time

    text = ("穆棱市持续推进以产业科技创新为核心的全面创新,创新平台建设加快。" * 20000)
    t0 = time.perf_counter()
    mentions = gazetteer.find_mentions(text, [(0, len(text))])
    assert len(mentions) == 20000
    assert time.perf_counter() - t0 < 10


def test_world_table_on_request() -> None:
    """Foreign countries and world regions are found when asked for, as whole words only."""
    text = "产品远销欧盟、俄罗斯、印度尼西亚等国。中东部地区的朝鲜族群众和美国人。"
    found = gazetteer.find_world(text, [(0, len(text))], frozenset({"world"}))
    assert [(x.name, x.level) for x in found] == [("欧盟", "other"), ("俄罗斯", "country"), ("印度尼西亚", "country"),
                                                  ("美国", "country")]
    assert gazetteer.find_world(text, [(0, len(text))]) == []  # scope cn only by default


def test_world_table_integrity() -> None:
    rows = read_tsv("places_world.tsv")
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    assert all(r["level"] in {"country", "other"} and r["scope"] in {"cn", "world"} for r in rows)
    assert "中国" not in names
