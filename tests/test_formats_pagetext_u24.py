"""Web pages kept as text, read from the real pages bundled in corpus/: what Guldborgsund's, Næstved's,
Frederiksberg's, Bornholm's and Middelfart's pages of the twenty-fourth round give. Each is read by
the rules already there: no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_guldborgsund_council_numbered_by_the_year():
    council = bundled("Guldborgsund", "guldborgsund_byraad_2017-12-14_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byråd", date(2017, 12, 14))
    assert [case.case_number for case in council.cases] == [135, 136, 137]
    assert council.cases[1].title == "Beslutningssag: Godkendelse af dagsorden"
    assert council.cases[0].decision == "FRAVÆRENDE: -\nDer var ingen afbud"
    assert "5 strategiske målsætninger" in council.cases[2].section("Indstilling")


def test_naestved_committee_pages_decided_by_their_own_lines():
    culture = bundled("Næstved", "naestved_kultur-og-demokratiudvalget_2018-09-03_referat.txt")
    assert (culture.committee, culture.meeting_date) == (
        "Kultur- og Demokratiudvalget",
        date(2018, 9, 3),
    )
    assert [case.case_number for case in culture.cases] == [103, 104, 105]
    assert culture.cases[1].decision.endswith("Til efterretning.")
    assert "Næssis Musikklub" in culture.cases[1].section("Sagsfremstilling")
    assert "mindreudgifter på 1,3 mio. kr." in culture.cases[2].section("Resume")
    # A § 17, stk. 4 committee, named as its banner names it.
    spring = bundled("Næstved", "naestved_landdistriktsudvalget_2018-03-15_referat.txt")
    assert (spring.committee, spring.meeting_date) == (
        "§ 17 stk. 4, Landdistriktsudvalget",
        date(2018, 3, 15),
    )
    assert [case.title for case in spring.cases] == [
        "Godkendelse af dagsorden",
        "Præsentationsrunde og praktisk info",
        "Drøftelse af forretningsorden samt mødelængde",
        "Kommissorium til gennemgang",
    ]
    assert "Forretningsordenen godkendt." in spring.cases[2].decision
    autumn = bundled("Næstved", "naestved_landdistriktsudvalget_2018-11-19_referat.txt")
    assert [case.case_number for case in autumn.cases] == [64, 65]
    assert "Cathrine Riegels Gudbergsen var fraværende." in autumn.cases[0].decision
    assert "9 temaer" in autumn.cases[1].section("Resume")


def test_frederiksberg_council_pages():
    questions = bundled("Frederiksberg", "frederiksberg_kommunalbestyrelsen_2015-09-28_referat.txt")
    assert (questions.committee, questions.meeting_date) == (
        "Kommunalbestyrelsen",
        date(2015, 9, 28),
    )
    assert [case.case_number for case in questions.cases] == [227, 228, 229]
    assert (
        questions.cases[1].title
        == "Spørgsmål fra rådmand Balder Mørk Andersen om skatteindtægtstab"
    )
    assert "negativ værdi på 1,8 mia. kr." in questions.cases[0].section("Sagsfremstilling")
    budget = bundled("Frederiksberg", "frederiksberg_kommunalbestyrelsen_2016-10-10_referat.txt")
    (second_reading,) = budget.cases
    assert (second_reading.case_number, second_reading.title) == (
        272,
        "2. behandling af budget 2017",
    )
    assert "Udskrivningsprocenten er herefter uændret 22,8 pct." in second_reading.decision
    assert second_reading.section("Sagsnummer") == "Sagsnr.: 00.30.10-Ø00-4-16"
    council = bundled(
        "Frederiksberg", "frederiksberg_kommunalbestyrelsen-2022-25_2022-10-03_referat.txt"
    )
    assert (council.committee, council.meeting_date) == (
        "Kommunalbestyrelsen 2022-25",
        date(2022, 10, 3),
    )
    assert [case.case_number for case in council.cases] == [197, 198]
    assert council.cases[1].decision == "Kommunalbestyrelsen tiltrådte indstillingen."
    assert "Anders Storgaard" in council.cases[1].section("Indstilling")


def test_bornholm_council_pages_below_their_list_of_items():
    mayor = bundled("Bornholm", "brk_kommunalbestyrelsen_2021-01-04_referat.txt")
    assert (mayor.committee, mayor.meeting_date) == ("Kommunalbestyrelsen", date(2021, 1, 4))
    assert [(case.case_number, case.title) for case in mayor.cases] == [
        (1, "Fraværende og bemærkninger til dagsorden"),
        (2, "Valg af borgmester"),
    ]
    assert "Winni Grossbøll er fratrådt" in mayor.cases[1].section("Resumé")
    winter = bundled("Bornholm", "brk_kommunalbestyrelsen_2015-01-28_referat.txt")
    (absent,) = winter.cases
    assert absent.section("Fraværende").startswith("Carsten Scheibye, Lotte Helms.")


def test_middelfart_pages_of_one_case_each():
    liquidity = bundled("Middelfart", "middelfart_byraadet_2014-01-06_referat.txt")
    assert (liquidity.committee, liquidity.meeting_date) == ("Byrådet", date(2014, 1, 6))
    (case,) = liquidity.cases
    assert (case.case_number, case.title) == (1, "Likviditetsoversigt pr. ultimo 3. kvartal 2013")
    assert "177,5 mio. kr." in case.section("Sagsbeskrivelse")
    housing = bundled("Middelfart", "middelfart_oekonomiudvalget_2017-05-22_referat.txt")
    assert (housing.committee, housing.meeting_date) == ("Økonomiudvalget", date(2017, 5, 22))
    assert [case.case_number for case in housing.cases] == [39]
    assert "Grundarealet er på ca. 4600 m2." in housing.cases[0].section("Sagsbeskrivelse")
    director = bundled("Middelfart", "middelfart_byraadet_2019-08-12_referat.txt")
    assert [case.case_number for case in director.cases] == [205]
    assert "Thorbjørn Sørensen" in director.cases[0].section("Præsentation")
