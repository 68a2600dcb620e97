"""Access to the package data files (``innovext/data/``) and small table readers.

Rules and vocabularies live in data files, one entry per line, ``#`` comments,
TSV with a header row where there are several columns. Readers here are cached
so each file is parsed once per process.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

__all__ = ["data_path", "read_lines", "read_tsv"]


def data_path(name: str) -> Path:
    """Filesystem path of a data file shipped in the package."""
    return Path(str(resources.files("innovext") / "data" / name))


@functools.cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a one-entry-per-line data file."""
    out = []
    with open(data_path(name), encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append(line.strip(" \r\n"))
    return tuple(out)


@functools.cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV data file as dicts keyed by the header row (first non-comment line)."""
    lines = read_lines(name)
    if not lines:
        return ()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
    return tuple(rows)
