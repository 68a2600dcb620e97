"""The private tokenizer (``innovext.tokenize``): lazy, private, offsets exact.

spaCy's own jieba segmenter uses the process-wide ``jieba.dt``; loading our
domain words there would change every other user of jieba in the process, so
innovext builds its own ``jieba.Tokenizer``. These tests pin that down, and that
``import innovext`` stays cheap (no jieba, no spaCy until first needed).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from innovext.resources import read_lines
from innovext.tokenize import get_segmenter, segment

PY = sys.executable


def _run(code: str, **env: str) -> str:
    out = subprocess.run(
        [PY, "-c", code], capture_output=True, text=True, timeout=120, env={**os.environ, **env}, check=True
    )
    return out.stdout.strip()


def test_import_innovext_does_not_import_jieba_spacy_or_pydantic_models() -> None:
    out = _run(
        "import sys, innovext; print(sorted(m for m in ('jieba', 'spacy', 'innovext.pipeline', 'innovext.tokenize')"
        " if m in sys.modules))"
    )
    assert out == "[]"


def test_extracting_does_not_touch_the_global_jieba() -> None:
    # After a full extraction and an explicit segmentation, the process-wide jieba
    # dictionary is still unloaded and knows none of our domain words.
    out = _run(
        "import jieba, innovext\n"
        "from innovext.tokenize import segment\n"
        "innovext.extract('专精特新企业从3家增长到27家。揭榜挂帅项目2个。')\n"
        "segment('专精特新企业')\n"
        "print(jieba.dt.initialized, '专精特新企业' in jieba.dt.FREQ, jieba.dt.user_word_tag_tab == {})"
    )
    assert out == "False False True"


def test_segmenter_is_private_and_cached() -> None:
    import jieba

    seg = get_segmenter()
    assert seg is get_segmenter()
    assert seg is not jieba.dt
    assert "专精特新企业" in seg.FREQ
    assert "专精特新企业" not in jieba.dt.FREQ


@pytest.mark.parametrize("word", [w.split()[0] for w in read_lines("domain_words.txt")])
def test_domain_words_are_loaded(word: str) -> None:
    assert get_segmenter().FREQ.get(word, 0) > 0


def test_domain_word_stays_one_token() -> None:
    assert [w for w, _, _ in segment("专精特新企业")] == ["专精特新企业"]


@pytest.mark.parametrize(
    "text",
    ["", "高新技术企业从3家增长到27家。", "Ａ股　上市\n\n“揭榜挂帅”😀e\u0301", "\x00\x01 \t", "字" * 5000],
)
def test_segment_offsets_cover_the_text(text: str) -> None:
    toks = segment(text)
    assert "".join(w for w, _, _ in toks) == text
    pos = 0
    for w, s, e in toks:
        assert s == pos and text[s:e] == w
        pos = e
    assert pos == len(text)


def test_cache_goes_to_innovext_cache_dir(tmp_path: Path) -> None:
    # jieba's prefix dictionary cache is written under INNOVEXT_CACHE_DIR (default
    # ~/.cache/innovext), never a shared /tmp file, and reused on the next start.
    cache = tmp_path / "cache"
    code = "from innovext.tokenize import get_segmenter as g; t = g(); print(t.tmp_dir)"
    assert _run(code, INNOVEXT_CACHE_DIR=str(cache)) == str(cache)
    names = sorted(f.name for f in cache.iterdir())
    # jieba's own marshal cache, and our pickle of the same prefix dictionary (faster to load)
    assert names[0].startswith("jieba.cache") and names[1].startswith("prefix-dict-") and len(names) == 2
    files = list(cache.iterdir())
    mtimes = {f: f.stat().st_mtime_ns for f in files}
    _run(code, INNOVEXT_CACHE_DIR=str(cache))
    assert {f: f.stat().st_mtime_ns for f in files} == mtimes


def test_pickled_prefix_dict_equals_jiebas(tmp_path: Path) -> None:
    """Our pickle holds exactly jieba's prefix dictionary (its marshal cache), and later starts segment alike."""
    import marshal
    import pickle

    code = "from innovext.tokenize import segment as s; print('/'.join(w for w, _, _ in s('穆棱市专精特新企业')))"
    first = _run(code, INNOVEXT_CACHE_DIR=str(tmp_path))
    (pick,) = tmp_path.glob("prefix-dict-*.pickle")
    with open(tmp_path / "jieba.cache", "rb") as fh:
        freq, total = marshal.load(fh)
    with open(pick, "rb") as fh:
        assert pickle.load(fh) == (freq, total)
    assert _run(code, INNOVEXT_CACHE_DIR=str(tmp_path)) == first


def test_unwritable_cache_dir_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = _run(
        "from innovext.tokenize import segment; print(len(segment('测试文本')))",
        INNOVEXT_CACHE_DIR=str(blocker / "sub"),
    )
    assert int(out) >= 1


def test_spacy_tokens_keep_the_text() -> None:
    pytest.importorskip("spacy")
    from innovext.tokenize import tokens

    text = "专精特新企业 从3家增长到27家。"
    doc = tokens(text)
    assert doc.text == text
    assert "专精特新企业" in [t.text for t in doc]


def test_pos_tokenizer_shares_the_tag_table_without_touching_it() -> None:
    import jieba.posseg

    from innovext.tokenize import get_pos_tokenizer

    pos = get_pos_tokenizer()
    assert pos is get_pos_tokenizer() and pos.tokenizer is get_segmenter()
    tags = dict((p.word, p.flag) for p in pos.cut("专精特新企业在浙江省余姚市", HMM=False))
    assert tags["专精特新企业"] == "n"  # our domain word, with our tag
    assert tags["浙江省"] == "ns"  # jieba's own tag, from the shared table
    assert pos.word_tag_tab is not jieba.posseg.dt.word_tag_tab
    assert "专精特新企业" not in jieba.posseg.dt.word_tag_tab  # the global table is untouched
    assert pos.word_tag_tab.get("不存在的词语", "x") == "x"


def test_cached_tag_table_equals_the_parsed_dictionary(tmp_path: Path) -> None:
    """The pickled POS tag table (cold-start cache) is exactly what jieba.posseg parses, on first and later starts."""
    code = (
        "from innovext.tokenize import get_pos_tokenizer; get_pos_tokenizer();"
        "import jieba, jieba.posseg as ps;"
        "fresh = ps.POSTokenizer(jieba.dt).word_tag_tab;"
        "print(fresh == ps.dt.word_tag_tab and len(fresh) > 300000)"
    )
    env = {**os.environ, "INNOVEXT_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first start writes the pickle, the second reads it
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert out.stdout.strip() == "True"
    assert list(tmp_path.glob("posseg-tags-*.pickle"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "的",
        "专精特新企业",
        "黑龙江省穆棱市经济开发区",
        "abc123研发投入增长12.5%",
        "长江大桥南京市长江大桥",
        "习近平总书记强调,要加快发展新质生产力。",
    ],
)
def test_fast_dag_and_route_equal_jiebas(text: str) -> None:
    """The private segmenter's get_DAG/calc (perf rewrite) give jieba's DAG and route exactly."""
    import jieba

    tok = get_segmenter()
    dag = jieba.Tokenizer.get_DAG(tok, text)
    assert tok.get_DAG(text) == dag
    ref: dict[int, tuple[float, int]] = {}
    ours: dict[int, tuple[float, int]] = {}
    jieba.Tokenizer.calc(tok, text, dag, ref)
    tok.calc(text, dag, ours)
    assert ours == ref


@pytest.mark.parametrize(
    "text",
    ["", "\t\n ", "专精特新企业", "abc 12.5% Hello\r\n世界 a1b2 C++ x#y", "3D打印 5G网络 iPhone15", "中色奥博特铜业"],
)
def test_pos_cut_no_hmm_equals_jieba_posseg(text: str) -> None:
    """The inlined HMM-free POS cut (perf) yields jieba.posseg's words and tags exactly."""
    from innovext.tokenize import get_pos_tokenizer, pos_cut_no_hmm

    assert pos_cut_no_hmm(text) == [(p.word, p.flag) for p in get_pos_tokenizer().cut(text, HMM=False)]


def _seed_text() -> str:
    root = Path(__file__).resolve().parents[1]
    return "".join(p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt")))


def _random_windows(n: int, seed: int) -> list[str]:
    """Real windows of the seed articles (1-24 chars) and random mixtures of Han, ASCII, digits, spaces, signs."""
    import random

    rnd = random.Random(seed)
    text = _seed_text()
    alphabet = text[:4000] + "abcXYZ0123456789 \t\r\n.%+#&_-,。“”!?　Ａ１😀\u00a0"
    out = []
    for _ in range(n):
        a = rnd.randrange(len(text))
        out.append(text[a : a + rnd.randrange(1, 25)])
        out.append("".join(rnd.choice(alphabet) for _ in range(rnd.randrange(0, 16))))
    return out


def test_fast_segment_equals_jieba_tokenize_on_many_windows() -> None:
    """``segment`` (inlined jieba cut with HMM, perf) gives jieba's ``tokenize(HMM=True)`` exactly."""
    tok = get_segmenter()
    for text in [*_random_windows(15000, seed=7), _seed_text()]:
        assert segment(text) == list(tok.tokenize(text, HMM=True)), text


def test_fused_route_equals_jiebas_dag_and_calc_on_many_windows() -> None:
    """``_route_ends`` (get_DAG + calc fused, perf) follows jieba's own route, ties included."""
    import jieba

    from innovext.tokenize import _route_ends

    tok = get_segmenter()
    for text in _random_windows(5000, seed=11):
        route: dict[int, tuple[float, int]] = {}
        jieba.Tokenizer.calc(tok, text, jieba.Tokenizer.get_DAG(tok, text), route)
        assert _route_ends(tok, text) == [route[i][1] + 1 for i in range(len(text))], text


def test_pos_cut_no_hmm_equals_jieba_posseg_on_many_windows() -> None:
    from innovext.tokenize import get_pos_tokenizer, pos_cut_no_hmm

    pos = get_pos_tokenizer()
    for text in _random_windows(5000, seed=13):
        assert pos_cut_no_hmm(text) == [(p.word, p.flag) for p in pos.cut(text, HMM=False)], text


def test_fast_hmm_cut_equals_jieba_finalseg() -> None:
    """``_finalseg_cut`` (jieba's HMM Viterbi unrolled, perf) cuts as ``jieba.finalseg.cut``, ties included.

    Rare and unknown characters make several state scores equal (``MIN_FLOAT``),
    so the alphabet mixes them in to exercise the tie rules.
    """
    import random

    import jieba.finalseg

    from innovext.tokenize import _finalseg_cut

    rnd = random.Random(17)
    rare = "".join(chr(rnd.randrange(0x4E00, 0x9FD6)) for _ in range(300))
    alphabet = _seed_text()[:3000] + "abc123.%龘龖鿐\u9fd5" + rare
    for _ in range(30000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 12)))
        assert _finalseg_cut(jieba.finalseg, text) == list(jieba.finalseg.cut(text)), text


def test_han_block_is_the_block_segment_cuts_out() -> None:
    """``han_block`` returns the block of ``segment(text[lo:hi])`` holding the span, and its words are the window's."""
    import random

    from innovext.tokenize import block_words, han_block

    rnd = random.Random(19)
    for text in _random_windows(3000, seed=23):
        if not text:
            continue
        lo = rnd.randrange(len(text))
        hi = rnd.randrange(lo + 1, len(text) + 1)
        a = rnd.randrange(lo, hi)
        b = rnd.randrange(a + 1, hi + 1)
        window = [(w, s + lo, e + lo) for w, s, e in segment(text[lo:hi])]
        bounds = han_block(text, a, b, lo, hi)
        if bounds is None:
            continue
        bs, be = bounds
        assert lo <= bs <= a < b <= be <= hi
        assert [(w, s + bs, e + bs) for w, s, e in segment(text[bs:be])] == [t for t in window if bs <= t[1] < be]
        assert block_words(text[bs:be]) == segment(text[bs:be])
        assert any(t[2] == bs for t in window) or bs == lo  # a block starts where a word ends
        assert any(t[1] == be for t in window) or be == hi


def test_pos_cut_hmm_equals_jieba_posseg_on_many_windows() -> None:
    """``pos_cut_hmm`` (jieba.posseg's HMM cut inlined, perf) yields its words and tags exactly."""
    from innovext.tokenize import get_pos_tokenizer, pos_cut_hmm

    pos = get_pos_tokenizer()
    for text in _random_windows(2500, seed=37):
        assert pos_cut_hmm(text) == [(p.word, p.flag) for p in pos.cut(text)], text


def test_fast_posseg_viterbi_equals_jiebas() -> None:
    """``_posseg_viterbi`` returns jieba.posseg's state path, also with rare characters (ties at -inf/MIN_FLOAT)."""
    import random

    import jieba.posseg as ps
    from jieba.posseg.viterbi import viterbi

    from innovext.tokenize import _posseg_viterbi

    rnd = random.Random(41)
    han = [ch for ch in _seed_text()[:4000] if "\u4e00" <= ch <= "\u9fd5"]
    han += [chr(rnd.randrange(0x4E00, 0x9FD6)) for _ in range(400)] + ["龘", "\u9fd5"]
    model = (ps.char_state_tab_P, ps.start_P, ps.trans_P, ps.emit_P)
    for _ in range(1500):
        obs = "".join(rnd.choice(han) for _ in range(rnd.randrange(1, 7)))
        assert _posseg_viterbi(obs, *model) == viterbi(obs, *model)[1], obs


def test_block_words_near_a_span_are_the_blocks_words() -> None:
    """``block_words(block, lo, hi)`` (far runs skip the HMM, perf) has jieba's words wherever they touch [lo, hi]."""
    import random

    import jieba

    from innovext.tokenize import block_words

    rnd = random.Random(29)
    rare = "".join(chr(rnd.randrange(0x4E00, 0x9FD6)) for _ in range(300))  # unknown characters: runs for the HMM
    seed = _seed_text()
    blocks = [b for b in jieba.re_han_default.findall(seed) if b]
    for _ in range(20000):
        if rnd.random() < 0.5:
            block = rnd.choice(blocks)[: rnd.randrange(1, 30)]
        else:
            a = rnd.randrange(len(seed))
            block = "".join(c if rnd.random() < 0.6 else rnd.choice(rare) for c in seed[a : a + rnd.randrange(1, 25)])
            block = jieba.re_han_default.match(block).group() if jieba.re_han_default.match(block) else ""
        if not block:
            continue
        full = block_words(block)
        assert full == segment(block)
        lo = rnd.randrange(len(block) + 1)
        hi = rnd.randrange(lo, len(block) + 1)
        near = block_words(block, lo, hi)
        assert [w for w, _, _ in near] and "".join(w for w, _, _ in near) == block  # still a tiling of the block
        assert all(x == (0 if i == 0 else near[i - 1][2]) for i, (_, x, _) in enumerate(near))
        assert [t for t in near if t[1] <= hi and t[2] >= lo] == [t for t in full if t[1] <= hi and t[2] >= lo]
