"""Web pages kept as text whose layout names the committee or marks the items in its own way,
read from the real pages bundled in corpus/Solrød, Glostrup, Høje-Taastrup, Stevns,
Frederiksberg and Guldborgsund."""

from datetime import date

from tests.conftest import bundled


def test_items_marked_by_their_fold_link_keep_a_numbered_list_of_amounts_inside_the_case():
    meeting = bundled("Solrød", "solrod_oekonomi-teknik-og-miljoeudvalget_2020-03-23_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Økonomi-, teknik- og miljøudvalget",
        date(2020, 3, 23),
    )
    (case,) = meeting.cases
    assert case.case_number == 46
    assert case.title == "Godkendelse af overførsel af drifts- og anlægsmidler fra 2019 til 2020"
    assert "Nettofinansiering af kassebeholdningen på 36.907.176 kr." in case.section("Indstilling")
    assert case.decision.startswith("Anbefales.")


def test_the_fold_link_is_not_part_of_the_title_nor_is_the_title_said_again():
    meeting = bundled("Solrød", "solrod_oekonomi-teknik-og-miljoeudvalget_2021-04-19_referat.txt")
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (57, "Godkendelse af dagsorden"),
        (
            58,
            "Overgivelse af regnskab 2020 til revisionen og godkendelse af anlægsregnskaber"
            " over 2 mio. kr.",
        ),
    ]
    assert "Åbn/luk" not in meeting.cases[1].text
    assert meeting.cases[1].decision.startswith("Anbefales.")


def test_an_item_number_said_twice_starts_an_item_and_the_absent_list_does_not():
    meeting = bundled("Glostrup", "glostrup_kommunalbestyrelsen_2018-01-17_referat.txt")
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Godkendelse af dagsordenen"),
        (2, "Orientering fra borgmesteren"),
        (3, "Godkendelse af boligbyggeprogram 2018"),
    ]
    # Nothing above the items names the committee: the decision lines do.
    assert (meeting.committee, meeting.meeting_date) == ("Kommunalbestyrelsen", date(2018, 1, 17))
    assert "valgt til Movias bestyrelse" in meeting.cases[1].decision


def test_a_site_banner_is_not_the_committee_when_the_decision_lines_name_it():
    meeting = bundled("Høje-Taastrup", "hoeje-taastrup_byraadet_2017-08-29_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2017, 8, 29))
    assert [c.case_number for c in meeting.cases] == [1, 2]


def test_a_page_naming_no_committee_takes_it_from_its_address():
    meeting = bundled("Stevns", "stevns_kommunalbestyrelsen_2021-04-28_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Kommunalbestyrelsen", date(2021, 4, 28))
    assert [c.case_number for c in meeting.cases] == [602, 603]
    assert "(17) besluttede ikke at imødekomme anmodningen" in meeting.cases[1].decision


def test_the_committee_is_read_before_the_place_of_an_online_meeting():
    # "Referat til mødet i Magistraten_2018-21 den 18. januar 2021 kl. 17:00 i Møde i Teams"
    meeting = bundled("Frederiksberg", "frederiksberg_magistraten_2021-01-18_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Magistraten_2018-21", date(2021, 1, 18))
    assert [c.case_number for c in meeting.cases] == [16, 17]


def test_a_committee_named_before_the_kind_of_document():
    # "Økonomiudvalg: Referat af mødet 7. marts 2016"
    meeting = bundled("Guldborgsund", "guldborgsund_oekonomiudvalget_2016-03-07_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalg", date(2016, 3, 7))
    assert [c.case_number for c in meeting.cases] == [34, 35]
