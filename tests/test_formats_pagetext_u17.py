"""Web pages kept as text, read from the real pages bundled in corpus/: what Hvidovre's, Thisted's
and Mariagerfjord's pages of the seventeenth round give, and the rule that came with them (a
numbered list that begins under a section heading is that section's list, not items)."""

from datetime import date

from qa.formats.pagetext import parse
from tests.conftest import bundled


def _page(*lines: str) -> bytes:
    return "\n".join(["https://kommune.example.dk/referat?agendaid=1", "", *lines]).encode()


def test_a_numbered_list_under_a_section_heading_is_the_sections_list_not_items():
    page = _page(
        "Referat - Folkeoplysningsudvalget den 6. december 2018",
        "",
        "Dato: Torsdag den 6. december 2018",
        "",
        "1. Meddelelser",
        "",
        "Beslutningstema",
        "",
        "Meddelelsespunkter.",
        "",
        "Sagsfremstilling",
        "",
        " 1. Orientering om aktive ansøgninger.",
        " 2. Orientering om foreningsaften.",
        " 3. Oversigt over budgetansøgninger.",
    )
    meeting = parse(page, "Example/folkeoplysning.txt")
    (news,) = meeting.cases
    assert news.title == "Meddelelser"
    assert "3. Oversigt over budgetansøgninger." in news.section("Sagsfremstilling")


def test_the_next_item_may_follow_such_a_list_at_once():
    page = _page(
        "Referat - Kultur- og Fritidsudvalget den 4. januar 2017",
        "",
        "Dato: Onsdag den 4. januar 2017",
        "",
        "2. Meddelelser",
        "",
        "Bilag",
        "",
        " 1. Evaluering af Frivillighedsugen 2016 (pdf)",
        " 2. Regnskab for sæson 2015-2016 (pdf)",
        "",
        "3. Frigivelse af projekt 0254",
        "",
        "Beslutningstema",
        "",
        "Der er afsat 1 mio. kr.",
    )
    meeting = parse(page, "Example/kultur.txt")
    assert [case.case_number for case in meeting.cases] == [2, 3]
    assert "(pdf)" in meeting.cases[0].section("Bilag")
    assert meeting.cases[1].section("Beslutningstema") == "Der er afsat 1 mio. kr."


def test_hvidovre_leisure_council_keeps_its_news_in_one_case():
    council = bundled("Hvidovre", "hvidovre_folkeoplysningsudvalget_2018-12-06_referat.txt")
    assert (council.committee, council.meeting_date) == (
        "Folkeoplysningsudvalget",
        date(2018, 12, 6),
    )
    (news,) = council.cases
    assert "René Langhorn stiller forslag" in news.decision
    assert "Aftenskolen Risbjergsangerne" in news.section("Sagsfremstilling")


def test_hvidovre_council_and_finance_committee():
    mayor = bundled("Hvidovre", "hvidovre_kommunalbestyrelsen_2017-12-05_referat.txt")
    (election,) = mayor.cases
    assert election.decision.startswith("Ad 1. Helle M. Adelborg blev valgt")
    june = bundled("Hvidovre", "hvidovre_kommunalbestyrelsen_2018-06-26_referat.txt")
    assert [case.case_number for case in june.cases] == [1, 2, 3]
    assert "500 Hvidovreborgere" in june.cases[2].title
    report = bundled("Hvidovre", "hvidovre_oekonomiudvalget_2015-10-19_referat.txt")
    assert "2,37 mio. kr." in report.cases[2].section("Indstilling")
    markers = bundled("Hvidovre", "hvidovre_oekonomiudvalget_2018-12-03_referat.txt")
    assert "dobbelt forsørgelse" in markers.cases[2].decision
    housing = bundled("Hvidovre", "hvidovre_oekonomiudvalget_2019-01-21_referat.txt")
    assert housing.meeting_date == date(2019, 1, 21)
    assert housing.cases[2].title == "Godkendelse af Boligpolitik 2019"


def test_hvidovre_culture_committee():
    buildings = bundled("Hvidovre", "hvidovre_kultur-og-fritidsudvalget_2017-01-04_referat.txt")
    assert [case.case_number for case in buildings.cases] == [1, 2, 3]
    assert "1.925.729 kr." in buildings.cases[2].section("Beslutningstema")
    sponsor = bundled("Hvidovre", "hvidovre_kultur-og-fritidsudvalget_2017-12-06_referat.txt")
    assert "77.500 kr." in sponsor.cases[2].section("Sagsfremstilling")
    moved = bundled("Hvidovre", "hvidovre_kultur-og-fritidsudvalget_2018-04-12_referat.txt")
    assert moved.cases[2].decision.startswith("Udvalgsmødet fremrykkes")
    plan = bundled("Hvidovre", "hvidovre_kultur-og-fritidsudvalget_2018-10-03_referat.txt")
    assert "mandag den 19. august 2019 (budgetmøde)" in plan.cases[2].section("Indstilling")


def test_thisted_and_mariagerfjord_technical_committees():
    buses = bundled("Thisted", "thisted_klima-miljoe-og-teknikudvalget_2020-02-03_referat.txt")
    assert (buses.committee, buses.meeting_date) == (
        "Klima-, Miljø- og Teknikudvalget",
        date(2020, 2, 3),
    )
    assert [case.case_number for case in buses.cases] == [23, 24]
    assert "Kristian Tilsted og Preben Holler" in buses.cases[0].decision
    building = bundled(
        "Mariagerfjord", "mariagerfjord_udvalget-for-teknik-og-miljoe_2020-06-22_referat.txt"
    )
    assert (building.committee, building.meeting_date) == (
        "Udvalget for Teknik og Miljø",
        date(2020, 6, 22),
    )
    assert building.cases[1].title == "Højdevej 13 - Byggesag i partshøring"
    assert "Peter Muhl (A)" in building.cases[0].decision
