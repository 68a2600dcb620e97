"""Numerals: find every number in a (normalised) text and read its exact value.

This is the layer quantities stand on. Two entry points:

* :func:`parse_numeral` turns one numeral string into a :class:`~decimal.Decimal`
  (Arabic with decimals and thousands separators, Chinese numerals with 两/〇/零/廿
  and traditional 萬/億/兩, financial capitals 壹贰叁…, mixed ``1.8万``/``3千万``,
  percent forms ``42%``/``百分之四十``/``三成``, fractions ``三分之一``, multiples ``两倍``).
* :func:`find_numerals` finds numerals with their spans in ``norm``.

Why our own parser rather than cn2an: cn2an goes through float (``16.4亿`` comes
back as 1639999999) and rewrites whatever looks like a digit (``唯一一家`` →
``唯11家``). Everything here is Decimal arithmetic on the matched substring only.

Why Chinese numerals need a unit: a lone 一/十/万 is far more often part of a word
(``唯一``, ``十分``, ``万分``, ``一体``, ``进一步``) than a number, so a Chinese numeral
counts only when a unit, classifier or percent form follows it, or when it is a
long, well-formed numeral (``两千三百万``). Words listed in
``data/numeral_negatives.txt`` veto a match they overlap and reach outside of.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from .resources import read_lines, read_tsv
from .text import normalize

__all__ = [
    "CN_CHARS",
    "LazyPattern",
    "Numeral",
    "cn_range",
    "find_numerals",
    "parse_chinese",
    "parse_numeral",
    "protect_commas",
    "unit_table",
]

# Chinese digit values (simplified, traditional, financial capitals, 两/兩).
_DIGITS: dict[str, int] = {}
for _chars, _v in (
    ("零〇几幾", 0), ("一壹弌", 1), ("二贰貳两兩倆俩", 2), ("三叁參弎", 3), ("四肆", 4),
    ("五伍", 5), ("六陆陸", 6), ("七柒", 7), ("八捌", 8), ("九玖", 9),
):
    for _c in _chars:
        _DIGITS[_c] = _v
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_TENS = {"廿": 20, "卅": 30, "卌": 40}
#: Every character a Chinese numeral may be made of (点 handled separately).
CN_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG) + "".join(_TENS)
_MULT_CHARS = "十百千万亿萬億拾佰仟"
_BARE_MULT = frozenset("百千万亿萬億佰仟")
_FINANCIAL = frozenset("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
# Contexts in which a single Chinese digit between Han characters is a number (答案是四不是五).
_DIGIT_LEFT = frozenset("是前")
_DIGIT_RIGHT = frozenset("这那不而却的")
# Digits that may be read one by one (二〇二三, 一一); 两 never is.
_SEQ_DIGITS = frozenset("零〇一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖")

ARABIC = r"(?:\d{1,3}(?:,\d{3}){1,8}(?:\.\d{1,12})?|\d{1,24}(?:\.\d{1,12})?)"  # perf: bounded (no O(n²) on digit runs)
# Standalone numerals may also be written .5 or 2e5.
ARABIC_X = r"(?:(?:\d{1,3}(?:,\d{3}){1,8}(?:\.\d{1,12})?|\d{1,24}(?:\.\d{1,12})?|(?<!\.)\.\d{1,12})(?:[eE][+-]?\d{1,3}(?![A-Za-z]))?)"  # noqa: E501 - perf: bounded
# Chinese numerals; single spaces between characters are tolerated (一百 五 十 二).
CN = (
    rf"(?:[{CN_CHARS}](?:\x20?[{CN_CHARS}]){{0,23}}"
    rf"(?:\x20?[点點]\x20?[{''.join(_DIGITS)}](?:\x20?[{''.join(_DIGITS)}]){{0,11}}[万亿萬億]?)?)"
)


_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn")


class LazyPattern:
    """A regex compiled on first use, not at import time (import stays cheap; see STYLE)."""

    # perf: on first use the pattern's methods are bound into these slots, so a later
    # ``P.search(...)`` is a plain attribute look-up, not a ``__getattr__`` call each time.
    __slots__ = ("_args", "_pattern", "_std", *_PATTERN_METHODS)

    def __init__(self, *args: object, std: bool = False) -> None:
        self._args = args
        # perf: ``std=True`` compiles with the standard ``re``, whose calls cost about half
        # of ``regex``'s on short strings; only for patterns without ``regex``-only syntax.
        self._std = std
        self._pattern: regex.Pattern[str] | re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._pattern is None:
            self._pattern = (re.compile if self._std else regex.compile)(*self._args)  # type: ignore[operator]
            for method in _PATTERN_METHODS:
                setattr(self, method, getattr(self._pattern, method))
        return getattr(self._pattern, name)


@dataclass(slots=True)
class Numeral:
    """A numeral found in a text: span, exact value and what kind of number it is."""

    start: int
    end: int
    text: str
    value: Decimal
    value_max: Decimal | None = None
    percent: bool = False
    fraction: bool = False
    multiple: bool = False
    chinese: bool = False
    approx: str | None = None  # "over" for an inner 多/余 (3万多, 700多万)


class NotANumeral(ValueError):
    """The string is not a well-formed numeral."""


def _dec(s: str) -> Decimal:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regexes
        raise NotANumeral(s) from exc


_Token = tuple[str, Decimal]
_TOKEN_RE = LazyPattern(r"\d+(?:\.\d+)?|\S")


def _tokens(s: str) -> list[_Token]:
    """Split a numeral into digit (``d``, Arabic or Chinese), zero (``z``), small-unit
    (``s``), big-unit (``b``) and tens-character (``t``) tokens; spaces are ignored."""
    out: list[_Token] = []
    for m in _TOKEN_RE.finditer(s):
        t = m.group()
        if t[0].isdigit():
            if out and out[-1][0] in ("d", "D"):
                raise NotANumeral(s)
            # "D": an Arabic number of several digits (230, 01), never an abbreviated tail.
            out.append(("d" if len(t) == 1 else "D", Decimal(t)))
        elif t in _DIGITS:
            out.append(("z", Decimal(0)) if _DIGITS[t] == 0 and t not in "几幾" else ("d", Decimal(_DIGITS[t])))
        elif t in _SMALL:
            out.append(("s", Decimal(_SMALL[t])))
        elif t in _BIG:
            out.append(("b", Decimal(_BIG[t])))
        elif t in _TENS:
            out.append(("t", Decimal(_TENS[t])))
        else:
            raise NotANumeral(s)
    if not out:
        raise NotANumeral(s)
    return out


def _small(tokens: list[_Token], whole: str) -> Decimal:
    """Value of a numeral below 万 (十百千, digits, 零, 廿), with the abbreviated tail (两千三)."""
    while tokens and tokens[0][0] == "z":
        tokens = tokens[1:]
    section = Decimal(0)
    number: Decimal | None = None
    last_unit = Decimal(1)
    after_zero = False
    prev = ""
    for kind, v in tokens:
        if kind in ("d", "D"):
            if prev in ("d", "D"):
                raise NotANumeral(whole)  # 十四五: two digits in a row
            number = v
        elif kind == "z":
            after_zero = True
            number = None
        elif kind == "t":
            if number is not None:
                raise NotANumeral(whole)
            section += v
            last_unit = Decimal(10)
        else:  # small unit
            if prev in ("s", "t") and (last_unit <= v or tokens[0][0] == "s"):
                raise NotANumeral(whole)  # 十百, 百百; 百十一 (一百十一 is fine)
            if section and v >= last_unit:
                raise NotANumeral(whole)
            section += (Decimal(1) if number is None else number) * v
            number = None
            last_unit = v
            after_zero = False
        prev = kind
    if number is not None:
        if prev == "d" and not after_zero and last_unit >= 10 and len(tokens) >= 2 and tokens[-2][0] == "s":
            section += number * (last_unit / 10)  # abbreviated tail: 两千三 = 2300
        else:
            section += number
    return section


def _value_of(tokens: list[_Token], whole: str) -> Decimal:
    """Split at the largest big unit (its last occurrence) and recurse: 四万万, 三万亿, 五兆六十二亿."""
    bigs = [(v, i) for i, (k, v) in enumerate(tokens) if k == "b"]
    if not bigs:
        return _small(tokens, whole)
    top = max(v for v, _ in bigs)
    i = max(i for v, i in bigs if v == top)
    left, right = tokens[:i], tokens[i + 1 :]
    if right and any(k == "D" and v != v.to_integral_value() for k, v in left):
        raise NotANumeral(whole)  # 10.1万零100: a decimal multiple takes no tail
    head = _value_of(left, whole) if left else Decimal(1)
    if right and len(right) == 1 and right[0][0] == "d":
        return head * top + right[0][1] * top / 10  # 一万五 = 15000
    tail = _value_of(right, whole) if right else Decimal(0)
    if tail >= top:
        raise NotANumeral(whole)
    return head * top + tail


def parse_chinese(s: str) -> Decimal:
    """Value of a Chinese (or mixed Arabic–Chinese) numeral, exact.

    >>> parse_chinese("一亿五千万零六千三百五十五")
    Decimal('150006355')
    >>> parse_chinese("两千三"), parse_chinese("二〇二三"), parse_chinese("廿三"), parse_chinese("5万4千6百")
    (Decimal('2300'), Decimal('2023'), Decimal('23'), Decimal('54600'))
    """
    s = s.replace(" ", "").replace("點", "点")
    if not s:
        raise NotANumeral(s)
    if "点" in s:
        whole, _, frac = s.partition("点")
        scale = Decimal(1)
        while frac and frac[-1] in _BIG:
            scale *= _BIG[frac[-1]]  # 十六点四亿
            frac = frac[:-1]
        if not frac or any(c not in _DIGITS and not c.isdigit() for c in frac):
            raise NotANumeral(s)
        head = parse_chinese(whole) if whole else Decimal(0)
        digits = "".join(c if c.isdigit() else str(_DIGITS[c]) for c in frac)
        return (head + Decimal("0." + digits)) * scale
    if len(s) > 1 and all(c in _DIGITS for c in s):
        # A digit sequence (二〇二三, 一九九八) reads digit by digit.
        return Decimal("".join(str(_DIGITS[c]) for c in s))
    return _value_of(_tokens(s), s)


def cn_range(s: str) -> tuple[Decimal, Decimal] | None:
    """Read an adjacent-digit range, else None.

    Two neighbouring digits that follow each other (or 三五) give the two ends:
    ``五六百`` → (500, 600), ``七八`` → (7, 8), ``十五六`` → (15, 16),
    ``七百三四十`` → (730, 740), ``一万六七`` → (16000, 17000), ``三五千`` → (3000, 5000).
    Digit sequences without place values (``二〇二三``) are not ranges.
    """
    decimal = "点" in s or "點" in s
    s = s.replace(" ", "").replace("點", "点").partition("点")[0]  # decimals are never ranges
    has_place = any(c in _SMALL or c in _BIG or c in _TENS for c in s)
    if not s or not (has_place or (len(s) == 2 and not decimal)):
        return None
    for i in range(len(s) - 1):
        x, y = s[i], s[i + 1]
        if x not in _DIGITS or y not in _DIGITS or x in "几幾" or y in "几幾":
            continue
        a, b = _DIGITS[x], _DIGITS[y]
        if a >= 1 and (b == a + 1 or (a, b) == (3, 5)):
            low, high = s[: i + 1] + s[i + 2 :], s[:i] + s[i + 1 :]
            try:
                return parse_chinese(low), parse_chinese(high)
            except NotANumeral:
                return None
        return None
    return None


def _mult_value(chars: str) -> int:
    out = 1
    for c in chars:
        out *= _SMALL.get(c) or _BIG[c]
    return out


_MIXED_RE = LazyPattern(rf"({ARABIC})([{_MULT_CHARS}]{{0,3}})")
_SLASH_RE = LazyPattern(r"-?(?:\d+ )?\d+/\d+")
_DOT_RE = LazyPattern(r"\.\d+")
_EXP_RE = LazyPattern(r"(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d{1,3}")


def parse_numeral(s: str) -> Decimal:
    """Exact value of one numeral string.

    >>> parse_numeral("1,581"), parse_numeral("891.75万"), parse_numeral("两千三百万")
    (Decimal('1581'), Decimal('8917500.00'), Decimal('23000000'))
    >>> parse_numeral("百分之四十"), parse_numeral("三成"), parse_numeral("两倍"), parse_numeral("42%")
    (Decimal('40'), Decimal('30'), Decimal('2'), Decimal('42'))

    Percent forms give the number of percent; fractions (``三分之一``) give the
    plain ratio (Decimal, 28 significant digits); 多/余 inside (``3万多``) is ignored
    for the value.

    Raises:
        ValueError: ``s`` is not a numeral.
    """
    s = normalize(s).strip().replace("點", "点")
    if not s:
        raise NotANumeral(s)
    if "又" in s and "分之" in s:
        whole, _, frac = s.partition("又")
        w = parse_numeral(whole)
        f = parse_numeral(frac)
        return w - f if w < 0 else w + f
    if s.startswith("百分之"):
        return parse_numeral(s[3:])
    if s.startswith("千分之"):
        return parse_numeral(s[3:]) / 10
    if "分之" in s:
        den, _, num = s.replace(" ", "").partition("分之")
        d = parse_numeral(den)
        if d == 0:
            raise NotANumeral(s)
        return parse_numeral(num) / d
    if "/" in s and _SLASH_RE.fullmatch(s):
        sign = -1 if s.startswith("-") else 1
        head, _, frac = s.lstrip("-").rpartition(" ")
        n, _, d = frac.partition("/")
        if int(d) == 0:
            raise NotANumeral(s)
        return sign * ((Decimal(head) if head else Decimal(0)) + Decimal(n) / Decimal(d))
    for suffix, factor in (("个百分点", 1), ("百分点", 1), ("%", 1), ("成", 10), ("倍", 1)):
        if s.endswith(suffix) and len(s) > len(suffix):
            return parse_numeral(s[: -len(suffix)]) * factor
    s = s.replace("多", "").replace("余", "")
    if s[:1] in "负負-" and len(s) > 1:
        return -parse_numeral(s[1:])
    if s[-1:] in ("k", "K", "w") and len(s) > 1 and s[-2].isdigit():
        return parse_numeral(s[:-1]) * (10000 if s[-1] == "w" else 1000)  # 15k, 30w (万)
    m = _EXP_RE.fullmatch(s) or _DOT_RE.fullmatch(s)
    if m:
        return _dec(s)
    m = _MIXED_RE.fullmatch(s)
    if m:
        return _dec(m[1]) * _mult_value(m[2])
    return parse_chinese(s)


# --------------------------------------------------------------------------- finding


@functools.cache
def unit_table() -> dict[str, dict[str, str]]:
    """``data/units.tsv`` keyed by surface."""
    return {row["surface"]: row for row in read_tsv("units.tsv")}


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first (so 个百分点 beats 个)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def negatives_re() -> regex.Pattern[str]:
    """Words that veto a numeral they overlap (``data/numeral_negatives.txt``)."""
    return regex.compile(alternation(read_lines("numeral_negatives.txt")))


@functools.cache
def _negative_edges() -> frozenset[str]:
    """Every two neighbouring characters of a negative word."""
    return frozenset(w[i : i + 2] for w in read_lines("numeral_negatives.txt") for i in range(len(w) - 1))


def vetoed(norm: str, start: int, end: int) -> bool:
    """True when a negative word overlaps ``[start, end)`` and reaches outside it."""
    # perf: such a word covers the two characters across the start or across the end of the
    # span; when neither pair occurs in any negative word, no search is needed.
    edges = _negative_edges()
    if norm[max(0, start - 1) : start + 1] not in edges and (end < 1 or norm[end - 1 : end + 1] not in edges):
        return False
    lo = max(0, start - 8)
    for m in negatives_re().finditer(norm, lo, min(len(norm), end + 8), overlapped=True):
        if m.start() < end and start < m.end() and (m.start() < start or m.end() > end):
            return True
    return False


_CN_NUM_CHARS = CN_CHARS.replace("几", "").replace("幾", "")
_RUN = rf"""(?:{ARABIC_X}|[{CN_CHARS}]|[点點](?=\x20?[\d{_CN_NUM_CHARS}]))"""


@functools.cache
def _finder() -> regex.Pattern[str]:
    units = alternation(list(unit_table()))
    # A run never starts with 点 (重点) or 几 (几个), nor inside a digit run.
    first = rf"(?:(?<!\d){ARABIC_X}|[{_CN_NUM_CHARS}])"
    # Atomic: a run is taken whole, never re-split (no exponential backtracking on long digit runs).
    run = rf"(?>{first}(?:\x20{{0,2}}(?:{_RUN})){{0,40}})"
    return regex.compile(
        rf"""
        (?:(?P<sign>[负負]|零下|(?<![0-9A-Za-z\-])-(?=\x20{{0,2}}[\d.]))\x20{{0,2}})?
        (?:
          (?P<half>(?<![上下前后一多大过减折对两\d])半)(?=(?:{units}))
        |
          (?P<frac>(?:(?P<whole>{run})\x20{{0,2}}又\x20{{0,2}})?(?P<den>{run})\x20{{0,2}}分\x20{{0,2}}之\x20{{0,2}}(?P<fsign>[负負])?(?P<numer>{run}))
        | (?P<slash>(?<![\d/])(?:\d+\x20)?\d+/\d+(?![\d/]))
        | (?P<run>{run})(?:\x20{{0,2}}(?P<in>[多余]))?(?P<inmult>(?<=[多余])\x20{{0,2}}[万亿萬億])?(?P<pct>%|‰)?
          (?P<dozen>打(?!\p{{Han}}))?(?P<kilo>(?<=\d)\x20?[kKw](?![A-Za-z]))?
          (?=(?P<unit>{units})|)
        )
        """,
        regex.VERBOSE,
    )


_DATE_AROUND = LazyPattern(
    r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{2,4}年\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}月\d{1,2}[日号]"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
)
_HAN = LazyPattern(r"\p{Han}")


def _is_date_or_time(norm: str, start: int, end: int) -> bool:
    lo = max(0, start - 10)
    for m in _DATE_AROUND.finditer(norm, lo, min(len(norm), end + 10)):
        if m.start() <= start and end <= m.end():
            return True
    after = norm[end : end + 1]
    if after in ("月", "日", "号") and norm[start:end].isdigit() and int(norm[start:end]) <= 31:
        return True  # 3月, 15日
    return after == "年" and end - start == 4 and norm[start:end].isdigit()


_CLAUSE_COMMA = LazyPattern(r"(?<=[0-9])，(?!\d{3}[.,，]\d)")


def protect_commas(original: str, norm: str) -> str:
    """``norm`` with the full-width commas that follow a half-width digit kept as ``，``.

    Normalisation maps ``，`` to ``,``, which would read ``$20，300美圆`` as 20,300.
    A full-width comma after an ASCII digit separates clauses or list items; a
    thousands separator is written ``,`` (or ``，`` between full-width digits).
    Same length, so offsets are unchanged.
    """
    if "，" not in original:
        return norm
    hits = [m.start() for m in _CLAUSE_COMMA.finditer(original)]
    if not hits:
        return norm
    chars = list(norm)
    for i in hits:
        chars[i] = "，"
    return "".join(chars)


_NON_SPACE = LazyPattern(r"\S+")  # perf: compiled once; ``regex``'s \S, as before


def _split_run(run: str) -> list[tuple[int, int]]:
    """Offsets of the space-separated pieces of a run that does not parse whole."""
    return [(m.start(), m.end()) for m in _NON_SPACE.finditer(run)]


@functools.cache
def _names() -> frozenset[str]:
    return frozenset(read_lines("numeral_names.txt"))


def _cn_acceptable(norm: str, s: int, e: int, cn: str, has_unit: bool, inner: bool) -> bool:
    """Is a Chinese numeral a number here (not part of a word like 唯一, 十分, 万一)?"""
    bare = cn.replace(" ", "")
    if bare in _names() and not has_unit:
        return False  # 十四五 (the plan), not 14–15
    before = norm[s - 1] if s > 0 else ""
    after = norm[e] if e < len(norm) else ""
    isolated = not (before and _HAN.match(before)) and not (after and _HAN.match(after))
    # A lone digit after a copula or 前 (or opening the text) and before a clause boundary:
    # 答案是四不是五, 排名前三的, 写法是叁.
    copula = len(bare) == 1 and (not before or before in _DIGIT_LEFT) and (
        not after or not _HAN.match(after) or after in _DIGIT_RIGHT
    )
    if len(bare) == 1 and bare in _FINANCIAL and not (isolated or copula) and not (has_unit and after in "元圆角"):
        return False  # 陆 in 登陆/陆续, 伍 and 柒 in names: a lone financial capital is a word
    if has_unit or "点" in bare or "點" in bare or inner:
        return True
    if bare in ("两", "兩") and after == "半" and norm[e + 1 : e + 2] in ("", "。", ",", "!", "?", ";", "儿", "的"):
        return True  # 切两半, 分成两半: two halves (两半导体 stays a word)
    if bare in _BARE_MULT:
        return False
    if len(bare) == 2 and bare[0] == bare[1] and bare[0] not in _SEQ_DIGITS:
        return False  # 万万, 两两 (but 一一 reads 11, digit by digit)
    if any(c in _MULT_CHARS or c in _BIG for c in bare):
        if len(bare) >= 3:
            return True
        if len(bare) == 2 and (bare[0] in _DIGITS or bare[0] in "十拾"):
            return True
    if isolated:
        return True  # a lone numeral that is not glued to other characters: 二, 十, 三五
    return copula


def _num(norm: str, s: int, e: int, text: str, value: Decimal, **kw: object) -> Numeral:
    return Numeral(s, e, text, value, **kw)  # type: ignore[arg-type]


def find_numerals(norm: str, start: int = 0, end: int | None = None) -> list[Numeral]:
    """Every numeral in ``norm[start:end]`` with its span and exact value.

    ``norm`` should be the normalised text (it is normalised again here, same
    length, so raw text works too). Arabic numerals count unless they are part of
    a date, a clock time or a code (``5G``, ``1+N+17``); Chinese numerals count
    when a unit or classifier follows, in percent/fraction forms, when they are
    well-formed numerals of two characters or more (``十五``, ``两千三百万``), or
    when they stand alone (``二``) — never inside words (``唯一``, ``十分``).

    >>> [(n.text, n.value) for n in find_numerals("唯一一家企业产值1.8万元，占三分之一")]
    [('1.8万', Decimal('18000.0')), ('三分之一', Decimal('0.3333333333333333333333333333'))]
    """
    src = norm  # spans are reported as written in the caller's string
    norm = protect_commas(norm, normalize(norm))
    if end is None:
        end = len(norm)
    out: list[Numeral] = []
    for m in _finder().finditer(norm, start, end):
        s, e = m.span()
        sign = -1 if m["sign"] else 1
        if m["half"]:
            out.append(_num(norm, s, e, src[s:e], Decimal("0.5") * sign, fraction=True))
            continue
        if m["frac"] or m["slash"]:
            body = (m["frac"] or m["slash"])
            try:
                value = parse_numeral(body.replace(" ", "") if m["frac"] else body)
            except (NotANumeral, ArithmeticError):
                continue
            out.append(_num(norm, s, e, src[s:e], sign * value, fraction=True, percent=body.startswith("百分之")))
            continue
        run = m["run"]
        rs, re_ = m.start("run"), m.end("run")
        if vetoed(norm, rs, re_ + (len(m["unit"]) if m["unit"] else 0)):
            continue
        if norm[max(0, rs - 2) : rs].rstrip().endswith("第"):
            continue  # ordinal
        pieces = [(rs, re_)]
        try:
            parse_chinese(run) if not run[0].isdigit() or " " in run or any(c in CN_CHARS for c in run) \
                else parse_numeral(run)
        except (NotANumeral, ArithmeticError):
            pieces = [(rs + a, rs + b) for a, b in _split_run(run)]
        for k, (ps, pe) in enumerate(pieces):
            last = k == len(pieces) - 1
            piece = norm[ps:pe]
            pe_full = e if last else pe
            ps_full = s if k == 0 else ps
            is_ar = piece[0].isdigit() or piece[0] == "."
            if is_ar and not any(c in CN_CHARS for c in piece):
                nxt = norm[pe : pe + 1]
                prv = norm[ps - 1 : ps] if ps > 0 else ""
                dashes = prv == "-" and norm[ps - 2 : ps - 1] == "-"  # －－9: a dash rule, not a sign or code
                if ps == rs and m["sign"] is None and prv and prv.isascii() and not dashes \
                        and (prv.isalnum() or prv in "+-/#._:"):
                    continue
                if last and nxt.isascii() and nxt.isalpha() and not _EXP_RE.match(norm, ps) and not m["kilo"]:
                    continue  # 5G, 3D, 4K
                if nxt == "+" or _is_date_or_time(norm, ps, pe):
                    continue
            else:
                if len(piece) >= 2 and all(c in _DIGITS for c in piece) and norm[pe : pe + 1] in ("年", "月", "号"):
                    continue  # 二〇二三年: a date read digit by digit
                signed = k == 0 and m["sign"] is not None
                dozen = last and m["dozen"] is not None
                # 一折 is a discount word (苹果折扣一折), not the numeral 一 before a unit.
                unit_ok = bool(m["unit"]) and last and not (piece == "一" and m["unit"] == "折")
                if not signed and not dozen and not _cn_acceptable(
                    norm, ps, pe, piece, unit_ok, bool(m["in"]) and last
                ):
                    continue
            rng = cn_range(piece) if not is_ar else None
            try:
                value = rng[0] if rng else parse_numeral(piece)
            except (NotANumeral, ArithmeticError):
                continue
            mult = Decimal(1)
            if last and m["inmult"]:
                mult = Decimal(_mult_value(m["inmult"].strip()))
            if last and m["pct"] == "‰":
                mult = mult / 10
            if last and m["kilo"]:
                # 40k = 40 000; lowercase w = 万 in informal writing (30w); uppercase W stays watts.
                mult = mult * (10000 if m["kilo"].strip() == "w" else 1000)
                pe_full = e
            if last and m["dozen"]:
                mult = mult * 12  # 一打 = a dozen
                pe_full = e
            value = sign * value * mult if k == 0 else value * mult
            vmax = rng[1] * mult if rng else None
            out.append(
                _num(
                    norm, ps_full, pe_full, src[ps_full:pe_full], value,
                    value_max=vmax, chinese=not is_ar, percent=bool(m["pct"]) and last,
                    approx="over" if (m["in"] and last) else None,
                )
            )
    return out
