"""Follow-up questions keep the case the previous answer was about; new topics start afresh."""

import json
import shutil

import pytest
from click.testing import CliRunner

from qa.answer import Answer
from qa.cli import cli
from qa.conversation import Conversation, answer_question
from qa.errors import QAError
from qa.retrieval import Filters
from tests.conftest import CORPUS


@pytest.fixture
def searcher(corpus_searcher):
    return corpus_searcher


def test_and_the_year_before_asks_the_same_about_the_previous_year(searcher):
    chat = Conversation(searcher)
    first = chat.ask("Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?")
    assert "48 procent" in first.text and first.context is None

    follow = chat.ask("Og året før?")
    assert "67 procent" in follow.text
    assert follow.hits[0].chunk.case_number == 40
    assert follow.context["label"] == "Spørger videre om: Sag nr. 40, 08-10-2024"
    assert follow.context["case_number"] == 40
    assert follow.context["meeting_date"] == "2024-10-08"
    assert follow.context["committee"] == "Beskæftigelsesudvalget"
    assert "2022" in follow.context["question"]  # what was searched


def test_what_was_decided_keeps_the_case(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvad handler sagen om understøttelse af iværksættermiljøet om?")
    follow = chat.ask("Hvad blev besluttet?")
    assert follow.hits[0].chunk.case_number == 38
    assert follow.sentences[0].text == "Anbefales."
    assert follow.context["label"] == "Spørger videre om: Sag nr. 38, 08-10-2024"


@pytest.mark.parametrize("question", ["Hvad kostede det?", "Hvem foreslog det?"])
def test_a_cost_or_who_follow_up_answers_from_the_case_it_follows(searcher, question):
    chat = Conversation(searcher)
    chat.ask("Hvad handler sagen om understøttelse af iværksættermiljøet om?")
    follow = chat.ask(question)
    assert follow.context["case_number"] == 38
    # Every sentence quoted is the case's own: a neighbour case's "Anbefales" answers nothing.
    assert follow.sentences and all(s.citations == (1,) for s in follow.sentences)
    assert follow.hits[0].chunk.case_number == 38


def test_the_cost_of_a_case_with_no_economic_consequences_is_its_economy_section(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvad handler sagen om understøttelse af iværksættermiljøet om?")
    follow = chat.ask("Hvad kostede det?")
    assert "Økonomiske konsekvenser: Ingen." in [s.text for s in follow.sentences]


def test_a_follow_up_keeps_to_the_filters_set_now(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvad handler sagen om understøttelse af iværksættermiljøet om?")
    state = chat.to_state()
    within = chat.ask(
        "Hvad blev besluttet?", filters=Filters(committees=("Beskæftigelsesudvalget",))
    )
    assert within.context["case_number"] == 38
    # The case followed is not Teknisk Udvalg's: the question is asked anew, within the filter.
    chat = Conversation.from_state(searcher, state)
    outside = chat.ask("Hvad blev besluttet?", filters=Filters(committees=("Teknisk Udvalg",)))
    assert outside.context is None
    assert {h.chunk.committee for h in outside.hits} == {"Teknisk Udvalg"}


def test_follow_ups_of_follow_ups_keep_the_case_and_the_topic(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?")
    chat.ask("Og året før?")
    decided = chat.ask("Hvad blev besluttet?")
    assert decided.context["case_number"] == 40
    assert decided.sentences[0].text == "Anbefales."
    assert decided.context["question"].count("omgørelsesprocenten") == 1


def test_a_question_with_a_topic_of_its_own_is_not_dragged_back(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    new = chat.ask("Hvor mange deltagere har Netværk Rødovre?")
    assert new.context is None
    assert new.hits[0].chunk.case_number == 38
    assert "25 deltagere" in new.text


def test_and_what_about_another_topic_starts_a_new_one(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    new = chat.ask("Og hvad med iværksætternetværket?")
    assert new.context is None
    assert new.hits[0].chunk.case_number == 38


def test_a_new_conversation_forgets_the_case(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvad handler sagen om understøttelse af iværksættermiljøet om?")
    chat.reset()
    assert chat.to_state() == {"version": 1, "turns": []}
    assert chat.ask("Hvad blev besluttet?").context is None


def test_the_state_is_json_and_continues_the_conversation(searcher):
    chat = Conversation(searcher)
    chat.ask("Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?")
    state = json.loads(json.dumps(chat.to_state()))
    assert state["turns"][0]["case"]["case_number"] == 40

    restored = Conversation.from_state(searcher, state)
    assert "67 procent" in restored.ask("Og året før?").text


@pytest.mark.parametrize("state", [{"version": 99}, {"version": 1, "turns": [{"q": 1}]}, "x"])
def test_a_damaged_state_is_refused_with_what_to_do(searcher, state):
    with pytest.raises(QAError, match="start a new conversation"):
        Conversation.from_state(searcher, state)


def test_the_extractive_answer_streams_once(searcher):
    answers = list(Conversation(searcher).ask_stream("Hvor mange deltagere har Netværk Rødovre?"))
    assert len(answers) == 1 and answers[0].generator == "extractive"


def test_answer_question_with_earlier_questions_is_the_conversation(searcher):
    answer = answer_question(
        searcher, "Og året før?", ["Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"]
    )
    assert "67 procent" in answer.text
    assert answer.context["case_number"] == 40


def test_an_llm_writes_the_answer_from_the_hits_and_the_extractive_answer_is_its_fallback(
    searcher,
):
    calls = []

    def stand_in(question, hits, context, settings, fallback):
        """Streams like qa.llm.generate_answer: partial answers, then the checked one."""
        calls.append((question, hits, context, settings, fallback))
        yield Answer(question, "Netværket har", True, hits=hits, generator="small-model")
        yield Answer(
            question, "Netværket har omkring 25 deltagere [1].", True, hits=hits,
            generator="small-model",
        )  # fmt: skip

    settings = object()
    chat = Conversation(searcher, llm=settings, generate=stand_in)
    streamed = list(chat.ask_stream("Hvor mange deltagere har Netværk Rødovre?"))
    assert [a.text for a in streamed] == [
        "Netværket har",
        "Netværket har omkring 25 deltagere [1].",
    ]
    question, hits, context, given, fallback = calls[0]
    assert given is settings and context is None
    assert fallback.generator == "extractive" and "25 deltagere" in fallback.text
    assert hits == fallback.hits and hits[0].chunk.case_number == 38

    # The model's answer is remembered like any other: the follow-up keeps its case.
    follow = chat.ask("Hvad blev besluttet?")
    assert follow.context["case_number"] == 38
    assert calls[1][2]["case_number"] == 38


def test_qa_answer_with_previous_questions(monkeypatch, corpus_copy):
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    previous = "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"
    result = runner.invoke(cli, ["answer", "Og året før?", "--previous", previous, "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert "67 procent" in record["answer"]
    assert record["context"]["label"] == "Spørger videre om: Sag nr. 40, 08-10-2024"
    assert record["hits"][0]["case_number"] == 40

    human = runner.invoke(cli, ["answer", "Hvor mange deltagere har Netværk Rødovre?", "-k", "2"])
    lines = human.output.splitlines()
    assert "25 deltagere" in lines[0] and lines[0].endswith("[1]")
    assert (
        "[1] Beskæftigelsesudvalget, 08-10-2024, Sag nr. 38: "
        "Understøttelse af iværksættermiljøet i Rødovre"
    ) in lines
    assert "[3]" not in human.output  # -k 2


def test_qa_chat_remembers_until_an_empty_line(corpus_copy):
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    questions = [
        "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?",
        "Og året før?",
        "/ny",
        "Hvad blev besluttet?",
        "",
        "Hvor mange deltagere har Netværk Rødovre?",  # after the empty line: never asked
    ]
    result = runner.invoke(cli, ["chat"], input="\n".join(questions) + "\n")
    assert result.exit_code == 0, result.output
    assert "48 procent" in result.output and "67 procent" in result.output
    assert result.output.count("Spørger videre om: Sag nr. 40, 08-10-2024") == 1
    assert "Ny samtale." in result.output
    assert "25 deltagere" not in result.output


def test_qa_chat_ends_on_ctrl_d_and_survives_a_bad_question(corpus_copy):
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    result = runner.invoke(cli, ["chat"], input="???\nHvor mange deltagere har Netværk Rødovre?")
    assert result.exit_code == 0, result.output
    assert "no words or numbers" in result.output
    assert "25 deltagere" in result.output


@pytest.mark.model
def test_and_the_year_before_with_the_real_model(real_searcher):
    chat = Conversation(real_searcher)
    chat.ask("Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?")
    follow = chat.ask("Og året før?")
    assert "67 procent" in follow.text
    assert follow.hits[0].chunk.case_number == 40


@pytest.mark.model
def test_an_english_follow_up_keeps_the_case(real_searcher):
    chat = Conversation(real_searcher)
    chat.ask("How many displaced Ukrainians live in Rødovre?")
    follow = chat.ask("And how many of them are children under 16?")
    assert follow.context["case_number"] == 39
    assert "46 børn og unge under 16 år" in follow.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Hvad kostede det?", "Økonomiske konsekvenser: Ingen."),
        ("What did it cost?", "Økonomiske konsekvenser: Ingen."),
        ("Hvem foreslog det?", "Social og Sundhedsforvaltningen indstiller,"),
    ],
)
def test_what_it_cost_and_who_proposed_it_come_from_the_economy_and_the_recommendation(
    real_searcher, question, first
):
    # After a decision question, the case's own Økonomi and Indstilling sections answer; measured
    # 2 log-odds or more ahead of the next sentence, so no CPU's rounding reorders them.
    chat = Conversation(real_searcher)
    chat.ask("Hvad besluttede udvalget om iværksættermiljøet?")
    follow = chat.ask(question)
    assert follow.context["case_number"] == 38
    assert follow.sentences[0].text == first
    assert all(s.citations == (1,) for s in follow.sentences)


def test_qa_answer_names_the_municipality_when_the_index_holds_several(tmp_path, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.setenv("QA_CORPUS_DIR", str(tmp_path / "corpus"))
    runner = CliRunner()
    assert runner.invoke(cli, ["index"]).exit_code == 0
    human = runner.invoke(cli, ["answer", "Hvor mange deltagere har Netværk Rødovre?", "-k", "2"])
    assert (
        "[1] Rødovre, Beskæftigelsesudvalget, 08-10-2024, Sag nr. 38: "
        "Understøttelse af iværksættermiljøet i Rødovre"
    ) in human.output.splitlines()
