"""The pipeline core (``innovext.pipeline``) with stand-in extractors.

Real extractors are tested from their corpora; here small fake extractor modules
pin down what the pipeline itself promises: input types, the span check, the
body filter, run order and shared state, and that windowing a huge document
gives the same facts as running it whole.
"""

from __future__ import annotations

import datetime as dt
import itertools
from types import SimpleNamespace
from typing import Any

import pytest
import regex

import innovext
from innovext import pipeline
from innovext.facts import Fact
from innovext.pipeline import Context, SpanError, build_context, chunk_bounds, run

_NUM = regex.compile(r"\d{1,12}(?:家|个|%)")
_BOOK = regex.compile(r"《[^《》\n]{1,50}》")


def _numbers(ctx: Context) -> Any:
    for m in _NUM.finditer(ctx.norm):
        yield Fact(type="num", start=m.start(), end=m.end(), text=ctx.text[m.start() : m.end()])


def _books(ctx: Context) -> Any:
    # uses an earlier family and the shared state, like the real change/quantity pair
    ctx.state["books_seen"] = ctx.state.get("books_seen", 0) + 1
    nums = ctx.facts_of("num")
    for m in _BOOK.finditer(ctx.norm):
        near = sum(1 for f in nums if 0 <= f.start - m.end() <= 5)
        yield Fact(type="book", start=m.start(), end=m.end(), text=ctx.text[m.start() : m.end()], rule=str(near))


FAKES = (
    SimpleNamespace(NAME="num", ORDER=1, extract=_numbers),
    SimpleNamespace(NAME="book", ORDER=2, extract=_books),
)


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extractors", lambda: FAKES)


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["list"], 3.5, bytearray(b"x")])
def test_extract_accepts_str_only(bad: Any) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        innovext.extract(bad)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\u3000"])
def test_empty_or_blank_gives_an_empty_result(text: str) -> None:
    doc = innovext.extract(text)
    assert doc.facts == [] and doc.body == [] and doc.sentences == []
    assert doc.text == text
    assert doc.to_record()["facts"] == []


def test_str_subclass_is_accepted() -> None:
    class S(str):
        pass

    assert innovext.extract(S("")).facts == []


def test_facts_sorted_and_exact(fakes: None) -> None:
    text = "正文有3家企业,《通知》2个。\n占比50%。"
    doc = run(text)
    got = [(f.type, f.text) for f in doc.facts]
    assert got == [("num", "3家"), ("book", "《通知》"), ("num", "2个"), ("num", "50%")]
    for f in doc.facts:
        assert text[f.start : f.end] == f.text
    assert [f.rule for f in doc.of("book")] == ["1"]  # saw the earlier family


def test_facts_outside_the_body_are_dropped(fakes: None) -> None:
    text = "您的位置:首页>3家新闻\n正文5家。\n相关阅读\n别的文章7家"
    assert [f.text for f in run(text).facts] == ["5家"]


def test_only_filters_families(fakes: None) -> None:
    text = "《通知》3家"
    assert [f.type for f in run(text, only=["book"]).facts] == ["book"]


def test_span_error_is_loud(monkeypatch: pytest.MonkeyPatch) -> None:
    def bad(ctx: Context) -> Any:
        yield Fact(type="bad", start=0, end=2, text="xx")

    monkeypatch.setattr(pipeline, "extractors", lambda: (SimpleNamespace(NAME="bad", ORDER=1, extract=bad),))
    with pytest.raises(SpanError, match="bad"):
        run("正文。")


def test_on_fact_callback_sees_reported_facts(fakes: None) -> None:
    seen: list[Fact] = []
    doc = run("3家和4个。", on_fact=seen.append)
    assert seen == doc.facts and len(seen) == 2


def test_deterministic(fakes: None) -> None:
    text = "《甲》3家。\n" * 50
    assert run(text) == run(text)


# --- windowing of huge documents -------------------------------------------------

def _page(n_lines: int) -> str:
    lines = ["您的位置:首页>新闻", "标题", "2024-05-06 来源:测试日报"]
    for i in range(n_lines):
        lines.append(f"第{i}段:企业{i % 97}家,《规划{i % 13}》发布,增长{i % 50}%,另有{i}个项目。")
    lines += ["相关阅读", "别的文章1000家"]
    return "\n".join(lines)


@pytest.mark.parametrize("size", [64, 500, 4096])
def test_windowed_run_gives_the_same_facts(fakes: None, size: int) -> None:
    text = _page(300)
    whole = run(text, chunk_chars=10**9)
    windowed = run(text, chunk_chars=size)
    assert len(text) > size
    assert windowed.facts == whole.facts
    assert windowed.body == whole.body and windowed.sentences == whole.sentences
    assert windowed.metadata == whole.metadata
    for f in windowed.facts:
        assert text[f.start : f.end] == f.text


def test_windows_share_state(fakes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    states: list[dict[str, Any]] = []

    def spy(ctx: Context) -> Any:
        states.append(ctx.state)
        return ()

    monkeypatch.setattr(pipeline, "extractors", lambda: (*FAKES, SimpleNamespace(NAME="spy", ORDER=3, extract=spy)))
    run(_page(100), chunk_chars=300)
    assert len(states) > 3 and all(s is states[0] for s in states)
    assert states[0]["books_seen"] == len(states)


def test_single_huge_line_windows_at_sentence_ends() -> None:
    text = "企业3家。" * 1000
    bounds = chunk_bounds(text, 100)
    assert all(text[e - 1] == "。" for _, e in bounds)


@pytest.mark.parametrize(
    ("text", "size"),
    [("a" * 1000, 64), ("ab\ncd\nef" * 100, 7), ("字,字" * 333, 10), ("x", 1), ("", 5), ("《" * 10_000, 999)],
)
def test_chunk_bounds_cover_without_gaps(text: str, size: int) -> None:
    bounds = chunk_bounds(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (_s1, e1), (s2, _) in itertools.pairwise(bounds):
        assert e1 == s2
    assert all(0 < e - s <= size for s, e in bounds) or text == ""


def test_chunk_bounds_prefer_line_breaks() -> None:
    text = "一句。" * 10 + "\n" + "二句。" * 10
    assert chunk_bounds(text, 40) == [(0, 31), (31, 61)]


# --- context helpers ---------------------------------------------------------------

def test_context_helpers() -> None:
    text = "标题\n打印本页\n正文一。正文二。"
    ctx = build_context(text)
    assert [text[s:e] for s, e in ctx.body] == ["标题", "正文一。正文二。"]
    b1 = ctx.body[1]
    assert ctx.in_body(b1[0], b1[1]) and ctx.in_body(b1[0], b1[0])
    assert not ctx.in_body(b1[0] - 1, b1[1]) and not ctx.in_body(3, 5)
    s = ctx.sentence_at(b1[0] + 5)
    assert s is not None and text[s[0] : s[1]] == "正文二。"
    assert ctx.sentence_at(3) is None
    ctx.facts.append(Fact(type="a", start=0, end=1, text="标"))
    assert [f.text for f in ctx.facts_of("a")] == ["标"]
    ctx.facts.append(Fact(type="a", start=1, end=2, text="题"))
    assert len(ctx.facts_of("a")) == 2 and ctx.facts_of("b") == []
    ctx.facts_of("a").clear()  # a copy: the index is not the caller's
    assert len(ctx.facts_of("a")) == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-08-27", dt.date(2023, 8, 27)),
        ("2023-08-27T09:17:50Z", dt.date(2023, 8, 27)),
        ("2023年8月27日", dt.date(2023, 8, 27)),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
        (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
        (None, None),
        ("", None),
    ],
)
def test_published(value: Any, expected: dt.date | None) -> None:
    assert build_context("正文。", value).published == expected


def test_published_errors() -> None:
    with pytest.raises(ValueError, match="publication date"):
        build_context("正文。", "昨天")
    with pytest.raises(TypeError, match="int"):
        build_context("正文。", 20230827)


def test_page_date_is_used_when_none_given() -> None:
    ctx = build_context("标题\n2022-03-04 来源:某报\n正文。")
    assert ctx.published == dt.date(2022, 3, 4)


def test_windowed_quote_keeps_speaker_offsets() -> None:
    # Offsets other than start/end (Quote.speaker_start/_end) move with the window too.
    from innovext.facts import Quote

    def quotes(ctx: Context) -> Any:
        for m in regex.finditer(r"(张三)说:(“[^”]{1,20}”)", ctx.norm):
            yield Quote.model_construct(
                type="quote", start=m.start(2), end=m.end(2), text=ctx.text[m.start(2) : m.end(2)], rule=None,
                speaker_start=m.start(1), speaker_end=m.end(1),
            )

    text = "\n".join(f"第{i}段。张三说:“好{i}。”" for i in range(200))
    mods = (SimpleNamespace(NAME="quote", ORDER=1, extract=quotes),)
    pipeline_extractors = pipeline.extractors
    try:
        pipeline.extractors = lambda: mods  # type: ignore[assignment]
        doc = run(text, chunk_chars=500)
    finally:
        pipeline.extractors = pipeline_extractors  # type: ignore[assignment]
    assert len(doc.facts) == 200
    for f in doc.facts:
        assert text[f.speaker_start : f.speaker_end] == "张三"  # type: ignore[attr-defined]



def test_person_company_index_is_per_window() -> None:
    """Windows share ``state``; the person extractor's company index must still be each window's own."""
    from innovext.extractors import person

    first = pipeline.build_context("记者走进北一半导体科技有限公司。公司产品经理施雨虹说,订单增长很快。")
    second = pipeline.build_context("去年十月,新落户的浙江科力车辆控制系统有限公司已投产,公司总经理邵金龙介绍。")
    alone = person._company_index(second)
    second.state = first.state  # as pipeline._window shares it
    person._company_index(first)
    assert person._company_index(second) == alone
    assert alone[1][1] == ["浙江科力车辆控制系统有限公司"]
