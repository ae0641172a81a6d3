"""Web pages kept as text, read from the real pages bundled in corpus/: what Viborg's and Varde's
pages of the fifty-fifth round give. Each is read by the rules already there; no rule came with
them."""

from datetime import date

from tests.conftest import bundled


def test_viborg_climate_and_environment_committee_two_meetings():
    wind = bundled("Viborg", "viborg_klima-og-miljoeudvalget_2021-03-25_referat.txt")
    assert (wind.committee, wind.meeting_date, wind.kind) == (
        "Klima- og Miljøudvalget",
        date(2021, 3, 25),
        "referat",
    )
    # viborg.dk: one item shown only by its case id, titled by its first sentence.
    [plan] = wind.cases
    assert plan.case_number == 1
    assert plan.section("Sagsnummer") == "18/19169"
    assert plan.title.startswith("Byrådet besluttede i 2018 en prioritering")
    assert "to nye ansøgninger" in plan.section("Resume")
    assert plan.section("Indstilling").startswith("Direktøren for Teknik & Miljø foreslår")
    assert "kommuneplantillæg (mål, retningslinjer mv.)" in plan.decision
    assert "Vinge og Tolstrup" in plan.section("Sagsfremstilling")
    fence = bundled("Viborg", "viborg_klima-og-miljoeudvalget_2016-01-28_referat.txt")
    assert (fence.committee, fence.meeting_date) == ("Klima- og Miljøudvalget", date(2016, 1, 28))
    # kommune.viborg.dk: one item, only its Sagsfremstilling in the stored beginning.
    [hedge] = fence.cases
    assert (hedge.case_number, hedge.title) == (
        1,
        "Opsætning af hegn langs søbredden på Sønæsvej 1",
    )
    assert "50 meter nyt hegn" in hedge.section("Sagsfremstilling")
    assert "naturbeskyttelseslovens § 16" in hedge.section("Sagsfremstilling")
    assert hedge.decision is None


def test_varde_social_and_health_committee_below_its_list_of_items():
    september = bundled("Varde", "varde_udvalget-for-social-og-sundhed_2019-09-24_referat.txt")
    assert (september.committee, september.meeting_date, september.kind) == (
        "Udvalget for Social og Sundhed",
        date(2019, 9, 24),
        "referat",
    )
    # The list of items 274-285 above them is not read as items.
    assert [case.case_number for case in september.cases] == [274, 275]
    agenda, access = september.cases
    assert (agenda.title, agenda.decision) == ("Godkendelse af dagsorden", "Godkendt")
    assert access.title == "Orientering - Pårørendes adgang til aktindsigt i afdødes journal"
    assert "Offentlighedslovens bestemmelser" in access.section("Sagsfremstilling")
    assert access.decision is None
