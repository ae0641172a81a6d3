"""eDoc's publishing export: `eDocAgendaPublishing.xml`, as eDoc writes it for OS2dagsorden.

One meeting per file: `<Meeting>` with the committee, the date, the state ("Referat endeligt
godkendt" for approved minutes) and per agenda item its number, title, publishing type and full
text. The PDFs beside it (the whole agenda and one per item) hold the same text, so the meeting is
read from the XML alone and the PDFs are its attachments (`companion_files`), never indexed apart.
Items not marked for publishing ("SKAL PUBLICERES") or without a title are left out, as
OS2dagsorden's importer does.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from qa.errors import MinutesError
from qa.formats.structure import Block, case_from_blocks, meeting_of
from qa.formats.xmlfile import read_xml
from qa.identity import find_municipality
from qa.minutes import Meeting, clean_text

NAME = "eDoc publishing XML"
EXTENSIONS = (".xml",)
FILE_NAME = "eDocAgendaPublishing.xml"

_ROOT = re.compile(rb"^(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<Meeting>", re.DOTALL)
_PUBLISHED = "SKAL PUBLICERES"


def sniff(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(_ROOT.match(head)) and b"<MeetingAgendaTypes" in data[:65536]


def meeting_date(text: str | None) -> date | None:
    """eDoc's "04-12-2012 13:00:00"."""
    for pattern in ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y"):
        try:
            return datetime.strptime((text or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse(data: bytes, source: str) -> Meeting:
    root = read_xml(data, source)
    committee = " ".join((root.findtext("Committee") or "").split())
    day = meeting_date(root.findtext("MeetingDate"))
    if not committee or day is None:
        raise MinutesError(
            source, "the eDoc XML names no committee or no meeting date", "no_header"
        )
    state = root.findtext("MeetingState") or ""
    kind = "referat" if "referat" in state.casefold() else "dagsorden"
    cases = []
    for item in root.iter("MeetingAgendaItem"):
        title = " ".join((item.findtext("Document/Title") or "").split())
        number = (item.findtext("AgendaItemNumber") or "").strip()
        published = (item.findtext("Document/PublishingType") or _PUBLISHED).strip()
        if not title or not number.isdigit() or published.upper() != _PUBLISHED:
            continue
        body = _body_lines(item.findtext("FullText") or "", title)
        cases.append(case_from_blocks(int(number), title, body, day, kind))
    if not cases:
        raise MinutesError(source, "the eDoc XML has no published agenda items", "no_items")
    cases.sort(key=lambda c: c.case_number)
    header = [
        line
        for agenda in root.iter("MeetingAgendaType")
        for line in clean_text(agenda.findtext("FullText") or "").split("\n")[:80]
    ]
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=day,
        source=source,
        kind=kind,
        municipality=find_municipality([committee, *header]),
    )


def _body_lines(text: str, title: str) -> list[Block]:
    """The item's text without its own "2.<tab>Title" line."""
    lines = [line.strip() for line in clean_text(text).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    if lines and title.casefold() in lines[0].casefold():
        lines.pop(0)
    return [Block(line) for line in lines if line]


def attachments(data: bytes, source: str) -> list[str]:
    """Every PDF the export names: the whole agenda, each item's and each bilag's."""
    root = read_xml(data, source)
    names = [(e.text or "").strip() for e in root.iter("PDFDocument")]
    return list(dict.fromkeys(n for n in names if n))


def companion_files(folder: Path) -> set[Path]:
    """Files of a meeting folder read through its XML: every file beside it but the XML."""
    if not (folder / FILE_NAME).is_file():
        return set()
    return {p for p in folder.iterdir() if p.is_file() and p.name != FILE_NAME}
