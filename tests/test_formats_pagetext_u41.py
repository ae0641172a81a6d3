"""Web pages kept as text, read from the real pages bundled in corpus/: what Viborg's, Fredericia's,
Herning's and Aabenraa's pages of the forty-first round give. No rule came with them: each is read by
the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_viborg_employment_committee_items_titled_by_their_first_sentence():
    february = bundled("Viborg", "viborg_beskaeftigelsesudvalget_2020-02-25_referat.txt")
    assert (february.committee, february.meeting_date, february.kind) == (
        "Beskæftigelsesudvalget",
        date(2020, 2, 25),
        "referat",
    )
    (career,) = february.cases
    assert career.case_number == 1
    assert career.title.startswith("Viborg Kommune har i dialog med ungdomsuddannelserne")
    assert career.section("Sagsnummer") == "20/4282"
    assert "Forum 100" in career.section("Sagsfremstilling")
    assert career.decision == (
        "Beskæftigelsesudvalget godkendte oplægget til koncept for Viborg Karriereuge."
    )
    august = bundled("Viborg", "viborg_beskaeftigelsesudvalget_2021-08-10_referat.txt")
    assert august.meeting_date == date(2021, 8, 10)
    assert [case.case_number for case in august.cases] == [1, 2]
    visit, unemployment = august.cases
    assert "Ærøvej 15-17, 8800 Viborg" in visit.section("Sagsfremstilling")
    assert visit.decision.startswith("Beskæftigelsesudvalget tog introduktionen")
    assert "169 færre tilmeldte ledige" in unemployment.section("Resume")
    assert unemployment.decision is None


def test_viborg_children_committee_accounts():
    children = bundled("Viborg", "viborg_boerne-og-ungdomsudvalget_2019-03-26_referat.txt")
    assert (children.committee, children.meeting_date) == (
        "Børne- og Ungdomsudvalget",
        date(2019, 3, 26),
    )
    (accounts,) = children.cases
    assert accounts.section("Sagsnummer") == "18/8082"
    assert "senest 15. juni 2019" in accounts.section("Resume")
    assert accounts.decision.startswith("Børne- og Ungdomsudvalget vedtog,")


def test_fredericia_culture_committee_three_meetings():
    december = bundled("Fredericia", "fredericia_kultur-og-idraetsudvalget_2022-12-02_referat.txt")
    assert (december.committee, december.meeting_date) == (
        "Kultur- og Idrætsudvalget",
        date(2022, 12, 2),
    )
    assert [case.case_number for case in december.cases] == [1, 2, 3]
    assert december.cases[0].decision == "Godkendt.\nTillægsdagsorden godkendt."
    region = december.cases[1]
    assert region.title.startswith("Orienteringssag: Kulturregion Trekantområdet")
    assert "Kjeld Thrane" in region.section("Sagsbeskrivelse")
    assert region.decision == "Drøftelsen taget til efterretning."
    assert december.cases[2].title == "Beslutningssag: Fredericia Musicalteater - Regnskab 2021"
    assert december.cases[2].decision is None
    january = bundled("Fredericia", "fredericia_kultur-og-idraetsudvalget_2023-01-06_referat.txt")
    assert january.meeting_date == date(2023, 1, 6)
    assert [case.case_number for case in january.cases] == [1, 2, 3, 4]
    assert "Team Danmark aftale for 2024-2027" in january.cases[1].section("Sagsbeskrivelse")
    assert january.cases[2].decision == "Besøget taget til efterretning."
    may = bundled("Fredericia", "fredericia_kultur-og-idraetsudvalget_2018-05-31_referat.txt")
    assert may.meeting_date == date(2018, 5, 31)
    assert [case.case_number for case in may.cases] == [25, 26]
    health = may.cases[1]
    assert health.title == "Fredericias sundhedsprofil 2017 og WHO Healthy City"
    assert "WHO Healthy City Network" in health.section("Sagsbeskrivelse")
    assert health.decision is None


def test_herning_print_pages_of_the_elderly_council_and_the_technical_committee():
    technical = bundled("Herning", "herning_teknik-og-miljoeudvalget_2019-01-07_referat.txt")
    assert (technical.committee, technical.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2019, 1, 7),
    )
    (green,) = technical.cases
    assert (green.case_number, green.title) == (2, "Orientering om møde i Grønt Råd")
    assert "29. november 2018" in green.section("Sagsfremstilling")
    assert green.decision == "Sagen taget til orientering."
    culture = bundled("Herning", "herning_aeldreraadet_2016-05-18_referat.txt")
    assert (culture.committee, culture.meeting_date) == ("Ældrerådet", date(2016, 5, 18))
    (policy,) = culture.cases
    assert (policy.case_number, policy.title) == (47, "Kulturpolitik")
    assert policy.decision.startswith("Fra Ældrerådet tilmeldes Ruth Nørgaard")
    january = bundled("Herning", "herning_aeldreraadet_2018-01-10_referat.txt")
    assert january.meeting_date == date(2018, 1, 10)
    assert [case.case_number for case in january.cases] == [1, 2, 3]
    assert "Jonas Røge" in january.cases[0].section("Sagsfremstilling")
    assert "Onsdag den 12. december 2018" in january.cases[1].section("Sagsfremstilling")
    assert january.cases[1].decision == "Mødeplanen blev godkendt."
    assert january.cases[2].title == "Liste over Ældrerådets medlemmer"
    assert january.cases[2].decision is None


def test_aabenraa_culture_committee_items_numbered_in_order():
    march = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2016-03-07_referat.txt")
    assert (march.committee, march.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2016, 3, 7),
    )
    assert [case.case_number for case in march.cases] == [1, 2]
    assert march.cases[0].decision == "Godkendt.\nAfbud: Signe Bekker Dhiman"
    accounts = march.cases[1]
    assert accounts.title.startswith("Til orientering forelægges regnskabsresultat 2015")
    assert "0,875 mio. kr." in accounts.section("Sagsfremstilling")
    assert accounts.decision is None
    themes = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2018-03-07_referat.txt")
    assert [case.case_number for case in themes.cases] == [1, 2, 3]
    assert themes.cases[1].decision == "Godkendt\nUdvalget ønsker et temamøde om dagens tema."
    assert "Sund Skole 2020" in themes.cases[2].section("Sagsfremstilling")
    january = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2019-01-29_referat.txt")
    assert january.meeting_date == date(2019, 1, 29)
    assert [case.case_number for case in january.cases] == [1, 2, 3]
    # The second item has no text of its own: titled by its recommendation's first line.
    assert january.cases[1].title == "Kultur, Miljø & Erhverv indstiller"
    assert "Hovslund" in january.cases[1].decision
    assert "2,2 millioner euro" in january.cases[2].section("Sagsfremstilling")
