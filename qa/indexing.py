"""Build and update the index from minutes files, embedding only new or changed cases.

A case's identity is municipality, committee, meeting date, document kind and case number
(`qa.identity.CaseKey`); a file is named by its path under the corpus root. A case's content hash
decides whether it is embedded again. Cases are dropped only when their file is gone: a file that
fails to parse keeps its previously indexed cases, and so does a file cut short (cases its header
lists are missing), so bad input never shrinks the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from embeddings.model import Encoder
from qa.chunking import CHUNK_TOKENS, Chunk, case_hash, chunk_case
from qa.errors import IndexMismatchError, MinutesError, QAError
from qa.identity import CaseKey, MeetingKey
from qa.ingest import Corpus, load_corpus
from qa.minutes import Case, Meeting
from qa.store import IndexStore, Snapshot

Progress = Callable[[int, int], None]  # (embedded so far, to embed in all)
Embedded = tuple[list[Chunk], np.ndarray]  # one case's chunks and their vectors


class Engine(Protocol):
    """Where parsing, chunking and embedding run; planning and writing stay in update_index."""

    def load_corpus(self, paths: list[Path], root: Path | None) -> Corpus: ...

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
) -> IndexReport:
    """Bring the index in line with the minutes under `paths`; return what changed.

    Files are named by their path under `root` (the corpus directory) when they lie inside it,
    else under the directory given; see `qa.ingest.minutes_files`.
    """
    paths = [Path(p) for p in paths]
    max_tokens = min(max_tokens or CHUNK_TOKENS, encoder.max_tokens)
    engine = engine or LocalEngine()
    corpus = engine.load_corpus(paths, root)
    report = IndexReport(errors=corpus.errors, warnings=list(corpus.duplicates))
    for meeting in corpus.meetings:
        report.warnings.extend(f"{meeting.source}: {w}" for w in meeting.warnings)

    with store.writer():
        old = _load_previous(store, encoder, rebuild)
        old_cases = _manifest_cases(old)
        # An empty or unreadable corpus dir is a mistake (a missing mount, a wrong path), not a
        # wish to empty the index: refuse, also with --rebuild.
        if not corpus.meetings and (
            (rebuild and store.exists())
            or (old_cases and not any(Path(c["path"]).exists() for c in old_cases.values()))
        ):
            raise QAError(_nothing_read(paths, corpus))

        failed = {str(p) for p in corpus.failed}
        seen_paths = {str(f.path) for f in corpus.files}
        new_cases: dict[CaseKey, dict] = {}
        pieces: list[Embedded | None] = []  # per case, in index order; None: embedded below
        to_embed: list[tuple[Meeting, Case]] = []
        case_records: list[dict] = []
        old_rows = _rows_by_case(old) if old else {}
        meeting_files = _meeting_files(old_cases)
        headers: dict[str, tuple[MeetingKey, tuple[int, int]]] = {}  # path -> "Sager N - M"

        for meeting, file in zip(corpus.meetings, corpus.paths, strict=True):
            path = str(file)
            owner = _owner_of_meeting(meeting_files, meeting)
            if owner and owner not in seen_paths and Path(owner).exists():
                report.warnings.append(
                    f"{meeting.source}: same meeting as {_source_of(old_cases, owner)}, "
                    f"already indexed; skipped"
                )
                continue
            if meeting.case_range:
                headers[path] = (meeting.key, meeting.case_range)
            for case in meeting.cases:
                key = meeting.key.case(case.case_number)
                if key in new_cases:
                    report.warnings.append(
                        f"{meeting.source}: Sag nr. {case.case_number} appears twice; indexed once"
                    )
                    continue
                digest = case_hash(meeting, case, max_tokens)
                new_cases[key] = {"hash": digest, "path": path, "source": meeting.source}
                case_records.append(case_record(meeting, case))
                previous = old_cases.get(key)
                if previous and previous["hash"] == digest and key in old_rows:
                    report.unchanged += 1
                    rows = old_rows[key]
                    pieces.append(([old.chunks[r] for r in rows], old.dense.vectors(rows)))
                    continue
                (report.updated if previous else report.added).append(key)
                to_embed.append((meeting, case))
                pieces.append(None)

        # Cases of files not read this time: kept while their file exists (and always when the
        # file failed to parse, or lacks cases its header lists), dropped when it is gone.
        kept_lost: dict[str, list[str]] = {}  # file -> case numbers kept although missing
        for key, info in old_cases.items():
            if key in new_cases:
                continue
            path = info["path"]
            lost = _listed_in_header(key, headers.get(path))
            keep = path in failed or lost or (path not in seen_paths and Path(path).exists())
            if keep and key in old_rows:
                if path in failed or lost:
                    report.kept_from_failed_files += 1
                else:
                    report.unchanged += 1
                if lost:
                    kept_lost.setdefault(info["source"], []).append(str(key.case_number))
                new_cases[key] = info
                rows = old_rows[key]
                pieces.append(([old.chunks[r] for r in rows], old.dense.vectors(rows)))
                if key in old.cases:
                    case_records.append(old.cases[key])
            else:
                report.removed.append(key)
        report.warnings.extend(
            f"{source}: cases {', '.join(numbers)} are listed in its header but missing "
            f"(cut short?); kept as indexed before"
            for source, numbers in kept_lost.items()
        )

        if old and not report.changed and not rebuild:
            report.chunk_count = len(old.chunks)
            report.snapshot = old.name
            return report

        embedded = engine.chunk_and_embed(to_embed, encoder, max_tokens, progress)
        report.embedded_chunks = sum(len(chunks) for chunks, _ in embedded)
        chunks, matrices = _assemble(pieces, embedded)
        matrix = np.vstack(matrices) if matrices else np.zeros((0, encoder.dimension), np.float32)
        municipalities = sorted({c["municipality"] for c in case_records if c.get("municipality")})
        runtime = {"runtime": encoder.runtime} if encoder.runtime else {}
        snapshot = store.write(
            {
                "model": encoder.name,
                **runtime,
                "max_tokens": max_tokens,
                "municipalities": municipalities,
                "cases": {str(key): info for key, info in new_cases.items()},
            },
            chunks,
            matrix,
            case_records,
        )
        report.chunk_count = len(chunks)
        report.snapshot = snapshot.name
        return report


def _manifest_cases(snapshot: Snapshot | None) -> dict[CaseKey, dict]:
    """The previous snapshot's cases ({"hash", "path", "source"}) by key."""
    if snapshot is None:
        return {}
    return {CaseKey.parse(key): info for key, info in snapshot.manifest["cases"].items()}


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


def _nothing_read(paths: list[Path], corpus: Corpus) -> str:
    where = ", ".join(map(str, paths))
    files = len(corpus.files)
    if not files:
        return f"No minutes files found in {where}; the index is left as it is. Check the path."
    errors = corpus.errors
    reasons = "; ".join(str(e) for e in errors[:3]) + ("; ..." if len(errors) > 3 else "")
    return (
        f"None of the {files} files in {where} could be read as minutes ({reasons}); "
        f"the index is left as it is."
    )


def _load_previous(store: IndexStore, encoder: Encoder, rebuild: bool) -> Snapshot | None:
    if rebuild or not store.exists():
        return None
    try:
        return store.load(encoder.name, encoder.dimension, encoder.runtime)
    except IndexMismatchError as exc:
        raise IndexMismatchError(
            f"{exc} Nothing was changed; `qa index --rebuild` builds a new index from scratch."
        ) from exc


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


def _assemble(pieces: list[Embedded | None], embedded: list[Embedded]):
    """Chunks in order with their vectors: reused ones as stored, new ones from `embedded`."""
    chunks: list[Chunk] = []
    matrices: list[np.ndarray] = []
    fresh = iter(embedded)
    for case_chunks, vectors in (piece or next(fresh) for piece in pieces):
        chunks.extend(case_chunks)
        matrices.append(vectors)
    return chunks, matrices
