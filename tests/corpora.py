"""Loading the example corpora of ``tests/corpus/*.yaml`` and their known gaps.

Every extractor is tested from a corpus of examples; the shared mechanics live
here so each test module keeps only what is specific to its fact family.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS_DIR = Path(__file__).parent / "corpus"


def load_corpus(name: str) -> dict[str, Any]:
    """The parsed ``tests/corpus/<name>.yaml``."""
    return yaml.safe_load((CORPUS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def known_gaps(cases: list[dict[str, Any]], id_len: int = 40) -> list[Any]:
    """Known gaps as strict xfails: fixing one turns the build red until it is moved to the corpus."""
    return [
        pytest.param(c, id=c["text"][:id_len], marks=pytest.mark.xfail(strict=True, reason=c["reason"]))
        for c in cases
    ]
