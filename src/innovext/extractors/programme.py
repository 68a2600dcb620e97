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

Regional reports also name plans WITHOUT quotes, as the object of a launching verb
(深入实施乡村振兴战略, 宁夏启动特色优势产业高质量发展三年行动计划). Those are read only
in that frame, which keeps them precise: a verb from ``data/programme_cues.tsv``, a
bounded run of content characters (no function word, no punctuation) and a head marked
``unquoted`` that ENDS the name (实施…计划投资 is a plan to invest). The span is the name
alone; names inside a 《》 title are left to the title (policy facts run first).
"""

from __future__ import annotations

import bisect
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
_NUMERAL_CLASS = "[0-9一二三四五六七八九十两百]"
_QUOTES = "“”‘’\""
# A name without Han characters (“61020”, “1+N”) is taken only with a head after the quote.
_ALNUM_NAME = r"[0-9A-Za-z][0-9A-Za-z+×*·.\-]{0,15}"
# Characters of an unquoted name: Han, except function words that end a noun phrase
# (和 only in 和美/和平/和谐, which are name words: 宜居宜业和美乡村建设工程).
_UNQUOTED_CHAR = r"(?:和(?=[美平谐睦])|[^\P{Han}的和与及或是并把将从被让使等着过了而但也又还])"
#: Longest unquoted name, in characters (the longest real ones are ~20).
MAX_UNQUOTED = 28
#: Unquoted names listed after the first one (实施科教兴国战略、人才强国战略、…).
MAX_LISTED = 8
#: What may separate two listed unquoted names (a comma starts a new clause).
_LIST_SEPARATORS = frozenset({"、", "和", "及", "以及", "与"})



@functools.cache
def _fixed() -> dict[str, regex.Pattern[str]]:
    """The fixed patterns, compiled on first use rather than at import."""
    return {
        "quote": regex.compile(_QUOTE),
        "clause_punct": regex.compile(_CLAUSE_PUNCT),
        "han": regex.compile(r"\p{Han}"),
        "numbered": regex.compile(rf"{_NUMERAL}条"),
        "alnum_name": regex.compile(_ALNUM_NAME),
        "numeral_end": regex.compile(rf"{_NUMERAL}$"),
        # A count right after a head: “双百双新”项目634个, 文物保护工程290项, …行动10余次.
        "count_after": regex.compile(r"[0-9]{1,6}(?:\.[0-9]{1,3})?[余多]?(?:个|项|家|次|场|处)"),
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
def _needs_launch() -> frozenset[str]:
    """Kinds whose head after the quotes needs a launching verb or a count (项目)."""
    return frozenset(r["kind"] for r in read_tsv("programme_heads.tsv") if r.get("needs") == "launch")


@functools.cache
def _gap_re() -> tuple[regex.Pattern[str], list[str]] | None:
    """Heads that may follow the quote after a few modifier characters (“全链条”科创企业培育机制)."""
    rows = [r for r in read_tsv("programme_heads.tsv") if r.get("gap", "").isdigit() and int(r["gap"]) > 0]
    if not rows:
        return None
    # The gap is a modifier (科创企业培育), never a function word or a classifier: “…”等新机制,
    # “…”的体制机制, “双碳”是一项系统工程 attach the head to something else than the quoted name.
    gap = r"[^\P{Han}的等和与及或之是在对将把被从向了项个这那其以]"
    # Longest heads first, so that 专项行动 is not cut to 行动 nor 行动计划 to 行动.
    order = sorted(range(len(rows)), key=lambda i: -len(rows[i]["head"]))
    alts = [rf"{gap}{{1,{int(rows[i]['gap'])}}}?(?P<h{i}>{regex.escape(rows[i]['head'])})" for i in order]
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


@functools.cache
def _period_re() -> regex.Pattern[str] | None:
    """Quoted periods and levels (“十四五”, “国家级”): never a programme name."""
    alts = [r["text"] for r in read_tsv("programme_negatives.tsv") if r["match"] == "period"]
    return regex.compile(rf"(?:{'|'.join(alts)})") if alts else None


@functools.cache
def _cues() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for row in read_tsv("programme_cues.tsv"):
        roles.setdefault(row["role"], []).append(row["word"])
    return {k: tuple(v) for k, v in roles.items()}


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _head_alternation(heads: list[str]) -> str:
    """Heads longest first, numbered ones (``<N>条措施``) first of all, ``<N>`` as a numeral;
    each head in a group ``h<i>`` (``i`` = its index in ``heads``)."""
    order = sorted(range(len(heads)), key=lambda i: ("<N>" not in heads[i], -len(heads[i]), heads[i]))
    numeral = regex.escape("<N>")
    return "|".join(f"(?P<h{i}>{regex.escape(heads[i]).replace(numeral, _NUMERAL)})" for i in order)


@functools.cache
def _launch_re() -> regex.Pattern[str]:
    """A launching verb ending the text before a quote (实施“…”, 援建的“…”, 实施了“…”)."""
    return regex.compile(rf"(?:{_alternation(_cues()['launch'])})[的了好]?$")


@functools.cache
def _unquoted_res() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], dict[str, str]]:
    """(head ending a name, name run read backwards from a head, launching verb, head -> kind).

    The scan is driven by the heads, which are rare, rather than by the verbs, which are
    common (实施 alone is in most report sentences): each head reads at most
    :data:`MAX_UNQUOTED` characters back, so the cost stays linear and small even on a
    text made of verbs.
    """
    heads = {r["head"]: r["kind"] for r in read_tsv("programme_heads.tsv") if r.get("unquoted") in ("yes", "strict")}
    cues = _cues()
    follow = _alternation(cues["follow"])
    # The head ends the name: a non-Han character or an allowed word follows it.
    # Numbered heads (<N>条措施) are found at their literal part, the numeral being checked
    # behind it and added back by the caller (_head_start): a pattern opening with a numeral
    # class would be tried at every 一 and 十 of the text.
    literal = [h for h in heads if "<N>" not in h]
    numbered = [regex.escape(h.split("<N>", 1)[1]) for h in heads if "<N>" in h]
    alts = _alternation(literal)
    if numbered:
        alts += rf"|(?<={_NUMERAL_CLASS})(?P<num>{'|'.join(numbered)})"
    head_re = regex.compile(rf"(?:{alts})(?=[^\p{{Han}}]|$|(?:{follow}))")
    run_re = regex.compile(rf"(?r){_UNQUOTED_CHAR}{{1,{MAX_UNQUOTED + 6}}}")
    verb_re = regex.compile(rf"(?:{_alternation(cues['verb'])})")
    return head_re, run_re, verb_re, heads


@functools.cache
def _lead_re() -> regex.Pattern[str]:
    """Words opening a name run that are not part of the name: adverbs and a (second)
    launching verb (部署[深入实施]提振消费…), and 了/好/新一轮 after a verb."""
    cues = _cues()
    adverbs = _alternation(cues.get("adverb", ()))
    skip = _alternation(cues["skip"])
    return regex.compile(
        rf"(?:(?:{adverbs}){{0,2}}(?P<verb>{_alternation(cues['verb'])}))?(?:{skip}){{0,2}}"
    )


@functools.cache
def _unquoted_guards() -> tuple[regex.Pattern[str], regex.Pattern[str] | None]:
    """(name head at its end, with groups ``h<i>`` as in :func:`_head_alternation`; count opening a name)."""
    cues = _cues()
    heads = _unquoted_res()[3]
    head_end = regex.compile(rf"(?:{_head_alternation(list(heads))})$")
    counts = cues.get("count", ())
    count_re = regex.compile(rf"^(?:{'|'.join(counts)})") if counts else None
    return head_end, count_re


def _kind_of(m: regex.Match[str], kinds: list[str]) -> str:
    for i, kind in enumerate(kinds):
        if m.group(f"h{i}") is not None:
            return kind
    raise AssertionError("a head matched without a group")  # pragma: no cover


def _plausible_name(name: str, alnum: bool = False) -> bool:
    """A programme name has Han characters, no sentence punctuation and no 的 (“可能的地面行动”
    is a description, not a name). With ``alnum``, a code name (“61020”, “1+N”) is also taken:
    only when a head follows the quote, which says what the code names."""
    if alnum and _fixed()["alnum_name"].fullmatch(name) and any(c.isalnum() for c in name):
        return True
    return bool(_fixed()["han"].search(name)) and not _fixed()["clause_punct"].search(name) and "的" not in name


def _launched(before: str, following: str, head_end: int) -> bool:
    """A launching verb right before the quote, or a count of projects right after the head."""
    return bool(_launch_re().search(before)) or bool(_fixed()["count_after"].match(following, head_end))


def classify(quoted: str, following: str = "", before: str = "") -> tuple[str, int] | None:
    """``(kind, head length after the quote)`` for a quoted name, the text after its closing
    quote and the text before its opening quote.

    Returns None for slogans and nicknames.

    >>> classify("太行英才", "计划的同步推动"), classify("姚江英才项目", ","), classify("明星", ",")
    (('计划', 2), ('项目', 0), None)
    >>> classify("双百双新", "项目634个"), classify("白名单", "项目合理融资"), classify("1+N", "政策")
    (('项目', 2), None, ('政策', 2))
    """
    in_re, in_kinds, after_re, after_kinds = _regexes()
    neg_names, neg_follows, neg_prefixes = _negatives()
    name = quoted.strip()
    period = _period_re()
    if not _plausible_name(name, alnum=True) or name in neg_names or (period and period.fullmatch(name)):
        return None
    code_name = not _fixed()["han"].search(name)
    launch_kinds = _needs_launch()
    m = after_re.match(following)
    if m and not following.startswith(neg_follows):
        kind = _kind_of(m, after_kinds)
        if name + m.group() in neg_names:
            return None
        if kind not in launch_kinds or _launched(before, following, m.end()):
            return kind, m.end()
    gap = _gap_re()
    m = gap[0].match(following) if gap else None
    # A one-character name does not carry a modifier gap (此次‘你’系列电影计划).
    if m and gap and len(name) > 1 and not name.startswith(neg_prefixes):
        head_start = next(m.start(f"h{g}") for g in range(len(gap[1])) if m.group(f"h{g}") is not None)
        kind = _kind_of(m, gap[1])
        stopped = any(w in following[:head_start] for w in _cues().get("gap_stop", ()))
        if (
            not stopped
            and not following.startswith(neg_follows, head_start)
            and (kind not in launch_kinds or _launched(before, following, m.end()))
        ):
            return kind, m.end()
    if code_name:
        return None
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
    """Every quoted programme or mechanism name in the text, then the unquoted named plans."""
    spans: list[tuple[int, int]] = []
    yield from _quoted(ctx, spans)
    # A quoted stretch was judged as a whole (a quoted task heading “实施…战略” is no name).
    yield from _unquoted(ctx, spans)


def _quoted(ctx: Context, spans: list[tuple[int, int]]) -> Iterator[Programme]:
    """Quoted programme names; every quoted stretch and fact span is appended to ``spans``."""
    norm, text = ctx.norm, ctx.text
    if not any(q in norm for q in _QUOTES):
        return
    for m in _fixed()["quote"].finditer(norm):
        spans.append(m.span())
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        quoted = m.group(group)
        result = classify(quoted, norm[m.end() : m.end() + 16], norm[max(0, m.start() - 4) : m.start()])
        if result is None:
            continue
        kind, head_len = result
        start, end = m.start(), m.end() + head_len
        span = text[start:end]
        inner = text[m.start(group) : m.end(group)]
        name = inner.strip() + text[m.end() : end]
        rule = "“name”+head" if head_len else "“name+head”"
        spans.append((start, end))
        yield Programme(start=start, end=end, text=span, name=name, kind=kind, rule=rule)


@functools.cache
def _generic_re() -> regex.Pattern[str]:
    """A modifier made only of generic words (重大国家, 联合打击) names no plan."""
    return regex.compile(rf"(?:{_alternation(_cues().get('generic', ('-',)))})+")


@functools.cache
def _strict_heads() -> frozenset[str]:
    """Unquoted heads that only end a name after a `strict` verb (plain 计划)."""
    return frozenset(r["head"] for r in read_tsv("programme_heads.tsv") if r.get("unquoted") == "strict")


def _unquoted_name(name: str, verb: str = "实施") -> str | None:
    """The kind of an unquoted name written after ``verb``, or None when it is not a programme name.

    >>> _unquoted_name("乡村振兴战略"), _unquoted_name("三年行动计划"), _unquoted_name("灾后救援行动")
    ('战略', None, None)
    >>> _unquoted_name("城乡居民增收计划"), _unquoted_name("国家科技计划", "开展")
    ('计划', None)
    >>> _unquoted_name("促进院所成果转化18条措施", "出台"), _unquoted_name("20条措施", "出台")
    ('政策', None)
    """
    head_end, count_re = _unquoted_guards()
    m = head_end.search(name)
    if m is None:  # pragma: no cover - the pattern ends every name with a head
        return None
    head = next(list(_unquoted_res()[3])[int(k[1:])] for k, v in m.groupdict().items() if v is not None)
    if head in _strict_heads() and verb not in _cues().get("strict", ()):
        return None
    modifier = name[: m.start()]
    # The modifier names the plan: three characters at least, not a mere duration
    # (开展三年行动计划), a count of events (上万场巡河护河行动) or an operation (搜救行动).
    if len(modifier) < 3 or _fixed()["han"].search(modifier) is None:
        return None
    if count_re is not None and count_re.match(modifier):
        return None
    if modifier.endswith(_cues()["operation"]) or _generic_re().fullmatch(modifier):
        return None
    period = _period_re()
    if period is not None and period.fullmatch(modifier):
        return None
    return _unquoted_res()[3][head]


def _head_start(norm: str, h: regex.Match[str]) -> int:
    """Where a head match starts, with the numeral of a numbered head (二十|条措施)."""
    hs = h.start()
    if h.groupdict().get("num") is None:
        return hs
    numeral = _fixed()["numeral_end"].search(norm, max(0, hs - 4), hs)
    return numeral.start() if numeral else hs


def _unquoted(ctx: Context, taken: list[tuple[int, int]]) -> Iterator[Programme]:
    """Unquoted names after a launching verb, and the names listed after them with 、."""
    norm, text = ctx.norm, ctx.text
    head_re, run_re, verb_re, _ = _unquoted_res()
    titles = [(f.start, f.end) for f in ctx.facts_of("policy")]
    taken_sorted = sorted(taken)

    def free(s: int, e: int) -> bool:
        # Quoted stretches and titles are few per document; bisect keeps long texts linear.
        i = bisect.bisect_left(taken_sorted, (e, e))
        if i and taken_sorted[i - 1][1] > s:
            return False
        return not any(a <= s and e <= b for a, b in titles)

    last_end, last_verb, listed = -1, "", 0
    for h in head_re.finditer(norm):
        hs = _head_start(norm, h)
        run = run_re.match(norm, max(0, hs - MAX_UNQUOTED - 6), hs)
        if run is None:
            continue
        r = run.start()
        verb = verb_re.search(norm, r, hs)
        if verb is not None:
            s, verb_word, listed = verb.end(), verb.group(), 0
        elif last_end >= 0 and norm[last_end:r] in _LIST_SEPARATORS and listed < MAX_LISTED:
            # 实施科教兴国战略、人才强国战略, 实施房屋品质提升工程和物业服务质量提升行动:
            # the list shares the verb of its first name.
            s, verb_word, listed = r, last_verb, listed + 1
        else:
            continue
        lead = _lead_re().match(norm, s, hs)
        if lead is not None:
            verb_word = lead.group("verb") or verb_word
            s = lead.end()
        e = h.end()
        kind = _unquoted_name(norm[s:e], verb_word)
        # A count after the head (开展文物保护工程290项) makes it a category of works.
        if kind is None or _fixed()["count_after"].match(norm, e, e + 10):
            continue
        last_end, last_verb = e, verb_word
        if free(s, e):
            yield Programme(start=s, end=e, text=text[s:e], name=text[s:e], kind=kind, rule="verb+name+head")
