"""Web pages kept as text, read from the real pages bundled in corpus/: what Horsens', Viborg's,
Odense's, Fredensborg's and Albertslund's pages of the nineteenth round give. Each is read by the
rules already there."""

from datetime import date

from tests.conftest import bundled


def test_horsens_council_pages():
    audit = bundled("Horsens", "horsens_byraadet_2014-09-23_referat.txt")
    assert (audit.committee, audit.meeting_date) == ("Byrådet", date(2014, 9, 23))
    assert [case.case_number for case in audit.cases] == [1]
    assert "Per Løkken" in audit.cases[0].decision
    assert "PWC" in audit.cases[0].section("Sagsfremstilling")
    water = bundled("Horsens", "horsens_byraadet_2015-11-24_referat.txt")
    assert water.cases[0].title == "ØK Fastsættelse af takster for 2016 - Horsens Vand A/S"
    assert "3,72 kr." in water.cases[0].section("Sagsfremstilling")
    assert "500 m3 spildevand" in water.cases[0].section("Resume")
    accounts = bundled("Horsens", "horsens_byraadet_2016-04-26_referat.txt")
    assert (accounts.committee, accounts.meeting_date) == ("Byrådet", date(2016, 4, 26))
    assert accounts.cases[0].title == "ØK Regnskab 2015"
    assert "289 mio. kr." in accounts.cases[0].section("Sagsfremstilling")


def test_viborg_and_odense_pages():
    council = bundled("Viborg", "viborg_byraadet_2013-12-11_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2013, 12, 11))
    assert [case.case_number for case in council.cases] == [1]
    assert "Per Møller Jensen" in council.cases[0].section("Sagsfremstilling")
    finance = bundled("Viborg", "viborg_oekonomi-og-erhvervsudvalget_2016-01-20_referat.txt")
    assert (finance.committee, finance.meeting_date) == (
        "Økonomi- og Erhvervsudvalget",
        date(2016, 1, 20),
    )
    assert [case.case_number for case in finance.cases] == [1, 2]
    assert finance.cases[0].decision == "Sagen blev drøftet."
    assert finance.cases[1].title == "Budgetlægningsproces for budget 2017-2020"
    homes = bundled("Odense", "odense_oekonomiudvalget_2017-04-26_referat.txt")
    assert (homes.committee, homes.meeting_date) == ("Økonomiudvalget", date(2017, 4, 26))
    assert [case.case_number for case in homes.cases] == [1]
    assert "Falck" in homes.cases[0].section("Resumé")


def test_fredensborg_finance_committee_print_pages():
    deputy = bundled("Fredensborg", "fredensborg_oekonomiudvalget-18-21_2018-01-22_referat.txt")
    assert (deputy.committee, deputy.meeting_date) == (
        "Økonomiudvalget (18-21)",
        date(2018, 1, 22),
    )
    assert [case.case_number for case in deputy.cases] == [1, 2, 3]
    assert deputy.cases[1].decision == "Ulla Hardy-Hansen blev valgt som næstformand."
    assert deputy.cases[1].section("Retsgrundlag") == "Styrelseslovens § 18."
    plans = bundled("Fredensborg", "fredensborg_oekonomiudvalget-18-21_2018-11-19_referat.txt")
    assert [case.case_number for case in plans.cases] == [246, 247]
    assert "57 nye konkrete initiativer" in plans.cases[1].section("Beslutningstema")


def test_albertslund_extraordinary_finance_committee_pages():
    soil = bundled("Albertslund", "albertslund_oekonomiudvalget_2019-08-13_referat.txt")
    assert (soil.committee, soil.meeting_date) == ("Økonomiudvalget", date(2019, 8, 13))
    assert [case.case_number for case in soil.cases] == [1, 2]
    assert "Danni Olsen (O) deltog ikke i mødet." in soil.cases[0].decision
    saving = bundled("Albertslund", "albertslund_oekonomiudvalget_2019-09-10_referat.txt")
    assert [case.case_number for case in saving.cases] == [1, 2, 3]
    assert "aflønning af ny skoleleder" in saving.cases[1].decision
    assert "24 mio.kr." in saving.cases[2].text
