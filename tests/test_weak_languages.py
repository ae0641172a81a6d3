"""The real model over all the bundled minutes: an English question whose answer is plainly there
is not a weak match, as its Danish twin is not; off-topic questions in either language are."""

from datetime import date

import pytest

from qa.calibration import KERNEL_SPREAD

pytestmark = pytest.mark.model


# Each clears the weak bar by more than any CPU's int8 kernels move a margin (KERNEL_SPREAD;
# measured, bench/kernel_spread.py: +0.18 and +0.14). "What was decided about support for
# entrepreneurs?" is no such example: its margin is about 0 (+0.004 on an Intel Xeon, -0.004 on
# an AMD EPYC), so its flag differs from one machine to the next.
@pytest.mark.parametrize(
    "question",
    [
        "What was decided about supporting the entrepreneurial environment in Rødovre?",
        "Hvad blev besluttet om støtte til iværksættere?",
    ],
)
def test_the_entrepreneur_decision_is_a_good_match_in_english_and_danish(
    real_corpus_searcher, question
):
    top = real_corpus_searcher.search(question, k=3)[0]
    assert (top.chunk.meeting_date, top.chunk.case_number) == (date(2024, 10, 8), 38)
    assert not top.weak and top.margin > KERNEL_SPREAD


@pytest.mark.parametrize(
    "question", ["How do I bake a chocolate cake?", "Hvordan laver man surdejsbrød?"]
)
def test_off_topic_questions_stay_weak_in_english_and_danish(real_corpus_searcher, question):
    # First hits measured at -0.08 and -0.05: weak by more than CPUs differ.
    hits = real_corpus_searcher.search(question, k=3)
    assert all(hit.weak and hit.margin < -KERNEL_SPREAD for hit in hits)
