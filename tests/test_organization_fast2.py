"""Fast paths of the organization extractor (second round) equal the plain computation they replace.

Each shortcut is compared with its reference on a table of positive and negative
examples and on generated inputs; none of these tests measures time.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import organization as org
from innovext.text import normalize
from innovext.tokenize import _posseg_patterns, pos_cut_no_hmm

# --- _other_words: the words of a stretch between Han blocks --------------------------------

_NON_HAN = [",", "。", " ", "  ", "\n", "\r\n", "\u3000", "“", "”", "(", ")", "%", "-", "/", "·", "!", "?",
            "《", "》", "\t", "~", "@", "é", "①", "、"]


def _plain_other(stretch: str) -> tuple[tuple[str, int, int, str], ...]:
    out = []
    p = 0
    for word, flag in pos_cut_no_hmm(stretch):
        out.append((word, p, p + len(word), flag))
        p += len(word)
    return tuple(out)


@pytest.mark.parametrize("stretch", [*_NON_HAN, ", ", " \n ", "。”(", "\r\n\r\n", "  ,  ", "é①"])
def test_other_words_equal_pos_cut(stretch: str) -> None:
    assert not _posseg_patterns()[0].search(stretch)  # a stretch without Han-pattern characters
    org._OTHER.clear()
    assert org._other_words(stretch) == _plain_other(stretch)
    assert org._other_words(stretch) == _plain_other(stretch)  # remembered: the same


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NON_HAN), min_size=1, max_size=8))
def test_other_words_equal_pos_cut_generated(pieces: list[str]) -> None:
    stretch = "".join(pieces)
    assert org._other_words(stretch) == _plain_other(stretch)


# --- _char_class: the two jieba patterns on one character -------------------------------------

@pytest.mark.parametrize("ch", ["a", "Z", "5", "中", "_", ".", "#", "+", "&", "\n", " ", ",", "。", "①", "é",
                                "Ａ", "５", "\u3000", "鿕", "鿖", "〇", "ß"])
def test_char_class_equals_patterns(ch: str) -> None:
    re_han, _skip, _num, _eng, re_eng1 = _posseg_patterns()
    org._CHAR_CLASS.clear()
    want = (re_eng1.match(ch) is not None, re_han.match(ch) is not None)
    assert org._char_class(ch) == want
    assert org._char_class(ch) == want


# --- surely_cut: a row looked at when a fragment is a dictionary prefix -----------------------

@pytest.mark.parametrize("text", ["浙江大学生物学院", "大学生", "浙江亿美达门业有限公司的产品", "国务院总理李强",
                                  "中央政治局常委", "科技局局长", "研究所以外", "ABC有限公司", "12个研究院",
                                  "他们所从事的", "发展和改革委员会", "北京市人民政府办公厅"])
def test_surely_cut_is_a_boundary_of_the_window(text: str) -> None:
    norm = normalize(text)
    org._WINDOWS.clear()
    for lo in range(len(norm)):
        for hi in range(lo + 1, len(norm) + 1):
            doc = org._Doc(norm)  # fresh rows: the answer must not depend on what was computed before
            cuts = {p for _, s, e, _f in org._seg(norm[lo:hi]) for p in (lo + s, lo + e)} | {lo, hi}
            for c in range(lo, hi + 1):
                assert not doc.surely_cut(c, lo, hi) or c in cuts, (lo, hi, c)


def test_surely_cut_decides_with_the_row() -> None:
    # 大学 + 生: 大学生 is a word crossing the boundary: unsure; 公司 + 的: no word crosses it
    norm = "大学生公司的"
    doc = org._Doc(norm)
    assert not doc.surely_cut(2, 0, len(norm))
    assert doc.surely_cut(5, 0, len(norm))


# --- the company verbs: _verb_matcher / _verb_at against the regex named list -----------------

_VERBS = sorted(org._verbs())
_VERB_PIECES = [*_VERBS, *{v[:1] for v in _VERBS}, *{v[-1:] for v in _VERBS}, "公司", "的", ",", "A", " "]


def _verb_examples() -> list[str]:
    return ["中科潞安自主研制的芯片", "江丰电子研发生产", "公司搬迁至", "没有动词的句子", "", "研", *_VERBS]


@pytest.mark.parametrize("text", _verb_examples())
def test_verb_matches_equal_regex(text: str) -> None:
    want = [m.span() for m in org._verb_re().finditer(text)]
    assert list(org._verb_matcher().finditer(text)) == want
    for b in range(len(text) + 1):
        for b1 in range(b, len(text) + 1):
            m = org._verb_re().match(text, b, b1)
            assert org._verb_at(text, b, b1) == (m.group() if m else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VERB_PIECES), max_size=12), st.integers(0, 40), st.integers(0, 40))
def test_verb_matches_equal_regex_generated(pieces: list[str], b0: int, b1: int) -> None:
    text = "".join(pieces)
    b0, b1 = min(b0, len(text)), min(max(b0, b1), len(text))
    want = [m.span() for m in org._verb_re().finditer(text, b0, b1)]
    assert list(org._verb_matcher().finditer(text, b0, b1)) == want
    m = org._verb_re().match(text, b0, b1)
    assert org._verb_at(text, b0, b1) == (m.group() if m else None)


# --- _form_mentions: the company-in-focus scan -------------------------------------------------

_FORM_CASES = [
    ("浙江亿美达门业有限公司成立。亿美达表示,亿美达门业", ["浙江亿美达门业有限公司", "亿美达"]),
    ("AAAA", ["AA", "A"]),
    ("ABABAB", ["ABA", "BAB", "AB"]),
    ("北一半导体的北一", ["北一半导体", "北一", "半导体"]),
    ("没有出现", ["公司"]),
    ("公司公司", ["公司"]),
    ("", ["公司"]),
    ("xyz", ["y", ""]),  # an empty form: the regex's own behaviour
    ("a.b*c", [".", "*", "a.b"]),
]


@pytest.mark.parametrize(("norm", "forms"), _FORM_CASES)
def test_form_mentions_equal_regex(norm: str, forms: list[str]) -> None:
    assert org._form_mentions(norm, forms) == org._form_mentions_re(norm, forms)


@settings(max_examples=500, deadline=None)
@given(st.text("ABC公司", max_size=30), st.lists(st.text("ABC公司", min_size=1, max_size=4), min_size=1,
                                                  max_size=5, unique=True))
def test_form_mentions_equal_regex_generated(norm: str, forms: list[str]) -> None:
    assert org._form_mentions(norm, forms) == org._form_mentions_re(norm, forms)


# --- _list_candidates: no 等, no enumeration -------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["中色奥博特", "宇捷轴承", "、", "企业", "多家企业", "家公司", "高校", ",", "的"]),
                max_size=30))
def test_no_list_without_deng(pieces: list[str]) -> None:
    norm = "".join(pieces)
    assert "等" not in norm
    assert not list(org._list_runs(norm, 0, len(norm)))
    assert not list(org._list_re().finditer(norm))


_LIST_CASES = [("中色奥博特、宇捷轴承、凯美瑞轴承等多家企业", True),
               ("中色奥博特、宇捷轴承、凯美瑞轴承多家企业", False),
               ("济南大学、山钢股份等高校", True), ("济南大学、山钢股份等单位", False), ("等企业", False)]


@pytest.mark.parametrize(("norm", "found"), _LIST_CASES)
def test_list_examples(norm: str, found: bool) -> None:
    assert bool(list(org._list_re().finditer(norm))) == found
    assert ("等" in norm) or not found


# --- _has_digit --------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["", "公司", "3家", "①", "²", "五", "٣", "ABC", "x1", "一二三", "１２"])
def test_has_digit_equals_isdigit(word: str) -> None:
    org._HAS_DIGIT.clear()
    assert org._has_digit(word) == any(ch.isdigit() for ch in word)
    assert org._has_digit(word) == any(ch.isdigit() for ch in word)


def test_regex_reference_is_the_plain_alternation() -> None:
    # _form_mentions_re is the computation _build used: one alternation, longest first
    norm, forms = "亿美达门业亿美达", ["亿美达", "亿美达门业"]
    pat = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    assert org._form_mentions_re(norm, forms) == [m.span() for m in pat.finditer(norm)]
