"""Quotations and who said them: ``“……”施雨虹说``, ``孟来介绍:“……”``.

Why only attributed quotes: Chinese news puts slogans, programme names and
coined phrases in the same “” marks (``“双碳”``, ``“四个倍增”``); what makes a
quotation is a speaker with a verb of saying (person_speech_verbs.tsv) right
before the opening mark or right after the closing one. The span is the quoted
text with its marks; the speaker is a person name when the person extractor
(ORDER 30) found one there, else the role or organisation phrase as written
(``余姚市科技局负责人``), or a pronoun (``他``) as written.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable

import regex

from ..facts import Fact, Person, Quote
from ..pipeline import Context
from ..resources import read_tsv

NAME = "quote"
ORDER = 40

__all__ = ["NAME", "ORDER", "extract"]

# Longest quotation and speaker phrase considered (bounded: no runaway matching on huge lines).
_QUOTE_MAX = 800
_SPEAKER_MAX = 25
# A person named this far after the closing mark, in the same clause, is the speaker
# (“……”浙江亿美达门业有限公司董事长吴东君指着……说).
_PERSON_AFTER = 30
_PUNCT = ",.;:!?。,;:!?、“”\"'‘’()《》【】\n\t "


def _alt(words: Iterable[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def _regexes() -> dict[str, regex.Pattern[str]]:
    verbs = _alt(r["verb"] for r in read_tsv("person_speech_verbs.tsv"))
    after_verb = r"(?=[^\p{Han}]|道|$)"
    phrase = rf"[^,.;:!?。;:!?、“”\"()\n]{{1,{_SPEAKER_MAX}}}?"
    return {
        "quote": regex.compile(rf"“(?P<q>[^“”\n]{{2,{_QUOTE_MAX}}})”"),
        # “……”<speaker><verb>
        "after": regex.compile(rf"[,]? ?(?P<sp>{phrase})(?P<verb>{verbs}){after_verb}"),
        # <speaker><verb>[:,]“……”
        "before": regex.compile(rf"(?P<sp>{phrase})(?P<verb>{verbs}) ?[:,]? ?\Z"),
        "setting": regex.compile(r"在[^,;。]{1,40}?(?:时|上|中|期间|之际|后|前)\Z"),
        "clause_verb": regex.compile(rf"[^,.;:!?。;:!?“”\n]{{0,{_PERSON_AFTER * 2}}}?(?:{verbs}){after_verb}"),
    }


def _trim(norm: str, s: int, e: int) -> tuple[int, int]:
    """Strip spaces, leading connectives (据, 对此) and a trailing setting (在…时) from a speaker phrase.

    ``习近平总书记在安徽考察时强调`` -> ``习近平总书记``; a phrase that is only a
    setting (``在座谈会上强调``, the subject in an earlier clause) is empty.
    """
    while s < e and norm[s] in " \t":
        s += 1
    for lead in ("对此", "据", "随后", "同时", "其中"):
        if norm.startswith(lead, s) and e - s > len(lead) + 1:
            s += len(lead)
    m = _regexes()["setting"].search(norm, s, e)
    if m:
        e = m.start()
    return s, e


def _people_from(people: list[Person], starts: list[int], s: int, e: int) -> list[Person]:
    """Person mentions starting in ``[s, e)`` (``people`` sorted by start, ``starts`` their starts)."""
    return people[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]


def _person_in(people: list[Person], starts: list[int], s: int, e: int) -> Person | None:
    """The last person mention inside ``[s, e)`` (the speaker of a role phrase)."""
    inside = [p for p in _people_from(people, starts, s, e) if p.end <= e]
    return inside[-1] if inside else None


def _speaker_after(ctx: Context, qe: int, people: list[Person], starts: list[int]) -> tuple[int, int] | None:
    norm = ctx.norm
    rx = _regexes()
    limit = min(len(norm), qe + _PERSON_AFTER + _SPEAKER_MAX)
    # A role mention found by the person extractor, followed by a verb of saying in its clause.
    for p in _people_from(people, starts, qe, qe + _PERSON_AFTER + 1):
        between = norm[qe : p.start].lstrip(", ")
        if qe <= p.start <= qe + _PERSON_AFTER and not any(c in _PUNCT for c in between):
            if rx["clause_verb"].match(norm, p.end, limit + _PERSON_AFTER):
                return p.start, p.end
            break
    m = rx["after"].match(norm, qe, limit)
    if not m:
        return None
    s, e = _trim(norm, m.start("sp"), m.end("sp"))
    person = _person_in(people, starts, s, e)
    if person is not None:
        return person.start, person.end
    return (s, e) if e > s else None


def _speaker_before(ctx: Context, qs: int, people: list[Person], starts: list[int]) -> tuple[int, int] | None:
    norm = ctx.norm
    lo = max(0, qs - _SPEAKER_MAX - 12)
    m = _regexes()["before"].search(norm, lo, qs)
    if not m:
        return None
    s, e = _trim(norm, m.start("sp"), m.end("sp"))
    person = _person_in(people, starts, s, e)
    if person is not None:
        return person.start, person.end
    return (s, e) if e > s else None


def extract(ctx: Context) -> Iterable[Fact]:
    """Quote facts for every quotation with a speaker next to it."""
    people = sorted((p for p in ctx.facts_of("person") if isinstance(p, Person)), key=lambda p: p.start)
    starts = [p.start for p in people]
    out: list[Quote] = []
    for b0, b1 in ctx.body:
        for m in _regexes()["quote"].finditer(ctx.norm, b0, b1):
            qs, qe = m.start(), m.end()
            speaker = _speaker_before(ctx, qs, people, starts) or _speaker_after(ctx, qe, people, starts)
            if speaker is None:
                continue
            s, e = speaker
            out.append(
                Quote(
                    start=qs,
                    end=qe,
                    text=ctx.text[qs:qe],
                    speaker=ctx.text[s:e],
                    speaker_start=s,
                    speaker_end=e,
                    rule="speaker-before" if s < qs else "speaker-after",
                )
            )
    return out
