"""Tokenisation layer: a private jieba tokenizer with our domain words, and spaCy.

Why private: spaCy's built-in jieba segmenter uses the process-wide ``jieba``
module, so loading a user dictionary there changes every other user of jieba in
the process. We build our own ``jieba.Tokenizer``, load the domain dictionary
shipped in ``innovext/data/domain_words.txt`` into it, and hand spaCy a tokenizer
that calls it.

Nothing here runs at import time: :func:`get_segmenter` and :func:`get_nlp` build
their objects on first use, once per process (``functools.cache``), which is also
what makes the library usable in worker processes (Dask, Spark, ``--jobs``): the
objects are never pickled, each worker builds its own.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["get_nlp", "get_segmenter", "segment", "tokens"]

log = logging.getLogger(__name__)


def _cache_dir() -> Path | None:
    """Per-user cache directory for jieba's prefix dictionary (jieba#26: a shared tmp cache blocks others)."""
    base = os.environ.get("INNOVEXT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "innovext"
    )
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:  # read-only home: jieba then rebuilds its dictionary each start
        return None
    return Path(base)


@functools.cache
def get_segmenter() -> jieba.Tokenizer:
    """The private jieba tokenizer with innovext's domain dictionary (built once per process)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache = _cache_dir()
    if cache is not None:
        tok.tmp_dir = str(cache)
    tok.initialize()
    with open(data_path("domain_words.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 else None
            tag = parts[2] if len(parts) > 2 else None
            tok.add_word(word, freq, tag)
    return tok


def segment(text: str) -> list[tuple[str, int, int]]:
    """Segment ``text`` into ``(word, start, end)`` with offsets into ``text``.

    >>> [w for w, _, _ in segment("专精特新企业")]
    ['专精特新企业']
    """
    out: list[tuple[str, int, int]] = []
    for word, start, end in get_segmenter().tokenize(text, HMM=True):
        out.append((word, start, end))
    return out


class _JiebaTokenizer:
    """spaCy tokenizer callable backed by the private segmenter (whitespace becomes ``spaces``)."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        for word, _, _ in segment(text):
            if word.isspace() and words and not spaces[-1] and word == " ":
                spaces[-1] = True
                continue
            words.append(word)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy calls these when saving/loading a pipeline; the tokenizer has no state of its own.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> _JiebaTokenizer:
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> _JiebaTokenizer:
        return self


@functools.cache
def get_nlp() -> Language:
    """``spacy.blank("zh")`` whose tokenizer is innovext's private jieba (built once per process)."""
    import spacy

    nlp = spacy.blank("zh")
    nlp.tokenizer = _JiebaTokenizer(nlp.vocab)
    return nlp


def tokens(text: str) -> Doc:
    """A spaCy ``Doc`` of ``text`` tokenised by the private jieba; ``Doc.text == text``."""
    return get_nlp()(text)
