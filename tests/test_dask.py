"""Dask: extract_frame is the core unit; map_partitions on a 2-worker LocalCluster equals one process."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from innovext.dask import extract, extract_frame, meta  # noqa: E402
from innovext.tables import fact_columns  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    """The seeds split into paragraphs and sentences: a few hundred documents."""
    ids, texts = [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for i, para in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if len(para.strip()) < 8:
                continue
            for j, sentence in enumerate(s for s in para.split("。") if s.strip()):
                ids.append(f"{path.stem[:3]}-{i}-{j}")
                texts.append(sentence + "。")
    frame = pd.DataFrame({"id": ids, "text": texts, "date": "2024-06-30"})
    assert len(frame) >= 200
    return frame


def test_extract_frame_matches_the_documents_facts(documents: pd.DataFrame) -> None:
    import innovext

    sample = documents.head(40)
    frame = extract_frame(sample, published_field="date")
    assert list(frame.columns) == fact_columns()
    expected = [
        (doc_id, f.type, f.start, f.end, f.text)
        for doc_id, text in zip(sample["id"], sample["text"], strict=True)
        for f in innovext.extract(text, published="2024-06-30").facts
    ]
    got = list(zip(frame["doc_id"], frame["type"], frame["start"], frame["end"], frame["text"], strict=True))
    assert got == expected


def test_extract_frame_tolerates_missing_texts_and_ids() -> None:
    frame = extract_frame(pd.DataFrame({"text": ["新增企业5家。", None]}), id_field=None)
    assert set(frame["doc_id"]) <= {"0"}
    assert meta().dtypes.equals(frame.dtypes)


def test_local_cluster_equals_single_process(documents: pd.DataFrame) -> None:
    expected = extract_frame(documents, published_field="date")
    ddf = dd.from_pandas(documents, npartitions=6)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        facts = extract(ddf, published_field="date")
        assert list(facts.columns) == fact_columns()
        got = client.compute(facts).result()
        pids = client.run(os.getpid)
    assert len(pids) == 2
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    assert len(got) > 0


def _spark_available() -> bool:
    return shutil.which("java") is not None


@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
def test_spark_map_in_pandas_recipe(documents: pd.DataFrame) -> None:
    """The docs/scale-out.md recipe, run where pyspark and Java exist."""
    pyspark = pytest.importorskip("pyspark")
    if not _spark_available():
        pytest.skip("no java")
    from pyspark.sql import SparkSession

    from innovext.dask import extract_frame as core

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("innovext-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        schema = spark_schema()
        sdf = spark.createDataFrame(documents.head(60)[["id", "text"]]).repartition(2)

        def facts(batches):  # type: ignore[no-untyped-def]
            for pdf in batches:
                yield core(pdf).astype(object).where(lambda f: f.notna(), None)

        got = sdf.mapInPandas(facts, schema=schema).toPandas()
    finally:
        spark.stop()
    expected = extract_frame(documents.head(60))
    key = ["doc_id", "start", "end", "type", "text"]
    left = got[key].sort_values(key).reset_index(drop=True)
    right = expected[key].astype(object).sort_values(key).reset_index(drop=True)
    assert left.astype(str).equals(right.astype(str))
    assert pyspark.__version__


def spark_schema():  # type: ignore[no-untyped-def]
    from pyspark.sql import types as T

    from innovext.tables import column_kinds

    kinds = {"int": T.LongType(), "float": T.DoubleType(), "bool": T.BooleanType(), "str": T.StringType()}
    return T.StructType([T.StructField(c, kinds[k], True) for c, k in column_kinds().items()])
