"""The extraction pipeline: normalise, find the body, run every extractor, check spans.

Extractors are the modules of :mod:`innovext.extractors`. Each one defines

* ``NAME``  – the fact family it produces (``"quantity"``, ``"policy"`` …),
* ``ORDER`` – when it runs (lower first; later extractors see earlier facts),
* ``extract(ctx: Context) -> Iterable[Fact]``.

They are discovered once per process, so adding a family is adding a module.
Every extractor matches on ``ctx.norm`` (same length as the original text), and
the pipeline checks ``text[start:end] == fact.text`` for every fact before it is
returned: a fact that breaks the invariant is a bug, reported loudly.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import importlib
import logging
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from .facts import Fact
from .page import PageMetadata, find_body, read_metadata
from .result import Document, Metadata
from .text import normalize, split_sentences

__all__ = ["CHUNK_CHARS", "Context", "SpanError", "chunk_bounds", "extract", "extractors"]

log = logging.getLogger(__name__)


class SpanError(AssertionError):
    """An extractor produced a fact whose text is not the source at its span."""


@dataclass
class Context:
    """Everything an extractor may look at for one document.

    ``text`` is the original string, ``norm`` its same-length normalised copy
    (match on this), ``body`` the article ranges, ``sentences`` the sentence
    spans inside the body, ``facts`` what earlier extractors produced.
    """

    text: str
    norm: str
    body: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    page: PageMetadata
    published: dt.date | None
    facts: list[Fact] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # Shared scratch space for cross-extractor information (focal place, aliases…).
    state: dict[str, Any] = field(default_factory=dict)

    # Per-family index of ``facts`` (later extractors ask for earlier families many
    # times; scanning every fact each time is quadratic on long documents).
    _by_type: dict[str, list[Fact]] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)

    def facts_of(self, type_: str) -> list[Fact]:
        """Facts of one family produced so far (a new list; the caller may modify it)."""
        if self._indexed != len(self.facts):
            # ``facts`` is only ever appended to by the pipeline; anything else rebuilds.
            if self._indexed > len(self.facts):
                self._by_type, self._indexed = {}, 0
            for f in self.facts[self._indexed :]:
                self._by_type.setdefault(f.type, []).append(f)
            self._indexed = len(self.facts)
        return list(self._by_type.get(type_, ()))

    def in_body(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one body range (binary search: ranges are sorted)."""
        i = bisect.bisect_right(self.body, (start, float("inf"))) - 1
        return i >= 0 and self.body[i][0] <= start and end <= self.body[i][1]

    def sentence_at(self, pos: int) -> tuple[int, int] | None:
        """The sentence span containing ``pos`` (binary search), or None."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if e <= pos:
                lo = mid + 1
            elif s > pos:
                hi = mid
            else:
                return (s, e)
        return None

    @functools.cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        """jieba segmentation of the whole text, ``(word, start, end)``; built on first use."""
        from .tokenize import segment

        return segment(self.norm)


@functools.cache
def extractors() -> tuple[ModuleType, ...]:
    """The extractor modules, in run order."""
    from . import extractors as pkg

    mods = []
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        if hasattr(mod, "extract") and hasattr(mod, "NAME"):
            mods.append(mod)
    mods.sort(key=lambda m: (getattr(m, "ORDER", 100), m.NAME))
    return tuple(mods)


def _parse_published(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        from .page import _DATE_RE

        m = _DATE_RE.search(normalize(text))
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return None
        raise ValueError(f"cannot read a publication date from {value!r}")
    raise TypeError(f"published must be a str, date or datetime, not {type(value).__name__}")


def build_context(text: str, published: Any = None) -> Context:
    """Normalise, find the body, sentences and page metadata."""
    norm = normalize(text)
    body = find_body(norm)
    sentences = [s for b0, b1 in body for s in split_sentences(norm, b0, b1)]
    page = read_metadata(norm, body)
    pub = _parse_published(published)
    if pub is None and page.published:
        pub = _parse_published(page.published)
    return Context(text=text, norm=norm, body=body, sentences=sentences, page=page, published=pub)


def _check(fact: Fact, text: str, name: str) -> None:
    if not (0 <= fact.start <= fact.end <= len(text)) or text[fact.start : fact.end] != fact.text:
        raise SpanError(
            f"extractor {name!r} produced {fact!r} but the source there is {text[fact.start:fact.end]!r}"
        )


# Documents longer than this are run through the extractors in windows of at most
# this many characters, cut at line or sentence boundaries. Why: extractors keep
# per-document working sets (token lists, candidate lists, window caches) that are
# several times the text in memory; windows keep the peak flat whatever the input
# (a 5 MB single-line page, a whole book), and they bound the cost of any rule
# that is quadratic in the document (measured: 100k windows ran a 370k-char
# single line in 2.6 s vs 6.9 s unwindowed). Real articles are far below it (the
# longest of the 21 025 corpus documents has 32 953 characters), so their facts
# never change; in a windowed document a fact may differ from an unwindowed run
# only where a rule looks further than its window (aliases, focal place).
CHUNK_CHARS = 100_000
# Where to cut, best first: a line break, then a sentence end, then a clause mark,
# then any space; a window with none of these (binary junk) is cut hard.
_CUT_CLASSES = ("\n", "。!?;…", ",、:", " \t")


def chunk_bounds(norm: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``[start, end)`` windows covering ``norm``, each at most ``size`` long.

    Each cut is placed after the last line break of the window's second half, else
    after the last sentence end, clause mark or space there (in that order), else
    at ``size`` exactly. A document no longer than ``size`` is one window.

    >>> chunk_bounds("ab\\ncd\\nef", size=4)
    [(0, 3), (3, 6), (6, 8)]
    """
    n = len(norm)
    out: list[tuple[int, int]] = []
    pos = 0
    while n - pos > size:
        hard = pos + size
        lo = pos + size // 2
        cut = -1
        for chars in _CUT_CLASSES:
            cut = max(norm.rfind(c, lo, hard) for c in chars)
            if cut >= 0:
                cut += 1
                break
        if cut <= pos:
            cut = hard
        out.append((pos, cut))
        pos = cut
    out.append((pos, n))
    return out


def _window(ctx: Context, c0: int, c1: int) -> Context:
    """A Context over ``text[c0:c1]`` sharing ``state`` and ``flags`` with ``ctx``; offsets local."""

    def clip(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out = []
        for s, e in spans:
            s2, e2 = max(s, c0), min(e, c1)
            if s2 < e2 or (s2 == e2 and s == e and c0 <= s < c1):
                out.append((s2 - c0, e2 - c0))
        return out

    page = ctx.page
    if page.title_span is not None:
        ts, te = page.title_span
        page = dataclasses.replace(page, title_span=(ts - c0, te - c0) if c0 <= ts and te <= c1 else None)
    return Context(
        text=ctx.text[c0:c1],
        norm=ctx.norm[c0:c1],
        body=clip(ctx.body),
        sentences=clip(ctx.sentences),
        page=page,
        published=ctx.published,
        flags=ctx.flags,
        state=ctx.state,
    )


def _offset_fields(cls: type[Fact]) -> tuple[str, ...]:
    """Fields holding text offsets: ``start``, ``end`` and any ``*_start``/``*_end`` (Quote.speaker_start)."""
    return tuple(n for n in cls.model_fields if n in ("start", "end") or n.endswith(("_start", "_end")))


def _shift(fact: Fact, offset: int) -> Fact:
    # model_copy(update=…) does not re-validate: the fact was validated (or built
    # by validated-by-design code) already, and only its offsets move.
    update = {}
    for name in _offset_fields(type(fact)):
        value = getattr(fact, name)
        if isinstance(value, int) and not isinstance(value, bool):
            update[name] = value + offset
    return fact.model_copy(update=update)


def _run_extractors(ctx: Context, wanted: set[str] | None) -> None:
    for mod in extractors():
        if wanted is not None and mod.NAME not in wanted and not getattr(mod, "ALWAYS", False):
            continue
        name = mod.NAME
        text = ctx.text
        append = ctx.facts.append
        for fact in mod.extract(ctx):
            _check(fact, text, name)
            append(fact)


def run(
    text: str,
    doc_id: str | None = None,
    published: Any = None,
    *,
    only: Iterable[str] | None = None,
    on_fact: Callable[[Fact], None] | None = None,
    chunk_chars: int | None = None,
) -> Document:
    """Run every extractor over one document (see :func:`innovext.extract`).

    ``chunk_chars`` overrides :data:`CHUNK_CHARS` (documents longer than it are
    processed window by window, offsets kept; see :func:`chunk_bounds`).
    """
    if not isinstance(text, str):
        raise TypeError(f"innovext.extract expects str, not {type(text).__name__}")
    ctx = build_context(text, published)
    wanted = set(only) if only is not None else None
    size = CHUNK_CHARS if chunk_chars is None else max(1, int(chunk_chars))
    if ctx.body:  # no body (empty, blank or all-furniture input): nothing can be reported
        if len(text) <= size:
            _run_extractors(ctx, wanted)
        else:
            focal: Any = None
            for c0, c1 in chunk_bounds(ctx.norm, size):
                if not any(s < c1 and c0 < e for s, e in ctx.body):
                    continue
                win = _window(ctx, c0, c1)
                _run_extractors(win, wanted)
                ctx.facts.extend(_shift(f, c0) if c0 else f for f in win.facts)
                if focal is None:  # the article's place is the one its head (first window) names
                    focal = ctx.state.get("focal_place")
                del win
            if focal is not None:
                ctx.state["focal_place"] = focal
            if len(set(ctx.flags)) != len(ctx.flags):  # every window may raise the same flag
                ctx.flags[:] = list(dict.fromkeys(ctx.flags))
    facts = [f for f in ctx.facts if ctx.in_body(f.start, f.end)]
    if wanted is not None:
        facts = [f for f in facts if f.type in wanted]
    facts.sort(key=lambda f: (f.start, -f.end, f.type))
    if on_fact is not None:
        for f in facts:
            on_fact(f)
    meta = Metadata(
        title=ctx.page.title,
        published=ctx.page.published,
        source=ctx.page.source,
        authors=ctx.page.authors,
        published_used=ctx.published.isoformat() if ctx.published else None,
        focal_place=ctx.state.get("focal_place"),
        flags=ctx.flags,
    )
    return Document(
        doc_id=doc_id,
        text=text,
        metadata=meta,
        body=ctx.body,
        sentences=ctx.sentences,
        facts=facts,
    )


def extract(text: str, doc_id: str | None = None, published: Any = None) -> Document:
    """Extract every fact from one text.

    Args:
        text: the document, as read (offsets of facts index this string).
        doc_id: an identifier carried into the result.
        published: the publication date (``str``/``date``/``datetime``), used to
            resolve relative times (去年, 今年以来); defaults to the date the page states.

    Returns:
        A :class:`~innovext.result.Document` with metadata, body, sentences and facts.

    Raises:
        TypeError: ``text`` is not a ``str``.
    """
    return run(text, doc_id=doc_id, published=published)
