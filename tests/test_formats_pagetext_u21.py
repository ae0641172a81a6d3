"""Web pages kept as text, read from the real pages bundled in corpus/: what Stevns', Copenhagen's,
Fredensborg's, Viborg's and Holbæk's pages of the twenty-first round give. Stevns' committees are
named only in the pages' addresses, which spell the Danish letters out; one rule gives them back."""

from datetime import date

from qa.ingest import parse_bytes
from tests.conftest import bundled


def test_an_address_that_spells_the_danish_letters_out_names_the_committee_with_them():
    page = (
        "https://example.dk/dagsorden/plan-miljoe-og-teknik-29-09-2020\n\n"
        "Referat\n\n"
        " • 358. Dagsorden - godkendelse\n\n"
        "  Resume\n\n  Godkendelse af dagsorden for PMT den 29. september 2020.\n\n"
        "  Beslutning\n\n  Godkendt\n"
    )
    meeting = parse_bytes(page.encode(), "page.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Plan miljø og teknik", date(2020, 9, 29))
    aeldre = page.replace("plan-miljoe-og-teknik", "aeldreraadet")
    assert parse_bytes(aeldre.encode(), "page.txt").committee == "Ældrerådet"
    # An address with no spelled-out letters is read as before.
    kb = page.replace("plan-miljoe-og-teknik", "kommunalbestyrelsen")
    assert parse_bytes(kb.encode(), "page.txt").committee == "Kommunalbestyrelsen"


def test_stevns_pages_named_by_their_addresses():
    plan = bundled("Stevns", "stevns_oekonomiudvalget_2021-02-16_referat.txt")
    assert (plan.committee, plan.meeting_date) == ("Økonomiudvalget", date(2021, 2, 16))
    assert [case.case_number for case in plan.cases] == [212, 213]
    assert plan.cases[1].title == "Kommuneplan 2021-2033 - Godkendelse"
    assert "perspektivområdet syd for Valløby" in plan.cases[1].decision
    sewage = bundled("Stevns", "stevns_oekonomiudvalget_2021-12-07_referat.txt")
    assert [case.case_number for case in sewage.cases] == [423, 424]
    assert sewage.cases[0].decision == "Godkendt med den tilføjelse, at sag 430 bliver udsat."
    assert "lokalplan 204" in sewage.cases[1].section("Resume")
    sauna = bundled("Stevns", "stevns_plan-miljoe-og-teknik_2020-09-29_referat.txt")
    assert (sauna.committee, sauna.meeting_date) == ("Plan miljø og teknik", date(2020, 9, 29))
    assert [case.case_number for case in sauna.cases] == [358, 359, 360]
    assert "ca. 38 m²" in sauna.cases[1].section("Sagsfremstilling")
    assert sauna.cases[1].section("Lovgrundlag") == "Planloven"


def test_copenhagen_technical_committee_case_pages():
    plan = bundled("København", "kk_teknik-og-miljoeudvalget_2011-10-10_punkt-8.txt")
    assert (plan.committee, plan.meeting_date) == ("Teknik- og Miljøudvalget", date(2011, 10, 10))
    (case,) = plan.cases
    assert (case.case_number, case.title) == (8, "Mødeplan for Teknik- og Miljøudvalget 2012")
    assert "fem sammenfaldne møder" in case.section("Løsning")
    agenda = bundled("København", "kk_teknik-og-miljoeudvalget_2011-08-22_punkt-1.txt")
    assert agenda.meeting_date == date(2011, 8, 22)
    assert "Mette Reissmann havde meldt afbud" in agenda.cases[0].decision
    delegation = bundled("København", "kk_teknik-og-miljoeudvalget_2006-01-04_punkt-6.txt")
    assert delegation.meeting_date == date(2006, 1, 4)
    assert delegation.cases[0].case_number == 6
    assert delegation.cases[0].decision == "Godkendt"
    assert "ikke udtømmende" in delegation.cases[0].section("Resume")


def test_fredensborg_pages():
    finance = bundled("Fredensborg", "fredensborg_oekonomiudvalget_2017-10-23_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2017, 10, 23))
    assert [case.case_number for case in finance.cases] == [234, 235]
    assert "1.821 mio. kr." in finance.cases[1].section("Beslutningstema")
    vote = bundled("Fredensborg", "fredensborg_oekonomiudvalget_2015-03-23_referat.txt")
    assert (vote.committee, vote.meeting_date) == ("Økonomiudvalget", date(2015, 3, 23))
    assert "Imod stemte: A, B, C, F, O og Ø." in vote.cases[0].decision
    schools = bundled(
        "Fredensborg", "fredensborg_boerne-og-skoleudvalget-18-21_2018-08-20_referat.txt"
    )
    assert schools.committee == "Børne- og Skoleudvalget (18-21)"
    assert schools.cases[0].case_number == 78
    assert "Sproggaven" in schools.cases[0].decision


def test_viborg_and_holbaek_pages():
    budget = bundled("Viborg", "viborg_boerne-og-ungdomsudvalget_2016-06-14_referat.txt")
    assert (budget.committee, budget.meeting_date) == (
        "Børne- og Ungdomsudvalget",
        date(2016, 6, 14),
    )
    assert [(case.case_number, case.title) for case in budget.cases] == [(1, "Budget 2017 - 2020")]
    assert "24. august 2016" in budget.cases[0].section("Sagsfremstilling")
    local = bundled(
        "Holbæk", "holbaek_projektudvalget-for-udvikling-af-lokalomraaderne_2019-11-19_referat.txt"
    )
    assert local.committee == "Projektudvalget for Udvikling af Lokalområderne"
    assert [case.case_number for case in local.cases] == [1, 2]
    assert "18 lokalområder" in local.cases[1].section("Indstilling")
    children = bundled("Holbæk", "holbaek_udvalget-for-boern_2013-05-28_referat.txt")
    assert (children.committee, children.meeting_date) == ("Udvalget for Børn", date(2013, 5, 28))
    assert [case.case_number for case in children.cases] == [64, 65]
    assert children.cases[0].decision.startswith("Godkendt.")
