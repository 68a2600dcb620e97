"""Change facts: from→to movements of one indicator (``从3家增长到27家``).

Built over the quantity facts (ORDER 60) rather than over the text: two
consecutive quantities of one sentence with the same unit, joined by a movement
verb ending in 到/至/为 (``增长到``, ``提高到``, ``增至``, ``扩面到目前的``), optionally
opened by 从/由 a few characters before the first (``从去年的84家``). The span runs
from 从/由 (or the first number when there is none) to the end of the second
quantity; the two quantities stay quantity facts. Paired lists
(``分别从652家、397家增加到918家、573家``) give one change per position. Movement
verbs live in ``data/change_verbs.txt`` so a new verb is a data edit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import regex

from ..facts import Change, Quantity
from ..numerals import LazyPattern, alternation
from ..pipeline import Context
from ..resources import read_lines

NAME = "change"
ORDER = 70


@functools.cache
def _between_re() -> regex.Pattern[str]:
    """What may stand between the two figures: [verb][到/至/为][了][time][的] (增至, 提高到2025年的)."""
    verbs = alternation(read_lines("change_verbs.txt"))
    return regex.compile(
        rf"(?:(?:{verbs})了?)?(?:到|至|为|达到)?了?(?:\d{{4}}年)?[^\d,;:。、!?()]{{0,6}}?的?",
    )


_OPEN_RE = LazyPattern(r"[从由](?:\d{4}年)?[^\d,;:。、!?()从由]{0,8}$")
_MOVE_RE = LazyPattern(r"(?:增长|增加|提高|提升|扩大|上升|下降|减少|降低|增至|降至|升至|由|从)")
_LIST_SEP = LazyPattern(r"[、,和及与]")


def _joined(norm: str, a: Quantity, b: Quantity) -> bool:
    return bool(_LIST_SEP.fullmatch(norm[a.end : b.start]))


def _change(ctx: Context, start: int, q1: Quantity, q2: Quantity, rule: str) -> Change:
    return Change(
        start=start,
        end=q2.end,
        text=ctx.text[start : q2.end],
        from_value=q1.value,
        to_value=q2.value,
        unit=q1.unit,
        subject=q1.subject or q2.subject,
        region=q2.region or q1.region,
        time=None,
        rule=rule,
    )


def extract(ctx: Context) -> Iterable[Change]:
    """One change fact per from→to pair of quantities."""
    norm = ctx.norm
    qs = sorted((f for f in ctx.facts_of("quantity") if isinstance(f, Quantity)), key=lambda f: f.start)
    out: list[Change] = []
    used_until = -1
    for i in range(len(qs) - 1):
        q1, q2 = qs[i], qs[i + 1]
        if q1.start < used_until or q1.unit != q2.unit or q1.value_max is not None or q2.value_max is not None:
            continue
        between = norm[q1.end : q2.start]
        # 从2022年的30%,提升至如今的50%: a comma may follow the from-figure of a 从/由 movement.
        comma = between[:1] == ","
        if comma:
            between = between[1:]
        if not between or len(between) > 16 or not _between_re().fullmatch(between):
            continue
        if ctx.sentence_at(q1.start) != ctx.sentence_at(q2.start):
            continue
        # Paired lists: A1、A2 增加到 B1、B2 → A1→B1, A2→B2.
        left = [q1]
        while i - len(left) >= 0 and _joined(norm, qs[i - len(left)], left[0]):
            left.insert(0, qs[i - len(left)])
        right = [q2]
        while i + 1 + len(right) < len(qs) and _joined(norm, right[-1], qs[i + 1 + len(right)]):
            right.append(qs[i + 1 + len(right)])
        if len(left) > 1 or len(right) > 1:
            if len(left) != len(right) or any(q.unit != q1.unit for q in left + right):
                continue
            for a, b in zip(left, right, strict=True):
                out.append(_change(ctx, a.start, a, b, "paired-lists"))
            used_until = right[-1].end
            continue
        sent = ctx.sentence_at(q1.start) or (0, len(norm))
        lead = norm[max(sent[0], q1.start - 14) : q1.start]
        m = _OPEN_RE.search(lead)
        start = q1.start - (len(lead) - m.start()) if m else q1.start
        if m is None and not _MOVE_RE.match(between) and between not in ("到", "至"):
            continue
        if comma and m is None:
            continue  # 3家,到2025年…: only a movement opened by 从/由 spans a comma
        if not regex.search(r"到|至|为|达到", between) and m is None:
            continue
        if not regex.search(r"到|至|为", between) and not regex.search(r"增至|降至|升至", between):
            continue
        out.append(_change(ctx, start, q1, q2, "from-to" if m else "a-to-b"))
        used_until = q2.end
    return out
