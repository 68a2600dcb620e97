"""The document result: original text, metadata, body, sentences and facts.

``Document.to_record()`` is the JSON line written by ``innovext extract``:
``{"doc_id", "metadata", "facts"}`` with facts in the field names of the gold
schema, so any output file can be scored with ``seeds/gold/score.py``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .facts import AnyFact, Fact

__all__ = ["Document", "DocumentRecord", "Metadata"]


class Metadata(BaseModel):
    """What the page states about the article, plus how innovext read it."""

    model_config = ConfigDict(extra="allow")

    title: str | None = Field(default=None, description="Headline as the page states it.")
    published: str | None = Field(default=None, description="Publication date-time stated by the page (ISO 8601).")
    source: str | None = Field(default=None, description="Source outlet (来源:亚汇网 -> 亚汇网).")
    authors: list[str] = Field(default_factory=list, description="Authors / reporters named in a byline.")
    published_used: str | None = Field(
        default=None, description="Date used to resolve relative times: the caller's, else the page's."
    )
    focal_place: str | None = Field(default=None, description="The place the article is about.")
    encoding: str | None = Field(default=None, description="Encoding the file was decoded with (batch runs).")
    flags: list[str] = Field(default_factory=list, description="Warnings about the input (e.g. unclosed 《).")


class DocumentRecord(BaseModel):
    """One line of ``innovext extract`` JSONL output."""

    doc_id: str | None
    metadata: Metadata
    facts: list[AnyFact]


class Document:
    """Result of extracting one text."""

    __slots__ = ("body", "doc_id", "facts", "metadata", "sentences", "text")

    def __init__(
        self,
        doc_id: str | None,
        text: str,
        metadata: Metadata,
        body: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
        facts: list[Fact],
    ) -> None:
        self.doc_id = doc_id
        self.text = text
        self.metadata = metadata
        self.body = body
        self.sentences = sentences
        self.facts = facts

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for f in self.facts:
            counts[f.type] = counts.get(f.type, 0) + 1
        inner = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        return f"<Document {self.doc_id or ''} {len(self.text)} chars: {inner or 'no facts'}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self.to_record() == other.to_record() and self.text == other.text

    def __hash__(self) -> int:  # results are values; equal results hash alike
        return hash((self.doc_id, self.text))

    def of(self, type_: str) -> list[Fact]:
        """Facts of one family (``doc.of("quantity")``)."""
        return [f for f in self.facts if f.type == type_]

    @property
    def body_text(self) -> str:
        """The article body, furniture removed (ranges joined by blank lines)."""
        return "\n\n".join(self.text[s:e] for s, e in self.body)

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict of this document (one JSONL line of ``innovext extract``)."""
        return {
            "doc_id": self.doc_id,
            "metadata": self.metadata.model_dump(mode="json"),
            "facts": [f.model_dump(mode="json") for f in self.facts],
        }

    def to_json(self, **kwargs: Any) -> str:
        """One JSON line (UTF-8 text, Chinese kept readable)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_record(), **kwargs)

    def to_pandas(self) -> Any:
        """One row per fact (``doc_id``, ``type``, span, ``text`` and each type's fields)."""
        from .tables import facts_frame

        return facts_frame([self])

    def _repr_html_(self) -> str:
        from .display import document_html

        return document_html(self)
