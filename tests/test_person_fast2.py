"""Fast paths of the person extractor (session 5) equal their plain references.

Each prefilter or early exit below skips work that could not have produced a
result; the tests compare the fast function with the plain one (or with the
plain ``regex`` scan) at every position of tables of positive and negative
examples and of generated texts.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import person

# Names of unknown surname after a title: closed by a verb of saying, spoken again,
# transliterated; and chains followed by common words (negative examples).
_UNUSUAL = [
    "村支书泽郎介绍,今年收成好。",
    "记者訚硕说:",
    "果农依明江。“今年的苹果卖得好。”依明江说,",
    "果农依明江。“今年的苹果卖得好。” 依明江表示",
    "果农依明江。依明江说",  # written again right after Han: no repeat
    "果农依明江种得少,依明江介绍说",
    "依明江说。果农依明江。",
    "总统亚森江·吾甫尔表示",
    "教练来继任里克-阿德尔曼",
    "主任企业发展很快,企业表示满意。",
    "主任企业发展很快,(企业表示满意。",
    "经理企业企业企业说",
    "主任一职",
    "处长说说说",
    "书记阿依古丽告诉记者",
    "书记阿依古丽。“好。”\n阿依古丽认为",
    "专家组组长说",
]


def _unusual_equal(text: str) -> None:
    for pos in range(len(text) + 1):
        for end in {len(text), min(len(text), pos + 2), min(len(text), pos + 3), min(len(text), pos + 5)}:
            if end < pos:
                continue
            fast = person._unusual_name(text, pos, end)
            plain = person._unusual_name(text, pos, end, gate=False)
            assert fast == plain, (text, pos, end)


def test_unusual_name_gate_on_examples() -> None:
    for text in _UNUSUAL:
        _unusual_equal(text)
    # the table has positives the gate must let through
    assert person._unusual_name("村支书泽郎介绍", 3, 7) == 5
    assert person._unusual_name("果农依明江。“好。”依明江说", 2, 14) == 5


def test_unusual_name_gate_far_repeats() -> None:
    """A repeat just inside and just outside the window, and more than 20 occurrences before it."""
    body = "果农依明江。"
    for gap in (person._REPEAT_WINDOW - 8, person._REPEAT_WINDOW - 4, person._REPEAT_WINDOW, person._REPEAT_WINDOW + 2):
        text = body + "的" * gap + "。依明江说"
        assert person._unusual_name(text, 2, len(text)) == person._unusual_name(text, 2, len(text), gate=False)
        text = "。依明江说" + "的" * gap + body
        pos = len(text) - 4
        assert person._unusual_name(text, pos, len(text)) == person._unusual_name(text, pos, len(text), gate=False)
    crowded = body + "依明" * 30 + "。依明江说"
    assert person._unusual_name(crowded, 2, len(crowded)) == person._unusual_name(crowded, 2, len(crowded), gate=False)


_PIECES = [
    *("依明江", "泽郎", "訚硕", "阿依古丽", "企业", "依明", "明江"),
    *("说", "表示", "介绍", "告诉记者", "认为", "说道", "笑着说"),
    *("主任", "书记", "果农", "总统", "记者"),
    *("。", ",", "“", "”", " ", "\n", "·", "-", "a", "的", "一", "了"),
]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_texts)
def test_unusual_name_gate_on_generated_texts(text: str) -> None:
    _unusual_equal(text)


def test_unusual_name_gate_on_random_mixtures() -> None:
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 25)))
        _unusual_equal(text)


# --- read_name: no surname at the position, no name --------------------------------------

_NAME_TEXTS = [
    "孟来介绍:",
    "朱毓靓表示",
    "欧阳修说",
    "欧阳",
    "司马",
    "王强调研",
    "记者李家鸣",
    "企业发展",
    "高鑫说",
    "穆棱市工信局副局长朱毓靓",
    "a王b",
    "",
    "王",
    "诸葛亮",
    "上官婉儿。",
]


def test_read_name_equals_its_loop() -> None:
    rng = random.Random(5)
    texts = list(_NAME_TEXTS)
    pieces = [*_NAME_TEXTS, *sorted(person._tables().compound)[:40], *rng.sample(sorted(person._tables().single), 40)]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(400)]
    for text in texts:
        for pos in range(len(text) + 1):
            for end in {len(text), min(len(text), pos + 2), min(len(text), pos + 3)}:
                assert person.read_name(text, pos, end) == person._read_name_at(text, pos, end), (text, pos, end)
            assert person.read_name(text, pos) == person._read_name_at(text, pos, len(text))


# --- _post_title: the inline test before _valid_name ---------------------------------------


def test_post_title_precheck_only_drops_invalid_names() -> None:
    """The inline test (a surname first, no organisation ending last) implies ``_valid_name`` is False."""
    t = person._tables()
    rng = random.Random(9)
    chars = [*rng.sample(sorted(t.single), 30), *sorted(t.org_chars), *"的了和是在中国企业李王欧阳"]
    chars += [c for w in sorted(t.compound)[:20] for c in w]
    for _ in range(20000):
        cand = "".join(rng.choice(chars) for _ in range(rng.randint(2, 4)))
        if (cand[0] not in t.single and cand[:2] not in t.compound) or cand[-1] in t.org_chars:
            assert not person._valid_name(cand), cand


# --- _title_org_ends: one scan for the institution endings --------------------------------


def _every_range(texts: list[str]) -> Iterator[tuple[str, int, int]]:
    """Every ``(text, b0, b1)`` with ``0 <= b0 <= b1 <= len(text)``: the body ranges a scan may be given."""
    for text in texts:
        for b0 in range(len(text) + 1):
            for b1 in range(b0, len(text) + 1):
                yield text, b0, b1


def _find_all(text: str, word: str, b0: int, b1: int) -> list[int]:
    out, k = [], text.find(word, b0, b1)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1, b1)
    return out


_END_PIECES = [*person._TITLE_ORG_ENDS, "科学", "研究", "大", "学", "院", "所", "公", "司", "、", "张三", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_END_PIECES), max_size=25).map("".join), st.data())
def test_title_org_ends_equal_find_all(text: str, data: st.DataObject) -> None:
    b0 = data.draw(st.integers(0, len(text)))
    b1 = data.draw(st.integers(b0, len(text)))
    want = sorted(k for w in person._TITLE_ORG_ENDS for k in _find_all(text, w, b0, b1))
    assert [m.start() for m in person._title_org_ends().finditer(text, b0, b1)] == want


def test_title_org_matches_with_the_comma_before_b0() -> None:
    """The early exit looks for 、 from ``b0 - 1``: the pattern's lookbehind sees the character before ``b0``."""
    texts = ["院士、浙江大学叶志镇团队", "院士、浙江大学叶志镇", "院士浙江大学叶志镇", "、浙江大学叶志镇表示"]
    for text, b0, b1 in _every_range(texts):
        want = [m.span() for m in person._regexes()["title_org"].finditer(text, b0, b1)]
        assert [m.span() for m in person._title_org_matches(text, b0, b1)] == want, (text, b0, b1)


# --- _bylines: the patterns are tried only where their literal stands ----------------------

_BYLINE_TEXTS = [
    "陈章升/摄",
    "陈章升 / 摄",
    "陈章升 摄",
    "摄影:王乐文",
    "摄影记者/王乐文 李四",
    "本报记者 王乐文\n\n王乐文 方敏\n正文开始了。",
    "(宋康明)",
    "(记者李家鸣)",
    "(记者 李家鸣、张三)\n",
    "文章结束。(宋康明) ",
    "张三 李四\n王五 赵六\n",
    "  张三  李四  \n这是第一段正文内容很长。\n\t王五\t赵六\t\n",
    "第一行很长的正文内容\n第二行\n张三李四王五\n张三\n",
    "\n\n张三\n\n李四 王五",
    "正文\n张三 李四王五六七 赵六\n",
    "正文\n \t 张三李四\t\n",
    "\n张三",
    "摄",
    ")",
    "",
]
_BYLINE_PIECES = ["张三", "李四", "陈章升", "/", " ", "\t", "\n", "摄", "摄影", ":", "(", ")", "记者", "、"]
_BYLINE_PIECES += ["正文内容很长", "a"]


def _byline_scans_equal(text: str, b0: int, b1: int) -> None:
    rx = person._regexes()
    if text.find("摄", b0, b1) < 0:
        assert list(rx["photo"].finditer(text, b0, b1)) == []
        assert list(rx["photo_pre"].finditer(text, b0, b1)) == []
    lo = max(b0, b1 - 60)
    if text.find(")", lo, b1) < 0:
        assert rx["closing"].search(text, lo, b1) is None
    want = [m.span() for m in rx["line"].finditer(text, b0, b1)]
    assert [m.span() for m in person._line_matches(text, b0, b1)] == want, (text, b0, b1)


def test_byline_scans_on_examples() -> None:
    for text, b0, b1 in _every_range(_BYLINE_TEXTS):
        _byline_scans_equal(text, b0, b1)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_BYLINE_PIECES), max_size=30).map("".join), st.data())
def test_byline_scans_on_generated_texts(text: str, data: st.DataObject) -> None:
    b0 = data.draw(st.integers(0, len(text)))
    _byline_scans_equal(text, b0, data.draw(st.integers(b0, len(text))))


def test_bylines_extract_on_examples() -> None:
    """Whole-pipeline check on a table: the byline facts the fast paths must keep."""
    import innovext

    table = {
        "正文。陈章升/摄": [("陈章升", "byline:photo")],
        "文章结束了。(宋康明)": [("宋康明", "byline:closing")],
        "正文内容。\n\n王乐文  方敏\n正文。": [("王乐文", "byline:author-line"), ("方敏", "byline:author-line")],
        "正文内容很长很长。\n王乐文说了。": [],
    }
    for text, want in table.items():
        assert [(f.text, f.rule) for f in innovext.extract(text).facts if f.type == "person"] == want, text


# --- _byline_runs: the byline role is looked for at its keywords ---------------------------

_ROLE_PIECES = [*person._BYLINE_KEYWORDS, "本报", "本刊", "本台", "特约", "见习", "实习", "摄影", "本期", "本"]
_ROLE_PIECES += [":", " ", "  ", "\t", "/", "张三", "李", "生", "记", "者", "。", "a"]


def _byline_matches_equal(text: str, b0: int, b1: int) -> None:
    want = [(m.span(), m["role"]) for m in person._regexes()["byline"].finditer(text, b0, b1)]
    assert [(m.span(), m["role"]) for m in person._byline_matches(text, b0, b1)] == want, (text, b0, b1)


def test_byline_matches_on_examples() -> None:
    texts = [
        "本报记者  王乐文  方  敏",
        "实习记者 张三",
        "实习生 张三",
        "本期统筹:崔  斌",
        "统筹 张三",
        "本报通讯员 张三 记者 李四",
        "摄影记者/张三",
        "记者记者 张三",
        "本报本报记者 张三",
        "特约记者:张三",
    ]
    for text, b0, b1 in _every_range(texts):
        _byline_matches_equal(text, b0, b1)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_ROLE_PIECES), max_size=25).map("".join), st.data())
def test_byline_matches_on_generated_texts(text: str, data: st.DataObject) -> None:
    b0 = data.draw(st.integers(0, len(text)))
    _byline_matches_equal(text, b0, data.draw(st.integers(b0, len(text))))


# --- _re_tries: the word tries compiled by re match what regex matches ---------------------


def _trie_words() -> dict[str, list[str]]:
    from innovext.resources import read_tsv

    t = person._tables()
    speech = [r["verb"] for r in read_tsv("person_speech_verbs.tsv")]
    return {"stop": list(t.stops), "first_stop": list(t.first_stops), "speech": speech}


def test_re_tries_equal_regex_tries() -> None:
    rx, fast = person._regexes(), person._re_tries()
    rng = random.Random(13)
    for name, words in _trie_words().items():
        pieces = [*words, *{w[:-1] for w in words if len(w) > 1}, *"的了张三。 a·-", "说说", ""]
        texts = [*words, *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(1500))]
        for text in texts:
            for pos in range(len(text) + 1):
                for end in {len(text), min(len(text), pos + 1), min(len(text), pos + 2)}:
                    a, b = rx[name].match(text, pos, end), fast[name].match(text, pos, end)
                    assert (a and a.span()) == (b and b.span()), (name, text, pos, end)
            a, b = rx[name].fullmatch(text), fast[name].fullmatch(text)
            assert (a is None) == (b is None), (name, text)


# --- the start of the text: author roles and lines of names --------------------------------

_START_PIECES = [*person._AUTHOR_ROLES, " ", "\t", "(", ":", "/", "张三", "李四", "王五六", "\n", "正文", "a", "。"]


def _start_checks(text: str, b1: int) -> None:
    rx = person._regexes()
    if rx["author_pre"].match(text, 0, b1):
        assert text[:1] in " \t(" or text.startswith(person._AUTHOR_ROLES), text
    if rx["line"].match(text, 0, b1):
        assert person._line_head_rx().match(text, 0, b1), text
    want = [m.span() for m in rx["line"].finditer(text, 0, b1)]
    assert [m.span() for m in person._line_matches(text, 0, b1)] == want, (text, b1)


def test_start_of_text_checks_on_examples() -> None:
    texts = ["作者:张三", "文/张三", " 记者:张三", "(通讯员 李四", "本报记者:王五六"]
    texts += ["张三 李四\n正文", "\t张三\n", "张三李四"]
    for text in texts:
        for b1 in range(1, len(text) + 1):
            _start_checks(text, b1)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_START_PIECES), min_size=1, max_size=12).map("".join), st.data())
def test_start_of_text_checks_on_generated_texts(text: str, data: st.DataObject) -> None:
    _start_checks(text, data.draw(st.integers(1, len(text))))
