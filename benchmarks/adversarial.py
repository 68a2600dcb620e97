"""Adversarial inputs timed against 5 MB of ordinary news (issue 8).

Run from the repository root::

    .venv/bin/python -m benchmarks.adversarial                      # every case
    .venv/bin/python -m benchmarks.adversarial book_open_x100k single_line_5mb

The cases are those of ``tests/test_adversarial.py`` (100 000 × ``《``, an
unclosed ``“``, 10⁵ digits before ``万元``, 10⁴ ``、``-separated percentages, one
5 MB line, and more), each run in a fresh process through that file's
``__main__`` (extractors warmed first, the timing covers one ``extract``). The
reference is 5 MB (UTF-8) of ordinary news from ``/work/shared/corpus`` (the
throughput sample: every n-th record), extracted document by document in one
process after the same warm-up.

Two ratios per case: ``time / reference time`` (the issue's "within a small
constant of the time for 5 MB of ordinary news"; most cases are far smaller
than 5 MB, so a linear pattern gives a ratio well below 1) and the per-character
cost relative to the reference (``(time / chars) / (ref time / ref chars)``),
which exposes a super-linear pattern even on a small input.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.throughput import DEFAULT_CORPUS, load_sample

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "test_adversarial.py"


def _case_names() -> list[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("_adversarial_cases", CASES_FILE)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return list(mod.CASES)


def reference(mb: float, corpus: str) -> dict[str, float]:
    """Extraction time of ``mb`` MB of ordinary news, one document at a time, warmed."""
    import innovext

    texts = [r["text"] for r in load_sample(mb, corpus)]
    innovext.extract("预热:高新技术企业从3家增长到27家,张三书记表示。")
    t0 = time.perf_counter()
    for t in texts:
        innovext.extract(t)
    return {"seconds": time.perf_counter() - t0, "chars": sum(map(len, texts)), "docs": len(texts)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    ap.add_argument("--mb", type=float, default=5.0, help="reference size in MB of UTF-8 (default 5)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = ap.parse_args(argv)

    names = args.cases or _case_names()
    ref = reference(args.mb, args.corpus)
    ref_rate = ref["seconds"] / ref["chars"]
    print(f"reference: {ref['docs']} ordinary news documents, {ref['chars']:,} chars ({args.mb} MB): "
          f"{ref['seconds']:.1f} s, {ref['chars'] / ref['seconds']:,.0f} chars/s", flush=True)
    print(f"{'case':24} {'chars':>10} {'seconds':>9} {'facts':>7} {'x ref time':>10} {'x ref per char':>14}")
    results = []
    for name in names:
        try:
            proc = subprocess.run(
                [sys.executable, str(CASES_FILE), name], capture_output=True, text=True, timeout=args.timeout
            )
        except subprocess.TimeoutExpired:
            print(f"{name:24} TIMEOUT after {args.timeout:.0f} s", flush=True)
            results.append({"case": name, "timeout": args.timeout})
            continue
        if proc.returncode != 0:
            print(f"{name:24} FAILED: {proc.stderr.strip().splitlines()[-1] if proc.stderr else proc.returncode}")
            results.append({"case": name, "error": proc.stderr[-2000:]})
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        r["x_ref_time"] = r["seconds"] / ref["seconds"]
        r["x_ref_per_char"] = (r["seconds"] / max(1, r["chars"])) / ref_rate
        results.append(r)
        print(f"{name:24} {r['chars']:>10,} {r['seconds']:>9.2f} {r['facts']:>7,} "
              f"{r['x_ref_time']:>10.3f} {r['x_ref_per_char']:>14.2f}", flush=True)
    if args.json:
        args.json.write_text(json.dumps({"reference": ref, "cases": results}, indent=2), encoding="utf-8")
    return 0 if all("seconds" in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
