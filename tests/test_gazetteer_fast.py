"""Fast paths of ``innovext.gazetteer`` (perf rewrites) against their plain references.

The mention scan probes only the positions a C-level regex proposes; these
tests check it finds exactly what probing every position finds, on real text and
on dense random mixtures of place names, their pieces and noise.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from innovext import gazetteer as g

ROOT = Path(__file__).resolve().parents[1]


def _reference_scan(norm: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The original probe at every position: longest form at each position, left to right, non-overlapping."""
    forms = g._table()[1]
    get = g._prefixes().get
    i = start
    while i < end - 1:
        lens = get(norm[i : i + 2])
        if lens:
            for n in lens:
                if i + n <= end and norm[i : i + n] in forms:
                    yield i, i + n
                    i += n
                    break
            else:
                i += 1
        else:
            i += 1


def _reference_prefix_len(text: str) -> int:
    pos = 0
    for a, b in _reference_scan(text, 0, len(text)):
        if a != pos:
            break
        pos = b
    return pos


def _texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    forms = list(g._table()[1])
    out = [seeds]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randrange(1, 8)):
            r = rnd.random()
            if r < 0.4:
                parts.append(rnd.choice(forms))
            elif r < 0.6:
                f = rnd.choice(forms)
                parts.append(f[: rnd.randrange(1, len(f) + 1)])  # a piece of a name
            elif r < 0.8:
                a = rnd.randrange(len(seeds))
                parts.append(seeds[a : a + rnd.randrange(1, 6)])
            else:
                parts.append(rnd.choice(["市", "县", "省", "区", "1", " ", "、", "-", "]", "^"]))
        out.append("".join(parts))
    return out


def test_scan_equals_the_probe_at_every_position() -> None:
    rnd = random.Random(3)
    for text in _texts(20000, seed=5):
        a = rnd.randrange(len(text) + 1)
        b = rnd.randrange(a, len(text) + 1)
        for s, e in ((0, len(text)), (a, b)):
            assert list(g._scan(text, s, e)) == list(_reference_scan(text, s, e)), (text, s, e)


def test_prefix_len_and_starts_form_equal_the_scan() -> None:
    for text in _texts(20000, seed=9)[1:]:
        assert g.place_prefix_len(text) == _reference_prefix_len(text), text
        for pos in range(len(text)):
            first = next(iter(_reference_scan(text, pos, min(len(text), pos + 12))), (None,))[0]
            assert g._starts_form(text, pos) == (first == pos), (text, pos)


def _window_tokens(norm: str, a: int, b: int) -> tuple[int, list[tuple[str, int, int]]]:
    from innovext.tokenize import segment

    w0 = max(0, a - g._WINDOW)
    return w0, segment(norm[w0 : min(len(norm), b + g._WINDOW)])


def _reference_on_word_boundaries(norm: str, start: int, end: int) -> bool:
    """The original check: cut points of the whole jieba window."""
    w0, toks = _window_tokens(norm, start, end)
    cuts = {p for _, s, e in toks for p in (s, e)}
    s, e = start - w0, end - w0
    if s not in cuts:
        return False
    return e in cuts or not any(s < c < e for c in cuts)


def _reference_words_around(norm: str, a: int, b: int) -> tuple[object, object]:
    w0, toks = _window_tokens(norm, a, b)
    s = a - w0
    cover = next(((w, x + w0, y + w0) for w, x, y in toks if x <= s < y), None)
    before = next(((w, x + w0, y + w0) for w, x, y in toks if y == s), None)
    return cover, before


def test_block_based_word_checks_equal_the_window_segmentation() -> None:
    """Boundary check and the words around a form, from the form's block alone, equal the full window's."""
    rnd = random.Random(29)
    texts = _texts(6000, seed=31)
    seeds = texts[0]
    texts = [seeds[i : i + 60] for i in range(0, len(seeds), 37)] + texts[1:]
    extra = "\r\n \t,.1a-"
    for text in texts:
        if rnd.random() < 0.3:  # spaces, line breaks and ASCII right around the forms
            text = "".join(ch + (rnd.choice(extra) if rnd.random() < 0.2 else "") for ch in text)
        for a, b in list(g._scan(text, 0, len(text))):
            assert g._on_word_boundaries(text, a, b) == _reference_on_word_boundaries(text, a, b), (text, a, b)
            assert g._words_around(text, a, b) == _reference_words_around(text, a, b), (text, a, b)


def _reference_whole_word(norm: str, start: int, end: int) -> bool:
    w0, toks = _window_tokens(norm, start, end)
    s, e = start - w0, end - w0
    cuts = {p for _, a, b in toks for p in (a, b)}
    if s in cuts and e in cuts:
        return True
    cover = next((t for t in toks if t[1] == s), None)
    return cover is not None and cover[0] in (norm[start:end] + "人", norm[start:end] + "籍")


def test_whole_word_from_the_block_equals_the_window() -> None:
    rnd = random.Random(43)
    table, pattern = g._world(frozenset({"cn", "world"}))
    names = list(table)
    seeds = _texts(0, seed=1)[0]
    for _ in range(4000):
        a = rnd.randrange(len(seeds))
        left, right = seeds[a : a + rnd.randrange(0, 6)], seeds[a + 6 : a + 6 + rnd.randrange(0, 6)]
        text = left + rnd.choice(names) + rnd.choice(["", "人", "籍", " ", "\r\n", "a", ""]) + right
        for m in pattern.finditer(text):
            assert g._whole_word(text, m.start(), m.end()) == _reference_whole_word(text, m.start(), m.end()), text


def test_path_of_is_a_fresh_list() -> None:
    div = g.lookup("穆棱市")[0]
    p = g.path_of(div)
    p.append("x")
    assert g.path_of(div) == ["黑龙江省", "牡丹江市", "穆棱市"]
