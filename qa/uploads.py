"""Uploaded minutes checked against what is indexed, so an upload never duplicates or hides a
conflict.

An upload goes under `corpus/<Kommune>/`. A file is refused when its bytes are those of an
indexed file, or when it holds an indexed meeting with every case as indexed. A file that holds
an indexed meeting (same municipality, committee, date and kind) with other content is a new
version: it replaces the indexed file only when the caller says the user confirmed, and says
which cases it changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from qa.errors import MinutesError, QAError
from qa.identity import CaseKey, MeetingKey, municipality_name
from qa.ingest import MAX_FILE_BYTES, parse_bytes, safe_file_name, supported_extensions
from qa.minutes import Case, Meeting
from qa.origins import Origin, forget_origins, now, record_origins
from qa.store import IndexStore

UPLOAD_KIND = "upload"  # the origin kind of an uploaded file


class AlreadyIndexedError(MinutesError):
    """The file holds nothing the index does not: the same bytes, or the same meeting unchanged."""

    code = "already_indexed"

    def __init__(self, source: str, indexed_as: str):
        self.indexed_as = indexed_as
        super().__init__(source, f"already indexed, as {indexed_as}", indexed_as=indexed_as)


class MunicipalityError(MinutesError):
    """The municipality is missing, or the file names another than the one chosen."""

    code = "municipality"

    def __init__(self, source: str, chosen: str | None, named: str | None = None):
        self.chosen = chosen
        self.named = named
        if named:
            reason = f"the minutes are of {named}, not {chosen}; choose {named} or another file"
        else:
            reason = "say which municipality the minutes are of"
        code = "municipality_named" if named else "municipality"
        super().__init__(source, reason, code, chosen=chosen, named=named)


class DuplicateUploadError(MinutesError):
    """Two files of one upload hold the same meeting; the first is taken."""

    code = "duplicate_upload"

    def __init__(self, source: str, other: str):
        self.other = other
        super().__init__(
            source, f"the same meeting as {other}, uploaded with it; {other} is taken", other=other
        )


class UnconfirmedError(QAError):
    """A new version of an indexed meeting was to be saved without the user's confirmation."""

    code = "unconfirmed"


@dataclass(frozen=True)
class CaseChange:
    case_number: int
    title: str


@dataclass(frozen=True)
class Upload:
    """One uploaded file, checked: where it goes and what it changes in the index."""

    name: str  # the file name as uploaded
    source: str  # where it is saved, under the corpus root: "Rødovre/referat.txt"
    meeting: Meeting
    sha256: str
    replaces: str | None = None  # the indexed file of the same meeting, for a new version
    changed: tuple[CaseChange, ...] = ()  # cases in both, with other content
    added: tuple[CaseChange, ...] = ()  # cases only the new version has
    removed: tuple[CaseChange, ...] = ()  # cases only the indexed version has

    @property
    def new_version(self) -> bool:
        return self.replaces is not None


@dataclass(frozen=True)
class _IndexedDocument:
    source: str
    path: str
    cases: dict[int, dict]  # case number -> its full record


def check_upload(
    data: bytes,
    name: str,
    municipality: str | None,
    corpus_dir: Path,
    store: IndexStore,
    batch: dict[MeetingKey, str] | None = None,
) -> Upload:
    """What saving this file would do; MinutesError (or a subclass) when it must be refused.

    `batch` holds the meetings of the files checked before this one in the same upload (by
    their file names), so one upload cannot bring the same meeting twice.
    """
    filename = safe_file_name(name)
    if Path(filename).suffix.lower() not in supported_extensions():
        raise MinutesError(
            filename,
            "unsupported file type; upload " + ", ".join(supported_extensions()) + " files",
            "file_type",
            extensions=", ".join(supported_extensions()),
        )
    if len(data) > MAX_FILE_BYTES:
        raise MinutesError(
            filename,
            f"over the {MAX_FILE_BYTES // 2**20} MB limit",
            "too_big",
            limit_mb=MAX_FILE_BYTES // 2**20,
        )
    documents = _indexed_documents(store)
    digest = hashlib.sha256(data).hexdigest()
    if same := _same_bytes(data, digest, documents):
        raise AlreadyIndexedError(filename, same.source)
    meeting = parse_bytes(data, filename)
    chosen = municipality_name(municipality)
    named = meeting.municipality
    if named and chosen and named.casefold() != chosen.casefold():
        raise MunicipalityError(filename, chosen, named)
    if not (named or chosen):
        raise MunicipalityError(filename, None)
    name_of_municipality = _spelled_as_known(named or chosen, corpus_dir, store)
    source = f"{_folder(Path(corpus_dir), name_of_municipality)}/{filename}"
    meeting = replace(meeting, source=source, municipality=name_of_municipality)
    if batch and meeting.key in batch:
        raise DuplicateUploadError(filename, batch[meeting.key])
    upload = Upload(name, source, meeting, digest)
    indexed = _indexed_meeting(meeting.key, documents)
    if indexed is None:
        return upload
    new = {case.case_number: case for case in meeting.cases}
    old = indexed.cases
    changed = [n for n in sorted(new.keys() & old.keys()) if not _same_case(new[n], old[n])]
    added, removed = sorted(new.keys() - old.keys()), sorted(old.keys() - new.keys())
    if not (changed or added or removed):
        raise AlreadyIndexedError(filename, indexed.source)
    return replace(
        upload,
        replaces=indexed.source,
        changed=tuple(CaseChange(n, new[n].title) for n in changed),
        added=tuple(CaseChange(n, new[n].title) for n in added),
        removed=tuple(CaseChange(n, old[n]["title"]) for n in removed),
    )


def save_upload(upload: Upload, data: bytes, corpus_dir: Path, confirmed: bool = False) -> Path:
    """Write the checked file into the corpus (atomically); a new version replaces the indexed
    file, and only when `confirmed`. The index is brought up to date by the caller."""
    if upload.new_version and not confirmed:
        raise UnconfirmedError(
            f"{upload.name} is a new version of {upload.replaces}; confirm to replace it."
        )
    corpus_dir = Path(corpus_dir)
    root = corpus_dir.resolve()
    target = corpus_dir / upload.source
    old = corpus_dir / upload.replaces if upload.replaces else None
    if (
        old is not None
        and old.suffix.lower() == target.suffix.lower()
        and old.parent == target.parent
    ):
        # Saved under the indexed file's name: the cases it leaves as they were stay indexed
        # as they are, and only the changed ones are embedded again.
        target = old
    if not target.parent.resolve().is_relative_to(root):
        raise MinutesError(
            upload.name, "refused: the name points outside the corpus directory", "outside"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".upload-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), 0o644)  # as any corpus file, not mkstemp's owner-only
        if target == old:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)  # refuses an existing name: another file is never replaced
            except FileExistsError:
                if target.read_bytes() != data:
                    raise MinutesError(
                        upload.name,
                        "a different file of that name is already in the corpus; "
                        "rename the file to add it",
                        "name_taken",
                    ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    source = target.relative_to(corpus_dir).as_posix()
    if old is not None and old != target:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
        forget_origins(corpus_dir, [upload.replaces])
    record_origins(
        corpus_dir,
        [Origin(source, upload.name, now(), upload.sha256, len(data), kind=UPLOAD_KIND)],
    )
    return target


def known_municipalities(corpus_dir: Path, store: IndexStore) -> list[str]:
    """The municipalities an upload can be filed under: the index's and the corpus folders'."""
    names = set()
    with contextlib.suppress(QAError):
        names.update(store.read_manifest().get("municipalities") or [])
    if Path(corpus_dir).is_dir():
        names.update(
            municipality_name(p.name)
            for p in Path(corpus_dir).iterdir()
            if p.is_dir() and not p.name.startswith(".")
        )
    folded: dict[str, str] = {}
    for name in sorted(n for n in names if n):
        folded.setdefault(name.casefold(), name)
    return sorted(folded.values(), key=str.casefold)


def _spelled_as_known(municipality: str, corpus_dir: Path, store: IndexStore) -> str:
    """ "rødovre" as the index or the corpus spells it ("Rødovre"), so one municipality is one."""
    known = known_municipalities(corpus_dir, store)
    return next((k for k in known if k.casefold() == municipality.casefold()), municipality)


def _folder(corpus_dir: Path, municipality: str) -> str:
    """The corpus folder of a municipality: the one already there ("Rødovre" for "rødovre
    kommune"), else a new one named as the municipality."""
    if corpus_dir.is_dir():
        for path in sorted(corpus_dir.iterdir()):
            if (
                path.is_dir()
                and not path.name.startswith(".")
                and (municipality_name(path.name) or "").casefold() == municipality.casefold()
            ):
                return path.name
    return safe_file_name(municipality)


def _indexed_documents(store: IndexStore) -> dict[MeetingKey, list[_IndexedDocument]]:
    """The indexed files, by meeting, with their cases; none when there is no index yet."""
    if not store.exists():
        return {}
    manifest = store.read_manifest()
    records = store.case_records(manifest)
    documents: dict[tuple[MeetingKey, str], _IndexedDocument] = {}
    for key, info in manifest["cases"].items():
        case_key = CaseKey.parse(key)
        found = documents.setdefault(
            (case_key.meeting, info["source"]), _IndexedDocument(info["source"], info["path"], {})
        )
        found.cases[case_key.case_number] = records.get(key, {})
    by_meeting: dict[MeetingKey, list[_IndexedDocument]] = {}
    for (meeting, _), document in documents.items():
        by_meeting.setdefault(meeting, []).append(document)
    return by_meeting


def _same_bytes(
    data: bytes, digest: str, documents: dict[MeetingKey, list[_IndexedDocument]]
) -> _IndexedDocument | None:
    """The indexed file with exactly these bytes, if any (sizes compared first)."""
    for found in documents.values():
        for document in found:
            try:
                if os.path.getsize(document.path) != len(data):
                    continue
                with open(document.path, "rb") as handle:
                    if hashlib.file_digest(handle, "sha256").hexdigest() == digest:
                        return document
            except OSError:
                continue
    return None


def _indexed_meeting(
    key: MeetingKey, documents: dict[MeetingKey, list[_IndexedDocument]]
) -> _IndexedDocument | None:
    """The indexed file of this meeting: the same key, or the same committee, date and kind
    where the indexed file's municipality is unknown."""
    if key in documents:
        return documents[key][0]
    unknown = replace(key, municipality=None)
    return documents[unknown][0] if unknown in documents else None


def _same_case(case: Case, record: dict) -> bool:
    """Does the indexed record hold this case as parsed now (title, authority, sections)?"""
    return (
        case.title == record.get("title")
        and case.authority == record.get("authority")
        and [_section(asdict(s)) for s in case.sections]
        == [_section(s) for s in record.get("sections", [])]
    )


def _section(section: dict) -> tuple:
    return section.get("heading"), section.get("text"), section.get("page")
