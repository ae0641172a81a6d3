"""Web pages kept as text, read from the real pages bundled in corpus/: what Hedensted's, Vejen's,
Aabenraa's and Kolding's pages of the twenty-fifth round give. One rule came with them: Kolding's
pages show "Referat" alone on a line under the site's banner "Dagsorden", and are minutes."""

from datetime import date

from qa.formats.structure import find_kind
from tests.conftest import bundled


def test_hedensted_items_shown_by_their_case_ids():
    plan = bundled("Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-08-27_referat.txt")
    assert (plan.committee, plan.meeting_date) == (
        "Kommunalbestyrelsen 2022-2025",
        date(2025, 8, 27),
    )
    assert [case.section("Sagsnummer") for case in plan.cases] == [
        "00.00.00-P35-34-24",
        "00.01.00-P35-18-25",
    ]
    assert "Sydøstjyllands Brandvæsen" in plan.cases[1].section("Sagsfremstilling")
    statute = bundled("Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-09-24_referat.txt")
    assert statute.meeting_date == date(2025, 9, 24)
    assert "305% af borgmesterens løn" in statute.cases[1].section("Økonomi")
    heating = bundled("Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-12-17_referat.txt")
    assert heating.meeting_date == date(2025, 12, 17)
    assert [case.case_number for case in heating.cases] == [1, 2]
    assert "318,5 mio. kr." in heating.cases[1].section("Økonomi")


def test_vejen_committees_and_their_decisions():
    schools = bundled("Vejen", "vejen_udvalget-for-skoler-og-boern_2018-06-21_referat.txt")
    assert (schools.committee, schools.meeting_date) == (
        "Udvalget for skoler og børn",
        date(2018, 6, 21),
    )
    assert [case.title for case in schools.cases] == [
        "Status på økonomi på udvalgets områder (B)",
        "Folkeskolens fremtid i Vejen Kommune (C)",
    ]
    assert schools.cases[0].decision == "Taget til efterretning."
    clubs = bundled("Vejen", "vejen_folkeoplysningsudvalget_2019-10-10_referat.txt")
    assert clubs.committee == "Folkeoplysningsudvalget"
    assert "Afbud: Brian Kronborg og Thue Uhre Lauridsen." in clubs.cases[1].decision
    finance = bundled("Vejen", "vejen_oekonomiudvalget_2018-08-07_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2018, 8, 7))
    assert finance.cases[0].decision.endswith("Malene K. Nielsen (V) deltog ikke.")
    assert [case.case_number for case in finance.cases] == [1, 2]


def test_aabenraa_items_shown_by_their_case_ids():
    works = bundled("Aabenraa", "aabenraa_boerne-og-uddannelsesudvalget_2021-01-05_referat.txt")
    assert (works.committee, works.meeting_date) == (
        "Børne- og Uddannelsesudvalg",
        date(2021, 1, 5),
    )
    assert [case.section("Sagsnummer") for case in works.cases] == ["18/5090", "18/44", "18/23514"]
    assert "marts 2022" in works.cases[2].section("Sagsfremstilling")
    earlier = bundled("Aabenraa", "aabenraa_boerne-og-uddannelsesudvalget_2017-06-06_referat.txt")
    assert earlier.meeting_date == date(2017, 6, 6)
    assert "Afbud: Dorte Ballhorn Soll" in earlier.cases[0].decision
    assert "Hærvejsskolen i Rødekro" in earlier.cases[1].section("Sagsfremstilling")


def test_kolding_referat_under_a_dagsorden_banner():
    budget = bundled("Kolding", "kolding_oekonomiudvalget_2017-08-21_referat.txt")
    assert (budget.committee, budget.meeting_date, budget.kind) == (
        "Økonomiudvalget",
        date(2017, 8, 21),
        "referat",
    )
    (status,) = budget.cases
    assert "179,5 mio. kr." in status.section("Resumé")
    council = bundled("Kolding", "kolding_byraadet_2014-06-23_referat.txt")
    assert (council.committee, council.meeting_date, council.kind) == (
        "Byrådet",
        date(2014, 6, 23),
        "referat",
    )
    (grant,) = council.cases
    assert (
        grant.title
        == "Ansøgning om anlægsbevilling til projekt nr. 4699 Lindegade 26, Christiansfeld"
    )
    assert grant.section("Beslutning Økonomiudvalget den 16-06-2014") == "Forslaget indsti"


def test_referat_alone_on_a_line_outweighs_a_dagsorden_banner():
    assert find_kind(
        ["Dagsorden", "Mandag 21. aug 2017 kl. 08:30", "Økonomiudvalget", "Referat"]
    ) == ("referat")
    # A banner alone, or "Referat" only mentioned, says what it said before.
    assert (
        find_kind(["Dagsorden", "Mandag 21. aug 2017 kl. 08:30", "Økonomiudvalget"]) == "dagsorden"
    )
    assert find_kind(["Dagsorden til mødet", "Godkendelse af referat"]) == "dagsorden"
