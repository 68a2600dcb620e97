"""Same-length normalisation and sentence splitting (``innovext.text``).

Every offset the library reports is found on ``normalize(text)`` and used on
``text``: the two must have the same length, character for character.
"""

from __future__ import annotations

import itertools

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.text import _TABLE, WordMatcher, _split_sentences_reference, normalize, split_sentences

NORMALISE = [
    # full-width digits, letters and signs -> ASCII
    ("０１２３４５６７８９", "0123456789"),
    ("ＡＢＣｘｙｚ", "ABCxyz"),
    ("５０％", "50%"),
    ("（一）", "(一)"),
    ("来源：新华网，记者", "来源:新华网,记者"),
    ("增长１２．５％；", "增长12.5%;"),
    # exotic spaces -> ASCII space
    ("a\u00a0b", "a b"),
    ("标题\u3000正文", "标题 正文"),
    ("1\u202f000", "1 000"),
    ("x\u2009y", "x y"),
    # quote variants -> curly Chinese quotes
    ("「十四五」", "“十四五”"),
    ("『双碳』", "‘双碳’"),
    # small / half-width forms
    ("﹪", "%"),
    ("､", "、"),
    ("｡", "。"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISE)
def test_normalize_maps(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", [r for r, _ in NORMALISE] + ["", "普通中文。", "\x00\ud800😀e\u0301"])
def test_normalize_keeps_length(raw: str) -> None:
    assert len(normalize(raw)) == len(raw)


def test_normalize_leaves_chinese_and_ascii_alone() -> None:
    s = "高新技术企业从3家增长到27家,占比50%。《关于印发的通知》“揭榜挂帅”"
    assert normalize(s) == s


def test_normalize_is_idempotent() -> None:
    s = "「２０２３年」营收１．２亿元，增长５％。\u3000"
    assert normalize(normalize(s)) == normalize(s)


def _sents(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in split_sentences(normalize(text), start, end)]


SPLITS = [
    ("第一句。第二句!第三句?", ["第一句。", "第二句!", "第三句?"]),
    ("全角！叹号？问号；分号", ["全角！", "叹号？", "问号；", "分号"]),
    ("省略号……然后", ["省略号……", "然后"]),
    ("连续！！？结束", ["连续！！？", "结束"]),
    # a closing quote or bracket after the stop stays with its sentence
    ("他说:“好。”然后走了。", ["他说:“好。”", "然后走了。"]),
    ("(见附件。)下一句", ["(见附件。)", "下一句"]),
    ("《通知》发布。」后面", ["《通知》发布。」", "后面"]),
    # a line break ends a sentence, blank lines and surrounding spaces vanish
    ("标题\n\n  正文第一句。 \n第二行", ["标题", "正文第一句。", "第二行"]),
    ("没有句号的一行", ["没有句号的一行"]),
    ("", []),
    ("\n\n  \n", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _sents(text) == expected


def test_split_sentences_window_offsets_are_absolute() -> None:
    text = "前言。正文一。正文二。后记。"
    spans = split_sentences(text, 3, 11)
    assert [text[s:e] for s, e in spans] == ["正文一。", "正文二。"]
    assert spans[0][0] == 3


def test_split_sentences_cover_every_non_space_character() -> None:
    text = "一。二！“三？”\n四；五……六"
    spans = split_sentences(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert covered == text.replace("\n", "")
    assert all(s < e for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in itertools.pairwise(spans))


def test_split_sentences_long_line_is_linear() -> None:
    # one 1 MB line without a stop is one sentence (completion only; speed is a benchmark)
    text = "字" * 1_000_000
    assert split_sentences(text) == [(0, 1_000_000)]


# --- WordMatcher ------------------------------------------------------------------------


def test_word_matcher_leftmost_longest_non_overlapping() -> None:
    m = WordMatcher(["浙江", "浙江省", "江省", "余姚", "余姚市", "姚市", ""])
    text = "浙江省余姚市,浙江余姚。江省"
    assert [text[s:e] for s, e in m.finditer(text)] == ["浙江省", "余姚市", "浙江", "余姚", "江省"]
    assert "浙江" in m and "" not in m and len(m) == 6


def test_word_matcher_window() -> None:
    m = WordMatcher(["余姚市"])
    text = "余姚市余姚市"
    assert list(m.finditer(text, 1)) == [(3, 6)]
    assert list(m.finditer(text, 0, 5)) == [(0, 3)]  # a match may not cross the window end
    assert list(m.finditer(text, 0, 100)) == [(0, 3), (3, 6)]


_ALPHA = "abc江苏省市"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_ALPHA, min_size=1, max_size=4), max_size=12), st.text(_ALPHA, max_size=60))
def test_word_matcher_equals_regex_named_list(words: list[str], text: str) -> None:
    expected = []
    if words:
        pat = regex.compile(r"\L<w>", w=sorted(set(words), key=len, reverse=True))
        expected = [m.span() for m in pat.finditer(text, overlapped=False)]
    assert list(WordMatcher(words).finditer(text)) == expected


# The trie-shaped ``re`` pattern (few first characters) must give exactly the matches of the
# per-character loop (many first characters): words with regex metacharacters, words that
# are prefixes of others, windows that cut words.
_META = "ab江苏省市.*+?[]()^$\\|{}-"


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(_META, min_size=1, max_size=5), max_size=15),
    st.text(_META, max_size=80),
    st.integers(-3, 85),
    st.none() | st.integers(-3, 90),
)
def test_word_matcher_regex_equals_loop(words: list[str], text: str, start: int, end: int | None) -> None:
    m = WordMatcher(words)
    assert m._pattern is not None or not m
    loop_end = len(text) if end is None or end > len(text) else end
    assert list(m.finditer(text, start, end)) == list(m._scan(text, start, loop_end))


def test_word_matcher_many_first_characters_uses_the_loop() -> None:
    words = [chr(0x4E00 + i) + "市" for i in range(WordMatcher.MAX_FIRST_FOR_REGEX + 1)]
    m = WordMatcher(words)
    assert m._pattern is None
    text = "一市丁丁市" + words[-1]
    assert list(m.finditer(text)) == [(0, 2), (3, 5), (5, 7)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*map(chr, _TABLE), "字", "a", "1", "\ud800", "😀", "\n"]), max_size=40) | st.text())
def test_normalize_equals_plain_translate(text: str) -> None:
    # the run-based implementation must give exactly str.translate's result
    assert normalize(text) == text.translate(_TABLE)


_SENT_ALPHA = "。!?;…！？；”’\"')）】」』》\n \t\u3000a字"


@given(st.text(st.sampled_from(_SENT_ALPHA), max_size=30) | st.text(max_size=30), st.data())
def test_split_sentences_equals_match_loop(text: str, data: st.DataObject) -> None:
    # the finditer-based implementation must give exactly the match-per-sentence loop's spans
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.none() | st.integers(start, len(text)))
    assert split_sentences(text, start, end) == _split_sentences_reference(text, start, end)
