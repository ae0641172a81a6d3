"""When is a passage a weak match? A score comparable across questions, models, corpus sizes and
the language a question is asked in.

A raw cosine means little: e5 similarities crowd into 0.7-0.95, another model has another
range, and every question has its own. So a passage is placed on the question's own scale:

    relevance = (similarity - background) / (1 - background)

where `background` is the question's median similarity to a fixed sample of the index's chunks
(what any passage of these minutes reaches): 0 is "like any passage", 1 "the question's own
vector". The top is the cosine's maximum, the same for every question, language and model. It
used to be the question's similarity to itself encoded as a passage, but that match is always
same-language: for an English question over Danish minutes every passage sits lower (the
background carries that) while the self-match does not, so the span came out about a third
larger than for a Danish question and English answers were flagged (bench/calibrate.py, bundled
corpus: 7 of 24 English test questions whose first hit was right, against 2 of 23 Danish).

By chance alone the best of N passages climbs as N grows, so the bar climbs with the number of
passages the hit was chosen from: weak when relevance < WEAK_BASE + WEAK_GROWTH * ln(N).
Both constants were fitted with bench/calibrate.py on Danish and English tuning questions over
three corpora (71, 425 and 2,484 chunks), each language weighing alike; its test questions were not
used for fitting (figures in the README).

The sample rows and chunk count are chosen when a snapshot is written and kept in its manifest.

A hit's margin is its relevance minus the bar: weak below 0. The int8 graphs give slightly
different vectors on different CPUs, so a margin near 0 may come out on either side of it on
another machine; only a margin beyond KERNEL_SPREAD either way is a clear case, one that no
CPU's kernels turn around. Tests assert clear cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

BACKGROUND_SAMPLE = 1024  # chunks the background median is taken over
CEILING = 1.0  # the cosine's maximum: the top of every question's scale, whatever its language
WEAK_BASE = 0.086  # fitted: bench/calibrate.py --fit
WEAK_GROWTH = 0.020
# A margin this far from 0 either way is a clear case. bench/kernel_spread.py, Rødovre minutes,
# 1,771 (question, passage) pairs of the 438 eval questions: the default int8 graph moved a
# margin from fp32's by 0.006 median, 0.026 p99, 0.036 at most (ONNX Runtime's dynamic int8,
# other kernels and scales: 0.070 at most). The one Intel/AMD pair seen, the same int8 graph on
# both, differed by 0.008 (+0.004 and -0.004). Two CPUs share the graph's quantisation error, so
# the largest int8-vs-fp32 shift, rounded up, bounds what a CPU's kernels can add.
KERNEL_SPREAD = 0.04


def calibrate(chunk_count: int) -> dict:
    """The manifest's "weak" entry: which rows form the background sample, out of how many."""
    return {"chunk_count": chunk_count, "sample_rows": sample_rows(chunk_count)}


def sample_rows(chunk_count: int) -> list[int]:
    """Rows spread evenly over the index (chunks are stored case by case, so over cases too)."""
    if chunk_count <= 0:
        return []
    return np.unique(np.linspace(0, chunk_count - 1, BACKGROUND_SAMPLE).astype(int)).tolist()


def manifest_rows(manifest: dict) -> list[int]:
    """The sample rows a snapshot recorded; an index written before they were is sampled alike."""
    recorded = manifest.get("weak", {}).get("sample_rows")
    return recorded if recorded is not None else sample_rows(manifest.get("chunk_count", 0))


def bar(competitors: int) -> float:
    """The relevance the best of `competitors` passages must exceed not to be weak."""
    return WEAK_BASE + WEAK_GROWTH * math.log(max(2, competitors))


@dataclass(frozen=True)
class WeakTest:
    """One question's scale: its background similarity."""

    background: float

    @classmethod
    def for_question(cls, query: np.ndarray, sample: np.ndarray) -> WeakTest:
        return cls(float(np.median(sample @ query)) if len(sample) else 0.0)

    def relevance(self, similarity: float) -> float:
        span = CEILING - self.background
        if span <= 1e-6:  # a degenerate encoder: nothing stands out from anything
            return 0.0
        return (similarity - self.background) / span

    def margin(self, similarity: float | None, competitors: int) -> float:
        """How far the passage clears the bar (below 0: weak); -inf when it was not scored."""
        if similarity is None:
            return -math.inf
        return self.relevance(similarity) - bar(competitors)

    def weak(self, similarity: float | None, competitors: int) -> bool:
        return self.margin(similarity, competitors) < 0


def clear(margin: float | None) -> bool:
    """Is the weak flag of a hit with this margin the same on every CPU (see KERNEL_SPREAD)?"""
    return margin is not None and abs(margin) > KERNEL_SPREAD
