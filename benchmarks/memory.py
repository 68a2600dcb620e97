"""Peak RSS of ``innovext extract`` over the whole corpus vs over a 1 MB slice of it.

Run from the repository root::

    .venv/bin/python -m benchmarks.memory                 # whole corpus (~12 M chars; long)
    .venv/bin/python -m benchmarks.memory --whole-mb 20   # first 20 MB of the corpus stream instead

Both runs are the real command line, one process (``--jobs 1``), JSONL out to a
temporary file: ``innovext extract INPUT.jsonl.gz -o OUT.jsonl --quiet``. The
"whole" input is every ``*.jsonl.gz`` of ``/work/shared/corpus`` (read in place,
streamed record by record by the reader); the slice is the first 1 MB (UTF-8 of
``text``) of the same record stream, written to a temporary ``.jsonl.gz``.
Peak RSS is the child's ``ru_maxrss`` (``getrusage(RUSAGE_CHILDREN)`` in a small
wrapper process per run, so the two peaks are never mixed).
Target: whole / slice ≤ 1.2 (memory does not grow with the corpus).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.throughput import DEFAULT_CORPUS, corpus_files, iter_corpus

_WRAPPER = (
    "import resource, subprocess, sys, json, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.run(sys.argv[1:]).returncode\n"
    "print(json.dumps({'rc': rc, 'seconds': time.perf_counter() - t,"
    " 'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"
)


def _innovext_cmd() -> list[str]:
    exe = shutil.which("innovext", path=os.path.dirname(sys.executable)) or shutil.which("innovext")
    return [exe] if exe else [sys.executable, "-m", "innovext.cli"]


def peak_rss(inputs: list[str], out: Path, extra: list[str] | None = None) -> dict[str, float]:
    """Run ``innovext extract`` on ``inputs`` and return rc, seconds and peak RSS (kB)."""
    cmd = [*_innovext_cmd(), "extract", *inputs, "-o", str(out), "--quiet", *(extra or [])]
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def write_slice(path: Path, mb: float, corpus: str) -> tuple[int, int]:
    """The first ``mb`` MB of the corpus record stream as a .jsonl.gz; returns (records, chars)."""
    budget = int(mb * 1024 * 1024)
    n = chars = size = 0
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for rec in iter_corpus(corpus):
            if size >= budget:
                break
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            chars += len(rec["text"])
            size += len(rec["text"].encode("utf-8"))
    return n, chars


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--slice-mb", type=float, default=1.0)
    ap.add_argument("--whole-mb", type=float, default=None, help="cap the 'whole' run (default: every file)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="innovext-mem-") as tmp:
        tmpd = Path(tmp)
        n_s, c_s = write_slice(tmpd / "slice.jsonl.gz", args.slice_mb, args.corpus)
        if args.whole_mb is None:
            whole_inputs = corpus_files(args.corpus)
            n_w = c_w = 0
            for rec in iter_corpus(args.corpus):
                n_w += 1
                c_w += len(rec["text"])
        else:
            n_w, c_w = write_slice(tmpd / "whole.jsonl.gz", args.whole_mb, args.corpus)
            whole_inputs = [str(tmpd / "whole.jsonl.gz")]
        t0 = time.perf_counter()
        small = peak_rss([str(tmpd / "slice.jsonl.gz")], tmpd / "slice.out.jsonl")
        print(f"slice: {n_s:,} docs, {c_s:,} chars: peak RSS {small['maxrss_kb'] / 1024:.1f} MB, "
              f"{small['seconds']:.1f} s, exit {small['rc']}", flush=True)
        big = peak_rss(whole_inputs, tmpd / "whole.out.jsonl")
        out_mb = (tmpd / "whole.out.jsonl").stat().st_size / 2**20
        print(f"whole: {n_w:,} docs, {c_w:,} chars: peak RSS {big['maxrss_kb'] / 1024:.1f} MB, "
              f"{big['seconds']:.1f} s, exit {big['rc']}, output {out_mb:.0f} MB", flush=True)
        print(f"RSS ratio whole / slice: {big['maxrss_kb'] / small['maxrss_kb']:.2f}  (target <= 1.2)"
              f"   [{time.perf_counter() - t0:.0f} s in all]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
