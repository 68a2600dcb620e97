"""People with roles: ``穆棱市工信局副局长朱毓靓``, ``胡正寰院士``, ``记者李家鸣``, ``陈章升/摄``.

Why rules and not a statistical tagger: news taggers find names but tag places
(``穆棱``) and companies as people and never attach titles. Here every person
mention is *anchored* on a role word (titles.tsv) or a byline form, so a name is
only proposed where the text says who the person is; the name itself is a
surname (surnames.txt) plus one or two given-name characters, cut short before
a verb or function word (person_stopwords.tsv) so ``朱毓靓表示`` gives ``朱毓靓``
and ``孟来介绍`` gives ``孟来``.

Patterns (the ``rule`` field names them):

* ``org+title+name`` – ``[org][title(、title)*][ ]name``; the organisation is
  the text right before the titles, ending with an organisation suffix
  (person_org_suffixes.tsv) and starting after the last boundary word
  (person_org_left.tsv): ``由长治市委书记陈耳东`` -> org ``长治市委``.
* ``title、org+name`` – ``中国科学院院士、浙江大学叶志镇``.
* ``name+title`` – ``胡正寰院士``, ``徐云生教授`` (titles marked ``after``).
* bylines – ``X/摄`` (``摄影``), an author line of names only (``作者``), a
  closing ``(宋康明)`` / ``(记者李家鸣)``, a role and a run of names
  (``本报记者  王乐文  方  敏  朱佩娴``: People's Daily pads two-character names
  to three, ``方  敏`` is the name 方敏 with the span as written; ``本期统筹:X``).
  An outlet before the role is not part of the title: ``本报记者`` -> ``记者``.
* names the surname table does not cover, only right after a title: a
  transliteration with ``·``/``-`` (亚森江·吾甫尔), or two or three characters
  closed by a verb of saying (泽郎介绍) or speaking again nearby (依明江…依明江说).
* a bare generic organisation (县委, 农场, 该基金) is no ``org``; a Latin brand
  (vivo), a company ending (证券, 制药, 酒庄) or a company plus a department
  (国信证券医药行业) is.

``org_resolved``: a generic head (``公司``, ``该公司`` …) is replaced by the
company in focus (``ctx.state["org_focus"]`` from the organisation extractor,
else its organisation facts, else the nearest preceding ``…有限公司``), a
declared alias by its full name (``ctx.state["org_aliases"]``).
"""

from __future__ import annotations

import array
import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from ..facts import Fact, Person
from ..pipeline import Context
from ..resources import read_lines, read_tsv
from ..tokenize import _import_posseg, get_segmenter


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, once per process (perf: ``regex.match(str, …)`` pays a ~40 µs cache lookup per call)."""
    return regex.compile(pattern)


NAME = "person"
ORDER = 30

__all__ = ["NAME", "ORDER", "extract", "read_name"]

# How far back an organisation written before a title may reach.
_ORG_MAX = 40
# How far back the company in focus is looked for (fallback without organisation facts).
_FOCUS_WINDOW = 4000
# Generic heads that stand for the organisation in focus (公司产品经理 -> the company).
_GENERIC_HEADS = ("该公司", "本公司", "公司", "该企业", "企业", "该集团", "集团")
_COMPANY_ENDINGS = ("股份有限公司", "有限责任公司", "有限公司", "集团")
# Dictionary frequencies (jieba's dict.txt) above which a candidate is a word, not a name:
# a whole candidate (江山 = 1224, 揭榜 = 10, 海归 = 3, 常委会 = 7079) unless the dictionary tags it
# ``nr`` (王建国 = 12, 林森 = 26), and the surname + first character of any name (王家洪 has
# 王家 = 979, 李家鸣 has 李家 = 443; 安全 = 9921, 申请 = 2869).
_WORD_FREQ_2 = 3
_WORD_FREQ_HEAD = 2000
# Previous character + first name character forming a word this frequent: the name starts inside it.
_WORD_FREQ_INSIDE = 100
# A would-be third name character + the next one forming a word this frequent (揭开 = 974): a verb.
_WORD_FREQ_VERB = 300
# A transliterated name does not start with a word this frequent (总统选举, 总统任期; 普京 = 171).
_WORD_FREQ_FOREIGN = 500
# Byline roles followed by a list of names (统筹 is also a verb: only before a colon).
_BYLINE_ROLES = r"(?:本报|本刊|本台|特约|见习|实习|摄影)?记者|(?:本报)?通讯员|实习生|(?:本期)?统筹(?=[ \t]*:)"
# Byline titles, and the longest outlet name written before them (证券时报记者, 每日经济新闻记者).
_BYLINE_TITLES = ("记者", "通讯员", "实习生", "摄影")
_OUTLET_MAX = 6
# Appointment words between an organisation and its title (X基金拟任基金经理).
_APPOINTMENT = ("拟任", "现任", "时任", "新任", "前任", "原任")
# Place endings that may also start the title written after them (长治市长 = 长治市 + 市长).
_SHARED_PLACE_CHARS = frozenset("市县区省州镇乡村旗")
# Characters that end a transliterated part after two characters or more: auxiliaries and
# 下 (下赛季) written right after a name; they are rare inside transliterations.
_TRANSLIT_AFTER = frozenset("下会正将被已")
# Institutions named between a title chain and a name (中国科学院院士、浙江大学叶志镇), and the
# most characters before their ending.
_TITLE_ORG_ENDS = ("大学", "学院", "研究院", "研究所", "科学院", "公司", "集团", "医院")
_TITLE_ORG_MAX = 20
# Roles before a colon or slash and a list of author names (文 -> 作者, 图 -> 摄影).
_AUTHOR_ROLES = ("作者", "文", "图", "记者", "通讯员", "本报记者")
# Outlet words dropped from a byline title: 本报记者 is a 记者 (SCHEMA: 记者李家鸣 -> 记者).
_OUTLETS = ("本报", "本刊", "本台")
# At most this many names in one byline, each token at most this long.
_BYLINE_NAMES = 8
# A classifier right before a "title" makes it a modifier (3个骨干冷链物流基地), not a role.
_CLASSIFIERS = frozenset("个项座条批类种只")
# Determiners and numerals that never start a name of unknown surname (主任一职).
_NOT_FIRST = frozenset("一二三四五六七八九十两几各每该本此这那其某")
# Organisations written as a bare generic word: no organisation (县委书记张成 -> org null).
_GENERIC_ORGS = frozenset(
    {"县委", "市委", "省委", "区委", "州委", "党委", "餐厅", "企业", "单位", "村", "镇", "乡"}
    | {"全市", "全县", "全省", "全区", "全镇", "全乡", "全村", "全国", "各市", "各县", "各区"}
)
# Institutions that a person "of" (X的) belongs to: 江西农业大学的罗志平教授.
_INSTITUTIONS = ("大学", "学院", "研究院", "研究所", "科学院", "工程院", "医院", "实验室", "中心")
# How far a name of unknown surname is looked for again, speaking (依明江说).
_REPEAT_WINDOW = 3000
# Aspect particles: the character before them is a verb (刘刚盯着), not a name character.
_ASPECT = ("着", "了", "过")


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so the longest title wins."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _trie(words: Iterable[str]) -> str:
    """The same language as ``_alt`` (longest match first), written as a character trie.

    Why: the title list has hundreds of entries and is tried at every position of
    the text; a trie tests each character once instead of every alternative.
    """
    root: dict[str, dict] = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional: the longer word is tried first, as in _alt.
        return f"(?:{body})?" if ends else body

    return "(?:" + build(root) + ")"


@functools.cache
def _han_class() -> str:
    """``\\p{Han}`` (as the ``regex`` module defines it) written as a character class for ``re``.

    perf: the stdlib ``re`` matches the long title tries with far less per-call
    overhead than ``regex``, but it has no script properties. The class is read
    off ``regex`` itself, so both agree on every character; the Han script lies in
    planes 0 to 3 (planes 4 to 13 are unassigned, 14 to 16 hold tags and private use).
    """
    chars = array.array("I", range(0x40000)).tobytes().decode("utf-32-le", "surrogatepass")
    spans = [m.span() for m in regex.finditer(r"\p{Han}+", chars)]
    return "[" + "".join(f"\\U{a:08x}-\\U{b - 1:08x}" for a, b in spans) + "]"


class _StartFilter(NamedTuple):
    """The first two characters of any match of ``heads{0,n} words`` (see ``_start_filter``)."""

    # Two characters that may start a match (a superset: any first, then any second character).
    scan: re.Pattern[str]
    # The pairs that do start one, and the first characters after which any character may follow.
    pairs: frozenset[str]
    any_second: frozenset[str]

    def at(self, text: str, i: int) -> bool:
        """True when a match may start at ``i``."""
        return text[i : i + 2] in self.pairs or text[i : i + 1] in self.any_second


def _start_filter(heads: Iterable[str], words: Iterable[str]) -> _StartFilter:
    """What the first two characters of any match of ``heads{0,n} words`` can be.

    perf: a match of the title chain starts with one of a few hundred character
    pairs; ``re`` finds the next pair of a possible first and a possible second
    character at C speed (two character classes), a set tells whether the pair
    is one of them, and only then is the chain (a regex call of microseconds)
    tried, instead of at every position. ``heads`` are optional words before
    ``words`` (the title prefixes); a one-character head may be followed by any
    head or word, a one-character word by anything.
    """
    heads, words = set(heads) - {""}, set(words) - {""}
    starts = {w[0] for w in heads | words}
    pairs: set[str] = set()
    any_second: set[str] = set()
    for w in heads | words:
        if len(w) >= 2:
            pairs.add(w[:2])
        if len(w) == 1 and w in heads:
            pairs.update(w + c for c in starts)
        if len(w) == 1 and w in words:
            any_second.add(w)
    seconds = "[" + "".join(re.escape(c) for c in sorted({p[1] for p in pairs})) + "]"
    # (A one-character word may also end the text: then the hit is one character.)
    scan = "[" + "".join(re.escape(c) for c in sorted(starts)) + "]" + ("(?s:.)?" if any_second else seconds)
    return _StartFilter(re.compile(scan), frozenset(pairs), frozenset(any_second))


@dataclass(frozen=True)
class _Tables:
    single: frozenset[str]
    compound: frozenset[str]
    rare: frozenset[str]
    verb_surnames: frozenset[str]
    before: tuple[str, ...]
    after: tuple[str, ...]
    foreign: frozenset[str]
    prefixes: tuple[str, ...]
    stops: tuple[str, ...]
    first_stops: tuple[str, ...]
    not_names: frozenset[str]
    org_suffixes: tuple[str, ...]
    org_left: tuple[str, ...]
    # perf: org_left by first character, so a run only tries the words whose first character it holds.
    org_left_by_first: dict[str, tuple[str, ...]]
    # Single characters that end organisations (局, 市, 院…): never the last character of a name.
    org_chars: frozenset[str]
    # Organisation endings of two characters or more (丰街道, 李家村委 are no names).
    long_suffixes: tuple[str, ...]
    # Multi-character endings of companies and institutions, which a department may follow.
    unit_heads: tuple[str, ...]


@functools.cache
def _tables() -> _Tables:
    rows = [line.split("\t") for line in read_lines("surnames.txt")]
    surnames = [r[0].strip() for r in rows]
    stops = read_tsv("person_stopwords.tsv")
    titles = read_tsv("titles.tsv")
    suffix_rows = read_tsv("person_org_suffixes.tsv")
    suffixes = tuple(r["suffix"] for r in suffix_rows)
    org_left = tuple(r["word"] for r in read_tsv("person_org_left.tsv") if r["word"])
    return _Tables(
        single=frozenset(s for s in surnames if len(s) == 1),
        compound=frozenset(s for s in surnames if len(s) == 2),
        rare=frozenset(r[0].strip() for r in rows if len(r) > 1 and r[1].strip() == "rare"),
        verb_surnames=frozenset(r["surname"] for r in read_tsv("person_verb_surnames.tsv")),
        before=tuple(r["title"] for r in titles if r["place"] in ("before", "both")),
        after=tuple(r["title"] for r in titles if r["place"] in ("after", "both")),
        foreign=frozenset(r["title"] for r in titles if r.get("foreign") == "yes"),
        prefixes=tuple(r["prefix"] for r in read_tsv("person_title_prefixes.tsv")),
        stops=tuple(r["word"] for r in stops),
        first_stops=tuple(r["word"] for r in stops if r["first"] != "no"),
        not_names=frozenset(r["word"] for r in read_tsv("person_not_names.tsv")),
        org_suffixes=tuple(sorted(suffixes, key=len, reverse=True)),
        org_left=org_left,
        org_left_by_first={c: tuple(w for w in org_left if w[0] == c) for c in {w[0] for w in org_left}},
        org_chars=frozenset(r["suffix"] for r in suffix_rows if r["name_end"] == "no"),
        long_suffixes=tuple(x for x in suffixes if len(x) > 1),
        unit_heads=tuple(
            r["suffix"]
            for r in suffix_rows
            if len(r["suffix"]) > 1 and r["kind"] in ("company", "bank", "university", "institute")
        ),
    )


@functools.cache
def _regexes() -> dict[str, regex.Pattern[str]]:
    """Compiled once per process, on first use (never at import time)."""
    t = _tables()
    first = "".join(sorted(t.single | {c[0] for c in t.compound}))
    one = rf"(?:{_trie(t.prefixes)}{{0,2}}{_trie(t.before)})"
    chain = rf"{one}(?:[、兼]{one}){{0,3}}"
    name3 = r"\p{Han}{2,4}"
    return {
        "one": regex.compile(one),
        "company_end": regex.compile(_trie(_COMPANY_ENDINGS)),
        "brand": regex.compile(r"[A-Za-z][A-Za-z0-9]{1,15}"),
        "dept": regex.compile(rf"{_trie(t.unit_heads)}(?P<dept>\p{{Han}}{{2,4}})\Z"),
        # Words after which a name stands right before a verb of saying (泽郎介绍, 訚硕说).
        "speech": regex.compile(_trie(_speech_verbs())),
        "title_end": regex.compile(rf"(?:{chain})\Z"),
        "stop": regex.compile(_trie(t.stops)),
        "company_tail": regex.compile(r"(?P<body>[\p{Han}A-Za-z0-9]{0,10}?)(?:有限公司|股份|集团|公司)"),
        "first_stop": regex.compile(_trie(t.first_stops)),
        "after": regex.compile(rf"(?<=\p{{Han}}){_trie(t.after)}"),
        # 中国科学院院士、浙江大学叶志镇: a title chain, then an institution and a name.
        "title_org": regex.compile(
            rf"(?<=、)(?P<org>\p{{Han}}{{2,{_TITLE_ORG_MAX}}}?(?:{'|'.join(_TITLE_ORG_ENDS)}))(?=[{first}])"
        ),
        "photo": regex.compile(rf"(?<![\p{{Han}}])(?P<name>{name3})(?: ?/ ?| )摄(?!\p{{Han}})"),
        "photo_pre": regex.compile(r"摄影(?:记者)? ?[:/] ?"),
        "line": regex.compile(rf"^[ \t]*(?:{name3})(?:[ \t]+{name3}){{0,5}}[ \t]*$", regex.M),
        "author_pre": regex.compile(rf"(?:^|[ \t(])(?P<role>{'|'.join(_AUTHOR_ROLES)})[ \t]*[:/][ \t]*"),
        # 本报记者  贺  勇  李亚楠, 本期统筹:崔  斌: a byline role, then a run of names
        # separated by spaces (People's Daily pads two-character names to three: 贺  勇).
        "byline": regex.compile(
            rf"(?P<role>{_BYLINE_ROLES})(?P<sep>[ \t]*[:/][ \t]*|[ \t]+)(?=\p{{Han}})"
        ),
        "token": regex.compile(r"\p{Han}{1,6}"),
        "gap": regex.compile(r"[ \t]{1,4}"),
        "byline_role": regex.compile(rf"(?:{_BYLINE_ROLES})\Z"),
        "closing": regex.compile(
            r"\((?: ?(?P<role>记者|通讯员|作者|本报记者) ?)?"
            rf"(?P<names>{name3}(?:[ 、,]{{1,2}}{name3}){{0,4}}) ?\)[ \t]*$"
        ),
    }


@functools.cache
def _re_tries() -> dict[str, re.Pattern[str]]:
    """The word tries ``stop``, ``first_stop`` and ``speech`` of ``_regexes()``, compiled by ``re``.

    perf: they are matched at one position thousands of times per document, and
    ``re`` answers such a call in a third of the time of ``regex``; they hold
    literal characters only, so both modules accept the same strings (the tests
    compare them). ``_regexes()`` keeps its own (the quote extractor uses ``stop``).
    """
    rx = _regexes()
    return {k: re.compile(rx[k].pattern) for k in ("stop", "first_stop", "speech")}


def _chain_pattern(han: str) -> str:
    """A chain of titles followed (after at most one space: TV captions) by a surname.

    ``han`` is the Han character class: ``\\p{Han}`` for ``regex``, ``_han_class()`` for ``re``.
    """
    t = _tables()
    one = rf"(?:{_trie(t.prefixes)}{{0,2}}{_trie(t.before)})"
    chain = rf"{one}(?:[、兼]{one}){{0,3}}"
    return rf"(?P<chain>{chain})(?P<sp> ?(?::|/)? ?)(?={han})"


@functools.cache
def _start_filters() -> dict[str, _StartFilter]:
    """Where the anchored patterns of ``_regexes()`` may start (perf: see ``_filtered_matches``)."""
    t = _tables()
    return {
        "after": _start_filter((), t.after),
        # author_pre at a space, tab or bracket (its start of the string is tried apart)
        "author_pre": _start_filter((), (c + role for c in " \t(" for role in _AUTHOR_ROLES)),
    }


@functools.cache
def _chain_rx() -> tuple[re.Pattern[str], _StartFilter]:
    """The title chain for ``re``, and the filter of its first two characters.

    perf: see ``_start_filter`` and ``_han_class``; ``_chain_matches`` uses both.
    """
    t = _tables()
    return re.compile(_chain_pattern(_han_class())), _start_filter(t.prefixes, t.before)


def _chain_matches(norm: str, b0: int, b1: int) -> Iterator[re.Match[str]]:
    """The matches of ``regex.compile(_chain_pattern(r"\\p{Han}")).finditer(norm, b0, b1)``, found faster.

    perf: the chain is tried only where a pair of characters that can start it
    stands (about one position in thirty); see ``_filtered_matches``.
    """
    chain, start = _chain_rx()
    return _filtered_matches(chain, start, norm, b0, b1)


def _filtered_matches(
    pattern: re.Pattern[str] | regex.Pattern[str],
    start: _StartFilter,
    norm: str,
    b0: int,
    b1: int,
    at_zero: bool = False,
) -> Iterator[Any]:
    """The matches of ``pattern.finditer(norm, b0, b1)``, tried only where ``start`` says one may begin.

    ``start`` must hold wherever ``pattern`` can match (``at_zero``: except at the
    start of the string, which is then tried too). Leftmost first and not
    overlapping, as finditer does; the pattern must not match the empty string.
    """
    match, pairs, any_second = pattern.match, start.pairs, start.any_second
    p = b0
    if at_zero and b0 == 0 < b1:
        m = match(norm, 0, b1)
        if m is not None:
            yield m
            p = m.end()
    if not any_second:
        # perf: the common case, unrolled (every hit is two characters).
        for f in start.scan.finditer(norm, b0, b1):
            q = f.start()
            if q >= p and norm[q : q + 2] in pairs:
                m = match(norm, q, b1)
                if m is not None:
                    yield m
                    p = m.end()
            # The scan does not overlap: a start inside its hit (one character later) is tried here too.
            q += 1
            if q >= p and norm[q : q + 2] in pairs:
                m = match(norm, q, b1)
                if m is not None:
                    yield m
                    p = m.end()
        return
    for f in start.scan.finditer(norm, b0, b1):
        q = f.start()
        for r in range(q, f.end()):
            if r < p or (norm[r : r + 2] not in pairs and norm[r] not in any_second):
                continue
            m = match(norm, r, b1)
            if m is not None:
                yield m
                p = m.end()


def _matches_after(
    pattern: regex.Pattern[str],
    sep: str,
    norm: str,
    b0: int,
    b1: int,
    at_zero: bool = False,
    possible: Callable[[int], bool] | None = None,
) -> Iterator[regex.Match[str]]:
    """The matches of ``pattern.finditer(norm, b0, b1)`` for a pattern that only matches right after ``sep``.

    ``at_zero``: it also matches at the start of the string (``^`` in multi-line mode).
    ``possible``: False for a start where the pattern cannot match (a cheaper test).
    perf: ``regex`` tries a pattern at every position; ``str.find`` jumps to the few
    places where it can match (the pattern must not match the empty string).
    """
    p = b0
    if at_zero and b0 == 0 < b1:
        m = pattern.match(norm, 0, b1)
        if m is not None:
            yield m
            p = m.end()
    while (k := norm.find(sep, p - 1 if p else 0, b1 - 1)) >= 0:
        m = pattern.match(norm, k + 1, b1) if possible is None or possible(k + 1) else None
        if m is None:
            p = k + 2
        else:
            yield m
            p = m.end()


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


# perf: one C call instead of a generator over the characters.
_ALL_HAN = re.compile("[\u4e00-\u9fff]+").fullmatch


def _all_han(s: str) -> bool:
    """True when ``s`` is not empty and every character is ``_is_han``."""
    return _ALL_HAN(s) is not None


def _stop_at(norm: str, pos: int) -> bool:
    """True when a word that cannot continue a name starts at ``pos``."""
    return _re_tries()["stop"].match(norm, pos) is not None


def _title_at(norm: str, pos: int) -> bool:
    return _regexes()["one"].match(norm, pos) is not None or _regexes()["after"].match(norm, pos) is not None


def _word_freq(word: str) -> int:
    """Frequency of ``word`` in the segmenter's dictionary (0 when absent).

    Why: a candidate such as ``揭榜`` (专家揭榜) or ``计划`` (计划专家) is a surname
    character followed by a common word; the dictionary knows the word, while
    real names (张磊, 施雨虹) are absent or near zero.
    """
    return int(get_segmenter().FREQ.get(word) or 0)


def _tagged_name(word: str) -> bool:
    """True when jieba's dictionary tags ``word`` as a personal name (``nr``).

    The tag table comes with ``jieba.posseg`` (loaded once per process, and
    already by the organisation extractor); it is only consulted for the rare
    two-character candidates that are also dictionary words.
    """
    _import_posseg()  # perf: the tag table from our pickle when this is the first POS use of the process
    import jieba.posseg

    return str(jieba.posseg.dt.word_tag_tab.get(word, "")).startswith("nr")


def _valid_name(name: str) -> bool:
    t = _tables()
    if not (
        2 <= len(name) <= 4
        and _all_han(name)
        and name not in t.not_names
        and name[:2] not in t.not_names
        and name[-1] not in t.org_chars
        and (name[0] in t.single or name[:2] in t.compound)
        and (len(name) < 4 or name[:2] in t.compound)
    ):
        return False
    sl = 2 if name[:2] in t.compound and len(name) > 2 else 1
    # A surname character doubled (谢谢, 常常) is a word, not a surname and a given name.
    if sl == 1 and name[1] == name[0]:
        return False
    # A whole "name" that is a dictionary word (江山, 高端, 常委会) is a word, unless the
    # dictionary tags it a name (林森, 王建国).
    if _word_freq(name) >= _WORD_FREQ_2 and not _tagged_name(name):
        return False
    head = name[: sl + 1]
    # No name ends with an organisation ending (丰街道, 李家村委).
    if name.endswith(t.long_suffixes):
        return False
    # Rare surname + a frequent word as given name (谈武汉): a verb and its object.
    if name[:sl] in t.rare and len(name) == sl + 2 and _word_freq(name[sl:]) >= _WORD_FREQ_HEAD:
        return False
    # Rare surname + first given character forming a word (揭榜挂, 计划): a word.
    if name[:sl] in t.rare and len(name) > sl + 1 and _word_freq(head) >= _WORD_FREQ_2:
        return False
    # Even a common surname does not start a name with a very frequent word (安全, 任务).
    return _word_freq(head) < _WORD_FREQ_HEAD


def read_name(norm: str, pos: int, end: int | None = None) -> int | None:
    """End of the personal name starting at ``pos``, or None.

    A surname (compound first), then one given-name character, then a second one
    unless a stop word (verb, function word, title) starts there.

    >>> read_name("孟来介绍:", 0), read_name("朱毓靓表示", 0), read_name("高鑫说", 0)
    (2, 3, 2)
    """
    t = _tables()
    if norm[pos : pos + 1] not in t.single and norm[pos : pos + 2] not in t.compound:
        return None  # perf: no surname starts here (_read_name_at would skip both lengths)
    return _read_name_at(norm, pos, len(norm) if end is None else end)


def _read_name_at(norm: str, pos: int, end: int) -> int | None:
    """``read_name`` without its first test (the tests compare both)."""
    t = _tables()
    for sl in (2, 1):
        sur = norm[pos : pos + sl]
        if len(sur) != sl or (sl == 2 and sur not in t.compound) or (sl == 1 and sur not in t.single):
            continue
        g = pos + sl
        if g >= end or not _is_han(norm[g]) or _title_at(norm, g):
            continue
        fs = _re_tries()["first_stop"].match(norm, g)
        # 王强调研: 强调 is a stop word, but 调研 is the verb and 强 a given name (王强).
        split = (
            fs is not None
            and fs.end() - g == 2
            and g + 3 <= end
            and not _re_tries()["first_stop"].fullmatch(norm[g])
            and _word_freq(norm[g + 1 : g + 3]) >= _WORD_FREQ_VERB
        )
        if fs is not None and not split:
            continue
        stop = g + 1
        if not split and stop < end and _is_han(norm[stop]) and not _stop_at(norm, stop) and not _title_at(norm, stop):
            nxt = norm[stop + 1 : min(stop + 2, end)]
            # 刘刚盯着, 张成揭开谜底: a third character that starts a verb is not part of the name
            # (but 黄福华表示, 范保文教授: a stop word or title right after it closes the name).
            starts_word = (
                _is_han(nxt)
                and _word_freq(norm[stop : stop + 2]) >= _WORD_FREQ_VERB
                and not _stop_at(norm, stop + 1)
                and not _title_at(norm, stop + 1)
            )
            if not (nxt in _ASPECT or starts_word):
                stop += 1
        # Drop a last character that only an organisation ends with (程院院士 is no name).
        while stop - pos > sl + 1 and norm[stop - 1] in t.org_chars:
            stop -= 1
        if _valid_name(norm[pos:stop]) and not _verb_surname(norm, pos, stop, end):
            # Transliterated names go on after a middle dot or hyphen: 马克·雅各布, 吉米-卡洪.
            return _transliterated_end(norm, stop, end)
    return None


def _unusual_name(norm: str, pos: int, end: int, gate: bool = True) -> int | None:
    """End of a name after a title that the surname table does not cover, or None.

    A transliterated name with ``·`` or ``-`` (亚森江·吾甫尔, 迪亚斯-卡内尔), or two
    or three Han characters closed by a verb of saying (泽郎介绍, 訚硕说), or written
    again nearby after punctuation and before a verb of saying (果农依明江。…
    “……”依明江说), that hold no dictionary word, stop word or title. Only called right
    after a title chain, where the position says a name follows.

    ``gate``: first ask ``_may_speak`` (perf: most chains are followed by a word,
    not a name; ``gate=False`` is the plain reference the tests compare with).
    """
    t = _tables()
    tries = _re_tries()
    if pos >= end or not _is_han(norm[pos]) or norm[pos] in _NOT_FIRST or tries["first_stop"].match(norm, pos):
        return None
    window = norm[pos : min(end, pos + 7)]
    if "·" in window or "-" in window:
        q = _foreign_name(norm, pos, end)
        if q is None or not ("·" in norm[pos:q] or "-" in norm[pos:q]):
            return None
        # 教练来继任里克-阿德尔曼: a word (继任) inside is a clause, not a transliteration.
        if any(_word_freq(norm[i : i + 2]) >= _WORD_FREQ_INSIDE for i in range(pos, q - 1)):
            return None
        return q
    if gate and not _may_speak(norm, pos, end):
        return None
    for n in (2, 3, -3, -2):
        e = pos + abs(n)
        if e > end or not _is_han(norm[e - 1]):
            continue
        # A verb of saying closes it: 果农有盼头, / 果农种得少, are a subject and its predicate.
        if n > 0 and not tries["speech"].match(norm, e, end):
            continue
        # No name holds a dictionary word, stop word or title. (perf: the tests are pure, so
        # they are ordered by cost: table look-ups, then the repeat search, then the patterns.)
        cand = norm[pos:e]
        if (
            cand in t.not_names
            or cand[:2] in t.not_names
            or (_word_freq(cand) >= _WORD_FREQ_2 and not _tagged_name(cand))
            or any(_word_freq(norm[i : i + 2]) >= _WORD_FREQ_INSIDE for i in range(pos, e - 1))
        ):
            if n > 0:
                return None
            continue
        # 果农依明江。 … 依明江说: the same characters speak elsewhere in the passage.
        if n < 0 and not _speaks_nearby(norm, pos, e):
            continue
        if any(_stop_at(norm, i) or _title_at(norm, i) for i in range(pos, e)):
            if n > 0:
                return None
            continue
        return e
    return None


def _may_speak(norm: str, pos: int, end: int) -> bool:
    """False when no candidate of ``_unusual_name`` at ``pos`` can be accepted (an exact necessary condition).

    Its loop accepts a two- or three-character candidate only when a verb of
    saying follows it (at ``pos + 2`` or ``pos + 3``) or when ``_speaks_nearby``
    finds it again: within ``_REPEAT_WINDOW``, after a non-Han character (or at
    the start) and before a verb of saying. Then its first two characters stand
    there too, followed two or three characters on by a first character of a
    verb. Past 20 occurrences this gives up and answers True (the full test decides).
    perf: most chains are followed by a common word, not a name; this replaces the
    dictionary look-ups of every candidate by two pattern calls and a few ``str.find``.
    """
    speech = _re_tries()["speech"]
    if (pos + 2 <= end and speech.match(norm, pos + 2, end)) or (pos + 3 <= end and speech.match(norm, pos + 3, end)):
        return True
    firsts = _speech_firsts()
    two = norm[pos : pos + 2]
    hi = min(len(norm), pos + 3 + _REPEAT_WINDOW)
    k = norm.find(two, max(0, pos - _REPEAT_WINDOW), hi)
    for _ in range(20):
        if k < 0:
            return False
        verb_after = norm[k + 2 : k + 3] in firsts or norm[k + 3 : k + 4] in firsts
        if verb_after and k != pos and (k == 0 or not _is_han(norm[k - 1])):
            return True
        k = norm.find(two, k + 1, hi)
    return True


@functools.cache
def _speech_verbs() -> tuple[str, ...]:
    """The verbs of saying (``person_speech_verbs.tsv``): the ``speech`` trie and its first characters."""
    return tuple(r["verb"] for r in read_tsv("person_speech_verbs.tsv"))


@functools.cache
def _speech_firsts() -> frozenset[str]:
    """The first characters of the verbs of saying (``_regexes()["speech"]``)."""
    return frozenset(v[0] for v in _speech_verbs() if v)


def _speaks_nearby(norm: str, s: int, e: int) -> bool:
    """True when ``norm[s:e]`` is written again nearby, directly followed by a verb of saying."""
    cand = norm[s:e]
    lo, hi = max(0, s - _REPEAT_WINDOW), min(len(norm), e + _REPEAT_WINDOW)
    speech = _re_tries()["speech"]
    k = norm.find(cand, lo, hi)
    for _ in range(20):
        if k < 0:
            return False
        if k != s and speech.match(norm, k + len(cand), hi) and (k == 0 or not _is_han(norm[k - 1])):
            return True
        k = norm.find(cand, k + 1, hi)
    return False


def _foreign_name(norm: str, pos: int, end: int) -> int | None:
    """A transliterated name after 总统/首相/外长 (卢拉, 费尔南德斯, 夏巴兹·谢里夫), or None.

    Up to five characters, ending before a stop word, a non-Han character or a
    frequent word; it must not start with a dictionary word (总统选举, 总统府).
    """
    # Any stop word, even one that may start a Chinese given name (已, 将, 曾), ends here:
    # 美总统已授权乌 has no name.
    if pos >= end or not _is_han(norm[pos]) or norm[pos] in _NOT_FIRST or _re_tries()["stop"].match(norm, pos):
        return None
    if _word_freq(norm[pos : pos + 2]) >= _WORD_FREQ_FOREIGN and not _tagged_name(norm[pos : pos + 2]):
        return None
    q = pos + 1
    while q < min(end, pos + 5) and _is_han(norm[q]) and not _stop_at(norm, q):
        if q > pos + 1 and _word_freq(norm[q : q + 2]) >= _WORD_FREQ_INSIDE:
            break
        q += 1
    if q - pos < 2:
        return None
    return _transliterated_end(norm, q, end)


def _transliterated_end(norm: str, pos: int, end: int) -> int:
    """Extend a name over ``·X`` / ``-X`` parts (马克·雅各布, 吉米-卡洪), each ending before a word."""
    out = pos
    for _ in range(3):
        if out + 1 >= end or norm[out] not in "·-" or not _is_han(norm[out + 1]):
            break
        q = out + 1
        while q < min(end, out + 7) and _is_han(norm[q]) and not _stop_at(norm, q):
            if q > out + 2 and _word_freq(norm[q : q + 2]) >= _WORD_FREQ_INSIDE:
                break  # 吉米-卡洪执教: 执教 starts the predicate
            if q > out + 2 and norm[q] in _TRANSLIT_AFTER:
                break  # 拉里-莱利会在, 基斯-斯马特下赛季: an auxiliary or 下 after the name
            q += 1
        if q == out + 1:
            break
        out = q
    return out


def _verb_surname(norm: str, pos: int, stop: int, end: int) -> bool:
    """``市长任双组长``: 任 is the verb "serve as" when a title or organisation follows."""
    if norm[pos] not in _tables().verb_surnames:
        return False
    clause = _rx(r"[^,.;:!?。、\s]{0,8}").match(norm[pos + 1 : min(end, pos + 9)])
    window = clause.group() if clause else ""
    t = _tables()
    return bool(
        _regexes()["one"].search(window)
        or any(c in t.org_chars for c in window)
        or any(s in window for s in t.org_suffixes if len(s) > 1)
    )


# The characters of _org_char but brackets, as a run ending at the end position (possessive: no backtracking).
_PLAIN_RUN_START = re.compile("[\u4e00-\u9fff·A-Za-z0-9]*+\\Z").search


def _org_char(ch: str) -> bool:
    """Characters an organisation name may contain: Han, brackets, Latin letters and digits."""
    return _is_han(ch) or ch in "()·" or (ch.isascii() and ch.isalnum())


def _org_run_start(norm: str, end: int, lo: int) -> int:
    """Start of the run of organisation characters (``_org_char``) ending at ``end``, not before ``lo``.

    A bracket inside a name (赛诺微医疗科技(浙江)有限公司) goes on; a byline or
    aside (新快报讯(钟欣)住房和城乡建设部), an unclosed ``(`` or any other character ends it.
    """
    i = end
    while i > lo:
        # perf: the run of Han, Latin and digits before i (what _org_char takes but brackets) in one C call.
        i = _PLAIN_RUN_START(norm, lo, i).start()
        if i <= lo or norm[i - 1] != ")":
            break
        k = norm.rfind("(", max(lo, i - 10), i - 1)
        inner = norm[k + 1 : i - 1] if k >= 0 else ""
        if k < 0 or not inner or read_name(inner, 0) == len(inner):
            break
        i = k
    return i


def _org_before(norm: str, end: int, floor: int, known: tuple[str, ...] = ()) -> int | None:
    """Start of the organisation written right before ``end`` (a title), or None.

    ``known``: names and aliases the organisation extractor found (北一半导体),
    accepted as endings beside the suffix table.
    """
    t = _tables()
    i = _org_run_start(norm, end, max(floor, end - _ORG_MAX))
    run = norm[i:end]
    cut = 0
    by_first = t.org_left_by_first
    # perf: only the boundary words whose first character occurs in the run (cut is a maximum:
    # the order of the words does not matter).
    for w in [w for c in set(run).intersection(by_first) for w in by_first[c]]:
        k = run.rfind(w)
        # A one-character boundary inside a word is no boundary (据 in 数据和政务服务局).
        # But a title ends right before it (基金经理由万家基金管理部: 经理 + 由, not 理由).
        while (
            k > 0
            and len(w) == 1
            and _word_freq(run[k - 1 : k + 1]) >= _WORD_FREQ_INSIDE
            and not _regexes()["title_end"].search(run, max(0, k - 12), k)
        ):
            k = run.rfind(w, 0, k)
        if k >= 0:
            cut = max(cut, k + len(w))
    start = i + cut
    # An opening bracket that is not closed inside the organisation is not part of it: (记者…
    while start < end and norm[start] in "()" and norm.count("(", start, end) != norm.count(")", start, end):
        start += 1
    org = norm[start:end]
    if _regexes()["brand"].fullmatch(org) and org not in t.before:
        # A brand written in Latin letters (vivo执行副总裁, TCL董事长), not a title (CEO).
        return start
    if len(org) < 2:
        return None
    if not (org.endswith(t.org_suffixes) or org.endswith(known)):
        # 国信证券医药行业首席分析师: a company, then a department of two to four characters.
        dept = _regexes()["dept"].search(org)
        if not dept or len(org) - len(dept["dept"]) < 4:
            return None
    return start


def _known_orgs(ctx: Context) -> tuple[str, ...]:
    """Organisation names and aliases from the organisation extractor (when it ran)."""
    forms: set[str] = set()
    for alias, full in (ctx.state.get("org_aliases") or {}).items():
        forms.update((alias, full))
    for f in ctx.facts_of("organization"):
        forms.add(getattr(f, "name", ""))
        forms.update(getattr(f, "aliases", []))
    return tuple(sorted((f for f in forms if len(f) >= 2), key=len, reverse=True))


def _scene_org(ctx: Context, pos: int) -> tuple[int, int] | None:
    """``在黑龙江省穆棱电站阀门有限公司,记者见到了技术工人张磊``: the sentence's setting."""
    sent = ctx.sentence_at(pos)
    if sent is None:
        return None
    m = _rx(r" ?在(?P<org>[^,;。:\s]{2,40}?),").match(ctx.norm[sent[0] : pos])
    if not m:
        return None
    s, e = sent[0] + m.start("org"), sent[0] + m.end("org")
    org = ctx.norm[s:e]
    place_only = ("省", "市", "县", "区", "州", "镇", "乡", "村", "旗", "盟")
    if org.endswith(place_only) or not any(org.endswith(x) for x in _tables().org_suffixes):
        return None
    return (s, e)


def _focus_company(ctx: Context, pos: int) -> str | None:
    """The company the passage at ``pos`` is about: the last one named before it."""
    focus = ctx.state.get("org_focus")
    if focus:
        best = [name for start, name in focus if start < pos]
        if best:
            return best[-1]
    known, named = _company_index(ctx)
    for starts, names, window in ((known[0], known[1], len(ctx.norm)), (named[0], named[1], _FOCUS_WINDOW)):
        i = bisect.bisect_left(starts, pos) - 1
        if i >= 0 and starts[i] >= pos - window:
            return names[i]
    return None


_Index = tuple[list[int], list[str]]


def _company_index(ctx: Context) -> tuple[_Index, _Index]:
    """Where companies are written, computed once per document (linear in the text).

    First the forms of the organisation extractor's companies (name and aliases),
    then, as a fallback, every ``…有限公司/集团`` named by structure. Why an index:
    looking back from every person mention made a long text quadratic.
    """
    # Keyed by the text itself: a long document is run window by window with one
    # shared ``state``, and each window has its own text, offsets and companies.
    cached = ctx.state.get("_person_companies")
    if cached is not None and cached[0] is ctx.norm:
        return cached[1]
    norm = ctx.norm
    forms: dict[str, str] = {}
    for f in ctx.facts_of("organization"):
        if getattr(f, "kind", None) == "company":
            for form in (f.name, *getattr(f, "aliases", [])):
                if len(form) >= 2:
                    forms.setdefault(form, f.name)
    known: list[tuple[int, str]] = []
    if forms:
        for m in regex.finditer(_trie(forms), norm, overlapped=False):
            known.append((m.start(), forms[m.group()]))
    named: list[tuple[int, str]] = []
    for m in _regexes()["company_end"].finditer(norm):
        k, e = m.start(), m.end()
        st = _org_before(norm, e, max(0, k - _ORG_MAX))
        name = norm[st:e] if st is not None else ""
        if len(name) > len(m.group()) + 1 and not name.startswith(_GENERIC_HEADS):
            named.append((k, ctx.text[st:e]))
    result = (
        ([k for k, _ in known], [n for _, n in known]),
        ([k for k, _ in named], [n for _, n in named]),
    )
    ctx.state["_person_companies"] = (ctx.norm, result)
    return result


def _resolve(ctx: Context, org: str | None, pos: int) -> str | None:
    """``公司技术部`` -> ``<company in focus>技术部``; a declared alias -> its full name."""
    if not org:
        return None
    for head in _GENERIC_HEADS:
        if org.startswith(head):
            focus = _focus_company(ctx, pos)
            return focus + org[len(head) :] if focus else org
    aliases: dict[str, str] = ctx.state.get("org_aliases") or {}
    for alias in sorted(aliases, key=len, reverse=True):
        if alias and org.startswith(alias) and not org.startswith(aliases[alias]):
            return aliases[alias] + org[len(alias) :]
    return org


def _split_titles(ctx: Context, s: int, e: int) -> list[str]:
    """The titles of a chain as written (``党工委委员、副主任`` -> two titles)."""
    return list(dict.fromkeys(p for p in _rx(r"[、兼]").split(ctx.text[s:e]) if p))


def _person(
    ctx: Context, s: int, e: int, titles: list[str], org: tuple[int, int] | None, rule: str, name: str | None = None
) -> Person:
    """A person fact; ``name`` defaults to the span (a padded byline name 贺  勇 is given as 贺勇)."""
    org_text = ctx.text[org[0] : org[1]] if org else None
    return Person(
        start=s,
        end=e,
        text=ctx.text[s:e],
        name=name or ctx.text[s:e],
        titles=titles,
        org=org_text,
        org_resolved=_resolve(ctx, org_text, s),
        rule=rule,
    )


def _company_follows(norm: str, pos: int, end: int) -> bool:
    """True when a company ending follows ``pos`` within a few characters, no stop word between."""
    m = _regexes()["company_tail"].match(norm, pos, min(end, pos + 14))
    if not m:
        return False
    body = m.group("body")
    return not any(_stop_at(body, i) for i in range(len(body)))


def _titles_ending_at(ctx: Context, pos: int, floor: int) -> tuple[int, list[str]] | None:
    """A title chain that ends exactly at ``pos`` (before a 、): its start and titles."""
    lo = max(floor, pos - 30)
    m = _regexes()["title_end"].search(ctx.norm, lo, pos)
    if not m:
        return None
    return m.start(), _split_titles(ctx, m.start(), m.end())


def _pre_title(ctx: Context, b0: int, b1: int, known: tuple[str, ...] | None = None) -> Iterator[Person]:
    """``[org]title(、title)*[ ]name`` and the byline titles followed by more names.

    ``known``: ``_known_orgs(ctx)`` when the caller has it (perf: computed once per document).
    """
    norm = ctx.norm
    known = _known_orgs(ctx) if known is None else known
    foreign = _tables().foreign
    for m in _chain_matches(norm, b0, b1):
        if m.start() > b0 and norm[m.start() - 1] in _CLASSIFIERS:
            # 3个骨干冷链物流基地: a counted noun's modifier, not a role.
            continue
        ns = m.end()
        ne = read_name(norm, ns, b1)
        chain = m["chain"]
        last_title = _rx(r"[、兼]").split(chain)[-1] if ("、" in chain or "兼" in chain) else chain
        if last_title in foreign:
            ne = _foreign_name(norm, ns, b1) or ne
        if ne is None and not m["sp"].strip():
            ne = _unusual_name(norm, ns, b1)
        if ne is None or (not m["sp"] and _word_freq(norm[ns - 2 : ns + 1]) >= _WORD_FREQ_2):
            # 老师傅为师: the title is the start of a longer word running into the "name".
            continue
        if _company_follows(norm, ne, b1):
            # 经开区长沙永昌车辆零部件有限公司: the "name" begins a company name.
            continue
        cs = m.start("chain")
        # (处处长, 市市长: the organisation's last character doubled is not a word here.)
        oe = m.start()
        for word in _APPOINTMENT:
            if norm.endswith(word, b0, oe):
                oe -= len(word)  # 兴业有机增长基金拟任基金经理: the appointment word belongs to neither
                break
        os_ = _org_before(norm, oe, b0, known)
        if os_ is not None and _generic_org(norm[os_:oe]):
            os_ = None  # 县委书记张成: a bare generic word names no organisation
        if (
            os_ is None
            and cs > b0
            and norm[cs - 1] != norm[cs]
            and _word_freq(norm[cs - 1 : cs + 1]) >= _WORD_FREQ_INSIDE
        ):
            # 赛区长沙, 社区长: the "title" starts inside a word (浙江大学校长 is fine: an organisation ends there).
            continue
        titles = _split_titles(ctx, m.start("chain"), m.end("chain"))
        if os_ is not None and titles[-1].endswith(_BYLINE_TITLES) and oe - os_ > _OUTLET_MAX:
            # 万家精选基金今起正式发行证券时报记者张哲: a headline glued to the outlet is no organisation.
            os_ = None
        org = (os_, oe) if os_ is not None else _shared_place(norm, m.start(), b0, known) or _scene_org(ctx, m.start())
        # 中国工程院院士、浙江大学教授X: titles listed before the organisation.
        left = os_ if os_ is not None else m.start()
        if left > b0 and norm[left - 1] == "、":
            more = _titles_ending_at(ctx, left - 1, b0)
            if more:
                titles = list(dict.fromkeys(more[1] + titles))
        if titles[-1].endswith(("记者", "通讯员")) and (pair := _two_names(norm, ns, b1)):
            # (记者李蕾张羽飞): two byline names written without a separator.
            for s_, e_ in pair:
                yield _person(ctx, s_, e_, titles, org, "byline")
            continue
        yield _person(ctx, ns, ne, titles, org, "org+title+name" if org else "title+name")
        # 拟任基金经理钟敬棣和李菁: a second name coordinated with the first shares its role.
        if ne + 1 < b1 and norm[ne] in "和与及、":
            q = read_name(norm, ne + 1, b1)
            if q is not None and (q >= b1 or not _is_han(norm[q]) or _stop_at(norm, q)):
                yield _person(ctx, ne + 1, q, titles, org, "org+title+name" if org else "title+name")
        # 记者 张三 李四: further names after a byline title.
        if titles[-1].endswith(("记者", "通讯员", "摄影")):
            p = ne
            while True:
                sep = _rx(r"[ 、]{1,2}").match(norm[p : min(b1, p + 2)])
                if not sep:
                    break
                q = p + sep.end()
                qe = read_name(norm, q, b1)
                if qe is None:
                    break
                yield _person(ctx, q, qe, titles, None, "byline")
                p = qe


def _two_names(norm: str, pos: int, end: int) -> list[tuple[int, int]] | None:
    """``李蕾张羽飞)``, ``贾鹏陈博)``: a closed run of four to six Han characters that is two names.

    Both parts must be names as read_name reads them; a two-character first name
    is tried first (李蕾|张羽飞), the split is taken only when the run ends there.
    """
    run = _rx(r"\p{Han}{4,6}(?!\p{Han})").match(norm[pos : min(end, pos + 7)])
    if not run:
        return None
    n = run.end()
    for first in (2, 3):
        cut = pos + first
        if 2 <= n - first <= 3 and read_name(norm, pos, cut) == cut and read_name(norm, cut, pos + n) == pos + n:
            return [(pos, cut), (cut, pos + n)]
    return None


def _shared_place(norm: str, ts: int, floor: int, known: tuple[str, ...]) -> tuple[int, int] | None:
    """``长治市长陈向阳``: the place's last character is also the title's first (长治市 + 市长).

    The organisation is then written overlapping the title; it is reported as
    written (``长治市``) when at least two characters stand before the shared one.
    """
    if ts >= len(norm) or norm[ts] not in _SHARED_PLACE_CHARS or ts - floor < 2 or norm[ts - 1] == norm[ts]:
        return None
    st = _org_before(norm, ts + 1, floor, known)
    if st is None or ts - st < 2 or _generic_org(norm[st : ts + 1]):
        return None
    return (st, ts + 1)


def _title_org_matches(norm: str, b0: int, b1: int) -> Iterator[regex.Match[str]]:
    """The matches of ``_regexes()["title_org"].finditer(norm, b0, b1)``.

    perf: the institution's ending follows the 、 within a few characters; where
    none does, the pattern is not tried (and not at all in a passage without any,
    or without a 、 from ``b0 - 1`` on: the pattern starts after one). The endings
    are found in one scan (``_title_org_ends``).
    """
    if norm.find("、", max(0, b0 - 1), b1) < 0:
        return iter(())
    ends = [m.start() for m in _title_org_ends().finditer(norm, b0, b1)]
    if not ends:
        return iter(())

    def possible(s: int) -> bool:
        i = bisect.bisect_left(ends, s + 2)
        return i < len(ends) and ends[i] <= s + _TITLE_ORG_MAX

    return _matches_after(_regexes()["title_org"], "、", norm, b0, b1, possible=possible)


@functools.cache
def _title_org_ends() -> re.Pattern[str]:
    """Every start of a ``_TITLE_ORG_ENDS`` word, overlapping ones too (``科学院`` and its ``学院``).

    Each branch takes one character and looks ahead for the rest, so the scan goes
    on at the next character; the branches start with distinct characters, so
    ``re`` jumps between possible first characters at C speed.
    """
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(_TITLE_ORG_ENDS)):
        by_first.setdefault(w[0], []).append(w[1:])
    return re.compile(
        "|".join(
            re.escape(c) + ("(?=" + "|".join(re.escape(r) for r in rests) + ")" if all(rests) else "")
            for c, rests in by_first.items()
        )
    )


def _title_org(ctx: Context, b0: int, b1: int) -> Iterator[Person]:
    """``中国科学院院士、浙江大学叶志镇团队``: titles, then the institution, then the name."""
    norm = ctx.norm
    for m in _title_org_matches(norm, b0, b1):
        ne = read_name(norm, m.end(), b1)
        if ne is None:
            continue
        # The name must end there: punctuation, a stop word (团队, 表示…) or the end.
        if ne < b1 and _is_han(norm[ne]) and not _stop_at(norm, ne):
            continue
        found = _titles_ending_at(ctx, m.start() - 1, b0)
        if not found:
            continue
        yield _person(ctx, m.end(), ne, found[1], (m.start("org"), m.end("org")), "title、org+name")


def _post_title(ctx: Context, b0: int, b1: int, known: tuple[str, ...] | None = None) -> Iterator[Person]:
    """``胡正寰院士``, ``李玉院士``, ``徐云生教授``: the name is right before the title."""
    norm = ctx.norm
    t = _tables()
    single, compound, org_chars = t.single, t.compound, t.org_chars
    known = _known_orgs(ctx) if known is None else known
    for m in _filtered_matches(_regexes()["after"], _start_filters()["after"], norm, b0, b1):
        ts = m.start()
        for length in (4, 3, 2):
            s = ts - length
            if s < b0:
                continue
            cand = norm[s:ts]
            # perf: two of _valid_name's own conditions (a surname first, no organisation ending last) first.
            if (cand[0] not in single and cand[:2] not in compound) or cand[-1] in org_chars:
                continue
            if not _valid_name(cand) or (length == 4 and cand[:2] not in t.compound):
                continue
            # 以冯巩为主席: a function word before the title is not the end of a name.
            if _re_tries()["stop"].fullmatch(cand[-1]):
                continue
            # 工程师组成专家: the "name" starts inside a word (工程师).
            if _starts_inside_word(norm, s, b0):
                continue
            # The name is what read_name reads there (no stop word inside it).
            if read_name(norm, s, ts) != ts and read_name(norm, s, b1) != ts:
                continue
            org = _org_before_name(ctx, s, b0, known)
            yield _person(ctx, s, ts, [ctx.text[m.start() : m.end()]], org, "name+title")
            break


def _generic_org(org: str) -> bool:
    """A bare ending (县委, 农场, 证券) or generic word (餐厅): no organisation is named.

    The generic heads that stand for the company in focus (公司, 企业) stay: they resolve.
    """
    if org in _GENERIC_HEADS:
        return False
    # 该基金, 本行, 此院: a demonstrative and an ending refer back, they name nothing here.
    return org in _GENERIC_ORGS or org in _tables().org_suffixes or (org[:1] in "该本此其" and len(org) <= 4)


def _org_before_name(ctx: Context, s: int, floor: int, known: tuple[str, ...] | None = None) -> tuple[int, int] | None:
    """``北京大学黄春辉院士``, ``来自江西农业大学的罗志平教授``: the institution before the name."""
    norm = ctx.norm
    known = _known_orgs(ctx) if known is None else known
    os_ = _org_before(norm, s, floor, known)
    if os_ is not None and not _generic_org(norm[os_:s]):
        return (os_, s)
    if s - 1 > floor and norm[s - 1] == "的":
        os_ = _org_before(norm, s - 1, floor, known)
        if os_ is not None and norm[os_ : s - 1].endswith(_INSTITUTIONS):
            return (os_, s - 1)
    return None


def _starts_inside_word(norm: str, s: int, floor: int) -> bool:
    """``工程师组成``: the characters before ``s`` and the first of the name form a word."""
    three = norm[s - 2 : s + 1] if s - 2 >= floor else ""
    two = norm[s - 1 : s + 1] if s - 1 >= floor else ""
    return (len(three) == 3 and _word_freq(three) >= _WORD_FREQ_2) or (
        len(two) == 2 and _word_freq(two) >= _WORD_FREQ_INSIDE
    )


def _bylines(ctx: Context, b0: int, b1: int) -> Iterator[Person]:
    """``陈章升/摄``, ``摄影:X``, a line of author names, a closing ``(宋康明)``."""
    norm = ctx.norm
    rx = _regexes()
    # perf: both photo patterns hold 摄 inside their match: without one, neither is tried.
    if norm.find("摄", b0, b1) >= 0:
        for m in rx["photo"].finditer(norm, b0, b1):
            s = m.start("name")
            if read_name(norm, s, m.end("name")) == m.end("name"):
                yield _person(ctx, s, m.end("name"), ["摄影"], None, "byline:photo")
        for m in rx["photo_pre"].finditer(norm, b0, b1):
            yield from _name_list(ctx, m.end(), b1, ["摄影"], "byline:photo")
    # perf: at the start of the text the pattern (^ or a space, then a role) is tried only where a role
    # or one of those characters stands.
    at_zero = b0 == 0 and (norm[:1] in " \t(" or norm.startswith(_AUTHOR_ROLES))
    for m in _filtered_matches(rx["author_pre"], _start_filters()["author_pre"], norm, b0, b1, at_zero=at_zero):
        role = {"文": "作者", "图": "摄影"}.get(m["role"], m["role"])
        yield from _name_list(ctx, m.end(), b1, [role], "byline:author")
    # A line of names only, among the first lines of the article or naming the page's authors.
    authors = set(ctx.page.authors or ())
    lines = list(_line_matches(norm, b0, b1))
    # perf: only needed when there is a line of names.
    head_end = _head_end(norm, b0, b1) if lines else b1
    for m in lines:
        names = m.group().split()
        if len(names) < 2 and not (set(names) & authors):
            continue
        if m.start() > head_end and not (set(names) <= authors):
            continue
        if not all(read_name(n, 0) == len(n) for n in names):
            continue
        yield from _name_list(ctx, m.start(), m.end(), ["作者"], "byline:author-line")
    # perf: the closing pattern holds a ")": without one in its range it is not tried.
    lo = max(b0, b1 - 60)
    m = rx["closing"].search(norm, lo, b1) if norm.find(")", lo, b1) >= 0 else None
    if m:
        role = m["role"] or "作者"
        yield from _name_list(ctx, m.start("names"), m.end("names"), [role], "byline:closing")


@functools.cache
def _line_head() -> str:
    """How a line of names (``_regexes()["line"]``) starts: a necessary condition, as a lookahead.

    After spaces, two to four Han characters and then a space or the end of the line.
    """
    return rf"(?=[ \t]*{_han_class()}{{2,4}}(?:[ \t]|$))"


@functools.cache
def _line_start_rx() -> re.Pattern[str]:
    """A newline where a line of names may start (``_line_head``), found by ``re`` at C speed."""
    return re.compile("\n" + _line_head(), re.M)


@functools.cache
def _line_head_rx() -> re.Pattern[str]:
    """``_line_head`` at a given position (the start of the text)."""
    return re.compile(_line_head(), re.M)


def _line_matches(norm: str, b0: int, b1: int) -> Iterator[regex.Match[str]]:
    """The matches of ``_regexes()["line"].finditer(norm, b0, b1)``.

    perf: the pattern is tried at the start of the text and after the newlines
    ``_line_start_rx`` finds, instead of after every newline (prose lines fail it).
    As in ``_matches_after``, a newline right before ``b0`` counts.
    """
    line = _regexes()["line"]
    p = b0
    if b0 == 0 < b1 and _line_head_rx().match(norm, 0, b1):
        m = line.match(norm, 0, b1)
        if m is not None:
            yield m
            p = m.end()
    for f in _line_start_rx().finditer(norm, max(p - 1, 0), b1):
        k = f.start()
        if k > b1 - 2:
            break
        if k + 1 < p:
            continue
        m = line.match(norm, k + 1, b1)
        if m is not None:
            yield m
            p = m.end()


def _byline_title(role: str) -> str:
    """``本报记者`` -> ``记者``, ``本期统筹`` -> ``统筹``: the role without the outlet."""
    for outlet in (*_OUTLETS, "本期"):
        if role.startswith(outlet) and len(role) > len(outlet):
            return role[len(outlet) :]
    return role


def _byline_name_ok(name: str) -> bool:
    """A byline name: what read_name accepts, or a surname + given name that is no dictionary word.

    Why lenient: after ``记者`` and between spaces, the position says it is a name;
    only words that happen to start with a surname character (记者 了解到) must go.
    """
    t = _tables()
    if _valid_name(name):
        return True
    sl = 2 if name[:2] in t.compound and len(name) > 2 else 1
    return (
        2 <= len(name) <= sl + 2
        and _all_han(name)
        and (name[:sl] in t.single or name[:sl] in t.compound)
        and name not in t.not_names
        and not _stop_at(name, sl)
        and (_word_freq(name) < _WORD_FREQ_2 or _tagged_name(name))
    )


def _byline_runs(ctx: Context, b0: int, b1: int) -> Iterator[Person]:
    """``本报记者  王乐文  方  敏  朱佩娴``: every name of a byline, padded names merged.

    The names are runs of Han characters separated by spaces; two single
    characters in a row (``方  敏``, ``王  珂  杨  迅``) are one padded two-character
    name, a role word in the run (``通讯员``) changes the title of the names after it.
    """
    norm = ctx.norm
    rx = _regexes()
    t = _tables()
    for m in _byline_matches(norm, b0, b1):
        title = _byline_title(m["role"])
        toks: list[tuple[int, int]] = []
        p = m.end()
        while len(toks) < 2 * _BYLINE_NAMES:
            tok = rx["token"].match(norm, p, b1)
            if not tok:
                break
            toks.append((tok.start(), tok.end()))
            gap = rx["gap"].match(norm, tok.end(), b1)
            if not gap:
                break
            p = gap.end()
        i = 0
        while i < len(toks):
            s, e = toks[i]
            word = norm[s:e]
            if rx["byline_role"].fullmatch(word):
                title = _byline_title(word)
                i += 1
                continue
            if e - s == 1 and i + 1 < len(toks) and toks[i + 1][1] - toks[i + 1][0] == 1 and word in t.single:
                ns, ne = toks[i + 1]
                name = word + norm[ns]
                if not _byline_name_ok(name):
                    break
                yield _person(ctx, s, ne, [title], None, "byline", name=ctx.text[s] + ctx.text[ns])
                i += 2
                continue
            end = read_name(norm, s, e)
            if end is not None and end < e:
                # 徐皓发自成都, 李凯报道, 杜志鑫如果你是…: the name, then the end of the byline
                # (THUCNews glues the first sentence of the article to it).
                yield _person(ctx, s, end, [title], None, "byline")
                break
            if not _byline_name_ok(word):
                break
            yield _person(ctx, s, e, [title], None, "byline")
            i += 1


# The words every byline role holds (_BYLINE_ROLES), and the most characters written before them (本报, 本期).
_BYLINE_KEYWORDS = ("记者", "通讯员", "实习生", "统筹")
_BYLINE_ROLE_LEAD = 2


def _byline_matches(norm: str, b0: int, b1: int) -> Iterator[regex.Match[str]]:
    """The matches of ``_regexes()["byline"].finditer(norm, b0, b1)``.

    A match starts at a keyword of the role or ``_BYLINE_ROLE_LEAD`` characters
    before one (本报记者); the pattern is tried there only, leftmost first and
    not overlapping, as finditer does. perf: ``regex`` scanned every position.
    """
    starts: set[int] = set()
    for w in _BYLINE_KEYWORDS:
        k = norm.find(w, b0, b1)
        while k >= 0:
            starts.add(k)
            if k - _BYLINE_ROLE_LEAD >= b0:
                starts.add(k - _BYLINE_ROLE_LEAD)
            k = norm.find(w, k + 1, b1)
    if not starts:
        return
    match = _regexes()["byline"].match
    p = b0
    for i in sorted(starts):
        if i >= p and (m := match(norm, i, b1)) is not None:
            yield m
            p = m.end()


def _head_end(norm: str, b0: int, b1: int) -> int:
    """End of the first few non-empty lines of the body (where author lines stand)."""
    pos, seen = b0, 0
    while pos < b1 and seen < 4:
        nl = norm.find("\n", pos, b1)
        nl = b1 if nl < 0 else nl
        if norm[pos:nl].strip():
            seen += 1
        pos = nl + 1
    return min(pos, b1)


def _name_list(ctx: Context, pos: int, end: int, titles: list[str], rule: str) -> Iterator[Person]:
    """Names separated by spaces, 、 or commas, from ``pos``; stops at the first non-name."""
    norm = ctx.norm
    p = pos
    while p < end:
        ne = read_name(norm, p, end)
        if ne is None or (ne < end and _is_han(norm[ne])):
            return
        yield _person(ctx, p, ne, titles, None, rule)
        sep = _rx(r"[ \t、,]{1,3}").match(norm[ne : min(end, ne + 3)])
        if not sep:
            return
        p = ne + sep.end()


def extract(ctx: Context) -> Iterable[Fact]:
    """Person facts for every role-carrying mention; one fact per name span."""
    found: dict[tuple[int, int], Person] = {}
    taken: set[int] = set()
    known = _known_orgs(ctx)
    for b0, b1 in ctx.body:
        gens = (
            _byline_runs(ctx, b0, b1),
            _pre_title(ctx, b0, b1, known),
            _title_org(ctx, b0, b1),
            _post_title(ctx, b0, b1, known),
            _bylines(ctx, b0, b1),
        )
        for gen in gens:
            for p in gen:
                span = range(p.start, p.end)
                if any(i in taken for i in span):
                    continue
                taken.update(span)
                found[(p.start, p.end)] = p
    return sorted(found.values(), key=lambda p: p.start)
