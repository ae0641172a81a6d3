"""Minutes published as web pages (FirstAgenda publication pages, municipal CMS pages ...).

The page is reduced to blocks of text and headings in reading order. FirstAgenda pages mark
each item as a table row (number, title, `EMN-...` id, sections under <h3>); other pages go
through the common marker-based item finder in `structure`.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from qa.errors import MinutesError
from qa.formats.structure import (
    Block,
    find_committee,
    find_date,
    find_kind,
    parse_blocks,
    section_heading,
)
from qa.minutes import Case, Meeting, Section, check_case_numbers, clean_text

NAME = "html"
EXTENSIONS = (".html", ".htm")

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_BLOCK_TAGS = {
    "p", "div", "li", "tr", "td", "th", "section", "article", "table", "ul", "ol", "br",
    "h1", "h2", "h3", "h4", "h5", "h6", "span",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 1, "h3": 2, "h4": 2, "h5": 3, "h6": 3}
_NOISE = {"pdf", "hent som pdf", "kopier link", "tilbage til forsiden", "punkt", "titel"}
_DROP = ["script", "style", "noscript", "nav", "header", "footer", "button", "form", "svg"]


def sniff(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head))


def parse(data: bytes, source: str) -> Meeting:
    soup = BeautifulSoup(data, "lxml")
    for tag in soup(_DROP):
        if tag.name != "button" or not tag.find(["h1", "h2", "h3"]):
            tag.decompose()
    info = _labelled_fields(soup)
    heading_text = [h.get_text(" ", strip=True) for h in soup.find_all(["h1", "title"])]
    top = heading_text + [b.text for b in blocks_of(soup.body or soup)[:60]]
    committee = info.get("udvalg") or find_committee(top)
    meeting_date = find_date([info.get("mødedato", ""), info.get("dato", ""), *top])
    kind = find_kind(heading_text + top)
    rows = soup.select("tr.punktrow")
    if rows:
        if not committee or not meeting_date:
            raise MinutesError(source, "no committee or meeting date found on the page")
        cases = [_first_agenda_item(row) for row in rows]
        return Meeting(
            committee=committee,
            meeting_date=meeting_date,
            cases=tuple(cases),
            source=source,
            kind=kind,
            warnings=tuple(check_case_numbers(cases, None)),
        )
    return parse_blocks(blocks_of(soup.body or soup), source, committee, meeting_date, kind)


def blocks_of(root: Tag) -> list[Block]:
    """The text of an element as lines in reading order, headings marked with their level."""
    blocks: list[Block] = []
    line: list[str] = []

    def flush(heading: int = 0) -> None:
        text = clean_text(" ".join(line)).strip()
        text = re.sub(r"\s+", " ", text)
        if heading or (text and text.casefold() not in _NOISE):
            blocks.append(Block(text, heading))  # an empty heading still starts a section
        line.clear()

    def walk(node) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.strip():
                    line.append(str(child))
            elif isinstance(child, Tag):
                if child.name in _HEADINGS:
                    flush()
                    line.append(child.get_text(" ", strip=True))
                    flush(_HEADINGS[child.name])
                elif child.name in _BLOCK_TAGS and child.name != "span":
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(root)
    flush()
    return blocks


def _labelled_fields(soup: BeautifulSoup) -> dict[str, str]:
    """Fields shown as a label cell and a value cell ("Udvalg:" | "Teknisk Udvalg")."""
    fields = {}
    for cell in soup.find_all(["td", "th", "dt"]):
        label = cell.get_text(" ", strip=True)
        if label.endswith(":") and len(label) < 30:
            value = cell.find_next_sibling(["td", "dd"])
            if value is not None:
                fields.setdefault(label[:-1].strip().casefold(), value.get_text(" ", strip=True))
    return fields


def _first_agenda_item(row: Tag) -> Case:
    """One FirstAgenda item row: number, title, then sections under <h3> headings."""
    cells = row.find_all("td", recursive=False)
    number_text = cells[0].get_text(" ", strip=True) if cells else ""
    number = int(re.sub(r"\D", "", number_text) or 0)
    title_tag = row.find(["h2", "h3"])
    title = title_tag.get_text(" ", strip=True) if title_tag else f"Punkt {number}"
    details = row.find(class_="details") or row
    if title_tag is not None and details is row:
        title_tag.extract()
    reference = details.find(class_="sagsnummer")
    sections: list[tuple[str, list[str]]] = []
    if reference is not None:
        sections.append(("Sagsnummer", [reference.get_text(strip=True)]))
        reference.extract()
    for block in blocks_of(details):
        if block.heading:  # FirstAgenda marks every section with <h3>; other lines are text
            sections.append((section_heading(block) or "Tekst", []))
        elif sections and sections[-1][0] != "Sagsnummer":
            sections[-1][1].append(block.text)
        else:
            sections.append(("Tekst", [block.text]))
    merged = [
        Section(h, "\n".join(lines))
        for h, lines in sections
        if re.search(r"\w", "".join(lines)) or h not in ("Tekst", "Sagsnummer")
    ]
    return Case(case_number=number, title=title, sections=tuple(merged))
