"""From lines of text to a Meeting, by the markers minutes use across Danish systems.

PDF and web-page parsers reduce a document to `Block`s (a line of text, or a heading) and hand
them here. Items are found by their markers ("Sag nr. 38", "Punkt 4: Title", "4. Title", a bare
number line), keeping only the longest run numbered one by one, so numbered lists inside a case
and tables of contents are not taken for items. Sections are found by their headings; every
form of decision heading ("Beslutning", "Beslutninger", "<Udvalg>s beslutning den 04.12.2012",
"Beslutning i <Udvalg> den <dato>") becomes the section "Beslutning".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from qa.errors import MinutesError
from qa.minutes import SECTION_HEADINGS, Case, Meeting, Section, check_case_numbers, parse_date

# Headings of systems other than the text export: all start a section of a case.
GENERIC_HEADINGS = {
    h.casefold(): h
    for h in (
        *SECTION_HEADINGS,
        "Sammendrag", "Baggrund", "Beslutningspunkter", "Sagsforløb", "Sagsfremstilling",
        "Forslag", "Indstilling", "Økonomi", "Økonomiske forhold", "Økonomiske konsekvenser",
        "Høringssvar", "Videre proces", "Lovgrundlag", "Retsgrundlag", "Vurdering",
        "Bilag", "Bilagsfortegnelse", "Resume", "Resumé", "Kompetence", "Tidligere beslutninger",
    )
}  # fmt: skip

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

_DECISION = re.compile(
    r"^(?:.{0,80}?s\s+)?beslutning(?:er)?(?:\s+(?:i|den|på)\b.{0,80})?:?$", re.IGNORECASE
)
_SAG_NR = re.compile(r"^Sag\s+nr\.?\s*(\d{1,4})\b\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_PUNKT = re.compile(r"^Punkt\s+(\d{1,4})\s*[:.)\-–]?\s*(.*)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.)]\s+([A-ZÆØÅ0-9\"'“«].{1,200})$")
_BARE_NUMBER = re.compile(r"^(\d{1,3})\.?$")
_CASE_META = re.compile(r"^(sagsnr|sags nr|sagsid|dok\.?nr|j\.?\s?nr|emn-|acadre)", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"\s\d{1,3}$")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\b")
_TEXT_DATE = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_COMMITTEE = re.compile(
    r"(udvalg|byråd|kommunalbestyrelse|regionsråd|borgerrepræsentation|magistrat|råd)\w*",
    re.IGNORECASE,
)
_KIND = re.compile(r"\b(dagsorden|referat|beslutningsprotokol)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """A line of a document; `heading` > 0 when the document marked it as a heading."""

    text: str
    heading: int = 0


def find_date(texts: list[str]) -> date | None:
    """The first date in these texts: 04.12.2012, 04-12-2012 or 4. december 2012."""
    for text in texts:
        if match := _NUMERIC_DATE.search(text):
            found = parse_date("-".join(match.groups()))
            if found:
                return found
        if match := _TEXT_DATE.search(text):
            day, month, year = match.groups()
            try:
                return date(int(year), MONTHS[month.lower()], int(day))
            except ValueError:
                continue
    return None


def find_committee(texts: list[str]) -> str | None:
    """A line near the top that names a committee or council, e.g. "Teknisk Udvalg"."""
    for text in texts:
        text = text.strip()
        if 3 <= len(text) <= 80 and _COMMITTEE.search(text) and not _KIND.match(text):
            return re.split(r"\s+[-–]\s+", text)[0].strip()
    return None


def find_kind(texts: list[str]) -> str:
    """ "dagsorden" for an agenda (nothing decided yet), else "referat"."""
    for text in texts:
        if match := _KIND.search(text):
            return "dagsorden" if match.group(1).lower() == "dagsorden" else "referat"
    return "referat"


def section_heading(block: Block) -> str | None:
    """The section this block starts, or None when it is ordinary text."""
    text = block.text.strip()
    key = text.rstrip(":").strip().casefold()
    if text and len(text) <= 160 and _DECISION.match(text):
        return "Beslutning"
    if key in GENERIC_HEADINGS:
        return GENERIC_HEADINGS[key]
    if block.heading:
        return text.rstrip(":") or "Tekst"
    return None


def parse_blocks(
    blocks: list[Block],
    source: str,
    committee: str | None = None,
    meeting_date: date | None = None,
    kind: str | None = None,
) -> Meeting:
    """Find the meeting, its items and their sections in a document's blocks."""
    blocks = [b for b in blocks if b.text.strip() or b.heading]
    head = [b.text for b in blocks[:60]]
    committee = committee or find_committee(head)
    meeting_date = meeting_date or find_date(head)
    if not committee or not meeting_date:
        missing = " and ".join(
            what
            for what, value in (("committee", committee), ("meeting date", meeting_date))
            if not value
        )
        raise MinutesError(source, f"no {missing} found at the top; is this a set of minutes?")

    markers = _item_markers(blocks)
    if not markers:
        raise MinutesError(source, "no agenda items found (no numbered items or 'Sag nr.' lines)")
    cases = []
    for n, (start, _, number, title) in enumerate(markers):
        end = markers[n + 1][1] if n + 1 < len(markers) else len(blocks)
        body = blocks[start + 1 : end]
        title, body = _continue_title(title, body)
        cases.append(Case(case_number=number, title=title, sections=_sections(body)))
    return Meeting(
        committee=committee,
        meeting_date=meeting_date,
        cases=tuple(cases),
        source=source,
        kind=kind or find_kind(head),
        warnings=tuple(check_case_numbers(cases, None)),
    )


def _item_markers(blocks: list[Block]) -> list[tuple[int, int, int, str]]:
    """(marker index, first index of the item, item number, title) of each item, in order."""
    candidates = []  # (index, number, title, strength)
    titled_before = set()  # markers whose title is the line before them
    for i, block in enumerate(blocks):
        text = block.text.strip()
        following = blocks[i + 1].text.strip() if i + 1 < len(blocks) else ""
        strength = 1 if block.heading else 0
        if match := _SAG_NR.match(text):
            title = match.group(2).strip()
            if not title and i > 0 and not section_heading(blocks[i - 1]):
                title = blocks[i - 1].text.strip()
                titled_before.add(i)
            candidates.append((i, int(match.group(1)), title, strength + 2))
        elif match := _PUNKT.match(text):
            candidates.append((i, int(match.group(1)), match.group(2).strip(), strength + 2))
        elif match := _NUMBERED.match(text):
            title = match.group(2).strip()
            strength += 1 if _CASE_META.match(following) else 0
            strength -= 1 if re.search(r"(,|\bog|\bsamt|\beller)$", title) else 0
            candidates.append((i, int(match.group(1)), title, strength))
        elif (
            (match := _BARE_NUMBER.match(text)) and following and not _BARE_NUMBER.match(following)
        ):
            candidates.append((i, int(match.group(1)), following, strength))
    candidates = _drop_table_of_contents(candidates)
    chain = _longest_run(candidates)
    return [(i, i - (i in titled_before), number, title) for i, number, title, _ in chain]


def _drop_table_of_contents(candidates: list) -> list:
    """Entries like "3. Title 7" on consecutive lines are a table of contents, not items."""
    toc = set()
    run: list[int] = []
    for position, (i, _, title, _) in enumerate(candidates):
        is_entry = bool(_TOC_ENTRY.search(title))
        if is_entry and run and candidates[run[-1]][0] >= i - 2:
            run.append(position)
        else:
            if len(run) >= 3:
                toc.update(run)
            run = [position] if is_entry else []
    if len(run) >= 3:
        toc.update(run)
    return [c for position, c in enumerate(candidates) if position not in toc]


def _longest_run(candidates: list) -> list:
    """The longest chain numbered n, n+1, n+2 ... in document order; stronger markers win ties."""
    best: list[tuple[int, int, int]] = []  # per candidate: (length, strength, previous)
    for j, (_, number, _, strength) in enumerate(candidates):
        choice = (1, strength, -1)
        for i in range(j):
            if candidates[i][1] == number - 1:
                length, total, _ = best[i]
                if (length + 1, total + strength) > choice[:2]:
                    choice = (length + 1, total + strength, i)
        best.append(choice)
    if not best:
        return []
    j = max(range(len(best)), key=lambda i: best[i][:2])
    chain = []
    while j >= 0:
        chain.append(candidates[j])
        j = best[j][2]
    return chain[::-1]


def _continue_title(title: str, body: list[Block]) -> tuple[str, list[Block]]:
    """A title wrapped onto the next line (which starts in lower case) is joined back."""
    while body and title and not title.endswith((".", ":")) and body[0].text[:1].islower():
        title = f"{title} {body[0].text.strip()}"
        body = body[1:]
    return title or "Uden titel", body


def _sections(body: list[Block]) -> tuple[Section, ...]:
    sections: list[tuple[str, list[str]]] = []
    for block in body:
        heading = section_heading(block)
        if heading:
            sections.append((heading, []))
        elif sections:
            sections[-1][1].append(block.text.strip())
        else:
            sections.append(("Tekst", [block.text.strip()]))
    return tuple(Section(h, "\n".join(lines).strip()) for h, lines in sections)
