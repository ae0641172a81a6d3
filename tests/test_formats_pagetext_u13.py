"""Web pages kept as text, read from the real pages bundled in corpus/: an item whose title opens
with an ordinal glued to its number ("1.2. behandling af budgetforslaget"), and what Vejen's,
Faxe's, Hvidovre's, Stevns', Slagelse's, Roskilde's, Brønderslev's, Allerød's and Copenhagen's
pages give."""

from datetime import date

from tests.conftest import bundled


def test_an_item_number_glued_to_a_title_that_opens_with_an_ordinal():
    # "1.2. behandling af budgetforslaget ...": item 1, its title "2. behandling ...".
    meeting = bundled("Vejen", "vejen_oekonomiudvalget_2018-10-02_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2018, 10, 2))
    (budget,) = meeting.cases
    assert budget.case_number == 1
    assert budget.title.startswith("2. behandling af budgetforslaget for 2019")
    assert "udskrivningsprocenten fastsættes til 25,2" in budget.section(
        "Administrativ indstilling"
    )


def test_vejen_council_approves_the_family_homes_recommended_by_the_finance_committee():
    meeting = bundled("Vejen", "vejen_byraadet_2021-02-09_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2021, 2, 9))
    (homes,) = meeting.cases
    assert homes.title.startswith("Alfabo, 39 familieboliger i Søndergade")
    assert homes.section("Beslutning Økonomiudvalget den 02-02-2021") == "Indstilles godkendt."
    assert homes.decision.startswith("Godkendt.")
    assert "73.438.000 kr." in homes.section("Sagsfremstilling")


def test_vejen_finance_committee_on_the_accounts_for_2017():
    january = bundled("Vejen", "vejen_oekonomiudvalget_2018-01-30_referat.txt")
    (accounts,) = january.cases
    assert "236,4 mio. kr." in accounts.section("Sagsfremstilling")
    june = bundled("Vejen", "vejen_oekonomiudvalget_2018-06-19_referat.txt")
    assert [case.case_number for case in june.cases] == [1, 2]
    assert "Afbud: Bodil Staal (A)" in june.cases[0].decision
    assert "forbrugsprocent på 42,9" in june.cases[1].section("Sagsfremstilling")


def test_committees_numbering_their_items_through_the_year():
    faxe = bundled("Faxe", "faxe_boern-laeringsudvalget_2021-09-08_referat.txt")
    assert (faxe.committee, faxe.meeting_date) == ("Børn & Læringsudvalget", date(2021, 9, 8))
    assert [case.case_number for case in faxe.cases] == [108, 109, 110]
    assert "18 høringssvar" in faxe.cases[2].section("Sagsfremstilling")
    stevns = bundled("Stevns", "stevns_kommunalbestyrelsen_2020-01-22_referat.txt")
    assert [case.case_number for case in stevns.cases] == [301, 302]
    assert "8 ugers offentlig høring" in stevns.cases[1].section("Indstilling")
    roskilde = bundled("Roskilde", "roskilde_kultur-og-idraetsudvalget_2019-04-03_referat.txt")
    assert [case.case_number for case in roskilde.cases] == [42, 43, 44]
    assert "2.018.000 kr." in roskilde.cases[2].section("Økonomi")


def test_a_temporary_chair_elected_in_hvidovre():
    meeting = bundled("Hvidovre", "hvidovre_boerne-og-undervisningsudvalget_2015-11-09_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Børne- og Undervisningsudvalget",
        date(2015, 11, 9),
    )
    chair = meeting.cases[1]
    assert "Udvalget valgte Maria Durhuus (A) som formand i orlovsperioden." in chair.decision


def test_a_committee_named_with_its_election_period_keeps_it():
    meeting = bundled("Slagelse", "slagelse_forebyggelses-og-seniorudvalget_2021-01-12_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Forebyggelses- og Seniorudvalget (2018-2021)",
        date(2021, 1, 12),
    )
    assert "Ældrerådsvalg 2021 - udsættes" in meeting.cases[0].decision


def test_copenhagen_case_pages_of_2004_and_2024():
    forecast = bundled("København", "kk_oekonomiudvalget_2004-03-02_dagsorden_punkt-3.txt")
    (case,) = forecast.cases
    assert (forecast.kind, case.case_number, case.title) == (
        "dagsorden",
        3,
        "Regnskabsprognose for 2004",
    )
    assert "2.354 mill. kr." in case.section("Sagsbeskrivelse")
    grants = bundled("København", "kk_kultur-og-fritidsudvalget_2024-02-24_punkt-10.txt")
    (case,) = grants.cases
    assert (grants.committee, grants.meeting_date, case.case_number) == (
        "Kultur- og Fritidsudvalget",
        date(2024, 2, 24),
        10,
    )
    assert "253.655 kr." in case.section("Resumé")


def test_bronderslev_culture_and_alleroed_technical_committees():
    culture = bundled("Brønderslev", "bronderslev_fritids-og-kulturudvalget_2021-11-25_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Fritids- og Kulturudvalget",
        date(2021, 11, 25),
    )
    assert culture.cases[2].title == "Godkendelse af Kulturpolitikken efter høring"
    alleroed = bundled(
        "Allerød", "alleroed_teknik-erhverv-plan-og-miljoeudvalget_2018-03-06_referat.txt"
    )
    assert alleroed.meeting_date == date(2018, 3, 6)
    assert [case.title for case in alleroed.cases] == [
        "Bemærkninger til dagsordenen",
        "Meddelelser",
    ]
