"""Web pages kept as text, read from the real pages bundled in corpus/: what Thisted's, Brønderslev's,
Vejen's, Aabenraa's and Fredericia's pages of the twenty-seventh round give. No rule came with them:
each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_thisted_committee_named_in_its_first_item():
    spring = bundled("Thisted", "thisted_boerne-og-familieudvalget_2019-06-11_referat.txt")
    assert (spring.committee, spring.meeting_date, spring.kind) == (
        "Børne- og Familieudvalget",
        date(2019, 6, 11),
        "referat",
    )
    assert [case.case_number for case in spring.cases] == [81, 82, 83]
    assert spring.cases[2].title == "Henvendelse fra politiker Mette Kjærulff"
    assert "kriterier for 5. barn i Dagplejen" in spring.cases[2].section("Sagstema")
    chair = bundled("Thisted", "thisted_boerne-og-familieudvalget_2022-01-11_referat.txt")
    assert chair.meeting_date == date(2022, 1, 11)
    assert [case.case_number for case in chair.cases] == [1, 2, 3, 4]
    assert chair.cases[1].decision == "Peter Larsen valgt som formand."
    assert chair.cases[2].decision == "Kenneth Bjerregaard valgt som næstformand."
    budget = bundled("Thisted", "thisted_boerne-og-familieudvalget_2022-05-17_referat.txt")
    assert [case.title for case in budget.cases] == [
        "Godkendelse af dagsorden",
        "Meddelelser",
        "Budgetopfølgning pr. 31.03.2022",
    ]
    assert "mindreforbrug på 33,3 mio. kr." in budget.cases[2].section("Redegørelse")


def test_bronderslev_committees_and_who_was_absent():
    culture = bundled("Brønderslev", "bronderslev_fritids-og-kulturudvalget_2015-10-29_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Fritids- og Kulturudvalget",
        date(2015, 10, 29),
    )
    assert culture.cases[0].decision == "Lars Bisgaard var fraværende."
    assert culture.cases[1].decision.startswith("Efter formandens forslag blev pkt. 12 udsat.")
    assert culture.cases[2].title == "Budget 2016, aftalepunkter og status"
    elderly = bundled("Brønderslev", "bronderslev_aeldreomsorgsudvalget_2017-08-16_referat.txt")
    assert (elderly.committee, elderly.meeting_date) == ("Ældreomsorgsudvalget", date(2017, 8, 16))
    assert "merudgift på ca. 3 mio. kr." in elderly.cases[2].section("Sagsfremstilling")
    finance = bundled("Brønderslev", "bronderslev_oekonomiudvalget_2013-08-21_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2013, 8, 21))
    assert finance.cases[0].decision == "Arne M. Jensen og Thomas Krog."
    assert "7.577.000 kr." in finance.cases[2].section("Sagsfremstilling")


def test_vejen_decisions_of_several_committees_and_grants():
    budget = bundled("Vejen", "vejen_oekonomiudvalget_2019-05-21_referat.txt")
    assert (budget.committee, budget.meeting_date) == ("Økonomiudvalget", date(2019, 5, 21))
    (follow_up,) = budget.cases
    assert follow_up.section("Sagsnummer") == "Sagsnummer: 19/9381"
    assert (
        follow_up.section("Beslutning Udvalget for social og ældre den 08-05-2019")
        == "Budgetopfølgningen indstilles godkendt."
    )
    assert follow_up.decision.endswith(
        "Marie Ebsen (A) og Bodil Staal (A) deltog ikke i dette punkt."
    )
    assert "netto 17,2 mio. kr. i merudgifter" in follow_up.section("Sagsfremstilling")
    streams = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2018-06-04_referat.txt")
    assert (streams.committee, streams.meeting_date) == (
        "Udvalget for teknik og miljø",
        date(2018, 6, 4),
    )
    assert [case.title for case in streams.cases] == [
        "Temamøde - vandløb og stier (B)",
        "Anlægsbevilling - Byggemodning ved Bækkegård (C)",
    ]
    assert streams.cases[0].decision == "Orientering taget til efterretning."
    assert "2,1 mio. kr." in streams.cases[1].section("Administrativ indstilling")
    plots = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2018-02-19_referat.txt")
    assert plots.meeting_date == date(2018, 2, 19)
    assert "5,521 mio. kr." in plots.cases[0].section("Sagsfremstilling")


def test_aabenraa_items_shown_by_their_case_ids():
    campus = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2017-01-30_referat.txt")
    assert (campus.committee, campus.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2017, 1, 30),
    )
    assert [case.section("Sagsnummer") for case in campus.cases] == [
        "17/1801",
        "15/5942",
        "16/40670",
    ]
    assert campus.cases[1].decision.startswith("Orienteringen taget til efterretning.")
    assert "Arena Aabenraa" in campus.cases[1].section("Sagsfremstilling")
    elderly = bundled("Aabenraa", "aabenraa_social-og-sundhedsudvalget_2014-02-06_referat.txt")
    assert (elderly.committee, elderly.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2014, 2, 6),
    )
    (pool,) = elderly.cases
    assert pool.section("Sagsnummer") == "14/513"
    assert "1 mia. kr. årligt" in pool.section("Sagsfremstilling")


def test_fredericia_punkt_numbers_and_decisions():
    owners = bundled("Fredericia", "fredericia_oekonomi-og-erhvervsudvalget_2022-12-12_referat.txt")
    assert (owners.committee, owners.meeting_date, owners.kind) == (
        "Økonomi- og Erhvervsudvalget",
        date(2022, 12, 12),
        "referat",
    )
    assert [case.case_number for case in owners.cases] == [1, 2, 3]
    assert owners.cases[1].decision == "Drøftet."
    assert "84.769.036 kr." in owners.cases[2].section("Sagsbeskrivelse")
