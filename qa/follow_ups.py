"""Whether a question follows the case answered before, or stands alone: a logistic regression
fitted by `bench/fit_follow_up.py` on the tuning follow-ups (and on questions that stand alone,
asked after another case), over what the question holds of that case and what it finds alone.

"Hvor kommer pengene fra?" has words of its own that the case words otherwise ("midler"); "Is
there money for the respite places?" is as long as a question that stands alone. Counting words
cannot tell them from a new question; whether the case's sentences answer it, and whether the
question finds anything better alone, can.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "follow_up_model.json"
FEATURES = (
    "own_words",  # the question's words that say which case (not "kostede", "året før")
    "unheld_words",  # of those, how many the case followed does not hold (glossary for English)
    "marked",  # "Og ...", "Hvad med ...", "det", "it": a follow-up's marks
    "alone_weak",  # asked alone, its first hit is weak
    "alone_margin",  # asked alone, how far its first hit leads the next
    "alone_is_case",  # asked alone, it finds the case followed first
    "relevance_case",  # the relevance model: the case followed answers it
    "relevance_alone",  # the relevance model: what it finds alone answers it
)


@dataclass(frozen=True)
class FollowUpModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float  # follows at or above

    def probability(self, features: dict[str, float]) -> float:
        x = (np.array([float(features[n]) for n in FEATURES]) - self.mean) / self.scale
        return float(1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept))))

    def follows(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold


@cache
def follow_up_model() -> FollowUpModel | None:
    """The fitted model, or None before one is fitted (the word rule decides then)."""
    if not MODEL_FILE.exists():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        return None  # fitted on other features: refit with bench/fit_follow_up.py
    return FollowUpModel(
        np.array(data["mean"]),
        np.array(data["scale"]),
        np.array(data["coef"]),
        float(data["intercept"]),
        float(data["threshold"]),
    )
