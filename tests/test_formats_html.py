"""Minutes as web pages: FirstAgenda's publication pages from Aarhus, and pages of other systems."""

from datetime import date

import pytest

from embeddings.model import HashingEncoder
from qa.chunking import chunk_case
from qa.errors import MinutesError
from qa.formats import html
from qa.indexing import case_record
from qa.ingest import load_corpus, parse_bytes, read_minutes
from tests.conftest import CORPUS

REFERAT = CORPUS / "Aarhus" / "aarhus_teknisk_udvalg_2025-10-01_referat.html"  # the bundled copies
DAGSORDEN = CORPUS / "Aarhus" / "aarhus_byraad_2025-10-08_dagsorden.html"


@pytest.fixture(scope="module")
def referat():
    return read_minutes(REFERAT)


@pytest.fixture(scope="module")
def dagsorden():
    return read_minutes(DAGSORDEN)


def test_a_firstagenda_referat_has_its_items_and_decisions(referat):
    assert (referat.committee, referat.meeting_date, referat.kind) == (
        "Teknisk Udvalg",
        date(2025, 10, 1),
        "referat",
    )
    assert [(c.case_number, c.title) for c in referat.cases[:2]] == [
        (1, "Referat fra sidste udvalgsmøde"),
        (2, "Udviklingsplan Aarhus Ø - endelig vedtagelse"),
    ]
    assert [c.case_number for c in referat.cases] == [1, 2, 3, 4, 5, 6]
    assert referat.cases[4].title == "Eventuelt"
    # "Beslutninger" on the page is the section "Beslutning"; every item of a referat has one.
    assert [c.decision.split("\n")[0] for c in referat.cases] == [
        "Ingen bemærkninger.",
        "Et flertal i udvalget kunne tiltræde indstillingen i overensstemmelse med Magistratens "
        "anbefaling.",
        "Der var foretræde til sagen, hvorefter udvalget drøftede sagen og stillede spørgsmål til "
        "forvaltningen. Udvalget besluttede herefter at udsætte sagens behandling med henblik på "
        "forvaltningens besvarelse af udvalgets spørgsmål.",
        "Udvalget blev orienteret om arkitekturugen i uge 41.",
        "Udvalget drøftede og stillede spørgsmål til forvaltningen om forlængelse af forsøget med "
        "sommergade i Jægergårdsgade.",
        "Sagen blev udsat uden behandling.",
    ]
    assert "Solveig Munk kunne ikke tiltræde indstillingen." in referat.cases[1].decision
    assert referat.warnings == ()


def test_a_firstagenda_item_keeps_its_case_id_and_sections(referat):
    plan = referat.cases[1]
    assert plan.section("Sagsnummer") == "EMN-2025-009242"
    assert [s.heading for s in plan.sections] == [
        "Sagsnummer",
        "Beslutning",
        "Tekst",  # the short summary under an empty <h3>
        "Resume",
        "Beslutningspunkter",
        "Sagsforløb",
        "Bilag",
    ]
    assert "1149 høringssvar" in plan.section("Resume")
    assert plan.section("Beslutningspunkter").startswith("Det indstilles:\nAt 1) Byrådet godkender")
    assert "Udvalg: Magistraten\nDato: 02-09-2025" in plan.section("Sagsforløb")
    assert plan.section("Bilag").split("\n")[:2] == [
        "Indstilling",
        "Bilag 1: Udviklingsplan for Pier 3 med omgivelser med bilag og strategier",
    ]


def test_a_firstagenda_dagsorden_has_33_items_and_no_decisions_yet(dagsorden):
    assert (dagsorden.committee, dagsorden.meeting_date, dagsorden.kind) == (
        "Aarhus Byråd",
        date(2025, 10, 8),
        "dagsorden",
    )
    assert [c.case_number for c in dagsorden.cases] == list(range(1, 34))
    assert dagsorden.cases[1].title == "Forslag til budget 2026-2029"
    assert dagsorden.cases[32].title == (
        "Forslag fra V, KF, LA og DD om afledte konsekvenser af lukning af Vesterbro Torv"
    )
    assert "råderum på i alt 1.126 mio. kr." in dagsorden.cases[1].section("Resume")
    assert all(c.decision is None for c in dagsorden.cases)
    # Page chrome (menus, dialogs, "Kopier link") is not part of any item.
    text = "\n".join(c.text for c in dagsorden.cases)
    assert "Kopier link" not in text and "Tip en ven" not in text


def test_pages_without_firstagenda_markup_parse_by_their_text_markers(referat, dagsorden):
    """With the FirstAgenda class names gone, the generic item finder reads the same items."""
    for path, structured in ((REFERAT, referat), (DAGSORDEN, dagsorden)):
        data = path.read_bytes().replace(b"punktrow", b"row").replace(b"sagsnummer", b"id")
        meeting = html.parse(data, path.name)
        assert [(c.case_number, c.title) for c in meeting.cases] == [
            (c.case_number, c.title) for c in structured.cases
        ]
        assert [c.decision for c in meeting.cases] == [c.decision for c in structured.cases]
        assert [c.section("Sagsnummer") for c in meeting.cases] == [
            c.section("Sagsnummer") for c in structured.cases
        ]


def test_the_saved_aarhus_pages_record_no_address_of_their_own(referat, dagsorden):
    # Their only absolute address is FirstAgenda's API host in a hidden field: not the page's.
    assert b"http://publication.firstagenda.com" in REFERAT.read_bytes()
    assert (referat.url, dagsorden.url) == (None, None)


ADDRESS = "https://dagsordener.aarhus.dk/vis?id=5e8d1c2a-teknisk-udvalg-2025-10-01"


@pytest.mark.parametrize(
    "mark",
    [
        f'<link rel="canonical" href="{ADDRESS}">',
        f'<meta property="og:url" content="{ADDRESS}">',
        f"<!-- saved from url=(0064){ADDRESS} -->",
        f"<!--\n Page saved with SingleFile \n url: {ADDRESS} \n saved date: Wed Oct 01 2025 -->",
    ],
)
def test_a_page_that_records_its_address_gives_it_to_the_meeting(mark):
    page = REFERAT.read_bytes().replace(b"<head>", b"<head>" + mark.encode(), 1)
    if mark.startswith("<!--"):  # browsers put their note before the markup
        page = mark.encode() + b"\n" + REFERAT.read_bytes()
    meeting = parse_bytes(page, "tu.html")
    assert meeting.url == ADDRESS
    # ... and on to every chunk and the stored case, for a link to the original.
    chunks = chunk_case(meeting, meeting.cases[1], HashingEncoder().count_tokens)
    assert {c.url for c in chunks} == {ADDRESS}
    assert case_record(meeting, meeting.cases[1])["url"] == ADDRESS


def test_a_relative_or_odd_address_is_not_taken_for_the_pages_own():
    page = REFERAT.read_bytes().replace(
        b"<head>",
        b'<head><link rel="canonical" href="/vis?id=1"><meta property="og:url" content="javascript:x">',
        1,
    )
    assert parse_bytes(page, "tu.html").url is None


def test_a_municipal_cms_page_with_a_closed_item_left_out():
    page = """<!DOCTYPE html><html><head><title>Referat</title></head><body>
      <nav><a href="/">Forside</a></nav>
      <h1>Referat - Børne- og Skoleudvalget</h1><p>Mødedato: 4. marts 2024</p>
      <h2>Sag nr. 12: Skoledistrikter</h2><p>Sagsnr.: 24/1234</p>
      <h3>Indstilling</h3><p>Forvaltningen indstiller, at distrikterne godkendes.</p>
      <h3>Beslutning i Børne- og Skoleudvalget den 4. marts 2024</h3><p>Godkendt.</p>
      <h2>Sag nr. 14: Eventuelt</h2><h3>Beslutning</h3><p>Intet.</p>
    </body></html>"""
    meeting = parse_bytes(page.encode(), "bsu.htm")
    assert (meeting.committee, meeting.meeting_date) == (
        "Børne- og Skoleudvalget",
        date(2024, 3, 4),
    )
    assert [(c.case_number, c.title, c.decision) for c in meeting.cases] == [
        (12, "Skoledistrikter", "Godkendt."),
        (14, "Eventuelt", "Intet."),
    ]
    assert meeting.cases[0].section("Sagsnummer") == "Sagsnr.: 24/1234"
    assert meeting.warnings == (
        "item numbers jump from 12 to 14: item 13 is not in the file "
        "(closed items, or markers the parser did not recognise)",
    )


def test_a_meetings_agenda_and_its_minutes_are_both_kept(tmp_path):
    referat_page = REFERAT.read_bytes()
    (tmp_path / "tu_referat.html").write_bytes(referat_page)
    (tmp_path / "tu_dagsorden.html").write_bytes(
        referat_page.replace(b"Referat 1. oktober 2025", b"Dagsorden 1. oktober 2025")
    )
    (tmp_path / "tu_referat_kopi.html").write_bytes(referat_page)
    corpus = load_corpus([tmp_path])
    assert sorted((m.source, m.kind) for m in corpus.meetings) == [
        ("tu_dagsorden.html", "dagsorden"),
        ("tu_referat.html", "referat"),
    ]
    assert len(corpus.duplicates) == 1 and "tu_referat_kopi.html" in corpus.duplicates[0]


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("<!doctype html><html><body><h1>Velkommen</h1><p>Nyheder fra kommunen.</p></body></html>",
         "no committee and meeting date found"),
        ("<html><body><h1>Teknisk Udvalg</h1><p>Referat 1. oktober 2025</p>"
         "<p>Mødet er aflyst.</p></body></html>", "no agenda items found"),
    ],
)  # fmt: skip
def test_a_page_that_is_not_minutes_is_refused_with_the_reason(page, reason):
    with pytest.raises(MinutesError) as refused:
        parse_bytes(page.encode(), "side.html")
    assert refused.value.source == "side.html" and reason in refused.value.reason


@pytest.mark.parametrize(
    "start",
    [b"<!DOCTYPE html>", b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- saved -->\n<html>', b"\n<body>"],
)
def test_html_is_recognised_by_its_content_whatever_its_name(start):
    page = start + REFERAT.read_bytes()
    assert html.sniff(page)
    meeting = parse_bytes(page, "downloaded.txt")
    assert (meeting.committee, len(meeting.cases)) == ("Teknisk Udvalg", 6)


def test_text_that_mentions_html_is_not_taken_for_a_page():
    assert not html.sniff("Teknisk Udvalg\n01-10-2025\nSe <html>-versionen på nettet".encode())
