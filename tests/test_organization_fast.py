"""Fast paths of the organization extractor must equal the plain computation they replace.

Each shortcut in ``innovext.extractors.organization`` that skips work (a scan
restricted to where a match can be, a check moved before a jieba window) is
compared here with the direct computation on many generated inputs.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import organization as org
from innovext.text import normalize

# Pieces of enumerations: items, separators, the closing 等 + quantifier + head, stops.
_LIST_PIECES = ["中色奥博特", "宇捷轴承", "凯美", "瑞", "、", "、", "、", "等企业", "等多家企业", "等3家公司",
                "等十家高校", "等", "企业", ",", "。", " ", "\n", "“", "(", "的", "A"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=40), st.integers(0, 5), st.integers(0, 5))
def test_list_runs_find_every_enumeration(pieces: list[str], cut0: int, cut1: int) -> None:
    norm = "".join(pieces)
    b0, b1 = min(cut0, len(norm)), max(min(cut0, len(norm)), len(norm) - cut1)
    whole = [(m.span(), m.groups()) for m in org._list_re().finditer(norm, b0, b1)]
    runs = [(m.span(), m.groups()) for r0, r1 in org._list_runs(norm, b0, b1)
            for m in org._list_re().finditer(norm, r0, r1)]
    assert runs == whole


def test_list_heads_hold_no_stop_character() -> None:
    # _list_runs relies on it: a head with a stop character would cross a run boundary
    stop = org._list_stop_re()[0]
    assert not any(stop.search(h) for h in org._list_heads())


_NEG_CHARS = sorted({ch for n in org._negatives() for ch in n})


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(sorted(org._suffixes())),
       st.lists(st.sampled_from([*_NEG_CHARS, *org._negatives()]), max_size=3), st.integers(0, 12))
def test_negatives_of_equals_all_negatives(suffix: str, before: list[str], tok_start: int) -> None:
    norm = "".join(before) + suffix
    b = len(norm)

    def vetoed(negatives: tuple[str, ...]) -> bool:
        return any(norm[b - len(n) : b] == n and tok_start <= b - len(n) for n in negatives)

    assert vetoed(org._negatives_of(suffix)) == vetoed(org._negatives())


# --- jieba windows: _Doc.seg / surely_cut against the plain _seg --------------------------

_SEEDS = "".join(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")))
# Characters that take jieba's other paths: letters and digits (joined "eng" words), spaces,
# \r\n (one token), punctuation, full stops.
_ODD = ["A", "b", "3", "12", "x1", " ", "\r\n", "\n", ",", "。", "·", "%", "(", "有限公司", "研究所", "所"]


def _windows_agree(norm: str, windows: list[tuple[int, int]]) -> None:
    org._WINDOWS.clear()  # computed here, not remembered from another test
    doc = org._Doc(norm)
    for lo, hi in windows:
        toks = org._seg(norm[lo:hi])
        assert doc.seg(lo, hi) == toks
        cuts = {p for _, s, e, _f in toks for p in (lo + s, lo + e)} | {lo, hi}
        for c in range(lo, hi + 1):
            assert not doc.surely_cut(c, lo, hi) or c in cuts


def test_doc_windows_equal_seg_on_news_text() -> None:
    norm = normalize(_SEEDS)
    step = 7
    windows = [(lo, min(len(norm), lo + n)) for lo in range(0, len(norm), step) for n in (3, 11, 26)]
    _windows_agree(norm, windows)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ODD) | st.text("中国科学院技术有限所研究公司大学", max_size=4), max_size=25),
       st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=6))
def test_doc_windows_equal_seg_on_odd_text(pieces: list[str], spans: list[tuple[int, int]]) -> None:
    norm = "".join(pieces)
    windows = [(min(lo, len(norm)), min(len(norm), lo + n)) for lo, n in spans]
    _windows_agree(norm, [(lo, hi) for lo, hi in windows if lo < hi])


def test_walk_back_from_a_sure_boundary_equals_the_whole_window() -> None:
    norm = normalize(_SEEDS)
    doc = org._Doc(norm)
    n = 0
    for hi in range(40, len(norm), 23):
        for lo in (hi - 30, hi - 12, hi - 7):
            for spans, chain in (({}, "yes"), ({hi - 4: hi - 9, hi - 6: lo}, "no"), ({hi - 3: hi - 5}, "party")):
                whole = org._walk_tokens(norm, doc.seg(lo, hi), lo, lo, hi, spans, chain)
                assert org._walk_back(doc, lo, hi, spans, chain) == whole
                n += 1
    assert n > 500
