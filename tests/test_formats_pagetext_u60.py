"""Web pages kept as text, read from the real pages bundled in corpus/: what Copenhagen's, Odense's
and Svendborg's pages of the sixtieth round give. Each is read by the rules already there; no rule
came with them."""

from datetime import date

from tests.conftest import bundled


def test_copenhagen_local_councils_not_bundled_before():
    # Case pages of one item each, the committee and item number read from their addresses, as
    # Copenhagen's case pages bundled before.
    plan = bundled("København", "kk_valby-lokaludvalg_2023-04-11_punkt-8.txt")
    assert (plan.committee, plan.meeting_date, plan.kind) == (
        "Valby Lokaludvalg",
        date(2023, 4, 11),
        "referat",
    )
    (district,) = plan.cases
    assert (district.case_number, district.title) == (8, "Godkendelse af Valby Bydelsplan 2023")
    assert district.section("Indstilling").startswith("Sekretariatet indstiller,")
    assert "frist for tilbagemelding 10. april 2023" in district.section("Problemstilling")
    # The stored beginning stops in the section on what happens next, before any decision.
    assert district.section("Videre proces").startswith("Bydelsplanen godkendes formelt")
    assert district.decision is None
    status = bundled("København", "kk_amager-oest-lokaludvalg_2022-12-15_punkt-15.txt")
    assert (status.committee, status.meeting_date) == ("Amager Øst Lokaludvalg", date(2022, 12, 15))
    (orientation,) = status.cases
    assert (orientation.case_number, orientation.title) == (15, "Statusorientering")
    assert "• Følgegruppe for Lynetteholm" in orientation.section("Problemstilling")
    assert "• Juledag i Kvarterhuset" in orientation.decision
    assert orientation.decision.endswith("Lokaludvalget tog orienteringen til efterretning.")
    news = bundled("København", "kk_oesterbro-lokaludvalg_2013-11-14_punkt-3.txt")
    assert (news.committee, news.meeting_date) == ("Østerbro Lokaludvalg", date(2013, 11, 14))
    # Its four numbered pieces of news stay in the one item, read as its summary.
    (messages,) = news.cases
    assert (messages.case_number, messages.title) == (3, "Meddelelser")
    assert "3. Svar på henvendelse vedr. fødevarebutik på Trianglen" in messages.section("Resumé")
    assert "Pakhus 11" in messages.section("Resumé")


def test_odense_committees_not_bundled_before():
    # Their preambles (who did not take part) and lists of items stay above the first item and
    # are not read as items; the stored beginnings stop inside item 1, before its decision.
    grants = bundled("Odense", "odense_folkeoplysningsudvalget_2016-11-10_referat.txt")
    assert (grants.committee, grants.meeting_date, grants.kind) == (
        "Folkeoplysningsudvalget",
        date(2016, 11, 10),
        "referat",
    )
    (pool,) = grants.cases
    assert (pool.case_number, pool.title) == (1, "Ansøgninger til 2:1 puljen 2017")
    assert "Der er indgået 38 ansøgninger til 2:1 puljen 2017." in pool.section("Resumé")
    assert "156.667 kr. til Allerupgaard Rideklub" in pool.section("Indstilling")
    assert pool.decision is None
    culture = bundled("Odense", "odense_by-og-kulturudvalget_2017-04-18_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "By- og Kulturudvalget",
        date(2017, 4, 18),
    )
    (children,) = culture.cases
    assert (children.case_number, children.title) == (1, "Børnehus Syd")
    assert "Kommunekontaktråd (KKR) Syddanmark" in children.section("Resumé")


def test_svendborg_committees_not_bundled_before():
    # Items show neither number nor title: numbered in order, titled by their first sentence or
    # their Beslutningstema, as Svendborg's pages bundled before.
    pool = bundled("Svendborg", "svendborg_plan-og-lokalsamfundsudvalget_2025-01-14_referat.txt")
    assert (pool.committee, pool.meeting_date, pool.kind) == (
        "Plan- og Lokalsamfundsudvalget",
        date(2025, 1, 14),
        "referat",
    )
    agenda, green = pool.cases
    assert [agenda.case_number, green.case_number] == [1, 2]
    assert agenda.decision == "Godkendt, idet punkt 4 behandles efter punkt 1."
    assert "fra 125.000 kr. pr. MW til 313.000 kr. pr. MW" in green.section("Sagsfremstilling")
    assert green.decision is None
    seniors = bundled(
        "Svendborg", "svendborg_senior-social-og-sundhedsudvalget_2024-11-05_referat.txt"
    )
    assert (seniors.committee, seniors.meeting_date) == (
        "Senior- Social- og Sundhedsudvalget",
        date(2024, 11, 5),
    )
    agenda, follow_up = seniors.cases
    assert agenda.decision == "Godkendt."
    assert follow_up.title == (
        "Budgetopfølgning pr. 30. september 2024 for Senior-, Social- og Sundhedsudvalget"
    )
    assert "merforbrug på 9,1 mio. kr." in follow_up.section("Sagsfremstilling")
    leisure = bundled("Svendborg", "svendborg_folkeoplysningsudvalg_2025-09-29_referat.txt")
    assert (leisure.committee, leisure.meeting_date) == (
        "Folkeoplysningsudvalg",
        date(2025, 9, 29),
    )
    agenda, screens, holidays = leisure.cases
    assert [c.case_number for c in leisure.cases] == [1, 2, 3]
    assert "Som suppleant deltog Hanne Ringgaard Møller." in agenda.decision
    assert screens.title == "Orientering v/SPULT om skærmanbefalinger til foreningerne"
    assert screens.decision.startswith("Vigtigt emne at tage fat i.")
    assert holidays.title == "Fordeling af tilskud til efterårsferieaktiviteter 2025"
    assert "i alt 6 ansøgninger" in holidays.section("Sagsfremstilling")
    assert holidays.decision is None
