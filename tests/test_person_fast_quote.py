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
