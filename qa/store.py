"""The index on disk: versioned snapshots, swapped in atomically, one writer at a time.

    INDEX_DIR/
      CURRENT              name of the live snapshot (replaced atomically)
      .lock                held by the one process writing
      snap-<time>-<id>/    manifest.json, dense.faiss, chunks.jsonl, cases.jsonl, bm25/
        seg-<id>/          dense.faiss, chunks.jsonl, cases.jsonl, bm25/ (more segments)

A snapshot is one or more segments: the first in the snapshot folder itself, later ones (the
cases an update added) in `seg-*` folders. Rows are numbered on from segment to segment; a
segment's rows whose case was changed or removed since are listed as deleted in the manifest and
left out when it is loaded. An update writes only its new segment and hard-links the others
from the snapshot before (segment files are never changed once written), so adding a meeting
to a big index writes a few files, not the whole index.

A snapshot is written completely, fsynced, then CURRENT is pointed at it with os.replace, so a
process killed at any moment leaves the previous snapshot live and consistent. Readers load
whatever CURRENT names; the one before stays on disk for readers still loading it, and a reader
that loses that race anyway loads the newer one.
"""

from __future__ import annotations

import contextlib
import hashlib
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
from filelock import FileLock, Timeout

from embeddings.index import DenseIndex
from qa.calibration import calibrate, manifest_rows
from qa.chunking import Chunk
from qa.errors import IndexBusyError, IndexMismatchError, IndexNotFoundError
from qa.identity import CaseKey
from qa.keyword import TERMS, KeywordIndex, Postings, tokenize
from qa.rows import RowMeta

# 2: cases are identified by municipality too, and files by their path under the corpus root.
FORMAT_VERSION = 2
CURRENT = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
FILES = ("manifest.json", "dense.faiss", "chunks.jsonl", "cases.jsonl")
SEGMENT_FILES = ("dense.faiss", "chunks.jsonl", "cases.jsonl", "bm25")
MAX_SEGMENTS = 8  # an update that would make more merges all but the largest into one
CREATED = "%Y-%m-%dT%H:%M:%S%z"  # the manifest's "created"
BASE = "."  # the first segment lives in the snapshot folder itself
MANIFEST_KEYS = ("format_version", "model", "dimension", "chunk_count", "cases")
# Indexes written before the manifest named its runtime were all embedded by torch.
LEGACY_RUNTIME = "torch"


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
        self,
        expect_model: str | None = None,
        expect_dimension: int | None = None,
        expect_runtime: str | None = None,
    ) -> Snapshot:
        """Load the live snapshot, refusing one built with another model, runtime or format."""
        expected = (expect_model, expect_dimension, expect_runtime)
        for attempt in range(3):
            name = self.current_name()
            try:
                return self._load(self._require_current(name), *expected)
            except IndexMismatchError:
                # Two rebuilds finished while we read, and the second removed our snapshot:
                # CURRENT has moved on, so read the new one. Otherwise the damage is real.
                if attempt == 2 or self.current_name() == name:
                    raise
        raise AssertionError("unreachable")

    def _load(
        self,
        name: str,
        expect_model: str | None,
        expect_dimension: int | None,
        expect_runtime: str | None,
    ) -> Snapshot:
        path = self.directory / name
        manifest = _read_json(path / MANIFEST, path)
        check_manifest(manifest, path, expect_model, expect_dimension, expect_runtime)
        segments = [_load_segment(path, segment) for segment in manifest_segments(manifest)]
        chunks = [c for s in segments for c in s.chunks]
        live = {key: info.get("segment", BASE) for key, info in manifest["cases"].items()}
        cases = {
            CaseKey.parse(c["case_key"]): c
            for s in segments
            for c in s.cases
            if live.get(c["case_key"]) == s.name
        }
        if len(segments) == 1 and not len(segments[0].deleted):
            dense, keyword = segments[0].dense, KeywordIndex([segments[0].postings])
        else:
            dense = DenseIndex.build(
                np.vstack([s.vectors() for s in segments]), manifest.get("dense_kind")
            )
            keyword = KeywordIndex([s.postings.without(s.deleted) for s in segments])
        if not (len(chunks) == len(dense) == len(keyword.lengths) == manifest["chunk_count"]):
            raise IndexMismatchError(
                f"The index at {path} is inconsistent: manifest says {manifest['chunk_count']} "
                f"chunks, the segments have {len(chunks)}. Rebuild it with `qa index --rebuild`."
            )
        return Snapshot(path, manifest, chunks, dense, keyword, cases)

    def case_records(self, manifest: dict | None = None) -> dict[str, dict]:
        """The live cases' full records by case key, read from `cases.jsonl` alone: a listing
        of what is indexed without loading vectors or chunks."""
        manifest = manifest or self.read_manifest()
        path = self.directory / self._require_current()
        live = {key: info.get("segment", BASE) for key, info in manifest["cases"].items()}
        records: dict[str, dict] = {}
        for segment in manifest_segments(manifest):
            try:
                lines = _lines(path / segment["dir"] / "cases.jsonl")
                found = [json.loads(line) for line in lines]
            except (OSError, ValueError) as exc:
                raise IndexMismatchError(
                    f"The index at {path} is damaged ({exc}). Rebuild it with `qa index --rebuild`."
                ) from exc
            for record in found:
                if live.get(record.get("case_key")) == segment["dir"]:
                    records[record["case_key"]] = record
        return records

    def verify(self, manifest: dict) -> bool:
        """Are the live snapshot's files all there, at the sizes written? Checked without
        reading them; IndexMismatchError when not. False: the manifest predates the sizes."""
        path = self.directory / self._require_current()
        segments = manifest_segments(manifest)
        if not all("sizes" in s for s in segments):
            return False
        for segment in segments:
            for name, size in segment["sizes"].items():
                file = path / segment["dir"] / name
                try:
                    found = file.stat().st_size
                except OSError as exc:
                    raise IndexMismatchError(
                        f"The index at {path} is damaged ({exc}). "
                        f"Rebuild it with `qa index --rebuild`."
                    ) from exc
                if found != size:
                    raise IndexMismatchError(
                        f"The index at {path} is damaged ({file} has {found} bytes, "
                        f"not {size}). Rebuild it with `qa index --rebuild`."
                    )
        return True

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
        lock = FileLock(self.directory / LOCK)  # released when the process dies, too
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise IndexBusyError(
                f"Another process is rebuilding the index in {self.directory}; "
                f"try again when it has finished."
            ) from None
        try:
            # Holding the lock, anything half-written is a leftover of a writer that died.
            self._remove_leftovers()
            yield
        finally:
            lock.release()

    def write(
        self,
        manifest: dict,
        chunks: list[Chunk],
        vectors: np.ndarray,
        cases: list[dict],
        dense_kind: str | None = None,
    ) -> Path:
        """Write a complete snapshot of one segment and make it live. Call inside `writer()`."""
        name, tmp = self._start()
        dense = DenseIndex.build(vectors, dense_kind)
        segment = _write_segment(tmp, BASE, chunks, dense, cases)
        manifest = _with_segments(manifest, [segment], dense.kind, dense.dimension)
        return self._finish(name, tmp, manifest)

    def append(
        self,
        manifest: dict,
        previous: dict,
        chunks: list[Chunk],
        vectors: np.ndarray,
        cases: list[dict],
        drop: dict[str, dict],
    ) -> Path:
        """Make live a snapshot of `previous` (the live manifest) with the cases in `drop`
        (case key -> its entry in `previous`) deleted and a new segment of `chunks` added.

        The previous snapshot's segments are hard-linked, not rewritten; but once there would be
        more than MAX_SEGMENTS, all but the largest are merged into the new segment, so an
        update rewrites the small segments, never the big one. `manifest["cases"]` names every
        live case. Call inside `writer()`, with `previous` the manifest of the live snapshot.
        """
        old = self.directory / self._require_current()
        name, tmp = self._start()
        dropped: dict[str, set[int]] = {}
        for info in drop.values():
            start, count = info["rows"]
            dropped.setdefault(info.get("segment", BASE), set()).update(range(start, start + count))
        segments = [
            {**s, "deleted": sorted(set(s["deleted"]) | dropped.get(s["dir"], set()))}
            for s in manifest_segments(previous)
        ]
        merged: list[dict] = []
        if len(segments) + bool(chunks) > MAX_SEGMENTS:
            largest = max(segments, key=lambda s: s["rows"] - len(s["deleted"]))
            merged = [s for s in segments if s is not largest]
        kept = [s for s in segments if s not in merged]
        for segment in kept:
            _link(old / segment["dir"], tmp / segment["dir"])
        if merged:
            located = {key: info.get("segment", BASE) for key, info in previous["cases"].items()}
            parts = [_load_segment(old, s) for s in merged]
            chunks = [c for part in parts for c in part.chunks] + list(chunks)
            vectors = np.vstack([part.vectors() for part in parts] + [vectors])
            cases = [
                record
                for part in parts
                for record in part.cases
                if located.get(record["case_key"]) == part.name and record["case_key"] not in drop
            ] + list(cases)
        if chunks:
            # Named by what it holds and follows: the same update of the same index, on any
            # engine, writes the same manifest.
            named = json.dumps([[s["dir"] for s in segments], sorted(manifest["cases"])])
            segment = f"seg-{hashlib.sha256(named.encode()).hexdigest()[:12]}"
            (tmp / segment).mkdir()
            dense = DenseIndex.build(vectors, "flat")
            kept.append(_write_segment(tmp / segment, segment, chunks, dense, cases))
        manifest = _with_segments(manifest, kept, "flat", previous["dimension"])
        return self._finish(name, tmp, manifest)

    def _start(self) -> tuple[str, Path]:
        name = f"snap-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        tmp = self.directory / f".tmp-{name}"
        tmp.mkdir(parents=True)
        return name, tmp

    def _finish(self, name: str, tmp: Path, manifest: dict) -> Path:
        previous = self.current_name()
        # The manifest goes last: a snapshot folder with a manifest is complete.
        # On one line: at 100k chunks the indented manifest took three times as long to write.
        _write_lines(tmp / MANIFEST, [json.dumps(manifest, ensure_ascii=False)])
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
    manifest: dict,
    path: Path,
    expect_model: str | None,
    expect_dimension: int | None,
    expect_runtime: str | None = None,
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
    if expect_runtime and manifest_runtime(manifest) != expect_runtime:
        built = manifest_runtime(manifest)
        # Vectors of two runtimes differ slightly; mixed in one index they would rank unevenly.
        raise IndexMismatchError(
            f"The index at {path} was embedded with the {built} runtime, not {expect_runtime}. "
            f"Use it with `--runtime {built}` (or QA_RUNTIME={built}), or embed it again with "
            f"`qa index --rebuild --runtime {expect_runtime}`."
        )
    if expect_dimension and manifest.get("dimension") != expect_dimension:
        raise IndexMismatchError(
            f"The index at {path} holds {manifest.get('dimension')}-dimensional vectors, but the "
            f"model gives {expect_dimension}. Rebuild it with `qa index --rebuild`."
        )


def manifest_segments(manifest: dict) -> list[dict]:
    """The snapshot's segments in row order: {"dir", "rows", "deleted"} each.

    A manifest written before segments existed describes one segment, the snapshot folder.
    """
    if "segments" in manifest:
        return manifest["segments"]
    return [{"dir": BASE, "rows": manifest["chunk_count"], "deleted": []}]


@dataclass
class _Segment:
    name: str
    chunks: list[Chunk]  # its live rows
    cases: list[dict]
    dense: DenseIndex  # all its rows, deleted ones too
    postings: Postings  # all its rows
    deleted: np.ndarray

    def vectors(self) -> np.ndarray:
        keep = np.ones(len(self.dense), dtype=bool)
        keep[self.deleted] = False
        return self.dense.vectors(np.flatnonzero(keep))


def _load_segment(snapshot: Path, segment: dict) -> _Segment:
    path = snapshot / segment["dir"]
    try:
        lines = _lines(path / "chunks.jsonl")
        every = [Chunk.from_json(json.loads(line)) for line in lines]
        if len(lines) != segment["rows"]:
            raise IndexMismatchError(
                f"The index at {snapshot} is inconsistent: manifest says {segment['rows']} "
                f"chunks, chunks.jsonl has {len(lines)}. Rebuild it with `qa index --rebuild`."
            )
        deleted = np.asarray(segment["deleted"], dtype=np.int64)
        gone = set(deleted.tolist())
        chunks = [c for i, c in enumerate(every) if i not in gone] if gone else every
        cases = [json.loads(line) for line in _lines(path / "cases.jsonl")]
        dense = DenseIndex.load(path / "dense.faiss")
        if not (path / "bm25").is_dir():
            raise FileNotFoundError(f"{path / 'bm25'} is missing")
        if (path / "bm25" / TERMS).exists():
            postings = Postings.load(path / "bm25")
        else:  # written by bm25s, before the index kept term frequencies
            postings = Postings.from_tokens(tokenize([c.embedding_text for c in every]))
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise IndexMismatchError(
            f"The index at {snapshot} is damaged ({exc}). Rebuild it with `qa index --rebuild`."
        ) from exc
    if not (len(lines) == len(dense) == len(postings)):
        raise IndexMismatchError(
            f"The index at {snapshot} is inconsistent: manifest says {segment['rows']} chunks, "
            f"chunks.jsonl has {len(lines)}, the vector index {len(dense)}, the keyword index "
            f"{len(postings)}. Rebuild it with `qa index --rebuild`."
        )
    return _Segment(segment["dir"], chunks, cases, dense, postings, deleted)


def _write_segment(
    directory: Path, name: str, chunks: list[Chunk], dense: DenseIndex, cases: list[dict]
) -> dict:
    """One segment's files; its manifest entry, and where each case's rows are in it."""
    dense.save(directory / "dense.faiss")
    _write_lines(
        directory / "chunks.jsonl", (json.dumps(c.to_json(), ensure_ascii=False) for c in chunks)
    )
    _write_lines(directory / "cases.jsonl", (json.dumps(c, ensure_ascii=False) for c in cases))
    KeywordIndex.build([c.embedding_text for c in chunks]).save(directory / "bm25")
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(chunks):
        rows.setdefault(str(chunk.case_key), [row, 0])[1] += 1
    sizes = {
        file.relative_to(directory).as_posix(): file.stat().st_size
        for name in SEGMENT_FILES
        for file in ([directory / name] if name != "bm25" else sorted((directory / name).iterdir()))
    }
    return {"dir": name, "rows": len(chunks), "deleted": [], "sizes": sizes, "cases": rows}


def _with_segments(manifest: dict, segments: list[dict], dense_kind: str, dimension: int) -> dict:
    """The manifest of a snapshot of these segments: counts, calibration and case locations."""
    cases = {key: dict(info) for key, info in manifest["cases"].items()}
    for segment in segments:
        for key, rows in segment.pop("cases", {}).items():
            cases[key].update(segment=segment["dir"], rows=rows)
    live = sum(s["rows"] - len(s["deleted"]) for s in segments)
    return {
        **manifest,
        "cases": cases,
        "segments": segments,
        "format_version": FORMAT_VERSION,
        "dimension": int(dimension),
        "chunk_count": live,
        "dense_kind": dense_kind,
        "weak": calibrate(live),  # what qa.calibration needs to judge a match
        "created": manifest.get("created") or time.strftime(CREATED),
    }


def _link(source: Path, target: Path) -> None:
    """The segment at `source` in `target` too, by hard links (copies where links fail)."""
    for name in SEGMENT_FILES:
        path = source / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            destination = target / file.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(file, destination)
            except OSError:
                shutil.copy2(file, destination)


def manifest_runtime(manifest: dict) -> str:
    """The runtime that embedded the index's vectors."""
    return manifest.get("runtime") or LEGACY_RUNTIME


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
