"""Cases become chunks that fit the model, carry their citation, and never span two cases."""

from datetime import date

import pytest

from embeddings.model import HashingEncoder
from qa.chunking import Chunk, chunk_case
from qa.ingest import read_minutes
from tests.conftest import RODOVRE

count_tokens = HashingEncoder().count_tokens


@pytest.fixture(scope="module")
def october():
    return read_minutes(RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt")


def case(meeting, number):
    return next(c for c in meeting.cases if c.case_number == number)


def test_a_short_case_is_one_chunk_with_all_its_sections(october):
    [chunk] = chunk_case(october, case(october, 37), count_tokens)
    assert chunk.section == "Sagens kerne, Beslutning"
    assert "Ingen meddelelser" in chunk.text and "Taget til efterretning." in chunk.text


def test_every_chunk_carries_its_full_citation(october):
    for chunk in chunk_case(october, case(october, 39), count_tokens, max_tokens=200):
        assert chunk.committee == "Beskæftigelsesudvalget"
        assert chunk.meeting_date == date(2024, 10, 8)
        assert chunk.case_number == 39
        assert chunk.title == "Status på indsatsen for fordrevne fra Ukraine m.fl."
        assert chunk.source == "beskaeftigelsesudvalget_2024-10-08.txt"
        assert chunk.embedding_text.startswith(
            "Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39: Status på indsatsen"
        )


def test_a_long_case_splits_on_sections_first_then_inside_a_section(october):
    chunks = chunk_case(october, case(october, 38), count_tokens, max_tokens=300)
    sections = [c.section for c in chunks]
    assert sections[0] == "Sagens kerne, Indstilling, Beslutning"
    assert sections.count("Sagsfremstilling") > 1
    assert all(count_tokens(c.embedding_text) <= 300 for c in chunks)
    # Nothing of the case is lost: every paragraph is in some chunk.
    text = " ".join(c.text for c in chunks)
    for paragraph in case(october, 38).section("Sagsfremstilling").split("\n\n"):
        assert paragraph[:60] in text


def test_chunk_ids_are_unique_and_stable(october):
    first = [c.chunk_id for c in chunk_case(october, case(october, 40), count_tokens, 250)]
    again = [c.chunk_id for c in chunk_case(october, case(october, 40), count_tokens, 250)]
    assert first == again
    assert len(set(first)) == len(first)


def test_chunks_round_trip_through_json(october):
    chunk = chunk_case(october, case(october, 39), count_tokens)[0]
    assert Chunk.from_json(chunk.to_json()) == chunk
