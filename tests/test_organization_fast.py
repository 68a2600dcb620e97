"""Fast paths of the organization extractor must equal the plain computation they replace.

Each shortcut in ``innovext.extractors.organization`` that skips work (a scan
restricted to where a match can be, a check moved before a jieba window) is
compared here with the direct computation on many generated inputs.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from innovext.extractors import organization as org

# Pieces of enumerations: items, separators, the closing 等 + quantifier + head, stops.
_LIST_PIECES = ["中色奥博特", "宇捷轴承", "凯美", "瑞", "、", "、", "、", "等企业", "等多家企业", "等3家公司",
                "等十家高校", "等", "企业", ",", "。", " ", "\n", "“", "(", "的", "A"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=40), st.integers(0, 5), st.integers(0, 5))
def test_list_runs_find_every_enumeration(pieces: list[str], cut0: int, cut1: int) -> None:
    norm = "".join(pieces)
    b0, b1 = min(cut0, len(norm)), max(min(cut0, len(norm)), len(norm) - cut1)
    whole = [(m.span(), m.groups()) for m in org._list_re().finditer(norm, b0, b1)]
    runs = [(m.span(), m.groups()) for r0, r1 in org._list_runs(norm, b0, b1)
            for m in org._list_re().finditer(norm, r0, r1)]
    assert runs == whole


def test_list_heads_hold_no_stop_character() -> None:
    # _list_runs relies on it: a head with a stop character would cross a run boundary
    stop = org._list_stop_re()[0]
    assert not any(stop.search(h) for h in org._list_heads())


_NEG_CHARS = sorted({ch for n in org._negatives() for ch in n})


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(sorted(org._suffixes())),
       st.lists(st.sampled_from([*_NEG_CHARS, *org._negatives()]), max_size=3), st.integers(0, 12))
def test_negatives_of_equals_all_negatives(suffix: str, before: list[str], tok_start: int) -> None:
    norm = "".join(before) + suffix
    b = len(norm)

    def vetoed(negatives: tuple[str, ...]) -> bool:
        return any(norm[b - len(n) : b] == n and tok_start <= b - len(n) for n in negatives)

    assert vetoed(org._negatives_of(suffix)) == vetoed(org._negatives())
