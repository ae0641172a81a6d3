"""Choosing a format, and the item finder all formats share.

Each format's own samples are in test_formats_html.py and test_formats_pdf.py.
"""

from datetime import date

import pytest

from qa.errors import MinutesError
from qa.formats.structure import Block, parse_blocks
from qa.ingest import parse_bytes
from tests.conftest import CORPUS


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
    data = (CORPUS / "Aarhus" / "aarhus_teknisk_udvalg_2025-10-01_referat.html").read_bytes()
    assert parse_bytes(data, "downloaded.txt").committee == "Teknisk Udvalg"
    pdf = (CORPUS / "Ballerup" / "ballerup_SFU_2012-12-04_referat.pdf").read_bytes()
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
