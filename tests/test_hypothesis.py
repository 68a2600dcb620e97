"""Property-based robustness: any ``str`` in, no exception, exact spans, same result twice.

Two input families:

* arbitrary Unicode, surrogates (lone halves), control characters, NUL, combining
  marks, emoji and private-use characters included, mixed with the characters
  the rules key on (digits, 《》, quotes, 万元, %);
* generated Chinese-like news text: numbers in every notation (ASCII, full-width,
  Chinese numerals, decimals, thousands separators) with units, classifiers,
  approximation markers, brackets and quotes (closed or not), 《titles》, people
  with titles, organisations, places, from→to phrases, sentence ends and line breaks.

CI runs a moderate number of examples per property (``INNOVEXT_FUZZ_EXAMPLES``,
default 60); ``benchmarks/fuzz.py`` runs the same properties with ≥ 100 000.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import innovext
from innovext.text import normalize

EXAMPLES = int(os.environ.get("INNOVEXT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # speed is measured in benchmarks, never asserted here
    database=None if EXAMPLES > 1000 else settings.default.database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ----------------------------------------------------------------------

ANY_CHAR = st.characters(exclude_categories=())  # every code point, lone surrogates included
TRIGGERS = list("0123456789０１２３４５６７８９.,，、%％《》“”\"'‘’（）()【】「」<>")
TRIGGERS += list(":：;；。！？!?\n\r\t \u3000\u00a0\x00")
TRIGGERS += ["万元", "亿元", "万", "亿", "家", "个", "从", "增长到", "书记", "表示", "公司", "市", "省", "余", "多"]
TRIGGERS += ["\u0301", "\u200b", "\u202e", "\ufeff", "😀", "👨‍👩‍👧", "\U00020000", "\ud800", "\udfff", "\ufffd"]
ARBITRARY = st.lists(st.one_of(st.text(ANY_CHAR, max_size=20), st.sampled_from(TRIGGERS)), max_size=40).map("".join)

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
DIGITS = st.sampled_from(["0123456789", "０１２３４５６７８９"])
NUMERAL_CN = st.sampled_from(
    ["一", "两", "三", "十", "二十", "一百", "三千", "五万", "十二", "一千二百三十四", "零点五", "半", "几", "数十"]
)


@st.composite
def arabic(draw: st.DrawFn) -> str:
    digits = draw(DIGITS)
    body = "".join(draw(st.lists(st.sampled_from(digits), min_size=1, max_size=draw(st.sampled_from([3, 8, 25])))))
    if draw(st.booleans()):
        body += draw(st.sampled_from([".", "．"])) + "".join(draw(st.lists(st.sampled_from(digits), max_size=3)))
    if draw(st.integers(0, 5)) == 0:
        body = ",".join(body[i : i + 3] for i in range(0, len(body), 3))
    return body


NUMBER = st.one_of(arabic(), NUMERAL_CN)
UNIT = st.sampled_from(
    ["万元", "亿元", "元", "万美元", "家", "个", "项", "户", "人", "名", "%", "％", "个百分点", "倍", "亩", "万亩",
     "吨", "平方米", "公里", "年", "天", "多家", "余个", "万", "亿", "", "成", "家次", "mm", "GW"]
)
APPROX = st.sampled_from(["", "", "近", "超", "超过", "约", "突破", "逾", "达", "不足", "以上", "左右", "余", "多"])
NAME = st.sampled_from(["张三", "王小明", "李", "欧阳修", "陈章升", "习近平", "司马", "朱毓靓", "施雨虹"])
TITLE = st.sampled_from(["书记", "市长", "院长", "董事长", "总经理", "主任", "副局长", "院士", "教授", "记者"])
ORG = st.sampled_from(
    ["浙江大学", "余姚市科技局", "中国科学院", "某某科技有限公司", "国家发展改革委", "北一半导体", "研究院", "公司"]
)
PLACE = st.sampled_from(["浙江省", "余姚市", "宁波", "穆棱", "北京市海淀区", "长三角", "省", "市", "县"])
WORD = st.sampled_from(
    ["高新技术企业", "专精特新", "研发投入", "营业收入", "同比", "增长", "提高到", "从", "到", "由", "增至", "较上年",
     "今年以来", "去年", "2023年", "上半年", "占比", "达到", "新增", "累计", "表示", "说", "指出", "印发", "出台"]
)
PUNCT = st.sampled_from(["，", "。", "、", "；", "：", "！", "？", "\n", "\n\n", " ", "……", ",", ".", "·", "—", "-"])
OPEN_CLOSE = st.sampled_from(
    [("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"), ("【", "】"), ("「", "」"), ("‘", "’")]
)


@st.composite
def quantity(draw: st.DrawFn) -> str:
    a = draw(APPROX)
    pre, post = (a, "") if a in ("近", "超", "超过", "约", "突破", "逾", "达", "不足") else ("", a)
    n = draw(NUMBER)
    if draw(st.integers(0, 6)) == 0:  # ranges
        n += draw(st.sampled_from(["-", "~", "至", "到", "—"])) + draw(NUMBER)
    return pre + n + (post if post in ("余", "多") else "") + draw(UNIT) + (post if post not in ("余", "多") else "")


@st.composite
def bracketed(draw: st.DrawFn) -> str:
    o, c = draw(OPEN_CLOSE)
    inner = "".join(draw(st.lists(st.one_of(WORD, HAN, PLACE, quantity()), max_size=8)))
    return o + inner + (c if draw(st.integers(0, 4)) else "")  # sometimes left open


@st.composite
def phrase(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return draw(PLACE) + draw(ORG) + draw(TITLE) + draw(NAME) + draw(st.sampled_from(["表示", "说：", "指出，"]))
    if kind == 1:
        return "从" + draw(quantity()) + draw(st.sampled_from(["增长到", "提高到", "增至", "到"])) + draw(quantity())
    if kind == 2:
        return draw(bracketed())
    if kind == 3:
        return draw(NAME) + draw(st.sampled_from(["", "/", "（", "("])) + draw(TITLE)
    return draw(WORD)


CHINESE_LIKE = st.lists(
    st.one_of(phrase(), quantity(), WORD, PUNCT, st.text(HAN, min_size=1, max_size=6), PLACE, ORG), max_size=80
).map("".join)


@st.composite
def news_page(draw: st.DrawFn) -> str:
    """Chinese-like text, sometimes wrapped in page furniture (breadcrumb, date line, teasers)."""
    body = draw(CHINESE_LIKE)
    if draw(st.booleans()):
        body = "您的位置：首页 > 新闻\n" + draw(CHINESE_LIKE)[:30] + "\n2023-08-27 09:17 来源：宁波日报\n" + body
    if draw(st.booleans()):
        body += "\n相关阅读\n" + draw(CHINESE_LIKE)
    return body


# --- the properties --------------------------------------------------------------------


def check_document(text: str) -> None:
    """What must hold for any input: no exception, exact spans inside the body, stable output."""
    doc = innovext.extract(text)
    assert doc.text is text
    assert len(normalize(text)) == len(text)
    for f in doc.facts:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.text, f
        assert any(s <= f.start and f.end <= e for s, e in doc.body), f
    for s, e in [*doc.body, *doc.sentences]:
        assert 0 <= s < e <= len(text)
    record = doc.to_record()  # serialisable
    assert len(record["facts"]) == len(doc.facts)
    doc.to_json()
    again = innovext.extract(text)
    assert again == doc  # deterministic: extracting twice gives equal results
    assert [f.model_dump() for f in again.facts] == [f.model_dump() for f in doc.facts]


@FUZZ
@given(ARBITRARY)
def test_arbitrary_unicode(text: str) -> None:
    check_document(text)


@FUZZ
@given(news_page())
def test_chinese_like_text(text: str) -> None:
    check_document(text)


@FUZZ
@given(st.lists(news_page(), min_size=2, max_size=4))
def test_results_do_not_depend_on_previous_documents(texts: list[str]) -> None:
    # No state leaks between documents: each result equals a run in a fresh order.
    first = [innovext.extract(t) for t in texts]
    second = [innovext.extract(t) for t in reversed(texts)][::-1]
    assert first == second
