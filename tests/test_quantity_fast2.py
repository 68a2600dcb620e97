"""Fast paths of the quantity extractor (second round) give exactly what their slow references give.

Each shortcut (the paragraph's time scan done piece by piece, the memoised year, the
per-document set-up skipped without candidates, the prefilters) is compared with the
plain computation it replaces, on real documents (the seeds) and on tables or generated
strings dense in near-misses. No timing here.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import quantity
from innovext.pipeline import build_context

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

# Pieces of time expressions and their near-misses (digits cut short, months without 月…).
_TIME_PIECES = ["2023", "2023年", "年", "12", "12月", "月", "1日", "日", "底", "末", "初", "以来", "上半年", "今年",
                "去年", "前三季度", "一季度", "季度", "近", "近三年", "三", "至", "到", "-", "截至", "截止到", "截止",
                "前4月", "前", "个月", "1至5月", "内", "来", "的", "增长", "。", ",", " ", "\n", "3", "4"]


def _time_index_agrees(text: str, ranges: list[tuple[int, int]], chunk: int) -> None:
    """A lazy index answers every range (in the order given) as a direct scan does."""
    ctx = build_context(text)
    n = len(ctx.norm)
    index = quantity._TimeIndex(ctx, 0, n, chunk=chunk)
    for s0, s1 in ranges:
        s0, s1 = min(s0, n), min(s1, n)
        if s0 > s1:
            s0, s1 = s1, s0
        assert index.get(s0, s1) == quantity._times(ctx, s0, s1), (s0, s1, chunk)
    # Once scanned to the end, the index holds exactly the whole scan.
    assert index.get(0, n) == quantity._times(ctx, 0, n)


def test_time_reach_bounds_every_match() -> None:
    reach = quantity._time_reach()
    assert reach is not None and reach > 0
    samples = [p.read_text(encoding="utf-8") for p in SEEDS]
    samples.append("截止到2023年12月31日底前三季度 截至去年1至12月 近三十年以来前十二个月")
    for text in samples:
        for m in quantity._time_re().finditer(text):
            assert m.end() - m.start() <= reach
    # The standard parser reads the same pattern the extractor compiles with ``regex``.
    assert re.compile(quantity._time_re().pattern, re.VERBOSE).groups == quantity._time_re().groups


def test_lazy_time_index_equals_scan_on_seeds() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        n = len(text)
        step = max(1, n // 40)
        cuts = [*range(0, n + 1, step), n]
        ordered = [(a, b) for a in cuts for b in cuts if a <= b]
        forward = sorted(ordered, key=lambda r: (r[1], r[0]))  # growing ends, as the extractor asks
        for chunk in (0, 1, 7, 64, 512):
            _time_index_agrees(text, forward, chunk)
        _time_index_agrees(text, ordered + [(a + 1, b - 1) for a, b in ordered if a + 1 <= b - 1], 3)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_TIME_PIECES), max_size=30),
    st.lists(st.tuples(st.integers(0, 120), st.integers(0, 120)), min_size=1, max_size=12),
    st.integers(0, 40),
)
def test_lazy_time_index_equals_scan(pieces: list[str], ranges: list[tuple[int, int]], chunk: int) -> None:
    _time_index_agrees("".join(pieces), ranges, chunk)


def test_lazy_time_index_without_reach_scans_whole(monkeypatch) -> None:
    """Should the pattern's width be unknown, the first piece is the whole paragraph."""
    monkeypatch.setattr(quantity, "_time_reach", lambda: None)
    text = "2023年12月,今年前三季度增长。去年1至5月,截至2022年底。"
    _time_index_agrees(text, [(0, 5), (3, 20), (0, len(text))], 0)


def _year_reference(time: str | None, published: dt.date | None) -> int | None:
    """``_year`` as first written (no memo, the date itself)."""
    if not time:
        return None
    m = quantity._YEAR_IN.search(time)
    if m:
        return int(m[1])
    if published is None:
        return None
    for word, off in quantity._time_words_longest_first():
        if word in time:
            return None if off is None else published.year + off
    return None


def test_year_memo_equals_reference() -> None:
    times = [None, "", "2023年", "2023年12月", "截至2022年底", "今年", "去年", "前年", "明年", "今年前三季度",
             "近三年", "上半年", "目前", "同期", "2023年至2024年", "12月", *quantity._time_words()]
    dates = [None, dt.date(2024, 3, 1), dt.date(1999, 12, 31), dt.date(2024, 7, 9)]
    for _ in range(2):  # the second round is served from the memo
        for t in times:
            for d in dates:
                assert quantity._year(t, d) == _year_reference(t, d), (t, d)


def _context_before_quantity(text: str):
    """The context as the quantity extractor receives it (the earlier extractors run)."""
    from innovext import pipeline

    ctx = pipeline.build_context(text)
    for mod in pipeline.extractors():
        if mod.ORDER < quantity.ORDER:
            ctx.facts.extend(mod.extract(ctx))
    return ctx


def _texts() -> list[str]:
    rng = random.Random(5)
    pieces = ["没有数字。", "全省", "3家企业", "增长5%", "北京市", "今年", "\n", "《国十一条》", "一个", "第二批", ",",
              "实施三年行动计划", "“两个确立”", "河南科技大学", "投资100亿元", "唯一"]
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return texts + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(300)]


def test_lazy_setup_reads_what_eager_setup_reads(monkeypatch) -> None:
    """The places and focal place, read on the first candidate, equal those read up front (the
    old order): they depend on the earlier facts only. Without candidates they are not read
    and there are no facts."""
    real_places, real_focal = quantity._places, quantity._focal
    for text in _texts():
        ctx = _context_before_quantity(text)
        eager_places, eager_focal = real_places(ctx), real_focal(ctx)
        places_read: list[object] = []
        focal_read: list[object] = []

        def places(c, _read=places_read):
            _read.append(real_places(c))
            return _read[-1]

        def focal(c, _read=focal_read):
            _read.append(real_focal(c))
            return _read[-1]

        monkeypatch.setattr(quantity, "_places", places)
        monkeypatch.setattr(quantity, "_focal", focal)
        out = list(quantity.extract(ctx))
        monkeypatch.setattr(quantity, "_places", real_places)
        monkeypatch.setattr(quantity, "_focal", real_focal)
        qnorm = quantity.protect_commas(ctx.text, ctx.norm)
        if not any(list(quantity._candidates(qnorm, b0, b1)) for b0, b1 in ctx.body):
            assert places_read == [] and focal_read == [] and out == []
        assert len(places_read) <= 1
        assert all(p == eager_places for p in places_read)
        assert all(f == eager_focal for f in focal_read)
        assert out == [] or places_read  # a fact's region was read from the places


def test_filters_skipped_without_candidates_or_names() -> None:
    """What the shortcuts skip gives nothing: no candidate resolves, merges or filters to nothing;
    without policy/programme names ``_in_name`` holds for no candidate."""
    for norm in ("", "没有数字的一段话。", "2023年"):
        assert quantity._resolve([]) == []
        assert quantity._merge_ranges(norm, []) == []
    for text in _texts():
        ctx = build_context(text)
        qnorm = quantity.protect_commas(ctx.text, ctx.norm)
        for b0, b1 in ctx.body:
            for c in quantity._resolve(list(quantity._candidates(qnorm, b0, b1))):
                assert not quantity._in_name([], [], c)
