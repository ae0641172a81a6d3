"""`qa answer --json` with QA_LLM_URL set: the model's checked answer, or the extractive one saying why."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from qa.cli import cli
from tests.llm_servers import FakeChatServer, Reply, free_port

QUESTION = "Hvor mange fordrevne fra Ukraine bor der i Rødovre?"


@pytest.fixture
def answer_json(corpus_copy, monkeypatch):
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0

    def run(url: str) -> dict:
        monkeypatch.setenv("QA_LLM_URL", url)
        monkeypatch.setenv("QA_LLM_TIMEOUT", "2")
        result = runner.invoke(cli, ["answer", QUESTION, "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    return run


def test_the_model_writes_the_answer_and_its_citations_are_checked(answer_json):
    with FakeChatServer(Reply("I alt 220 personer pr. 1. september 2024 [1][7].")) as server:
        record = answer_json(server.url)
    assert record["generator"] == "fake-model"
    assert record["answer"] == "I alt 220 personer pr. 1. september 2024 [1]."
    assert record["sentences"] == [
        {"text": "I alt 220 personer pr. 1. september 2024.", "citations": [1]}
    ]
    assert "220 personer" in record["hits"][0]["text"]  # [1] is the first hit
    assert any("[7]" in notice for notice in record["notices"])
    prompt = server.requests[0]["messages"][0]["content"]
    assert f"Spørgsmål: {QUESTION}" in prompt


def test_a_server_that_is_down_leaves_the_extractive_answer(answer_json):
    url = f"http://127.0.0.1:{free_port()}/v1"
    record = answer_json(url)
    assert record["generator"] == "extractive" and "220" in record["answer"]
    (notice,) = record["notices"]
    assert f"ingen forbindelse til {url}/chat/completions" in notice
