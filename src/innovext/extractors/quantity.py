"""Quantity facts: every number with its Chinese unit, normalised, and what it measures.

One pass of one compiled regex over ``ctx.norm`` (built from ``data/units.tsv`` and
``data/approx.tsv``, longest surfaces first) finds

    [approx-before] numeral [range] [多/余 [万/亿]] unit [range-with-unit] [approx-after]

and a second one the ratio forms (``百分之四十``, ``三分之一``). Candidates are then
checked against what is *not* a quantity in context: dates (``2017年10月``), ordinals
(``第二批``), names with digits (``5G``, ``1+N+17``), words that contain a numeral
(``data/numeral_negatives.txt``) and the indefinite article ``一个``/``一批``.

Indefinite article policy: a bare Chinese ``一`` before a classifier or duration
(``一个小县城``, ``一批人才``, ``一天``) is an article, not a measurement; the gold
marks such spans optional, and we consistently do not report them. Arabic ``1个``
and marked forms (``近一年``) are reported.

Attributes (subject, region, time, relation) are read from the same sentence with
the cue words in ``data/indicator_cues.tsv`` and ``data/time_words.tsv``; see
:func:`_subject`. No jieba in the hot path: everything is character-level.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import regex

from ..facts import Quantity
from ..numerals import (
    ARABIC,
    CN,
    CN_CHARS,
    LazyPattern,
    NotANumeral,
    _mult_value,
    alternation,
    cn_range,
    parse_numeral,
    protect_commas,
    unit_table,
    vetoed,
)
from ..pipeline import Context
from ..resources import read_lines, read_tsv
from ..text import normalize

NAME = "quantity"
ORDER = 60

_MULT = "十百千万亿萬億拾佰仟"
# 成 is a percent unit only when it does not start a word (成为, 成立, 成果…).
_CHENG_NOT_BEFORE = "为立功果效本就员熟长交型品了绩都"
_DIGIT_CN = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖貳參陸兩"
_BARE_MULT_CHARS = "百千万亿萬億佰仟"
_BARE_MULT = frozenset(_BARE_MULT_CHARS)
_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_CLAUSE_BREAK = ",;:、。!?()[]【】\n\t 　…—"
# 上下/左右 followed by one of these starts a word (上下游, 左右手), not an approximation.
_POST_WORD_NEXT = frozenset("游班级文手")


_YEAR4 = LazyPattern(r"\d{4}", std=True)
_AFTER_YEAR = LazyPattern(r"\d{1,2}月|度|[底初末]", std=True)
_HAN1 = LazyPattern(r"\p{Han}")
_NOT_NOUN = LazyPattern(r"(?:以上|以下|左右|上下|内|多|余|来|后|前|时|间|里|之间|之内|之后|之前)", std=True)
_LIST_JOIN = LazyPattern(r"[、,和及与]|以及", std=True)
_MOVE_TO = LazyPattern(r"(?:增长|增加|提高|提升|扩大|上升|下降|减少|降低|发展|跃升)(?:到|至|为)|[增升降]至", std=True)
# A period stated after the figures dates them only across an ellipsis or comma (…39家、20家……今年以来,),
# never across a full stop or a semicolon, which opens a clause with its own period (…43户;2022年,…).
_FULL_STOP = LazyPattern(r"[。!?！？;；]", std=True)
_YEAR_IN = LazyPattern(r"(\d{4})年", std=True)
# The scan starts at the digits (no lookbehind tried at every position); the cue is checked after.
_SLASH_FRACTION = LazyPattern(r"(?<![\d/.])(?P<n>\d{1,2})/(?P<d>\d{1,3})(?![\d/.])")
_FRACTION_MARK = LazyPattern(r"(?P<pre>逾|近|约|超过|超|不足|不到|将近|接近)$")
_FRACTION_PRE = LazyPattern(r"(?:(?P<pre>逾|近|约|超过|超|不足|不到|将近|接近)|的|占\p{Han}{0,6})$")
_SECOND_ITEM = LazyPattern(r"[和及与]\p{Han}{1,4}(?=[,;:、。!?]|$)")


@dataclass(frozen=True, slots=True)
class _Marker:
    approx: str | None
    kinds: frozenset[str]


@functools.cache
def _markers() -> dict[tuple[str, str], _Marker]:
    out = {}
    for row in read_tsv("approx.tsv"):
        kinds = frozenset(k.strip() for k in row["kinds"].split(",") if k.strip())
        out[(row["position"], row["surface"])] = _Marker(row["approx"] or None, kinds)
    return out


def _marker_words(position: str) -> list[str]:
    return [s for (p, s) in _markers() if p == position]


def _spaced_alternation(words: list[str]) -> str:
    """Like :func:`alternation`, but a Chinese unit may be spelled with spaces (个 百 分 点)."""
    out = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        if len(w) >= 2 and all(regex.match(r"\p{Han}", c) for c in w):
            out.append(r"\x20?".join(regex.escape(c) for c in w))
        else:
            out.append(regex.escape(w))
    return "|".join(out)


@functools.cache
def _quantity_re() -> regex.Pattern[str]:
    units = _spaced_alternation(list(unit_table()))
    before = alternation(_marker_words("before"))
    after = alternation(_marker_words("after"))
    inner = alternation(_marker_words("inner"))
    # A number never starts inside a digit run (no retry at every digit of a long run).
    num = rf"(?:(?<![\d.]){ARABIC}(?:\x20?(?:[{_MULT}]{{1,3}}|[kK](?![A-Za-z])))?|{CN})"
    sep = r"(?:\(含\))?(?:至|到|~|--|-|——|—|–|－|～)"
    # Rates: 元/吨, 万元/亩, 元/月 (the denominator is a unit or a period/counted thing).
    per = alternation([u for u, r in unit_table().items() if r["kind"] != "money"]
                      + ["月", "日", "人", "户", "股", "度", "斤", "h"])
    return regex.compile(
        rf"""
        (?:(?P<pre>{before})\x20?)?
        (?P<from>[从由](?=[^从由]{{1,12}}?(?:至|到)))?
        (?P<sign>[负負]|(?<![0-9A-Za-z%])-(?=\d))?
        (?P<num>{num})
        (?:(?P<sep>{sep})(?P<num2>{num}))?
        \x20{{0,2}}(?:(?P<inner>{inner})|(?P<ge>个)(?=[万亿]))?
        (?P<mult>(?<=[多余来个])[万亿千百])?
        \x20{{0,2}}(?P<unit>{units})
        (?P<per>/(?:{per}))?
        (?:(?P<sep2>(?:\(含\))?(?:至|~|--|-|——|—|–|－|～))(?P<num3>{num})(?P<inner3>{inner})?(?P=unit))?
        (?P<half>半(?!{_HALF_WORDS}))?
        (?:\(含\))?(?P<post>{after})?
        """,
        regex.VERBOSE,
    )


@functools.cache
def _quantity_scan() -> re.Pattern[str]:
    """``_quantity_re`` on the standard ``re`` engine, each attempt behind a look-ahead for the
    characters a match can start with.

    A match starts with an approximation word (``pre``), 从/由 (``from``), a sign (负/負/-)
    or its numeral: a digit (``ARABIC``) or a Chinese numeral character (``CN``), the
    pattern's leading optional parts in order. The pattern uses nothing ``regex`` adds.
    """
    firsts = {w[0] for w in _marker_words("before")} | set("从由负負-") | set(CN_CHARS)
    return _std_behind_firsts(_quantity_re(), firsts)


def _std_behind_firsts(pattern: regex.Pattern[str], firsts: Iterable[str]) -> re.Pattern[str]:
    """``pattern`` (verbose, nothing ``regex``-only in it) on the standard ``re`` engine, each attempt
    behind a look-ahead for a digit or one of ``firsts``: the characters a match can start with.

    perf: the look-ahead rejects most positions in C before the pattern's optional parts are tried.
    """
    return re.compile(rf"(?=[\d{re.escape(''.join(sorted(set(firsts))))}])" + pattern.pattern, re.VERBOSE)


def _quantity_matches(norm: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """Exactly the matches of ``_quantity_re().finditer(norm, lo, hi)``, found faster.

    perf: the pattern costs microseconds per attempted position (its optional lead and the
    unit alternation), and most positions cannot start a match: the look-ahead of
    :func:`_quantity_scan` rejects them in C before any of it is tried, and ``re`` runs
    this pattern about twice as fast as ``regex``. Linear in the text (the numeral-end probe
    this replaces walked back over the whole numeral run at every numeral end: quadratic on
    long runs such as 一二三…万亿 or 一 一 一, minutes per 100 000 characters).
    ``tests/test_quantity_fast.py`` and ``tests/test_quantity_fast2.py`` check equality.
    """
    return _quantity_scan().finditer(norm, lo, hi)


# 半 after a measure adds a half (三斤半, 两年半) unless it starts a word (3年半导体).
_HALF_WORDS = "导体|岛|径|数|场|成品|自动|价|边|天|山|空|夜|身|壁|小时|年|个"
_HALF_KINDS = frozenset({"weight", "length", "area", "duration", "other"})


@functools.cache
def _symbol_re() -> regex.Pattern[str]:
    """Amounts written with a currency sign before the number ($20, ￥300, US$5亿)."""
    symbols = alternation([r["symbol"] for r in read_tsv("currency_symbols.tsv")])
    before = alternation(_marker_words("before"))
    return regex.compile(
        rf"(?:(?P<pre>{before})\x20?)?(?P<sym>{symbols})\x20?(?P<num>{ARABIC}(?:[{_MULT}]{{1,3}})?)"
        rf"(?P<unit>元)?(?![\d.])"
    )


@functools.cache
def _pre_marker_re() -> regex.Pattern[str]:
    """An approximation word ending right before a figure (小于40w)."""
    return regex.compile(rf"(?P<pre>{alternation(_marker_words('before'))})\x20?$")


@functools.cache
def _kw_money_re() -> regex.Pattern[str]:
    """10k~15k, 30w上下, 小于40w: colloquial pay and prices (k = 千, w = 万)."""
    return regex.compile(
        r"(?<![\d.])(?P<n1>\d{1,6}(?:\.\d{1,3})?)(?P<m1>[kKwW])"
        r"(?:(?:~|-|—|～|至|到)(?P<n2>\d{1,6}(?:\.\d{1,3})?)(?P<m2>[kKwW])?)?"
        r"(?![A-Za-z\d])(?P<post>左右|上下|以上|以下)?"
    )


@functools.cache
def _ratio_re() -> regex.Pattern[str]:
    before = alternation(_marker_words("before"))
    after = alternation([w for w in _marker_words("after") if not _markers()[("after", w)].kinds])
    num = rf"(?:{ARABIC}(?:[kK](?![A-Za-z]))?|{CN})"
    return regex.compile(
        rf"(?P<pre>{before})?(?P<den>{num})\x20{{0,2}}分\x20{{0,2}}之\x20{{0,2}}(?P<nsign>[负負])?(?P<numer>{num})(?P<post>{after})?"
    )


@functools.cache
def _currency_before_re() -> regex.Pattern[str]:
    """A currency word right before an amount in 元 (one space allowed; 人民币数十亿元)."""
    names = [u for u, r in unit_table().items()
             if r["kind"] == "money" and len(u) >= 2 and not u.isascii() and u not in ("块钱", "元钱", "毛钱")]
    return regex.compile(rf"(?P<cur>{alternation(names)})\x20?$")


@functools.cache
def _currency_after_re() -> regex.Pattern[str]:
    """A currency word right after 元 (日币 in 9000元日币)."""
    names = [u for u, r in unit_table().items()
             if r["kind"] == "money" and r["unit"] != "元" and not u.isascii()]
    return regex.compile(rf"(?P<cur>{alternation(names)})")


@functools.cache
def _unit_after_re() -> re.Pattern[str]:
    return re.compile(rf"(?P<unit>{alternation(list(unit_table()))})")  # perf: std re (cheaper calls)


@functools.cache
def _need_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What every match of a rarely matching pattern contains: (currency sign before a digit
    for :func:`_symbol_re`, k/w after a digit for :func:`_kw_money_re`, a digit fraction for
    ``_SLASH_FRACTION``, 分之 for :func:`_ratio_re`).

    perf: a body range without it is not scanned with the pattern (whose optional lead makes
    ``regex`` attempt a match at every position); the standard ``re`` engine finds these
    several times faster.
    """
    return (
        re.compile(rf"(?:{alternation(list(_symbol_units()))})\x20?\d"),
        re.compile(r"\d[kKwW]"),
        re.compile(r"\d/\d"),
        re.compile(r"分\x20{0,2}之"),
    )


@functools.cache
def _symbol_units() -> dict[str, str]:
    return {r["symbol"]: r["unit"] for r in read_tsv("currency_symbols.tsv")}


def _scan(pattern: regex.Pattern[str] | LazyPattern, need: re.Pattern[str],
          norm: str, lo: int, hi: int, chars: str = "") -> Iterable[regex.Match[str]]:
    """``pattern.finditer(norm, lo, hi)``, or nothing at once when ``need`` does not occur in
    ``[lo, hi)`` (nor any of ``chars``, one of which ``need`` holds: ``str.find`` is faster still)."""
    if chars and all(norm.find(c, lo, hi) < 0 for c in chars):
        return ()
    if need.search(norm, lo, hi) is None:
        return ()
    return pattern.finditer(norm, lo, hi)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    kind: str
    approx: str | None
    num_start: int
    rule: str


def _value(num: str) -> tuple[Decimal, Decimal | None]:
    """Value (and range top for 五六百) of one numeral as matched."""
    out = _value_memo(num)
    if out is None:
        raise NotANumeral(num)
    return out


# perf: the same few numerals (一, 两, 10…) recur in every document; Decimals are immutable,
# so a bounded memo of the parse is safe to share. None stands for "not a numeral".
@functools.lru_cache(maxsize=16384)
def _value_memo(num: str) -> tuple[Decimal, Decimal | None] | None:
    m = _ARABIC_MULT.fullmatch(num)
    if m is not None and normalize(num) == num:
        # perf: an ASCII Arabic number with its multipliers (2023, 1,234.5, 5.2万亿), half the
        # misses: no Chinese digit, so no range (cn_range gives None), and parse_numeral reads it
        # as here (nothing to normalise, no percent, fraction, sign or suffix form). The same
        # Decimal arithmetic, so the same digits and exponent; tests compare with the slow path.
        return Decimal(m[1].replace(",", "")) * _mult_value(m[2]), None
    try:
        rng = cn_range(num)
        if rng:
            return rng
        return parse_numeral(num), None
    except (NotANumeral, ArithmeticError):
        return None


# ``numerals._MIXED_RE`` (ARABIC and up to three multipliers) on ASCII digits only.
_ARABIC_MULT = LazyPattern(rf"({ARABIC})([{_MULT}]{{0,3}})", re.ASCII, std=True)


def _has_mult(num: str) -> bool:
    return num[-1] in _MULT


def _combine(*approxes: str | None) -> str | None:
    for a in approxes:
        if a:
            return a
    return None


def _is_year(num: str, norm: str, end: int) -> bool:
    """A number before 年 that names a calendar year (2017年, 二〇二三年), not a duration."""
    if _YEAR4.fullmatch(num) and 1000 <= int(num) <= 2999:
        return True
    if len(num) >= 2 and all(c in _DIGIT_CN for c in num) and cn_range(num) is None:
        return True  # 二〇二三 read digit by digit
    return bool(_AFTER_YEAR.match(norm, end))


def _is_calendar(num: str) -> bool:
    """A 4-digit year (1000–2999) or a 2-digit year with a leading zero (09年)."""
    return bool(_YEAR4.fullmatch(num) and 1000 <= int(num) <= 2999) or (len(num) == 2 and num[0] == "0")


@functools.cache
def _factors() -> dict[str, Decimal]:
    """Each unit's factor as a Decimal (``Decimal(row["factor"] or 1)``), built once, not per figure."""
    return {u: Decimal(r["factor"] or 1) for u, r in unit_table().items()}


@functools.cache
def _mult_units() -> dict[str, tuple[str, ...]]:
    """The units that start with 千 or 百 (千克, 百分点), by that character: the only ones
    the 5千克 rule of :func:`_candidates` can choose (it looked through every unit)."""
    return {ch: tuple(u for u in unit_table() if u[0] == ch) for ch in "千百"}


_ONE = Decimal(1)


def _candidates(norm: str, lo: int, hi: int) -> Iterator[_Cand]:
    markers = _markers()
    units = unit_table()
    factors = _factors()
    value_memo = _value_memo
    for m in _quantity_matches(norm, lo, hi):
        # perf: every group at once (one call instead of one per look-up), named as in the pattern.
        (g_pre, g_from, g_sign, num, g_sep, g_num2, g_inner, _ge, g_mult, g_unit, g_per, _sep2, g_num3, _inner3,
         g_half, g_post) = m.groups()
        unit_s = g_unit.replace(" ", "") if " " in g_unit else g_unit
        row = units[unit_s]
        kind = row["kind"]
        if num in ("一", "壹") and kind in ("count", "duration") and not (g_pre or g_inner or g_post or g_num2):
            continue  # perf: the indefinite article (see below) rejected before any other work
        ns = m.start("num")
        # What precedes the numeral: codes (5G, 1+N+17), ordinals (第二批), ranks (前三名).
        prev = norm[ns - 1] if ns > lo else ""
        if prev and not g_sign and (prev.isascii() and (prev.isalnum() or prev in "+-/#._%")):
            continue
        start = m.start("pre") if g_pre else (m.start("sign") if g_sign else ns)
        if g_from and g_num2 and not g_pre:
            start = m.start("from")  # 从8500到3万港元: one range
        prev_full = norm[start - 1] if start > 0 else ""
        if prev_full == "第" or prev == "第" or (prev_full == " " and start >= 2 and norm[start - 2] == "第"):
            continue
        if prev_full and prev_full in "前后" and unit_s in ("名", "位", "强"):
            continue
        unit_end = m.end("unit")
        after_unit = norm[unit_end : unit_end + 1]
        if unit_s[-1].isascii() and after_unit.isascii() and after_unit.isalnum():
            continue  # 5mmx, 3GWh…: an ASCII unit glued to more letters is another word
        if unit_s == "成" and after_unit and after_unit in _CHENG_NOT_BEFORE:
            continue
        if kind == "count" and ("点" in num or "點" in num):
            continue  # 三點一個 (a clock time in Cantonese): a Chinese decimal does not count things
        if len(num) == 1 and num in _FINANCIAL and kind != "money":
            continue  # 陆 in 登陆部队: a lone financial capital is a word
        mixed_date = num[0].isdigit() and prev and prev in "〇零一二三四五六七八九" and unit_s in ("年", "月", "日")
        if (num in ("零", "〇") and unit_s in ("部", "件")) or mixed_date:
            continue  # 零部件, 零件: 零 alone is no numeral; 二0一0年 is a date in mixed script
        if unit_s == "度" and not (num[-1] in "万亿萬億" or "电" in norm[max(lo, ns - 12) : ns]):
            continue  # 度 alone counts kilowatt-hours only (9200亿度, 送电量…2.9万度), not heat or angles
        if kind == "money" and after_unit == "级" and not g_post:
            continue  # 万亿元级产业集群: a scale class, not an amount
        if unit_s == "年" and norm.startswith(("行动", "规划", "计划", "攻坚"), unit_end):
            continue  # 三年行动计划: part of a programme name
        if num in ("一", "壹") and len(unit_s) == 1 and after_unit == unit_s:
            continue  # 一块块, 一个个: reduplication, not a count
        vague = None
        vague_approx = None
        if prev and prev in "数几幾" and num[0].isdigit():
            prev = ""  # 总股数40.71%: 数 ends a word (股数, 人数), it is not the vague 数十
        if "几" in num or "幾" in num or (prev and prev in "数几幾"):
            # Vague numerals: amounts of money are reported as ranges (数十亿元 = 10亿–100亿,
            # 十几块钱 = 10–20元, the JioNLP reading); other vague figures (数十家, 十几个,
            # 几十倍) by their lower bound with approx over. 几家 alone says no number.
            vague = _vague(("数" if prev and prev in "数几幾" else "") + num)
            if vague is None:
                continue
            if prev and prev in "数几幾":
                start = ns - 1 if not g_pre else start
            if kind == "money":
                vague_approx = "about"
            else:
                vague = (vague[0], None)
                vague_approx = "over"
        elif not num.strip(_BARE_MULT_CHARS):  # _is_bare(num), inline
            # 超万元, 近亿吨, 逾千家 (a marker says how far), 过亿元, 上百家, 上万支 (over).
            if prev and prev in "过上" and not g_pre:
                start = ns - 1
                vague_approx = "over"
            elif not (g_pre and markers[("before", g_pre)].approx) and not g_inner and len(num) == 1:
                continue
        unit_end0 = unit_end  # the matched unit's end (unit_end moves with a longer unit or 成六)
        if num[-1] in "千百" and (num[0].isdigit() or len(num) == 2 or not _parses(num)) \
                and not g_inner and not g_num2:
            # 5千克 is 5 kg, not 5000 g: a unit that starts with a multiplier character wins.
            u0 = m.start("unit") - 1
            longer = [u for u in _mult_units()[num[-1]] if norm.startswith(u, u0)]
            if longer:
                unit_s = max(longer, key=len)
                row = units[unit_s]
                kind = row["kind"]
                num = num[:-1]
                unit_end = u0 + len(unit_s)
        if unit_s == "年" and not g_sep and _is_year(num, norm, unit_end0):
            continue
        if unit_s == "年" and (_is_calendar(num) or (g_num2 and _is_calendar(g_num2))):
            continue  # 2010~2011年, 09年: calendar years, not durations
        if num in ("二", "貳", "贰") and kind == "count" and unit_s not in ("个", "個"):
            continue  # 二次进攻, 二套房, 二手: a lone 二 before a classifier is an ordinal (两 counts)
        if norm[m.end("num") : m.end("num") + 1] == ":" or prev == ":":
            continue
        vv = vague or value_memo(num)  # _value(num) without the exception (None: not a numeral)
        if vv is None:
            continue
        value, vmax = vv
        if g_num2:
            try:
                v2, _ = _value(g_num2)
            except (NotANumeral, ArithmeticError):
                continue
            value = _range_start(num, value, g_num2, v2)
            vmax = v2
            if vmax <= value:
                # 2017-2020 or 3-1: not a range we understand; keep the first part only.
                continue
        if g_num3:
            try:
                vmax, _ = _value(g_num3)
            except (NotANumeral, ArithmeticError):
                continue
        if g_sign:
            value = -value
            vmax = -vmax if vmax is not None else None
        factor = factors[unit_s]
        if unit_s == "折" and value >= 10:
            if value == 10 or value >= 100:
                continue  # 十折 is no discount
            factor = _ONE  # 75折 = 75 %, but 七折 = 70 %
        mult = Decimal(_mult_of(g_mult)) if g_mult else _ONE
        value = value * mult * factor
        if vmax is not None:
            vmax = vmax * mult * factor
        pre = markers[("before", g_pre)] if g_pre else None
        if pre and pre.kinds and kind not in pre.kinds:
            continue  # 人民币 before a count
        inner = markers[("inner", g_inner)] if g_inner else None
        post = markers.get(("after", g_post)) if g_post else None
        if unit_s == "成" and not g_half:
            tenth = _TENTH.match(norm[unit_end : unit_end + 3])
            if tenth and tenth[1] not in _FINANCIAL:
                value += parse_numeral(tenth[1])  # 七成六 = 76 % (value already in %)
                unit_end += tenth.end()
        if g_half:
            halvable = kind in _HALF_KINDS or unit_s == "成"
            if halvable and value == value.to_integral_value() and not g_num3 and vmax is None:
                value += Decimal("0.5") * mult * factor
            else:
                continue
        end = max(m.end(), unit_end)
        if unit_end > unit_end0 and unit_s == "成":
            end = unit_end
        if g_post in ("上下", "左右") and norm[m.end("post") : m.end("post") + 1] in _POST_WORD_NEXT:
            end = m.end("post") - len(g_post)  # 53家上下游企业: 上下游 is a word
            post = None
        if post and post.kinds and kind not in post.kinds:
            end = m.end("post") - len(g_post)
            post = None
        # A bare 一 before a classifier or duration is the indefinite article.
        if (
            num in ("一", "壹")
            and kind in ("count", "duration")
            and not (pre and pre.approx) and not inner and not post and not g_num2
        ):
            continue
        if vetoed(norm, ns, unit_end0):
            continue
        if row["unit"] == "元" and unit_s in ("元", "圆"):
            # 三万元欧元, 9000元日币: a currency named right after 元 is the currency.
            cur_after = _currency_after_re().match(norm, unit_end)
            if cur_after and not g_post:
                row = units[cur_after["cur"]]
                end = max(end, cur_after.end())
        if row["unit"] == "元" and unit_s in ("元", "圆") and not g_pre:
            # 港币两千九百六十元, 新台币 177.1 亿元: the currency is named before the amount.
            cur = _currency_before_re().search(norm, max(lo, start - 8), start)
            if cur:
                row = units[cur["cur"]]
                start = cur.start()
        # _combine(…), inline: the first approximation given.
        approx = ((pre.approx if pre else None) or (inner.approx if inner else None)
                  or (post.approx if post else None) or row.get("approx") or vague_approx or None)  # 个多月
        unit = row["unit"]
        if g_per:
            per_row = units.get(g_per[1:])
            unit = f"{unit}/{per_row['unit'] if per_row else m['per'][1:]}"
            end = max(end, m.end("per"))
        yield _Cand(start, end, value, vmax, unit, kind, approx, ns, "num+unit")
        if unit == "元" and vmax is None and not g_post:
            tail = _small_change(norm, end, unit_s)
            if tail:
                yield _Cand(start, tail[0], value + tail[1], None, unit, kind, approx, ns, "元角分")
    sym_units = _symbol_units()
    sym_need, kw_need, slash_need, ratio_need = _need_res()
    for m in _scan(_symbol_re(), sym_need, norm, lo, hi):
        prev = norm[m.start() - 1] if m.start() > lo else ""
        if prev and prev.isascii() and prev.isalnum():
            continue
        try:
            value = parse_numeral(m["num"])
        except (NotANumeral, ArithmeticError):
            continue
        pre = _markers()[("before", m["pre"])] if m["pre"] else None
        yield _Cand(m.start(), m.end(), value, None, sym_units[m["sym"]], "money",
                    pre.approx if pre else None, m.start("num"), "symbol+num")
    for m in _scan(_kw_money_re(), kw_need, norm, lo, hi, chars="kKwW"):
        # 薪酬能给到10k~15k, 月薪30w上下: k/w (千/万) amounts are money only after a pay/price word.
        prev = norm[m.start() - 1] if m.start() > lo else ""
        if prev and prev.isascii() and (prev.isalnum() or prev in "+-/#._%"):
            continue
        lead = norm[max(lo, m.start() - 10) : m.start()]
        if not any(w in lead for w in _clean_words()["money"]):
            continue
        f1 = Decimal(1000 if m["m1"] in "kK" else 10000)
        m2 = m["m2"] or m["m1"]
        f2 = Decimal(1000 if m2 in "kK" else 10000)
        try:
            value = parse_numeral(m["n1"]) * f1
            vmax = parse_numeral(m["n2"]) * f2 if m["n2"] else None
        except (NotANumeral, ArithmeticError):
            continue
        if vmax is not None and vmax <= value:
            continue
        pm = _pre_marker_re().search(norm, max(lo, m.start() - 6), m.start())
        pre = _markers().get(("before", pm["pre"])) if pm else None
        post = _markers().get(("after", m["post"])) if m["post"] else None
        yield _Cand(pm.start() if pm else m.start(), m.end(), value, vmax, "元", "money",
                    _combine(pre.approx if pre else None, post.approx if post else None), m.start("n1"), "k/w money")
    for m in _scan(_SLASH_FRACTION, slash_need, norm, lo, hi, chars="/"):
        # 占全球1/5, 逾1/3, 近3/4的: a proper fraction after a share/approx word, read as a percent
        # like 三分之一. Dates (5/1, 2023/5/1) and scores lack the cue or are not proper fractions.
        n, d = int(m["n"]), int(m["d"])
        if not 0 < n < d:
            continue
        cue = _FRACTION_MARK.search(norm, max(lo, m.start() - 4), m.start()) \
            or _FRACTION_PRE.search(norm, max(lo, m.start() - 8), m.start())
        if not cue:
            continue
        pre = _markers().get(("before", cue["pre"])) if cue["pre"] else None
        start = cue.start("pre") if pre and pre.approx else m.start("n")
        yield _Cand(start, m.end("d"), Decimal(n) * 100 / Decimal(d), None, "%", "percent",
                    pre.approx if pre else None, m.start("n"), "fraction")
    for m in _scan(_ratio_re(), ratio_need, norm, lo, hi):
        den, numer = m["den"], m["numer"]
        ns = m.start("den")
        prev = norm[ns - 1] if ns > lo else ""
        if prev and prev.isascii() and prev.isalnum():
            continue
        try:
            n = parse_numeral(numer)
            d = parse_numeral(den)
        except (NotANumeral, ArithmeticError):
            continue
        if d == 0:
            continue
        if m["nsign"]:
            n = -n
        after = _unit_after_re().match(norm, m.end("numer"))
        if after and unit_table()[after["unit"]]["kind"] not in ("percent", "count") and not m["post"]:
            row = unit_table()[after["unit"]]
            yield _Cand(m.start(), after.end(), n / d * Decimal(row["factor"] or 1), None, row["unit"],
                        row["kind"], None, ns, "ratio+unit")
            continue
        if den == "百":
            value, unit = n, "%"
        elif den == "千":
            value, unit = n, "‰"
        else:
            value, unit = n * 100 / d, "%"
        markers_ = _markers()
        pre = markers_[("before", m["pre"])] if m["pre"] else None
        post = markers_.get(("after", m["post"])) if m["post"] else None
        approx = _combine(pre.approx if pre else None, post.approx if post else None)
        yield _Cand(m.start(), m.end(), value, None, unit, "percent", approx, ns, "ratio")


def _is_bare(num: str) -> bool:
    """A magnitude without a digit (万, 百万, 亿): a number only with a marker (超万元, 上百家)."""
    return not num.strip(_BARE_MULT_CHARS)  # perf: every character a magnitude, tested in C


def _parses(num: str) -> bool:
    try:
        _value(num)
    except (NotANumeral, ArithmeticError):
        return False
    return True


_BIG_CHARS = "万亿萬億兆kK"
_SMALL_CHARS = "十百千拾佰仟"
_MULT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "k": 1000, "K": 1000,
               "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}


# 角/毛 and 分 after an amount in 元: 123元1角1分, 十块三毛, 一百三十五块六角七分钱.
_D1 = rf"[{_DIGIT_CN}\d]"
# After 元/块: 1角1分, 六角七分钱, 零四 (3.04), a bare 二 (一块二 = 1.2); after 角/毛: 五分, a bare 五 (两毛五).
_YUAN_TAIL_RE = LazyPattern(
    rf"(?:(?P<j>{_D1})[角毛毫](?![形度落色钱米克升])(?:(?P<f>{_D1})分?(?![钟之数子{_DIGIT_CN}\d]))?"
    rf"|零(?P<f0>{_D1})分?(?![钟之数子{_DIGIT_CN}\d])"
    rf"|(?P<f2>{_D1})分(?![钟之数子])"
    rf"|(?P<j2>[{_DIGIT_CN}])(?![{_DIGIT_CN}\d十百千万亿个家人项年月日号点]))钱?"
)
_JIAO_TAIL_RE = LazyPattern(rf"(?P<f>{_D1})分?(?![钟之数子{_DIGIT_CN}\d十百千万亿个家人项年月日号点])钱?")


def _small_change(norm: str, pos: int, unit_s: str) -> tuple[int, Decimal] | None:
    """The 角/分 written after an amount (123元1角1分, 一块二, 两毛五): (new end, added value)."""
    if unit_s in ("元", "块", "圆", "蚊"):
        m = _YUAN_TAIL_RE.match(norm, pos)
        if not m or (m["j2"] and _unit_after_re().match(norm, m.end("j2"))):
            return None  # 3元一斤: the digit starts the next quantity
        extra = Decimal(0)
        if m["j"] or m["j2"]:
            extra += parse_numeral(m["j"] or m["j2"]) / 10
        if m["f"] or m["f0"] or m["f2"]:
            extra += parse_numeral(m["f"] or m["f0"] or m["f2"]) / 100
        return (m.end(), extra) if extra or m["f0"] else None
    if unit_s in ("角", "毛", "毫"):
        m = _JIAO_TAIL_RE.match(norm, pos)
        if m and not _unit_after_re().match(norm, m.end("f")):
            return m.end(), parse_numeral(m["f"]) / 100
    return None


# perf: compiled once (a module-level ``regex.match(pattern, …)`` pays the pattern cache's key
# work on every call); plain literals and classes, so on the standard engine.
_TENTH = LazyPattern(rf"\x20?([{_DIGIT_CN}])(?![{_DIGIT_CN}])", std=True)  # 七成六
_VAGUE_TENS = LazyPattern(r"[数几]([十百千万亿]+)", std=True)  # 数十, 几百万
_VAGUE_UNITS = LazyPattern(rf"([{_DIGIT_CN}]?十)几([万亿]?)", std=True)  # 十几, 二十几万
_ITEM_SPLIT = LazyPattern(r"[、和及与]", std=True)  # the items of a 分别 list


def _vague(text: str) -> tuple[Decimal, Decimal] | None:
    """Range of a vague numeral: 数十/几十万 → (10, 100)×M, 十几/二十几万 → (10, 20)×M, else None."""
    text = text.replace("幾", "几")
    m = _VAGUE_TENS.fullmatch(text)
    if m:
        try:
            low = parse_numeral(m[1])
        except (NotANumeral, ArithmeticError):
            return None
        return low, low * 10
    m = _VAGUE_UNITS.fullmatch(text)
    if m:
        try:
            tens = parse_numeral(m[1])
        except (NotANumeral, ArithmeticError):
            return None
        scale = Decimal(_MULT_VALUE[m[2]]) if m[2] else Decimal(1)
        return tens * scale, (tens + 10) * scale
    return None


def _range_start(num1: str, v1: Decimal, num2: str, v2: Decimal) -> Decimal:
    """The first end of a range whose multiplier is written once, after the second.

    ``20-35万`` and ``一百二十到一百五十万`` share 万; ``两到三仟`` and ``八到九百亿`` share
    the whole place-value tail (a lone digit before); ``8500到3万`` shares nothing
    (8500万 would exceed 3万).
    """
    if any(c in _BIG_CHARS for c in num1):
        return v1
    i = len(num2)
    while i > 0 and num2[i - 1] in _MULT_VALUE:
        i -= 1
    tail = num2[i:]
    if not tail:
        return v1
    if v1 < 10 and len(num1) == 1:
        factor = 1
        for c in tail:
            factor *= _MULT_VALUE[c]
    else:
        j = len(tail)
        while j > 0 and tail[j - 1] in _BIG_CHARS:
            j -= 1
        factor = 1
        for c in tail[j:]:
            factor *= _MULT_VALUE[c]
    if factor > 1 and v1 * factor <= v2:
        return v1 * factor
    return v1


def _mult_of(num: str) -> int:
    out = 1
    i = len(num)
    while i > 0 and num[i - 1] in _MULT:
        i -= 1
    for c in num[i:]:
        out *= _MULT_VALUE[c]
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Overlapping candidates: longest wins, then earliest."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            if c.end - c.start > out[-1].end - out[-1].start:
                out[-1] = c
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- attributes


@functools.cache
def _cues() -> dict[str, tuple[str, str | None]]:
    return {r["surface"]: (r["role"], r["relation"] or None) for r in read_tsv("indicator_cues.tsv")
            if r["role"] not in _CLEAN_ROLES}


_CLEAN_ROLES = frozenset({"lead", "trail", "keep", "junk", "range", "money"})
_SUBJECT_MAX = 16  # a longer "subject" is a clause, not an indicator name
# Another figure inside a subject (短短5个月营收, 41个工业大类中): split there. Qualifiers stay
# (100亿元以上项目, 5G基站).
# perf: on the standard engine (nothing ``regex`` adds; cheaper calls on short strings).
_DIGIT_RUN = LazyPattern(r"(?<![A-Za-z\d.])[\d.]+(?:个月|个|年|家|项|倍|天|次)(?!以上|以下|[\dA-Za-z])", std=True)
# One character left over from a cut clause (截, 其, 末, 配…), unlike a counted noun (11个县, 一亩地).
_ONE_CHAR_JUNK = frozenset("长前后到至在了提升增降达为是有约超近多余共占将已可等上下较新亦再"
                           "截其来与底末计创认具配赚派高里额率字们")


@functools.cache
def _clean_words() -> dict[str, tuple[str, ...]]:
    """Subject clean-up words of ``indicator_cues.tsv`` by role (lead/trail/keep/junk), longest first."""
    out: dict[str, list[str]] = {r: [] for r in _CLEAN_ROLES}
    for r in read_tsv("indicator_cues.tsv"):
        if r["role"] in _CLEAN_ROLES:
            out[r["role"]].append(r["surface"])
    out["trail"] += [w for w in _cue_words("right") if len(w) >= 2]
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in out.items()}


@functools.cache
def _trim_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(leading words, trailing words) as two anchored patterns (one match each, not a word loop)."""
    words = _clean_words()
    return (re.compile(rf"(?:{alternation(words['lead'])})"),  # perf: std re (cheaper calls)
            re.compile(rf"(?:{alternation(words['trail'])})$"))


# perf: a pure function of a short string; the cut clauses and subjects recur.
@functools.lru_cache(maxsize=16384)
def _trim(subj: str) -> str:
    """Strip function words and verbs from both ends (但约80%, 森林覆盖率超过了61%)."""
    lead_re, trail_re = _trim_res()
    keep = _clean_words()["keep"]
    for _ in range(6):  # bounded: each round removes at least one word or stops
        before = subj
        subj = subj.strip("的 ,\"'")
        if subj.startswith("“") and "”" not in subj:
            subj = subj[1:]
        if subj.endswith("”") and "“" not in subj:
            subj = subj[:-1]
        t = trail_re.search(subj, max(0, len(subj) - 8))
        if t:
            subj = subj[: t.start()]
        if not subj.startswith(keep):
            h = lead_re.match(subj)
            if h:
                subj = subj[h.end():]
        if subj == before:
            break
    return subj


def _clean_subject(subj: str | None) -> str | None:
    """A plausible indicator name or None: null rather than garbage (see :func:`_clean_subject_of`)."""
    return _clean_subject_of(subj) if subj else None


# perf: a pure function of a short string; the same subjects (营业收入, 企业…) recur across documents.
@functools.lru_cache(maxsize=16384)
def _clean_subject_of(subj: str) -> str | None:
    """A plausible indicator name or None: null rather than garbage.

    A subject holding another figure keeps the part after it (短短5个月营收 → 营收) or,
    when nothing is left there, the part before (产值连续3年在 → 产值); titles, clauses
    and lone function words give None.
    """
    if not subj:
        return None
    if "《" in subj or "》" in subj:
        return None
    if _DIGIT_RUN.search(subj):
        pieces = [_trim(p) for p in _DIGIT_RUN.split(subj)]
        pieces = [p for p in pieces if p]
        if not pieces:
            return None
        subj = pieces[-1] if _trim(_DIGIT_RUN.split(subj)[-1]) else pieces[0]
    subj = _trim(subj)
    if len(subj) > _SUBJECT_MAX:
        # 还给原先不易抵押贷款的生产设备融资: a long clause ends in its head after 的/等.
        cut = max(subj.rfind("的"), subj.rfind("等"))
        if cut >= 0:
            subj = _trim(subj[cut + 1 :])
    if not subj or len(subj) > _SUBJECT_MAX or subj in _junk_set() or subj[0] == "第":
        return None  # 第三次 (增加到第三次的10.2亿元): an ordinal names no indicator
    if len(subj) == 1 and subj in _ONE_CHAR_JUNK:
        return None  # 长 (长达), 前 (10年前的): one character names no indicator
    return subj


@functools.cache
def _junk_set() -> frozenset[str]:
    """The junk subjects of ``indicator_cues.tsv`` as a set (membership by hash)."""
    return frozenset(_clean_words()["junk"])


@functools.cache
def _generic_set() -> frozenset[str]:
    """The generic cue words (总数, 总量…) as a set: membership by hash, not a pass over a tuple."""
    return frozenset(_cue_words("generic"))


@functools.cache
def _cue_words(role: str) -> tuple[str, ...]:
    return tuple(sorted((w for w, (r, _) in _cues().items() if r == role), key=len, reverse=True))


@functools.cache
def _time_words() -> dict[str, int | None]:
    return {r["surface"]: (int(r["year_offset"]) if r["year_offset"] else None) for r in read_tsv("time_words.tsv")}


@functools.cache
def _time_re() -> regex.Pattern[str]:
    words = alternation(list(_time_words()))
    cn_small = "一二两三四五六七八九十"
    return regex.compile(
        rf"""
        (?:截至|截止到?)?
        (?:\d{{4}}年(?:至|到|-|—|~)\d{{4}}年
          | \d{{4}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?(?:底|末|初|年底|年末|年初|上半年|下半年|前三季度|以来)?
          | 近(?:\d{{1,2}}|[{cn_small}]{{1,3}})年(?:内|来|以来)?
          | (?:{words})
        )
        # 今年前4月, 去年1至5月, 今年一季度: the months narrow the period and belong to it.
        (?:前(?:\d{{1,2}}|[{cn_small}]{{1,2}})个?月|(?:\d{{1,2}}|[{cn_small}]{{1,2}})(?:至|到|-|—)(?:\d{{1,2}}|[{cn_small}]{{1,3}})月
          |[一二三四1-4]季度|前[三3]季度)?
        """,
        regex.VERBOSE,
    )


@functools.cache
def _time_re_std() -> re.Pattern[str]:
    """``_time_re`` on the standard ``re`` engine, each attempt behind a look-ahead for the
    characters a match can start with.

    A match starts with 截 (截至/截止), a digit (the year forms), 近 (近三年) or the first
    character of a time word: the branches of ``_time_re``, in order. perf: ``re`` with the
    look-ahead scans a paragraph about twice as fast as ``regex`` with the bare pattern (which
    uses nothing ``regex`` adds); ``tests/test_quantity_fast2.py`` checks both find the same.
    """
    firsts = "".join(sorted({w[0] for w in _time_words()} | {"截", "近"}))
    return _std_behind_firsts(_time_re(), firsts)


def _times(ctx: Context, s0: int, s1: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _time_re_std().finditer(ctx.norm, s0, s1)]


class _TimeIndex:
    """The time expressions of one paragraph, scanned once; :meth:`get` equals :func:`_times`.

    perf: the extractor asks for the times of every sentence, of its paragraph head and of
    the lead after it: overlapping ranges rescanned per figure, all inside the figure's
    paragraph (paragraphs without figures are never scanned). One scan of ``[lo, hi)``
    gives the same matches for any sub-range no match crosses (``_time_re`` has no
    lookaround or anchor, so a match that fits inside the sub-range is found there too,
    and the scan from the sub-range's start is in step with the whole scan). A range whose
    edge cuts a match is scanned directly. ``tests/test_quantity_fast.py`` checks equality.
    """

    __slots__ = ("_b0", "_ctx", "_ends", "_hi", "_lo", "_starts", "_times")

    def __init__(self, ctx: Context, lo: int, hi: int) -> None:
        self._ctx, self._lo, self._hi = ctx, lo, hi
        self._b0 = -1  # the body range start the line was found in (see :meth:`paragraph`)
        self._times = _times(ctx, lo, hi)
        self._starts = [t[0] for t in self._times]
        self._ends = [t[1] for t in self._times]

    @classmethod
    def paragraph(cls, ctx: Context, b0: int, b1: int, pos: int) -> _TimeIndex:
        """The index of the line (paragraph) of body range ``[b0, b1)`` that holds ``pos``."""
        norm = ctx.norm
        lo = max(b0, norm.rfind("\n", b0, pos) + 1)
        hi = norm.find("\n", pos, b1)
        index = cls(ctx, lo, b1 if hi < 0 else hi)
        index._b0 = b0
        return index

    def para_start(self, b0: int, s0: int, reach: int) -> int:
        """``max(b0, s0 - reach, norm.rfind("\\n", max(b0, s0 - reach), s0) + 1)``: where the line
        holding ``s0`` starts, looked for at most ``reach`` back.

        perf: no backward search when this index is that line's, found in the same body range
        (no newline lies between its start and ``s0``, and the one before it, if any, is where the
        search would stop); ``tests/test_quantity_fast2.py`` checks equality.
        """
        if self._b0 == b0 and self._lo <= s0 < self._hi:
            return max(b0, s0 - reach, self._lo)
        w = max(b0, s0 - reach)
        return max(w, self._ctx.norm.rfind("\n", w, s0) + 1)

    def holds(self, pos: int) -> bool:
        return self._lo <= pos < self._hi

    def get(self, s0: int, s1: int) -> list[tuple[int, int, str]]:
        """The times in ``[s0, s1)``, as ``_times(ctx, s0, s1)`` finds them."""
        if not self._lo <= s0 <= s1 <= self._hi:
            return _times(self._ctx, s0, s1)
        i = bisect.bisect_left(self._starts, s0)
        j = bisect.bisect_left(self._starts, s1, i)
        if (i > 0 and self._ends[i - 1] > s0) or (j > i and self._ends[j - 1] > s1):
            return _times(self._ctx, s0, s1)  # an edge cuts a match: the scan there may differ
        return self._times[i:j]


@functools.cache
def _time_words_longest_first() -> tuple[tuple[str, int | None], ...]:
    return tuple(sorted(_time_words().items(), key=lambda kv: -len(kv[0])))


def _year(time: str | None, published: dt.date | None) -> int | None:
    if not time:
        return None
    return _year_of(time, None if published is None else published.year)


# perf: a pure function of a short string and a year; the same periods (今年, 2023年…) recur in
# every document, and the look-up otherwise loops over every time word per figure.
@functools.lru_cache(maxsize=4096)
def _year_of(time: str, published_year: int | None) -> int | None:
    """The calendar year ``time`` names (``published_year`` anchors 今年/去年…), or None."""
    m = _YEAR_IN.search(time)
    if m:
        return int(m[1])
    if published_year is None:
        return None
    for word, off in _time_words_longest_first():
        if word in time:
            return None if off is None else published_year + off
    return None


def _focal(ctx: Context) -> str | None:
    focal = ctx.state.get("focal_place")
    if focal is None:
        return None
    if isinstance(focal, str):
        return focal
    return getattr(focal, "text", None) or getattr(focal, "name", None)


_ORG_AFTER_WORDS = ("大学", "学院", "研究院", "研究所", "医院", "银行", "公司", "集团")
_ORG_AFTER_PLACE = LazyPattern(rf"[^\s,;:、。“”()]{{0,6}}?(?:{'|'.join(_ORG_AFTER_WORDS)})")
_ORG_AFTER_REACH = 6 + max(map(len, _ORG_AFTER_WORDS))  # how far a match of _ORG_AFTER_PLACE reaches
_ORG_AFTER_ANY = LazyPattern("|".join(map(re.escape, _ORG_AFTER_WORDS)), std=True)


def _org_after(norm: str, pos: int) -> bool:
    """An institution word (大学, 公司…) closes the name that starts at ``pos`` (``_ORG_AFTER_PLACE``)."""
    if _ORG_AFTER_ANY.search(norm, pos, pos + _ORG_AFTER_REACH) is None:
        return False  # perf: no such word within reach (one C-level scan), no pattern attempt needed
    return _ORG_AFTER_PLACE.match(norm, pos) is not None


def _places(ctx: Context) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Place mentions a figure may belong to, sorted by start.

    Left out: the focal place's ancestors (``黑龙江省`` in a 穆棱市 story is context,
    the figures are 穆棱's) and places that begin an organisation name
    (``河南科技大学``).
    """
    facts = ctx.facts_of("place")
    focal_name = _focal(ctx)
    focal_path: list[str] = []
    for f in facts:
        if getattr(f, "focal", False) or (focal_name and f.text == focal_name):
            focal_path = list(getattr(f, "path", []) or [])
            break
    ancestors = set(focal_path[:-1])
    # A place inside an organisation, fund or stock name (国阳新能, 兴业趋势) is not where figures are.
    orgs = sorted((o.start, o.end) for o in ctx.facts_of("organization"))
    o_starts = [o[0] for o in orgs]
    places = []
    for f in facts:
        org_after = _org_after(ctx.norm, f.end)  # perf: once per place
        k = bisect.bisect_right(o_starts, f.start) - 1
        if k >= 0 and orgs[k][0] <= f.start and f.end <= orgs[k][1] and orgs[k][1] - orgs[k][0] > f.end - f.start \
                and not org_after and orgs[k][0] != f.start:
            continue
        path = list(getattr(f, "path", []) or [])
        if path and path[-1] in ancestors:
            continue
        if org_after:
            continue
        places.append((f.start, f.end, f.text, getattr(f, "level", "other")))
    places.sort()
    return [p[0] for p in places], places


_Places = tuple[list[int], list[tuple[int, int, str, str]]]
# 全省/我省/全区…: the figure belongs to the place of that level named before, else the focal place
# (a provincial report's 全省 is the province, not the capital named earlier).
_REFERENCE = LazyPattern(r"(?:全|该|本|我|此)(省)")  # 全市 stays with the nearest place (seeds)
_REF_LEVELS = {"省": {"province"}, "市": {"city", "county"}, "县": {"county"}, "区": {"county", "city", "province"}}
_AFTER_MAX = 20  # a place written after the figure counts only when this close


def _region(ctx: Context, places: _Places, s0: int, qs: int, qe: int, s1: int, focal: str | None) -> str | None:
    """The place a figure belongs to; ``focal`` is ``_focal(ctx)`` (perf: read once per document)."""
    starts, items = places
    # Bounded window (linear time on huge sentences): the place is written near the figure.
    s0, s1 = max(s0, qs - _WINDOW), min(s1, qe + _WINDOW)
    i = bisect.bisect_left(starts, s0)
    best: tuple[int, str] | None = None
    best_end = s0
    before: list[tuple[int, int, str, str]] = []
    while i < len(items) and items[i][0] < s1:
        p0, p1, text, _lvl = items[i]
        if p1 <= qs:
            before.append(items[i])
            if best is None or qs - p1 <= best[0]:
                best, best_end = (qs - p1, text), p1
        elif p0 >= qe and best is None and p0 - qe <= _AFTER_MAX:
            best = (p0 - qe + 1000, text)
        i += 1
    # 全省 right before the figure, after a city: the province (a capital named earlier is not it).
    refs = list(_REFERENCE.finditer(ctx.norm, max(best_end, qs - 12), qs)) if before else []
    if refs:
        want = _REF_LEVELS[refs[-1][1]]
        for _p0, _p1, text, lvl in reversed(before):
            if lvl in want:
                return text
        if before and before[-1][3] in ("other", "town"):
            return before[-1][2]  # level unknown: the written place may well be the one meant
        return focal
    if best:
        return best[1]
    return focal


_WINDOW = 200  # how far (characters) attributes are looked for around a figure
_CLAUSE_MAX = 80  # a clause longer than this is cut (no quadratic walk on unpunctuated text)


def _clause_start(norm: str, s0: int, pos: int) -> int:
    i = pos
    s0 = max(s0, pos - _CLAUSE_MAX)
    while i > s0 and norm[i - 1] not in _CLAUSE_BREAK:
        i -= 1
    return i


def _strip_left(seg: str, blockers: list[tuple[int, int]], base: int) -> str:
    """Cut the subject candidate after its last scope word, verb, place or time.

    A cut that would leave nothing is not made: in ``规上工业企业R&D投入21.9亿元``
    the verb-like 投入 ends the indicator itself.
    """
    n = len(seg)
    return _strip_left_of(seg, tuple(b1 - base for b0, b1 in blockers if base <= b0 and b1 - base <= n))


# perf: a pure function of the clause and the blockers' ends in it; clauses recur (within a
# list, across documents), and each costs an overlapped search plus a trim per cut.
@functools.lru_cache(maxsize=16384)
def _strip_left_of(seg: str, blocker_cuts: tuple[int, ...]) -> str:
    """:func:`_strip_left` with the blockers already read as cut positions in ``seg``."""
    cuts = [m.end() for m in _left_re().finditer(seg, overlapped=True)]
    cuts.extend(blocker_cuts)
    for cut in sorted(cuts, reverse=True):
        if _trim(seg[cut:]):  # 研发经费投入年均增长: a cut leaving only 年均 is not made
            return seg[cut:]
    return seg


def _left_relation(seg: str) -> str | None:
    """Relation said by a verb before the indicator (新增 → increment)."""
    words, any_re = _left_relation_words()
    if not any_re.search(seg):  # perf: one C-level scan instead of one `in` per verb
        return None
    for w, rel in words:
        if w in seg:
            return rel
    return None


@functools.cache
def _left_relation_words() -> tuple[tuple[tuple[str, str], ...], re.Pattern[str]]:
    """(verb, relation) of the left cues that carry a relation, longest first, and a pattern for any."""
    words = tuple((w, rel) for w in _cue_words("left") if (rel := _cues()[w][1]))
    return words, re.compile(alternation([w for w, _ in words]))


@functools.cache
def _right_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(_cue_words('right'))})$")  # perf: std re (cheaper calls)


@functools.cache
def _left_re() -> regex.Pattern[str]:
    return regex.compile(alternation(_cue_words("left")))


@functools.cache
def _rel_right_re() -> re.Pattern[str]:
    return re.compile(alternation([w for w in _cue_words("right") if _cues()[w][1]]))  # perf: std re


# perf: a pure function of a short string (the cue tables are fixed); called twice per figure,
# and the same clause ends and subjects (企业, 同比增长) recur.
@functools.lru_cache(maxsize=16384)
def _strip_right(seg: str) -> tuple[str, str | None]:
    """Remove the words between indicator and number (达到, 为, 占…), noting a relation."""
    relation = None
    generic = _generic_set()
    cues = _cues()
    while seg and seg not in generic:
        if seg in cues and cues[seg][0] == "right":
            return "", relation or cues[seg][1]
        m = _right_re().search(seg, max(0, len(seg) - 8))
        if not m or m.start() == 0:
            break
        if relation is None:
            relation = cues[m.group()][1]
        seg = seg[: m.start()]
    if seg in cues and cues[seg][0] == "right":
        return "", relation or cues[seg][1]
    return seg.strip("的 “"), relation


_NOUN_AFTER_DE = LazyPattern(r"[^\d\s,;:、。!?()“”\"'的和及与或中等]{2,5}(?=[\s,;:、。!?()“”和及与或中等里内]|$)")
_FOLLOW_STOP = "的,;:、。!?()“”\"'\n \t和及与或中是为在将已被把对向从由到至"
_FOLLOW_SKIP_KINDS = frozenset({"percent", "multiple", "duration"})


@functools.cache
def _change_verbs() -> tuple[str, ...]:
    return read_lines("change_verbs.txt")


@functools.cache
def _noun_cut_words() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """Cue and movement words that end a noun read after a classifier, in the order they are
    tried (one-character words never cut), and a pattern that finds any of them."""
    words = tuple(w for w in _cue_words("stop") + _cue_words("left") + _cue_words("right") + _change_verbs()
                  if len(w) >= 2)
    return words, re.compile(alternation(words))


def _following_noun(norm: str, qe: int, s1: int) -> str | None:
    """The noun right after a classifier (``32个国家和地区`` → 国家), or None."""
    j = qe
    lim = min(s1, qe + 14)
    if norm[j : j + 1] == "的":
        j += 1
    units = unit_table()
    k = j
    while k < lim:
        ch = norm[k]
        if ch in _FOLLOW_STOP or ch.isdigit():
            break
        if ch == "等" and norm[k - 1] not in _DIGIT_CN:
            break  # 等 closes a list, except in 一等奖
        # perf: the unit look-ups only for a Chinese digit (most characters are not)
        if ch in _DIGIT_CN and ch != "零" and k + 1 < lim \
                and (norm[k + 1 : k + 2] in units or norm[k + 1 : k + 3] in units):
            break  # a new quantity starts (12人一天…)
        k += 1
    if k < lim and norm[k] in "和及与":
        # 国家和地区: a short second item closing the clause belongs to the noun.
        m = _SECOND_ITEM.match(norm[k:s1])
        if m:
            k += m.end()
    word = norm[j:k]
    if norm[k : k + 1] == "的" and 1 <= len(word) <= 2:
        # 6个粗壮的顶锤, 21只分红的偏股型基金: a short modifier; the noun follows 的.
        m2 = _NOUN_AFTER_DE.match(norm, k + 1, min(s1, k + 8))
        if m2:
            return m2.group()
        if _HAN1.match(norm, k + 1):
            return None  # 粗壮的顶锤缓缓合拢: the noun's end is unknown; null rather than 粗壮
    if k < lim and norm[k] in "至到" and len(word) <= 2:
        return None  # 0.5个增至4.8个: a movement verb, not a noun
    if len(word) < 1 or not _HAN1.match(word) or (word[0] in _DIGIT_CN and k - j < 2):
        return None
    words, any_re = _noun_cut_words()
    if any_re.search(word):  # perf: one C-level scan; the ordered cut below only when a word occurs
        for w in words:
            i = word.find(w)
            if i == 0:
                return None
            if i > 0:
                word = word[:i]
    if _NOT_NOUN.match(word):
        return None
    return word or None


def _subject(
    ctx: Context, c: _Cand, s0: int, s1: int, blockers: list[tuple[int, int]], prev_subject: str | None
) -> tuple[str | None, str | None]:
    """(subject, relation) of one quantity from its sentence.

    The noun right after a classifier wins (``24项重点工作任务``); else the clause
    before the number, cut after the last verb/scope/place/time word and before
    the words that link it to the number (``全市高新技术企业达到803家`` →
    高新技术企业); a stand-in (总数) or an empty clause after a growth word takes
    the previous figure's subject.
    """
    norm = ctx.norm
    cs = _clause_start(norm, max(s0, c.start - 300), c.start)  # perf: bounded clause (O(n²) on unbroken runs)
    seg = norm[cs : c.start]
    relation = None
    # A from→to movement: the subject precedes 从/由.
    cut_at = None
    for w in _cue_words("cut"):
        k = seg.find(w)
        if k >= 0 and (cut_at is None or k < cut_at):
            cut_at = k
    if cut_at is not None:
        tail = seg[cut_at:]
        seg = seg[:cut_at]
        for m in _rel_right_re().finditer(tail):
            relation = _cues()[m.group()][1]
    if any(map(str.isdigit, seg)):  # perf: the test in C; most clauses hold no digit
        last_digit = len(seg) - 1
        while not seg[last_digit].isdigit():
            last_digit -= 1
        # 481家增加到1076家: the clause holds an earlier figure; the subject is not after it.
        rest = seg[last_digit + 1 :].lstrip("十百千万亿多余")
        u = _unit_after_re().match(rest)
        rest = rest[u.end() :] if u else rest
        if u and ("到" in rest or "至" in rest):
            seg = rest  # only across a movement (…增加到); 100亿元以上项目2个 keeps its head
    seg, rel = _strip_right(seg)
    relation = relation or rel
    if c.kind == "percent" and "占" in seg:
        seg = seg[: seg.rfind("占")]
    if c.kind not in _FOLLOW_SKIP_KINDS:
        fol = _following_noun(norm, c.end, s1)
        if fol:
            return fol, relation
    subj = _strip_left(seg, blockers, cs)
    subj, rel2 = _strip_right(subj)
    relation = relation or rel2 or _left_relation(seg)
    if subj in _cues() and _cues()[subj][0] != "generic":
        return None, relation or _cues()[subj][1]
    if subj in _cue_words("generic"):
        return prev_subject, "total"
    if not subj and relation == "growth":
        return prev_subject, relation
    return (subj or None), relation


def _respectively(ctx: Context, group: list[_Cand], s0: int) -> list[str] | None:
    """Subjects for a 分别 list: ``A、B和C分别…x、y和z`` → [A, B, C] when counts agree."""
    norm = ctx.norm
    first = group[0]
    head = norm[max(s0, first.start - _WINDOW) : first.start]
    k = head.rfind("分别")
    if k < 0:
        return None
    lead = head[:k]
    # The listed items: the clause before 分别, split on 、/和/及/与.
    cs = max(lead.rfind(ch) for ch in ",;:。") + 1
    lead = lead[cs:]
    de = lead.rfind("的")
    if de > 0:
        lead = lead[:de]
    items = [x for x in _ITEM_SPLIT.split(lead) if x]
    if len(items) != len(group):
        return None
    items[0] = _strip_left(items[0], [], 0)
    return [_strip_right(x)[0] or x for x in items]


def _in_name(names: list[tuple[int, int]], starts: list[int], c: _Cand) -> bool:
    i = bisect.bisect_right(starts, c.start) - 1
    return i >= 0 and names[i][0] <= c.start and c.end <= names[i][1]


def _merge_ranges(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """海拔1500米到3800米, 提成5毛到1块钱: after a range head (data: role ``range``) A到B is one range.

    Without such a head A到B stays two figures, which the change extractor may read as a
    movement (年产能30万吨到120万吨).
    """
    heads = _clean_words()["range"]
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.unit == c.unit and prev.value_max is None and c.value_max is None
                and norm[prev.end : c.start] in ("到", "至") and prev.value < c.value
                and not prev.approx and norm[max(0, prev.start - 6) : prev.start].endswith(heads)):
            out[-1] = _Cand(prev.start, c.end, prev.value, c.value, c.unit, c.kind, c.approx,
                            prev.num_start, "range")
            continue
        out.append(c)
    return out


def _in_title(norm: str, c: _Cand) -> bool:
    """A figure inside a 《》 title (《国十一条》) is part of the name."""
    opened = norm.rfind("《", max(0, c.start - 30), c.start)
    if opened < 0 or "》" in norm[opened : c.start]:
        return False
    return "》" in norm[c.end : c.end + 30]


def _in_slogan(norm: str, c: _Cand) -> bool:
    """A figure opening a short quoted slogan (“两个确立”, “五个认同”) names it, not a count."""
    if c.start == 0 or norm[c.start - 1] not in "“\"'‘" or c.kind not in ("count", "duration"):
        return False
    close = norm.find("”" if norm[c.start - 1] == "“" else norm[c.start - 1], c.end, c.end + 8)
    return close >= 0 and not any(ch in ",;:。、!?" for ch in norm[c.end : close])


def _share_list_unit(group: list[_Cand]) -> None:
    """快于全国3.4个、1个百分点: an item cut short to 个 takes the list's 个百分点."""
    for a, b in itertools.pairwise(group):
        if a.unit == "个" and b.unit == "个百分点":
            a.unit, a.kind = "个百分点", "percent"


def _groups(norm: str, cands: list[_Cand]) -> list[list[_Cand]]:
    """Runs of quantities joined only by 、/和/及/与 (a list sharing a verb)."""
    groups: list[list[_Cand]] = []
    for c in cands:
        if groups and _LIST_JOIN.fullmatch(norm, groups[-1][-1].end, c.start):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def extract(ctx: Context) -> Iterable[Quantity]:
    """Quantity facts of the document body, with subject, region, time and relation."""
    norm = ctx.norm
    qnorm = protect_commas(ctx.text, norm)
    # perf: the places, the focal place and the names are read on the first candidate only (a
    # quarter of documents have none); they depend on the earlier facts alone, not on the range.
    places: _Places | None = None
    focal: str | None = None
    names: list[tuple[int, int]] | None = None
    n_starts: list[int] = []
    out: list[Quantity] = []
    last_sent: tuple[int, int] | None = None
    times: list[tuple[int, int, str]] = []  # perf: kept while the sentence is the same
    ptimes = times
    prev_subject: str | None = None
    blockers: list[tuple[int, int]] = []
    b_starts: list[int] = []
    t_ends: list[int] = []
    atimes: list[tuple[int, int, str]] | None = None
    a_starts: list[int] = []
    prev_c: _Cand | None = None
    from_time = -1  # start of a from-year (从2012年的…) that dates only its own figure
    tindex: _TimeIndex | None = None  # perf: one time scan per paragraph, not three per sentence
    for b0, b1 in ctx.body:
        cands = list(_candidates(qnorm, b0, b1))
        if not cands:
            continue  # perf: resolving, filtering and merging nothing gives nothing
        if names is None:
            # Figures inside a policy title or programme name (…三年行动计划, “人才新政20条”) name it.
            names = sorted((f.start, f.end) for t in ("policy", "programme") for f in ctx.facts_of(t))
            n_starts = [n[0] for n in names]
        cands = _resolve(cands)
        if names:
            cands = [c for c in cands if not _in_slogan(norm, c) and not _in_title(norm, c)
                     and not _in_name(names, n_starts, c)]
        else:  # perf: no name to be inside of
            cands = [c for c in cands if not _in_slogan(norm, c) and not _in_title(norm, c)]
        cands = _merge_ranges(norm, cands)
        if not cands:
            continue
        if places is None:
            places = _places(ctx)
            focal = _focal(ctx)
        for group in _groups(norm, cands):
            _share_list_unit(group)
            sent = ctx.sentence_at(group[0].start) or (b0, b1)
            s0, s1 = sent
            resp = _respectively(ctx, group, s0) if len(group) > 1 else None
            if sent != last_sent:
                prev_c = None
                from_time = -1
                if tindex is None or not tindex.holds(s0):
                    tindex = _TimeIndex.paragraph(ctx, b0, b1, s0)
                times = tindex.get(s0, s1)  # perf: once per sentence
                # A period set at the head of a paragraph dates the figures after it.
                para = tindex.para_start(b0, s0, 3000)  # perf: bounded look-back
                ptimes = tindex.get(para, s1) if para < s0 else times
                # Once per sentence (linear time on huge sentences): times and places that end a subject.
                blockers = [(t0, t1) for t0, t1, _ in times]
                _starts, items = places
                lo_i, hi_i = bisect.bisect_left(_starts, s0), bisect.bisect_left(_starts, s1)
                blockers += [(p0, p1) for p0, p1, _, _l in items[lo_i:hi_i]]
                blockers.sort()
                b_starts = [b[0] for b in blockers]
                t_ends = [t[1] for t in ptimes]
                prev_subject = None
                last_sent = sent
                atimes = None
            for idx, c in enumerate(group):
                lo_b = bisect.bisect_left(b_starts, c.start - _CLAUSE_MAX)
                near = blockers[lo_b : bisect.bisect_left(b_starts, c.start)]
                subject, relation = _subject(ctx, c, s0, s1, near, prev_subject)
                if resp:
                    subject = resp[idx]
                elif idx > 0:
                    # A list shares its subject unless an item names its own (2个一等奖、5个二等奖).
                    subject = _following_noun(norm, c.end, s1) if c.kind not in _FOLLOW_SKIP_KINDS else None
                    subject = subject or prev_subject
                subject = _clean_subject(subject)
                if subject is None and relation == "growth" and idx == 0:
                    subject = prev_subject  # …增加到第三次的10.2亿元: the movement's own indicator
                time = None
                hi_t = bisect.bisect_right(t_ends, c.start)
                window = ptimes[max(0, hi_t - 8) : hi_t]  # the nearest ones suffice
                before = [t for t in window if t[1] <= c.start and not (t[0] >= c.start - 1 and c.kind == "duration")]
                before = [t for t in before if not (t[0] <= c.start and c.end <= t[1])]
                if before:
                    time = before[-1][2]
                    if before[-1][0] == from_time:
                        time = None  # …增长到逾260万辆,产业规模超3000亿元: still not the from-year
                    elif prev_c is not None and before[-1][1] <= prev_c.start and prev_c.end <= c.start \
                            and norm[before[-1][0] - 1 : before[-1][0]] in ("从", "由") \
                            and _MOVE_TO.search(norm, prev_c.end, min(c.start, prev_c.end + 12)):
                        time = None  # 从2012年的70万辆增长到逾260万辆: the from-year does not date the to-figure
                        from_time = before[-1][0]
                else:
                    # A lead that states the period after its figures (…39家、20家……今年以来,).
                    if atimes is None:  # once per sentence: the periods up to 200 after it
                        a_lim = min(b1, s1 + 200)
                        a_end = norm.find("\n", s0, a_lim)
                        tindex = tindex or _TimeIndex.paragraph(ctx, b0, b1, s0)
                        atimes = tindex.get(s0, a_lim if a_end < 0 else a_end)
                        a_starts = [t[0] for t in atimes]
                    k = bisect.bisect_left(a_starts, c.end)
                    if k < len(atimes) and atimes[k][0] < c.end + 200 \
                            and not _FULL_STOP.search(norm, c.end, atimes[k][0]):
                        time = atimes[k][2]  # never across a full stop (…4000万千瓦。今年一季度,…)
                region = _region(ctx, places, s0, c.start, c.end, s1, focal)
                prev_subject = subject or prev_subject
                prev_c = c
                out.append(
                    Quantity(
                        start=c.start,
                        end=c.end,
                        text=ctx.text[c.start : c.end],
                        value=c.value,
                        value_max=c.value_max,
                        unit=c.unit,
                        kind=c.kind,  # type: ignore[arg-type]
                        approx=c.approx,  # type: ignore[arg-type]
                        subject=subject,
                        region=region,
                        time=time,
                        year=_year(time, ctx.published),
                        relation=relation,  # type: ignore[arg-type]
                        rule=c.rule,
                    )
                )
    return out
