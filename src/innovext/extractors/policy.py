"""Titles in 《》 (and 〈〉, ``<<>>``): policy documents, reports and other works.

Every bracketed title becomes one :class:`~innovext.facts.Policy` whose span
covers the brackets and whose ``title`` is the text inside them. The kind
(``policy`` / ``report`` / ``other``) comes from the head word the title ends
with (``data/policy_heads.tsv``), the status from ``data/policy_status.tsv``,
the issuer from the start of the title (``长治市…方案``) or from an actor right
before an issuing verb (``国务院办公厅印发《…》``, ``data/policy_issuing.tsv``).

Bracket matching is a single left-to-right pass over bracket events found by a
C-level regex scan, with a stack for nesting (``《关于印发《…》的通知》``). An
opener that is not closed within :data:`MAX_TITLE` characters, or before a
paragraph break or a full stop, is *unclosed*: it is dropped from the stack (so
it never swallows the rest of the document), reported in ``ctx.flags``, and
turned into a flagged fact only when a policy/report head word lets us guess
where the title ends. Stray closers are ignored. Every event is handled once
and every opener is popped once, so the pass is linear in the text length.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import regex

from ..facts import Fact, Policy
from ..resources import read_tsv

if TYPE_CHECKING:  # the pipeline imports the extractors; only the type is needed here
    from ..pipeline import Context

NAME = "policy"
ORDER = 50

#: Longest title (characters inside the brackets) accepted before an opener is
#: declared unclosed. Real titles, even 关于印发《…》的通知 wrappers, stay well below.
MAX_TITLE = 150
#: Deepest nesting kept open (《关于印发《…》的通知》 is 2); older openers beyond it are unclosed.
MAX_DEPTH = 8
#: Unclosed openers listed one by one in ``ctx.flags``; the rest are counted in one message.
MAX_FLAGS = 20
#: Unclosed titles whose end is guessed per document; a text with more is broken markup,
#: and its guesses would only be noise (they are still counted in ``ctx.flags``).
MAX_GUESSES = 200
#: Window searched for a head word when guessing the end of an unclosed title.
GUESS_WINDOW = 60
#: How far before the opener the issuing clause (actor + verb) is looked for.
ISSUER_WINDOW = 40

# Bracket families: opener -> closer. 《》 is the standard; 〈〉 (U+3008/9, and the
# look-alike U+2329/A) is the inner form but also used alone; << >> appears in
# plain-text sources.
_FAMILIES = {"《": "》", "\u3008": "\u3009", "\u2329": "\u232a", "<<": ">>"}
_CLOSERS = {v: k for k, v in _FAMILIES.items()}
# Fixed patterns, compiled on first use (see _re), never at import time.
_PATTERNS = {
    # Bracket events; paragraph breaks and full stops end any open title.
    # Runs of one opener are one event (a run of 10^6 《 costs one step, not 10^6).
    "event": "《+|》|\u3008+|\u3009|\u2329+|\u232a|(?:<<)+|>>|\n[ \t\r]*\n|。",
    # The opener events alone (what can happen while no title is open).
    "opener": "《+|\u3008+|\u2329+|(?:<<)+",
    "han": r"\p{Han}",
    "linebreak": r"[ \t\u3000]*\r?\n[ \t\u3000]*",
    "year": r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])|([〇零一二三四五六七八九]{4})年",
    # Trailing edition / year / status decorations set aside before looking for the head word:
    # "(试行)", "(2021-2025年)", "(2023年版)", "2022", "(第二版)", "(修订)".
    "trailer": r"(?:\s*(?:\([^()]{1,16}\)|\[[^\[\]]{1,16}\]|【[^【】]{1,16}】|[0-9]{4}(?:年度?|版)?"
    r"|[0-9]{4}\s*[-—~～至]\s*[0-9]{4}年?))+\s*$",
    # A place-like prefix of a title: 长治市…, 黑龙江省…, 中共长治市委…, 穆棱市人民政府办公室关于…
    "title_issuer": r"^(?:中共)?(?P<place>\p{Han}{2,4}?(?:省|市|县))(?:委员会|人民政府|政府|人大常委会|委)?"
    r"(?:办公厅|办公室)?",
    # Common nouns that end like a place (城市, 都市) or collective references (全市, 该市).
    "not_place": r"(?:城|都|省|县|全|本|我|该|各|超|大|型)(?:省|市|县)",
    # Where the clause holding an unclosed title ends.
    "guess_stop": r"[,;。!?\n:《》〈〉<>]",
    "paren": r"\([^()]{1,16}\)",
    "edition": r"[0-9]{4}|版",
}
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


@functools.cache
def _re(name: str) -> regex.Pattern[str]:
    return regex.compile(_PATTERNS[name])


# Discourse punctuation that closes the clause holding the actor of an issuing verb.
_CLAUSE_BREAK = ",，。;；:：!?！？\n()“”\"》"


# ---------------------------------------------------------------------------
# Tables and the regexes generated from them (built on first use, not at import)


def _alternation(words: Iterable[str]) -> str:
    """Longest-first alternation of literal words."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def _heads() -> dict[str, str]:
    return {row["head"]: row["kind"] for row in read_tsv("policy_heads.tsv") if row["head"]}


@functools.cache
def _head_requires() -> dict[str, tuple[str, ...]]:
    """Heads that only count when the title contains one of the given words (bare 法, 建议)."""
    return {
        row["head"]: tuple(p for p in row["requires"].split("|") if p)
        for row in read_tsv("policy_heads.tsv")
        if row.get("requires")
    }


#: ``<N>`` in a head word stands for a numeral (``<N>条``: 《鼓励青年返乡创业二十条》); never after 第,
#: which cites an article (《…第十条》), and never as the whole title.
_NUMERAL = r"(?<=[^第0-9一二三四五六七八九十两百])(?:[0-9]{1,3}|[一二三四五六七八九十两百]{1,4})"


@functools.cache
def _head_end_re() -> regex.Pattern[str]:
    """The head word a (decoration-free) title ends with; numbered heads are tried first."""
    numbered = [h for h in _heads() if "<N>" in h]
    literal = [h for h in _heads() if "<N>" not in h]
    alts = [f"(?P<n{i}>{regex.escape(h).replace(regex.escape('<N>'), _NUMERAL)})" for i, h in enumerate(numbered)]
    return regex.compile(rf"(?:{'|'.join([*alts, _alternation(literal)])})$")


def _head_of(m: regex.Match[str]) -> str:
    """The table entry of a head match (``二十条`` -> ``<N>条``)."""
    for name, value in m.groupdict().items():
        if value is not None:
            return [h for h in _heads() if "<N>" in h][int(name[1:])]
    return m.group()


@functools.cache
def _head_any_re() -> regex.Pattern[str]:
    """Policy/report head words anywhere (to guess the end of an unclosed title)."""
    words = [h for h, k in _heads().items() if k in ("policy", "report") and "<N>" not in h]
    return regex.compile(rf"(?:{_alternation(words)})")


@functools.cache
def _status_tables() -> tuple[regex.Pattern[str], regex.Pattern[str], dict[str, str]]:
    rows = read_tsv("policy_status.tsv")
    mapping = {r["surface"]: r["status"] for r in rows}
    anywhere = [r["surface"] for r in rows if r["where"] == "any"]
    paren = [r["surface"] for r in rows]
    any_re = regex.compile(rf"(?:{_alternation(anywhere)})")
    # A parenthesis holding a status word, possibly after a year: "(2023年修订)".
    paren_re = regex.compile(rf"\(\s*(?:[0-9]{{4}}年)?\s*({_alternation(paren)})\s*\)")
    return any_re, paren_re, mapping


@functools.cache
def _issuing() -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {}
    for row in read_tsv("policy_issuing.tsv"):
        roles.setdefault(row["role"], []).append(row["word"])
    return {k: tuple(v) for k, v in roles.items()}


@functools.cache
def _issuing_res() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """(verb before 《, trailing adverbs, leading discourse words, issuer suffix) patterns."""
    words = _issuing()
    date = r"于?[0-9]{4}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?|于?[0-9]{1,2}月(?:[0-9]{1,2}日)?|于"
    verb_re = regex.compile(rf"(?:{_alternation(words['verb'])})(?:了|并)?\s*$")
    adverb_re = regex.compile(rf"(?:{_alternation(words['adverb'])}|{date})+$")
    lead_re = regex.compile(rf"^(?:{_alternation(words['lead'])})+")
    suffix_re = regex.compile(rf"(?:{_alternation(words['suffix'])})$")
    return verb_re, adverb_re, lead_re, suffix_re


# ---------------------------------------------------------------------------
# Field readers


def classify(title: str) -> str:
    """The kind of a title from its head word: ``policy``, ``report`` or ``other``.

    >>> classify("长治市科技创新券实施细则"), classify("国家创新型城市创新能力评价报告2022"), classify("红楼梦")
    ('policy', 'report', 'other')
    """
    head = head_word(title)
    return "other" if head is None else _heads()[head]


def head_word(title: str) -> str | None:
    """The table head word the title ends with (``<N>条`` for a numbered package), if it counts.

    >>> head_word("鼓励青年返乡创业二十条"), head_word("刑法修正案(七)"), head_word("孙子兵法")
    ('<N>条', '修正案', None)
    """
    core = _core(title)
    m = _head_end_re().search(core)
    if not m:
        return None
    head = _head_of(m)
    requires = _head_requires().get(head)
    if requires and not any(word in core for word in requires):
        return None
    return head


@functools.cache
def _no_title_issuer() -> frozenset[str]:
    """Heads whose opening place is not the issuer (treaties: 《北京船舶司法出售公约》)."""
    return frozenset(r["head"] for r in read_tsv("policy_heads.tsv") if r.get("title_issuer") == "no")


def _core(title: str) -> str:
    """The title without trailing parentheses, years and editions (the head word ends it)."""
    core = _re("trailer").sub("", title.strip())
    core = core.strip().rstrip("”\"’'")
    return core or title.strip()


def read_status(title: str, after: str = "") -> str | None:
    """试行 / 暂行 / 征求意见稿 … from the title, or a parenthesis right after the closing bracket.

    >>> read_status("关于实施“人才贷”金融服务的意见(试行)"), read_status("XX暂行办法"), read_status("关于修订XX的决定")
    ('试行', '暂行', None)
    """
    any_re, paren_re, mapping = _status_tables()
    m = paren_re.search(title)
    if m and title[m.end() :].strip() == "":
        return mapping[m.group(1)]
    m = any_re.search(title)
    if m:
        return mapping[m.group()]
    m = paren_re.match(after.lstrip())
    if m:
        return mapping[m.group(1)]
    return None


def read_year(title: str) -> int | None:
    """The first year the title carries (``报告2022`` -> 2022, ``二〇二三年`` -> 2023).

    >>> read_year("国家创新型城市创新能力评价报告2022"), read_year("规划(2021-2025年)"), read_year("实施方案")
    (2022, 2021, None)
    """
    m = _re("year").search(title)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    year = int(m.group(2).translate(_CN_DIGITS))
    return year if 1949 <= year <= 2100 else None


def _title_issuer(ctx: Context, t0: int, t1: int) -> str | None:
    """An issuer named at the very start of the title (a place or organisation fact, else 长治市-like)."""
    best: tuple[int, str] | None = None
    for f in ctx.facts:
        # 中国 in 《中国数字经济发展白皮书》 names the subject, not the issuer.
        if getattr(f, "level", None) == "country":
            continue
        if f.type in ("place", "organization") and f.start == t0 and f.end <= t1:
            if best is None or f.end > best[0]:
                best = (f.end, f.text)
    norm = ctx.norm[t0:t1]
    m = _re("title_issuer").match(norm)
    if m and best is not None:
        # Extend a place fact by the government body written after it (长治市 + 人民政府办公室).
        return ctx.text[t0 : max(best[0], t0 + m.end())] if m.end() >= best[0] - t0 else best[1]
    if best is not None:
        return best[1]
    if m and m.end() < len(norm) and _is_place(m.group("place")):
        return ctx.text[t0 : t0 + m.end()]
    return None


def _is_place(name: str) -> bool:
    """A division name the gazetteer knows (关于完善市场… and 走进县城… start with no place)."""
    if _re("not_place").search(name):
        return False
    try:
        from ..gazetteer import lookup
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return True
    return bool(lookup(name))


def _sentence_issuer(ctx: Context, open_pos: int) -> str | None:
    """The actor of an issuing verb written right before the opener (国务院办公厅印发《)."""
    verb_re, adverb_re, lead_re, suffix_re = _issuing_res()
    lo = max(0, open_pos - ISSUER_WINDOW)
    window = ctx.norm[lo:open_pos]
    m = verb_re.search(window)
    if not m:
        return None
    clause_end = lo + m.start()
    clause_start = clause_end
    while clause_start > lo and ctx.norm[clause_start - 1] not in _CLAUSE_BREAK:
        clause_start -= 1
    clause = ctx.norm[clause_start:clause_end]
    a = adverb_re.search(clause)
    actor_end = clause_start + (a.start() if a else len(clause))
    lead = lead_re.match(ctx.norm, clause_start, actor_end)
    actor_start = lead.end() if lead else clause_start
    actor = ctx.norm[actor_start:actor_end].strip()
    if not (2 <= len(actor) <= 30) or not suffix_re.search(actor):
        return None
    if actor in _issuing().get("deictic", ()):
        return None
    if not _re("han").match(actor):
        return None
    # Report it as written (original characters), trimmed the same way.
    raw = ctx.text[actor_start:actor_end]
    return raw.strip()


# ---------------------------------------------------------------------------
# Bracket matching


def find_titles(norm: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Closed bracket pairs ``(start, end, family)`` (outermost only) and unclosed opener positions.

    ``end`` is exclusive and includes the closer. Linear time: each event is seen once
    and each opener enters and leaves the stack once (the stack never holds more than
    :data:`MAX_DEPTH` openers, nor openers more than :data:`MAX_TITLE` characters old).

    >>> find_titles("出台《A》《B《C》》》和《D")
    ([(2, 5, '《'), (5, 11, '《')], [13])
    """
    closed: list[tuple[int, int, str]] = []
    unclosed: list[int] = []
    stack: deque[tuple[int, str]] = deque()

    event, opener = _re("event"), _re("opener")
    m = opener.search(norm)
    while m is not None:
        tok, pos = m.group(), m.start()
        while stack and pos - stack[0][0] - len(stack[0][1]) > MAX_TITLE:
            unclosed.append(stack.popleft()[0])
        family = tok[:2] if tok.startswith("<<") else tok[0]
        if family in _FAMILIES:
            # Another family inside an open title is content (《关于印发〈…〉的通知》).
            if not stack or stack[-1][1] == family:
                width = len(family)
                count = len(tok) // width
                if count > MAX_DEPTH:  # only the innermost openers of a long run can still close
                    unclosed.extend(range(pos, pos + (count - MAX_DEPTH) * width, width))
                    pos += (count - MAX_DEPTH) * width
                    count = MAX_DEPTH
                for i in range(count):
                    stack.append((pos + i * width, family))
                while len(stack) > MAX_DEPTH:
                    unclosed.append(stack.popleft()[0])
        elif tok in _CLOSERS:
            if stack and stack[-1][1] == _CLOSERS[tok]:
                start, family = stack.pop()
                closed.append((start, m.end(), family))
            # else: a stray closer, or 〉 inside 《…》: content, ignored.
        else:  # paragraph break or full stop: nothing open may continue past it
            unclosed.extend(p for p, _ in stack)
            stack.clear()
        # perf: while nothing is open, closers are stray and breaks close nothing: only the
        # next opener matters (the text between is not walked event by event).
        m = (event if stack else opener).search(norm, m.end())
    unclosed.extend(p for p, _ in stack)
    # Keep the outermost pairs: properly nested pairs sort inside their parent.
    closed.sort(key=lambda p: (p[0], -p[1]))
    pairs: list[tuple[int, int, str]] = []
    for pair in closed:
        if not pairs or pair[0] >= pairs[-1][1]:
            pairs.append(pair)
    unclosed.sort()
    return pairs, unclosed


def _title_text(text: str) -> str:
    """Title field: the inside text with line breaks (and their indentation) removed."""
    def join(m: regex.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end()] if m.end() < len(text) else ""
        both_latin = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        return " " if both_latin else ""

    return _re("linebreak").sub(join, text).strip() if "\n" in text else text


def _chains(pairs: list[tuple[int, int, str]], norm: str) -> list[list[int]]:
    """Groups of titles listed together (《A》《B》、《C》和《D》), as indexes into ``pairs``."""
    groups: list[list[int]] = []
    for i, (s, _e, _f) in enumerate(pairs):
        if groups:
            prev_end = pairs[groups[-1][-1]][1]
            gap = norm[prev_end:s]
            if len(gap) <= 2 and gap.strip() in ("", "、", "和", "及", "与", ",", "以及"):
                groups[-1].append(i)
                continue
        groups.append([i])
    return groups


def _looks_like_title(inner: str) -> bool:
    """〈〉 and << >> are also angle brackets and shift operators: take them as a title only
    around mostly-Han text with no space at either end (《Nature》 needs no such check)."""
    if inner != inner.strip():
        return False
    chars = [c for c in inner if not c.isspace()]
    han = len(_re("han").findall(inner))
    return han > 0 and 2 * han >= len(chars)


def _make(ctx: Context, start: int, end: int, family: str, issuer: str | None, rule: str,
          flagged: str | None = None) -> Policy | None:
    t0 = start + len(family)
    t1 = end if flagged is not None else end - len(_FAMILIES[family])
    raw = ctx.text[t0:t1]
    title = _title_text(raw)
    if not title.strip() or (family != "《" and not _looks_like_title(ctx.norm[t0:t1])):
        return None
    norm_title = _title_text(ctx.norm[t0:t1])
    head = head_word(norm_title)
    kind = "other" if head is None else _heads()[head]
    if issuer is None and kind != "other" and head not in _no_title_issuer():
        # A place opening a policy or report title issued it (长治市…方案); one opening a
        # newspaper or a book does not (《浙江日报》).
        issuer = _title_issuer(ctx, t0, t1)
    return Policy(
        start=start,
        end=end,
        text=ctx.text[start:end],
        title=title,
        kind=kind,  # type: ignore[arg-type]
        status=read_status(norm_title, ctx.norm[end : end + 16]),
        year=read_year(norm_title),
        issuer=issuer,
        flagged=flagged,
        rule=rule,
    )


def _guess_unclosed(ctx: Context, pos: int, family: str) -> Policy | None:
    """Bound an unclosed title at the last policy/report head word before the clause ends."""
    t0 = pos + len(family)
    limit = min(len(ctx.norm), t0 + GUESS_WINDOW)
    stop = _re("guess_stop").search(ctx.norm, t0, limit)
    limit = stop.start() if stop else limit
    last = None
    for m in _head_any_re().finditer(ctx.norm, t0, limit):
        last = m
    if last is None or last.end() - t0 < 4:
        return None
    end = last.end()
    # Keep a status or edition parenthesis: 指引（2023年4月版）, 办法（试行）. The search window
    # stops at the first comma, so look past it for the parenthesis itself.
    paren = _re("paren").match(ctx.norm, end, min(len(ctx.norm), end + 18))
    if paren and (read_status(paren.group()) or _re("edition").search(paren.group())):
        end = paren.end()
    return _make(ctx, pos, end, family, _sentence_issuer(ctx, pos), "《title unclosed》",
                 flagged=f"unclosed {family}: title end guessed at its head word")


def extract(ctx: Context) -> Iterator[Fact]:
    """Every bracketed title in the text, classified, with status, year and issuer."""
    norm = ctx.norm
    if not any(opener in norm for opener in _FAMILIES):
        return
    pairs, unclosed = find_titles(norm)
    for group in _chains(pairs, norm):
        issuer = _sentence_issuer(ctx, pairs[group[0]][0])
        for i in group:
            start, end, family = pairs[i]
            fact = _make(ctx, start, end, family, issuer, f"{family}title{_FAMILIES[family]}")
            if fact is not None:
                yield fact
    listed = unlisted = guesses = 0
    for pos in unclosed:
        family = "<<" if norm.startswith("<<", pos) else norm[pos]
        if family == "<<":
            continue  # "<<" alone is usually an operator or an arrow, not a title
        after = norm[pos + 1 : pos + 2]
        # An opener followed by another opener or nothing has no title to guess.
        guessable = bool(after) and after not in _FAMILIES and not after.isspace() and guesses < MAX_GUESSES
        if listed >= MAX_FLAGS and not guessable:
            unlisted += 1
            continue
        if not ctx.in_body(pos, pos + 1):
            continue
        if listed < MAX_FLAGS:
            ctx.flags.append(f"policy: unclosed {family} at {pos}")
            listed += 1
        else:
            unlisted += 1
        fact = _guess_unclosed(ctx, pos, family) if guessable else None
        if fact is not None:
            guesses += 1
            yield fact
    if unlisted:
        ctx.flags.append(f"policy: {unlisted} more unclosed title brackets not listed")
