"""Web pages kept as text, read from the real pages bundled in corpus/: what Brønderslev's,
Thisted's, Aabenraa's and Hedensted's pages of the fifty-first round give. Each is read by the
rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_broenderslev_social_and_health_committee_two_meetings():
    winter = bundled(
        "Brønderslev", "broenderslev_social-og-sundhedsudvalget_2020-12-03_referat.txt"
    )
    assert (winter.committee, winter.meeting_date, winter.kind) == (
        "Social- og Sundhedsudvalget",
        date(2020, 12, 3),
        "referat",
    )
    assert [case.case_number for case in winter.cases] == [1, 2, 3]
    absent, remarks, policy = winter.cases
    assert absent.decision == "Alle mødt."
    assert remarks.decision == "Ingen bemærkninger."
    assert policy.title == "Sundhedspolitik - opsamling 2. høring"
    assert "Line Enevoldsen" in policy.section("Resume")
    assert "Teknik- og Miljøudvalget" in policy.section("Sagsfremstilling")
    # The stored beginning stops in the Sagsfremstilling: no decision.
    assert policy.decision is None
    spring = bundled(
        "Brønderslev", "broenderslev_social-og-sundhedsudvalget_2021-04-15_referat.txt"
    )
    assert spring.meeting_date == date(2021, 4, 15)
    grants = spring.cases[2]
    assert grants.title == "Behandling af §18 ansøgninger i den ordinære pulje"
    assert "67 ansøgninger" in grants.section("Resume")
    assert "413.341 kr." in grants.section("Sagsfremstilling")
    assert grants.decision is None


def test_broenderslev_technical_committee_hearing_on_protected_nature():
    august = bundled("Brønderslev", "broenderslev_teknik-og-miljoeudvalget_2021-08-16_referat.txt")
    assert (august.committee, august.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2021, 8, 16),
    )
    absent, remarks, hearing = august.cases
    assert absent.decision == "Alle medlemmer var mødt."
    assert remarks.decision.startswith("Antallet af punkter og informationsniveauet")
    assert hearing.title.startswith("Foretræde for udvalget - afgørelse om fastholdelse")
    # The numbered list inside the case stays in its case.
    assert "Fjernelse af hytte og tilplantede træer" in hearing.section("Sagsfremstilling")
    assert hearing.decision is None


def test_thisted_three_meetings():
    water = bundled("Thisted", "thisted_klima-miljoe-og-teknikudvalget_2021-08-16_referat.txt")
    assert (water.committee, water.meeting_date, water.kind) == (
        "Klima-, Miljø- og Teknikudvalget",
        date(2021, 8, 16),
        "referat",
    )
    assert [case.case_number for case in water.cases] == [177, 178, 179]
    assert water.cases[1].title == "Dialogmøde med Thisted Vand"
    assert water.cases[1].decision == "Taget til efterretning."
    assert "6 personer" in water.cases[1].section("Redegørelse")
    assert (
        water.cases[2].title == "Punkt fra udvalgsmedlem Preben Holler - Stisystemer i Klitmøller"
    )
    ombudsman = bundled("Thisted", "thisted_oekonomiudvalget_2019-02-20_referat.txt")
    assert (ombudsman.committee, ombudsman.meeting_date) == ("Økonomiudvalget", date(2019, 2, 20))
    assert [case.case_number for case in ombudsman.cases] == [29, 30]
    assert ombudsman.cases[0].decision.endswith("Ib Poulsen")
    assert ombudsman.cases[1].title == "Ansættelse af borgerrådgiver"
    assert "0,6 mio. kr. i 2020" in ombudsman.cases[1].section("Redegørelse")
    licences = bundled("Thisted", "thisted_oekonomiudvalget_2022-04-20_referat.txt")
    assert licences.meeting_date == date(2022, 4, 20)
    assert [case.case_number for case in licences.cases] == [76, 77]
    assert licences.cases[1].title.startswith("Forslag om nedlæggelse af Bevillingsnævn.")
    assert "9. december 2021" in licences.cases[1].section("Redegørelse")


def test_aabenraa_finance_committee_items_shown_by_their_case_ids():
    march = bundled("Aabenraa", "aabenraa_oekonomiudvalget_2019-03-05_referat.txt")
    assert (march.committee, march.meeting_date, march.kind) == (
        "Økonomiudvalget",
        date(2019, 3, 5),
        "referat",
    )
    assert [case.section("Sagsnummer") for case in march.cases] == [
        "19/2227",
        "19/2227",
        "19/23044",
    ]
    agenda, news, fire = march.cases
    # Items without numbers or titles: numbered in order and titled by their first sentence.
    assert [case.case_number for case in march.cases] == [1, 2, 3]
    assert agenda.decision == "Godkendt."
    assert "Søren Schmidt Thomsen" in news.decision
    assert fire.title.startswith("Den 25. april 2018 tog Byrådet regnskabet")
    # "Økonomi og afledt drift" is kept as text in the Sagsfremstilling.
    assert "samlet opsparing på 3,464 mio. kr." in fire.section("Sagsfremstilling")
    assert fire.decision is None


def test_hedensted_council_population_forecast_titled_by_its_beslutningstema():
    may = bundled("Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-05-28_referat.txt")
    assert (may.committee, may.meeting_date) == ("Kommunalbestyrelsen 2022-2025", date(2025, 5, 28))
    assert [case.section("Sagsnummer") for case in may.cases] == [
        "00.00.00-P35-34-24",
        "00.01.10-P10-2-25",
    ]
    forecast = may.cases[1]
    assert forecast.title.startswith(
        "Kommunalbestyrelsen skal tage stilling til befolkningsprognosen"
    )
    # "Historik" is kept as text in the Beslutningstema, as on the council's pages bundled before.
    assert "Historik" in forecast.section("Beslutningstema")
    assert "48.523 primo 2026" in forecast.section("Sagsfremstilling")
    assert forecast.decision is None
