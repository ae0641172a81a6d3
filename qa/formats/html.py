"""Minutes published as web pages (FirstAgenda publication pages, municipal CMS pages ...).

The page is reduced to blocks of text and headings in reading order. FirstAgenda pages mark
each item as a table row (number, title, `EMN-...` id, sections under <h3>), so their structure
is read directly; other pages go through the common marker-based item finder in `structure`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bs4 import BeautifulSoup, NavigableString, Tag

from qa.errors import MinutesError
from qa.formats.structure import (
    Block,
    case_from_blocks,
    find_committee,
    find_date,
    find_kind,
    meeting_of,
    parse_blocks,
)
from qa.identity import find_municipality
from qa.minutes import Case, Meeting, clean_text

NAME = "html"
EXTENSIONS = (".html", ".htm")

_HTML_TAG = re.compile(rb"<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "li", "tr", "td", "th", "dt", "dd", "section", "article", "table", "ul", "ol",
    "br", "main", "blockquote", "pre",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 1, "h3": 2, "h4": 2, "h5": 3, "h6": 3}
_NOISE = {"pdf", "hent som pdf", "kopier link", "tilbage til forsiden", "punkt", "titel"}
_DROP = ["script", "style", "noscript", "template", "nav", "header", "footer", "form", "svg"]
# Where a saved page records its own address: the mark a browser puts on a saved page, and the
# note of the SingleFile extension.
_SAVED_FROM = re.compile(
    rb"<!--\s*(?:saved from url=\(\d+\)|page saved with singlefile\s+url:\s*)(https?://[^\s>]+)",
    re.IGNORECASE,
)
# Hidden parts of a page: dialogs, menus and templates its scripts show on demand.
_HIDDEN = "[hidden], [aria-hidden=true], [role=dialog], [role=menu], .modal, .dropdown-menu"


def sniff(data: bytes) -> bool:
    """Markup from the first byte, with an html, head or body tag near the start."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and bool(_HTML_TAG.search(head))


def parse(data: bytes, source: str) -> Meeting:
    soup = BeautifulSoup(data, "lxml")
    url = page_url(soup, data)
    for tag in soup(_DROP):
        tag.decompose()
    for tag in soup.select(_HIDDEN):
        tag.decompose()
    info = _labelled_fields(soup)
    heading_text = [h.get_text(" ", strip=True) for h in soup.find_all(["title", "h1"])]
    top = heading_text + [b.text for b in blocks_of(soup.body or soup)[:60]]
    committee = info.get("udvalg") or find_committee(top)
    meeting_date = find_date([info.get("mødedato", ""), info.get("dato", ""), *top])
    kind = find_kind(heading_text + top)
    rows = soup.select("tr.punktrow")
    if not rows:
        meeting = parse_blocks(blocks_of(soup.body or soup), source, committee, meeting_date, kind)
        municipality = find_municipality([meeting.committee, *heading_text])
        return replace(meeting, url=url, municipality=municipality)
    if not committee or not meeting_date:
        raise MinutesError(source, "no committee or meeting date found on the page", "no_header")
    cases = [_first_agenda_item(row, meeting_date, kind) for row in rows]
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=meeting_date,
        source=source,
        kind=kind,
        url=url,
        municipality=find_municipality([committee, *heading_text]),
    )


def page_url(soup: BeautifulSoup, data: bytes) -> str | None:
    """The page's own web address, when it records one: its canonical link, its og:url, or the
    address noted when it was saved from a browser. Only an absolute http(s) address counts."""
    canonical = soup.find("link", rel="canonical")
    og_url = soup.find("meta", attrs={"property": "og:url"})
    saved = _SAVED_FROM.search(data[:4096])
    for value in (
        canonical and canonical.get("href"),
        og_url and og_url.get("content"),
        saved and saved.group(1).decode("ascii", "replace"),
    ):
        if isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
            return value.strip()
    return None


def blocks_of(root: Tag) -> list[Block]:
    """The text of an element as lines in reading order, headings marked with their level."""
    blocks: list[Block] = []
    line: list[str] = []

    def flush(heading: int = 0) -> None:
        text = re.sub(r"\s+", " ", clean_text(" ".join(line))).strip()
        if heading or (text and text.casefold() not in _NOISE):
            blocks.append(Block(text, heading))  # an empty heading still starts a section
        line.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.strip():
                    line.append(str(child))
            elif isinstance(child, Tag):
                if child.name in _HEADINGS:
                    flush()
                    line.append(child.get_text(" ", strip=True))
                    flush(_HEADINGS[child.name])
                elif child.name in _BLOCK_TAGS:
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


def _first_agenda_item(row: Tag, meeting_date: date, kind: str) -> Case:
    """One FirstAgenda item row: number, title, `EMN-...` id, then sections under <h3>."""
    cells = row.find_all("td", recursive=False)
    number_text = cells[0].get_text(" ", strip=True) if cells else ""
    number = int(re.sub(r"\D", "", number_text) or 0)
    title_tag = row.find(["h2", "h3"])
    title = title_tag.get_text(" ", strip=True) if title_tag else f"Punkt {number}"
    details = row.find(class_="details")
    if details is None:  # no details element: the rest of the row, without its title
        details = row
        if title_tag is not None:
            title_tag.extract()
    for badge in details.select(".pdf-label"):  # "PDF" before each attachment's name
        badge.decompose()
    blocks = []
    if (reference := details.find(class_="sagsnummer")) is not None:
        blocks.append(Block(reference.get_text(" ", strip=True)))
        reference.extract()
    blocks += blocks_of(details)
    return case_from_blocks(number, title, blocks, meeting_date, kind, headings_marked=True)
