"""Regression ratchet over external test vectors (Recognizers-Text, Duckling, cn2an, JioNLP).

The vectors live in ``tests/vectors/`` (copied with their licences, see ATTRIBUTION.md),
so this runs from a fresh clone. ``tests/vectors/expected_pass.json`` lists the vectors
innovext passed when it was last recorded; every one of them must still pass. New passes
are recorded with ``python -m benchmarks.vectors --update-baseline``, which refuses to
drop an id: the ratchet only tightens.

Peer packages are never imported here (the benchmark imports them lazily, and only when
asked to run them).
"""

from __future__ import annotations

import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the benchmarks package sits at the repository root
    sys.path.insert(0, str(REPO))

from benchmarks import vectors as bv  # noqa: E402

VECTORS = REPO / "tests" / "vectors"
PEER_MODULES = ("jionlp", "recognizers_text", "recognizers_number", "recognizers_number_with_unit", "jiojio")


@pytest.fixture(scope="module")
def baseline() -> dict[str, list[str]]:
    return bv.load_baseline(VECTORS / "expected_pass.json")


def test_copied_vectors_are_unchanged() -> None:
    """The copies are the published vectors byte for byte (edits would move the goalposts)."""
    manifest = json.loads((VECTORS / "MANIFEST.json").read_text(encoding="utf-8"))
    assert set(manifest) == {p for vs in bv.SETS for p in vs.paths()}
    for rel, sha in manifest.items():
        assert hashlib.sha1((VECTORS / rel).read_bytes()).hexdigest() == sha, rel


def test_every_copied_source_keeps_its_licence() -> None:
    for folder in ("recognizers-text", "duckling", "cn2an", "jionlp", "wetextprocessing", "nemo-text-processing"):
        assert (VECTORS / folder / "LICENSE").is_file(), folder
    assert (VECTORS / "ATTRIBUTION.md").is_file()


def test_baseline_ids_exist(baseline: dict[str, list[str]]) -> None:
    for name, ids in baseline.items():
        assert name in bv.SET_BY_NAME, f"unknown set {name} in expected_pass.json"
        known = {v.id for v in bv.SET_BY_NAME[name].load(VECTORS)}
        assert not set(ids) - known, f"{name}: ids not in the vector file: {sorted(set(ids) - known)[:10]}"


@pytest.mark.parametrize("name", [vs.name for vs in bv.SETS])
def test_no_regression(name: str, baseline: dict[str, list[str]]) -> None:
    """Every vector innovext passed when the baseline was recorded still passes."""
    vs = bv.SET_BY_NAME[name]
    outcomes = {o.vector.id: o for o in bv.run_system(vs, vs.load(VECTORS), bv.INNOVEXT)}
    lost = [outcomes[i] for i in baseline.get(name, []) if outcomes[i].status != "pass"]
    lines = [
        f"{o.vector.id} {o.status} {o.reason}: {o.vector.text!r} expected "
        f"{bv._show_items(o.vector.text, o.vector.expected)}; innovext {bv._show_items(o.vector.text, o.got)}"
        for o in lost
    ]
    assert not lost, f"{len(lost)} regression(s) in {name}:\n" + "\n".join(lines)


def test_peers_are_not_imported_by_the_ratchet() -> None:
    bv.innovext_passes(VECTORS, ["jionlp-money-parser", "rt-currency"])
    assert not [m for m in PEER_MODULES if m in sys.modules]


# ---- the harness itself: these rules decide pass / convention / fail, so they are tested too


def test_recognizers_inclusive_end_becomes_exclusive() -> None:
    vec = next(v for v in bv.SET_BY_NAME["rt-dimension"].load(VECTORS) if v.text == "如今身高168公分")
    (item,) = vec.expected
    assert (item.start, item.end) == (4, 9)
    assert vec.text[item.start : item.end] == "168公分"


def test_units_compare_physically_not_by_label() -> None:
    exp = bv.Item(0, 2, Decimal(1500), unit="Gram")
    assert bv.fields_match(exp, bv.Item(0, 2, Decimal(3), unit="斤"), "vu")
    assert bv.fields_match(exp, bv.Item(0, 2, Decimal("1.5"), unit="千克"), "vu")
    assert not bv.fields_match(exp, bv.Item(0, 2, Decimal(3), unit="千克"), "vu")
    assert not bv.fields_match(exp, bv.Item(0, 2, Decimal(1500), unit="米"), "vu")
    assert not bv.fields_match(bv.Item(0, 2, Decimal(5), unit="USD"), bv.Item(0, 2, Decimal(5), unit="元"), "vu")


def test_values_tolerate_only_printing_precision() -> None:
    assert bv.same_number(Decimal("350.333333333333"), Decimal(1051) / Decimal(3))
    assert not bv.same_number(Decimal("350.33"), Decimal(1051) / Decimal(3))
    assert not bv.same_number(Decimal("0.7"), Decimal(7))


def _whole(text: str, **kw: object) -> bv.Vector:
    return bv.Vector("t:0", "t", text, [bv.Item(0, len(text), **kw)])  # type: ignore[arg-type]


def test_whole_string_needs_the_whole_string() -> None:
    vec = _whole("700多万元", value=Decimal(7000000), unit="元", approx="over")
    full = bv.Item(0, 6, Decimal(7000000), unit="元", approx="over", kind="money")
    assert bv.compare(vec, [full], True, "vuma")
    assert not bv.compare(vec, [bv.Item(0, 5, Decimal(7000000), unit="元", approx="over")], True, "vuma")
    assert not bv.compare(vec, [bv.Item(0, 6, Decimal(700), unit="元", approx="over")], True, "vuma")
    assert not bv.compare(vec, [bv.Item(0, 6, Decimal(7000000), unit="元")], True, "vuma")


def test_span_sets_punish_extra_items() -> None:
    vec = bv.Vector("t:0", "t", "15元和3元", [bv.Item(0, 3, Decimal(15), unit="CNY")])
    one = bv.Item(0, 3, Decimal(15), unit="元", kind="money")
    assert bv.compare(vec, [one], False, "vu")
    assert not bv.compare(vec, [one, bv.Item(4, 6, Decimal(3), unit="元", kind="money")], False, "vu")
    neg = bv.Vector("t:1", "t", "五角大楼", [], negative=True)
    assert bv.compare(neg, [], False, "vu")
    assert not bv.compare(neg, [bv.Item(0, 2, Decimal("0.5"), unit="元")], False, "vu")


def test_conventions_are_specific() -> None:
    """A convention explains one listed difference and nothing else."""
    vs = bv.SET_BY_NAME["jionlp-money-parser"]
    vec = _whole("3000多欧元", value=Decimal(3000), value_max=Decimal(4000), unit="欧元", approx="about")
    ours = bv.Item(0, 7, Decimal(3000), unit="欧元", approx="over", kind="money")
    assert bv.classify(vs, vec, [ours]).reason == "open-range"
    wrong = bv.Item(0, 7, Decimal(300), unit="欧元", approx="over", kind="money")
    assert bv.classify(vs, vec, [wrong]).status == "fail"
    dm = bv.SET_BY_NAME["duckling-money"]
    seven = _whole("7块", value=Decimal(7), unit="Dollar")
    assert bv.classify(dm, seven, [bv.Item(0, 2, Decimal(7), unit="元", kind="money")]).reason == "duckling-dollar"
    assert bv.classify(dm, seven, [bv.Item(0, 2, Decimal(7), unit="美元", kind="money")]).status == "fail"
