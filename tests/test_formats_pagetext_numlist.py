"""Web pages kept as text, read from the real pages bundled in corpus/: pages whose numbered list
inside a case (the rules of question time, the members elected, points of news, a table of members,
a citizen's questions) was read as items, and pages whose bare list of items above the cases was.
Two rules came with them: the numbers of a list start again at 1 inside a case the page has
confirmed, and a bare list of items is not the items when a confirmed item further down does not
continue its numbers."""

from datetime import date

from tests.conftest import bundled


def test_faxe_council_question_time_keeps_its_numbered_rules():
    november = bundled("Faxe", "faxe_byraadet_2019-11-14_referat.txt")
    assert (november.committee, november.meeting_date, november.kind) == (
        "Byrådet",
        date(2019, 11, 14),
        "referat",
    )
    assert [case.case_number for case in november.cases] == [172, 173]
    agenda, questions = november.cases
    assert agenda.title == "Godkendelse af dagsorden"
    assert agenda.decision == "Godkendt.\nFraværende: Lars Folmann (O) deltog ikke i mødet."
    assert questions.title == "Spørgetid"
    rules = questions.section("Sagsfremstilling")
    # The ten numbered rules stay in the question time's case, the lines between them too.
    assert rules.startswith("Forretningsordenen for spørgetid:\n1. Spørgetiden begynder")
    assert "\n9. Byrådets møder TV-optages" in rules
    assert "Evt. spørgere skal således være opmærksomme på" in rules
    assert "\n10. Navn og øvrige personoplysninger" in rules
    assert not november.warnings

    december = bundled("Faxe", "faxe_byraadet_2020-12-17_referat.txt")
    assert (december.committee, december.meeting_date) == ("Byrådet", date(2020, 12, 17))
    # The "Lokation:" line above the first item changes nothing: items 202 and 203, not 1-9.
    assert [case.case_number for case in december.cases] == [202, 203]
    agenda, questions = december.cases
    assert "standsningsretten i sag 211" in agenda.decision
    assert agenda.decision.endswith("Dagsordenen blev herefter godkendt.\nFraværende: Ingen.")
    assert "\n8. Det tilkommer formanden at fortolke" in questions.section("Sagsfremstilling")


def test_faxe_constituent_meeting_keeps_its_list_of_the_members_elected():
    meeting = bundled("Faxe", "faxe_konstituerende-moede_2021-12-02_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Konstituerende møde",
        date(2021, 12, 2),
        "referat",
    )
    assert [case.case_number for case in meeting.cases] == [1, 2, 3]
    agenda, guide, council = meeting.cases
    assert agenda.decision == "Godkendt.\nFraværende: Ingen."
    assert "René Tuekær leder mødet til og med valg af borgmester." in agenda.section("Resume")
    assert guide.title == "Læsevejledning om udpegelsesmetoder"
    assert guide.section("Indstilling") == (
        "Direktionen indstiller, at orienteringen tages til efterretning."
    )
    assert council.title == "Konstituering og valgte medlemmer af Faxe Byråd 2022-2025"
    elected = council.section("Sagsfremstilling")
    # The 25 members elected, numbered 1-25, are the case's text, not items 4-25.
    assert "\n1. Allan Tirsgaard (C)\n2. Camilla Meyer (A)\n" in elected
    assert "\n19. Ole Vive (V)\n" in elected
    assert "\n25. Thomas Spange Olsen (Ø)Valggrupper\n" in elected
    assert council.decision is None


def test_slagelse_employment_committee_keeps_its_numbered_reports():
    march = bundled(
        "Slagelse", "slagelse_beskaeftigelses-og-integrationsudvalget_2016-03-08_referat.txt"
    )
    assert (march.committee, march.meeting_date, march.kind) == (
        "Beskæftigelses- og Integrationsudvalget (2014-2017)",
        date(2016, 3, 8),
        "referat",
    )
    assert [case.case_number for case in march.cases] == [1, 2]
    agenda, news = march.cases
    assert "Pkt. 15 behandles efter pkt. 4." in agenda.decision
    assert news.title == "Gensidig orientering (O)"
    reports = news.section("Beslutningstema")
    # Under the lettered points a list numbered 1-6, then one numbered 1 again: both stay here.
    assert "d. Centerchefen for Arbejdsmarked og Integration\n1. Månedlige nøgletal" in reports
    assert "\n3. Opfølgning på Jobfokus (bilag 3)\n" in reports
    assert "e. Centerchefen for Børn og Familie\n1. Orientering vedr. boligplacering" in reports
    assert news.section("Indstilling") == (
        "Uddannelsesdirektøren indstiller,\n1.    at Orienteringerne tages til efterretning."
    )
    assert news.decision.startswith("Fraværende:\nAd a. Udvalgsformanden orienterede")


def test_middelfart_finance_committee_list_of_closed_items_is_not_the_items():
    november = bundled("Middelfart", "middelfart_oekonomiudvalget_2017-11-27_referat.txt")
    assert (november.committee, november.meeting_date) == ("Økonomiudvalget", date(2017, 11, 27))
    # "165. Udstykning og salg af areal" to "169. Køb af ejendom", the closed items listed above
    # the open one, are not items: the open item 145 is.
    (plan,) = november.cases
    assert plan.case_number == 145
    assert plan.title == "Lokalplanlægning for boliger på Røjlemosevej i Strib"
    assert plan.section("Sagsnummer") == "Sagsnr.: 2017-016978"
    assert "minimum 700 m2 til hver parcelhusbolig" in plan.section("Præsentation")
    assert "byplanvedtægt nr. 8" in plan.section("Sagsbeskrivelse")
    assert not november.warnings


def test_mariagerfjord_senior_council_keeps_a_members_numbered_points():
    january = bundled("Mariagerfjord", "mariagerfjord_seniorraadet_2020-01-21_referat.txt")
    assert (january.committee, january.meeting_date, january.kind) == (
        "Seniorrådet",
        date(2020, 1, 21),
        "referat",
    )
    assert [case.case_number for case in january.cases] == [1, 2, 3]
    agenda, head_of_care, members = january.cases
    assert agenda.decision == "Dagsorden godkendes."
    assert head_of_care.title == "Orientering fra Fagchefen for Sundhed og Ældre"
    assert "plejecenterlæger" in head_of_care.section("Sagsfremstilling")
    assert members.title == "Orientering fra medlemmer"
    points = members.section("Sagsfremstilling")
    # "4. Seniorrådsmødet 21. april 2020 ..." and "5. Orientering om sag ..." are points of the
    # chair's list, not items 4 and 5; Lene Lundsgaard's list starts at 1 again.
    assert (
        "\n4. Seniorrådsmødet 21. april 2020 holdes på Nyt Aalborg Universitetshospital" in points
    )
    assert "\n5. Orientering om sag vedrørende Seniorbofællesskaber." in points
    assert "Lene Lundsgaard:\n1. Status på arbejde med pårørendesamarbejde" in points
    assert members.decision == "Jens Peter Ellefsen:\n1. Mariane Enevoldsen vil deltage i"


def test_mariagerfjord_council_list_of_items_above_the_first_is_not_the_items():
    august = bundled("Mariagerfjord", "mariagerfjord_byraadet_2013-08-29_referat.txt")
    assert (august.committee, august.meeting_date) == ("Byrådet", date(2013, 8, 29))
    # The list of items 125-151 ("125" over "Godkendelse af dagsorden", ...) is not the items:
    # the first item, 125, keeps its decision.
    (agenda,) = august.cases
    assert agenda.case_number == 125
    assert agenda.title == "Godkendelse af dagsorden"
    assert agenda.section("Sagsnummer") == "00.01.00-G01-5-10"
    assert agenda.decision.startswith("Godkendt.\nVenstres byrådsgruppe anmeldte")
    assert agenda.decision.endswith("Mads Gammelmark og Lone Sondrup var fraværende")


def test_gribskov_disability_council_keeps_its_numbered_table_of_members():
    march = bundled("Gribskov", "gribskov_handicapraadet_2019-03-11_referat.txt")
    assert (march.committee, march.meeting_date, march.kind) == (
        "Handicaprådet",
        date(2019, 3, 11),
        "referat",
    )
    assert [case.case_number for case in march.cases] == [20, 21]
    agenda, members = march.cases
    # "Beslutning" over " 1. Godkendt." is the decision, not an item 1 titled "Godkendt.".
    assert agenda.decision == "1. Godkendt."
    assert agenda.section("Sagsnummer") == "Sagsnummer: 27.69.48-G01-4-18"
    assert members.title == "Mødedeltagere"
    table = members.section("Sagsfremstilling")
    # The eight members, numbered 1-8 with their deputies between them, stay in the case.
    assert (
        "\n1. Bente Ullits Eckmann (DH Gribskov) - formand\nJørgen Eckmann (DH Gribskov)\n" in table
    )
    assert (
        "\n8. Hanna Bartholine Levy (Gribskov Kommune)\nGitte Caspersen (Gribskov Kommune)" in table
    )
    assert members.decision == "Afbud fra Jonna Præst (Gribsko"


def test_ringkoebing_skjern_council_keeps_a_citizens_numbered_questions():
    february = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2019-02-19_referat.txt")
    assert (february.committee, february.meeting_date, february.kind) == (
        "Byrådet",
        date(2019, 2, 19),
        "referat",
    )
    # "1)", "2)" (a point too long for a title) and "3)" are the citizen's questions, with
    # "Eller vil du alternativt:" between them: one item, the question time.
    (questions,) = february.cases
    assert questions.case_number == 1
    assert questions.title == "Spørgetid i Byrådet"
    asked = questions.section("Sagsfremstilling")
    assert "\n1) Opnå en omplacering af Vesterhav Syd" in asked
    assert "\nEller vil du alternativt:\n2) Få ændret placeringen af Vesterhav Syd" in asked
    assert "\n3) Som et led i arbejdet for pkt. 2" in asked
    assert asked.endswith("aldrig er screenet i “Statens proje")
    assert questions.decision is None
    assert not february.warnings
