"""Body detection and page metadata (``innovext.page``) on small synthetic pages.

The seeds' bodies against the gold are checked in ``test_foundation.py``; here
each furniture rule is exercised on its own, and the edge cases that must not
crash (no body, huge lines, furniture only).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from innovext.page import PageMetadata, _header_lines, _lines, find_body, read_metadata
from innovext.text import normalize


def _body(raw: str) -> list[str]:
    norm = normalize(raw)
    return [raw[s:e] for s, e in find_body(norm)]


def test_plain_text_is_all_body() -> None:
    assert _body("第一段。\n第二段。") == ["第一段。\n第二段。"]


@pytest.mark.parametrize(
    "nav",
    ["您的位置：首页 > 新闻 > 正文", "当前位置:首页>科技", "首页 > 地方 > 浙江", "首页 » 要闻"],
)
def test_head_navigation_is_skipped(nav: str) -> None:
    assert _body(f"{nav}\n\n标题\n正文。") == ["标题\n正文。"]


def test_navigation_far_down_is_not_head() -> None:
    # breadcrumb patterns are only head furniture within the first lines of a page
    lines = [f"第{i}段正文。" for i in range(20)]
    text = "\n".join([*lines, "首页 > 新闻", "最后一段。"])
    assert _body(text) == [text]


@pytest.mark.parametrize(
    "marker", ["相关阅读", "热门文章", "责任编辑：张三", "关键词：创新", "上一篇：某文", "分享到："]
)
def test_tail_marker_ends_the_article(marker: str) -> None:
    assert _body(f"标题\n正文1000万元。\n{marker}\n别的文章 2000亿美元") == ["标题\n正文1000万元。"]


def test_tail_word_opening_a_long_sentence_is_not_a_marker() -> None:
    # a marker is a short label line; a sentence that happens to start with the word goes on
    text = (
        "标题\n相关新闻报道显示,今年全市高新技术企业数量增长明显,"
        "从去年的84家扩面到目前的125家,增幅居全省前列。\n后文。"
    )
    assert _body(text) == [text]


def test_tail_marker_before_any_content_does_not_empty_the_page() -> None:
    assert _body("相关阅读\n正文。") == ["相关阅读\n正文。"]


def test_furniture_line_splits_the_body() -> None:
    assert _body("标题\n【字号：大 中 小】\n正文。\n打印本页\n结尾。") == ["标题", "正文。", "结尾。"]


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "打印本页\n关闭窗口", "打印本页"])
def test_no_body(text: str) -> None:
    assert _body(text) == []


def test_body_ranges_are_trimmed_sorted_and_disjoint() -> None:
    raw = "  您的位置:首页>投资>\n\n  标题  \n\n正文。\n打印本页\n  结尾。  \n相关阅读\nx"
    spans = find_body(normalize(raw))
    assert spans == sorted(spans)
    for s, e in spans:
        assert s < e and not raw[s].isspace() and not raw[e - 1].isspace()
    assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(spans))


def test_huge_single_line_is_one_range() -> None:
    raw = "字。" * 500_000
    assert find_body(raw) == [(0, len(raw))]


def _meta(raw: str) -> PageMetadata:
    norm = normalize(raw)
    return read_metadata(norm, find_body(norm))


def test_metadata_date_time_and_source() -> None:
    meta = _meta("您的位置:首页>新闻\n余姚加快建设创新型城市\n2023-08-27 09:17:50 来源:宁波日报\n正文。")
    assert meta.title == "余姚加快建设创新型城市"
    assert meta.published == "2023-08-27T09:17:50"
    assert meta.source == "宁波日报"


def test_metadata_chinese_date_and_outlet_after_date() -> None:
    meta = _meta("标题行\n２０２３年６月２５日 ０９:１７ 山西日报\n正文。")
    assert meta.published == "2023-06-25T09:17:00"
    assert meta.source == "山西日报"


def test_metadata_title_span_points_at_the_title() -> None:
    raw = "\n  标题在这里  \n2024-01-02\n正文。"
    meta = _meta(raw)
    assert meta.title == "标题在这里"
    assert meta.title_span is not None
    s, e = meta.title_span
    assert raw[s:e] == "标题在这里"


def test_metadata_invalid_date_is_ignored() -> None:
    assert _meta("标题\n2023-13-45\n正文。").published is None


def test_metadata_byline_and_tail_authors() -> None:
    assert _meta("标题\n张三 李四\n正文。").authors == ["张三", "李四"]
    assert _meta("标题\n正文很长很长。(记者 王五 赵六)").authors == ["王五", "赵六"]


@pytest.mark.parametrize("raw", ["", "\x00\x01", "《" * 10_000, "2023-08-27" * 1000, "来源:" * 1000])
def test_metadata_never_crashes(raw: str) -> None:
    _meta(raw)


@given(st.text(st.sampled_from("ab \n\u3000"), max_size=30), st.data())
def test_header_lines_equal_the_full_listing(text: str, data: st.DataObject) -> None:
    # the early-stopping scan must give the first 6 non-blank lines ending after body_start
    body_start = data.draw(st.integers(0, len(text)))
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    assert _header_lines(text, body_start) == [(s, e) for s, e in lines if e > body_start][:6]
