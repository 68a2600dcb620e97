"""Many documents: the ordered worker pool, :func:`extract_many` and the durable batch run.

Parallelism
    ``jobs > 1`` uses a ``spawn`` process pool (safe on every platform and with
    threads in the parent); each worker builds the pipeline once, on its first
    document (the pipeline is lazy and cached per process), and is warmed by an
    initializer. Documents are sent in small chunks and at most ``4 × jobs``
    chunks are in flight, so memory stays bounded however long the input is,
    and results are yielded **in input order**.

Durability (``innovext extract --resume``)
    Output is append-only and flushed after every document. Next to it a
    progress file ``OUT.progress`` records, after each document, how many input
    documents are done and the byte sizes of the output (and errors) file at
    that point. Inputs are enumerated in a deterministic order, so on
    ``--resume`` the run truncates the output and errors files back to the last
    recorded sizes (dropping a partly written line or a document written after
    its last checkpoint), skips the documents already done and appends the
    rest: every document exactly once, even after ``SIGKILL``. Every 10 000
    documents the progress file is compacted to its header and last checkpoint
    (atomic rename), so it stays small on corpora of any size. The progress
    file starts with a header of the run's inputs and options; resuming with
    different ones is refused. It is removed when the run completes.
    Parquet cannot be appended to, so its rows are spooled to
    ``OUT.spool.jsonl`` (durable as above) and converted to Parquet at the end
    with an atomic rename.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .readers import InputDoc, UndecodableError, read_text_file

__all__ = ["OUTPUT_FORMATS", "BatchStats", "Outcome", "extract_many", "ordered_map", "process_doc", "run_batch"]

#: Output formats of ``innovext extract``.
OUTPUT_FORMATS = ("jsonl", "csv", "parquet")

_CHUNK_DOCS = 16
_CHUNK_CHARS = 100_000


@dataclass
class Outcome:
    """What became of one input document: a payload for the writer, or an error reason."""

    doc_id: str | None
    source: str | None
    payload: Any = None
    error: str | None = None


# ---------------------------------------------------------------------------
# Worker side


def _warm() -> None:
    """Pool initializer: build the pipeline once per worker before the first document arrives."""
    from .pipeline import extractors

    extractors()


def _load(doc: InputDoc) -> tuple[str, str | None, list[str]]:
    """The text of an input document (reading and decoding the file when it is a path)."""
    if doc.text is not None:
        return doc.text, doc.encoding, list(doc.flags)
    assert doc.path is not None
    decoded = read_text_file(doc.path)
    return decoded.text, decoded.encoding, list(decoded.flags)


def _published(value: Any) -> tuple[Any, str | None]:
    """A publication date the pipeline can use, or None and a flag (a bad date must not lose the document)."""
    if value is None or value == "":
        return None, None
    from .pipeline import _parse_published

    try:
        _parse_published(value)
    except (ValueError, TypeError):
        return None, f"unreadable published value {str(value)[:40]!r}"
    return value, None


class DocumentTimeout(Exception):
    """A document took longer than the per-document time limit."""


@contextlib.contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` (SIGALRM; main thread on Unix only).

    Worker processes and the serial CLI run documents in their main thread, so
    the limit applies there; elsewhere (threads, Windows) it is silently off.
    """
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expired(_signum: int, _frame: Any) -> None:
        raise DocumentTimeout(f"document took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_doc(doc: InputDoc, form: str = "document", timeout: float | None = None) -> Outcome:
    """Extract one input document; never raises (a failure is an :class:`Outcome` with ``error``).

    ``form`` is what the payload is: ``document`` (a :class:`~innovext.result.Document`),
    ``jsonl`` (its JSON line), or ``rows`` (flat fact rows for CSV/Parquet).
    ``timeout`` (seconds) turns a document that runs too long into an error.
    """
    from .pipeline import extract

    if doc.error is not None:
        return Outcome(doc.doc_id, doc.source, error=doc.error)
    try:
        text, encoding, flags = _load(doc)
        published, flag = _published(doc.published)
        if flag:
            flags.append(flag)
        with _deadline(timeout):
            result = extract(text, doc_id=doc.doc_id, published=published)
        if encoding is not None:
            result.metadata.encoding = encoding
        result.metadata.flags.extend(flags)
    except UndecodableError as exc:
        return Outcome(doc.doc_id, doc.source, error=str(exc))
    except Exception as exc:  # one bad document never stops the batch
        return Outcome(doc.doc_id, doc.source, error=f"{type(exc).__name__}: {exc}")
    if form == "jsonl":
        return Outcome(doc.doc_id, doc.source, payload=result.to_json())
    if form == "rows":
        from .tables import fact_rows

        return Outcome(doc.doc_id, doc.source, payload=list(fact_rows([result])))
    return Outcome(doc.doc_id, doc.source, payload=result)


def _process_chunk(chunk: list[InputDoc], form: str, timeout: float | None = None) -> list[Outcome]:
    return [process_doc(d, form, timeout) for d in chunk]


# ---------------------------------------------------------------------------
# Ordered pool


def _chunks(docs: Iterable[InputDoc], jobs: int) -> Iterator[list[InputDoc]]:
    """Small chunks (fewer IPC round trips), one document each when there is little to share."""
    limit = 1 if jobs <= 1 else _CHUNK_DOCS
    chunk: list[InputDoc] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text) if doc.text is not None else 20_000
        if len(chunk) >= limit or size >= _CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def ordered_map(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    jobs: int,
    window: int | None = None,
    on_broken: Callable[[Any], Any] | None = None,
) -> Iterator[Any]:
    """``map(func, items)`` over ``jobs`` spawn processes, in order, with at most ``window`` items in flight.

    ``func`` must be picklable (a module-level function or a ``functools.partial`` of one).
    When a worker process dies (segfault, OOM killer, ``os._exit`` in a C extension)
    the pool is broken: the item being waited for is handed to ``on_broken(item)``
    (which returns its result, e.g. error outcomes, or raises), a fresh pool is
    started and the items that were in flight are resubmitted, so one lethal
    input costs its own result only.
    """
    if jobs <= 1:
        _warm()
        yield from map(func, items)
        return
    window = window or 4 * jobs
    ctx = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_warm)

    pool = new_pool()
    pending: deque[tuple[Future[Any], Any]] = deque()

    def recover() -> None:
        """Replace a broken pool; resubmit every in-flight item that has no result yet."""
        nonlocal pool
        pool.shutdown(wait=False, cancel_futures=True)
        pool = new_pool()
        for i, (fut, it) in enumerate(pending):
            if not (fut.done() and not fut.cancelled() and fut.exception() is None):
                pending[i] = (pool.submit(func, it), it)

    def submit(item: Any) -> None:
        try:
            pending.append((pool.submit(func, item), item))
        except BrokenProcessPool:
            if on_broken is None:
                raise
            recover()
            pending.append((pool.submit(func, item), item))

    def head() -> Any:
        fut, item = pending.popleft()
        try:
            return fut.result()
        except BrokenProcessPool:
            if on_broken is None:
                raise
            recover()
            return on_broken(item)

    try:
        for item in items:
            submit(item)
            if len(pending) >= window:
                yield head()
        while pending:
            yield head()
    finally:
        for fut, _ in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(chunk: list[InputDoc], form: str, timeout: float | None = None) -> list[Outcome]:
    """Re-run a chunk whose worker died, one document per fresh process: only the lethal one fails."""
    ctx = multiprocessing.get_context("spawn")
    out = []
    for doc in chunk:
        with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as solo:
            try:
                out.append(solo.submit(process_doc, doc, form, timeout).result())
            except BrokenProcessPool:
                out.append(Outcome(doc.doc_id, doc.source, error="worker process died on this document"))
    return out


def _iter_outcomes(docs: Iterable[InputDoc], jobs: int, form: str, timeout: float | None = None) -> Iterator[Outcome]:
    import functools

    work = functools.partial(_process_chunk, form=form, timeout=timeout)
    # Small chunks keep the pool busy; a 1-document chunk in serial mode keeps memory flat.
    chunks = _chunks(docs, jobs if jobs > 1 else 1)
    rescue = functools.partial(_isolated, form=form, timeout=timeout)
    for outcomes in ordered_map(work, chunks, jobs, on_broken=rescue):
        yield from outcomes


# ---------------------------------------------------------------------------
# Python API


def _as_input(item: Any, index: int) -> InputDoc:
    """str, dict with text/id/published (or doc_id), or (id, text[, published]) tuple -> InputDoc."""
    if isinstance(item, str):
        return InputDoc(str(index), f"item {index}", text=item)
    if isinstance(item, dict):
        text = item.get("text")
        raw_id = item.get("id", item.get("doc_id"))
        doc_id = str(index) if raw_id is None else str(raw_id)
        if not isinstance(text, str):
            raise TypeError(f"item {index}: 'text' must be a str, not {type(text).__name__}")
        return InputDoc(doc_id, f"item {index}", text=text, published=item.get("published"))
    if isinstance(item, tuple) and len(item) in (2, 3):
        doc_id, text = item[0], item[1]
        if not isinstance(text, str):
            raise TypeError(f"item {index}: text must be a str, not {type(text).__name__}")
        published = item[2] if len(item) == 3 else None
        return InputDoc(str(doc_id), f"item {index}", text=text, published=published)
    raise TypeError(f"item {index}: expected str, dict or (id, text) tuple, not {type(item).__name__}")


def extract_many(
    items: Iterable[Any], jobs: int = 1, *, on_error: str = "raise", timeout: float | None = None
) -> Iterator[Any]:
    """Stream :class:`~innovext.result.Document` results for many texts, in input order.

    Args:
        items: ``str`` texts (doc_id = position), dicts with ``text`` and optional
            ``id``/``published``, or ``(id, text)`` / ``(id, text, published)`` tuples.
            Consumed lazily: a generator over a huge corpus is fine.
        jobs: worker processes (``spawn``; call from under ``if __name__ == "__main__":``
            in scripts). Each builds the pipeline once.
        on_error: ``"raise"`` (default) re-raises the first failure as ``RuntimeError``,
            ``"skip"`` drops failed documents.
        timeout: seconds allowed per document (a longer one fails); None = no limit.

    >>> [d.doc_id for d in extract_many(["一", ("b", "二")])]
    ['0', 'b']
    """
    if on_error not in ("raise", "skip"):
        raise ValueError("on_error must be 'raise' or 'skip'")
    inputs = (_as_input(item, i) for i, item in enumerate(items))
    for outcome in _iter_outcomes(inputs, jobs, "document", timeout):
        if outcome.error is not None:
            if on_error == "raise":
                raise RuntimeError(f"document {outcome.doc_id!r} failed: {outcome.error}")
            continue
        yield outcome.payload


# ---------------------------------------------------------------------------
# Writers: bytes appended to a file, so sizes are exact checkpoints


class _Writer:
    """Turns outcomes into bytes appended to the output file."""

    form = "jsonl"

    def header(self) -> bytes:
        return b""

    def encode(self, payload: Any) -> bytes:
        raise NotImplementedError

    def finish(self, path: Path | None, final: Path | None) -> None:
        """Called once every document is written (Parquet converts its spool here)."""


class _JsonlWriter(_Writer):
    form = "jsonl"

    def encode(self, payload: Any) -> bytes:
        return (payload + "\n").encode("utf-8")


class _CsvWriter(_Writer):
    """UTF-8 with BOM (so Excel shows Chinese), one row per fact, fixed columns from the models."""

    form = "rows"

    def __init__(self) -> None:
        from .tables import fact_columns

        self.columns = fact_columns()

    def _rows(self, rows: list[dict[str, Any]]) -> bytes:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=self.columns, extrasaction="ignore", lineterminator="\r\n")
        w.writerows(rows)
        return buf.getvalue().encode("utf-8")

    def header(self) -> bytes:
        return b"\xef\xbb\xbf" + self._rows([dict(zip(self.columns, self.columns, strict=True))])

    def encode(self, payload: Any) -> bytes:
        return self._rows(payload)


class _ParquetSpoolWriter(_Writer):
    """Rows spooled as JSON lines, converted to Parquet (fixed schema) at the end, atomically."""

    form = "rows"

    def __init__(self) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:  # pragma: no cover - optional extra
            raise RuntimeError("writing Parquet needs pyarrow: pip install 'innovext[parquet]'") from None

    def encode(self, payload: Any) -> bytes:
        return b"".join((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8") for r in payload)

    def finish(self, path: Path | None, final: Path | None) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .tables import arrow_schema, typed_row

        assert path is not None and final is not None
        schema = arrow_schema()
        tmp = final.with_name(final.name + ".tmp")
        with pq.ParquetWriter(tmp, schema) as writer, open(path, encoding="utf-8") as fh:
            batch: list[dict[str, Any]] = []
            for line in fh:
                batch.append(typed_row(json.loads(line)))
                if len(batch) >= 10_000:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch = []
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        os.replace(tmp, final)


def _writer(fmt: str) -> _Writer:
    return {"jsonl": _JsonlWriter, "csv": _CsvWriter, "parquet": _ParquetSpoolWriter}[fmt]()


# ---------------------------------------------------------------------------
# The durable run


@dataclass
class BatchStats:
    """Counts of a batch run (including documents done before a resume)."""

    done: int = 0
    failed: int = 0
    skipped: int = 0  # done by the interrupted run, not redone


class ResumeMismatch(ValueError):
    """``--resume`` with inputs or options that differ from the interrupted run."""


def _read_progress(path: Path) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Header and last complete checkpoint of a progress file (a torn last line is ignored)."""
    header = last = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                break
            if header is None:
                header = rec
            else:
                last = rec
    return header, last


_COMPACT_EVERY = 10_000


def _compact_progress(path: Path, key: dict[str, Any], checkpoint: dict[str, Any]) -> None:
    """Rewrite the progress file as header + last checkpoint, atomically (a kill leaves the old one)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(key, ensure_ascii=False) + "\n")
        fh.write(json.dumps(checkpoint) + "\n")
    os.replace(tmp, path)


def _truncate(path: Path, size: int) -> None:
    if path.exists():
        with open(path, "r+b") as fh:
            fh.truncate(size)


def run_batch(
    docs: Iterable[InputDoc],
    output: Path | None,
    fmt: str,
    *,
    jobs: int = 1,
    errors: Path | None = None,
    resume: bool = False,
    run_key: dict[str, Any] | None = None,
    stdout: IO[bytes] | None = None,
    stderr_errors: IO[str] | None = None,
    on_progress: Callable[[int], None] | None = None,
    timeout: float | None = None,
) -> BatchStats:
    """Extract every document and write results durably (see the module docstring).

    Args:
        docs: the input documents, in a deterministic order (resume relies on it).
        output: the output file, or None for ``stdout`` (no resume then).
        fmt: ``jsonl``, ``csv`` or ``parquet``.
        errors: the errors file (JSONL of ``doc_id``, ``source``, ``reason``); None
            writes error lines to ``stderr_errors``.
        resume: continue an interrupted run from its progress file.
        run_key: what identifies the run (inputs, options), stored in the progress file.
        on_progress: called with the number of documents finished (for a progress bar).
        timeout: seconds allowed per document; a longer one becomes an error record.
    """
    writer = _writer(fmt)
    stats = BatchStats()
    key = {"version": 1, "format": fmt, **(run_key or {})}
    if output is None:
        if fmt == "parquet":
            raise ValueError("Parquet output needs a file (-o OUT.parquet)")
        out_path = progress_path = None
    else:
        out_path = output.with_name(output.name + ".spool.jsonl") if fmt == "parquet" else output
        progress_path = output.with_name(output.name + ".progress")

    start_n = 0
    if out_path is not None and progress_path is not None:
        header = last = None
        if resume and progress_path.exists():
            header, last = _read_progress(progress_path)
            if header is not None and header != key:
                raise ResumeMismatch(
                    f"{progress_path} was written by a run with other inputs or options; "
                    "rerun without --resume to start over"
                )
        if header is not None and last is None:  # torn right after the header: nothing was done
            last = {"n": 0, "failed": 0, "out": len(writer.header()), "err": 0}
        if header is None:  # a fresh run (or nothing to resume): start clean
            for p in (out_path, progress_path, errors):
                if p is not None and p.exists():
                    p.unlink()
            out_path.write_bytes(writer.header())
            with open(progress_path, "w", encoding="utf-8") as fh:
                fh.write(json.dumps(key, ensure_ascii=False) + "\n")
                fh.write(json.dumps({"n": 0, "failed": 0, "out": out_path.stat().st_size, "err": 0}) + "\n")
            last = {"n": 0, "failed": 0, "out": out_path.stat().st_size, "err": 0}
        assert last is not None
        _truncate(out_path, int(last["out"]))
        if errors is not None:
            _truncate(errors, int(last.get("err", 0)))
        start_n = int(last["n"])
        stats.failed = int(last.get("failed", 0))
        stats.done = stats.skipped = start_n

    out_fh: IO[bytes]
    if out_path is None:
        if errors is not None and errors.exists():  # no resume to stdout: a run starts clean
            errors.unlink()
        out_fh = stdout if stdout is not None else _stdout_bytes()
        out_fh.write(writer.header())
    else:
        out_fh = open(out_path, "ab")
    prog_fh = open(progress_path, "a", encoding="utf-8") if progress_path is not None else None
    err_fh: IO[bytes] | None = None

    def remaining() -> Iterator[InputDoc]:
        for i, doc in enumerate(docs):
            if i >= start_n:
                yield doc

    checkpoints = 0
    try:
        for outcome in _iter_outcomes(remaining(), jobs, writer.form, timeout):
            if outcome.error is None:
                out_fh.write(writer.encode(outcome.payload))
                out_fh.flush()
            else:
                stats.failed += 1
                line = json.dumps(
                    {"doc_id": outcome.doc_id, "source": outcome.source, "reason": outcome.error}, ensure_ascii=False
                )
                if errors is not None:
                    if err_fh is None:
                        err_fh = open(errors, "ab")
                    err_fh.write((line + "\n").encode("utf-8"))
                    err_fh.flush()
                else:
                    (stderr_errors or _stderr()).write(line + "\n")
            stats.done += 1
            if prog_fh is not None and out_path is not None and progress_path is not None:
                err_size = err_fh.tell() if err_fh is not None else _size(errors)
                checkpoint = {"n": stats.done, "failed": stats.failed, "out": out_fh.tell(), "err": err_size}
                prog_fh.write(json.dumps(checkpoint) + "\n")
                prog_fh.flush()
                checkpoints += 1
                if checkpoints >= _COMPACT_EVERY:  # keep the progress file small on huge corpora
                    prog_fh.close()
                    _compact_progress(progress_path, key, checkpoint)
                    prog_fh = open(progress_path, "a", encoding="utf-8")
                    checkpoints = 0
            if on_progress is not None:
                on_progress(stats.done)
    finally:
        if out_path is not None:
            out_fh.close()
        else:
            out_fh.flush()
        if err_fh is not None:
            err_fh.close()
        if prog_fh is not None:
            prog_fh.close()
    # Final file first, then the progress file, then the spool: a kill between any
    # two steps leaves a state that --resume (or a fresh run) completes correctly.
    writer.finish(out_path, output)
    if progress_path is not None:
        progress_path.unlink(missing_ok=True)
    if out_path is not None and out_path != output:
        out_path.unlink(missing_ok=True)
    return stats


def _size(path: Path | None) -> int:
    return path.stat().st_size if path is not None and path.exists() else 0


def _stdout_bytes() -> IO[bytes]:
    import sys

    return sys.stdout.buffer


def _stderr() -> IO[str]:
    import sys

    return sys.stderr
