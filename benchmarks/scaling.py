"""``innovext extract --jobs 2`` vs ``--jobs 1``: documents/s on the same input.

Run from the repository root::

    .venv/bin/python -m benchmarks.scaling               # ~2 MB sample of the corpus
    .venv/bin/python -m benchmarks.scaling --mb 5 --jobs 1 2 4

The input is a sample of the corpus (every n-th record, as in
``benchmarks/throughput.py``) written once to a temporary ``.jsonl.gz``; each
run is the real command (``innovext extract IN -o OUT --quiet --jobs N``), timed
from process start to exit, so worker start-up is included (as a user sees it).
The outputs of the runs are checked to be identical (order included).
Target: ``--jobs 2`` ≥ 1.7 × ``--jobs 1`` documents/s (needs two idle cores;
the load average at start and end is printed because the machine is shared).

Each run also pays a fixed start-up (interpreter, tables, dictionaries: about
a second, in every worker at once), which no number of cores shortens: with
start-up ``W`` and serial work ``T`` the best possible ratio is
``(W + T) / (W + T / 2)``, so small inputs cannot reach 1.7 ×. ``--startup``
(default on) times each job count on a one-document input too and prints the
ratio with that fixed cost taken out, which is what a long run converges to.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.memory import _innovext_cmd
from benchmarks.throughput import DEFAULT_CORPUS, load_sample


def _run(src: Path, out: Path, jobs: int) -> tuple[float, str]:
    """Wall seconds of ``innovext extract SRC -o OUT --jobs N`` and the SHA-1 of its output."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*_innovext_cmd(), "extract", str(src), "-o", str(out), "--quiet", "--jobs", str(jobs)],
        capture_output=True,
        text=True,
    )
    sec = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        print(proc.stderr[-2000:])
        raise SystemExit(f"--jobs {jobs} failed with exit code {proc.returncode}")
    return sec, hashlib.sha1(out.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-startup", action="store_true", help="do not time the one-document start-up runs")
    args = ap.parse_args(argv)

    records = load_sample(args.mb, args.corpus)
    chars = sum(len(r["text"]) for r in records)
    print(f"sample: {len(records)} documents, {chars:,} characters; cpus {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.2f}")
    rates: dict[int, float] = {}
    seconds: dict[int, float] = {}
    startup: dict[int, float] = {}
    digests: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="innovext-scale-") as tmp:
        src = Path(tmp) / "sample.jsonl.gz"
        one = Path(tmp) / "one.jsonl.gz"
        with gzip.open(src, "wt", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        with gzip.open(one, "wt", encoding="utf-8") as fh:
            fh.write(json.dumps(records[0], ensure_ascii=False) + "\n")
        for jobs in args.jobs:
            if not args.no_startup:
                startup[jobs], _ = _run(one, Path(tmp) / f"one{jobs}.jsonl", jobs)
            out = Path(tmp) / f"out{jobs}.jsonl"
            sec, digests[jobs] = _run(src, out, jobs)
            seconds[jobs] = sec
            rates[jobs] = len(records) / sec
            extra = f"  (one-document run: {startup[jobs]:.2f} s)" if jobs in startup else ""
            print(f"--jobs {jobs}: {sec:7.1f} s  {rates[jobs]:7.1f} docs/s  {chars / sec:10,.0f} chars/s{extra}",
                  flush=True)
    base = args.jobs[0]
    for jobs in args.jobs[1:]:
        print(f"scaling ratio --jobs {jobs} / --jobs {base}: {rates[jobs] / rates[base]:.2f}x"
              + ("  (target >= 1.7)" if (base, jobs) == (1, 2) else ""))
        if startup:
            work = (seconds[base] - startup[base]) / max(1e-9, seconds[jobs] - startup[jobs])
            print(f"  without the fixed start-up ({startup[base]:.2f} s / {startup[jobs]:.2f} s): {work:.2f}x")
    same = len(set(digests.values())) == 1
    print(f"outputs identical across job counts: {same}; load average now {os.getloadavg()[0]:.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
