"""Web pages kept as text, read from the real pages bundled in corpus/: what Vallensbæk's,
Roskilde's, Dragør's, Allerød's and Gribskov's pages of the twenty-sixth round give. Each is read
by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_vallensbaek_items_as_bullets_the_closed_ones_kept_by_title():
    council = bundled("Vallensbæk", "vallensbaek_kommunalbestyrelsen_2019-05-29_referat.txt")
    assert (council.committee, council.meeting_date) == ("Kommunalbestyrelsen", date(2019, 5, 29))
    assert [case.case_number for case in council.cases] == [1, 2, 3, 4]
    assert council.cases[1].title == "Beretning fra borgmesteren og udvalgsformændene (Lukket)"
    assert council.cases[0].decision.endswith("Godkendt.")
    assert "Niels Tønnesen" in council.cases[0].decision
    fees = council.cases[3]
    assert fees.title == "ØU - Fastsættelse af diæter i forbindelse med valg og folkeafstemninger"
    assert "850 kr." in fees.section("Sagsfremstilling")
    assert fees.decision is None  # the stored beginning stops before it


def test_roskilde_pages_numbered_pkt():
    council = bundled("Roskilde", "roskilde_byraadet_2019-11-27_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2019, 11, 27))
    (questions,) = council.cases
    assert (questions.case_number, questions.title) == (251, "Spørgetid")
    assert "Troels Toft (A)" in questions.decision
    parking = bundled("Roskilde", "roskilde_plan-og-teknikudvalget_2019-10-03_referat.txt")
    assert (parking.committee, parking.meeting_date) == (
        "Plan- og Teknikudvalget",
        date(2019, 10, 3),
    )
    assert [case.case_number for case in parking.cases] == [153, 154]
    assert parking.cases[1].title == "Temadrøftelse - Parkeringsstrategi"
    assert "betalingsparkering" in parking.cases[1].section("Resume")
    schools = bundled("Roskilde", "roskilde_skole-og-boerneudvalget_2018-08-14_referat.txt")
    assert (schools.committee, schools.meeting_date) == (
        "Skole- og Børneudvalget",
        date(2018, 8, 14),
    )
    assert [case.case_number for case in schools.cases] == [84, 85, 86]
    assert schools.cases[1].decision == "Drøftet.\nFraværende: Henrik Stougaard (Ø)."
    assert "ingen budgetmæssige konsekvenser" in schools.cases[1].section("Økonomi")


def test_dragoer_finance_committee_pages():
    sale = bundled("Dragør", "dragoer_oekonomiudvalget_2019-09-19_referat.txt")
    assert (sale.committee, sale.meeting_date) == ("Økonomiudvalget", date(2019, 9, 19))
    (store,) = sale.cases
    assert store.title == "Strandparken afd. 1 - godkendelse af afhændelse af erhvervsejendom"
    assert store.decision.startswith("Sagen udsættes til ekstraordinært ØU")
    assert "19.5 mio. Kr." in store.section("Sagsfremstilling")
    team = bundled("Dragør", "dragoer_oekonomiudvalget_2021-06-09_referat.txt")
    assert team.meeting_date == date(2021, 6, 9)
    assert team.cases[0].decision == "Ad 1\nTil efterretning.\nAd 2\nGodkendt."
    yard = bundled("Dragør", "dragoer_oekonomiudvalget_2021-09-16_referat.txt")
    assert yard.meeting_date == date(2021, 9, 16)
    assert "Ole Hansen (A) var ikke til stede." in yard.cases[0].decision
    assert "julemarked" in yard.cases[0].section("Sagsfremstilling")


def test_alleroed_pages_the_date_in_the_american_form():
    council = bundled("Allerød", "alleroed_alleroed-byraad-2018-2021_2019-05-23_referat.txt")
    # "5/23/2019 6:30:00 PM"
    assert (council.committee, council.meeting_date) == (
        "Allerød Byråd 2018-2021",
        date(2019, 5, 23),
    )
    assert [case.case_number for case in council.cases] == [1, 2, 3]
    assert council.cases[0].decision.startswith("Der er afbud fra Viggo Janum.")
    assert council.cases[2].title == "Spørgsmål fra Peter Stauning til byrådet"
    finance = bundled("Allerød", "alleroed_oekonomiudvalget-2018-2021_2019-04-09_referat.txt")
    assert (finance.committee, finance.meeting_date) == (
        "Økonomiudvalget 2018-2021",
        date(2019, 4, 9),
    )
    assert [case.case_number for case in finance.cases] == [1, 2]
    assert "Miki Dam Larsen" in finance.cases[0].decision
    assert "Rasmus Jarlov" in finance.cases[1].section("Sagsbeskrivelse")


def test_gribskov_pages():
    spring = bundled("Gribskov", "gribskov_byraad_2018-04-03_referat.txt")
    assert (spring.committee, spring.meeting_date) == ("Byråd", date(2018, 4, 3))
    assert [case.case_number for case in spring.cases] == [63, 64]
    assert "Mette Tolstrup (A)" in spring.cases[0].decision
    assert spring.cases[1].title == "Indkaldelse af stedfortræder for Morten Rohde Klitgaard"
    may = bundled("Gribskov", "gribskov_byraad_2019-05-21_referat.txt")
    assert may.meeting_date == date(2019, 5, 21)
    assert [case.case_number for case in may.cases] == [57, 58]
    assert "Sean Crawford (V)" in may.cases[0].decision
    assert may.cases[1].title == "Budget 2019 - Ny styrelsesvedtægt"
    culture = bundled(
        "Gribskov", "gribskov_kultur-erhverv-og-oplevelsesoekonomi_2020-01-07_referat.txt"
    )
    assert (culture.committee, culture.meeting_date) == (
        "Kultur, Erhverv og Oplevelsesøkonomi",
        date(2020, 1, 7),
    )
    assert [case.case_number for case in culture.cases] == [1, 2, 3]
    assert "Mødeslut: 18:20" in culture.cases[1].decision
    assert culture.cases[2].title == "Kulturelt samlingspunkt i Græsted"
