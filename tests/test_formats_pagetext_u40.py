"""Web pages kept as text, read from the real pages bundled in corpus/: what Slagelse's, Hvidovre's,
Roskilde's and Faxe's pages of the fortieth round give. No rule came with them: each is read by the
rules already there."""

from datetime import date

from tests.conftest import bundled


def test_slagelse_culture_committee_2019_budget_follow_up():
    committee = bundled("Slagelse", "slagelse_kultur-og-fritidsudvalget_2019-08-13_referat.txt")
    assert (committee.committee, committee.meeting_date, committee.kind) == (
        "Kultur- og Fritidsudvalget (2018-2021)",
        date(2019, 8, 13),
        "referat",
    )
    assert [case.case_number for case in committee.cases] == [1, 2]
    agenda, follow_up = committee.cases
    assert agenda.decision == "Fraværende:\nGodkendt."
    assert follow_up.title == "Budgetopfølgning 3 for 2019 - Kultur- og Fritidsudvalget (B)"
    assert "mindreforbrug for anlægsudgifterne på 1,3 mio. kr." in follow_up.section("Baggrund")
    assert follow_up.decision is None


def test_slagelse_culture_committee_2020_two_meetings():
    august = bundled("Slagelse", "slagelse_kultur-og-fritidsudvalget_2020-08-11_referat.txt")
    assert august.meeting_date == date(2020, 8, 11)
    assert "Troels Brandt (B) ønskede mødestart kl. 15.00." in august.cases[0].decision
    assert august.cases[1].title == "Udmøntning af 0,7 % effektivisering i 2021-2023 (B)"
    assert "2,8%" in august.cases[1].section("Baggrund")
    october = bundled("Slagelse", "slagelse_kultur-og-fritidsudvalget_2020-10-06_referat.txt")
    assert october.meeting_date == date(2020, 10, 6)
    assert october.cases[0].decision == "Fraværende:  Jørgen Andersen (A)\nGodkendt."
    musikhus = october.cases[1]
    assert musikhus.title == "Slagelse Musikhus - evaluering af driftsaftale for 2018-20 (B)"
    assert musikhus.section("Beslutningstema").startswith("Kultur- og Fritidsudvalget indstiller")


def test_hvidovre_technical_committee_three_meetings():
    quark = bundled("Hvidovre", "hvidovre_teknik-og-miljoeudvalget_2014-09-03_referat.txt")
    assert (quark.committee, quark.meeting_date) == ("Teknik- og Miljøudvalget", date(2014, 9, 3))
    assert [case.case_number for case in quark.cases] == [1, 2, 3]
    assert quark.cases[2].decision == (
        "For: Gruppe A og O\nAfventer: Liste H\nImod: Gruppe V og C\nAnbefales godkendt."
    )
    assert "567.000 kr." in quark.cases[2].section("Indstilling")
    transit = bundled("Hvidovre", "hvidovre_teknik-og-miljoeudvalget_2016-05-11_referat.txt")
    assert transit.meeting_date == date(2016, 5, 11)
    assert transit.cases[2].title == "Strategi for kollektiv trafik"
    assert "mandag den 23. maj 2016" in transit.cases[1].decision
    hofor = bundled("Hvidovre", "hvidovre_teknik-og-miljoeudvalget_2019-04-08_referat.txt")
    assert hofor.meeting_date == date(2019, 4, 8)
    assert hofor.cases[1].decision == "Taget til efterretning."
    assert hofor.cases[2].title.startswith("Afgivelse af mandat til ordinære generalforsamlinger")


def test_roskilde_finance_committee_2018_three_meetings():
    march = bundled("Roskilde", "roskilde_oekonomiudvalget_2018-03-20_referat.txt")
    assert (march.committee, march.meeting_date) == ("Økonomiudvalget", date(2018, 3, 20))
    assert [case.case_number for case in march.cases] == [117, 118]
    assert "Pkt. 125 blev taget af." in march.cases[0].decision
    assert "14 medlemmer" in march.cases[1].section("Sagsfremstilling")
    april = bundled("Roskilde", "roskilde_oekonomiudvalget_2018-04-18_referat.txt")
    assert [case.case_number for case in april.cases] == [157, 158, 159]
    assert april.cases[0].decision == "Godkendt.\nFraværende: Tina Boel."
    assert "325 – 375 mio. kr." in april.cases[2].section("Resume")
    september = bundled("Roskilde", "roskilde_oekonomiudvalget_2018-09-19_referat.txt")
    assert [case.case_number for case in september.cases] == [353, 354]
    assert september.cases[0].decision.startswith("Poul Andersen deltog som stedfortræder")


def test_faxe_plan_and_culture_committee_three_meetings():
    june = bundled("Faxe", "faxe_plan-kulturudvalget_2020-06-23_referat.txt")
    assert (june.committee, june.meeting_date) == ("Plan & Kulturudvalget", date(2020, 6, 23))
    assert [case.case_number for case in june.cases] == [80, 81, 82]
    assert june.cases[1].section("Indstilling") == (
        "Center for Kultur, Frivillighed & Borgerservice indstiller, at dialogmøderne afholdes."
    )
    assert june.cases[2].title == "Drøftelse af fremtidig omfang af solcelleparker"
    energy = bundled("Faxe", "faxe_plan-kulturudvalget_2022-09-28_referat.txt")
    assert [case.case_number for case in energy.cases] == [110, 111]
    assert energy.cases[0].decision == "Godkendt.\nFraværende: Ingen."
    plan = bundled("Faxe", "faxe_plan-kulturudvalget_2022-12-06_referat.txt")
    assert [case.case_number for case in plan.cases] == [148, 149]
    assert "Jørgen Richardt Nielsen (A)" in plan.cases[0].decision
    assert "1927 Estate" in plan.cases[1].section("Resume")
