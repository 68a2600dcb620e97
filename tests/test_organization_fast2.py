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
    org._other_words.cache_clear()
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
    org._char_class.cache_clear()
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
    org._has_digit.cache_clear()
    assert org._has_digit(word) == any(ch.isdigit() for ch in word)
    assert org._has_digit(word) == any(ch.isdigit() for ch in word)


def test_regex_reference_is_the_plain_alternation() -> None:
    # _form_mentions_re is the computation _build used: one alternation, longest first
    norm, forms = "亿美达门业亿美达", ["亿美达", "亿美达门业"]
    pat = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    assert org._form_mentions_re(norm, forms) == [m.span() for m in pat.finditer(norm)]


# --- _name_surely_short: suffix matches dropped before their jieba windows ---------------------

_SHORT_CASES = ["该局表示,局里将加快进度。", "省委、市委、县委", "所里的研究所", "“局”字", "政府。政府工作报告",
                "国家能源局发布", "浙江亿美达门业有限公司研究院", "研究所研究室", "市委组织部人才办", "公司,公司",
                "科技部、教育部", "山东洛轴所研究室", "委,局,署,厅,所", "北京大学、清华大学等高校", "中心。园区"]
_SHORT_PIECES = ["局", "委", "所", "署", "政府", "公司", "研究所", "大学", "中心", "省委", ",", "。", "、", "的",
                 "浙江", "科技", "亿美达", "人民", "市", "该", "在"]


def _suffix_found(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, str, str]]:
    from innovext.pipeline import build_context

    with monkeypatch.context() as m:
        if not fast:
            m.setattr(org, "_name_surely_short", lambda *a: False)
        ctx = build_context(text)
        doc = org._Doc(ctx.norm)
        out: list[org._Org] = []
        spans: dict[int, int] = {}
        for b0, b1 in ctx.body:
            org._suffix_candidates(ctx, doc, b0, b1, out, spans)
    return [(o.start, o.end, o.name, o.rule) for o in out]


@pytest.mark.parametrize("text", _SHORT_CASES)
def test_short_name_exit_changes_nothing(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _suffix_found(text, True, monkeypatch) == _suffix_found(text, False, monkeypatch)


def test_short_name_exit_changes_nothing_on_news(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        assert _suffix_found(text, True, monkeypatch) == _suffix_found(text, False, monkeypatch)
    # the exit is taken there (else this compares nothing)
    ctx_text = "".join(p.read_text(encoding="utf-8") for p in seeds)
    norm = normalize(ctx_text)
    taken = sum(org._name_surely_short(a, org._clause_start(norm, a, 0), org._suffixes()[norm[a:b]].min_name, -1)
                for a, b in org._suffix_matcher().finditer(norm))
    assert taken > 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_SHORT_PIECES), max_size=25))
def test_short_name_exit_changes_nothing_generated(pieces: list[str]) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as mp:
        assert _suffix_found(text, True, mp) == _suffix_found(text, False, mp)


@pytest.mark.parametrize(("a", "lo", "min_name", "last_end", "short"),
                         [(5, 4, 2, -1, True), (5, 3, 2, -1, False), (5, 4, 2, 4, True), (5, 4, 2, 5, False),
                          (5, 5, 1, -1, True), (5, 5, 0, -1, False)])
def test_name_surely_short_table(a: int, lo: int, min_name: int, last_end: int, short: bool) -> None:
    assert org._name_surely_short(a, lo, min_name, last_end) is short


# --- _build_none: a document without candidates ------------------------------------------------

@pytest.mark.parametrize("text", ["", "今天天气很好。", "他说,我们明天再来。", "浙江亿美达门业有限公司成立。"])
def test_build_none_equals_build_of_nothing(text: str) -> None:
    from innovext.pipeline import build_context

    slow, fast = build_context(text), build_context(text)
    assert org._build(slow, org._Doc(slow.norm), []) == org._build_none(fast) == []
    assert fast.state == slow.state
    assert set(fast.state) == {"org_aliases", "org_focus", "organizations"}


def test_pos_tokenizer_is_the_shared_one() -> None:
    from innovext.gazetteer import pos_tokenizer

    assert org._pos_tokenizer() is pos_tokenizer()
