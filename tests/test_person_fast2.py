"""Fast paths of the person extractor (session 5) equal their plain references.

Each prefilter or early exit below skips work that could not have produced a
result; the tests compare the fast function with the plain one (or with the
plain ``regex`` scan) at every position of tables of positive and negative
examples and of generated texts.
"""

from __future__ import annotations

import random

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
