"""Web pages kept as text, read from the real pages bundled in corpus/: what Vallensbæk's, Ishøj's,
Albertslund's, Hvidovre's, Glostrup's, Faaborg-Midtfyn's and Assens' pages of the forty-fourth
round give. Each is read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_vallensbaek_children_and_culture_committee_tenth_grade():
    november = bundled("Vallensbæk", "vallensbaek_boerne-og-kulturudvalget_2019-11-06_referat.txt")
    assert (november.committee, november.meeting_date, november.kind) == (
        "Børne- og Kulturudvalget",
        date(2019, 11, 6),
        "referat",
    )
    assert [case.case_number for case in november.cases] == [1, 2]
    agenda, tenth = november.cases
    assert agenda.decision.startswith("Godkendt idet pkt. 7 Samarbejde mellem Egholmskolen")
    assert "Jan Høgskilde (C) deltog som stedfortræder." in agenda.decision
    assert tenth.title == "Status på 10. klasse"
    assert "Lars Elmkjær" in tenth.section("Indstilling")
    assert "fra de dengang værende 100 procent til 60 procent" in tenth.section("Sagsfremstilling")
    assert tenth.decision is None


def test_vallensbaek_technical_committee_closed_item_kept_by_its_title():
    august = bundled("Vallensbæk", "vallensbaek_teknik-og-miljoeudvalget_2018-08-28_referat.txt")
    assert (august.committee, august.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2018, 8, 28),
    )
    agenda, closed, roads = august.cases
    assert (agenda.case_number, agenda.decision) == (1, "Godkendt.")
    assert (closed.case_number, closed.title) == (
        2,
        "Østsjællands Beredskab - Budget 2019 - 2022(Lukket)",
    )
    assert not closed.sections
    assert roads.title == (
        "Orientering om støj- og trafikmålinger gennemført før og efter vejombygninger"
    )
    assert "fra 60 km/t til 50 km/t" in roads.section("Sagsfremstilling")


def test_vallensbaek_finance_committee_liquidity():
    september = bundled("Vallensbæk", "vallensbaek_oekonomiudvalget_2019-09-04_referat.txt")
    assert (september.committee, september.meeting_date) == ("Økonomiudvalget", date(2019, 9, 4))
    assert [case.case_number for case in september.cases] == [1, 2, 3]
    liquidity = september.cases[2]
    assert liquidity.title == "Likviditetsoversigt pr. 30. juni 2019"
    assert "udgør 162,9 mio. kr." in liquidity.section("Beslutningstema")
    assert "en stigning på 2,4 mio. kr." in liquidity.section("Sagsfremstilling")
    assert "48,5 mio. kr." in liquidity.section("Sagsfremstilling")


def test_ishoej_culture_committee_three_meetings():
    october = bundled("Ishøj", "ishoej_kultur-og-fritidsudvalget_2014-10-20_referat.txt")
    assert (october.committee, october.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2014, 10, 20),
    )
    # Items shown by neither number nor title: numbered in order, titled by their first sentence.
    news, house = october.cases
    assert news.decision.startswith("Ad: 4 Februar mødet flyttes til 16. februar kl. 18:00")
    assert house.case_number == 2
    assert house.decision == "Tiltrådt."
    assert "745.000 kr." in house.section("Økonomi")
    assert "genopføres" in house.section("Indstilling")
    november = bundled("Ishøj", "ishoej_kultur-og-fritidsudvalget_2017-11-20_referat.txt")
    assert november.meeting_date == date(2017, 11, 20)
    (news,) = november.cases
    assert "2017: 2.456 billetter" in news.section("Sagsfremstilling")
    assert news.decision is None
    february = bundled("Ishøj", "ishoej_kultur-og-fritidsudvalget_2019-02-12_referat.txt")
    news, youth = february.cases
    assert "fået bevilget 16.000 kr." in news.section("Sagsfremstilling")
    assert news.decision == "Til efterretning"
    assert youth.title.startswith("Ungdomsskolens leder, Brian Larsen, er inviteret")


def test_albertslund_school_committee_evaluation_plan():
    august = bundled("Albertslund", "albertslund_boerne-og-skoleudvalget_2019-08-21_referat.txt")
    assert (august.committee, august.meeting_date) == ("Børne- og Skoleudvalget", date(2019, 8, 21))
    (plan,) = august.cases
    assert (plan.case_number, plan.title) == (
        1,
        "BSU/ØU/KB - Evalueringsplan 'Skole for alle' og folkeskolereform",
    )
    assert "tre eksterne konsulenter" in plan.section("Sagsfremstilling")


def test_hvidovre_two_committees_not_bundled_before():
    march = bundled("Hvidovre", "hvidovre_aeldre-og-sundhedsudvalget_2018-03-14_referat.txt")
    assert (march.committee, march.meeting_date) == (
        "Ældre- og Sundhedsudvalget",
        date(2018, 3, 14),
    )
    agenda, news, centre = march.cases
    assert (news.case_number, news.decision) == (2, "Intet at bemærke.")
    assert centre.title == "Nyt Hvidovre Sundhedscenter"
    assert centre.decision == "Ad 1. Godkendt.\nAd 2. Drøftet."
    assert "Hvidovrevej 272" in centre.section("Beslutningstema")
    january = bundled("Hvidovre", "hvidovre_social-og-sundhedsudvalget_2014-01-13_referat.txt")
    assert (january.committee, january.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2014, 1, 13),
    )
    agenda, news, rules = january.cases
    assert "den 27. januar kl. 15.45, i Ny Kaffestue" in news.decision
    assert rules.title == "Forretningsorden for Social- og Sundhedsudvalget"
    assert "§ 8 stk. 2" in rules.decision


def test_glostrup_senior_council_dated_by_its_decisions():
    august = bundled("Glostrup", "glostrup_seniorraadet_2020-08-31_referat.txt")
    assert (august.committee, august.meeting_date) == ("Seniorrådet", date(2020, 8, 31))
    assert [case.title for case in august.cases] == [
        "Formøde",
        "Gæster",
        "Godkendelse af dagsordenen",
        "Godkendelse og underskrift af referat fra tidligere møde",
    ]
    guests = august.cases[1]
    assert "indkøbschef Jan Starup" in guests.section("Sagsfremstilling")
    assert "• Rehabiliteringshuset Digevang" in guests.decision


def test_faaborg_midtfyn_technical_committee_list_of_items_above():
    august = bundled(
        "Faaborg-Midtfyn", "faaborg-midtfyn_teknik-og-miljoeudvalget_2013-08-21_referat.txt"
    )
    assert (august.committee, august.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2013, 8, 21),
    )
    # The list of items 78-95 above them is no item of its own.
    assert [case.case_number for case in august.cases] == [78, 79]
    agenda, budget = august.cases
    assert agenda.decision == "Godkendt."
    assert budget.title == "Orientering om budgetopfølgningen pr. 31. maj 2013"
    assert "den 13. august 2013" in budget.section("Resumé")


def test_assens_council_appeal_boards():
    january = bundled("Assens", "assens_byraadet_2020-01-29_referat.txt")
    assert (january.committee, january.meeting_date) == ("Byrådet", date(2020, 1, 29))
    agenda, boards = january.cases
    assert agenda.decision == "Dagsordenen godkendt."
    assert boards.section("Sagsnummer") == "20/146"
    assert boards.section("Indstilling").startswith("Borgmesteren indstiller")
    assert "Poul Hvid-Jensen som suppleant" in boards.section("Sagsfremstilling")
