"""Fit the relevance line for questions that name their meeting (`qa.answer`).

    QA_INDEX_DIR=/tmp/qa-index python bench/fit_named_line.py            # read, report, write
    QA_INDEX_DIR=/tmp/qa-index python bench/fit_named_line.py --report   # report only

The relevance model (`bench/fit_answer.py`) tells answerable questions from the same questions
asked within another municipality's minutes and from off-topic ones; its line is where the two
errors meet. A question that names its meeting by its date, when that
meeting is in the minutes, cannot be asked within the wrong municipality's minutes, and the
model's line kept far fewer of them. This line keeps RELEVANT_RECALL of the tuning questions
that name their meeting and find their case first; below the model's own line and above this
one, the answer quotes the named meeting's closest sentences, none asserted.

The report also asks each such question with the date of another meeting of its municipality,
months away (its case is then not among the hits): how many of those the line still turns away.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_answer as fa  # noqa: E402

from qa.answer import _relevance_alone  # noqa: E402
from qa.answer_scorer import MODEL_FILE  # noqa: E402
from qa.evaluation import is_expected, load_questions  # noqa: E402

MONTHS = (
    ["januar", "februar", "marts", "april", "maj", "juni"]
    + ["juli", "august", "september", "oktober", "november", "december"],
    ["January", "February", "March", "April", "May", "June"]
    + ["July", "August", "September", "October", "November", "December"],
)
STEPS = np.round(np.arange(0.0, 1.0, 0.01), 2)


def relevance_of(searcher, question: str):
    """(hits, relevance) when the first hit is in the meeting the question names, else None."""
    hits = searcher.search(question, 5)
    if not hits or not hits[0].named:
        return None
    probability, _ = _relevance_alone(searcher, question, hits)  # as qa.answer reads it
    return None if probability is None else (hits, probability)


def moved(question: str, day, other) -> str:
    """The question with the date of another meeting, written as it wrote its own."""
    for months in MONTHS:
        old, new = months[day.month - 1], months[other.month - 1]
        sep = ". " if months is MONTHS[0] else " "
        question = re.sub(rf"\b{day.day}\.? {old}\b", f"{other.day}{sep}{new}", question)
        question = re.sub(rf"\b{old}\b", new, question)
    return question.replace(str(day.year), str(other.year))


def read(searcher) -> tuple[list[float], list[float]]:
    days: dict[str, set] = {}
    for chunk in searcher.snapshot().chunks:
        days.setdefault(chunk.municipality, set()).add(chunk.meeting_date)
    rng = random.Random(0)
    answerable, moved_away = [], []
    names = [n for n in fa.TUNING if n.startswith("answers") and (fa.EVAL / f"{n}.jsonl").exists()]
    for n, name in enumerate(names):
        for q in load_questions(fa.EVAL / f"{name}.jsonl"):
            found = relevance_of(searcher, q.question)
            if found is None or not is_expected(found[0][0], q):
                continue
            answerable.append(found[1])
            day = found[0][0].chunk.meeting_date
            others = sorted(
                d for d in days[found[0][0].chunk.municipality] if abs((d - day).days) > 40
            )
            if not others:
                continue
            other = moved(q.question, day, rng.choice(others))
            away = relevance_of(searcher, other) if other != q.question else None
            if away is not None and not any(is_expected(h, q) for h in away[0]):
                moved_away.append(away[1])
        print(f"\r{n + 1}/{len(names)} sets read", end="", file=sys.stderr)
    print(file=sys.stderr)
    return answerable, moved_away


def line(relevance: np.ndarray) -> float:
    """The highest step that keeps RELEVANT_RECALL of the answerable questions."""
    return float(max(s for s in STEPS if (relevance >= s).mean() >= fa.RELEVANT_RECALL))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="report, write nothing")
    args = parser.parse_args()
    fitted = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model_line = fitted["model"]["relevance"]["threshold"]
    answerable, moved_away = (np.array(x) for x in read(fa.open_searcher()))
    named = line(answerable)
    half = len(answerable) // 2
    report = {
        "answerable_named": len(answerable),
        "moved_to_another_meeting": len(moved_away),
        "named_threshold": named,
        "halves": [line(answerable[:half]), line(answerable[half:])],
        "answerable_kept": round(float((answerable >= named).mean()), 4),
        "answerable_kept_by_the_model_s_line": round(float((answerable >= model_line).mean()), 4),
        "moved_caught": round(float((moved_away < named).mean()), 4),
        "moved_caught_by_the_model_s_line": round(float((moved_away < model_line).mean()), 4),
    }
    print(json.dumps(report, indent=2))
    if args.report:
        return
    fitted["model"]["relevance"]["named_threshold"] = named
    fitted["model"]["relevance"]["named_report"] = report
    MODEL_FILE.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
