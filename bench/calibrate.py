"""Calibrate the weak-match threshold: top-1 similarity of answerable vs off-topic questions.

    .venv/bin/python bench/calibrate.py [--index-dir DIR] [--model NAME]

Answerable questions come from eval/questions.jsonl, off-topic ones from eval/off_topic.txt.
Prints both distributions and the threshold halfway between the lowest answerable score that is
right at rank 1 and the highest off-topic score; `qa.retrieval.WEAK_SIMILARITY` holds the result.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from qa import config
from qa.evaluation import load_questions
from qa.retrieval import get_searcher

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=config.index_dir())
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    searcher = get_searcher(args.index_dir, args.model)

    answered, missed = [], []
    for q in load_questions(ROOT / "eval" / "questions.jsonl"):
        top = searcher.search(q.question, k=1, mode="hybrid")[0]
        right = (top.chunk.meeting_date.isoformat(), top.chunk.case_number) == (
            q.meeting_date,
            q.case_number,
        )
        (answered if right else missed).append(top.similarity)
    off_topic = [
        searcher.search(line, k=1)[0].similarity
        for line in (ROOT / "eval" / "off_topic.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    def describe(name: str, values: list[float]) -> None:
        if values:
            print(
                f"{name:24} n={len(values):3}  min {min(values):.3f}  "
                f"median {statistics.median(values):.3f}  max {max(values):.3f}"
            )

    describe("answered at rank 1", answered)
    describe("answered elsewhere", missed)
    describe("off-topic", off_topic)
    low, high = min(answered), max(off_topic)
    print(f"suggested WEAK_SIMILARITY: {(low + high) / 2:.3f} (gap {low - high:+.3f})")


if __name__ == "__main__":
    main()
