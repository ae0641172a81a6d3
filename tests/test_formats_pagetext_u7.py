"""Web pages kept as text whose items show neither number nor title, only their case id, read
from the real pages bundled in corpus/Assens and corpus/Kolding; and Rebild's print links."""

from datetime import date

from tests.conftest import bundled


def test_bulleted_case_ids_are_the_items_numbered_in_the_order_of_the_list():
    meeting = bundled("Assens", "assens_byraadet_2017-12-13_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Byrådet",
        date(2017, 12, 13),
        "referat",
    )
    assert [c.case_number for c in meeting.cases] == [1, 2, 3]
    # No title on the page: the first sentence of what the case is about, not cut at "1. januar".
    assert meeting.cases[1].title == (
        "Valg af borgmester for funktionsperioden 1. januar 2018 – 31. december 2021"
    )
    assert meeting.cases[1].decision.endswith("Søren Steen Andersen, V blev valgt.")
    assert meeting.cases[2].section("Økonomi").startswith("Honorar til 1. viceborgmester")


def test_a_case_id_is_the_cases_file_number_and_the_beslutningstema_its_title():
    meeting = bundled("Assens", "assens_byraadet_2018-10-31_referat.txt")
    first, second, third = meeting.cases
    assert first.section("Sagsnummer") is None  # "• Sagsid.:" with no id
    assert first.decision == "Dagsordenen godkendt."
    assert second.section("Sagsnummer") == "18/25139"
    assert second.title.startswith("Glamsbjerg-Haarby Varmeværk A.M.B.A. er en sammenlægning")
    assert second.decision == "Indstillingen godkendt."
    assert third.section("Indstilling").startswith("Økonomiudvalget godkender")


def test_a_table_of_labels_names_the_committee_and_a_dated_decision_makes_it_minutes():
    meeting = bundled("Kolding", "kolding_oekonomiudvalget_2014-01-06_referat.txt")
    # "Udvalg: |" over "Økonomiudvalget |"; the banner "Dagsorden eller referat" heads every page.
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Økonomiudvalget",
        date(2014, 1, 6),
        "referat",
    )
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Valg af næstformand for Økonomiudvalget"),
        (2, "Udkast til mødeplan for Økonomiudvalget for 2014"),
        (3, "Udkast til forretningsorden for Økonomiudvalget"),
        (4, "Udpegning af protokolfører for Økonomiudvalget"),
    ]
    first = meeting.cases[0]
    assert first.section("Sagen behandles i") == "Økonomiudvalget."
    assert first.decision == "1. viceborgmester Søren Rasmussen blev valgt som næstformand."
    assert "Mandag den 17. november" in meeting.cases[1].section("Sagsfremstilling")


def test_a_page_without_a_decision_stays_an_agenda():
    meeting = bundled("Kolding", "kolding_byraadet_2018-09-25_referat.txt")
    assert (meeting.committee, meeting.kind) == ("Byrådet", "dagsorden")
    assert [c.section("Sagsnummer") for c in meeting.cases] == ["18/24946", "18/23331", "18/15043"]


def test_the_print_link_before_a_file_number_is_the_sites_own_word():
    meeting = bundled("Rebild", "rebild_oekonomiudvalget_2020-08-19_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2020, 8, 19))
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (185, "Godkendelse af dagsorden"),
        (186, "Status på salg af erhvervsjord"),
    ]
    assert meeting.cases[1].section("Sagsnummer") == "13.06.02-P00-1-19"
    assert "96.933 m2" in meeting.cases[1].section("Sagsfremstilling")
