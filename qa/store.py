"""The index on disk: versioned snapshots, swapped in atomically, one writer at a time.

    INDEX_DIR/
      CURRENT              name of the live snapshot (replaced atomically)
      .lock                held by the one process writing
      snap-<time>-<id>/    manifest.json, dense.faiss, chunks.jsonl, cases.jsonl, bm25/

A snapshot is written completely, fsynced, then CURRENT is pointed at it with os.replace, so a
process killed at any moment leaves the previous snapshot live and consistent. Readers load
whatever CURRENT names; the one before stays on disk for readers still loading it, and a reader
that loses that race anyway loads the newer one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from embeddings.index import DenseIndex
from qa.calibration import calibrate, manifest_rows
from qa.chunking import Chunk
from qa.errors import IndexBusyError, IndexMismatchError, IndexNotFoundError
from qa.identity import CaseKey
from qa.keyword import KeywordIndex
from qa.rows import RowMeta

# 2: cases are identified by municipality too, and files by their path under the corpus root.
FORMAT_VERSION = 2
CURRENT = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
FILES = ("manifest.json", "dense.faiss", "chunks.jsonl", "cases.jsonl")
MANIFEST_KEYS = ("format_version", "model", "dimension", "chunk_count", "cases")


@dataclass
class Snapshot:
    """One complete index, loaded: chunk i is row i of `dense`, of `keyword` and of `rows`.

    Everything a reader needs travels in this one object, the per-row arrays included, so a
    search holding a snapshot never mixes in parts of another.
    """

    path: Path
    manifest: dict
    chunks: list[Chunk]
    dense: DenseIndex
    keyword: KeywordIndex
    cases: dict[CaseKey, dict] = field(default_factory=dict)  # full case for display

    @cached_property
    def rows(self) -> RowMeta:
        """Committee, municipality and date of every row, built from this snapshot's chunks."""
        return RowMeta(self.chunks, self.dense, manifest_rows(self.manifest))

    @property
    def several_municipalities(self) -> bool:
        """Citations name the municipality only when the index holds more than one."""
        return len(self.rows.municipality_names) > 1

    @property
    def model(self) -> str:
        return self.manifest["model"]

    @property
    def name(self) -> str:
        return self.path.name


class IndexStore:
    def __init__(self, directory: Path):
        self.directory = Path(directory)

    # --- reading -------------------------------------------------------------------------

    def current_name(self) -> str | None:
        try:
            return (self.directory / CURRENT).read_text().strip() or None
        except FileNotFoundError:
            return None

    def exists(self) -> bool:
        return self.current_name() is not None

    def read_manifest(self) -> dict:
        """The live snapshot's manifest, refused (as `load` would) when of another format."""
        name = self._require_current()
        manifest = _read_json(self.directory / name / MANIFEST, self.directory / name)
        check_manifest(manifest, self.directory / name, None, None)
        return manifest

    def load(
        self, expect_model: str | None = None, expect_dimension: int | None = None
    ) -> Snapshot:
        """Load the live snapshot, refusing one built with another model or format."""
        for attempt in range(3):
            name = self.current_name()
            try:
                return self._load(self._require_current(name), expect_model, expect_dimension)
            except IndexMismatchError:
                # Two rebuilds finished while we read, and the second removed our snapshot:
                # CURRENT has moved on, so read the new one. Otherwise the damage is real.
                if attempt == 2 or self.current_name() == name:
                    raise
        raise AssertionError("unreachable")

    def _load(self, name: str, expect_model: str | None, expect_dimension: int | None) -> Snapshot:
        path = self.directory / name
        manifest = _read_json(path / MANIFEST, path)
        check_manifest(manifest, path, expect_model, expect_dimension)
        try:
            chunks = [Chunk.from_json(json.loads(line)) for line in _lines(path / "chunks.jsonl")]
            cases = {
                CaseKey.parse(c["case_key"]): c
                for c in map(json.loads, _lines(path / "cases.jsonl"))
            }
            dense = DenseIndex.load(path / "dense.faiss")
            keyword = KeywordIndex.load(path / "bm25", len(chunks))
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise IndexMismatchError(
                f"The index at {path} is damaged ({exc}). Rebuild it with `qa index --rebuild`."
            ) from exc
        if not (len(chunks) == len(dense) == manifest["chunk_count"]):
            raise IndexMismatchError(
                f"The index at {path} is inconsistent: manifest says {manifest['chunk_count']} "
                f"chunks, chunks.jsonl has {len(chunks)}, the vector index {len(dense)}. "
                f"Rebuild it with `qa index --rebuild`."
            )
        return Snapshot(path, manifest, chunks, dense, keyword, cases)

    def _require_current(self, name: str | None = None) -> str:
        name = name or self.current_name()
        if name is None:
            raise IndexNotFoundError(
                f"No index found in {self.directory}. Build one with `qa index` "
                f"(or point QA_INDEX_DIR at an existing index)."
            )
        if not (self.directory / name).is_dir():
            # Not "build one with `qa index`": that would fail here too, on the same pointer.
            raise IndexMismatchError(
                f"The index in {self.directory} is damaged: {CURRENT} names {name}, which is "
                f"missing. Rebuild it with `qa index --rebuild`."
            )
        return name

    # --- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self) -> Iterator[None]:
        """Hold the write lock; a second writer is told a rebuild is already running."""
        self.directory.mkdir(parents=True, exist_ok=True)
        handle = open(self.directory / LOCK, "a+")  # noqa: SIM115 - held for the whole block
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexBusyError(
                    f"Another process is rebuilding the index in {self.directory}; "
                    f"try again when it has finished."
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            # Holding the lock, anything half-written is a leftover of a writer that died.
            self._remove_leftovers()
            yield
        finally:
            handle.close()  # closing releases the lock, also when the process dies

    def write(
        self,
        manifest: dict,
        chunks: list[Chunk],
        vectors: np.ndarray,
        cases: list[dict],
        dense_kind: str | None = None,
    ) -> Path:
        """Write a complete snapshot and make it live. Call inside `writer()`."""
        name = f"snap-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        previous = self.current_name()
        tmp = self.directory / f".tmp-{name}"
        tmp.mkdir(parents=True)
        dense = DenseIndex.build(vectors, dense_kind)
        manifest = {
            **manifest,
            "format_version": FORMAT_VERSION,
            "dimension": int(vectors.shape[1]),
            "chunk_count": len(chunks),
            "dense_kind": dense.kind,
            "weak": calibrate(len(chunks)),  # what qa.calibration needs to judge a match
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        dense.save(tmp / "dense.faiss")
        _write_lines(
            tmp / "chunks.jsonl", (json.dumps(c.to_json(), ensure_ascii=False) for c in chunks)
        )
        _write_lines(tmp / "cases.jsonl", (json.dumps(c, ensure_ascii=False) for c in cases))
        KeywordIndex.build([c.embedding_text for c in chunks]).save(tmp / "bm25")
        # The manifest goes last: a snapshot folder with a manifest is complete.
        _write_lines(tmp / MANIFEST, [json.dumps(manifest, ensure_ascii=False, indent=1)])
        _fsync_tree(tmp)
        os.rename(tmp, self.directory / name)
        _fsync_dir(self.directory)
        pointer = self.directory / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
        pointer.write_text(name + "\n")
        _fsync_file(pointer)
        os.replace(pointer, self.directory / CURRENT)
        _fsync_dir(self.directory)
        self._collect_garbage(keep={name, previous})
        return self.directory / name

    def _collect_garbage(self, keep: set[str | None]) -> None:
        """Remove every snapshot but the live one and the one before it, and any leftovers."""
        # By name, not by age: a snapshot that a killed rebuild renamed into place but never
        # made live is newer than the previous one, and nobody reads it.
        for path in self.directory.glob("snap-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
        self._remove_leftovers()

    def _remove_leftovers(self) -> None:
        """Half-written snapshots and pointers of killed rebuilds; call holding the lock."""
        for path in self.directory.glob(".tmp-snap-*"):
            shutil.rmtree(path, ignore_errors=True)
        for path in self.directory.glob(f".{CURRENT}.*"):
            path.unlink(missing_ok=True)


def check_manifest(
    manifest: dict, path: Path, expect_model: str | None, expect_dimension: int | None
) -> None:
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"The index at {path} has format version {version}; this minutes-qa reads version "
            f"{FORMAT_VERSION}. Rebuild it with `qa index --rebuild`."
        )
    if missing := [key for key in MANIFEST_KEYS if key not in manifest]:
        raise IndexMismatchError(
            f"The index at {path} is damaged: its manifest has no {', '.join(missing)}. "
            f"Rebuild it with `qa index --rebuild`."
        )
    if expect_model and manifest.get("model") != expect_model:
        raise IndexMismatchError(
            f"The index at {path} was built with the model {manifest.get('model')!r}, "
            f"not {expect_model!r}. Ask with `--model {manifest.get('model')}` (or QA_MODEL), "
            f"or rebuild it for the new model with `qa index --rebuild --model {expect_model}`."
        )
    if expect_dimension and manifest.get("dimension") != expect_dimension:
        raise IndexMismatchError(
            f"The index at {path} holds {manifest.get('dimension')}-dimensional vectors, but the "
            f"model gives {expect_dimension}. Rebuild it with `qa index --rebuild`."
        )


def _read_json(path: Path, snapshot: Path) -> dict:
    try:
        manifest = json.loads(path.read_text())
        if not isinstance(manifest, dict):
            raise ValueError(f"a JSON {type(manifest).__name__}, not an object")
    except (OSError, ValueError) as exc:
        raise IndexMismatchError(
            f"The index at {snapshot} has no readable manifest ({exc}). "
            f"Rebuild it with `qa index --rebuild`."
        ) from exc
    return manifest


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_lines(path: Path, lines) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            _fsync_file(path)
        else:
            _fsync_dir(path)
    _fsync_dir(root)
