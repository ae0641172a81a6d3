"""Web pages kept as text, read from the real pages bundled in corpus/: what Faxe's, Allerød's,
Assens', Aabenraa's, Svendborg's and Odense's pages of the twenty-second round give. Each is read by
the rules already there: no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_faxe_pages_numbered_by_the_year():
    council = bundled("Faxe", "faxe_byraadet_2022-01-25_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2022, 1, 25))
    assert [case.case_number for case in council.cases] == [9, 10, 11]
    assert council.cases[2].title == "Godkendelse af forretningsorden for Faxe Byråd"
    assert council.cases[1].decision.startswith("Der var ikke modtaget spørgsmål til byrådet.")
    assert "cirkulære nr. 129 af 27. juni 1969" in council.cases[2].section("Sagsfremstilling")
    assert council.cases[2].section("Økonomiske konsekvenser") == "Ingen økonomiske konsekvenser."
    finance = bundled("Faxe", "faxe_oekonomiudvalget_2021-11-18_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2021, 11, 18))
    assert [case.case_number for case in finance.cases] == [226, 227]
    assert "René Tuekær (L) deltog ikke" in finance.cases[0].decision
    assert "20,3 mio. kr." in finance.cases[1].section("Sagsfremstilling")


def test_alleroed_pages_dated_by_their_start_time():
    council = bundled("Allerød", "alleroed_alleroed-byraad-2018-2021_2018-04-26_referat.txt")
    assert (council.committee, council.meeting_date) == (
        "Allerød Byråd 2018-2021",
        date(2018, 4, 26),
    )
    (remarks,) = council.cases
    assert (remarks.case_number, remarks.title) == (1, "Bemærkninger til dagsordenen")
    assert "Niels Kirkegaard er indkaldt som suppleant" in remarks.decision
    finance = bundled("Allerød", "alleroed_oekonomiudvalget-2018-2021_2018-09-11_referat.txt")
    assert (finance.committee, finance.meeting_date) == (
        "Økonomiudvalget 2018-2021",
        date(2018, 9, 11),
    )
    assert [case.title for case in finance.cases] == [
        "Bemærkninger til dagsordenen",
        "Meddelelser",
        "Aktuel økonomi ultimo august 2018",
    ]
    assert finance.cases[2].section("Tema") == "Økonomiudvalget orienteres om aktuel økonomi."


def test_assens_and_aabenraa_items_shown_by_their_case_ids():
    plan = bundled("Assens", "assens_byraadet_2016-10-26_referat.txt")
    assert (plan.committee, plan.meeting_date) == ("Byrådet", date(2016, 10, 26))
    assert [case.case_number for case in plan.cases] == [1, 2]
    assert plan.cases[1].section("Sagsnummer") == "15/140"
    assert "Haarby haludvidelse og svømmehal, 500.000 kr." in plan.cases[1].section("Indstilling")
    calendar = bundled("Assens", "assens_byraadet_2016-09-28_referat.txt")
    assert calendar.cases[1].section("Sagsnummer") == "09/35457"
    follow_up = bundled("Assens", "assens_byraadet_2019-11-27_referat.txt")
    assert "1.699.000 kr." in follow_up.cases[1].section("Indstilling")
    savings = bundled("Aabenraa", "aabenraa_teknik-og-miljoeudvalget_2012-12-05_referat.txt")
    assert (savings.committee, savings.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2012, 12, 5),
    )
    assert "2,423 mio. kr." in savings.cases[1].section("Sagsfremstilling")
    budget = bundled("Aabenraa", "aabenraa_teknik-og-miljoeudvalget_2015-03-04_referat.txt")
    assert [case.section("Sagsnummer") for case in budget.cases] == [
        "15/240",
        "15/3279",
        "14/34895",
    ]
    assert "fast punkt relateret til budgettet" in budget.cases[1].decision
    calendar = bundled("Aabenraa", "aabenraa_teknik-og-miljoeudvalget_2018-11-07_referat.txt")
    assert calendar.cases[1].title == "Status Tinglev Mose"
    assert calendar.cases[2].section("Lovgrundlag") == "Styrelseslovens § 22."


def test_svendborg_and_odense_pages():
    harbour = bundled("Svendborg", "svendborg_erhvervs-og-turismeudvalget_2024-08-14_referat.txt")
    assert (harbour.committee, harbour.meeting_date) == (
        "Erhvervs- og Turismeudvalget",
        date(2024, 8, 14),
    )
    assert [case.case_number for case in harbour.cases] == [1, 2, 3]
    assert harbour.cases[1].title == "Budgettema til budget 2025"
    assert harbour.cases[1].decision.startswith("Godkendt.")
    council = bundled("Odense", "odense_odense-byraad_2018-11-28_referat.txt")
    assert (council.committee, council.meeting_date) == ("Odense Byråd", date(2018, 11, 28))
    (leave,) = council.cases
    assert (
        leave.title
        == "Meddelelse fra et byrådsmedlem om fravær i en periode. Indkaldelse af stedfortræder"
    )
    assert "Michael Lind Olsen" in leave.section("Resumé")
