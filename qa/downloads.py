"""A fetched meeting's files, checked and written into the corpus: what every source shares.

A meeting is parsed before it is stored, so what the ingester could not read never reaches the
corpus; each file is written atomically and its origin recorded as soon as it is in place
(`qa.origins`). `qa.fetch` (publishing folders) and `qa.portals` (web portals) both end here.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from qa.errors import MinutesError, QAError
from qa.ingest import parse_bytes
from qa.origins import (
    Origin,
    now,
    origin_of,
    record_origins,
    sha256_bytes,
    sha256_file,
)

KINDS = ("edoc", "acadre", "firstagenda", "kk")


class SourceError(QAError):
    """A source that cannot be read as any kind minutes-qa knows; nothing was changed."""


@dataclass
class FetchReport:
    """What one fetch did, meeting by meeting: each named by its file under the corpus root."""

    source: str
    kind: str
    municipality: str | None = None
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "what: why"
    missing: list[str] = field(default_factory=list)  # attachments named but not there
    written: int = 0  # files written into the corpus
    downloads: int = 0  # meeting pages transferred from the web (a "not modified" answer is none)

    # Told of each meeting as it is settled ("new", source), so a long run shows its progress.
    on_meeting: Callable[[str, str], None] | None = field(default=None, repr=False, compare=False)

    def add(self, outcome: str, what: str) -> None:
        getattr(self, outcome).append(what)
        if self.on_meeting is not None:
            self.on_meeting(outcome, what)

    def as_record(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "on_meeting"}

    def summary(self) -> str:
        if not (self.new or self.changed or self.failed):
            return (
                f"nothing new: {len(self.unchanged)} meetings unchanged, nothing written "
                f"({self.downloads} downloaded)"
            )
        return (
            f"{len(self.new)} new, {len(self.changed)} changed, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed"
        )


@dataclass(frozen=True)
class Download:
    """A file of a meeting as fetched: where it goes under the meeting's folder, and its origin."""

    name: str  # path under the meeting's folder
    data: bytes | None  # None: not modified since last time (a 304), nothing to write
    origin: str
    etag: str | None = None
    last_modified: str | None = None


def store_downloads(
    report: FetchReport,
    corpus_dir: Path,
    kind: str,
    municipality: str | None,
    since: date | None,
    folder_name: str | None,
    downloads: list[Download],
    sync_source: str,
    main: str | None = None,
    committee: str | None = None,
) -> str | None:
    """Check that a meeting reads as minutes, then write its files that are new or changed.

    `main` names the download the ingester reads (default: the one that parses as minutes);
    `committee` the folder, when the source names it (else the minutes' committee).
    The meeting goes to `<Kommune>/<Udvalg>/<folder_name>/` (or straight under `<Udvalg>/`
    when `folder_name` is None). Returns the corpus source of the meeting's main file.
    """
    label = folder_name or (downloads[0].name if downloads else "?")
    try:
        meeting, main_download = _readable(downloads, main, label)
    except MinutesError as exc:
        report.add("failed", f"{label}: {exc.reason}")
        return None
    if since and meeting.meeting_date < since:
        return None
    town = municipality or meeting.municipality
    if not town:
        report.add(
            "failed", f"{label}: the minutes do not name their municipality; give --municipality"
        )
        return None
    report.municipality = report.municipality or town
    base = Path(safe_name(town)) / safe_name(committee or meeting.committee)
    if folder_name:
        base = base / safe_name(folder_name)
    main_source = (base / main_download.name).as_posix()
    before = origin_of(corpus_dir, main_source)
    changed = False
    for download in downloads:
        source = (base / download.name).as_posix()
        written, new_here = store_file(corpus_dir, source, download, kind, sync_source)
        report.written += written
        changed |= new_here
    if not changed:
        report.add("unchanged", main_source)
    elif before is None:
        report.add("new", main_source)
    else:
        report.add("changed", main_source)
    return main_source


def _readable(downloads: list[Download], main: str | None, label: str):
    """The meeting in the downloads, and the download it is read from."""
    for download in downloads:
        if (main is not None and download.name != main) or download.data is None:
            continue
        try:
            return parse_bytes(download.data, download.name), download
        except MinutesError:
            if main is not None:
                raise
    raise MinutesError(label, "no file of the meeting reads as minutes", "unknown_format")


def store_file(
    corpus_dir: Path, source: str, download: Download, kind: str, sync_source: str
) -> tuple[bool, bool]:
    """Write one file unless the corpus holds it already; record its origin. Returns whether
    it was written, and whether it is new to the corpus or its content changed."""
    if download.data is None:  # the server said: not modified since last time
        return False, False
    target = corpus_dir / source
    known = origin_of(corpus_dir, source)
    digest = sha256_bytes(download.data)
    written = False
    if not (target.is_file() and sha256_file(target) == digest):
        write_atomic(target, download.data)
        written = True
    validators = (digest, download.etag, download.last_modified)
    if written or known is None or (known.sha256, known.etag, known.last_modified) != validators:
        origin = Origin(
            source=source,
            origin=download.origin,
            fetched=now(),
            sha256=digest,
            size=len(download.data),
            etag=download.etag,
            last_modified=download.last_modified,
            kind=kind,
            sync_source=sync_source,
        )
        record_origins(corpus_dir, [origin])
    return written, written or known is None


def write_atomic(target: Path, data: bytes) -> None:
    """Written beside the target under a hidden name, then renamed over it: never half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(target.parent)
    handle, tmp = tempfile.mkstemp(prefix=".fetch-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


LEFTOVER_AGE = 3600  # seconds: older `.fetch-*` files belong to no running fetch


def _clear_leftovers(folder: Path) -> None:
    """Drop the half-written files of a fetch that was killed (hidden, so never indexed)."""
    for leftover in folder.glob(".fetch-*"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > LEFTOVER_AGE:
                leftover.unlink()


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(name: str) -> str:
    """A folder name from a committee, municipality or export folder: no separators or colons."""
    name = _UNSAFE.sub(".", " ".join(name.split())).strip(" .")
    return name or "_"
