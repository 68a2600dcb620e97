"""Change facts: from→to movements of one indicator (``从3家增长到27家``).

Built over the quantity facts (ORDER 60) rather than over the text: two
consecutive quantities of one sentence with the same unit, joined by a movement
verb ending in 到/至/为 (``增长到``, ``提高到``, ``扩面到目前的``), optionally opened by
从/由 a few characters before the first (``从去年的84家``). The span runs from 从/由
(or the first number when there is none) to the end of the second quantity; the
two quantities stay quantity facts. Movement verbs live in
``data/change_verbs.txt`` so a new verb is a data edit.
"""

from __future__ import annotations

import functools
import itertools
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
    """What may stand between the two figures: [verb] 到/至/为 [了] [time] [的]."""
    verbs = alternation(read_lines("change_verbs.txt"))
    return regex.compile(
        rf"(?:(?:{verbs})了?)?(?:到|至|为|达到)了?[^\d,;:。、!?()]{{0,6}}?的?",
    )


_OPEN_RE = LazyPattern(r"[从由][^\d,;:。、!?()从由]{0,8}$")


def extract(ctx: Context) -> Iterable[Change]:
    """One change fact per from→to pair of quantities."""
    norm = ctx.norm
    quantities = sorted((f for f in ctx.facts_of("quantity") if isinstance(f, Quantity)), key=lambda f: f.start)
    out: list[Change] = []
    used_until = -1
    for q1, q2 in itertools.pairwise(quantities):
        if q1.start < used_until or q1.unit != q2.unit or q1.value_max is not None or q2.value_max is not None:
            continue
        between = norm[q1.end : q2.start]
        if not between or len(between) > 14 or not _between_re().fullmatch(between):
            continue
        if ctx.sentence_at(q1.start) != ctx.sentence_at(q2.start):
            continue
        sent = ctx.sentence_at(q1.start) or (0, len(norm))
        lead = norm[max(sent[0], q1.start - 9) : q1.start]
        m = _OPEN_RE.search(lead)
        start = q1.start - (len(lead) - m.start()) if m else q1.start
        if m is None and not regex.match(r"(?:增长|增加|提高|提升|扩大|上升|下降|减少|降低|由|从)", between) \
                and between not in ("到", "至"):
            continue
        out.append(
            Change(
                start=start,
                end=q2.end,
                text=ctx.text[start : q2.end],
                from_value=q1.value,
                to_value=q2.value,
                unit=q1.unit,
                subject=q1.subject or q2.subject,
                region=q2.region or q1.region,
                time=None,
                rule="from-to" if m else "a-to-b",
            )
        )
        used_until = q2.end
    return out
