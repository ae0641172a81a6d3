"""Retrieval quality on a question set: Recall@1, Recall@5 and MRR@10 per search mode.

Each line of the question file is {"question", "meeting_date", "case_number"}; a hit is right
when it cites that meeting date and case number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError
from qa.retrieval import MODES, Searcher


@dataclass(frozen=True)
class Question:
    question: str
    meeting_date: str
    case_number: int


def load_questions(path: Path) -> list[Question]:
    questions = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            questions.append(
                Question(record["question"], record["meeting_date"], int(record["case_number"]))
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise QAError(
                f"{path}, line {n}: expected "
                f'{{"question": ..., "meeting_date": "YYYY-MM-DD", "case_number": N}} ({exc})'
            ) from exc
    if not questions:
        raise QAError(f"{path} holds no questions.")
    return questions


def evaluate(searcher: Searcher, questions: list[Question], modes=MODES, depth: int = 10) -> dict:
    """Metrics for every mode side by side, and each question a mode did not answer first."""
    report: dict = {}
    misses = []
    for mode in modes:
        reciprocal, at1, at5 = 0.0, 0, 0
        for q in questions:
            hits = searcher.search(q.question, k=depth, mode=mode)
            rank = next(
                (
                    h.rank
                    for h in hits
                    if h.chunk.meeting_date.isoformat() == q.meeting_date
                    and h.chunk.case_number == q.case_number
                ),
                None,
            )
            if rank == 1:
                at1 += 1
            if rank and rank <= 5:
                at5 += 1
            if rank:
                reciprocal += 1.0 / rank
            if rank != 1:
                first = hits[0].chunk if hits else None
                misses.append(
                    {
                        "mode": mode,
                        "question": q.question,
                        "expected": {"meeting_date": q.meeting_date, "case_number": q.case_number},
                        "rank": rank,
                        "first": first
                        and {
                            "meeting_date": first.meeting_date.isoformat(),
                            "case_number": first.case_number,
                            "title": first.title,
                        },
                    }
                )
        n = len(questions)
        report[mode] = {
            "recall@1": round(at1 / n, 4),
            "recall@5": round(at5 / n, 4),
            "mrr@10": round(reciprocal / n, 4),
            "questions": n,
        }
    report["misses"] = misses
    return report
