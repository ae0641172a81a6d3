"""Web pages kept as text whose items are bullets "• Punkt 1 Title", with a table of the bodies
that treat a case read one cell a line, read from the real page bundled in corpus/Ringsted."""

from datetime import date

from qa.formats.structure import Block, case_from_blocks
from tests.conftest import bundled


def test_the_committee_date_and_items_of_a_page_with_bulleted_items():
    meeting = bundled("Ringsted", "ringsted_plan-og-boligudvalget_2014-02-18_referat.txt")
    # "Udvalg/Råd: Plan- og Boligudvalget" and "Dato: Tirsdag den 18. februar 2014".
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Plan- og Boligudvalget",
        date(2014, 2, 18),
        "referat",
    )
    agenda, calendar = meeting.cases
    assert [case.case_number for case in meeting.cases] == [1, 2]
    assert agenda.title == "Godkendelse af dagsorden - februar 2014"
    assert agenda.decision.startswith("Godkendt, idet punkt nr. 3 tages af dagsordenen.")
    assert "Kisser Franciska Lehnert" in agenda.decision
    assert calendar.title == "Mødekalender 2. halvår 2014"


def test_a_table_header_read_one_cell_a_line_is_not_the_cases_decision():
    calendar = bundled("Ringsted", "ringsted_plan-og-boligudvalget_2014-02-18_referat.txt").cases[1]
    # "Orientering", "Indstilling", "Beslutning" over "x" marks head the columns of the table
    # of the bodies that treat the case: the case has no decision on this page.
    assert calendar.decision is None
    assert [section.heading for section in calendar.sections] == ["Tekst"]
    text = calendar.section("Tekst")
    assert "Orientering\nIndstilling\nBeslutning\nx\nx" in text
    assert "Byrådet holder møde den 2. mandag i hver måned kl. 19.00" in text


def test_headings_standing_together_over_text_are_still_sections():
    lines = ("Resumé", "Indstilling", "at dagsordenen godkendes.", "Beslutning", "Godkendt.")
    case = case_from_blocks(1, "Godkendelse af dagsorden", [Block(line) for line in lines])
    # Only marks under the last of them make headings a table's columns.
    assert [s.heading for s in case.sections] == ["Indstilling", "Beslutning"]
    assert case.decision == "Godkendt."
