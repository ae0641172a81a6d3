"""The `/ask` and `/answer` endpoints' errors, as a gradio_client caller gets them: the error's code
as the title, the chat's words for it as the message (Danish, English for an English question)."""

import shutil

import gradio as gr
import pytest

from embeddings.model import HashingEncoder
from qa.indexing import update_index
from qa.store import IndexStore
from qa.web.api import api_functions
from tests.conftest import RODOVRE, hash_searcher


@pytest.fixture(scope="module")
def endpoints(tmp_path_factory):
    """`/ask` and `/answer` over the Rødovre minutes (one committee: Beskæftigelsesudvalget)."""
    work = tmp_path_factory.mktemp("api")
    shutil.copytree(RODOVRE, work / "corpus")
    store = IndexStore(work / "index")
    update_index([work / "corpus"], store, HashingEncoder(), root=work / "corpus")
    return api_functions(hash_searcher(store))


def refused(call) -> gr.Error:
    with pytest.raises(gr.Error) as error:
        call()
    return error.value


def test_an_unknown_committee_is_refused_in_danish_with_its_code(endpoints):
    ask, answer = endpoints
    error = refused(lambda: ask("vejbelysning", committee="Teknisk Udvalg"))
    assert error.title == "filter_committee"
    assert error.message == (
        "Udvalget “Teknisk Udvalg” findes ikke i referaterne. Udvalg: Beskæftigelsesudvalget."
    )
    same = refused(lambda: answer("Hvad koster vejbelysningen?", committee="Teknisk Udvalg"))
    assert (same.title, same.message) == (error.title, error.message)


def test_an_english_question_gets_the_english_words_and_the_same_code(endpoints):
    ask, _ = endpoints
    error = refused(lambda: ask("What does the street lighting cost?", committee="Teknisk Udvalg"))
    assert error.title == "filter_committee"
    assert error.message.startswith("No committee called “Teknisk Udvalg” in the minutes.")


@pytest.mark.parametrize(
    "arguments, code, danish",
    [
        ({"question": "   "}, "question_empty", "Spørgsmålet er tomt"),
        ({"question": "budget", "since": "8. oktober"}, "date_input", "er ikke en dato"),
        (
            {"question": "budget", "since": "2024-12-31", "until": "2023-01-01"},
            "filter_dates",
            "Datoerne er byttet om: “Møder fra” (31-12-2024) ligger efter “Møder til” (01-01-2023)",
        ),
        (
            {"question": "budget", "municipality": "Odense"},
            "filter_municipality",
            "Kommunen “Odense”",
        ),
    ],
)
def test_each_refusal_keeps_its_code_and_is_worded_in_danish(endpoints, arguments, code, danish):
    for endpoint in endpoints:
        error = refused(lambda endpoint=endpoint: endpoint(**arguments))
        assert error.title == code
        assert danish in error.message


def test_a_bug_is_unexpected_and_its_details_stay_in_the_log(endpoints, caplog):
    ask, _ = endpoints
    error = refused(lambda: ask("budget", k="fem"))  # int("fem") fails inside the endpoint
    assert error.title == "unexpected"
    assert error.message.startswith("Noget gik galt under søgningen.")
    assert "fem" not in error.message and "invalid literal" in caplog.text
