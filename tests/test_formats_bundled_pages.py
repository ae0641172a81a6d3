"""Web pages kept as text, read from the real pages bundled in corpus/Brønderslev,
corpus/Mariagerfjord and corpus/Allerød."""

from qa.ingest import parse_bytes
from tests.conftest import CORPUS


def read(path):
    return parse_bytes(path.read_bytes(), path.name)


def test_the_first_item_run_into_the_contents_label_is_an_item():
    # "Indholdsfortegnelse1. Fraværende": the copied page has no line break after the label.
    meeting = read(CORPUS / "Brønderslev" / "bronderslev_byraadet_2020-01-29_referat.txt")
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Fraværende"),
        (2, "Bemærkninger/ændringer til dagsordenen"),
        (3, "Godkendelse af indkaldte stedfortrædere"),
        (4, "Spørgetid for byrådsmedlemmer"),
    ]
    assert "afbud fra Martin Bech" in meeting.cases[0].section("Sagsfremstilling")


def test_a_file_number_above_an_item_title_is_that_cases_file_number():
    # "04.04.00-P20-6-17" stands above "34. Anlægsprojekt Hobro Idrætscenter", not in item 33.
    meeting = read(
        CORPUS
        / "Mariagerfjord"
        / "mariagerfjord_udvalget-for-kultur-og-fritid_2021-03-02_referat.txt"
    )
    approval, project = meeting.cases
    assert (approval.case_number, approval.section("Sagsnummer")) == (33, "85.02.02-G01-1-17")
    assert approval.decision == "Godkendt."
    assert (project.case_number, project.title) == (34, "Anlægsprojekt Hobro Idrætscenter")
    assert project.section("Sagsnummer") == "04.04.00-P20-6-17"


def test_a_competence_heading_over_a_sentence_keeps_the_sentence_as_a_section():
    meeting = read(
        CORPUS / "Allerød" / "alleroed_teknik-erhverv-plan-og-miljoeudvalget_2018-11-06_referat.txt"
    )
    case = meeting.cases[2]
    said = "Byrådet har kompetence til at træffe endelig beslutning i sagen."
    assert [s.heading for s in case.sections] == ["Tekst", "Tema", "Kompetence", "Sagsbeskrivelse"]
    assert case.section("Kompetence") == said
    assert case.authority == said
    assert "Kompetence\n" + said in case.text
