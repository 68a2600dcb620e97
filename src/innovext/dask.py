"""Beyond one machine: documents DataFrame -> facts DataFrame, for Dask (and Spark, see docs/scale-out.md).

The core unit is :func:`extract_frame`, a plain function from a pandas
DataFrame of documents to a pandas DataFrame of facts (one row per fact, the
fixed columns of :func:`innovext.tables.fact_columns`, the same as the CSV and
Parquet outputs). It holds no state: the pipeline is built lazily on the first
document a process sees and cached for the life of that process (a Dask
worker, a Spark executor's Python worker), so nothing heavy is pickled and
shipped to the cluster.

:func:`extract` runs it over a ``dask.dataframe`` with ``map_partitions`` and an
explicit ``meta`` (the empty typed frame), so Dask never runs the pipeline on
fake data to guess the output schema.

Requires the ``dask`` extra (``pip install 'innovext[dask]'``); the rest of
innovext imports without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["extract", "extract_frame", "meta"]


def meta() -> pd.DataFrame:
    """The empty facts frame with the output columns and dtypes (Dask ``meta``, Spark schema source)."""
    from .tables import rows_frame

    return rows_frame([])


def extract_frame(
    pdf: pd.DataFrame,
    text_field: str = "text",
    id_field: str | None = "id",
    published_field: str | None = None,
) -> pd.DataFrame:
    """Facts of every document of ``pdf``, one row per fact, in document order.

    Args:
        pdf: one document per row.
        text_field: the column with the text (non-strings, e.g. missing values, are skipped).
        id_field: the column with document ids (``None``, or absent: the row index is used).
        published_field: optional publication-date column (resolves 去年, 今年以来…).

    A document the pipeline fails on is skipped (logged), so one bad row never
    fails a partition; use ``innovext extract`` for an errors file.
    """
    import logging

    from .batch import process_doc
    from .readers import InputDoc
    from .tables import rows_frame

    log = logging.getLogger(__name__)
    rows: list[dict[str, Any]] = []
    texts = pdf[text_field].tolist()
    ids = pdf[id_field].tolist() if id_field and id_field in pdf.columns else [str(i) for i in pdf.index]
    dates = pdf[published_field].tolist() if published_field else [None] * len(texts)
    for doc_id, text, published in zip(ids, texts, dates, strict=True):
        if not isinstance(text, str):
            continue
        published = None if _is_missing(published) else published
        outcome = process_doc(InputDoc(str(doc_id), "dataframe", text=text, published=published), "rows")
        if outcome.error is not None:
            log.warning("innovext: document %r failed: %s", doc_id, outcome.error)
            continue
        rows.extend(outcome.payload)
    return rows_frame(rows)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def extract(
    ddf: dd.DataFrame,
    text_field: str = "text",
    id_field: str | None = "id",
    published_field: str | None = None,
) -> dd.DataFrame:
    """Facts of a Dask DataFrame of documents: :func:`extract_frame` on every partition.

    >>> import dask.dataframe as dd, pandas as pd  # doctest: +SKIP
    >>> docs = dd.from_pandas(pd.DataFrame({"id": ["a"], "text": ["新增企业5家。"]}), npartitions=1)
    >>> extract(docs).compute()[["doc_id", "type", "text"]]  # doctest: +SKIP
    """
    return ddf.map_partitions(
        extract_frame,
        text_field=text_field,
        id_field=id_field,
        published_field=published_field,
        meta=meta(),
        align_dataframes=False,
    )
