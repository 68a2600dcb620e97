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
import math
import os
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resources import data_path

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    import jieba
    import jieba.posseg
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["block_words", "get_nlp", "get_pos_tokenizer", "get_segmenter", "han_block", "segment", "tokens"]

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


def _prefix_cache_file() -> Path | None:
    """Our pickle of jieba's prefix dictionary (keyed like the tag table: jieba version, dict size, mtime)."""
    path = _default_dict_path()
    if path is None:
        return None
    tag_file = _tag_cache_file(path)
    return tag_file.with_name(tag_file.name.replace("posseg-tags-", "prefix-dict-")) if tag_file else None


def _load_prefix_dict(tok: jieba.Tokenizer) -> bool:
    """Fill ``tok`` (default dictionary only) from our pickle; False when there is none.

    Why: jieba caches ``(FREQ, total)`` with ``marshal``, whose load of the
    ~500 000-entry dict takes 0.7–1.2 s here; ``pickle`` loads the same tuple in
    0.2–0.3 s, the largest single item of a cold start. The dict is equal to the
    one ``initialize`` would load, so segmentation is unchanged.
    """
    import pickle

    import jieba

    target = _prefix_cache_file()
    if tok.dictionary != jieba.DEFAULT_DICT or target is None or not target.exists():
        return False
    try:
        with open(target, "rb") as fh:
            freq, total = pickle.load(fh)
    except Exception:  # truncated or foreign file: initialise the usual way (and rewrite it)
        return False
    if not isinstance(freq, dict) or not freq:
        return False
    tok.FREQ, tok.total = freq, total
    tok.initialized = True
    return True


def _dump_prefix_dict(tok: jieba.Tokenizer) -> None:
    """Write ``(FREQ, total)`` of a freshly initialised ``tok`` for the next start (before our words are added)."""
    import jieba

    if tok.dictionary == jieba.DEFAULT_DICT:
        _write_pickle(_prefix_cache_file(), (tok.FREQ, tok.total))


def _write_pickle(target: Path | None, obj: object) -> None:
    """Atomic pickle write into the cache directory; an unwritable directory is not an error."""
    import pickle

    if target is None:
        return
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:  # unwritable cache: the next start builds it again
        try:
            os.unlink(tmp)
        except OSError:
            pass


@functools.cache
def get_segmenter() -> jieba.Tokenizer:
    """The private jieba tokenizer with innovext's domain dictionary (built once per process)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache = _cache_dir()
    if cache is not None:
        tok.tmp_dir = str(cache)
    if not _load_prefix_dict(tok):
        tok.initialize()
        _dump_prefix_dict(tok)
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
    # perf: the same DAG and route as jieba's, with fewer attribute and dict lookups
    # (most of our calls segment windows of ~10 characters, where these two dominate)
    tok.get_DAG = types.MethodType(_get_dag, tok)
    tok.calc = types.MethodType(_calc, tok)
    return tok


def _get_dag(self: jieba.Tokenizer, sentence: str) -> dict[int, list[int]]:
    """``jieba.Tokenizer.get_DAG`` with the prefix dictionary read once per call: same result.

    For each start ``k``: the ends ``i`` of dictionary words ``sentence[k:i+1]``
    (prefix entries have frequency 0 and only keep the walk going), else ``[k]``.
    """
    self.check_initialized()
    get = self.FREQ.get
    dag: dict[int, list[int]] = {}
    n = len(sentence)
    for k in range(n):
        ends: list[int] = []
        i = k
        frag = sentence[k]
        while i < n:
            f = get(frag)
            if f is None:
                break
            if f:
                ends.append(i)
            i += 1
            frag = sentence[k : i + 1]
        dag[k] = ends or [k]
    return dag


def _calc(self: jieba.Tokenizer, sentence: str, dag: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
    """``jieba.Tokenizer.calc`` without a generator per position: the same floats, the same ties.

    ``max`` over ``(score, x)`` tuples keeps the first maximum; ``cand > best``
    (strict) over the same order keeps it too, and each score is computed by the
    same expression in the same order, so the route is identical.
    """
    n = len(sentence)
    route[n] = (0, 0)
    ln = math.log
    logtotal = ln(self.total)
    get = self.FREQ.get
    for idx in range(n - 1, -1, -1):
        xs = dag[idx]
        if len(xs) == 1:
            x = xs[0]
            route[idx] = (ln(get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
            continue
        best: tuple[float, int] | None = None
        for x in xs:
            cand = (ln(get(sentence[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x)
            if best is None or cand > best:
                best = cand
        assert best is not None
        route[idx] = best


class _TagTable(dict):  # type: ignore[type-arg]
    """POS tags of our own words (domain dictionary), falling back to a shared read-only table.

    Why: ``jieba.posseg.POSTokenizer(tok)`` re-reads the whole 349 000-line
    dictionary into a new tag table (≈ 1 s and ≈ 40 MB per process), although
    ``import jieba.posseg`` has just built the same table for the global
    tokenizer. Sharing it is safe because jieba only ever *adds* to a tag table
    (``makesure_userdict_loaded`` → ``update``), and ``update`` lands here, in the
    overlay, never in the global table.
    """

    __slots__ = ("_base",)

    def __init__(self, base: dict[str, str]) -> None:
        super().__init__()
        self._base = base

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        v = dict.get(self, key)
        return v if v is not None else self._base.get(key, default)

    def __missing__(self, key: str) -> str:
        return self._base[key]

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in self._base


def _tag_cache_file(dict_path: str) -> Path | None:
    """Where the pickled tag table of ``dict_path`` lives (keyed by jieba version, size and mtime)."""
    import jieba

    cache = _cache_dir()
    if cache is None:
        return None
    try:
        st = os.stat(dict_path)
    except OSError:
        return None
    return cache / f"posseg-tags-{jieba.__version__}-{st.st_size}-{int(st.st_mtime)}.pickle"


def _import_posseg() -> None:
    """``import jieba.posseg`` with its tag table read from a pickle in our cache directory.

    Why: the import builds ``jieba.posseg.dt``, whose constructor parses the whole
    349 000-line dictionary for the tags (0.4–0.6 s of every cold start); the
    pickle of the same dict loads in ~0.14 s. The table is the same object the
    import would have built (equal dict), so every user of ``jieba.posseg.dt``
    sees no difference. Only done for jieba's default dictionary and when the
    module is not imported yet; on any problem the plain import runs.
    """
    import sys

    if "jieba.posseg" in sys.modules:
        return
    import pickle

    import jieba

    if jieba.dt.dictionary != jieba.DEFAULT_DICT:  # pragma: no cover - a user-set main dictionary
        return
    dict_path = _default_dict_path()
    target = _tag_cache_file(dict_path) if dict_path else None
    table = None
    if target is not None and target.exists():
        try:
            with open(target, "rb") as fh:
                table = pickle.load(fh)
        except Exception:  # a truncated or foreign file: rebuild it below
            table = None
    if isinstance(table, dict) and table:
        import io

        # the import's POSTokenizer(jieba.dt) reads an empty dictionary; the table is set right after
        jieba.dt.get_dict_file = lambda: io.BytesIO(b"")  # type: ignore[method-assign]
        try:
            import jieba.posseg
        finally:
            del jieba.dt.get_dict_file
        jieba.posseg.dt.word_tag_tab = table
        return
    import jieba.posseg

    _write_pickle(target, jieba.posseg.dt.word_tag_tab)


def _default_dict_path() -> str | None:
    """Path of jieba's bundled ``dict.txt``."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    return path if os.path.exists(path) else None


@functools.cache
def get_pos_tokenizer() -> jieba.posseg.POSTokenizer:
    """A ``jieba.posseg`` tagger over the private segmenter (domain words and their tags included).

    Built once per process; its tag table shares the one ``import jieba.posseg``
    loads (see :class:`_TagTable`), so it costs no second dictionary read.
    """
    import jieba

    _import_posseg()
    import jieba.posseg

    seg = get_segmenter()
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = seg
    if seg.dictionary == jieba.dt.dictionary:  # same dictionary file: the same tags
        pos.word_tag_tab = _TagTable(jieba.posseg.dt.word_tag_tab)
    else:  # pragma: no cover - only with a custom main dictionary
        pos.load_word_tag(seg.get_dict_file())
    return pos


@functools.cache
def _posseg_patterns() -> tuple[Any, Any, Any, Any, Any]:
    """jieba.posseg's own block patterns (the same objects, so the same blocks)."""
    import jieba.posseg as ps

    return ps.re_han_internal, ps.re_skip_internal, ps.re_num, ps.re_eng, ps.re_eng1


def _tag_non_han(blk: str, append: Callable[[tuple[str, str]], None]) -> None:
    """jieba.posseg's tags for a block outside its Han pattern: skip runs ``x``, digits ``m``, letters ``eng``."""
    _re_han, re_skip, re_num, re_eng, _re_eng1 = _posseg_patterns()
    for part in re_skip.split(blk):
        if re_skip.match(part):
            append((part, "x"))
        else:
            eng = re_eng.match(part)
            for ch in part:
                append((ch, "m" if re_num.match(ch) else "eng" if eng else "x"))


def pos_cut_no_hmm(text: str) -> list[tuple[str, str]]:
    """``[(word, tag)]`` exactly as ``get_pos_tokenizer().cut(text, HMM=False)`` yields them, faster.

    Why: organisation candidates are checked by POS-tagging ~10-character
    windows thousands of times per MB; jieba's generator chain (``cut`` →
    ``__cut_internal`` → ``__cut_DAG_NO_HMM``, one ``pair`` object per word)
    costs as much as the segmentation itself at that size. This is the same
    algorithm inlined (same patterns, same DAG and route, same tag table).
    """
    pos = get_pos_tokenizer()
    pos.makesure_userdict_loaded()
    tok = pos.tokenizer
    tags = pos.word_tag_tab.get
    re_han, _re_skip, _re_num, _re_eng, re_eng1 = _posseg_patterns()
    out: list[tuple[str, str]] = []
    append = out.append
    for blk in re_han.split(text):
        if not blk:
            continue
        if re_han.match(blk):
            ends = _route_ends(tok, blk)  # perf: = get_DAG + calc, fused
            x, n, buf = 0, len(blk), ""
            while x < n:
                y = ends[x]
                word = blk[x:y]
                if y - x == 1 and re_eng1.match(word):
                    buf += word
                else:
                    if buf:
                        append((buf, "eng"))
                        buf = ""
                    append((word, tags(word, "x")))
                x = y
            if buf:
                append((buf, "eng"))
        else:
            _tag_non_han(blk, append)
    return out


def _route_ends(tok: jieba.Tokenizer, sentence: str) -> list[int]:
    """End (exclusive) of the word starting at each position on jieba's best route: ``route[x][1] + 1``.

    perf: jieba's ``get_DAG`` + ``calc`` fused into one right-to-left pass with
    no DAG dict, no route tuples and no generator. Each score is the same
    expression as jieba's (``log(freq) - logtotal + score[end]``) over the same
    candidates in the same (increasing) order, and ``>=`` keeps the *last*
    maximum, as ``max`` over ``(score, end)`` tuples does; a position with no
    dictionary word scores ``log(1) - logtotal + …`` as jieba's ``[k]`` fallback.
    So the route is identical (tests/test_tokenize.py checks it on many windows).
    """
    tok.check_initialized()
    get = tok.FREQ.get
    ln = math.log
    logtotal = ln(tok.total)
    n = len(sentence)
    score = [0.0] * (n + 1)
    ends = [0] * n
    k = n
    nxt = 0.0  # score[k + 1]
    for ch in reversed(sentence):
        k -= 1
        f = get(ch)
        if f is None:  # no word starts with ch: jieba's fallback [k], log(1) for the missing frequency
            nxt = score[k] = 0.0 - logtotal + nxt
            ends[k] = k + 1
            continue
        best = ln(f) - logtotal + nxt if f else None  # f == 0: a prefix entry only, not a word
        end = k + 1
        i = k + 2
        while i <= n:
            f = get(sentence[k:i])
            if f is None:
                break
            if f:
                cand = ln(f) - logtotal + score[i]
                if best is None or cand >= best:
                    best = cand
                    end = i
            i += 1
        if best is None:
            best = 0.0 - logtotal + nxt
        nxt = score[k] = best
        ends[k] = end
    return ends


@functools.cache
def _jieba_modules() -> tuple[types.ModuleType, types.ModuleType]:
    """``jieba`` and ``jieba.finalseg`` (imported on first use, like everything here)."""
    import jieba
    import jieba.finalseg

    return jieba, jieba.finalseg


def _finalseg_cut(finalseg: types.ModuleType, sentence: str) -> list[str]:
    """``list(jieba.finalseg.cut(sentence))``, faster: the same blocks, HMM and forced splits.

    perf: jieba's Viterbi builds a list of candidate tuples and a path list per
    state and character; here the four states are unrolled. Each score is the
    same expression (``(V + trans) + emit``) and ties go where ``max`` over
    ``(score, state)`` sends them (to the larger state letter), which matters
    when unknown characters make several scores equal to ``MIN_FLOAT``.
    """
    re_han, re_skip = finalseg.re_han, finalseg.re_skip
    force = finalseg.Force_Split_Words
    out: list[str] = []
    for blk in re_han.split(sentence):
        if re_han.match(blk):
            for word in _hmm_words(finalseg, blk):
                if word not in force:
                    out.append(word)
                else:
                    out.extend(word)
        elif blk:
            out.extend(x for x in re_skip.split(blk) if x)
    return out


_STATE_INDEX = {"B": 0, "M": 1, "S": 2, "E": 3}
_HMM_TABLES: list[tuple[Any, Any, Any, tuple[Any, ...]]] = [(None, None, None, ())]  # (start, trans, emit, consts)


def _hmm_tables(finalseg: types.ModuleType) -> tuple[Any, ...]:
    """The constants of :func:`_hmm_words` for jieba's current HMM model (perf: read once, not per call).

    Kept with the model's three tables and reused while they are the same
    objects, so a model swapped in ``jieba.finalseg`` gets its own constants.
    """
    lo = finalseg.MIN_FLOAT
    sp, tp, ep = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    tables = (
        lo, ep["B"].get, ep["M"].get, ep["S"].get, ep["E"].get,
        tp["E"].get("B", lo), tp["S"].get("B", lo),  # into B from E, S
        tp["M"].get("M", lo), tp["B"].get("M", lo),  # into M from M, B
        tp["S"].get("S", lo), tp["E"].get("S", lo),  # into S from S, E
        tp["B"].get("E", lo), tp["M"].get("E", lo),  # into E from B, M
    )
    _HMM_TABLES[0] = (sp, tp, ep, tables)
    return tables


def _hmm_words(finalseg: types.ModuleType, obs: str) -> list[str]:
    """Words of jieba's ``finalseg.__cut(obs)``: its Viterbi over B/M/E/S, unrolled (same floats, same ties)."""
    sp, tp, ep = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
    cached = _HMM_TABLES[0]
    if cached[0] is sp and cached[1] is tp and cached[2] is ep:
        tables = cached[3]
    else:
        tables = _hmm_tables(finalseg)
    lo, em_b, em_m, em_s, em_e, t_eb, t_sb, t_mm, t_bm, t_ss, t_es, t_be, t_me = tables
    c = obs[0]
    vb, vm, vs, ve = sp["B"] + em_b(c, lo), sp["M"] + em_m(c, lo), sp["S"] + em_s(c, lo), sp["E"] + em_e(c, lo)
    back: list[tuple[str, str, str, str]] = []  # per step: the previous state of B, M, S, E
    for c in obs[1:]:
        # jieba: max([(V[y0] + trans[y0][y] + emit, y0) for y0 in PrevStatus[y]]); a tie picks the larger letter
        em = em_b(c, lo)
        x, y = ve + t_eb + em, vs + t_sb + em  # B from E, S
        nb, pb = (x, "E") if x > y else (y, "S")
        em = em_m(c, lo)
        x, y = vm + t_mm + em, vb + t_bm + em  # M from M, B
        nm, pm = (x, "M") if x >= y else (y, "B")
        em = em_s(c, lo)
        x, y = vs + t_ss + em, ve + t_es + em  # S from S, E
        ns, ps = (x, "S") if x >= y else (y, "E")
        em = em_e(c, lo)
        x, y = vb + t_be + em, vm + t_me + em  # E from B, M
        ne, pe = (x, "B") if x > y else (y, "M")
        vb, vm, vs, ve = nb, nm, ns, ne
        back.append((pb, pm, ps, pe))
    state = "E" if ve > vs else "S"  # jieba: max((V[y], y) for y in "ES")
    states = [state]
    idx = _STATE_INDEX
    for step in reversed(back):
        state = step[idx[state]]
        states.append(state)
    states.reverse()
    words: list[str] = []
    begin = nexti = 0
    for i, pos in enumerate(states):
        if pos == "B":
            begin = i
        elif pos == "E":
            words.append(obs[begin : i + 1])
            nexti = i + 1
        elif pos == "S":
            words.append(obs[i])
            nexti = i + 1
    if nexti < len(obs):
        words.append(obs[nexti:])
    return words


def _cut_block_hmm(
    tok: jieba.Tokenizer, blk: str, pos: int, out: list[tuple[str, int, int]], finalseg: types.ModuleType,
    lo: int = 0, hi: int | None = None,
) -> int:
    """jieba's ``__cut_DAG`` (HMM on) of one Han block, appended as ``(word, start, end)``; returns the new end.

    Runs of single characters on the route are re-cut by jieba's own HMM
    (``finalseg.cut``) unless the run is a dictionary word, exactly as jieba does.

    perf: a run ``blk[r0:r1]`` that does not touch ``[lo, hi]`` (block offsets,
    ``r1 < lo`` or ``r0 > hi``) is appended as one piece, without its HMM. Exact
    for the words touching ``[lo, hi]`` (``start <= hi`` and ``end >= lo``): jieba
    cuts each run on its own (the route fixes the run's bounds, and the HMM and
    the dictionary test read the run's characters only), so the other runs'
    words are unchanged, and a piece in place of a far run touches nothing.
    """
    if hi is None:
        hi = len(blk)
    ends = _route_ends(tok, blk)
    get = tok.FREQ.get
    append = out.append
    n = len(blk)
    x = 0
    buf0 = -1  # start of the pending run of single characters (jieba's ``buf``), -1 when none
    while True:
        y = ends[x] if x < n else x + 2  # past the end: a sentinel that flushes the run
        if y - x != 1 and buf0 >= 0:  # flush the run blk[buf0:x]
            if x - buf0 == 1:
                append((blk[buf0], pos + buf0, pos + x))
            else:
                buf = blk[buf0:x]
                p = pos + buf0
                if x < lo or buf0 > hi:  # a run far from [lo, hi]: one piece (see above)
                    append((buf, p, pos + x))
                elif not get(buf):
                    for w in _finalseg_cut(finalseg, buf):
                        append((w, p, p + len(w)))
                        p += len(w)
                else:
                    for ch in buf:
                        append((ch, p, p + 1))
                        p += 1
            buf0 = -1
        if x >= n:
            return pos + n
        if y - x == 1:
            if buf0 < 0:
                buf0 = x
        else:
            append((blk[x:y], pos + x, pos + y))
        x = y


def pos_cut_hmm(text: str) -> list[tuple[str, str]]:
    """``[(word, tag)]`` exactly as ``get_pos_tokenizer().cut(text)`` (HMM on) yields them, faster.

    Why: the place checks POS-tag small windows whose unknown runs (personal
    names) go through jieba.posseg's HMM, whose Viterbi over ~250 tagged states
    tries every pair of states per character. This is the same cut inlined, with
    :func:`_posseg_viterbi` (the same path, fewer operations).
    """
    pos = get_pos_tokenizer()  # first: it imports jieba.posseg the fast way (cached tag table)
    import jieba.posseg as ps

    pos.makesure_userdict_loaded()
    tok = pos.tokenizer
    tags = pos.word_tag_tab.get
    get = tok.FREQ.get
    re_han, _re_skip, _re_num, _re_eng, _ = _posseg_patterns()
    out: list[tuple[str, str]] = []
    append = out.append

    def run(buf: str) -> None:  # jieba.posseg's handling of a run of single characters on the route
        if len(buf) == 1:
            append((buf, tags(buf, "x")))
        elif not get(buf):
            out.extend(_posseg_detail(ps, buf))
        else:
            for ch in buf:
                append((ch, tags(ch, "x")))

    for blk in re_han.split(text):
        if not blk:
            continue
        if re_han.match(blk):
            ends = _route_ends(tok, blk)
            x, n, buf0 = 0, len(blk), -1
            while x < n:
                y = ends[x]
                if y - x == 1:
                    if buf0 < 0:
                        buf0 = x
                else:
                    if buf0 >= 0:
                        run(blk[buf0:x])
                        buf0 = -1
                    word = blk[x:y]
                    append((word, tags(word, "x")))
                x = y
            if buf0 >= 0:
                run(blk[buf0:])
        else:
            _tag_non_han(blk, append)
    return out


def _posseg_detail(ps: types.ModuleType, sentence: str) -> list[tuple[str, str]]:
    """jieba.posseg's ``__cut_detail``: Han runs through its HMM, digits and Latin as ``m``/``eng``/``x``."""
    out: list[tuple[str, str]] = []
    re_han, re_skip = ps.re_han_detail, ps.re_skip_detail
    for blk in re_han.split(sentence):
        if re_han.match(blk):
            states = _posseg_viterbi(blk, ps.char_state_tab_P, ps.start_P, ps.trans_P, ps.emit_P)
            begin = nexti = 0
            for i, (bmes, tag) in enumerate(states):
                if bmes == "B":
                    begin = i
                elif bmes == "E":
                    out.append((blk[begin : i + 1], tag))
                    nexti = i + 1
                elif bmes == "S":
                    out.append((blk[i], tag))
                    nexti = i + 1
            if nexti < len(blk):
                out.append((blk[nexti:], states[nexti][1]))
        else:
            for x in re_skip.split(blk):
                if x:
                    out.append((x, "m" if ps.re_num.match(x) else "eng" if ps.re_eng.match(x) else "x"))
    return out


_NEG_INF = float("-inf")


def _posseg_viterbi(obs: str, states: Any, start_p: Any, trans_p: Any, emit_p: Any) -> list[Any]:
    """The state path of ``jieba.posseg.viterbi.viterbi`` (same scores, same ties), with fewer operations.

    jieba scores every (previous, next) pair of states and builds the set of
    states reachable next from all successors of all previous states, although
    most pairs have no transition (``-inf``). Here a reverse index of the
    transitions gives, per next state, only the previous states that reach it;
    each is scored with jieba's expression ``(V[prev] + trans) + emit``, ties
    going to the larger previous state as in jieba's ``max`` over
    ``(score, prev)`` tuples. A state reached by none of them (or only at
    ``-inf``) gets what that ``max`` gives when all scores are ``-inf``: ``-inf``
    from the largest previous state.
    """
    lo = -3.14e100  # jieba.posseg.viterbi.MIN_FLOAT
    all_states = trans_p.keys()
    pred = _posseg_pred(trans_p)
    none: frozenset[Any] = frozenset()
    c = obs[0]
    v = {y: start_p[y] + emit_p[y].get(c, lo) for y in states.get(c, all_states)}
    back: list[dict[Any, Any]] = []
    for c in obs[1:]:
        prev = [x for x in v if len(trans_p[x]) > 0]
        prev_set = set(prev)
        # jieba: set(states.get(c, all_states)) & {successors of prev}
        cur = {y for y in states.get(c, all_states) if not pred.get(y, none).isdisjoint(prev_set)}
        if not cur:
            expect = {y for x in prev for y in trans_p[x]}
            cur = expect if expect else set(all_states)
        nv: dict[Any, float] = {}
        bp: dict[Any, Any] = {}
        for y in cur:
            e = emit_p[y].get(c, lo)
            best = _NEG_INF
            arg = None
            for y0 in pred.get(y, none) & prev_set:
                p = v[y0] + trans_p[y0][y] + e
                if arg is None or p > best or (p == best and y0 > arg):
                    best, arg = p, y0
            if arg is None or best == _NEG_INF:
                best, arg = _NEG_INF, max(prev)
            nv[y] = best
            bp[y] = arg
        v = nv
        back.append(bp)
    state = max((p, y) for y, p in v.items())[1]
    path = [state]
    for bp in reversed(back):
        state = bp[state]
        path.append(state)
    path.reverse()
    return path


_POSSEG_PRED: list[tuple[Any, dict[Any, frozenset[Any]]]] = [(None, {})]


def _posseg_pred(trans_p: Any) -> dict[Any, frozenset[Any]]:
    """Next state -> the states with a transition to it (built once per transition table, ~2 ms)."""
    cached = _POSSEG_PRED[0]
    if cached[0] is trans_p:
        return cached[1]
    pred: dict[Any, set[Any]] = {}
    for y0, succ in trans_p.items():
        for y in succ:
            pred.setdefault(y, set()).add(y0)
    out = {y: frozenset(ys) for y, ys in pred.items()}
    _POSSEG_PRED[0] = (trans_p, out)
    return out


def segment(text: str) -> list[tuple[str, int, int]]:
    """Segment ``text`` into ``(word, start, end)`` with offsets into ``text``.

    Exactly ``get_segmenter().tokenize(text, HMM=True)`` (jieba's default cut with
    its HMM), inlined: perf, most calls segment windows of ~10 characters, where
    jieba's generator chain costs as much as the segmentation itself.

    >>> [w for w, _, _ in segment("专精特新企业")]
    ['专精特新企业']
    """
    if not isinstance(text, str):
        raise ValueError("jieba: the input parameter should be unicode.")
    tok = get_segmenter()
    jb, finalseg = _jieba_modules()
    re_han, re_skip = jb.re_han_default, jb.re_skip_default  # read per call, as jieba does (users patch them)
    out: list[tuple[str, int, int]] = []
    append = out.append
    pos = 0
    for blk in re_han.split(text):
        if not blk:
            continue
        if re_han.match(blk):
            pos = _cut_block_hmm(tok, blk, pos, out, finalseg)
        else:
            for part in re_skip.split(blk):
                if re_skip.match(part):
                    append((part, pos, pos + len(part)))
                    pos += len(part)
                else:
                    for ch in part:
                        append((ch, pos, pos + 1))
                        pos += 1
    return out


def block_words(block: str, lo: int = 0, hi: int | None = None) -> list[tuple[str, int, int]]:
    """``segment(block)`` for a block :func:`han_block` delimits (one run of jieba's block class).

    perf: such a text is a single block of jieba's cut, so the block split and
    the per-call set-up of :func:`segment` are skipped; the words are the same.
    With ``lo``/``hi`` only the words touching ``[lo, hi]`` (``start <= hi`` and
    ``end >= lo``) are sure to be jieba's: a run of single characters away from
    it is one piece, not cut by the HMM (see :func:`_cut_block_hmm`).
    """
    out: list[tuple[str, int, int]] = []
    if block:
        _cut_block_hmm(get_segmenter(), block, 0, out, _jieba_modules()[1], lo, hi)
    return out


def han_block(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Bounds of the block of :func:`segment` (run of jieba's ``re_han_default``) that holds ``text[start:end]``,
    when ``text[lo:hi]`` is segmented; None when the span is not inside one such block.

    Why: jieba cuts a text into blocks at every character outside that class
    (punctuation, spaces) and segments each block on its own, so the words of
    ``segment(text[lo:hi])`` around a span are the words of its block alone:
    segmenting the block is exact and cheaper than the whole window (perf).
    Assumes the block pattern is a character class with ``+``, as jieba ships
    it (and as the usual patch that lets words contain spaces keeps it).
    """
    re_han = _jieba_modules()[0].re_han_default  # read per call, as segment() does
    m = re_han.match(text, start, hi)
    if m is None or m.end() < end:
        return None
    tail = _tail_re(re_han).search(text, lo, start)  # always matches (empty at ``start``)
    return tail.start() if tail is not None else start, m.end()


@functools.lru_cache(maxsize=4)
def _tail_re(re_han: Any) -> Any:
    """A pattern whose leftmost match is the run of ``re_han`` characters ending the searched range.

    perf: one C-level search finds where the block before a span starts, instead
    of a Python loop that matches one character at a time. Like :func:`han_block`,
    it assumes jieba's block pattern is a character class with ``+`` (as shipped).
    """
    import re

    return re.compile(f"(?:{re_han.pattern})?\\Z", re_han.flags)


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
