"""spaCy pipeline component ``innovext``.

>>> import spacy
>>> nlp = spacy.blank("zh")            # char segmenter, or innovext.tokenize.get_nlp() for jieba
>>> _ = nlp.add_pipe("innovext")       # found through the ``spacy_factories`` entry point
>>> doc = nlp("高新技术企业从3家增长到27家。")
>>> [(s.label_, s.text) for s in doc.spans["innovext"]]  # doctest: +SKIP
[('change', '从3家增长到27家'), ('quantity', '3家'), ('quantity', '27家')]

What it sets:

* ``doc.spans[spans_key]`` – one ``Span`` per fact, label = fact type. Facts are
  character spans; token boundaries of a Chinese segmenter are not fact
  boundaries (jieba glues 人数最多), so each fact is mapped with
  ``doc.char_span(start, end, alignment_mode="expand")``: the span covers the
  tokens that contain the fact. The exact characters are in the plain dict.
* ``doc._.innovext_facts`` – the facts as plain JSON-ready dicts (the same form
  as the ``facts`` of the JSONL output); ``doc._.innovext_metadata`` – the
  document metadata (title, date, focal place…). Both are read from
  ``doc._.innovext_json``, the record stored once as a JSON string, so
  ``DocBin(store_user_data=True)`` round-trips them exactly (msgpack would turn
  lists into tuples; pydantic objects would not serialise at all). Each access
  parses the string: keep the list in a variable in loops.

The extraction runs on ``doc.text`` with innovext's own rules; it does not need
or use the tokens, so any tokenizer works.
"""

from __future__ import annotations

import json
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["InnovextComponent", "make_innovext"]


def _facts(doc: Doc) -> list[dict[str, Any]] | None:
    raw = doc._.innovext_json
    return None if raw is None else json.loads(raw)["facts"]


def _metadata(doc: Doc) -> dict[str, Any] | None:
    raw = doc._.innovext_json
    return None if raw is None else json.loads(raw)["metadata"]


def _ensure_extensions() -> None:
    # The record is stored once as a JSON string: msgpack (DocBin, Doc.to_bytes)
    # would turn lists into tuples, JSON round-trips exactly. The dict views are getters.
    if not Doc.has_extension("innovext_json"):
        Doc.set_extension("innovext_json", default=None)
    if not Doc.has_extension("innovext_facts"):
        Doc.set_extension("innovext_facts", getter=_facts)
    if not Doc.has_extension("innovext_metadata"):
        Doc.set_extension("innovext_metadata", getter=_metadata)


class InnovextComponent:
    """Adds innovext facts to each ``Doc`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "innovext", spans_key: str = "innovext") -> None:
        self.name = name
        self.spans_key = spans_key
        _ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """doc (Doc): the document. RETURNS (Doc): the same document, with spans and facts set."""
        from .pipeline import extract

        result = extract(doc.text)
        spans = []
        for fact in result.facts:
            span = doc.char_span(fact.start, fact.end, label=fact.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        record = result.to_record()
        doc._.innovext_json = json.dumps({"facts": record["facts"], "metadata": record["metadata"]}, ensure_ascii=False)
        return doc

    def pipe(self, stream: Any, batch_size: int = 128) -> Any:
        """Process a stream of docs (``nlp.pipe``)."""
        for doc in stream:
            yield self(doc)

    # The component has no state of its own: saving and loading a pipeline keeps only its config.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> InnovextComponent:
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> InnovextComponent:
        return self


@Language.factory(
    "innovext",
    assigns=["doc.spans", "doc._.innovext_json"],
    default_config={"spans_key": "innovext"},
)
def make_innovext(nlp: Language, name: str, spans_key: str = "innovext") -> InnovextComponent:
    """Factory of the ``innovext`` component (registered through the ``spacy_factories`` entry point)."""
    return InnovextComponent(nlp, name=name, spans_key=spans_key)
