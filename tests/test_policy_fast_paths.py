"""``policy.find_titles`` jumps from opener to opener while no title is open (perf).

It must find exactly what the plain walk over every bracket, break and full stop finds.
"""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import policy
from innovext.extractors.policy import _CLOSERS, _FAMILIES, MAX_DEPTH, MAX_TITLE, _re


def _find_titles_reference(norm: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The walk over every event (the implementation before the opener jump)."""
    closed: list[tuple[int, int, str]] = []
    unclosed: list[int] = []
    stack: deque[tuple[int, str]] = deque()
    for m in _re("event").finditer(norm):
        tok, pos = m.group(), m.start()
        while stack and pos - stack[0][0] - len(stack[0][1]) > MAX_TITLE:
            unclosed.append(stack.popleft()[0])
        family = tok[:2] if tok.startswith("<<") else tok[0]
        if family in _FAMILIES:
            if not stack or stack[-1][1] == family:
                width = len(family)
                count = len(tok) // width
                if count > MAX_DEPTH:
                    unclosed.extend(range(pos, pos + (count - MAX_DEPTH) * width, width))
                    pos += (count - MAX_DEPTH) * width
                    count = MAX_DEPTH
                for i in range(count):
                    stack.append((pos + i * width, family))
                while len(stack) > MAX_DEPTH:
                    unclosed.append(stack.popleft()[0])
        elif tok in _CLOSERS:
            if stack and stack[-1][1] == _CLOSERS[tok]:
                start, family = stack.pop()
                closed.append((start, m.end(), family))
        else:
            unclosed.extend(p for p, _ in stack)
            stack.clear()
    unclosed.extend(p for p, _ in stack)
    closed.sort(key=lambda p: (p[0], -p[1]))
    pairs: list[tuple[int, int, str]] = []
    for pair in closed:
        if not pairs or pair[0] >= pairs[-1][1]:
            pairs.append(pair)
    unclosed.sort()
    return pairs, unclosed


_PIECES = [
    *("《", "》", "\u3008", "\u3009", "\u2329", "\u232a", "<<", ">>", "<", ">"),
    *("。", "\n\n", "\n \n", "\n", "关于", "通知", "x" * 30, "y" * 70),
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_find_titles_equals_event_walk(text: str) -> None:
    assert policy.find_titles(text) == _find_titles_reference(text)


def test_find_titles_long_runs_and_expiry() -> None:
    texts = ("《" * 15 + "长治》》》" + "x" * 200 + "《a》", "《" + "y" * (MAX_TITLE + 5) + "《b》。》", "<<<<<a>>>>>")
    for text in texts:
        assert policy.find_titles(text) == _find_titles_reference(text)
