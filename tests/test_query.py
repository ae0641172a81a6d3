"""Reading which meetings a question points at."""

from datetime import date

import pytest

from qa.query import meeting_hint, named_years, without_meeting_names


@pytest.mark.parametrize(
    ("question", "ranges"),
    [
        ("Hvad skete der på mødet i oktober 2024?", ((date(2024, 10, 1), date(2024, 10, 31)),)),
        ("Ingen meddelelser maj 2023", ((date(2023, 5, 1), date(2023, 5, 31)),)),
        ("What was decided in May 2023?", ((date(2023, 5, 1), date(2023, 5, 31)),)),
        ("Beslutningen den 8. oktober 2024", ((date(2024, 10, 8), date(2024, 10, 8)),)),
        ("Mødet 16-05-2023", ((date(2023, 5, 16), date(2023, 5, 16)),)),
        ("Mødet 2024-10-08", ((date(2024, 10, 8), date(2024, 10, 8)),)),
    ],
)
def test_dates_in_a_question(question, ranges):
    assert meeting_hint(question).ranges == ranges


def test_a_bare_year_is_a_topic_not_a_meeting_date():
    assert not meeting_hint("Omgørelsesprocent på socialområdet generelt 2023")


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("Hvad var afvigelsen ved halvåret 2013?", (2013,)),
        ("Budget 2021-2024 i Slagelse", (2021, 2024)),
        ("What was decided on 6 October 2025?", (2025,)),
        ("Tilskud på 2.024 kr. til 20245 borgere", ()),  # figures, not years
        ("Hvad kostede det?", ()),
    ],
)
def test_the_years_a_question_names(question, years):
    assert named_years(question) == years


@pytest.mark.parametrize(
    "question", ["Hvad blev besluttet på seneste møde?", "What happened at the latest meeting?"]
)
def test_the_latest_meeting(question):
    assert meeting_hint(question).latest


def test_committees_named_in_the_question():
    hint = meeting_hint(
        "Hvad har beskæftigelsesudvalget besluttet?", ["Beskæftigelsesudvalget", "Økonomiudvalget"]
    )
    assert hint.committees == ("Beskæftigelsesudvalget",)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Why was Martin Bech away from the Brønderslev council meeting?", ("Brønderslev",)),
        ("What is Gribskov's case on the 2018 accounts about?", ("Gribskov",)),
        ("Hvad besluttede Gribskovs økonomiudvalg?", ("Gribskov",)),
        ("How large is Copenhagen's budget for 2020?", ("København",)),
        ("Hvad skal der ske med Køgebugt?", ()),  # a longer word is no name
        ("Hvad koster en ny cykelsti?", ()),
    ],
)
def test_a_question_names_the_municipalities_whose_minutes_it_means(question, named):
    towns = ["Brønderslev", "Gribskov", "København", "Køge"]
    assert meeting_hint(question, [], towns).municipalities == named


def test_the_minutes_of_the_municipality_a_question_names_come_first(corpus_searcher):
    hits = corpus_searcher.search("Hvad besluttede udvalget om kunstgræsbaner i Aarhus?", 5)
    assert hits[0].chunk.municipality == "Aarhus"
    named = [h.chunk.municipality == "Aarhus" for h in hits]
    assert named == sorted(named, reverse=True)  # Aarhus' cases before any other's


@pytest.mark.parametrize(
    ("question", "committee", "left"),
    [
        (
            "Was anyone missing from Brønderslev's technical and environment committee?",
            "Teknik- og Miljøudvalget",
            "Was anyone missing from ?",
        ),
        (
            "Hvem var fraværende på Teknik- og Miljøudvalgets møde i Brønderslev?",
            "Teknik- og Miljøudvalget",
            "Hvem var fraværende på møde i ?",
        ),
        (  # the topic that shares a word with the committee's name stays
            "Hvor mange børn stod på venteliste ifølge Børne- og Skoleudvalget i Brønderslev?",
            "Børne- og Skoleudvalget",
            "Hvor mange børn stod på venteliste ifølge i ?",
        ),
    ],
)
def test_the_words_that_name_the_meeting_are_no_topic_within_it(question, committee, left):
    assert without_meeting_names(question, committee, "Brønderslev") == left


def test_a_question_of_nothing_but_names_is_kept():
    question = "Teknik- og Miljøudvalget i Brønderslev"
    assert without_meeting_names(question, "Teknik- og Miljøudvalget", "Brønderslev") == question


def test_within_the_minutes_named_their_municipalitys_name_is_not_matched(corpus_searcher):
    question = "Hvad besluttede udvalget om kunstgræsbaner i Aarhus?"
    read = corpus_searcher.read(corpus_searcher.snapshot(), question, "hybrid", None)
    words = read.within.words  # what ranks Aarhus' cases among themselves
    assert "Aarhus" not in words and "kunstgræsbaner" in words
    assert "Aarhus" in read.words  # among all the minutes the name is still read
