"""Fit and measure the links of a matter's history (qa/history.py) on labelled real minutes.

    python bench/history_links.py            # measure (cross-validated) and print
    python bench/history_links.py --write    # also write the weights to qa/data/history_links.json

The labels (`eval/histories/labels.json`) name the appearances of each matter; every other pair
of cases in those minutes is not one matter. A logistic regression is fitted on the candidate
pairs (same municipality, another meeting, within qa.history.MAX_DAYS); its figures are
measured out of fold, leaving each history (and each case outside one) out together, so a
matter is never judged by weights fitted on its own pairs. Then the histories the fitted model
builds are compared with the labels, pair by pair (precision and recall of "one matter").
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.history import DATA, FEATURES, LinkModel, Matters  # noqa: E402
from qa.identity import CaseKey  # noqa: E402
from qa.indexing import case_record  # noqa: E402
from qa.ingest import load_corpus  # noqa: E402

LABELS = ROOT / "eval" / "histories" / "labels.json"
FOLDS = 4
THRESHOLDS = [round(0.5 + 0.05 * n, 2) for n in range(10)]  # 0.50 ... 0.95


def _f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    hits = int(np.sum(predicted & (truth == 1)))
    return 2 * hits / (int(predicted.sum()) + int(truth.sum()) or 1)


def labelled_cases(labels: dict) -> dict[CaseKey, dict]:
    """The case records of the labelled minutes, as the index stores them."""
    cases = {}
    for folder in labels["corpora"]:
        path = ROOT / folder
        corpus = load_corpus([path], path if folder.startswith("eval") else ROOT / "corpus")
        if corpus.errors:
            raise SystemExit(f"{folder}: {corpus.errors}")
        for meeting in corpus.meetings:
            for case in meeting.cases:
                cases[meeting.key.case(case.case_number)] = case_record(meeting, case)
    return cases


def candidate_pairs(matters: Matters) -> tuple[list[tuple[int, int]], np.ndarray]:
    pairs, rows = [], []
    for i in range(len(matters.keys)):
        others = [j for j in matters.candidates(i) if j > i]
        if others:
            pairs.extend((i, j) for j in others)
            rows.append(matters.features(i, others))
    return pairs, np.vstack(rows) if rows else np.zeros((0, len(FEATURES)))


def gold_pairs(labels: dict, matters: Matters) -> set[frozenset]:
    pairs = set()
    for keys in labels["histories"].values():
        found = [CaseKey.parse(k) for k in keys]
        pairs.update(frozenset(p) for p in combinations([k for k in found if k in matters], 2))
    return pairs


def pair_scores(predicted: set[frozenset], gold: set[frozenset]) -> dict:
    hits = len(predicted & gold)
    return {
        "precision": round(hits / len(predicted), 3) if predicted else None,
        "recall": round(hits / len(gold), 3) if gold else None,
        "predicted_pairs": len(predicted),
        "gold_pairs": len(gold),
    }


def history_pairs(matters: Matters) -> set[frozenset]:
    pairs = set()
    for group in matters.components():
        pairs.update(frozenset(p) for p in combinations(group, 2))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write qa/data/history_links.json")
    args = parser.parse_args()

    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    cases = labelled_cases(labels)
    blank = LinkModel(tuple(0.0 for _ in FEATURES), 0.0)
    matters = Matters(cases, blank)
    gold = gold_pairs(labels, matters)
    history_of = {
        CaseKey.parse(k): name for name, keys in labels["histories"].items() for k in keys
    }
    pairs, x = candidate_pairs(matters)
    keys = [(matters.keys[i], matters.keys[j]) for i, j in pairs]
    y = np.array([frozenset(k) in gold for k in keys], dtype=int)
    groups = [history_of.get(a) or history_of.get(b) or str(a) for a, b in keys]

    # Out of fold: each history's pairs are scored by weights fitted without them.
    out_of_fold = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        learner = LogisticRegression(class_weight="balanced", max_iter=1000)
        learner.fit(x[train], y[train])
        out_of_fold[test] = learner.predict_proba(x[test])[:, 1]
    # The threshold is the one whose out-of-fold links score best (F1): weighing the rare
    # links up (class_weight) moves the probabilities, so 0.5 is not the natural boundary.
    threshold = max(THRESHOLDS, key=lambda t: _f1(out_of_fold >= t, y))
    cv_links = {frozenset(k) for k, p in zip(keys, out_of_fold, strict=True) if p >= threshold}

    learner = LogisticRegression(class_weight="balanced", max_iter=1000).fit(x, y)
    looks = [frozenset(CaseKey.parse(k) for k in pair) for pair in labels["look_alikes"]]
    model = LinkModel(
        tuple(float(w) for w in learner.coef_[0]), float(learner.intercept_[0]), threshold
    )
    fitted = Matters(cases, model)
    built = history_pairs(fitted)
    measured = {
        "labelled_histories": len(labels["histories"]),
        "appearances_in_histories": sum(len(v) for v in labels["histories"].values()),
        "cases": len(matters.keys),
        "candidate_pairs": len(y),
        "look_alike_pairs": len(looks),
        "links_cross_validated": pair_scores(cv_links, gold),
        "histories_fitted_on_all": pair_scores(built, gold),
        "look_alikes_linked": sum(1 for pair in looks if pair in built),
    }
    model = LinkModel(model.weights, model.intercept, threshold, measured=measured)
    print(json.dumps(model.as_record(), ensure_ascii=False, indent=2))
    if args.write:
        (DATA / "history_links.json").write_text(
            json.dumps(model.as_record(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
