"""Web pages kept as text, read from the real pages bundled in corpus/: what Vejen's, Brønderslev's,
Hedensted's, Fredericia's and Syddjurs' pages of the thirty-third round give. No rule came with
them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_vejen_technical_committee_budget_talk_decided_twice():
    budget = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2019-04-08_referat.txt")
    assert (budget.committee, budget.meeting_date, budget.kind) == (
        "Udvalget for teknik og miljø",
        date(2019, 4, 8),
        "referat",
    )
    (talk,) = budget.cases
    assert talk.title == "Drøftelse af Budget 2020-2023 (Udvalget for teknik og miljø) (B)"
    assert talk.section("Sagsnummer") == "Sagsnummer: 19/4530"
    assert talk.section("Beslutning Udvalget for teknik og miljø den 18-03-2019") == "Drøftet."
    assert talk.decision == "Drøftet."
    assert "budgetseminaret i august" in talk.section("Sagsfremstilling")


def test_bronderslev_council_2016_a_deputy_and_question_time():
    council = bundled("Brønderslev", "bronderslev_byraadet_2016-09-14_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2016, 9, 14))
    assert [case.case_number for case in council.cases] == [1, 2, 3, 4, 5]
    assert council.cases[0].decision == "Martin Bech\nLars Bisgaard\nKarsten Frederiksen"
    assert council.cases[2].decision == (
        "Peter Stecher godkendt som stedfortræder for Karsten Frederiksen."
    )
    assert "(Arne M Jensen)" in council.cases[3].decision
    assert council.cases[4].title == "1. behandling af Budget 2017 og overslagsårerne 2018 - 2020"
    assert council.cases[4].decision is None


def test_bronderslev_school_and_leisure_committees():
    school = bundled("Brønderslev", "bronderslev_boerne-og-skoleudvalget_2021-11-30_referat.txt")
    assert (school.committee, school.meeting_date) == (
        "Børne- og Skoleudvalget",
        date(2021, 11, 30),
    )
    assert [case.case_number for case in school.cases] == [1, 2, 3, 4]
    assert school.cases[0].decision == "Lars Bisgaard fraværende under punkt 7 – 11 samt 13 - 16."
    assert school.cases[2].decision.startswith("Orientering taget til efterretning.")
    leisure = bundled("Brønderslev", "bronderslev_fritids-og-kulturudvalget_2019-10-03_referat.txt")
    assert (leisure.committee, leisure.meeting_date) == (
        "Fritids- og Kulturudvalget",
        date(2019, 10, 3),
    )
    assert [case.decision for case in leisure.cases[:2]] == ["Alle mødt.", "Punkt 5 udsat."]
    assert leisure.cases[2].title == "Revidering af Brønderslev Ordningen"
    assert "Idrætssamvirket, Spejdersamvirket" in leisure.cases[2].section("Sagsfremstilling")


def test_hedensted_council_accounts_2024():
    council = bundled("Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-04-30_referat.txt")
    assert (council.committee, council.meeting_date) == (
        "Kommunalbestyrelsen 2022-2025",
        date(2025, 4, 30),
    )
    assert [case.section("Sagsnummer") for case in council.cases] == [
        "00.00.00-P35-34-24",
        "00.32.10-S00-1-24",
    ]
    accounts = council.cases[1]
    assert "overskud på 174,5 mio. kr." in accounts.section("Sagsfremstilling")
    assert accounts.decision is None


def test_fredericia_finance_committee_financial_strategy():
    committee = bundled(
        "Fredericia", "fredericia_oekonomi-og-erhvervsudvalget_2022-03-14_referat.txt"
    )
    assert (committee.committee, committee.meeting_date) == (
        "Økonomi- og Erhvervsudvalget",
        date(2022, 3, 14),
    )
    assert [case.case_number for case in committee.cases] == [1, 2]
    assert committee.cases[0].decision == "Godkendt."
    strategy = committee.cases[1]
    assert strategy.title == "Beslutningssag - Fredericia Kommunes finansielle strategi"
    assert "Danske Capital" in strategy.section("Resumé")


def test_syddjurs_council_question_time_online():
    council = bundled("Syddjurs", "syddjurs_byraadet_2021-04-28_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2021, 4, 28))
    assert [case.case_number for case in council.cases] == [744, 745]
    assert council.cases[0].decision.startswith("Der er forud for byrådsmødet modtaget 2")
    assert council.cases[1].title == "Forslag om borgerforslag"
    assert council.cases[1].decision is None
