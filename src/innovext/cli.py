"""The ``innovext`` command: extract, summary, evaluate, schema.

Data goes to files or stdout; progress and messages go to stderr.
Exit codes: 0 all documents succeeded, 1 some document failed, 2 bad options.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, verifiable facts from Chinese regional-innovation news.",
)


def _read_text_file(path: Path) -> str:
    """A text file in any supported encoding (see :mod:`innovext.readers`)."""
    from .readers import read_text_file

    return read_text_file(path).text


_OUT_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def _stamp(path: Path | None) -> list[int] | None:
    """Size and modification time of an input (None for stdin)."""
    if path is None:
        return None
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _fail_usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _progress(quiet: bool) -> Any:
    """A rich progress bar on stderr when stderr is a terminal (and not --quiet), else None."""
    if quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive), globs or '-' (stdin): .txt (one document each), "
            ".jsonl[.gz] / .csv / .parquet (one document per record).",
            show_default=False,
        ),
    ],
    output: Annotated[str, typer.Option("-o", "--output", help="Output file, '-' for stdout.")] = "-",
    fmt: Annotated[
        Optional[str],
        typer.Option("--format", "-f", help="jsonl, csv or parquet (default: from the output extension; jsonl)."),
    ] = None,
    input_format: Annotated[
        Optional[str],
        typer.Option("--input-format", help="txt, jsonl, csv or parquet for every input (default: from extensions)."),
    ] = None,
    text_field: Annotated[str, typer.Option(help="Text column of jsonl/csv/parquet inputs.")] = "text",
    id_field: Annotated[str, typer.Option(help="Id column (missing ids: NAME:LINE).")] = "id",
    published_field: Annotated[
        Optional[str], typer.Option(help="Publication-date column (resolves 去年, 今年以来…).")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes.", min=1)] = 1,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run into the same output.")] = False,
    errors: Annotated[
        Optional[str], typer.Option(help="Errors file (JSONL doc_id, source, reason); default OUT.errors.jsonl.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no summary line.")] = False,
    timeout: Annotated[
        float, typer.Option(help="Seconds per document (0: no limit); slower ones go to the errors file.", min=0)
    ] = 0,
) -> None:
    """Extract facts from documents: JSONL (one document per line), CSV or Parquet (one row per fact).

    Exit code 0 when every document succeeded, 1 when some failed (see the errors
    file), 2 for bad options or inputs.
    """
    from .batch import OUTPUT_FORMATS, ResumeMismatch, run_batch
    from .readers import BadInput, count_documents, expand_inputs, iter_documents

    to_stdout = output == "-"
    out_path = None if to_stdout else Path(output)
    if fmt is None:
        fmt = "jsonl" if out_path is None else _OUT_SUFFIXES.get(out_path.suffix.lower(), "jsonl")
    if fmt not in OUTPUT_FORMATS:
        raise _fail_usage(f"unknown output format {fmt!r} (choose from {', '.join(OUTPUT_FORMATS)})")
    if to_stdout and fmt == "parquet":
        raise _fail_usage("Parquet cannot be written to stdout: use -o OUT.parquet")
    if to_stdout and resume:
        raise _fail_usage("--resume needs an output file (-o OUT)")
    try:
        specs = expand_inputs(inputs, input_format)
    except BadInput as exc:
        raise _fail_usage(str(exc)) from None
    if sum(1 for s in specs if s.path is None) > 1:
        raise _fail_usage("stdin ('-') can be given once")
    if out_path is not None:
        if any(s.path is not None and s.path.resolve() == out_path.resolve() for s in specs):
            raise _fail_usage(f"the output {out_path} is also an input")
        out_path.parent.mkdir(parents=True, exist_ok=True)
    if errors is not None:
        err_path: Path | None = Path(errors)
    elif out_path is not None:
        stem = out_path.name[: -len(out_path.suffix)] if out_path.suffix else out_path.name
        err_path = out_path.with_name(stem + ".errors.jsonl")
    else:
        err_path = None  # stdout output: error lines go to stderr
    # What --resume must find unchanged: the inputs (names, sizes, modification times), the options
    # that decide which documents exist and what they become, and where errors go.
    run_key = {
        "inputs": [s.source for s in specs],
        "stamps": [_stamp(s.path) for s in specs],
        "errors": str(err_path) if err_path is not None else None,
        "input_format": input_format,
        "text_field": text_field,
        "id_field": id_field,
        "published_field": published_field,
    }
    progress = _progress(quiet)
    total = count_documents(specs) if progress is not None else None
    docs = iter_documents(specs, text_field, id_field, published_field)
    t0 = time.perf_counter()
    try:
        if progress is None:
            stats = run_batch(
                docs, out_path, fmt, jobs=jobs, errors=err_path, resume=resume, run_key=run_key, timeout=timeout
            )
        else:
            with progress:
                task = progress.add_task("extract", total=total, rate="0.0")

                def tick(done: int) -> None:
                    rate = done / max(time.perf_counter() - t0, 1e-9)
                    progress.update(task, completed=done, rate=f"{rate:.1f}")

                stats = run_batch(
                    docs,
                    out_path,
                    fmt,
                    jobs=jobs,
                    errors=err_path,
                    resume=resume,
                    run_key=run_key,
                    on_progress=tick,
                    timeout=timeout,
                )
    except (BadInput, ResumeMismatch) as exc:
        raise _fail_usage(str(exc)) from None
    if not quiet:
        elapsed = time.perf_counter() - t0
        where = "stdout" if out_path is None else str(out_path)
        resumed = f" ({stats.skipped} done before the resume)" if stats.skipped else ""
        msg = f"{stats.done} documents{resumed}, {stats.failed} failed -> {where}"
        if stats.failed and err_path is not None:
            msg += f"; errors in {err_path}"
        typer.echo(f"{msg} [{elapsed:.1f} s]", err=True)
    raise typer.Exit(1 if stats.failed else 0)


@app.command()
def summary(
    inputs: Annotated[list[Path], typer.Argument(help="Text files (.txt).")],
    limit: Annotated[int, typer.Option(help="Facts shown per type and document.")] = 8,
) -> None:
    """Print a readable summary of the facts of each document."""
    from .pipeline import extract as run_extract
    from .summary import format_summary

    for path in inputs:
        doc = run_extract(_read_text_file(path), doc_id=path.stem)
        typer.echo(format_summary(doc, limit=limit))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL (SCHEMA.md format).")] = Path("seeds/gold/seeds.jsonl"),
    texts: Annotated[Optional[Path], typer.Option(help="Folder of the texts (default: the gold file's ../..).")] = None,
    show: Annotated[int, typer.Option(help="Misses and false positives shown per type.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Run innovext over the gold's documents and print precision, recall and F1 per type."""
    from .pipeline import extract as run_extract
    from .scoring import format_errors, format_table, load, score

    gold_recs = load(gold)
    root = texts if texts is not None else gold.resolve().parent.parent
    preds = {}
    for doc_id, rec in gold_recs.items():
        rel = rec.get("text_file") or f"{doc_id}.txt"
        path = root / Path(rel).name if not (root / rel).exists() else root / rel
        doc = run_extract(_read_text_file(path), doc_id=doc_id)
        preds[doc_id] = doc.to_record()
    result, misses, fps = score(gold_recs, preds)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        typer.echo(format_table(result))
        if show:
            typer.echo(format_errors(misses, fps, show))


@app.command()
def schema() -> None:
    """Print the JSON Schema of one output line of ``innovext extract``."""
    from .result import DocumentRecord

    typer.echo(json.dumps(DocumentRecord.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
