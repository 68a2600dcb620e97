"""innovext and its peers on the same external test vectors, side by side.

Run from the repository root::

    .venv/bin/python -m benchmarks.vectors                        # every set, every peer, speeds
    .venv/bin/python -m benchmarks.vectors --failures 30          # + innovext's failures, per set
    .venv/bin/python -m benchmarks.vectors --set rt-currency --failures 30 --category missed,span
    .venv/bin/python -m benchmarks.vectors --failures 20 --failures-of jionlp
    .venv/bin/python -m benchmarks.vectors --update-baseline      # record new passes for the ratchet test

The vectors were written by other projects (Recognizers-Text, Duckling, cn2an, JioNLP,
WeTextProcessing; see ``tests/vectors/ATTRIBUTION.md``), so nobody here chose what counts
as right. Each vector is classified, for innovext and for each peer, as

* ``pass``        – the system gives what the vector expects (rules per set below);
* ``convention``  – it does not, but the difference is one of the LISTED conventions
  that legitimately differ between projects (each with a mechanical test and a reason,
  printed with its count — never merged into ``pass``), or a listed disputed vector
  for which the system gives the other reading;
* ``fail``        – anything else, with a category (missed / span / value / unit / range /
  approx / extra / not-rejected) to sort the work.

What is compared (``SETS`` holds the exact rule of each set, printed with the results):

* span sets (Recognizers-Text models, JioNLP money extractor, cn2an transform, WeTextProcessing
  numbers): the system's items of the set's family (numbers / percentages / money / physical
  measures) must equal the expected items one to one: same span (Recognizers-Text ``End`` is
  inclusive → +1), same value (Decimal, relative tolerance 1e-9), same unit after conversion
  (``30公斤`` = 30000 g; a currency must be the same currency). A vector with no expected item
  passes when the system gives no item of that family (五角大楼, 四川, dates).
* whole-string sets (Duckling corpus, cn2an, JioNLP money parser, WeTextProcessing money): some
  item must cover the whole (space-trimmed) input with the expected value, range end, unit and
  bound — Duckling's own corpus test. Extra inner items do not matter. A string that must be
  rejected passes when no item covers it whole.

innovext is run through :func:`innovext.numerals.find_numerals` for the number sets and through
its quantity facts (``innovext.pipeline.run(text, only={"quantity"})``) for the others.
Peers are imported lazily (the ``bench`` extra): a missing peer is reported as "not installed",
never a crash. Duckling itself (Haskell) cannot be installed here; its expectations are still
the oracle, and the Python peers that parse the same strings are run on them.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import importlib
import io
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from decimal import Context, Decimal, InvalidOperation, getcontext, localcontext, setcontext
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
COPIED = REPO / "tests" / "vectors"
SHARED = REPO.parent / "shared" / "external"
BASELINE = COPIED / "expected_pass.json"
INNOVEXT = "innovext"

# --------------------------------------------------------------------------- items


@dataclasses.dataclass
class Item:
    """One thing a system found (or a vector expects), in one comparable form.

    ``end`` is exclusive. ``unit`` is the system's own unit string; ``dim``/``factor``
    come from :func:`canon` so that ``3斤`` and ``1500 Gram`` compare equal.
    """

    start: int
    end: int
    value: Decimal | None
    value_max: Decimal | None = None
    unit: str | None = None
    approx: str | None = None
    kind: str | None = None
    source: str = ""  # "numeral" / "quantity" / model name

    def show(self, text: str) -> str:
        """Compact human form for failure listings: ``'3万多家'[0:4]=30000 家 over``."""
        val = "?" if self.value is None else _fmt(self.value)
        if self.value_max is not None:
            val += f"–{_fmt(self.value_max)}"
        bits = [f"{text[self.start:self.end]!r}[{self.start}:{self.end}]={val}"]
        if self.unit:
            bits.append(self.unit)
        if self.approx:
            bits.append(self.approx)
        if self.kind and self.source == "quantity":
            bits.append(f"({self.kind})")
        return " ".join(bits)


def _fmt(d: Decimal) -> str:
    with localcontext(Context(prec=40)):
        return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f").rstrip("0").rstrip(".")


def dec(value: Any) -> Decimal | None:
    """Any numeric form the vectors or peers use → Decimal (None when absent/unreadable)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().rstrip("%").replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def same_number(a: Decimal | None, b: Decimal | None, rel: Decimal = Decimal("1e-9")) -> bool:
    """Equal within a relative tolerance (Recognizers-Text prints 15 significant digits)."""
    if a is None or b is None:
        return a is b
    with localcontext() as ctx:
        ctx.prec = 40
        return abs(a - b) <= rel * max(Decimal(1), abs(a), abs(b))


# --------------------------------------------------------------------------- units

# unit surface (any system's spelling) -> (dimension, factor to the dimension's base).
# Base units: money per ISO currency, g, m, m², L, bit, W, Hz, cal, % (percent),
# pp (percentage points), count:<classifier>. Physical conversions are exact facts,
# so 3斤 = 1500 g is a pass; re-labelling a unit (Duckling's "Dollar" = 元) is a
# convention and is listed as such.
_D = Decimal
_UNITS: dict[str, tuple[str, Decimal]] = {}


def _add(dim: str, factor: Decimal | int | str, *surfaces: str) -> None:
    for s in surfaces:
        _UNITS[s.lower()] = (dim, _D(factor))


_add("money:CNY", 1, "元", "圆", "块", "人民币", "元人民币", "cny", "chinese yuan", "rmb", "¥", "￥")
_add("money:CNY", "0.1", "角", "毛", "jiao")
_add("money:CNY", "0.01", "fen")
_add("money:USD", 1, "美元", "美金", "美圆", "usd", "united states dollar")
_add("money:USD", "0.01", "美分")
_add("money:HKD", 1, "港元", "港币", "港幣", "hkd", "hong kong dollar")
_add("money:EUR", 1, "欧元", "eur", "euro")
_add("money:JPY", 1, "日元", "日币", "日幣", "jpy", "japanese yen")
_add("money:TWD", 1, "新台币", "台币", "新台幣", "twd", "new taiwan dollar")
_add("money:GBP", 1, "英镑", "gbp")
_add("money:KRW", 1, "韩元", "krw")
_add("money:RUB", 1, "卢布", "rub")
_add("money:AUD", 1, "澳元", "aud")
_add("money:CAD", 1, "加元", "cad")
_add("money:THB", 1, "泰铢", "thb")
_add("money:CHF", 1, "瑞士法郎", "chf", "swiss franc")
_add("money:NGN", 1, "奈拉", "ngn", "nigerian naira")
_add("money:INR", 1, "印度卢布", "印度卢比", "inr", "indian rupee")
_add("money:MYR", 1, "马来西亚令吉", "令吉", "myr", "malaysian ringgit")
_add("money:BTC", 1, "比特币", "bitcoin")
_add("%", 1, "%", "percent")
_add("%", "0.1", "‰")
_add("pp", 1, "个百分点", "百分点")
_add("length", 1, "米", "m", "公尺", "meter", "metre")
_add("length", "0.01", "厘米", "cm", "公分", "centimeter", "centimetre")
_add("length", "0.001", "毫米", "mm", "millimeter", "millimetre")
_add("length", "0.000001", "微米", "μm")
_add("length", "0.000000001", "纳米", "nm")
_add("length", 1000, "公里", "千米", "km", "公裏", "kilometer", "kilometre")
_add("length", "0.3048", "英尺", "呎", "foot", "feet", "ft")
_add("length", "0.0254", "英寸", "英吋", "吋", "inch", "inches")
_add("length", "1609.344", "英里", "英裏", "mile", "miles")
_add("mass", 1, "克", "g", "gram")
_add("mass", 1000, "千克", "公斤", "kg", "kilogram")
_add("mass", 500, "斤", "jin")
_add("mass", 50, "两", "兩", "liang")
_add("mass", "0.001", "毫克", "mg", "milligram")
_add("mass", "0.000001", "微克", "μg", "microgram")
_add("mass", 1000000, "吨", "噸", "t", "ton", "tonne", "公吨")
_add("area", 1, "平方米", "平米", "㎡", "m²", "m2", "square meter")
_add("area", Decimal(2000) / Decimal(3), "亩", "畝", "mu")
_add("area", 10000, "公顷", "hectare")
_add("area", 1000000, "平方公里", "平方千米", "km²", "square kilometer")
_add("volume", 1, "升", "公升", "l", "litre", "liter")
_add("volume", "0.001", "毫升", "ml", "cc", "millilitre", "milliliter")
_add("volume", "3.785411784", "加仑", "加侖", "gallon")
_add("volume", 1000, "立方米", "m³", "cubic meter")
_add("data", 1, "比特", "bit")
_add("data", 1000, "kilobit")
_add("data", 8, "字节", "byte")
_add("data", 8000, "kilobyte")
_add("data", 8000000, "megabyte")
_add("power", 1, "瓦", "w", "watt")
_add("power", 1000, "千瓦", "kw", "kilowatt")
_add("power", 1000000, "兆瓦", "mw", "megawatt")
_add("power", 1000000000, "吉瓦", "gw", "gigawatt")
_add("frequency", 1, "赫兹", "hz", "hertz")
_add("frequency", 1000000, "兆赫兹", "mhz", "megahertz")
_add("energy", 1000, "千卡", "kilocalorie")

PHYSICAL = {"length", "mass", "area", "volume", "data", "power", "frequency", "energy"}


def canon(unit: str | None) -> tuple[str, Decimal]:
    """(dimension, factor) of a unit string; unknown units only equal themselves."""
    if unit is None:
        return ("", Decimal(1))
    return _UNITS.get(unit.strip().lower(), (f"?{unit}", Decimal(1)))


def base_value(value: Decimal | None, unit: str | None) -> Decimal | None:
    if value is None:
        return None
    with localcontext(Context(prec=40)):
        return value * canon(unit)[1]


# --------------------------------------------------------------------------- vectors


@dataclasses.dataclass
class Vector:
    """One external test case: an input and what its authors expect."""

    id: str
    set: str
    text: str
    expected: list[Item]
    negative: bool = False  # the input must yield nothing (span sets) / be rejected (whole sets)
    note: str = ""  # e.g. Recognizers-Text NotSupported, cn2an modes
    meta: dict[str, Any] = dataclasses.field(default_factory=dict)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _trim(text: str) -> tuple[int, int]:
    """The span of ``text`` without surrounding whitespace (whole-string sets)."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return start, max(start, end)


def _rt_resolution(res: dict[str, Any] | None, model: str) -> tuple[Decimal | None, str | None]:
    """Value and unit of a Recognizers-Text resolution (percent values end in %)."""
    if not res:
        return None, None
    value = dec(res.get("value"))
    if model == "percent":
        return value, "%"
    if model == "currency":
        return value, res.get("isoCurrency") or res.get("unit")
    return value, res.get("unit")


def load_rt(path: Path, set_name: str, model: str) -> list[Vector]:
    """Recognizers-Text spec file: ``Start``/``End`` are inclusive; offsets index ``Input``."""
    out = []
    for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        items = []
        for r in case.get("Results", []):
            value, unit = _rt_resolution(r.get("Resolution"), model)
            items.append(Item(r["Start"], r["End"] + 1, value, unit=unit, source=model))
        note = f"NotSupported: {case['NotSupported']}" if case.get("NotSupported") else ""
        out.append(Vector(f"{set_name}:{i:04d}", set_name, case["Input"], items, negative=not items, note=note))
    return out


def load_duckling(path: Path, set_name: str) -> list[Vector]:
    """Duckling corpus (whole string must resolve to ``value``; ``bound`` under/above)."""
    out = []
    for i, rec in enumerate(_read_jsonl(path)):
        s, e = _trim(rec["text"])
        approx = {"under": "under", "above": "over"}.get(rec.get("bound") or "")
        item = Item(s, e, dec(rec["value"]), dec(rec.get("value_max")), unit=rec.get("unit"), approx=approx)
        out.append(Vector(f"{set_name}:{i:04d}", set_name, rec["text"], [item], meta={"bound": rec.get("bound")}))
    return out


def load_duckling_time(path: Path, set_name: str) -> list[Vector]:
    """Duckling's time corpus as negatives: a date or clock time is not a quantity (SCHEMA)."""
    out = []
    for i, rec in enumerate(_read_jsonl(path)):
        out.append(Vector(f"{set_name}:{i:04d}", set_name, rec["text"], [], negative=True, note="Duckling: a time"))
    return out


def load_cn2an(path: Path, set_name: str) -> list[Vector]:
    """cn2an unit tests: strings cn2an converts (per mode) and strings it must reject."""
    out = []
    for i, rec in enumerate(_read_jsonl(path)):
        text = rec["text"]
        s, e = _trim(text)
        modes = rec.get("modes") or []
        negative = rec.get("expected") is None
        items = [] if negative else [Item(s, e, dec(rec["expected"]))]
        note = f"cn2an modes {'/'.join(modes) or '-'}; errors in {'/'.join(rec.get('error_modes') or []) or '-'}"
        out.append(Vector(f"{set_name}:{i:04d}", set_name, text, items, negative=negative, note=note,
                          meta={"modes": modes}))
    return out


_NUMCHARS = set("0123456789.")


_CUR_PREFIX = {
    "¥": "元", "CNY": "元", "US$": "美元", "$": "美元", "£": "英镑", "₽": "卢布", "€": "欧元", "TWD": "新台币",
    "RM": "马来西亚令吉", "HKD": "港元", "HK$": "港元", "A$": "澳元", "JPY": "日元", "JPY¥": "日元", "₩": "韩元",
    "₹": "印度卢布",
}


@functools.cache
def _written_re() -> Any:
    import re

    num = r"\d+(?:\.\d+)?"
    return re.compile(
        rf"(?P<neg>-)?(?:(?P<whole>\d+)又)?(?P<a>{num})(?:(?P<sep>[~-])(?P<b>{num}))?(?P<mult>[万亿萬億])?(?P<rest>\d+)?"
        rf"(?:/(?P<den>{num}))?"
    )


def parse_written(rep: str) -> tuple[Decimal | None, Decimal | None, str | None]:
    """A normaliser's written form → (value, value_max, currency): ``3~5万``, ``15-6`` (= 15–16),
    ``730-40`` (= 730–740), ``100万1111``, ``1/2``, ``-3.8%``, ``¥25.3``, ``$8000~9000``."""
    currency = None
    for sym in sorted(_CUR_PREFIX, key=len, reverse=True):
        if rep.startswith(sym):
            currency, rep = _CUR_PREFIX[sym], rep[len(sym):]
            break
    rep = rep.rstrip("%℃").replace(",", "")
    m = _written_re().fullmatch(rep)
    if not m:
        return None, None, currency
    a, b = m["a"], m["b"]
    if b is not None and len(b.split(".")[0]) < len(a.split(".")[0]):
        b = a.split(".")[0][: len(a.split(".")[0]) - len(b.split(".")[0])] + b  # 15-6 = 15–16, 730-40 = 730–740
    with localcontext(Context(prec=40)):
        value, vmax = Decimal(a), (Decimal(b) if b is not None else None)
        mult = {"万": Decimal(10000), "萬": Decimal(10000), "亿": Decimal(100000000), "億": Decimal(100000000)}.get(
            m["mult"] or "", Decimal(1))
        value *= mult
        vmax = vmax * mult if vmax is not None else None
        if m["rest"]:
            value += Decimal(m["rest"])
        if m["den"]:
            value /= Decimal(m["den"])
        if m["whole"]:
            value += Decimal(m["whole"])  # 3又1/5
        if m["neg"]:
            value = -value
    return value, vmax, currency


def diff_items(src: str, out: str) -> list[Item]:
    """Numerals a text normaliser converted: ``src`` vs its output ``out`` → items on ``src``.

    Adjacent edits joined by digits are one conversion (``2.5亿`` → ``250000000``), edges grow over
    digits both sides share, and a converted unit (``三十九摄氏度`` → ``39℃``) is trimmed off.
    """
    import difflib

    ops = [op for op in difflib.SequenceMatcher(None, src, out, autojunk=False).get_opcodes() if op[0] != "equal"]
    groups: list[list[int]] = []
    for _, i1, i2, j1, j2 in ops:
        gap = src[groups[-1][1]:i1] if groups else ""
        if groups and set(gap) <= _NUMCHARS | {"万", "亿"} and gap == out[groups[-1][3]:j1]:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    items = []
    for i1, i2, j1, j2 in groups:
        while i1 > 0 and j1 > 0 and src[i1 - 1] in _NUMCHARS and src[i1 - 1] == out[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(src) and j2 < len(out) and src[i2] in _NUMCHARS and src[i2] == out[j2]:
            i2, j2 = i2 + 1, j2 + 1
        # a multiplier both sides keep as written (三五万 → 3~5万) belongs to the numeral
        while i2 < len(src) and j2 < len(out) and src[i2] in "万亿" and src[i2] == out[j2]:
            i2, j2 = i2 + 1, j2 + 1
        rep = out[j1:j2]
        if rep.endswith("℃") and src[i1:i2].endswith("摄氏度"):
            rep, i2 = rep[:-1], i2 - 3
        value, vmax, _ = parse_written(rep)
        items.append(Item(i1, i2, value, vmax, source="transform"))
    return items


def load_cn2an_transform(path: Path, set_name: str) -> list[Vector]:
    """cn2an ``transform(text, 'cn2an')`` tests: which numerals in a sentence to convert (and which not).

    The expected numerals are recovered from the expected output with :func:`diff_items`. The two
    ``direct``-mode sentences (digit-by-digit reading) are left out: they test a mode switch.
    """
    out = []
    for i, rec in enumerate(_read_jsonl(path)):
        if rec.get("method") != "cn2an" or rec.get("direct"):
            continue
        items = diff_items(rec["text"], rec["expected"])
        out.append(Vector(f"{set_name}:{i:04d}", set_name, rec["text"], items, negative=not items))
    return out


_JIO_APPROX = {"accurate": None, "blur": "about", "blur+": "over", "blur-": "under"}


def _wetext_lines(path: Path, files: Sequence[str], set_name: str) -> Iterable[tuple[str, str, str]]:
    for name in files:
        with (path / name).open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if "=>" not in line:
                    continue
                src, _, out = line.rstrip("\n").partition(" => ")
                yield f"{set_name}:{Path(name).stem}:{i:03d}", src, out


_WETEXT_NUMBER_FILES = ("cardinal.txt", "number.txt", "fraction.txt")
_WETEXT_MONEY_FILES = ("money.txt",)


def load_wetext_numbers(path: Path, set_name: str) -> list[Vector]:
    """WeTextProcessing ITN cases (spoken → written): numerals, ranges (三五百 → 300~500), digit strings."""
    out = []
    for vid, src, written in _wetext_lines(path, _WETEXT_NUMBER_FILES, set_name):
        # an output that is no number (IP address 127.0.0.1) expects nothing of a numeral layer
        items = [i for i in diff_items(src, written) if i.value is not None]
        out.append(Vector(vid, set_name, src, items, negative=not items, note=f"ITN → {written}"))
    return out


def load_wetext_money(path: Path, set_name: str) -> list[Vector]:
    """WeTextProcessing ITN money cases: the whole string is one amount (or range) in one currency."""
    out = []
    for vid, src, written in _wetext_lines(path, _WETEXT_MONEY_FILES, set_name):
        value, vmax, currency = parse_written(written)
        s, e = _trim(src)
        out.append(Vector(vid, set_name, src, [Item(s, e, value, vmax, unit=currency)], note=f"ITN → {written}"))
    return out


_NEMO_NUMBER_FILES = ("test_cases_cardinal.txt", "test_cases_decimal.txt", "test_cases_fraction.txt")
_NEMO_MONEY_FILES = ("test_cases_money.txt",)


def _nemo(path: Path, files: Sequence[str], set_name: str, money: bool) -> list[Vector]:
    """NeMo ITN cases ``spoken~written``: the whole spoken string is one number (or amount)."""
    out = []
    for name in files:
        with (path / name).open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                src, sep, written = line.rstrip("\n").partition("~")
                if not sep:
                    continue
                value, vmax, currency = parse_written(written)
                s, e = _trim(src)
                stem = Path(name).stem.removeprefix("test_cases_")
                item = Item(s, e, value, vmax, unit=currency if money else None)
                out.append(Vector(f"{set_name}:{stem}:{i:03d}", set_name, src, [item], note=f"ITN → {written}"))
    return out


def load_nemo_numbers(path: Path, set_name: str) -> list[Vector]:
    return _nemo(path, _NEMO_NUMBER_FILES, set_name, money=False)


def load_nemo_money(path: Path, set_name: str) -> list[Vector]:
    return _nemo(path, _NEMO_MONEY_FILES, set_name, money=True)


def load_jio_parser(path: Path, set_name: str) -> list[Vector]:
    """JioNLP parse_money tests (whole string); ``value``/``unit``/``approx`` derived from ``expected``."""
    out = []
    for i, rec in enumerate(_read_jsonl(path)):
        s, e = _trim(rec["text"])
        item = Item(s, e, dec(rec["value"]), dec(rec.get("value_max")), unit=rec["unit"], approx=rec.get("approx"))
        out.append(Vector(f"{set_name}:{i:04d}", set_name, rec["text"], [item]))
    return out


def load_jio_extractor(path: Path, set_name: str) -> list[Vector]:
    """JioNLP extract_money tests: money spans (end exclusive), no values."""
    out = []
    for i, rec in enumerate(_read_jsonl(path)):
        items = [Item(en["start"], en["end"], None) for en in rec["entities"]]
        out.append(Vector(f"{set_name}:{i:04d}", set_name, rec["text"], items, negative=not items))
    return out


# --------------------------------------------------------------------------- systems


class Unavailable(RuntimeError):
    """A system (peer not installed, innovext layer not built yet) cannot run."""


_CACHE: dict[tuple[str, str], list[Item]] = {}
_TIMES: Counter[str] = Counter()
_CHARS: Counter[str] = Counter()
_INIT: dict[str, float] = {}


def _timed(system: str, key: str, text: str, fn: Callable[[str], list[Item]]) -> list[Item]:
    """Run ``fn`` once per (key, text); time only real calls (chars/s for the record)."""
    ck = (key, text)
    if ck not in _CACHE:
        t0 = time.perf_counter()
        # Each system runs in its own decimal context: Recognizers-Text sets the process-wide
        # precision to 15 on import, which must neither round innovext's values nor be taken from RT.
        peer = PEERS.get(system)
        with localcontext(peer.context if peer and peer.context else Context()):
            _CACHE[ck] = fn(text)
        _TIMES[system] += time.perf_counter() - t0
        _CHARS[system] += len(text)
    return _CACHE[ck]


# innovext -------------------------------------------------------------------


def _attr(obj: Any, *names: str) -> Any:
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return None


def _innovext_quantities(text: str) -> list[Item]:
    from innovext import pipeline

    try:
        doc = pipeline.run(text, only={"quantity"})
    except TypeError:  # older pipeline without ``only``
        doc = pipeline.extract(text)
    return [
        Item(f.start, f.end, dec(f.value), dec(f.value_max), f.unit, f.approx, f.kind, "quantity")
        for f in doc.facts
        if f.type == "quantity"
    ]


def _innovext_numerals(text: str) -> list[Item]:
    try:
        mod = importlib.import_module("innovext.numerals")
        find = mod.find_numerals
    except (ImportError, AttributeError) as exc:
        raise Unavailable("innovext.numerals.find_numerals not available yet") from exc
    items = []
    for n in find(text):
        if isinstance(n, tuple):
            start, end, value = n[0], n[1], n[2]
            unit = kind = None
        else:
            start, end, value = _attr(n, "start"), _attr(n, "end"), _attr(n, "value")
            unit, kind = _attr(n, "unit"), _attr(n, "kind")
        items.append(Item(int(start), int(end), dec(value), dec(_attr(n, "value_max")), unit, None, kind, "numeral"))
    return items


def innovext_items(text: str, layers: str) -> list[Item]:
    """innovext's items: ``q`` quantity facts, ``n`` numerals, ``nq`` both."""
    out: list[Item] = []
    if "n" in layers:
        out += _timed(INNOVEXT, "innovext.numerals", text, _innovext_numerals)
    if "q" in layers:
        out += _timed(INNOVEXT, "innovext.quantity", text, _innovext_quantities)
    return out


# peers ------------------------------------------------------------------------


@dataclasses.dataclass
class Peer:
    """A peer library, imported on first use (``error`` says why it cannot run)."""

    name: str
    version_of: str
    loader: Callable[[], Any]
    handle: Any = None
    error: str | None = None
    loaded: bool = False
    context: Context | None = None  # the decimal context the peer set up for itself on import

    def get(self) -> Any:
        if not self.loaded:
            self.loaded = True
            t0 = time.perf_counter()
            saved = getcontext().copy()
            try:
                with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):  # JioNLP's banner
                    self.handle = self.loader()
            except Exception as exc:  # peers fail in many ways (ImportError, emoji 2.x …)
                self.error = f"not installed / not importable: {type(exc).__name__}: {exc}"[:160]
            self.context = getcontext().copy()
            setcontext(saved)
            _INIT[self.name] = time.perf_counter() - t0
        if self.error:
            raise Unavailable(self.error)
        return self.handle

    def version(self) -> str:
        try:
            from importlib.metadata import version

            return version(self.version_of)
        except Exception:
            return "?"


def _load_rt() -> dict[str, Any]:
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    nr, ur = NumberRecognizer(Culture.Chinese), NumberWithUnitRecognizer(Culture.Chinese)
    return {
        "number": nr.get_number_model(),
        "percent": nr.get_percentage_model(),
        "currency": ur.get_currency_model(),
        "dimension": ur.get_dimension_model(),
    }


def _load_jio() -> Any:
    import jionlp

    return jionlp


def _load_cn2an() -> Any:
    import cn2an

    return cn2an


PEERS = {
    "recognizers": Peer("recognizers", "recognizers-text-suite", _load_rt),
    "jionlp": Peer("jionlp", "jionlp", _load_jio),
    "cn2an": Peer("cn2an", "cn2an", _load_cn2an),
}


def rt_items(model: str) -> Callable[[str], list[Item]]:
    """Recognizers-Text model → items (inclusive End → exclusive)."""

    def run(text: str) -> list[Item]:
        m = PEERS["recognizers"].get()[model]
        out = []
        for r in m.parse(text):
            value, unit = _rt_resolution(r.resolution, model)
            kind = {"percent": "percent", "currency": "money"}.get(model)
            out.append(Item(r.start, r.end + 1, value, unit=unit, kind=kind, source=model))
        return out

    return run


def _jio_item(detail: dict[str, Any], start: int, end: int) -> Item:
    num = detail.get("num")
    lo, hi = (num[0], num[1]) if isinstance(num, list) else (num, None)
    return Item(start, end, dec(lo), dec(hi), detail.get("case"), _JIO_APPROX.get(detail.get("definition")), "money")


def jio_parse(text: str) -> list[Item]:
    jio = PEERS["jionlp"].get()
    s, e = _trim(text)
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            detail = jio.parse_money(text[s:e])
    except Exception:
        return []
    return [_jio_item(detail, s, e)] if detail else []


def jio_extract(text: str) -> list[Item]:
    jio = PEERS["jionlp"].get()
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        found = jio.ner.extract_money(text, with_parsing=True)
    out = []
    for f in found:
        s, e = f["offset"]
        out.append(_jio_item(f.get("detail") or {}, s, e))
    return out


def cn2an_transform(text: str) -> list[Item]:
    cn2an = PEERS["cn2an"].get()
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                converted = cn2an.transform(text, "cn2an")
    except Exception:
        return []
    return diff_items(text, converted)


def cn2an_whole(text: str) -> list[Item]:
    cn2an = PEERS["cn2an"].get()
    s, e = _trim(text)
    if s == e:
        return []
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            value = cn2an.cn2an(text[s:e], "smart")
    except Exception:
        return []
    return [Item(s, e, dec(value))]


# --------------------------------------------------------------------------- comparison


def fields_match(exp: Item, got: Item, fields: str) -> bool:
    """Does ``got`` give what ``exp`` expects? ``fields``: v value, u unit, m value_max, a approx.

    Values are compared in the unit's base (30公斤 = 30000 g) and units by dimension; an
    expected unit of ``None`` (numerals, spans) is not checked.
    """
    if "u" in fields and exp.unit is not None:
        if canon(exp.unit)[0] != canon(got.unit)[0]:
            return False
        ev, gv = base_value(exp.value, exp.unit), base_value(got.value, got.unit)
        em, gm = base_value(exp.value_max, exp.unit), base_value(got.value_max, got.unit)
    else:
        ev, gv, em, gm = exp.value, got.value, exp.value_max, got.value_max
    if "v" in fields and exp.value is not None and not same_number(ev, gv):
        return False
    if "v" in fields and exp.value is None and got.value is not None and "u" in fields:
        return False  # a bare currency name expected, an amount given
    if "m" in fields and not same_number(em, gm):
        return False
    if "a" in fields and exp.approx != got.approx:
        # a peer that cannot say "about" (Duckling: 0.5L左右) expects no bound
        if not (exp.approx is None and got.approx == "about" and "A" in fields):
            return False
    return True


def compare(vec: Vector, got: list[Item], whole: bool, fields: str) -> bool:
    """Pass/fail of one system's items (already filtered to the set's family)."""
    if whole:
        s, e = _trim(vec.text)
        covering = [g for g in got if g.start == s and g.end == e]
        if vec.negative:
            return not covering
        return any(fields_match(vec.expected[0], g, fields) for g in covering)
    if vec.negative:
        return not got
    if len(got) != len(vec.expected):
        return False
    remaining = list(got)
    for exp in vec.expected:
        hit = next((g for g in remaining if (g.start, g.end) == (exp.start, exp.end) and fields_match(exp, g, fields)),
                   None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def _why(exp: Item, got: Item, fields: str) -> str:
    """Which field of a same-span item disagrees (for failure listings)."""
    if "u" in fields and exp.unit is not None and canon(exp.unit)[0] != canon(got.unit)[0]:
        return "unit"
    extra = "".join(f for f in "uA" if f in fields)
    for f, name in (("v", "value"), ("m", "range"), ("a", "approx")):
        if f in fields and not fields_match(exp, got, f + extra):
            return name
    return "value"


def diagnose(vec: Vector, got: list[Item], whole: bool, fields: str) -> str:
    """Short failure category: missed / span / value / unit / range / approx / extra / not-rejected."""
    if whole:
        s, e = _trim(vec.text)
        covering = [g for g in got if (g.start, g.end) == (s, e)]
        if vec.negative:
            return "not-rejected"
        if covering:
            return _why(vec.expected[0], covering[0], fields)
        return "span" if any(g.start < e and s < g.end for g in got) else "missed"
    if vec.negative:
        return "extra"
    cats = set()
    used = []
    for exp in vec.expected:
        same = [g for g in got if (g.start, g.end) == (exp.start, exp.end)]
        if same:
            used += same
            if not any(fields_match(exp, g, fields) for g in same):
                cats.add(_why(exp, same[0], fields))
        elif any(g.start < exp.end and exp.start < g.end for g in got):
            cats.add("span")
            used += [g for g in got if g.start < exp.end and exp.start < g.end]
        else:
            cats.add("missed")
    if any(g not in used for g in got):
        cats.add("extra")
    return ",".join(sorted(cats)) or "?"


# --------------------------------------------------------------------------- conventions


@dataclasses.dataclass(frozen=True)
class Convention:
    """A difference between projects' conventions that is not an error of either.

    ``test(vec, got_all, vset)`` returns True when the failure is explained by this
    convention alone; it must check that the system otherwise got the reading right.
    """

    name: str
    reason: str
    test: Callable[[Vector, list[Item], VectorSet], bool]


def _relabel(vec: Vector, mapping: dict[str, tuple[str, Decimal]]) -> Vector:
    items = []
    for it in vec.expected:
        if it.unit in mapping:
            unit, factor = mapping[it.unit]
            vmax = None if it.value_max is None else it.value_max * factor
            it = dataclasses.replace(it, unit=unit, value=None if it.value is None else it.value * factor,
                                     value_max=vmax)
        items.append(it)
    return dataclasses.replace(vec, expected=items)


def _conv_duckling_dollar(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    if not any(it.unit in ("Dollar", "Cent") for it in vec.expected):
        return False
    relabelled = _relabel(vec, {"Dollar": ("元", Decimal(1)), "Cent": ("元", Decimal("0.01"))})
    return compare(relabelled, vs.view(got), True, vs.fields)


_OPEN_MARKS = ("多", "余", "餘", "几", "幾", "来")
_ABOUT_WORDS = ("约", "約", "左右", "上下")


def _conv_open_range(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    exp = vec.expected[0] if vec.expected else None
    if exp is None or exp.value_max is None or not any(m in vec.text for m in _OPEN_MARKS):
        return False
    # X多 is "X, approx over" for us; with an explicit about-word (大约十多欧元) that word wins.
    approxes = ("over", "about") if any(w in vec.text for w in _ABOUT_WORDS) else ("over",)
    return any(
        compare(
            dataclasses.replace(vec, expected=[dataclasses.replace(exp, value_max=None, approx=a)]),
            vs.view(got),
            True,
            vs.fields,
        )
        for a in approxes
    )


def _conv_range_about(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    exp = vec.expected[0] if vec.expected else None
    if exp is None or exp.value_max is None or exp.approx != "about":
        return False
    exact = dataclasses.replace(exp, approx=None)
    return compare(dataclasses.replace(vec, expected=[exact]), vs.view(got), True, vs.fields)


_CURRENCY_WORDS = ("元", "圆", "块", "钱", "币", "幣", "镑", "铢", "卢布", "美金", "蚊")


def _conv_bare_money(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    exp = vec.expected[0] if vec.expected else None
    if exp is None or any(w in vec.text for w in _CURRENCY_WORDS) or vs.view(got):
        return False
    s, e = _trim(vec.text)
    # An approximation word around the bare number (15k左右, 小于40万) is not part of the numeral.
    m = _BARE_MARKS.fullmatch(vec.text, s, e)
    if m:
        s, e = m.span("num")
    return any((g.start, g.end) == (s, e) and same_number(g.value, exp.value) and g.unit in (None, "")
               for g in got)


_BARE_MARKS = re.compile(r"(?:小于|大于|不少于|不超过|不到|超过|约|近)?(?P<num>.+?)(?:左右|上下|以上|以下)?")


def _conv_number_in_percent(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """RT NumberModel's value for ``六个百分点`` is the bare 6; a system giving the percent is right too."""
    ok = False
    for exp in vec.expected:
        if any((g.start, g.end) == (exp.start, exp.end) and same_number(g.value, exp.value) for g in got):
            continue
        after, before = vec.text[exp.end:exp.end + 6], vec.text[max(0, exp.start - 3):exp.start]
        is_pct = after.lstrip().startswith(("个百分点", "個百分點", "%", "％")) or before.endswith("百分之")
        if not is_pct or not any(g.start <= exp.start and exp.end <= g.end and same_number(g.value, exp.value)
                                 for g in got):
            return False
        ok = True
    return ok


_DATE_AFTER = ("年", "月", "日", "号", "號", "时", "時", "点", "點", "分", "秒")


def _conv_date_parts(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """Numbers inside dates/clock times (RT NumberModel reports them; our schema: not quantities)."""
    missing = [e for e in vec.expected
               if not any((g.start, g.end) == (e.start, e.end) and same_number(g.value, e.value) for g in got)]
    if not missing or not all(vec.text[e.end:e.end + 1] in _DATE_AFTER for e in missing):
        return False
    rest = [e for e in vec.expected if e not in missing]
    spans = {(e.start, e.end) for e in missing}
    other = [g for g in vs.view(got) if not any(g.start < e and s < g.end for s, e in spans)]
    return compare(dataclasses.replace(vec, expected=rest, negative=not rest), other, False, vs.fields)


def _conv_percentage_points(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    if not any("百分" in vec.text[e.start:e.end] or "百分點" in vec.text[e.start:e.end] for e in vec.expected):
        return False
    relabelled = [dataclasses.replace(g, unit="%") if canon(g.unit)[0] == "pp" else g for g in vs.view(got)]
    return compare(vec, relabelled, False, vs.fields)


def _conv_range_end(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """``5-20%``: RT returns only 20%; a range item (value 5, value_max 20) covering it is the other reading."""
    view = vs.view(got)
    hit = False
    for exp in vec.expected:
        for g in view:
            if g.value_max is not None and g.start <= exp.start and exp.end <= g.end and (g.start, g.end) != (
                exp.start, exp.end
            ) and fields_match(exp, dataclasses.replace(g, value=g.value_max, value_max=None), vs.fields):
                hit = True
    if not hit:
        return False
    ranges = [dataclasses.replace(g, start=next((e.start for e in vec.expected if g.start <= e.start < g.end),
                                                g.start), value=g.value_max, value_max=None)
              if g.value_max is not None else g for g in view]
    return compare(vec, ranges, False, vs.fields)


_MARK_BEFORE = ("大约", "将近", "接近", "超过", "不到", "不足", "突破", "最高", "最多", "至少", "约", "近", "超", "逾",
                "达", "仅")
_MARK_AFTER = ("以上", "以下", "左右", "上下", "有余", "多", "余", "来", "几")


def _conv_marker_in_span(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """RT leaves approximation markers outside its span (近一吨 → 一吨, 四百多 → 四百); SCHEMA puts them inside."""
    view = vs.view(got)
    fields = vs.fields.replace("a", "")
    widened = []
    hit = False
    for g in view:
        exp = next((e for e in vec.expected if g.start <= e.start and e.end <= g.end
                    and (g.start, g.end) != (e.start, e.end)), None)
        if exp is not None:
            head, tail = vec.text[g.start:exp.start], vec.text[exp.end:g.end]
            ok_head = head == "" or head.strip() in _MARK_BEFORE  # a bare space is not a marker
            ok_tail = tail == "" or tail.strip() in _MARK_AFTER
            if ok_head and ok_tail and fields_match(exp, g, fields):
                g = dataclasses.replace(g, start=exp.start, end=exp.end)
                hit = True
        widened.append(g)
    return hit and compare(vec, widened, False, fields)


def _conv_vague_range(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """RT expects nothing for 二三十个百分点 / 百分之二三十; two adjacent digits are a range (五六百元 → 500–600)."""
    import re

    view = vs.view(got)
    digits = "一二两三四五六七八九"
    pat = re.compile(f"[{digits}][{digits}][十百千万亿]")
    return bool(vec.negative and view and all(
        g.value_max is not None and pat.search(vec.text[g.start:g.end]) for g in view))


_RELATIVE = ("前", "后", "後", "之前", "之后", "之後", "以前", "以后", "以後", "上", "下", "过去", "過去", "未来",
             "未來", "近", "最近")


def _conv_relative_duration(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """Duckling resolves 三天后 / 前两年 to a point in time; the duration 3天 inside it is a quantity for innovext."""
    view = vs.view(got)
    if not view:
        return False
    for g in view:
        before, after = vec.text[:g.start].strip(), vec.text[g.end:].strip()
        if g.kind != "duration" or not (before in _RELATIVE or after in _RELATIVE):
            return False
    return True


_DIGIT_CHARS = set("〇零一二三四五六七八九幺两洞拐柒玖0123456789Xx")


def _conv_digit_string(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """Phone numbers, ID numbers, codes read digit by digit (幺三五…) are not numerals to count."""
    missing = [e for e in vec.expected if not any((g.start, g.end) == (e.start, e.end) for g in got)]
    if not missing or not all(e.end - e.start >= 3 and set(vec.text[e.start:e.end]) <= _DIGIT_CHARS
                              for e in missing):
        return False
    spans = [(e.start, e.end) for e in missing]
    rest = [e for e in vec.expected if e not in missing]
    other = [g for g in vs.view(got) if not any(g.start < b and a < g.end for a, b in spans)]
    return compare(dataclasses.replace(vec, expected=rest, negative=not rest), other, False, vs.fields)


def _conv_direct_mode(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    s, e = _trim(vec.text)
    return vec.meta.get("modes") == ["direct"] and not any((g.start, g.end) == (s, e) for g in got)


def _conv_ordinal(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """cn2an.transform converts ordinals (第二天 → 第2天); an ordinal is not a numeral to count."""
    missing = [e for e in vec.expected if vec.text[e.start - 1 : e.start] == "第"
               and not any((g.start, g.end) == (e.start, e.end) for g in got)]
    if not missing:
        return False
    rest = [e for e in vec.expected if e not in missing]
    return compare(dataclasses.replace(vec, expected=rest, negative=not rest), vs.view(got), False, vs.fields)


def _conv_date_and_ordinal(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """Both at once (二〇〇二年的第一场雪): every missed numeral is a date part or an ordinal."""
    missing = [e for e in vec.expected
               if not any((g.start, g.end) == (e.start, e.end) and same_number(g.value, e.value) for g in got)]
    if not missing or not all(vec.text[e.end:e.end + 1] in _DATE_AFTER or vec.text[e.start - 1:e.start] == "第"
                              for e in missing):
        return False
    if not any(vec.text[e.start - 1:e.start] == "第" for e in missing) \
            or all(vec.text[e.start - 1:e.start] == "第" for e in missing):
        return False  # one kind alone is its own convention
    rest = [e for e in vec.expected if e not in missing]
    spans = {(e.start, e.end) for e in missing}
    other = [g for g in vs.view(got) if not any(g.start < e and s < g.end for s, e in spans)]
    return compare(dataclasses.replace(vec, expected=rest, negative=not rest), other, False, vs.fields)


def _conv_duckling_classifier(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    s, e = _trim(vec.text)
    if e - s < 2 or vec.text[e - 1] not in "个個":
        return False
    inner = dataclasses.replace(vec.expected[0], end=e - 1)
    return any((g.start, g.end) == (s, e - 1) and fields_match(inner, g, vs.fields) for g in got)


def _conv_bare_currency(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """RT reports a currency name with no amount (``人民币 美元``) as a currency item."""
    if not any(e.value is None for e in vec.expected):
        return False
    rest = [e for e in vec.expected if e.value is not None]
    return compare(dataclasses.replace(vec, expected=rest, negative=not rest), vs.view(got), False, vs.fields)


_RT_BIT = {"Bit", "Kilobit", "Megabit"}


def _conv_rt_bit(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    """RT reads 位 as a Bit (一位 = 1 bit); in Chinese news 位 counts people/places (第七位, 18位博士)."""
    if not any(e.unit in _RT_BIT and vec.text[e.end - 1] == "位" for e in vec.expected):
        return False
    rest = [e for e in vec.expected if not (e.unit in _RT_BIT and vec.text[e.end - 1] == "位")]
    return compare(dataclasses.replace(vec, expected=rest, negative=not rest), vs.view(got), False, vs.fields)


# Vectors whose own expectation we doubt: id -> (why, the other reading as (start, end, value, value_max)).
# A system giving exactly the other reading is counted "convention: disputed", never "pass".
DISPUTED: dict[str, tuple[str, list[tuple[int, int, str, str | None]]]] = {
    "jionlp-money-parser:0047": ("八到九百亿 is 800亿–900亿 (the multiplier 百亿 is shared); JioNLP expects 8亿–900亿",
                                 [(0, 7, "80000000000", "90000000000")]),
    "rt-number:0000": ("两百点两 reads as 200.2 (点两 = .2, cf. 一点两); RT expects two numbers 200 and 2",
                       [(0, 4, "200.2", None)]),
    "rt-number:0001": ("一点两小时 reads as 1.2 hours; RT expects two numbers 1 and 2", [(0, 3, "1.2", None)]),
    "nemo-number:cardinal:089": ("一千一百一 ends in the colloquial 一百一 = 110 (cn2an's 一百二 = 120), so 100011110; "
                                 "NeMo reads the last 一 as 1", [(0, 10, "100011110", None)]),
    "nemo-money:money:010": ("一千五万元 is colloquial 1500万 (一千五 = 1500) at least as often as NeMo's 1005万",
                             [(0, 5, "15000000", None)]),
}


def _conv_disputed(vec: Vector, got: list[Item], vs: VectorSet) -> bool:
    if vec.id not in DISPUTED:
        return False
    alt = [dataclasses.replace(vec.expected[0] if vec.expected else Item(0, 0, None), start=a, end=b, value=dec(v),
                               value_max=dec(m)) for a, b, v, m in DISPUTED[vec.id][1]]
    other = dataclasses.replace(vec, expected=alt, negative=False)
    fields = vs.fields.replace("a", "")  # JioNLP's 'about' on ranges is a separate, listed convention
    return compare(other, vs.view(got), vs.whole, fields)


CONV_DISPUTED = Convention(
    "disputed",
    "the vector's own expectation is doubtful and the system gives the other reading (see DISPUTED for each id)",
    _conv_disputed,
)
CONV_DUCKLING_DOLLAR = Convention(
    "duckling-dollar",
    "Duckling labels bare 块/元/蚊 'Dollar' (and 毛/角/分 'Cent'): the local currency unit, i.e. 元 / 0.01 元",
    _conv_duckling_dollar,
)
CONV_OPEN_RANGE = Convention(
    "open-range",
    "JioNLP closes 3000多 / 十几 to a range (3000–4000); innovext keeps value 3000 + approx over",
    _conv_open_range,
)
CONV_RANGE_ABOUT = Convention(
    "range-blur",
    "JioNLP marks every range 'blur' (approx about); an explicit range (1万-5万元) is exact for innovext",
    _conv_range_about,
)
CONV_BARE_MONEY = Convention(
    "bare-number-money",
    "JioNLP's parse_money assumes 元 for a bare number (三百万); a number without a currency word is not money",
    _conv_bare_money,
)
CONV_NUMBER_IN_PERCENT = Convention(
    "number-of-percent",
    "RT NumberModel returns the bare number of a percent (六个百分点 → 6); the numeral layer keeps the percent form",
    _conv_number_in_percent,
)
CONV_DATE_PARTS = Convention(
    "date-parts",
    "the vector counts the numbers inside dates/clock times (1991年1月16日, 二零零一年三月四日); dates are not "
    "quantities (SCHEMA), so a numeral layer may skip them",
    _conv_date_parts,
)
CONV_PP = Convention(
    "percentage-points",
    "RT folds 个百分点 (percentage points) into %; innovext keeps the unit 个百分点 (a change, not a share)",
    _conv_percentage_points,
)
CONV_RANGE_END = Convention(
    "range-end",
    "RT returns only the end of a range (5-20% → 20%); innovext returns the range (value 5, value_max 20)",
    _conv_range_end,
)
CONV_MARKER = Convention(
    "marker-in-span",
    "RT leaves approximation markers outside the span (近一吨 → 一吨, 四百多 → 四百); SCHEMA spans include them",
    _conv_marker_in_span,
)
CONV_VAGUE_RANGE = Convention(
    "vague-range",
    "RT expects nothing for 二三十个百分点 / 百分之二三十; innovext reads two adjacent digits as a range (20–30), "
    "as for 五六百元 (issue 3)",
    _conv_vague_range,
)
CONV_RELATIVE_DURATION = Convention(
    "relative-duration",
    "Duckling resolves 三天后 / 前两年 to a time; innovext reports the duration inside it (3天, 2年) as a quantity",
    _conv_relative_duration,
)
CONV_DIGIT_STRING = Convention(
    "digit-string",
    "a speech normaliser writes digit-by-digit strings (phone/ID numbers, 幺二三零六) as digits; they are codes, "
    "not quantities",
    _conv_digit_string,
)
CONV_DIRECT = Convention(
    "cn2an-direct",
    "digit-by-digit strings (零零三, 二〇〇二, 幺八九) are read only in cn2an's 'direct' mode (codes, years)",
    _conv_direct_mode,
)
CONV_CLASSIFIER = Convention(
    "duckling-classifier",
    "Duckling folds the classifier 个 into the numeral (零个 = 0); the numeral itself is found with its value",
    _conv_duckling_classifier,
)
CONV_ORDINAL = Convention(
    "ordinal",
    "cn2an.transform converts ordinals (第二天 → 第2天, 第一场 → 第1场); ordinals are not quantities (SCHEMA)",
    _conv_ordinal,
)
CONV_DATE_ORDINAL = Convention(
    "date-and-ordinal",
    "a sentence with both a date and an ordinal (二〇〇二年的第一场雪): the two listed conventions together",
    _conv_date_and_ordinal,
)
CONV_BARE_CURRENCY = Convention(
    "bare-currency-name",
    "RT reports a currency name without an amount (人民币, 美元) as a currency; only amounts are quantities",
    _conv_bare_currency,
)
CONV_RT_BIT = Convention(
    "rt-bit",
    "RT reads 位 as Bit (一位 = 1 bit); in Chinese 位 is a classifier for people and ranks",
    _conv_rt_bit,
)


# --------------------------------------------------------------------------- sets


def _view_all(items: list[Item]) -> list[Item]:
    return items


def _view_numbers(items: list[Item]) -> list[Item]:
    """Numerals (a quantity's numeral is reported by the numeral layer, not the quantity)."""
    return [i for i in items if i.source != "quantity"]


def _view_percent(items: list[Item]) -> list[Item]:
    return [i for i in items if i.kind == "percent" or canon(i.unit)[0] in ("%", "pp")]


def _view_money(items: list[Item]) -> list[Item]:
    return [i for i in items if i.kind == "money" or canon(i.unit)[0].startswith("money:")]


def _view_measure(items: list[Item]) -> list[Item]:
    return [i for i in items if i.kind in ("area", "weight", "length", "other", "dimension")
            or canon(i.unit)[0] in PHYSICAL]


@dataclasses.dataclass
class VectorSet:
    """One set of vectors, how innovext and each peer are run on it, and what counts as a pass."""

    name: str
    title: str
    path: str  # relative to the vectors directory
    loader: Callable[[Path, str], list[Vector]]
    whole: bool  # whole-string (Duckling-style) or span comparison
    fields: str  # see fields_match
    innovext_layers: str  # "n" numerals, "q" quantities, "nq" both
    view: Callable[[list[Item]], list[Item]]
    peers: dict[str, Callable[[str], list[Item]]]
    conventions: tuple[Convention, ...] = ()
    rule: str = ""  # what a pass means, printed with the results
    files: tuple[str, ...] = ()  # when ``path`` is a folder: the files read from it

    def paths(self) -> list[str]:
        """The vector files of this set, relative to the vectors folder."""
        return [f"{self.path}/{f}" for f in self.files] if self.files else [self.path]

    def load(self, root: Path) -> list[Vector]:
        return self.loader(root / self.path, self.name)


_RT = "recognizers-text/Specs"
SETS: list[VectorSet] = [
    VectorSet(
        "rt-number", "Recognizers-Text Chinese NumberModel", f"{_RT}/Number/Chinese/NumberModel.json",
        lambda p, n: load_rt(p, n, "number"), False, "v", "n", _view_numbers,
        {"recognizers": rt_items("number")}, (CONV_NUMBER_IN_PERCENT, CONV_DATE_PARTS, CONV_MARKER, CONV_DISPUTED),
        "every number: same spans (End+1), same values; no extra numbers",
    ),
    VectorSet(
        "rt-percent", "Recognizers-Text Chinese PercentModel", f"{_RT}/Number/Chinese/PercentModel.json",
        lambda p, n: load_rt(p, n, "percent"), False, "vu", "q", _view_percent,
        {"recognizers": rt_items("percent")}, (CONV_PP, CONV_RANGE_END, CONV_MARKER, CONV_VAGUE_RANGE),
        "every percentage: same spans, same value in %; no extra percentages",
    ),
    VectorSet(
        "rt-currency", "Recognizers-Text Chinese CurrencyModel", f"{_RT}/NumberWithUnit/Chinese/CurrencyModel.json",
        lambda p, n: load_rt(p, n, "currency"), False, "vu", "q", _view_money,
        {"recognizers": rt_items("currency"), "jionlp": jio_extract}, (CONV_BARE_CURRENCY, CONV_RANGE_END, CONV_MARKER),
        "every amount: same spans, same value, same currency; no extra money",
    ),
    VectorSet(
        "rt-dimension", "Recognizers-Text Chinese DimensionModel",
        f"{_RT}/NumberWithUnit/Chinese/DimensionModel.json",
        lambda p, n: load_rt(p, n, "dimension"), False, "vu", "q", _view_measure,
        {"recognizers": rt_items("dimension")}, (CONV_RT_BIT, CONV_RANGE_END, CONV_MARKER),
        "every measure: same spans, same value after unit conversion; no extra measures",
    ),
    VectorSet(
        "duckling-numeral", "Duckling ZH numeral corpus", "duckling/numeral.jsonl",
        load_duckling, True, "v", "nq", _view_all,
        {"cn2an": cn2an_whole, "recognizers": rt_items("number")}, (CONV_CLASSIFIER,),
        "one numeral covering the whole string with the value",
    ),
    VectorSet(
        "duckling-money", "Duckling ZH amount_of_money corpus", "duckling/amount_of_money.jsonl",
        load_duckling, True, "vumaA", "q", _view_money,
        {"jionlp": jio_parse, "recognizers": rt_items("currency")}, (CONV_DUCKLING_DOLLAR,),
        "one money item covering the whole string: value, range end, currency, bound (至少→over, 最多→under)",
    ),
    VectorSet(
        "duckling-distance", "Duckling ZH distance corpus", "duckling/distance.jsonl",
        load_duckling, True, "vumaA", "q", _view_all,
        {"recognizers": rt_items("dimension")}, (),
        "one quantity covering the whole string: value after unit conversion, range end, bound",
    ),
    VectorSet(
        "duckling-volume", "Duckling ZH volume corpus", "duckling/volume.jsonl",
        load_duckling, True, "vumaA", "q", _view_all,
        {"recognizers": rt_items("dimension")}, (),
        "one quantity covering the whole string: value after unit conversion, range end, bound",
    ),
    VectorSet(
        "duckling-quantity", "Duckling ZH quantity (weight) corpus", "duckling/quantity.jsonl",
        load_duckling, True, "vumaA", "q", _view_all,
        {"recognizers": rt_items("dimension")}, (),
        "one quantity covering the whole string: value after unit conversion",
    ),
    VectorSet(
        "duckling-time", "Duckling ZH time corpus, as negatives", "duckling/time.jsonl",
        load_duckling_time, False, "", "q", _view_all,
        {}, (CONV_RELATIVE_DURATION,),
        "no quantity at all: dates and clock times are not quantities (no peer run: none of them has a "
        "quantity extractor to hold to this)",
    ),
    VectorSet(
        "cn2an", "cn2an unit tests (cn2an.jsonl)", "cn2an/cn2an.jsonl",
        load_cn2an, True, "v", "nq", _view_all,
        {"cn2an": cn2an_whole, "recognizers": rt_items("number")}, (CONV_DIRECT,),
        "a numeral covering the whole string with the value; strings cn2an's tests reject (strict mode) and give no "
        "value for in any mode: none covers it "
        "(cn2an run in 'smart' mode)",
    ),
    VectorSet(
        "cn2an-transform", "cn2an transform() sentence tests (transform.jsonl, method cn2an)", "cn2an/transform.jsonl",
        load_cn2an_transform, False, "v", "n", _view_numbers,
        {"cn2an": cn2an_transform}, (CONV_ORDINAL, CONV_DATE_PARTS, CONV_DATE_ORDINAL),
        "the numerals cn2an's test converts (recovered by diffing input and expected output), same spans and "
        "values, none where it converts none (大陆, 半岛, 两岸关系); the 2 direct-mode sentences are left out",
    ),
    VectorSet(
        "wetext-number", "WeTextProcessing ITN cardinal/number/fraction cases",
        "wetextprocessing/itn/chinese/test/data",
        load_wetext_numbers, False, "vm", "n", _view_numbers,
        {"cn2an": cn2an_transform, "recognizers": rt_items("number")}, (CONV_DIGIT_STRING, CONV_DISPUTED),
        "the numerals the normaliser writes as digits (recovered by diffing input and output): same spans, values "
        "and range ends (三五百 → 300–500, 十五六 → 15–16)",
        files=_WETEXT_NUMBER_FILES,
    ),
    VectorSet(
        "wetext-money", "WeTextProcessing ITN money cases", "wetextprocessing/itn/chinese/test/data",
        load_wetext_money, True, "vum", "q", _view_money,
        {"jionlp": jio_parse, "recognizers": rt_items("currency")}, (CONV_RANGE_ABOUT,),
        "one money item covering the whole string: value, range end, currency (¥ = 元, $ = 美元 …)",
        files=_WETEXT_MONEY_FILES,
    ),
    VectorSet(
        "nemo-number", "NeMo ITN cardinal/decimal/fraction cases",
        "nemo-text-processing/tests/nemo_text_processing/zh/data_inverse_text_normalization",
        load_nemo_numbers, True, "v", "nq", _view_all,
        {"cn2an": cn2an_whole, "recognizers": rt_items("number")}, (CONV_DISPUTED,),
        "one numeral covering the whole string with the value (1,000万 = 10000000, 3又1/5 = 3.2)",
        files=_NEMO_NUMBER_FILES,
    ),
    VectorSet(
        "nemo-money", "NeMo ITN money cases (7 currencies)",
        "nemo-text-processing/tests/nemo_text_processing/zh/data_inverse_text_normalization",
        load_nemo_money, True, "vu", "q", _view_money,
        {"jionlp": jio_parse, "recognizers": rt_items("currency")}, (CONV_DISPUTED,),
        "one money item covering the whole string: value and currency (US$ = 美元, ₩ = 韩元 …)",
        files=_NEMO_MONEY_FILES,
    ),
    VectorSet(
        "jionlp-money-parser", "JioNLP parse_money tests", "jionlp/money_parser.jsonl",
        load_jio_parser, True, "vuma", "nq", _view_money,
        {"jionlp": jio_parse, "recognizers": rt_items("currency")},
        (CONV_OPEN_RANGE, CONV_RANGE_ABOUT, CONV_BARE_MONEY, CONV_DISPUTED),
        "one money item covering the whole string: value, range end, currency, approx",
    ),
    VectorSet(
        "jionlp-money-extractor", "JioNLP extract_money tests", "jionlp/money_extractor.jsonl",
        load_jio_extractor, False, "", "q", _view_money,
        {"jionlp": jio_extract, "recognizers": rt_items("currency")}, (),
        "the money spans exactly (no values in these vectors); none in the 5 sentences without money",
    ),
]
SET_BY_NAME = {s.name: s for s in SETS}


# --------------------------------------------------------------------------- running


@dataclasses.dataclass
class Outcome:
    vector: Vector
    status: str  # pass / convention / fail / n/a
    reason: str = ""  # convention name, or why the system could not run
    got: list[Item] = dataclasses.field(default_factory=list)


def classify(vs: VectorSet, vec: Vector, got_all: list[Item]) -> Outcome:
    """pass / convention (first matching listed convention) / fail."""
    got = vs.view(got_all)
    if compare(vec, got, vs.whole, vs.fields):
        return Outcome(vec, "pass", got=got)
    for conv in vs.conventions:
        try:
            if conv.test(vec, got_all, vs):
                return Outcome(vec, "convention", conv.name, got=got)
        except Exception:  # a convention test must never turn a failure into a crash
            continue
    return Outcome(vec, "fail", diagnose(vec, got, vs.whole, vs.fields), got=got)


def run_system(vs: VectorSet, vectors: Sequence[Vector], system: str) -> list[Outcome]:
    """Every vector of one set through one system (``innovext`` or a peer name)."""
    if system == INNOVEXT:
        def fn(text: str) -> list[Item]:
            return innovext_items(text, vs.innovext_layers)
    else:
        peer_fn = vs.peers[system]
        key = f"{system}.{peer_fn.__qualname__}.{id(peer_fn)}"

        def fn(text: str) -> list[Item]:
            return _timed(system, key, text, peer_fn)
    out = []
    for vec in vectors:
        try:
            got = fn(vec.text)
        except Unavailable as exc:
            out.append(Outcome(vec, "n/a", str(exc)))
            continue
        except Exception as exc:  # a crash on one vector is a failure of that vector, reported
            out.append(Outcome(vec, "fail", f"crash: {type(exc).__name__}: {exc}"[:120]))
            continue
        out.append(classify(vs, vec, got))
    return out


def vectors_dir(arg: str | None) -> Path:
    """``--vectors`` if given, else the shared external folder when present, else the copies in tests/."""
    if arg:
        return Path(arg)
    env = os.environ.get("INNOVEXT_VECTORS")
    if env:
        return Path(env)
    return SHARED if SHARED.is_dir() else COPIED


def innovext_passes(root: Path = COPIED, names: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Ids of the vectors innovext passes today, per set (used by the ratchet test)."""
    result = {}
    for vs in SETS:
        if names is not None and vs.name not in names:
            continue
        outcomes = run_system(vs, vs.load(root), INNOVEXT)
        result[vs.name] = sorted(o.vector.id for o in outcomes if o.status == "pass")
    return result


def load_baseline(path: Path = BASELINE) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: list(v) for k, v in data.get("pass", {}).items()}


def write_baseline(passes: dict[str, list[str]], path: Path = BASELINE) -> None:
    data = {
        "about": "Vectors innovext passes (benchmarks/vectors.py); tests/test_vectors.py fails if one stops "
        "passing. Refresh with: python -m benchmarks.vectors --update-baseline",
        "pass": {k: sorted(v) for k, v in sorted(passes.items())},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- report


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "   - "


def _cell(outcomes: list[Outcome]) -> str:
    n = len(outcomes)
    c = Counter(o.status for o in outcomes)
    if c["n/a"] == n:
        return "n/a"
    return f"{_pct(c['pass'], n)} {c['pass']}/{c['convention']}/{c['fail'] + c['n/a']}"


def _show_items(text: str, items: list[Item]) -> str:
    return "; ".join(i.show(text) for i in items) or "(nothing)"


def report(
    results: dict[str, dict[str, list[Outcome]]],
    failures: int,
    failures_of: str,
    out: Any,
    categories: set[str] | None = None,
) -> None:
    systems = [INNOVEXT, "recognizers", "jionlp", "cn2an"]
    w = 24
    print("\n== Pass rates (pass% pass/convention/fail; a blank cell = peer not run on that set)", file=out)
    print(f"{'set':<24} {'n':>4}  " + "".join(f"{s:<{w}}" for s in systems), file=out)
    for vs in SETS:
        if vs.name not in results:
            continue
        row = results[vs.name]
        n = len(next(iter(row.values())))
        cells = "".join(f"{(_cell(row[s]) if s in row else ''):<{w}}" for s in systems)
        print(f"{vs.name:<24} {n:>4}  {cells}", file=out)
    print("\n== innovext vs each peer on the sets they share: pass counts, strict and with the listed conventions",
          file=out)
    print(f"  {'set':<24} {'peer':<12} {'innovext':>8} {'peer':>6}  strict   {'innovext+conv':>13} {'peer+conv':>9}  "
          "with conventions", file=out)
    for vs in SETS:
        row = results.get(vs.name)
        if not row or INNOVEXT not in row:
            continue
        ic = Counter(o.status for o in row[INNOVEXT])
        for peer in vs.peers:
            if peer in row and not all(o.status == "n/a" for o in row[peer]):
                pc = Counter(o.status for o in row[peer])
                strict = "≥" if ic["pass"] >= pc["pass"] else "<"
                loose_i, loose_p = ic["pass"] + ic["convention"], pc["pass"] + pc["convention"]
                loose = "≥" if loose_i >= loose_p else "<"
                print(f"  {vs.name:<24} {peer:<12} {ic['pass']:>8} {pc['pass']:>6}  {strict:^6}   {loose_i:>13} "
                      f"{loose_p:>9}  {loose:^16}", file=out)

    print("\n== Conventions that differ (counted apart from pass and fail, per system)", file=out)
    for vs in SETS:
        row = results.get(vs.name)
        if not row:
            continue
        for conv in vs.conventions:
            counts = {s: sum(o.reason == conv.name for o in row[s]) for s in row}
            if any(counts.values()):
                per = ", ".join(f"{s} {n}" for s, n in counts.items() if n)
                print(f"  {vs.name:<22} {conv.name:<20} {per:<28} {conv.reason}", file=out)
        if not vs.conventions:
            continue

    shown = [(k, v[0]) for k, v in DISPUTED.items() if k.split(":")[0] in results]
    if shown:
        print("\n== Disputed vectors (their expectation looks wrong to us; a system giving the other reading is "
              "counted 'convention: disputed')", file=out)
        for k, why in shown:
            print(f"  {k:<28} {why}", file=out)

    print("\n== What a pass means, per set", file=out)
    for vs in SETS:
        if vs.name in results:
            print(f"  {vs.name:<24} {vs.rule}", file=out)
            row = results[vs.name]
            ns = [o for o in next(iter(row.values())) if "python" in o.vector.note]
            if ns:
                print(f"  {'':<24} ({len(ns)} of these vectors are marked NotSupported for Python by Recognizers-Text "
                      "itself; they are counted like the others)", file=out)
    print("  Duckling itself is a Haskell program and cannot be installed here: its corpus is the oracle and the\n"
          "  Python peers that parse the same strings (cn2an, JioNLP parse_money, Recognizers-Text) are run on it.",
          file=out)

    unavailable = {(s, o.reason) for row in results.values() for s, outs in row.items() for o in outs
                   if o.status == "n/a"}
    if unavailable:
        print("\n== Not run", file=out)
        for s, why in sorted(unavailable):
            print(f"  {s}: {why}", file=out)

    print("\n== Speed (chars/s over the inputs each system parsed; vectors are short strings)", file=out)
    for s in systems:
        if _TIMES[s]:
            init = f", first import/init {_INIT[s]:.2f} s" if s in _INIT else ""
            print(f"  {s:<12} {_CHARS[s] / _TIMES[s]:>12,.0f} chars/s  ({_CHARS[s]:,} chars in {_TIMES[s]:.2f} s"
                  f"{init})", file=out)

    print("\n== innovext failures by category (missed: nothing there; span: overlapping item with other bounds; "
          "value/unit/range/approx: same span, that field differs; extra: an item nobody expects; "
          "not-rejected: a string that must be rejected was read whole)", file=out)
    for vs in SETS:
        row = results.get(vs.name)
        if not row or INNOVEXT not in row:
            continue
        cats = Counter(c for o in row[INNOVEXT] if o.status == "fail" for c in (o.reason or "?").split(","))
        if cats:
            print(f"  {vs.name:<24} " + ", ".join(f"{k} {n}" for k, n in cats.most_common()), file=out)

    if failures:
        print(f"\n== Failures of {failures_of} (up to {failures} per set; 'convention' ones listed after)", file=out)
        for vs in SETS:
            row = results.get(vs.name)
            if not row or failures_of not in row:
                continue
            bad = [o for o in row[failures_of] if o.status == "fail"
                   and (not categories or categories & set((o.reason or "").split(",")))]
            conv = [o for o in row[failures_of] if o.status == "convention" and not categories]
            if not bad and not conv:
                continue
            print(f"\n-- {vs.name}: {len(bad)} fail, {len(conv)} convention  [{vs.rule}]", file=out)
            for o in (bad[:failures] + conv[: max(0, failures - len(bad))]):
                v = o.vector
                tag = "FAIL" if o.status == "fail" else f"CONV {o.reason}"
                note = f"  ({v.note})" if v.note else ""
                extra = f"  [{o.reason}]" if o.status == "fail" and o.reason else ""
                print(f"{v.id}  {tag}{note}{extra}", file=out)
                print(f"    input    : {v.text!r}", file=out)
                exp = "(nothing)" if v.negative and not v.expected else _show_items(v.text, v.expected)
                if vs.whole and v.negative:
                    exp = "(rejected: nothing may cover the whole string)"
                print(f"    expected : {exp}", file=out)
                print(f"    {failures_of:<9}: {_show_items(v.text, o.got)}", file=out)


def running_text_speed(root: Path, systems: list[str], repeat: int = 1) -> list[tuple[str, str, float, int]]:
    """chars/s of each system on one long text (all span-set inputs joined, ``repeat`` times).

    The per-vector figures above are dominated by per-call overhead on 2–20 character strings;
    this is the throughput on running text. Each system runs what it would run on news text:
    innovext numerals + quantities, Recognizers-Text's four models, JioNLP extract_money,
    cn2an.transform.
    """
    lines = []
    for vs in SETS:
        if not vs.whole and vs.name != "duckling-time":
            lines += [v.text for v in vs.load(root)]
    text = "。\n".join(lines * repeat)
    jobs: dict[str, tuple[str, Callable[[str], Any]]] = {
        INNOVEXT: ("numerals + quantity facts", lambda t: innovext_items(t, "nq")),
        "recognizers": ("number+percent+currency+dimension models",
                        lambda t: [m.parse(t) for m in PEERS["recognizers"].get().values()]),
        "jionlp": ("ner.extract_money", lambda t: PEERS["jionlp"].get().ner.extract_money(t)),
        "cn2an": ("transform(text, 'cn2an')", lambda t: PEERS["cn2an"].get().transform(t, "cn2an")),
    }
    out = []
    for system in systems:
        what, fn = jobs[system]
        peer = PEERS.get(system)
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    with localcontext(peer.context if peer and peer.context else Context()):
                        fn("预热 3万多家。")  # import / first-call costs are reported separately
                        t0 = time.perf_counter()
                        fn(text)
                        elapsed = time.perf_counter() - t0
        except Unavailable:
            continue
        out.append((system, what, len(text) / elapsed, len(text)))
    return out


def run_all(root: Path, names: list[str] | None, systems: list[str]) -> dict[str, dict[str, list[Outcome]]]:
    results: dict[str, dict[str, list[Outcome]]] = {}
    for vs in SETS:
        if names and vs.name not in names:
            continue
        vectors = vs.load(root)
        row = {}
        for system in systems:
            if system == INNOVEXT or system in vs.peers:
                row[system] = run_system(vs, vectors, system)
        results[vs.name] = row
    return results


def manifest(root: Path) -> dict[str, str]:
    """sha1 of every vector file the sets read (shows the copies equal the shared originals)."""
    out = {}
    for vs in SETS:
        for rel in vs.paths():
            p = root / rel
            if p.exists():
                out[rel] = hashlib.sha1(p.read_bytes()).hexdigest()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.vectors", description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", dest="sets", metavar="NAME",
                    help=f"run only this set (repeatable): {', '.join(SET_BY_NAME)}")
    ap.add_argument("--failures", type=int, default=0, metavar="N", help="list up to N failures per set")
    ap.add_argument("--failures-of", default=INNOVEXT, help="whose failures to list (innovext or a peer name)")
    ap.add_argument("--category", help="list only failures of these categories, e.g. missed,span,value,extra")
    ap.add_argument("--no-peers", action="store_true", help="run innovext only")
    ap.add_argument("--vectors", help="vector folder (default: ../shared/external if present, else tests/vectors)")
    ap.add_argument("--no-speed", action="store_true", help="skip the running-text throughput measurement")
    ap.add_argument("--json", metavar="PATH", help="also write per-vector outcomes as JSON lines")
    ap.add_argument("--update-baseline", action="store_true",
                    help="add innovext's new passes to tests/vectors/expected_pass.json (a vector that passed before "
                    "stays recorded, so the ratchet test keeps failing on it, unless --accept-regressions)")
    ap.add_argument("--accept-regressions", action="store_true", help="with --update-baseline: allow dropping ids")
    args = ap.parse_args(argv)
    unknown = [s for s in args.sets or [] if s not in SET_BY_NAME]
    if unknown:
        ap.error(f"unknown set(s) {unknown}; choose from {list(SET_BY_NAME)}")

    if args.update_baseline:
        root = Path(args.vectors) if args.vectors else COPIED
        current = innovext_passes(root, args.sets)
        old = load_baseline()
        lost = {k: sorted(set(old.get(k, [])) - set(v)) for k, v in current.items()}
        lost = {k: v for k, v in lost.items() if v}
        if args.accept_regressions:
            merged = {**old, **current}
        else:  # the ratchet only tightens: new passes are added, ids that fail now stay recorded
            merged = {**old, **{k: sorted(set(old.get(k, [])) | set(v)) for k, v in current.items()}}
        write_baseline(merged)
        print(f"baseline written to {BASELINE.relative_to(REPO)}: "
              + ", ".join(f"{k} {len(v)}" for k, v in sorted(merged.items())))
        if lost:
            verb = "dropped (--accept-regressions)" if args.accept_regressions else "KEPT, and failing now"
            print(f"these vectors passed before and fail now; {verb}:")
            for k, v in lost.items():
                print(f"  {k}: {', '.join(v)}")
            return 0 if args.accept_regressions else 1
        return 0

    root = vectors_dir(args.vectors)
    systems = [INNOVEXT] if args.no_peers else [INNOVEXT, "recognizers", "jionlp", "cn2an"]
    print(f"innovext vs peers on external vectors from {root}")
    vers = ", ".join(f"{p.name} {p.version()}" for p in PEERS.values())
    print(f"peers: {vers}; duckling: not installable here (Haskell, no Python package) — its corpus is the oracle")
    results = run_all(root, args.sets, systems)
    cats = set(args.category.split(",")) if args.category else None
    report(results, args.failures, args.failures_of, sys.stdout, cats)
    if not args.no_speed and not args.sets:
        print("\n== Speed on running text (all span-set inputs joined with 。; one call per system)")
        for system, what, cps, n in running_text_speed(root, systems):
            print(f"  {system:<12} {cps:>12,.0f} chars/s  ({n:,} chars; {what})")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            for name, row in results.items():
                for system, outs in row.items():
                    for o in outs:
                        fh.write(json.dumps({"set": name, "system": system, "id": o.vector.id, "status": o.status,
                                             "reason": o.reason, "input": o.vector.text}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
