"""``innovext extract``: every input and output format, --jobs, errors file, encodings, kill and resume."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import innovext
from innovext.cli import app
from innovext.tables import fact_columns

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}

runner = CliRunner()


def _invoke(*args: str, input: bytes | str | None = None) -> tuple[int, bytes]:
    result = runner.invoke(app, ["extract", *args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _expected(doc_id: str, text: str) -> dict:
    return innovext.extract(text, doc_id=doc_id).to_record()


def _without_encoding(rec: dict) -> dict:
    rec = json.loads(json.dumps(rec))
    rec["metadata"]["encoding"] = None
    return rec


@pytest.fixture(scope="module")
def paragraphs() -> list[tuple[str, str]]:
    """The seeds split into paragraphs: many small documents with facts."""
    out = []
    for stem, text in SEED_TEXTS.items():
        for i, para in enumerate(p for p in text.split("\n") if len(p.strip()) > 20):
            out.append((f"{stem[:3]}-{i}", para))
    return out


# ---------------------------------------------------------------------------
# Inputs


def test_txt_files_jsonl_output_is_the_documents_record(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, _ = _invoke(*map(str, SEEDS), "-o", str(out), "--quiet")
    assert code == 0
    recs = _jsonl(out)
    assert [r["doc_id"] for r in recs] == [p.stem for p in SEEDS]
    for r in recs:
        assert r["metadata"]["encoding"] == "utf-8"
        assert _without_encoding(r) == _without_encoding(_expected(r["doc_id"], SEED_TEXTS[r["doc_id"]]))
    assert not (tmp_path / "out.errors.jsonl").exists()
    assert not (tmp_path / "out.jsonl.progress").exists()


def test_folder_recursive_and_glob(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text("新增企业5家。", encoding="utf-8")
    (docs / "sub" / "a.txt").write_text("新增企业6家。", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _invoke(str(docs), "-o", str(out))[0] == 0
    assert [r["doc_id"] for r in _jsonl(out)] == ["a", "sub/a"]
    assert _invoke(str(docs / "*.txt"), "-o", str(out))[0] == 0
    assert [r["doc_id"] for r in _jsonl(out)] == ["a"]


def test_stdin_text_and_jsonl_to_stdout() -> None:
    text = next(iter(SEED_TEXTS.values()))
    code, out = _invoke("-", input=text.encode("gbk", errors="ignore"))
    assert code == 0
    (rec,) = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert rec["doc_id"] == "stdin" and rec["metadata"]["encoding"] == "gb18030"
    lines = "".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in SEED_TEXTS.items())
    code, out = _invoke("-", "-o", "-", input=lines.encode("utf-8"))
    assert code == 0
    recs = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert [r["doc_id"] for r in recs] == list(SEED_TEXTS)


def test_jsonl_gz_csv_parquet_inputs_with_custom_fields(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    rows = [{"key": k, "body": v, "date": "2024-05-01"} for k, v in SEED_TEXTS.items()]
    gz = tmp_path / "in.jsonl.gz"
    gz.write_bytes(gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()))
    pd.DataFrame(rows).to_csv(tmp_path / "in.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "in.parquet")
    expected = [innovext.extract(r["body"], doc_id=r["key"], published="2024-05-01").to_record() for r in rows]
    for name in ["in.jsonl.gz", "in.csv", "in.parquet"]:
        out = tmp_path / f"{name}.out.jsonl"
        args = ["--text-field", "body", "--id-field", "key", "--published-field", "date"]
        code, _ = _invoke(str(tmp_path / name), "-o", str(out), *args)
        assert code == 0, name
        got = _jsonl(out)
        assert [_without_encoding(r) for r in got] == [_without_encoding(e) for e in expected], name
        assert all(r["metadata"]["published_used"] == "2024-05-01" for r in got)


# ---------------------------------------------------------------------------
# Outputs


def test_csv_output_has_bom_fixed_header_and_one_row_per_fact(tmp_path: Path) -> None:
    ref = tmp_path / "ref.jsonl"
    out = tmp_path / "out.csv"
    assert _invoke(*map(str, SEEDS), "-o", str(ref))[0] == 0
    assert _invoke(*map(str, SEEDS), "-o", str(out))[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert reader.fieldnames == fact_columns()
    rows = list(reader)
    facts = [(r["doc_id"], f) for r in _jsonl(ref) for f in r["facts"]]
    assert len(rows) == len(facts)
    for row, (doc_id, fact) in zip(rows, facts, strict=True):
        assert (row["doc_id"], row["type"], int(row["start"]), int(row["end"]), row["text"]) == (
            doc_id,
            fact["type"],
            fact["start"],
            fact["end"],
            fact["text"],
        )
        assert SEED_TEXTS[doc_id][int(row["start"]) : int(row["end"])] == row["text"]


def test_parquet_output_one_row_per_fact(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    ref = tmp_path / "ref.jsonl"
    out = tmp_path / "out.parquet"
    assert _invoke(*map(str, SEEDS), "-o", str(ref))[0] == 0
    assert _invoke(*map(str, SEEDS), "-o", str(out))[0] == 0
    frame = pd.read_parquet(out)
    assert list(frame.columns) == fact_columns()
    facts = [(r["doc_id"], f["type"], f["start"], f["end"], f["text"]) for r in _jsonl(ref) for f in r["facts"]]
    got = list(zip(frame["doc_id"], frame["type"], frame["start"], frame["end"], frame["text"], strict=True))
    assert got == facts
    assert not any(p.name != "out.parquet" and p.name.startswith("out.parquet") for p in tmp_path.iterdir())


def test_format_option_overrides_extension(tmp_path: Path) -> None:
    out = tmp_path / "out.dat"
    assert _invoke(str(SEEDS[0]), "-o", str(out), "--format", "csv")[0] == 0
    assert out.read_bytes().startswith(codecs.BOM_UTF8)


def test_jobs_2_gives_the_same_output_in_the_same_order(tmp_path: Path, paragraphs: list[tuple[str, str]]) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": t}, ensure_ascii=False) + "\n" for k, t in paragraphs[:60]))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert _invoke(str(src), "-o", str(one))[0] == 0
    assert _invoke(str(src), "-o", str(two), "--jobs", "2")[0] == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(_jsonl(two)) == 60


# ---------------------------------------------------------------------------
# Failures


def test_bad_document_in_the_middle_goes_to_the_errors_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"新增企业{i}家。"}, ensure_ascii=False) for i in range(5)]
    lines[2] = json.dumps({"id": "d2", "text": 42})  # not a text
    lines.insert(4, "{broken json")
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _ = _invoke(str(src), "-o", str(out))
    assert code == 1
    assert [r["doc_id"] for r in _jsonl(out)] == ["d0", "d1", "d3", "d4"]
    errors = _jsonl(tmp_path / "out.errors.jsonl")
    assert [e["doc_id"] for e in errors] == ["d2", "in:5"]
    assert all(set(e) == {"doc_id", "source", "reason"} and e["reason"] for e in errors)
    assert errors[1]["source"].endswith("in.jsonl:5")
    # a custom errors path
    custom = tmp_path / "bad.jsonl"
    assert _invoke(str(src), "-o", str(out), "--errors", str(custom))[0] == 1
    assert len(_jsonl(custom)) == 2


def test_mixed_encodings_folder_one_result_or_error_per_file(tmp_path: Path) -> None:
    text = SEED_TEXTS[SEEDS[0].stem]
    trad = "臺灣的科技產業發展迅速，新竹科學園區擁有許多半導體廠商，研發經費逐年增加百分之十二。"
    folder = tmp_path / "mixed"
    folder.mkdir()
    files = {
        "utf8": text.encode("utf-8"),
        "utf8bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "gbk": text.encode("gbk", errors="ignore"),
        "big5": trad.encode("big5"),
        "empty": b"",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "truncated": text.encode("utf-8")[:-1],
        "truncated_gbk": text.encode("gbk", errors="ignore")[:-1],
        "junk": b"\xff\xfe\xfd" * 300,
    }
    for name, data in files.items():
        (folder / f"{name}.txt").write_bytes(data)
    out = tmp_path / "out.jsonl"
    code, _ = _invoke(str(folder), "-o", str(out), "--jobs", "2")
    assert code == 1
    results = {r["doc_id"]: r for r in _jsonl(out)}
    errors = {e["doc_id"]: e for e in _jsonl(tmp_path / "out.errors.jsonl")}
    assert not set(results) & set(errors)
    assert sorted([*results, *errors]) == sorted(files)
    assert len(_jsonl(out)) == len(results)  # no duplicates
    assert set(errors) == {"binary", "junk"}
    enc = {k: r["metadata"]["encoding"] for k, r in results.items()}
    assert enc == {
        "utf8": "utf-8",
        "utf8bom": "utf-8-sig",
        "gbk": "gb18030",
        "big5": "big5",
        "empty": "utf-8",
        "truncated": "utf-8",
        "truncated_gbk": "gb18030",
    }
    assert results["empty"]["facts"] == [] and "empty" in results["empty"]["metadata"]["flags"]
    assert "truncated" in results["truncated"]["metadata"]["flags"]
    assert results["utf8"]["facts"] == results["utf8bom"]["facts"]
    gbk_text = text.encode("gbk", errors="ignore").decode("gbk")  # the seed has a few non-GBK characters
    assert results["gbk"]["facts"] == _expected("gbk", gbk_text)["facts"]
    assert results["big5"]["facts"] == _expected("big5", trad)["facts"]


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml"],
        ["--resume"],  # to stdout
        ["--format", "parquet"],  # to stdout
        ["--jobs", "0"],
        ["--input-format", "docx"],
    ],
)
def test_bad_options_exit_2(args: list[str]) -> None:
    assert _invoke(str(SEEDS[0]), *args)[0] == 2


def test_output_that_is_an_input_exits_2_and_missing_folders_are_made(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "新增企业5家。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    before = src.read_bytes()
    assert _invoke(str(src), "-o", str(src))[0] == 2
    assert src.read_bytes() == before
    assert _invoke(str(src), "-o", str(tmp_path / "new" / "dir" / "out.jsonl"))[0] == 0


def test_missing_input_exits_2(tmp_path: Path) -> None:
    assert _invoke(str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.jsonl"))[0] == 2
    assert _invoke(str(tmp_path / "*.nothing"))[0] == 2


def test_schema_command_prints_the_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == {"doc_id", "metadata", "facts"}


# ---------------------------------------------------------------------------
# Durability: SIGKILL mid-run, then --resume


def _corpus(tmp_path: Path, paragraphs: list[tuple[str, str]], n: int) -> Path:
    src = tmp_path / "corpus.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(n):
            key, text = paragraphs[i % len(paragraphs)]
            fh.write(json.dumps({"id": f"{i:05d}-{key}", "text": text}, ensure_ascii=False) + "\n")
    return src


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "innovext.cli", "extract", *args]


@pytest.mark.parametrize(("suffix", "jobs"), [("jsonl", "1"), ("parquet", "2")])
def test_killed_run_resumes_with_every_document_exactly_once(
    tmp_path: Path, paragraphs: list[tuple[str, str]], suffix: str, jobs: str
) -> None:
    n = 1200
    src = _corpus(tmp_path, paragraphs, n)
    ref = tmp_path / f"ref.{suffix}"
    first = subprocess.run(_cli(str(src), "-o", str(ref), "-q"), capture_output=True, text=True)
    assert first.returncode in (0, 1), first.stderr

    out = tmp_path / f"out.{suffix}"
    growing = tmp_path / ("out.parquet.spool.jsonl" if suffix == "parquet" else "out.jsonl")
    proc = subprocess.Popen(_cli(str(src), "-o", str(out), "-q", "--jobs", jobs))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if growing.exists() and growing.stat().st_size > 20_000:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run finished before it could be killed; use a bigger corpus"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert (tmp_path / f"out.{suffix}.progress").exists()
    # as if the kill had landed in the middle of a write
    with open(growing, "ab") as fh:
        fh.write(b'{"doc_id": "torn')

    done = subprocess.run(_cli(str(src), "-o", str(out), "--resume"), capture_output=True, text=True)
    assert done.returncode == first.returncode, done.stderr
    assert "done before the resume" in done.stderr
    ref_errors, out_errors = tmp_path / "ref.errors.jsonl", tmp_path / "out.errors.jsonl"
    assert ref_errors.exists() == out_errors.exists()
    if ref_errors.exists():  # documents some extractor fails on: reported once each, like the reference
        assert out_errors.read_bytes() == ref_errors.read_bytes()
    assert not (tmp_path / f"out.{suffix}.progress").exists()
    if suffix == "jsonl":
        ids = [r["doc_id"] for r in _jsonl(out)]
        assert len(ids) == len(set(ids)) == n
        assert out.read_bytes() == ref.read_bytes()
    else:
        pd = pytest.importorskip("pandas")
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(ref))


def test_resume_with_other_inputs_is_refused(tmp_path: Path, paragraphs: list[tuple[str, str]]) -> None:
    src = _corpus(tmp_path, paragraphs, 3)
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.progress").write_text(json.dumps({"version": 1, "inputs": ["other"]}) + "\n")
    out.write_text("")
    assert _invoke(str(src), "-o", str(out), "--resume")[0] == 2
    # without a progress file, --resume simply runs everything
    (tmp_path / "out.jsonl.progress").unlink()
    assert _invoke(str(src), "-o", str(out), "--resume")[0] == 0
    assert len(_jsonl(out)) == 3


# ---------------------------------------------------------------------------
# Documentation


def _section(doc: str, title: str) -> str:
    start = doc.index(title)
    nxt = doc.find("\n#", start + len(title))
    return doc[start : nxt if nxt != -1 else len(doc)]


def test_output_doc_lists_every_field() -> None:
    """docs/output.md has a table row for every field of every fact type and of the metadata."""
    from innovext.facts import FACT_TYPES, Fact
    from innovext.result import Metadata

    doc = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    missing = []
    for name in Metadata.model_fields:
        if f"| `{name}` |" not in _section(doc, "### metadata"):
            missing.append(f"metadata.{name}")
    common = _section(doc, "## Fact types")
    for name in Fact.model_fields:
        if f"| `{name}` |" not in common:
            missing.append(f"fact.{name}")
    for type_, model in FACT_TYPES.items():
        section = _section(doc, f"### {type_}")
        for name in model.model_fields:
            if name not in Fact.model_fields and f"| `{name}` |" not in section:
                missing.append(f"{type_}.{name}")
    assert not missing, f"docs/output.md lacks: {missing}"
    for column in fact_columns():
        assert f"`{column}`" in doc


def test_no_progress_bar_when_stderr_is_not_a_terminal_and_quiet_is_silent(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["extract", str(SEEDS[0]), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr.strip().startswith("1 documents, 0 failed")  # the summary line only, no bar
    result = runner.invoke(app, ["extract", str(SEEDS[0]), "-o", str(out), "--quiet"])
    assert result.exit_code == 0 and result.stderr == ""


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            _cli(str(SEEDS[0]), str(SEEDS[1]), "-o", str(tmp_path / "o.jsonl")),
            stderr=follower,
            stdout=subprocess.DEVNULL,
            timeout=300,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(leader)
    assert done.returncode == 0
    screen = b"".join(chunks).decode("utf-8", errors="replace")
    assert "docs/s" in screen and "2/2" in screen and "ETA" in screen


def test_timeout_sends_a_hanging_document_to_the_errors_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import innovext.pipeline as pipeline

    real = pipeline.extract

    def hang_on_slow(text: str, doc_id: str | None = None, published: object = None) -> innovext.Document:
        while "SLOW" in text:
            time.sleep(0.01)
        return real(text, doc_id=doc_id, published=published)

    monkeypatch.setattr(pipeline, "extract", hang_on_slow)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(["新增企业5家。", "SLOW", "又1家。"]))
    )
    out = tmp_path / "out.jsonl"
    assert _invoke(str(src), "-o", str(out), "--timeout", "0.5")[0] == 1
    assert [r["doc_id"] for r in _jsonl(out)] == ["0", "2"]
    (err,) = _jsonl(tmp_path / "out.errors.jsonl")
    assert err["doc_id"] == "1" and "longer than 0.5 s" in err["reason"]


class _Abort(BaseException):
    """Not an Exception: escapes the per-document handler like a kill would."""


def _interrupted_run(src: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import innovext.pipeline as pipeline

    real = pipeline.extract

    def die_on_third(text: str, doc_id: str | None = None, published: object = None) -> innovext.Document:
        if doc_id == "c":
            raise _Abort
        return real(text, doc_id=doc_id, published=published)

    with monkeypatch.context() as m:
        m.setattr(pipeline, "extract", die_on_third)
        with pytest.raises(_Abort):
            runner.invoke(app, ["extract", str(src), "-o", str(out)])


def test_resume_after_an_abort_and_refusal_when_inputs_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": k, "text": f"新增企业{i}家。"}, ensure_ascii=False) for i, k in enumerate("abcd")]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _interrupted_run(src, out, monkeypatch)
    assert [r["doc_id"] for r in _jsonl(out)] == ["a", "b"]
    assert _invoke(str(src), "-o", str(out), "--resume")[0] == 0
    assert [r["doc_id"] for r in _jsonl(out)] == ["a", "b", "c", "d"]

    _interrupted_run(src, out, monkeypatch)
    with open(src, "a", encoding="utf-8") as fh:  # the input changed since the interrupted run
        fh.write(json.dumps({"id": "e", "text": "又1家。"}, ensure_ascii=False) + "\n")
    assert _invoke(str(src), "-o", str(out), "--resume")[0] == 2
    assert _invoke(str(src), "-o", str(out))[0] == 0  # a fresh run is always possible
    assert [r["doc_id"] for r in _jsonl(out)] == ["a", "b", "c", "d", "e"]


def test_progress_file_is_compacted_and_still_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import innovext.batch as batch

    monkeypatch.setattr(batch, "_COMPACT_EVERY", 1)
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": k, "text": f"新增企业{i}家。"}, ensure_ascii=False) for i, k in enumerate("abcd")]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    _interrupted_run(src, out, monkeypatch)
    progress = (tmp_path / "out.jsonl.progress").read_text(encoding="utf-8").splitlines()
    assert len(progress) == 2 and json.loads(progress[1])["n"] == 2
    assert _invoke(str(src), "-o", str(out), "--resume")[0] == 0
    assert [r["doc_id"] for r in _jsonl(out)] == ["a", "b", "c", "d"]
