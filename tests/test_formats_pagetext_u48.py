"""Web pages kept as text, read from the real pages bundled in corpus/: what Solrød's, Odense's,
Copenhagen's, Roskilde's and Dragør's pages of the forty-eighth round give. Each is read by the
rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_solroed_council_amends_its_statutes_for_a_citizens_adviser():
    december = bundled("Solrød", "solrod_byraadet_2021-12-20_referat.txt")
    assert (december.committee, december.meeting_date, december.kind) == (
        "Byrådet",
        date(2021, 12, 20),
        "referat",
    )
    assert [case.case_number for case in december.cases] == [183, 184]
    agenda, statutes = december.cases
    assert agenda.decision.startswith("Tiltrådt.")
    assert "Emil Blücher" in agenda.decision
    assert statutes.title == "Ændring af styrelsesvedtægt for Solrød Kommune"
    assert "borgerrådgiverfunktion" in statutes.section("Beslutningstema")
    assert "minimum 6 dages mellemrum" in statutes.section("Sagsfremstilling")
    assert statutes.section("Sagsnummer") == "Sagsnummer: 00.15.00-A21-1-21"


def test_odense_council_meets_over_skype():
    march = bundled("Odense", "odense_odense-byraad_2020-03-25_referat.txt")
    assert (march.committee, march.meeting_date) == ("Odense Byråd", date(2020, 3, 25))
    (skype,) = march.cases
    assert (skype.case_number, skype.title) == (1, "Afvikling af byrådsmøde via Skype for Business")
    assert "notat af 13. marts 2020" in skype.section("Resumé")
    assert skype.decision is None


def test_copenhagen_childrens_committee_and_inner_city_local_committee():
    april = bundled("København", "kk_boerne-og-ungdomsudvalget_2023-04-26_punkt-13.txt")
    assert (april.committee, april.meeting_date) == ("Børne- og Ungdomsudvalget", date(2023, 4, 26))
    (plan,) = april.cases
    assert (plan.case_number, plan.title) == (13, "B-sag: Justering af BUU-mødeplan 2023")
    assert "udvides med 45 minutter" in plan.section("Indstilling")
    assert "ingen økonomiske konsekvenser" in plan.section("Økonomi")
    cycling = bundled("København", "kk_indre-by-lokaludvalg_2017-04-06_punkt-16.txt")
    assert (cycling.committee, cycling.meeting_date) == ("Indre By Lokaludvalg", date(2017, 4, 6))
    (lane,) = cycling.cases
    assert lane.case_number == 16
    assert "Lille Kongensgade" in lane.title
    assert "29. marts 2017" in lane.section("Problemstilling")
    assert "Lokaludvalget bemyndigede formanden" in lane.decision


def test_roskilde_culture_and_sports_committee_three_meetings():
    september = bundled("Roskilde", "roskilde_kultur-og-idraetsudvalget_2014-09-10_referat.txt")
    assert (september.committee, september.meeting_date) == (
        "Kultur- og Idrætsudvalget",
        date(2014, 9, 10),
    )
    assert [case.case_number for case in september.cases] == [113, 114, 115, 116]
    _, news, meetings, accounts = september.cases
    assert "Åbning af Kongesporet." in news.decision
    assert meetings.title == "Mødeplan for 2015"
    assert meetings.decision == "Godkendt."
    assert "Juli måned er holdt mødefri." in meetings.section("Sagsfremstilling")
    assert accounts.title == "Orientering om halvårsregnskab 2014"
    assert accounts.decision is None
    youth = bundled("Roskilde", "roskilde_kultur-og-idraetsudvalget_2016-09-07_referat.txt")
    agenda, news, day = youth.cases
    assert "Orientering om ny svømmehal" in agenda.decision
    assert "- Vikingeregatta" in news.decision
    assert (day.case_number, day.title) == (124, "Ungedag 2016")
    assert "5-6 ungekultursteder" in day.section("Sagsfremstilling")
    january = bundled("Roskilde", "roskilde_kultur-og-idraetsudvalget_2019-01-16_referat.txt")
    assert [case.case_number for case in january.cases] == [1, 2, 3]
    baths = january.cases[2]
    assert baths.title == "Temadrøftelse - Roskilde Badene"
    assert "Maglegårdsbadet" in baths.section("Sagsfremstilling")
    assert "bordtennislandsholdet" in january.cases[1].decision


def test_dragoer_childrens_leisure_and_culture_committee_not_bundled_before():
    ssp = bundled("Dragør", "dragoer_boerne-fritids-og-kulturudvalget_2016-09-07_referat.txt")
    assert (ssp.committee, ssp.meeting_date) == (
        "Børne-, Fritids- og Kulturudvalget",
        date(2016, 9, 7),
    )
    (youth,) = ssp.cases
    assert youth.title == "SSP - drøftelse af ungeindsatsen"
    assert "Hvordan er sommeren gået?" in youth.section("Sagsfremstilling")
    january = bundled("Dragør", "dragoer_boerne-fritids-og-kulturudvalget_2017-01-11_referat.txt")
    misuse, grant = january.cases
    assert misuse.decision.startswith("Til efterretning.")
    assert "Tidsrum: kl. 16.00-16.20" in misuse.section("Sagsfremstilling")
    assert grant.case_number == 2
    assert "Civilstyrelsen" in grant.section("Resumé")
    august = bundled("Dragør", "dragoer_boerne-fritids-og-kulturudvalget_2018-08-15_referat.txt")
    (model,) = august.cases
    assert model.title == "Tildelingsmodel på dagtilbudsområdet, høringssvar"
    assert "60/40 fordeling" in model.decision
    assert "31. maj 2018" in model.section("Resumé")
