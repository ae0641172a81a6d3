"""The library of what is indexed: its meetings listed, files taken out of corpus and index, and
the configured sources synced into both.

A removal holds the index's write lock from start to end. The files are first renamed to hidden
names beside themselves (never indexed, never served), then a snapshot without their cases is
made live, and only then are the files deleted; if writing the snapshot fails, the files get their
names back. A process killed midway leaves the previous snapshot live and the files hidden; the
next removal puts them back if that snapshot still holds their cases, and deletes them if not.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from qa.errors import QAError
from qa.identity import CaseKey
from qa.indexing import can_append
from qa.ingest import export_companions
from qa.origins import forget_origins, read_origins
from qa.sentences import SentenceVectors
from qa.store import IndexStore

HIDDEN_PREFIX = ".removing-"  # a file on its way out: the ingester skips hidden names


class RemoveError(QAError, ValueError):
    """Sources that cannot be removed; nothing was changed.

    `unknown` names sources the index does not hold; `outside` files that lie outside the
    corpus directory (the library deletes corpus files only); `everything` is set when the
    removal would leave the index empty.
    """

    code = "remove_refused"

    def __init__(
        self,
        message: str,
        *,
        unknown: tuple[str, ...] = (),
        outside: tuple[str, ...] = (),
        everything: bool = False,
    ):
        self.unknown = unknown
        self.outside = outside
        self.everything = everything
        super().__init__(message)


@dataclass(frozen=True)
class IndexedMeeting:
    """One indexed document: a meeting's minutes (or agenda) as one file supplies it."""

    municipality: str | None
    committee: str
    meeting_date: date
    kind: str
    cases: int  # how many of its cases are indexed
    source: str  # its path under the corpus root, as citations name it
    origin: str | None = None  # the URL or path it was fetched from, when recorded

    def as_record(self) -> dict:
        """The JSON of `qa meetings --json`."""
        return {**asdict(self), "meeting_date": self.meeting_date.isoformat()}


@dataclass(frozen=True)
class Removal:
    """What `remove_sources` did."""

    sources: tuple[str, ...]
    cases: tuple[CaseKey, ...]
    deleted_files: tuple[str, ...] = field(default=())  # files that were there to delete

    def as_record(self) -> dict:
        return {
            "removed": list(self.sources),
            "cases": [str(key) for key in self.cases],
            "deleted_files": list(self.deleted_files),
        }


def list_meetings(store: IndexStore, corpus_dir: Path | None = None) -> list[IndexedMeeting]:
    """Every indexed document, by municipality, newest meeting first."""
    manifest = store.read_manifest()
    records = store.case_records(manifest)
    origins = _origins(corpus_dir)
    grouped: dict[tuple, list[dict]] = {}
    for key, info in manifest["cases"].items():
        case_key = CaseKey.parse(key)
        record = records.get(key, {})
        grouped.setdefault((case_key.meeting, info["source"]), []).append(record)
    meetings = []
    for (meeting, source), cases in grouped.items():
        named = next((r for r in cases if r), {})
        meetings.append(
            IndexedMeeting(
                municipality=named.get("municipality") or _title(meeting.municipality),
                committee=named.get("committee") or meeting.committee,
                meeting_date=meeting.meeting_date,
                kind=meeting.kind,
                cases=len(cases),
                source=source,
                origin=origins.get(source),
            )
        )
    meetings.sort(key=lambda m: (m.municipality or "", m.committee, m.kind, m.source))
    meetings.sort(key=lambda m: m.meeting_date, reverse=True)
    meetings.sort(key=lambda m: (m.municipality or "").casefold())
    return meetings


def remove_sources(store: IndexStore, corpus_dir: Path, sources: Iterable[str]) -> Removal:
    """Remove these files (named as `qa meetings` names them, or by their path) from the corpus
    and their cases from the index, all or nothing."""
    corpus_dir = Path(corpus_dir)
    wanted = list(dict.fromkeys(s for s in sources if s and s.strip()))
    if not wanted:
        raise RemoveError("Name at least one source to remove; `qa meetings` lists them.")
    with store.writer():
        previous = store.read_manifest()
        _recover(corpus_dir, previous)
        by_source: dict[str, list[tuple[str, dict]]] = {}
        for key, info in previous["cases"].items():
            by_source.setdefault(info["source"], []).append((key, info))
        chosen = [_indexed_source(name, by_source, corpus_dir) for name in wanted]
        unknown = tuple(name for name, found in zip(wanted, chosen, strict=True) if found is None)
        if unknown:
            raise RemoveError(
                f"Not in the index: {', '.join(unknown)}. Nothing was removed; "
                f"`qa meetings` lists the indexed sources.",
                unknown=unknown,
            )
        chosen = list(dict.fromkeys(chosen))
        paths = {info["path"] for source in chosen for _, info in by_source[source]}
        root = corpus_dir.resolve()
        outside = tuple(
            sorted(s for s in chosen for _, i in by_source[s] if not _inside(i["path"], root))
        )
        if outside:
            raise RemoveError(
                f"Not files of the corpus directory {corpus_dir}: {', '.join(outside)}. "
                f"Nothing was removed; give the corpus directory with --corpus-dir "
                f"(env QA_CORPUS_DIR).",
                outside=outside,
            )
        gone = {key for source in chosen for key, _ in by_source[source]}
        if len(gone) == len(previous["cases"]):
            raise RemoveError(
                "That would remove every meeting and leave the index empty; nothing was "
                f"removed. To start over, delete the index directory {store.directory} and the "
                f"files, then run `qa index`.",
                everything=True,
            )
        # An export's PDFs and attachments go with its XML (left alone, they would be read as
        # minutes of their own by the next `qa index`).
        companions = {str(p) for path in paths for p in export_companions(Path(path))}
        hidden = _hide(sorted(paths | companions))
        try:
            _write_without(store, previous, gone, paths)
        except BaseException:
            _restore(hidden)
            raise
        for path in hidden.values():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
    forget_origins(corpus_dir, [*chosen, *_under(root, companions)])
    return Removal(
        tuple(chosen),
        tuple(sorted((CaseKey.parse(k) for k in gone), key=str)),
        tuple(s for s in chosen if any(i["path"] in hidden for _, i in by_source[s])),
    )


@dataclass(frozen=True)
class SyncRun:
    """One sync of the configured sources: each source's result, and the index update if any."""

    results: tuple  # qa.sync.SyncResult, one per source
    report: object | None = None  # qa.indexing.IndexReport when something new was indexed


def sync_configured(
    sources_file: Path,
    corpus_dir: Path,
    store: IndexStore,
    encoder,
    client=None,
    sentences: SentenceVectors | None = None,
) -> SyncRun:
    """Fetch every source the operator listed in `sources_file` and index what changed: what
    `qa sync` does, for a caller (the web page) that must never name a source itself.
    `sentences`: the answer's sentence vectors to keep beside the index (see update_index)."""
    from qa.http import PoliteClient
    from qa.indexing import update_index
    from qa.sync import read_sources, sync_sources

    sources = read_sources(sources_file)
    with contextlib.ExitStack() as stack:
        client = client or stack.enter_context(PoliteClient())
        results = sync_sources(sources, corpus_dir, client)
    if not any(r.report and (r.report.new or r.report.changed) for r in results):
        return SyncRun(tuple(results))
    report = update_index([corpus_dir], store, encoder, root=corpus_dir, sentences=sentences)
    return SyncRun(tuple(results), report)


def _indexed_source(name: str, by_source: dict, corpus_dir: Path) -> str | None:
    """The indexed source `name` means: a source as listed, or a path to the file."""
    if name in by_source:
        return name
    path = Path(name)
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, corpus_dir / path]
    for candidate in candidates:
        absolute = os.path.abspath(candidate)
        for source, cases in by_source.items():
            if any(os.path.abspath(info["path"]) == absolute for _, info in cases):
                return source
    return None


def _under(root: Path, paths: Iterable[str]) -> list[str]:
    """Paths as sources: relative to the corpus root."""
    return [Path(p).resolve().relative_to(root).as_posix() for p in paths if _inside(p, root)]


def _inside(path: str, root: Path) -> bool:
    return Path(path).resolve().is_relative_to(root)


def _hide(paths: list[str]) -> dict[str, str]:
    """Rename each existing file to a hidden name in its folder, one token for the whole
    removal (`.removing-<token>-<name>`); {original: hidden}."""
    token = uuid.uuid4().hex[:8]
    hidden: dict[str, str] = {}
    try:
        for path in paths:
            if not os.path.isfile(path):
                continue  # already gone: only its cases are left to drop
            target = os.path.join(
                os.path.dirname(path), f"{HIDDEN_PREFIX}{token}-{Path(path).name}"
            )
            os.rename(path, target)
            hidden[path] = target
    except BaseException:
        _restore(hidden)
        raise
    return hidden


def _recover(corpus_dir: Path, manifest: dict) -> None:
    """Settle the files of a removal a killed process left hidden: back in place when the live
    index still holds their cases (the removal never took effect), else deleted (it did)."""
    indexed = {os.path.abspath(info["path"]) for info in manifest["cases"].values()}
    removals: dict[str, dict[str, str]] = {}
    for path in Path(corpus_dir).rglob(f"{HIDDEN_PREFIX}*"):
        token, _, name = path.name[len(HIDDEN_PREFIX) :].partition("-")
        if path.is_file() and name:
            original = os.path.abspath(path.parent / name)
            removals.setdefault(token, {})[original] = str(path)
    for files in removals.values():
        if any(original in indexed for original in files):
            _restore({o: h for o, h in files.items() if not os.path.exists(o)})
        else:
            for hidden in files.values():
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(hidden)


def _restore(hidden: dict[str, str]) -> None:
    for original, target in hidden.items():
        with contextlib.suppress(FileNotFoundError):
            os.rename(target, original)


def _write_without(store: IndexStore, previous: dict, gone: set[str], paths: set[str]) -> None:
    """Make live a snapshot of `previous` without the cases `gone`; nothing is embedded."""
    cases = {key: info for key, info in previous["cases"].items() if key not in gone}
    live = {CaseKey.parse(key).municipality for key in cases}
    manifest = {
        **previous,
        "cases": cases,
        "files": {p: e for p, e in previous.get("files", {}).items() if p not in paths},
        "municipalities": [
            name
            for name in previous.get("municipalities", [])
            if " ".join(name.split()).casefold() in live
        ],
    }
    if can_append(previous, 0):  # mark the rows deleted; the segments stay as written
        empty = np.zeros((0, previous["dimension"]), np.float32)
        drop = {key: previous["cases"][key] for key in gone}
        store.append(manifest, previous, [], empty, [], drop=drop)
        return
    snapshot = store.load()
    rows = [i for i, chunk in enumerate(snapshot.chunks) if str(chunk.case_key) not in gone]
    records = [r for key, r in snapshot.cases.items() if str(key) not in gone]
    store.write(manifest, [snapshot.chunks[i] for i in rows], snapshot.dense.vectors(rows), records)


def _title(folded: str | None) -> str | None:
    return folded.title() if folded else None


def _origins(corpus_dir: Path | None) -> dict[str, str]:
    """Each corpus file's origin (URL or path), as far as the corpus records them."""
    if corpus_dir is None:
        return {}
    return {source: o.origin for source, o in read_origins(corpus_dir).files.items()}
