"""BM25 over the minutes: Danish stems, and no accidental matches on English function words."""

import pytest

from qa.keyword import KeywordIndex, tokenize

PASSAGES = [
    "147 Sculptures by the Sea KF\n148 PLAY WEST – spil og kultur i Aarhus S",
    "Antallet af fordrevne fra Ukraine i Rødovre er steget til 220 personer.",
    "Idrætsfaciliteter i takt med byudvikling – en aktiv og attraktiv by.",
]


@pytest.fixture
def keyword():
    return KeywordIndex.build(PASSAGES)


@pytest.mark.parametrize(
    "question",
    [
        "How many displaced Ukrainians live in the municipality?",
        "What was the decision of the committee?",
    ],
)
def test_english_function_words_match_nothing(keyword, question):
    # "the" occurs in one English name in the minutes; it must not pull that passage to the
    # top of every English question, nor count as a word of the question found in the minutes.
    scores, rows = keyword.search(question, k=3)
    assert 0 not in rows.tolist()
    assert keyword.coverage(question) == 0.0


def test_danish_words_spelled_like_english_ones_still_match(keyword):
    # "by" is Danish for town: not an English stop word here.
    scores, rows = keyword.search("en attraktiv by", k=3)
    assert rows.tolist()[0] == 2
    assert "by" in tokenize(["en attraktiv by"])[0]


def test_danish_stems_match_inflected_forms(keyword):
    scores, rows = keyword.search("fordrevne ukrainere i Rødovre", k=3)
    assert rows.tolist()[0] == 1
