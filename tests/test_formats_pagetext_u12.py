"""Web pages kept as text, read from the real pages bundled in corpus/: Copenhagen's older protocol
pages (a decision under its own dated line, an address with the meeting's hour), a council filed
under its election period, and a committee named only in the genitive of its decision lines."""

from datetime import date

from qa.formats.structure import find_committee
from tests.conftest import bundled


def test_a_protocol_page_decides_under_the_committees_dated_line():
    meeting = bundled("København", "kk_kultur-og-fritidsudvalget_2001-05-03_punkt-12.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2001, 5, 3),
    )
    (case,) = meeting.cases
    assert case.case_number == 12
    assert case.title.startswith("Etablering af en omklædningsbygning")
    # "INDSTILLING OG BESLUTNING" holds the proposal; "Kultur- og Fritidsudvalgets beslutning i
    # mødet den 3. maj 2001" heads what the committee decided.
    assert "anlægsbevilling på 2,1 mill. kr." in case.section("Indstilling")
    assert case.decision.startswith(
        "Tiltrådt\nForvaltningen blev bedt om at udarbejde et statusnotat"
    )
    assert "322.000 kr." in case.section("Resume")


def test_a_case_page_whose_address_gives_the_meetings_hour():
    meeting = bundled("København", "kk_borgerrepraesentationen_2004-11-25_punkt-13.txt")
    # ".../møde-25112004-173000/referat/punkt-13": the date, then the hour.
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Borgerrepræsentationen",
        date(2004, 11, 25),
        "referat",
    )
    (case,) = meeting.cases
    assert (case.case_number, case.title) == (13, "Renovering af Børsbroen")
    assert "anlægsbevilling på 11,9 mio. kr." in case.text
    assert "som anbefalet af Økonomiudvalget – blev godkendt uden afstemning" in case.text


def test_a_council_protocol_with_no_headings_keeps_its_text_as_the_summary():
    meeting = bundled("København", "kk_borgerrepraesentationen_2001-02-08_punkt-21.txt")
    (case,) = meeting.cases
    assert (meeting.meeting_date, case.case_number, case.title) == (
        date(2001, 2, 8),
        21,
        "Spildevandsplan 2000",
    )
    assert case.decision is None
    assert "Indstillingen blev godkendt med 38 stemmer imod 14." in case.section("Resumé")


def test_the_election_period_before_a_councils_name_is_not_part_of_it():
    assert find_committee(["År 2014-2017 Integrationsrådet - Referat"]) == "Integrationsrådet"
    meeting = bundled("Brønderslev", "bronderslev_integrationsraadet_2016-09-07_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Integrationsrådet", date(2016, 9, 7))
    assert [case.case_number for case in meeting.cases] == [1, 2, 3]
    assert "Godkendt nyt pkt. 10: Fællesarrangement for uddannelse af flygtninge" in (
        meeting.cases[1].decision
    )
    assert "Bydelsmødre for flygtningekvinder" in meeting.cases[2].section("Resume")


def test_a_committee_named_in_the_genitive_of_its_decision_lines():
    assert find_committee(["Integrationsudvalgets møde den 12. december 2011:"]) == (
        "Integrationsudvalget"
    )
    meeting = bundled("Kalundborg", "kalundborg_integrationsudvalget_2011-12-12_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Integrationsudvalget", date(2011, 12, 12))
    assert [case.title for case in meeting.cases] == [
        "Bemærkninger til dagsordenen",
        "Gensidig orientering",
        "Kriterier for Integrationsudvalgets tildeling af støtte",
    ]
    assert meeting.cases[0].decision.startswith("Udvalgsformanden oplyste, at der er 4 ansøgninger")
    assert "tildeles 300.000 kr. af §18-midlerne" in meeting.cases[2].section("Sagsfremstilling")


def test_koege_childrens_committee_and_its_fourth_financial_statement():
    meeting = bundled("Køge", "koege_boerneudvalget_2018-11-07_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Børneudvalget", date(2018, 11, 7))
    agenda, statement = meeting.cases
    assert (agenda.case_number, agenda.decision) == (119, "Godkendt.")
    assert (statement.case_number, statement.title) == (
        120,
        "4. økonomiske redegørelse - Børneudvalget",
    )
    assert "Børne- og Uddannelsesforvaltningen indstiller" in statement.section("Indstilling")
    assert "13,2 mio. kr." in statement.section("Indstilling")


def test_a_page_naming_its_committee_only_in_the_decision_lines():
    meeting = bundled("Glostrup", "glostrup_kultur-og-fritidsudvalget_2019-05-21_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Kultur- og Fritidsudvalget",
        date(2019, 5, 21),
    )
    assert [case.case_number for case in meeting.cases] == [1, 2, 3, 4]
    cinema = meeting.cases[3]
    assert cinema.title == "Drøftelse vedr. ny driftsaftale med Biografforeningen Sofarækken"
    assert "udløber 31. december 2019" in cinema.section("Resumé")


def test_fredericia_and_gribskov_culture_committees():
    fredericia = bundled(
        "Fredericia", "fredericia_kultur-og-idraetsudvalget_2019-08-20_referat.txt"
    )
    assert (fredericia.committee, fredericia.meeting_date) == (
        "Kultur- og Idrætsudvalget",
        date(2019, 8, 20),
    )
    assert [case.case_number for case in fredericia.cases] == [43, 44]
    assert "merforbrug på 3,5 mio. kr." in fredericia.cases[1].section("Resumé")
    gribskov = bundled("Gribskov", "gribskov_kultur-og-idraetsudvalget_2017-02-07_referat.txt")
    (case,) = gribskov.cases
    assert (gribskov.committee, gribskov.meeting_date, case.case_number) == (
        "Kultur- og Idrætsudvalget",
        date(2017, 2, 7),
        8,
    )
    assert "4 årlige budgetopfølgninger" in case.section("Sagsfremstilling")
