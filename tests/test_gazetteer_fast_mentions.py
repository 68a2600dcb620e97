"""Fast paths of :func:`innovext.gazetteer.find_mentions` against the plain reference.

``find_mentions`` skips the jieba checks of hits that the context rule would
drop anyway (:func:`innovext.gazetteer._hopeless`) and returns early when the
scan finds nothing. The reference below is the function as it was before
those shortcuts (every hit checked); the tests compare both on real text and
on dense random mixtures of ambiguous short forms, their divisions' full names
and ancestors, repeated, glued to each other and cut into several spans, so a
skip that changes a single mention fails them.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import yaml

from innovext import gazetteer as g
from innovext.pipeline import build_context

ROOT = Path(__file__).resolve().parents[1]


def _reference_find_mentions(norm: str, spans: Iterable[tuple[int, int]]) -> list[g.Mention]:
    """``find_mentions`` without its shortcuts: every hit of the scan goes through every check."""
    raw: list[tuple[int, int, str]] = []
    for s, e in spans:
        prev_end, prev_form = -1, ""
        for a, b in g._scan(norm, s, e):
            w = norm[a:b]
            if a > 0 and norm[a - 1].isdigit() and w[0] in "万千百亿":
                continue
            if g._needs_boundary_check(w) and not g._on_word_boundaries(norm, a, b):
                continue
            if g._is_bare_short(w) and g._not_a_place(norm, a, b, prev_form if prev_end == a else ""):
                continue
            raw.append((a, b, w))
            prev_end, prev_form = b, w
    get = g._table()[1].get
    ambiguous = g._ambiguous()
    counts = Counter(w for _, _, w in raw)
    full_codes = {d.code for w in counts for d in get(w, ()) if d.name == w}
    sure = list({get(w)[0].code: get(w)[0] for _, _, w in raw  # type: ignore[index]
                 if len(get(w, ())) == 1 and w not in ambiguous}.values())
    sure_codes = frozenset(x.code for x in sure)
    out: list[g.Mention] = []
    resolved: dict[str, g.Division | None] = {}
    prev: g.Mention | None = None
    for s, e, w in raw:
        cands = get(w, ())
        is_short = g._is_bare_short(w)
        if is_short and w in ambiguous:
            ok = any(d.code in full_codes for d in cands) or (
                counts[w] >= 3 and any(g._ancestors(d) & sure_codes for d in cands)
            ) or (
                prev is not None and prev.end == s and prev.division is not None
                and any(prev.division.code in g._ancestors(d) for d in cands)
            )
            if not ok or g._modified_common_word(norm, s, e):
                continue
        if (is_short and prev is not None and prev.end == s and prev.division is not None
                and prev.division.level == "province"
                and not any(prev.division.code in g._ancestors(d) for d in cands)):
            continue
        div: g.Division | None = None
        if len(cands) > 1 and prev is not None and prev.end == s and prev.division is not None:
            under = [d for d in cands if prev.division.code in g._ancestors(d)]
            div = under[0] if len(under) == 1 else None
        if div is None:
            if w not in resolved:
                resolved[w] = cands[0] if len(cands) == 1 else g._resolve(cands, sure, full_codes)
            div = resolved[w]
        if div is None:
            continue
        prev = g.Mention(s, e, norm[s:e], cands, div, is_short)
        out.append(prev)
    return out


def _real_texts() -> list[str]:
    """The seeds and every text of the test corpora (real news sentences)."""
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        stack: list[object] = [yaml.safe_load(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, str) and len(node) >= 4:
                out.append(node)
    return out


def _ambiguous_pool() -> tuple[list[str], list[str]]:
    """Ambiguous short forms of the table, and the names of their divisions and of those divisions' ancestors."""
    amb = sorted(f for f in g._ambiguous() if g.lookup(f) and g._is_bare_short(f))
    related: set[str] = set()
    for f in amb:
        for d in g.lookup(f):
            related.add(d.name)
            related.update(g.path_of(d))
            if d.short:
                related.add(d.short)
    return amb, sorted(related)


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    seeds = "".join(_real_texts()[:20])
    forms = list(g._table()[1])
    amb, related = _ambiguous_pool()
    out = []
    for _ in range(n):
        picked = rnd.sample(amb, rnd.randrange(1, 4))  # a few ambiguous forms, written several times
        parts: list[str] = []
        for _ in range(rnd.randrange(1, 14)):
            r = rnd.random()
            if r < 0.25:
                parts.append(rnd.choice(picked))
            elif r < 0.35:  # 北京大兴: the form right after an ancestor (parent, province, their short forms)
                form = rnd.choice(picked)
                div = rnd.choice(g.lookup(form))
                anc = [x for c in g._ancestors(div) if (x := g.by_code(c)) is not None]
                if anc:
                    x = rnd.choice(anc)
                    parts.append(rnd.choice([x.name, x.short or x.name]) + form)
            elif r < 0.5:
                parts.append(rnd.choice(related))
            elif r < 0.6:
                parts.append(rnd.choice(forms))
            elif r < 0.85:
                a = rnd.randrange(len(seeds))
                parts.append(seeds[a : a + rnd.randrange(1, 8)])
            else:
                parts.append(rnd.choice(["市", "县", "省", "的", "合作", "和", "1", "3万", " ", "、", "。", "\n"]))
        out.append("".join(parts))
    return out


def _random_spans(rnd: random.Random, n: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of ``[0, n)``, sometimes touching (one span's end is the next one's start)."""
    cuts = sorted(rnd.sample(range(n + 1), min(n + 1, rnd.randrange(2, 7))))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, rnd.choice([1, 2]))]
    return spans or [(0, n)]


def test_find_mentions_equals_the_reference_on_real_text() -> None:
    texts = _real_texts()
    assert len(texts) > 300
    for text in texts:
        ctx = build_context(text)
        assert g.find_mentions(ctx.norm, ctx.body) == _reference_find_mentions(ctx.norm, ctx.body), text[:80]
        assert g.find_mentions(ctx.norm, [(0, len(ctx.norm))]) == _reference_find_mentions(
            ctx.norm, [(0, len(ctx.norm))]), text[:80]


def test_find_mentions_equals_the_reference_on_dense_ambiguous_mixtures() -> None:
    rnd = random.Random(7)
    skipped = kept = 0
    for text in _random_texts(3000, seed=11):
        for spans in ([(0, len(text))], _random_spans(rnd, len(text))):
            got = g.find_mentions(text, spans)
            assert got == _reference_find_mentions(text, spans), (text, spans)
            found = [list(g._scan(text, s, e)) for s, e in spans]
            n = len(g._hopeless(text, found))
            skipped += n
            kept += sum(map(len, found)) - n
    assert skipped > 1000 and kept > 1000  # both paths are exercised


def test_no_hit_returns_no_mention() -> None:
    for text in ["", "今天天气很好。", "abc 123", "天气晴"]:
        assert g.find_mentions(text, [(0, len(text))]) == [] == _reference_find_mentions(text, [(0, len(text))])
