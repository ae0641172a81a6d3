"""Web pages kept as text: the page's address on the first line, then the text the page shows.

This is what a page looks like when its text is copied, or stored by a crawler, without its HTML.
Copenhagen's case pages (one agenda item a page: "Mødedato: 23.08.2017, kl. 11:00", "Mødested:",
the title, then "Indstilling", "Problemstilling", "Løsning", "Økonomi", "Beslutning") are read by
their layout, the committee, meeting and item number taken from the page's address
(`.../dagsordener-og-referater/<Udvalg>/møde-23082017/referat/punkt-4`). A page in the layout of
the text exports is read by that parser; any other page by the common marker-based item finder.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from datetime import date
from urllib.parse import unquote, urlsplit

from qa.errors import MinutesError
from qa.formats.structure import (
    SAGSNUMMER,
    Block,
    case_from_blocks,
    decision_heading,
    find_committee,
    find_date,
    find_kind,
    is_item_marker,
    meeting_of,
    parse_blocks,
    section_heading,
)
from qa.formats.text import decode
from qa.identity import find_municipality
from qa.minutes import DECISION, Case, Meeting, Section, clean_text, parse_text_export

NAME = "pagetext"
EXTENSIONS = (".txt",)

_ADDRESS = re.compile(rb"^[ \t]*(https?://[^\s]+)[ \t]*\r?\n")
# .../dagsordener-og-referater/<Udvalg>/møde-23082017/referat/punkt-4, the hour sometimes after
# the date (".../møde-25112004-173000/referat/punkt-13").
_CASE_PAGE = re.compile(
    r"/dagsordener-og-referater/(?P<committee>[^/]+)/m(?:ø|oe)de-(?P<day>\d{2})(?P<month>\d{2})"
    r"(?P<year>\d{4})(?:-\d{4,6})?/(?P<kind>referat|dagsorden|tillægsdagsorden)/punkt-(?P<number>\d+)/?$",
    re.IGNORECASE,
)
# A proposal's numbered point ("1.    at dagsordenen godkendes") starts in lower case: not a title.
_ITEM_TITLE = re.compile(r"^\d{1,3}\.\s{2,}[A-ZÆØÅ\"'“«]")
# A page that lists its items and their sections as bullets: "• 1 Title", "• Pkt. 4 Title",
# "• Indstilling". The bullet goes; a bare number before a title gets its dot.
_BULLET = re.compile(r"^\s*[•▪◦]\s*(?P<rest>\S.*)$")
_BULLETED_ITEM = re.compile(r"^(?P<number>\d{1,3})\s+(?P<title>[A-ZÆØÅ\"'“«].*)$")
# An item title set apart by spaces on both sides of its number, without a dot: " 2  Title".
# "31Godkendelse af dagsorden": the item's number set right before its title, with no space.
_GLUED_ITEM = re.compile(r"^(?P<number>\d{1,3})(?P<title>[A-ZÆØÅ][a-zæøå].{2,200})$")
# "1.2. behandling af budgetforslaget": the item's number glued to a title that opens with an
# ordinal ("2. behandling"); a lower-case word after the ordinal tells it from a subsection "1.2. Baggrund".
_GLUED_ORDINAL = re.compile(r"^(?P<number>\d{1,3})\.(?P<title>\d{1,2}\.\s+[a-zæøå].{2,200})$")
_SPACED_ITEM = re.compile(r"^\s*(?P<number>\d{1,3})\s{2,}(?P<title>[A-ZÆØÅ\"'“«].*)$")
# "3: Title" or "3 : Title" at the margin: an item numbered with a colon (Ringkøbing-Skjern's pages).
_COLON_ITEM = re.compile(r"^(?P<number>\d{1,3})\s?:\s+(?P<title>[A-ZÆØÅ\"'“«].*)$")
# A folding link glued to an item's title: "1. TitleKlik her for at folde ud og læse mere om Title".
_FOLD_LINK = re.compile(r"(?<=\S)Klik her for at folde ud og læse mere om .*$")
# An item's number said twice, as a list's number and in the title: " 3.  3. Godkendelse af ...".
_REPEATED_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})\.\s+(?P=number)\.\s+(?P<title>[A-ZÆØÅ].*)$")
# An item title followed by the link that folds its case open and shut (Solrød's pages):
# "46. Godkendelse af overførsel ...Åbn/luk punkt". The numbered points inside a case are not.
_TOGGLED_ITEM = re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<title>\S.*?)\s*Åbn/luk punkt\s*$")
# A decision line that names the body deciding: "Beslutning i Kommunalbestyrelsen den 17-01-2018",
# "Beslutning Byrådet den 29-08-2017", "Beslutning i Erhvervs- og Udviklingsudvalget 4. oktober 2021:".
_DECIDED_BY = re.compile(
    r"^beslutning\s+(?:i\s+)?(?P<who>\S.{2,60}?)\s+(?:den\s+)?\d", re.IGNORECASE
)
# "Beslutning fra Miljø- og Klimaudvalget" alone on its line, over "Dato: 7. februar 2017" (PolWeb).
_DECIDED_FROM = re.compile(r"^beslutning\s+fra\s+(?P<who>[^,:\d]{3,80}?)\s*:?$", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^dato\s*:", re.IGNORECASE)
# "Udvalget for Vækst, Erhverv og Globalisering, 17-04-2015, pkt. 17": the body, the day and the
# item over what it decided (the name may have commas of its own).
_RECORDED_BY = re.compile(r"^(?P<who>\S.{2,80}?),\s*\d{1,2}-\d{1,2}-\d{4},\s*pkt\.\s*\d{1,4}$")
# "Nr.143 - Godkendelse af dagsorden": an item numbered "Nr." before its title (Fredensborg's
# print pages).
_NR_ITEM = re.compile(r"^Nr\.\s?(?P<number>\d{1,4})\s+[-–]\s+(?P<title>\S.*)$")
# An item's number alone as a bullet, its title on the next line: "• 1" over "Status på ...".
_BULLETED_NUMBER = re.compile(r"^\s*[•▪◦]\s*(?P<number>\d{1,4})\s*$")
# A case told only by its case id, as a bullet of the page's list of items or at the margin:
# "• Sagsid.: 16/24751", "Sagsnr.: 16/16208", "Sagsid.: 22/2694, Sagsinitialer: hlp".
_CASE_ID_ITEM = re.compile(
    r"^\s*(?:[•▪◦]\s*)?Sags(?:id|nr)\.?\s*:\s*(?P<id>[\w./-]*)\s*(?:,\s*Sagsinitialer\s*:.*)?$"
)
# Sections a titleless case's title is taken from, in this order: what the case is about first.
_SUMMARY_SECTIONS = ("Resumé", "Resume", "Beslutningstema", "Sagsfremstilling", "Indstilling")
# Sections an item opens with on a page whose items show neither number, title nor case id:
# one of them after the item's decision, or again in the same item, starts the next item.
_OPENING_SECTIONS = {"resume", "resumé", "beslutningstema", "sagsfremstilling"}
# An item's label alone on the line above its first section: open or closed to the public.
_ACCESS_LABELS = {"åben", "åbent", "åbent punkt", "lukket", "lukket punkt"}
# The site's trail of links from its home page ("Hjem Politiske udvalg Seneste fra byrådet").
_BREADCRUMB = re.compile(r"^Hjem\s+\S")
# A sentence ends at a full stop after a word, before a capital: not at "1. januar" or "A.M.B.A.".
_SENTENCE_END = re.compile(r"(?<=[a-zæøå)])\.(?:\s+(?=[A-ZÆØÅ\"“«])|\s*$)")
# A table's cell set as a line of its own: "Byrådet |", "---|---|".
_CELL_RULE = re.compile(r"^[\s|:-]*$")
_CELL_AFTER_LABEL = re.compile(r":\s*\|\s*")
# A label alone on its line, its value on the next: "Udvalg:", "Dato:".
_LABEL_ALONE = re.compile(r"^(?:udvalg|dato|sted|mødested|mødedato)\s*:$", re.IGNORECASE)
# "Print 00.01.00-P35-9-19": the link to print the case glued to its file number.
_PRINT_LINK = re.compile(r"^\s*Print\s+(?=\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2,4}\s*$)")
# "• Udskriv" over a case id, or glued to it ("UdskrivSagsid.: 17/3668"): the link to print
# the case, which opens it on the page, not a line of the case before.
_PRINT_BEFORE_CASE_ID = re.compile(r"^\s*(?:[•▪◦]\s*)?(?:Udskriv|Print)\s*(?=Sags(?:id|nr)\b|$)")
_BULLET_MARK = re.compile(r"^[•▪◦]\s*")
_COLON_NUMBER = re.compile(r"^\d{1,4}\s*:\s*\S")
# An address that ends in the committee's name and the meeting's date:
# ".../dagsorden/kommunalbestyrelsen-28-04-2021".
_DATED_ADDRESS = re.compile(r"/dagsorden/(?P<name>[a-z][a-z0-9-]*?)-\d{2}-\d{2}-\d{4}/?$")
_DANISH_LETTERS = {"ae": "æ", "oe": "ø", "aa": "å", "Ae": "Æ", "Oe": "Ø", "Aa": "Å"}
_SPELLED_OUT = re.compile("|".join(_DANISH_LETTERS))
_MEETING_LINE = re.compile(r"^Mødedato\s*:\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})", re.IGNORECASE)
# "Dato: 29. januar 2020", or a weekday and date alone ("Tirsdag den 11-06-2019 kl. 14:00").
_DATE_LINE = re.compile(
    r"^\s*(?:(?:møde)?dato\s*:|(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\s+"
    r"(?:den\s+)?\d)",
    re.IGNORECASE,
)
_PLACE_LINE = re.compile(r"^Mødested\s*:", re.IGNORECASE)
# A copied page runs the contents' label into the first item: "Indholdsfortegnelse1. Fraværende".
_GLUED_CONTENTS = re.compile(
    r"^(\s*Indholdsfortegnelse)(?=\d{1,3}\.\s)", re.IGNORECASE | re.MULTILINE
)
# The list of items runs into the first item's heading: "176. Budgetrevision 2 og handlingsplaner174.
# Godkendelse af dagsorden ..." (the list's last title, then the first item's number and title).
# "Eventuelt - Udvalget for Børn den 29.01.20138. Godkendelse ...": the list's last title ends in
# a date, and a year's last digit is no part of the next item's number.
_ENDS_IN_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}$")
_LISTED_ITEM = re.compile(r"^\s*(?P<number>\d{1,4})\.\s+(?P<title>\S.*?)\s*$")
# The site's own words around a case: search box, banner, links to attachments and to the top.
_PAGE_CHROME = {
    "søg",
    "se alle bilag",
    "til top",
    "til toppen",
    "…..",
    "udskriv",
    "show video",
    "gå ikke glip af vigtig digital post fra københavns kommune",
    "kopier link til punktet - print",
    "byråd og udvalg",
}
# Headings of the case pages beyond the ones minutes share (see structure.GENERIC_HEADINGS).
_CASE_PAGE_HEADINGS = (
    "Problemstilling",
    "Løsning",
    "Videre proces",
    "Indstilling og beslutning",
    "Handlemuligheder",
    "Risikovurdering",
)
_HEADING_KEYS = {h.casefold(): h for h in _CASE_PAGE_HEADINGS}
# "Kultur- og Fritidsudvalgets beslutning i mødet den 3. maj 2001": the body deciding and the day.
_DECIDED_IN_MEETING = re.compile(r"^\S.{1,80}?s\s+beslutning\s+i\s+mødet\s+den\s+\d", re.IGNORECASE)
# A page that shows the proposal and its decision under one heading: the text is the proposal.
_RENAMED = {"indstilling og beslutning": "Indstilling"}


def sniff(data: bytes) -> bool:
    """Text whose first line is a web address alone."""
    head = data[:4096].removeprefix(codecs.BOM_UTF8)
    return b"\x00" not in head and bool(_ADDRESS.match(head))


def parse(data: bytes, source: str) -> Meeting:
    text = clean_text(decode(data, source))
    address, _, body = text.lstrip().partition("\n")
    address = address.strip()
    if not body.strip():
        raise MinutesError(source, "the page has an address but no text", "empty")
    body = _GLUED_CONTENTS.sub("\\1\n", body)
    body = _first_item_unglued(body)
    body = "\n".join(
        line for line in body.split("\n") if " ".join(line.split()).casefold() not in _PAGE_CHROME
    )
    if match := _CASE_PAGE.search(unquote(urlsplit(address).path)):
        return _case_page(match, body, address, source)
    lines = body.split("\n")
    if meeting := _items_by_case_id_first(lines, source) or _items_by_sections(lines, source):
        meeting = replace(meeting, municipality=find_municipality([meeting.committee]))
    else:
        try:
            meeting = parse_text_export(body, source)
        except MinutesError:
            meeting = _marked_items(lines, source, address)
            if meeting is None:
                blocks = _without_repeated_titles([_block(line) for line in lines])
                above, below = _around_first_item(blocks)
                try:
                    meeting = parse_blocks(
                        blocks,
                        source,
                        committee=_unnamed_committee(above, below, address),
                        meeting_date=_labelled_date(blocks) or _date_decided_below(above, below),
                    )
                except MinutesError as error:
                    if error.code not in ("no_items", "no_header"):
                        raise
                    meeting = _items_by_case_id(lines, source)
                    if meeting is None:
                        raise
            meeting = replace(meeting, municipality=find_municipality([meeting.committee]))
    return replace(meeting, url=address)


def _first_item_unglued(body: str) -> str:
    """A page whose list of items runs into the first item ("176. Budgetrevision 2 og
    handlingsplaner174. Godkendelse af dagsorden ...", "8. Evt.1. Godkendelse af dagsorden"): the
    first item's heading, the list's first line said again at the end of a later numbered line,
    goes on a line of its own."""
    lines = body.split("\n")
    first = next((n for n, line in enumerate(lines) if _LISTED_ITEM.match(line)), None)
    if first is None:
        return body
    listed = _LISTED_ITEM.match(lines[first])
    heading = f"{listed['number']}. {listed['title']}"
    for n in range(first + 1, len(lines)):
        line = lines[n].rstrip()
        cut = len(line) - len(heading)
        if (
            cut > 0
            and line.endswith(heading)
            and not line[cut - 1].isspace()
            and (not line[cut - 1].isdigit() or _ENDS_IN_DATE.search(line[:cut]))
            and _LISTED_ITEM.match(line[:cut])
        ):
            lines[n : n + 1] = [line[:cut], heading]
            return _later_items_unglued(lines, first)
    return "\n".join(lines)


def _later_items_unglued(lines: list[str], first: int) -> str:
    """On a page whose list ran into its first item, a later item's heading glued behind a word
    ("Referat9. Frigivelse af anlægsmidler", the last word of the case before) goes on a line of
    its own too: only a heading the list gives word for word."""
    end = next(
        (n for n in range(first, len(lines)) if not _LISTED_ITEM.match(lines[n])), len(lines)
    )
    headings = [
        f"{m['number']}. {m['title']}"
        for line in lines[first + 1 : end]
        if (m := _LISTED_ITEM.match(line))
    ]
    out = lines[: end + 1]
    for line in lines[end + 1 :]:
        text = line.rstrip()
        glued = next(
            (
                h
                for h in headings
                if len(text) > len(h) and text.endswith(h) and text[-len(h) - 1].isalpha()
            ),
            None,
        )
        out.extend([text[: -len(glued)], glued] if glued else [line])
    return "\n".join(out)


def _marked_items(lines: list[str], source: str, address: str) -> Meeting | None:
    """A page that marks its item titles beyond doubt, by the link that folds the case open
    ("46. Title...Åbn/luk punkt"), by the number said twice (" 3.  3. Title"), by "Nr." before
    the number ("Nr.143 - Title") or by the number alone as a bullet over the title ("• 1"):
    those lines alone start items, so a numbered list inside a case (amounts in an Indstilling, the absent
    members under "Afbud:") stays in its case. None for any other page."""
    starts = []  # (the item's line, its number, its title, the line its text starts on)
    for n, line in enumerate(lines):
        if match := (
            _TOGGLED_ITEM.match(line.strip())
            or _REPEATED_NUMBER.match(line)
            or _NR_ITEM.match(line.strip())
        ):
            starts.append((n, int(match["number"]), match["title"].strip(), n + 1))
        elif (match := _BULLETED_NUMBER.match(line)) and (
            title := next((m for m in range(n + 1, len(lines)) if lines[m].strip()), None)
        ):
            starts.append((n, int(match["number"]), lines[title].strip(), title + 1))
    if not starts:
        return None
    texts = [line.strip() for line in lines if line.strip()]
    head = [line.strip() for line in lines[: starts[0][0]] if line.strip()]
    committee = find_committee(head) or _committee_named_below(texts[len(head) :], address)
    meeting_date = find_date(head) or find_date(texts[:60])
    if not committee or not meeting_date:
        raise MinutesError(source, "no committee or meeting date above the items", "no_header")
    kind = find_kind(head)
    cases = []
    for n, (_, number, title, first) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        # The title comes again under the case's file number: it is not text of its own.
        body = [
            _section_bullet(line)
            for line in lines[first:end]
            if line.strip() and " ".join(line.split()) != " ".join(title.split())
        ]
        cases.append(case_from_blocks(number, title, body, meeting_date, kind))
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=meeting_date,
        source=source,
        kind=kind,
    )


def _items_by_case_id_first(lines: list[str], source: str) -> Meeting | None:
    """A page whose first item opens with its case id ("Sagsnr.: 18/9436", not an empty
    "Sagsnr:") before any line that could number an item is read by its case ids, so a decision's "Punkt 166 flyttes til
    nederst på dagsordenen" is not taken for an item. None for any other page, and for one
    whose case ids have no committee or date above them (the other readers try it)."""
    for line in lines:
        if (case_id := _CASE_ID_ITEM.match(line)) and case_id["id"]:
            break
        # "4. Title", "4: Title", "Punkt 4", "Nr.4 - Title", or the number as a bullet ("• 4").
        text = _BULLET_MARK.sub("", line.strip())
        if is_item_marker(text) or _NR_ITEM.match(text) or _COLON_NUMBER.match(text):
            return None
    else:
        return None
    try:
        return _items_by_case_id(lines, source)
    except MinutesError:
        return None


def _items_by_case_id(lines: list[str], source: str) -> Meeting | None:
    """A page whose items show neither number nor title, each opening with its case id (a
    bullet "• Sagsid.: 16/24751" of the page's list of items, or "Sagsnr.: 16/16208" at the
    margin): the items are numbered in the order the page lists them, as its list numbers them,
    and each is titled by the first sentence of what it is about (its Resumé, Beslutningstema,
    Sagsfremstilling or Indstilling). None for a page without such lines."""
    lines = [
        _PRINT_BEFORE_CASE_ID.sub("", _PRINT_LINK.sub("", line)).rstrip().removesuffix("|").rstrip()
        for line in lines
    ]
    starts = [n for n, line in enumerate(lines) if _CASE_ID_ITEM.match(line)]
    if not starts:
        return None
    head: list[str] = []
    # A table's row "Udvalg: | Byrådet |" reads "Udvalg: Byrådet".
    cells = (_CELL_AFTER_LABEL.sub(": ", line.strip()) for line in lines[: starts[0]])
    for line in (line for line in cells if not _CELL_RULE.match(line)):
        # A table's label and its value on two lines ("Udvalg:" over "Byrådet"): one line.
        if head and _LABEL_ALONE.match(head[-1]):
            head[-1] = f"{head[-1]} {line}"
        else:
            head.append(line)
    committee = find_committee(head)
    meeting_date = find_date(head)
    if not committee or not meeting_date:
        raise MinutesError(source, "no committee or meeting date above the items", "no_header")
    kind = find_kind(head)
    # "Dagsorden eller referat" heads every page of the site; decisions dated the meeting's day
    # say the page is its minutes.
    if kind == "dagsorden" and any(
        _DECIDED_BY.match(line.strip()) and find_date([line]) == meeting_date for line in lines
    ):
        kind = "referat"
    cases = []
    for number, first in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(lines)
        body = [_section_bullet(line) for line in lines[first + 1 : end] if line.strip()]
        case = case_from_blocks(number, "", body, meeting_date, kind)
        case_id = _CASE_ID_ITEM.match(lines[first])["id"]
        if case_id:
            case = replace(case, sections=(Section(SAGSNUMMER, case_id), *case.sections))
        cases.append(replace(case, title=_summary_title(case)))
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=meeting_date,
        source=source,
        kind=kind,
    )


def _items_by_sections(lines: list[str], source: str) -> Meeting | None:
    """A page whose items show neither number, title nor case id, each opening with its first
    section ("Sagsfremstilling", "Resume", "Beslutningstema", or only its decision) right under
    the committee and date: an item ends where such a section follows its decision, or comes a
    second time, so a numbered list inside a case ("1. Ungeområdet ...") stays in its case. The
    items are numbered in the order the page shows them and titled by their first sentence.
    None for a page with a line that could number an item, or a case id, above its first
    section, or with no committee or date above it (the other readers try it)."""
    unlinked = [_PRINT_BEFORE_CASE_ID.sub("", _PRINT_LINK.sub("", line)) for line in lines]
    if any(_CASE_ID_ITEM.match(line) for line in unlinked):
        return None
    labels = _access_labels(lines)
    first = None
    for n, line in enumerate(lines):
        text = _BULLET_MARK.sub("", line.strip())
        if n in labels:
            continue
        # "4. Title", "31Title" (number glued), "4: Title", "Punkt 4", "Nr.4 - Title", "• 4".
        if (
            is_item_marker(text)
            or _block(line).heading
            or _NR_ITEM.match(text)
            or _COLON_NUMBER.match(text)
        ):
            return None
        if section_heading(Block(text)):
            first = n
            break
    if first is None:
        return None
    opening = lines[first].strip().rstrip(":").casefold()
    if opening not in _OPENING_SECTIONS and decision_heading(lines[first]) != DECISION:
        return None
    head = [
        line.strip()
        for n, line in enumerate(lines[:first])
        if line.strip() and not _BREADCRUMB.match(line.strip()) and n not in labels
    ]
    committee, meeting_date = find_committee(head), find_date(head)
    if not committee or not meeting_date:
        return None
    kind = find_kind(head)
    starts, seen, decided = [first], set(), False
    for n in range(first, len(lines)):
        text = lines[n].strip()
        if n in labels:
            # "Åben" over the next item's first section opens that item, whatever the section.
            starts.append(n)
            seen, decided = set(), False
            continue
        heading = section_heading(Block(text), meeting_date, kind)
        if not heading:
            continue
        key = text.rstrip(":").casefold()
        decision = heading == DECISION
        if n > first and (
            (decision and decided) or (key in _OPENING_SECTIONS and (decided or key in seen))
        ):
            starts.append(n)
            seen, decided = set(), False
        seen.add(key)
        decided = decided or decision
    cases = []
    for number, start in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(lines)
        body = [
            _section_bullet(line)
            for n, line in enumerate(lines[start:end], start=start)
            if line.strip() and n not in labels
        ]
        case = case_from_blocks(number, "", body, meeting_date, kind)
        cases.append(replace(case, title=_summary_title(case)))
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=meeting_date,
        source=source,
        kind=kind,
    )


def _access_labels(lines: list[str]) -> set[int]:
    """The lines that are an item's label alone ("Åben", "Lukket punkt") right above a section
    heading (the next line that is not blank)."""
    filled = [n for n, line in enumerate(lines) if line.strip()]
    return {
        n
        for n, following in zip(filled, [*filled[1:], None], strict=True)
        if " ".join(lines[n].split()).casefold() in _ACCESS_LABELS
        and following is not None
        and section_heading(Block(lines[following].strip()))
    }


def _summary_title(case: Case) -> str:
    """A titleless case's title: the first sentence of the section that says what it is about,
    else of its first section (the decision of an item that has nothing else)."""
    by_heading = {s.heading.casefold(): s.text for s in case.sections if s.heading != SAGSNUMMER}
    text = next(
        (by_heading[h.casefold()] for h in _SUMMARY_SECTIONS if by_heading.get(h.casefold())),
        next(iter(by_heading.values()), ""),
    )
    # A bulleted first line ("• Produktionsskole – status") is titled without its bullet.
    first = _BULLET_MARK.sub("", " ".join(text.split("\n")[0].split()))
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].rstrip(" .,:")
    if len(sentence) > 120:
        sentence = sentence[:120].rsplit(" ", 1)[0]
    return sentence


def _committee_named_below(below: list[str], address: str) -> str | None:
    """The committee of a page that names none above its items (`below`: the lines from its
    first item on): the body its decision lines name ("Beslutning i Kommunalbestyrelsen den
    17-01-2018"), else the name in its address (".../dagsorden/kommunalbestyrelsen-28-04-2021")."""
    if decided := _decided_by(below):
        return decided[0]
    if named := _DATED_ADDRESS.search(unquote(urlsplit(address).path)):
        # An address spells the Danish letters out ("oekonomiudvalget", "plan-miljoe-og-teknik"):
        # the name is given them back.
        name = named["name"].replace("-", " ").capitalize()
        return _SPELLED_OUT.sub(lambda m: _DANISH_LETTERS[m[0]], name)
    return None


def _decided_by(texts: list[str]) -> tuple[str, str] | None:
    """The first decision line that names the body deciding: (the body, the line). A line
    "Beslutning fra <body>" comes with the "Dato:" line under it, which dates the decision."""
    for n, text in enumerate(texts):
        said = _DECIDED_BY.match(text) or _RECORDED_BY.match(text.strip())
        if said and find_committee([said["who"]]):
            return said["who"].strip(), text
        said = _DECIDED_FROM.match(text.strip())
        if said and find_committee([said["who"]]):
            dated = next((t for t in texts[n + 1 : n + 2] if _DATE_LABEL.match(t.strip())), "")
            return said["who"].strip(), f"{text} {dated}".strip()
    return None


def _around_first_item(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """A page's lines above its first item, and from it on."""
    texts = [b.text.strip() for b in blocks if b.text.strip()]
    first_item = next((n for n, t in enumerate(texts) if is_item_marker(t)), len(texts))
    return texts[:first_item], texts[first_item:]


def _unnamed_committee(above: list[str], below: list[str], address: str) -> str | None:
    """`_committee_named_below` for a page whose top names no committee; None when it names one."""
    return None if find_committee(above) else _committee_named_below(below, address)


def _section_bullet(line: str) -> Block:
    """A line of a marked item's case; a section heading set as a bullet ("• Beslutningstema")
    loses its bullet. Other bullets stay the list items they are."""
    if (bullet := _BULLET.match(line)) and section_heading(Block(bullet["rest"].strip())):
        return Block(bullet["rest"].strip())
    return Block(line)


def _date_decided_below(above: list[str], below: list[str]) -> date | None:
    """The meeting's date on a page that shows none above its items: the date of its decision
    lines ("Beslutning i Erhvervs- og Udviklingsudvalget 4. oktober 2021:"), not a date in the
    first item's title ("Status på bevillinger pr. 16.08.2021")."""
    if find_date(above) or not (decided := _decided_by(below)):
        return None
    return find_date([decided[1]])


def _block(line: str) -> Block:
    """A line of a page; an item title set apart by spaces after its number ("14.   Title", at
    the margin, where a numbered list inside a case is indented) counts as a heading, and so does
    an item or section heading set as a bullet, and a number glued to its title ("31Godkendelse
    af dagsorden", "1.2. behandling af budgetforslaget"); other bullets stay the list items they
    are."""
    line = _PRINT_LINK.sub("", _FOLD_LINK.sub("", line))
    if bullet := _BULLET.match(line):
        rest = bullet["rest"].strip()
        if item := _BULLETED_ITEM.match(rest):
            return Block(f"{item['number']}. {item['title']}", heading=1)
        if is_item_marker(rest) or section_heading(Block(rest)):
            return Block(rest, heading=1 if is_item_marker(rest) else 0)
    if item := (
        _SPACED_ITEM.match(line)
        or _GLUED_ITEM.match(line)
        or _COLON_ITEM.match(line)
        or _GLUED_ORDINAL.match(line)
    ):
        return Block(f"{item['number']}. {item['title']}", heading=1)
    return Block(line, heading=1 if _ITEM_TITLE.match(line) else 0)


def _without_repeated_titles(blocks: list[Block]) -> list[Block]:
    """Some pages show an item's number and title twice, as a link and then as the case's own
    heading ("294. Opfølgning ..." twice): the second is the same item, not a new one."""
    kept: list[Block] = []
    for block in blocks:
        text = " ".join(block.text.split())
        previous = next((b for b in reversed(kept) if b.text.strip()), None)
        if previous and is_item_marker(text) and " ".join(previous.text.split()) == text:
            kept[kept.index(previous)] = replace(
                previous, heading=max(previous.heading, block.heading)
            )
            continue
        kept.append(block)
    return kept


def _labelled_date(blocks: list[Block]) -> date | None:
    """The date of a line labelled "Dato:" (or led by a weekday) near the top, before any item: the
    page's banner above it may carry another date ("referater til og med den 10. februar 2016")."""
    for block in blocks[:60]:
        if block.heading or is_item_marker(block.text.strip()):
            break
        if _DATE_LINE.match(block.text) and (when := find_date([block.text])):
            return when
    return None


def _case_page(match: re.Match, body: str, address: str, source: str) -> Meeting:
    """One item of a meeting, from a page of the layout Copenhagen publishes."""
    committee = " ".join(match["committee"].split())
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    meeting_date = None
    for line in lines[:6]:
        if said := _MEETING_LINE.match(line):
            meeting_date = find_date([said["date"]])
    meeting_date = meeting_date or _address_date(match)
    if meeting_date is None:
        raise MinutesError(
            source, f"no valid meeting date in the page's address {address}", "no_header"
        )
    lines = [
        line for line in lines if not _MEETING_LINE.match(line) and not _PLACE_LINE.match(line)
    ]
    kind = "referat" if match["kind"].lower() == "referat" else "dagsorden"  # or its supplement
    blocks = [
        Block(_RENAMED.get(line.casefold(), line), heading=1)
        if _is_heading(line, meeting_date, kind)
        else Block(line)
        for line in lines
    ]
    if not any(block.heading and block.text.casefold() == "beslutning" for block in blocks):
        blocks = [_decision_line_as_heading(block, meeting_date, kind) for block in blocks]
    if not blocks or blocks[0].heading:
        raise MinutesError(
            source, "the case page has no title before its first section", "no_items"
        )
    title, body_blocks = blocks[0].text, blocks[1:]
    # The paragraph before the first heading sums the case up, as a Resumé does elsewhere.
    if body_blocks and not body_blocks[0].heading:
        body_blocks.insert(0, Block("Resumé", heading=1))
    case = case_from_blocks(
        int(match["number"]), title, body_blocks, meeting_date, kind, headings_marked=True
    )
    return Meeting(
        committee=committee,
        meeting_date=meeting_date,
        cases=(case,),
        source=source,
        kind=kind,
        url=address,
        municipality=find_municipality([committee]),
    )


def _is_heading(line: str, meeting_date: date, kind: str) -> bool:
    if line.rstrip(":").casefold() in _HEADING_KEYS:
        return True
    # Only a bare heading word counts: "Borgerrepræsentationens beslutning i mødet den ..." is the
    # first line of the decision's text on these pages.
    return line.rstrip(":").casefold() in {"beslutning", "indstilling"} or (
        bool(section_heading(Block(line), meeting_date, kind)) and len(line.split()) <= 4
    )


def _decision_line_as_heading(block: Block, meeting_date: date, kind: str) -> Block:
    """The older protocol pages have no "Beslutning" heading: the proposal and its decision stand
    under "INDSTILLING OG BESLUTNING", and the decision follows its own line "Kultur- og
    Fritidsudvalgets beslutning i mødet den 3. maj 2001". That line heads the decision there."""
    if (
        not block.heading
        and kind == "referat"
        and _DECIDED_IN_MEETING.match(block.text)
        and decision_heading(block.text, meeting_date) == DECISION
    ):
        return Block(DECISION, heading=1)
    return block


def _address_date(match: re.Match) -> date | None:
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
