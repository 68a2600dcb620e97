"""Page furniture and metadata: where the article is, and what the page says about it.

Scraped news pages carry navigation (``您的位置:首页>投资 >``), teasers of other
articles after the story (``相关阅读``, ``热门文章``), ad labels (``x 广告``) and tag
lines. Facts found there belong to other articles, so the pipeline reports only
facts inside :func:`find_body`. The patterns live in ``data/furniture.tsv``.

Metadata (title, publication time, source outlet, authors) is read where the page
states it, in the lines around the start of the article.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from .resources import read_tsv

__all__ = ["PageMetadata", "find_body", "read_metadata"]

_LINE_RE = regex.compile(r"[^\n]*\n?")


@functools.cache
def _furniture() -> dict[str, regex.Pattern[str]]:
    groups: dict[str, list[str]] = {"head": [], "tail": [], "line": []}
    for row in read_tsv("furniture.tsv"):
        groups[row["where"]].append(row["pattern"])
    return {k: regex.compile(r"\s*(?:" + "|".join(v) + ")") for k, v in groups.items() if v}


def _lines(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding the newline."""
    out = []
    pos = 0
    n = len(norm)
    while pos < n:
        nl = norm.find("\n", pos)
        if nl < 0:
            nl = n
        out.append((pos, nl))
        pos = nl + 1
    return out


# How far into the page navigation may appear, in lines.
_HEAD_LINES = 12
# A tail marker is a short line (a section label), not a sentence of the article.
_TAIL_MAX_LINE = 40


def find_body(norm: str) -> list[tuple[int, int]]:
    """Character ranges of the article itself in the normalised text.

    Head navigation lines (within the first lines of the page) are skipped, the
    article stops at the first tail marker (``相关阅读`` …), and furniture lines in
    between are cut out. Ranges are trimmed of surrounding whitespace.

    >>> t = "您的位置:首页>投资 >\\n\\n标题\\n正文。\\n\\n相关阅读\\n别的文章"
    >>> [t[s:e] for s, e in find_body(t)]
    ['标题\\n正文。']
    """
    pats = _furniture()
    lines = _lines(norm)
    head, tail, line_pat = pats.get("head"), pats.get("tail"), pats.get("line")
    first = 0
    content_seen = 0
    for i, (s, e) in enumerate(lines[:_HEAD_LINES]):
        text = norm[s:e]
        if head is not None and head.match(text):
            first = i + 1
            content_seen = 0
        elif text.strip():
            content_seen += 1
            if content_seen >= 4:
                break
    ranges: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    for s, e in lines[first:]:
        text = norm[s:e]
        stripped = text.strip()
        # perf: the length test before the patterns: most article lines are longer
        # than a section label, and the test is free of side effects.
        short = len(stripped) <= _TAIL_MAX_LINE
        if short and tail is not None and tail.match(text) and ranges + (
            [(cur_start, cur_end)] if cur_start is not None else []
        ):
            break
        if short and line_pat is not None and line_pat.match(text):
            if cur_start is not None:
                ranges.append((cur_start, cur_end))
                cur_start = None
            continue
        if stripped:
            if cur_start is None:
                cur_start = s
            cur_end = e
    if cur_start is not None:
        ranges.append((cur_start, cur_end))
    out = []
    for s, e in ranges:
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@dataclass
class PageMetadata:
    """What the page states about the article (all optional)."""

    title: str | None = None
    published: str | None = None  # ISO 8601 date or date-time, as precise as the page gives it
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    title_span: tuple[int, int] | None = None


_DATE_RE = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:-|/|\.|年)\s*(?P<m>\d{1,2})\s*(?:-|/|\.|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
_SOURCE_RE = regex.compile(
    r"(?:来源|来自|稿源|出处)\s*[:：]?\s*(?P<src>[\p{Han}A-Za-z·]{2,20}?)"
    r"(?=\s|$|\d|收集|编辑|作者|记者|时间|日期|发布|浏览|点击|字号|\||丨|/)"
)
# Outlet names that follow a date on the same line (``2023-06-25 09:17:50 山西日报``).
_OUTLET_RE = regex.compile(
    r"(?P<src>[\p{Han}A-Za-z]{2,15}?(?:日报|晚报|早报|时报|商报|报|网|客户端|新闻|电视台|广播电视台|在线|杂志))\s*$"
)
_BYLINE_RE = regex.compile(r"^\s*(?:\p{Han}{2,3}(?:\s+|$)){2,6}$")
_TAIL_AUTHOR_RE = regex.compile(
    r"[(（]\s*(?:记者|通讯员|作者)?\s*(?P<names>\p{Han}{2,3}(?:\s+\p{Han}{2,3})*)\s*[)）]\s*$"
)


def _header_lines(norm: str, body_start: int, count: int = 6) -> list[tuple[int, int]]:
    """The first ``count`` non-blank lines (as :func:`_lines`) ending after ``body_start``.

    perf: the scan starts at the line holding ``body_start`` (every earlier line
    ends before it) and stops after ``count`` lines instead of listing every line
    of the page (``tests/test_page.py`` compares with that listing).
    """
    header: list[tuple[int, int]] = []
    n = len(norm)
    pos = norm.rfind("\n", 0, body_start) + 1
    while pos < n and len(header) < count:
        nl = norm.find("\n", pos)
        if nl < 0:
            nl = n
        if nl > body_start and norm[pos:nl].strip():
            header.append((pos, nl))
        pos = nl + 1
    return header


def read_metadata(norm: str, body: list[tuple[int, int]]) -> PageMetadata:
    """Title, publication date-time, source outlet and authors, where the page states them."""
    meta = PageMetadata()
    if not norm:
        return meta
    body_start = body[0][0] if body else 0
    body_end = body[-1][1] if body else len(norm)
    # The header zone: a few lines before and after the body start.
    header = _header_lines(norm, body_start)
    for s, e in header:
        text = norm[s:e]
        if meta.published is None:
            m = _DATE_RE.search(text)
            if m and len(text.strip()) <= 80:
                y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    iso = f"{y:04d}-{mo:02d}-{d:02d}"
                    if m["H"] is not None:
                        iso += f"T{int(m['H']):02d}:{m['M']}" + (f":{m['S']}" if m["S"] else ":00")
                    meta.published = iso
                    if meta.source is None:
                        o = _OUTLET_RE.search(text[m.end():])
                        if o:
                            meta.source = o["src"].strip()
        if meta.source is None:
            m2 = _SOURCE_RE.search(text)
            if m2:
                meta.source = m2["src"]
    for s, e in header:
        text = norm[s:e].strip()
        if _DATE_RE.search(text) or _SOURCE_RE.search(text) or not text:
            continue
        if len(text) <= 80 and not text.endswith(("。", "!", "?", "…", ";")) and not _BYLINE_RE.match(text):
            off = norm.index(text, s)
            meta.title = text
            meta.title_span = (off, off + len(text))
        break
    for s, e in header:
        text = norm[s:e]
        if _BYLINE_RE.match(text) and not _DATE_RE.search(text):
            meta.authors = text.split()
            break
    if not meta.authors:
        m = _TAIL_AUTHOR_RE.search(norm, max(0, body_end - 40), body_end)
        if m:
            meta.authors = m["names"].split()
    return meta
