"""Web pages kept as text, read from the real pages bundled in corpus/: what Copenhagen's and
Svendborg's pages of the sixty-second round give. Each is read by the rules already there; no rule
came with them."""

from datetime import date

from tests.conftest import bundled


def test_copenhagen_local_council_case_pages():
    # Case pages of one item each, the committee and item number read from their addresses, as
    # Copenhagen's case pages bundled before.
    dialogue = bundled("København", "kk_valby-lokaludvalg_2022-05-10_punkt-4.txt")
    assert (dialogue.committee, dialogue.meeting_date, dialogue.kind) == (
        "Valby Lokaludvalg",
        date(2022, 5, 10),
        "referat",
    )
    (cooperation,) = dialogue.cases
    assert cooperation.case_number == 4
    assert cooperation.title.startswith("Dialog om lokaludvalgets samarbejde med københavnere")
    assert cooperation.section("Indstilling").startswith("Formanden indstiller,")
    assert "vedtog 4. november 2021 nyt regulativ" in cooperation.section("Problemstilling")
    assert cooperation.decision == (
        "Orienteringen blev taget til efterretning. Slides vedlagt referat."
    )
    citizens = bundled("København", "kk_valby-lokaludvalg_2023-10-10_punkt-1.txt")
    assert (citizens.committee, citizens.meeting_date) == ("Valby Lokaludvalg", date(2023, 10, 10))
    (time,) = citizens.cases
    assert (time.case_number, time.title) == (1, "Borgernes Tid")
    # The text above the decision, with no heading of its own, is read as the item's summary.
    assert "Jan Barslev (Hafnia Hallen)" in time.section("Resumé")
    assert "behandler sagen igen den 26. oktober 2023" in time.decision
    status = bundled("København", "kk_amager-oest-lokaludvalg_2022-08-25_punkt-24.txt")
    assert (status.committee, status.meeting_date) == ("Amager Øst Lokaludvalg", date(2022, 8, 25))
    (orientation,) = status.cases
    assert (orientation.case_number, orientation.title) == (24, "Statusorientering")
    assert "• Amager Strand Parkbrugerråd" in orientation.section("Problemstilling")
    assert orientation.decision.endswith("ukrainske flygtninge på Amager Strandvej 3")


def test_copenhagen_local_councils_not_bundled_before():
    plan = bundled("København", "kk_bispebjerg-lokaludvalg_2016-04-20_punkt-8.txt")
    assert (plan.committee, plan.meeting_date, plan.kind) == (
        "Bispebjerg Lokaludvalg",
        date(2016, 4, 20),
        "referat",
    )
    (evening,) = plan.cases
    assert (evening.case_number, evening.title) == (
        8,
        "Bydelsplanen 2017 – aftenmøde torsdag den 28. april.",
    )
    # Its recommendation has no heading of its own and is read as the summary.
    assert evening.section("Resumé").startswith("Formanden for Bispebjerg Lokaludvalg indstiller,")
    assert evening.section("Økonomi") == "Ingen økonomi forbundet med indstillingen."
    assert evening.decision.endswith("Ad 1. Orienteringen blev taget til efterretning.")
    news = bundled("København", "kk_amager-vest-lokaludvalg_2012-11-20_punkt-21.txt")
    assert (news.committee, news.meeting_date) == ("Amager Vest Lokaludvalg", date(2012, 11, 20))
    (messages,) = news.cases
    assert (messages.case_number, messages.title) == (21, "Meddelelser, eventuelt og afslutning")
    # The lettered news and the steps of the district plan stay in the one item.
    lettered = messages.section("Problemstilling")
    assert "h.      Tilmelding til lokaludvalgets julefrokost" in lettered
    assert "(forventeligt den 17. april 2013)" in lettered
    assert messages.decision.endswith("Mødet sluttede kl 21.37.")


def test_copenhagen_news_read_as_the_decision():
    # Indre By's news of 13 November 2014 stand under "Beslutning" alone: the whole is its decision.
    inner = bundled("København", "kk_indre-by-lokaludvalg_2014-11-13_punkt-21.txt")
    assert (inner.committee, inner.meeting_date) == ("Indre By Lokaludvalg", date(2014, 11, 13))
    (news,) = inner.cases
    assert (news.case_number, news.title) == (21, "Meddelelser")
    assert [s.heading for s in news.sections] == ["Beslutning"]
    assert "Parkeringspladsen  koster 500 kr om måneden." in news.decision
    assert news.decision.endswith("workshop om Københavns grønne strategi.")


def test_svendborg_committee_not_bundled_before():
    # Items show neither number nor title: numbered in order, the agenda's approval titled by its
    # decision and the next item by its Beslutningstema, as Svendborg's pages bundled before.
    budget = bundled(
        "Svendborg", "svendborg_boerne-unge-og-uddannelsesudvalget_2024-08-14_referat.txt"
    )
    assert (budget.committee, budget.meeting_date, budget.kind) == (
        "Børne- Unge- og Uddannelsesudvalget",
        date(2024, 8, 14),
        "referat",
    )
    agenda, themes = budget.cases
    assert [agenda.case_number, themes.case_number] == [1, 2]
    assert agenda.decision == "Godkendt.\nRasmus Feldingbjerg Drabe (løsg.) var fraværende."
    # Its first sentence stops at "evt.", and so does its title.
    assert themes.title.endswith("opdateret anlægstema på skoleområdet samt evt.")
    assert "op til 3 temaer/udvidelsesønsker" in themes.section("Sagsfremstilling")
    assert themes.decision is None
    procedure = bundled(
        "Svendborg", "svendborg_boerne-unge-og-uddannelsesudvalget_2025-03-05_referat.txt"
    )
    assert procedure.meeting_date == date(2025, 3, 5)
    agenda, process = procedure.cases
    assert agenda.decision == "Godkendt."
    assert process.title == "Budgetprocedure for udarbejdelse af budget 2026"
    assert "anlægsseminar den 29. april 2025" in process.section("Sagsfremstilling")
    assert process.decision is None
