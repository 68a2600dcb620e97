"""A short, readable text summary of a document result (``innovext summary``, ``make demo``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .facts import Fact

if TYPE_CHECKING:  # pragma: no cover
    from .result import Document

__all__ = ["describe", "format_summary"]

_ORDER = ["quantity", "change", "policy", "programme", "person", "organization", "place", "quote"]


def _num(v: object) -> str:
    """A number without trailing zeros (8917500, 891.75)."""
    if v is None:
        return ""
    text = format(v, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe(f: Fact) -> str:
    """One line for one fact: its text and its normalised fields."""
    d = f.model_dump()
    if f.type == "quantity":
        rng = f"–{_num(d['value_max'])}" if d.get("value_max") is not None else ""
        parts = [f"{_num(d['value'])}{rng} {d['unit']}", d["kind"]]
        if d.get("approx"):
            parts.append(d["approx"])
        for k in ("subject", "region", "time"):
            if d.get(k):
                parts.append(f"{k}={d[k]}")
        return f"{f.text}  →  " + ", ".join(parts)
    if f.type == "change":
        return f"{f.text}  →  {_num(d['from_value'])} → {_num(d['to_value'])} {d['unit']}" + (
            f", subject={d['subject']}" if d.get("subject") else ""
        )
    if f.type == "policy":
        return f"{f.text}  →  {d['kind']}" + (f", issuer={d['issuer']}" if d.get("issuer") else "")
    if f.type == "person":
        role = "、".join(d.get("titles") or [])
        org = d.get("org_resolved") or d.get("org")
        return f"{d['name']}  →  {role or '-'}" + (f" @ {org}" if org else "")
    if f.type == "organization":
        al = f" (aka {'、'.join(d['aliases'])})" if d.get("aliases") else ""
        return f"{d['name']}  →  {d['kind']}{al}"
    if f.type == "place":
        return f"{f.text}  →  {'/'.join(d.get('path') or [d['name']])}" + (" (focal)" if d.get("focal") else "")
    if f.type == "quote":
        return f"{d.get('speaker') or '?'}: {f.text[:40]}{'…' if len(f.text) > 40 else ''}"
    if f.type == "programme":
        return f"{f.text}  →  {d['kind']}"
    return f.text


def format_summary(doc: Document, limit: int = 8) -> str:
    """Headline, metadata and up to ``limit`` facts per type."""
    m = doc.metadata
    lines = [f"== {doc.doc_id or '(document)'}: {m.title or '(no title)'}"]
    meta = [x for x in (m.published, m.source, "、".join(m.authors) if m.authors else None, m.focal_place) if x]
    if meta:
        lines.append("   " + " | ".join(meta))
    by_type: dict[str, list[Fact]] = {}
    for f in doc.facts:
        by_type.setdefault(f.type, []).append(f)
    for t in _ORDER + sorted(set(by_type) - set(_ORDER)):
        facts = by_type.get(t)
        if not facts:
            continue
        lines.append(f"   {t} ({len(facts)})")
        for f in facts[:limit]:
            lines.append(f"     [{f.start}:{f.end}] {describe(f)}")
        if len(facts) > limit:
            lines.append(f"     … {len(facts) - limit} more")
    return "\n".join(lines)
