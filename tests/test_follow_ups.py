"""The fitted follow-up model (qa/follow_ups.py) on clear cases, far from its line."""

from qa.follow_ups import FEATURES, follow_up_model


def test_the_shipped_model_reads_the_features_the_conversation_gives():
    model = follow_up_model()
    assert model is not None  # bench/fit_follow_up.py wrote it for these FEATURES
    assert len(model.coef) == len(FEATURES)


def test_a_question_the_case_answers_and_nothing_else_does_follows():
    # "Hvor kommer pengene fra?" after the case: its one word of its own is the case's, alone
    # it finds nothing, and the case's sentences answer it.
    features = {
        "own_words": 1,
        "unheld_words": 0,
        "marked": 0,
        "alone_weak": 1,
        "alone_margin": 0.0,
        "alone_is_case": 0,
        "relevance_case": 0.9,
        "relevance_alone": 0.05,
    }
    assert follow_up_model().probability(features) > 0.9


def test_a_new_question_about_another_case_stands_alone():
    # Five words of its own, four the case does not hold; alone it finds a case that answers.
    features = {
        "own_words": 5,
        "unheld_words": 4,
        "marked": 0,
        "alone_weak": 0,
        "alone_margin": 0.05,
        "alone_is_case": 0,
        "relevance_case": 0.05,
        "relevance_alone": 0.9,
    }
    assert follow_up_model().probability(features) < 0.1
