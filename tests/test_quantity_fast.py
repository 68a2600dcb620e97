"""Fast paths of the quantity extractor give exactly what their slow references give.

The quantity extractor keeps per-document indexes and prefilters for speed; each
must agree with the straightforward scan it replaces, on every input. These are
property tests over real documents (the seeds) and over generated strings made
of the characters the patterns care about.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import quantity
from innovext.pipeline import build_context

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

# Characters of time expressions, numerals and sentence breaks: dense in near-misses.
_TIME_CHARS = "0123456789年月日号今去前近至到止截-—~季度一二三四十上下半全底末初以来目当现在同期。,;\n 的增"


def _time_index_agrees(text: str, ranges: list[tuple[int, int]]) -> None:
    ctx = build_context(text)
    n = len(ctx.norm)
    index = quantity._TimeIndex(ctx, 0, n)
    for s0, s1 in ranges:
        s0, s1 = min(s0, n), min(s1, n)
        if s0 > s1:
            s0, s1 = s1, s0
        assert index.get(s0, s1) == quantity._times(ctx, s0, s1), (s0, s1)


def test_time_index_equals_scan_on_seeds() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        n = len(text)
        step = max(1, n // 60)
        cuts = [*range(0, n + 1, step), n]
        # every pair of cuts, and cuts shifted by one (edges inside a time expression)
        ranges = [(a, b) for a in cuts for b in cuts if a <= b]
        ranges += [(a + 1, b - 1) for a, b in ranges if a + 1 <= b - 1]
        _time_index_agrees(text, ranges)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=_TIME_CHARS, max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=12),
)
def test_time_index_equals_scan(text: str, ranges: list[tuple[int, int]]) -> None:
    _time_index_agrees(text, ranges)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789一二两三十百千万亿点.,-个年家元%几数", max_size=8))
def test_value_memo_equals_parse(num: str) -> None:
    from innovext.numerals import NotANumeral, cn_range, parse_numeral

    try:
        rng = cn_range(num)
        want = rng if rng else (parse_numeral(num), None)
    except (NotANumeral, ArithmeticError):
        want = None
    for _ in range(2):  # the second call is served from the memo
        try:
            got = quantity._value(num)
        except (NotANumeral, ArithmeticError):
            got = None
        assert got == want


def _match_key(m: Any) -> tuple[object, ...]:
    return (m.span(), *(m.span(g) for g in quantity._quantity_re().groupindex))


def _quantity_matches_agree(norm: str, lo: int, hi: int) -> None:
    want = [_match_key(m) for m in quantity._quantity_re().finditer(norm, lo, hi)]
    got = [_match_key(m) for m in quantity._quantity_matches(norm, lo, hi)]
    assert got == want, (norm[lo:hi], lo, hi)


def test_quantity_matches_equal_finditer_on_seeds() -> None:
    from innovext.numerals import protect_commas

    for path in SEEDS:
        ctx = build_context(path.read_text(encoding="utf-8"))
        qnorm = protect_commas(ctx.text, ctx.norm)
        _quantity_matches_agree(qnorm, 0, len(qnorm))
        for b0, b1 in ctx.body:
            _quantity_matches_agree(qnorm, b0, b1)
            for s0, s1 in ctx.sentences[:40]:  # sub-ranges: matches cut at both ends
                _quantity_matches_agree(qnorm, s0 + 1, s1 - 1)


# Numeral, unit, separator and marker characters, in pieces that combine into near-misses.
_QTY_PIECES = [
    "1", "0", "23", "4.5", "1,000", "3 ", " ", "一", "两", "十", "百", "千", "万", "亿", "点", "几", "数",
    "个", "家", "元", "万元", "年", "个百分点", "个 百 分 点", "%", "倍", "成", "度", "米", "平方米", "kg", "k",
    "多", "余", "来", "至", "到", "-", "~", "—", "(含)", "从", "由", "负", "超过", "不会超过", "近", "约", "不足",
    "人民币", "以上", "左右", "上下", "半", "/", "/吨", "的", "第", "前", "A", "G", ",", "。", "\n",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_QTY_PIECES), max_size=25), st.integers(0, 6), st.integers(0, 6))
def test_quantity_matches_equal_finditer(pieces: list[str], cut_lo: int, cut_hi: int) -> None:
    norm = "".join(pieces)
    lo, hi = min(cut_lo, len(norm)), max(min(cut_lo, len(norm)), len(norm) - cut_hi)
    _quantity_matches_agree(norm, lo, hi)


def _vetoed_reference(norm: str, start: int, end: int) -> bool:
    """``numerals.vetoed`` as first written, with ``regex``'s overlapped search."""
    from innovext.numerals import negatives_re

    lo = max(0, start - 8)
    for m in negatives_re().finditer(norm, lo, min(len(norm), end + 8), overlapped=True):
        if m.start() < end and start < m.end() and (m.start() < start or m.end() > end):
            return True
    return False


_VETO_PIECES = ["唯一", "统一", "一次性", "一次", "一", "次", "性", "十分", "分钟", "十", "二次元", "两位数", "位",
                "数", "个", "万一", "家", "3", " ", "的", "。"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VETO_PIECES), max_size=14), st.integers(0, 30), st.integers(0, 8))
def test_vetoed_equals_overlapped_search(pieces: list[str], start: int, width: int) -> None:
    from innovext.numerals import vetoed

    norm = "".join(pieces)
    start = min(start, len(norm))
    end = min(len(norm), start + width)
    assert vetoed(norm, start, end) == _vetoed_reference(norm, start, end)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "23", "k", "w", "K", "/", "3/4", "分", "之", "分之", " ", "$", "US$", "￥",
                                  "人民币", "一", "三", "超过", "近", "约", "的", "年薪", "月薪", "占", "元"]),
                max_size=20))
def test_need_prefilters_keep_every_match(pieces: list[str]) -> None:
    norm = "".join(pieces)
    sym_need, kw_need, slash_need, ratio_need = quantity._need_res()
    for pattern, need, chars in ((quantity._symbol_re(), sym_need, ""), (quantity._kw_money_re(), kw_need, "kKwW"),
                                 (quantity._SLASH_FRACTION, slash_need, "/"), (quantity._ratio_re(), ratio_need, "")):
        for lo in (0, 1):
            want = [m.span() for m in pattern.finditer(norm, lo, len(norm))]
            got = [m.span() for m in quantity._scan(pattern, need, norm, lo, len(norm), chars)]
            assert got == want


def _following_noun_reference(norm: str, qe: int, s1: int) -> str | None:
    """``_following_noun`` as first written (a unit look-up per character, one find per cue word)."""
    q = quantity
    j = qe
    lim = min(s1, qe + 14)
    if norm[j : j + 1] == "的":
        j += 1
    units = q.unit_table()
    k = j
    while k < lim and norm[k] not in q._FOLLOW_STOP and not norm[k].isdigit():
        if norm[k] == "等" and norm[k - 1] not in q._DIGIT_CN:
            break
        nxt_unit = norm[k + 1 : k + 2] in units or norm[k + 1 : k + 3] in units
        if norm[k] in q._DIGIT_CN and norm[k] != "零" and nxt_unit and k + 1 < lim:
            break
        k += 1
    if k < lim and norm[k] in "和及与":
        m = q._SECOND_ITEM.match(norm[k:s1])
        if m:
            k += m.end()
    word = norm[j:k]
    if norm[k : k + 1] == "的" and 1 <= len(word) <= 2:
        m2 = q._NOUN_AFTER_DE.match(norm, k + 1, min(s1, k + 8))
        if m2:
            return m2.group()
        if q._HAN1.match(norm, k + 1):
            return None
    if k < lim and norm[k] in "至到" and len(word) <= 2:
        return None
    if len(word) < 1 or not q._HAN1.match(word) or (word[0] in q._DIGIT_CN and k - j < 2):
        return None
    for w in q._cue_words("stop") + q._cue_words("left") + q._cue_words("right") + q._change_verbs():
        i = word.find(w)
        if i == 0 and len(w) >= 2:
            return None
        if i > 0 and len(w) >= 2:
            word = word[:i]
    if q._NOT_NOUN.match(word):
        return None
    return word or None


def _left_relation_reference(seg: str) -> str | None:
    for w in quantity._cue_words("left"):
        rel = quantity._cues()[w][1]
        if rel and w in seg:
            return rel
    return None


def test_following_noun_and_left_relation_equal_references() -> None:
    import random

    rng = random.Random(11)
    words = [*quantity._cue_words("left"), *quantity._cue_words("right"), *quantity._cue_words("stop"),
             *quantity._change_verbs(), "国家", "地区", "企业", "和", "的", "等", "一", "二", "人", "天", "3", "个",
             "，", "。", " ", "至", "零", "项目"]
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += ["".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(600)]
    for norm in texts:
        for qe in range(0, len(norm), max(1, len(norm) // 200)):
            for s1 in (len(norm), min(len(norm), qe + 6)):
                assert quantity._following_noun(norm, qe, s1) == _following_noun_reference(norm, qe, s1)
        for a in range(0, len(norm), max(1, len(norm) // 100)):
            seg = norm[a : a + 20]
            assert quantity._left_relation(seg) == _left_relation_reference(seg)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*quantity._ORG_AFTER_WORDS, "河南", "科技", "省", " ", ",", "研究", "大", "学"]),
                max_size=8))
def test_org_after_equals_pattern(pieces: list[str]) -> None:
    norm = "".join(pieces)
    for pos in range(len(norm) + 1):
        assert quantity._org_after(norm, pos) == (quantity._ORG_AFTER_PLACE.match(norm, pos) is not None)
