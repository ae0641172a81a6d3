"""Web pages kept as text, read from the real pages bundled in corpus/: what Varde's,
Mariagerfjord's, Herning's, Aabenraa's, Fredericia's and Kolding's pages of the thirty-ninth round
give. No rule came with them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_varde_children_committee_list_of_items_glued_to_the_first():
    children = bundled("Varde", "varde_udvalget-for-boern-og-laering_2019-04-23_referat.txt")
    assert (children.committee, children.meeting_date, children.kind) == (
        "Udvalget for Børn og Læring",
        date(2019, 4, 23),
        "referat",
    )
    # The list of items above them ends "231. Gensidig orientering220. Godkendelse ...": only the
    # items themselves are read.
    assert [case.case_number for case in children.cases] == [220, 221]
    agenda, appeals = children.cases
    assert agenda.decision == "Godkendt."
    assert agenda.section("Fraværende") == "Sarah Andersen"
    assert appeals.title == "Orientering om børnesager i Ankestyrelsen 2018"
    assert "4144 afgørelser" in appeals.section("Sagsfremstilling")
    assert appeals.decision is None


def test_varde_culture_committee_two_meetings():
    february = bundled("Varde", "varde_udvalget-for-kultur-og-fritid_2019-02-18_referat.txt")
    assert (february.committee, february.meeting_date) == (
        "Udvalget for Kultur og Fritid",
        date(2019, 2, 18),
    )
    assert [case.case_number for case in february.cases] == [205, 206, 207]
    visit = february.cases[1]
    assert visit.title == "O Besøg hos DDS Starup"
    assert "45 minutters rundvisning" in visit.section("Sagsfremstilling")
    assert visit.section("Indstilling").startswith("Forvaltningen anbefaler,")
    assert visit.decision == "Orienteringen blev taget til efterretning"
    assert "Tistrup Boldklub" in february.cases[2].section("Sagsfremstilling")
    assert february.cases[2].decision is None
    september = bundled("Varde", "varde_udvalget-for-kultur-og-fritid_2019-09-25_referat.txt")
    assert september.meeting_date == date(2019, 9, 25)
    assert [case.case_number for case in september.cases] == [292, 293]
    agenda = september.cases[0]
    assert "punkt 294" in agenda.decision and agenda.section("Fraværende") == "Julie Gottschalk"
    assert "Blåbjergskolen" in september.cases[1].section("Sagsfremstilling")


def test_mariagerfjord_senior_council():
    council = bundled("Mariagerfjord", "mariagerfjord_seniorraadet_2020-11-17_referat.txt")
    assert (council.committee, council.meeting_date) == ("Seniorrådet", date(2020, 11, 17))
    assert [case.case_number for case in council.cases] == [78, 79]
    assert council.cases[0].decision == "Dagsordenen godkendes.\nFraværende: Ingen."
    news = council.cases[1]
    assert news.title == "Orientering fra formanden"
    assert news.section("Sagsnummer") == "27.69.40-G01-3-17"
    assert "Bramslevgård" in news.section("Sagsfremstilling")
    assert "Lisbeth Roth er konstitueret som næstformand" in news.decision


def test_herning_print_pages_of_two_committees():
    technical = bundled("Herning", "herning_teknik-og-miljoeudvalget_2015-08-10_referat.txt")
    assert (technical.committee, technical.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2015, 8, 10),
    )
    (green,) = technical.cases
    assert (green.case_number, green.title) == (150, "Orientering om møde i Grønt Råd")
    assert "Vandplanindsats i Gødstrup Sø" in green.section("Sagsfremstilling")
    assert green.decision == "Sagen taget til orientering."
    social = bundled("Herning", "herning_social-og-sundhedsudvalget_2019-04-03_referat.txt")
    assert (social.committee, social.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2019, 4, 3),
    )
    (goals,) = social.cases
    assert goals.case_number == 29
    assert goals.title == "Politiske årsmål 2020 for Social- og Sundhedsudvalgets områder"
    assert "senest den 7. juni 2019" in goals.section("Resumé")
    assert goals.decision.startswith("Drøftet.")


def test_aabenraa_items_numbered_in_order_and_titled_by_their_first_sentence():
    labour = bundled("Aabenraa", "aabenraa_arbejdsmarkedsudvalget_2016-03-07_referat.txt")
    assert (labour.committee, labour.meeting_date) == (
        "Arbejdsmarkedsudvalget",
        date(2016, 3, 7),
    )
    assert [case.case_number for case in labour.cases] == [1, 2]
    sector = labour.cases[0]
    assert sector.title.startswith("Til orientering forelægges sektorbeskrivelsen")
    assert "6,695 mio. kr." in sector.section("Sagsfremstilling")
    assert sector.decision == "Godkendt.\nAfbud: Kim Brandt."
    assert labour.cases[1].decision is None
    social = bundled("Aabenraa", "aabenraa_social-og-sundhedsudvalget_2017-08-24_referat.txt")
    assert [case.case_number for case in social.cases] == [1, 2]
    assert social.cases[0].section("Sagsnummer") == "16/41998"
    assert "0,369 mio. kr." in social.cases[0].section("Sagsfremstilling")
    assert social.cases[0].decision.startswith("Fordeling af § 18 midler for 2017 godkendt")
    november = bundled("Aabenraa", "aabenraa_social-og-sundhedsudvalget_2018-11-07_referat.txt")
    assert november.meeting_date == date(2018, 11, 7)
    assert [case.case_number for case in november.cases] == [1, 2, 3]
    # The first item has no text of its own: titled by its recommendation's first line.
    assert november.cases[0].title == "Social & Sundhed indstiller"
    assert november.cases[1].decision == "Taget til efterretning.\nAfbud: Jens Wistoft."
    assert "Farsøhthus Plejecenter" in november.cases[2].section("Sagsfremstilling")
    assert november.cases[2].decision is None


def test_fredericia_culture_and_senior_committees():
    culture = bundled("Fredericia", "fredericia_kultur-og-idraetsudvalget_2018-09-20_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Kultur- og Idrætsudvalget",
        date(2018, 9, 20),
    )
    assert [case.case_number for case in culture.cases] == [52, 53, 54, 55]
    assert "Sune Rasmusen" in culture.cases[1].section("Resumé")
    assert culture.cases[2].decision == "Godkendt."
    assert "10 medlemmer under 25 år" in culture.cases[3].section("Sagsbeskrivelse")
    senior = bundled("Fredericia", "fredericia_senior-og-socialudvalget_2022-05-03_referat.txt")
    assert (senior.committee, senior.meeting_date) == (
        "Senior- og Socialudvalget",
        date(2022, 5, 3),
    )
    # The recommendation's "1. Udvalget tager besøget til efterretning." stays in item 2.
    assert [case.case_number for case in senior.cases] == [1, 2, 3]
    assert senior.cases[1].decision == "Taget til efterretning."
    fund = senior.cases[2]
    assert fund.title == "Beslutningssag: Tilgængelighedspuljen 2022"
    assert "200.000 kr." in fund.section("Baggrund")
    assert fund.decision is None


def test_kolding_elderly_council_items_shown_by_their_summaries():
    council = bundled("Kolding", "kolding_aeldreraadet_2016-11-10_referat.txt")
    assert (council.committee, council.meeting_date) == ("Ældrerådet", date(2016, 11, 10))
    assert [case.case_number for case in council.cases] == [1, 2, 3, 4]
    assert council.cases[0].title == "Præsentation af ny seniorområdechef Christina Pawsø"
    assert council.cases[1].section("Forslag").startswith("Senior- og Socialforvaltningen foreslår")
    assert "22. februar 2017" in council.cases[1].decision
    assert "Grib dit seniorliv" in council.cases[2].decision
