"""The web chat's parts without a browser: source files served safely, Danish errors, examples."""

import os
import shutil
from datetime import date
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from starlette.applications import Starlette
from starlette.testclient import TestClient

from qa.errors import FilterError, IndexBusyError, QuestionError
from qa.retrieval import Filters
from qa.web.examples import example_questions
from qa.web.sources import resolve_source, source_route, source_url
from qa.web.texts import error_text, say
from tests.conftest import CORPUS


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    (root / "Rødovre").mkdir(parents=True)
    (root / "Rødovre" / "beu_2024-10-08.txt").write_text("Beskæftigelsesudvalget\n", "utf-8")
    (root / "aarhus.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "side.html").write_text("<script>alert(1)</script>", "utf-8")
    (root / ".upload-abc").write_text("half an upload")
    (root / "notes.md").write_text("not minutes")
    (tmp_path / "secret.txt").write_text("outside the corpus")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")
    return root


@pytest.fixture
def client(corpus):
    return TestClient(Starlette(routes=[source_route(corpus)]))


def test_a_corpus_file_is_served_by_its_source_path(client):
    response = client.get("/" + source_url("Rødovre/beu_2024-10-08.txt"))
    assert response.status_code == 200
    assert response.text == "Beskæftigelsesudvalget\n"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


def test_a_pdf_opens_inline_at_its_page(client):
    assert source_url("aarhus.pdf", page=4) == "kilde/aarhus.pdf#page=4"
    response = client.get("/kilde/aarhus.pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" not in response.headers.get("content-disposition", "")


def test_served_html_cannot_run_scripts_as_the_app(client):
    response = client.get("/kilde/side.html")
    assert response.headers["content-security-policy"].startswith("sandbox")


def test_a_web_page_opens_at_its_case_restyled(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS / "Aarhus", root / "Aarhus")
    page = "Aarhus/aarhus_teknisk_udvalg_2025-10-01_referat.html"
    assert source_url(page, case_number=6) == f"kilde/{quote(page)}#sag-6"
    assert source_url("Rødovre/beu.txt", case_number=6) == f"kilde/{quote('Rødovre/beu.txt')}"
    response = TestClient(Starlette(routes=[source_route(root)])).get("/" + source_url(page))
    soup = BeautifulSoup(response.text, "lxml")
    anchor = soup.find(id="sag-6")
    assert (
        anchor.find_next(string=True).strip()
        == "Måltal for busfremkommelighed, jf. budgetforlig 2023"
    )
    assert soup.find(id="sag-1") and soup.find(id="sag-2")
    assert "max-width" in soup.head.style.string
    assert response.headers["content-security-policy"].startswith("sandbox")


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "Rødovre/../../secret.txt",
        "%2e%2e/secret.txt",
        "..%2Fsecret.txt",
        "%2Fetc%2Fpasswd",
        "link.txt",  # a symlink out of the corpus
        ".upload-abc",  # an upload being written
        "notes.md",  # not a minutes file
        "missing.txt",
        "Rødovre",  # a folder
    ],
)
def test_nothing_outside_the_corpus_files_is_served(client, path):
    response = client.get(f"/kilde/{path}")
    assert response.status_code == 404
    assert "outside the corpus" not in response.text


def test_resolve_source_refuses_absolute_and_climbing_paths(corpus):
    assert resolve_source(corpus, str(corpus / "aarhus.pdf")) is None
    assert resolve_source(corpus, "../secret.txt") is None
    assert resolve_source(corpus, "Rødovre/../../secret.txt") is None
    assert resolve_source(corpus, "aarhus.pdf") == (corpus / "aarhus.pdf").resolve()


def test_errors_are_worded_in_error_text():
    reversed_range = FilterError("reversed", date_from=date(2024, 12, 31), date_to=date(2024, 1, 1))
    assert error_text(reversed_range) == (
        "Datoerne er byttet om: “Møder fra” (31-12-2024) ligger efter “Møder til” (01-01-2024). "
        "Byt om på dem."
    )
    unknown = FilterError("unknown", committee="Teknisk Udvalg", known=("Økonomiudvalget",))
    assert error_text(unknown) == (
        "Udvalget “Teknisk Udvalg” findes ikke i referaterne. Udvalg: Økonomiudvalget."
    )
    assert error_text(QuestionError("The question is empty: type what ...")) == say(
        "error.question_empty"
    )
    assert "Prøv igen om lidt" in error_text(IndexBusyError("Another process is rebuilding"))


def test_the_library_error_carries_what_the_danish_message_needs():
    with pytest.raises(FilterError) as error:
        Filters(date_from=date(2024, 12, 31), date_to=date(2024, 1, 1))
    assert "31-12-2024" in error_text(error.value)


def case(committee, meeting_date, number, title, words=200):
    key = f"{committee.casefold()}|{meeting_date}|referat|{number}"
    text = " ".join(["ord"] * words)
    return key, {
        "committee": committee,
        "meeting_date": meeting_date,
        "case_number": number,
        "title": title,
        "sections": [{"heading": "Sagsfremstilling", "text": text}],
    }


def test_example_questions_ask_about_the_newest_substantive_cases_of_each_committee():
    cases = dict(
        [
            case("Beskæftigelsesudvalget", "2024-10-08", 37, "Meddelelser"),
            case("Beskæftigelsesudvalget", "2023-05-16", 13, "Meddelelser"),
            case("Beskæftigelsesudvalget", "2024-10-08", 42, "Underskriftsside"),
            case("Beskæftigelsesudvalget", "2024-10-08", 39, "Status på fordrevne fra Ukraine"),
            case("Beskæftigelsesudvalget", "2023-05-16", 17, "Mod på trivsel"),
            case("Kultur- og Fritidsudvalget", "2025-03-04", 6, "Renovering af svømmehallen"),
            case("Kultur- og Fritidsudvalget", "2025-03-04", 1, "Godkendelse af dagsorden"),
            case("Kultur- og Fritidsudvalget", "2025-03-04", 2, "Ny kunstgræsbane", words=8),
        ]
    )
    assert example_questions(cases, n=3) == [
        "Hvad står der om “Renovering af svømmehallen”?",
        "Hvad står der om “Status på fordrevne fra Ukraine”?",
        "Hvad står der om “Mod på trivsel”?",
    ]
    assert example_questions({}) == []


def test_an_example_the_search_does_not_answer_gives_way_to_the_next():
    cases = dict(
        [
            case("Beskæftigelsesudvalget", "2024-10-08", 39, "Status på fordrevne fra Ukraine"),
            case("Beskæftigelsesudvalget", "2023-05-16", 17, "Mod på trivsel"),
            case("Beskæftigelsesudvalget", "2023-05-16", 14, "Ankestyrelsens klagestatistik"),
        ]
    )
    asked = []

    def answers(question, key):
        asked.append(key)
        return "|39" not in key

    assert example_questions(cases, n=2, answers=answers) == [
        "Hvad står der om “Ankestyrelsens klagestatistik”?",
        "Hvad står der om “Mod på trivsel”?",
    ]
    assert len(asked) == 3


def test_the_source_route_asks_for_the_login_when_the_app_has_one(corpus):
    app = Starlette(routes=[source_route(corpus)])
    app.auth, app.auth_dependency, app.cookie_id, app.tokens = [("a", "b")], None, "x", {"t": "a"}
    client = TestClient(app)
    assert client.get("/kilde/aarhus.pdf").status_code == 401
    client.cookies.set("access-token-x", "t")
    assert client.get("/kilde/aarhus.pdf").status_code == 200


def test_a_date_field_that_is_no_date_is_named_in_error_text():
    from qa.web.filters import DateInputError, read_filters

    with pytest.raises(DateInputError) as error:
        read_filters((), "8. oktober", "")
    assert (
        error_text(error.value)
        == "“8. oktober” er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, fx 2024-10-08."
    )
    assert read_filters("Beskæftigelsesudvalget", "2024-01-01", " ").committees == (
        "Beskæftigelsesudvalget",
    )
