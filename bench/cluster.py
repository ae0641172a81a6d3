"""Indexing throughput on Ray against one process, on the same corpus, in one run.

    .venv/bin/python bench/cluster.py                 # ~1,000 chunks, real model (~12 minutes)
    .venv/bin/python bench/cluster.py --chunks 200    # a smoke run

Builds the same synthetic corpus three times with the real model, each in a fresh process and
from scratch: `update_index` in one process, then on a local Ray with 1 and with 2 encoder
workers; then adds one new meeting through the Ray path, cold (a new `qa index --engine ray`
process: Ray start, workers loading the model) and through the single process for comparison.
Prints a Markdown table. The real e5 vectors of the single-process index are kept in the work
dir (`--work-dir`) for bench/scale.py to fit its synthetic vectors to.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    MODEL,
    NEW_MEETING_CASES,
    chars_per_chunk,
    environment,
    isolated,
    log,
    table,
)
from bench.synthetic import SentencePool, file_name, synthetic_meeting, write_corpus  # noqa: E402


class TimedEngine:
    """Seconds spent in each engine step, around either engine."""

    def __init__(self, inner):
        self.inner = inner
        self.seconds = {"parse": 0.0, "chunk_embed": 0.0}

    def load_corpus(self, paths, root):
        start = time.perf_counter()
        try:
            return self.inner.load_corpus(paths, root)
        finally:
            self.seconds["parse"] += time.perf_counter() - start

    def chunk_and_embed(self, cases, encoder, max_tokens, progress):
        start = time.perf_counter()
        try:
            return self.inner.chunk_and_embed(cases, encoder, max_tokens, progress)
        finally:
            self.seconds["chunk_embed"] += time.perf_counter() - start


def index_once(corpus: Path, index: Path, workers: int | None) -> dict:
    """One cold `qa index` in this fresh process: None workers is the single-process path."""
    from qa.encoders import load_model
    from qa.indexing import LocalEngine, update_index
    from qa.settings import Settings
    from qa.store import IndexStore

    began = time.perf_counter()
    ray_start = 0.0
    if workers:
        from qa.cluster import RayEngine

        inner = RayEngine(workers=workers)
        start = time.perf_counter()
        inner.start()
        ray_start = time.perf_counter() - start
    else:
        inner = LocalEngine()
    start = time.perf_counter()
    encoder = load_model(MODEL, cache_dir=Settings.from_env().cache_dir)
    load_s = time.perf_counter() - start
    engine = TimedEngine(inner)
    start = time.perf_counter()
    report = update_index([corpus], IndexStore(index), encoder, engine=engine)
    update_s = time.perf_counter() - start
    if workers:
        inner.close()
    return {
        "workers": workers,
        "chunks": report.chunk_count,
        "embedded": report.embedded_chunks,
        "cases": len(report.added) + len(report.updated),
        "ray_start_s": ray_start,
        "driver_model_s": load_s,
        "parse_s": engine.seconds["parse"],
        "chunk_embed_s": engine.seconds["chunk_embed"],
        "write_s": update_s - engine.seconds["parse"] - engine.seconds["chunk_embed"],
        "total_s": time.perf_counter() - began,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=1000, help="corpus size, in chunks")
    parser.add_argument("--work-dir", type=Path, help="keep corpus and indexes here")
    args = parser.parse_args()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="minutes-qa-cluster-"))
    work.mkdir(parents=True, exist_ok=True)
    env = isolated(environment)
    log(f"working in {work}")

    from embeddings.model import HashingEncoder

    pool = SentencePool.from_corpus(ROOT / "corpus")
    corpus = work / "corpus"
    # Sized with the hashing encoder's token count (no model load here); the real chunk count
    # is what the runs report.
    write_corpus(corpus, args.chunks, chars_per_chunk(HashingEncoder()), pool, seed=11)
    runs = []
    for label, workers in (("one process", None), ("Ray, 1 worker", 1), ("Ray, 2 workers", 2)):
        log(f"building: {label}")
        name = "local" if workers is None else f"ray-{workers}"
        runs.append((label, isolated(index_once, corpus, work / f"index-{name}", workers)))

    meeting_date = date(2026, 1, 7)
    committee = "Beskæftigelsesudvalget"
    text = synthetic_meeting(
        pool, random.Random(2026), committee, meeting_date, 1, NEW_MEETING_CASES
    )
    (corpus / file_name(committee, meeting_date)).write_text(text, encoding="utf-8")
    adds = []
    for label, workers in (("one process", None), ("Ray, 2 workers", 2)):
        log(f"adding a meeting: {label}")
        name = "local" if workers is None else f"ray-{workers}"
        adds.append((label, isolated(index_once, corpus, work / f"index-{name}", workers)))

    base = runs[0][1]["chunk_embed_s"]
    out = [
        "## Indexing on Ray against one process",
        "",
        f"`python bench/cluster.py {' '.join(sys.argv[1:])}`, {time.strftime('%Y-%m-%d %H:%M')}. "
        f"{env['cpu']}, shared with other work (load average {env['load']:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end); torch {env['torch']}. Real model ({MODEL}); "
        f"each row a fresh process indexing from scratch.",
        "",
    ]
    rows = []
    for label, r in runs:
        rate = r["embedded"] / r["chunk_embed_s"]
        rows.append(
            [
                label,
                f"{r['chunks']:,}",
                f"{r['ray_start_s']:.1f}" if r["workers"] else "",
                f"{r['driver_model_s']:.1f}",
                f"{r['parse_s']:.1f}",
                f"{r['chunk_embed_s']:.1f}",
                f"**{rate:.1f}**",
                f"{base / r['chunk_embed_s']:.2f}×",
                f"{r['write_s']:.1f}",
                f"{r['total_s']:.1f}",
            ]
        )
    out += table(
        [
            "Engine",
            "Chunks",
            "Ray start (s)",
            "Model load, driver (s)",
            "Parse (s)",
            "Chunk + embed (s)",
            "Chunks/s",
            "Speed-up",
            "Plan + write (s)",
            "Total (s)",
        ],
        rows,
    )
    out += [
        "",
        "Chunk + embed on Ray includes starting the actor pool and each worker loading the "
        "model; the driver loads it too (for the manifest's model name and token limit).",
        "",
        f"Adding one new meeting ({NEW_MEETING_CASES} cases) to that index, a cold run each:",
        "",
    ]
    rows = [
        [
            label,
            f"{r['embedded']}",
            f"{r['ray_start_s']:.1f}" if r["workers"] else "",
            f"{r['driver_model_s']:.1f}",
            f"{r['parse_s']:.1f}",
            f"{r['chunk_embed_s']:.1f}",
            f"{r['write_s']:.1f}",
            f"**{r['total_s']:.1f}**",
        ]
        for label, r in adds
    ]
    out += table(
        [
            "Engine",
            "Chunks embedded",
            "Ray start (s)",
            "Model load, driver (s)",
            "Parse (s)",
            "Chunk + embed (s)",
            "Plan + write (s)",
            "Total (s)",
        ],
        rows,
    )
    print("\n".join(out))


if __name__ == "__main__":
    main()
