"""What the extractive answer adds to a question: milliseconds over the search it follows.

    .venv/bin/python bench/answer_latency.py [--index-dir DIR] [--model NAME] [--repeat N]

Questions: eval/answers_tune.jsonl and eval/answers_test.jsonl (Danish and English). For each
it times the search, then the answer composed from its hits (`qa.answer.compose`): cold, live
(the index has no stored sentence vectors and none was read yet: the model reads the sentences
while the user waits), cold (the first question about a case, the sentence vectors stored by
`qa index` read from their file) and warm (asked before). Follow-ups
(eval/followups_*.jsonl) are timed whole, as `Conversation.ask`, against one search.
Prints median, 90th percentile and maximum per way, as wall-clock time and as the process's CPU
time (what the work costs when other processes share the cores), and the machine's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from qa import answer_features
from qa import sentences as sentences_module
from qa.answer import compose
from qa.conversation import Conversation
from qa.errors import QAError
from qa.evaluation import load_questions
from qa.reader import reader
from qa.retrieval import get_searcher
from qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    settings = Settings.from_env()
    parser.add_argument("--index-dir", type=Path, default=settings.index_dir)
    parser.add_argument("--model", default=settings.model)
    parser.add_argument("--repeat", type=int, default=3, help="timings per question and way")
    args = parser.parse_args()
    searcher = get_searcher(
        args.index_dir, args.model, settings.runtime, cache_dir=settings.cache_dir
    )
    try:
        snapshot = searcher.snapshot()
    except QAError as error:
        raise SystemExit(f"Error: {error}") from None
    questions = [
        q
        for name in ("answers_tune.jsonl", "answers_test.jsonl")
        for q in load_questions(ROOT / "eval" / name)
    ]
    followups = [
        q
        for name in ("followups_tune.jsonl", "followups_test.jsonl")
        for q in load_questions(ROOT / "eval" / name)
    ]
    import torch

    print(
        f"index {args.index_dir}: {len(snapshot.chunks)} chunks, model {searcher.encoder.name}, "
        f"torch threads {torch.get_num_threads()}, load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    searcher.search("opvarmning", 5)  # load everything once

    search_ms, cold, warm, hits_of = [], [], [], {}
    for q in questions:
        search_ms.append(
            _time(lambda q=q: hits_of.__setitem__(q.question, _search(searcher, q)), args.repeat)
        )
    stored = answer_features.stored
    answer_features.stored = lambda searcher: None  # as if the index had no sentence vectors
    answer_features.VECTORS = answer_features.VectorCache()  # nothing read yet
    live = []
    for q in questions:
        live.append(_time(lambda q=q: compose(searcher, q.question, hits_of[q.question]), 1))
    answer_features.stored = stored
    answer_features.VECTORS = answer_features.VectorCache()
    sentences_module._loaded.clear()  # the first answer reads the stored vectors' file
    cross = reader(settings.cache_dir)
    if cross is not None:
        cross.forget()  # the live way read these questions' sentences: read them again
    for q in questions:
        cold.append(_time(lambda q=q: compose(searcher, q.question, hits_of[q.question]), 1))
    for q in questions:
        warm.append(
            _time(lambda q=q: compose(searcher, q.question, hits_of[q.question]), args.repeat)
        )

    follow_ms = []
    for q in followups:
        chat = Conversation(searcher)
        for earlier in q.previous:
            chat.ask(earlier)
        state = chat.to_state()
        follow_ms.append(
            _time(lambda q=q, s=state: Conversation.from_state(searcher, s).ask(q.question), 1)
        )

    print(
        f"{len(questions)} questions; {len(followups)} follow-ups; best of {args.repeat} "
        f"where warm; wall ms / CPU ms"
    )
    _row("search alone", search_ms)
    _row("answer added, cold, live", live)
    _row("answer added, cold", cold)
    _row("answer added, warm", warm)
    _row("follow-up, whole turn", follow_ms)
    print(f"load average now {os.getloadavg()[0]:.1f}")


def _search(searcher, q):
    return searcher.search(q.question, 5)


def _fresh_question(searcher, question, hits):
    key = (searcher.encoder.name, "query", question)
    answer_features.VECTORS._vectors.pop(key, None)
    return compose(searcher, question, hits)


def _time(function, repeat: int) -> tuple[float, float]:
    """Best wall-clock and CPU milliseconds of `repeat` calls."""
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall * 1000, cpu * 1000


def _row(label: str, values: list[tuple[float, float]]) -> None:
    def figures(xs: list[float]) -> str:
        ordered = sorted(xs)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        return f"{statistics.median(xs):6.1f} / {p90:6.1f} / {max(xs):6.1f}"

    walls, cpus = [w for w, _ in values], [c for _, c in values]
    print(f"{label:24} median/p90/max  wall {figures(walls)} ms   CPU {figures(cpus)} ms")


if __name__ == "__main__":
    main()
