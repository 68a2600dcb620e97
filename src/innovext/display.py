"""HTML rendering of a result for Jupyter (``Document._repr_html_``).

The text is shown with every fact highlighted in its type's colour; hovering a
highlight shows the normalised values (the ``title`` attribute, so it works in
any notebook front end without JavaScript); a legend and a table of the facts
follow. Everything from the source text is HTML-escaped: scraped pages contain
``<script>`` and ``&nbsp;`` and must show as text.

Text outside the article body (page furniture) is shown in grey.

Facts can nest (a quantity inside a change, a place inside an organisation):
the text is cut at every fact boundary and each piece is wrapped in the marks
of all the facts covering it, innermost last, so nesting shows as stacked
underlines and nothing is hidden.
"""

from __future__ import annotations

import html
import itertools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Fact
    from .result import Document

__all__ = ["COLORS", "document_html", "fact_title", "facts_table_html"]

#: One colour per fact type (colour-blind-friendly Okabe–Ito-like, light enough for text on top).
COLORS: dict[str, str] = {
    "quantity": "#f6c667",
    "change": "#f4a261",
    "policy": "#8ecae6",
    "programme": "#a8dadc",
    "person": "#f4acb7",
    "organization": "#b8e0a8",
    "place": "#cdb4db",
    "quote": "#e9e5cd",
}
_DEFAULT_COLOR = "#dddddd"
_BASE_FIELDS = ("type", "start", "end", "text", "rule")
_MAX_TEXT = 200_000  # characters rendered inline; longer documents are cut (the table stays complete)
_MAX_ROWS = 2_000


def _fields(fact: Fact) -> dict[str, Any]:
    data = fact.model_dump(mode="json")
    return {k: v for k, v in data.items() if k not in _BASE_FIELDS and v not in (None, [], "", False)}


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def fact_title(fact: Fact) -> str:
    """The hover text of a fact: its type and normalised fields, one per line."""
    lines = [f"{fact.type} [{fact.start}:{fact.end}]"]
    lines += [f"{k}: {_fmt(v)}" for k, v in _fields(fact).items()]
    return "\n".join(lines)


def _mark(fact: Fact, inner: str) -> str:
    color = COLORS.get(fact.type, _DEFAULT_COLOR)
    title = html.escape(fact_title(fact), quote=True)
    return (
        f'<mark class="innovext-{html.escape(fact.type)}" title="{title}" '
        f'style="background:{color};padding:0 1px;border-radius:2px;'
        f'border-bottom:2px solid rgba(0,0,0,.25)">{inner}</mark>'
    )


def _highlighted(text: str, facts: list[Fact], body: list[tuple[int, int]] | None = None) -> str:
    """The text with facts wrapped in ``<mark>``; nested facts stack (outer first).

    Text outside the article ``body`` (page furniture: navigation, teasers) is
    greyed, so a reader sees what innovext treated as the article.
    """
    facts = [f for f in facts if 0 <= f.start < f.end <= len(text)]
    ranges = sorted((max(0, s), min(len(text), e)) for s, e in (body if body is not None else [(0, len(text))]))
    edges = {x for r in ranges for x in r if 0 <= x <= len(text)}
    cuts = sorted({0, len(text), *edges, *(f.start for f in facts), *(f.end for f in facts)})
    # Sweep over the cuts keeping the facts that cover the current piece (outer
    # first, so the innermost mark is closest to the text): linear in pieces.
    starts: dict[int, list[Fact]] = {}
    for f in sorted(facts, key=lambda f: (f.start, -f.end)):
        starts.setdefault(f.start, []).append(f)
    active: list[Fact] = []
    out: list[str] = []
    r = 0
    for a, b in itertools.pairwise(cuts):
        active = [f for f in active if f.end > a] + starts.get(a, [])
        piece = html.escape(text[a:b])
        for fact in reversed(active):
            piece = _mark(fact, piece)
        while r < len(ranges) and ranges[r][1] <= a:
            r += 1
        if not (r < len(ranges) and ranges[r][0] <= a and b <= ranges[r][1]):
            piece = f'<span class="innovext-furniture" style="color:#999">{piece}</span>'
        out.append(piece)
    return "".join(out)


def facts_table_html(facts: list[Fact], doc_id: str | None = None) -> str:
    """An HTML table of facts: type, span, text and the normalised fields."""
    rows = []
    for fact in facts[:_MAX_ROWS]:
        color = COLORS.get(fact.type, _DEFAULT_COLOR)
        fields = "; ".join(f"{k}={_fmt(v)}" for k, v in _fields(fact).items())
        rows.append(
            "<tr>"
            f'<td><span style="background:{color};padding:0 4px">{html.escape(fact.type)}</span></td>'
            f"<td>{fact.start}–{fact.end}</td>"
            f"<td>{html.escape(fact.text)}</td>"
            f'<td style="text-align:left">{html.escape(fields)}</td>'
            "</tr>"
        )
    more = "" if len(facts) <= _MAX_ROWS else f"<p>… {len(facts) - _MAX_ROWS} more facts (use to_pandas())</p>"
    return (
        '<table class="innovext-facts"><thead><tr><th>type</th><th>span</th><th>text</th><th>values</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>{more}"
    )


def _legend(facts: list[Fact]) -> str:
    counts: dict[str, int] = {}
    for f in facts:
        counts[f.type] = counts.get(f.type, 0) + 1
    items = [
        f'<span style="background:{COLORS.get(t, _DEFAULT_COLOR)};padding:0 6px;margin-right:6px;'
        f'border-radius:2px">{html.escape(t)} {counts.get(t, 0)}</span>'
        for t in [*COLORS, *sorted(set(counts) - set(COLORS))]
    ]
    return f'<div class="innovext-legend" style="margin:4px 0">{"".join(items)}</div>'


def document_html(doc: Document) -> str:
    """A self-contained HTML view of a result: header, legend, highlighted text, facts table."""
    text = doc.text
    cut = len(text) > _MAX_TEXT
    shown = text[:_MAX_TEXT]
    facts = [f for f in doc.facts if f.end <= len(shown)]
    meta = doc.metadata
    name = html.escape(doc.doc_id or "document")
    head_bits = [f"<b>{name}</b>", f"{len(text)} characters", f"{len(doc.facts)} facts"]
    if meta.title:
        head_bits.insert(1, html.escape(meta.title))
    if meta.published_used:
        head_bits.append(f"date {html.escape(meta.published_used)}")
    if meta.encoding:
        head_bits.append(html.escape(meta.encoding))
    if meta.flags:
        head_bits.append("flags: " + html.escape(", ".join(meta.flags)))
    body = _highlighted(shown, facts, doc.body)
    note = f"<p>… text cut at {_MAX_TEXT} characters for display</p>" if cut else ""
    return (
        '<div class="innovext-document">'
        f'<div class="innovext-header">{" · ".join(head_bits)}</div>'
        f"{_legend(doc.facts)}"
        '<div class="innovext-text" style="white-space:pre-wrap;line-height:1.9;'
        f'max-height:32em;overflow:auto;border:1px solid #ddd;padding:6px">{body}</div>{note}'
        f"{facts_table_html(doc.facts)}"
        "</div>"
    )
