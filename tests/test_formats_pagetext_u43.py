"""Web pages kept as text, read from the real pages bundled in corpus/: what Aabenraa's, Thisted's,
Varde's and Vejen's pages of the forty-third round give. No rule came with them: each is read by the
rules already there."""

from datetime import date

from tests.conftest import bundled


def test_aabenraa_culture_committee_items_numbered_in_order():
    april = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2017-04-03_referat.txt")
    assert (april.committee, april.meeting_date, april.kind) == (
        "Kultur- og Fritidsudvalget",
        date(2017, 4, 3),
        "referat",
    )
    assert [case.case_number for case in april.cases] == [1, 2]
    assert april.cases[0].decision == "Godkendt.\nAfbud: Signe Bekker Dhiman."
    region = april.cases[1]
    assert region.title.startswith("Kulturudvalg Sønderjylland-Schleswig er et permanent udvalg")
    assert region.section("Sagsnummer") == "17/5059"
    assert "Dansk-Tysk Musikskoledag" in region.section("Sagsfremstilling")
    assert region.decision is None
    december = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2018-12-05_referat.txt")
    assert december.meeting_date == date(2018, 12, 5)
    assert [case.case_number for case in december.cases] == [1, 2, 3, 4]
    assert "Jette Julius Kristiansen deltog ikke" in december.cases[0].decision
    assert "Kongelig Classic" in december.cases[1].section("Sagsfremstilling")
    assert december.cases[1].decision == "Taget til orientering."
    assert december.cases[2].section("Sagsnummer") == "16/42854"
    assert december.cases[2].decision == "Taget til efterretning."
    assert december.cases[3].decision is None
    august = bundled("Aabenraa", "aabenraa_kultur-og-fritidsudvalget_2020-08-25_referat.txt")
    assert august.meeting_date == date(2020, 8, 25)
    assert [case.case_number for case in august.cases] == [1, 2, 3]
    # The first two items have no text of their own: titled by their recommendation and decision.
    assert august.cases[0].title == "Børn og Kultur indstiller"
    assert august.cases[1].title == "Arena Aabenraa"
    assert "21. september 2020" in august.cases[1].decision
    assert "Hver by sit teater" in august.cases[2].section("Sagsfremstilling")
    assert august.cases[2].decision is None


def test_thisted_council_and_technical_committee():
    march = bundled("Thisted", "thisted_kommunalbestyrelsen_2022-03-29_referat.txt")
    assert (march.committee, march.meeting_date) == ("Kommunalbestyrelsen", date(2022, 3, 29))
    assert [case.case_number for case in march.cases] == [40, 41]
    assert "Peter Uno Andersen" in march.cases[0].decision
    assert march.cases[1].title == "Klimapolitisk Dialogforum i Nordjylland"
    assert march.cases[1].decision is None
    october = bundled("Thisted", "thisted_kommunalbestyrelsen_2022-10-11_referat.txt")
    assert october.meeting_date == date(2022, 10, 11)
    assert [case.case_number for case in october.cases] == [170, 171]
    assert october.cases[1].title == "Kommunalbestyrelsen. Mødeplan 2022"
    assert "Asylgade 30" in october.cases[1].section("Redegørelse")
    technical = bundled(
        "Thisted", "thisted_erhverv-klima-miljoe-og-teknikudvalget_2022-05-16_referat.txt"
    )
    assert (technical.committee, technical.meeting_date) == (
        "Erhverv-, Klima-, Miljø- og Teknikudvalget",
        date(2022, 5, 16),
    )
    assert [case.case_number for case in technical.cases] == [123, 124]
    assert technical.cases[0].decision == (
        "Godkendt og punkt 148 udgår af dagsorden, jf. modtaget mail."
    )
    bus = technical.cases[1]
    assert bus.title == "Punkt fra udvalgsmedlem Brian Nielsen - analyse skolebusordning"
    assert "gratis skolebus" in bus.section("Redegørelse")
    assert bus.decision is None


def test_varde_committees_items_after_their_list():
    children = bundled("Varde", "varde_udvalget-for-boern-og-laering_2019-05-21_referat.txt")
    assert (children.committee, children.meeting_date) == (
        "Udvalget for Børn og Læring",
        date(2019, 5, 21),
    )
    assert [case.case_number for case in children.cases] == [232, 233]
    assert children.cases[0].section("Fraværende") == "Tom Arnt Thorup\nHolger Grumme Nielsen"
    assert "8,7 mio.kr." in children.cases[1].section("Sagsfremstilling")
    december = bundled("Varde", "varde_udvalget-for-plan-og-teknik_2018-12-20_referat.txt")
    assert (december.committee, december.meeting_date) == (
        "Udvalget for Plan og Teknik",
        date(2018, 12, 20),
    )
    assert [case.case_number for case in december.cases] == [273, 274]
    assert december.cases[0].decision.startswith("Godkendt med de faldne bemærkninger")
    assert "Allan Junge" in december.cases[1].section("Sagsfremstilling")
    may = bundled("Varde", "varde_udvalget-for-plan-og-teknik_2019-05-02_referat.txt")
    assert may.meeting_date == date(2019, 5, 2)
    assert [case.case_number for case in may.cases] == [374, 375]
    assert may.cases[1].title == "O Forsvarets anvendelse af arealer i Oksbølområdet"
    assert "ultimo februar 2019" in may.cases[1].section("Sagsfremstilling")


def test_vejen_technical_committee_two_meetings():
    april = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2018-04-16_referat.txt")
    assert (april.committee, april.meeting_date) == (
        "Udvalget for teknik og miljø",
        date(2018, 4, 16),
    )
    assert [case.case_number for case in april.cases] == [1, 2]
    assert april.cases[0].title == "Temaer (B)"
    assert april.cases[0].decision == "Orientering og drøftelse."
    road = april.cases[1]
    assert road.title.startswith(
        "Anlægsbevilling - Erhvervsbyggemodning, stikvej på Vestermarksvej"
    )
    assert "1.250.000 kr." in road.section("Administrativ indstilling")
    assert road.decision is None
    september = bundled("Vejen", "vejen_udvalget-for-teknik-og-miljoe_2018-09-17_referat.txt")
    assert september.meeting_date == date(2018, 9, 17)
    assert [case.case_number for case in september.cases] == [1, 2]
    assert september.cases[0].decision == "Udsat.\nFraværende uden afbud: Claus Grimm (O)."
    assert "26. juni 2018" in september.cases[1].section("Sagsfremstilling")
