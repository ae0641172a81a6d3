"""The chat's handlers without a browser: a turn streams, the state is records, 'Ny samtale' forgets."""

import json
import shutil
from dataclasses import replace

import pytest

from embeddings.model import HashingEncoder
from qa.conversation import Conversation
from qa.indexing import update_index
from qa.store import IndexStore
from qa.web.chat import Chat
from qa.web.library import Library
from tests.conftest import CORPUS, FIXTURES, hash_searcher

QUESTION = "Hvor mange fordrevne fra Ukraine bor der i Rødovre?"


@pytest.fixture
def chat(rodovre_searcher, corpus_copy):
    return Chat(rodovre_searcher, corpus_copy)


def turn(
    chat, question, state=None, history=(), committees=(), since="", until="", municipalities=()
):
    """The turn's updates after the first, which only shows the question and that it searches."""
    searching, *updates = chat.respond(
        question, list(history), state, committees, since, until, 5, municipalities
    )
    assert "class='qa-pending'" in searching[0][-1]["content"]
    return updates


def test_a_turn_renders_the_answer_and_keeps_the_conversation_as_records(chat):
    [(history, state, box, copy_text)] = turn(chat, QUESTION)
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert "class='qa-answer" in history[1]["content"] and "qa-card" in history[1]["content"]
    assert box == ""
    assert json.loads(json.dumps(state)) == state  # plain records, no HTML
    assert "<" not in json.dumps(state)
    assert state["turns"][0]["question"] == QUESTION
    assert "<" not in copy_text and "[1] Beskæftigelsesudvalget" in copy_text


def test_the_question_shows_at_once_with_a_searching_line_in_its_language(chat):
    updates = chat.respond(QUESTION, [], None, (), "", "", 5, ())
    history, state, box, copy_text = next(updates)  # before any search
    assert history == [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": "<div class='qa-pending'>Søger i referaterne …</div>"},
    ]
    assert (state, box) == (None, "")  # the box is free for the next question
    english = chat.respond("How many refugees live in Rødovre?", [], None, (), "", "", 5, ())
    assert "Searching the minutes" in next(english)[0][-1]["content"]
    *_, (history, *_) = updates
    assert "class='qa-answer" in history[-1]["content"]


def test_a_follow_up_gets_the_earlier_turns_and_ny_samtale_forgets_them(chat):
    [(history, state, *_)] = turn(chat, QUESTION)
    [(history, state, *_)] = turn(chat, "Og året før?", state, history)
    assert len(state["turns"]) == 2
    assert "qa-context" in history[-1]["content"]
    assert "id='qa-2-1'" in history[-1]["content"]  # anchors apart from the first answer's
    assert chat.new_conversation() == ([], None, "", "")


def test_a_follow_up_keeps_to_the_filters_set_since(chat):
    [(history, state, *_)] = turn(chat, QUESTION)  # a case of the meeting of 08-10-2024
    [(history, state, *_)] = turn(chat, "Og året før?", state, history, until="2023-12-31")
    # The case followed lies outside the dates asked for now: the question is asked anew.
    assert "qa-context" not in history[-1]["content"]
    case = state["turns"][-1]["case"]
    assert case is None or case["meeting_date"] <= "2023-12-31"


def test_a_follow_up_after_a_history_or_a_meeting_keeps_to_it(corpus_searcher):
    chat = Chat(corpus_searcher, CORPUS)
    [(history, state, *_)] = turn(
        chat, "Hvad er der sket med sagen om udviklingsplanen for Aarhus Ø?"
    )
    [(history, state, *_)] = turn(chat, "Hvad kostede det?", state, history)
    assert "Spørger videre om: Sag nr. 22, 08-10-2025" in history[-1]["content"]

    meeting = "Hvad blev besluttet på mødet i Teknisk Udvalg den 1. oktober 2025?"
    [(history, state, *_)] = turn(chat, meeting, state, history)
    [(history, state, *_)] = turn(chat, "Og sag nr. 6?", state, history)
    assert "Spørger videre om: Sag nr. 6, 01-10-2025" in history[-1]["content"]
    assert [t["case"]["case_number"] for t in state["turns"][-1:]] == [6]


def test_an_llm_answer_streams_into_the_chat(chat):
    def generate(question, hits, context, llm, extractive):
        for end in (20, 40, len(extractive.text)):
            # A model's answer is written, not the list of closest sentences.
            yield replace(extractive, text=extractive.text[:end], generator="tiny-llm", status="")

    streaming = Chat(chat.searcher, chat.corpus_dir, llm=object(), generate=generate)
    updates = turn(streaming, QUESTION)
    assert len(updates) == 3  # two partial answers, then the final one with its state
    shown = [history[-1]["content"] for history, *_ in updates]
    assert len(shown[0]) < len(shown[1]) < len(shown[2])
    assert "sprogmodellen tiny-llm" in shown[-1]
    assert updates[0][1] is None and updates[-1][1]["turns"]  # state saved when it is done


def test_bad_filters_answer_in_danish_and_keep_the_conversation(chat):
    [(_, state, *_)] = turn(chat, QUESTION)
    [(history, kept, *_)] = turn(chat, "fordrevne", state, since="2024-12-31", until="2023-01-01")
    assert "Datoerne er byttet om" in history[-1]["content"]
    assert kept == state


def test_an_upload_refreshes_the_committees_dates_and_examples(chat, tmp_path):
    upload = tmp_path / "kultur_2025-03-04.txt"
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", upload)
    summary, *_ = Library(chat.searcher, chat.corpus_dir).upload([str(upload)], "Rødovre")
    assert "Indekset er opdateret" in summary
    committees, since, until, examples, municipalities = chat.index_view()
    assert "Kultur- og Fritidsudvalget" in committees["choices"]
    assert until["placeholder"] == "fx 2025-03-04"
    assert any("svømmehallen" in e["text"] for e in examples["examples"])
    assert not municipalities["visible"]  # one municipality: no filter to choose in


def test_the_municipality_filter_shows_when_the_index_holds_several(tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    store = IndexStore(tmp_path / "index")
    update_index([tmp_path / "corpus"], store, HashingEncoder(), root=tmp_path / "corpus")
    chat = Chat(hash_searcher(store), tmp_path / "corpus")
    *_, municipalities = chat.index_view()
    assert municipalities["visible"]
    assert {"Aarhus", "Ballerup", "Rødovre"} <= set(municipalities["choices"])
    *_, state, _, _ = turn(chat, "budget", municipalities=["Aarhus"])[-1]
    record = Conversation.from_state(chat.searcher, state).turns[-1]
    assert record["case"]["municipality"] == "Aarhus"
