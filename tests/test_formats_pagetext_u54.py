"""Web pages kept as text, read from the real pages bundled in corpus/: what Bornholm's, Slagelse's,
Copenhagen's, Albertslund's, Fredensborg's and Gribskov's pages of the fifty-fourth round give. Each is
read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_bornholm_committees_not_bundled_before():
    nature = bundled("Bornholm", "brk_natur-og-miljoeudvalget_2018-09-25_referat.txt")
    assert (nature.committee, nature.meeting_date, nature.kind) == (
        "Natur- og Miljøudvalget",
        date(2018, 9, 25),
        "referat",
    )
    # The list of items above them is not read as items; the third stops in its title.
    assert [c.case_number for c in nature.cases] == [1, 2, 3]
    absent, deputy, _ = nature.cases
    assert absent.section("Fraværende").startswith("Torben Rønne-Larsen")
    assert deputy.title == "Valg af næstformand"
    assert deputy.decision == "Else Merete Knoop vælges som næstformand."
    assert "Valget ledes af formanden." in deputy.section("Sagsfremstilling")
    climate = bundled("Bornholm", "brk_klima-og-baeredygtighedsudvalget_2018-09-17_referat.txt")
    assert (climate.committee, climate.meeting_date) == (
        "Klima- og Bæredygtighedsudvalget",
        date(2018, 9, 17),
    )
    absences, waste = climate.cases
    assert "Winni Grosbøll forlod mødet kl. 17.45" in absences.section("Fraværende")
    assert waste.title == "Nye affaldsordninger"
    # "Indstilling og beslutning" stays in the Resumé, as on Bornholm's pages bundled before;
    # the stored beginning stops before the decision.
    assert "Koncerndirektøren indstiller," in waste.section("Resumé")
    assert waste.decision is None
    technical = bundled("Bornholm", "brk_teknik-og-miljoeudvalget_2014-01-06_referat.txt")
    assert (technical.committee, technical.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2014, 1, 6),
    )
    first, members = technical.cases
    assert "Beredskabet i Åkirkeby" in first.section("Fraværende")
    assert members.title == "Teknik- og Miljøudvalget for valgperioden 2014 - 2017"
    assert "Bo Haxthausen (Ø)" in members.section("Resumé")


def test_slagelse_council_and_two_committees_on_trung_dk():
    council = bundled("Slagelse", "slagelse_byraadet_2018-05-28_referat.txt")
    assert (council.committee, council.meeting_date, council.kind) == (
        "Byrådet",
        date(2018, 5, 28),
        "referat",
    )
    agenda, follow_up = council.cases
    assert agenda.title == "Godkendelse af dagsorden (B)"
    assert "Ole Drost (V) havde meldt afbud." in agenda.decision
    assert follow_up.title == "Budgetopfølgning 2 for 2018 - Samlet opfølgning (B)"
    # The table's figures, one a line, stay in the Baggrund.
    assert "4.970.838" in follow_up.section("Baggrund")
    social = bundled(
        "Slagelse", "slagelse_social-og-beskaeftigelsesudvalget-2018-2021_2020-10-05_referat.txt"
    )
    assert (social.committee, social.meeting_date) == (
        "Social- og Beskæftigelsesudvalget (2018-2021)",
        date(2020, 10, 5),
    )
    assert [c.title for c in social.cases] == [
        "Godkendelse af dagsorden (B)",
        "Gensidig orientering (O)",
    ]
    assert "Morten Hass Augustsen (V) deltager online" in social.cases[0].decision
    assert "grøn smiley" in social.cases[1].decision
    special = bundled(
        "Slagelse", "slagelse_udvalget-for-specialiserede-borgerindsatser_2021-03-03_referat.txt"
    )
    assert (special.committee, special.meeting_date) == (
        "Udvalget for Specialiserede Borgerindsatser (2018-2021)",
        date(2021, 3, 3),
    )
    budget = special.cases[1]
    assert budget.title == "Budget 2022-2025 - USB (D)"
    assert "14. december 2020" in budget.section("Sagens indhold")


def test_copenhagen_culture_committee_protocol_of_2005():
    page = bundled("København", "kk_kultur-og-fritidsudvalget_2005-09-29_punkt-21.txt")
    assert (page.committee, page.meeting_date, page.kind) == (
        "Kultur- og Fritidsudvalget",
        date(2005, 9, 29),
        "referat",
    )
    (news,) = page.cases
    assert (news.case_number, news.title) == (21, "Meddelelser")
    assert "Karin Storgaard" in news.section("Afbud")
    assert "Copenhagen International Film Festival" in news.decision


def test_albertslund_culture_committee_2019():
    meeting = bundled("Albertslund", "albertslund_kultur-og-fritidsudvalget_2019-01-22_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2019, 1, 22),
    )
    # The list of contents above the items is not read as items.
    (library,) = meeting.cases
    assert library.title == "KFU/ØU/KB - Selvbetjent bibliotek - værtsrollen"
    assert library.section("Tekst").startswith("Anledning")
    assert "værtsskab" in library.section("Sagsfremstilling")


def test_fredensborg_planning_committee_print_pages():
    may = bundled(
        "Fredensborg", "fredensborg_plan-miljoe-og-klimaudvalget-18-21_2018-05-29_referat.txt"
    )
    assert (may.committee, may.meeting_date) == (
        "Plan-, Miljø- og Klimaudvalget (18-21)",
        date(2018, 5, 29),
    )
    assert [c.case_number for c in may.cases] == [99, 100, 101]
    assert "sagerne 104 og 105 blev fremrykket" in may.cases[0].decision
    assert "Grundejerforeningen Jellerødgaard" in may.cases[1].decision
    assert may.cases[2].section("Sagsnummer") == "Sagsnr.: 17/10570"
    january = bundled(
        "Fredensborg", "fredensborg_plan-miljoe-og-klimaudvalget-18-21_2019-01-08_referat.txt"
    )
    assert january.meeting_date == date(2019, 1, 8)
    assert [c.title for c in january.cases][:2] == ["Godkendelse af dagsorden", "Træffetid"]
    assert "Søren Bredvig" in january.cases[1].decision


def test_gribskov_environment_climate_and_coast():
    may18 = bundled("Gribskov", "gribskov_miljoe-klima-og-kyst_2018-05-18_referat.txt")
    assert (may18.committee, may18.meeting_date) == ("Miljø, Klima og Kyst", date(2018, 5, 18))
    assert [c.case_number for c in may18.cases] == [48, 49]
    assert "Kim Valentin deltog som suppleant" in may18.cases[0].decision
    assert may18.cases[1].title == "Udbud: Dagrenovationsindsamling"
    assert "31. april 2019" in may18.cases[1].section("Resume")
    may30 = bundled("Gribskov", "gribskov_miljoe-klima-og-kyst_2018-05-30_referat.txt")
    assert may30.meeting_date == date(2018, 5, 30)
    agenda, budget = may30.cases
    assert "Natasha Stenbo Enetoft fraværende" in agenda.decision
    assert budget.title == "Genåbning af budget 2018-2021 MKK"
    assert "12. marts 2018" in budget.section("Baggrund")
