"""Throughput of full extraction vs ``jieba.lcut`` and JioNLP ``extract_money``, same texts, same run.

Run from the repository root::

    .venv/bin/python -m benchmarks.throughput                 # ~5 MB sample, one round
    .venv/bin/python -m benchmarks.throughput --mb 1 --rounds 3 --profile /tmp/prof.txt

The sample is real news read at run time from ``/work/shared/corpus/*.jsonl.gz``
(``--corpus`` to point elsewhere; nothing is copied into the repository): every
n-th document of the concatenated files, n chosen so the sample is about
``--mb`` MB of UTF-8, so its make-up follows the corpus (mostly 新闻联播
stories, some Sina news, a few provincial work reports).

Each system is timed over exactly the same list of texts after its one-off
start-up (jieba's dictionary, innovext's tables, JioNLP's import) has been done
outside the timing: this compares steady-state speed; start-up is
``benchmarks/coldstart.py``. With ``--rounds N`` there are N rounds, each on its
**own disjoint sample** (offsets 0 … N-1 of the every-n-th pick): innovext
keeps per-process caches keyed by text (windows, numerals), so timing it twice
on the same texts would flatter it. Within a round the systems take turns every
``--chunk`` documents, the order flipped each turn (see
:func:`time_interleaved`): the machine is shared and its speed drifts, and
turns this short put every system in the same stretches of that drift. The
ratio is printed pooled over all rounds, as the median of the per-round ratios
and for the worst round, and pooled over CPU time (``time.process_time``),
which the neighbours disturb less than wall time. Per-extractor time is measured by wrapping each extractor's
``extract`` (the facts are the same; the wrapper only materialises them).
JioNLP is a benchmark-only extra (``pip install jionlp``); if it is missing
the line says so and the other ratios are still printed.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import gzip
import io
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

DEFAULT_CORPUS = os.environ.get("INNOVEXT_CORPUS", "/work/shared/corpus")


def corpus_files(corpus: str = DEFAULT_CORPUS) -> list[str]:
    """The corpus's ``*.jsonl.gz`` files, sorted (fails loudly when there are none)."""
    files = sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz")))
    if not files:
        raise SystemExit(f"no *.jsonl.gz under {corpus} (set --corpus or INNOVEXT_CORPUS)")
    return files


def iter_corpus(corpus: str = DEFAULT_CORPUS) -> Iterator[dict[str, str]]:
    """Every record of every corpus file, streamed."""
    for path in corpus_files(corpus):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def load_sample(mb: float = 5.0, corpus: str = DEFAULT_CORPUS, offset: int = 0) -> list[dict[str, str]]:
    """About ``mb`` MB (UTF-8 of ``text``) of records: every n-th record of the whole corpus.

    ``offset`` shifts the pick (records ``offset, offset + n, …``), so samples with
    different offsets share no record (as long as ``offset < n``) and follow the
    corpus's make-up alike.
    """
    sizes = [len(r["text"].encode("utf-8")) for r in iter_corpus(corpus)]
    total = sum(sizes)
    target = int(mb * 1024 * 1024)
    step = max(1, total // max(1, target))
    out: list[dict[str, str]] = []
    got = 0
    for i, rec in enumerate(iter_corpus(corpus)):
        if i % step == offset % step and got < target:
            out.append(rec)
            got += sizes[i]
    return out


def warm_up() -> None:
    """Build every lazy table, pattern and tokenizer (one-off costs: ``benchmarks/coldstart.py``)."""
    import innovext

    root = Path(__file__).resolve().parent.parent / "seeds"
    for path in sorted(root.glob("*.txt")):
        innovext.extract(path.read_text(encoding="utf-8"))
    innovext.extract("预热:高新技术企业从3家增长到27家,张三书记表示。")


def _time(fn: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn`` over ``texts``."""
    w0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        fn(t)
    return time.perf_counter() - w0, time.process_time() - c0


def time_interleaved(
    systems: dict[str, Callable[[str], object]], texts: list[str], chunk: int, flip: bool = False
) -> tuple[dict[str, float], dict[str, float]]:
    """Wall and CPU seconds per system over ``texts``, run chunk by chunk in turn.

    Why interleave: the machine is shared, and its speed drifts over seconds. Timing
    one system over the whole sample and then the next puts each in a different
    stretch of that drift (rounds here have swung by 40 %). Taking turns every
    ``chunk`` documents, with the order flipped every chunk, puts both in the same
    stretches, so the ratio measures the programs, not the neighbours.
    """
    wall = {name: 0.0 for name in systems}
    cpu = {name: 0.0 for name in systems}
    names = list(systems)
    size = chunk if chunk > 0 else max(1, len(texts))
    for k, i in enumerate(range(0, len(texts), size)):
        part = texts[i : i + size]
        order = names if (k % 2 == 0) != flip else names[::-1]
        for name in order:
            w, c = _time(systems[name], part)
            wall[name] += w
            cpu[name] += c
    return wall, cpu


class _ExtractorTimer:
    """Wraps every extractor's ``extract`` to add up its time (facts unchanged)."""

    def __init__(self) -> None:
        from innovext import pipeline

        self.seconds: dict[str, float] = defaultdict(float)
        self.facts: dict[str, int] = defaultdict(int)
        self._mods = pipeline.extractors()
        self._orig = {m.NAME: m.extract for m in self._mods}
        for mod in self._mods:
            mod.extract = self._wrap(mod.NAME, mod.extract)  # type: ignore[attr-defined]
        self._orig_ctx = pipeline.build_context

        def timed_ctx(*a: object, **k: object) -> object:
            t0 = time.perf_counter()
            try:
                return self._orig_ctx(*a, **k)  # type: ignore[arg-type]
            finally:
                self.seconds["(context: normalise, body, sentences, metadata)"] += time.perf_counter() - t0

        pipeline.build_context = timed_ctx  # type: ignore[assignment]

    def _wrap(self, name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def timed(ctx: object) -> list[object]:
            t0 = time.perf_counter()
            out = list(fn(ctx))  # type: ignore[call-overload]
            self.seconds[name] += time.perf_counter() - t0
            self.facts[name] += len(out)
            return out

        return timed

    def restore(self) -> None:
        from innovext import pipeline

        for mod in self._mods:
            mod.extract = self._orig[mod.NAME]  # type: ignore[attr-defined]
        pipeline.build_context = self._orig_ctx  # type: ignore[assignment]


def _jionlp_money() -> Callable[[str], object] | None:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp  # benchmark-only extra, imported lazily (prints a banner)
    except ImportError:
        return None
    extractor = jionlp.ner.extract_money  # default call: candidates + parsing, as JioNLP documents it

    def run(text: str) -> object:
        with contextlib.redirect_stderr(io.StringIO()):
            return extractor(text)

    return run


def load_samples(mb: float, corpus: str, count: int) -> list[list[dict[str, str]]]:
    """``count`` disjoint samples of about ``mb`` MB each (offsets 0 … count-1 of :func:`load_sample`), one read."""
    sizes = [len(r["text"].encode("utf-8")) for r in iter_corpus(corpus)]
    target = int(mb * 1024 * 1024)
    step = max(1, sum(sizes) // max(1, target))
    if count > step:
        raise SystemExit(f"{count} disjoint samples of {mb} MB do not fit in the corpus (at most {step})")
    out: list[list[dict[str, str]]] = [[] for _ in range(count)]
    got = [0] * count
    for i, rec in enumerate(iter_corpus(corpus)):
        k = i % step
        if k < count and got[k] < target:
            out[k].append(rec)
            got[k] += sizes[i]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="sample size in MB of UTF-8 text per round (default 5)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=1, help="N rounds, each on its own unseen sample")
    ap.add_argument("--no-jionlp", action="store_true", help="skip JioNLP")
    ap.add_argument("--chunk", type=int, default=50,
                    help="systems take turns every CHUNK documents (default 50; 0 = whole round each)")
    ap.add_argument("--profile", type=Path, help="write a cProfile of innovext here (one more, unseen sample)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = ap.parse_args(argv)

    samples = load_samples(args.mb, args.corpus, args.rounds + (1 if args.profile else 0))
    rounds = [[r["text"] for r in recs] for recs in samples[: args.rounds]]
    for i, texts in enumerate(rounds):
        chars = sum(map(len, texts))
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        print(f"sample {i + 1}: {len(texts)} documents, {chars:,} characters, {nbytes / 2**20:.2f} MB UTF-8")

    import jieba

    import innovext

    jieba.setLogLevel(60)
    jieba.initialize()
    warm_up()
    money = None if args.no_jionlp else _jionlp_money()

    systems: dict[str, Callable[[str], object]] = {"jieba.lcut": jieba.lcut, "innovext.extract": innovext.extract}
    if money is not None:
        systems["jionlp.extract_money"] = money
    per_round: list[dict[str, float]] = []
    per_round_cpu: list[dict[str, float]] = []
    timer = _ExtractorTimer()
    for rnd, texts in enumerate(rounds):
        timings, cpu = time_interleaved(systems, texts, args.chunk, flip=rnd % 2 == 1)
        per_round.append(timings)
        per_round_cpu.append(cpu)
        ratio = timings["jieba.lcut"] / timings["innovext.extract"]
        cpu_ratio = cpu["jieba.lcut"] / cpu["innovext.extract"]
        print(f"round {rnd + 1}: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
              + f"  -> innovext/jieba {ratio:.2f}x (CPU time {cpu_ratio:.2f}x)", flush=True)
    timer.restore()

    all_chars = sum(sum(map(len, t)) for t in rounds)
    all_docs = sum(map(len, rounds))
    pooled = {k: sum(r[k] for r in per_round) for k in systems}
    print()
    print(f"all rounds pooled ({all_docs} documents, {all_chars:,} characters, none seen twice):")
    print(f"{'system':24} {'seconds':>8} {'chars/s':>12} {'docs/s':>9}")
    for k, v in pooled.items():
        print(f"{k:24} {v:8.2f} {all_chars / v:12,.0f} {all_docs / v:9.1f}")
    if money is None and not args.no_jionlp:
        print("jionlp.extract_money     not installed (pip install jionlp) — ratio not measured")
    ratios: dict[str, dict[str, float]] = {}
    for other in [k for k in systems if k != "innovext.extract"]:
        each = [r[other] / r["innovext.extract"] for r in per_round]
        cpu_pooled = sum(r[other] for r in per_round_cpu) / sum(r["innovext.extract"] for r in per_round_cpu)
        ratios[f"innovext / {other}"] = {
            "pooled": pooled[other] / pooled["innovext.extract"],
            "median_round": statistics.median(each),
            "min_round": min(each),
            "cpu_pooled": cpu_pooled,
        }
    print()
    for k, v in ratios.items():
        target = "1.0" if k.endswith("jieba.lcut") else "1.0, stretch"
        print(f"throughput ratio {k}: pooled {v['pooled']:.2f}x, median round {v['median_round']:.2f}x, "
              f"worst round {v['min_round']:.2f}x; CPU time pooled {v['cpu_pooled']:.2f}x  (target >= {target})")

    print()
    print("innovext time by stage (all rounds, wrapped):")
    stages = dict(timer.seconds)
    total = sum(stages.values())
    for name, sec in sorted(stages.items(), key=lambda kv: -kv[1]):
        facts = timer.facts.get(name)
        extra = f"  {facts:,} facts" if facts is not None else ""
        print(f"  {name:50} {sec:7.2f} s  {100 * sec / total:5.1f} %  {all_chars / sec:12,.0f} chars/s{extra}")

    if args.profile:
        import cProfile
        import pstats

        fresh = [r["text"] for r in samples[-1]]
        prof = cProfile.Profile()
        prof.enable()
        for t in fresh:
            innovext.extract(t)
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).sort_stats("cumulative")
        stats.print_stats(60)
        stats.sort_stats("tottime").print_stats(40)
        args.profile.write_text(buf.getvalue(), encoding="utf-8")
        print(f"\ncProfile (an unseen sample of {len(fresh)} documents) written to {args.profile}")

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "documents": all_docs,
                    "chars": all_chars,
                    "rounds": per_round,
                    "rounds_cpu": per_round_cpu,
                    "chunk": args.chunk,
                    "seconds": pooled,
                    "ratios": ratios,
                    "stages": stages,
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
