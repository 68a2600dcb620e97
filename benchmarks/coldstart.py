"""Cold start: process start to the first document's facts, vs the jieba one-liner, same run.

Run from the repository root::

    .venv/bin/python -m benchmarks.coldstart            # 5 alternating runs of each, medians
    .venv/bin/python -m benchmarks.coldstart --runs 9

Two fresh interpreters are timed from ``fork`` to exit, alternately:

* ``python -c "import jieba; jieba.lcut('测试')"`` — the reference (issue 7);
* ``python -c "import innovext; innovext.extract(<first document>)"`` — the
  first news story of the corpus (the first record of ``xwlb_*.jsonl.gz`` in
  ``/work/shared/corpus``, read at run time and handed over in a temporary file;
  ``--file`` picks another corpus file) with every fact built.

Both use their dictionary cache (jieba's in the temp dir, innovext's private
tokenizer's in ``~/.cache/innovext``): one untimed run of each warms them and the
OS file cache. The innovext child also reports where its time went (import,
first ``extract``), and ``-X importtime``'s heaviest imports are listed once.
Target: innovext ≤ 1.5 × the jieba one-liner.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.throughput import DEFAULT_CORPUS

JIEBA = "import jieba; jieba.setLogLevel(60); jieba.lcut('测试')"
INNOVEXT = (
    "import time, json, sys; t0 = time.perf_counter()\n"
    "import innovext; t1 = time.perf_counter()\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "doc = innovext.extract(text); t2 = time.perf_counter()\n"
    "print(json.dumps({'import': t1 - t0, 'first_extract': t2 - t1, 'facts': len(doc.facts)}))"
)


def _wall(code: str, *args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - t0, proc.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--file", default="xwlb_*.jsonl.gz", help="corpus file (glob) whose first record is used")
    args = ap.parse_args(argv)

    files = sorted(glob.glob(os.path.join(args.corpus, args.file)))
    if not files:
        raise SystemExit(f"no {args.file} under {args.corpus}")
    with gzip.open(files[0], "rt", encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(first["text"])
        path = fh.name
    try:
        _wall(JIEBA)  # warm caches (dictionary cache files, OS page cache)
        _wall(INNOVEXT, path)
        jieba_t: list[float] = []
        ours_t: list[float] = []
        phases: list[dict[str, float]] = []
        for _ in range(args.runs):
            jieba_t.append(_wall(JIEBA)[0])
            t, out = _wall(INNOVEXT, path)
            ours_t.append(t)
            phases.append(json.loads(out.strip().splitlines()[-1]))
        bare = statistics.median(_wall("pass")[0] for _ in range(3))
        imp = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", INNOVEXT, path], capture_output=True, text=True, check=True
        ).stderr
    finally:
        os.unlink(path)

    j, o = statistics.median(jieba_t), statistics.median(ours_t)
    print(f"first document: {first['id']} ({len(first['text']):,} chars, {phases[-1]['facts']} facts)")
    print(f"bare interpreter start:                 {bare:6.3f} s")
    print(f"jieba one-liner (median of {args.runs}):         {j:6.3f} s   runs {[round(x, 3) for x in jieba_t]}")
    print(f"innovext first document (median of {args.runs}): {o:6.3f} s   runs {[round(x, 3) for x in ours_t]}")
    print(f"  of which import innovext {statistics.median(p['import'] for p in phases):.3f} s, "
          f"first extract (tables, patterns, tokenizer, facts) "
          f"{statistics.median(p['first_extract'] for p in phases):.3f} s")
    print(f"cold start ratio innovext / jieba: {o / j:.2f}x  (target <= 1.5)")

    rows = []
    for line in imp.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    print("\nheaviest imports of the innovext child (-X importtime, cumulative µs):")
    for us, name in sorted(rows, reverse=True)[:12]:
        print(f"  {us:>9,}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
