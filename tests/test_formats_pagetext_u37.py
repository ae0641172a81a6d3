"""Web pages kept as text, read from the real pages bundled in corpus/: what Vejen's, Brønderslev's,
Thisted's, Syddjurs' and Aabenraa's pages of the thirty-seventh round give. No rule came with
them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_vejen_health_committee_budget_status():
    status = bundled("Vejen", "vejen_udvalget-for-sundhed-kultur-og-fritid_2018-04-17_referat.txt")
    assert (status.committee, status.meeting_date, status.kind) == (
        "Udvalget for sundhed, kultur og fritid",
        date(2018, 4, 17),
        "referat",
    )
    (budget,) = status.cases
    assert budget.title == "Status på økonomi på udvalgets område pr. 31.03.2018 (B)"
    assert budget.section("Sagsnummer") == "Sagsnummer: 18/9"
    assert "Peer M. Rexen" in budget.section("Administrativ indstilling")
    assert "Ingen kassefinansierede tillægsbevillinger" in budget.section("Sagsfremstilling")
    assert budget.decision is None


def test_bronderslev_leisure_and_social_committees():
    leisure = bundled("Brønderslev", "bronderslev_fritids-og-kulturudvalget_2019-12-05_referat.txt")
    assert (leisure.committee, leisure.meeting_date) == (
        "Fritids- og Kulturudvalget",
        date(2019, 12, 5),
    )
    assert [case.case_number for case in leisure.cases] == [1, 2, 3, 4]
    assert leisure.cases[0].decision == "Ingen."
    assert leisure.cases[2].title == "Budgetopfølgning 3 pr. 30. september 2019"
    assert leisure.cases[2].decision == "Taget til efterretning."
    assert "fire pejlemærker" in leisure.cases[3].section("Resume")
    assert leisure.cases[3].decision is None
    social = bundled("Brønderslev", "bronderslev_social-og-sundhedsudvalget_2015-10-07_referat.txt")
    assert (social.committee, social.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2015, 10, 7),
    )
    assert [case.case_number for case in social.cases] == [1, 2, 3]
    assert social.cases[0].decision == "Alle mødt."
    volunteers = social.cases[2]
    assert volunteers.title == "Status på projekt Frivilligsamarbejde"
    assert "seks succesmål" in volunteers.section("Sagsfremstilling")
    assert volunteers.decision is None


def test_thisted_council_and_technical_committee():
    council = bundled("Thisted", "thisted_kommunalbestyrelsen_2021-02-23_referat.txt")
    assert (council.committee, council.meeting_date) == (
        "Kommunalbestyrelsen",
        date(2021, 2, 23),
    )
    assert [case.case_number for case in council.cases] == [17, 18]
    assert council.cases[0].decision == "Godkendt."
    tests = council.cases[1]
    assert tests.title == "Fritagelse af nationale tests i Thisted Kommune"
    assert "Jens Otto Madsen" in tests.section("Redegørelse")
    assert tests.decision is None
    technical = bundled("Thisted", "thisted_klima-miljoe-og-teknikudvalget_2019-05-13_referat.txt")
    assert (technical.committee, technical.meeting_date) == (
        "Klima-, Miljø- og Teknikudvalget",
        date(2019, 5, 13),
    )
    assert [case.case_number for case in technical.cases] == [117, 118]
    landbo = technical.cases[1]
    assert landbo.title == "Dialogmøde med Landbo Thy"
    assert "Leif Gravesen" in landbo.section("Redegørelse")
    assert landbo.decision is None


def test_syddjurs_council_committee_change_and_preservation_appeal():
    council = bundled("Syddjurs", "syddjurs_byraadet_2018-11-28_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2018, 11, 28))
    assert [case.case_number for case in council.cases] == [214, 215, 216]
    assert council.cases[0].decision == "Ingen spørgsmål."
    change = council.cases[1]
    assert "Christoffer Pedersen (V)" in change.section("Sagsfremstilling")
    assert change.decision == "Godkendt."
    appeal = council.cases[2]
    assert appeal.title.startswith("Forslag fra Enhedslisten og Alternativet")
    assert "Kalø vig" in appeal.section("Sagsfremstilling")
    assert appeal.decision is None


def test_aabenraa_leisure_committee_item_titled_by_its_first_line():
    committee = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2012-04-16_referat.txt")
    assert (committee.committee, committee.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2012, 4, 16),
    )
    (policy,) = committee.cases
    assert policy.title.startswith("Sundhedsudvalget har truffet beslutning")
    assert policy.section("Sagsnummer") == "08/14274"
    assert "koordineringsgruppe" in policy.section("Sagsfremstilling")
    assert policy.decision is None
