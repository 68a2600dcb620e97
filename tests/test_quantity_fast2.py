"""Fast paths of the quantity extractor (second round) give exactly what their slow references give.

Each shortcut (the memoised year, the per-document set-up skipped without candidates,
the prefilters) is compared with the plain computation it replaces, on real documents
(the seeds) and on tables or generated strings dense in near-misses. No timing here.
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


def test_factor_and_multiplier_unit_tables_equal_row_reads() -> None:
    """The per-unit Decimal factors and the 千/百 unit lists equal what was read per figure."""
    from decimal import Decimal

    from innovext.numerals import unit_table

    units = unit_table()
    factors = quantity._factors()
    for u, row in units.items():
        want = Decimal(row["factor"] or 1)
        assert factors[u] == want and str(factors[u]) == str(want)
    texts = ["5千克", "3千瓦时", "2千瓦", "十千米", "5百分点", "两千卡", "三百家", "一千人", "5千", "百分點"]
    for text in texts:
        for u0 in range(len(text)):
            ch = text[u0]
            if ch not in "千百":
                continue
            want = [u for u in units if u[0] == ch and text.startswith(u, u0)]
            got = [u for u in quantity._mult_units()[ch] if text.startswith(u, u0)]
            assert sorted(got) == sorted(want)
            if want:
                assert max(got, key=len) == max(want, key=len)


def _para_reference(norm: str, b0: int, s0: int, reach: int) -> int:
    """The backward newline search the index answers without searching."""
    return max(b0, s0 - reach, norm.rfind("\n", max(b0, s0 - reach), s0) + 1)


def test_para_start_equals_backward_search() -> None:
    rng = random.Random(9)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += ["".join(rng.choice(["\n", "ab", "。", "3家", "\n\n", " "]) for _ in range(rng.randint(0, 40)))
              for _ in range(300)]
    for text in texts:
        ctx = build_context(text)
        n = len(ctx.norm)
        bodies = [*ctx.body, (0, n), (min(3, n), n), (0, n // 2)]
        for b0, b1 in bodies:
            if b0 >= b1:
                continue
            step = max(1, (b1 - b0) // 15)
            for pos in range(b0, b1, step):
                index = quantity._TimeIndex.paragraph(ctx, b0, b1, pos)
                for s0 in range(b0, b1, step):
                    for reach in (3, 40, 3000):
                        want = _para_reference(ctx.norm, b0, s0, reach)
                        assert index.para_start(b0, s0, reach) == want, (b0, pos, s0, reach)
                        # An index found in another body range is not trusted (searched instead).
                        assert index.para_start(max(0, b0 - 1), s0, reach) == _para_reference(
                            ctx.norm, max(0, b0 - 1), s0, reach)


def _first_chars(pattern: str) -> tuple[set[str], bool]:
    """The characters a match of ``pattern`` can start with, from the standard parser (and
    whether it may start with a digit ``\\d``); fails on anything it cannot tell."""
    from re import _parser  # type: ignore[attr-defined]
    from re._constants import (
        ANY,
        ASSERT,
        ASSERT_NOT,
        BRANCH,
        CATEGORY,
        CATEGORY_DIGIT,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        SUBPATTERN,
    )

    chars: set[str] = set()
    digit = False

    def first(items: list) -> bool:  # parser internals; True when the items may match empty
        nonlocal digit
        for op, av in items:
            if op is LITERAL:
                chars.add(chr(av))
                return False
            if op is IN:
                for op2, av2 in av:
                    if op2 is LITERAL:
                        chars.add(chr(av2))
                    elif op2 is CATEGORY and av2 is CATEGORY_DIGIT:
                        digit = True
                    else:
                        raise AssertionError((op2, av2))
                return False
            if op is SUBPATTERN:
                if not first(list(av[3])):
                    return False
            elif op is BRANCH:
                empties = [first(list(b)) for b in av[1]]
                if not any(empties):
                    return False
            elif op is ASSERT or op is ASSERT_NOT:
                continue  # zero width: what follows starts the match
            elif op is MAX_REPEAT or op is MIN_REPEAT:
                lo, _hi, sub = av
                if not first(list(sub)) and lo > 0:
                    return False
            elif op is ANY:
                raise AssertionError("any character")
            else:
                raise AssertionError(op)
        return True

    assert not first(list(_parser.parse(pattern, re.VERBOSE)))
    return chars, digit


def test_time_lookahead_holds_every_first_character() -> None:
    """Every character ``_time_re`` can start a match with passes the look-ahead of the std pattern."""
    chars, digit = _first_chars(quantity._time_re().pattern)
    guard = re.compile(quantity._time_re_std().pattern[: quantity._time_re_std().pattern.index(")") + 1])
    for ch in chars:
        assert guard.match(ch), ch
    assert digit and guard.match("7") and guard.match("٣")  # any Unicode digit, as ``\d``


_TIME_PIECES = ["2023", "2023年", "年", "12", "12月", "月", "1日", "日", "底", "末", "初", "以来", "上半年", "今年",
                "去年", "前三季度", "一季度", "季度", "近", "近三年", "三", "至", "到", "-", "截至", "截止到", "截止",
                "前4月", "前", "个月", "1至5月", "内", "来", "的", "增长", "。", ",", " ", "\n", "3", "４", "٣"]


def _time_scans_agree(text: str, lo: int, hi: int) -> None:
    want = [(m.start(), m.end(), m.group()) for m in quantity._time_re().finditer(text, lo, hi)]
    got = [(m.start(), m.end(), m.group()) for m in quantity._time_re_std().finditer(text, lo, hi)]
    assert got == want, (text[lo:hi], lo, hi)


def test_time_re_std_equals_regex_on_seeds_and_words() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    words = list(quantity._time_words())
    texts += ["截至" + w + "前3月" for w in words] + ["近" + w for w in words] + ["".join(words)]
    for text in texts:
        _time_scans_agree(text, 0, len(text))
        _time_scans_agree(text, 1, max(1, len(text) - 1))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_TIME_PIECES, *quantity._time_words()]), max_size=25),
       st.integers(0, 5), st.integers(0, 5))
def test_time_re_std_equals_regex(pieces: list[str], cut_lo: int, cut_hi: int) -> None:
    text = "".join(pieces)
    lo = min(cut_lo, len(text))
    _time_scans_agree(text, lo, max(lo, len(text) - cut_hi))


def _strip_left_reference(seg: str, blockers: list[tuple[int, int]], base: int) -> str:
    """``_strip_left`` as first written (no memo, the blockers read in place)."""
    cuts = [m.end() for m in quantity._left_re().finditer(seg, overlapped=True)]
    for b0, b1 in blockers:
        if base <= b0 and b1 - base <= len(seg):
            cuts.append(b1 - base)
    for cut in sorted(cuts, reverse=True):
        if quantity._trim.__wrapped__(seg[cut:]):
            return seg[cut:]
    return seg


def _strip_right_reference(seg: str) -> tuple[str, str | None]:
    """``_strip_right`` as first written (no memo, generic words as a tuple)."""
    relation = None
    generic = quantity._cue_words("generic")
    cues = quantity._cues()
    while seg and seg not in generic:
        if seg in cues and cues[seg][0] == "right":
            return "", relation or cues[seg][1]
        m = quantity._right_re().search(seg, max(0, len(seg) - 8))
        if not m or m.start() == 0:
            break
        if relation is None:
            relation = cues[m.group()][1]
        seg = seg[: m.start()]
    if seg in cues and cues[seg][0] == "right":
        return "", relation or cues[seg][1]
    return seg.strip("的 “"), relation


def test_memoised_subject_helpers_equal_references() -> None:
    rng = random.Random(13)
    cue = [*quantity._cue_words("left"), *quantity._cue_words("right"), *quantity._cue_words("generic"),
           *quantity._clean_words()["lead"], *quantity._clean_words()["trail"], *quantity._clean_words()["keep"]]
    words = [*cue, "企业", "全市", "高新技术", "的", " ", "“", "”", "营业收入", "3", "个", "年均", "R&D", "投入"]
    segs = ["", "的", "全市高新技术企业达到", "研发经费投入年均增长", "规上工业企业R&D投入", *cue]
    segs += ["".join(rng.choice(words) for _ in range(rng.randint(1, 6))) for _ in range(1500)]
    for _ in range(2):  # the second round is served from the memos
        for seg in segs:
            assert quantity._strip_right(seg) == _strip_right_reference(seg), seg
            assert quantity._trim(seg) == quantity._trim.__wrapped__(seg), seg
            n = len(seg)
            for base in (0, 5):
                blockers = [(base + a, base + b) for a in range(0, n + 1, 3) for b in (a + 1, a + 2, n + 1)]
                blockers += [(base - 1, base + 2)]
                assert quantity._strip_left(seg, blockers, base) == _strip_left_reference(seg, blockers, base)
                assert quantity._strip_left(seg, [], base) == _strip_left_reference(seg, [], base)


def _value_reference(num: str):
    """``_value_memo`` as first written: the range reading, else ``parse_numeral``."""
    from innovext.numerals import NotANumeral, cn_range, parse_numeral

    try:
        rng = cn_range(num)
        if rng:
            return rng
        return parse_numeral(num), None
    except (NotANumeral, ArithmeticError):
        return None


def _same_value(got, want) -> bool:
    """Equal, and written alike (digits and exponent: ``str`` of each Decimal)."""
    if got is None or want is None:
        return got is want
    return got == want and [str(x) for x in got] == [str(x) for x in want]


_NUM_TABLE = ["0", "1", "10", "2023", "007", "1,234", "1,234,567.891", "12,34", "1,2345", "3.5", "3.", ".5", "1e5",
              "5.2万亿", "2049万", "8600亿", "3千万", "5千", "1.5万", "10万亿亿", "3十", "2百", "1拾", "4佰", "9仟",
              "123456789012345678901234", "1234567890123456789012345", "123456789012345678901234.123456789012",
              "99999999999999999999.999999999999万亿", "1,000,000,000,000,000,000,000,000", "１２", "١٢", "12 万",
              "2万5", "二十", "两", "五六百", "3万多", "十几", "-5", "5%", "5k", "30w", "1/2"]


def test_arabic_value_fast_path_equals_slow_path() -> None:
    for num in _NUM_TABLE:
        assert _same_value(quantity._value_memo.__wrapped__(num), _value_reference(num)), num


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="0123456789.,十百千万亿萬億拾佰仟 ١１点多-", max_size=30))
def test_arabic_value_fast_path_equals_slow_path_generated(num: str) -> None:
    assert _same_value(quantity._value_memo.__wrapped__(num), _value_reference(num)), num


def _groups_of(m) -> object:
    return None if m is None else (m.span(), m.groups())


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=" 数几十百千万亿一二两三五九零〇壹陆成和及与、的A1", max_size=10))
def test_precompiled_patterns_equal_regex_calls(text: str) -> None:
    """The patterns compiled once (on ``re``) find what the per-call ``regex`` ones found."""
    import regex

    dcn = quantity._DIGIT_CN
    assert _groups_of(quantity._TENTH.match(text)) == _groups_of(regex.match(rf"\x20?([{dcn}])(?![{dcn}])", text))
    assert _groups_of(quantity._VAGUE_TENS.fullmatch(text)) == _groups_of(
        regex.fullmatch(r"[数几]([十百千万亿]+)", text))
    assert _groups_of(quantity._VAGUE_UNITS.fullmatch(text)) == _groups_of(
        regex.fullmatch(rf"([{dcn}]?十)几([万亿]?)", text))
    assert quantity._ITEM_SPLIT.split(text) == regex.split(r"[、和及与]", text)
    from innovext import numerals

    assert numerals._split_run(text) == [(m.start(), m.end()) for m in regex.finditer(r"\S+", text)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["3", "12", ".", "5.5", "个月", "个", "年", "家", "项", "倍", "天", "次", "以上",
                                 "以下", "A", "x", "企业", "营收", "短短", "的", " ", "٣", "中"]), max_size=10))
def test_digit_run_std_equals_regex(pieces: list[str]) -> None:
    """``_DIGIT_RUN`` on ``re`` searches and splits as the ``regex`` pattern it was."""
    import regex

    text = "".join(pieces)
    slow = regex.compile(quantity._DIGIT_RUN.pattern)
    assert _groups_of(quantity._DIGIT_RUN.search(text)) == _groups_of(slow.search(text))
    assert quantity._DIGIT_RUN.split(text) == slow.split(text)


def test_junk_set_equals_junk_words() -> None:
    assert quantity._junk_set() == set(quantity._clean_words()["junk"])
    for w in [*quantity._clean_words()["junk"], "企业", "", "的"]:
        assert (w in quantity._junk_set()) == (w in quantity._clean_words()["junk"])


def test_quantity_lookahead_holds_every_first_character() -> None:
    """Every character ``_quantity_re`` can start a match with passes the look-ahead of its scan."""
    chars, digit = _first_chars(quantity._quantity_re().pattern)
    scan = quantity._quantity_scan().pattern
    guard = re.compile(scan[: scan.index("])") + 2])
    assert chars and all(guard.match(ch) for ch in chars), sorted(ch for ch in chars if not guard.match(ch))
    assert digit and guard.match("7") and guard.match("٣")


_HARD_RUNS = ["一二三四五六七八九十百千万亿" * 30 + "元", "一 " * 200 + "个", "1" * 300 + "万元", "一" * 300,
              "从1家增长到2家、" * 30, "近超约逾余多" * 20 + "3家以上", "1," * 100 + "000万元", "1." * 100 + "5亿元"]


def test_quantity_scan_equals_finditer_on_long_runs() -> None:
    """The adversarial shapes (long numeral runs, chains of markers) give the pattern's matches."""
    for text in _HARD_RUNS:
        for lo, hi in ((0, len(text)), (1, len(text) - 1), (7, len(text) // 2)):
            want = [(m.span(), m.groups()) for m in quantity._quantity_re().finditer(text, lo, hi)]
            got = [(m.span(), m.groups()) for m in quantity._quantity_matches(text, lo, hi)]
            assert got == want, (text[:20], lo, hi)
