"""Input reading: encodings (UTF-8/BOM, GBK, Big5, UTF-16), empty, binary, truncated; file enumeration."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest

from innovext.readers import (
    BadInput,
    UndecodableError,
    decode_bytes,
    detect_format,
    expand_inputs,
    iter_documents,
)

SIMPLIFIED = "穆棱市高新技术企业从3家增长到27家，科技型中小企业达到56家，研发投入增长百分之十二。"
TRADITIONAL = "臺灣的科技產業發展迅速，新竹科學園區擁有許多半導體廠商，研發經費逐年增加。"

# fmt: off
DECODE_CASES = [
    (SIMPLIFIED.encode("utf-8"), "utf-8", SIMPLIFIED, ()),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig", SIMPLIFIED, ()),
    (SIMPLIFIED.encode("gbk"), "gb18030", SIMPLIFIED, ()),
    (SIMPLIFIED.encode("gb18030"), "gb18030", SIMPLIFIED, ()),
    (TRADITIONAL.encode("big5"), "big5", TRADITIONAL, ()),
    (SIMPLIFIED.encode("utf-16"), "utf-16", SIMPLIFIED, ()),
    (b"", "utf-8", "", ("empty",)),
    (codecs.BOM_UTF8, "utf-8", "", ("empty",)),
    # a multibyte character cut at the end of the file: dropped and flagged
    (SIMPLIFIED.encode("utf-8")[:-1], "utf-8", SIMPLIFIED[:-1], ("truncated",)),
    (SIMPLIFIED.encode("utf-8")[:-2], "utf-8", SIMPLIFIED[:-1], ("truncated",)),
    (SIMPLIFIED.encode("gbk")[:-1], "gb18030", SIMPLIFIED[:-1], ("truncated",)),
    (TRADITIONAL.encode("big5")[:-1], "big5", TRADITIONAL[:-1], ("truncated",)),
]
# fmt: on


@pytest.mark.parametrize(("data", "encoding", "text", "flags"), DECODE_CASES)
def test_decode_bytes(data: bytes, encoding: str, text: str, flags: tuple[str, ...]) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.flags == flags


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # NUL bytes
        bytes(range(1, 32)) * 50,  # control characters only
        b"\xff\xfe\xfd\xfc" * 100 + b"abc",  # invalid in UTF-8, GB18030 and Big5 alike
    ],
)
def test_binary_or_undecodable_is_an_error_with_a_reason(data: bytes) -> None:
    with pytest.raises(UndecodableError) as err:
        decode_bytes(data)
    assert str(err.value)


def test_invalid_byte_at_end_is_not_mistaken_for_truncation() -> None:
    # 0xff is never valid; only a cut multibyte sequence counts as truncation.
    decoded_or_error: object
    try:
        decoded_or_error = decode_bytes(SIMPLIFIED.encode("utf-8") + b"\xff")
    except UndecodableError as exc:
        decoded_or_error = exc
    assert not (hasattr(decoded_or_error, "flags") and "truncated" in decoded_or_error.flags)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("a.jsonl", "jsonl"), ("a.JSONL.gz", "jsonl"), ("a.csv", "csv"), ("a.parquet", "parquet")],
)
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(name) == fmt


def test_folder_ids_are_unique_stable_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    for rel in ["x.txt", "b/x.txt", "a/deep/x.txt", "a/y.txt", ".hidden.txt", "notes.md"]:
        (tmp_path / rel).write_text("文本", encoding="utf-8")
    specs = expand_inputs([str(tmp_path)])
    assert [s.name for s in specs] == ["a/deep/x", "a/y", "b/x", "x"]
    # same ids whatever the current directory: they are relative to the folder given
    assert [s.name for s in expand_inputs([str(tmp_path)])] == [s.name for s in specs]


def test_a_file_reached_twice_is_read_once_and_same_stems_get_distinct_ids(tmp_path: Path) -> None:
    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    (tmp_path / "d1" / "x.txt").write_text("一", encoding="utf-8")
    (tmp_path / "d2" / "x.txt").write_text("二", encoding="utf-8")
    specs = expand_inputs([str(tmp_path / "d1" / "x.txt"), str(tmp_path / "d1"), str(tmp_path / "d2" / "x.txt")])
    assert len(specs) == 2
    assert len({s.name for s in specs}) == 2


def test_globs_and_missing_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一", encoding="utf-8")
    (tmp_path / "b.txt").write_text("二", encoding="utf-8")
    assert [s.name for s in expand_inputs([str(tmp_path / "*.txt")])] == ["a", "b"]
    with pytest.raises(BadInput):
        expand_inputs([str(tmp_path / "*.nothing")])
    with pytest.raises(BadInput):
        expand_inputs([str(tmp_path / "missing.txt")])
    with pytest.raises(BadInput):
        expand_inputs([str(tmp_path)], input_format="docx")


def test_jsonl_records_bad_lines_become_error_documents(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    lines = [
        json.dumps({"id": "x1", "text": "一", "date": "2024-01-02"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x3"}),
        "",
        json.dumps({"text": "四"}, ensure_ascii=False),
    ]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    docs = list(iter_documents(expand_inputs([str(path)]), published_field="date"))
    assert [d.doc_id for d in docs] == ["x1", "c:2", "x3", "c:5"]
    assert [d.error is None for d in docs] == [True, False, False, True]
    assert docs[0].published == "2024-01-02"
    assert docs[1].source.endswith(":2")


def test_csv_in_gbk_with_custom_fields(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes('编号,正文\nk1,新增企业5家\nk2,"含,逗号\n和换行"\n'.encode("gbk"))
    docs = list(iter_documents(expand_inputs([str(path)]), text_field="正文", id_field="编号"))
    assert [(d.doc_id, d.text) for d in docs] == [("k1", "新增企业5家"), ("k2", "含,逗号\n和换行")]
    with pytest.raises(BadInput):
        list(iter_documents(expand_inputs([str(path)]), text_field="missing"))


def test_parquet_records(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    path = tmp_path / "p.parquet"
    pd.DataFrame({"doc": ["a", "b"], "body": ["一", "二"]}).to_parquet(path)
    docs = list(iter_documents(expand_inputs([str(path)]), text_field="body", id_field="doc"))
    assert [(d.doc_id, d.text) for d in docs] == [("a", "一"), ("b", "二")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk"])
def test_csv_is_streamed_in_its_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "t.csv"
    rows = "".join(f"r{i},第{i}条新闻：新增企业{i}家\n" for i in range(3000))
    path.write_bytes(("id,text\n" + rows).encode(encoding))
    docs = list(iter_documents(expand_inputs([str(path)])))
    assert len(docs) == 3000
    assert docs[-1].doc_id == "r2999" and docs[-1].text == "第2999条新闻：新增企业2999家"
    assert all(d.error is None for d in docs)


def test_csv_with_a_bad_byte_late_keeps_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    good = "".join(f"r{i},新增企业{i}家\n" for i in range(30000)).encode("utf-8")  # > 256 KiB
    path.write_bytes(b"id,text\n" + good + b"bad,\xff\xfe\n")
    docs = list(iter_documents(expand_inputs([str(path)])))
    assert sum(d.error is None for d in docs) >= 29000
    assert docs[-1].error is not None and "skipped" in docs[-1].error


def test_truncated_gzip_keeps_the_lines_before_and_ends_with_an_error(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"x{i}", "text": f"新增企业{i}家。" * 20}, ensure_ascii=False) + "\n" for i in range(400)
    )
    data = gzip.compress(lines.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    docs = list(iter_documents(expand_inputs([str(path)])))
    good = [d for d in docs if d.error is None]
    assert len(good) > 100
    assert [d.doc_id for d in good] == [f"x{i}" for i in range(len(good))]
    assert docs[-1].error is not None
    assert len(docs) <= 402  # the good lines, maybe one cut line, one error for the rest


# ---------------------------------------------------------------------------
# Property tests: any bytes -> a text or an UndecodableError, never anything else

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_fail_with_a_reason(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except UndecodableError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str)
        assert decoded.encoding in {"utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200))
def test_utf8_text_round_trips(text: str) -> None:
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == text.lstrip("\ufeff") or decoded.text == text
    assert decoded.encoding in {"utf-8", "utf-8-sig"}
