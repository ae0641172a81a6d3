"""From lines of text to a Meeting, by the markers minutes use across Danish systems.

PDF and web-page parsers reduce a document to `Block`s (a line of text, or a heading) and hand
them here. Items are found by their markers ("Sag nr. 38", "Punkt 4: Title", "4. Title", a bare
number line); the chain of markers numbered upwards that explains the document best is kept, so
numbered lists inside a case and tables of contents are not taken for items, while an item left
out of the published minutes (a closed item) costs a warning, not the items after it.

Sections are found by their headings. A decision heading ("Beslutning", "Beslutninger",
"<Udvalg>s beslutning den 04.12.2012", "Beslutning i <Udvalg> den <dato>") becomes the section
"Beslutning" when it is this meeting's; one dated another day (an earlier committee's) keeps its
own words, so "what was decided" finds the decision of the meeting the file is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from qa.errors import MinutesError, Notice
from qa.minutes import (
    DECISION,
    SECTION_HEADINGS,
    Case,
    Meeting,
    Section,
    check_case_numbers,
    parse_date,
)

# Headings of systems other than the text export: all start a section of a case.
GENERIC_HEADINGS = {
    h.casefold(): h
    for h in (
        *SECTION_HEADINGS,
        "Sammendrag", "Baggrund", "Beslutningspunkter", "Sagsforløb", "Sagens forløb", "Forslag",
        "Økonomiske forhold", "Økonomiske konsekvenser og finansiering", "Økonomi og finansiering",
        "Personalemæssige konsekvenser", "Høringssvar", "Videre proces", "Lovgrundlag",
        "Vurdering", "Bilagsfortegnelse", "Tidligere beslutninger", "Sagens indhold",
        "Forvaltningens indstilling", "Administrationens indstilling", "Direktionens indstilling",
        "Baggrund og vurdering", "Beslutningstema", "Administrativ indstilling",
        "Tidligere behandling", "Præsentation", "Tema",
        "Sagstema", "Redegørelse", "Retsgrundlag", "Andre konsekvenser", "Høring og sagsgang",
    )
}  # fmt: skip
# Other words for the same sections: "Indstillinger" over a recommendation, "Sagsresumé" over
# the summary a case opens with.
GENERIC_HEADINGS |= {"indstillinger": "Indstilling", "sagsresumé": "Resumé", "sagsresume": "Resumé"}
# "ANBEFALING:" over what the administration recommends, "ØKONOMI/PERSONALEFORHOLD:" over the cost.
GENERIC_HEADINGS |= {"anbefaling": "Indstilling", "økonomi/personaleforhold": "Økonomi"}
# "Sagen behandles i" over the bodies that treat the case in turn ("Økonomiudvalget og Byrådet.").
GENERIC_HEADINGS |= {"sagen behandles i": "Sagen behandles i"}
SAGSNUMMER = "Sagsnummer"  # the case's file number(s) in the municipality's records system

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_DECISION = re.compile(
    r"^(?:.{1,80}?s\s+)?beslutning(?:er)?(?:\s+(?:i|den|på|d\.)\s.{0,80}|\s+\d.{0,40}"
    # "Beslutning Udvalget for teknik og miljø den 18-02-2019", "BESLUTNING: Økonomiudvalget den
    # 19-11-2015"
    r"|:?\s+.{0,80}?(?:udvalg|byråd|bestyrelse|råd|magistrat)\w*.{0,40}?\sden\s+\d.{0,40}"
    # "Beslutning fra Miljø- og Klimaudvalget" alone on its line, its date on a "Dato:" line under
    # it (PolWeb); "Beslutning fra Økonomiudvalget, 17. marts 2021, pkt. 32:" is not this heading.
    r"|\s+fra\s+[^,:\d]{0,80}?(?:udvalg|byråd|bestyrelse|råd|magistrat)\w*)?:?$",
    re.IGNORECASE,
)
# "jf." (cf.) before a decision cites it in running text: the line is no heading over one.
_CITES = re.compile(r"\bjf\.\s", re.IGNORECASE)
_AUTHORITY = re.compile(
    r"^(?:beslutningen\s+træffes\s+af|sagen\s+afgøres\s+af|(?:beslutnings)?kompetence\s*(?::|$))"
    r"\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SAG_NR = re.compile(r"^Sag\s+nr\.?\s*(\d{1,4})\b\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_PUNKT = re.compile(
    r"^(?:Punkt|Pkt\.|Dagsordens?punkt)\s+(\d{1,4})\b\s*[:.)\-–]?\s*(.*)$", re.IGNORECASE
)
# "4. Title", and "4.Title" when the title follows the dot at once with a capital letter.
_NUMBERED = re.compile(r"^(\d{1,3})\s*(?:[.)]\s+|\.(?=[A-ZÆØÅ]))([A-ZÆØÅ0-9\"'“”«].{1,200})$")
_BARE_NUMBER = re.compile(r"^(\d{1,3})\.?$")
# A point of a list too long to be a title ("2) Få ændret placeringen af ... ", 200 characters on).
_LONG_POINT = re.compile(r"^(\d{1,3})\s*[.)]\s+\S.{200,}$")
_CASE_META = re.compile(
    r"^(sagsnr|sags nr|sagsnummer|sagsid|dok\.?\s?nr|j\.?\s?nr|journalnr|emn-\d|acadre)",
    re.IGNORECASE,
)
# A sentence, not a name: four words or more, ending in a full stop.
_SENTENCE = re.compile(r"^\S+(?:\s+\S+){3,}\.$")
# A case's file number alone on a line, in the form of the national records classification (KLE:
# subject, facet, serial number, year): "04.04.00-P20-6-17". Sbsys pages set it above the item's
# title, others below it.
_FILE_NUMBER = re.compile(r"^\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,6}-\d{2,4}$")
_TABLE_MARK = re.compile(r"^[xX✓✔]$")  # a ticked cell of a table, alone on its line
# List items, and lines that begin a point of their own: "At 1)" in an Indstilling, "Bilag 2:".
_LIST_ITEM = re.compile(
    r"^([•▪◦*\-–]|[a-zA-Z][.)]|\d{1,2}[.)]|\d{4}[-–]\d+\s[-–]|at\s+\d{1,2}\)|bilag\s+\d{1,3}\s*:)\s",
    re.IGNORECASE,
)
_TOC_ENTRY = re.compile(r"\s\d{1,3}$")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_NAME = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"  # longest first
_TEXT_DATE = re.compile(r"\b(\d{1,2})\.?\s*" + _MONTH_NAME + r"\.?\s+(\d{4})\b", re.IGNORECASE)
# "Dato: Fredag, April 17, 2015 - 07:30": a site's dateline with the month before the day.
_MONTH_FIRST_DATE = re.compile(r"\b" + _MONTH_NAME + r"\.?\s+(\d{1,2}),\s*(\d{4})\b", re.IGNORECASE)
_COMMITTEE = re.compile(
    r"(udvalg|byråd|kommunalbestyrelse|regionsråd|borgerrepræsentation|magistrat|råd)\w*",
    re.IGNORECASE,
)
# "Byrådssalen, Rådhuset": rooms and buildings named after a council are places, not committees.
_PLACE_WORD = re.compile(r"\w*(?:sal|salen|hus|huset)", re.IGNORECASE)
_KIND = re.compile(r"\b(dagsorden|referat|beslutningsprotokol)\b", re.IGNORECASE)
# "Referat til mødet i Odense Byråd", "dagens møde i Klima-, Miljø- og Teknikudvalget.": the name
# follows "møde i".
_MEETING_IN = re.compile(r"^.*?\bmødet?\s+i\s+(?=\S)", re.IGNORECASE)
# The header row of a table of meetings ("Udvalg Dato Type Hent"): its values are on the next line.
_TABLE_HEADER = re.compile(
    r"^(?:(?:udvalg|dato|tid|type|hent|sted|mødedato|møde)\s*){2,}$", re.IGNORECASE
)
_KIND_PREFIX = re.compile(
    r"^(?:(?:åben|åbent|lukket|endelig)\s+)?(?:dagsorden|referat|beslutningsprotokol)\b"
    r"(?:\s+(?:for|fra|af|til)\b)?(?:\s*(?:møde|mødet)\s+(?:i|for)\b)?\s*[-–:]?\s*",
    re.IGNORECASE,
)
# A label that names the committee ("Udvalg: Økonomiudvalget"), and labels of other facts.
_COMMITTEE_LABEL = re.compile(r"^(?:udvalg|forum)\s*:\s*", re.IGNORECASE)
# The same label in a table whose labels have no colon ("Mødested Multisalen/rådhuset" over
# "Udvalg Byrådet"): read only before a capitalised name that holds a committee word, so neither
# "Udvalg for Teknik og Miljø" nor a table header ("Udvalg Dato Type Hent") loses a word.
_UNCOLONED_COMMITTEE_LABEL = re.compile(r"^(?:Udvalg|UDVALG)\s+(?=[A-ZÆØÅ])")
_OTHER_LABEL = re.compile(r"^(?:sted|mødested|tid|dato|mødedato|lokale)\s*:", re.IGNORECASE)
_DATED_RECORD = re.compile(
    r"^(?P<who>[^:]{3,80}?)(?:,\s*\d{1,2}-\d{1,2}-\d{4},\s*pkt\.\s*\d{1,4}"
    r"|,?\s+(?:den|d\.)\s+[^,:]{6,25}:)$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(r"\b(mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b", re.IGNORECASE)
# "Unge, fritid og idræts møde den 02. april 2024": a name in the genitive before "møde den".
_MEETING_OF = re.compile(r"^(?P<who>[^:]{3,80}?)s\s+møde\s+(?:den|d\.)\s", re.IGNORECASE)
_NAME_END = re.compile(
    r"\s+[-–|]\s+|:\s+(?=(?:dagsorden|referat|beslutningsprotokol)\b)", re.IGNORECASE
)
# "År 2014-2017 Integrationsrådet - Referat", "14-17 Byrådet": the election period a site files
# the body under.
_PERIOD_PREFIX = re.compile(r"^(?:År\s+\d{4}\s*[-–]\s*\d{4}|\d{2}-\d{2})\s+(?=[A-ZÆØÅ])")
# What introduces a date after a committee's name: "Aarhus Byråd d. 27-08-2025", "... den 3. marts".
_BEFORE_DATE = re.compile(r"(?:[\s,]+(?:d\.|den|dato|mødedato|møde|mødet)\s*:?)+$", re.IGNORECASE)

# Scoring of the chain of item markers: each marker earns its plausibility, each number the
# chain skips costs GAP_COST; jumps of more than MAX_STEP are not the same numbering.
GAP_COST = 0.75
MAX_STEP = 10


@dataclass(frozen=True)
class Block:
    """A line of a document; `heading` > 0 when the document marked it as a heading."""

    text: str
    heading: int = 0
    page: int | None = None  # the page it is on, in a paged document


@dataclass(frozen=True)
class _Marker:
    index: int  # the block with the marker
    first: int  # the item's first block (the title line before a bare "Sag nr. N")
    body: int  # the first block after the marker and its title
    number: int
    title: str
    plausibility: float
    confirmed: bool = False  # a section heading or file number under it, or "Sag nr."/"Punkt"


def find_date(texts: list[str]) -> date | None:
    """The first date in these texts: 04.12.2012, 04-12-2012, 2012-12-04, 4. december 2012 or
    April 17, 2015."""
    for text in texts:
        found = []
        if match := _NUMERIC_DATE.search(text):
            found.append((match.start(), parse_date("-".join(match.groups()))))
        if match := _ISO_DATE.search(text):
            year, month, day = match.groups()
            found.append((match.start(), parse_date(f"{day}-{month}-{year}")))
        if match := _TEXT_DATE.search(text):
            day, month, year = match.groups()
            found.append((match.start(), parse_date(f"{day}-{MONTHS[month.lower()]}-{year}")))
        if match := _MONTH_FIRST_DATE.search(text):
            month, day, year = match.groups()
            found.append((match.start(), parse_date(f"{day}-{MONTHS[month.lower()]}-{year}")))
        for _, when in sorted(found, key=lambda f: f[0]):
            if when:
                return when
    return None


def find_committee(texts: list[str]) -> str | None:
    """A line near the top that names a committee or council, e.g. "Teknisk Udvalg".

    Around the name, "Referat -", "Dagsorden for", a place after " - " and a date are left out.
    A line labelled "Udvalg:" (or "Udvalg Byrådet", in a table without colons) is read first; a
    label alone ("UDVALG" above the name), a place, time or date line and a case's file number
    line are never the name.
    """
    labelled = [_COMMITTEE_LABEL.sub("", t.strip()) for t in texts if _COMMITTEE_LABEL.match(t)]
    labelled += [
        name
        for t in texts
        if _UNCOLONED_COMMITTEE_LABEL.match(t.strip())
        and _COMMITTEE.search(name := _UNCOLONED_COMMITTEE_LABEL.sub("", t.strip()))
    ]
    # A banner is above the items: inside them "Til Teknisk Udvalgs møde den 11.12.2017" or a
    # list of meeting days is a case's text.
    above_items = texts[: next((n for n, t in enumerate(texts) if is_item_marker(t)), len(texts))]
    if not labelled and (name := _named_by_banner(above_items)):
        return name
    for text in labelled + list(texts):
        if (
            _OTHER_LABEL.match(text.strip())
            or _CASE_META.match(text.strip())
            or _TABLE_HEADER.match(text.strip())
        ):
            continue
        text = _PERIOD_PREFIX.sub("", _KIND_PREFIX.sub("", text.strip()))
        if text.rstrip(":").strip().casefold() in {"udvalg", "forum"}:
            continue
        genitive = _MEETING_OF.match(text)
        # The date goes first: after it "kl. 17:00 i Møde i Teams" is a place, not a name.
        for pattern in (_NUMERIC_DATE, _ISO_DATE, _TEXT_DATE, _WEEKDAY):
            if match := pattern.search(text):
                text = _BEFORE_DATE.sub("", text[: match.start()].rstrip())
        text = _MEETING_IN.sub("", text)
        # "Økonomiudvalg: Referat af mødet 7. marts 2016": the name is before the kind.
        text = _before_separator(text).strip(" ,:-–.")
        # "Integrationsudvalgets møde den 12. december 2011:": the name without its genitive.
        if genitive and text.casefold() == genitive["who"].strip().casefold() + "s":
            text = genitive["who"].strip()
        if (
            3 <= len(text) <= 80
            and any(not _PLACE_WORD.fullmatch(m[0]) for m in _COMMITTEE.finditer(text))
            and not _DECISION.match(text)
            and not is_item_marker(text)
        ):
            # "Referat byrådet 19. december 2018": the name in a sentence is still a name.
            return text[:1].upper() + text[1:]
    return None


def _before_separator(text: str) -> str:
    """A line up to the " - " (or "|", or ": Referat") that ends a name; one inside quotation
    marks is the name's own (Udvalget "Aktiv Hele Livet - Sundhed og Omsorg")."""
    for match in _NAME_END.finditer(text):
        before = text[: match.start()]
        if before.count('"') % 2 == 0 and before.count("“") <= before.count("”"):
            return before
    return text


def _named_by_banner(texts: list[str]) -> str | None:
    """A meeting's banner names the committee without a committee word: the line above a weekday
    and date ("Forebyggelse og Idræt" over "Mandag den 30-04-2018 kl. 16:30"), or the name in the
    genitive before "møde den" ("Unge, fritid og idræts møde den 02. april 2024")."""
    # A page that starts at its first item has nothing above it.
    for text, after in zip(texts, [*texts[1:], ""][: len(texts)], strict=True):
        text = text.strip()
        match = _MEETING_OF.match(text)
        if match and find_date([text]) and not _KIND_PREFIX.match(text):
            return match["who"].strip()
        if (
            3 <= len(text) <= 80
            and _WEEKDAY.match(after.strip())
            and find_date([after])
            and not find_date([text])
            and not _OTHER_LABEL.match(text)
            and not _KIND_PREFIX.match(text)
            and not is_item_marker(text)
        ):
            return text
    return None


def find_kind(texts: list[str]) -> str:
    """ "dagsorden" for an agenda (nothing decided yet), else "referat". A line led by the word
    above the items ("Referat til mødet ...") outweighs one that only mentions it ("Sbsys
    dagsorden preview"), "Referat" alone on a line outweighs a banner "Dagsorden" above it, and an
    item's title ("Godkendelse af dagsorden") never says it."""
    texts = [t.strip() for t in texts]
    first_item = next((n for n, t in enumerate(texts) if is_item_marker(t)), len(texts))
    led = [t for t in texts[:first_item] if _KIND_PREFIX.match(t)]
    # "Referat" alone on a line above the items names the document even under a site's banner
    # "Dagsorden" (Kolding: "Dagsorden" over the date, the committee, the room and "Referat").
    if any(t.casefold() == "referat" for t in led):
        return "referat"
    for text in led + [t for t in texts if not is_item_marker(t)]:
        if match := _KIND.search(text):
            return "dagsorden" if match.group(1).lower() == "dagsorden" else "referat"
    return "referat"


def decision_heading(text: str, meeting_date: date | None = None) -> str | None:
    """ "Beslutning" for a heading over this meeting's decision, the heading itself for one dated
    another day (an earlier committee's), None when the line is not a decision heading."""
    text = text.strip()
    if len(text) > 160 or not (_DECISION.match(text) or _is_dated_record(text)):
        return None
    if _CITES.search(text):
        return (
            None  # "... jf. Økonomiudvalgets beslutning den 25. marts 2022.": a sentence citing it
        )
    said = find_date([text])
    if said and meeting_date and said != meeting_date:
        return text.rstrip(":")
    return DECISION


def _is_dated_record(text: str) -> bool:
    """A committee's name and a date alone on a line, over what it decided that day:
    "Sundheds- og Omsorgsudvalget, 03-04-2014, pkt. 35" or "Børne- og Skoleudvalget den 6.
    november 2018:"."""
    match = _DATED_RECORD.match(text)
    return bool(match and _COMMITTEE.search(match["who"]) and find_date([text]))


def section_heading(
    block: Block, meeting_date: date | None = None, kind: str | None = None
) -> str | None:
    """The section this block starts, or None when it is ordinary text."""
    text = block.text.strip()
    if decision := decision_heading(text, meeting_date):
        # An agenda decides nothing yet: "Beslutning:" there belongs to a proposal's text.
        return None if decision == DECISION and kind == "dagsorden" else decision
    key = text.rstrip(":").strip().casefold()
    if key in GENERIC_HEADINGS:
        return GENERIC_HEADINGS[key]
    if block.heading:
        return text.rstrip(":") or "Tekst"
    return None


def stands_alone(text: str) -> bool:
    """A line that is never the continuation of a paragraph: a heading, item marker or label."""
    text = text.strip()
    return bool(
        section_heading(Block(text))
        or is_item_marker(text)
        or _is_file_number(text)
        or _AUTHORITY.match(text)
        or _LIST_ITEM.match(text)
    )


def is_item_marker(text: str) -> bool:
    """A line that could start an item: "Sag nr. 38", "Punkt 4: Title", "4. Title" or "4"."""
    text = text.strip()
    return any(p.match(text) for p in (_SAG_NR, _PUNKT, _NUMBERED, _BARE_NUMBER))


def is_titled_by_previous_line(text: str) -> bool:
    """A bare "Sag nr. 38": its title is the line before it, as in text exports."""
    match = _SAG_NR.match(text.strip())
    return bool(match) and not match.group(2).strip()


def numbering_warnings(numbers: list[int]) -> list[str]:
    """Describe items the numbering skips (often closed items left out of the public minutes)."""
    warnings = []
    for before, after in zip(numbers, numbers[1:], strict=False):
        if after > before + 1:
            missing = (
                f"item {before + 1} is"
                if after == before + 2
                else f"items {before + 1}-{after - 1} are"
            )
            warnings.append(
                Notice(
                    f"item numbers jump from {before} to {after}: {missing} not in the file "
                    "(closed items, or markers the parser did not recognise)",
                    "items_skipped",
                    before=before,
                    after=after,
                    items=f"{before + 1}" if after == before + 2 else f"{before + 1}-{after - 1}",
                )
            )
        elif after <= before:
            warnings.append(
                Notice(
                    f"item {after} follows item {before}: the numbering is out of order",
                    "items_out_of_order",
                    before=before,
                    after=after,
                )
            )
    return warnings


def case_warnings(cases: list[Case]) -> tuple:
    """What a reader says of its cases' numbers: repeated ones, gaps and disorder."""
    return tuple(
        check_case_numbers(cases, None) + numbering_warnings([c.case_number for c in cases])
    )


def meeting_of(cases: list[Case], **meeting) -> Meeting:
    """A reader's meeting of these cases, with what it says of their numbers."""
    return Meeting(cases=tuple(cases), warnings=case_warnings(cases), **meeting)


def parse_blocks(
    blocks: list[Block],
    source: str,
    committee: str | None = None,
    meeting_date: date | None = None,
    kind: str | None = None,
) -> Meeting:
    """Find the meeting, its items and their sections in a document's blocks."""
    blocks = [replace(b, text=b.text.strip()) for b in blocks if b.text.strip() or b.heading]
    head = [b.text for b in blocks[:60]]
    committee = committee or find_committee(head)
    meeting_date = meeting_date or find_date(head)
    # The kind is said above the items; inside them "dagsorden" is what the first item approves.
    above_items = head[: next((n for n, t in enumerate(head) if is_item_marker(t)), len(head))]
    kind = kind or find_kind(above_items)
    if not committee or not meeting_date:
        missing = " and ".join(
            what
            for what, value in (("committee", committee), ("meeting date", meeting_date))
            if not value
        )
        raise MinutesError(
            source, f"no {missing} found at the top; is this a set of minutes?", "no_header"
        )

    markers = _item_markers(blocks)
    if not markers:
        raise MinutesError(
            source,
            "no agenda items found (no numbered item titles, 'Punkt N' or 'Sag nr. N')",
            "no_items",
        )
    cases = []
    for n, marker in enumerate(markers):
        end = markers[n + 1].first if n + 1 < len(markers) else len(blocks)
        if n + 1 < len(markers) and _filed_above(blocks, markers[n + 1]):
            end -= 1  # the next item's file number, not this case's last line
        title, body = _continue_title(marker.title, blocks[marker.body : end])
        if _filed_above(blocks, marker):
            body = [blocks[marker.first - 1], *body]
        cases.append(case_from_blocks(marker.number, title, body, meeting_date, kind))
    return meeting_of(
        cases,
        committee=committee,
        meeting_date=meeting_date,
        source=source,
        kind=kind,
    )


def _filed_above(blocks: list[Block], marker: _Marker) -> bool:
    """Is the line right above this item's title its file number ("04.04.00-P20-6-17")?"""
    return marker.first > 0 and bool(_FILE_NUMBER.match(blocks[marker.first - 1].text.strip()))


def _is_file_number(text: str) -> bool:
    """A case's file number line: labelled ("Sagsnr.: 123") or a bare KLE number."""
    return bool(_CASE_META.match(text) or _FILE_NUMBER.match(text))


def case_from_blocks(
    number: int,
    title: str,
    body: list[Block],
    meeting_date: date | None = None,
    kind: str | None = None,
    headings_marked: bool = False,
) -> Case:
    """A case from the blocks under its title: file numbers, authority, then sections.

    With `headings_marked` (a page that tags every section heading) only tagged blocks start
    sections; a line reading "Baggrund" inside a proposal's text stays text.
    """
    sections: list[tuple[str, list[Block]]] = []  # heading, and the blocks under it (first:
    authority = None  # the heading's own block, or the block that started the section)
    awaiting_authority = ""  # "Beslutningen træffes af" with the body on the next line
    columns = _table_columns(body, meeting_date, kind)
    for index, block in enumerate(body):
        text = block.text.strip()
        heading = None
        if (block.heading or not headings_marked) and index not in columns:
            heading = section_heading(block, meeting_date, kind)
        if awaiting_authority:
            label, awaiting_authority = awaiting_authority, ""
            if not heading and text and len(text) <= 80:
                authority = authority or text
                if not _SENTENCE.match(text):
                    continue
                # "Kompetence" over a sentence ("Byrådet har kompetence til at træffe endelig
                # beslutning i sagen."): a section of the case's text, as the page shows it.
                sections.append((label.rstrip(":").strip(), [replace(block, text=text)]))
                continue
        if not heading and (match := _AUTHORITY.match(text)):
            authority = authority or match["value"].strip() or None
            awaiting_authority = "" if match["value"].strip() else text
        elif heading and _empty_label_under_decision(heading, text, sections):
            sections[-1][1].append(replace(block, text=text))
        elif heading:
            sections.append((heading, [Block("", page=block.page)]))
        elif not sections and _is_file_number(text):
            sections.append((SAGSNUMMER, [replace(block, text=text)]))
        elif sections and (sections[-1][0] != SAGSNUMMER or _is_file_number(text)):
            sections[-1][1].append(replace(block, text=text))
        elif text:
            sections.append(("Tekst", [replace(block, text=text)]))
    kept = []
    for heading, lines in sections:
        decision = heading == DECISION or _DECISION.match(heading)
        while (
            decision
            and len(lines) > 1
            and lines[-1].text.endswith(":")
            and len(lines[-1].text) <= 60
        ):
            lines.pop()  # an empty label after a decision ("Følgende deltog ikke i ...:")
        if re.search(r"\w", "".join(line.text for line in lines)):
            kept.append(_section(heading, lines))
    return Case(case_number=number, title=title, sections=tuple(kept), authority=authority)


def _table_columns(body: list[Block], meeting_date: date | None, kind: str | None) -> set[int]:
    """The blocks of a table's header row read one cell a line: headings standing right after
    one another with only marks under the last ("Orientering", "Indstilling", "Beslutning" over
    "x", "x", ...: which bodies inform, recommend and decide), not the case's sections."""
    columns: set[int] = set()
    run: list[int] = []
    for index, block in enumerate(body):
        text = block.text.strip()
        if not text:
            continue
        if section_heading(block, meeting_date, kind):
            run.append(index)
            continue
        if len(run) >= 2 and _TABLE_MARK.match(text):
            columns.update(run)
        run = []
    return columns


def _empty_label_under_decision(
    heading: str, text: str, sections: list[tuple[str, list[Block]]]
) -> bool:
    """ "Fraværende:" with no one after it, first under a decision heading ("Beslutning i
    Økonomiudvalget den 1. oktober 2018:") or under its "Dato:" and "Sted:" lines ("Beslutning fra
    Miljø- og Klimaudvalget" over "Dato: 7. februar 2017"), is the decision's empty label, not a
    section."""
    if heading not in ("Fraværende", "Afbud") or not sections:
        return False
    last, lines = sections[-1]
    return (last == DECISION or bool(_DECISION.match(last))) and all(
        not line.text or _OTHER_LABEL.match(line.text) for line in lines
    )


def _section(heading: str, blocks: list[Block]) -> Section:
    """A section from its blocks (the first may be the heading's own, empty): the text, the
    page it starts on, and the offsets in the text where later pages begin."""
    lines = [b for b in blocks if b.text]
    text = "\n".join(b.text for b in lines)
    page, breaks, offset = blocks[0].page, [], 0
    for line in lines:
        if page is not None and line.page is not None and line.page > page:
            breaks += [offset] * (line.page - page)
            page = line.page
        offset += len(line.text) + 1
    return Section(heading, text, blocks[0].page, tuple(breaks))


def _item_markers(blocks: list[Block]) -> list[_Marker]:
    """The markers that start items, in document order."""
    candidates = []
    listed = 0  # the number of the last line of a numbered list inside a case
    in_case = False  # has an item title been confirmed above (by a heading or file number)?
    for i, block in enumerate(blocks):
        text = block.text
        following = blocks[i + 1].text if i + 1 < len(blocks) else ""
        plausibility = 1.0 + (1 if block.heading else 0)
        listed = _numbered_on_in_list(blocks, i, listed, in_case)
        if listed > 1:
            continue  # "Sagsfremstilling", "1. ...", "2. ...": the section's list, not items
        if match := _SAG_NR.match(text):
            title, first = match.group(2).strip(), i
            if not title and i > 0 and not section_heading(blocks[i - 1]):
                title, first = blocks[i - 1].text, i - 1
            candidates.append(
                _Marker(i, first, i + 1, int(match[1]), title, plausibility + 2, confirmed=True)
            )
            in_case = True
        elif match := _PUNKT.match(text):
            title = match.group(2).strip()
            candidates.append(
                _Marker(i, i, i + 1, int(match[1]), title, plausibility + 2, confirmed=True)
            )
            in_case = True
        elif match := _NUMBERED.match(text):
            title, number = match.group(2).strip(), int(match[1])
            confirmed = _confirmation(blocks, i + 1)
            in_case = in_case or bool(confirmed or block.heading)
            plausibility += confirmed
            if title.endswith(","):
                plausibility -= 1.5  # a point of a list that runs on, never a title
            elif re.search(r"(\bog|\bsamt|\beller)$", title):
                plausibility -= 0.5  # a list item that runs on, not a title
            if i > 0 and (before := _NUMBERED.match(blocks[i - 1].text)):
                plausibility -= 0.5 if int(before[1]) == number - 1 else 0  # the next in a list
            candidates.append(_Marker(i, i, i + 1, number, title, plausibility, bool(confirmed)))
        elif (match := _BARE_NUMBER.match(text)) and re.match(r"[\"'“«A-ZÆØÅ]", following):
            confirmed = _confirmation(blocks, i + 2)
            plausibility += confirmed - 0.5
            candidates.append(
                _Marker(i, i, i + 2, int(match[1]), following, plausibility, bool(confirmed))
            )
    return _best_chain(_drop_listed_above(_drop_table_of_contents(candidates)))


def _numbered_on_in_list(blocks: list[Block], i: int, listed: int, in_case: bool) -> int:
    """The number of block i in a numbered list inside a case, or 0. A list begins at 1 right
    under a section heading ("Sagsfremstilling", "1. Orientering om ...", "2. Orientering om
    ..."), or anywhere below an item title the page confirms (by a section heading or a file
    number under it, or by marking it as a heading) when the "1." line is not confirmed as a title
    itself: the numbers start again inside the case ("Forretningsordenen for spørgetid:",
    " 1. Spørgetiden begynder ...").
    A line numbered on from the list's last point stays in the list unless section headings
    follow it as they follow an item's title: the next item may come right after such a list
    ("Bilag", "1. Notat (pdf)", "2. Regnskab (pdf)", "3. Frigivelse af projekt",
    "Beslutningstema"). Lines between the points that are no heading, file number or item marker
    keep the list open ("1) ...", "Eller vil du alternativt:", "2) ...")."""
    text = blocks[i].text
    match = _NUMBERED.match(text) or _LONG_POINT.match(text)
    if not match or blocks[i].heading:
        if listed and not match and not blocks[i].heading and not _ends_list(text):
            return listed  # the list's own text, between or under its points
        return 0  # a line the page marks as a heading is a title, numbered as it may be
    number = int(match[1])
    if number == 1:
        if i and section_heading(blocks[i - 1]):
            return 1
        return 1 if in_case and not _confirmation(blocks, i + 1) else 0
    if listed and number == listed + 1 and not _confirmation(blocks, i + 1):
        return number
    return 0


def _ends_list(text: str) -> bool:
    """A line that closes a numbered list: a section heading, a file number or an item marker."""
    return bool(section_heading(Block(text)) or _is_file_number(text) or is_item_marker(text))


def _confirmation(blocks: list[Block], start: int) -> float:
    """How much the next lines confirm an item title: its case file number most, a section
    heading less; a heading after a numbered list confirms only the list's last line."""
    for n, block in enumerate(blocks[start : start + 3], start):
        if _is_file_number(block.text):
            if n + 1 < len(blocks) and is_item_marker(blocks[n + 1].text):
                break  # the next item's file number, set above its title (Sbsys, Hjørring)
            return 1.5
        if section_heading(block):
            return 1.0
        if is_item_marker(block.text):
            break
    return 0.0


def _drop_table_of_contents(candidates: list[_Marker]) -> list[_Marker]:
    """Entries like "3. Title 7" on consecutive lines are a table of contents, not items; so is
    a marker whose number and title come again further down (the list above the cases)."""
    seen_later: set[tuple[int, str]] = set()
    toc = set()
    for position in range(len(candidates) - 1, -1, -1):
        marker = candidates[position]
        key = (marker.number, " ".join(marker.title.casefold().split()))
        if marker.title and key in seen_later:
            toc.add(position)
        seen_later.add(key)
    # The rest of that list: its neighbours on the next lines, numbered on from it.
    for position in sorted(toc):
        for step in (-1, 1):
            here = position
            while 0 <= here + step < len(candidates):
                near, marker = candidates[here + step], candidates[here]
                if abs(near.index - marker.index) != 1 or near.number - marker.number != step:
                    break
                here += step
                toc.add(here)
    run: list[int] = []
    for position, marker in enumerate(candidates):
        is_entry = bool(_TOC_ENTRY.search(marker.title))
        if is_entry and run and candidates[run[-1]].index >= marker.index - 2:
            run.append(position)
        else:
            if len(run) >= 3:
                toc.update(run)
            run = [position] if is_entry else []
    if len(run) >= 3:
        toc.update(run)
    return [c for position, c in enumerate(candidates) if position not in toc]


def _drop_listed_above(candidates: list[_Marker]) -> list[_Marker]:
    """A bare list of items, each title right under the one before with no text of its own and
    none confirmed as a title ("165. Udstykning og salg af areal" to "169. Køb af ejendom", the
    closed items listed above the open ones; "125" over "Godkendelse af dagsorden" to "147" over
    its title), is not the items when a confirmed item further down does not continue its numbers
    ("145. Lokalplanlægning ..." over "Sagsnr.: 2017-016978"; "125. Godkendelse af dagsorden" over
    "Beslutning")."""
    dropped: set[int] = set()
    start = 0
    while start < len(candidates):
        end = start
        while (
            end + 1 < len(candidates)
            and candidates[end + 1].first == candidates[end].body
            and candidates[end + 1].number == candidates[end].number + 1
        ):
            end += 1
        run = candidates[start : end + 1]
        if (
            len(run) >= 2
            and not any(marker.confirmed for marker in run)
            and any(
                later.confirmed and later.number <= run[-1].number
                for later in candidates[end + 1 :]
            )
        ):
            dropped.update(range(start, end + 1))
        start = end + 1
    return [c for position, c in enumerate(candidates) if position not in dropped]


def _best_chain(candidates: list[_Marker]) -> list[_Marker]:
    """The chain numbered upwards in document order with the best score; earlier wins ties."""
    scores: list[float] = []
    previous: list[int] = []
    best_ending: dict[int, int] = {}  # item number -> best candidate so far ending a chain there
    for j, marker in enumerate(candidates):
        score, before = marker.plausibility, -1
        for number in range(marker.number - MAX_STEP, marker.number):
            if (i := best_ending.get(number)) is not None:
                gap = marker.number - number - 1
                if scores[i] + marker.plausibility - GAP_COST * gap > score:
                    score, before = scores[i] + marker.plausibility - GAP_COST * gap, i
        scores.append(score)
        previous.append(before)
        known = best_ending.get(marker.number)
        if known is None or score > scores[known]:
            best_ending[marker.number] = j
    if not candidates:
        return []
    j = max(range(len(candidates)), key=lambda k: (scores[k], -k))
    chain = []
    while j >= 0:
        chain.append(candidates[j])
        j = previous[j]
    return chain[::-1]


def _continue_title(title: str, body: list[Block]) -> tuple[str, list[Block]]:
    """A title wrapped onto the next line (which starts in lower case) is joined back."""
    while (
        body
        and title
        and not title.endswith((".", ":"))
        and body[0].text[:1].islower()
        and not body[0].text.casefold().endswith(".pdf")  # an attachment's file name
    ):
        title = f"{title} {body[0].text}"
        body = body[1:]
    return title or "Uden titel", body
