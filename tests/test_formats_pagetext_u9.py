"""Web pages kept as text whose items show neither number, title nor case id: each item opens
with its first section ("Sagsfremstilling", "Beslutningstema", or only its decision) right under
the committee and date, read from the real pages bundled in corpus/Ishøj and corpus/Svendborg."""

from datetime import date

from tests.conftest import bundled


def test_a_section_after_the_decision_opens_the_next_item():
    meeting = bundled("Ishøj", "ishoej_erhvervs-og-beskaeftigelsesudvalget_2024-03-06_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Erhvervs- og Beskæftigelsesudvalget",
        date(2024, 3, 6),
        "referat",
    )
    first, second, third = meeting.cases
    assert [first.case_number, second.case_number, third.case_number] == [1, 2, 3]
    assert first.title.startswith("På grund af stort frafald fra udvalgets medlemmer")
    assert first.decision.endswith("Til efterretning.")
    assert second.decision == "Tiltrådt."
    assert second.section("Indstilling") == "at udvalget tager orienteringen til efterretning."
    # The strategy's four numbered focus areas are points of the third case, not items.
    assert "2. A-dagpenge området" in third.section("Sagsfremstilling")


def test_a_numbered_list_at_the_top_of_a_case_stays_in_the_case():
    meeting = bundled("Ishøj", "ishoej_oekonomi-og-planudvalget_2023-09-25_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Økonomi- og Planudvalget",
        date(2023, 9, 25),
    )
    orientation, budget = meeting.cases
    assert "Nyhedsmail fra KL" in orientation.section("Sagsfremstilling")
    assert orientation.decision == "Til efterretning."
    assert "2.202 mio. kr." in budget.section("Sagsfremstilling")


def test_a_second_opening_section_starts_an_item_even_before_a_decision():
    meeting = bundled("Ishøj", "ishoej_oekonomi-og-planudvalget_2025-01-20_referat.txt")
    hearing, theme = meeting.cases
    assert hearing.section("Lovgrundlag").startswith("Styrelseslovens § 20 stk. 4.")
    assert hearing.decision.startswith("Foretræde v. Knud Ullerichs og Anne B. Hansen")
    # "Beslutningstema" after the decision opens the next item, and its text titles it.
    assert theme.title.startswith("Knud Ullerichs og Foreningen for hjemmehørende i Ishøj Havn")
    assert "REMA" in theme.section("Sagsfremstilling")


def test_a_page_opening_with_a_decision_reads_it_as_the_first_item():
    meeting = bundled("Svendborg", "svendborg_oekonomiudvalget_2025-06-17_referat.txt")
    # "Økonomiudvalget" over "Referat • 17. juni 2025 kl. 15.30": committee, date and kind.
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Økonomiudvalget",
        date(2025, 6, 17),
        "referat",
    )
    agenda, budget = meeting.cases
    assert agenda.title == "Liste V foreslog, at punkt 23 blev behandlet som et åbent punkt"
    assert "Punkt 18 blev behandlet til sidst." in agenda.decision
    assert budget.section("Indstilling").startswith("Direktionen indstiller")
    assert budget.title.startswith("Orientering om seneste nyt vedr. kommuneaftalen")


def test_the_council_pages_name_the_council():
    meeting = bundled("Ishøj", "ishoej_ishoej-byraad_2025-09-30_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.municipality) == (
        "Ishøj Byråd",
        date(2025, 9, 30),
        "Ishøj",
    )
    question_time, senior_council = meeting.cases
    assert question_time.decision == "Ingen spørgetid."
    assert "ni kandidatanmeldelser" in senior_council.section("Sagsfremstilling")
