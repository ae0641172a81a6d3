"""Quality on a question set: retrieval (Recall@1, Recall@5, MRR@10 per search mode), and the
answer (does it contain what it should?) and follow-ups (asked after earlier questions).

Each line of the question file is {"question", "meeting_date", "case_number"}, optionally with
"committee" and "municipality" (then the hit must match them too: several committees meet on one
day), "answer" (a string the answer must contain, compared ignoring case and spaces) and
"previous" (earlier questions, oldest first: the question is a follow-up). Retrieval is measured
on the questions that stand alone; answers on those with "answer"; follow-ups on those with
"previous" (right: the expected case first and, when given, the answer contains the string).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError
from qa.retrieval import MODES, Hit, Searcher

OPTIONAL_KEYS = ("committee", "municipality", "answer", "previous")


@dataclass(frozen=True)
class Question:
    question: str
    meeting_date: str
    case_number: int
    committee: str | None = None
    municipality: str | None = None
    answer: str | None = None
    previous: tuple[str, ...] = ()

    def expected(self) -> dict:
        record = {"meeting_date": self.meeting_date, "case_number": self.case_number}
        if self.committee:
            record["committee"] = self.committee
        if self.municipality:
            record["municipality"] = self.municipality
        return record


def load_questions(path: Path) -> list[Question]:
    questions = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            previous = record.get("previous") or ()
            if isinstance(previous, str) or not all(isinstance(p, str) for p in previous):
                raise TypeError('"previous" must be a list of earlier questions')
            questions.append(
                Question(
                    record["question"],
                    record["meeting_date"],
                    int(record["case_number"]),
                    record.get("committee") or None,
                    record.get("municipality") or None,
                    record.get("answer") or None,
                    tuple(previous),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise QAError(
                f"{path}, line {n}: expected "
                f'{{"question": ..., "meeting_date": "YYYY-MM-DD", "case_number": N}} '
                f'with optional "committee", "municipality", "answer", "previous": [...] ({exc})'
            ) from exc
    if not questions:
        raise QAError(f"{path} holds no questions.")
    return questions


def is_expected(hit: Hit, q: Question) -> bool:
    """Does the hit cite the case the question expects (committee and municipality when given)?"""
    c = hit.chunk
    if c.meeting_date.isoformat() != q.meeting_date or c.case_number != q.case_number:
        return False
    if q.committee and c.committee.casefold() != q.committee.casefold():
        return False
    municipality = getattr(c, "municipality", None)
    if q.municipality and municipality is not None:
        return municipality.casefold() == q.municipality.casefold()
    return True


def contains(answer_text: str, expected: str) -> bool:
    """The expected string in the answer, ignoring case and spaces ("15.49", "67 procent")."""
    return "".join(expected.split()).casefold() in "".join(answer_text.split()).casefold()


def evaluate(
    searcher: Searcher, questions: list[Question], modes=MODES, depth: int = 10, llm=None
) -> dict:
    """Metrics for every mode side by side, the answers' and follow-ups' accuracy, and misses."""
    report: dict = {}
    misses = []
    standalone = [q for q in questions if not q.previous]
    for mode in modes:
        reciprocal, at1, at5 = 0.0, 0, 0
        for q in standalone:
            hits = searcher.search(q.question, k=depth, mode=mode)
            rank = next((h.rank for h in hits if is_expected(h, q)), None)
            if rank == 1:
                at1 += 1
            if rank and rank <= 5:
                at5 += 1
            if rank:
                reciprocal += 1.0 / rank
            if rank != 1:
                misses.append(
                    {
                        "mode": mode,
                        "question": q.question,
                        "expected": q.expected(),
                        "rank": rank,
                        "first": _first(hits),
                    }
                )
        n = len(standalone)
        report[mode] = {
            "recall@1": round(at1 / n, 4) if n else None,
            "recall@5": round(at5 / n, 4) if n else None,
            "mrr@10": round(reciprocal / n, 4) if n else None,
            "questions": n,
        }
    report["misses"] = misses
    report.update(_answers(searcher, questions, llm))
    report["optional_keys"] = [
        key for key in OPTIONAL_KEYS if any(getattr(q, key) for q in questions)
    ]
    return report


def _answers(searcher: Searcher, questions: list[Question], llm) -> dict:
    """Answer accuracy (standalone questions with "answer") and follow-up accuracy."""
    from qa.conversation import answer_question

    asked = [q for q in questions if q.answer or q.previous]
    if not asked:
        return {}
    standalone = {"questions": 0, "right": 0, "case_first": 0}
    followups = {"questions": 0, "right": 0, "case_first": 0, "with_answer": 0, "answer_right": 0}
    selective = {"answers": [], "followups": []}
    answer_misses = []
    generator = None
    for q in asked:
        answer = answer_question(searcher, q.question, previous=q.previous, llm=llm)
        generator = generator or answer.generator
        if q.answer:
            selective["followups" if q.previous else "answers"].append(_held(answer, q.answer))
        case_first = bool(answer.hits) and is_expected(answer.hits[0], q)
        text_right = q.answer is None or (answer.found and contains(answer.text, q.answer))
        counts = followups if q.previous else standalone
        counts["questions"] += 1
        counts["case_first"] += case_first
        if q.previous:
            if q.answer:
                counts["with_answer"] += 1
                counts["answer_right"] += text_right
            right = case_first and text_right
        else:
            right = text_right
        counts["right"] += right
        if not right:
            answer_misses.append(
                {
                    "question": q.question,
                    "previous": list(q.previous),
                    "expected": {**q.expected(), "answer": q.answer},
                    "answer": answer.text,
                    "found": answer.found,
                    "first": _first(list(answer.hits)),
                }
            )
    out: dict = {"answer_generator": generator or "extractive"}
    if standalone["questions"]:
        n = standalone["questions"]
        out["answers"] = {
            "accuracy": round(standalone["right"] / n, 4),
            "case_first": round(standalone["case_first"] / n, 4),
            "questions": n,
            **selective_figures(selective["answers"]),
        }
    if followups["questions"]:
        n = followups["questions"]
        out["followups"] = {
            "accuracy": round(followups["right"] / n, 4),
            "case_first": round(followups["case_first"] / n, 4),
            "answer_accuracy": round(followups["answer_right"] / followups["with_answer"], 4)
            if followups["with_answer"]
            else None,
            "questions": n,
            **selective_figures(selective["followups"]),
        }
    every = selective["answers"] + selective["followups"]
    if every:
        out["selective"] = {
            **selective_figures(every),
            "curve": precision_coverage_curve(every),
        }
    out["answer_misses"] = answer_misses
    return out


@dataclass(frozen=True)
class Held:
    """Where an answer holds the expected string: its stated sentences, its first two sentences, or
    anywhere in its answer box (the stated sentences or the closest candidates)."""

    confident: bool
    confidence: float
    stated: bool  # confident, and the stated answer holds it
    best: bool  # the first two sentences shown (what a confident answer states) hold it
    box: bool  # the answer box holds it, confident or not


def _held(answer, expected: str) -> Held:
    best = any(contains(s.text, expected) for s in answer.sentences[:2])
    box = answer.found and contains(answer.text, expected)
    stated = answer.confident and box
    return Held(answer.confident, answer.confidence, stated, best or stated, box)


def selective_figures(held: list[Held]) -> dict:
    """Confident precision (confident answers holding the fact), coverage (share of the questions
    answered confidently) and answer-box accuracy (the confident sentence, or any candidate)."""
    if not held:
        return {}
    confident = [h for h in held if h.confident]
    return {
        "confident_precision": round(sum(h.stated for h in confident) / len(confident), 4)
        if confident
        else None,
        "coverage": round(len(confident) / len(held), 4),
        "box_accuracy": round(sum(h.box for h in held) / len(held), 4),
        "confident": len(confident),
    }


def precision_coverage_curve(held: list[Held], step: float = 0.05) -> list[dict]:
    """What confident precision and coverage would be at each threshold of the confidence; an
    answer above it counts as right when its first two sentences (what a confident answer states)
    hold the fact."""
    out = []
    for n in range(1, round(1 / step)):
        threshold = round(n * step, 2)
        above = [h for h in held if h.confidence >= threshold]
        out.append(
            {
                "threshold": threshold,
                "confident_precision": round(sum(h.best for h in above) / len(above), 4)
                if above
                else None,
                "coverage": round(len(above) / len(held), 4),
            }
        )
    return out


def _first(hits: list[Hit]) -> dict | None:
    if not hits:
        return None
    c = hits[0].chunk
    return {
        "meeting_date": c.meeting_date.isoformat(),
        "case_number": c.case_number,
        "committee": c.committee,
        "title": c.title,
    }
