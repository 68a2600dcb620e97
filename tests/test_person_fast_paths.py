"""Fast paths of the person and quote extractors equal their plain references.

The extractors find title chains, anchored patterns, verbs before quotations and
repeated names with prefilters and ``str.find`` loops (perf); each must give
exactly what the straightforward ``regex`` scan gives, on many inputs.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import person, quote
from innovext.extractors.person import _trie


def _pieces() -> list[str]:
    """Building blocks of test texts: titles, prefixes, names, separators, odd characters."""
    t = person._tables()
    rng = random.Random(7)
    return [
        *rng.sample(sorted(t.before), 60),
        *sorted(t.after),
        *t.prefixes,
        *rng.sample(sorted(t.single), 30),
        *("、", "兼", " ", "  ", ":", "/", ",", "。", "\n", "\t", "(", ")"),
        *("大学", "研究院", "公司", "集团", "医院", "中国科学院", "浙江"),
        *("陈", "耳东", "毓靓", "表示", "说", "介绍", "个"),
        *("CEO", "vivo", "a", "9", "·", "-", "𠀀", "〇", "々", "⺀", "ㄅ", "ア", "😀"),
        # single characters of titles and prefixes: chains that start, fail and start again one later
        *sorted({c for w in (*t.prefixes, *rng.sample(sorted(t.before), 80)) for c in w}),
    ]


_PIECES = _pieces()
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _bounds(text: str, data: st.DataObject) -> tuple[int, int]:
    b0 = data.draw(st.integers(0, len(text)))
    return b0, data.draw(st.integers(b0, len(text)))


def test_han_class_is_regex_han() -> None:
    """Every code point: ``_han_class`` for ``re`` agrees with ``\\p{Han}``."""
    import re

    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert re.findall(person._han_class() + "+", chars) == regex.findall(r"\p{Han}+", chars)


@functools.cache
def _chain_reference() -> regex.Pattern[str]:
    return regex.compile(person._chain_pattern(r"\p{Han}"))


def _chain_spans_equal(text: str, b0: int, b1: int) -> None:
    ref = _chain_reference()
    want = [(m.span(), m.span("chain"), m.span("sp")) for m in ref.finditer(text, b0, b1)]
    got = [(m.span(), m.span("chain"), m.span("sp")) for m in person._chain_matches(text, b0, b1)]
    assert got == want


@settings(max_examples=1000, deadline=None)
@given(texts, st.data())
def test_chain_matches_equal_regex_finditer(text: str, data: st.DataObject) -> None:
    _chain_spans_equal(text, *_bounds(text, data))


_WORDS = sorted({*person._tables().before, *person._tables().prefixes})


def test_chain_matches_after_a_false_start() -> None:
    """``主教师陈``: a chain that starts at one character, fails, and starts again one later."""
    rng = random.Random(3)
    for first in _WORDS:
        for cut in range(1, len(first)):
            for title in rng.sample(_WORDS, 25):
                text = first[:cut] + title + rng.choice(["陈", " 陈", ",", ""])
                _chain_spans_equal(text, 0, len(text))


def test_chain_matches_on_seed_articles() -> None:
    for path in sorted(Path(__file__).parents[1].glob("seeds/*.txt")):
        text = path.read_text(encoding="utf-8")
        for b0 in range(0, min(len(text), 40)):
            _chain_spans_equal(text, b0, len(text) - b0 % 7)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("ab、", min_size=1, max_size=3), min_size=1, max_size=5),
    st.lists(st.text("abc、", min_size=1, max_size=3), min_size=1, max_size=5),
    st.text("abcx、 ", max_size=30),
    st.data(),
)
def test_start_filter_finds_every_match_start(
    heads: list[str], words: list[str], text: str, data: st.DataObject
) -> None:
    """Any match of ``heads{0,2} words`` starts where the filter matches (one-character words too)."""
    b0, b1 = _bounds(text, data)
    full = regex.compile(f"(?:{_trie(heads)}){{0,2}}{_trie(words)}")
    start = person._start_filter(heads, words)
    for i in range(b0, b1):
        m = full.match(text, i, b1)
        if m and i + 2 <= b1:  # a title chain is followed by a Han character: two characters at least
            assert start.scan.match(text, i, b1), (i, text)
            assert start.at(text, i), (i, text)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_matches_after_equal_finditer(text: str, data: st.DataObject) -> None:
    b0, b1 = _bounds(text, data)
    rx = person._regexes()
    for pattern, sep, at_zero in ((rx["title_org"], "、", False), (rx["line"], "\n", True)):
        want = [m.span() for m in pattern.finditer(text, b0, b1)]
        got = [m.span() for m in person._matches_after(pattern, sep, text, b0, b1, at_zero)]
        assert got == want


_VERB_PIECES = [*quote._verbs(), "他", "记者", "在会上", "。", "“", "的", "a"] + [
    a + b + c for a in ("", " ") for b in ("", ":", ",") for c in ("", " ") if a + b + c
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VERB_PIECES), max_size=20).map("".join), st.data())
def test_verb_before_never_hides_a_match(text: str, data: st.DataObject) -> None:
    """Where the "before" pattern matches, the prefilter lets it through."""
    qs = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, qs))
    if quote._regexes()["before"].search(text, lo, qs):
        assert quote._verb_before(text, lo, qs)


def test_verb_before_every_verb_and_gap() -> None:
    for verb in quote._verbs():
        for gap in quote._BEFORE_GAPS:
            for speaker in ("他", "记者", "我们的老师"):
                text = "。" + speaker + verb + gap + "“好。”"
                qs = text.index("“")
                for lo in range(qs + 1):
                    if quote._regexes()["before"].search(text, lo, qs):
                        assert quote._verb_before(text, lo, qs), (text, lo)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text("王明华张三李", min_size=1, max_size=4), max_size=6),
    st.text("王明华张三李,说 ", max_size=60),
    st.data(),
)
def test_name_spans_equal_trie_finditer(names: list[str], text: str, data: st.DataObject) -> None:
    b0, b1 = _bounds(text, data)
    got = quote._name_spans(text, set(names), b0, b1)
    want = [m.span() for m in regex.compile(_trie(names)).finditer(text, b0, b1)] if names else []
    assert got == want


def _org_run_start_reference(norm: str, end: int, lo: int) -> int:
    """The character-by-character walk that ``person._org_run_start`` replaces."""
    i = end
    while i > lo and person._org_char(norm[i - 1]):
        if norm[i - 1] == ")":
            k = norm.rfind("(", max(lo, i - 10), i - 1)
            inner = norm[k + 1 : i - 1] if k >= 0 else ""
            if k < 0 or not inner or person.read_name(inner, 0) == len(inner):
                break
            i = k
            continue
        if norm[i - 1] == "(":
            break
        i -= 1
    return i


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["(", ")", "·", "a", "Z", "9", "张三", "浙江", "公司", " ", ",", "é", "ａ", "𠀀", "〇"]),
        max_size=25,
    ).map("".join),
    st.data(),
)
def test_org_run_start_equals_character_walk(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, end))
    assert person._org_run_start(text, end, lo) == _org_run_start_reference(text, end, lo)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.text("ab、", min_size=1, max_size=3), min_size=1, max_size=5),
    st.lists(st.text("abc、", min_size=1, max_size=3), min_size=1, max_size=5),
    st.text("abcx、 ", max_size=30),
    st.data(),
)
def test_filtered_matches_equal_finditer(heads: list[str], words: list[str], text: str, data: st.DataObject) -> None:
    """Any vocabulary (one-character words, words ending the text): the same matches as finditer."""
    b0, b1 = _bounds(text, data)
    full = regex.compile(f"(?:{_trie(heads)}){{0,2}}{_trie(words)}")
    got = [m.span() for m in person._filtered_matches(full, person._start_filter(heads, words), text, b0, b1)]
    assert got == [m.span() for m in full.finditer(text, b0, b1)]


_AUTHOR_PIECES = [*_PIECES, *person._AUTHOR_ROLES, "本报", ":", "/", " ", "\t", "(", "作"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_AUTHOR_PIECES), max_size=30).map("".join), st.data())
def test_post_title_and_author_scans_equal_finditer(text: str, data: st.DataObject) -> None:
    b0, b1 = _bounds(text, data)
    rx, filters = person._regexes(), person._start_filters()
    for name, at_zero in (("after", False), ("author_pre", True)):
        want = [m.span() for m in rx[name].finditer(text, b0, b1)]
        got = [m.span() for m in person._filtered_matches(rx[name], filters[name], text, b0, b1, at_zero)]
        assert got == want, name


_TITLE_ORG_PIECES = [*_PIECES, *person._TITLE_ORG_ENDS, "、", "、", "浙江", "中国科学", "张", "叶志镇", "x"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_ORG_PIECES), max_size=30).map("".join), st.data())
def test_title_org_matches_equal_finditer(text: str, data: st.DataObject) -> None:
    b0, b1 = _bounds(text, data)
    want = [m.span() for m in person._regexes()["title_org"].finditer(text, b0, b1)]
    assert [m.span() for m in person._title_org_matches(text, b0, b1)] == want


def test_title_org_ending_at_the_farthest_place() -> None:
    for n in range(1, person._TITLE_ORG_MAX + 3):
        for end in person._TITLE_ORG_ENDS:
            text = "院士、" + "浙" * n + end + "张三表示"
            want = [m.span() for m in person._regexes()["title_org"].finditer(text)]
            assert [m.span() for m in person._title_org_matches(text, 0, len(text))] == want
