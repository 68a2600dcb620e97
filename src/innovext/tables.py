"""Flat tables of facts: one row per fact, for pandas, CSV and Parquet.

Lists (``titles``, ``aliases``, ``path``) are joined with ``、`` so every cell is a
scalar that Excel, CSV readers and Parquet all take as is.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .result import Document

__all__ = [
    "BASE_COLUMNS",
    "arrow_schema",
    "column_kinds",
    "fact_columns",
    "fact_rows",
    "facts_frame",
    "rows_frame",
    "typed_row",
]

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


# --- Fixed columns (CSV header, Parquet schema, Dask meta) -------------------
# A streamed CSV needs its header before the first fact and Dask needs ``meta``
# before any partition runs, so the columns are the union of every fact model's
# fields (in model order), derived from the pydantic models: a field added to a
# model becomes a column without touching this code.


def _kind(annotation: Any) -> str:
    """``int`` / ``float`` / ``bool`` / ``str`` for a field annotation (Optional and Annotated unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        kinds = {_kind(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else "str"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation in (Decimal, float):
        return "float"
    return "str"


@functools.cache
def column_kinds() -> dict[str, str]:
    """Every flat fact column -> ``int``/``float``/``bool``/``str`` (doc_id, type, start, end, text first)."""
    from .facts import FACT_TYPES

    kinds = {"doc_id": "str", "type": "str", "start": "int", "end": "int", "text": "str"}
    for model in FACT_TYPES.values():
        for name, info in model.model_fields.items():
            if name in kinds:
                continue
            kinds[name] = _kind(info.annotation)
    return kinds


def fact_columns() -> list[str]:
    """The fixed column order of CSV, Parquet and Dask outputs."""
    return list(column_kinds())


def _typed(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    if kind == "float":
        try:
            return float(value)
        except OverflowError:  # a 10^5-digit number: JSONL keeps it exactly, tables cannot
            return float("inf") if value > 0 else float("-inf")
    if kind == "int":
        return int(value)
    if kind == "bool":
        return bool(value)
    return str(value)


def typed_row(row: dict[str, Any]) -> dict[str, Any]:
    """A :func:`fact_rows` row over every fixed column, values cast to the column's kind."""
    kinds = column_kinds()
    return {c: _typed(row.get(c), k) for c, k in kinds.items()}


def arrow_schema() -> Any:
    """The pyarrow schema of the Parquet output (one row per fact)."""
    import pyarrow as pa

    types_ = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
    return pa.schema([(c, types_[k]) for c, k in column_kinds().items()])


def rows_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame with exactly the fixed columns and dtypes (nullable Int64/boolean, float64, string)."""
    import pandas as pd

    dtypes = {"int": "Int64", "float": "float64", "bool": "boolean", "str": "string"}
    kinds = column_kinds()
    typed = [typed_row(r) for r in rows]
    frame = pd.DataFrame(typed, columns=list(kinds))
    return frame.astype({c: dtypes[k] for c, k in kinds.items()})
