"""Web pages kept as text, read from the real pages bundled in corpus/: what Stevns', Middelfart's,
Slagelse's and Roskilde's pages of the fifty-eighth round give. Each is read by the rules already
there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_stevns_plan_environment_and_technical_committee_2020_and_2021():
    # Read from their addresses, as Stevns' committee page of 29 September 2020 bundled before.
    strategy = bundled("Stevns", "stevns_plan-miljoe-og-teknik_2020-01-07_referat.txt")
    assert (strategy.committee, strategy.meeting_date, strategy.kind) == (
        "Plan miljø og teknik",
        date(2020, 1, 7),
        "referat",
    )
    agenda, plan = strategy.cases
    assert [agenda.case_number, plan.case_number] == [206, 207]
    assert agenda.decision == "Ikke til stede: Helen Sørensen (A)\nGodkendt."
    assert plan.title == "Planstrategi 2020"
    # The other committees' recommendations stay in the Indstilling, under the numbered points.
    assert "fra mandag den 3. februar 2020" in plan.section("Indstilling")
    assert "5 medlemmer (A+V+C) anbefaler forslaget." in plan.section("Indstilling")
    assert "Anbefalet af Flemming Petersen (V) og Line Krogh Lay (R)" in plan.decision
    hall = bundled("Stevns", "stevns_plan-miljoe-og-teknik_2021-01-05_referat.txt")
    assert hall.meeting_date == date(2021, 1, 5)
    assert [c.case_number for c in hall.cases] == [409, 410]
    vision = hall.cases[1]
    assert vision.title == (
        "Visions-/Helhedsplan for Stevnshallen og området omkring - Godkendelse"
    )
    assert vision.decision.startswith(
        "Indstillingerne anbefales af et flertal på fire medlemmer (A, V, B, N)"
    )
    assert "3 workshops" in vision.section("Sagsfremstilling")


def test_middelfart_committees_not_bundled_before():
    # One open item each, the administration's proposal kept in the Præsentation and no decision
    # in the stored beginning, as Middelfart's pages bundled before.
    health = bundled("Middelfart", "middelfart_social-og-sundhedsudvalget_2015-05-13_referat.txt")
    assert (health.committee, health.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2015, 5, 13),
    )
    (plan,) = health.cases
    assert plan.case_number == 21
    assert plan.title == "Høring af praksisplanen for almen praksis 2015-2018 i Region Syddanmark"
    assert "fra d. 26. februar 2015 til d. 26. maj 2015" in plan.section("Præsentation")
    assert "Forvaltningen foreslår:" in plan.section("Præsentation")
    assert plan.decision is None
    school = bundled("Middelfart", "middelfart_skoleudvalget_2017-10-02_referat.txt")
    assert (school.committee, school.meeting_date) == ("Skoleudvalget", date(2017, 10, 2))
    (profiles,) = school.cases
    assert (profiles.case_number, profiles.title) == (199, "Skolesundhedsprofiler")
    assert "sundhedsplejerskerne" in profiles.section("Sagsbeskrivelse")


def test_slagelse_trung_pages_of_two_committees_not_bundled_before():
    climate = bundled("Slagelse", "slagelse_klima-og-miljoeudvalget_2023-08-09_referat.txt")
    assert (climate.committee, climate.meeting_date) == (
        "Klima- og Miljøudvalget",
        date(2023, 8, 9),
    )
    agenda, follow_up = climate.cases
    assert [agenda.case_number, follow_up.case_number] == [1, 2]
    assert agenda.decision.startswith("Der var afbud fra Jørgen Grüner")
    assert follow_up.title == "Budgetopfølgning 2 - forventet regnskab 2023 (B)"
    assert follow_up.decision == "At 1: Godkendt."
    assert "ultimo juni 2023" in follow_up.section("Sagens indhold")
    planning = bundled(
        "Slagelse",
        "slagelse_miljoe-planlaegning-og-baeredygtighedsudvalget-2018_2018-03-05_referat.txt",
    )
    assert (planning.committee, planning.meeting_date) == (
        "Miljø-, Planlægning- og Bæredygtighedsudvalget (2018)",
        date(2018, 3, 5),
    )
    approval, news = planning.cases
    assert approval.decision == "Fraværende:  Anne Bjergvang (A)\nGodkendt."
    assert news.title == "Orientering fra udvalgsmedlemmer og administration (O)"
    assert "digegrupperne i Halsskov" in news.decision


def test_roskilde_committees_2018_and_2020():
    social = bundled(
        "Roskilde", "roskilde_beskaeftigelses-og-socialudvalget_2020-09-10_referat.txt"
    )
    assert (social.committee, social.meeting_date) == (
        "Beskæftigelses- og Socialudvalget",
        date(2020, 9, 10),
    )
    assert [c.case_number for c in social.cases] == [100, 101, 102]
    dialogue = social.cases[2]
    assert dialogue.title == "Dialogmøde med Udsatterådet"
    assert "45 min." in dialogue.section("Resume")
    assert dialogue.section("Økonomi") == "Sagen har ingen bevillingsmæssige konsekvenser i 2020."
    classes = bundled("Roskilde", "roskilde_skole-og-boerneudvalget_2020-01-14_referat.txt")
    assert (classes.committee, classes.meeting_date) == (
        "Skole- og Børneudvalget",
        date(2020, 1, 14),
    )
    _, kindergarten = classes.cases
    assert kindergarten.title == "Antallet af børnehaveklasser skoleåret 2020/2021"
    assert "i alt 38 børnehaveklasser" in kindergarten.section("Indstilling")
    assert kindergarten.authority == "Byrådet"
    pupils = bundled("Roskilde", "roskilde_skole-og-boerneudvalget_2018-10-02_referat.txt")
    assert [c.case_number for c in pupils.cases] == [109, 110, 111]
    assert pupils.cases[1].decision == "Drøftet.\nFraværende: Jeppe Trolle (B)."
    # The numbered recommendation stays in its case.
    assert "30. juni 2019" in pupils.cases[2].section("Indstilling")
