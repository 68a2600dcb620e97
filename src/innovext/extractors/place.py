"""Places: administrative divisions named in the body, and the article's focal place.

Runs first (ORDER 10) because later extractors read what it leaves in
``ctx.state``: ``focal_place`` (the focal place as the article writes it, the
default ``region`` of quantities) and ``place_mentions`` (used by
:func:`innovext.gazetteer.place_before`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..facts import Place
from ..gazetteer import Mention, find_mentions, find_towns, find_world, focal_form, path_of

if TYPE_CHECKING:  # pragma: no cover - the pipeline imports the extractors
    from ..pipeline import Context

NAME = "place"
ORDER = 10
# Always runs, even when a caller asks for other families only: the focal place and the
# place mentions are context for organisations (ORDER 20) and quantity regions (ORDER 60).
ALWAYS = True


def extract(ctx: Context) -> Iterator[Place]:
    """Emit one Place per mention in the body; mentions of the focal place get ``focal=True``."""
    mentions: list[Mention] = find_mentions(ctx.norm, ctx.body)
    ctx.state["place_mentions"] = mentions
    focal = focal_form(mentions, ctx.norm)
    focal_codes: set[str] = set()
    if focal is not None:
        div, written = focal
        ctx.state["focal_place"] = written
        ctx.state["focal_division"] = div
        focal_codes = {div.code}
    yield from _extras(ctx, mentions)
    for m in mentions:
        div = m.division
        if div is None:
            levels = {d.level for d in m.candidates}
            yield Place(start=m.start, end=m.end, text=ctx.text[m.start:m.end], name=m.candidates[0].name,
                        level=levels.pop() if len(levels) == 1 else "other", path=[], code=None,
                        rule="place.ambiguous")
            continue
        is_focal = div.code in focal_codes or (div.status == "former" and div.successor in focal_codes)
        yield Place(
            start=m.start,
            end=m.end,
            text=ctx.text[m.start:m.end],
            name=div.name,
            level=div.level,  # type: ignore[arg-type]
            path=path_of(div),
            code=div.code,
            focal=is_focal,
            rule="place.short" if m.short else "place.full",
        )


def _extras(ctx: Context, mentions: list[Mention]) -> Iterator[Place]:
    """Countries, macro-regions, towns and villages: places without a division code.

    They are facts but not ``place_mentions``: the focal place and the quantity
    region stay administrative divisions of China.
    """
    taken = [(m.start, m.end) for m in mentions]
    towns = find_towns(ctx.norm, mentions)
    taken += [(t.start, t.end) for t in towns]
    for x in towns:
        yield Place(start=x.start, end=x.end, text=ctx.text[x.start : x.end], name=x.name,
                    level=x.level, path=list(x.path), code=None, rule="place.town")  # type: ignore[arg-type]
    for x in find_world(ctx.norm, ctx.body):
        if any(a < x.end and x.start < b for a, b in taken):
            continue
        yield Place(start=x.start, end=x.end, text=ctx.text[x.start : x.end], name=x.name,
                    level=x.level, path=list(x.path), code=None, rule="place.world")  # type: ignore[arg-type]
