"""Updating a big index, measured: a run with nothing new, one meeting added, one case changed,
one meeting removed, at about 10k and 100k chunks, each split into scan, parse, embed and write.

    .venv/bin/python bench/update.py                      # 10k and 100k chunks
    .venv/bin/python bench/update.py --sizes 2000 --embed hash  # a quick smoke run

The indexes are built once (kept in --work-dir) from synthetic meetings of the real minutes'
sentences (bench/synthetic.py), **embedded with hashed stand-in vectors** (the real model's
tokenizer and name, so chunks are real-sized and the real model can add to the index); the
meeting added is embedded by the real model on its default runtime (`--embed hash`: hashed too,
to show what the update costs besides the model).
Each step is `update_index` in this process with the model loaded, as `qa index` runs it after
loading the model; --rounds runs of each step. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    MODEL,
    NEW_MEETING_CASES,
    RODOVRE,
    HashedVectors,
    chars_per_chunk,
    environment,
    log,
)
from bench.synthetic import SentencePool, file_name, synthetic_meeting, write_corpus  # noqa: E402
from qa.encoders import load_model  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.store import MAX_SEGMENTS  # noqa: E402

STEPS = ("scan", "parse", "embed", "write")


def built_index(work: Path, size: int, encoder, pool: SentencePool):
    """The corpus and index of ~`size` chunks, built once with hashed vectors and reused."""
    from qa.indexing import update_index
    from qa.store import IndexStore

    corpus = work / f"corpus-{size}"
    store = IndexStore(work / f"index-{size}-{encoder.name.replace('/', '_')}")
    if not corpus.exists():
        log(f"writing the {size:,}-chunk corpus")
        write_corpus(corpus, size, chars_per_chunk(encoder), pool, seed=size)
    for extra in corpus.glob("added_*"):
        extra.unlink()
    log(f"indexing the {size:,}-chunk corpus (hashed vectors; once)")
    start = time.perf_counter()
    report = update_index([corpus], store, HashedVectors(encoder))
    log(f"{report.summary()} in {time.perf_counter() - start:.1f} s")
    return corpus, store


def timed(corpus: Path, store, encoder, **options) -> dict:
    from qa.indexing import update_index

    start = time.perf_counter()
    report = update_index([corpus], store, encoder, **options)
    return {
        "total": time.perf_counter() - start,
        **{step: report.timings.get(step, 0.0) for step in STEPS},
        "chunks": report.chunk_count,
        "embedded": report.embedded_chunks,
        "changed": report.changed,
        "segments": len(store.read_manifest().get("segments", [])),
    }


def measure(work: Path, size: int, encoder, pool: SentencePool, rounds: int) -> list[dict]:
    corpus, store = built_index(work, size, encoder, pool)
    files = sum(1 for _ in corpus.glob("*.txt"))
    rows = []

    def record(name: str, runs: list[dict]) -> None:
        """The run of median total, with every run's total beside it."""
        middle = sorted(runs, key=lambda r: r["total"])[len(runs) // 2]
        totals = " / ".join(f"{r['total']:.2f}" for r in runs)
        rows.append({"size": size, "files": files, "step": name, "totals": totals, **middle})
        log(f"{size:,}: {name}: {totals} s")

    def step(name: str, before, check) -> None:
        runs = []
        for n in range(rounds):
            before(n)
            runs.append(timed(corpus, store, encoder))
            check(runs[-1])
        record(name, runs)

    def unchanged(result):
        assert not result["changed"], "a run with nothing new changed the index"

    def appended(result):
        assert result["segments"] > 1, "this update wrote the index as one segment"

    added: list[Path] = []

    def add(n):
        meeting_date = date(2026, 1, 5 + len(added))  # after every synthetic meeting: new
        committee = "Beskæftigelsesudvalget"
        text = synthetic_meeting(
            pool, random.Random(2026 + len(added)), committee, meeting_date, 1, NEW_MEETING_CASES
        )
        path = corpus / f"added_{file_name(committee, meeting_date)}"
        path.write_text(text, encoding="utf-8")
        added.append(path)

    def change(n):
        path = added[n]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Sag nr. 1\n", f"Sag nr. 1\n\nRettelse {n}.\n", 1))

    def remove(n):
        added.pop(0).unlink()

    # From one segment, so each step below appends until the last one merges.
    record(
        "writing the index as one segment (once a quarter of it is deleted)",
        [timed(corpus, store, encoder, compact=True)],
    )
    step("nothing new", lambda n: None, unchanged)
    step("one meeting added", add, appended)
    step("nothing new, after adding", lambda n: None, unchanged)
    step("one case changed", change, appended)
    step("one meeting removed", remove, appended)
    merging = []
    while not merging or merging[-1]["segments"] >= merging[0]["segments"]:  # until it merges
        add(0)
        merging.append(timed(corpus, store, encoder))
    record(f"one meeting added, merging the small segments (over {MAX_SEGMENTS})", merging[-1:])
    return rows


def render(rows: list[dict], env: dict, embed: str, command: str) -> str:
    lines = [
        f"`{command}`, {time.strftime('%Y-%m-%d')}. {env['cpu']}; Python {env['python']}; "
        f"faiss {env['faiss']}; load average {env['start_load']:.1f} at the start, "
        f"{env['load']:.1f} at the end.",
        "",
        "Indexes of synthetic meetings embedded with **hashed stand-in vectors**; the meeting "
        f"added (and the case changed) embedded by {embed}. In-process `update_index` with the "
        "model loaded; seconds: the total of every round, and how the median round splits.",
        "",
        "| Index | Files | Step | Total (s), each round | Median round: scan | parse | embed "
        "| write | Chunks embedded | Segments after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['chunks']:,} chunks | {r['files']:,} | {r['step']} | **{r['totals']}** | "
            + " | ".join(f"{r[s]:.2f}" for s in STEPS)
            + f" | {r['embedded']} | {r['segments']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/qa-bench-update"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--embed", choices=("real", "hash"), default="real")
    args = parser.parse_args()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    start_load = os.getloadavg()[0]
    encoder = load_model(MODEL, cache_dir=Settings.from_env().cache_dir)
    encoder.encode_passages(["Udvalget tog orienteringen til efterretning."] * 8)  # warm
    embed = f"the real model ({MODEL}, {encoder.runtime})"
    if args.embed == "hash":  # the same indexes; the new chunks get hashed vectors as well
        encoder = HashedVectors(encoder)
        embed = "hashed stand-in vectors as well (so Embed is chunking and hashing alone)"
    pool = SentencePool.from_corpus(RODOVRE)
    rows = [
        row
        for size in args.sizes
        for row in measure(args.work_dir, size, encoder, pool, args.rounds)
    ]
    command = "python bench/update.py " + " ".join(sys.argv[1:])
    print(render(rows, {**environment(), "start_load": start_load}, embed, command.strip()))


if __name__ == "__main__":
    main()
