"""Bring a municipality's minutes into the corpus from where they are published.

A source is recognised by what it holds: an eDoc publishing folder (`eDocAgendaPublishing.xml`
and its PDFs; one meeting or a folder of them), an Acadre export (`XML_<id>.xml` beside
`Files_<id>_<doc>/`), a FirstAgenda Publication portal, or kk.dk's "Dagsordener og referater"
pages (those two in `qa.portals`). Each meeting lands under `<Kommune>/<Udvalg>/...` in the
corpus, every file written atomically and its origin recorded as soon as it is in place
(`qa.origins`), so a run that is killed resumes where it stopped and a second run with nothing
new writes nothing. A meeting is parsed before it is stored: what the ingester could not read
never reaches the corpus.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from qa.errors import MinutesError, QAError
from qa.formats import acadre, edoc
from qa.identity import municipality_name
from qa.ingest import parse_bytes
from qa.origins import (
    Origin,
    now,
    origin_of,
    read_origins,
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


def fetch(
    source: str,
    corpus_dir: Path,
    *,
    kind: str | None = None,
    municipality: str | None = None,
    since: date | None = None,
    client=None,
    on_meeting: Callable[[str, str], None] | None = None,
) -> FetchReport:
    """Fetch new and changed minutes from `source` (a folder or URL) into `corpus_dir`."""
    corpus_dir = Path(corpus_dir)
    municipality = municipality_name(municipality) if municipality else None
    read_origins(corpus_dir)  # a damaged origins file stops the run before anything is fetched
    if re.match(r"https?://", source, re.IGNORECASE):
        from qa import portals

        return portals.fetch_portal(
            source,
            corpus_dir,
            kind=kind,
            municipality=municipality,
            since=since,
            client=client,
            on_meeting=on_meeting,
        )
    path = Path(source).expanduser()
    if not path.exists():
        raise SourceError(f"{source}: no such folder or file")
    kind = kind or detect_folder(path)
    report = FetchReport(str(path.resolve()), kind, municipality, on_meeting=on_meeting)
    meetings = edoc_meetings(path) if kind == "edoc" else acadre_meetings(path)
    found = False
    for meeting_folder, files, missing, main in meetings:
        found = True
        report.missing.extend(missing)
        downloads = [Download(name, p.read_bytes(), str(p.resolve())) for name, p in files]
        store_downloads(
            report,
            corpus_dir,
            kind,
            municipality,
            since,
            meeting_folder.name,
            downloads,
            source,
            main=main,
        )
    if not found:
        raise SourceError(f"{source}: no {kind} meeting found in it")
    return report


def detect_folder(path: Path) -> str:
    """eDoc or Acadre, by the files the folder holds."""
    if path.is_file():
        data = path.read_bytes()
        if edoc.sniff(data):
            return "edoc"
        if acadre.is_index(data) or acadre.sniff(data):
            return "acadre"
        raise SourceError(f"{path}: not an eDoc or Acadre publishing XML")
    for xml in _walk(path, "eDocAgendaPublishing.xml"):
        if edoc.sniff(xml.read_bytes()[:65536]):
            return "edoc"
    for xml in _walk(path, "XML_*.xml"):
        if acadre.is_index(xml.read_bytes()[:65536]):
            return "acadre"
    raise SourceError(
        f"{path}: not a publishing export minutes-qa knows "
        "(no eDocAgendaPublishing.xml, no Acadre XML_<id>.xml beside Files_<id>_<doc>/)"
    )


def _walk(path: Path, pattern: str) -> list[Path]:
    return sorted(p for p in path.rglob(pattern) if p.is_file() and not _hidden(p, path))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


# A meeting in an export: its folder, its files (name under the folder, path), the attachments
# it names that are not there, and the file the ingester reads.
Meeting_Files = tuple[Path, list[tuple[str, Path]], list[str], str | None]


def edoc_meetings(path: Path) -> Iterator[Meeting_Files]:
    """Each eDoc meeting folder: its XML first, then the PDFs it names that are there."""
    xmls = [path] if path.is_file() else _walk(path, "eDocAgendaPublishing.xml")
    for xml in xmls:
        folder = xml.parent
        names = edoc.attachments(xml.read_bytes(), xml.name)
        present = {p.name.casefold(): p for p in folder.iterdir() if p.is_file()}
        files = [(xml.name, xml)]
        missing = []
        for name in names:
            if (found := present.get(name.casefold())) is not None:
                files.append((found.name, found))
            else:
                missing.append(f"{folder.name}/{name}")
        yield folder, files, missing, xml.name


def acadre_meetings(path: Path) -> Iterator[Meeting_Files]:
    """Each Acadre export: `XML_<id>.xml` and the agenda XML of every produced agenda, with
    the attachments that are there."""
    indexes = [path] if path.is_file() else _walk(path, "XML_*.xml")
    for index in indexes:
        data = index.read_bytes()
        if not acadre.is_index(data):
            continue
        folder = index.parent
        files = [(index.name, index)]
        missing = []
        for name in acadre.produced_folders(data, index.name):
            files_folder = folder / name
            if not files_folder.is_dir():
                missing.append(f"{name}/")
                continue
            agendas = [p for p in sorted(files_folder.iterdir()) if acadre.sniff(_head(p))]
            present = {p.name.casefold(): p for p in files_folder.iterdir() if p.is_file()}
            for agenda in agendas:
                files.append((f"{name}/{agenda.name}", agenda))
                for attachment in acadre.attachments(agenda.read_bytes(), agenda.name):
                    if (found := present.get(attachment.casefold())) is not None:
                        files.append((f"{name}/{found.name}", found))
                    else:
                        missing.append(f"{name}/{attachment}")
        main = files[1][0] if len(files) > 1 else None
        yield folder.with_name(f"acadre-{index.stem.split('_', 1)[-1]}"), files, missing, main


def _head(path: Path) -> bytes:
    if not path.is_file():
        return b""
    with open(path, "rb") as file:
        return file.read(4096)


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
    raise MinutesError(label, "no file of the meeting reads as minutes")


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
