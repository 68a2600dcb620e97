"""Flat tables of facts: one row per fact, for pandas, CSV and Parquet.

Lists (``titles``, ``aliases``, ``path``) are joined with ``、`` so every cell is a
scalar that Excel, CSV readers and Parquet all take as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .result import Document

__all__ = ["BASE_COLUMNS", "fact_rows", "facts_frame"]

BASE_COLUMNS = ["doc_id", "type", "start", "end", "text"]


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def fact_rows(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """One flat dict per fact of each document."""
    for doc in docs:
        for fact in doc.facts:
            row = {"doc_id": doc.doc_id}
            for key, value in fact.model_dump(mode="json").items():
                row[key] = _cell(value)
            yield row


def facts_frame(docs: Iterable[Document]) -> pd.DataFrame:
    """A pandas DataFrame with one row per fact (columns: doc_id, type, start, end, text, then fields)."""
    import pandas as pd

    rows = list(fact_rows(docs))
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=BASE_COLUMNS)
    rest = [c for c in frame.columns if c not in BASE_COLUMNS]
    return frame[BASE_COLUMNS + rest]
