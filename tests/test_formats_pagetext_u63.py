"""Web pages kept as text, read from the real pages bundled in corpus/: what Copenhagen's pages of
the sixty-third round give. Each is read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_valby_news_read_as_the_summary():
    # Valby's news stand under no heading of their own: the whole is read as the item's summary,
    # each piece's heading kept as a line of it, and the stored beginnings hold no decision.
    june = bundled("København", "kk_valby-lokaludvalg_2022-06-14_punkt-20.txt")
    assert (june.committee, june.meeting_date, june.kind) == (
        "Valby Lokaludvalg",
        date(2022, 6, 14),
        "referat",
    )
    (news,) = june.cases
    assert (news.case_number, news.title) == (20, "Meddelelser")
    assert [s.heading for s in news.sections] == ["Resumé"]
    summary = news.section("Resumé")
    assert summary.startswith("Ejendomsmæglerkrydset\nByudvikling & Trafik havde 24. maj besøg")
    assert "Syv lokaludvalgsmedlemmer deltog i kurset" in summary
    assert "Båltalen holdes af Teknik- og Miljøborgmester Line Barfod." in summary
    assert summary.endswith("informationsmøde d. 21. juni kl. 19-21 på Ka")
    assert news.decision is None
    september = bundled("København", "kk_valby-lokaludvalg_2023-09-12_punkt-18.txt")
    assert (september.committee, september.meeting_date) == (
        "Valby Lokaludvalg",
        date(2023, 9, 12),
    )
    (proposals,) = september.cases
    assert (proposals.case_number, proposals.title) == (18, "Meddelelser")
    summary = proposals.section("Resumé")
    assert summary.startswith("Meddelelser er til orientering.")
    assert "opbakning fra mindst 5.000 københavnerne inden for 180 dage" in summary
    assert summary.endswith("Valby Lokaludvalg deltager med to medlemmer i det")
    assert proposals.decision is None


def test_amager_vest_news_lettered_in_the_item():
    news = bundled("København", "kk_amager-vest-lokaludvalg_2014-12-16_punkt-12.txt")
    assert (news.committee, news.meeting_date, news.kind) == (
        "Amager Vest Lokaludvalg",
        date(2014, 12, 16),
        "referat",
    )
    (messages,) = news.cases
    assert (messages.case_number, messages.title) == (12, "Meddelelser, eventuelt og afslutning")
    assert messages.section("Indstilling").startswith("Formanden for Amager Vest indstiller,")
    lettered = messages.section("Problemstilling")
    assert "b. Orientering om borgermøde om Bardenflethsgade den 13.1." in lettered
    assert "André Just Vedgren orienterede fra sin deltagelse i Grøn Workshop" in messages.decision
    assert messages.decision.endswith("Herefter sluttede mødet kl. 19.47.")
    earlier = bundled("København", "kk_amager-vest-lokaludvalg_2013-11-26_punkt-13.txt")
    assert (earlier.committee, earlier.meeting_date) == (
        "Amager Vest Lokaludvalg",
        date(2013, 11, 26),
    )
    (messages,) = earlier.cases
    assert (messages.case_number, messages.title) == (13, "Meddelelser, eventuelt og afslutning")
    assert "h. AVLUs julefrokost" in messages.section("Problemstilling")
    assert messages.decision.startswith("Meddelelserne blev taget til efterretning.")
    assert messages.decision.endswith("Herefter sluttede mødet kl. 19.58.")


def test_local_councils_not_bundled_before():
    # Vesterbro's and Kongens Enghave's case pages, read from their addresses as Copenhagen's case
    # pages bundled before.
    old = bundled("København", "kk_vesterbro-lokaludvalg_2016-01-20_punkt-20.txt")
    assert (old.committee, old.meeting_date, old.kind) == (
        "Vesterbro Lokaludvalg",
        date(2016, 1, 20),
        "referat",
    )
    (news,) = old.cases
    assert (news.case_number, news.title) == (20, "Meddelelser")
    summary = news.section("Resumé")
    assert summary.startswith("Formanden orienterer om LUFT/mødeforum")
    assert "betalingsparkering på Flæsketorvet" in summary
    assert news.decision is None
    summer = bundled("København", "kk_vesterbro-lokaludvalg_2021-06-16_punkt-15.txt")
    assert (summer.committee, summer.meeting_date) == ("Vesterbro Lokaludvalg", date(2021, 6, 16))
    (stories,) = summer.cases
    assert (stories.case_number, stories.title) == (15, "Beslutning om sommerens historier")
    assert [s.heading for s in stories.sections] == [
        "Resumé",
        "Indstilling",
        "Problemstilling",
        "Løsning",
        "Økonomi",
        "Videre proces",
        "Beslutning",
    ]
    assert stories.section("Indstilling").startswith("Formanden foreslår,")
    assert stories.decision.startswith("Det blev besluttet, at sommerens historier er:")
    square = bundled("København", "kk_kongens-enghave-lokaludvalg_2020-02-27_punkt-1.txt")
    assert (square.committee, square.meeting_date) == (
        "Kongens Enghave Lokaludvalg",
        date(2020, 2, 27),
    )
    (time,) = square.cases
    assert (time.case_number, time.title) == (1, "Borgernes tid")
    # The template's empty headings above the decision are dropped.
    assert [s.heading for s in time.sections] == ["Resumé", "Beslutning"]
    assert "forsøgsordning med alkoholforbud på pladsen" in time.decision
    plan = bundled("København", "kk_kongens-enghave-lokaludvalg_2025-11-27_punkt-3.txt")
    assert plan.meeting_date == date(2025, 11, 27)
    (year,) = plan.cases
    assert (year.case_number, year.title) == (
        3,
        "Beslutning om godkendelse af lokaludvalgets årsplan for 2026",
    )
    assert year.section("Indstilling").startswith("Forretningsudvalget indstiller")
    assert year.section("Økonomi") == "Intet"
    assert year.decision.endswith("Med disse redaktionelle ændringer blev årsplanen godkendt.")
