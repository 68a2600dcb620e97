"""Corpus-driven tests of the policy extractor (tests/corpus/policy.yaml) and its bad-input cases."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from corpora import known_gaps, load_corpus
from innovext.extractors import policy
from innovext.facts import Place, Policy
from innovext.pipeline import build_context, run

CORPUS = load_corpus("policy")
OPENERS = {"《": "》", "〈": "〉", "\u2329": "\u232a", "<<": ">>", "＜＜": "＞＞"}


def policies(text: str) -> tuple[list[Policy], list[str]]:
    """Policy facts of ``text`` (only this family runs, so the test does not depend on other extractors)."""
    doc = run(text, only={"policy"})
    facts = [f for f in doc.facts if isinstance(f, Policy)]
    for f in facts:
        assert text[f.start : f.end] == f.text
    return facts, doc.metadata.flags


def inside(text: str) -> str:
    for opener, closer in OPENERS.items():
        if text.startswith(opener) and text.endswith(closer):
            inner = text[len(opener) : len(text) - len(closer)]
            return "".join(part.strip() for part in inner.splitlines())
    raise AssertionError(f"not a bracketed title: {text!r}")


def check_fields(fact: Policy, expect: dict[str, Any]) -> None:
    for key, value in expect.items():
        if key == "text":
            continue
        assert getattr(fact, key) == value, f"{key}: {getattr(fact, key)!r} != {value!r} in {fact.text!r}"


TITLE_CASES = [
    pytest.param(text, group["expect"], id=text.replace("\n", "⏎"))
    for group in CORPUS["titles"]
    for text in group["texts"]
]


@pytest.mark.parametrize(("text", "expect"), TITLE_CASES)
def test_title(text: str, expect: dict[str, Any]) -> None:
    facts, _ = policies(text)
    assert len(facts) == 1, facts
    fact = facts[0]
    assert (fact.start, fact.end) == (0, len(text))
    assert fact.title == expect.get("title", inside(text))
    assert fact.flagged is None
    check_fields(fact, expect)


def check_sentence(case: dict[str, Any]) -> None:
    facts, _ = policies(case["text"])
    assert [f.text for f in facts] == [f["text"] for f in case["facts"]]
    for fact, expect in zip(facts, case["facts"], strict=True):
        check_fields(fact, expect)


@pytest.mark.parametrize("case", CORPUS["sentences"], ids=lambda c: c["text"][:40])
def test_sentence(case: dict[str, Any]) -> None:
    check_sentence(case)


@pytest.mark.parametrize("text", CORPUS["negative"])
def test_negative(text: str) -> None:
    facts, _ = policies(text)
    assert facts == []


@pytest.mark.parametrize(
    "case",
    known_gaps(CORPUS["xfail"]),
)
def test_known_gap(case: dict[str, Any]) -> None:
    check_sentence(case)


# --- bad input ---------------------------------------------------------------


def test_unclosed_title_is_bounded_and_flagged() -> None:
    text = (
        "市政府出台《关于加快科技创新的若干措施，要求各地认真落实"
        + "后续内容" * 200
        + "。另见《长治市科技创新券实施细则》。"
    )
    facts, flags = policies(text)
    assert [f.title for f in facts] == ["关于加快科技创新的若干措施", "长治市科技创新券实施细则"]
    guessed, closed = facts
    assert guessed.text == "《关于加快科技创新的若干措施"
    assert guessed.flagged and "unclosed" in guessed.flagged
    assert guessed.kind == "policy" and guessed.issuer == "市政府"
    assert closed.flagged is None
    assert any("unclosed" in f for f in flags)


def test_unclosed_title_without_head_word_gives_no_fact() -> None:
    text = "他说《这是一本还没有写完书名的书" + "字" * 500 + "《长治市科技创新券实施细则》"
    facts, flags = policies(text)
    # The unclosed opener never swallows the rest: the later, well-formed title is found whole.
    assert [f.text for f in facts] == ["《长治市科技创新券实施细则》"]
    assert any("unclosed" in f for f in flags)


def test_unclosed_title_stops_at_paragraph_break() -> None:
    text = "出台《关于支持企业研发的若干措施\n\n《长治市科技创新券实施细则》"
    facts, _ = policies(text)
    assert [f.flagged is not None for f in facts] == [True, False]
    assert facts[1].text == "《长治市科技创新券实施细则》"


def test_unclosed_status_parenthesis_is_kept() -> None:
    facts, _ = policies("印发《科技创新券管理办法（试行），请遵照执行")
    assert [(f.text, f.status) for f in facts] == [("《科技创新券管理办法（试行）", "试行")]


def test_unclosed_edition_parenthesis_is_kept() -> None:
    facts, _ = policies("卫生部门印发《公众接种疫苗指引（2023年5月版），建议及时接种疫苗")
    got = [(f.title, f.year, f.flagged is not None) for f in facts]
    assert got == [("公众接种疫苗指引（2023年5月版）", 2023, True)]


def test_stray_closers_are_ignored() -> None:
    text = "》》出台《长治市科技创新券实施细则》》和》《长治市科技计划项目管理办法》"
    facts, flags = policies(text)
    assert [f.text for f in facts] == ["《长治市科技创新券实施细则》", "《长治市科技计划项目管理办法》"]
    assert flags == []


def test_stray_closer_only_document() -> None:
    facts, flags = policies("》" * 1000)
    assert facts == [] and flags == []


def _finishes(target: Any, timeout: float = 120.0) -> None:
    """Run ``target`` in a thread; fail if it is still running after a generous timeout."""
    errors: list[BaseException] = []

    def wrapped() -> None:
        try:
            target()
        except BaseException as exc:  # re-raised in the test thread
            errors.append(exc)

    thread = threading.Thread(target=wrapped, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "did not finish: not linear?"
    if errors:
        raise errors[0]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("《" + "字" * 1_000_000, id="one-opener-1MB"),
        pytest.param("《" * 1_000_000, id="openers-1MB"),
        pytest.param("《" * 500_000 + "》" * 500_000, id="deep-nesting-1MB"),
        pytest.param(("《关于" + "字" * 200) * 5_000, id="many-unclosed-1MB"),
    ],
)
def test_unclosed_in_1mb_text_is_linear(text: str) -> None:
    def go() -> None:
        pairs, unclosed = policy.find_titles(text)
        assert all(e - s <= policy.MAX_TITLE + 4 for s, e, _ in pairs)
        assert unclosed

    _finishes(go)


def test_opener_runs_keep_only_the_innermost_open() -> None:
    pairs, unclosed = policy.find_titles("《" * 11 + "长治市科技创新券实施细则》》")
    assert pairs == [(9, 25, "《")]
    assert unclosed == list(range(9))


def test_flags_and_guesses_are_capped_on_broken_markup() -> None:
    text = "《关于办法" * 1000
    ctx = build_context(text)
    facts = list(policy.extract(ctx))
    assert len(facts) == policy.MAX_GUESSES
    assert all(f.flagged for f in facts)
    assert len(ctx.flags) == policy.MAX_FLAGS + 1
    assert ctx.flags[-1] == f"policy: {1000 - policy.MAX_FLAGS} more unclosed title brackets not listed"


def test_unclosed_in_1mb_document_through_the_pipeline() -> None:
    text = "出台《关于加快科技创新的若干措施" + "字" * 1_000_000

    def go() -> None:
        facts, flags = policies(text)
        assert [f.text for f in facts] == ["《关于加快科技创新的若干措施"]
        assert flags

    _finishes(go)


def test_issuer_from_a_place_fact_at_the_title_start() -> None:
    """When the place extractor found a place at the start of the title, its text is the issuer."""
    text = "出台《余姚科技创新券实施细则》"
    ctx = build_context(text)
    ctx.facts.append(Place(start=3, end=5, text="余姚", name="余姚市", level="county"))
    (fact,) = [f for f in policy.extract(ctx) if isinstance(f, Policy)]
    assert fact.issuer == "余姚"


def test_country_at_the_title_start_is_no_issuer() -> None:
    text = "出台《中国数字经济发展白皮书》"
    ctx = build_context(text)
    ctx.facts.append(Place(start=3, end=5, text="中国", name="中国", level="country"))
    (fact,) = [f for f in policy.extract(ctx) if isinstance(f, Policy)]
    assert fact.issuer is None


def test_head_table_has_no_duplicates_and_known_kinds() -> None:
    from innovext.resources import read_tsv

    rows = read_tsv("policy_heads.tsv")
    heads = [r["head"] for r in rows]
    assert len(heads) == len(set(heads))
    assert {r["kind"] for r in rows} <= {"policy", "report", "other"}
