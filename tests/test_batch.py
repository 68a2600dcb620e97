"""The Python batch API: innovext.extract_many (inputs, order, jobs, errors) and innovext.to_pandas."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import innovext
from innovext.batch import ordered_map
from innovext.tables import fact_columns, rows_frame

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def test_items_of_every_form_in_order() -> None:
    items = [
        TEXTS[0],
        {"text": TEXTS[1], "id": "b", "published": "2024-01-01"},
        {"text": TEXTS[2], "doc_id": "c"},
        ("d", TEXTS[3]),
        ("e", TEXTS[4], dt.date(2023, 5, 1)),
    ]
    docs = list(innovext.extract_many(items))
    assert [d.doc_id for d in docs] == ["0", "b", "c", "d", "e"]
    assert docs[1] == innovext.extract(TEXTS[1], doc_id="b", published="2024-01-01")
    assert docs[4].metadata.published_used == "2023-05-01"


def test_streams_lazily_from_a_generator() -> None:
    seen = []

    def gen():  # type: ignore[no-untyped-def]
        for i, t in enumerate(TEXTS):
            seen.append(i)
            yield t

    it = innovext.extract_many(gen())
    first = next(it)
    assert first.doc_id == "0"
    assert len(seen) < len(TEXTS)  # not everything was consumed up front


def test_jobs_2_equals_jobs_1() -> None:
    paragraphs = [p for t in TEXTS for p in t.split("\n") if len(p) > 20]
    one = list(innovext.extract_many(paragraphs, jobs=1))
    two = list(innovext.extract_many(paragraphs, jobs=2))
    assert [d.to_record() for d in one] == [d.to_record() for d in two]


def test_bad_items() -> None:
    with pytest.raises(TypeError):
        list(innovext.extract_many([b"bytes"]))
    with pytest.raises(TypeError):
        list(innovext.extract_many([{"id": 1}]))
    with pytest.raises(ValueError):
        list(innovext.extract_many(["x"], on_error="ignore"))


def test_failures_raise_or_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    import innovext.pipeline as pipeline

    real = pipeline.extract

    def flaky(text: str, doc_id: str | None = None, published: object = None) -> innovext.Document:
        if "BOOM" in text:
            raise RuntimeError("boom")
        return real(text, doc_id=doc_id, published=published)

    monkeypatch.setattr(pipeline, "extract", flaky)
    items = ["新增企业5家。", "BOOM", "新增企业6家。"]
    with pytest.raises(RuntimeError, match="'1' failed"):
        list(innovext.extract_many(items))
    assert [d.doc_id for d in innovext.extract_many(items, on_error="skip")] == ["0", "2"]


def test_to_pandas_one_row_per_fact() -> None:
    pytest.importorskip("pandas")
    docs = list(innovext.extract_many(TEXTS))
    frame = innovext.to_pandas(docs)
    assert len(frame) == sum(len(d.facts) for d in docs)
    assert list(frame.columns[:5]) == ["doc_id", "type", "start", "end", "text"]
    one = docs[0].to_pandas()
    assert len(one) == len(docs[0].facts)


def test_rows_frame_has_fixed_columns_even_when_empty() -> None:
    pytest.importorskip("pandas")
    assert list(rows_frame([]).columns) == fact_columns()


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_with_a_bounded_window() -> None:
    assert list(ordered_map(_square, range(50), jobs=2, window=3)) == [x * x for x in range(50)]


def _die_on_7(x: int) -> int:
    if x == 7:
        os._exit(3)  # a worker killed mid-task (segfault, OOM killer)
    return x * x


def test_a_dying_worker_costs_only_its_own_items() -> None:
    got = list(ordered_map(_die_on_7, range(20), jobs=2, window=4, on_broken=lambda x: ("rescued", x)))
    assert len(got) == 20
    assert got[7] == ("rescued", 7)
    for x, value in enumerate(got):
        # items in flight when the pool broke may be rescued too; the rescue must compute them properly
        assert value in (x * x, ("rescued", x))
    assert got[-1] == 19 * 19  # the run went on after the crash with a fresh pool


def test_a_document_over_the_time_limit_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import innovext.pipeline as pipeline

    real = pipeline.extract

    def slow(text: str, doc_id: str | None = None, published: object = None) -> innovext.Document:
        if "SLOW" in text:
            while True:  # a pure-Python hang
                time.sleep(0.01)
        return real(text, doc_id=doc_id, published=published)

    monkeypatch.setattr(pipeline, "extract", slow)
    started = time.perf_counter()
    docs = list(innovext.extract_many(["新增企业5家。", "SLOW", "新增企业6家。"], on_error="skip", timeout=0.5))
    assert [d.doc_id for d in docs] == ["0", "2"]
    assert time.perf_counter() - started < 30
    with pytest.raises(RuntimeError, match=r"longer than 0\.5 s"):
        list(innovext.extract_many(["SLOW"], timeout=0.5))
