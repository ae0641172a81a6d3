"""Sentence vectors kept beside the index, so the first answer about a case needs no model call
but the question's.

The extractive answer (`qa.answer`) reads a case's sentences with the model. Reading them while
the user waits costs 10-300 ms per case on two cores; reading them when the index is built costs
nothing at question time. The vectors live in one file per model and runtime under the index
directory (`sentences/<model>--<runtime>.npz`), keyed by a hash of the text the model reads, so:
- a rebuild reads only sentences it has not read before (cases that did not change cost nothing),
  and drops the ones no case holds any more;
- the file is replaced whole (written aside, then renamed): a crash leaves the old file or the new
  one, never half of one; a sentence missing from it is read live, as before.
Replacing it whole costs in proportion to the index, so above MAX_CHUNKS chunks (about a large
municipality's archive; the setting QA_SENTENCE_VECTORS_MAX_CHUNKS) no file is kept and answers read
their sentences live: an update of a big index stays a matter of its new cases.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from qa.store import IndexStore, Snapshot

FOLDER = "sentences"
MAX_CHUNKS = 20_000
BATCH = 64
KEY_BYTES = 16

Progress = Callable[[int, int], None]
SentenceTexts = Callable[["Snapshot"], Iterable[str]]


def key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


def vectors_path(index_dir: Path, encoder) -> Path:
    """The file of `encoder`'s sentence vectors (vectors of two models or runtimes never mix)."""
    runtime = getattr(encoder, "runtime", None) or "none"
    name = re.sub(r"[^\w.-]+", "_", f"{encoder.name}--{runtime}")
    return Path(index_dir) / FOLDER / f"{name}.npz"


class StoredVectors:
    """The sentence vectors of one file, looked up by text."""

    def __init__(self, keys: np.ndarray | None = None, vectors: np.ndarray | None = None):
        keys = keys if keys is not None else np.zeros((0, KEY_BYTES), dtype=np.uint8)
        self.vectors = vectors if vectors is not None else np.zeros((0, 0), dtype=np.float32)
        self._rows = {k.tobytes(): row for row, k in enumerate(keys)}

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, text: str) -> np.ndarray | None:
        row = self._rows.get(key(text))
        return None if row is None else self.vectors[row]

    def items(self) -> Iterable[tuple[bytes, np.ndarray]]:
        return ((k, self.vectors[row]) for k, row in self._rows.items())


_EMPTY = StoredVectors()
_loaded: dict[Path, tuple[tuple[int, int], StoredVectors]] = {}
_lock = threading.Lock()


def stored_vectors(index_dir: Path, encoder) -> StoredVectors:
    """The stored vectors for `encoder` (empty when there are none or the file is unreadable),
    read once and again only when the file was replaced."""
    path = vectors_path(index_dir, encoder)
    try:
        stat = path.stat()
    except OSError:
        return _EMPTY
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        cached = _loaded.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
    try:
        with np.load(path, allow_pickle=False) as data:
            vectors = StoredVectors(data["keys"], data["vectors"].astype(np.float32))
    except (OSError, ValueError, KeyError):
        return _EMPTY  # damaged: every sentence is read live, and the next build rewrites it
    with _lock:
        _loaded[path] = (stamp, vectors)
    return vectors


def update_sentence_vectors(
    index_dir: Path, encoder, texts: Iterable[str], progress: Progress | None = None
) -> int:
    """Store the vectors of exactly `texts` (the sentences the index holds now), reading with
    the model only those not stored already. Returns how many were read."""
    texts = list(dict.fromkeys(texts))
    old = stored_vectors(index_dir, encoder)
    wanted = {key(t): t for t in texts}
    kept = {k: v for k, v in old.items() if k in wanted}
    missing = [t for k, t in wanted.items() if k not in kept]
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        for text, vector in zip(batch, encoder.encode_passages(batch), strict=True):
            kept[key(text)] = np.asarray(vector, dtype=np.float32)
        if progress:
            progress(min(start + BATCH, len(missing)), len(missing))
    if not missing and len(kept) == len(old):
        return 0  # nothing changed: the file stays as it is
    path = vectors_path(index_dir, encoder)
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = np.frombuffer(b"".join(kept), dtype=np.uint8).reshape(len(kept), KEY_BYTES)
    matrix = (
        np.vstack(list(kept.values())).astype(np.float16)
        if kept
        else np.zeros((0, getattr(encoder, "dimension", 0)), dtype=np.float16)
    )
    tmp = path.parent / f".tmp-{path.stem}-{uuid.uuid4().hex[:8]}.npz"
    try:
        with open(tmp, "wb") as handle:
            np.savez(handle, keys=keys, vectors=matrix)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(missing)


def worth_storing(chunk_count: int, max_chunks: int = MAX_CHUNKS) -> bool:
    """Whether an index of `chunk_count` chunks keeps its sentence vectors (see the docstring)."""
    return chunk_count <= max_chunks


@dataclass(frozen=True)
class SentenceVectors:
    """What `update_index` needs to keep the answer's sentence vectors beside the index."""

    texts: SentenceTexts  # the sentences an answer may quote: qa.answer.index_sentences
    max_chunks: int = MAX_CHUNKS  # a bigger index keeps none (QA_SENTENCE_VECTORS_MAX_CHUNKS)
    progress: Progress | None = None


def store_sentence_vectors(
    store: IndexStore,
    encoder,
    texts: SentenceTexts,
    progress: Progress | None = None,
    snapshot: Snapshot | None = None,
    max_chunks: int = MAX_CHUNKS,
) -> int:
    """Store the vectors of the `texts` of the index's live snapshot (or `snapshot`), unless the
    index is too big to keep them. Returns how many sentences the model read."""
    if snapshot is None:
        snapshot = store.load(encoder.name, encoder.dimension, encoder.runtime)
    if not worth_storing(len(snapshot.chunks), max_chunks):
        return 0
    return update_sentence_vectors(store.directory, encoder, texts(snapshot), progress=progress)
