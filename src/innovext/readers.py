"""Reading batch inputs: files, folders, globs and stdin; text, JSONL, CSV and Parquet; any encoding.

Two jobs live here.

1. **Decoding** (:func:`decode_bytes`). Real corpora are dirty, so a file is not
   assumed to be UTF-8: UTF-8 (with or without BOM) is tried first because it
   is by far the most common and cannot be confused with anything else when it
   decodes strictly; then a BOM'd UTF-16; then GB18030 (a superset of GBK and
   GB2312) and Big5, chosen by ``charset-normalizer`` because their byte ranges
   overlap and a strict decode alone cannot tell them apart. A multibyte
   sequence cut at the very end of the file (a truncated download) is dropped
   and flagged instead of failing the whole document. Files with NUL bytes or
   that no candidate decodes cleanly are *binary/undecodable*: an
   :class:`UndecodableError` with the reason, which the batch turns into an
   error record. An empty file is a document with no facts (flag ``empty``),
   not an error: it was read fine, it just says nothing.

2. **Enumerating documents** (:func:`expand_inputs`, :func:`iter_documents`).
   Inputs are expanded in a deterministic order (arguments in the order given,
   folder contents sorted), which is what makes ``--resume`` possible: the
   n-th document of a run is the n-th document of the restarted run. ``.txt``
   files are one document each, read lazily (by the worker that processes
   them), with ``doc_id`` = file stem, or the path relative to the folder given
   for files in sub-folders (``sub/dir/name``), so ids are unique and do not
   depend on the current directory. ``.jsonl`` / ``.csv`` / ``.parquet`` (and
   ``.gz`` of the text formats) hold one document per record.
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "FORMATS",
    "BadInput",
    "Decoded",
    "InputDoc",
    "InputSpec",
    "UndecodableError",
    "count_documents",
    "decode_bytes",
    "detect_format",
    "expand_inputs",
    "iter_documents",
    "read_text_file",
]

#: Input formats understood by :func:`iter_documents`.
FORMATS = ("txt", "jsonl", "csv", "parquet")

#: File name endings scanned when a folder is given (other files in a folder are ignored).
_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".txt.gz": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".csv": "csv",
    ".csv.gz": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}

# How much of a file charset-normalizer looks at: enough to be sure, bounded so
# a 100 MB file is not analysed as a whole.
_DETECT_BYTES = 256 * 1024
# Above this share of control characters the "text" is binary junk.
_MAX_CONTROL_SHARE = 0.01
# What the codecs say when the bytes stop in the middle of a character (not an invalid byte).
_TRUNCATION_REASONS = ("unexpected end of data", "incomplete multibyte sequence")


class UndecodableError(ValueError):
    """The bytes are binary or in no encoding innovext reads; the message is the reason."""


class BadInput(ValueError):
    """An input argument names nothing readable (missing file, empty glob, unknown format)."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and warnings (``truncated``, ``empty``)."""

    text: str
    encoding: str
    flags: tuple[str, ...] = ()


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:], "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data, "utf-16"
    return data, None


def _decode_tail_tolerant(data: bytes, encoding: str) -> tuple[str, bool]:
    """Strict decode; a multibyte sequence cut at the very end is dropped (``truncated`` = True).

    Only the last 3 bytes may be dropped (the longest incomplete sequence of
    UTF-8 or GB18030 is 3 bytes); an error anywhere else raises.
    """
    try:
        return data.decode(encoding), False
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - 3 or exc.reason not in _TRUNCATION_REASONS:
            raise
        return data[: exc.start].decode(encoding), True


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:_DETECT_BYTES]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return bad / len(sample)


def _check_text(text: str, encoding: str) -> None:
    share = _control_share(text)
    if share > _MAX_CONTROL_SHARE:
        raise UndecodableError(f"binary content: {share:.1%} control characters after decoding as {encoding}")


def decode_bytes(data: bytes) -> Decoded:
    """Decode a document's bytes (UTF-8/BOM, UTF-16 with BOM, GB18030/GBK, Big5).

    >>> decode_bytes("科技".encode("gbk")).encoding
    'gb18030'
    >>> decode_bytes(b"").flags
    ('empty',)

    Raises:
        UndecodableError: binary data (NUL bytes, control characters) or bytes
            that no supported encoding decodes; the message says why.
    """
    body, bom = _strip_bom(data)
    if bom == "utf-16":
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"invalid UTF-16 after a UTF-16 BOM: {exc.reason} at byte {exc.start}") from None
        _check_text(text, "utf-16")
        return Decoded(text, "utf-16", ("empty",) if not text else ())
    if not body:
        return Decoded("", "utf-8", ("empty",))
    if b"\x00" in body[:_DETECT_BYTES] or b"\x00" in body[-_DETECT_BYTES:]:
        raise UndecodableError("binary file: contains NUL bytes")
    flags: list[str] = []
    try:
        text, truncated = _decode_tail_tolerant(body, "utf-8")
    except UnicodeDecodeError as utf8_error:
        text = ""
        encoding = _detect_cjk(body)
        if encoding is None:
            raise UndecodableError(
                f"undecodable: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), "
                "and neither GB18030/GBK nor Big5 decode it cleanly"
            ) from None
        text, truncated = _decode_tail_tolerant(body, encoding)
    else:
        encoding = "utf-8-sig" if bom else "utf-8"
    if truncated:
        flags.append("truncated")
    _check_text(text, encoding)
    if not text:
        flags.append("empty")
    return Decoded(text, encoding, tuple(flags))


def _detect_cjk(body: bytes) -> str | None:
    """GB18030 or Big5 for bytes that are not UTF-8, or None.

    A candidate must decode the whole file strictly (a cut tail allowed);
    charset-normalizer ranks the candidates that do, because GBK and Big5
    share most of their byte ranges and Big5 text often decodes as GBK garbage.
    """
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            _decode_tail_tolerant(body, enc)
        except UnicodeDecodeError:
            continue
        candidates.append(enc)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    import charset_normalizer

    # The sample may end inside a character (a cut file, or the sample limit):
    # charset-normalizer wants whole characters, so back off up to 3 bytes.
    sample = body[:_DETECT_BYTES]
    best = None
    for cut in range(4):
        best = charset_normalizer.from_bytes(sample[: len(sample) - cut], cp_isolation=candidates).best()
        if best is not None:
            break
    if best is None:
        return None
    name = best.encoding.replace("_", "").lower()
    return "big5" if "big5" in name else "gb18030"


def read_text_file(path: str | os.PathLike[str]) -> Decoded:
    """Read and decode one text file (``.gz`` is uncompressed first)."""
    p = Path(path)
    data = p.read_bytes()
    if p.name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise UndecodableError(f"bad gzip data: {exc}") from None
    return decode_bytes(data)


# ---------------------------------------------------------------------------
# Enumerating documents


@dataclass(frozen=True)
class InputSpec:
    """One input file (or stdin when ``path`` is None) with its format and id base."""

    path: Path | None
    fmt: str
    name: str  # doc_id of a .txt file; prefix of record ids when a record has no id

    @property
    def source(self) -> str:
        return "-" if self.path is None else str(self.path)


@dataclass
class InputDoc:
    """One document to process; ``text`` or ``path`` (read lazily by the worker) is set.

    ``error`` is set when the document could not even be read as a record
    (bad JSON line, missing text field): it then becomes an error record.
    """

    doc_id: str
    source: str
    text: str | None = None
    path: str | None = None
    published: Any = None
    encoding: str | None = None
    flags: list[str] = field(default_factory=list)
    error: str | None = None


def detect_format(path: str | os.PathLike[str], default: str = "txt") -> str:
    """Input format from the file name (``.jsonl.gz`` -> ``jsonl``); ``default`` if unknown."""
    name = os.fspath(path).lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    return default


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return path.stem or name


def _folder_files(root: Path) -> Iterator[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in filenames:
            if fn.startswith(".") or detect_format(fn, default="") == "":
                continue
            found.append(Path(dirpath) / fn)
    yield from sorted(found, key=lambda p: p.relative_to(root).as_posix())


def expand_inputs(items: list[str], input_format: str | None = None) -> list[InputSpec]:
    """Files, folders (recursive, sorted), globs and ``-`` -> input specs in a stable order.

    A file reached twice (``seeds/*.txt seeds/``) is read once. ``.txt`` ids:
    the stem for a file given directly or at the top of a folder, the path
    relative to the folder (without extension) deeper down; when two files
    given directly share a stem, the later one is named by its path.

    Raises:
        BadInput: a path does not exist, a glob matches nothing, or a format is unknown.
    """
    if input_format is not None and input_format not in FORMATS:
        raise BadInput(f"unknown input format {input_format!r} (choose from {', '.join(FORMATS)})")
    specs: list[InputSpec] = []
    seen_paths: set[str] = set()
    seen_names: set[str] = set()

    def add(path: Path | None, name: str) -> None:
        if path is not None:
            key = os.path.realpath(path)
            if key in seen_paths:
                return
            seen_paths.add(key)
            fmt = input_format or detect_format(path)
        else:
            fmt = input_format or "auto"
        if name in seen_names and path is not None:
            name = path.with_name(_stem(path)).as_posix()
        seen_names.add(name)
        specs.append(InputSpec(path, fmt, name))

    for item in items:
        if item == "-":
            add(None, "stdin")
            continue
        path = Path(item)
        if path.is_dir():
            for f in _folder_files(path):
                rel = f.relative_to(path)
                name = _stem(f) if len(rel.parts) == 1 else rel.with_name(_stem(f)).as_posix()
                add(f, name)
        elif path.is_file():
            add(path, _stem(path))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise BadInput(f"no file matches {item!r}")
            for f in files:
                add(f, _stem(f))
        else:
            raise BadInput(f"no such file or folder: {item}")
    return specs


def _record_doc(
    rec: Any,
    spec: InputSpec,
    where: str,
    text_field: str,
    id_field: str,
    published_field: str | None,
) -> InputDoc:
    default_id = f"{spec.name}:{where}"
    source = f"{spec.source}:{where}"
    if not isinstance(rec, dict):
        return InputDoc(default_id, source, error=f"record is a {type(rec).__name__}, not an object")
    raw_id = rec.get(id_field)
    doc_id = default_id if raw_id is None or raw_id == "" else str(raw_id)
    text = rec.get(text_field)
    if not isinstance(text, str):
        reason = f"no text field {text_field!r}" if text is None else f"text field {text_field!r} is not a string"
        return InputDoc(doc_id, source, error=reason)
    published = rec.get(published_field) if published_field else None
    return InputDoc(doc_id, source, text=text, published=published, encoding="utf-8")


def _jsonl_doc(line: str, lineno: int, spec: InputSpec, fields: tuple[str, str, str | None]) -> InputDoc | None:
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputDoc(f"{spec.name}:{lineno}", f"{spec.source}:{lineno}", error=f"invalid JSON: {exc}")
    return _record_doc(rec, spec, str(lineno), *fields)


def _iter_jsonl(spec: InputSpec, fields: tuple[str, str, str | None]) -> Iterator[InputDoc]:
    """Records of a (gzipped) JSONL file; a bad line becomes an error document, the others go on.

    A cut or corrupt gzip stream (an interrupted download) ends the file with one
    error record after the lines that could be read.
    """
    assert spec.path is not None
    opener = gzip.open if spec.path.name.lower().endswith(".gz") else open
    with opener(spec.path, "rb") as fh:
        lines = iter(fh)
        lineno = 0
        while True:
            try:
                bline = next(lines)
            except StopIteration:
                return
            except (EOFError, OSError, zlib.error) as exc:
                where = f"{spec.source}:{lineno + 1}"
                yield InputDoc(
                    f"{spec.name}:{lineno + 1}", where, error=f"corrupt or truncated file after line {lineno}: {exc}"
                )
                return
            lineno += 1
            if lineno == 1 and bline.startswith(codecs.BOM_UTF8):
                bline = bline[3:]
            try:
                line = bline.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield InputDoc(
                    f"{spec.name}:{lineno}", f"{spec.source}:{lineno}", error=f"line is not UTF-8: {exc.reason}"
                )
                continue
            doc = _jsonl_doc(line, lineno, spec, fields)
            if doc is not None:
                yield doc


def _iter_csv_rows(stream: io.TextIOBase, spec: InputSpec, fields: tuple[str, str, str | None]) -> Iterator[InputDoc]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(stream)
    if reader.fieldnames is None or fields[0] not in reader.fieldnames:
        raise BadInput(f"{spec.source}: no column {fields[0]!r} (columns: {reader.fieldnames})")
    for rowno, row in enumerate(reader, 1):
        yield _record_doc(row, spec, str(rowno), *fields)


def _iter_csv_text(text: str, spec: InputSpec, fields: tuple[str, str, str | None]) -> Iterator[InputDoc]:
    yield from _iter_csv_rows(io.StringIO(text, newline=""), spec, fields)


def _iter_csv_file(spec: InputSpec, fields: tuple[str, str, str | None]) -> Iterator[InputDoc]:
    """Rows of a CSV file, streamed (a CSV corpus can be larger than memory).

    The encoding is decided on the first 256 KiB (UTF-8, else GB18030/Big5, as for
    text files: Excel saves CSV in the system code page); a byte that does not
    decode later ends the file with one error record for the rest.
    """
    assert spec.path is not None
    opener = gzip.open if spec.path.name.lower().endswith(".gz") else open
    with opener(spec.path, "rb") as fh:
        head = fh.read(_DETECT_BYTES)
    body, bom = _strip_bom(head)
    if bom == "utf-16":
        encoding = "utf-16"
    elif b"\x00" in body:
        yield InputDoc(spec.name, spec.source, error="binary file: contains NUL bytes")
        return
    else:
        try:
            _decode_tail_tolerant(body, "utf-8")
            encoding = "utf-8-sig"
        except UnicodeDecodeError:
            found = _detect_cjk(body)
            if found is None:
                yield InputDoc(spec.name, spec.source, error="undecodable: not UTF-8, GB18030/GBK or Big5")
                return
            encoding = found
    rowno = 0
    with opener(spec.path, "rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as stream:
        try:
            for doc in _iter_csv_rows(stream, spec, fields):
                rowno += 1
                if doc.error is None:
                    doc.encoding = encoding.replace("utf-8-sig", "utf-8")
                yield doc
        except UnicodeDecodeError as exc:
            where = f"row {rowno + 1}"
            yield InputDoc(
                f"{spec.name}:{rowno + 1}",
                f"{spec.source}:{rowno + 1}",
                error=f"not {encoding} from {where} on ({exc.reason}); the rest of the file is skipped",
            )


def _iter_parquet(spec: InputSpec, fields: tuple[str, str, str | None]) -> Iterator[InputDoc]:
    assert spec.path is not None
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - optional extra
        raise BadInput("reading Parquet needs pyarrow: pip install 'innovext[parquet]'") from None
    pf = pq.ParquetFile(spec.path)
    names = pf.schema_arrow.names
    if fields[0] not in names:
        raise BadInput(f"{spec.source}: no column {fields[0]!r} (columns: {names})")
    cols = [c for c in dict.fromkeys([fields[0], fields[1], fields[2]]) if c and c in names]
    rowno = 0
    for batch in pf.iter_batches(columns=cols, batch_size=1024):
        for row in batch.to_pylist():
            rowno += 1
            yield _record_doc(row, spec, str(rowno), *fields)


def iter_documents(
    specs: list[InputSpec],
    text_field: str = "text",
    id_field: str = "id",
    published_field: str | None = None,
    stdin: io.BufferedIOBase | None = None,
) -> Iterator[InputDoc]:
    """The documents of the inputs, in order (lazy: ``.txt`` files are read by the worker).

    Records that cannot be read come out as ``InputDoc`` with ``error`` set, so
    the batch reports them and goes on.
    """
    fields = (text_field, id_field, published_field)
    for spec in specs:
        if spec.path is None:
            data = (stdin if stdin is not None else sys.stdin.buffer).read()
            yield from _iter_stdin(data, spec, fields)
            continue
        if spec.fmt == "txt":
            yield InputDoc(spec.name, spec.source, path=str(spec.path))
        elif spec.fmt == "jsonl":
            yield from _iter_jsonl(spec, fields)
        elif spec.fmt == "csv":
            yield from _iter_csv_file(spec, fields)
        elif spec.fmt == "parquet":
            yield from _iter_parquet(spec, fields)
        else:  # pragma: no cover - expand_inputs checks formats
            raise BadInput(f"unknown format {spec.fmt!r}")


def _iter_stdin(data: bytes, spec: InputSpec, fields: tuple[str, str, str | None]) -> Iterator[InputDoc]:
    fmt = spec.fmt
    if fmt == "auto":
        head = data.lstrip(codecs.BOM_UTF8).lstrip()[:1]
        fmt = "jsonl" if head == b"{" else "txt"
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(data))
        for rowno, row in enumerate(table.to_pylist(), 1):
            yield _record_doc(row, spec, str(rowno), *fields)
        return
    try:
        decoded = decode_bytes(data)
    except UndecodableError as exc:
        yield InputDoc(spec.name, spec.source, error=str(exc))
        return
    if fmt == "txt":
        yield InputDoc(spec.name, spec.source, text=decoded.text, encoding=decoded.encoding, flags=list(decoded.flags))
    elif fmt == "jsonl":
        for lineno, line in enumerate(decoded.text.split("\n"), 1):
            doc = _jsonl_doc(line, lineno, spec, fields)
            if doc is not None:
                yield doc
    elif fmt == "csv":
        yield from _iter_csv_text(decoded.text, spec, fields)


def count_documents(specs: list[InputSpec]) -> int | None:
    """How many documents the inputs hold, when cheap to know (for a progress bar's total and ETA).

    ``.txt``: one each; JSONL: non-blank lines (decompressing costs far less than
    extracting); Parquet: the row count in its footer. CSV rows (quoted newlines)
    and stdin cannot be counted without reading them twice: None.
    """
    total = 0
    for spec in specs:
        if spec.path is None or spec.fmt == "csv":
            return None
        if spec.fmt == "txt":
            total += 1
        elif spec.fmt == "jsonl":
            opener = gzip.open if spec.path.name.lower().endswith(".gz") else open
            try:
                with opener(spec.path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except (OSError, EOFError):
                return None
        elif spec.fmt == "parquet":
            try:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(spec.path).metadata.num_rows
            except Exception:  # unreadable here: reported per document later
                return None
    return total
