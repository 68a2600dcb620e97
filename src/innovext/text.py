"""Same-length normalisation and sentence splitting.

Every extractor matches on ``normalize(text)``: a copy of the text in which
full-width ASCII, exotic spaces and quote variants are mapped *character for
character* to one canonical form. Because the mapping never changes the length,
an offset found on the normalised text is an offset into the original text,
and ``original[start:end]`` is what the user sees.
"""

from __future__ import annotations

import regex

__all__ = ["SENTENCE_END", "normalize", "split_sentences"]


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
    return text.translate(_TABLE)


# A sentence ends at 。！？；… (and their ASCII forms after normalisation), optionally
# followed by closing quotes/brackets, or at a line break.
SENTENCE_END = "。!?;…！？；"
_CLOSERS = "”’\"')）】」』》"
_SENT_RE = regex.compile(
    rf"[^{SENTENCE_END}\n]*(?:[{SENTENCE_END}]+[{_CLOSERS}]*|\n|$)",
)


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
