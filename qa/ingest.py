"""From files to meetings: pick the format by content, parse, and collect per-file errors.

A format is a module in `qa.formats` with `NAME`, `EXTENSIONS`, `sniff(data) -> bool` and
`parse(data, source) -> Meeting`. Adding a format is adding a module and listing it in FORMATS.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import ModuleType

from qa.errors import MinutesError
from qa.formats import html, pdf, text
from qa.minutes import Meeting

# Tried in order; the most specific sniffers first, plain text last.
FORMATS: list[ModuleType] = [pdf, html, text]

MAX_FILE_BYTES = 50 * 1024 * 1024


def supported_extensions() -> tuple[str, ...]:
    return tuple(ext for fmt in FORMATS for ext in fmt.EXTENSIONS)


@dataclass
class Corpus:
    """What a set of files yielded: meetings, and the files that could not be used, with why."""

    meetings: list[Meeting] = field(default_factory=list)
    errors: list[MinutesError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # messages about files skipped as repeats


def parse_bytes(data: bytes, source: str) -> Meeting:
    """Parse one file's bytes as minutes, whatever its format."""
    if not data.strip():
        raise MinutesError(source, "the file is empty")
    for fmt in FORMATS:
        if fmt.sniff(data):
            return fmt.parse(data, source)
    raise MinutesError(
        source,
        "not a format minutes-qa reads (supported: "
        + ", ".join(fmt.NAME for fmt in FORMATS)
        + "); binary files other than PDF are refused",
    )


def read_minutes(path: Path) -> Meeting:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise MinutesError(
                path.name,
                f"the file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise MinutesError(path.name, f"cannot read the file ({exc.strerror or exc})") from exc
    return parse_bytes(data, path.name)


def minutes_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: files as given, and supported files found under directories."""
    found: list[Path] = []
    extensions = supported_extensions()
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in extensions and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


def load_corpus(paths: Iterable[Path]) -> Corpus:
    """Read every minutes file; a bad file is reported and skipped, a repeated meeting kept once."""
    return collect_corpus(read_each(minutes_files(paths)))


def read_each(files: Iterable[Path]) -> Iterator[Meeting | MinutesError]:
    """Each file's meeting, or why it could not be read; the unit of work a cluster runs too."""
    for path in files:
        try:
            yield read_minutes(path)
        except MinutesError as exc:
            yield exc


def collect_corpus(results: Iterable[Meeting | MinutesError]) -> Corpus:
    """The corpus from files read in order, wherever they were read."""
    corpus = Corpus()
    seen: dict[str, Meeting] = {}
    for meeting in results:
        if isinstance(meeting, MinutesError):
            corpus.errors.append(meeting)
            continue
        if (first := seen.get(meeting.key)) is not None:
            corpus.duplicates.append(
                f"{meeting.source}: same meeting as {first.source} "
                f"({meeting.committee}, {meeting.meeting_date:%d-%m-%Y}); indexed once, from {first.source}"
            )
            continue
        seen[meeting.key] = meeting
        corpus.meetings.append(meeting)
    return corpus


_UNSAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_file_name(name: str) -> str:
    """A plain file name for an uploaded file: no folders, no leading dots, no odd characters."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name  # drop "../", "C:\\" and kin
    base = _UNSAFE_NAME.sub("_", base).strip(" .")
    return base or "minutes"


def add_to_corpus(data: bytes, name: str, corpus_dir: Path) -> tuple[Path, Meeting]:
    """Check an uploaded file is minutes we can read, then store it in the corpus directory.

    The file is parsed before it is stored, so a bad upload is refused with its reason and never
    reaches the corpus. The write is atomic; the name can never point outside `corpus_dir`, and
    never replaces a different file (the same file again is accepted as it is).
    """
    filename = safe_file_name(name)
    if Path(filename).suffix.lower() not in supported_extensions():
        raise MinutesError(
            filename,
            "unsupported file type; upload " + ", ".join(supported_extensions()) + " files",
        )
    if len(data) > MAX_FILE_BYTES:
        raise MinutesError(filename, f"over the {MAX_FILE_BYTES // 2**20} MB limit")
    meeting = parse_bytes(data, filename)
    corpus_dir = Path(corpus_dir)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / filename
    if target.resolve().parent != corpus_dir.resolve():
        raise MinutesError(filename, "refused: the name points outside the corpus directory")
    # Written beside the target under a hidden name (never indexed), then linked into place:
    # os.link refuses an existing name, so a file already in the corpus is never overwritten.
    handle, tmp = tempfile.mkstemp(prefix=".upload-", dir=corpus_dir)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), 0o644)  # as any corpus file, not mkstemp's owner-only
        try:
            os.link(tmp, target)
        except FileExistsError:
            if target.read_bytes() != data:
                raise MinutesError(
                    filename,
                    "a different file of that name is already in the corpus; "
                    "rename the file to add it",
                ) from None
    finally:
        os.unlink(tmp)
    return target, meeting
