"""The spaCy component: entry point, spans with each tokenizer, displacy, DocBin round trip."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import DocBin

import innovext

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "seeds" / "000_1a3fdfac3dfe5a0b.txt").read_text(encoding="utf-8")


def _char_nlp() -> Language:
    return spacy.blank("zh")


def _spacy_jieba_nlp() -> Language:
    pytest.importorskip("jieba")
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def _innovext_jieba_nlp() -> Language:
    # A fresh pipeline with innovext's private jieba tokenizer; get_nlp() itself is
    # shared per process and must not get components added behind its users' back.
    from innovext.tokenize import get_nlp

    nlp = spacy.blank("zh")
    nlp.tokenizer = type(get_nlp().tokenizer)(nlp.vocab)
    return nlp


def test_factory_is_registered_through_the_entry_point() -> None:
    names = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert names.get("innovext") == "innovext.spacy_component:make_innovext"


@pytest.mark.parametrize("make_nlp", [_char_nlp, _spacy_jieba_nlp, _innovext_jieba_nlp])
def test_spans_cover_every_fact(make_nlp) -> None:  # type: ignore[no-untyped-def]
    nlp = make_nlp()
    nlp.add_pipe("innovext")
    doc = nlp(TEXT)
    expected = innovext.extract(TEXT).to_record()["facts"]
    assert doc._.innovext_facts == expected
    assert doc._.innovext_metadata["title"] == innovext.extract(TEXT).metadata.title
    spans = doc.spans["innovext"]
    assert len(spans) == len(expected)
    for span, fact in zip(spans, expected, strict=True):
        assert span.label_ == fact["type"]
        # "expand": the span is the tokens containing the fact's characters
        assert span.start_char <= fact["start"] and fact["end"] <= span.end_char
        assert fact["text"] in span.text


def test_displacy_renders_the_spans() -> None:
    nlp = _char_nlp()
    nlp.add_pipe("innovext")
    doc = nlp("高新技术企业从3家增长到27家，投资9200万元。")
    html = displacy.render(doc, style="span", options={"spans_key": "innovext"}, jupyter=False)
    assert isinstance(html, str) and "高" in html
    for label in {s.label_ for s in doc.spans["innovext"]}:
        assert label in html


def test_docbin_round_trips_spans_and_facts() -> None:
    nlp = _char_nlp()
    nlp.add_pipe("innovext")
    docs = list(nlp.pipe([TEXT, "新增企业5家。", ""]))
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab))
    for a, b in zip(docs, back, strict=True):
        assert b._.innovext_facts == a._.innovext_facts
        assert b._.innovext_metadata == a._.innovext_metadata
        assert [(s.start, s.end, s.label_) for s in b.spans["innovext"]] == [
            (s.start, s.end, s.label_) for s in a.spans["innovext"]
        ]


def test_custom_spans_key_and_pipeline_to_disk(tmp_path: Path) -> None:
    nlp = _char_nlp()
    nlp.add_pipe("innovext", config={"spans_key": "facts"})
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    doc = loaded("新增企业5家。")
    assert "facts" in doc.spans and "innovext" not in doc.spans
    assert len(doc.spans["facts"]) == len(doc._.innovext_facts)


def test_with_innovext_get_nlp_itself() -> None:
    from innovext.tokenize import get_nlp

    try:
        nlp = get_nlp()
        nlp.add_pipe("innovext")
        doc = nlp("高新技术企业从3家增长到27家。")
        assert doc._.innovext_facts == innovext.extract(doc.text).to_record()["facts"]
        assert len(doc.spans["innovext"]) == len(doc._.innovext_facts)
    finally:
        get_nlp.cache_clear()  # the shared per-process pipeline must not keep our component
