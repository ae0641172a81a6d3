"""Web pages kept as text, read from the real pages bundled in corpus/: what Svendborg's and Dragør's
pages of the fifty-sixth round give. Each is read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_svendborg_committees_not_bundled_before():
    # Items show neither number nor title: numbered in order, titled by their first sentence or
    # their Beslutningstema, as Svendborg's pages bundled before.
    technical = bundled("Svendborg", "svendborg_teknik-og-miljoeudvalget_2025-09-04_referat.txt")
    assert (technical.committee, technical.meeting_date, technical.kind) == (
        "Teknik- og Miljøudvalget",
        date(2025, 9, 4),
        "referat",
    )
    agenda, follow_up = technical.cases
    assert [agenda.case_number, follow_up.case_number] == [1, 2]
    assert "Dagsordenen godkendt." in agenda.decision
    assert "Afbud fra Astrid Ejlersen (A)." in agenda.decision
    assert (
        follow_up.title == "Budgetopfølgning pr. 30. juni 2025 for Teknik- og Miljøudvalgets område"
    )
    assert "forventet merforbrug på 4,4 mio. kr." in follow_up.section("Sagsfremstilling")
    # The stored beginning stops before the decision.
    assert follow_up.decision is None
    citizens = bundled(
        "Svendborg", "svendborg_borger-og-arbejdsmarkedsudvalget_2025-06-19_referat.txt"
    )
    assert (citizens.committee, citizens.meeting_date) == (
        "Borger- og Arbejdsmarkedsudvalget",
        date(2025, 6, 19),
    )
    assert [c.title for c in citizens.cases] == [
        "Dagsorden godkendt",
        "Fremsendelse af drifts- og anlægstemaer til budgetdrøftelserne",
        "Status på 37 timers arbejdspligt",
    ]
    _, themes, duty = citizens.cases
    assert "Veterankoordinator" in themes.section("Sagsfremstilling")
    assert themes.decision.startswith("Godkendt.")
    assert "1. januar 2025" in duty.section("Sagsfremstilling")


def test_dragoer_council_2019():
    council = bundled("Dragør", "dragoer_kommunalbestyrelsen_2019-08-29_referat.txt")
    assert (council.committee, council.meeting_date, council.kind) == (
        "Kommunalbestyrelsen",
        date(2019, 8, 29),
        "referat",
    )
    questions, news, payment = council.cases
    assert [c.case_number for c in council.cases] == [1, 2, 3]
    assert questions.decision == "Der var ingen spørgsmål."
    assert news.title == "Meddelelser"
    assert payment.title == "Meddelelse - Indførelse af indtægtsreguleret egenbetaling på MTO"
    assert payment.decision == "Til efterretning."
    # The decisions of the committees before it keep their own headings.
    assert "Katrine Tholstrup (C)" in payment.section("BESLUTNING: Økonomiudvalget den 22-08-2019")
    assert "Enggården" in payment.section("Sagsfremstilling")


def test_dragoer_council_2017():
    council = bundled("Dragør", "dragoer_kommunalbestyrelsen_2017-03-30_referat.txt")
    assert (council.committee, council.meeting_date) == ("Kommunalbestyrelsen", date(2017, 3, 30))
    questions, news, transfer = council.cases
    assert "Kristine Bak" in questions.decision
    assert news.decision == "Der var ingen meddelelser."
    assert transfer.title == "BEPU, Endelig decentraliseringsoverførelse fra 2016 til 2017"
    assert "418.852 kr." in transfer.section("Resumé")
    # The numbered points of the Indstilling stay in the item; its stored beginning stops there.
    assert "490.054 kr." in transfer.section("Indstilling")
    assert [c.case_number for c in council.cases] == [1, 2, 3]


def test_middelfart_council_2016_and_technical_committee_2019():
    council = bundled("Middelfart", "middelfart_byraadet_2016-02-01_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2016, 2, 1))
    (plan,) = council.cases
    assert (plan.case_number, plan.title) == (
        307,
        "Kommuneplanrevision 2017 - behandling af indkomne forslag og idéer",
    )
    # "Forvaltningen foreslår" stays in the Præsentation, as on Middelfart's pages bundled before.
    assert "Forvaltningen foreslår:" in plan.section("Præsentation")
    assert "Trekantområdet" in plan.section("Sagsbeskrivelse")
    assert plan.decision is None
    technical = bundled("Middelfart", "middelfart_teknisk-udvalg_2019-09-10_referat.txt")
    assert (technical.committee, technical.meeting_date) == ("Teknisk Udvalg", date(2019, 9, 10))
    (parking,) = technical.cases
    assert (parking.case_number, parking.title) == (
        121,
        "Revidering af Parkeringsbekendtgørelse for Middelfart Kommune",
    )
    assert parking.section("Sagsnummer") == "Sagsnr.: 2019-012818"
    assert "8 ugers høring" in parking.section("Præsentation")
    assert "februar 2020" in parking.section("Sagsbeskrivelse")
