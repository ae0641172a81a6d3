"""The FAISS side: HNSW with a filter finds what an exact search over the same rows finds."""

import numpy as np
import pytest

from embeddings.index import DenseIndex


@pytest.fixture(scope="module")
def vectors():
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((6000, 64)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def exact(vectors, query, allowed, k):
    scores = vectors[allowed] @ query
    return allowed[np.argsort(-scores)[:k]]


def test_a_narrow_filter_on_hnsw_is_searched_exactly(vectors):
    # One meeting's chunks among thousands: a graph walk would rarely reach them.
    hnsw, flat = DenseIndex.build(vectors, "hnsw"), DenseIndex.build(vectors, "flat")
    allowed = np.arange(4000, 4030)
    for query in vectors[:20]:
        scores, rows = hnsw.search(query, 10, allowed)
        assert list(rows) == list(exact(vectors, query, allowed, 10))
        assert list(rows) == list(flat.search(query, 10, allowed)[1])
        assert np.allclose(scores, vectors[rows] @ query, atol=1e-5)


def test_a_wide_filter_on_hnsw_keeps_to_the_allowed_rows(vectors, monkeypatch):
    monkeypatch.setattr("embeddings.index.EXACT_SUBSET_UP_TO", 100)  # force the graph walk
    hnsw = DenseIndex.build(vectors, "hnsw")
    allowed = np.arange(0, 6000, 2)
    found = [set(hnsw.search(q, 10, allowed)[1]) for q in vectors[1:201:2]]
    assert all(rows <= set(allowed) and len(rows) == 10 for rows in found)
    truth = [set(exact(vectors, q, allowed, 10)) for q in vectors[1:201:2]]
    recall = np.mean([len(f & t) / 10 for f, t in zip(found, truth, strict=True)])
    assert recall >= 0.95


def test_an_empty_filter_finds_nothing(vectors):
    scores, rows = DenseIndex.build(vectors[:100], "hnsw").search(vectors[0], 5, np.array([]))
    assert len(scores) == len(rows) == 0
