"""An English question meets Danish minutes through the glossary: its words become theirs."""

import pytest

from qa import glossary, retrieval
from qa.answer_features import lexical, question_terms, terms


def test_an_english_phrase_stands_for_the_danish_words_the_minutes_use():
    found = dict(glossary.translations("How many Ukrainians are on sick leave?"))
    assert "sygemeldte" in found["on sick leave"]  # the longest phrase the glossary knows
    assert "ukrainere" in found["Ukrainians"]
    assert "fraværende" in dict(glossary.translations("Who was absent?"))["absent"]


def test_an_irregular_english_form_is_read_as_its_base_form():
    # The glossary lists "underspend", not "underspent".
    assert "mindreforbrug" in dict(glossary.translations("How much was underspent?"))["underspent"]
    # A form it lists is read as listed: "spent" is "brugt", not "spend"'s "forbrug".
    assert dict(glossary.translations("How much was spent on roads?"))["spent"] == {"brugt"}


def test_english_function_words_are_not_translated():
    # "on", "the", "who": they say nothing of what is asked about.
    phrases = [p for p, _ in glossary.translations("Who is on the list of the council?")]
    assert not {"on", "the", "Who", "of"} & set(phrases)


def test_a_danish_question_is_read_as_it_is():
    question = "Hvor mange er sygemeldte?"
    assert glossary.translations(question) == []
    assert glossary.in_danish(question) == question


def test_the_keyword_search_reads_an_english_question_in_danish():
    text = glossary.in_danish("How many in Rødovre are on sick leave?")
    assert "sygemeld" in text and "Rødovre" in text  # a name stays as it is
    assert "sick" not in text


def test_an_english_question_finds_the_danish_case_by_its_words(corpus_searcher):
    # No model: the keyword search alone finds the case only through the glossary.
    hits = corpus_searcher.search("How many Ukrainians are on sick leave?", 3, mode="bm25")
    assert hits[0].chunk.municipality == "Rødovre" and hits[0].chunk.case_number == 39


@pytest.mark.parametrize(
    "sentence, held",
    [("10 personer er sygemeldte, mens to er i ordinær uddannelse.", 1.0), ("77 er i job.", 0.0)],
)
def test_a_sentence_holds_an_english_word_when_it_holds_one_of_its_translations(sentence, held):
    asked = question_terms("Who is on sick leave?")
    assert lexical(asked, terms(sentence), {}) == held


def test_an_english_question_is_also_searched_as_its_danish_reading(rodovre_searcher, monkeypatch):
    monkeypatch.setattr(rodovre_searcher.encoder, "semantic", True)  # as a language model reads
    read = []
    encode = rodovre_searcher.encoder.encode_queries
    monkeypatch.setattr(
        rodovre_searcher.encoder,
        "encode_queries",
        lambda texts: read.extend(texts) or encode(texts),
    )
    rodovre_searcher.search("How many Ukrainians are on sick leave?", 3)
    assert read == ["How many Ukrainians are on sick leave?", "How many ukrainere are sygemeldt?"]
    read.clear()
    rodovre_searcher.search("Hvor mange ukrainere er sygemeldte?", 3)
    assert len(read) == 1  # a Danish question is its own reading
    monkeypatch.setattr(rodovre_searcher.encoder, "semantic", False)
    read.clear()
    rodovre_searcher.search("How many Ukrainians are on sick leave now?", 3)
    assert len(read) == 1  # hashed words: the keyword search reads the Danish words already


def test_the_danish_reading_is_a_ranking_of_its_own_and_leaves_the_similarity_as_it_was(
    rodovre_searcher, monkeypatch
):
    # Its ranks add to the fused score; the similarity (what the weak test is calibrated on)
    # stays the English question's own.
    monkeypatch.setattr(rodovre_searcher.encoder, "semantic", True)
    question = "How many are on sick leave?"
    monkeypatch.setattr(retrieval, "DANISH_READING_WEIGHT", 0.0)
    alone = {h.chunk.chunk_id: h for h in rodovre_searcher.search(question, 5)}
    monkeypatch.setattr(retrieval, "DANISH_READING_WEIGHT", 2.0)
    both = [h for h in rodovre_searcher.search(question, 5) if h.chunk.chunk_id in alone]
    assert both
    for hit in both:
        added = hit.score - alone[hit.chunk.chunk_id].score
        assert 0 < added <= 2.0 / (retrieval.RRF_K + 1)
        assert hit.similarity == pytest.approx(alone[hit.chunk.chunk_id].similarity)
