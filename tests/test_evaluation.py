"""`qa eval`: retrieval metrics, plus answers, follow-ups and committees when the file asks."""

import json

import pytest
from click.testing import CliRunner

from qa.cli import cli
from qa.errors import QAError
from qa.evaluation import (
    Held,
    contains,
    evaluate,
    load_questions,
    precision_coverage_curve,
    selective_figures,
)

ANSWERS = [
    {"question": "Hvor mange deltagere har Netværk Rødovre?", "answer": "25 deltagere",
     "meeting_date": "2024-10-08", "case_number": 38},
    {"question": "Hvor mange fordrevne fra Ukraine bor der i Rødovre?", "answer": "999",
     "meeting_date": "2024-10-08", "case_number": 39},
    {"previous": ["Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"],
     "question": "Og året før?", "answer": "67 PROCENT",
     "meeting_date": "2024-10-08", "case_number": 40},
    {"previous": ["Hvad handler sagen om understøttelse af iværksættermiljøet om?"],
     "question": "Hvad blev besluttet?", "meeting_date": "2024-10-08", "case_number": 38},
]  # fmt: skip


@pytest.fixture
def searcher(corpus_searcher):
    return corpus_searcher


def write(tmp_path, records) -> str:
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def test_answers_and_follow_ups_are_measured_beside_retrieval(searcher, tmp_path):
    report = evaluate(searcher, load_questions(write(tmp_path, ANSWERS)))
    # Retrieval counts the questions that stand alone; a follow-up alone says too little.
    assert report["hybrid"]["questions"] == 2
    answers, followups = report["answers"], report["followups"]
    assert {k: answers[k] for k in ("accuracy", "case_first", "questions")} == {
        "accuracy": 0.5, "case_first": 1.0, "questions": 2,
    }  # fmt: skip
    assert {k: followups[k] for k in ("accuracy", "case_first", "answer_accuracy", "questions")} == {
        "accuracy": 1.0, "case_first": 1.0, "answer_accuracy": 1.0, "questions": 2,
    }  # fmt: skip
    # Beside them: how the confident answers and the answer box do (see the next test).
    for figures in (answers, followups, report["selective"]):
        assert set(figures) >= {"confident_precision", "coverage", "box_accuracy", "confident"}
    assert [p["threshold"] for p in report["selective"]["curve"]][:2] == [0.05, 0.1]
    assert report["answer_generator"] == "extractive"
    assert [m["expected"]["answer"] for m in report["answer_misses"]] == ["999"]
    assert report["optional_keys"] == ["answer", "previous"]


def test_confident_precision_coverage_answer_box_and_the_curve():
    held = [
        Held(confident=True, confidence=0.9, stated=True, best=True, box=True),
        Held(confident=True, confidence=0.85, stated=False, best=False, box=False),
        Held(confident=False, confidence=0.4, stated=False, best=True, box=True),
        Held(confident=False, confidence=0.2, stated=False, best=False, box=False),
    ]
    assert selective_figures(held) == {
        "confident_precision": 0.5, "coverage": 0.5, "box_accuracy": 0.5, "confident": 2,
    }  # fmt: skip
    curve = {p["threshold"]: p for p in precision_coverage_curve(held)}
    assert curve[0.8] == {"threshold": 0.8, "confident_precision": 0.5, "coverage": 0.5}
    assert curve[0.3] == {"threshold": 0.3, "confident_precision": 0.6667, "coverage": 0.75}
    assert curve[0.95] == {"threshold": 0.95, "confident_precision": None, "coverage": 0.0}


def test_a_committee_given_must_match(searcher, tmp_path):
    question = {"question": "Hvor mange deltagere har Netværk Rødovre?",
                "meeting_date": "2024-10-08", "case_number": 38}  # fmt: skip
    right = evaluate(searcher, load_questions(write(tmp_path, [question])), modes=("hybrid",))
    assert right["hybrid"]["recall@1"] == 1.0
    other = {**question, "committee": "Teknisk Udvalg"}  # met the same day, say
    wrong = evaluate(searcher, load_questions(write(tmp_path, [other])), modes=("hybrid",))
    assert wrong["hybrid"]["recall@1"] == 0.0
    assert wrong["misses"][0]["expected"]["committee"] == "Teknisk Udvalg"
    assert wrong["optional_keys"] == ["committee"]
    named = {**question, "committee": "beskæftigelsesudvalget"}
    ok = evaluate(searcher, load_questions(write(tmp_path, [named])), modes=("hybrid",))
    assert ok["hybrid"]["recall@1"] == 1.0  # compared ignoring case


@pytest.mark.parametrize(
    ("answer", "expected", "found"),
    [
        ("Mødet afsluttet kl.: 15.49. [1]", "15.49", True),
        ("Omgørelsesprocenten i 2022 var 67 procent. [1]", "67  Procent", True),
        ("220 personer pr. 1. september", "220personer", True),
        ("175 personer ved årsskiftet", "220", False),
    ],
)
def test_the_answer_string_is_compared_ignoring_case_and_spaces(answer, expected, found):
    assert contains(answer, expected) is found


@pytest.mark.parametrize(
    "line",
    [
        '{"question": "x", "meeting_date": "2024-10-08"}',
        '{"question": "x", "meeting_date": "2024-10-08", "case_number": 1, "previous": "y"}',
        "not json",
    ],
)
def test_a_bad_line_is_named(tmp_path, line):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(QAError, match="bad.jsonl, line 1"):
        load_questions(path)


def test_qa_eval_prints_answer_and_follow_up_accuracy(tmp_path, corpus_copy):
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    result = runner.invoke(cli, ["eval", str(write(tmp_path, ANSWERS))])
    assert result.exit_code == 0, result.output
    assert "answers (extractive): accuracy 0.500" in result.output
    assert "follow-ups: accuracy 1.000" in result.output
    assert "optional keys used: answer, previous" in result.output

    only_followups = write(tmp_path, ANSWERS[2:])
    result = runner.invoke(cli, ["eval", str(only_followups)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].split() == ["dense", "-", "-", "-"]
