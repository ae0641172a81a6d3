"""The weak-match test: a question's own scale, a bar that rises with the passages searched."""

import shutil

import numpy as np

from embeddings.model import HashingEncoder
from qa.calibration import (
    BACKGROUND_SAMPLE,
    KERNEL_SPREAD,
    WeakTest,
    bar,
    clear,
    manifest_rows,
    sample_rows,
)
from qa.indexing import update_index
from qa.store import IndexStore
from tests.conftest import CORPUS, hash_searcher


def test_relevance_runs_from_the_background_to_the_cosine_maximum():
    test = WeakTest(background=0.80)
    assert test.relevance(0.80) == 0.0
    assert abs(test.relevance(1.0) - 1.0) < 1e-9
    assert abs(test.relevance(0.88) - 0.4) < 1e-9


def test_the_background_is_the_median_similarity_to_the_sample():
    sample = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    query = np.array([0.8, 0.6], dtype=np.float32)
    assert abs(WeakTest.for_question(query, sample).background - 0.8) < 1e-6  # of 0.8, 0.6, 0.96


def test_the_same_similarity_is_weak_among_many_passages_and_not_among_few():
    test = WeakTest(background=0.80)
    similarity = 0.80 + 0.20 * (bar(100) + bar(100_000)) / 2
    assert not test.weak(similarity, competitors=100)
    assert test.weak(similarity, competitors=100_000)
    assert bar(10) < bar(1_000) < bar(1_000_000)


def test_the_margin_is_how_far_a_passage_clears_the_bar():
    test = WeakTest(background=0.80)
    on_the_bar = 0.80 + 0.20 * bar(100)
    assert abs(test.margin(on_the_bar, competitors=100)) < 1e-9
    assert test.margin(on_the_bar + 0.01, competitors=100) > 0
    assert test.weak(on_the_bar - 0.01, competitors=100)
    assert test.margin(None, competitors=100) == -np.inf


def test_only_a_margin_beyond_what_cpus_differ_by_is_a_clear_case():
    assert clear(2 * KERNEL_SPREAD) and clear(-2 * KERNEL_SPREAD)
    assert not clear(KERNEL_SPREAD / 2) and not clear(-KERNEL_SPREAD / 2)
    assert not clear(None)  # no model, no margin


def test_an_encoder_that_tells_nothing_apart_flags_everything():
    flat = WeakTest(background=1.0)
    assert flat.relevance(1.0) == 0.0
    assert flat.weak(1.0, competitors=10)
    assert WeakTest(0.5).weak(None, competitors=10)
    assert WeakTest.for_question(np.ones(4), np.zeros((0, 4))).background == 0.0


def test_the_sample_is_spread_over_the_index_and_capped():
    assert sample_rows(0) == []
    assert sample_rows(3) == [0, 1, 2]
    rows = sample_rows(100_000)
    assert len(rows) == BACKGROUND_SAMPLE
    assert rows[0] == 0 and rows[-1] == 99_999
    assert manifest_rows({"chunk_count": 5}) == [0, 1, 2, 3, 4]  # an index from before


def test_a_snapshot_records_its_sample_and_the_hashing_encoder_searches_fine(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, HashingEncoder())
    manifest = store.read_manifest()
    assert manifest["weak"]["chunk_count"] == manifest["chunk_count"]
    assert manifest["weak"]["sample_rows"] == sample_rows(manifest["chunk_count"])
    hits = hash_searcher(store).search("Hvad koster en pizza i Rom?", k=3)
    assert len(hits) == 3
    assert all(isinstance(h.weak, bool) for h in hits)
    assert all(np.isfinite(h.similarity) for h in hits)
    assert all(h.weak == (h.margin < 0) for h in hits)
    assert [h.as_record()["weak"] for h in hits] == [h.weak for h in hits]
