"""The ``innovext`` command: extract, summary, evaluate, schema.

Data goes to files or stdout; progress and messages go to stderr.
Exit codes: 0 all documents succeeded, 1 some document failed, 2 bad options.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured, verifiable facts from Chinese regional-innovation news.",
)


def _read_text_file(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Text files (.txt), one document each.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output JSONL file ('-' for stdout).")] = Path("-"),
) -> None:
    """Extract facts from documents and write one JSON line per document."""
    from .pipeline import extract as run_extract

    failed = 0
    out = sys.stdout if str(output) == "-" else open(output, "w", encoding="utf-8")
    try:
        for path in inputs:
            try:
                text = _read_text_file(path)
                doc = run_extract(text, doc_id=path.stem)
            except Exception as exc:  # one bad document never stops the batch
                failed += 1
                typer.echo(f"error: {path}: {type(exc).__name__}: {exc}", err=True)
                continue
            out.write(doc.to_json() + "\n")
            out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    raise typer.Exit(1 if failed else 0)


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
