"""Build and update the index from minutes files, embedding only new or changed cases.

A case's identity is committee, meeting date, document kind and case number; its content hash
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
from qa.chunking import CHUNK_TOKENS, Chunk, case_hash, case_key, chunk_case
from qa.errors import IndexMismatchError, MinutesError, QAError
from qa.ingest import Corpus, load_corpus, minutes_files
from qa.minutes import Case, Meeting
from qa.store import IndexStore, Snapshot

Progress = Callable[[int, int], None]  # (embedded so far, to embed in all)
Embedded = tuple[list[Chunk], np.ndarray]  # one case's chunks and their vectors


class Engine(Protocol):
    """Where parsing, chunking and embedding run; planning and writing stay in update_index."""

    def load_corpus(self, files: list[Path]) -> Corpus: ...

    def chunk_and_embed(
        self,
        cases: list[tuple[Meeting, Case]],
        encoder: Encoder,
        max_tokens: int,
        progress: Progress | None,
    ) -> list[Embedded]: ...


class LocalEngine:
    """In this process, all new chunks embedded in one batch: the default engine."""

    def load_corpus(self, files: list[Path]) -> Corpus:
        return load_corpus(files)

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
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
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


def case_record(meeting: Meeting, case: Case) -> dict:
    """The full case as stored beside the chunks, for showing a whole case with its citation."""
    return {
        "case_key": case_key(
            meeting.committee, meeting.meeting_date, case.case_number, meeting.kind
        ),
        "committee": meeting.committee,
        "meeting_date": meeting.meeting_date.isoformat(),
        "kind": meeting.kind,
        "case_number": case.case_number,
        "title": case.title,
        "authority": case.authority,
        "source": meeting.source,
        "sections": [asdict(s) for s in case.sections],
    }


def update_index(
    paths: Iterable[Path],
    store: IndexStore,
    encoder: Encoder,
    rebuild: bool = False,
    max_tokens: int | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> IndexReport:
    """Bring the index in line with the minutes under `paths`; return what changed."""
    paths = [Path(p) for p in paths]
    engine = engine or LocalEngine()
    max_tokens = min(max_tokens or CHUNK_TOKENS, encoder.max_tokens)
    files = [p.resolve() for p in minutes_files(paths)]
    corpus = engine.load_corpus(files)
    report = IndexReport(errors=corpus.errors, warnings=list(corpus.duplicates))
    for meeting in corpus.meetings:
        report.warnings.extend(f"{meeting.source}: {w}" for w in meeting.warnings)

    with store.writer():
        old = _load_previous(store, encoder, rebuild)
        old_cases: dict[str, dict] = old.manifest["cases"] if old else {}
        # An empty or unreadable corpus dir is a mistake (a missing mount, a wrong path), not a
        # wish to empty the index: refuse, also with --rebuild.
        if not corpus.meetings and (
            (rebuild and store.exists())
            or (old_cases and not any(Path(c["path"]).exists() for c in old_cases.values()))
        ):
            raise QAError(_nothing_read(paths, files, corpus.errors))

        by_path = {str(p): p for p in files}
        failed = {str(p) for p in files if p.name in {e.source for e in corpus.errors}}
        seen_paths = set(by_path)
        new_cases: dict[str, dict] = {}
        pieces: list[Embedded | None] = []  # per case, in index order; None: embedded below
        to_embed: list[tuple[Meeting, Case]] = []
        case_records: list[dict] = []
        old_rows = _rows_by_case(old) if old else {}
        # Built once: a scan per meeting was quadratic (no-op update, 100k chunks: 12 s -> 5 s).
        file_by_name: dict[str, Path] = {}
        for p in files:
            file_by_name.setdefault(p.name, p)
        meeting_paths = _meeting_paths(old_cases)
        headers: dict[str, tuple[str, tuple[int, int]]] = {}  # path -> meeting, "Sager N - M"

        for meeting in corpus.meetings:
            path = str(file_by_name[meeting.source])
            owner = _owner_of_meeting(meeting_paths, meeting, path)
            if owner and owner not in seen_paths and Path(owner).exists():
                report.warnings.append(
                    f"{meeting.source}: same meeting as {Path(owner).name}, already indexed; skipped"
                )
                continue
            if meeting.case_range:
                prefix = case_key(meeting.committee, meeting.meeting_date, 0, meeting.kind)
                headers[path] = (prefix.rsplit("|", 1)[0], meeting.case_range)
            for case in meeting.cases:
                key = case_key(
                    meeting.committee, meeting.meeting_date, case.case_number, meeting.kind
                )
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
                    kept_lost.setdefault(info["source"], []).append(key.rsplit("|", 1)[1])
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
        snapshot = store.write(
            {"model": encoder.name, "max_tokens": max_tokens, "cases": new_cases},
            chunks,
            matrix,
            case_records,
        )
        report.chunk_count = len(chunks)
        report.snapshot = snapshot.name
        return report


def _listed_in_header(key: str, header: tuple[str, tuple[int, int]] | None) -> bool:
    """Does the file's header ("Sager N - M") list this case of the same meeting?"""
    meeting, number = key.rsplit("|", 1)
    return (
        header is not None and header[0] == meeting and header[1][0] <= int(number) <= header[1][1]
    )


def _nothing_read(paths: list[Path], files: list[Path], errors: list[MinutesError]) -> str:
    where = ", ".join(map(str, paths))
    if not files:
        return f"No minutes files found in {where}; the index is left as it is. Check the path."
    reasons = "; ".join(str(e) for e in errors[:3]) + ("; ..." if len(errors) > 3 else "")
    return (
        f"None of the {len(files)} files in {where} could be read as minutes ({reasons}); "
        f"the index is left as it is."
    )


def _load_previous(store: IndexStore, encoder: Encoder, rebuild: bool) -> Snapshot | None:
    if rebuild or not store.exists():
        return None
    try:
        return store.load(expect_model=encoder.name, expect_dimension=encoder.dimension)
    except IndexMismatchError as exc:
        raise IndexMismatchError(
            f"{exc} Nothing was changed; `qa index --rebuild` builds a new index from scratch."
        ) from exc


def _rows_by_case(snapshot: Snapshot) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(snapshot.chunks):
        rows.setdefault(chunk.case_key, []).append(row)
    return rows


def _meeting_paths(old_cases: dict[str, dict]) -> dict[str, list[str]]:
    """Each indexed meeting (committee|date|kind) with the files its cases came from, in order."""
    paths: dict[str, list[str]] = {}
    for key, info in old_cases.items():
        found = paths.setdefault(key.rsplit("|", 1)[0], [])
        if info["path"] not in found:
            found.append(info["path"])
    return paths


def _owner_of_meeting(
    meeting_paths: dict[str, list[str]], meeting: Meeting, path: str
) -> str | None:
    """The file that already supplies this meeting to the index, if it is another file."""
    prefix = case_key(meeting.committee, meeting.meeting_date, 0, meeting.kind).rsplit("|", 1)[0]
    name = Path(path).name
    # The same file name elsewhere is the corpus moved, not a second copy of the meeting.
    return next((p for p in meeting_paths.get(prefix, ()) if Path(p).name != name), None)


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
