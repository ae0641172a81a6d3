"""How hybrid search weighs the dense and keyword sides: a linear score fitted on data.

Reciprocal rank fusion reads only ranks: a case the model finds far closer than any other counts
no more than one it finds barely first. The fitted fusion reads the scores themselves, each as its
distance from the question's best (the question's own scale): the model's cosine, the cosine of
an English question's Danish reading (qa.glossary), and the BM25 score, the latter also times the
share of the question's words the minutes hold (an English question's keywords match by accident),
and whether the meeting is of a year the question names, the year before it (a budget for 2024
is decided in 2023), or another, when it names any.
The weights are a logistic regression of "this passage's case is the one asked about", fitted on
the tuning questions by `bench/fit_fusion.py` and kept in qa/data/fusion.json, with the model
they were fitted for: another model's cosines have another scale, and it fuses by rank as before.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FEATURES = ("dense_gap", "reading_gap", "keyword", "keyword_covered", "year_before", "year_other")
WEIGHTS_FILE = Path(__file__).parent / "data" / "fusion.json"


@dataclass(frozen=True)
class Fusion:
    model: str  # the encoder whose similarities it was fitted on
    coef: tuple[float, ...]  # per FEATURES, on their raw scale

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Each row's fused score (the log-odds, up to a constant per question)."""
        return rows @ np.asarray(self.coef, dtype=np.float64)


def features(
    similarity: np.ndarray,
    reading: np.ndarray | None,
    keyword: np.ndarray,
    coverage: float,
    years: np.ndarray | None = None,
    named_years: tuple[int, ...] = (),
) -> np.ndarray:
    """One row per passage searched: FEATURES, each relative to the question's best.

    `similarity`: the question's cosine with each passage; `reading`: the Danish reading's (None
    for a question that has none: the question's own stands in); `keyword`: each passage's BM25
    score (0 where the keyword side did not return it); `coverage`: the share of the question's
    words that occur in the minutes; `years`: each passage's meeting year, `named_years`: the
    years the question names (qa.query.named_years)."""
    similarity = np.asarray(similarity, dtype=np.float64)
    dense_gap = similarity - similarity.max() if len(similarity) else similarity
    if reading is None:
        reading_gap = dense_gap
    else:
        reading = np.asarray(reading, dtype=np.float64)
        reading_gap = reading - reading.max()
    keyword = np.asarray(keyword, dtype=np.float64)
    top = keyword.max() if len(keyword) else 0.0
    relative = keyword / top if top > 0 else np.zeros_like(keyword)
    before = other = np.zeros(len(similarity), dtype=bool)
    if named_years and years is not None:
        years = np.asarray(years)
        same = np.isin(years, named_years)
        before = np.isin(years + 1, named_years) & ~same
        other = ~same & ~before
    return np.column_stack(
        [dense_gap, reading_gap, relative, relative * coverage**3, before, other]
    ).astype(np.float64)


@functools.cache
def _fitted() -> dict:
    if not WEIGHTS_FILE.exists():
        return {}
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))


def fusion_for(model: str) -> Fusion | None:
    """The fitted fusion for this encoder, or None (fuse by rank) if none was fitted for it."""
    fitted = _fitted()
    if fitted.get("model") != model or tuple(fitted.get("features", ())) != FEATURES:
        return None
    return Fusion(model, tuple(float(c) for c in fitted["coef"]))
