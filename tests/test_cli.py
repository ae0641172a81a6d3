"""The `qa` command, driven as a user would, with the hashing encoder (set in conftest)."""

import json
import shutil
from dataclasses import fields

import pytest
from click.testing import CliRunner

from qa.chunking import Chunk
from qa.cli import cli
from tests.conftest import RODOVRE


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


@pytest.mark.parametrize("given", ["the folder", "one file", "the folder it is run in"])
def test_minutes_outside_the_corpus_take_the_municipality_their_folder_is_named_for(
    qa, tmp_path, monkeypatch, given
):
    # The Rødovre exports do not name their municipality; the folder they were saved in does.
    folder = tmp_path / "downloads" / "Rødovre"
    shutil.copytree(RODOVRE, folder)
    monkeypatch.chdir(folder if given == "the folder it is run in" else tmp_path)
    path = {
        "the folder": str(folder),
        "one file": str(folder / "beskaeftigelsesudvalget_2023-05-16.txt"),
        "the folder it is run in": ".",
    }[given]

    indexed = qa("index", path)

    assert indexed.exit_code == 0, indexed.output
    assert "no municipality" not in indexed.output
    assert {m["municipality"] for m in json.loads(qa("meetings", "--json").output)} == {"Rødovre"}
    hits = json.loads(qa("ask", "Ankestyrelsens klagestatistik", "--json", "-k", "1").output)
    assert hits[0]["municipality"] == "Rødovre"


def test_minutes_no_one_names_are_marked_as_such_not_given_a_municipality(qa, tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    shutil.copy(RODOVRE / "beskaeftigelsesudvalget_2023-05-16.txt", folder)

    indexed = qa("index", str(folder))

    assert "1 meetings name no municipality" in indexed.output
    listed = qa("meetings")
    assert "(no municipality) · Beskæftigelsesudvalget, 16-05-2023" in listed.output
    assert json.loads(qa("meetings", "--json").output)[0]["municipality"] is None


def test_ask_json_contract(qa, indexed):
    result = qa("ask", "Hvor mange fordrevne fra Ukraine bor der i Rødovre?", "--json", "-k", "3")
    hits = json.loads(result.output)
    assert len(hits) == 3
    # The documented keys stay; every field of the cited chunk, `weak` and `citation` are added.
    documented = {
        "rank", "score", "committee", "meeting_date", "case_number",
        "title", "section", "text", "source", "page", "url", "weak",
    }  # fmt: skip
    chunk_fields = {f.name for f in fields(Chunk)}
    assert documented | {"municipality", "kind"} <= chunk_fields | {"rank", "score", "weak"}
    assert set(hits[0]) == documented | chunk_fields | {"weak", "citation"}
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
        # The index is looked for before a model loads: no waiting to be told there is none.
        (["ask", "Netværk", "--model", "no/such-model-here"], "No index found"),
        (["ask", "Netværk", "--runtime", "onnx"], "No index found"),
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
