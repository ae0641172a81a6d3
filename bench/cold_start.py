"""How long `qa ask` and `qa answer` take from the shell on an existing index, and where it goes.

    .venv/bin/python bench/cold_start.py [--runs N] [--index-dir DIR] [--question Q]

Runs the real commands (`python -m qa ask Q --json -k 3`, `python -m qa answer Q --json`) N
times each as fresh processes and prints median and 90th percentile wall time and CPU time
(user + sys: what a command costs when other work shares the cores). Taking turns with them,
N fresh processes do what `qa ask` / `qa answer` do, step by step, and time each step: imports,
the index check, model load, index load, search, answer, and the rest (Python's start-up and
shutdown, where OpenVINO's usage report used to wait). The load average is printed before and
after. The index of the bundled corpus with the default model is built first when DIR has
none; one untimed run of each command fills the model caches (compiled graph, tokenizer pieces).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Hvor mange fordrevne fra Ukraine bor der i Rødovre?"

# Run in a fresh interpreter: the steps of `qa ask` then `qa answer`, each timed.
STEPS = r"""
import json, os, sys, time
started, cpu_started = time.perf_counter(), time.process_time()
times, cpu = {}, {}
def lap(name):
    global started, cpu_started
    now, cpu_now = time.perf_counter(), time.process_time()
    times[name], cpu[name] = now - started, cpu_now - cpu_started
    started, cpu_started = now, cpu_now
from pathlib import Path
import qa.cli
from qa.conversation import answer_question
from qa.highlight import best_sentences
from qa.retrieval import Searcher, check_question
lap("import")
from qa.encoders import load_model
from qa.settings import Settings
from qa.encoders import runtime_for
from qa.store import IndexStore
index_dir, question = Path(sys.argv[1]), sys.argv[2]
check_question(question)
runtime = runtime_for(IndexStore(index_dir), None, None, require_index=True)
lap("index check")
encoder = load_model(None, runtime=runtime, cache_dir=Settings.from_env().cache_dir)
lap("model load")
searcher = Searcher(IndexStore(index_dir), encoder)
searcher.snapshot()
lap("index load")
hits = searcher.search(question, 3)
json.dumps([h.as_record() for h in hits], ensure_ascii=False)
lap("search")
answer = answer_question(searcher, question, k=5)
json.dumps(answer.as_record(), ensure_ascii=False)
lap("answer")
print(json.dumps([times, cpu]), flush=True)
"""

STEP_NAMES = ["import", "index check", "model load", "index load", "search", "answer", "exit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command")
    parser.add_argument("--index-dir", type=Path, default=Path("/tmp/minutes-qa-bench/cold-start"))
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QA_INDEX_DIR": str(args.index_dir),
        "QA_CORPUS_DIR": str(ROOT / "corpus"),
    }
    for name in ("QA_MODEL", "QA_RUNTIME", "QA_LLM_URL"):  # the defaults, extractive answers
        env.pop(name, None)
    python = sys.executable
    if not (args.index_dir / "CURRENT").exists():
        print(f"Indexing the bundled corpus into {args.index_dir} ...", file=sys.stderr)
        subprocess.run([python, "-m", "qa", "index", "--json"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    commands = {
        "qa ask": [python, "-m", "qa", "ask", args.question, "--json", "-k", "3"],
        "qa answer": [python, "-m", "qa", "answer", args.question, "--json"],
    }
    for command in commands.values():  # untimed: fills the caches a first run writes
        subprocess.run(command, env=env, check=True, capture_output=True)

    load_before = os.getloadavg()
    started = time.time()
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    steps: dict[str, list[float]] = {name: [] for name in STEP_NAMES}
    step_cpu: dict[str, list[float]] = {name: [] for name in STEP_NAMES}
    for _ in range(args.runs):  # turn about, so a change in the machine's load hits all alike
        for name, command in commands.items():
            seconds, cpu_seconds, _ = _timed(command, env)
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
        command = [python, "-c", STEPS, str(args.index_dir), args.question]
        seconds, cpu_seconds, out = _timed(command, env)
        times, cpu_times = json.loads(out.strip().splitlines()[-1])
        times["exit"] = seconds - sum(times.values())  # start-up of python and its shutdown
        cpu_times["exit"] = cpu_seconds - sum(cpu_times.values())
        for name in STEP_NAMES:
            steps[name].append(times[name])
            step_cpu[name].append(cpu_times[name])
    load_after = os.getloadavg()

    print(
        f"`python bench/cold_start.py --runs {args.runs}`, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{time.time() - started:.0f} s; {os.cpu_count()} cores; load average (1/5/15 min) "
        f"{_load(load_before)} before, {_load(load_after)} after. Index: the bundled corpus, "
        f"{_chunks(args.index_dir)} chunks, default model and runtime. Question: "
        f"{args.question!r}.\n"
    )
    print("| command | wall s, median / p90 | CPU s (user + sys), median / p90 |")
    print("|---|---|---|")
    for name in commands:
        print(f"| `{name}` | {_stats(wall[name])} | {_stats(cpu[name])} |")
    print(f"\nWhere the time goes ({args.runs} fresh processes doing the steps of `qa ask` then "
          f"`qa answer` in one; seconds, median / p90; exit includes Python's start-up):\n")  # fmt: skip
    print("| | " + " | ".join(STEP_NAMES) + " | total |")
    print("|---|" + "---|" * (len(STEP_NAMES) + 1))
    for label, figures in (("wall", steps), ("CPU", step_cpu)):
        totals = [sum(run) for run in zip(*figures.values(), strict=True)]
        cells = [_stats(figures[name]) for name in STEP_NAMES] + [_stats(totals)]
        print(f"| {label} | " + " | ".join(cells) + " |")


def _timed(command: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + sys of the child) and stdout of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, done.stdout


def _stats(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):.2f} / {p90:.2f}"


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.1f}" for x in load)


def _chunks(index_dir: Path) -> int | str:
    try:
        current = (index_dir / "CURRENT").read_text().strip()
        return json.loads((index_dir / current / "manifest.json").read_text())["chunk_count"]
    except (OSError, ValueError, KeyError):
        return "?"


if __name__ == "__main__":
    main()
