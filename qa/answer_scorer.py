"""The fitted weights of the answer: which sentence answers, and how sure that is.

`qa/answer_model.json` holds, for answers read with the model ("model") and for answers read by
their words alone ("words": earlier turns of a conversation, or an encoder that is no language
model), two logistic regressions fitted by `bench/fit_answer.py` on the tuning sets: the sentence
scorer (FEATURES of `qa.answer_features`, standardised) and the
confidence model, which reads the scorer's logits of one question (the best sentence's, the next
best of its case, the margin over the best other answer, the two's share) and gives the
probability that the two, stated together, hold the fact. Both are a
weighted sum and a logistic function, so a small change of a similarity (int8 kernels differ in
the third decimal between CPUs) moves the confidence a little, never a clear case across the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from qa.answer_features import FEATURES, columns, computes

MODEL_FILE = Path(__file__).resolve().parent / "answer_model.json"
CONFIDENCE_FEATURES = ("top_logit", "second_logit", "margin", "share")
CASE_FEATURES = ("hit_rank", "case_similarity_gap")


@dataclass(frozen=True)
class Weights:
    """A logistic regression's weights over named features, standardised. Alone, it is the first
    pass: the sentence scorer fitted without the reader, which picks the few sentences the reader
    reads (reading is the costly part of an answer, about 12 ms a sentence on two cores)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """The log-odds that each sentence holds the fact (rows of FEATURES)."""
        if rows.shape[0] == 0:
            return np.zeros(0)
        x = (columns(rows, self.features) - self.mean) / self.scale
        return x @ self.coef + self.intercept


@dataclass(frozen=True)
class Scorer(Weights):
    """The sentence scorer, with the confidence and relevance models that read its log-odds."""

    confidence_coef: np.ndarray
    confidence_intercept: float
    threshold: float  # confident at or above: chosen on the tuning sets' out-of-fold answers
    # Whether the minutes answer at all (fitted on answerable questions and the same questions
    # asked within another municipality's minutes); None for the "words" scorer.
    relevance_coef: np.ndarray | None = None
    relevance_intercept: float = 0.0
    relevance_threshold: float = 0.5
    relevance_mean: np.ndarray | float = 0.0  # the features are standardised before the weights
    relevance_scale: np.ndarray | float = 1.0
    # Below the line, a question that names its meeting by date still gets that meeting's
    # closest sentences, quoted, down to this line (bench/fit_named_line.py; None: the same).
    named_relevance_threshold: float | None = None
    first_pass: Weights | None = None  # None: the reader reads every candidate

    def within_case(self, rows: np.ndarray) -> np.ndarray:
        """The log-odds without what only says which case search ranked first (its rank, its
        similarity): to compare sentences of two meetings as answers in their own right."""
        logits = self.logits(rows)
        for name in CASE_FEATURES:
            if name in self.features:
                k = self.features.index(name)
                logits = (
                    logits
                    - (rows[:, FEATURES.index(name)] - self.mean[k]) / self.scale[k] * self.coef[k]
                )
        return logits

    def relevance(self, rows: np.ndarray, logits: np.ndarray, top: int, first: FirstHit):
        """P(the sentences answer the question at all), or None without a relevance model."""
        if self.relevance_coef is None:
            return None
        x = relevance_features(rows, logits, top, first)
        x = (x - self.relevance_mean) / self.relevance_scale
        z = float(x @ self.relevance_coef + self.relevance_intercept)
        return 1.0 / (1.0 + np.exp(-z))

    def confidence(
        self, logits: np.ndarray, top: int, second: int | None, rivals: np.ndarray
    ) -> float:
        """P(the sentences `top` and `second`, stated together, hold the fact), from their logits
        and those of their `rivals` (the candidates that would be another answer)."""
        x = confidence_features(logits, top, second, rivals)
        z = float(x @ self.confidence_coef + self.confidence_intercept)
        return 1.0 / (1.0 + np.exp(-z))


def confidence_features(
    logits: np.ndarray, top: int, second: int | None, rivals: np.ndarray
) -> np.ndarray:
    """The best sentence's log-odds, the next best's of its case, the best one's margin over the
    next other answer, and the two's share of the odds.

    Even odds (log-odds 0) stand among the rivals: a case of two sentences, or one whose other
    sentences are all its neighbours, has no rival, and a sentence alone is no surer for that.
    (Without it, a case the reader split into few sentences got the largest margin there is;
    cross-validated by municipality, the area under the ROC curve went from 0.74 to 0.78.) A case
    of one sentence has no second: it stands at the lowest log-odds read.
    """
    best = float(logits[top])
    stated = logits[[top] if second is None else [top, second]]
    others = np.concatenate([logits[rivals], [0.0]])
    odds = np.exp(np.concatenate([stated, others]) - best)
    share = float(odds[: len(stated)].sum() / odds.sum())
    runner_up = float(logits[second]) if second is not None else float(logits.min())
    return np.array([best, runner_up, best - float(others.max()), share])


VARIANTS = ("model", "words")


RELEVANCE_FEATURES = (
    "hit_similarity",
    "best_similarity",
    "best_overlap",
    "top_logit",
    "weak",
    "weak_margin",
    "english",
)


@dataclass(frozen=True)
class FirstHit:
    """What the relevance model reads of the search: the first hit and the question's language.

    An English question meets Danish minutes at lower similarities and word overlap than a Danish
    one, so the same figures mean more in English: the language is a feature of its own, and the
    weak test's margin (how far the first hit clears the bar, qa.calibration) a graded one.
    """

    similarity: float
    weak: bool
    margin: float | None
    language: str


def relevance_features(rows, logits, top: int, first: FirstHit) -> np.ndarray:
    similarity = rows[:, FEATURES.index("similarity")]
    overlap = rows[:, FEATURES.index("overlap")]
    return np.array(
        [
            first.similarity,
            similarity.max(),
            overlap.max(),
            float(logits[top]),
            float(first.weak),
            first.margin if first.margin is not None else 0.0,
            float(first.language == "en"),
        ]
    )


@cache
def scorer(variant: str = "model", path: Path = MODEL_FILE) -> Scorer:
    fitted = json.loads(Path(path).read_text(encoding="utf-8"))[variant]
    sentence, confidence = fitted["sentence"], fitted["confidence"]
    # A feature this code no longer computes (a model file older than the code) counts nothing;
    # bench/fit_answer.py refits the file.
    known = [i for i, name in enumerate(sentence["features"]) if computes(name)]
    return Scorer(
        tuple(sentence["features"][i] for i in known),
        np.array(sentence["mean"])[known],
        np.array(sentence["scale"])[known],
        np.array(sentence["coef"])[known],
        float(sentence["intercept"]),
        np.array(confidence["coef"]),
        float(confidence["intercept"]),
        float(confidence["threshold"]),
        *_relevance(fitted.get("relevance")),
        first_pass=_first_pass(fitted.get("first_pass")),
    )


def _first_pass(fitted: dict | None) -> Weights | None:
    if not fitted or not all(computes(name) for name in fitted["features"]):
        return None
    return Weights(
        tuple(fitted["features"]),
        np.array(fitted["mean"]),
        np.array(fitted["scale"]),
        np.array(fitted["coef"]),
        float(fitted["intercept"]),
    )


def _relevance(fitted: dict | None) -> tuple:
    if not fitted or fitted.get("features") != list(RELEVANCE_FEATURES):
        return (None,)  # none fitted, or fitted on other features: bench/fit_answer.py refits
    return (
        np.array(fitted["coef"]),
        float(fitted["intercept"]),
        float(fitted["threshold"]),
        np.array(fitted["mean"]),
        np.array(fitted["scale"]),
        fitted.get("named_threshold"),
    )
