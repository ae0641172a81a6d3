"""Web pages kept as text, read from the real pages bundled in corpus/: what Thisted's, Vejen's,
Brønderslev's, Aabenraa's, Ringkøbing-Skjern's, Varde's and Viborg's pages of the fifty-third round
give. Each is read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_thisted_children_and_family_committee_three_meetings():
    october = bundled("Thisted", "thisted_boerne-og-familieudvalget_2020-10-06_referat.txt")
    assert (october.committee, october.meeting_date, october.kind) == (
        "Børne- og Familieudvalget",
        date(2020, 10, 6),
        "referat",
    )
    assert [case.case_number for case in october.cases] == [143, 144, 145, 146]
    agenda, news, closed, savings = october.cases
    assert agenda.decision == "Per Skovmose ønsker punkt 153 ændret til en beslutningssag."
    assert news.decision == "Sagen vedr. honorering af plejefamilier drøftet."
    # A closed item shows only its title.
    assert closed.title == "Lukket punkt: Punkt fra udvalgsmedlem Per Skovmose"
    assert closed.sections == ()
    assert savings.title == "Børne- og Familieudvalget. Udmøntning af rammebesparelse 2021"
    assert "Sammenlægning af modtageklasser" in savings.section("Redegørelse")
    assert savings.decision is None
    april = bundled("Thisted", "thisted_boerne-og-familieudvalget_2021-04-13_referat.txt")
    assert [case.case_number for case in april.cases] == [41, 42, 43]
    assert april.cases[1].decision == "Temamøde den 25. maj drøftet."
    accounts = april.cases[2]
    assert accounts.title == "Regnskab 2020 for Børne- og Familieudvalget"
    # The numbered line inside the case stays in its case.
    assert "1. Bemærkningerne til de enkelte bevillinger" in accounts.section("Redegørelse")
    assert "mindreforbrug på 11,2 mio. kr." in accounts.section("Redegørelse")
    december = bundled("Thisted", "thisted_boerne-og-familieudvalget_2022-12-06_referat.txt")
    assert december.meeting_date == date(2022, 12, 6)
    assert [case.case_number for case in december.cases] == [137, 138, 139]
    assert "Sennels Børnehave" in december.cases[1].decision
    assert "Bevilling fra Villumfonden" in december.cases[1].section("Sagstema")
    assert "7. september 2021" in december.cases[2].section("Redegørelse")


def test_vejen_finance_and_technical_committees():
    april = bundled("Vejen", "vejen_oekonomiudvalget_2019-04-30_referat.txt")
    assert (april.committee, april.meeting_date) == ("Økonomiudvalget", date(2019, 4, 30))
    follow_up, prices = april.cases
    assert follow_up.decision == "Taget til efterretning."
    assert "forbrugsprocent på 25,3" in follow_up.section("Sagsfremstilling")
    assert prices.title == (
        "Fastsættelse af mindstepriser for boliggrunde ved Kongevænget - etape 3, Vejen (C)"
    )
    assert "380 kr. pr. m2" in prices.section("Administrativ indstilling")
    assert prices.decision is None
    december = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2018-12-10_referat.txt")
    assert (december.committee, december.meeting_date) == (
        "Udvalget for teknik og miljø",
        date(2018, 12, 10),
    )
    strategies = december.cases[0]
    # The earlier meeting's decision keeps its own heading; the decision is this meeting's.
    assert (
        strategies.section("Beslutning Udvalget for teknik og miljø den 19-11-2018")
        == "Forslag til indhold strategier drøftet."
    )
    assert "Strategi for bevægelse." in strategies.decision
    assert december.cases[1].title == "Ophævelse af Byplanvedtægt nr. 6, Jels (C)"


def test_broenderslev_technical_committee_items_one_to_three():
    september = bundled(
        "Brønderslev", "broenderslev_teknik-og-miljoeudvalget_2018-09-10_referat.txt"
    )
    assert (september.committee, september.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2018, 9, 10),
    )
    absent, remarks, plan = september.cases
    assert absent.decision == "Alle medlemmer var mødt."
    assert "Agrinord og Landonord" in remarks.decision
    assert plan.title.startswith("Behandling af bemærkninger fra fordebat - lokalplan 01-C-26.01")
    assert "ca. 40-50 deltog" in plan.section("Sagsfremstilling")
    assert plan.decision is None


def test_aabenraa_culture_committee_items_shown_by_their_case_ids():
    april = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2020-04-15_referat.txt")
    assert (april.committee, april.meeting_date, april.kind) == (
        "Kultur- og Fritidsudvalget",
        date(2020, 4, 15),
        "referat",
    )
    assert [case.section("Sagsnummer") for case in april.cases] == [
        "20/348",
        "20/348",
        "19/27315",
    ]
    # Items without numbers or titles: numbered in order and titled by their first line.
    assert [case.case_number for case in april.cases] == [1, 2, 3]
    agenda, news, agreements = april.cases
    assert agenda.decision.startswith("Godkendt idet punkt 49 fremrykkes efter punkt 42.")
    assert news.title == "Dato for Frivilligfest 2020"
    assert "Status på genforeningsåret" in news.decision
    assert "2. maj 2018" in agreements.section("Baggrund")


def test_ringkoebing_skjern_finance_committee_and_council():
    may = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_oekonomiudvalget_2024-05-14_referat.txt")
    assert (may.committee, may.meeting_date) == ("Økonomiudvalget", date(2024, 5, 14))
    assert [case.case_number for case in may.cases] == [1, 2, 3]
    airport = may.cases[1]
    assert airport.title == "Fremrykkelse af driftstilskud til Stauning Lufthavn"
    assert "2,248 mio. kr." in airport.section("Økonomi")
    assert airport.decision == "Økonomiudvalget anbefaler administrationens indstilling godkendt."
    council = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2020-02-18_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2020, 2, 18))
    [questions] = council.cases
    assert questions.title == "Spørgetid i Byrådet"
    assert "Jens Bollerup" in questions.section("Sagsfremstilling")
    assert questions.decision is None


def test_varde_planning_committee_two_meetings_below_their_lists_of_items():
    october = bundled("Varde", "varde_udvalget-for-plan-og-teknik_2018-10-10_referat.txt")
    assert (october.committee, october.meeting_date) == (
        "Udvalget for Plan og Teknik",
        date(2018, 10, 10),
    )
    # The list of items 212-228 above the items is not read as items.
    assert [case.case_number for case in october.cases] == [212, 213]
    assert october.cases[0].decision == "Godkendt"
    assert "lønninger stiger med 1,70 %" in october.cases[1].section("Sagsfremstilling")
    september = bundled("Varde", "varde_udvalget-for-plan-og-teknik_2019-09-12_referat.txt")
    assert [case.case_number for case in september.cases] == [454, 455]
    assert "tillægsdagsorden" in september.cases[0].section("Sagsfremstilling")
    assert "Tove Wolff" in september.cases[1].section("Sagsfremstilling")


def test_viborg_technical_committee_one_item_titled_by_its_first_sentence():
    august = bundled("Viborg", "viborg_teknisk-udvalg_2019-08-14_referat.txt")
    assert (august.committee, august.meeting_date) == ("Teknisk Udvalg", date(2019, 8, 14))
    [plan] = august.cases
    assert plan.section("Sagsnummer") == "19/17659"
    assert plan.title.startswith("Der lægges op til at aflyse lokalplan nr. 323")
    assert plan.decision == "Indstillingen blev godkendt."
    assert "maj 2011" in plan.section("Sagsfremstilling")
