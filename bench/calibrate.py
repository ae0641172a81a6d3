"""Calibrate the weak-match notice: how far the best passage stands above the background.

    .venv/bin/python bench/calibrate.py [--index-dir DIR] [--model NAME]

Answerable questions come from eval/questions.jsonl, off-topic ones from eval/off_topic.txt. For
each it prints the top hit's margin (similarity minus the question's median similarity to the
corpus) and word coverage, then how many of each set `qa.retrieval` marks weak.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from qa import config
from qa.errors import QAError
from qa.evaluation import load_questions
from qa.retrieval import STRONG_COVERAGE, WEAK_MARGIN, get_searcher

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=config.index_dir())
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    searcher = get_searcher(args.index_dir, args.model)
    try:
        snapshot = searcher.snapshot()
    except QAError as error:
        raise SystemExit(f"Error: {error}") from None
    answerable = [q.question for q in load_questions(ROOT / "eval" / "questions.jsonl")]
    off_topic = [
        line
        for line in (ROOT / "eval" / "off_topic.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    def margins(questions: list[str]) -> tuple[list[float], int]:
        values, weak = [], 0
        for question in questions:
            top = searcher.search(question, k=1)[0]
            query = searcher.encoder.encode_queries([question])[0]
            values.append(top.similarity - snapshot.rows.background(query))
            weak += top.weak
        return values, weak

    for name, questions in (("answerable", answerable), ("off-topic", off_topic)):
        values, weak = margins(questions)
        print(
            f"{name:11} n={len(values):3}  margin min {min(values):.3f}  "
            f"median {statistics.median(values):.3f}  max {max(values):.3f}  "
            f"marked weak: {weak}/{len(values)}"
        )
    print(f"WEAK_MARGIN={WEAK_MARGIN} STRONG_COVERAGE={STRONG_COVERAGE}")


if __name__ == "__main__":
    main()
