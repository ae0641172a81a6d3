"""Minutes as PDF: a real eDoc referat from Ballerup, a FirstAgenda referat from Aarhus (laid out
by tests/fixtures/make_aarhus_pdf.py), the cleaning PDFs need, and look-alikes."""

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from embeddings.model import HashingEncoder
from qa.chunking import Chunk, case_hash, chunk_case
from qa.errors import MinutesError
from qa.formats.pdf import clean_pages, dehyphenate, page_lines
from qa.ingest import parse_bytes, read_minutes
from tests.conftest import CORPUS

SAMPLES = Path(__file__).parent / "fixtures" / "samples"
count_tokens = HashingEncoder().count_tokens
BALLERUP = CORPUS / "Ballerup" / "ballerup_SFU_2012-12-04_referat.pdf"  # the bundled copy
AARHUS = SAMPLES / "aarhus_byraad_2025-08-27_referat.pdf"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with one line of Helvetica per string, top to bottom (WinAnsi has æøå)."""

    def literal(line: str) -> bytes:
        raw = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
        return b"(" + raw.replace(b")", b"\\)") + b")"

    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        text = b" ".join(literal(line) + b" Tj T*" for line in lines)
        stream = b"BT /F1 11 Tf 14 TL 56 800 Td " + text + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def locked(pdf: bytes) -> bytes:
    """The same PDF, readable only with a password."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="hemmelig", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def ballerup():
    return read_minutes(BALLERUP)


@pytest.fixture(scope="module")
def aarhus():
    return read_minutes(AARHUS)


def test_the_ballerup_referat_has_its_eight_items_with_titles(ballerup):
    assert (ballerup.committee, ballerup.meeting_date, ballerup.kind) == (
        "Sundheds- og Forebyggelsesudvalget",
        date(2012, 12, 4),
        "referat",
    )
    assert [c.case_number for c in ballerup.cases] == list(range(1, 9))
    assert ballerup.cases[0].title == "Meddelelser"
    assert (
        ballerup.cases[3].title
        == "Takstreduktion på aflastningstilbuddet Torvevej i Skovlunde i 2013"
    )
    # Wrapped onto a second line in the PDF, whole again:
    assert ballerup.cases[5].title == (
        "Prioritering af midler til kronisk syge borgere og hverdagsrehabilitering for ældre"
    )
    assert ballerup.warnings == ()


def test_each_ballerup_decision_is_its_own_section(ballerup):
    # Under "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt N".
    assert [c.decision for c in ballerup.cases] == [
        "Taget til efterretning",
        "Indstillingen godkendt",
        "Indstilles til godkendelse",
        "Indstillingen godkendt",
        "Indstillingen godkendt",
        "Indstillingen godkendt",
        "Indstillingen godkendt\nmed denne bemærkning:\n"
        "Gruppen af unge i Ballerup Kommune også får adgang til at bruge lokalerne på Solvej 6.",
        "Taget til efterretning",
    ]


def test_ballerup_sections_file_numbers_and_who_decides(ballerup):
    budget = ballerup.cases[1]
    assert [s.heading for s in budget.sections] == [
        "Sagsnummer",
        "Sammendrag",
        "Baggrund",
        "Sagsfremstilling",
        "Økonomiske konsekvenser og finansiering",
        "Bilag",
        "Indstilling",
        "Beslutning",
    ]
    assert budget.section("Sagsnummer") == "Sagsnr.: 2012-28504\nDok.nr.: 2012-203438"
    assert "38.916.000 kr." in budget.section("Økonomiske konsekvenser og finansiering")
    assert budget.section("Bilag") == "2012-200782 - Bygningsliste og prioriteringssystem"
    # "Beslutningen træffes af" + the body on the next line:
    assert budget.authority == "Sundheds- og Forebyggelsesudvalget"
    assert ballerup.cases[2].authority == "Kommunalbestyrelsen"


def test_ballerup_text_is_free_of_page_furniture_and_keeps_real_hyphens(ballerup):
    text = "\n".join(c.text for c in ballerup.cases)
    for furniture in ("Side 4", "Åbent referat", "Dato: 04.12.2012", "INDHOLDSFORTEGNELSE"):
        assert furniture not in text
    assert "Følgende deltog ikke" not in text  # an empty label after each decision
    assert "en del ikke-planlagte opgaver" in text  # "ikke-" at a line end is a real hyphen
    assert "under Sundheds- og Forebyggelsesudvalget godkendes" in text
    # The paragraph's wrapped lines are one line again.
    assert (
        "Det årlige bygningssyn er nu afsluttet, og der er foretaget en prioritering af "
        "aktiviteter for bygningsvedligeholdelse 2013.\n" in ballerup.cases[1].section("Sammendrag")
    )


def test_the_aarhus_council_is_named_without_the_d_before_its_date(aarhus):
    # Every page opens with "REFERAT Aarhus Byråd d. 27-08-2025".
    assert (aarhus.committee, aarhus.kind) == ("Aarhus Byråd", "referat")


def test_the_aarhus_meeting_date_is_the_day_after_d(aarhus):
    assert aarhus.meeting_date == date(2025, 8, 27)


def test_aarhus_titles_that_wrap_onto_a_second_line_are_whole(aarhus):
    # Set in a bigger bold font, wrapped before a capital: "... at sikre Havnens" / "Perles ...".
    assert [(c.case_number, c.title) for c in aarhus.cases] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Forventet regnskab 2025 for Aarhus Kommune"),
        (3, "Lokalplan 1230, Boliger ved Silkeborgvej i Brabrand - Endelig"),
        (4, "Forslag fra KF, V, DF og LA om at sikre Havnens Perles fremtid på Aarhus Ø"),
        (5, "Anmodning om udtræden af byrådet"),
    ]
    assert aarhus.warnings == ()
    # The rest of a title is not left behind as the start of the item's text.
    assert [c.sections[0].text for c in aarhus.cases] == [
        "EMN-2025-004310", "EMN-2025-006871", "EMN-2024-019552", "EMN-2025-007734",
        "EMN-2025-008016",
    ]  # fmt: skip


def test_aarhus_at_points_and_attachments_stay_on_lines_of_their_own(aarhus):
    forecast, proposal = aarhus.cases[1], aarhus.cases[3]
    assert forecast.section("Indstilling").split("\n") == [
        "Det indstilles:",
        "At 1) byrådet tager det forventede regnskab for 2025 til efterretning, herunder at der "
        "forventes et merforbrug på ældreområdet på 41 mio. kr.",
        "At 2) byrådet godkender de tillægsbevillinger, der er beskrevet i bilag 2, og at de "
        "finansieres af kassen",
        "At 3) byrådet godkender, at uforbrugte anlægsmidler på 212 mio. kr. overføres til 2026.",
    ]
    assert proposal.section("Indstilling").split("\n")[1:] == [
        "At 1) byrådet pålægger Teknisk Udvalg at undersøge, hvordan Havnens Perle kan bevares "
        "som fritidsområde på Aarhus Ø, og",
        "At 2) forvaltningen inden udgangen af 2025 forelægger byrådet en plan for pladsens "
        "fremtid.",
    ]
    assert forecast.section("Bilag").split("\n") == [
        "Bilag 1: Forventet regnskab 2025 - samlet oversigt",
        "Bilag 2: Tillægsbevillinger",
    ]


def test_aarhus_sections_and_decisions(aarhus):
    assert [s.heading for s in aarhus.cases[1].sections] == [
        "Sagsnummer", "Beslutning", "Resume", "Indstilling", "Sagsfremstilling", "Sagens forløb",
        "Bilag",
    ]  # fmt: skip
    assert [c.decision for c in aarhus.cases] == [
        "Dagsordenen blev godkendt.",
        "Indstillingen blev vedtaget.",
        "Indstillingen blev vedtaget.",
        "Forslaget blev oversendt til behandling i Teknisk Udvalg.",
        "Indstillingen blev vedtaget.",
    ]
    text = "\n".join(c.text for c in aarhus.cases)
    assert "REFERAT" not in text and "Side 2 af 3" not in text


def test_each_section_knows_the_page_it_starts_on(aarhus, ballerup):
    def pages(case):
        return [(s.heading, s.page) for s in case.sections]

    assert pages(aarhus.cases[3]) == [
        ("Sagsnummer", 2), ("Beslutning", 2), ("Sagsfremstilling", 2), ("Indstilling", 3),
    ]  # fmt: skip
    # The heading is the last line of page 2; its text begins on page 3.
    assert aarhus.cases[3].sections[2].page_at(0) == 3
    # A section that runs over a page break knows where in its text the next page begins.
    forecast = aarhus.cases[1].sections[4]
    assert (forecast.heading, forecast.page) == ("Sagsfremstilling", 1)
    assert forecast.page_at(forecast.text.index("Kassebeholdningen forventes")) == 2
    assert forecast.page_at(forecast.text.index("tredje gang i år")) == 1
    budget = ballerup.cases[1]
    assert [s.page for s in budget.sections] == [4, 4, 4, 4, 5, 5, 5, 5]


def test_a_page_in_the_middle_of_a_long_section_reaches_its_chunk(aarhus, ballerup):
    def page_of(meeting, sentence, max_tokens):
        [chunk] = [
            chunk
            for case in meeting.cases
            for chunk in chunk_case(meeting, case, count_tokens, max_tokens)
            if sentence in chunk.text
        ]
        return chunk.page

    # Split into several chunks, the section's later part starts on the next page.
    assert page_of(aarhus, "Forventet regnskab 2025 er udarbejdet", 120) == 1
    assert page_of(aarhus, "Kassebeholdningen forventes ultimo 2025", 120) == 2
    # A chunk of several sections starts where its first does, heading included.
    assert page_of(aarhus, "Havnens Perle er gennem mere end ti år", 120) == 2
    assert page_of(ballerup, "I 2012 undgik man skader efter skybrud", 256) == 4
    assert page_of(ballerup, "Ballerup Kommune har i 2011 planlagt 7 rygestopkurser", 256) == 14


def test_the_page_survives_the_chunk_record_and_old_records_load_without_it(aarhus):
    [chunk] = chunk_case(aarhus, aarhus.cases[4], count_tokens)
    assert chunk.page == 3
    assert Chunk.from_json(chunk.to_json()) == chunk
    old = {k: v for k, v in chunk.to_json().items() if k not in ("page", "url")}
    assert (Chunk.from_json(old).page, Chunk.from_json(old).url) == (None, None)


def test_a_case_is_embedded_again_when_its_page_changes(aarhus):
    case = aarhus.cases[4]
    moved = replace(case, sections=tuple(replace(s, page=s.page + 1) for s in case.sections))
    assert case_hash(aarhus, case, 256) != case_hash(aarhus, moved, 256)


def with_metadata(pdf: bytes, metadata: dict) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ADDRESS = "https://www.example-kommune.dk/politik/referater/teknisk-udvalg-2021-05-12"
MINUTES = [["Teknisk Udvalg", "Referat 12.05.2021", "1. Trafikplan", "Beslutning", "Godkendt."]]


@pytest.mark.parametrize(
    ("pdf", "url"),
    [
        (make_pdf(MINUTES), None),
        (with_metadata(make_pdf(MINUTES), {"/Title": "Referat", "/Subject": ADDRESS}), ADDRESS),
        (with_metadata(make_pdf(MINUTES), {"/URL": f"Hentet fra {ADDRESS}"}), ADDRESS),
        (with_metadata(make_pdf(MINUTES), {"/Producer": "https://www.pdf-maker.example"}), None),
        # A browser's print-out: the page's address in the footer of every page.
        (
            make_pdf([[*MINUTES[0], f"{ADDRESS} 1/2"], ["2. Budget", "Udsat.", f"{ADDRESS} 2/2"]]),
            ADDRESS,
        ),
        # A link in the text may point anywhere: not the document's address.
        (make_pdf([[*MINUTES[0], "Se mere på https://www.example-kommune.dk/trafik"]]), None),
    ],
)
def test_a_pdf_gives_its_web_address_when_it_records_one(pdf, url):
    assert parse_bytes(pdf, "tu.pdf").url == url


def test_the_aarhus_print_out_records_no_address(aarhus):
    assert aarhus.url is None


def test_page_furniture_goes_but_body_lines_that_look_like_it_stay():
    pages = [
        ["Økonomiudvalget", "Referat", "Side 1 af 3", "1. Budget", "Beslutningen træffes af"],
        ["Økonomiudvalget", "Referat", "Side 2 af 3", "Økonomiudvalget", "Sagsfremstilling", "2"],
        ["Økonomiudvalget", "Referat", "Side 3 af 3", "4", "Skoler", "3"],
    ]
    assert clean_pages(pages) == [
        "1. Budget",
        "Beslutningen træffes af",
        "Økonomiudvalget",  # a body line: the running head stops at "Side 2 af 3"
        "Sagsfremstilling",  # the "2" after it is page 2's number
        "4",  # an item number on a line of its own, not page 3's number
        "Skoler",
    ]


def test_hyphenation_and_wrapped_lines_are_undone_across_pages():
    pages = [
        ["Teknisk Udvalg", "Side 1", "Forvaltningen foreslår at styrke indsatsen for beskæf-"],
        ["Teknisk Udvalg", "Side 2", "tigelse af unge under 25 år, så flere kommer i job eller", "uddannelse."],
        ["Teknisk Udvalg", "Side 3", "Beslutning", "Godkendt."],
    ]  # fmt: skip
    assert clean_pages(pages) == [
        "Forvaltningen foreslår at styrke indsatsen for beskæftigelse af unge under 25 år, "
        "så flere kommer i job eller uddannelse.",
        "Beslutning",
        "Godkendt.",
    ]


@pytest.mark.parametrize(
    ("broken", "whole"),
    [
        ("indsatsen for beskæf-\ntigelse af ledige", "indsatsen for beskæftigelse af ledige"),
        ("Social-\nog Sundhedsforvaltningen", "Social- og Sundhedsforvaltningen"),
        ("Børne-\neller Ungeudvalget", "Børne- eller Ungeudvalget"),
        ("EU-\nborgere og 6-\nmåneders", "EU-borgere og 6-måneders"),
        ("ikke-\nplanlagte opgaver; ikke alle er planlagte", "ikke-planlagte opgaver; ikke alle er planlagte"),
        ("kvalitets-\nstandard og kvalitets-standard", "kvalitets-standard og kvalitets-standard"),
    ],
)  # fmt: skip
def test_words_hyphenated_at_line_ends_are_joined_but_real_hyphens_stay(broken, whole):
    assert dehyphenate(broken) == whole


def test_a_split_between_two_words_follows_how_the_document_hyphenates():
    # "beskæf-tigelse" shows this document hyphenates words at line ends: "Unge-indsats" is one.
    hyphenating = "Unge-\nindsatsen hjælper unge, og indsatsen øger beskæf-\ntigelsen"
    assert (
        dehyphenate(hyphenating) == "Ungeindsatsen hjælper unge, og indsatsen øger beskæftigelsen"
    )
    # Without such a split, a hyphen at a line end is one the author typed.
    assert dehyphenate("en grøn-\nblå pulje, grøn og blå") == "en grøn-blå pulje, grøn og blå"


def test_page_text_is_cleaned_of_pdf_oddities():
    raw = "\ufeffBeslutning\r\nDen of\ufb01cielle \ufb02ytning af\u00a0kontoret\r\nbeskæf\u00ad\ntigelse"
    assert [line.text for line in page_lines(raw)] == [
        "Beslutning",
        "Den officielle flytning af kontoret",
        "beskæf-",
        "tigelse",
    ]
    assert clean_pages([[line.text for line in page_lines(raw)]])[-1] == "beskæftigelse"


def test_another_systems_pdf_parses_without_new_code():
    """ "Punkt N: Title" items, a closed item left out, decisions "Beslutning i <udvalg> den <dato>",
    and an earlier committee's decision that is not this meeting's."""
    head = ["Økonomiudvalget", "Beslutningsprotokol"]
    pdf = make_pdf([
        [*head, "Side 1 af 3", "Mødedato: 3. marts 2020", "Punkt 1: Godkendelse af dagsorden",
         "Beslutning i Økonomiudvalget den 3. marts 2020", "Godkendt."],
        [*head, "Side 2 af 3", "Punkt 2: Ungeindsats", "Beskæftigelsesudvalgets beslutning den 18.02.2020",
         "Anbefales.", "Beslutning i Økonomiudvalget den 3. marts 2020", "Godkendt med 5 stemmer mod 2."],
        [*head, "Side 3 af 3", "Punkt 4: Eventuelt", "Beslutning i Økonomiudvalget den 3. marts 2020",
         "Intet."],
    ])  # fmt: skip
    meeting = parse_bytes(pdf, "okonomiudvalget.pdf")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Økonomiudvalget",
        date(2020, 3, 3),
        "referat",
    )
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Godkendelse af dagsorden"),
        (2, "Ungeindsats"),
        (4, "Eventuelt"),
    ]
    assert [c.decision for c in meeting.cases] == [
        "Godkendt.",
        "Godkendt med 5 stemmer mod 2.",
        "Intet.",
    ]
    earlier = meeting.cases[1].section("Beskæftigelsesudvalgets beslutning den 18.02.2020")
    assert earlier == "Anbefales."
    assert (
        len(meeting.warnings) == 1
        and "from 2 to 4: item 3 is not in the file" in meeting.warnings[0]
    )


def test_a_numbered_list_inside_an_item_does_not_swallow_the_next_item():
    pdf = make_pdf([
        ["Skoleudvalget", "Referat 04.12.2012", "1. Skolestruktur", "Sagsnr.: 12/2", "Indstilling",
         "Forvaltningen indstiller, at", "1. Skole A lukkes", "2. Skole B udvides", "3. Skole C bevares",
         "Beslutning", "Godkendt.", "2. Trafikplan", "Sagsnr.: 12/3", "Beslutning", "Udsat."],
    ])  # fmt: skip
    meeting = parse_bytes(pdf, "skole.pdf")
    assert [(c.case_number, c.title, c.decision) for c in meeting.cases] == [
        (1, "Skolestruktur", "Godkendt."),
        (2, "Trafikplan", "Udsat."),
    ]
    assert (
        meeting.cases[0].section("Indstilling").endswith("2. Skole B udvides\n3. Skole C bevares")
    )


def test_an_agenda_pdf_is_a_dagsorden_without_decisions():
    pdf = make_pdf([
        ["Dagsorden", "Teknisk Udvalg, 12.05.2021", "1. Trafikplan", "Indstilling",
         "Forvaltningen indstiller, at planen godkendes.", "Beslutning",
         "2. Eventuelt", "Beslutning"],
    ])  # fmt: skip
    meeting = parse_bytes(pdf, "tu_dagsorden.pdf")
    assert meeting.kind == "dagsorden"
    assert [c.title for c in meeting.cases] == ["Trafikplan", "Eventuelt"]
    assert all(c.decision is None for c in meeting.cases)


@pytest.mark.parametrize(
    ("pdf", "reason"),
    [
        (make_pdf([["Invitation til sommerfest", "Kom og vær med fredag eftermiddag."]]), "no committee and meeting date"),
        (make_pdf([["Teknisk Udvalg", "Referat 01.10.2025", "Mødet blev aflyst."]]), "no agenda items found"),
        (make_pdf([[]]), "no text layer"),
        (locked(make_pdf([["Teknisk Udvalg", "Referat 01.10.2025", "1. Budget"]])), "password-protected"),
        (b"%PDF-1.4\n this is not really a PDF", "cannot read the PDF"),
    ],
)  # fmt: skip
def test_a_pdf_that_is_not_minutes_is_refused_with_the_reason(pdf, reason):
    with pytest.raises(MinutesError) as refused:
        parse_bytes(pdf, "bilag.pdf")
    assert refused.value.source == "bilag.pdf" and reason in refused.value.reason


def test_a_pdf_is_recognised_by_its_content_whatever_its_name():
    meeting = parse_bytes(BALLERUP.read_bytes(), "referat.html")
    assert (meeting.committee, len(meeting.cases)) == ("Sundheds- og Forebyggelsesudvalget", 8)
