"""innovext: structured, verifiable facts from Chinese regional-innovation news.

>>> import innovext
>>> doc = innovext.extract("高新技术企业从3家增长到27家。")
>>> [(f.type, f.text) for f in doc.facts]  # doctest: +SKIP
[('change', '从3家增长到27家'), ('quantity', '3家'), ('quantity', '27家')]

Importing innovext is cheap: the tokenizer, spaCy and the rule tables are built
on first use, once per process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Change",
    "Document",
    "Fact",
    "Metadata",
    "Organization",
    "Person",
    "Place",
    "Policy",
    "Programme",
    "Quantity",
    "Quote",
    "__version__",
    "extract",
    "extract_many",
    "to_pandas",
]

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Change, Fact, Organization, Person, Place, Policy, Programme, Quantity, Quote
    from .result import Document, Metadata

_LAZY = {
    "Document": "result",
    "Metadata": "result",
    "Fact": "facts",
    "Quantity": "facts",
    "Change": "facts",
    "Policy": "facts",
    "Programme": "facts",
    "Person": "facts",
    "Organization": "facts",
    "Place": "facts",
    "Quote": "facts",
}


def extract(text: str, doc_id: str | None = None, published: Any = None) -> Document:
    """Extract every fact from one text; see :func:`innovext.pipeline.extract`."""
    from .pipeline import extract as _extract

    return _extract(text, doc_id=doc_id, published=published)


def extract_many(items: Any, jobs: int = 1, **kwargs: Any) -> Any:
    """Stream results for many texts or records; see :func:`innovext.batch.extract_many`."""
    from .batch import extract_many as _extract_many

    return _extract_many(items, jobs=jobs, **kwargs)


def to_pandas(results: Any) -> Any:
    """One DataFrame row per fact over many results."""
    from .tables import facts_frame

    return facts_frame(results)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'innovext' has no attribute {name!r}")
