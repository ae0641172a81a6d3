"""Web pages kept as text whose items show neither number, title nor case id, only a label
"Åben" over each item's first section, read from the real pages bundled in corpus/Aalborg."""

from datetime import date

from tests.conftest import bundled


def test_the_label_over_each_item_opens_it_whatever_its_first_section():
    meeting = bundled("Aalborg", "aalborg_byraadet_2024-01-22_referat.txt")
    # The site's trail "Hjem Politiske udvalg Seneste fra byrådet" is no committee's name.
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Byrådet",
        date(2024, 1, 22),
        "referat",
    )
    agenda, guarantees, birds, grants = meeting.cases
    assert [case.case_number for case in meeting.cases] == [1, 2, 3, 4]
    assert agenda.decision.startswith("Godkendt.")
    # An item opening with its Indstilling is an item of its own, not the tail of the one before.
    assert guarantees.section("Indstilling").startswith("Klima- og Miljøudvalget indstiller")
    assert "72,2 mio. kr." in guarantees.section("Indstilling")
    assert guarantees.decision.startswith("Godkendt.")
    assert birds.title.startswith("Klima- og Miljøudvalget indstiller, at byrådet godkender")
    assert "fuglehold" in birds.section("Indstilling")
    # The label is the site's, not the text of the decision above it.
    assert "Åben" not in birds.decision
    assert "1.271.000 kr." in grants.section("Indstilling")


def test_a_page_ending_in_a_proposal_keeps_it_as_its_last_item():
    meeting = bundled("Aalborg", "aalborg_byraadet_2023-08-14_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2023, 8, 14))
    *_, appointments, plans = meeting.cases
    assert appointments.decision.startswith("Valggruppe 1 oplyste, at Liva Højby")
    assert "Kommuneplantillæg 3.041" in plans.section("Indstilling")
    assert plans.decision is None


def test_the_first_item_is_the_agenda_decided_before_the_cases():
    meeting = bundled("Aalborg", "aalborg_byraadet_2024-02-12_referat.txt")
    agenda, overview, grants = meeting.cases
    assert agenda.title.startswith("Punkt 15 udgår")
    assert "Punkt 28 blev behandlet før punkt 27" in agenda.decision
    assert overview.decision == "Til orientering."
    assert "-3.751.000 kr." in grants.section("Indstilling")
