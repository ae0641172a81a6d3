"""Web pages kept as text, read from the real pages bundled in corpus/Ringkøbing-Skjern,
corpus/Hedensted, corpus/Jammerbugt, corpus/Faaborg-Midtfyn and corpus/Vesthimmerland."""

from datetime import date

from tests.conftest import bundled


def test_items_numbered_with_a_colon_are_items():
    # "3: Anvendelse af kommunens låneramme 2018-2019", and "3 : Forretningsorden ..." in 2026.
    meeting = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2019-03-19_referat.txt")
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Spørgetid i Byrådet"),
        (2, "Godkendelse af dagsorden"),
        (3, "Anvendelse af kommunens låneramme 2018-2019"),
    ]
    assert "81,7 mio. kr." in meeting.cases[2].section("Sagsfremstilling")
    later = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2026-01-20_referat.txt")
    assert later.cases[2].title == "Forretningsorden for Ringkøbing-Skjern Byråd"


def test_a_room_named_after_the_council_is_not_the_committee():
    # "Byrådssalen, Rådhuset, Ved Fjorden 6, Ringkøbing" stands above "Byrådet".
    meeting = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2022-04-19_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2022, 4, 19))


def test_the_link_between_items_is_not_part_of_the_previous_case():
    meeting = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2019-03-19_referat.txt")
    assert all("Kopier link" not in case.text for case in meeting.cases)
    assert "Kristian Bøgsted" in meeting.cases[0].section("Fraværende")


def test_a_folding_link_glued_to_a_title_is_left_out():
    # "3. Lokal Fællesvarme - udmøntning af midlerKlik her for at folde ud og læse mere om ..."
    meeting = bundled("Hedensted", "hedensted_det-faelles-landdistriktsraad_2023-08-31_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Det fælles landdistriktsråd",
        date(2023, 8, 31),
    )
    assert [c.title for c in meeting.cases] == [
        "Godkendelse af dagsorden",
        "Godkendelse af referat",
        "Lokal Fællesvarme - udmøntning af midler",
    ]
    assert "100.000 kr." in meeting.cases[2].section("Økonomi")


def test_a_bulleted_item_number_on_its_own_line_starts_the_item():
    meeting = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2020-06-25_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Kommunalbestyrelsen", date(2020, 6, 25))
    (case,) = meeting.cases
    assert (case.case_number, case.title) == (
        100,
        "Godkendelse af regnskab 2019 med tilhørende revisionsberetning",
    )
    assert "Revisionsberetning nr. 12" in case.section("Sagsfremstilling")


def test_a_file_number_above_an_item_confirms_that_item_not_the_line_before():
    # "...63 / Hjørring Kommune / 25. maj 2016 / Side 2. / 00.01.00-K01-1-16 / 1. / Revisionsberetning
    # nr. 19 ...": the page number 63 over the page's running head is not an item.
    meeting = bundled("Hjørring", "hjoerring_hjoerring-byraad_2016-05-25_dagsorden.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Hjørring Byråd", date(2016, 5, 25))
    (case,) = meeting.cases
    assert (case.case_number, case.title) == (
        1,
        "Revisionsberetning nr. 19 og resultat af rådighedstilsyn",
    )
    assert "00.01.00-K01-1-16" in case.section("Sagsnummer")
    assert "9. maj 2016" in case.section("Resumé")
