"""Fit the follow-up model (`qa.follow_ups`): does a question follow the case answered before?

    QA_INDEX_DIR=/tmp/qa-index python bench/fit_follow_up.py            # read, fit, write
    QA_INDEX_DIR=/tmp/qa-index python bench/fit_follow_up.py --report   # cross-validation only

Examples, from the tuning sets of `bench/fit_answer.py` only:
- every follow-up, asked after its earlier questions as `qa eval` asks it; it should follow when
  the case the turn before found is the case it asks about (when that turn found the wrong case,
  following would answer from the wrong case);
- every third question that stands alone, asked after a question about another case of its
  municipality (the same set): it should follow only when that turn found its case anyway;
- every off-topic tuning question ("Hvad koster en pizza i Rom?"), asked after two tuning
  questions in turn: it never follows (the minutes answer it nowhere).
Each is read as `Conversation.follow_up_features` reads it. A logistic regression on the
standardised features, cross-validated by municipality (K folds), against the word rule it
replaces; the line is 0.5 (a wrong follow and a missed one cost alike).

An off-topic question that follows a case is answered from that case, where the relevance model
is not asked: the minutes would seem to answer "Hvad koster en pizza i Rom?". The off-topic
examples are few (two per question), so they weigh more: the least weight, in steps of a half,
at which cross-validation lets at most OFF_TOPIC_FOLLOWS of them follow.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_answer as fa  # noqa: E402

import qa.conversation as conversation  # noqa: E402
from qa.conversation import Conversation  # noqa: E402
from qa.evaluation import is_expected, load_questions  # noqa: E402
from qa.follow_ups import FEATURES, MODEL_FILE, follow_up_model  # noqa: E402
from qa.language import question_language  # noqa: E402
from qa.retrieval import Hit  # noqa: E402

K = 5
THRESHOLD = 0.5
STANDALONE_EVERY = 3
OFF_TOPIC_AFTER = 2
# The share of off-topic questions that followed a case with the model fitted before they were
# weighed (8 of 132, read with today's replays): a refit may let no more of them follow.
OFF_TOPIC_FOLLOWS = 0.06


def read_examples(searcher) -> list[dict]:
    by_case: dict[tuple, list] = {}
    for chunk in searcher.snapshot().chunks:
        by_case.setdefault((chunk.meeting_date.isoformat(), chunk.case_number), []).append(chunk)

    def case_of(q) -> str | None:
        for chunk in by_case.get((q.meeting_date, q.case_number), []):
            if is_expected(Hit(0, 0.0, chunk), q):
                return str(chunk.case_key)
        return None

    rng = random.Random(0)
    examples = []
    names = sorted(fa.TUNING, key=lambda n: not n.startswith("followups"))
    for name in names:
        path = fa.EVAL / f"{name}.jsonl"
        if not path.exists():
            continue
        questions = [q for q in load_questions(path) if q.answer]
        if name.startswith("followups"):
            pairs = [(q, list(q.previous), "follow-up") for q in questions if q.previous]
        else:
            pairs = []
            for n, q in enumerate(questions):
                others = [
                    o
                    for o in questions
                    if (o.case_number, o.meeting_date) != (q.case_number, q.meeting_date)
                ]
                same = [o for o in others if o.municipality == q.municipality] or others
                if n % STANDALONE_EVERY == 0 and same:
                    pairs.append((q, [rng.choice(same).question], "alone"))
        for q, previous, kind in pairs:
            example = _example(searcher, q.question, previous, kind, case_of(q), q.municipality)
            if example:
                examples.append(example)
                print(f"\r{len(examples)} examples read", end="", file=sys.stderr)
    examples += off_topic_examples(searcher)
    print(file=sys.stderr)
    return examples


def off_topic_examples(searcher) -> list[dict]:
    rng = random.Random(1)
    asked = [
        q.question
        for name in fa.TUNING
        if name.startswith("answers") and (fa.EVAL / f"{name}.jsonl").exists()
        for q in load_questions(fa.EVAL / f"{name}.jsonl")
    ]
    paths = sorted(fa.EVAL.glob("off_topic_tune*.txt")) + [fa.EVAL / "off_topic_en_tune.txt"]
    off_topic = [line.strip() for p in paths for line in p.read_text().splitlines() if line.strip()]
    examples = []
    for question in off_topic:
        for previous in rng.sample(asked, OFF_TOPIC_AFTER):
            example = _example(searcher, question, [previous], "off-topic", None, None)
            if example:
                examples.append(example)
    return examples


def _example(searcher, question, previous, kind, case_key, municipality) -> dict | None:
    """The question read after `previous`, and whether it should follow the case found last."""
    chat = Conversation(searcher)
    for earlier in previous:
        chat.ask(earlier, compose_answer=False)
    focus = chat.turns[-1].get("case")
    if not focus:
        return None
    features = chat.follow_up_features(question, focus, None)
    rule = chat._follows_by_words(question, [focus], None)
    return {
        "features": [features[n] for n in FEATURES],
        "follows": case_key is not None and focus["case_key"] == case_key,
        "rule": rule,
        "thin": not conversation._own_words(question),
        "kind": kind,
        "group": municipality or question,
        "question": question,
    }


def fit(x, y, weight=None):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    model = LogisticRegression(max_iter=2000).fit(scaler.transform(x), y, sample_weight=weight)
    return scaler, model


def weights(examples, off_topic: float) -> np.ndarray:
    return np.array([off_topic if e["kind"] == "off-topic" else 1.0 for e in examples])


def off_topic_weight(examples) -> float:
    """The least weight of the off-topic examples at which few enough of them follow (CV)."""
    weight = 1.0
    while report(examples, weight)["off-topic"]["model"]["followed_wrongly"] > (
        OFF_TOPIC_FOLLOWS * sum(e["kind"] == "off-topic" for e in examples)
    ):
        weight += 0.5
    return weight


def report(examples, off_topic: float = 1.0) -> dict:
    from sklearn.model_selection import GroupKFold

    x = np.array([e["features"] for e in examples], dtype=float)
    y = np.array([e["follows"] for e in examples])
    groups = [e["group"] for e in examples]
    weight = weights(examples, off_topic)
    probability = np.zeros(len(y))
    for train, test in GroupKFold(K, shuffle=True, random_state=0).split(x, y, groups):
        scaler, model = fit(x[train], y[train], weight[train])
        probability[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
    # A question with no words of its own follows before any model is asked.
    thin = np.array([e["thin"] for e in examples])
    decided = np.where(thin, True, probability >= THRESHOLD)
    rule = np.array([e["rule"] for e in examples])
    shipped = follow_up_model()  # the model as it ships now, on the same examples
    if shipped is not None:
        before = np.where(
            thin, True, [shipped.follows(dict(zip(FEATURES, f, strict=True))) for f in x]
        )
    out: dict = {"folds": K, "threshold": THRESHOLD, "off_topic_weight": off_topic}
    for kind in ("follow-up", "alone", "off-topic"):
        part = np.array([e["kind"] == kind for e in examples])
        out[kind] = {
            "examples": int(part.sum()),
            "should_follow": round(float(y[part].mean()), 4),
            "model": _decisions(decided[part], y[part]),
            "word_rule": _decisions(rule[part], y[part]),
            **({"shipped": _decisions(before[part], y[part])} if shipped is not None else {}),
        }
    english = np.array([question_language(e.get("question", "")) == "en" for e in examples])
    for language, part in (("danish", ~english), ("english", english)):
        part = part & np.array([e["kind"] == "follow-up" for e in examples])
        out[f"follow-up, {language}"] = _decisions(decided[part], y[part])
    return out


def _decisions(decided, right) -> dict:
    return {
        "accuracy": round(float((decided == right).mean()), 4),
        "missed": int((~decided & right).sum()),  # searched alone, though it followed
        "followed_wrongly": int((decided & ~right).sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="cross-validate, write nothing")
    parser.add_argument("--examples", type=Path, help="cache of the examples (JSON)")
    args = parser.parse_args()
    if args.examples and args.examples.exists():
        examples = json.loads(args.examples.read_text())
    else:
        examples = read_examples(fa.open_searcher())
        if args.examples:
            args.examples.write_text(json.dumps(examples))
    weight = off_topic_weight(examples)
    figures = report(examples, weight)
    print(json.dumps(figures, indent=2))
    if args.report:
        return
    x = np.array([e["features"] for e in examples], dtype=float)
    scaler, model = fit(x, np.array([e["follows"] for e in examples]), weights(examples, weight))
    written = {
        **fa._weights(FEATURES, scaler, model),
        "threshold": THRESHOLD,
        "cross_validation": figures,
        "fitted_on": sorted(fa.TUNING),
    }
    MODEL_FILE.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
