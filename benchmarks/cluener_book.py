"""Precision / recall of innovext's 《》 titles against CLUENER2020 dev ``book`` entities.

Run from the repository root::

    .venv/bin/python -m benchmarks.cluener_book
    .venv/bin/python -m benchmarks.cluener_book --show 20 --json /tmp/cluener_book.json

The data is read at run time from ``/work/shared/external/cluener2020/dev.spans.jsonl``
(``--data`` or ``INNOVEXT_CLUENER`` to point elsewhere; nothing is copied into the
repository): one JSON object per sentence with ``text`` and ``entities``
(``type``, ``start``, ``end``, ``text``, end exclusive).

What is compared. CLUENER annotates books, films and games, with or without their
《》 (``《三国演义》`` but also ``证券时报``); innovext only reads bracketed titles
and does not know a novel from a film. So the gold set is the **《》-delimited
book entities** (an entity whose text starts with 《 and ends with 》), and a
prediction is an innovext ``policy`` fact of any kind. A match is the exact span.

Printed figures:

* **book recall**: gold 《》 books whose exact span innovext returns;
* **book precision**: predictions that are a gold 《》 book. CLUENER also brackets
  films and games in 《》, which innovext returns too (correctly, as titles), so
  this number is bounded by the share of books among bracketed titles;
* **bracket precision**: predictions that are *some* 《》-delimited CLUENER
  entity (book, movie or game): whether innovext finds the titles annotators saw;
* the kind innovext gives the matched books (mostly ``other``; CLUENER also files
  policy documents such as 《某市保障性住房管理办法》 under ``book``, and those
  should come out ``policy``), and the misses and unmatched predictions (``--show``).

The CLUENER sentences are news/forum snippets, often cut mid-title
(``突袭黑暗雅典娜》中…``): such stray closers and unclosed openers are exactly the
bad input innovext must survive, and the truncated entities are not in the gold
set (they are not 《》-delimited).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

DEFAULT_DATA = os.environ.get("INNOVEXT_CLUENER", "/work/shared/external/cluener2020/dev.spans.jsonl")


def delimited(entity: dict[str, Any]) -> bool:
    """True for an entity written with its 《》."""
    text = entity["text"]
    return text.startswith("《") and text.endswith("》")


def load(path: str) -> list[dict[str, Any]]:
    """The CLUENER records (fails loudly when the file is missing)."""
    p = Path(path)
    if not p.is_file():
        raise SystemExit(f"no CLUENER file at {path} (set --data or INNOVEXT_CLUENER)")
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Match innovext policy facts to 《》-delimited CLUENER entities, sentence by sentence."""
    from innovext.pipeline import run

    book_gold = 0
    book_all = 0
    book_tp = 0
    predictions = 0
    bracket_tp = 0
    kinds: Counter[str] = Counter()
    pred_types: Counter[str] = Counter()
    flagged = 0
    misses: list[tuple[int, str, str]] = []
    extras: list[tuple[int, str, str]] = []
    started = time.perf_counter()
    chars = 0
    for rec in records:
        text = rec["text"]
        chars += len(text)
        doc = run(text, only={"policy"})
        preds = {(f.start, f.end): f for f in doc.facts if f.type == "policy"}
        bracketed = {(e["start"], e["end"]): e for e in rec["entities"] if delimited(e)}
        books = {span for span, e in bracketed.items() if e["type"] == "book"}
        book_gold += len(books)
        book_all += sum(e["type"] == "book" for e in rec["entities"])
        predictions += len(preds)
        for span, fact in preds.items():
            flagged += fact.flagged is not None  # type: ignore[attr-defined]
            if span in bracketed:
                bracket_tp += 1
                pred_types[bracketed[span]["type"]] += 1
            else:
                extras.append((rec["id"], fact.text, text))
            if span in books:
                book_tp += 1
                kinds[fact.kind] += 1  # type: ignore[attr-defined]
        for span in books - preds.keys():
            misses.append((rec["id"], bracketed[span]["text"], text))
    elapsed = time.perf_counter() - started
    return {
        "sentences": len(records),
        "chars": chars,
        "seconds": round(elapsed, 3),
        "book_gold": book_gold,
        "book_all": book_all,
        "book_tp": book_tp,
        "book_recall": round(ratio(book_tp, book_gold), 4),
        "predictions": predictions,
        "book_precision": round(ratio(book_tp, predictions), 4),
        "bracket_tp": bracket_tp,
        "bracket_precision": round(ratio(bracket_tp, predictions), 4),
        "matched_entity_types": dict(pred_types),
        "kinds_of_matched_books": dict(kinds),
        "flagged_predictions": flagged,
        "misses": misses,
        "extras": extras,
    }


def report(res: dict[str, Any], show: int) -> str:
    lines = [
        f"CLUENER2020 dev: {res['sentences']} sentences, {res['chars']} chars, {res['seconds']} s",
        f"book entities: {res['book_all']}, of which 《》-delimited: {res['book_gold']}"
        " (the others, e.g. 证券时报 or a title cut at the sentence start, are out of scope)",
        f"innovext policy facts: {res['predictions']}"
        f" ({res['flagged_predictions']} flagged)",
        f"book recall      {res['book_recall']:.3f}  ({res['book_tp']}/{res['book_gold']})",
        f"book precision   {res['book_precision']:.3f}  ({res['book_tp']}/{res['predictions']})"
        "  (films and games in 《》 count against it)",
        f"bracket precision {res['bracket_precision']:.3f}  ({res['bracket_tp']}/{res['predictions']})"
        "  (prediction = some 《》-delimited entity)",
        f"matched entity types: {res['matched_entity_types']}",
        f"kind given to matched books: {res['kinds_of_matched_books']}",
    ]
    if show:
        lines.append(f"-- missed books (first {show}) --")
        lines += [f"  [{i}] {t}  <- {s}" for i, t, s in res["misses"][:show]]
        lines.append(f"-- predictions that are no 《》-delimited entity (first {show}) --")
        lines += [f"  [{i}] {t}  <- {s}" for i, t, s in res["extras"][:show]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, help="CLUENER dev.spans.jsonl")
    parser.add_argument("--show", type=int, default=0, help="print this many misses and extras")
    parser.add_argument("--json", help="also write the figures (and all misses/extras) to this file")
    args = parser.parse_args(argv)
    res = evaluate(load(args.data))
    print(report(res, args.show))
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
