"""From files to meetings: pick the format by content, parse, and collect per-file errors.

A format is a module in `qa.formats` with `NAME`, `EXTENSIONS`, `sniff(data) -> bool` and
`parse(data, source) -> Meeting`. Adding a format is adding a module and listing it in FORMATS.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import ModuleType

from qa.errors import MinutesError, Notice
from qa.formats import acadre, edoc, html, pagetext, pdf, text
from qa.identity import (
    MeetingKey,
    municipality_from_folder,
    municipality_of_address,
    municipality_of_folders,
)
from qa.minutes import Meeting

# Tried in order; the most specific sniffers first, plain text last.
FORMATS: list[ModuleType] = [pdf, edoc, acadre, html, pagetext, text]
# Publishing exports: a folder whose XML holds the meeting; the files beside it (its PDFs,
# attachments, the export's index) are read through the XML, never as minutes of their own.
EXPORTS: list[ModuleType] = [edoc, acadre]

MAX_FILE_BYTES = 50 * 1024 * 1024


def supported_extensions() -> tuple[str, ...]:
    return tuple(dict.fromkeys(ext for fmt in FORMATS for ext in fmt.EXTENSIONS))


@dataclass(frozen=True)
class MinutesFile:
    """A file to read, and its path under the corpus root: the `source` its citations name."""

    path: Path  # absolute
    source: str  # "Aarhus/referat.html" under the root; the file name when given alone
    # Outside the corpus root: the municipality a folder above the file is named for.
    municipality: str | None = None


@dataclass
class Corpus:
    """What a set of files yielded: meetings, and the files that could not be used, with why."""

    files: list[MinutesFile] = field(default_factory=list)  # every file found
    meetings: list[Meeting] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)  # the file of each meeting, in step
    errors: list[MinutesError] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)  # the files of `errors`, in step
    duplicates: list[str] = field(default_factory=list)  # messages about files skipped as repeats


def parse_bytes(data: bytes, source: str) -> Meeting:
    """Parse one file's bytes as minutes, whatever its format."""
    if not data.strip():
        raise MinutesError(source, "the file is empty", "empty")
    for fmt in FORMATS:
        if fmt.sniff(data):
            return fmt.parse(data, source)
    raise MinutesError(
        source,
        "not a format minutes-qa reads (supported: "
        + ", ".join(fmt.NAME for fmt in FORMATS)
        + "); binary files other than PDF are refused",
        "unknown_format",
    )


def read_minutes(path: Path, source: str | None = None) -> Meeting:
    """Parse one file; `source` (default: the file name) is what its citations will name."""
    path = Path(path)
    source = source or path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise MinutesError(
                source,
                f"the file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit",
                "too_big",
                limit_mb=MAX_FILE_BYTES // 2**20,
            )
        data = path.read_bytes()
    except OSError as exc:
        raise MinutesError(
            source, f"cannot read the file ({exc.strerror or exc})", "unreadable"
        ) from exc
    return parse_bytes(data, source)


def minutes_files(paths: Iterable[Path], root: Path | None = None) -> list[MinutesFile]:
    """The files to read: files as given, and supported files found under directories.

    Each is named by its path under `root` (the corpus directory) when it lies inside it, else
    under the directory given (a file given alone: by its name), so `qa index corpus/Aarhus`
    and `qa index corpus` name a file alike.
    """
    found: dict[Path, MinutesFile] = {}
    extensions = supported_extensions()
    root = Path(os.path.abspath(root)) if root else None
    for path in map(Path, paths):
        path = Path(os.path.abspath(path))
        base = path if path.is_dir() else path.parent
        if root and path.is_relative_to(root):
            base = root
        if path.is_dir():
            files = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in extensions and not p.name.startswith(".")
            ]
            companions = _companion_files({p.parent for p in files})
            files = [p for p in files if p not in companions]
        else:
            files = [path]
        for file in files:
            source = file.relative_to(base).as_posix()
            outside = None if base == root else municipality_of_folders(file)
            found.setdefault(file, MinutesFile(file, source, outside))
    return list(found.values())


def _companion_files(folders: Iterable[Path]) -> set[Path]:
    """The files of these folders that a publishing export reads through its XML."""
    return {p for folder in folders for fmt in EXPORTS for p in fmt.companion_files(folder)}


def export_companions(path: Path) -> set[Path]:
    """The files read through this publishing export XML (its PDFs and attachments), which go
    where it goes: removed with it, they are never left behind to be read as minutes of their
    own. Empty for any other file."""
    path = Path(path)
    if path.name == edoc.FILE_NAME or (
        path.suffix.lower() == ".xml" and acadre.is_files_folder(path.parent)
    ):
        return _companion_files([path.parent]) - {path}
    return set()


def load_corpus(paths: Iterable[Path], root: Path | None = None) -> Corpus:
    """Read every minutes file; a bad file is reported and skipped, a repeated meeting kept once.

    A meeting whose file does not name its municipality takes it from the corpus folder the file
    sits in (`corpus/<Kommune>/...`); outside the corpus, from a folder above the file named for a
    municipality (`Rødovre/...`).
    """
    files = minutes_files(paths, root)
    return collect_corpus(files, map(read_file, files))


def read_file(file: MinutesFile) -> Meeting | MinutesError:
    """One file's meeting, or why it cannot be read: the unit of work a cluster runs too."""
    try:
        meeting = read_minutes(file.path, file.source)
    except MinutesError as exc:
        return exc
    if meeting.municipality is None:
        named = (
            file.municipality
            or municipality_from_folder(file.source)
            or municipality_of_address(meeting.url)
        )
        meeting = replace(meeting, municipality=named)
    return meeting


def collect_corpus(files: list[MinutesFile], results: Iterable[Meeting | MinutesError]) -> Corpus:
    """The corpus from each file's `read_file` result, in file order, wherever it was read."""
    corpus = Corpus(files=files)
    seen: dict[MeetingKey, Meeting] = {}
    for file, meeting in zip(files, results, strict=True):
        if isinstance(meeting, MinutesError):
            corpus.errors.append(meeting)
            corpus.failed.append(file.path)
            continue
        if (first := seen.get(meeting.key)) is not None:
            corpus.duplicates.append(
                Notice(
                    f"{meeting.source}: same meeting as {first.source} "
                    f"({meeting.committee}, {meeting.meeting_date:%d-%m-%Y}); indexed once, from {first.source}",
                    "duplicate_meeting",
                    source=meeting.source,
                    first=first.source,
                    committee=meeting.committee,
                    meeting_date=f"{meeting.meeting_date:%d-%m-%Y}",
                )
            )
            continue
        seen[meeting.key] = meeting
        corpus.meetings.append(meeting)
        corpus.paths.append(file.path)
    return corpus


_UNSAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_file_name(name: str) -> str:
    """A plain file name for an uploaded file: no folders, no leading dots, no odd characters."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name  # drop "../", "C:\\" and kin
    base = _UNSAFE_NAME.sub("_", base).strip(" .")
    return base or "minutes"
