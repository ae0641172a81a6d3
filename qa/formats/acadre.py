"""Acadre's publishing export, as Acadre writes it for OS2dagsorden.

An export is a folder: `XML_<id>.xml` describes the meeting and the agendas produced for it, and
each published agenda sits in `Files_<id>_<doc>/` as an agenda XML (`<root><table name="agenda">`)
beside its attachments. The agenda XML alone holds the meeting: committee, date, and per item
(`agendaitemparents`) its number (`sort`), title, case number (`caseno`) and its sections
(`bullet`s, HTML-escaped in `bulletcontent`). Only that file is read; `XML_<id>.xml` and the
attachments are `companion_files`. Closed items are left out.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from qa.errors import MinutesError
from qa.formats.html import blocks_of
from qa.formats.structure import SAGSNUMMER, decision_heading, find_kind, meeting_of
from qa.formats.xmlfile import read_xml
from qa.identity import find_municipality
from qa.minutes import DECISION, Case, Meeting, Section

NAME = "Acadre agenda XML"
EXTENSIONS = (".xml",)

_INDEX_NAME = re.compile(r"^XML_(\d+)\.xml$", re.IGNORECASE)
_FILES_FOLDER = re.compile(r"^Files_(\d+)_(\d+)$", re.IGNORECASE)


def sniff(data: bytes) -> bool:
    head = data[:4096]
    return b"<root" in head and b'<table name="agenda">' in head


def is_index(data: bytes) -> bool:
    """`XML_<id>.xml`: the meeting and its produced agendas, no items."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<root>") and (
        b'<table name="producedAgenda">' in data[:65536]
    )


def _field(table, name: str) -> str:
    """A named field of a table's own `fields` ("" when absent)."""
    found = table.find(f"fields/field[@name='{name}']") if table is not None else None
    return " ".join((found.text or "").split()) if found is not None else ""


def _when(text: str) -> date | None:
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d-%m-%Y %H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse(data: bytes, source: str) -> Meeting:
    root = read_xml(data, source)
    agenda = root.find("table[@name='agenda']")
    committee_table = agenda.find("table[@name='committee']") if agenda is not None else None
    meeting_table = agenda.find("table[@name='meeting']") if agenda is not None else None
    committee = _field(committee_table, "name")
    day = _when(_field(meeting_table, "date"))
    if not committee or day is None:
        raise MinutesError(
            source, "the Acadre agenda XML names no committee or no meeting date", "no_header"
        )
    note = root.findtext("agendaData/note") or ""
    kind = find_kind([_field(agenda, "name"), note])
    cases = []
    for parent in agenda.iter("table"):
        if parent.get("name") != "agendaitemparents":
            continue
        item = parent.find("table[@name='agendaitem']")
        number = _field(parent, "sort")
        title = _field(item, "name")
        if item is None or not title or not number.isdigit():
            continue
        if _field(item, "accessname").casefold().startswith("lukket"):
            continue
        cases.append(_case(int(number), title, item, day, kind))
    if not cases:
        raise MinutesError(source, "the Acadre agenda XML has no open agenda items", "no_items")
    cases.sort(key=lambda c: c.case_number)
    header = [
        committee,
        _field(committee_table, "departmentName"),
        _field(meeting_table, "location"),
        _field(meeting_table, "address"),
    ]
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=day,
        source=source,
        kind=kind,
        municipality=find_municipality(header),
    )


def _case(number: int, title: str, item, day: date, kind: str) -> Case:
    sections = []
    if caseno := _field(item, "caseno"):
        sections.append(Section(SAGSNUMMER, f"Sagsnr.: {caseno}"))
    for bullet in item.findall("table[@name='bullet']"):
        name = _field(bullet, "bulletname") or "Tekst"
        content = bullet.find("fields/field[@name='bulletcontent']")
        html = content.text if content is not None and content.text else ""
        lines = [b.text for b in blocks_of(BeautifulSoup(html, "lxml")) if b.text]
        if not lines:
            continue
        heading = decision_heading(name, day) or name
        if heading == DECISION and kind == "dagsorden":
            heading = name
        sections.append(Section(heading, "\n".join(lines)))
    return Case(case_number=number, title=title, sections=tuple(sections))


def attachments(data: bytes, source: str) -> list[str]:
    """The files an agenda XML names as its items' enclosures."""
    root = read_xml(data, source)
    names = [
        _field(table, "filename")
        for table in root.iter("table")
        if table.get("name") == "enclosure"
    ]
    return list(dict.fromkeys(n for n in names if n))


def produced_folders(data: bytes, source: str) -> list[str]:
    """The `Files_<id>_<doc>` folders an `XML_<id>.xml` names for its published agendas."""
    root = read_xml(data, source)
    return [field.get("filesfolder") for field in root.iter("field") if field.get("filesfolder")]


def is_files_folder(folder: Path) -> bool:
    """`Files_<id>_<doc>`: where a produced agenda's XML sits with its attachments."""
    return bool(_FILES_FOLDER.match(folder.name))


def companion_files(folder: Path) -> set[Path]:
    """Files read through an agenda XML: the export's `XML_<id>.xml` files, and all but the
    agenda XML in a `Files_<id>_<doc>` folder."""
    found: set[Path] = set()
    for path in folder.iterdir():
        if path.is_file() and _INDEX_NAME.match(path.name) and _is_export(folder, path):
            found.add(path)
    if _FILES_FOLDER.match(folder.name):
        for path in folder.iterdir():
            if path.is_file() and path.suffix.lower() != ".xml":
                found.add(path)
    return found


def _is_export(folder: Path, index: Path) -> bool:
    export_id = _INDEX_NAME.match(index.name).group(1)
    return any(
        p.is_dir() and (m := _FILES_FOLDER.match(p.name)) and m.group(1) == export_id
        for p in folder.iterdir()
    ) or is_index(index.read_bytes()[:65536])
