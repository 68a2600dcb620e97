"""Organisations: named by structure, by a known short name, or by how the text uses them.

Rules, in the order they run (every word list is a data file ``data/org_*.tsv``):

1. **Suffix** (``org_suffixes.tsv``): a name ends with an organisation word
   (有限公司, 大学, 研究院, 局, 开发区, 联社 …). The start is found by walking
   back over jieba tokens of a small window until a word that introduces an
   organisation (``org_left_stops.tsv``: 的, 在, 位于, 成立, 推进 …) or
   punctuation. WHY tokens: a character class cannot tell 科力车辆控制系统 (a name
   with a verb inside) from 推进两新产业园 (a verb before a name).
2. **Known** short names (``org_known.tsv``: 科技部, 中国科学院 …) as whole words.
3. **Enumerations** closed by a kind word (中色奥博特、宇捷轴承、凯美瑞轴承等多家企业),
   and brands beside an organisation in a 、-list (济南大学、山钢股份).
4. **Brands**: a brand + industry word (江丰电子, 海滨轴承) in a photo caption or
   followed by what companies do (研发, 生产, 搬迁 …); a bare brand at the head of a
   clause followed by a strong company verb (中科潞安自主研制的…).

Aliases: declared (``(以下简称“北一半导体”)``) and plain short forms the text
uses (``亿美达`` for ``浙江亿美达门业有限公司``). ``ctx.state["org_aliases"]``
maps alias -> full name and ``ctx.state["org_focus"]`` lists ``(start, full name)``
of every company mention, so a later ``公司``/``该公司`` resolves to the last one.

One Organization fact per distinct organisation: at the first mention of its
longest written form.
"""

from __future__ import annotations

import functools
import math
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

from ..facts import Organization
from ..gazetteer import is_place_sequence, place_prefix_len
from ..resources import read_lines, read_tsv
from ..text import WordMatcher
from ..tokenize import _posseg_patterns, get_pos_tokenizer, pos_cut_no_hmm

if TYPE_CHECKING:  # pragma: no cover - the pipeline imports the extractors
    from ..pipeline import Context

NAME = "organization"
ORDER = 20

_MAX_NAME = 25  # characters walked back from a suffix
_ALIAS_WINDOW = 20000  # characters after a company's first mention searched for its short form
_PUNCT = set(",。;:!?、“”‘’\"'()《》【】[]<>〈〉…—-/|·\n\t ") | {"\u3000"}
_PARTY = frozenset({"市委", "县委", "省委", "区委", "州委"})
_NUMERAL_CHARS = "一二三四五六七八九十百千万两"
_LEVEL_WORDS = frozenset({"省", "市", "县", "区", "国家"})
_DECLARED_RE = regex.compile(r"\(?(?:以下)?(?:简称|下称)[:]?“([^”\n]{1,15})”\)?")
_LEGAL_RE = regex.compile(r"(?:股份有限公司|集团有限公司|有限责任公司|有限公司|股份公司|公司|集团)$")


@dataclass(frozen=True)
class _Suffix:
    kind: str
    chain: str
    min_name: int
    place: bool
    weak: bool


@dataclass
class _Org:
    start: int
    end: int
    name: str
    kind: str
    rule: str
    aliases: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- tables
@functools.cache
def _suffixes() -> dict[str, _Suffix]:
    return {
        r["suffix"]: _Suffix(r["kind"], r["chain"], int(r["min_name"] or 2), r["place"] == "1", r["weak"] == "1")
        for r in read_tsv("org_suffixes.tsv")
    }


def _words(name: str) -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv(name))


@functools.cache
def _stops() -> frozenset[str]:
    return _words("org_left_stops.tsv")


@functools.cache
def _single_stops() -> frozenset[str]:
    return frozenset(w for w in _stops() if len(w) == 1)


@functools.cache
def _descriptive() -> frozenset[str]:
    return _words("org_descriptive_verbs.tsv")


@functools.cache
def _descriptive_re() -> re.Pattern[str]:
    """Any descriptive verb (perf: one search in C instead of one ``in`` per verb)."""
    return re.compile("|".join(re.escape(v) for v in sorted(_descriptive())) or "(?!)")  # none: never


@functools.cache
def _generic() -> frozenset[str]:
    return _words("org_generic.tsv")


@functools.cache
def _negatives() -> tuple[str, ...]:
    return tuple(sorted(_words("org_negatives.tsv"), key=len, reverse=True))


@functools.cache
def _negatives_of(suffix: str) -> tuple[str, ...]:
    """The negatives that can end where ``suffix`` ends (one ends the other), longest first.

    perf: the others can never equal the text ending at the suffix; 61 slices per match otherwise.
    """
    return tuple(n for n in _negatives() if n.endswith(suffix) or suffix.endswith(n))


@functools.cache
def _industry() -> frozenset[str]:
    return _words("org_industry.tsv")


@functools.cache
def _verbs() -> dict[str, str]:
    return {r["word"]: r["strength"] for r in read_tsv("org_company_verbs.tsv")}


@functools.cache
def _known() -> dict[str, str]:
    return {r["name"]: r["kind"] for r in read_tsv("org_known.tsv")}


@functools.cache
def _list_heads() -> dict[str, str]:
    return {r["word"]: r["kind"] for r in read_tsv("org_list_heads.tsv")}


@functools.cache
def _surnames() -> frozenset[str]:
    try:
        return frozenset(w.split("\t")[0] for w in read_lines("surnames.txt") if len(w.split("\t")[0]) == 1)
    except OSError:  # pragma: no cover - the people extractor ships it
        return frozenset()


# perf: WordMatcher gives the same leftmost-longest matches as ``regex``'s ``\L<s>`` named
# list sorted longest first, at ~1.4 M chars/s instead of ~0.1-0.3 M (innovext.text).
@functools.cache
def _suffix_matcher() -> WordMatcher:
    return WordMatcher(_suffixes())


@functools.cache
def _known_matcher() -> WordMatcher:
    return WordMatcher(_known())


@functools.cache
def _industry_matcher() -> WordMatcher:
    return WordMatcher(_industry())


# Characters that end an enumeration item (besides 、, which separates items).
_LIST_STOP = r"\s,。;:!?“”()《》"
_LIST_QUANT = r"(?:多家|一批|众多|一些|多个|[0-9一二三四五六七八九十几百]{1,3}家)?"


@functools.cache
def _list_re() -> regex.Pattern[str]:
    heads = sorted(_list_heads(), key=len, reverse=True)
    # items: 2-16 chars without punctuation, separated by 、; closed by 等 (+ quantifier) + head word
    return regex.compile(
        rf"((?:[^{_LIST_STOP}、]{{2,16}}、){{1,12}}[^{_LIST_STOP}、]{{2,16}})等{_LIST_QUANT}(\L<h>)",
        h=heads,
    )


@functools.cache
def _list_close_re() -> regex.Pattern[str]:
    """The closing 等 (+ quantifier) + head word of an enumeration alone: found in C in one pass."""
    heads = sorted(_list_heads(), key=len, reverse=True)
    return regex.compile(rf"等{_LIST_QUANT}(?:{'|'.join(map(regex.escape, heads))})")


@functools.cache
def _list_stop_re() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A character that no enumeration contains: searched forwards and backwards (``(?r)``)."""
    return regex.compile(rf"[{_LIST_STOP}]"), regex.compile(rf"(?r)[{_LIST_STOP}]")


@functools.cache
def _jieba_freq() -> dict[str, int]:
    from ..tokenize import get_segmenter

    return get_segmenter().FREQ


@functools.cache
def _longest_word(entries: int) -> int:
    """Length of the longest entry of jieba's dictionary (``entries`` = its size: a new word changes it)."""
    return max(map(len, _jieba_freq()), default=1)


def _pos_tokenizer():  # type: ignore[no-untyped-def]
    # the shared tagger, gazetteer.pos_tokenizer's (one tag table in memory); perf: called directly,
    # without that wrapper's import statement, once per document
    return get_pos_tokenizer()


def _seg(window: str) -> tuple[tuple[str, int, int, str], ...]:
    """jieba words of a small window with offsets and POS tag: (word, start, end, flag).

    The reference :meth:`_Doc.seg` equals (the rules call that one: it is faster).
    """
    out = []
    pos = 0
    for word, flag in pos_cut_no_hmm(window):  # perf: = _pos_tokenizer().cut(window, HMM=False), inlined
        out.append((word, pos, pos + len(word), flag))
        pos += len(word)
    return tuple(out)


Tok = tuple[str, int, int, str]  # (word, start, end, POS tag), offsets into the window

# The most recently used windows, by text (the same window recurs within and across documents).
# perf: bounded memory (65536 entries grew RSS by ~100 MB over the corpus)
_WINDOWS: OrderedDict[str, tuple[Tok, ...]] = OrderedDict()
_WINDOWS_MAX = 4096
# POS tags of the words seen (perf: the tag table's ``get`` is a Python method), for one table.
_TAGS: dict[str, str] = {}
_TAGS_OF: list[int] = []  # [id, size] of the table _TAGS was read from
_TAGS_MAX = 100_000


class _Doc:
    """A document's normalised text and its jieba windows, segmented as :func:`_seg` does.

    ``doc.seg(lo, hi)`` is ``_seg(doc.norm[lo:hi])``, the same words, tags and offsets.

    perf: the rules segment thousands of small, overlapping windows per MB (a
    suffix's window and its walk-back window share their left part, a known name's
    window overlaps both). jieba's DAG row of a position (the ends of the
    dictionary words starting there) depends only on the text after it, and a
    window's row is that row cut at the end of the window's block; a word's weight
    is ``log(freq or 1) - log(total)``. Both are computed once per document
    position here; each window's route is then jieba's recurrence over them, the
    same floats added in the same order and the same ties, hence the same words
    (``tests/test_organization_fast.py`` compares with ``_seg`` on many windows).
    """

    __slots__ = ("_freq", "_logtotal", "_longest", "_rows", "_tags", "norm")

    def __init__(self, norm: str) -> None:
        self.norm = norm
        pos = _pos_tokenizer()
        pos.makesure_userdict_loaded()
        table = pos.word_tag_tab
        self._tags = table.get
        # the tag table only grows (jieba adds user words to it): a new size is a new table
        if _TAGS_OF != [id(table), len(table)] or len(_TAGS) > _TAGS_MAX:
            _TAGS.clear()
            _TAGS_OF[:] = [id(table), len(table)]
        self._logtotal = math.log(pos.tokenizer.total)
        self._freq = _jieba_freq()
        self._longest = _longest_word(len(self._freq))
        self._rows: dict[int, list[tuple[int, float]]] = {}

    def seg(self, lo: int, hi: int) -> tuple[Tok, ...]:
        """jieba words of ``norm[lo:hi]`` with offsets from ``lo`` and POS tag."""
        window = self.norm[lo:hi]
        toks = _WINDOWS.get(window)
        if toks is None:
            toks = _WINDOWS[window] = self._seg(lo, hi)
            if len(_WINDOWS) > _WINDOWS_MAX:
                _WINDOWS.popitem(last=False)
        else:
            _WINDOWS.move_to_end(window)
        return toks

    def surely_cut(self, c: int, lo: int, hi: int) -> bool:
        """True when ``seg(lo, hi)`` has a word boundary at ``c`` whatever its route: False if unsure.

        perf: decides a word boundary without segmenting. jieba's route goes from word to
        word over the DAG (dictionary words, or single characters), so when no dictionary
        word starting in ``[lo, c)`` reaches ``c`` or beyond, every route passes through
        ``c``. Such a word would start with ``norm[k:c+1]`` for some ``k``, and jieba's
        prefix dictionary holds every prefix of every word: one lookup per ``k`` (at most
        the longest word's length back); when it is there, ``k``'s row (the words that do
        start at ``k``) decides, as a prefix need not be a word. The output then also cuts
        at ``c`` unless ``c`` lies inside a run of single letters and digits (joined into
        one "eng" word) or between two non-word characters (``\\r\\n`` is one token):
        those answer False.

        A boundary that every route passes through also splits the window exactly: the
        words of ``seg(lo, hi)`` after ``c`` are those of ``seg(c, hi)``, because jieba's
        route is computed from the window's end and a position's best route only
        depends on the text after it (:func:`_walk_back` and the suffix check use that).
        """
        if c <= lo or c >= hi:
            return c == lo or c == hi
        norm = self.norm
        eng_left, han_left = _char_class(norm[c - 1])
        eng_right, han_right = _char_class(norm[c])
        if eng_left and eng_right:
            return False
        if not han_left and not han_right:
            return False
        rows = self._rows
        freq = self._freq
        for k in range(c - 1, max(lo, c + 1 - self._longest) - 1, -1):
            # a word norm[k:i+1] reaching c starts with norm[k:c+1], which the prefix dictionary
            # then holds: perf: that one lookup first, the row only when it is there
            if norm[k : c + 1] not in freq:
                continue
            row = rows.get(k)
            if row is None:
                row = self._row(k)  # a word may start with it: the (exact) row says whether one does
            if row and row[-1][0] >= c:  # ends ascending: the last is the longest
                return False
        return True

    def cut_before(self, at: int, lo: int, hi: int) -> int:
        """The last position ``<= at`` where ``seg(lo, hi)`` surely cuts (``lo`` when none is sure)."""
        for c in range(min(at, hi), lo, -1):
            if self.surely_cut(c, lo, hi):
                return c
        return lo

    def _row(self, k: int) -> list[tuple[int, float]]:
        """``(i, weight)`` of every dictionary word ``norm[k:i+1]`` (jieba's get_DAG walk, uncut).

        The walk stops at the first fragment that is no prefix of a word, at the latest
        past the longest word.
        """
        norm = self.norm
        get = self._freq.get
        logtotal = self._logtotal
        log = math.log
        row: list[tuple[int, float]] = []
        for j in range(k + 1, min(len(norm), k + self._longest) + 1):
            f = get(norm[k:j])
            if f is None:
                break
            if f:
                row.append((j - 1, log(f) - logtotal))
        self._rows[k] = row
        return row

    def _seg(self, lo: int, hi: int) -> tuple[Tok, ...]:
        norm = self.norm
        re_han, _skip, _num, _eng, re_eng1 = _posseg_patterns()
        out: list[Tok] = []
        pos = lo
        for m in re_han.finditer(norm, lo, hi):
            hs, he = m.span()
            if hs > pos:
                self._other(pos, hs, lo, out)
            self._han(hs, he, lo, out, re_eng1)
            pos = he
        if pos < hi:
            self._other(pos, hi, lo, out)
        return tuple(out)

    def _other(self, s: int, e: int, lo: int, out: list[Tok]) -> None:
        """A stretch without words (spaces, punctuation): jieba's own handling, offset by ``s - lo``."""
        p = s - lo
        for word, a, b, flag in _other_words(self.norm[s:e]):
            out.append((word, p + a, p + b, flag))

    def _han(self, hs: int, he: int, lo: int, out: list[Tok], re_eng1: re.Pattern[str]) -> None:
        """One block of words: jieba's route (``Tokenizer.calc``) over the cut rows, then its walk."""
        norm = self.norm
        rows = self._rows
        # A character without a word of its own inside the block has frequency None or 0
        # (else its row would hold it): jieba's weight log(0 or 1) - log(total).
        alone = math.log(1) - self._logtotal
        off = 1 - hs
        score = [0.0] * (he - hs + 1)
        nxt = [0] * (he - hs)
        for k in range(he - 1, hs - 1, -1):
            row = rows.get(k)
            if row is None:
                row = self._row(k)
            best = None
            for i, w in row:  # ends ascending: ``>=`` keeps the last maximum, as max() of (score, end) does
                if i >= he:
                    break
                sc = w + score[i + off]
                if best is None or sc >= best:
                    best, end = sc, i
            if best is None:
                best, end = alone + score[k + off], k
            score[k - hs] = best
            nxt[k - hs] = end + 1
        tags = self._tags
        known = _TAGS
        x, buf, bstart = hs, "", 0
        while x < he:
            y = nxt[x - hs]
            word = norm[x:y]
            if y - x == 1 and _char_class(word)[0]:  # = re_eng1.match(word)
                if not buf:
                    bstart = x - lo
                buf += word
            else:
                if buf:
                    out.append((buf, bstart, bstart + len(buf), "eng"))
                    buf = ""
                tag = known.get(word)
                if tag is None:
                    tag = known[word] = tags(word, "x")
                out.append((word, x - lo, y - lo, tag))
            x = y
        if buf:
            out.append((buf, bstart, bstart + len(buf), "eng"))


@functools.lru_cache(maxsize=4096)  # bounded memory, like the other window caches
def _other_words(stretch: str) -> tuple[Tok, ...]:
    """``pos_cut_no_hmm(stretch)`` with offsets, for a stretch that holds no Han-pattern character.

    perf: remembered by text (a comma, a space, 、 recur in most windows). Such a
    stretch is one non-Han block for jieba, tagged by its patterns alone (no
    dictionary word can be in it): the words are a function of the text.
    """
    out = []
    p = 0
    for word, flag in pos_cut_no_hmm(stretch):
        out.append((word, p, p + len(word), flag))
        p += len(word)
    return tuple(out)


@functools.lru_cache(maxsize=20_000)
def _char_class(ch: str) -> tuple[bool, bool]:
    """Whether jieba.posseg's single-letter/digit pattern and its Han-block pattern match ``ch``.

    perf: a cache lookup instead of two regex calls per boundary checked.
    """
    re_han, _skip, _num, _eng, re_eng1 = _posseg_patterns()
    return re_eng1.match(ch) is not None, re_han.match(ch) is not None


@functools.cache
def _name_words() -> frozenset[str]:
    return _words("org_name_words.tsv")


# POS tags that end a name when walking back: verbs (unless listed in org_name_words.tsv),
# pronouns, prepositions, conjunctions, particles, interjections, locatives, time words.
# Only for words of two characters or more: jieba tags the single characters of unknown
# brand names at random (中色奥博/特 d, 北/一 半导体, 碳一新能源).
_STOP_TAGS = ("v", "r", "p", "c", "u", "y", "e", "o", "f", "t")


def _is_stop(word: str, flag: str, left: str | None, left_flag: str = "") -> bool:
    """Does ``word`` (tagged ``flag``, preceded by the word ``left``) end a name walked back from its suffix?"""
    if word in _stops():
        # a one-character stop between two single characters is inside a name (三和纺织)
        if left is None or len(left) != 1:
            return True
        if word in "和同与及" and left in _NUMERAL_CHARS:
            return False
        # 中科微至: jieba breaks an unknown brand into single characters, one of them a stop word
        return not (word == "至" and left_flag.startswith("n") and left not in _stops())
    if len(word) < 2:
        # a classifier (29个省级经济开发区), a particle, preposition, conjunction or pronoun (环绕着中心)
        return flag == "q" or flag.startswith(("u", "p", "c", "r"))
    if word in _name_words() or flag in ("nr", "ns", "nt", "nz", "n") or is_place_sequence(word):
        return False  # a place is part of the name even when jieba tags it otherwise (大连/d 商品交易所)
    if flag.startswith(("d", "b", "l", "a")):
        # common adverbs and attributives (原来, 上述, 主流) end a name; jieba's rare ones are
        # misread pieces of unknown names (碳一新能源 -> 一新/d)
        return _jieba_freq().get(word, 0) >= 1000
    return flag.startswith(_STOP_TAGS)  # verbal nouns too (启动, 影响), unless listed as name words


# ---------------------------------------------------------------- helpers
def _clause_start(norm: str, pos: int, floor: int) -> int:
    """Start of the clause containing ``pos`` (after the last punctuation), at most _MAX_NAME+5 back."""
    lo = max(floor, pos - _MAX_NAME - 5)
    m = _punct_back_re().search(norm, lo, pos)  # perf: the last one, found in C
    return m.end() if m else lo


@functools.cache
def _punct_back_re() -> regex.Pattern[str]:
    """One ``_PUNCT`` character, searched right to left."""
    return regex.compile("(?r)[" + "".join(regex.escape(ch) for ch in sorted(_PUNCT)) + "]")


@functools.cache
def _and_compounds() -> tuple[str, ...]:
    return tuple(sorted(_words("org_and_compounds.tsv"), key=len, reverse=True))


def _in_and_compound(norm: str, at: int, lo: int, hi: int) -> bool:
    """True when the 和 at ``at`` belongs to a department name (工业和信息化局)."""
    for c in _and_compounds():
        k = c.find("和")
        s = at - k
        if s >= lo and s + len(c) <= hi and norm.startswith(c, s):
            return True
    return False


def _walk_back(doc: _Doc, lo: int, hi: int, org_spans: dict[int, int], chain: str) -> tuple[int, bool] | None:
    """Left edge of a name ending at ``hi``: jieba tokens of ``norm[lo:hi]`` walked backwards.

    ``org_spans`` maps the end of every organisation found so far to its start: a
    name may extend one (山东洛轴所 + 研究室) as the suffix's ``chain`` allows.
    Returns (start, crossed_org) or None when the name would extend an
    organisation it may not extend (a department: 穆棱市委组织部 + 人才办).
    """
    # perf: most names are short: first the words after a sure word boundary a few
    # characters back (the same words as the whole window's there, see _Doc.surely_cut);
    # the whole window only when the walk gets to the first of them (it looks at the
    # word before it).
    x = doc.cut_before(hi - _WALK_TAIL, lo, hi)
    if x > lo:
        walked = _walk_tokens(doc.norm, doc.seg(x, hi), x, lo, hi, org_spans, chain)
        if walked is not _NEED_LEFT:
            return walked
    return _walk_tokens(doc.norm, doc.seg(lo, hi), lo, lo, hi, org_spans, chain)


_WALK_TAIL = 8  # characters before the end of a walk-back window segmented first
_NEED_LEFT = (-1, False)  # _walk_tokens (compared by identity): the walk needs the words before the first one


@functools.lru_cache(maxsize=20_000)
def _has_digit(word: str) -> bool:
    """``any(ch.isdigit() for ch in word)``, remembered by word (perf: words recur, the generator is slow)."""
    return any(ch.isdigit() for ch in word)


def _walk_tokens(norm: str, toks: tuple[Tok, ...], base: int, lo: int, hi: int, org_spans: dict[int, int],
                 chain: str) -> tuple[int, bool] | None:
    """The walk of :func:`_walk_back` over the words of ``norm[base:hi]`` (``base >= lo``).

    Returns ``_NEED_LEFT`` instead of reading the first word when words before ``base`` exist.
    """
    start = hi
    crossed = False
    skip_to = hi  # tokens of an organisation already crossed are not checked again
    for i in range(len(toks) - 1, -1, -1):
        if i == 0 and base > lo:
            return _NEED_LEFT
        word, s, _e, flag = toks[i]
        a = base + s
        b = a + len(word)
        if a >= skip_to:
            continue
        if b in org_spans and org_spans[b] >= lo:
            prev = norm[max(lo, b - 2) : b]
            if not (chain == "yes" or (chain == "party" and prev in _PARTY)):
                return None
            crossed = True
            skip_to = start = org_spans[b]
            if a >= skip_to:
                continue
        if flag == "m" and len(word) > 1 and not (i and is_place_sequence(toks[i - 1][0])):
            break  # 四大实验室, 一批县级物流配送中心; but 浙江百家万安门业 (a place before it)
        if word == "和" and _in_and_compound(norm, a, lo, hi):
            start = a
            continue
        if _is_stop(word, flag, toks[i - 1][0] if i else None, toks[i - 1][3] if i else "") or _has_digit(word):
            break
        if word.isspace():
            break
        if word[0] in _single_stops() and word[1:] in _LEVEL_WORDS:
            start = a + 1
            break
        if hi - a > _MAX_NAME:
            break
        start = a
    return start, crossed


def _distinctive(doc: _Doc, start: int, end: int) -> bool:
    """True when ``name_part`` (``norm[start:end]``) names something: a place, or a word that is not generic."""
    name_part = doc.norm[start:end]
    if not name_part or name_part in _suffixes():
        return False  # 开发区党工委: a generic reference in front of the suffix
    n = place_prefix_len(name_part)
    if n:
        return True
    if name_part in _generic() or name_part in _industry():
        return False
    toks = doc.seg(start, end)
    if toks[0][0] in _suffixes() and toks[0][0] not in _PARTY:
        return False  # 园区事情园区: a bare generic reference starts the name
    if any(w not in _generic() and w not in _industry() for w, _, _, _ in toks):
        return True
    # a field and a function (轴承产业技术服务指导中心) names a body; 汽车公司 does not
    return len(toks) >= 3 and any(w in _industry() for w, _, _, _ in toks)


def _suffix_candidates(ctx: Context, doc: _Doc, b0: int, b1: int, out: list[_Org], org_spans: dict[int, int]) -> None:
    norm = ctx.norm
    table = _suffixes()
    last_end = max(org_spans, default=-1)  # the end of the last organisation found (they come left to right)
    for a, b in _suffix_matcher().finditer(norm, b0, b1):
        word = norm[a:b]
        suf = table[word]
        hi = a
        # 赛诺微医疗科技(浙江)有限公司: a place in brackets before the suffix belongs to the name
        if a >= 4 and norm[a - 1] == ")":
            op = norm.rfind("(", max(b0, a - 10), a - 1)
            if op > b0 and (is_place_sequence(norm[op + 1 : a - 1]) or norm[op + 1 : a - 1] in _BRACKETED):
                hi = op  # … and so does a bracketed 集团 (昌河飞机工业(集团)有限责任公司)
        lo = _clause_start(norm, hi, b0)
        if _name_surely_short(a, lo, suf.min_name, last_end):
            continue  # perf: the min_name check below would drop it, after the jieba windows
        # the suffix must end a token: 局长, 院士, 所以, 会议 are not organisations
        right = min(b1, b + 3)
        # perf: when the window surely has a word boundary at b, the token ending at b passes
        # the three checks below unless it is a lone 所 (maybe the particle) or starts before a
        # with a negative written there; a sure boundary at a rules the latter out too. Then
        # no segmentation is needed.
        if (word[-1] == "所" or not doc.surely_cut(b, lo, right)
                or (norm.endswith(_negatives_of(word), 0, b) and not doc.surely_cut(a, lo, right))):
            # perf: the words after a sure boundary at or before a are the window's own there
            # (a lone 所 needs the word before it: the whole window)
            x = lo if word[-1] == "所" else doc.cut_before(a, lo, right)
            toks = doc.seg(x, right)
            tok = next(((w, x + s, f) for w, s, e, f in toks if x + s < b <= x + e), None)
            if tok is None:
                continue
            if tok[1] + len(tok[0]) != b and not suf.place:
                continue  # 长治市委书记: a party committee is read before its titles
            if len(tok[0]) == 1 and tok[0] == "所" and _particle_suo(toks, tok[1] - x):
                continue  # 所 as a particle (他们所从事的, 发展所需)
            if tok[1] < a and any(norm[b - len(n) : b] == n and tok[1] <= b - len(n) for n in _negatives_of(word)):
                continue
        walked = _walk_back(doc, lo, hi, org_spans, suf.chain)
        if walked is None:
            continue
        start, crossed = walked
        if word in _CONTINUED and _continued_re().match(norm, b, min(b1, b + 12)):
            continue  # 美国亿泰证券资本集团, 国元证券股份有限公司: the name goes on to a later suffix
        if suf.kind == "government" and start > lo and norm[start - 1] == "和":
            start = _and_bureau_start(norm, lo, start)
        start = _after_byline(doc, start, a, b0)
        start = _known_start(norm, lo, start)
        if norm.startswith(_NOT_AFTER, b):
            continue  # 晋宁河泊所遗址: a site named after the body
        name_part = norm[start:a]
        if suf.weak and _descriptive_clause(norm, lo, start, b0):
            continue
        if len(name_part) < suf.min_name and not crossed:
            continue
        if suf.place and not is_place_sequence(name_part):
            continue
        national = suf.kind == "government" and not suf.weak and name_part.startswith(_NATIONAL)
        if not suf.place and not crossed and not national and not _distinctive(doc, start, a):
            continue  # but 国家能源局, 国家医保局: a national bureau is named by its field
        if not name_part and suf.min_name:
            continue
        kind = suf.kind
        if word == "党委" and (is_place_sequence(name_part) or name_part in _PARTY_LEVELS):
            kind = "government"  # 自治区党委, 河北省党委: the party committee of a place
        out.append(_Org(start, b, ctx.text[start:b], kind, f"org.suffix:{word}"))
        org_spans[b] = start
        last_end = max(last_end, b)


def _name_surely_short(a: int, lo: int, min_name: int, last_end: int) -> bool:
    """True when the name before a suffix at ``a`` is shorter than ``min_name`` whatever the walk finds.

    Every start the rules can give (the walk, the crossing of an organisation, the
    byline, known-name and 和-bureau corrections) lies in ``[lo, a]``, so the name has
    at most ``a - lo`` characters; a shorter name passes only when the walk crossed an
    organisation, which must end after ``lo`` (organisations end at or before
    ``last_end``). ``_suffix_candidates`` drops such a match anyway, later.
    """
    return a - lo < min_name and last_end <= lo


_NOT_AFTER = ("遗址", "景区", "旧址")
_NATIONAL = ("国家", "中央", "国务院")
_BRACKETED = frozenset({"集团", "股份", "控股", "中国"})
_PARTY_LEVELS = frozenset({"自治区", "省", "市", "县", "区", "州", "盟", "旗"})
# Suffixes that are often the middle of a longer name (国元证券股份有限公司).
_CONTINUED = frozenset({"证券"})


@functools.cache
def _continued_re() -> regex.Pattern[str]:
    return regex.compile(r"[^\s,.;:!?、“”()《》的和与及]{0,8}?(?:有限公司|公司|集团|研究所|研究院|研究中心|基金)")


def _known_start(norm: str, lo: int, start: int) -> int:
    """Move the start back to that of a known short name it cuts (与顺丰控股…: jieba reads 顺/p 丰/a)."""
    for a, b in _known_matcher().finditer(norm, max(lo, start - 8), min(len(norm), start + 8)):
        if a < start < b:
            return a
    return start


def _and_bureau_start(norm: str, lo: int, start: int) -> int:
    """Start of a merged bureau named after two fields joined by 和 (金川县科学技术和农业畜牧局).

    WHY: the walk back stops at 和, a conjunction; when a place and a short field
    name (2-6 characters) stand right before it, the two fields form one
    department of that place.
    """
    for j in range(lo, start - 3):
        n = place_prefix_len(norm[j : start - 1])
        if n and 2 <= start - 1 - (j + n) <= 6 and all("\u4e00" <= ch <= "\u9fff" for ch in norm[j + n : start - 1]):
            return j
    return start


def _after_byline(doc: _Doc, start: int, a: int, floor: int) -> int:
    """Drop a reporter's name glued before the name in a byline (本报记者 谢卫国国元证券股份有限公司)."""
    norm = doc.norm
    head = norm[max(floor, start - 8) : start].rstrip(" \u3000")
    if not head.endswith("记者") or norm[start] not in _surnames():
        return start
    cuts = {s for _, s, _e, _f in doc.seg(start, a)}
    for n in (3, 2):
        if n in cuts and a - (start + n) >= 2:
            return start + n
    return start


def _descriptive_clause(norm: str, lo: int, start: int, floor: int) -> bool:
    """True when a descriptive verb (打造成为…) precedes ``start`` in its clause or the clause list before it.

    Items joined by 、/和 share the verb: 打造成为A中心、B中心和C中心.
    """
    s = lo
    while True:
        head = norm[s:start]
        if _descriptive_re().search(head):
            return True
        if s - 1 < floor or norm[s - 1] != "、":
            return False
        s = _clause_start(norm, s - 1, floor)


def _particle_suo(toks: tuple[tuple[str, int, int, str], ...], at: int) -> bool:
    """True when the standalone 所 at ``at`` is the particle: after a pronoun or verb, before a verb."""
    idx = next(i for i, t in enumerate(toks) if t[1] == at)
    prev = toks[idx - 1] if idx else None
    nxt = toks[idx + 1] if idx + 1 < len(toks) else None
    return bool((prev and prev[3].startswith(("r", "v"))) or (nxt and nxt[3].startswith(("v", "d"))))


def _token_bounded(doc: _Doc, a: int, b: int) -> bool:
    w0, w1 = max(0, a - 4), min(len(doc.norm), b + 4)
    if doc.surely_cut(a, w0, w1) and doc.surely_cut(b, w0, w1):
        return True  # perf: no segmentation needed
    cuts = {p for _, s, e, _f in doc.seg(w0, w1) for p in (s, e)}
    return (a - w0) in cuts and (b - w0) in cuts


def _known_candidates(ctx: Context, doc: _Doc, b0: int, b1: int, out: list[_Org]) -> None:
    known = _known()
    for a, b in _known_matcher().finditer(ctx.norm, b0, b1):
        if _token_bounded(doc, a, b):
            out.append(_Org(a, b, ctx.text[a:b], known[ctx.norm[a:b]], "org.known"))


def _item_ok(item: str) -> bool:
    """An enumerated item can be an organisation name (not a sector, a place or a generic word)."""
    if not 2 <= len(item) <= 16 or any(ch.isdigit() for ch in item):
        return False
    if item in _industry() or item in _generic() or is_place_sequence(item):
        return False
    if item.endswith(("企业", "产业", "行业", "领域", "项目", "产品", "技术")):
        return False
    if item.endswith("业") and not any(item.endswith(w) for w in _industry()):
        return False
    return _jieba_freq().get(item, 0) < 5000


def _trim_first(doc: _Doc, lo: int, hi: int) -> int:
    """Where the first item of a list starts (推动中色奥博特 -> 中色奥博特)."""
    walked = _walk_back(doc, lo, hi, {}, "yes")
    return walked[0] if walked else hi


def _list_runs(norm: str, b0: int, b1: int) -> Iterator[tuple[int, int]]:
    """The stretches of ``norm[b0:b1]`` where :func:`_list_re` can match, left to right.

    perf: ``_list_re`` tries its item repetitions at every position (a tenth of the
    stage on news text). No match contains a ``_LIST_STOP`` character (items
    exclude them; 、, 等, the quantifiers and the heads are none), so every match
    lies inside one run between two of them, and the regex (no anchors, no
    lookaround) finds in a run alone exactly the matches it finds there in the
    whole range. Only runs holding a closing 等 + head word can hold a match.
    """
    fwd, back = _list_stop_re()
    run_end = b0
    for m in _list_close_re().finditer(norm, b0, b1):
        if m.start() < run_end:
            continue  # in the run already given
        stop = back.search(norm, b0, m.start())
        stop_after = fwd.search(norm, m.end(), b1)
        run_end = stop_after.start() if stop_after else b1
        yield (stop.end() if stop else b0), run_end


def _list_candidates(ctx: Context, doc: _Doc, b0: int, b1: int, out: list[_Org]) -> None:
    norm = ctx.norm
    if norm.find("等", b0, b1) < 0:
        return  # perf: every enumeration closes with 等 (str.find in C, faster than the closing regex)
    heads = _list_heads()
    list_re = _list_re()
    for r0, r1 in _list_runs(norm, b0, b1):
        for m in list_re.finditer(norm, r0, r1):
            _list_items(ctx, doc, m, heads[m.group(2)], out)


def _list_items(ctx: Context, doc: _Doc, m: regex.Match[str], kind: str, out: list[_Org]) -> None:
    """The organisations of one enumeration matched by :func:`_list_re`."""
    norm = ctx.norm
    g0 = m.start(1)
    pos = g0
    items = []
    for k, item in enumerate(m.group(1).split("、")):
        s = pos
        if k == 0:
            s = _trim_first(doc, g0, g0 + len(item))
        items.append((s, pos + len(item)))
        pos += len(item) + 1
    for s, e in items:
        if _item_ok(norm[s:e]):
            out.append(_Org(s, e, ctx.text[s:e], kind, "org.list"))


def _industry_end(doc: _Doc, s: int, e: int) -> int | None:
    """End of the first industry word in ``norm[s:e]`` that closes a token (山钢股份共建 -> after 股份)."""
    for a, b in _industry_matcher().finditer(doc.norm, s, e):
        if a - s >= 2 and _token_bounded(doc, s, b):
            return b
    return None


def _brand_ok(brand: str) -> bool:
    if not 2 <= len(brand) <= 4 or any(ch.isdigit() or ch in _PUNCT for ch in brand):
        return False
    if brand in _generic() or brand in _industry() or is_place_sequence(brand) or place_prefix_len(brand):
        return False
    if brand in _stops():
        return False
    return _jieba_freq().get(brand, 0) < 1000


def _possessive_list(ctx: Context, doc: _Doc, org: _Org, out: list[_Org]) -> None:
    """``A的产品、B的产品、C的产品``: when one owner is an organisation, the others that read
    brand + industry word are companies (北一半导体的IGBT模块、镈浩石墨的石墨深加工)."""
    norm = ctx.norm
    if not norm.startswith("的", org.end):
        return
    sent = ctx.sentence_at(org.start)
    if sent is None:
        return
    s0, s1 = sent
    # the clause: from the last , ; : before the org to the next one after it
    c0 = max(max(norm.rfind(ch, s0, org.start) for ch in ",;:") + 1, s0)
    ends = [i for i in (norm.find(ch, org.end, s1) for ch in ",;:。") if i >= 0]
    c1 = min(ends) if ends else s1
    pos = c0
    for k, item in enumerate(norm[c0:c1].split("、")):
        i0, i1 = pos, pos + len(item)
        pos = i1 + 1
        de = item.find("的")
        if de < 2:
            continue
        x0, x1 = i0, i0 + de
        if k == 0:
            x0 = _trim_first(doc, i0, x1)
        if (x0, x1) == (org.start, org.end):
            continue
        if _industry_end(doc, x0, x1) == x1 and _brand_ok(norm[x0 : _industry_start(norm, x0, x1)]):
            out.append(_Org(x0, x1, ctx.text[x0:x1], "company", "org.possessive-list"))


def _industry_start(norm: str, s: int, e: int) -> int:
    """Start of the industry word that ends ``norm[s:e]`` (镈浩石墨 -> start of 石墨)."""
    for n in range(min(6, e - s), 0, -1):
        if norm[e - n : e] in _industry():
            return e - n
    return e


def _neighbour_candidates(ctx: Context, doc: _Doc, out: list[_Org]) -> None:
    """Items beside a known organisation in a 、-list that end with an industry word (济南大学、山钢股份)."""
    norm = ctx.norm
    found = list(out)
    for org in found:
        _possessive_list(ctx, doc, org, out)
        # the item after: 、 + brand + industry word
        if org.end < len(norm) and norm[org.end] == "、":
            s = org.end + 1
            e = s
            while e < len(norm) and e - s < 12 and norm[e] not in _PUNCT:
                e += 1
            end = _industry_end(doc, s, e)
            if end is not None and _brand_ok(norm[s : _industry_start(norm, s, end)]):
                out.append(_Org(s, end, ctx.text[s:end], "company", "org.list-neighbour"))


def _brand_candidates(ctx: Context, doc: _Doc, b0: int, b1: int, out: list[_Org]) -> None:
    norm = ctx.norm
    verbs = _verbs()
    for a, b in _industry_matcher().finditer(norm, b0, b1):
        lo = _clause_start(norm, a, b0)
        # perf: the walk back segments a window with jieba; first the checks that need no
        # start. The brand norm[start:a] starts at or after lo and has 2-4 characters, and
        # a brand + industry word is kept in a caption (a line with nothing before the
        # brand: nothing but spaces before lo either, as norm[lo:a] has no line break) or
        # when a company verb follows and the brand opens the clause (start == lo).
        if a - lo < 2:
            continue
        v = _verb_at(norm, b, b1)
        if (v is None or a - lo > 4) and not (_line_head_blank(norm, lo) and _caption_tail(norm, b)):
            continue
        walked = _walk_back(doc, lo, a, {}, "yes")
        if walked is None:
            continue
        start = walked[0]
        brand = norm[start:a]
        if not _brand_ok(brand) or not _token_bounded(doc, start, b):
            continue
        caption = _is_caption(norm, start, b)
        if caption or (v is not None and start == lo):
            out.append(_Org(start, b, ctx.text[start:b], "company",
                            "org.caption" if caption else f"org.brand:{v or ''}"))
    # bare brands: 中科潞安自主研制的 …
    for a, e in _verb_matcher().finditer(norm, b0, b1):
        if verbs[norm[a:e]] != "strong":
            continue
        lo = _clause_start(norm, a, b0)
        brand = norm[lo:a]
        if not 2 <= len(brand) <= 5 or _jieba_freq().get(brand, 0) >= 50 or not _brand_ok(brand[:4]):
            continue
        if len(brand) <= 3 and brand[0] in _surnames():
            continue  # 张磊自主研发的 is a person
        if any(w in _stops() or w in _generic() or (len(w) > 1 and _jieba_freq().get(w, 0) >= 1000)
               or f.startswith("v") for w, _, _, f in doc.seg(lo, a)):
            continue  # 项目采用自主研发的: a common word or a verb is no brand
        out.append(_Org(lo, a, ctx.text[lo:a], "company", "org.bare-brand"))


@functools.cache
def _verb_re() -> regex.Pattern[str]:
    """The company verbs as one ``regex`` named list: the reference of :func:`_verb_matcher` and :func:`_verb_at`."""
    return regex.compile(r"\L<v>", v=sorted(_verbs(), key=len, reverse=True))


@functools.cache
def _verb_matcher() -> WordMatcher:
    """perf: the matches of :func:`_verb_re` (leftmost-longest), ~2x faster on news text."""
    return WordMatcher(_verbs())


@functools.cache
def _verb_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(v) for v in _verbs()}, reverse=True))


def _verb_at(norm: str, b: int, b1: int) -> str | None:
    """The longest company verb starting at ``b`` and ending by ``b1``: ``_verb_re().match(norm, b, b1)``'s text.

    perf: one slice per verb length instead of a ``regex`` call.
    """
    verbs = _verbs()
    for n in _verb_lengths():
        if b + n <= b1 and norm[b : b + n] in verbs:
            return norm[b : b + n]
    return None


def _is_caption(norm: str, start: int, end: int) -> bool:
    """``智昌机器人。`` alone on a line, the next line crediting the picture (供图, 摄)."""
    return _line_head_blank(norm, start) and _caption_tail(norm, end)


def _line_head_blank(norm: str, start: int) -> bool:
    """Nothing but spaces between the start of the line and ``start``."""
    ls = norm.rfind("\n", 0, start) + 1
    return not norm[ls:start].strip()


def _caption_tail(norm: str, end: int) -> bool:
    """What follows a caption ending at ``end``: the end of its line, then a credit (供图, 摄)."""
    le = norm.find("\n", end)
    le = len(norm) if le < 0 else le
    if norm[end:le].strip() not in ("。", ""):
        # caption and credit on one line: 江丰电子。余姚市委宣传部供图
        rest = norm[end:le]
        return rest.startswith("。") and ("供图" in rest or "摄" in rest) and len(rest) <= 20
    nxt = norm[le + 1 : le + 60].lstrip("\n").split("\n", 1)[0]
    return "供图" in nxt or "摄" in nxt


# ---------------------------------------------------------------- aliases
@functools.cache
def _bracketed_re() -> regex.Pattern[str]:
    return regex.compile(r"\([^)]{1,8}\)")


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``word`` in ``text``, left to right (what ``regex.finditer(escape(word))`` gives).

    perf: ``str.find`` in a loop instead of compiling one pattern per organisation name per document.
    """
    if not word:  # an empty pattern matches everywhere; keep regex's behaviour
        return [(m.start(), m.end()) for m in regex.finditer("", text)]
    out: list[tuple[int, int]] = []
    n = len(word)
    i = text.find(word)
    while i >= 0:
        out.append((i, i + n))
        i = text.find(word, i + n)
    return out


def _core(name: str) -> str:
    """Distinctive part of a company name: no place prefix, no bracketed place, no legal suffix."""
    core = _bracketed_re().sub("", name)
    core = _LEGAL_RE.sub("", core)
    rest = core[place_prefix_len(core) :]
    return rest if len(rest) >= 2 else core  # 金川集团: the brand is a place name


def _plain_alias(doc: _Doc, org: _Org, taken: list[tuple[int, int]]) -> str | None:
    """The longest head of the core name the text also uses on its own (亿美达, 赛兆香精, 天际)."""
    norm = doc.norm
    core = _core(org.name)
    for n in range(min(len(core) - 1, 8), 1, -1):
        head = core[:n]
        if head in _generic() or head in _industry() or is_place_sequence(head):
            continue
        if _jieba_freq().get(head, 0) >= 1000:
            continue
        # short forms are used near the full name: look in the next few thousand characters only
        # (perf: str.find, left to right and non-overlapping like a regex of the head, uncompiled)
        end = min(len(norm), org.start + _ALIAS_WINDOW)
        at = norm.find(head, org.start, end)
        while at >= 0:
            if not any(s <= at < e for s, e in taken) and _token_bounded(doc, at, at + n):
                return head
            at = norm.find(head, at + n, end)
    return None


def _build_none(ctx: Context) -> list[_Org]:
    """What :func:`_build` gives and records without candidates (perf: most documents have none)."""
    ctx.state["org_aliases"] = {}
    ctx.state["org_focus"] = []
    ctx.state["organizations"] = {}
    return []


def _build(ctx: Context, doc: _Doc, cands: list[_Org]) -> list[_Org]:
    """Merge candidates into distinct organisations with aliases, first mention of the longest form."""
    norm = ctx.norm
    cands.sort(key=lambda o: (o.start, -o.end))
    # drop candidates inside a longer one of another rule that covers them entirely … unless both are
    # names (浙江农林大学 inside 浙江农林大学江山市门业全屋定制产业研究院 is kept: it is an organisation)
    kept: list[_Org] = []
    active: list[_Org] = []  # kept candidates that may still contain the next ones
    seen_spans: set[tuple[int, int]] = set()
    weak_rules = ("org.list", "org.list-neighbour", "org.caption", "org.bare-brand", "org.possessive-list",
                  "org.brand")
    for o in cands:
        if (o.start, o.end) in seen_spans:
            continue
        active = [k for k in active if k.end > o.start]
        inside = [k for k in active if o.end <= k.end]
        if inside and (o.rule.startswith(weak_rules) or o.end != inside[0].end):
            continue  # a head (穆棱市委 in 穆棱市委组织部) or a piece of a longer name
        seen_spans.add((o.start, o.end))
        kept.append(o)
        active.append(o)
    by_name: dict[str, _Org] = {}
    for o in kept:
        if o.name not in by_name:
            by_name[o.name] = o
    orgs = list(by_name.values())
    # declared aliases
    for o in orgs:
        m = _DECLARED_RE.match(norm, o.end, min(len(norm), o.end + 24))
        if m:
            o.aliases.append(ctx.text[m.start(1) : m.end(1)])
    aliases: dict[str, str] = {}
    # short forms written as a separate candidate (电站阀门公司 -> 黑龙江省穆棱电站阀门有限公司)
    full = [o for o in orgs if o.kind == "company" and _LEGAL_RE.search(o.name) and "有限" in o.name]
    merged: set[str] = set()
    for o in orgs:
        if o in full or o.kind != "company":
            continue
        core = _core(o.name)
        if len(core) < 2:
            continue
        for f in full:
            fcore = _core(f.name)
            if f is not o and ((len(fcore) >= len(core) and core in fcore) or f.name.startswith(o.name)):
                f.aliases.append(o.name)
                merged.add(o.name)
                break
    # a later mention by the tail of an earlier full name is that organisation
    # (中国科学院近代物理研究所 … 近代物理研究所; 武汉东湖高新区 … 东湖高新区)
    for o in orgs:
        if o.name in merged or len(o.name) < 4:
            continue
        for f in orgs:
            if f is not o and f.start < o.start and f.kind == o.kind and f.name.endswith(o.name):
                f.aliases.append(o.name)
                merged.add(o.name)
                break
    orgs = [o for o in orgs if o.name not in merged]
    # names used inside a declared alias (北一半导体 declared, and found by rule 4 elsewhere)
    declared = {a: o.name for o in orgs for a in o.aliases}
    orgs = [o for o in orgs if o.name not in declared or declared[o.name] == o.name]
    # plain short forms of full company names
    taken = [(o.start, o.end) for o in orgs]
    for f in full:
        if f.name in merged or f not in orgs or f.aliases:
            continue
        spans = _occurrences(norm, f.name)
        head = _plain_alias(doc, f, spans + taken)
        if head and head not in f.aliases:
            f.aliases.append(head)
    for o in orgs:
        for a in o.aliases:
            aliases.setdefault(a, o.name)
    # a separate candidate that is an alias of another organisation is that organisation
    orgs = [o for o in orgs if aliases.get(o.name, o.name) == o.name]
    ctx.state["org_aliases"] = aliases
    # company in focus: every mention of a company's name or alias, in text order
    focus: list[tuple[int, int, str]] = []
    form_to_name = {form: o.name for o in orgs if o.kind == "company" for form in (o.name, *o.aliases)}
    if form_to_name:
        focus = [(s, e, form_to_name[norm[s:e]]) for s, e in _form_mentions(norm, list(form_to_name))]
    kept_focus: list[tuple[int, str]] = []
    last_end = -1
    for s, e, name in focus:  # 亿美达 inside 浙江亿美达门业有限公司 is the same mention
        if s >= last_end:
            kept_focus.append((s, name))
            last_end = e
    ctx.state["org_focus"] = kept_focus
    ctx.state["organizations"] = {o.name: o.kind for o in orgs}
    return sorted(orgs, key=lambda o: o.start)


def _form_mentions_re(norm: str, forms: list[str]) -> list[tuple[int, int]]:
    """Spans of the matches of one alternation of ``forms``, longest first: the reference of :func:`_form_mentions`."""
    pat = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return [m.span() for m in pat.finditer(norm)]


def _form_mentions(norm: str, forms: list[str]) -> list[tuple[int, int]]:
    """Leftmost-longest, non-overlapping occurrences of ``forms`` in ``norm``: what :func:`_form_mentions_re` finds.

    perf: a document's forms are few; ``str.find`` for each (every occurrence, overlapping
    ones too) and one sweep, instead of compiling a new pattern per document. The
    alternation takes, from where the last match ended, the first position where a form
    occurs and there its longest form: the sweep over the occurrences sorted by (start,
    longest first) does the same.
    """
    if not all(forms):  # an empty form matches everywhere: the regex's own behaviour
        return _form_mentions_re(norm, forms)
    occ: list[tuple[int, int]] = []
    for f in forms:
        n = len(f)
        i = norm.find(f)
        while i >= 0:
            occ.append((i, -n))
            i = norm.find(f, i + 1)
    occ.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for i, neg in occ:
        if i >= pos:
            pos = i - neg
            out.append((i, pos))
    return out


def extract(ctx: Context) -> Iterator[Organization]:
    """One Organization per distinct organisation named in the body."""
    cands: list[_Org] = []
    org_spans: dict[int, int] = {}
    doc = _Doc(ctx.norm)
    for b0, b1 in ctx.body:
        _suffix_candidates(ctx, doc, b0, b1, cands, org_spans)
        _known_candidates(ctx, doc, b0, b1, cands)
        _list_candidates(ctx, doc, b0, b1, cands)
        _brand_candidates(ctx, doc, b0, b1, cands)
    _neighbour_candidates(ctx, doc, cands)
    for o in _build(ctx, doc, cands) if cands else _build_none(ctx):
        yield Organization(start=o.start, end=o.end, text=ctx.text[o.start : o.end], name=o.name, kind=o.kind,
                           aliases=o.aliases, rule=o.rule)
