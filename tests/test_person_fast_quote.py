"""The quote early exit (no “ in the text) gives what the full scan gives."""

import random

from innovext.extractors import quote


def test_no_open_quote_means_no_quote_match() -> None:
    """The early exit is sound: the quote pattern cannot match text without “."""
    rng = random.Random(7)
    alphabet = "他说”“:,。张三表示「」\"'记者李四指出\n "
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        found = list(quote._regexes()["quote"].finditer(text))
        if "“" not in text:
            assert found == []


def test_quote_pattern_opens_with_the_mark_the_early_exit_tests() -> None:
    """If the quote pattern ever accepts another opening mark, the early exit must change too."""
    assert quote._regexes()["quote"].pattern.startswith("“")


def test_extract_on_texts_without_open_quote_is_empty_and_with_one_unchanged() -> None:
    """Whole-pipeline check: a quotation found with “ disappears when its mark is removed."""
    import innovext

    text = "记者李四表示:“我们将继续加大研发投入。”他说,今年企业增长很快。"
    with_mark = [f for f in innovext.extract(text).facts if f.type == "quote"]
    assert with_mark and with_mark[0].text.startswith("“")
    without = text.replace("“", "")
    assert [f for f in innovext.extract(without).facts if f.type == "quote"] == []
