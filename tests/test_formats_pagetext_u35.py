"""Web pages kept as text, read from the real pages bundled in corpus/: what Vejen's, Thisted's,
Viborg's, Brønderslev's and Aabenraa's pages of the thirty-fifth round give. No rule came with
them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_vejen_health_committee_preventive_home_visits():
    visits = bundled("Vejen", "vejen_udvalget-for-sundhed-kultur-og-fritid_2018-12-18_referat.txt")
    assert (visits.committee, visits.meeting_date, visits.kind) == (
        "Udvalget for sundhed, kultur og fritid",
        date(2018, 12, 18),
        "referat",
    )
    (status,) = visits.cases
    assert status.title == "Statusnotat for forebyggende hjemmebesøg i Vejen Kommune (B)"
    assert status.section("Sagsnummer") == "Sagsnummer: 18/17773"
    assert "Jette Kynde Schøtz" in status.section("Administrativ indstilling")
    assert "Borgerne er fyldt 80 år" in status.section("Sagsfremstilling")
    assert status.decision is None


def test_thisted_business_committee_absence_and_senior_pension():
    committee = bundled(
        "Thisted", "thisted_erhvervs-arbejdsmarkeds-og-kulturudvalget_2020-02-05_referat.txt"
    )
    assert (committee.committee, committee.meeting_date) == (
        "Erhvervs-, Arbejdsmarkeds- og Kulturudvalget",
        date(2020, 2, 5),
    )
    assert [case.case_number for case in committee.cases] == [17, 18, 19]
    assert committee.cases[0].decision.endswith("5. februar 2020:\nPreben Holler")
    pension = committee.cases[2]
    assert pension.title == "Orientering om seniorpension"
    assert "6 år eller mindre til folkepensionsalderen" in pension.section("Redegørelse")
    assert pension.decision is None


def test_thisted_social_and_health_committee_joint_meeting():
    committee = bundled("Thisted", "thisted_social-og-sundhedsudvalget_2020-09-02_referat.txt")
    assert (committee.committee, committee.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2020, 9, 2),
    )
    assert [case.case_number for case in committee.cases] == [148, 149, 150]
    budget = committee.cases[1]
    assert budget.title.startswith("Orientering om budget 2021")
    assert budget.decision.startswith("Orienteringen blev taget til efterretning.")
    assert "sosu-elevområdet" in budget.decision
    assert committee.cases[2].decision == "Intet at bemærke."


def test_thisted_health_culture_committee_doverodde():
    committee = bundled(
        "Thisted", "thisted_sundheds-kultur-og-fritidsudvalget_2022-12-07_referat.txt"
    )
    assert (committee.committee, committee.meeting_date) == (
        "Sundheds-, Kultur- og Fritidsudvalget",
        date(2022, 12, 7),
    )
    assert [case.case_number for case in committee.cases] == [166, 167, 168]
    assert "habilitet afprøvet ift. punkt 175" in committee.cases[0].decision
    doverodde = committee.cases[2]
    assert doverodde.title == "Doverodde købmandsgård – status og orientering"
    assert "Statens Museum for Kunst" in doverodde.section("Redegørelse")


def test_viborg_committees_titled_by_their_first_sentence():
    rural = bundled("Viborg", "viborg_landdistriktsudvalget_2019-03-26_referat.txt")
    assert (rural.committee, rural.meeting_date) == ("Landdistriktsudvalget", date(2019, 3, 26))
    (visit,) = rural.cases
    assert visit.title == "Besøg fra Viborg Egnens Handelsråd"
    assert visit.decision.startswith("Fraværende: Martin Sanderhoff")
    culture = bundled("Viborg", "viborg_kultur-og-fritidsudvalget_2019-11-26_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2019, 11, 26),
    )
    (pool,) = culture.cases
    assert pool.title.startswith("Viborg Svømmehal, der blev taget i brug i 1998")
    assert pool.section("Sagsnummer") == "19/38308"
    assert "5.498.000 kr." in pool.decision
    elderly = bundled("Viborg", "viborg_aeldre-og-aktivitetsudvalget_2021-08-10_referat.txt")
    assert (elderly.committee, elderly.meeting_date) == (
        "Ældre- og Aktivitetsudvalget",
        date(2021, 8, 10),
    )
    assert [case.section("Sagsnummer") for case in elderly.cases] == ["20/49335", "20/51562"]
    assert "Kildedalscenteret" in elderly.cases[0].decision
    assert elderly.cases[1].decision is None


def test_bronderslev_school_and_technical_committees():
    school = bundled("Brønderslev", "bronderslev_boerne-og-skoleudvalget_2017-05-02_referat.txt")
    assert (school.committee, school.meeting_date) == (
        "Børne- og Skoleudvalget",
        date(2017, 5, 2),
    )
    assert [case.case_number for case in school.cases] == [1, 2, 3]
    assert school.cases[0].decision == "Bettina Nielsen var fraværende."
    assert school.cases[2].title == "Budgetopfølgning 1 - pr. 31. marts 2017"
    statutes = bundled("Brønderslev", "bronderslev_boerne-og-skoleudvalget_2019-03-05_referat.txt")
    assert statutes.meeting_date == date(2019, 3, 5)
    assert statutes.cases[0].decision == "Alle mødt."
    assert "28 elever eller derunder" in statutes.cases[2].section("Sagsfremstilling")
    technical = bundled(
        "Brønderslev", "bronderslev_teknik-og-miljoeudvalget_2018-01-15_referat.txt"
    )
    assert (technical.committee, technical.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2018, 1, 15),
    )
    assert [case.case_number for case in technical.cases] == [1, 2, 3, 4]
    assert technical.cases[0].decision == "Alle medlemmer var mødt."
    assert technical.cases[2].decision == "Orienteringen blev taget til efterretning."
    assert technical.cases[3].title == "Mødekalender for 2018 for Teknik- og Miljøudvalget"


def test_aabenraa_technical_committee_items_numbered_in_order():
    committee = bundled("Aabenraa", "aabenraa_teknik-og-miljoeudvalget_2021-09-01_referat.txt")
    assert (committee.committee, committee.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2021, 9, 1),
    )
    assert [case.section("Sagsnummer") for case in committee.cases] == ["20/33839", "20/35762"]
    assert committee.cases[0].decision == "Godkendt.\nAfbud: Thomas Juhl"
    basin = committee.cases[1]
    assert "19 alternativer på 12 forskellige placeringer" in basin.section("Sagsfremstilling")
    assert basin.decision is None
