"""Scoring predictions against gold facts: the same matching as ``seeds/gold/score.py``.

The gold format and matching rules are those of ``seeds/gold/SCHEMA.md``; this
module is the project's own copy of the scorer so ``innovext evaluate`` works
from an installed package, and ``tests/test_scoring.py`` checks that it gives
exactly the numbers of ``seeds/gold/score.py``.
"""
# ruff: noqa
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

TYPES = ["quantity", "change", "policy", "person", "organization"]


def load(path):
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["doc_id"]] = rec
    return out


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


# Surface variants of one unit; both sides are mapped before comparing.
UNIT_SYNONYMS = {"平米": "平方米", "㎡": "平方米", "m²": "平方米", "m2": "平方米", "公斤": "千克", "kg": "千克",
                 "月": "个月", "个小时": "小时", "块": "元", "块钱": "元", "百分点": "个百分点", "％": "%"}


def same_unit(a, b):
    return a is not None and UNIT_SYNONYMS.get(a, a) == UNIT_SYNONYMS.get(b, b)


def overlap(f, g):
    return f["start"] < g["end"] and g["start"] < f["end"]


def same(t, p, g):
    if t == "quantity":
        return overlap(p, g) and close(p.get("value"), g["value"]) and same_unit(p.get("unit"), g["unit"])
    if t == "change":
        return (overlap(p, g) and close(p.get("from_value"), g["from_value"])
                and close(p.get("to_value"), g["to_value"]) and same_unit(p.get("unit"), g["unit"]))
    if t == "policy":
        return overlap(p, g) and p.get("title") == g["title"]
    raise ValueError(t)


def norm(s):
    return "".join((s or "").split())


def score_spans(t, golds, preds, stats, misses, fps, doc_id):
    used = set()
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if i not in used and same(t, p, g)), None)
        if hit is None:
            if not g.get("optional"):
                stats["gold"] += 1
                misses.append((doc_id, g))
            continue
        used.add(hit)
        if g.get("optional"):
            continue
        stats["gold"] += 1
        stats["tp"] += 1
        p = preds[hit]
        if t == "quantity":
            stats["attr_n"] += 1
            stats["attr_ok"] += int(p.get("approx") == g.get("approx") and p.get("kind") == g.get("kind"))
            for key in ("subject", "region", "time"):
                if g.get(key):
                    stats[key + "_n"] += 1
                    a, b = norm(p.get(key)), norm(g[key])
                    stats[key + "_ok"] += int(bool(a) and (a in b or b in a))
        if t == "policy":
            stats["attr_n"] += 1
            stats["attr_ok"] += int(p.get("kind") == g.get("kind"))
    for i, p in enumerate(preds):
        if i in used:
            continue
        stats["fp"] += 1
        fps.append((doc_id, p))


def score_names(t, golds, preds, stats, misses, fps, doc_id):
    """Distinct names per document; for people, roles are compared over all mentions."""
    groups = {}  # distinct gold name -> every gold fact with that name
    for g in golds:
        groups.setdefault(norm(g["name"]), []).append(g)
    gold_by_name = {}
    for name, gs in groups.items():
        for g in gs:
            for k in {norm(g["name"])} | {norm(x) for x in g.get("aliases") or []}:
                gold_by_name.setdefault(k, name)
    pred_by_name = defaultdict(list)
    for p in preds:
        pred_by_name[norm(p.get("name"))].append(p)
    matched = set()
    for pname, ps in pred_by_name.items():
        name = gold_by_name.get(pname)
        if name is None:
            stats["fp"] += 1
            fps.append((doc_id, ps[0]))
            continue
        if name in matched:
            continue  # an alias of a gold name already matched
        matched.add(name)
        if t == "person":
            gs = groups[name]
            gold_titles = {norm(x) for g in gs for x in g.get("titles") or []}
            pred_titles = {norm(x) for p in ps for x in p.get("titles") or []}
            gold_orgs = {norm(g.get(k)) for g in gs for k in ("org", "org_resolved") if g.get(k)}
            pred_orgs = {norm(p.get(k)) for p in ps for k in ("org", "org_resolved") if p.get(k)}
            stats["attr_n"] += 1
            stats["attr_ok"] += int(pred_titles == gold_titles and (not gold_orgs or bool(gold_orgs & pred_orgs)))
    for name, gs in groups.items():
        if all(g.get("optional") for g in gs):
            continue
        stats["gold"] += 1
        if name in matched:
            stats["tp"] += 1
        else:
            misses.append((doc_id, gs[0]))




def score(gold: dict[str, dict[str, Any]], pred: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict, dict]:
    """Score ``pred`` (doc_id -> record) against ``gold``; returns (summary, misses, false positives)."""
    stats = {t: defaultdict(int) for t in TYPES}
    misses = {t: [] for t in TYPES}
    fps = {t: [] for t in TYPES}
    for doc_id, grec in gold.items():
        body = grec.get("body") or [[0, 10**12]]
        scope = grec.get("scope")
        prec = pred.get(doc_id, {"facts": []})
        for t in TYPES:
            golds = [f for f in grec["facts"] if f["type"] == t]
            preds = [f for f in prec.get("facts", []) if f.get("type") == t]
            if scope:
                preds = [p for p in preds if
                         any(b[0] <= p.get("start", -1) and p.get("end", -1) <= b[1] for b in scope)]
            if t in ("quantity", "change", "policy"):
                inside = [p for p in preds if any(b[0] <= p.get("start", -1) and p.get("end", -1) <= b[1] for b in body)]
                for p in preds:
                    if p not in inside:
                        stats[t]["fp"] += 1
                        fps[t].append((doc_id, p))
                score_spans(t, golds, inside, stats[t], misses[t], fps[t], doc_id)
            else:
                score_names(t, golds, preds, stats[t], misses[t], fps[t], doc_id)
    summary = {}
    for t in TYPES:
        s = stats[t]
        tp, fp, ng = s["tp"], s["fp"], s["gold"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / ng if ng else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        summary[t] = {"gold": ng, "tp": tp, "fp": fp, "precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(f1, 4), "attr_acc": round(s["attr_ok"] / s["attr_n"], 4) if s["attr_n"] else None}
        for key in ("subject", "region", "time"):
            if s[key + "_n"]:
                summary[t][key + "_acc"] = round(s[key + "_ok"] / s[key + "_n"], 4)
    return summary, misses, fps


def format_table(summary: dict[str, Any]) -> str:
    """The score table as ``score.py`` prints it."""
    lines = [f"{'type':<13}{'gold':>6}{'tp':>6}{'fp':>6}{'P':>8}{'R':>8}{'F1':>8}{'attr':>8}"]
    for t, s in summary.items():
        attr = "-" if s["attr_acc"] is None else f"{s['attr_acc']:.3f}"
        lines.append(f"{t:<13}{s['gold']:>6}{s['tp']:>6}{s['fp']:>6}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{attr:>8}")
        extra = [f"{k[:-4]} {s[k]:.3f}" for k in ("subject_acc", "region_acc", "time_acc") if k in s]
        if extra:
            lines.append(f"{'':<13}of matched quantities, agreement on: " + ", ".join(extra))
    return "\n".join(lines)


def format_errors(misses: dict, fps: dict, show: int) -> str:
    """Misses and false positives, ``show`` per type and kind, as ``score.py --show`` lists them."""
    out = []
    for t in TYPES:
        for label, items in (("missed", misses[t]), ("false positive", fps[t])):
            for doc_id, f in items[:show]:
                keys = {k: f.get(k) for k in ("text", "value", "unit", "title", "name", "titles", "start") if k in f}
                out.append(f"  {t} {label} [{doc_id}] {json.dumps(keys, ensure_ascii=False)}")
    return "\n".join(out)
