"""Output digest: one hash of the JSON of every fact of the seeds plus a fixed corpus sample.

Run from the repository root::

    .venv/bin/python -m benchmarks.digest            # seeds + 1 MB corpus sample
    .venv/bin/python -m benchmarks.digest --per-family

A performance change must leave the output unchanged; this prints the hash of
``Document.to_json`` (keys sorted) over ``seeds/*.txt`` and the 1 MB sample of
``benchmarks.throughput.load_sample`` (every n-th corpus record, read at run
time from ``../shared/corpus``), so "before" and "after" can be compared by one
line. ``--per-family`` adds one hash per fact family, which says *which*
extractor changed its output when the total differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.throughput import DEFAULT_CORPUS, load_sample


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--per-family", action="store_true")
    args = ap.parse_args(argv)

    import innovext

    root = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    texts += [r["text"] for r in load_sample(args.mb, args.corpus)]
    total = hashlib.sha256()
    families: dict[str, hashlib._Hash] = defaultdict(hashlib.sha256)
    facts = 0
    for text in texts:
        doc = json.loads(innovext.extract(text).to_json())
        total.update(json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        for fact in doc.get("facts", []):
            facts += 1
            families[fact.get("type", "?")].update(
                json.dumps(fact, ensure_ascii=False, sort_keys=True).encode("utf-8")
            )
    print(f"{len(texts)} documents, {facts} facts: {total.hexdigest()[:16]}")
    if args.per_family:
        for name in sorted(families):
            print(f"  {name:14} {families[name].hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
