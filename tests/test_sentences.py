"""Sentence vectors stored with the index: the first answer about a case reads no sentence live."""

import shutil
from dataclasses import replace

import numpy as np
from click.testing import CliRunner

from embeddings.model import HashingEncoder
from qa import answer_features
from qa.answer import compose, index_sentences
from qa.cli import cli
from qa.conversation import answer_question
from qa.indexing import update_index
from qa.retrieval import Searcher
from qa.sentences import (
    store_sentence_vectors,
    stored_vectors,
    update_sentence_vectors,
    vectors_path,
)
from qa.store import IndexStore
from tests.conftest import RODOVRE, CountingEncoder


def indexed(directory, corpus=RODOVRE) -> tuple[IndexStore, CountingEncoder]:
    store, encoder = IndexStore(directory), CountingEncoder()
    update_index([corpus], store, encoder)
    encoder.passages_read.clear()
    # Scored as a model's vectors would be (the answer reads a hashing encoder's words instead),
    # so what the answer reads with the model is seen.
    encoder.semantic = True
    return store, encoder


def fresh_answers(monkeypatch):
    """No sentence read in this process yet: a new `qa answer`."""
    monkeypatch.setattr(answer_features, "VECTORS", answer_features.VectorCache())


def english_answer(searcher):
    """An English question over the Danish case: its words do not decide, the model scores the
    sentences. (The hashing encoder would call the case a weak match; a real model does not.)
    Only what the answer reads is counted, not the search before it."""
    hits = [replace(h, weak=False) for h in searcher.search("fordrevne fra Ukraine", 3)]
    searcher.encoder.passages_read.clear()
    return compose(searcher, "How many Ukrainians are on sick leave?", hits)


def test_qa_index_stores_the_vectors_of_every_sentence_an_answer_may_quote(tmp_path):
    result = CliRunner().invoke(cli, ["index", str(RODOVRE), "--index-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    store, encoder = IndexStore(tmp_path), HashingEncoder()
    sentences = index_sentences(Searcher(store, encoder).snapshot())
    stored = stored_vectors(tmp_path, encoder)
    assert len(stored) == len(sentences) > 100
    text = next(t for t in sentences if "220 personer" in t)
    assert np.allclose(stored.get(text), encoder.encode_passages([text])[0], atol=1e-3)


def test_a_big_index_keeps_no_sentence_file_and_its_answers_read_sentences_live(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("QA_SENTENCE_VECTORS_MAX_CHUNKS", "10")  # the bundled minutes are "big"
    result = CliRunner().invoke(cli, ["index", str(RODOVRE), "--index-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    encoder = HashingEncoder()
    assert not vectors_path(tmp_path, encoder).exists()
    answer = answer_question(
        Searcher(IndexStore(tmp_path), encoder), "Hvor mange fordrevne fra Ukraine bor i Rødovre?"
    )
    assert "220 personer" in answer.text


def test_the_first_answer_reads_no_sentence_when_the_index_stores_them(tmp_path, monkeypatch):
    store, encoder = indexed(tmp_path)
    store_sentence_vectors(store, encoder, index_sentences)
    encoder.passages_read.clear()
    fresh_answers(monkeypatch)
    # English words over Danish minutes: the words do not decide, the model scores sentences.
    english_answer(Searcher(store, encoder))  # whether the answer is confident is not at stake
    assert encoder.passages_read == []  # with nothing stored, the same answer reads (next test)


def test_without_stored_vectors_the_answer_reads_its_sentences_live(tmp_path, monkeypatch):
    store, encoder = indexed(tmp_path)
    fresh_answers(monkeypatch)
    english_answer(Searcher(store, encoder))
    assert len(encoder.passages_read) > 0


def test_a_rebuild_reads_only_the_sentences_it_has_not_stored(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RODOVRE, corpus)
    store, encoder = indexed(tmp_path / "index", corpus)
    first = store_sentence_vectors(store, encoder, index_sentences)
    assert first == len(index_sentences(Searcher(store, encoder).snapshot()))
    assert (
        store_sentence_vectors(store, encoder, index_sentences) == 0
    )  # nothing changed: nothing read

    minutes = corpus / "beskaeftigelsesudvalget_2024-10-08.txt"
    text = minutes.read_text(encoding="utf-8")
    changed = text.replace("er 77 personer pt. i job.", "er 80 personer pt. i job.")
    assert changed != text
    minutes.write_text(changed, encoding="utf-8")
    update_index([corpus], store, encoder)
    encoder.passages_read.clear()

    assert store_sentence_vectors(store, encoder, index_sentences) == 1
    (read,) = encoder.passages_read
    assert "80 personer" in read
    stored = stored_vectors(store.directory, encoder)
    assert not any("77 personer" in t and stored.get(t) is not None for t in [read])
    sentences = index_sentences(Searcher(store, encoder).snapshot())
    assert len(stored) == len(sentences)  # the old sentence is gone from the file


def test_a_damaged_file_is_read_as_empty_and_rewritten_by_the_next_build(tmp_path, monkeypatch):
    store, encoder = indexed(tmp_path)
    store_sentence_vectors(store, encoder, index_sentences)
    path = vectors_path(tmp_path, encoder)
    path.write_bytes(b"not a numpy file")
    assert len(stored_vectors(tmp_path, encoder)) == 0
    fresh_answers(monkeypatch)
    question = "Hvor mange fordrevne fra Ukraine bor der i Rødovre?"
    answer = answer_question(Searcher(store, encoder), question)
    # The sentences are read live instead (whether the hashed words count as an answer is the
    # relevance model's to say, and a hashing encoder's similarities mean nothing to it).
    assert answer.hits[0].chunk.case_number == 39
    assert "Antallet af fordrevne fra Ukraine i Rødovre er steget" in " ".join(
        encoder.passages_read
    )

    assert store_sentence_vectors(store, encoder, index_sentences) > 0
    assert len(stored_vectors(tmp_path, encoder)) > 0


def test_vectors_of_another_model_or_runtime_are_kept_apart(tmp_path):
    small, other = HashingEncoder(), HashingEncoder(64)
    update_sentence_vectors(tmp_path, small, ["Mødet blev hævet kl. 15.49."])
    assert vectors_path(tmp_path, small) != vectors_path(tmp_path, other)
    assert stored_vectors(tmp_path, other).get("Mødet blev hævet kl. 15.49.") is None
    assert stored_vectors(tmp_path, small).get("Mødet blev hævet kl. 15.49.") is not None


def test_the_answer_scores_with_the_question_vector_its_search_computed(tmp_path, monkeypatch):
    store, encoder = indexed(tmp_path)
    store_sentence_vectors(store, encoder, index_sentences)
    fresh_answers(monkeypatch)
    searcher = Searcher(store, encoder)
    question = "How many Ukrainians are on sick leave?"
    hits = [replace(h, weak=False) for h in searcher.search(question, 3)]
    compose(searcher, question, hits)
    # Once, by the search (besides "sick leave", the words no sentence holds, read alone).
    assert encoder.queries_read.count(question) == 1
