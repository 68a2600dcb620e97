"""Same-length normalisation and sentence splitting.

Every extractor matches on ``normalize(text)``: a copy of the text in which
full-width ASCII, exotic spaces and quote variants are mapped *character for
character* to one canonical form. Because the mapping never changes the length,
an offset found on the normalised text is an offset into the original text,
and ``original[start:end]`` is what the user sees.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable, Iterator

import regex

__all__ = ["SENTENCE_END", "WordMatcher", "normalize", "split_sentences"]


def _build_table() -> dict[int, int]:
    table: dict[int, int] = {}
    # Full-width ASCII block U+FF01..U+FF5E -> U+0021..U+007E (digits, letters, ％, （）, ，, ：, ；…).
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = cp - 0xFEE0
    # Spaces: NBSP, ideographic space, the typographic spaces, narrow NBSP -> ASCII space.
    for cp in (0x00A0, 0x3000, 0x202F, 0x205F, *range(0x2000, 0x200B)):
        table[cp] = 0x20
    # Quote variants -> Chinese curly quotes (the form news text mostly uses).
    for src, dst in {
        "「": "“", "」": "”", "『": "‘", "』": "’",
        "＂": '"', "〝": "“", "〞": "”", "‟": "“", "„": "“",
        "﹁": "“", "﹂": "”", "﹃": "‘", "﹄": "’",
    }.items():
        table[ord(src)] = ord(dst)
    # Dashes and the small/halfwidth forms that carry the same meaning.
    for src, dst in {"﹪": "%", "﹐": ",", "﹑": "、", "﹔": ";", "﹕": ":", "﹖": "?", "﹗": "!",
                     "･": "·", "｡": "。", "､": "、", "－": "-", "‐": "-", "‑": "-", "‒": "-"}.items():
        table[ord(src)] = ord(dst)
    return table


_TABLE = _build_table()


def normalize(text: str) -> str:
    """Return ``text`` with full-width forms, spaces and quotes canonicalised, same length.

    >>> normalize("１２３％　ａ")
    '123% a'
    >>> len(normalize("「２０２３」")) == len("「２０２３」")
    True
    """
    runs = _runs_to_map().findall(text)
    if not runs:
        return text
    # perf: one C-level ``str.replace`` per *distinct* character to map (a news
    # page has a handful: ，：（）％ and digits) instead of a Python callback per
    # run. Sequential replaces equal one simultaneous ``translate`` because no
    # target character is itself mapped (asserted below at import).
    for ch in set("".join(runs)):
        text = text.replace(ch, _CHAR_MAP[ch])
    return text


# Why not ``text.translate(_TABLE)`` alone: for non-ASCII strings CPython looks
# every character up in the dict (≈ 200 ns/char, a third of the time spent
# before the extractors start). Only ~5 % of the characters of Chinese news need
# mapping (full-width punctuation and digits), in short runs: a character class
# finds the runs in C and only their distinct characters are replaced. Same
# output (``tests/test_text.py`` compares with ``translate`` on every input).
@functools.cache
def _runs_to_map() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]+")


_CHAR_MAP = {chr(k): chr(v) for k, v in _TABLE.items()}
# The replace-per-character loop in ``normalize`` relies on this: a replaced
# character is never replaced again by a later step.
assert not set(_CHAR_MAP.values()) & set(_CHAR_MAP), "a normalisation target is itself mapped"


# A sentence ends at 。！？；… (and their ASCII forms after normalisation), optionally
# followed by closing quotes/brackets, or at a line break.
SENTENCE_END = "。!?;…！？；"
_CLOSERS = "”’\"')）】」』》"
_SENT_RE = regex.compile(
    rf"[^{SENTENCE_END}\n]*(?:[{SENTENCE_END}]+[{_CLOSERS}]*|\n|$)",
)
# perf: the same pattern on the standard ``re`` engine, whose ``finditer`` is
# cheaper per match for this simple class-and-alternation pattern.
_SENT_RE_FAST = re.compile(_SENT_RE.pattern)


def split_sentences(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``norm[start:end]`` into sentence spans, whitespace trimmed, empty ones dropped.

    Works on normalised text (so ``!`` covers ``！``); offsets are into ``norm``.

    >>> t = "他说:“好。”然后走了!\\n第二行"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['他说:“好。”', '然后走了!', '第二行']
    """
    if end is None:
        end = len(norm)
    spans: list[tuple[int, int]] = []
    # perf: one C-level ``findall`` instead of a ``match`` call per sentence, and
    # whitespace trimmed by ``str.strip`` (same ``isspace`` definition) instead of
    # a per-character loop. The pattern never matches empty before ``end`` and its
    # matches are contiguous from ``start``, so ``findall`` yields exactly the
    # sentences of the match loop (``_split_sentences_reference``), plus perhaps an
    # empty match at ``end`` (dropped like every empty sentence), and each
    # sentence's offset is the sum of the lengths before it (no match objects).
    append = spans.append
    pos = start
    for g in _SENT_RE_FAST.findall(norm, start, end):
        n = len(g)
        t = g.strip()
        if t:
            if len(t) == n:
                append((pos, pos + n))
            else:
                s = pos + n - len(g.lstrip())
                append((s, s + len(t)))
        pos += n
    return spans


def _split_sentences_reference(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The plain match-per-sentence loop ``split_sentences`` must equal (kept for tests)."""
    if end is None:
        end = len(norm)
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        m = _SENT_RE.match(norm, pos, end)
        if m is None or m.end() == pos:  # pragma: no cover - the pattern always advances or hits $
            break
        s, e = m.start(), m.end()
        pos = e
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


class WordMatcher:
    """Leftmost-longest, non-overlapping matches of a fixed word list (gazetteers, vocabularies).

    Why not one big regex alternation: with thousands of words, Python's ``re``
    tries the top-level branches one by one at every candidate position and
    ``regex``'s ``\\L<name>`` named list hashes every possible length at every
    position; both run at 60k-400k characters/s on news text. Here the first
    character selects the few word lengths that start with it, and each is one
    slice and one set lookup: about 1.4M characters/s on the same text, the same
    matches as ``regex.compile(r"\\L<w>", w=sorted(words, key=len, reverse=True))``,
    linear in the input (at most ``max(len(word))`` lookups per position).

    perf: for lists whose words start with few distinct characters (the
    organisation suffixes, known names, industry words) the words are instead
    compiled into one *trie-shaped* ``re`` pattern (see :func:`_trie_pattern`):
    ``re`` then skips in C every position whose character starts no word, 4-10x
    faster than the loop above on news text. With hundreds of distinct first
    characters (a place gazetteer) that skip stops paying and the loop is kept.

    >>> m = WordMatcher(["浙江", "浙江省", "余姚", "余姚市"])
    >>> [(s, e) for s, e in m.finditer("浙江省余姚市和余姚")]
    [(0, 3), (3, 6), (7, 9)]
    """

    __slots__ = ("_first", "_pattern", "_words")

    # Above this many distinct first characters the per-character loop is used (measured:
    # ``re`` is 3-6x faster with <= 150, 5x slower with ~900 on 1 MB of news text).
    MAX_FIRST_FOR_REGEX = 300

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(w for w in words if w)
        first: dict[str, set[int]] = {}
        for w in self._words:
            first.setdefault(w[0], set()).add(len(w))
        self._first = {c: tuple(sorted(ls, reverse=True)) for c, ls in first.items()}
        self._pattern: re.Pattern[str] | None = None
        if self._words and len(self._first) <= self.MAX_FIRST_FOR_REGEX:
            self._pattern = re.compile(_trie_pattern(self._words))

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __len__(self) -> int:
        return len(self._words)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each match inside ``text[start:end]``, left to right, longest first."""
        if end is None or end > len(text):
            end = len(text)
        if self._pattern is not None:
            return map(_span, self._pattern.finditer(text, max(0, start), end))
        return self._scan(text, start, end)

    def _scan(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The per-character loop: first character -> candidate lengths -> one set lookup each."""
        get = self._first.get
        words = self._words
        i = max(0, start)
        while i < end:
            lens = get(text[i])
            if lens is not None:
                for n in lens:
                    j = i + n
                    if j <= end and text[i:j] in words:
                        yield (i, j)
                        i = j
                        break
                else:
                    i += 1
            else:
                i += 1


_span = operator.methodcaller("span")


def _trie_pattern(words: Iterable[str]) -> str:
    """One ``re`` pattern matching exactly the longest word of ``words`` at a position.

    The words are stored in a trie and the pattern follows it: at each node the
    branches are the next characters (distinct, so at most one can continue), and
    when a word also ends at the node the branches are optional and greedy,
    ``(?:...)?``. ``re`` therefore tries the longer continuation before ending the
    match, and as nothing follows the pattern, the first match found at a
    position is its longest word: the same leftmost-longest non-overlapping
    matches as the per-character loop (``tests/test_text.py`` checks both).

    >>> _trie_pattern(["ab", "abc", "ad", "x"])
    '(?:a(?:b(?:c)?|d)|x)'
    """
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict], root: bool = False) -> str:
        kids = sorted(c for c in node if c)
        # perf: not at the root. ``re`` skips positions in C only when every top-level
        # branch starts with a literal (a character class there disables that: 3x slower)
        leaves = [] if root else [c for c in kids if list(node[c]) == [""]]
        alts = [re.escape(c) + emit(node[c]) for c in kids if c not in leaves]
        if len(leaves) == 1:
            alts.append(re.escape(leaves[0]))
        elif leaves:
            alts.append("[" + "".join(re.escape(c) for c in leaves) + "]")
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")" if len(alts) > 1 or "" in node else alts[0]
        return body + "?" if "" in node else body

    return emit(trie, root=True)
