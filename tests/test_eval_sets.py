"""Every answer question names a case of the bundled corpus, and its expected answer is written in
that case's text (compared as `qa eval` compares: ignoring case and spaces), so a set measures the
answer and not a typo."""

from pathlib import Path

import pytest

from qa.evaluation import contains, load_questions
from qa.ingest import load_corpus
from tests.conftest import CORPUS

EVAL = Path(__file__).resolve().parent.parent / "eval"
SETS = sorted(EVAL.glob("answers_*.jsonl")) + sorted(EVAL.glob("followups_*.jsonl"))


@pytest.fixture(scope="module")
def case_texts():
    texts = {}
    for meeting in load_corpus([CORPUS], root=CORPUS).meetings:
        for case in meeting.cases:
            key = (meeting.meeting_date.isoformat(), case.case_number)
            # An answer quoting a whole short section reads "Økonomiske konsekvenser: Ingen".
            sections = "\n".join(f"{s.heading}: {s.text}" for s in case.sections)
            texts.setdefault(key, []).append((meeting, f"{case.title}\n{case.text}\n{sections}"))
    return texts


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_each_expected_answer_is_written_in_its_case(path, case_texts):
    missing = []
    for question in load_questions(path):
        candidates = [
            text
            for meeting, text in case_texts.get((question.meeting_date, question.case_number), [])
            if question.committee in (None, meeting.committee)
            and question.municipality in (None, meeting.municipality)
        ]
        if not candidates or (
            question.answer and not any(contains(text, question.answer) for text in candidates)
        ):
            missing.append((question.question, question.answer))
    assert missing == []
