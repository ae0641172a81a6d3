"""Web pages kept as text, read from the real pages bundled in corpus/: what Køge's, Faxe's,
Ishøj's, Glostrup's, Bornholm's and Dragør's pages of the thirty-eighth round give. No rule came
with them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_koege_technical_committee_2018_three_absent_and_a_postponed_theme():
    committee = bundled("Køge", "koege_teknik-og-ejendomsudvalget_2018-08-23_referat.txt")
    assert (committee.committee, committee.meeting_date, committee.kind) == (
        "Teknik- og Ejendomsudvalget",
        date(2018, 8, 23),
        "referat",
    )
    assert [case.case_number for case in committee.cases] == [131, 132, 133]
    agenda, staff, upkeep = committee.cases
    assert "Afbud fra Niels Rolskov (Ø)" in agenda.decision
    assert staff.title == "Møde med FMU-TMF - budget 2019-2022"
    assert staff.decision == "Drøftet."
    assert upkeep.title == "Tema: Vedligehold af veje og grønne områder"
    assert upkeep.decision is None


def test_koege_technical_committee_2021_movia():
    committee = bundled("Køge", "koege_teknik-og-ejendomsudvalget_2021-06-10_referat.txt")
    assert (committee.committee, committee.meeting_date) == (
        "Teknik- og Ejendomsudvalget",
        date(2021, 6, 10),
    )
    assert [case.case_number for case in committee.cases] == [95, 96]
    assert committee.cases[1].title == "Temamøde - Movia"
    assert "50,76 mio. kr. for busdriften" in committee.cases[1].section("Baggrund og vurdering")


def test_faxe_technical_and_environment_committee_three_meetings():
    june = bundled("Faxe", "faxe_teknik-miljoeudvalget_2019-06-26_referat.txt")
    assert (june.committee, june.meeting_date) == ("Teknik & Miljøudvalget", date(2019, 6, 26))
    assert [case.case_number for case in june.cases] == [92, 93, 94, 95]
    assert june.cases[1].section("Indstilling") == (
        "Center for Plan & Miljø indstiller, at besøget godkendes."
    )
    waste = bundled("Faxe", "faxe_teknik-miljoeudvalget_2021-02-04_referat.txt")
    assert [case.case_number for case in waste.cases] == [12, 13]
    assert waste.cases[0].decision == "Godkendt.\nFraværende: Ingen."
    assert waste.cases[1].title == "Beslutning om implementering af nye affaldsordninger"
    heat = bundled("Faxe", "faxe_teknik-miljoeudvalget_2021-09-09_referat.txt")
    assert [case.case_number for case in heat.cases] == [143, 144]
    assert "Henrik Aakast (V)" in heat.cases[0].decision
    assert heat.cases[1].title == "Godkendelse af Faxe Varmeforsyningsråd"


def test_ishoej_items_titled_by_their_first_sentence():
    social = bundled("Ishøj", "ishoej_social-og-sundhedsudvalget_2023-04-20_referat.txt")
    assert (social.committee, social.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2023, 4, 20),
    )
    assert [case.case_number for case in social.cases] == [1, 2]
    assert social.cases[0].decision.startswith("Social- og Sundhedsudvalget tiltræder")
    assert "besparelse på 50.000 kr." in social.cases[0].decision
    building = bundled("Ishøj", "ishoej_teknik-og-bygningsudvalget_2024-08-13_referat.txt")
    assert (building.committee, building.meeting_date) == (
        "Teknik- og Bygningsudvalget",
        date(2024, 8, 13),
    )
    assert [case.case_number for case in building.cases] == [1]


def test_glostrup_environment_committee_2017_news_read_as_decisions():
    august = bundled("Glostrup", "glostrup_miljoe-og-teknikudvalget_2017-08-24_referat.txt")
    assert (august.committee, august.meeting_date) == (
        "Miljø- og Teknikudvalget",
        date(2017, 8, 24),
    )
    assert [case.title for case in august.cases] == [
        "Godkendelse af dagsordenen",
        "Orientering fra formanden",
        "Orientering fra administrationen",
    ]
    assert august.cases[1].decision == "Intet."
    september = bundled("Glostrup", "glostrup_miljoe-og-teknikudvalget_2017-09-19_referat.txt")
    assert september.meeting_date == date(2017, 9, 19)
    assert "tunnelen ved Florasvej" in september.cases[2].decision


def test_bornholm_council_march_2015_absences():
    council = bundled("Bornholm", "brk_kommunalbestyrelsen_2015-03-26_referat.txt")
    assert (council.committee, council.meeting_date) == ("Kommunalbestyrelsen", date(2015, 3, 26))
    [absences] = council.cases
    assert absences.section("Fraværende").startswith("Thomas Bay Jensen, Bjarne Hartung Kirkegaard")


def test_dragoer_two_committees_not_bundled_before():
    plan = bundled("Dragør", "dragoer_by-erhvervs-og-planudvalget_2021-11-30_referat.txt")
    assert (plan.committee, plan.meeting_date) == (
        "By-, Erhvervs- og Planudvalget",
        date(2021, 11, 30),
    )
    [railing] = plan.cases
    assert railing.title == "Kirkevej 137 - Dispensation til glasværn"
    assert railing.decision.startswith("Godkendt.")
    climate = bundled("Dragør", "dragoer_klima-by-og-erhvervsudvalget_2022-06-08_referat.txt")
    assert (climate.committee, climate.meeting_date) == (
        "Klima-, By- og Erhvervsudvalget",
        date(2022, 6, 8),
    )
    [pilot] = climate.cases
    assert pilot.title == "Beslutning - Arrangement Lodsens dag 2022 på Dragør havneplads"
    assert pilot.decision == "Godkendt."
