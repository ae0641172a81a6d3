"""Where each corpus file came from, and when each configured source was last synced.

Kept in one JSON file at the corpus root (`.qa-origins.json`; a hidden name the ingester never
reads), so the corpus directory carries its own provenance wherever it is copied. Each write takes
a lock, re-reads the file, changes it and swaps it in atomically: a fetch, a sync and an upload
running at once never lose each other's records, and a kill never leaves half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from filelock import FileLock

from qa.errors import QAError

ORIGINS_FILE = ".qa-origins.json"
_LOCK_FILE = ".qa-origins.lock"
VERSION = 1


class OriginsError(QAError):
    """The origins file of the corpus cannot be read."""


@dataclass(frozen=True)
class Origin:
    """One corpus file's provenance: what it was fetched or copied from, when, and its content.

    `source` is the file's path under the corpus root, as citations name it ("Ballerup/...").
    `origin` is the URL or the absolute path it came from; `etag` and `last_modified` are the
    server's validators for the next conditional request (None for files copied from a folder).
    """

    source: str
    origin: str
    fetched: str  # ISO 8601, UTC
    sha256: str
    size: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    kind: str | None = None  # "edoc", "acadre", "firstagenda", "kk", "upload"
    sync_source: str | None = None  # the configured source (URL or folder) that brought it

    def as_record(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SourceSync:
    """The last sync of one source: when, and what it brought (`error` set when it failed)."""

    source: str  # the URL or folder, as configured
    kind: str
    municipality: str | None
    synced: str  # ISO 8601, UTC: when the last run ended
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    error: str | None = None  # in English, as the CLI prints it
    succeeded: str | None = None  # when a run last ended without error
    error_code: str | None = None  # the error's code and fields, for a UI's own words
    error_fields: dict | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_record(self) -> dict:
        return {**asdict(self), "ok": self.ok}


@dataclass(frozen=True)
class Origins:
    """Everything the origins file holds: files by source, syncs by source URL or folder."""

    files: Mapping[str, Origin] = field(default_factory=lambda: MappingProxyType({}))
    syncs: Mapping[str, SourceSync] = field(default_factory=lambda: MappingProxyType({}))

    def origin(self, source: str) -> Origin | None:
        return self.files.get(source)

    def by_sha256(self, sha256: str) -> list[Origin]:
        """The corpus files with this content (an upload seen before, a file fetched twice)."""
        return [o for o in self.files.values() if o.sha256 == sha256]

    def as_record(self) -> dict:
        return {
            "version": VERSION,
            "files": {k: v.as_record() for k, v in sorted(self.files.items())},
            "sources": {k: asdict(v) for k, v in sorted(self.syncs.items())},
        }


def now() -> str:
    """The time as origins store it: ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def origins_path(corpus_dir: Path) -> Path:
    return Path(corpus_dir) / ORIGINS_FILE


def read_origins(corpus_dir: Path) -> Origins:
    """The corpus's origins; empty when none were recorded yet."""
    path = origins_path(corpus_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Origins()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OriginsError(
            f"{path}: the corpus's origins file cannot be read ({exc}); "
            f"restore it or move it aside (the corpus files themselves are untouched)",
            code="origins_unreadable",
        ) from exc
    try:
        files = {k: _record(Origin, v) for k, v in raw.get("files", {}).items()}
        syncs = {k: _record(SourceSync, v) for k, v in raw.get("sources", {}).items()}
    except (AttributeError, TypeError) as exc:
        raise OriginsError(
            f"{path}: not an origins file minutes-qa wrote ({exc}); move it aside",
            code="origins_foreign",
        ) from exc
    return Origins(MappingProxyType(files), MappingProxyType(syncs))


def origin_of(corpus_dir: Path, source: str) -> Origin | None:
    """Where one corpus file (by its path under the corpus root) came from, if recorded."""
    return read_origins(corpus_dir).origin(source)


def sync_times(corpus_dir: Path) -> list[SourceSync]:
    """Every configured source's last sync, by source."""
    return sorted(read_origins(corpus_dir).syncs.values(), key=lambda s: s.source)


def record_origins(corpus_dir: Path, origins: Iterable[Origin]) -> None:
    """Add or replace the origins of these files."""
    new = list(origins)
    if not new:
        return
    with _changing(corpus_dir) as (files, _):
        for origin in new:
            files[origin.source] = origin


def forget_origins(corpus_dir: Path, sources: Iterable[str]) -> list[str]:
    """Drop the origins of files (or of every file under a folder) removed from the corpus;
    returns the sources dropped."""
    wanted = [s.strip("/") for s in sources]
    with _changing(corpus_dir) as (files, _):
        dropped = [
            key for key in files if any(key == s or key.startswith(s + "/") for s in wanted if s)
        ]
        for key in dropped:
            del files[key]
    return dropped


def record_sync(corpus_dir: Path, sync: SourceSync) -> SourceSync:
    """Store a source's latest sync; a failed run keeps the time of the last one that worked."""
    with _changing(corpus_dir) as (_, syncs):
        before = syncs.get(sync.source)
        if sync.succeeded is None:
            succeeded = sync.synced if sync.ok else (before.succeeded if before else None)
            sync = replace(sync, succeeded=succeeded)
        syncs[sync.source] = sync
    return sync


def update_origins(
    corpus_dir: Path, change: Callable[[dict[str, Origin], dict[str, SourceSync]], None]
) -> None:
    """Change the records in place under the lock (for changes the functions above do not cover)."""
    with _changing(corpus_dir) as (files, syncs):
        change(files, syncs)


@contextlib.contextmanager
def _changing(corpus_dir: Path) -> Iterator[tuple[dict[str, Origin], dict[str, SourceSync]]]:
    corpus_dir = Path(corpus_dir)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(corpus_dir / _LOCK_FILE):
        current = read_origins(corpus_dir)
        files, syncs = dict(current.files), dict(current.syncs)
        yield files, syncs
        updated = Origins(MappingProxyType(files), MappingProxyType(syncs))
        _write_atomic(origins_path(corpus_dir), updated.as_record())


def _write_atomic(path: Path, record: dict) -> None:
    handle, tmp = tempfile.mkstemp(prefix=".qa-origins-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False, indent=1)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _record(cls, raw: dict):
    """A record from its JSON, ignoring keys a newer version may have added."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in raw.items() if k in names})
