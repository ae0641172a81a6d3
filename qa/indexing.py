"""Build and update the index from minutes files, embedding only new or changed cases.

A case's identity is municipality, committee, meeting date, document kind and case number
(`qa.identity.CaseKey`); a file is named by its path under the corpus root. A case's content hash
decides whether it is embedded again. Cases are dropped only when their file is gone: a file that
fails to parse keeps its previously indexed cases, and so does a file cut short (cases its header
lists are missing), so bad input never shrinks the index.

A file is read only when its size or times differ from what the manifest recorded and its
content hash then differs too; an update adds the cases it embedded to the live
snapshot as a new segment (see `qa.store`), so its cost follows what changed, not the index.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from embeddings.index import HNSW_FROM
from embeddings.model import Encoder
from qa.chunking import CHUNK_TOKENS, Chunk, case_hash, chunk_case
from qa.errors import IndexMismatchError, MinutesError, Notice, QAError, about
from qa.identity import CaseKey, MeetingKey
from qa.ingest import (
    MAX_FILE_BYTES,
    Corpus,
    MinutesFile,
    collect_corpus,
    load_corpus,
    minutes_files,
    read_file,
)
from qa.minutes import Case, Meeting
from qa.sentences import SentenceVectors, store_sentence_vectors, vectors_path, worth_storing
from qa.store import CREATED, IndexStore, Snapshot, check_manifest, manifest_segments

Progress = Callable[[int, int], None]  # (embedded so far, to embed in all)
Embedded = tuple[list[Chunk], np.ndarray]  # one case's chunks and their vectors


class Engine(Protocol):
    """Where parsing, chunking and embedding run; planning and writing stay in update_index."""

    def load_corpus(self, paths: list[Path], root: Path | None) -> Corpus: ...

    # Optional: `read_files(files: list[MinutesFile]) -> Corpus` reads just these files, so
    # files unchanged since the last run are not read again; without it, all are.

    def chunk_and_embed(
        self,
        cases: list[tuple[Meeting, Case]],
        encoder: Encoder,
        max_tokens: int,
        progress: Progress | None,
    ) -> list[Embedded]: ...


class LocalEngine:
    """In this process, all new chunks embedded in one batch: the default engine."""

    def load_corpus(self, paths: list[Path], root: Path | None) -> Corpus:
        return load_corpus(paths, root)

    def read_files(self, files: list[MinutesFile]) -> Corpus:
        return collect_corpus(files, map(read_file, files))

    def chunk_and_embed(self, cases, encoder, max_tokens, progress) -> list[Embedded]:
        per_case = [chunk_case(m, c, encoder.count_tokens, max_tokens) for m, c in cases]
        vectors = _embed(encoder, [chunk for chunks in per_case for chunk in chunks], progress)
        embedded, start = [], 0
        for chunks in per_case:
            embedded.append((chunks, vectors[start : start + len(chunks)]))
            start += len(chunks)
        return embedded


@dataclass
class IndexReport:
    added: list[CaseKey] = field(default_factory=list)
    updated: list[CaseKey] = field(default_factory=list)
    removed: list[CaseKey] = field(default_factory=list)
    unchanged: int = 0
    kept_from_failed_files: int = 0
    errors: list[MinutesError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    chunk_count: int = 0
    embedded_chunks: int = 0
    snapshot: str | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step: scan, parse, ...
    watch_matches: list = field(default_factory=list)  # qa.watch.Match of saved questions

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged cases ({self.chunk_count} chunks; "
            f"{self.embedded_chunks} embedded now)"
        )
        if self.kept_from_failed_files:
            line += (
                f"; {self.kept_from_failed_files} cases kept from files that failed to parse "
                f"or were cut short"
            )
        return line

    def as_record(self) -> dict:
        """The JSON of `qa index --json`; case keys in their manifest form."""
        return {
            "added": [str(k) for k in self.added],
            "updated": [str(k) for k in self.updated],
            "removed": [str(k) for k in self.removed],
            "unchanged": self.unchanged,
            "chunks": self.chunk_count,
            "embedded": self.embedded_chunks,
            "errors": [{"file": e.source, "reason": e.reason} for e in self.errors],
            "warnings": self.warnings,
            "watch_matches": len(self.watch_matches),
        }


def case_record(meeting: Meeting, case: Case) -> dict:
    """The full case as stored beside the chunks, for showing a whole case with its citation."""
    return {
        "case_key": str(meeting.key.case(case.case_number)),
        "municipality": meeting.municipality,
        "committee": meeting.committee,
        "meeting_date": meeting.meeting_date.isoformat(),
        "kind": meeting.kind,
        "case_number": case.case_number,
        "title": case.title,
        "authority": case.authority,
        "source": meeting.source,
        "url": meeting.url,
        "sections": [asdict(s) for s in case.sections],
    }


def update_index(
    paths: Iterable[Path],
    store: IndexStore,
    encoder: Encoder,
    rebuild: bool = False,
    max_tokens: int | None = None,
    progress: Progress | None = None,
    root: Path | None = None,
    engine: Engine | None = None,
    compact: bool = False,
    sentences: SentenceVectors | None = None,
) -> IndexReport:
    """Bring the index in line with the minutes under `paths`; return what changed.

    With `sentences`, the answer's sentence vectors are then stored beside the index (see
    `qa.sentences`): only new sentences are read, and a run with nothing new, whose vectors are
    stored already, does not even load the index to look.

    `compact` writes the index as one segment again (see `qa.store`), as an update does by
    itself once a quarter of the rows are deleted; nothing is embedded again for it.

    Files are named by their path under `root` (the corpus directory) when they lie inside it,
    else under the directory given; see `qa.ingest.minutes_files`. A file whose size and times
    (or, when those changed, content hash) are as the index recorded is not read again: its
    cases stay as indexed.
    """
    report = _update_chunks(
        paths, store, encoder, rebuild, max_tokens, progress, root, engine, compact
    )
    if sentences is None or not worth_storing(report.chunk_count, sentences.max_chunks):
        return report
    if report.changed or not vectors_path(store.directory, encoder).exists():
        store_sentence_vectors(
            store, encoder, sentences.texts, sentences.progress, max_chunks=sentences.max_chunks
        )
    return report


def _update_chunks(
    paths: Iterable[Path],
    store: IndexStore,
    encoder: Encoder,
    rebuild: bool,
    max_tokens: int | None,
    progress: Progress | None,
    root: Path | None,
    engine: Engine | None,
    compact: bool,
) -> IndexReport:
    clock = _Clock()
    paths = [Path(p) for p in paths]
    max_tokens = min(max_tokens or CHUNK_TOKENS, encoder.max_tokens)
    engine = engine or LocalEngine()
    files = minutes_files(paths, root)

    _exists = cache(lambda path: Path(path).exists())  # asked once per case, answered per file

    with store.writer():
        previous = _previous_manifest(store, encoder, rebuild)
        known = _known_files(previous, max_tokens)
        scan = scan_files(files, known)
        clock.lap("scan")
        if hasattr(engine, "read_files"):
            corpus = engine.read_files([f for f in files if str(f.path) in scan.to_read])
        else:  # an engine that reads whole folders only: everything is read again
            corpus = engine.load_corpus(paths, root)
            scan = scan_files(files, {})
        report = IndexReport(errors=corpus.errors, warnings=list(corpus.duplicates))
        for meeting in corpus.meetings:
            report.warnings.extend(about(meeting.source, w) for w in meeting.warnings)
        old_cases = _manifest_cases(previous)
        # An empty or unreadable corpus dir is a mistake (a missing mount, a wrong path), not a
        # wish to empty the index: refuse, also with --rebuild.
        if (
            not corpus.meetings
            and not scan.unchanged
            and (
                (rebuild and store.exists())
                or (old_cases and not any(Path(c["path"]).exists() for c in old_cases.values()))
            )
        ):
            raise QAError(_nothing_read(paths, corpus, files))

        failed = {str(p) for p in corpus.failed}
        read_paths = {str(f.path) for f in corpus.files}
        new_cases: dict[CaseKey, dict] = {}
        plan: list[CaseKey | tuple[Meeting, Case]] = []  # per case in index order: kept or new
        case_records: dict[CaseKey, dict] = {}  # of the cases read this time
        meeting_files = _meeting_files(old_cases)
        headers: dict[str, tuple[MeetingKey, tuple[int, int]]] = {}  # path -> "Sager N - M"
        unclean: set[str] = set(failed)  # files read whose state is not theirs alone to record

        for meeting, file in zip(corpus.meetings, corpus.paths, strict=True):
            path = str(file)
            if meeting.warnings:
                unclean.add(path)
            owner = _owner_of_meeting(meeting_files, meeting)
            if owner and owner not in read_paths and _exists(owner):
                first = _source_of(old_cases, owner)
                report.warnings.append(
                    Notice(
                        f"{meeting.source}: same meeting as {first}, already indexed; skipped",
                        "meeting_indexed",
                        source=meeting.source,
                        first=first,
                    )
                )
                unclean.add(path)
                continue
            if meeting.case_range:
                headers[path] = (meeting.key, meeting.case_range)
            for case in meeting.cases:
                key = meeting.key.case(case.case_number)
                if key in new_cases:
                    report.warnings.append(
                        Notice(
                            f"{meeting.source}: Sag nr. {case.case_number} appears twice; "
                            "indexed once",
                            "case_twice",
                            source=meeting.source,
                            number=case.case_number,
                        )
                    )
                    unclean.add(path)
                    continue
                digest = case_hash(meeting, case, max_tokens)
                info = {"hash": digest, "path": path, "source": meeting.source}
                case_records[key] = case_record(meeting, case)
                previous_info = old_cases.get(key)
                if previous_info and previous_info["hash"] == digest:
                    report.unchanged += 1
                    new_cases[key] = {**previous_info, **info}
                    plan.append(key)
                    continue
                (report.updated if previous_info else report.added).append(key)
                new_cases[key] = info
                plan.append((meeting, case))

        # Cases of files not read this time: kept while their file exists (and always when the
        # file failed to parse, or lacks cases its header lists), dropped when it is gone.
        kept_lost: dict[str, list[str]] = {}  # file -> case numbers kept although missing
        for key, info in old_cases.items():
            if key in new_cases:
                continue
            path = info["path"]
            lost = _listed_in_header(key, headers.get(path))
            if path in failed or lost or (path not in read_paths and _exists(path)):
                if path in failed or lost:
                    report.kept_from_failed_files += 1
                    unclean.add(path)
                else:
                    report.unchanged += 1
                if lost:
                    kept_lost.setdefault(info["source"], []).append(str(key.case_number))
                new_cases[key] = info
                plan.append(key)
            else:
                report.removed.append(key)
        report.warnings.extend(
            Notice(
                f"{source}: cases {', '.join(numbers)} are listed in its header but missing "
                f"(cut short?); kept as indexed before",
                "cases_kept",
                source=source,
                numbers=", ".join(numbers),
            )
            for source, numbers in kept_lost.items()
        )
        known_files = _record_files(known, scan, new_cases, read_paths, unclean)
        clock.lap("parse")

        nothing_new = not report.changed and known_files == known.get("entries")
        if previous and nothing_new and not rebuild and not compact:
            report.chunk_count = previous["chunk_count"]
            report.snapshot = store.current_name()
            report.timings = clock.laps
            return report

        to_embed = [item for item in plan if not isinstance(item, CaseKey)]
        embedded = engine.chunk_and_embed(to_embed, encoder, max_tokens, progress)
        report.embedded_chunks = sum(len(chunks) for chunks, _ in embedded)
        clock.lap("embed")
        municipalities = _municipalities(previous, new_cases, case_records)
        runtime = {"runtime": encoder.runtime} if encoder.runtime else {}
        manifest = {
            "model": encoder.name,
            **runtime,
            "max_tokens": max_tokens,
            "municipalities": municipalities,
            "cases": {str(key): info for key, info in new_cases.items()},
            "files": known_files,
            # When the files were looked at: what the file table's times are judged against.
            "created": time.strftime(CREATED, time.localtime(scan.started / 1e9)),
            "reader": reader_version(),
        }
        chunks = [chunk for case_chunks, _ in embedded for chunk in case_chunks]
        if previous and not rebuild and not compact and can_append(previous, len(chunks)):
            fresh = [case_records[m.key.case(c.case_number)] for m, c in to_embed]
            matrix = _stack([vectors for _, vectors in embedded], encoder.dimension)
            dropped = report.updated + report.removed
            snapshot = store.append(
                manifest,
                previous,
                chunks,
                matrix,
                fresh,
                drop={str(key): old_cases[key] for key in dropped},
            )
            report.chunk_count = previous["chunk_count"] + len(chunks)
            report.chunk_count -= sum(old_cases[key]["rows"][1] for key in dropped)
        else:
            snapshot, report.chunk_count = _write_whole(
                store, encoder, previous, plan, embedded, case_records, manifest
            )
        report.snapshot = snapshot.name
        clock.lap("write")
        # Saved questions see the cases this update added or changed, and only those. The one
        # call upward from here: every caller of an update (qa index, an upload, a fetch) gets
        # it without asking.
        from qa.watch import run_watches

        report.watch_matches = run_watches(store, encoder, report.added + report.updated)
        clock.lap("watches")
        report.timings = clock.laps
        return report


def _municipalities(
    previous: dict | None, cases: dict[CaseKey, dict], records: dict[CaseKey, dict]
) -> list[str]:
    """The municipalities of the live cases, as their minutes name them: from the cases read
    now, and from the last manifest for those not read again."""
    live = {key.municipality for key in cases if key.municipality}
    names = {c["municipality"] for c in records.values() if c.get("municipality")}
    names.update((previous or {}).get("municipalities", []))
    return sorted(name for name in names if " ".join(name.split()).casefold() in live)


def _write_whole(store, encoder, previous, plan, embedded, case_records, manifest):
    """Write every case into one new segment: kept cases' chunks and vectors come from the
    live snapshot (loaded whole), new ones from `embedded`."""
    old = store.load(encoder.name, encoder.dimension, encoder.runtime) if previous else None
    old_rows = _rows_by_case(old) if old else {}
    fresh = iter(embedded)
    chunks: list[Chunk] = []
    matrices: list[np.ndarray] = []
    records: list[dict] = []
    for item in plan:
        if isinstance(item, CaseKey):
            rows = old_rows.get(item, [])
            chunks.extend(old.chunks[r] for r in rows)
            matrices.append(old.dense.vectors(rows))
            record = case_records.get(item) or old.cases.get(item)
        else:
            meeting, case = item
            case_chunks, vectors = next(fresh)
            chunks.extend(case_chunks)
            matrices.append(vectors)
            record = case_records[meeting.key.case(case.case_number)]
        if record is not None:
            records.append(record)
    path = store.write(manifest, chunks, _stack(matrices, encoder.dimension), records)
    return path, len(chunks)


def _stack(matrices: list[np.ndarray], dimension: int) -> np.ndarray:
    return np.vstack(matrices) if matrices else np.zeros((0, dimension), np.float32)


def _manifest_cases(manifest: dict | None) -> dict[CaseKey, dict]:
    """The previous snapshot's cases ({"hash", "path", "source", "segment", "rows"}) by key."""
    if manifest is None:
        return {}
    return {CaseKey.parse(key): info for key, info in manifest["cases"].items()}


def _source_of(old_cases: dict[CaseKey, dict], path: str) -> str:
    """How the index names the file at `path`: its path under the corpus root."""
    return next((c["source"] for c in old_cases.values() if c["path"] == path), Path(path).name)


def _listed_in_header(key: CaseKey, header: tuple[MeetingKey, tuple[int, int]] | None) -> bool:
    """Does the file's header ("Sager N - M") list this case of the same meeting?"""
    return (
        header is not None
        and header[0] == key.meeting
        and header[1][0] <= key.case_number <= header[1][1]
    )


def _nothing_read(paths: list[Path], corpus: Corpus, found: list[MinutesFile]) -> str:
    where = ", ".join(map(str, paths))
    files = len(found)
    if not files:
        return f"No minutes files found in {where}; the index is left as it is. Check the path."
    errors = corpus.errors
    reasons = "; ".join(str(e) for e in errors[:3]) + ("; ..." if len(errors) > 3 else "")
    return (
        f"None of the {files} files in {where} could be read as minutes ({reasons}); "
        f"the index is left as it is."
    )


def _rows_by_case(snapshot: Snapshot) -> dict[CaseKey, list[int]]:
    rows: dict[CaseKey, list[int]] = {}
    for row, chunk in enumerate(snapshot.chunks):
        rows.setdefault(chunk.case_key, []).append(row)
    return rows


def _meeting_files(old_cases: dict[CaseKey, dict]) -> dict[MeetingKey, list[tuple[str, str]]]:
    """Each indexed meeting with the files its cases came from: (path, source), in order."""
    files: dict[MeetingKey, list[tuple[str, str]]] = {}
    for key, info in old_cases.items():
        found = files.setdefault(key.meeting, [])
        if (info["path"], info["source"]) not in found:
            found.append((info["path"], info["source"]))
    return files


def _owner_of_meeting(
    meeting_files: dict[MeetingKey, list[tuple[str, str]]], meeting: Meeting
) -> str | None:
    """The file that already supplies this meeting to the index, if it is another file."""
    # The same path under the corpus root elsewhere is the corpus moved, not a second copy.
    return next(
        (path for path, source in meeting_files.get(meeting.key, ()) if source != meeting.source),
        None,
    )


def _embed(encoder: Encoder, chunks: list[Chunk], progress: Progress | None) -> np.ndarray:
    total = len(chunks)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    if progress:
        progress(0, total)
    return encoder.encode_passages([c.embedding_text for c in chunks], progress=advance)


# --- what changed since the last run, without reading what did not --------------------------

# The reader's own code: a file is read again, whatever its stat says, once this changes.
READER_MODULES = ("minutes.py", "ingest.py", "chunking.py", "identity.py", "formats")
# A file modified this close to the scan that recorded it may change again within the same
# mtime tick; its content hash is checked next time (as git treats "racily clean" files).
RACY_NS = 2_000_000_000
# Of a snapshot's rows deleted (changed or removed cases), more than this share and the next
# update writes the index as one segment again.
MAX_DELETED_SHARE = 0.25


@dataclass
class Scan:
    """The files found, sorted by whether they must be read.

    Entries are [size, mtime_ns, ctime_ns, content hash], as the manifest's "files" records them.
    """

    started: int  # time.time_ns() when the scan began
    unchanged: dict[str, list] = field(default_factory=dict)
    to_read: dict[str, list] = field(default_factory=dict)


def scan_files(files: list[MinutesFile], known: dict) -> Scan:
    """Sort files into unchanged (by size and mtime, else by content hash) and to read."""
    scan = Scan(time.time_ns())
    entries, scanned = known.get("entries", {}), known.get("scanned", 0)
    for file in files:
        path = str(file.path)
        try:
            stat = os.stat(path)
        except OSError:
            scan.to_read[path] = [0, 0, 0, None]  # reading it reports why it cannot be read
            continue
        entry = entries.get(path)
        entry = entry if isinstance(entry, list) and len(entry) == 4 else None
        # The change time too: no tool sets it back, as some set the modification time back
        # (a restore, `cp -p`, `touch -d`); it is also the moment judged for racy files.
        stat_key = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
        if entry and entry[:3] == stat_key and stat.st_ctime_ns < scanned - RACY_NS:
            scan.unchanged[path] = entry
            continue
        digest = _file_hash(path) if stat.st_size <= MAX_FILE_BYTES else None
        if entry and digest and entry[3] == digest:
            scan.unchanged[path] = [*stat_key, digest]  # touched, not changed
        else:
            scan.to_read[path] = [*stat_key, digest]
    return scan


def _file_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()[:32]
    except OSError:
        return None


@cache
def reader_version() -> str:
    """A hash of the code that turns files into cases and chunks."""
    base = Path(__file__).parent
    digest = hashlib.sha256()
    for name in READER_MODULES:
        path = base / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(base).as_posix().encode() + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _known_files(previous: dict | None, max_tokens: int) -> dict:
    """The file table of the last run, when its files were read as this run would read them."""
    if (
        not previous
        or previous.get("reader") != reader_version()
        or previous.get("max_tokens") != max_tokens
    ):
        return {}
    try:
        scanned = datetime.strptime(previous["created"], CREATED).timestamp()
    except (KeyError, ValueError):
        return {}
    return {"entries": previous.get("files", {}), "scanned": int(scanned) * 1_000_000_000}


def _record_files(
    known: dict, scan: Scan, cases: dict[CaseKey, dict], read: set[str], unclean: set[str]
) -> dict:
    """The file table to record: files whose cases are all indexed as read from them now.

    Files that failed, were cut short, repeat a meeting or carry warnings are left out, so
    they are read (and reported) again on every run.
    """
    owners = {info["path"] for info in cases.values()}
    entries = known.get("entries", {}) if known else {}
    table = {p: e for p, e in entries.items() if p in owners and p not in read}
    table.update((p, e) for p, e in scan.unchanged.items() if p in owners)
    table.update(
        (p, e) for p, e in scan.to_read.items() if p in owners and p not in unclean and e[3]
    )
    return dict(sorted(table.items()))


def can_append(previous: dict, new_rows: int) -> bool:
    """Can this update add a segment to the live snapshot, or must it write it whole?"""
    segments = manifest_segments(previous)
    rows = sum(s["rows"] for s in segments)
    deleted = sum(len(s["deleted"]) for s in segments)
    return (
        "segments" in previous
        and previous.get("dense_kind", "flat") == "flat"
        and previous["chunk_count"] + new_rows < HNSW_FROM
        and deleted <= MAX_DELETED_SHARE * rows
        and all("rows" in info for info in previous["cases"].values())
    )


def _previous_manifest(store: IndexStore, encoder: Encoder, rebuild: bool) -> dict | None:
    """The live snapshot's manifest, checked against the encoder and its files on disk."""
    if rebuild or not store.exists():
        return None
    try:
        manifest = store.read_manifest()
        path = store.directory / (store.current_name() or "")
        check_manifest(manifest, path, encoder.name, encoder.dimension, encoder.runtime)
        if not store.verify(manifest):  # an index of before sizes were recorded: load it
            store.load(encoder.name, encoder.dimension, encoder.runtime)
    except IndexMismatchError as exc:
        raise IndexMismatchError(
            f"{exc} Nothing was changed; `qa index --rebuild` builds a new index from scratch."
        ) from exc
    return manifest


class _Clock:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now
