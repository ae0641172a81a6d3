"""Web pages kept as text whose items show only their case ids: items that open with a link to
print them ("• Udskriv" over "Sagsid.: 22/2694, Sagsinitialer: hlp", or "UdskrivSagsid.: 17/3668"
glued), read from the real pages bundled in corpus/Aabenraa, and items whose decision names an
item of the year ("Punkt 166 flyttes ..."), from corpus/Langeland."""

from datetime import date

from tests.conftest import bundled


def test_the_print_link_over_a_case_id_opens_the_next_case_not_the_last():
    meeting = bundled("Aabenraa", "aabenraa_byraadet_2022-11-30_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Byrådet",
        date(2022, 11, 30),
        "referat",
    )
    first, second = meeting.cases
    assert [first.case_number, second.case_number] == [1, 2]
    # "• Udskriv" belongs to the item it prints, so the decision ends where the case ends.
    assert first.decision == "Godkendt."
    assert first.section("Sagsnummer") == "22/2694"
    assert second.section("Sagsnummer") == "22/36619"
    assert second.title.startswith("Den erhvervsdrivende fond, Arena Aabenraa")


def test_a_print_link_glued_to_the_case_id_still_opens_the_case():
    meeting = bundled("Aabenraa", "aabenraa_byraadet_2017-09-20_referat.txt")
    # "Udvalg: | Byrådet |" in a table, then "-" over "UdskrivSagsid.: 17/3668, Sagsinitialer: GES".
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2017, 9, 20))
    (case,) = meeting.cases
    assert case.section("Sagsnummer") == "17/3668"
    assert "153,5 mio. kr. i 2018" in case.section("Sagsfremstilling")


def test_a_bulleted_decision_titles_its_case_without_the_bullet():
    meeting = bundled("Aabenraa", "aabenraa_oekonomiudvalget_2016-11-01_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2016, 11, 1))
    first, second = meeting.cases
    assert first.title == "Produktionsskole – status"
    assert "Orientering om drabssag" in first.decision
    assert second.section("Sagsnummer") == "16/30348"


def test_a_committee_meeting_reads_its_own_decision_line():
    meeting = bundled("Aabenraa", "aabenraa_teknik-og-miljoeudvalget_2021-08-11_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Teknik- og Miljøudvalget",
        date(2021, 8, 11),
        "referat",
    )
    assert [c.section("Sagsnummer") for c in meeting.cases] == ["20/33839", "20/35762"]
    assert meeting.cases[0].section("Indstilling").startswith("Plan, Teknik & Miljø indstiller")


def test_a_decision_that_names_an_item_of_the_year_is_not_an_item():
    meeting = bundled("Langeland", "langeland_kommunalbestyrelsen-2018-2021_2019-11-04_referat.txt")
    # "Sagsnr.: 18/9436" opens the first item; "Punkt 166 flyttes til nederst på dagsordenen"
    # is what the council decided about the agenda, not item 166.
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Kommunalbestyrelsen 2018-2021",
        date(2019, 11, 4),
        "referat",
    )
    assert [c.case_number for c in meeting.cases] == [1, 2, 3]
    first = meeting.cases[0]
    assert first.section("Sagsnummer") == "18/9436"
    assert first.decision.startswith("Punkt 166 flyttes til nederst på dagsordenen")
    assert meeting.cases[2].section("Sagsnummer") == "19/9"


def test_an_earlier_committees_decision_is_a_section_of_the_case():
    meeting = bundled("Langeland", "langeland_kommunalbestyrelsen_2022-10-10_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Kommunalbestyrelsen", date(2022, 10, 10))
    church_tax = meeting.cases[2]
    assert church_tax.title == "Fastsættelse af kirkeskatteprocenten for 2023"
    assert church_tax.section("Beslutning i Økonomiudvalget den 03-10-2022").startswith(
        "Anbefales."
    )
    assert "20.552.250 kr." in church_tax.section("Sagsfremstilling")
