"""Web pages kept as text (the address on the first line), read from the real pages bundled in
corpus/København, corpus/Køge and corpus/Faxe."""

from datetime import date

import pytest

from qa.errors import MinutesError
from qa.formats import pagetext
from qa.ingest import parse_bytes
from tests.conftest import CORPUS, RODOVRE, bundled

KK = CORPUS / "København"


def read(path):
    return parse_bytes(path.read_bytes(), path.name)


def test_a_copenhagen_case_page_names_committee_meeting_and_item_from_its_address():
    meeting = read(KK / "kk_oekonomiudvalget_2017-08-23_punkt-4.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Økonomiudvalget",
        date(2017, 8, 23),
        "referat",
    )
    assert meeting.url.endswith("/m%C3%B8de-23082017/referat/punkt-4")
    (case,) = meeting.cases
    assert case.case_number == 4
    assert case.title.startswith("Første behandling af budgetforslag 2018")
    assert [s.heading for s in case.sections] == ["Resumé", "Indstilling"]
    assert case.section("Resumé").startswith("Den 5. oktober 2017 skal Borgerrepræsentationen")
    assert "406,0 mio. kr." in case.section("Indstilling")
    assert "Mødested" not in case.text and "Se alle bilag" not in case.text


def test_the_decision_of_a_case_page_keeps_its_first_line_as_text():
    case = read(KK / "kk_kultur-og-fritidsudvalget_2017-11-09_punkt-2.txt").cases[0]
    assert [s.heading for s in case.sections] == ["Resumé", "Indstilling", "Beslutning"]
    assert case.decision.splitlines() == [
        "Kultur- og Fritidsudvalgets beslutning i mødet den 9. november 2017:",
        "Kultur- og Fritidsudvalget godkendte medlemsforslaget.",
    ]


def test_a_page_without_a_meeting_line_takes_the_date_from_its_address():
    meeting = read(KK / "kk_borgerrepraesentationen_2014-06-18_punkt-3.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Borgerrepræsentationen",
        date(2014, 6, 18),
    )
    case = meeting.cases[0]
    assert (case.case_number, case.title) == (3, "Anlægsoversigter og Fast Track - juni 2014")
    # "Indstilling og beslutning" over the proposal alone: it is the Indstilling.
    assert [s.heading for s in case.sections] == ["Indstilling", "Problemstilling", "Løsning"]
    assert case.section("Indstilling").endswith("(Økonomiudvalget)")


def test_a_supplementary_agenda_is_an_agenda():
    meeting = read(KK / "kk_oekonomiudvalget_2025-01-22_tillaegsdagsorden_punkt-1.txt")
    assert (meeting.kind, meeting.meeting_date) == ("dagsorden", date(2025, 1, 22))
    assert meeting.cases[0].title == "Indkaldelsescirkulæret for budget 2026"


def test_earlier_decisions_of_a_matter_are_a_section_of_their_own():
    case = read(KK / "kk_vanloese-lokaludvalg_2021-06-17_punkt-3.txt").cases[0]
    assert case.title == "A-sag: Orientering om tilpasning af lokaludvalg"
    history = case.section("Tidligere beslutninger")
    assert history.count("Vanløse Lokaludvalg") == 6 and "27.2.2020" in history


def test_the_site_banner_and_links_are_not_part_of_the_case():
    case = read(KK / "kk_borgerrepraesentationen_2021-04-22_punkt-10.txt").cases[0]
    assert case.title == "Forslag til tilpasninger af lokaludvalg"
    assert "Digital Post" not in case.text and "Søg" not in case.text.split("\n")


@pytest.mark.parametrize(
    ("name", "committee", "kind", "numbers"),
    [
        (
            "koege_oekonomiudvalget_2021-01-19_dagsorden.txt",
            "Økonomiudvalget",
            "dagsorden",
            [14, 15],
        ),
        ("koege_koege-byraad_2020-10-27_referat.txt", "Køge Byråd", "referat", [183, 184]),
    ],
)
def test_other_pages_go_through_the_common_item_finder(name, committee, kind, numbers):
    meeting = read(CORPUS / "Køge" / name)
    assert (meeting.committee, meeting.kind) == (committee, kind)
    assert [c.case_number for c in meeting.cases] == numbers
    assert meeting.url.startswith("https://www.koege.dk/")
    assert all("Til toppen" not in c.text for c in meeting.cases)


def test_a_page_in_the_layout_of_the_text_exports_is_read_by_that_parser(tmp_path):
    export = (RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").read_text(encoding="utf-8")
    page = tmp_path / "side.txt"
    page.write_text("https://www.rk.dk/politik/moede/BEU-1\n\n" + export, encoding="utf-8")
    meeting = read(page)
    assert meeting.url == "https://www.rk.dk/politik/moede/BEU-1"
    assert meeting.cases == read(RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").cases


def test_a_text_export_without_an_address_stays_with_the_text_format():
    data = (RODOVRE / "beskaeftigelsesudvalget_2023-05-16.txt").read_bytes()
    assert not pagetext.sniff(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "https://kk.dk/dagsordener-og-referater/X/møde-31022020/referat/punkt-1\n\nTitel\n",
            "date",
        ),
        ("https://www.koege.dk/side.aspx\n\n\n", "no text"),
        (
            "https://kk.dk/dagsordener-og-referater/X/møde-01022020/referat/punkt-1\n\nBeslutning\n",
            "no title",
        ),
    ],
)
def test_a_page_that_cannot_be_read_says_why(tmp_path, text, message):
    page = tmp_path / "side.txt"
    page.write_text(text, encoding="utf-8")
    with pytest.raises(MinutesError, match=message):
        read(page)


def page(*lines):
    return parse_bytes("\n".join(["https://example.org/referat", "", *lines]).encode(), "x.txt")


def test_a_list_of_the_items_above_the_cases_is_not_taken_for_the_cases():
    meeting = page(
        "Læs referater til og med den 10. februar 2016",
        "Udvalg: Økonomiudvalget",
        "Dato: Torsdag den 18. juni 2020",
        "Sted: Rådhuset, mødelokale 2",
        "Indholdsfortegnelse",
        "1. Nyt klubhus ved stadion",
        "2. Forslag om klubtilbud",
        "3. Underskriftsblad",
        "",
        "1. Nyt klubhus ved stadion",
        "Sagsfremstilling",
        "Kommunalbestyrelsen skal beslutte at igangsætte planlægningen.",
        "2. Forslag om klubtilbud",
        "Indstilling",
        "Forvaltningen indstiller, at forslaget drøftes.",
    )
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2020, 6, 18))
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Nyt klubhus ved stadion"),
        (2, "Forslag om klubtilbud"),
    ]
    assert "igangsætte planlægningen" in meeting.cases[0].section("Sagsfremstilling")


def test_items_and_sections_set_as_bullets_or_without_a_space_after_the_number():
    bulleted = page(
        "Social- og Sundhedsudvalget - Referat fra mødet den 17-01-2019",
        "  • 1 Præsentation af veteranindsatsen",
        "    • Indstilling",
        "      at orienteringen tages til efterretning.",
        "    • Beslutning i Social- og Sundhedsudvalget den 17-01-2019",
        "      Taget til efterretning.",
        "  • 2 Budgetopfølgning",
        "    • Resume",
        "      Udvalget orienteres om budgettet.",
    )
    assert [(c.case_number, c.title) for c in bulleted.cases] == [
        (1, "Præsentation af veteranindsatsen"),
        (2, "Budgetopfølgning"),
    ]
    assert bulleted.cases[0].decision == "Taget til efterretning."

    run_on = page(
        "UDVALG",
        "Udvalget for teknik og miljø",
        "Mødedato: 18-02-2019",
        "1.Temamøde - Diger (B)",
        "Administrativ indstilling",
        "Chefen indstiller, at orienteringen drøftes.",
        "Beslutning Udvalget for teknik og miljø den 18-02-2019",
        "Drøftet.",
        " 2  Orientering om udbud af madaffald",
        "Beslutning Udvalget for teknik og miljø den 18-02-2019",
        "Taget til efterretning.",
    )
    assert run_on.committee == "Udvalget for teknik og miljø"
    assert [(c.case_number, c.title, c.decision) for c in run_on.cases] == [
        (1, "Temamøde - Diger (B)", "Drøftet."),
        (2, "Orientering om udbud af madaffald", "Taget til efterretning."),
    ]


def test_a_decision_under_the_committee_its_date_and_item_number():
    meeting = page(
        "Referat",
        "Sted: Rådhuset, mødelokale 2A",
        "  • Pkt. 35 Fællesmøde med Handicaprådet",
        "    Sagsnr. 230743 Sundheds- og Omsorgsudvalget Åbent punkt",
        "    Indstilling",
        "    Forvaltningen indstiller, at sagen drøftes.",
        "    Sundheds- og Omsorgsudvalget, 03-04-2014, pkt. 35",
        "    Drøftet.",
        "  • Pkt. 36 Kulturstrategi",
        "    Indstilling og beslutning",
        "    Områdechefen indstiller strategien til drøftelse.",
        "    Fritids-, Kultur- og Forebyggelsesudvalget, d. 3. april 2013:",
        "    Et oplæg bestilles.",
        "    Sundheds- og Omsorgsudvalget, d. 3. april 2014:",
        "    Godkendt.",
    )
    assert (meeting.committee, meeting.meeting_date) == (
        "Sundheds- og Omsorgsudvalget",
        date(2014, 4, 3),
    )
    first, second = meeting.cases
    assert (first.case_number, first.title, first.decision) == (
        35,
        "Fællesmøde med Handicaprådet",
        "Drøftet.",
    )
    # Another day's decision keeps its own words; this meeting's is the Beslutning.
    assert second.section("Fritids-, Kultur- og Forebyggelsesudvalget, d. 3. april 2013")
    assert second.decision == "Godkendt."


def test_a_banner_names_the_committee_above_the_weekday_and_date_of_the_meeting():
    meeting = bundled("Gribskov", "gribskov_oekonomiudvalget_2019-06-11_referat.txt")
    # The page's notice dated 25 April 2019 and its "Se hvilke fagudvalg" link come first.
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Økonomiudvalget",
        date(2019, 6, 11),
        "referat",
    )
    # "Punkt 127 ..." in a decision is not an item: the case file numbers confirm 103 and 104.
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (103, "Godkendelse af dagsorden"),
        (104, "Afsluttende behandling af årsregnskab 2018"),
    ]
    assert meeting.cases[0].decision.endswith("deltog som stedfortræder for Kim Valentin.")
    other = bundled("Gribskov", "gribskov_forebyggelse-og-idraet_2018-04-30_referat.txt")
    assert other.committee == "Forebyggelse og Idræt"  # no committee word in the name


def test_a_name_in_the_genitive_before_its_meeting_and_numbers_glued_to_the_titles():
    meeting = bundled("Frederikssund", "frederikssund_unge-fritid-og-idraet_2024-04-02_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Unge, fritid og idræt", date(2024, 4, 2))
    assert [c.case_number for c in meeting.cases] == [31, 32, 33]
    case = meeting.cases[2]
    assert case.title.startswith("Beslutning om ordensregler for Kultur- og havnebadets")
    assert case.decision == "Godkendt."
    assert case.section("Indstilling").startswith("Administrationen indstiller til Unge")
    # No "Referat" line on this page: "Godkendelse af dagsorden" does not make it an agenda.
    other = bundled("Frederikssund", "frederikssund_oekonomiudvalget_2026-01-21_referat.txt")
    assert (other.committee, other.kind) == ("Økonomiudvalget", "referat")
    assert other.cases[1].decision == "Godkendt.\nFraværende: Michael Tøgersen (I)."


def test_a_line_led_by_referat_outweighs_a_mention_of_an_agenda():
    meeting = read(
        CORPUS
        / "Mariagerfjord"
        / "mariagerfjord_udvalget-for-kultur-og-fritid_2021-03-02_referat.txt"
    )
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Udvalget for Kultur og Fritid",
        date(2021, 3, 2),
        "referat",
    )
    assert meeting.cases[0].decision.splitlines()[0] == "Godkendt."
    assert meeting.cases[1].section("Indstilling").startswith("Direktøren for Kultur og Fritid")


def test_a_presentation_heads_a_section():
    case = bundled("Middelfart", "middelfart_oekonomiudvalget_2015-01-26_referat.txt").cases[0]
    assert (case.case_number, case.title) == (209, "Lån på låneramme 2014")
    assert case.section("Præsentation").startswith("I forbindelse med budget 2014")
    assert "30,2 mio. kr." in case.section("Sagsbeskrivelse")


def test_a_title_shown_twice_and_a_proposal_s_numbered_points_stay_in_one_case():
    meeting = page(
        "Økonomiudvalget – Referat – 1. oktober 2018",
        "1. Godkendelse af dagsorden (B)",
        "",
        "1.     Godkendelse af dagsorden (B)",
        "Indstilling",
        "Borgmesteren indstiller,",
        "1.    at dagsordenen godkendes",
        "Beslutning i Økonomiudvalget den 1. oktober 2018:",
        "Fraværende: ",
        "Godkendt.",
        "",
        "2. Siden sidst fra udvalgets medlemmer (O)",
        "",
        "2.     Siden sidst fra udvalgets medlemmer (O)",
        "Beslutning i Økonomiudvalget den 1. oktober 2018:",
        "Fraværende: ",
        "Brev til regionen er afsendt.",
    )
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (1, "Godkendelse af dagsorden (B)"),
        (2, "Siden sidst fra udvalgets medlemmer (O)"),
    ]
    first = meeting.cases[0]
    assert "at dagsordenen godkendes" in first.section("Indstilling")
    assert first.decision.endswith("Godkendt.")
    assert "Siden sidst" not in first.decision
    assert meeting.cases[1].decision.endswith("Brev til regionen er afsendt.")


def test_a_page_naming_its_committee_only_in_the_first_item_is_minutes_with_those_sections():
    meeting = page(
        "12. aug 2019",
        "Deltagere:",
        " • Kaj Kirk (O)",
        "179. Godkendelse af dagsorden",
        "Udskriv",
        "Sagstema",
        "Godkendelse af dagsorden til dagens møde i Klima-, Miljø- og Teknikudvalget.",
        "Høring og sagsgang",
        "Klima-, Miljø- og Teknikudvalget den 12. august 2019",
        "Indstilling",
        "Til godkendelse.",
        "Beslutning",
        "Godkendt.",
        "Til toppen",
        "180. Cykelsti langs rute 11",
        "Redegørelse",
        "Et fælles samarbejde med nabokommunen.",
        "Det foreslås, at møderne i 2023 afholdes på følgende datoer:",
        "Tirsdag den 31. januar 2023",
    )
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Klima-, Miljø- og Teknikudvalget",
        date(2019, 8, 12),
        "referat",
    )
    first = meeting.cases[0]
    assert (first.section("Indstilling"), first.decision) == ("Til godkendelse.", "Godkendt.")
    assert meeting.cases[1].section("Redegørelse").startswith("Et fælles samarbejde")


def test_a_table_of_meetings_names_the_committee_under_its_header_row():
    meeting = page(
        "Mødedetaljer",
        "Udvalg Dato Type Hent",
        "Byrådet 20-06-2018 16:00 Referat Samlet dokument",
        "Punkt 138 Spørgetid 20/06-2018",
        "  • Beslutning i Byrådet den 20-06-2018",
        "    Ingen spørgsmål.",
        "Show video",
    )
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2018, 6, 20))
    assert meeting.cases[0].decision == "Ingen spørgsmål."


def test_indstillinger_and_sagsresume_head_the_recommendation_and_the_summary():
    meeting = bundled("Fredericia", "fredericia_oekonomiudvalget_2020-06-15_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2020, 6, 15))
    first, second = meeting.cases
    assert (first.case_number, second.case_number) == (126, 127)
    assert first.section("Indstilling") == (
        "Byrådssekretariatet indstiller, at dagsordenen godkendes."
    )
    assert second.section("Resumé").startswith("Revisionsberetning 2019 fremsendes")


def test_a_committee_named_in_lower_case_in_a_sentence_is_written_as_a_name():
    meeting = bundled("Hillerød", "hilleroed_byraadet_2018-12-19_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2018, 12, 19))
    assert [c.case_number for c in meeting.cases] == [1, 2]
