"""A corpus run with the Python API: stream documents in, facts out, in constant memory.

    python examples/batch.py seeds/ -o facts.csv --jobs 2
    python examples/batch.py ../shared/corpus/roles_articles.jsonl.gz -o facts.csv

Inputs are folders of .txt files or JSONL(.gz) files with ``id`` and ``text``.
The command-line equivalent, with resume and an errors file, is
``innovext extract INPUTS -o facts.csv --jobs 2`` (docs/cli.md).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import time
from collections.abc import Iterator
from pathlib import Path

import innovext
from innovext.tables import fact_columns


def records(inputs: list[str]) -> Iterator[dict]:
    """Documents as dicts (id, text), read lazily: the corpus is never all in memory."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for txt in sorted(path.rglob("*.txt")):
                yield {"id": txt.relative_to(path).with_suffix("").as_posix(), "text": txt.read_text(encoding="utf-8")}
        else:
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        yield {"id": rec.get("id"), "text": rec["text"], "published": rec.get("published")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", default="facts.csv")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    per_type: collections.Counter[str] = collections.Counter()
    n_docs = n_chars = 0
    header = True
    buffer = []
    with open(args.output, "w", encoding="utf-8-sig", newline="") as out:
        for doc in innovext.extract_many(records(args.inputs), jobs=args.jobs, on_error="skip"):
            n_docs += 1
            n_chars += len(doc.text)
            per_type.update(f.type for f in doc.facts)
            buffer.append(doc)
            if len(buffer) >= 200:  # write in chunks: one row per fact, the same columns every time
                innovext.to_pandas(buffer).reindex(columns=fact_columns()).to_csv(out, index=False, header=header)
                header, buffer = False, []
        if buffer or header:
            innovext.to_pandas(buffer).reindex(columns=fact_columns()).to_csv(out, index=False, header=header)
    elapsed = time.perf_counter() - started
    print(f"{n_docs} documents, {n_chars} characters in {elapsed:.1f} s ({n_chars / max(elapsed, 1e-9):,.0f} chars/s)")
    for fact_type, count in per_type.most_common():
        print(f"  {fact_type:13} {count}")
    print(f"facts written to {args.output}")


if __name__ == "__main__":  # required: --jobs uses spawned worker processes
    main()
