"""Helpers shared by the quantity-family tests: run only our extractors over a text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from innovext.extractors import change, quantity
from innovext.facts import Change, Quantity
from innovext.pipeline import build_context


def run_quantities(text: str) -> tuple[list[Quantity], list[Change]]:
    """Quantity and change facts of ``text``; only these two extractors run (no peer dependency)."""
    ctx = build_context(text)
    qs = list(quantity.extract(ctx))
    ctx.facts.extend(qs)
    cs = list(change.extract(ctx))
    for f in [*qs, *cs]:
        assert text[f.start : f.end] == f.text, f
    return qs, cs


def same_number(a: Any, b: Any) -> bool:
    """Exact Decimal comparison (YAML numbers and strings both accepted)."""
    if a is None or b is None:
        return a is None and b is None
    return Decimal(str(a)) == Decimal(str(b))
