"""Web pages kept as text, read from the real pages bundled in corpus/: what Mariagerfjord's,
Slagelse's, Thisted's, Frederikssund's, Nyborg's and Varde's pages of the twentieth round give.
Each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_mariagerfjord_and_frederikssund_pages():
    museum = bundled(
        "Mariagerfjord", "mariagerfjord_udvalget-for-kultur-og-fritid_2019-04-30_referat.txt"
    )
    assert (museum.committee, museum.meeting_date) == (
        "Udvalget for Kultur og Fritid",
        date(2019, 4, 30),
    )
    assert [case.case_number for case in museum.cases] == [40, 41, 42]
    assert museum.cases[1].decision.startswith("Drøftet. Præsentation vedlægges referatet.")
    assert "11 ansøgninger" in museum.cases[2].section("Sagsfremstilling")
    dental = bundled("Frederikssund", "frederikssund_social-og-sundhed_2023-04-17_referat.txt")
    assert (dental.committee, dental.meeting_date) == ("Social og sundhed", date(2023, 4, 17))
    assert [case.case_number for case in dental.cases] == [38, 39]
    assert "12,581 mio. kr." in dental.cases[1].section("Indstilling")
    assert "18-21 årige" in dental.cases[1].section("Resume")


def test_slagelse_finance_committee_pages():
    november = bundled("Slagelse", "slagelse_oekonomiudvalget_2019-11-18_referat.txt")
    assert (november.committee, november.meeting_date) == ("Økonomiudvalget", date(2019, 11, 18))
    assert [case.case_number for case in november.cases] == [1, 2]
    assert "Stén Knuth (V)" in november.cases[0].decision
    assert "21. januar 2019" in november.cases[1].section("Baggrund")
    february = bundled("Slagelse", "slagelse_oekonomiudvalget_2020-02-17_referat.txt")
    assert february.cases[0].decision == "Fraværende:  Villum Christensen (I)\nGodkendt."
    assert february.cases[1].title == "Budgetopfølgning 1 for 2020 - Økonomiudvalget (B)"


def test_thisted_pages():
    schools = bundled("Thisted", "thisted_kommunalbestyrelsen_2020-05-26_referat.txt")
    assert (schools.committee, schools.meeting_date) == ("Kommunalbestyrelsen", date(2020, 5, 26))
    assert [case.case_number for case in schools.cases] == [83, 84]
    assert schools.cases[1].section("Retsgrundlag") == "Folkeskoleloven."
    vote = bundled("Thisted", "thisted_kommunalbestyrelsen_2020-06-23_referat.txt")
    assert [case.case_number for case in vote.cases] == [100]
    assert "Peter Skriver Nielsen foreslår" in vote.cases[0].decision
    finance = bundled("Thisted", "thisted_oekonomiudvalget_2021-01-20_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2021, 1, 20))
    assert "Ledelsessekretariatet" in finance.cases[1].section("Redegørelse")


def test_nyborg_pages_read_from_their_decision_lines():
    november = bundled("Nyborg", "nyborg_byraadet_2018-11-27_referat.txt")
    assert (november.committee, november.meeting_date) == ("Byrådet", date(2018, 11, 27))
    assert [case.case_number for case in november.cases] == [1, 2, 3]
    assert "Niels Ørsted" in november.cases[1].section("Sagsfremstilling")
    october = bundled("Nyborg", "nyborg_byraadet_2018-10-09_referat.txt")
    assert (october.committee, october.meeting_date) == ("Byrådet", date(2018, 10, 9))
    assert "Melissa Meulengracht" in october.cases[1].decision
    culture = bundled("Nyborg", "nyborg_kultur-og-fritidsudvalget_2021-11-09_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2021, 11, 9),
    )
    assert culture.cases[0].title == "Kulturanalyse - egnsteater"
    assert "Lisbet Holten Lambert" in culture.cases[0].section("Sagsfremstilling")


def test_varde_planning_committee_pages():
    may = bundled("Varde", "varde_udvalget-for-plan-og-teknik_2018-05-22_referat.txt")
    assert (may.committee, may.meeting_date) == ("Udvalget for Plan og Teknik", date(2018, 5, 22))
    assert [case.case_number for case in may.cases] == [107, 108, 109]
    assert may.cases[1].decision == "Orienteringen blev taget til efterretning"
    june = bundled("Varde", "varde_udvalget-for-plan-og-teknik_2018-06-08_referat.txt")
    assert [case.case_number for case in june.cases] == [124, 125]
    assert "3,7 mio. kr." in june.cases[0].section("Sagsfremstilling")
    assert "Nebel Mærsk" in june.cases[1].section("Sagsfremstilling")
