"""The LLM answer against a canned OpenAI-compatible server: the checks, and every fault.

Two passages from the bundled minutes are "retrieved"; the fake model answers with canned text
(good, lying, or not at all) and each test asserts what the user is shown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from qa.answer import Answer, AnswerSentence
from qa.chunking import Chunk
from qa.llm import (
    LLMSettings,
    check_answer,
    generate_answer,
    parse_sentences,
)
from qa.retrieval import Hit
from qa.settings import Settings, SettingsError
from tests.llm_servers import FakeChatServer, Reply, free_port, stream_body

UKRAINE = (
    "Antallet af fordrevne fra Ukraine i Rødovre er steget fra 175 personer ved årsskiftet til i "
    "alt 220 personer pr. 1. september 2024. Der har således været en tilgang på 50 fordrevne, "
    "mens fem er udrejst eller fraflyttet."
)
ANKE = (
    "Andelen af hjemviste eller ændrede sager er knap 30 procent for Rødovre Kommune i 2022. "
    "Det svarer til 55 sager. I 2021 omgjorde Ankestyrelsen til sammenligning 64 sager."
)
QUESTION = "Hvor mange fordrevne fra Ukraine bor der i Rødovre?"


def make_hit(rank: int, number: int, day: date, title: str, text: str) -> Hit:
    chunk = Chunk(
        chunk_id=f"c{rank}",
        committee="Beskæftigelsesudvalget",
        meeting_date=day,
        case_number=number,
        title=title,
        section="Sagsfremstilling",
        text=text,
        source=f"beskaeftigelsesudvalget_{day}.txt",
    )
    return Hit(rank=rank, score=1 / rank, chunk=chunk)


HITS = (
    make_hit(1, 39, date(2024, 10, 8), "Status på indsatsen for fordrevne fra Ukraine", UKRAINE),
    make_hit(2, 15, date(2023, 5, 16), "Ankestyrelsens omgørelsesprocent 2022", ANKE),
)
FALLBACK = Answer(
    question=QUESTION,
    text="Antallet af fordrevne fra Ukraine i Rødovre er steget til i alt 220 personer [1].",
    found=True,
    sentences=(AnswerSentence("Antallet ... i alt 220 personer.", (1,)),),
    hits=HITS,
    confident=True,
    confidence=0.95,
)


def settings(url: str, timeout: float = 2.0, **kw) -> LLMSettings:
    return LLMSettings(url=url, model=kw.pop("model", ""), timeout=timeout, **kw)


def ask(
    reply: Reply, question: str = QUESTION, timeout: float = 2.0
) -> tuple[list[Answer], FakeChatServer]:
    with FakeChatServer(reply) as server:
        answers = list(
            generate_answer(question, HITS, None, settings(server.url, timeout), FALLBACK)
        )
    return answers, server


# ---------------------------------------------------------------------------------------------
# A good answer, streamed


def test_a_cited_answer_streams_and_keeps_its_citations():
    answers, server = ask(Reply("Der bor i alt 220 fordrevne fra Ukraine i Rødovre [1]."))
    *partials, final = answers
    assert len(partials) >= 5  # one per word as it arrives
    assert partials[0].text == "Der" and partials[-1].text.startswith("Der bor i alt 220")
    assert final.generator == "fake-model" and final.notices == ()
    assert final.text == "Der bor i alt 220 fordrevne fra Ukraine i Rødovre [1]."
    assert final.sentences == (
        AnswerSentence("Der bor i alt 220 fordrevne fra Ukraine i Rødovre.", (1,)),
    )
    assert final.hits == HITS and final.found


def test_the_model_s_answer_is_as_sure_as_the_evidence():
    # The extractive answer states the sentence of passage [1]; the model cites it: confident.
    *_, final = ask(Reply("Der bor i alt 220 fordrevne fra Ukraine i Rødovre [1]."))[0]
    assert final.confident and final.confidence == FALLBACK.confidence
    # Citing another passage than the one holding the stated sentence: not confident.
    *_, final = ask(Reply("Omgørelsesprocenten var 17 procent [2]."))[0]
    assert not final.confident and final.generator == "fake-model"


def test_when_the_minutes_are_unclear_the_model_s_answer_says_so():
    unsure = replace(FALLBACK, confident=False, confidence=0.4, status="closest")
    with FakeChatServer(Reply("Der bor i alt 220 fordrevne fra Ukraine i Rødovre [1].")) as server:
        *_, final = generate_answer(QUESTION, HITS, None, settings(server.url, 2.0), unsure)
    assert not final.confident and final.text.startswith("Der bor i alt 220")
    assert final.notices == (
        "Referaterne siger det ikke tydeligt ét sted: sprogmodellens svar bygger på de "
        "nærmeste afsnit. Læs dem efter.",
    )


def test_the_prompt_holds_the_passages_only_numbered_in_hit_order():
    _, server = ask(Reply("Der bor 220 [1]."))
    (request,) = server.requests
    assert request["stream"] is True
    (message,) = request["messages"]
    prompt = message["content"]
    first = prompt.index("[1] Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39")
    second = prompt.index("[2] Beskæftigelsesudvalget, 16-05-2023, Sag nr. 15")
    assert first < prompt.index("220 personer") < second < prompt.index("55 sager")
    assert "[3]" not in prompt
    assert "Svar kort på dansk" in prompt and prompt.rstrip().endswith(
        f"Spørgsmål: {QUESTION}\nSvar:"
    )


def test_an_english_question_is_answered_in_english():
    question = "How many displaced people from Ukraine live in Rødovre?"
    with FakeChatServer(Reply("220 people [1].")) as server:
        list(generate_answer(question, HITS, None, settings(server.url), FALLBACK))
    prompt = server.requests[0]["messages"][0]["content"]
    assert "Answer briefly in English" in prompt and f"Question: {question}" in prompt


def test_the_configured_model_and_key_are_sent():
    with FakeChatServer(Reply("220 [1].")) as server:
        config = settings(server.url, model="llama3.2", api_key="secret")
        (*_, final) = generate_answer(QUESTION, HITS, None, config, FALLBACK)
    assert server.requests[0]["model"] == "llama3.2"
    assert final.generator == "llama3.2"


# ---------------------------------------------------------------------------------------------
# The checks


def test_a_citation_of_a_passage_not_given_is_removed_and_marked():
    answers, _ = ask(Reply("I alt 220 personer pr. 1. september 2024 [1][7]. Det er mange [7]."))
    final = answers[-1]
    assert "[7]" not in final.text and all("[7]" not in a.text for a in answers)
    assert final.text == "I alt 220 personer pr. 1. september 2024 [1]. Det er mange."
    assert [s.citations for s in final.sentences] == [(1,), ()]
    assert final.generator == "fake-model"
    assert any("[7]" in n and "fjernet" in n for n in final.notices)
    assert any("1 sætning(er) i svaret henviser ikke" in n for n in final.notices)


def test_an_answer_without_a_valid_citation_gives_way_to_the_extractive_answer():
    answers, _ = ask(Reply("Der bor 220 fordrevne i Rødovre [4]."))
    final = answers[-1]
    assert final.text == FALLBACK.text and final.generator == "extractive"
    assert final.notices[-1] == (
        "Sprogmodellens svar henviste ikke til nogen af afsnittene; "
        "svaret er taget direkte fra referaterne."
    )


def test_a_figure_the_cited_passage_does_not_hold_is_flagged():
    # 64 is in passage [2], not in [1]; 300 is in neither; 220 and 175 are in [1].
    answers, _ = ask(
        Reply("Antallet steg fra 175 til 220 personer [1]. Heraf 64 børn og 300 unge [1].")
    )
    final = answers[-1]
    first, second = final.sentences
    assert first.text == "Antallet steg fra 175 til 220 personer."
    assert second.text == "Heraf 64 børn og 300 unge (⚠ 64, 300 står ikke i kilden)."
    assert final.text.endswith("Heraf 64 børn og 300 unge (⚠ 64, 300 står ikke i kilden) [1].")
    assert "Tal, der ikke står i de afsnit, sætningen henviser til: 64, 300." in final.notices


def test_while_streaming_a_finished_sentence_is_already_checked():
    answers, _ = ask(Reply("Heraf 64 børn [1]. I alt 220 personer [9]."))
    writing_second = [a for a in answers[:-1] if "I alt" in a.text]
    assert writing_second and all(
        "(⚠ 64 står ikke i kilden) [1]." in a.text for a in writing_second
    )
    assert all("[9]" not in a.text for a in answers)


ECHO_ANSWER = (
    "Sprogmodellen gentog sine instruktioner i stedet for at svare; "
    "svaret er taget direkte fra referaterne."
)


@pytest.mark.parametrize(
    "text",
    [
        "Besvar spørgsmålet ud fra de nummererede afsnit fra kommunale mødereferater nedenfor, og "
        "kun ud fra dem. Skriv afsnittets nummer i kantede parenteser efter hver oplysning, fx [1].",
        # an echoed instruction spoils the answer after it too
        "Skriv afsnittets nummer i kantede parenteser efter hver oplysning, fx [1]. "
        "Der bor 220 fordrevne [1].",
        # the lines that frame the passages and the question
        "Afsnit:\n\n[1] Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39 [1].",
        f"Spørgsmål: {QUESTION}\nSvar: Der bor 220 fordrevne [1].",
    ],
    ids=["instructions", "instruction-then-answer", "passages-frame", "question-frame"],
)
def test_an_answer_that_repeats_its_prompt_is_no_answer(text):
    answer = check_answer(QUESTION, text, HITS, None, "m", FALLBACK)
    assert answer.text == FALLBACK.text and answer.generator == "extractive"
    assert answer.notices == (ECHO_ANSWER,)


def test_a_model_that_echoes_its_whole_prompt_gives_way_as_soon_as_it_shows():
    answers, server = ask(Reply(echo=True))
    assert_fallback(answers, ECHO_ANSWER)
    # Cut off once its first sentence was done: no partial answer shows the second one,
    # let alone the passages or the question.
    assert server.requests and not any("Svar kort" in a.text for a in answers)


def test_an_answer_whose_sentences_mostly_cite_nothing_gives_way():
    text = "I alt 220 personer [1]. Det er mange. De kom i løbet af et år. De fleste bor til leje."
    answers, _ = ask(Reply(text))
    assert_fallback(
        answers,
        "3 af sprogmodellens 4 sætninger henviste ikke til et afsnit; "
        "svaret er taget direkte fra referaterne.",
    )


def test_an_answer_with_one_uncited_sentence_of_three_is_shown_with_a_warning():
    text = "I alt 220 personer [1]. Det er mange. Omgørelsesprocenten var knap 30 procent [2]."
    final = ask(Reply(text))[0][-1]
    assert final.generator == "fake-model" and final.text == (
        "I alt 220 personer [1]. Det er mange. Omgørelsesprocenten var knap 30 procent [2]."
    )
    assert final.notices == ("1 sætning(er) i svaret henviser ikke til et afsnit.",)


@pytest.mark.parametrize(
    "sentence, cited, flagged",
    [
        ("Omgørelsesprocenten var knap 30 % i 2022 [2].", 2, []),
        ("Omgørelsesprocenten var 67 % i 2022 [2].", 2, ["67"]),
        ("Det var 55 sager [2].", 2, []),
        ("Det var 55 sager [1].", 1, ["55"]),  # true of [2], but [1] is cited
        ("There were 1,750 cases [2].", 2, ["1,750"]),
        ("Tallet steg fra 175 til 220 [1][2].", 1, []),  # one of the cited passages suffices
        ("The meeting was on 08-10-2024 [1].", 1, []),  # the date is in the citation
    ],
)
def test_figures_are_checked_against_the_cited_passages(sentence, cited, flagged):
    answer = check_answer(QUESTION, sentence, HITS, None, "m", FALLBACK)
    (checked,) = answer.sentences
    assert cited in checked.citations
    assert ("⚠" in checked.text) == bool(flagged)
    for figure in flagged:
        assert figure in checked.text.split("⚠")[1]


def test_amounts_match_in_danish_and_english_notation():
    hit = make_hit(1, 7, date(2024, 10, 8), "Budget", "Der afsættes 1.500.000 kr. og 2,3 mio. kr.")
    text = "It costs 1,500,000 kr. and 2.3 million, of which 2.300.000 kr. in 2025 [1]."
    (sentence,) = check_answer("What does it cost?", text, (hit,), None, "m", FALLBACK).sentences
    assert sentence.text.endswith("(⚠ 2025 not in the cited text).")


def test_sentences_keep_citations_written_after_the_full_stop():
    text = "Der bor 220 fordrevne. [1] Heraf er 77 i job. [1, 2]\n- Det er 75 procent [Afsnit 1]."
    assert parse_sentences(text) == [
        AnswerSentence("Der bor 220 fordrevne.", (1,)),
        AnswerSentence("Heraf er 77 i job.", (1, 2)),
        AnswerSentence("Det er 75 procent.", (1,)),
    ]


# ---------------------------------------------------------------------------------------------
# Faults: the extractive answer, one line saying why, and never a hang


def assert_fallback(answers: list[Answer], why: str) -> None:
    final = answers[-1]
    assert final.text == FALLBACK.text and final.generator == "extractive"
    assert len(final.notices) == 1 and why in final.notices[0], final.notices
    assert "\n" not in final.notices[0]


def test_a_server_that_is_down():
    url = f"http://127.0.0.1:{free_port()}/v1"
    answers = list(generate_answer(QUESTION, HITS, None, settings(url), FALLBACK))
    assert_fallback(answers, f"ingen forbindelse til {url}/chat/completions")


def test_a_slow_server_times_out():
    # The reply would come after 30 s: the fallback's reason shows the 0.5 s timeout ended it.
    answers, _ = ask(Reply("220 [1].", delay=30), timeout=0.5)
    assert_fallback(answers, "intet svar inden for 0.5 s")


@pytest.mark.parametrize("keepalive", [None, 0.1], ids=["silent", "kept-alive"])
def test_a_stalled_stream_times_out(keepalive):
    reply = Reply("Der bor 220 fordrevne i Rødovre [1].", stall_after=2, keepalive=keepalive)
    answers, _ = ask(reply, timeout=0.5)
    assert answers[0].generator == "fake-model"  # the first words were shown as they came
    assert_fallback(answers, "svaret gik i stå i over 0.5 s")


@pytest.mark.parametrize(
    "reply, why",
    [
        (Reply(status=500, body=b'{"error": "model crashed"}', content_type="application/json"),
         'serveren svarede HTTP 500 {"error": "model crashed"}'),
        (Reply(body=b"<html>Bad gateway</html>", content_type="text/html"),
         "serveren svarede ikke med JSON"),
        (Reply(body=b"data: {not json\n\n"), "serveren svarede ikke med JSON"),
        (Reply(body=stream_body({"id": "x", "object": "chat.completion.chunk"}, "[DONE]")),
         "serverens svar havde intet svarvalg"),
        (Reply(body=stream_body({"choices": [{"delta": {"content": ""}}]}, "[DONE]")),
         "modellen svarede med en tom tekst"),
        (Reply(body=stream_body({"error": {"message": "context too long"}})),
         "serveren meldte en fejl: {'message': 'context too long'}"),
        (Reply(body=b'{"object": "list"}', content_type="application/json"),
         "serverens svar havde intet svarvalg"),
    ],
    ids=["http-500", "html", "bad-json", "no-choices", "empty", "error-event", "json-no-choices"],
)  # fmt: skip
def test_a_broken_reply_falls_back_with_the_reason(reply, why):
    answers, _ = ask(reply)
    assert_fallback(answers, why)


def test_a_reply_that_is_not_streamed_is_read_whole():
    completion = {"model": "m1", "choices": [{"message": {"content": "I alt 220 personer [1]."}}]}
    body = stream_body(completion)[6:-2]  # the JSON alone
    answers, _ = ask(Reply(body=body, content_type="application/json"))
    assert answers[-1].text == "I alt 220 personer [1]." and answers[-1].generator == "m1"


def test_an_azure_style_first_chunk_without_choices_is_skipped():
    body = stream_body(
        {"choices": [], "prompt_filter_results": []},
        {"model": "gpt-4o", "choices": [{"delta": {"content": "I alt 220 personer [1]."}}]},
        "[DONE]",
    )
    answers, _ = ask(Reply(body=body))
    assert answers[-1].text == "I alt 220 personer [1]." and answers[-1].notices == ()


def test_a_weak_retrieval_is_not_sent_to_the_model():
    weak = Answer(
        question="svømmehal", text="Referaterne ser ikke ud til at svare.", found=False, hits=HITS
    )
    with FakeChatServer(Reply("220 [1].")) as server:
        (answer,) = generate_answer("svømmehal", HITS, None, settings(server.url), weak)
    assert server.requests == [] and answer.text == weak.text
    assert answer.notices == (
        "Sprogmodellen blev ikke spurgt: referaterne ser ikke ud til at besvare spørgsmålet.",
    )


# ---------------------------------------------------------------------------------------------
# Settings


def test_settings_from_the_environment():
    assert LLMSettings.from_settings(Settings.from_env({})) is None
    config = LLMSettings.from_settings(
        Settings.from_env(
            {
                "QA_LLM_URL": "http://localhost:11434/v1",
                "QA_LLM_MODEL": "gemma3",
                "QA_LLM_TIMEOUT": "5",
            }
        )
    )
    assert (config.endpoint, config.model, config.timeout) == (
        "http://localhost:11434/v1/chat/completions", "gemma3", 5.0,
    )  # fmt: skip
    with pytest.raises(SettingsError, match="QA_LLM_TIMEOUT must be a number of seconds"):
        Settings.from_env({"QA_LLM_URL": "http://x", "QA_LLM_TIMEOUT": "soon"})
    with pytest.raises(SettingsError, match="must start with http"):
        Settings.from_env({"QA_LLM_URL": "localhost:8080"})


@pytest.mark.parametrize(
    "url, endpoint, header",
    [
        ("http://localhost:8080", "http://localhost:8080/v1/chat/completions", "Authorization"),
        ("http://h:8000/v1/", "http://h:8000/v1/chat/completions", "Authorization"),
        ("https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21",
         "https://x.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21",
         "api-key"),
    ],
)  # fmt: skip
def test_endpoints_of_the_common_servers(url, endpoint, header):
    config = LLMSettings(url=url, api_key="k")
    assert config.endpoint == endpoint and set(config.headers()) == {header}
