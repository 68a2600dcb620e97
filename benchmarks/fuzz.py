"""Long property-based run: the hypothesis properties of ``tests/test_hypothesis.py`` with ≥ 100 000 examples.

Run from the repository root::

    .venv/bin/python -m benchmarks.fuzz                     # 100 000 examples per property
    .venv/bin/python -m benchmarks.fuzz --examples 20000 -k arbitrary

CI runs the same properties with 60 examples each. This runs them through
pytest with ``INNOVEXT_FUZZ_EXAMPLES`` set (no example database, no deadline),
prints hypothesis's statistics (examples run, time per example, why it stopped)
and pytest's verdict. Properties: no exception on any ``str`` (lone surrogates,
control characters, NUL, combining marks, emoji, mixed scripts) nor on generated
Chinese-like news pages; every span exact and inside the body; extracting twice
gives equal results; results do not depend on earlier documents.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=100_000, help="examples per property (default 100 000)")
    ap.add_argument("-k", default="arbitrary or chinese_like", help="pytest -k selection of the properties")
    args = ap.parse_args(argv)

    env = {**os.environ, "INNOVEXT_FUZZ_EXAMPLES": str(args.examples)}
    cmd = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_hypothesis.py"),
        "-k", args.k, "--hypothesis-show-statistics", "--hypothesis-seed=0",
    ]
    print(" ".join(cmd), f"(INNOVEXT_FUZZ_EXAMPLES={args.examples})", flush=True)
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, env=env, cwd=ROOT).returncode
    print(f"fuzz run: exit {rc} ({'all properties held' if rc == 0 else 'FAILURES above'}) "
          f"in {time.perf_counter() - t0:.0f} s")
    return rc


if __name__ == "__main__":
    sys.exit(main())
