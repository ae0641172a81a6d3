"""Fit hybrid search's fusion (qa.fusion) on the tuning questions that stand alone.

    QA_INDEX_DIR=/tmp/qa-index python bench/fit_fusion.py            # writes qa/data/fusion.json
    QA_INDEX_DIR=/tmp/qa-index python bench/fit_fusion.py --report   # cross-validates only
    QA_INDEX_DIR=/tmp/qa-index python bench/fit_fusion.py --timing   # search time, both fusions

Every passage the fused search weighs for a question (qa.retrieval.pool: the top 50 of the dense,
keyword and Danish-reading searches) is a row of qa.fusion's features, labelled by whether its
case is the one the question asks about; a logistic regression of the label on them gives the
weights. Cross-validated in five folds grouped by municipality (as bench/fit_answer.py), the cases
ranked as `qa ask` ranks them (one hit per case, the meetings a question names first), against
reciprocal rank fusion on the same questions: Recall@1, @3 and @5, Danish and English apart.
One difference: `qa ask` also searches the meetings a question names on their own (a pool of
their own), while here they are ranked within the pool of all the minutes; the recall of a
question whose named meeting is missing from that pool is counted lower here than `qa ask` gets.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_answer as fa  # noqa: E402

from qa.evaluation import is_expected, load_questions  # noqa: E402
from qa.fusion import FEATURES, WEIGHTS_FILE  # noqa: E402
from qa.retrieval import Hit, _rank, check_question, pool  # noqa: E402

DEPTH = 50  # as qa.retrieval searches for five hits


def read_questions(searcher) -> list[dict]:
    """Per standalone tuning question: its pool's feature rows, labels, cases and the ranking
    reciprocal rank fusion gives the same pool."""
    snapshot = searcher.snapshot()
    entries = []
    for name in fa.TUNING:
        if not name.startswith("answers"):
            continue
        for q in load_questions(fa.EVAL / f"{name}.jsonl"):
            read = searcher.read(snapshot, check_question(q.question), "hybrid", None)
            rows, rows_features, _ = pool(
                snapshot,
                read.query,
                read.words,
                DEPTH,
                None,
                read.coverage,
                read.reading,
                read.years,
            )
            _, by_rank = _rank(
                snapshot, read.query, read.words, "hybrid", DEPTH, None, read.coverage, read.reading
            )  # reciprocal rank fusion, which reads no year
            chunks = [snapshot.chunks[r] for r in rows]
            entries.append(
                {
                    "set": name,
                    "english": read.reading is not None,
                    "group": q.municipality or fa._municipality(searcher, q) or q.question,
                    "rows": rows_features,
                    "labels": np.array([is_expected(Hit(0, 0.0, c), q) for c in chunks]),
                    "cases": [c.case_key for c in chunks],
                    "preferred": np.array([r in (read.preferred or ()) for r in rows]),
                    "by_rank": np.array([by_rank.get(r, 0.0) for r in rows]),
                }
            )
            print(f"\r{len(entries)} questions read", end="", file=sys.stderr)
    print(file=sys.stderr)
    return entries


def position(entry, scores) -> int:
    """Where the asked case comes among the hits (one per case, named meetings first); 99 if
    it is not in the pool."""
    order = np.lexsort((-scores, ~entry["preferred"]))
    seen: list = []
    for i in order:
        case = entry["cases"][i]
        if case in seen:
            continue
        if entry["labels"][i]:
            return len(seen)
        seen.append(case)
    return 99


def fit(entries):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = np.vstack([e["rows"] for e in entries])
    y = np.concatenate([e["labels"] for e in entries])
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(max_iter=3000).fit(scaler.transform(x), y)
    return model.coef_[0] / scaler.scale_  # on the features' raw scale: a ranking needs no more


def recall(positions: np.ndarray) -> dict:
    return {f"recall@{k}": round(float((positions < k).mean()), 4) for k in (1, 3, 5)}


def cross_validate(entries) -> dict:
    from sklearn.model_selection import GroupKFold

    learned = np.zeros(len(entries), dtype=int)
    folds = GroupKFold(n_splits=fa.K, shuffle=True, random_state=0)
    for train, test in folds.split(entries, groups=[e["group"] for e in entries]):
        coef = fit([entries[i] for i in train])
        for i in test:
            learned[i] = position(entries[i], entries[i]["rows"] @ coef)
    by_rank = np.array([position(e, e["by_rank"]) for e in entries])
    english = np.array([e["english"] for e in entries])
    report = {}
    for label, part in (("all", slice(None)), ("danish", ~english), ("english", english)):
        report[label] = {
            "questions": int(np.ones(len(entries))[part].sum()),
            "fitted": recall(learned[part]),
            "reciprocal_rank": recall(by_rank[part]),
        }
    return report


def timing(searcher, sets=("answers_untouched19", "answers_untouched20", "answers_untouched21")):
    """The search alone (question vectors cached), fused by the fitted weights and by rank,
    alternating in one process, twice each: median and p90 in ms."""
    import qa.retrieval as retrieval

    questions = [q.question for name in sets for q in load_questions(fa.EVAL / f"{name}.jsonl")]
    for question in questions:
        searcher.search(question, 5)
    fitted = retrieval.fusion_for
    for label, fusion_for in [("fitted", fitted), ("by rank", lambda model: None)] * 2:
        retrieval.fusion_for = fusion_for
        times = []
        for question in questions:
            started = time.perf_counter()
            searcher.search(question, 5)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p90 = times[int(0.9 * len(times))]
        print(f"{label}: median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms")
    retrieval.fusion_for = fitted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="cross-validate, write nothing")
    parser.add_argument("--timing", action="store_true", help="time the search, write nothing")
    args = parser.parse_args()
    searcher = fa.open_searcher()
    if args.timing:
        timing(searcher)
        return
    entries = read_questions(searcher)
    report = {"questions": len(entries), "cross_validation": cross_validate(entries)}
    print(json.dumps(report, indent=2))
    if args.report:
        return
    coef = fit(entries)
    written = {
        "model": searcher.encoder.name,
        "features": list(FEATURES),
        "coef": [round(float(c), 4) for c in coef],
        "fitted_on": sorted({e["set"] for e in entries}),
        **report,
    }
    WEIGHTS_FILE.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS_FILE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
