"""Foundation checks on the five bundled seed articles.

Spans are sacred, body detection keeps facts out of page furniture, the page
metadata is read as the pages state it, and the project's scorer gives exactly
the numbers of ``seeds/gold/score.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import innovext
from innovext.scoring import load, score
from innovext.text import normalize

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold" / "seeds.jsonl"
GOLD_RECORDS = load(GOLD)
DOC_IDS = sorted(GOLD_RECORDS)


def _text(doc_id: str) -> str:
    return (SEEDS / f"{doc_id}.txt").read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def results() -> dict[str, innovext.Document]:
    return {doc_id: innovext.extract(_text(doc_id), doc_id=doc_id) for doc_id in DOC_IDS}


def test_seeds_are_the_gold_texts() -> None:
    import hashlib

    for doc_id, rec in GOLD_RECORDS.items():
        assert hashlib.sha1((SEEDS / f"{doc_id}.txt").read_bytes()).hexdigest() == rec["text_sha1"]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_fact_is_its_source_span(results: dict[str, innovext.Document], doc_id: str) -> None:
    doc = results[doc_id]
    text = _text(doc_id)
    assert doc.text == text
    for f in doc.facts:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text, f
    # ... and so is the JSON form the CLI writes.
    for rec in doc.to_record()["facts"]:
        assert text[rec["start"] : rec["end"]] == rec["text"]


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_body_matches_gold(results: dict[str, innovext.Document], doc_id: str) -> None:
    gold = [tuple(b) for b in GOLD_RECORDS[doc_id]["body"]]
    got = results[doc_id].body
    assert len(got) == len(gold)
    text = _text(doc_id)
    for (gs, ge), (ps, pe) in zip(gold, got, strict=True):
        # Equal up to leading/trailing whitespace the gold may include.
        assert text[gs:ge].strip() == text[ps:pe].strip()


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_no_fact_from_page_furniture(results: dict[str, innovext.Document], doc_id: str) -> None:
    gold_body = GOLD_RECORDS[doc_id]["body"]
    for f in results[doc_id].facts:
        assert any(s <= f.start and f.end <= e for s, e in gold_body), f


def test_furniture_teasers_yield_nothing() -> None:
    # Seed 001 ends with teasers of other articles full of money and titles.
    doc = innovext.extract(_text("001_2eca2bf41e059afb"))
    tail = _text("001_2eca2bf41e059afb").index("相关阅读")
    assert all(f.end <= tail for f in doc.facts)


# (title, published, source) as the pages state them.
METADATA = {
    "000_1a3fdfac3dfe5a0b": (
        "为高质量发展筑牢科技基础——黑龙江穆棱引导集聚各类创新资源",
        "2023-08-27T15:42:32",
        "亚汇网",
    ),
    "001_2eca2bf41e059afb": ("破茧成蝶,余慈制造业发展驶入“科创新赛道”", None, "甬派客户端"),
    "002_7405eb821d4f810b": ("环球观速讯丨【新时代 新征程 新伟业】创新如潮逐浪高", "2023-06-25T09:17:50", "山西日报"),
    "003_56d2bf67ae64453d": ("科技创新与体制创新“双轮驱动” 江山:奏响高质量发展新乐章", None, None),
    "004_0d9cbb2f9bf0bb6a": (None, "2024-04-19T10:39:17", "民生网"),
}
AUTHORS = {
    "002_7405eb821d4f810b": ["李家鸣"],
    "003_56d2bf67ae64453d": ["梅玲玲", "蒋君", "毛志成"],
    "004_0d9cbb2f9bf0bb6a": ["宋康明"],
}


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_metadata_as_the_page_states_it(results: dict[str, innovext.Document], doc_id: str) -> None:
    meta = results[doc_id].metadata
    title, published, source = METADATA[doc_id]
    assert meta.title == title
    assert meta.published == published
    assert meta.source == source
    assert meta.authors == AUTHORS.get(doc_id, [])


def test_published_resolves_relative_time() -> None:
    doc = innovext.extract(_text("002_7405eb821d4f810b"))
    assert doc.metadata.published_used == "2023-06-25"
    doc = innovext.extract("去年新增企业5家。", published="2024-03-01")
    assert doc.metadata.published_used == "2024-03-01"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("０１２３４５６７８９", "0123456789"),
        ("４２％", "42%"),
        ("891.75\u00a0万元", "891.75 万元"),
        ("共计\u3000３家", "共计 3家"),
        ("「揭榜挂帅」", "“揭榜挂帅”"),
        ("（试行）：", "(试行):"),
        ("ＡＢＣａｂｃ", "ABCabc"),
    ],
)
def test_normalisation_keeps_length(raw: str, expected: str) -> None:
    out = normalize(raw)
    assert out == expected
    assert len(out) == len(raw)


def test_normalisation_of_seeds_keeps_length() -> None:
    for doc_id in DOC_IDS:
        text = _text(doc_id)
        assert len(normalize(text)) == len(text)
    assert "\u00a0" in _text("001_2eca2bf41e059afb")  # the seed really has NBSPs


def test_empty_and_wrong_types() -> None:
    doc = innovext.extract("")
    assert doc.facts == [] and doc.body == []
    for bad in (None, b"\xe4\xb8\xad", 42, ["text"]):
        with pytest.raises(TypeError, match=type(bad).__name__):
            innovext.extract(bad)  # type: ignore[arg-type]


def test_scorer_matches_reference_script(results: dict[str, innovext.Document], tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(d.to_json() + "\n" for d in results.values()), encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(SEEDS / "gold" / "score.py"), str(GOLD), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    ours, _, _ = score(GOLD_RECORDS, load(pred))
    assert json.loads(ref.stdout) == json.loads(json.dumps(ours))


def test_cli_extract_writes_one_record_per_document(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    files = [str(SEEDS / f"{d}.txt") for d in DOC_IDS]
    subprocess.run([sys.executable, "-m", "innovext.cli", "extract", *files, "-o", str(out)], check=True)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in lines] == DOC_IDS
    for r in lines:
        assert set(r) >= {"doc_id", "metadata", "facts"}
        text = _text(r["doc_id"])
        for f in r["facts"]:
            assert text[f["start"] : f["end"]] == f["text"]
