"""Notebook rendering: escaped text, facts highlighted by type with values on hover, a table beneath."""

from __future__ import annotations

import html
import re

import innovext
from innovext.display import COLORS, document_html, fact_title
from innovext.facts import Change, Place, Quantity
from innovext.result import Document, Metadata

TEXT = "<b>穆棱</b>企业从3家增长到27家 & 更多"


def _doc() -> Document:
    def span(sub: str) -> dict:
        start = TEXT.index(sub)
        return {"start": start, "end": start + len(sub), "text": sub}

    q1 = Quantity(**span("3家"), value=3, unit="家", kind="count")
    q2 = Quantity(**span("27家"), value=27, unit="家", kind="count", approx="over")
    ch = Change(**span("从3家增长到27家"), from_value=3, to_value=27, unit="家")
    pl = Place(**span("穆棱"), name="穆棱市", level="county", path=["黑龙江省", "牡丹江市", "穆棱市"])
    facts = sorted([q1, q2, ch, pl], key=lambda f: (f.start, -f.end))
    for f in facts:
        assert TEXT[f.start : f.end] == f.text
    return Document("d1", TEXT, Metadata(title="标题"), [(0, len(TEXT))], [(0, len(TEXT))], facts)


def _strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_text_is_escaped_and_unchanged_once_tags_are_removed() -> None:
    out = document_html(_doc())
    assert "<b>穆棱</b>" not in out  # the source's markup is shown as text
    body = re.search(r'<div class="innovext-text"[^>]*>(.*?)</div>', out, re.S)
    assert body is not None
    assert _strip_tags(body.group(1)) == TEXT


def test_every_fact_is_highlighted_in_its_colour_with_values_on_hover() -> None:
    doc = _doc()
    out = document_html(doc)
    for fact in doc.facts:
        assert f'class="innovext-{fact.type}"' in out
        assert COLORS[fact.type] in out
        assert html.escape(fact_title(fact), quote=True) in out
    assert "from_value: 3" in fact_title(doc.facts[1])
    assert "path: 黑龙江省、牡丹江市、穆棱市" in fact_title(doc.facts[0])
    assert "approx: over" in fact_title(doc.facts[-1])


def test_nested_facts_stack_marks() -> None:
    out = document_html(_doc())
    # "3家" is inside the change: its piece carries both marks, change outside
    assert re.search(r'class="innovext-change"[^>]*><mark class="innovext-quantity"[^>]*>3家</mark>', out)


def test_table_beneath_lists_every_fact_and_legend_counts() -> None:
    doc = _doc()
    out = document_html(doc)
    table = out[out.index('<table class="innovext-facts"') :]
    assert table.count("<tr>") == len(doc.facts) + 1
    assert "quantity 2" in out and "change 1" in out


def test_repr_html_of_a_real_result() -> None:
    doc = innovext.extract("高新技术企业从3家增长到27家。<script>alert(1)</script>", doc_id="x")
    out = doc._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<tr>") == len(doc.facts) + 1


def test_empty_document() -> None:
    out = innovext.extract("")._repr_html_()
    assert "0 facts" in out


def test_furniture_outside_the_body_is_greyed() -> None:
    text = "首页 > 新闻\n高新技术企业从3家增长到27家。\n相关阅读"
    start = text.index("高")
    end = text.index("\n相关")
    doc = Document("f", text, Metadata(), [(start, end)], [(start, end)], [])
    out = document_html(doc)
    assert '<span class="innovext-furniture" style="color:#999">首页 &gt; 新闻\n</span>' in out
    assert '<span class="innovext-furniture" style="color:#999">\n相关阅读</span>' in out
    assert '<span class="innovext-furniture" style="color:#999">高' not in out
