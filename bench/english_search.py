"""How much the glossary's Danish reading of an English question should count in the search:
Recall@1/3/5 of the tuning sets' English questions that stand alone, for each weight of that
dense ranking (qa.retrieval.DANISH_READING_WEIGHT; 0 leaves it out).

    QA_INDEX_DIR=/tmp/qa-index python bench/english_search.py              # 0 1 1.5 2 3
    QA_INDEX_DIR=/tmp/qa-index python bench/english_search.py --weights 0 2 --sets answers_untouched18

The sets are bench/fit_answer.py's TUNING (never an untouched set before it is reported on), on
the index QA_INDEX_DIR names (the whole bundled corpus: the search meets every distractor).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_answer as fa  # noqa: E402

from qa import retrieval  # noqa: E402
from qa.evaluation import is_expected, load_questions  # noqa: E402
from qa.language import question_language  # noqa: E402


def english_questions(sets) -> list:
    """The English questions that stand alone, each once."""
    seen = {}
    for name in sets:
        for q in load_questions(fa.EVAL / f"{name}.jsonl"):
            if not q.previous and question_language(q.question) == "en":
                seen.setdefault((q.question, q.meeting_date, q.case_number, q.committee), q)
    return list(seen.values())


def recalls(searcher, questions, weight: float) -> dict:
    retrieval.DANISH_READING_WEIGHT = weight
    at = {1: 0, 3: 0, 5: 0}
    for q in questions:
        hits = searcher.search(q.question, 5)
        rank = next((i for i, h in enumerate(hits) if is_expected(h, q)), None)
        for n in at:
            at[n] += rank is not None and rank < n
    return {f"recall@{n}": round(count / len(questions), 4) for n, count in at.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=float, nargs="+", default=[0, 1, 1.5, 2, 3])
    parser.add_argument("--sets", nargs="+", default=list(fa.TUNING))
    args = parser.parse_args()
    questions = english_questions(args.sets)
    searcher = fa.open_searcher()
    print(f"{len(questions)} English questions that stand alone")
    print("| weight | Recall@1 | Recall@3 | Recall@5 |")
    print("|---|---|---|---|")
    for weight in args.weights:
        r = recalls(searcher, questions, weight)
        print(f"| {weight:g} | {r['recall@1']} | {r['recall@3']} | {r['recall@5']} |")


if __name__ == "__main__":
    main()
