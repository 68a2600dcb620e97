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
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from .resources import read_lines, read_tsv

__all__ = [
    "CN_CHARS",
    "Numeral",
    "cn_range",
    "find_numerals",
    "parse_chinese",
    "parse_numeral",
    "unit_table",
]

# Chinese digit values (simplified, traditional, financial capitals, 两/兩).
_DIGITS: dict[str, int] = {}
for _chars, _v in (
    ("零〇", 0), ("一壹弌", 1), ("二贰貳两兩", 2), ("三叁參弎", 3), ("四肆", 4),
    ("五伍", 5), ("六陆陸", 6), ("七柒", 7), ("八捌", 8), ("九玖", 9),
):
    for _c in _chars:
        _DIGITS[_c] = _v
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_TENS = {"廿": 20, "卅": 30, "卌": 40}
#: Every character a Chinese numeral may be made of (点 handled separately).
CN_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_BIG) + "".join(_TENS)
_MULT_CHARS = "十百千万亿萬億拾佰仟"
_BARE_MULT = frozenset("百千万亿萬億佰仟")

ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
CN = rf"(?:[{CN_CHARS}]{{1,24}}(?:点[{''.join(_DIGITS)}]{{1,12}}[万亿萬億]?)?)"


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


def parse_chinese(s: str) -> Decimal:
    """Value of a Chinese numeral, exact.

    >>> parse_chinese("一亿五千万零六千三百五十五")
    Decimal('150006355')
    >>> parse_chinese("两千三"), parse_chinese("二〇二三"), parse_chinese("廿三")
    (Decimal('2300'), Decimal('2023'), Decimal('23'))
    """
    if not s:
        raise NotANumeral(s)
    if "点" in s:
        whole, _, frac = s.partition("点")
        scale = 1
        while frac and frac[-1] in _BIG:
            scale *= _BIG[frac[-1]]  # 十六点四亿
            frac = frac[:-1]
        if scale > 1:
            return parse_chinese(whole + "点" + frac) * scale
        if not frac or any(c not in _DIGITS for c in frac):
            raise NotANumeral(s)
        head = parse_chinese(whole) if whole else Decimal(0)
        return head + Decimal("0." + "".join(str(_DIGITS[c]) for c in frac))
    if all(c in _DIGITS for c in s):
        if len(s) == 1:
            return Decimal(_DIGITS[s])
        # A digit sequence (二〇二三, 一九九八) reads digit by digit.
        return Decimal("".join(str(_DIGITS[c]) for c in s))
    total = 0
    section = 0
    number: int | None = None
    last_unit = 1
    after_zero = False
    prev_kind = ""
    for c in s:
        if c in _DIGITS:
            if prev_kind == "digit" and _DIGITS[c] != 0 and not after_zero:
                raise NotANumeral(s)  # 十四五: two digits in a row
            if _DIGITS[c] == 0:
                after_zero = True
                number = None
                prev_kind = "zero"
                continue
            number = _DIGITS[c]
            prev_kind = "digit"
        elif c in _TENS:
            if number is not None:
                raise NotANumeral(s)
            section += _TENS[c]
            last_unit = 10
            prev_kind = "unit"
        elif c in _SMALL:
            u = _SMALL[c]
            if prev_kind == "unit" and last_unit <= u and last_unit < 10**4:
                raise NotANumeral(s)  # 十百, 百百
            section += (1 if number is None else number) * u
            number = None
            last_unit = u
            after_zero = False
            prev_kind = "unit"
        else:  # 万 / 亿
            u = _BIG[c]
            if number is not None:
                section += number
                number = None
            if section == 0 and total == 0:
                section = 1
            if u == 10**8:
                total = (total + section) * u
            else:
                if total % 10**8 and total >= 10**4 and section:
                    # 三万亿 handled by the 亿 branch; 万 after 万 is malformed
                    raise NotANumeral(s)
                total += section * u
            section = 0
            last_unit = u
            after_zero = False
            prev_kind = "unit"
    if number is not None:
        if prev_kind == "digit" and not after_zero and last_unit >= 10 and s[-2] not in _DIGITS:
            # Abbreviated tail: 两千三 = 2300, 一万五 = 15000.
            section += number * (last_unit // 10)
        else:
            section += number
    return Decimal(total + section)


def cn_range(s: str) -> tuple[Decimal, Decimal] | None:
    """Read an adjacent-digit range: ``五六百`` → (500, 600), ``七八`` → (7, 8), else None."""
    if len(s) >= 2 and s[0] in _DIGITS and s[1] in _DIGITS:
        a, b = _DIGITS[s[0]], _DIGITS[s[1]]
        if 1 <= a and b == a + 1 and (len(s) == 2 or s[2] not in _DIGITS):
            rest = s[2:]
            try:
                return parse_chinese(s[0] + rest), parse_chinese(s[1] + rest)
            except NotANumeral:
                return None
    return None


def _mult_value(chars: str) -> int:
    out = 1
    for c in chars:
        out *= _SMALL.get(c) or _BIG[c]
    return out


_MIXED_RE = regex.compile(rf"({ARABIC})([{_MULT_CHARS}]{{0,3}})")


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
    s = s.strip()
    if not s:
        raise NotANumeral(s)
    if s.startswith("百分之"):
        return parse_numeral(s[3:])
    if s.startswith("千分之"):
        return parse_numeral(s[3:]) / 10
    if "分之" in s:
        den, _, num = s.partition("分之")
        d = parse_numeral(den)
        if d == 0:
            raise NotANumeral(s)
        return parse_numeral(num) / d
    for suffix, factor in (("个百分点", 1), ("百分点", 1), ("%", 1), ("成", 10), ("倍", 1)):
        if s.endswith(suffix) and len(s) > len(suffix):
            return parse_numeral(s[: -len(suffix)]) * factor
    s = s.replace("多", "").replace("余", "")
    m = _MIXED_RE.fullmatch(s)
    if m:
        return _dec(m[1]) * _mult_value(m[2])
    if all(c in CN_CHARS or c == "点" for c in s):
        return parse_chinese(s)
    raise NotANumeral(s)


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


def vetoed(norm: str, start: int, end: int) -> bool:
    """True when a negative word overlaps ``[start, end)`` and reaches outside it."""
    lo = max(0, start - 8)
    for m in negatives_re().finditer(norm, lo, min(len(norm), end + 8), overlapped=True):
        if m.start() < end and start < m.end() and (m.start() < start or m.end() > end):
            return True
    return False


@functools.cache
def _finder() -> regex.Pattern[str]:
    units = alternation(list(unit_table()))
    return regex.compile(
        rf"""
        (?P<frac>(?:{ARABIC}|{CN})分之(?:{ARABIC}|{CN}))
        | (?P<ar>(?<![A-Za-z0-9_.+\-/#:])(?:{ARABIC})(?:[{_MULT_CHARS}]{{1,3}}(?![\d]))?)
          (?P<ar_in>[多余])?(?P<ar_mult>(?<=[多余])[万亿])?(?P<ar_suffix>%|‰)?
        | (?P<cn>{CN})(?P<cn_in>[多余])?(?P<cn_mult>(?<=[多余])[万亿])?(?=(?P<cn_unit>{units})|)
        """,
        regex.VERBOSE,
    )


_DATE_AROUND = regex.compile(r"\d{1,4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2})?|\d{1,2}:\d{2}(?::\d{2})?")


def _is_date_or_time(norm: str, start: int, end: int) -> bool:
    lo = max(0, start - 10)
    for m in _DATE_AROUND.finditer(norm, lo, min(len(norm), end + 10)):
        if m.start() <= start and end <= m.end():
            text = m.group()
            if ":" in text or "年" in text or "-" in text or "/" in text:
                return True
    after = norm[end : end + 1]
    return bool(regex.fullmatch(r"\d{4}", norm[start:end]) and after == "年")


def find_numerals(norm: str, start: int = 0, end: int | None = None) -> list[Numeral]:
    """Every numeral in ``norm[start:end]`` with its span and exact value.

    Arabic numerals count unless they are part of a date, a clock time or a code
    (``5G``, ``1+N+17``); Chinese numerals count when a unit or classifier follows,
    in percent/fraction forms, or when they are long well-formed numerals.

    >>> [(n.text, n.value) for n in find_numerals("唯一一家企业产值1.8万元，占三分之一")]
    [('1.8万', Decimal('18000.0')), ('三分之一', Decimal('0.3333333333333333333333333333'))]
    """
    if end is None:
        end = len(norm)
    out: list[Numeral] = []
    for m in _finder().finditer(norm, start, end):
        s, e = m.span()
        text = m.group()
        if m["frac"]:
            try:
                value = parse_numeral(text)
            except (NotANumeral, InvalidOperation):
                continue
            out.append(Numeral(s, e, text, value, fraction=True, percent=text.startswith("百分之")))
            continue
        if m["ar"]:
            if norm[e : e + 1].isascii() and norm[e : e + 1].isalpha():
                continue  # 5G, 3D, 4K
            if norm[e : e + 1] == "+" or _is_date_or_time(norm, m.start("ar"), m.end("ar")):
                continue
            value = parse_numeral(m["ar"]) * (_mult_value(m["ar_mult"]) if m["ar_mult"] else 1)
            out.append(
                Numeral(s, e, text, value, percent=bool(m["ar_suffix"]), approx="over" if m["ar_in"] else None)
            )
            continue
        cn = m["cn"]
        before = norm[s - 3 : s] if s >= 3 else norm[:s]
        if before.endswith("第") or vetoed(norm, s, e + (len(m["cn_unit"]) if m["cn_unit"] else 0)):
            continue
        if len(cn) >= 2 and all(c in _DIGITS for c in cn) and norm[e : e + 1] in ("年", "月", "号"):
            continue  # 二〇二三年: a date read digit by digit
        rng = cn_range(cn)
        try:
            value = rng[0] if rng else parse_chinese(cn)
        except NotANumeral:
            continue
        if cn in _BARE_MULT:
            continue  # a lone 百/千/万 is a word (千家万户, 万名), not a count
        long_form = len(cn) >= 3 and any(c in _MULT_CHARS for c in cn)
        pct = before.endswith("百分之")
        if not (m["cn_unit"] or long_form):
            continue
        if pct:
            continue  # reported by the fraction branch
        value *= _mult_value(m["cn_mult"]) if m["cn_mult"] else 1
        out.append(
            Numeral(
                s, e, text, value,
                value_max=rng[1] if rng else None,
                chinese=True,
                approx="over" if m["cn_in"] else None,
            )
        )
    return out
