"""Named programmes and mechanisms in quotes: “姚江英才项目”, “太行英才”计划, “揭榜挂帅”机制.

Articles quote two very different things: the names of policy instruments and
catchwords (“明星”, “全能手”, “领头羊”). What tells them apart is the head word,
not the name: a programme's quoted name ends with a programme head (“一号发展工程”,
“人才新政20条”) or the head follows the closing quote (“上林名匠”行动计划). Heads,
their kinds, where they may stand and how many modifier characters may separate
them from the quote (“全链条”科创企业培育机制) are in ``data/programme_heads.tsv``; names
and continuations that look like programmes but are not (“面子工程”, “…”工程师)
are in ``data/programme_negatives.tsv``.

``name`` is the programme's name as written without the quote marks (“太行英才”计划
-> ``太行英才计划``), ``kind`` the kind of its head (``计划``), and the span covers the
quotes and a head that follows them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from ..facts import Fact, Programme
from ..resources import read_tsv

if TYPE_CHECKING:  # the pipeline imports the extractors; only the type is needed here
    from ..pipeline import Context

NAME = "programme"
ORDER = 55

# A quoted stretch: Chinese double and single quotes, and ASCII double quotes.
# The name is bounded (a programme name is short) and may not cross a line.
_QUOTE = r"“([^“”\n]{1,24})”|‘([^‘’\n]{1,24})’|\"([^\"\n]{1,24})\""
# Sentence punctuation never occurs in a programme name (a quoted clause is a quotation).
_CLAUSE_PUNCT = r"[,.;:!?。，；：！？…]"
# A modifier ending in a connector is a formula (“人才+项目”), not a name.
_CONNECTOR_END = "+＋、和与及/&·-—"
_NUMERAL = r"(?:[0-9]{1,3}|[一二三四五六七八九十两百]{1,4})"
_QUOTES = "“”‘’\""



@functools.cache
def _fixed() -> dict[str, regex.Pattern[str]]:
    """The fixed patterns, compiled on first use rather than at import."""
    return {
        "quote": regex.compile(_QUOTE),
        "clause_punct": regex.compile(_CLAUSE_PUNCT),
        "han": regex.compile(r"\p{Han}"),
        "numbered": regex.compile(rf"{_NUMERAL}条"),
    }


@functools.cache
def _heads() -> tuple[dict[str, str], dict[str, str]]:
    """(inside heads, after heads) -> kind, with ``<N>`` expanded to a numeral pattern."""
    inside: dict[str, str] = {}
    after: dict[str, str] = {}
    for row in read_tsv("programme_heads.tsv"):
        head, kind, where = row["head"], row["kind"], row["where"]
        if where in ("inside", "both"):
            inside[head] = kind
        if where in ("after", "both"):
            after[head] = kind
    return inside, after


@functools.cache
def _gap_re() -> tuple[regex.Pattern[str], list[str]] | None:
    """Heads that may follow the quote after a few modifier characters (“全链条”科创企业培育机制)."""
    rows = [r for r in read_tsv("programme_heads.tsv") if r.get("gap", "").isdigit() and int(r["gap"]) > 0]
    if not rows:
        return None
    # The gap is a modifier (科创企业培育), never a function word: “…”等新机制 and “…”的体制机制
    # attach the head to something else than the quoted name.
    gap = r"[^\P{Han}的等和与及或之]"
    alts = [rf"{gap}{{1,{int(r['gap'])}}}?(?P<h{i}>{regex.escape(r['head'])})" for i, r in enumerate(rows)]
    return regex.compile("|".join(alts)), [r["kind"] for r in rows]


@functools.cache
def _regexes() -> tuple[regex.Pattern[str], list[str], regex.Pattern[str], list[str]]:
    """(name ends with a head, the kinds by group; a head right after the quote, the kinds by group)."""
    inside, after = _heads()

    def build(heads: dict[str, str]) -> tuple[str, list[str]]:
        numbered = [h for h in heads if "<N>" in h]
        literal = sorted((h for h in heads if "<N>" not in h), key=lambda h: (-len(h), h))
        ordered = numbered + literal
        alts = [regex.escape(h).replace(regex.escape("<N>"), _NUMERAL) for h in ordered]
        pattern = "|".join(f"(?P<h{i}>{a})" for i, a in enumerate(alts))
        return pattern, [heads[h] for h in ordered]

    in_pat, in_kinds = build(inside)
    after_pat, after_kinds = build(after)
    return (
        regex.compile(rf"(?:{in_pat})$"),
        in_kinds,
        regex.compile(rf"(?:{after_pat})"),
        after_kinds,
    )


@functools.cache
def _negatives() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """(whole names, head continuations, directive prefixes) that are not programmes."""
    rows = read_tsv("programme_negatives.tsv")
    names = frozenset(r["text"] for r in rows if r["match"] == "name")
    follows = tuple(sorted((r["text"] for r in rows if r["match"] == "follow"), key=len, reverse=True))
    prefixes = tuple(r["text"] for r in rows if r["match"] == "prefix")
    return names, follows, prefixes


def _kind_of(m: regex.Match[str], kinds: list[str]) -> str:
    for i, kind in enumerate(kinds):
        if m.group(f"h{i}") is not None:
            return kind
    raise AssertionError("a head matched without a group")  # pragma: no cover


def _plausible_name(name: str) -> bool:
    """A programme name has Han characters, no sentence punctuation and no 的 (“可能的地面行动”
    is a description, not a name)."""
    return bool(_fixed()["han"].search(name)) and not _fixed()["clause_punct"].search(name) and "的" not in name


def classify(quoted: str, following: str = "") -> tuple[str, int] | None:
    """``(kind, head length after the quote)`` for a quoted name and the text after its closing quote.

    Returns None for slogans and nicknames.

    >>> classify("太行英才", "计划的同步推动"), classify("姚江英才项目", ","), classify("明星", ",")
    (('计划', 2), ('项目', 0), None)
    """
    in_re, in_kinds, after_re, after_kinds = _regexes()
    neg_names, neg_follows, neg_prefixes = _negatives()
    name = quoted.strip()
    if not _plausible_name(name) or name in neg_names:
        return None
    m = after_re.match(following)
    if m and not following.startswith(neg_follows):
        if name + m.group() in neg_names:
            return None
        return _kind_of(m, after_kinds), m.end()
    gap = _gap_re()
    m = gap[0].match(following) if gap else None
    if m and gap and not name.startswith(neg_prefixes):
        head_start = next(m.start(f"h{g}") for g in range(len(gap[1])) if m.group(f"h{g}") is not None)
        if not following.startswith(neg_follows, head_start):
            return _kind_of(m, gap[1]), m.end()
    m = in_re.search(name)
    if m:
        modifier = name[: m.start()]
        # A numbered package needs only one character before it (“新十条”); a word head needs a name.
        min_len = 1 if _fixed()["numbered"].fullmatch(m.group()) else 2
        if len(modifier) < min_len or modifier[-1] in _CONNECTOR_END or modifier.startswith("第"):
            return None
        # A list or couplet (“项目大谋划、谋划大项目”) or a quoted task heading is not a name.
        if "、" in modifier or name.startswith(neg_prefixes):
            return None
        return _kind_of(m, in_kinds), 0
    return None


def extract(ctx: Context) -> Iterator[Fact]:
    """Every quoted programme or mechanism name in the text."""
    norm, text = ctx.norm, ctx.text
    if not any(q in norm for q in _QUOTES):
        return
    for m in _fixed()["quote"].finditer(norm):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        quoted = m.group(group)
        result = classify(quoted, norm[m.end() : m.end() + 12])
        if result is None:
            continue
        kind, head_len = result
        start, end = m.start(), m.end() + head_len
        span = text[start:end]
        inner = text[m.start(group) : m.end(group)]
        name = inner.strip() + text[m.end() : end]
        rule = "“name”+head" if head_len else "“name+head”"
        yield Programme(start=start, end=end, text=span, name=name, kind=kind, rule=rule)
