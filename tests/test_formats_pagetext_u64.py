"""Web pages kept as text, read from the real pages bundled in corpus/: what Copenhagen's pages of
the sixty-fourth round give. Each is read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_valby_news_and_district_plan():
    # Valby's news stand under no heading of their own: the whole is read as the item's summary,
    # and the stored beginnings hold no decision.
    december = bundled("København", "kk_valby-lokaludvalg_2022-12-13_punkt-17.txt")
    assert (december.committee, december.meeting_date, december.kind) == (
        "Valby Lokaludvalg",
        date(2022, 12, 13),
        "referat",
    )
    (news,) = december.cases
    assert (news.case_number, news.title) == (17, "Meddelelser")
    assert [s.heading for s in news.sections] == ["Resumé"]
    summary = news.section("Resumé")
    assert summary.startswith("Sorteringspunkter\nBæredygtigt Byggeri og Genbrug")
    assert "Borgerrepræsentationen godkendte Sikker By-strategien d. 3. november" in summary
    assert summary.endswith("ikke en genåbning af klubben. Der er")
    assert news.decision is None
    january = bundled("København", "kk_valby-lokaludvalg_2024-01-16_punkt-15.txt")
    assert (january.committee, january.meeting_date) == ("Valby Lokaludvalg", date(2024, 1, 16))
    (news,) = january.cases
    assert (news.case_number, news.title) == (15, "Meddelelser")
    summary = news.section("Resumé")
    assert summary.startswith("Meddelelser er til orientering.\nRokeringer og nye suppleanter")
    assert "Susanne Nyboe er udpeget som ny 1. suppleant for Enhedslisten" in summary
    assert summary.endswith("Det forslag vil Metroselskabet nu videreudvikle i d")
    assert news.decision is None
    february = bundled("København", "kk_valby-lokaludvalg_2024-02-20_punkt-20.txt")
    assert (february.committee, february.meeting_date) == ("Valby Lokaludvalg", date(2024, 2, 20))
    (news,) = february.cases
    assert (news.case_number, news.title) == (20, "Meddelelser")
    summary = news.section("Resumé")
    assert "• Ny budgetproces\n• Ny samarbejdsaftale" in summary
    assert news.decision is None
    plan = bundled("København", "kk_valby-lokaludvalg_2022-10-11_punkt-9.txt")
    assert (plan.committee, plan.meeting_date) == ("Valby Lokaludvalg", date(2022, 10, 11))
    (district,) = plan.cases
    assert (district.case_number, district.title) == (9, "Bydelsplan")
    assert [s.heading for s in district.sections] == [
        "Indstilling",
        "Problemstilling",
        "Løsning",
        "Beslutning",
    ]
    assert district.section("Indstilling").startswith("Formanden indstiller,\n1) at Valby")
    assert district.decision == "Styregruppens anbefalinger blev taget til efterretning."


def test_vesterbro_stories_plan_and_question_time():
    stories = bundled("København", "kk_vesterbro-lokaludvalg_2023-04-19_punkt-20.txt")
    assert (stories.committee, stories.meeting_date, stories.kind) == (
        "Vesterbro Lokaludvalg",
        date(2023, 4, 19),
        "referat",
    )
    (month,) = stories.cases
    assert (month.case_number, month.title) == (20, "Månedens historier")
    assert [s.heading for s in month.sections] == [
        "Resumé",
        "Tidligere beslutninger",
        "Indstilling",
        "Problemstilling",
        "Løsning",
        "Videre proces",
        "Beslutning",
    ]
    assert month.section("Problemstilling").endswith("Salg af billetter til københavnerpicnic")
    assert month.decision == "Indstillingen blev godkendt."
    plan = bundled("København", "kk_vesterbro-lokaludvalg_2022-09-21_punkt-4.txt")
    assert (plan.committee, plan.meeting_date) == ("Vesterbro Lokaludvalg", date(2022, 9, 21))
    (work,) = plan.cases
    assert (work.case_number, work.title) == (4, "Opsamling på bydelsplanarbejdet - sep. 2022")
    assert "afsat 30.000 kr. af puljemidlerne" in work.section("Tidligere beslutninger")
    assert work.section("Indstilling").endswith(
        "4. at Vesterbro Lokaludvalg godkender justeret procesplan (vedlagt som bilag)."
    )
    # The stored beginning ends in the problem statement: no decision.
    assert work.decision is None
    question_time = bundled("København", "kk_vesterbro-lokaludvalg_2020-02-19_punkt-1.txt")
    assert question_time.meeting_date == date(2020, 2, 19)
    (time,) = question_time.cases
    assert (time.case_number, time.title) == (1, "Spørgetid")
    assert [s.heading for s in time.sections] == ["Resumé", "Beslutning"]
    assert time.decision.startswith("Thomas Warburg rejste på vegne af borger")


def test_bispebjerg_and_amager_oest():
    # Bispebjerg's "Det indstilles," stands under no heading and is read as the summary.
    budget = bundled("København", "kk_bispebjerg-lokaludvalg_2022-05-19_punkt-5.txt")
    assert (budget.committee, budget.meeting_date, budget.kind) == (
        "Bispebjerg Lokaludvalg",
        date(2022, 5, 19),
        "referat",
    )
    (wishes,) = budget.cases
    assert (wishes.case_number, wishes.title) == (5, "Ønsker til budget 2023")
    assert [s.heading for s in wishes.sections] == [
        "Resumé",
        "Baggrund",
        "Bilag",
        "Løsning",
        "Beslutning",
    ]
    assert wishes.section("Resumé").startswith("Det indstilles,\n1. at lokaludvalget drøfter")
    assert "• Flere Læger til Bispebjerg" in wishes.section("Baggrund")
    assert wishes.decision.startswith("ad 1. Lokaludvalget drøftede forslag til budgetønsker")
    plan = bundled("København", "kk_bispebjerg-lokaludvalg_2023-02-23_punkt-5.txt")
    assert plan.meeting_date == date(2023, 2, 23)
    (approval,) = plan.cases
    assert (approval.case_number, approval.title) == (
        5,
        "Godkendelse af Bispebjerg Bydelsplan 2023",
    )
    assert [s.heading for s in approval.sections] == ["Resumé", "Baggrund", "Videre proces"]
    assert "32% mod 19% i hele København" in approval.section("Baggrund")
    assert approval.decision is None
    status = bundled("København", "kk_bispebjerg-lokaludvalg_2013-04-18_punkt-4.txt")
    assert status.meeting_date == date(2013, 4, 18)
    (district,) = status.cases
    assert (district.case_number, district.title) == (
        4,
        "BYDELSPLAN - STATUS - MØDE RÅDHUSET 23. MAJ",
    )
    # "Indstilling og beslutning" is read as the recommendation; the stored beginning ends in the
    # solution, before any decision.
    assert [s.heading for s in district.sections] == ["Indstilling", "Problemstilling", "Løsning"]
    assert "30 millioner kroner" in district.section("Problemstilling")
    assert district.decision is None
    east = bundled("København", "kk_amager-oest-lokaludvalg_2023-01-26_punkt-13.txt")
    assert (east.committee, east.meeting_date) == ("Amager Øst Lokaludvalg", date(2023, 1, 26))
    (orientation,) = east.cases
    assert (orientation.case_number, orientation.title) == (13, "Statusorientering")
    assert orientation.section("Indstilling").startswith("Forpersonen for Amager Øst")
    assert "• Ama'røsten, deadline den 24. februar kl. 12" in orientation.decision
    assert orientation.decision.endswith("Lokaludvalget tog orienteringen til efterretning.")
