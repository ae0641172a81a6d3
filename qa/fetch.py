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

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from qa.downloads import Download, FetchReport, SourceError, store_downloads
from qa.formats import acadre, edoc
from qa.identity import municipality_name
from qa.origins import (
    read_origins,
)

KINDS = ("edoc", "acadre", "firstagenda", "kk")


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
        raise SourceError(f"{source}: no such folder or file", code="source_missing", source=source)
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
        raise SourceError(
            f"{source}: no {kind} meeting found in it", code="source_no_meetings", source=source
        )
    return report


def detect_folder(path: Path) -> str:
    """eDoc or Acadre, by the files the folder holds."""
    if path.is_file():
        data = path.read_bytes()
        if edoc.sniff(data):
            return "edoc"
        if acadre.is_index(data) or acadre.sniff(data):
            return "acadre"
        raise SourceError(
            f"{path}: not an eDoc or Acadre publishing XML",
            code="source_not_export",
            source=str(path),
        )
    for xml in _walk(path, "eDocAgendaPublishing.xml"):
        if edoc.sniff(xml.read_bytes()[:65536]):
            return "edoc"
    for xml in _walk(path, "XML_*.xml"):
        if acadre.is_index(xml.read_bytes()[:65536]):
            return "acadre"
    raise SourceError(
        f"{path}: not a publishing export minutes-qa knows "
        "(no eDocAgendaPublishing.xml, no Acadre XML_<id>.xml beside Files_<id>_<doc>/)",
        code="source_not_export",
        source=str(path),
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
