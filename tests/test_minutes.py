"""The text-export parser on the two real meetings in corpus/Rødovre/."""

from datetime import date

import pytest

from qa.errors import MinutesError
from qa.formats.text import decode
from qa.minutes import Member, parse_text_export
from tests.conftest import RODOVRE


def parse(name: str):
    path = RODOVRE / name
    return parse_text_export(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module")
def october():
    return parse("beskaeftigelsesudvalget_2024-10-08.txt")


@pytest.fixture(scope="module")
def may():
    return parse("beskaeftigelsesudvalget_2023-05-16.txt")


def test_meeting_header(october):
    assert october.committee == "Beskæftigelsesudvalget"
    assert october.meeting_date == date(2024, 10, 8)
    assert october.case_range == (37, 42)
    assert october.source == "beskaeftigelsesudvalget_2024-10-08.txt"
    assert october.warnings == ()


def test_members_with_party_letters_and_chair(october):
    assert october.members[0] == Member("Kim Drejer Nielsen", "C", "Formand")
    assert Member("Peter Mikkelsen", "Ø") in october.members
    assert [m.party for m in october.members] == ["C", "Ø", "A", "A", "V"]


def test_both_seeds_have_six_cases_numbered_as_the_header_says(october, may):
    assert [c.case_number for c in october.cases] == [37, 38, 39, 40, 41, 42]
    assert [c.case_number for c in may.cases] == [13, 14, 15, 16, 17, 18]


@pytest.mark.parametrize(
    ("meeting", "number", "title", "authority"),
    [
        ("october", 37, "Meddelelser", "BEU"),
        ("october", 38, "Understøttelse af iværksættermiljøet i Rødovre", "KB"),
        ("october", 39, "Status på indsatsen for fordrevne fra Ukraine m.fl.", "BEU"),
        ("october", 40, "Orientering om Danmarkskortet 2023", "KB"),
        ("october", 42, "Underskriftsside", "BEU"),
        ("may", 15, "Kvinder og mænd på arbejdsmarkedet", "BEU"),
        ("may", 17, "Mod på trivsel", "KB"),
    ],
)
def test_case_titles_and_authorities(request, meeting, number, title, authority):
    case = next(c for c in request.getfixturevalue(meeting).cases if c.case_number == number)
    assert case.title == title
    assert case.authority == authority


def test_decisions(october, may):
    decisions = {c.case_number: c.decision for c in october.cases}
    assert decisions[38] == "Anbefales."
    assert decisions[39] == "Taget til efterretning."
    assert decisions[42] == "Godkendt."
    assert next(c for c in may.cases if c.case_number == 14).decision == "Taget til efterretning."


def test_sections_in_order_and_sub_headings_stay_inside(october):
    case = october.cases[1]  # Sag nr. 38
    assert [s.heading for s in case.sections] == [
        "Sagens kerne",
        "Indstilling",
        "Beslutning",
        "Sagsfremstilling",
        "Lov- og plangrundlag",
        "Økonomiske konsekvenser",
        "Tidsplan",
        "Bilag",
    ]
    # "Baggrund" is a sub-heading of Sagsfremstilling, not a section of its own.
    assert "Baggrund\n\nSamarbejdet med virksomhederne" in case.section("Sagsfremstilling")
    assert "Netværk Rødovre, har pt. omkring 25 deltagere" in case.section("Sagsfremstilling")


def test_empty_sections_and_closing_lines_belong_to_the_last_case(may, october):
    diverse = may.cases[-1]
    assert diverse.title == "Diverse"
    assert diverse.section("Sagens kerne") == ""
    assert diverse.decision.endswith("Protokollen oplæst. Mødet afsluttet kl.: 15.49.")
    assert october.cases[4].section("Sagens kerne") == ""


def test_ui_noise_is_dropped(october):
    assert all("Fold alle ud" not in c.text for c in october.cases)


def test_bom_crlf_and_no_break_spaces_are_tolerated():
    raw = (RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").read_text(encoding="utf-8")
    messy = "\ufeff" + raw.replace("\n", "\r\n").replace("Sag nr. 39", "Sag\u00a0nr.\u00a039")
    meeting = parse_text_export(decode(messy.encode("utf-8"), "x.txt"), "x.txt")
    assert [c.case_number for c in meeting.cases] == [37, 38, 39, 40, 41, 42]
    assert meeting.committee == "Beskæftigelsesudvalget"


def test_case_numbers_that_disagree_with_the_header_are_reported():
    raw = (RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").read_text(encoding="utf-8")
    meeting = parse_text_export(raw.replace("Sager 37 - 42", "Sager 37 - 43"), "x.txt")
    assert meeting.warnings == ("header says Sager 37 - 43, but cases 43 are missing",)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("Indkøbsliste\nmælk\nbrød\n", "expected the committee name and then a date"),
        ("Økonomiudvalget\n01-02-2024\nIngen sager i dag.\n", "no cases found"),
    ],
)
def test_files_that_are_not_minutes_get_a_clear_error(text, reason):
    with pytest.raises(MinutesError) as error:
        parse_text_export(text, "notes.txt")
    assert str(error.value).startswith("notes.txt: ")
    assert reason in str(error.value)
