"""Quotations and who said them: ``“……”施雨虹说``, ``孟来介绍:“……”``.

Why only attributed quotes: Chinese news puts slogans, programme names and
coined phrases in the same “” marks (``“双碳”``, ``“四个倍增”``); what makes a
quotation is a speaker with a verb of saying (person_speech_verbs.tsv) right
before the opening mark or right after the closing one. The span is the quoted
text with its marks; the speaker is a person name when the person extractor
(ORDER 30) found one there, else the role or organisation phrase as written
(``余姚市科技局负责人``), or a pronoun (``他``) as written.

Without a verb of saying, a quotation is still linked when it is a complete
utterance (final punctuation, or long) and a person mention stands right after
it (``“……。”公司总经理李强满怀信心``) or right before it after a short action
(``袁园深有体会,“……”``); later bare repeats of a person's name count as
mentions. Terms in quotation marks (``“三北”``) are not quotations: a quotation
has final punctuation or at least six characters.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from typing import NamedTuple

import regex

from ..facts import Fact, Person, Quote
from ..pipeline import Context
from ..resources import read_tsv
from .person import _trie

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
# Between a closing mark and the speaker's name only a role phrase stands; its titles may be
# joined by 、 (“……”中牟县委常委、副县长荣旭光说).
_PUNCT_ROLE = _PUNCT.replace("、", "").replace(" ", "")
# An action clause between a speaker and the quote that follows (袁园深有体会,“……”).
_ACTION_MAX = 30
# A quotation this long right after a role mention (no punctuation between) is theirs.
_LONG_QUOTE = 12
# A quotation is an utterance: final punctuation inside, or at least this many characters
# (“三北”, “深发展”, “多头司令” are terms, not quotations).
_QUOTE_MIN = 6
_FINAL = "。!?…!?"
# Pronouns that may speak; an adverb after them (他也, 他还) is not part of the speaker.
_PRONOUNS = ("他们", "她们", "我们", "他", "她", "我", "对方")
# Connectives and time words that open a speaker phrase without being the speaker.
_LEADS = ("对此", "据", "随后", "同时", "其中", "事后", "当时", "此前", "如今", "后来")
# Adverbs between a speaker and the verb (科比又说, 刘先生则表示, 他不无感慨地说).
_ADVERBS = (
    *("依然", "仍然", "仍", "又", "则", "也", "还", "都", "就", "却", "便", "再", "更"),
    *("不无", "随即", "当即", "直接", "再次", "同样", "进一步", "首先", "最后"),
)
# A phrase ending with these is a time clause or a dangling preposition, not a speaker
# (在回答……这一问题时坦承, 另一位犯罪嫌疑人在回答).
_NOT_SPEAKER_ENDS = ("时", "时候", "之际", "在", "对", "向", "给", "跟", "和", "与")
_TRAILING = ("向本报记者", "对本报记者", "向记者", "对记者")
# What may stand between a verb of saying and the opening mark: `` ?[:,]? ?`` of the
# "before" pattern, every string it matches.
_BEFORE_GAPS = frozenset(a + b + c for a in ("", " ") for b in ("", ":", ",") for c in ("", " "))


@functools.cache
def _verbs() -> tuple[str, ...]:
    """The verbs of saying (person_speech_verbs.tsv)."""
    return tuple(r["verb"] for r in read_tsv("person_speech_verbs.tsv") if r["verb"])


@functools.cache
def _regexes() -> dict[str, regex.Pattern[str]]:
    verbs = _trie(_verbs())
    after_verb = r"(?=[^\p{Han}]|道|$)"
    phrase = rf"[^,.;:!?。;:!?、“”\"()\n]{{1,{_SPEAKER_MAX}}}?"
    return {
        "quote": regex.compile(rf"“(?P<q>[^“”\n]{{2,{_QUOTE_MAX}}})”"),
        # “……”<speaker><verb>
        "after": regex.compile(rf"[,]? ?(?P<sp>{phrase})(?P<verb>{verbs}){after_verb}"),
        # <speaker><verb>[:,]“……”
        "before": regex.compile(rf"(?P<sp>{phrase})(?P<verb>{verbs}) ?[:,]? ?\Z"),
        "setting": regex.compile(r"在[^,;。]{1,40}?(?:时|上|中|期间|之际|后|前)\Z"),
        "manner": regex.compile(r"(?:笑着|\p{Han}{2}[地的])\Z"),
        "adverbs": regex.compile(rf"(?:{_trie(_ADVERBS)})+\Z"),
        "speech": regex.compile(verbs),
        "address": regex.compile(r"\p{Han}(?:先生|女士|小姐|师傅|大爷|大妈|阿姨)"),
        "clause_verb": regex.compile(rf"[^,.;:!?。;:!?“”\n]{{0,{_PERSON_AFTER * 2}}}?(?:{verbs}){after_verb}"),
    }


def _trim(norm: str, s: int, e: int) -> tuple[int, int]:
    """Strip spaces, leading connectives (据, 对此) and a trailing setting (在…时) from a speaker phrase.

    ``习近平总书记在安徽考察时强调`` -> ``习近平总书记``; a phrase that is only a
    setting (``在座谈会上强调``, the subject in an earlier clause) is empty.
    """
    while s < e and norm[s] in " \t":
        s += 1
    for lead in _LEADS:
        if norm.startswith(lead, s) and e - s > len(lead) + 1:
            s += len(lead)
    m = _regexes()["setting"].search(norm, s, e)
    if m:
        e = m.start()
    m = _regexes()["manner"].search(norm, s, e)
    if m and m.start() - s >= 2:
        e = m.start()  # 依明江笑着(回应), 科比依然自信的(说): the manner is not the speaker
    m = _regexes()["adverbs"].search(norm, s, e)
    if m and m.start() - s >= 1:
        e = m.start()  # 科比又, 学员刘先生则, 事后他不无: the adverbs are not the speaker
    for tail in _TRAILING:
        if norm.endswith(tail, s, e) and e - s > len(tail):
            e -= len(tail)
            break
    for pron in _PRONOUNS:
        # 他也, 他还: the pronoun speaks, the adverb goes.
        if norm.startswith(pron, s) and e - s <= len(pron) + 2:
            return s, s + len(pron)
    m = _regexes()["address"].search(norm, s, e)
    if m and m.end() == e:
        s = m.start()  # 物流车用户李先生 -> 李先生
    return s, e


def _people_from(people: list[Person | _Mention], starts: list[int], s: int, e: int) -> list[Person | _Mention]:
    """Person mentions starting in ``[s, e)`` (``people`` sorted by start, ``starts`` their starts)."""
    return people[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]


def _person_in(people: list[Person | _Mention], starts: list[int], s: int, e: int) -> Person | _Mention | None:
    """The last person mention inside ``[s, e)`` (the speaker of a role phrase)."""
    inside = [p for p in _people_from(people, starts, s, e) if p.end <= e]
    return inside[-1] if inside else None


def _speaker_after(
    ctx: Context, qe: int, people: list[Person | _Mention], starts: list[int], complete: bool
) -> tuple[int, int] | None:
    norm = ctx.norm
    rx = _regexes()
    limit = min(len(norm), qe + _PERSON_AFTER + _SPEAKER_MAX)
    # A role mention found by the person extractor, followed by a verb of saying in its clause,
    # or right after a complete utterance, doing something (“……。”公司总经理李强满怀信心).
    for p in _people_from(people, starts, qe, qe + _PERSON_AFTER + 1):
        between = norm[qe : p.start].lstrip(", ")
        if qe <= p.start <= qe + _PERSON_AFTER and not any(c in _PUNCT_ROLE for c in between):
            if rx["clause_verb"].match(norm, p.end, limit + _PERSON_AFTER) or (
                complete and norm[qe : qe + 1] not in ",,"
            ):
                return p.start, p.end
            break
    m = rx["after"].match(norm, qe, limit)
    if not m or _not_speaker(norm[m.start("sp") : m.end("sp")]):
        return None
    s, e = _trim(norm, m.start("sp"), m.end("sp"))
    person = _person_in(people, starts, s, e)
    if person is not None:
        return person.start, person.end
    return (s, e) if _phrase_ok(norm, s, e) else None


def _phrase_ok(norm: str, s: int, e: int) -> bool:
    """A speaker phrase without a person in it: two characters at least (or a pronoun), no time clause."""
    phrase = norm[s:e]
    return (len(phrase) >= 2 or phrase in _PRONOUNS) and not phrase.endswith(_NOT_SPEAKER_ENDS)


def _speaker_before(
    ctx: Context, qs: int, people: list[Person | _Mention], starts: list[int], complete: bool
) -> tuple[int, int] | None:
    norm = ctx.norm
    lo = max(0, qs - _SPEAKER_MAX - 12)
    m = _regexes()["before"].search(norm, lo, qs) if _verb_before(norm, lo, qs) else None
    if not m or _not_speaker(norm[m.start("sp") : m.end("sp")]):
        return _actor_before(ctx, qs, people, starts) if complete else None
    s, e = _trim(norm, m.start("sp"), m.end("sp"))
    person = _person_in(people, starts, s, e)
    if person is not None:
        return person.start, person.end
    return (s, e) if _phrase_ok(norm, s, e) else None


def _verb_before(norm: str, lo: int, qs: int) -> bool:
    """True when a verb of saying, after at least one character from ``lo``, ends a gap before ``qs``.

    perf: the "before" pattern (a lazy phrase, a verb, the gap, the end) is a
    search costing tens of microseconds; it cannot match unless this holds, and
    most quotations have no verb of saying right before them.
    """
    verbs = _verbs()
    return any(
        norm[qs - k : qs] in _BEFORE_GAPS and norm.endswith(verbs, lo + 1, qs - k) for k in range(4) if qs - k > lo
    )


def _actor_before(ctx: Context, qs: int, people: list[Person | _Mention], starts: list[int]) -> tuple[int, int] | None:
    """``袁园深有体会,“……”``, ``曹有龙拿起一管液体,“……”``: a person, a short action, then the quote.

    The person extractor's mention ends at most ``_ACTION_MAX`` characters before
    the opening mark, in the same clause, and a comma or colon opens the quote.
    """
    norm = ctx.norm
    if qs < 1 or norm[qs - 1] not in ",:":
        return None
    lo = max(0, qs - 1 - _ACTION_MAX)
    near = [p for p in _people_from(people, starts, max(0, lo - _SPEAKER_MAX), qs) if lo <= p.end < qs]
    if not near:
        return None
    p = near[-1]
    between = norm[p.end : qs - 1]
    if any(c in _PUNCT_ROLE for c in between):
        # 王占营说,这得益于科技创新,“……”: a verb of saying, then a lead-in clause.
        verb = _regexes()["speech"].match(between)
        if not verb or any(c in ".;!?。;!?“”\n" for c in between):
            return None
    return p.start, p.end


def _not_speaker(phrase: str) -> bool:
    """``举例`` (举例说明), ``据了解``: a verb or a source, not someone speaking."""
    from .person import _regexes as person_regexes

    phrase = phrase.strip()
    return not phrase or (phrase not in _PRONOUNS and bool(person_regexes()["stop"].fullmatch(phrase)))


def _utterance(inner: str) -> bool:
    """A quotation says something: final punctuation inside it, or a clause long enough."""
    inner = inner.strip()
    return len(inner) >= _QUOTE_MIN or (bool(inner) and inner[-1] in _FINAL)


class _Mention(NamedTuple):
    """A bare repeat of a person's name (依明江 after 果农依明江): a speaker like the role mention."""

    start: int
    end: int


def _mentions(ctx: Context, people: list[Person]) -> list[Person | _Mention]:
    """Role mentions and the later bare repeats of their names, sorted by start.

    Found by ``_name_spans`` (linear in the text per name). A repeat
    counts where it is not inside a word: after a non-Han character (“……”依明江),
    or before a stop word or non-Han character (鲁涛回忆).
    """
    from .person import _regexes as person_regexes

    names = {ctx.text[p.start : p.end] for p in people if p.end - p.start >= 2 and " " not in ctx.text[p.start : p.end]}
    out: list[Person | _Mention] = list(people)
    if not names:
        return out
    norm = ctx.norm
    taken = {p.start for p in people}
    stop = person_regexes()["stop"]
    for b0, b1 in ctx.body:
        for s, e in _name_spans(norm, names, b0, b1):
            if s in taken:
                continue
            before_ok = s == 0 or not _is_han(norm[s - 1])
            after_ok = e >= len(norm) or not _is_han(norm[e]) or stop.match(norm, e) is not None
            if before_ok or after_ok:
                out.append(_Mention(s, e))
    return sorted(out, key=lambda p: p.start)


def _name_spans(norm: str, names: Iterable[str], b0: int, b1: int) -> list[tuple[int, int]]:
    """Where ``names`` are written in ``norm[b0:b1]``: leftmost first, the longest at a position, no overlaps.

    The spans of ``regex.compile(_trie(names)).finditer(norm, b0, b1)``; perf: a
    ``str.find`` loop per name (a document names a few people) instead of a
    pattern compiled for every document.
    """
    longest: dict[int, int] = {}
    for name in names:
        n = len(name)
        if not n:
            continue
        k = norm.find(name, b0, b1)
        while k >= 0:
            if longest.get(k, 0) < n:
                longest[k] = n
            k = norm.find(name, k + 1, b1)
    out: list[tuple[int, int]] = []
    p = b0
    for s in sorted(longest):
        if s >= p:
            p = s + longest[s]
            out.append((s, p))
    return out


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def extract(ctx: Context) -> Iterable[Fact]:
    """Quote facts for every quotation with a speaker next to it."""
    out: list[Quote] = []
    # perf: every quotation opens with “ (the ``quote`` pattern); without one in the
    # text there is nothing to find, so skip the per-body scans of short documents.
    if "“" not in ctx.norm:
        return out
    # perf: the speakers (role mentions and their repeats) are only gathered once a
    # quotation is found; most documents have none.
    people: list[Person | _Mention] | None = None
    starts: list[int] = []
    for b0, b1 in ctx.body:
        for m in _regexes()["quote"].finditer(ctx.norm, b0, b1):
            qs, qe = m.start(), m.end()
            if not _utterance(m["q"]):
                continue
            if people is None:
                roles = sorted((p for p in ctx.facts_of("person") if isinstance(p, Person)), key=lambda p: p.start)
                people = _mentions(ctx, roles)
                starts = [p.start for p in people]
            # A complete utterance (final punctuation inside) or a long one may be linked to
            # a person next to it without a verb of saying.
            complete = m["q"].rstrip()[-1:] in _FINAL or len(m["q"]) >= _LONG_QUOTE
            speaker = _speaker_before(ctx, qs, people, starts, complete) or _speaker_after(
                ctx, qe, people, starts, complete
            )
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
