"""Web pages kept as text, read from the real pages bundled in corpus/: what Faxe's, Svendborg's,
Roskilde's, Dragør's, Ishøj's, Slagelse's, Frederikssund's, Solrød's and Gribskov's pages of the
forty-second round give. One rule came with them: a line that cites a decision with "jf."
("... jf. Økonomiudvalgets beslutning den 25. marts 2022.") is a sentence, not a heading over one."""

from datetime import date

from qa.formats.structure import decision_heading
from tests.conftest import bundled


def test_a_sentence_citing_a_decision_is_no_decision_heading():
    meeting = date(2022, 6, 22)
    cited = "Der holdes dialog med formanden for Strandparken jf. Økonomiudvalgets beslutning den 25. marts 2022."
    assert decision_heading(cited, meeting) is None
    # The headings it must not touch: this meeting's decision, an earlier committee's.
    assert decision_heading("BESLUTNING: Økonomiudvalget den 22-06-2022", meeting) == "Beslutning"
    assert decision_heading("Økonomiudvalgets beslutning den 25. marts 2022", meeting) == (
        "Økonomiudvalgets beslutning den 25. marts 2022"
    )


def test_dragoer_summary_that_cites_a_decision_stays_the_summary():
    june = bundled("Dragør", "dragoer_oekonomiudvalget_2022-06-22_referat.txt")
    assert (june.committee, june.meeting_date, june.kind) == (
        "Økonomiudvalget",
        date(2022, 6, 22),
        "referat",
    )
    assert [case.case_number for case in june.cases] == [1, 2]
    dialogue, terrace = june.cases
    assert dialogue.title == "Dialog med Strandparken"
    assert dialogue.section("Resumé").startswith("Der holdes dialog med formanden for Strandparken")
    assert "Søren Keldorff" in dialogue.section("Sagsfremstilling")
    assert dialogue.decision is None
    assert terrace.title == "Dragør Strandhotel - ansøgning om udeservering på havnen"
    assert terrace.section("Sagsnummer") == "Sagsid.: 22/4263"
    assert terrace.decision.startswith("Ad 1\nGodkendt.\nAd 2\nGodkendt med tilføjelse")
    assert "3.5 meter bredt og 8 meter langt" in terrace.section("Sagsfremstilling")


def test_dragoer_shed_plots_with_two_committees_decisions():
    october = bundled("Dragør", "dragoer_oekonomiudvalget_2021-10-14_referat.txt")
    assert october.meeting_date == date(2021, 10, 14)
    (sheds,) = october.cases
    assert sheds.case_number == 1
    assert sheds.title.startswith("Skurbyen - udkast til nyt regulativ")
    assert sheds.section("BESLUTNING: By-, Erhvervs- og Planudvalget den 05-10-2021").startswith(
        "Sagen oversendes til ØU/KB uden anbefaling."
    )
    assert "Anbefales over for KB." in sheds.decision
    assert "Undlod at stemme 1 (C)" in sheds.decision


def test_faxe_plan_and_culture_committee_budget_follow_up():
    august = bundled("Faxe", "faxe_plan-kulturudvalget_2019-08-27_referat.txt")
    assert (august.committee, august.meeting_date) == ("Plan & Kulturudvalget", date(2019, 8, 27))
    assert [case.case_number for case in august.cases] == [104, 105]
    agenda, follow_up = august.cases
    assert agenda.decision.startswith("Godkendt.\nFraværende: Michael Christensen (C)")
    assert follow_up.title == "Budgetopfølgning pr. 31. maj 2019"
    assert "mindreforbrug på 19,6 mio. kr." in follow_up.section("Sagsfremstilling")
    assert follow_up.decision is None


def test_svendborg_finance_committee_two_meetings():
    september = bundled("Svendborg", "svendborg_oekonomiudvalget_2023-09-12_referat.txt")
    assert (september.committee, september.meeting_date) == (
        "Økonomiudvalget",
        date(2023, 9, 12),
    )
    # Items shown by neither number nor title: numbered in order, titled by their first sentence.
    assert [case.case_number for case in september.cases] == [1, 2]
    agenda, budget = september.cases
    assert agenda.title == "Afbud fra Jørgen Lundsgaard (B)"
    assert "Hanne Ringgaard Møller (B)" in agenda.decision
    assert "25. september 2023 kl. 23.59" in budget.section("Indstilling")
    assert "budgetseminaret den 29. august 2023" in budget.section("Sagsfremstilling")
    march = bundled("Svendborg", "svendborg_oekonomiudvalget_2025-03-18_referat.txt")
    assert march.meeting_date == date(2025, 3, 18)
    agenda, transfers = march.cases
    assert "Birger Jensen forlod mødet efter behandlingen af punkt 9" in agenda.decision
    assert transfers.title == "Godkendelse af bevillingsoverførsler fra regnskab 2024"
    assert "- 76,9 mio. kr. til 2025." in transfers.section("Indstilling")
    assert transfers.decision is None


def test_roskilde_school_committee_youth_effort():
    june = bundled("Roskilde", "roskilde_skole-og-boerneudvalget_2017-06-06_referat.txt")
    assert (june.committee, june.meeting_date) == ("Skole- og Børneudvalget", date(2017, 6, 6))
    assert [case.case_number for case in june.cases] == [69, 70]
    agenda, youth = june.cases
    assert agenda.decision == "Godkendt."
    assert youth.title == "En styrket ungeindsats"
    assert "forårsseminar den 20.-21. april 2017" in youth.section("Resume")
    assert "4. der gives en status på arbejdet ultimo 2017." in youth.section("Indstilling")
    assert "16-29-årige" in youth.section("Sagsfremstilling")


def test_ishoej_council_calendar_for_2022():
    january = bundled("Ishøj", "ishoej_ishoej-byraad_2022-01-04_referat.txt")
    assert (january.committee, january.meeting_date) == ("Ishøj Byråd", date(2022, 1, 4))
    # The closed items' public decisions above the open ones are not items of their own.
    questions, calendar = january.cases
    assert (questions.case_number, questions.decision) == (1, "Ingen spørgsmål.")
    assert calendar.case_number == 2
    assert "sag. nr. 66" in calendar.section("Resume")
    assert "Tirsdag den 28. juni" in calendar.section("Sagsfremstilling")


def test_slagelse_city_council_two_meetings():
    october = bundled("Slagelse", "slagelse_byraadet_2019-10-28_referat.txt")
    assert (october.committee, october.meeting_date) == ("Byrådet", date(2019, 10, 28))
    agenda, budget = october.cases
    assert "Som suppleant deltog Mick Keller (I)." in agenda.decision
    assert budget.title == "Budget 2020-2023 - 2. behandling af budget (B)"
    assert "17,3 mio. kr." in budget.section("Baggrund")
    assert budget.decision is None
    february = bundled("Slagelse", "slagelse_byraadet_2023-02-27_referat.txt")
    assert february.meeting_date == date(2023, 2, 27)
    agenda, grants = february.cases
    assert "Imod stemte 30" in agenda.decision
    assert grants.title == "Anlægsbevillinger under Økonomiudvalget (B)"
    assert "1,067 mio. kr. til anlæg" in grants.decision
    assert "Lokalplan 1253 Korsør" in grants.section("Sagens indhold")


def test_frederikssund_council_question_time():
    february = bundled("Frederikssund", "frederikssund_byraadet_2023-02-01_referat.txt")
    assert (february.committee, february.meeting_date) == ("Byrådet", date(2023, 2, 1))
    (questions,) = february.cases
    assert (questions.case_number, questions.title) == (1, "Spørgsmål til Byrådet fra borgerne")
    assert "Kamilla Jøhnk" in questions.decision
    assert "Tina Pries spurgte til sagsbehandlingstiden på børneområdet." in questions.decision
    assert "livestreames" in questions.section("Sagsfremstilling")


def test_solroed_local_plan_ulvedalsvej():
    august = bundled("Solrød", "solrod_oekonomi-teknik-og-miljoeudvalget_2019-08-19_referat.txt")
    assert (august.committee, august.meeting_date) == (
        "Økonomi-, teknik- og miljøudvalget",
        date(2019, 8, 19),
    )
    (plan,) = august.cases
    assert (plan.case_number, plan.title) == (
        145,
        "Igangsætning af lokalplanarbejdet for Ulvedalsvej, Havdrup nordøst",
    )
    assert plan.decision == "Tiltrådt."
    assert "40 - 50 boliger" in plan.section("Baggrund")


def test_gribskov_theme_committee_at_fraendekilde():
    january = bundled(
        "Gribskov",
        "gribskov_17-stk-4-strategi-og-samskabelse-i-gribskov-2030_2019-01-16_referat.txt",
    )
    assert (january.committee, january.meeting_date) == (
        "§17, Stk. 4. Strategi og Samskabelse i Gribskov 2030",
        date(2019, 1, 16),
    )
    agenda, farm = january.cases
    assert (agenda.case_number, agenda.decision) == (1, "Tiltrådt")
    assert farm.title == "Frændekilde - initiativer og samskabelse"
    assert "Kim Wolff" in farm.section("Resume")
    assert "595 kvm" in farm.section("Sagsfremstilling")
    assert farm.decision is None
