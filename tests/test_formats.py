"""Minutes as municipalities publish them: FirstAgenda web pages and an eDoc PDF."""

from datetime import date

import pytest

from qa.errors import MinutesError
from qa.formats.pdf import dehyphenate, rejoin_lines, running_lines, strip_furniture
from qa.formats.structure import Block, parse_blocks
from qa.ingest import parse_bytes, read_minutes
from tests.conftest import FIXTURES

SAMPLES = FIXTURES / "samples"


@pytest.fixture(scope="module")
def aarhus_referat():
    return read_minutes(SAMPLES / "aarhus_teknisk_udvalg_2025-10-01_referat.html")


@pytest.fixture(scope="module")
def aarhus_dagsorden():
    return read_minutes(SAMPLES / "aarhus_byraad_2025-10-08_dagsorden.html")


@pytest.fixture(scope="module")
def ballerup():
    return read_minutes(SAMPLES / "ballerup_SFU_2012-12-04_referat.pdf")


def test_a_firstagenda_referat(aarhus_referat):
    m = aarhus_referat
    assert (m.committee, m.meeting_date, m.kind) == ("Teknisk Udvalg", date(2025, 10, 1), "referat")
    assert [c.case_number for c in m.cases] == [1, 2, 3, 4, 5, 6]
    assert m.cases[1].title == "Udviklingsplan Aarhus Ø - endelig vedtagelse"
    assert m.cases[1].section("Sagsnummer") == "EMN-2025-009242"
    assert m.cases[1].decision.startswith("Et flertal i udvalget kunne tiltræde indstillingen")
    assert "1149 høringssvar" in m.cases[1].section("Resume")
    assert "Byrådet godkender udviklingsplanen" in m.cases[1].section("Beslutningspunkter")
    assert m.cases[0].decision == "Ingen bemærkninger."


def test_a_firstagenda_dagsorden_has_no_decisions_yet(aarhus_dagsorden):
    m = aarhus_dagsorden
    assert (m.committee, m.meeting_date, m.kind) == ("Aarhus Byråd", date(2025, 10, 8), "dagsorden")
    assert [c.case_number for c in m.cases] == list(range(1, 34))
    assert m.cases[1].title == "Forslag til budget 2026-2029"
    assert "råderum på i alt 1.126 mio. kr." in m.cases[1].section("Resume")
    assert all(c.decision is None for c in m.cases)


def test_an_edoc_pdf_referat(ballerup):
    m = ballerup
    assert (m.committee, m.meeting_date, m.kind) == (
        "Sundheds- og Forebyggelsesudvalget",
        date(2012, 12, 4),
        "referat",
    )
    assert [c.case_number for c in m.cases] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert m.cases[1].title == "Bygningsvedligeholdelse 2013 - anlægsbevilling"
    # A title wrapped onto a second line in the PDF is whole again.
    assert m.cases[5].title == (
        "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre"
    )
    # "<Udvalg>s beslutning den 04.12.2012 Punkt 2" is the decision heading.
    assert m.cases[1].decision.startswith("Indstillingen godkendt")
    assert m.cases[6].decision.startswith("Indstillingen godkendt\nmed denne bemærkning:")
    assert "1.316.000 kr." in m.cases[1].section("Sammendrag")


def test_pdf_page_furniture_is_gone(ballerup):
    text = "\n".join(c.text for c in ballerup.cases)
    assert "Side 4" not in text and "Åbent referat" not in text and "Dato: 04.12.2012" not in text


def test_running_heads_and_page_numbers_are_found_and_stripped():
    bodies = ["Budgettet blev drøftet.", "Skolerne får nye tage.", "Vejene asfalteres.", "Intet."]
    pages = [
        ["Økonomiudvalget", "Referat", f"Side {n} af 4", body, "Økonomiudvalget 04.12.2012"]
        for n, body in enumerate(bodies, 1)
    ]
    running = running_lines(pages)
    assert "Økonomiudvalget" in running and "Referat" in running
    assert strip_furniture(pages[1], running) == ["Skolerne får nye tage."]


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("indsatsen for beskæf-\ntigelse af ledige", "indsatsen for beskæftigelse af ledige"),
        ("Social-\nog Sundhedsforvaltningen", "Social- og Sundhedsforvaltningen"),
        ("EU-\nborgere", "EU-borgere"),
        (
            "ikke-\nplanlagte opgaver, ikke alle er planlagte",
            "ikke-planlagte opgaver, ikke alle er planlagte",
        ),
    ],
)
def test_words_hyphenated_at_line_ends_are_joined(broken, whole):
    assert dehyphenate(broken) == whole


def test_wrapped_lines_become_paragraphs_but_headings_stay_apart():
    lines = [
        "Det årlige bygningssyn er nu afsluttet, og der er foretaget en prioritering af",
        "aktiviteter for 2013.",
        "Sagsfremstilling",
        "Tekst.",
    ]
    assert rejoin_lines(lines) == [
        "Det årlige bygningssyn er nu afsluttet, og der er foretaget en prioritering af "
        "aktiviteter for 2013.",
        "Sagsfremstilling",
        "Tekst.",
    ]


def test_other_markers_parse_without_new_code():
    """ "Punkt N: Title", decisions "Beslutning i <udvalg> den <dato>", a numbered list inside."""
    blocks = [Block(t) for t in [
        "Kommunalbestyrelsen", "Referat af mødet 3. marts 2020",
        "Punkt 1: Godkendelse af dagsorden", "Beslutning i Kommunalbestyrelsen den 3. marts 2020",
        "Godkendt.",
        "Punkt 2: Ny skolestruktur", "Sagsfremstilling", "Forvaltningen foreslår:",
        "1. Skole A lukkes", "2. Skole B udvides", "Beslutning", "Vedtaget med 15 stemmer mod 8.",
        "Punkt 3: Eventuelt", "Beslutninger", "Intet.",
    ]]  # fmt: skip
    meeting = parse_blocks(blocks, "x.pdf")
    assert (meeting.committee, meeting.meeting_date) == ("Kommunalbestyrelsen", date(2020, 3, 3))
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Ny skolestruktur"),
        (3, "Eventuelt"),
    ]
    assert [c.decision for c in meeting.cases] == [
        "Godkendt.",
        "Vedtaget med 15 stemmer mod 8.",
        "Intet.",
    ]
    assert "1. Skole A lukkes" in meeting.cases[1].section("Sagsfremstilling")


def test_format_is_chosen_by_content_not_name():
    data = (SAMPLES / "aarhus_teknisk_udvalg_2025-10-01_referat.html").read_bytes()
    assert parse_bytes(data, "downloaded.txt").committee == "Teknisk Udvalg"
    pdf = (SAMPLES / "ballerup_SFU_2012-12-04_referat.pdf").read_bytes()
    assert len(parse_bytes(pdf, "referat.html").cases) == 8


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"<!doctype html><html><body><h1>Velkommen</h1><p>Nyheder fra kommunen.</p></body></html>",
            "no committee",
        ),
        (b"%PDF-1.4\n garbage that is not a pdf", "cannot read the PDF"),
        (b"\x00\x01\x02binary\x00junk" * 20, "not a format minutes-qa reads"),
    ],
)
def test_files_no_parser_recognises_get_a_clear_error(data, reason):
    with pytest.raises(MinutesError) as error:
        parse_bytes(data, "mystery.file")
    assert str(error.value).startswith("mystery.file: ") and reason in str(error.value)
