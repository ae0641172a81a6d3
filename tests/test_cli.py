"""The `qa` command, driven as a user would, with the hashing encoder (set in conftest)."""

import json

import pytest
from click.testing import CliRunner

from qa.cli import cli


@pytest.fixture
def qa():
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def indexed(qa, corpus_copy):
    result = qa("index", str(corpus_copy))
    assert result.exit_code == 0, result.output
    return corpus_copy


def test_index_reports_what_changed(qa, corpus_copy):
    first = qa("index", str(corpus_copy))
    assert "12 added, 0 updated, 0 removed, 0 unchanged cases" in first.output
    again = qa("index", str(corpus_copy))
    assert "0 added, 0 updated, 0 removed, 12 unchanged cases" in again.output


def test_index_defaults_to_the_corpus_dir(qa):
    result = qa("index")
    assert result.exit_code == 0
    assert "12 added" in result.output


def test_ask_json_contract(qa, indexed):
    result = qa("ask", "Hvor mange fordrevne fra Ukraine bor der i Rødovre?", "--json", "-k", "3")
    hits = json.loads(result.output)
    assert len(hits) == 3
    assert set(hits[0]) == {
        "rank", "score", "committee", "meeting_date", "case_number",
        "title", "section", "text", "source",
    }  # fmt: skip
    assert hits[0]["rank"] == 1 and isinstance(hits[0]["case_number"], int)
    assert (hits[0]["meeting_date"], hits[0]["case_number"]) == ("2024-10-08", 39)


def test_ask_shows_the_citation_and_the_passage(qa, indexed):
    result = qa("ask", "Hvor mange fordrevne fra Ukraine bor der i Rødovre?", "-k", "1")
    assert (
        "1. Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39: "
        "Status på indsatsen for fordrevne fra Ukraine m.fl." in result.output
    )
    assert "220 personer" in result.output


def test_ask_with_filters(qa, indexed):
    result = qa("ask", "Taget til efterretning", "--json", "-k", "10", "--until", "2023-12-31")
    assert {h["meeting_date"] for h in json.loads(result.output)} == {"2023-05-16"}


def test_eval_reports_every_mode(qa, indexed, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps({"question": "Netværk Rødovre", "meeting_date": "2024-10-08", "case_number": 38})
        + "\n"
        + json.dumps({"question": "svømmehal", "meeting_date": "2024-10-08", "case_number": 99})
        + "\n"
    )
    report = json.loads(qa("eval", str(questions), "--json").output)
    assert set(report) == {"dense", "bm25", "hybrid", "misses", "optional_keys"}
    assert report["optional_keys"] == []  # no answers, follow-ups or committees asked for
    for mode in ("dense", "bm25", "hybrid"):
        assert set(report[mode]) >= {"recall@1", "recall@5", "mrr@10"}
        assert report[mode]["recall@1"] <= 0.5  # the second question has no answer
    assert {m["question"] for m in report["misses"]} == {"svømmehal"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "Hvad er Netværk Rødovre?"], "No index found"),
        (["ask", "   "], "The question is empty"),
        (["ask", "Netværk", "--model", "no/such-model-here"], "Cannot load the embedding model"),
        (["index", "--model", "/nonexistent/model"], "Cannot load the embedding model"),
        (["info"], "No index found"),
    ],
)
def test_errors_are_one_clear_line_and_a_nonzero_exit(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert message in result.output
    assert "Traceback" not in result.output


def test_eval_refuses_a_malformed_question_file(qa, indexed, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "x"}\n')
    result = CliRunner().invoke(cli, ["eval", str(bad)])
    assert result.exit_code == 1 and "line 1" in result.output


def test_every_command_has_help_text():
    for name, command in cli.commands.items():
        assert command.help, f"qa {name} has no help text"
        assert CliRunner().invoke(cli, [name, "--help"]).exit_code == 0
