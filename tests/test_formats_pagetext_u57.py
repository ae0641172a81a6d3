"""Web pages kept as text, read from the real pages bundled in corpus/: what Aabenraa's and
Norddjurs' pages of the fifty-seventh round give. Each is read by the rules already there; no rule
came with them."""

from datetime import date

from tests.conftest import bundled


def test_aabenraa_council_electing_the_election_board():
    january = bundled("Aabenraa", "aabenraa_byraadet_2018-01-31_referat.txt")
    assert (january.committee, january.meeting_date, january.kind) == (
        "Byrådet",
        date(2018, 1, 31),
        "referat",
    )
    # Items shown only by their case ids, numbered in order and titled by their first line, as
    # the site's pages bundled before; the "-" under the first item's Sagsfremstilling is dropped.
    agenda, board = january.cases
    assert [case.case_number for case in january.cases] == [1, 2]
    assert agenda.section("Sagsnummer") == "18/1127"
    assert agenda.title == "Byråds- og Direktionssekretariatet indstiller"
    assert agenda.section("Sagsfremstilling") is None
    assert (agenda.section("Indstilling"), agenda.decision) == (
        "Byråds- og Direktionssekretariatet indstiller,\nat dagsorden godkendes.",
        "Godkendt.",
    )
    assert board.section("Sagsnummer") == "17/34027"
    assert board.title.startswith("Valgbestyrelsen modtager og godkender kandidatlister")
    assert "mindst 5 og højst 7 af byrådets medlemmer" in board.section("Sagsfremstilling")
    assert "7 personlige stedfortrædere" in board.section("Indstilling")
    # The stored beginning stops inside the list of those elected.
    assert board.decision.startswith("Udpeget blev:\nThomas Andresen (Philip Tietje)")


def test_norddjurs_environment_and_technical_committee_a_pdf_transcript():
    june = bundled("Norddjurs", "norddjurs_miljoe-og-teknikudvalget_2019-06-25_referat.txt")
    assert (june.committee, june.meeting_date, june.kind) == (
        "Miljø- og teknikudvalget",
        date(2019, 6, 25),
        "referat",
    )
    # docslib.org: its list of items 1-21 runs on one line and is not read as items; the stored
    # beginning stops in item 1, its "Sagsfremstilling" glued to its text and kept as text.
    [dialogue] = june.cases
    assert (dialogue.case_number, dialogue.title) == (1, "Dialogmøde med AquaDjurs")
    assert [section.heading for section in dialogue.sections] == ["Tekst"]
    assert "18/15427 Åben sag" in dialogue.text
    assert "dialogmøde med AquaDjurs bestyrelse kl. 8" in dialogue.text
    assert dialogue.decision is None
