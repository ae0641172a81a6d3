"""Web pages kept as text, read from the real pages bundled in corpus/: what Holbæk's, Faxe's,
Ringkøbing-Skjern's, Middelfart's, Brønderslev's, Gribskov's and Vejen's pages of the fifteenth
round give, and the three rules that came with them (a quoted name keeps its " - ", a two-digit
election period before a name goes, a list of items that runs into the first item)."""

from datetime import date

from qa.formats.pagetext import parse
from qa.formats.structure import find_committee
from tests.conftest import bundled


def test_a_committee_name_in_quotation_marks_keeps_its_own_dash():
    assert find_committee(['Udvalget "Aktiv Hele Livet - Sundhed og Omsorg"']) == (
        'Udvalget "Aktiv Hele Livet - Sundhed og Omsorg"'
    )
    # Outside the quotation marks the dash still ends the name.
    assert find_committee(['Udvalget "Kultur og Fritid" - Referat']) == (
        'Udvalget "Kultur og Fritid"'
    )
    assert find_committee(["Teknisk Udvalg - Rådhuset"]) == "Teknisk Udvalg"


def test_a_two_digit_election_period_before_the_name_goes():
    assert find_committee(["14-17 Byrådet"]) == "Byrådet"
    assert find_committee(["09-13 Udvalget for Børn"]) == "Udvalget for Børn"


def test_a_list_of_items_that_runs_into_the_first_item_gives_that_item_its_own_line():
    page = "\n".join(
        [
            "https://dagsordner.example.dk/agenda_1.html",
            "",
            "UDVALG",
            "",
            "Økonomiudvalget",
            "",
            "STARTTIDSPUNKT",
            "",
            "08-08-2018 08:00:00",
            "",
            "PUNKTER",
            "",
            "12. Godkendelse af dagsorden",
            "13. Beslutning om salg af jord",
            "14. Eventuelt12. Godkendelse af dagsorden",
            "",
            "Indstilling",
            "Direktøren indstiller, at dagsordenen godkendes.",
            "",
            "Beslutning i Økonomiudvalget den 08-08-2018",
            "Godkendt.",
            "13. Beslutning om salg af jord",
            "",
            "Indstilling",
            "Direktøren indstiller, at jorden sælges for 1,2 mio. kr.",
        ]
    )
    meeting = parse(page.encode(), "Example/okonomiudvalget.txt")
    assert [case.case_number for case in meeting.cases] == [12, 13]
    assert meeting.cases[0].decision == "Godkendt."
    assert "1,2 mio. kr." in meeting.cases[1].section("Indstilling")


def test_holbaek_committee_with_a_quoted_name_and_the_council_cutting_its_own_fees():
    aktiv = bundled("Holbæk", "holbaek_aktiv-hele-livet-sundhed-og-omsorg_2016-02-22_referat.txt")
    assert (aktiv.committee, aktiv.meeting_date) == (
        'Udvalget "Aktiv Hele Livet - Sundhed og Omsorg"',
        date(2016, 2, 22),
    )
    assert [case.case_number for case in aktiv.cases] == [23, 24]
    assert aktiv.cases[0].decision == "Dagsorden godkendt."
    council = bundled("Holbæk", "holbaek_byraadet_2016-06-29_ekstraordinaert_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2016, 6, 29))
    agenda, fees = council.cases
    assert (agenda.case_number, agenda.decision) == (174, "Godkendt.")
    assert fees.title == "Beslutning om nedsættelse af byrådsmedlemmernes vederlag"
    assert "sænkes med 10 %" in fees.section("Indstilling")


def test_holbaek_project_committee_reads_its_first_item_and_the_finance_committee_its_list():
    project = bundled(
        "Holbæk", "holbaek_projektudvalget-for-udvikling-af-lokalomraaderne_2018-09-06_referat.txt"
    )
    assert project.committee == "Projektudvalget for Udvikling af Lokalområderne"
    agenda, jyderup = project.cases
    assert (agenda.case_number, agenda.decision) == (1, "Godkendt")
    assert "300.000 kr. af udviklingspuljen" in jyderup.section("Indstilling")
    finance = bundled("Holbæk", "holbaek_oekonomiudvalget_2018-08-08_referat.txt")
    assert [case.case_number for case in finance.cases] == [147, 148]
    assert finance.cases[1].title == "Beslutning om gennemførelse af spildevandsplanen"


def test_faxe_school_committee_in_april_and_november_2022():
    april = bundled("Faxe", "faxe_boern-laeringsudvalget_2022-04-07_referat.txt")
    assert [case.case_number for case in april.cases] == [35, 36, 37]
    plan = april.cases[1]
    assert plan.section("Økonomi") == "Ingen økonomiske konsekvenser."
    assert "Søndergade 12 i Haslev" in plan.section("Sagsfremstilling")
    november = bundled("Faxe", "faxe_boern-laeringsudvalget_2022-11-10_referat.txt")
    agenda, gifted = november.cases
    assert "Steen Andersen (A)" in agenda.decision
    assert "110.000 kr. årligt" in gifted.section("Baggrund")


def test_employment_figures_and_a_mentor_corps_and_a_plan_for_2014():
    middelfart = bundled(
        "Middelfart", "middelfart_beskaeftigelses-og-arbejdsmarkedsudvalget_2016-06-08_referat.txt"
    )
    assert (middelfart.committee, middelfart.meeting_date) == (
        "Beskæftigelses- og Arbejdsmarkedsudvalget",
        date(2016, 6, 8),
    )
    (figures,) = middelfart.cases
    assert figures.case_number == 178
    assert "396 pr. 31.05.16" in figures.section("Sagsbeskrivelse")
    council = bundled(
        "Brønderslev", "bronderslev_det-lokale-beskaeftigelsesraad_2014-04-22_referat.txt"
    )
    assert council.committee == "Det Lokale Beskæftigelsesråd"
    assert "210.000 kr." in council.cases[2].section("Resume")
    gribskov = bundled("Gribskov", "gribskov_arbejdsmarkedsudvalget_2013-09-25_referat.txt")
    (plan,) = gribskov.cases
    assert (plan.case_number, plan.title) == (57, "Gribskov Kommune. Beskæftigelsesplan 2014")


def test_ringkobing_skjern_children_committee_and_vejen_technical_committee():
    rksk = bundled(
        "Ringkøbing-Skjern", "ringkoebing-skjern_boerne-og-familieudvalget_2021-03-23_referat.txt"
    )
    assert (rksk.committee, rksk.meeting_date) == ("Børne- og Familieudvalget", date(2021, 3, 23))
    assert "evalueres i foråret 2022" in rksk.cases[1].section("Sagsfremstilling")
    vejen = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2019-01-21_referat.txt")
    strategies, traffic = vejen.cases
    assert strategies.decision.startswith("Udvalget godkendte mål i strategier")
    assert traffic.title == "Forslag til Trafiksikkerhedsplan 2019-2022 (C)"
