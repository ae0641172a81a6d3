"""Web pages kept as text, read from the real pages bundled in corpus/: what Brønderslev's,
Mariagerfjord's, Fredericia's, Thisted's, Aabenraa's, Jammerbugt's and Ringkøbing-Skjern's pages of
the twenty-ninth round give. No rule came with them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_bronderslev_technical_committee_absences_and_a_wind_farm():
    wind = bundled("Brønderslev", "bronderslev_teknik-og-miljoeudvalget_2016-04-11_referat.txt")
    assert (wind.committee, wind.meeting_date, wind.kind) == (
        "Teknik- og Miljøudvalget",
        date(2016, 4, 11),
        "referat",
    )
    assert [case.case_number for case in wind.cases] == [1, 2, 3]
    assert wind.cases[0].decision == "Ole Bruun."
    assert wind.cases[2].title == "Ansøgning om vindmølleprojekt ved Bolle Enge"
    assert "7 vindmøller med en højde på 149,9 m" in wind.cases[2].section("Sagsfremstilling")
    plans = bundled("Brønderslev", "bronderslev_teknik-og-miljoeudvalget_2018-03-05_referat.txt")
    assert (plans.committee, plans.meeting_date) == ("Teknik- og Miljøudvalget", date(2018, 3, 5))
    assert [case.case_number for case in plans.cases] == [1, 2, 3, 4]
    assert plans.cases[2].decision == "Udsættes.\nKarsten Frederiksen var fraværende."
    assert plans.cases[3].title == "Vedtagelse af lokalplan for Manna Thise Multihus"


def test_mariagerfjord_finance_committee_items_after_their_case_ids():
    finance = bundled("Mariagerfjord", "mariagerfjord_oekonomiudvalget_2019-01-23_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2019, 1, 23))
    assert [case.case_number for case in finance.cases] == [9, 10, 11]
    daycare = finance.cases[1]
    assert daycare.title == "Retningslinjer for dagtilbud jf. § 3a"
    assert daycare.section("Sagsnummer") == "28.06.04-G01-2-18"
    assert "Fraværende med afbud: Søren Greve (V)." in daycare.section("Indstilling")
    assert daycare.decision == "Indstilles godkendt."


def test_fredericia_punkt_numbers_and_budget_figures():
    follow_up = bundled("Fredericia", "fredericia_oekonomiudvalget_2018-08-27_referat.txt")
    assert (follow_up.committee, follow_up.meeting_date) == ("Økonomiudvalget", date(2018, 8, 27))
    assert [case.case_number for case in follow_up.cases] == [92, 93]
    assert follow_up.cases[0].decision == "Godkendt."
    assert "forværret resultat med 84,1 mio. kr." in follow_up.cases[1].section("Resumé")
    audit = bundled("Fredericia", "fredericia_oekonomi-og-erhvervsudvalget_2023-06-12_referat.txt")
    assert (audit.committee, audit.meeting_date) == (
        "Økonomi- og Erhvervsudvalget",
        date(2023, 6, 12),
    )
    assert audit.cases[1].title == "Beslutningssag: Revisionsberetning regnskab 2022"
    assert "revisionsselskab PwC" in audit.cases[1].section("Sagsbeskrivelse")


def test_thisted_votes_and_audit_reports():
    ombudsman = bundled("Thisted", "thisted_oekonomiudvalget_2021-03-24_referat.txt")
    assert (ombudsman.committee, ombudsman.meeting_date) == ("Økonomiudvalget", date(2021, 3, 24))
    assert [case.title for case in ombudsman.cases] == [
        "Godkendelse af dagsorden",
        "Oprettelse af funktion som borgerrådgiver",
    ]
    vote = bundled("Thisted", "thisted_kommunalbestyrelsen_2021-01-26_referat.txt")
    assert (vote.committee, vote.meeting_date) == ("Kommunalbestyrelsen", date(2021, 1, 26))
    assert "Henning Holm undlader at stemme." in vote.cases[0].decision
    reports = bundled("Thisted", "thisted_kommunalbestyrelsen_2022-06-28_referat.txt")
    assert [case.case_number for case in reports.cases] == [112, 113]
    assert "(beretning nr. 31)" in reports.cases[1].section("Sagstema")


def test_aabenraa_jammerbugt_and_ringkobing_skjern_councils():
    proposal = bundled("Aabenraa", "aabenraa_byraadet_2013-05-29_referat.txt")
    assert (proposal.committee, proposal.meeting_date) == ("Byrådet", date(2013, 5, 29))
    (minutes,) = proposal.cases
    assert minutes.section("Sagsnummer") == "13/18514"
    assert minutes.decision == "Forslaget blev ikke godkendt, idet 27 stemte imod."
    balance = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2019-08-29_referat.txt")
    assert (balance.committee, balance.meeting_date) == ("Kommunalbestyrelsen", date(2019, 8, 29))
    (corrected,) = balance.cases
    assert corrected.case_number == 141
    assert corrected.decision == "Godkendt."
    assert corrected.section("Afbud").startswith("Niels Jørgen Pretzmann (V)")
    council = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2025-12-04_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2025, 12, 4))
    assert council.cases[0].decision == "Godkendt, i det at punkt 16 udgår."
    assert "grundskyld på 20,8 mio. kr." in council.cases[1].section("Sagsfremstilling")
