"""Meetings and cases: the records every format is parsed into, and the parser for text exports.

The text export (as in `corpus/Rødovre/`) looks like::

    Beskæftigelsesudvalget
    08-10-2024
    Medlemmer
    Formand Kim Drejer Nielsen (C)
    ...
    Sager 37 - 42
    <case title>
    Sag nr. 38
    Beslutningskompetence: KB
    Sagens kerne
    ...
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from qa.errors import MinutesError, Notice
from qa.identity import MeetingKey, find_municipality

DECISION = "Beslutning"

# Top-level section headings of a case. Anything else on a line of its own (e.g. "Baggrund")
# is a sub-heading and stays inside the section it appears in.
SECTION_HEADINGS = (
    "Sagens kerne",
    "Resume",
    "Resumé",
    "Indstilling",
    "Beslutning",
    "Beslutninger",
    "Sagsfremstilling",
    "Supplerende sagsfremstilling",
    "Sagsbeskrivelse",
    "Baggrund for sagen",
    "Lov- og plangrundlag",
    "Retsgrundlag",
    "Økonomiske konsekvenser",
    "Bevillingsmæssige konsekvenser",
    "Økonomi",
    "Miljømæssige konsekvenser",
    "Høring",
    "Kommunikation",
    "Tidsplan",
    "Bilag",
    "Fraværende",
    "Afbud",
)
_HEADING_BY_KEY = {h.casefold(): h for h in SECTION_HEADINGS}

_NOISE_LINES = {"fold alle ud", "fold alle sammen"}
_CASE_LINE = re.compile(r"^Sag\s+nr\.?\s*(\d+)\s*$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_RANGE_LINE = re.compile(r"^Sager\s+(\d+)\s*[-–]\s*(\d+)$", re.IGNORECASE)
_AUTHORITY_LINE = re.compile(r"^Beslutningskompetence\s*:\s*(.*)$", re.IGNORECASE)
_MEMBER_LINE = re.compile(
    r"^(?:(?P<role>Formand|Næstformand)\s+)?(?P<name>.+?)\s*(?:\((?P<party>[^)]+)\))?$"
)


@dataclass(frozen=True)
class Member:
    name: str
    party: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    # Where the section starts in a paged document (a PDF), so a citation can open that page;
    # None for formats without pages.
    page: int | None = None
    # Offsets in `text` where each following page begins (repeated when a page has no text of
    # this section), so a passage cut from the middle of a long section knows its page.
    page_breaks: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page the text at `offset` is on."""
        if self.page is None:
            return None
        return self.page + sum(1 for b in self.page_breaks if b <= offset)


@dataclass(frozen=True)
class Case:
    case_number: int
    title: str
    sections: tuple[Section, ...] = ()
    authority: str | None = None

    def section(self, heading: str) -> str | None:
        """The text under `heading` (case-insensitive), or None when the case has no such section."""
        key = heading.casefold()
        for section in self.sections:
            if section.heading.casefold() == key:
                return section.text
        return None

    @property
    def decision(self) -> str | None:
        return self.section(DECISION) or self.section("Beslutninger")

    @property
    def text(self) -> str:
        """The whole case as readable text, headings included."""
        return "\n\n".join(f"{s.heading}\n{s.text}".strip() for s in self.sections)


@dataclass(frozen=True)
class Meeting:
    committee: str
    meeting_date: date
    cases: tuple[Case, ...]
    source: str
    members: tuple[Member, ...] = ()
    kind: str = "referat"  # or "dagsorden" (agenda, no decisions yet)
    case_range: tuple[int, int] | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    url: str | None = None  # the document's original web address, when the file records it
    municipality: str | None = None  # "Aarhus"; None when neither the file nor its folder says

    @property
    def key(self) -> MeetingKey:
        """Identifies the document across files: municipality, committee, day and kind, so a
        meeting's agenda and its minutes are both kept, and so are two municipalities' meetings."""
        return MeetingKey(self.municipality, self.committee, self.meeting_date, self.kind)


def clean_text(text: str) -> str:
    """Undo what exports do to text: BOM, CRLF, no-break and zero-width spaces, ligatures."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def canonical_heading(line: str) -> str | None:
    """The section heading this line names, or None if it is ordinary text."""
    return _HEADING_BY_KEY.get(line.strip().rstrip(":").casefold())


def parse_date(text: str) -> date | None:
    match = _DATE_LINE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_text_export(text: str, source: str) -> Meeting:
    """Parse a plain-text export of minutes into a Meeting; raise MinutesError if it is not one."""
    lines = [ln.strip() for ln in clean_text(text).split("\n")]
    lines = [ln for ln in lines if ln.casefold() not in _NOISE_LINES]
    content = [i for i, ln in enumerate(lines) if ln]
    if not content:
        raise MinutesError(source, "the file is empty", "empty")

    committee = lines[content[0]]
    meeting_date = parse_date(lines[content[1]]) if len(content) > 1 else None
    if meeting_date is None:
        raise MinutesError(
            source,
            "expected the committee name and then a date (DD-MM-YYYY) on the first lines",
            "text_header",
        )

    case_lines = [i for i, ln in enumerate(lines) if _CASE_LINE.match(ln)]
    if not case_lines:
        raise MinutesError(source, 'no cases found (no line of the form "Sag nr. N")', "no_cases")

    title_lines = [_previous_content_line(lines, i) for i in case_lines]
    header_end = title_lines[0] if title_lines[0] is not None else case_lines[0]
    members, case_range = _parse_header(lines[content[1] + 1 : header_end])

    cases = []
    for n, (case_line, title_line) in enumerate(zip(case_lines, title_lines, strict=True)):
        if n + 1 < len(case_lines):
            next_title = title_lines[n + 1]
            end = next_title if next_title is not None else case_lines[n + 1]
        else:
            end = len(lines)
        number = int(_CASE_LINE.match(lines[case_line]).group(1))
        title = lines[title_line] if title_line is not None else f"Sag nr. {number}"
        cases.append(_parse_case(number, title, lines[case_line + 1 : end]))

    warnings = check_case_numbers(cases, case_range)
    return Meeting(
        committee=committee,
        meeting_date=meeting_date,
        cases=tuple(cases),
        source=source,
        members=tuple(members),
        case_range=case_range,
        warnings=tuple(warnings),
        municipality=find_municipality([committee, *lines[content[1] + 1 : header_end]]),
    )


def check_case_numbers(cases: list[Case], case_range: tuple[int, int] | None) -> list[str]:
    """Compare parsed case numbers with the header's "Sager N - M" and describe any mismatch."""
    warnings = []
    numbers = [c.case_number for c in cases]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        numbers_text = ", ".join(map(str, repeated))
        warnings.append(
            Notice(
                f"case numbers appear more than once: {numbers_text}",
                "repeated_cases",
                numbers=numbers_text,
            )
        )
    if case_range:
        expected = set(range(case_range[0], case_range[1] + 1))
        missing = sorted(expected - set(numbers))
        extra = sorted(set(numbers) - expected)
        if missing:
            warnings.append(
                Notice(
                    f"header says Sager {case_range[0]} - {case_range[1]}, "
                    f"but cases {', '.join(map(str, missing))} are missing",
                    "header_missing_cases",
                    first=case_range[0],
                    last=case_range[1],
                    numbers=", ".join(map(str, missing)),
                )
            )
        if extra:
            warnings.append(
                Notice(
                    f"header says Sager {case_range[0]} - {case_range[1]}, "
                    f"but the file also has cases {', '.join(map(str, extra))}",
                    "header_extra_cases",
                    first=case_range[0],
                    last=case_range[1],
                    numbers=", ".join(map(str, extra)),
                )
            )
    return warnings


def _previous_content_line(lines: list[str], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        if lines[i]:
            return None if _CASE_LINE.match(lines[i]) or canonical_heading(lines[i]) else i
    return None


def _parse_header(lines: list[str]) -> tuple[list[Member], tuple[int, int] | None]:
    members: list[Member] = []
    case_range = None
    in_members = False
    for line in lines:
        if not line:
            continue
        if line.casefold() in ("medlemmer", "deltagere"):
            in_members = True
            continue
        if match := _RANGE_LINE.match(line):
            case_range = (int(match.group(1)), int(match.group(2)))
            in_members = False
            continue
        if in_members and (match := _MEMBER_LINE.match(line)):
            members.append(Member(match["name"], match["party"], match["role"]))
    return members, case_range


def _parse_case(number: int, title: str, body: list[str]) -> Case:
    authority = None
    sections: list[tuple[str, list[str]]] = []
    for line in body:
        if authority is None and not sections and (match := _AUTHORITY_LINE.match(line)):
            authority = match.group(1).strip() or None
            continue
        heading = canonical_heading(line) if line else None
        if heading:
            sections.append((heading, []))
        elif sections:
            sections[-1][1].append(line)
        elif line:
            sections.append(("Tekst", [line]))
    return Case(
        case_number=number,
        title=title,
        sections=tuple(Section(h, _join_paragraphs(body)) for h, body in sections),
        authority=authority,
    )


def _join_paragraphs(lines: list[str]) -> str:
    """Lines to text with one blank line between paragraphs."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
