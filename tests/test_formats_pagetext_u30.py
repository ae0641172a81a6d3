"""Web pages kept as text, read from the real pages bundled in corpus/: what Odsherred's,
Gribskov's, Slagelse's, Copenhagen's and Ishøj's pages of the thirtieth round give. Odsherred's
PolWeb page is read by one new rule (a decision headed "Beslutning fra <udvalg>" over its "Dato:"
line); the others by the rules already there."""

from datetime import date

from qa.ingest import parse_bytes
from tests.conftest import bundled


def page(*lines):
    return parse_bytes("\n".join(["https://example.org/referat", "", *lines]).encode(), "x.txt")


def test_odsherred_polweb_decisions_headed_beslutning_fra_the_committee():
    # The page starts at its first item: the committee and the date are its decision lines',
    # "Beslutning fra Miljø- og Klimaudvalget" over "Dato: 7. februar 2017".
    climate = bundled("Odsherred", "odsherred_miljoe-og-klimaudvalget_2017-02-07_referat.txt")
    assert (climate.committee, climate.meeting_date) == (
        "Miljø- og Klimaudvalget",
        date(2017, 2, 7),
    )
    assert [case.case_number for case in climate.cases] == [21, 22, 23]
    agenda, news, boards = climate.cases
    assert agenda.decision == (
        "Dato: 7. februar 2017\nSted: Byrådssalen\nFraværende: Helge Fredslund\n"
        "Godkendt incl. tillægsdagsorden."
    )
    # An empty "Fraværende:" under the heading's "Dato:" and "Sted:" lines stays in the decision.
    assert news.section("Fraværende") is None
    assert "deltager ikke i KL's Kommunalpolitiske konference" in news.decision
    assert "Forum Horsens" in news.section("Sagsfremstilling")
    assert "Trafikselskabet Movia - Kim Mariegaard" in boards.section("Sagsfremstilling")
    assert boards.decision is None  # the stored beginning stops at its heading


def test_beslutning_fra_an_earlier_committee_with_its_date_is_no_heading_of_this_kind():
    meeting = page(
        "Udvalg: Økonomiudvalget",
        "Dato: 19. april 2021",
        "1.   Ny skole",
        "Indstilling",
        "Forvaltningen indstiller, at skolen bygges.",
        "Beslutning fra Familieudvalget, 13. april 2021, pkt. 45:",
        "Anbefales.",
        "Beslutning fra Økonomiudvalget",
        "Dato: 19. april 2021",
        "Fraværende:",
        "Godkendt.",
    )
    (school,) = meeting.cases
    assert "Beslutning fra Familieudvalget, 13. april 2021, pkt. 45:" in school.section(
        "Indstilling"
    )
    assert school.decision == "Dato: 19. april 2021\nFraværende:\nGodkendt."


def test_gribskov_councils_items_numbered_with_their_case_ids():
    sports = bundled("Gribskov", "gribskov_idraetsraadet_2018-03-01_referat.txt")
    assert (sports.committee, sports.meeting_date) == ("Idrætsrådet", date(2018, 3, 1))
    assert [case.case_number for case in sports.cases] == [1, 2, 3]
    agenda, news, deputy = sports.cases
    assert agenda.section("Sagsnummer") == "Sagsnummer: 18.15.00-G01-6-18"
    assert "Helsinge Ridecenters bestyrelse" in agenda.decision
    assert agenda.decision.endswith("Fraværende: Jeanette Jensen.")
    assert news.decision.startswith("Intet.")
    assert deputy.title == "Valg af næstformand for Idætsrådet"  # the page's own spelling
    assert "Forretningsorden § 11" in deputy.section("Sagsfremstilling")
    assert deputy.decision is None  # the stored beginning stops before it
    disability = bundled("Gribskov", "gribskov_handicapraadet_2018-02-07_referat.txt")
    assert (disability.committee, disability.meeting_date) == (
        "Handicaprådet",
        date(2018, 2, 7),
    )
    # "10. Lukket punkt" is an item with no text of its own.
    assert [case.title for case in disability.cases] == [
        "Godkendelse af dagsorden",
        "Lukket punkt",
        "Byrådets temamøde om Handicappolitikken: Formål og tema",
    ]
    assert disability.cases[0].decision == "Godkendt."
    assert "senest 10 dage inden mødet" in disability.cases[0].section("Sagsfremstilling")
    assert "30. maj 2016" in disability.cases[2].section("Sagsfremstilling")


def test_slagelse_trung_pages_of_three_committees():
    finance = bundled("Slagelse", "slagelse_oekonomiudvalget_2020-04-20_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2020, 4, 20))
    assert [case.title for case in finance.cases] == [
        "Godkendelse af dagsorden (B)",
        "Regnskab 2019 (B)",
    ]
    assert "Pkt. 16 udgår til senere behandling" in finance.cases[0].decision
    assert "Resultat i alt" in finance.cases[1].section("Baggrund")
    jobs = bundled(
        "Slagelse", "slagelse_beskaeftigelses-og-integrationsudvalget_2017-06-12_referat.txt"
    )
    assert (jobs.committee, jobs.meeting_date) == (
        "Beskæftigelses- og Integrationsudvalget (2014-2017)",
        date(2017, 6, 12),
    )
    assert [case.case_number for case in jobs.cases] == [1, 2]
    assert jobs.cases[0].decision.endswith("Godkendt.")
    assert "27. februar 2017" in jobs.cases[1].section("Baggrund")
    children = bundled("Slagelse", "slagelse_boerne-og-ungeudvalget_2021-02-01_referat.txt")
    assert (children.committee, children.meeting_date) == (
        "Børne- og Ungeudvalget (2018-2021)",
        date(2021, 2, 1),
    )
    assert [case.case_number for case in children.cases] == [492, 493]
    assert "Dorthe Christiansen" in children.cases[1].decision


def test_copenhagen_and_ishoej_pages():
    culture = bundled("København", "kk_folkeoplysningsudvalget_2008-06-16_punkt-3.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Folkeoplysningsudvalget",
        date(2008, 6, 16),
    )
    (news,) = culture.cases
    assert (news.case_number, news.title) == (3, "Meddelelser")
    assert "AOF og Dannerhuset" in news.decision
    schools = bundled("Ishøj", "ishoej_boerne-og-undervisningsudvalget_2021-12-14_referat.txt")
    assert (schools.committee, schools.meeting_date) == (
        "Børne- og Undervisningsudvalget",
        date(2021, 12, 14),
    )
    # No numbers on the page: the items are numbered in the order it shows them.
    calendar, support = schools.cases
    assert calendar.decision == "Taget til efterretning."
    assert "støttepædagogfunktionen" in support.section("Resume")
    assert support.decision is None
    weeds = bundled("Ishøj", "ishoej_teknik-og-bygningsudvalget_2024-04-16_referat.txt")
    assert (weeds.committee, weeds.meeting_date) == (
        "Teknik- og Bygningsudvalget",
        date(2024, 4, 16),
    )
    steam, stub = weeds.cases
    assert "1,4 mio. kr." in steam.section("Indstilling")
    assert steam.decision == "Tiltrådt."
    assert steam.authority == "Byrådet."
    # The stored beginning stops two words into the next item's Beslutningstema.
    assert (stub.title, stub.decision) == ("Der s", None)
    plan = bundled("Ishøj", "ishoej_teknik-og-bygningsudvalget_2021-04-20_referat.txt")
    assert plan.meeting_date == date(2021, 4, 20)
    (homes,) = plan.cases
    assert "ca. 133 boliger" in homes.section("Resume")
    assert "fire høringssvar" in homes.section("Sagsfremstilling")
    assert homes.decision is None
    harbour = bundled("København", "kk_christianshavns-lokaludvalg_2014-01-29_punkt-21.txt")
    assert (harbour.committee, harbour.meeting_date) == (
        "Christianshavns Lokaludvalg",
        date(2014, 1, 29),
    )
    (other,) = harbour.cases
    assert (other.case_number, other.title) == (21, "Eventuelt")
    assert "Margretheholm og Refshaleøen" in other.decision
    assert "Fraværende uden afbud\nNils H. Groth" in other.decision
