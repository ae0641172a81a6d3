"""Web pages kept as text, read from the real pages bundled in corpus/: what Middelfart's,
Guldborgsund's and Gribskov's pages of the fifty-second round give. Each is read by the rules
already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_middelfart_technical_committee_one_item_each():
    accounts = bundled("Middelfart", "middelfart_teknisk-udvalg_2020-03-10_referat.txt")
    assert (accounts.committee, accounts.meeting_date, accounts.kind) == (
        "Teknisk Udvalg",
        date(2020, 3, 10),
        "referat",
    )
    (report,) = accounts.cases
    assert (report.case_number, report.title) == (159, "Regnskabsberetning 2019 for Teknisk Udvalg")
    assert report.section("Sagsnummer") == "Sagsnr.: 2020-003333"
    assert "Forvaltningen foreslår:" in report.section("Præsentation")
    assert "70,2 mio. kr." in report.section("Sagsbeskrivelse")
    assert "voldsomme skybrud" in report.section("Sagsbeskrivelse")
    # The stored beginning stops before the decision.
    assert report.decision is None
    parking = bundled("Middelfart", "middelfart_teknisk-udvalg_2021-03-09_referat.txt")
    assert parking.meeting_date == date(2021, 3, 9)
    (analysis,) = parking.cases
    assert (analysis.case_number, analysis.title) == (248, "Parkeringsanalyse af Middelfart Midtby")
    assert "Orienteringen tages til efterretning" in analysis.section("Præsentation")
    assert "tre centrale bydele" in analysis.section("Sagsbeskrivelse")
    assert analysis.decision is None


def test_middelfart_environment_and_energy_committee_2014():
    deadlines = bundled("Middelfart", "middelfart_miljoe-og-energiudvalget_2014-10-01_referat.txt")
    assert (deadlines.committee, deadlines.meeting_date) == (
        "Miljø- og Energiudvalget",
        date(2014, 10, 1),
    )
    (case,) = deadlines.cases
    assert (case.case_number, case.title) == (53, "Sagsbehandlingsfrister")
    assert case.section("Tekst") == "Sagsbehandler: Lone Damgaard"
    assert "kodeks" in case.section("Sagsbeskrivelse")
    # "Forvaltningens bemærkninger" and "Handicapaspekter" stay in the Økonomi section.
    assert case.section("Økonomi").startswith("Ingen\nForvaltningens bemærkninger:")
    assert "Handicapaspekter:" in case.section("Økonomi")


def test_guldborgsund_technical_environment_and_property_committee_2019():
    meeting = bundled(
        "Guldborgsund", "guldborgsund_teknik-miljoe-og-ejendomsudvalget_2019-04-23_referat.txt"
    )
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Teknik, Miljø og Ejendomsudvalg",
        date(2019, 4, 23),
        "referat",
    )
    agenda, sustainability = meeting.cases
    assert [c.case_number for c in meeting.cases] == [50, 51]
    assert agenda.decision == "Fraværende: –\nGodkendt."
    assert sustainability.title == "Beslutningssag: Bæredygtighed - indsatser"
    # "BESKRIVELSE AF SAGEN" stays in the Indstilling, as on the Guldborgsund page bundled before.
    assert "BESKRIVELSE AF SAGEN" in sustainability.section("Indstilling")
    assert "Flere naturområder" in sustainability.section("Indstilling")
    assert sustainability.decision is None


def test_gribskov_theme_committee_and_council():
    theme = bundled(
        "Gribskov",
        "gribskov_17-stk-4-strategi-og-samskabelse-i-gribskov-2030_2019-01-29_referat.txt",
    )
    assert (theme.committee, theme.meeting_date) == (
        "§17, Stk. 4. Strategi og Samskabelse i Gribskov 2030",
        date(2019, 1, 29),
    )
    assert [c.case_number for c in theme.cases] == [8, 9, 10]
    agenda, film, ambassadors = theme.cases
    assert "punkt 12  blev behandlet efter punkt 9" in agenda.decision
    assert film.title == "Endelige udgave af film om samskabelse"
    assert film.decision.startswith("Udvalget godkendte filmen, med ønske om at få Ramløsehallen")
    assert "Allan Nielsen" in ambassadors.section("Resume")
    assert ambassadors.decision is None
    council = bundled("Gribskov", "gribskov_byraad_2018-02-05_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byråd", date(2018, 2, 5))
    agenda, budget = council.cases
    assert [c.case_number for c in council.cases] == [13, 14]
    assert agenda.decision.endswith("Dagsordenen herefter godkendt.")
    assert budget.title == "Budget 2018 - ny styrelsesvedtægt"
    # The Økonomiudvalg's line under "Historik" stays in the Resume; no decision of the council yet.
    assert "Mikkel Andersen (A)" in budget.section("Resume")
    assert budget.decision is None
