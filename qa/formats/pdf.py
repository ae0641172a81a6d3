"""Minutes published as PDF (eDoc, Acadre, FirstAgenda print-outs ...).

pypdf extracts the text page by page, each line with its page and the font it starts in;
`clean_lines` then removes the page furniture (running heads and footers repeated on most pages,
"Side 2 af 10"), joins words hyphenated at line ends and the wrapped lines of a paragraph (and of
an item title, told by its font), and the lines go to the common item and section finder in
`structure` knowing their page, so a citation can open the PDF where the passage is.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from qa.errors import MinutesError
from qa.formats.structure import (
    Block,
    find_committee,
    find_date,
    find_kind,
    is_item_marker,
    is_titled_by_previous_line,
    parse_blocks,
    section_heading,
    stands_alone,
)
from qa.identity import find_municipality
from qa.minutes import Meeting, clean_text

NAME = "pdf"
EXTENSIONS = (".pdf",)

_PAGE_LABEL = re.compile(r"^(side|page|s\.)\s*\d+(\s*(af|of|/)\s*\d+)?$|^\d+\s*(/|af)\s*\d+$", re.I)
_DASHED_NUMBER = re.compile(r"^[-–]\s*(\d{1,4})\s*[-–]$|^(\d{1,4})$")
_HYPHENATED = re.compile(r"(\w+)-\n(\w+)")
_KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "til", "&"}
# Presentation forms pypdf passes through: ligatures and the like (NFKC spells them out).
_COMPATIBILITY = re.compile("[\ufb00-\ufb06]")
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:)]")
HEAD_LINES, FOOT_LINES = 6, 4
WRAP_WIDTH = 50  # a line at least this long that does not end a sentence was wrapped

logging.getLogger("pypdf").setLevel(logging.ERROR)

Style = tuple[str, float]  # font name and size


@dataclass(frozen=True)
class Line:
    """A line of text as a PDF page shows it: its page, and the font its first characters are in."""

    text: str
    page: int = 1
    style: Style | None = None


def sniff(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def parse(data: bytes, source: str) -> Meeting:
    reader = _reader(data, source)
    pages = extract_pages(reader, source)
    texts = [[line.text for line in page] for page in pages]
    running = running_lines(texts)
    meeting_info = running + [line for page in texts[:2] for line in page[:40]]
    meeting = parse_blocks(
        [Block(line.text, page=line.page) for line in clean_lines(pages)],
        source,
        committee=find_committee(meeting_info),
        meeting_date=find_date(meeting_info),
        kind=find_kind(meeting_info),
    )
    # The first page's header only: later pages' contents name other municipalities too.
    header = [meeting.committee, *running, *(texts[0][:40] if texts else [])]
    return replace(
        meeting, url=document_url(reader, running), municipality=find_municipality(header)
    )


def _reader(data: bytes, source: str):
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and not reader.decrypt("")
    except Exception as exc:  # pypdf fails on damaged files in many ways; one bad file, one error
        raise MinutesError(
            source, f"cannot read the PDF ({exc or type(exc).__name__})", "pdf_unreadable"
        ) from exc
    if locked:
        raise MinutesError(
            source, "the PDF is password-protected; save an unprotected copy", "pdf_password"
        )
    return reader


def extract_pages(reader, source: str) -> list[list[Line]]:
    """Each page's lines, cleaned, with the font each starts in (as pypdf reports it)."""
    try:
        pages = [_page(page, number) for number, page in enumerate(reader.pages, 1)]
    except Exception as exc:  # as in _reader: a damaged page is a damaged file
        raise MinutesError(
            source, f"cannot read the PDF ({exc or type(exc).__name__})", "pdf_unreadable"
        ) from exc
    if not any(pages):
        raise MinutesError(
            source, "the PDF has no text layer (a scan?); OCR it first", "pdf_no_text"
        )
    return pages


def _page(page, number: int) -> list[Line]:
    """A page's text split into lines, each with the style of its first visible characters."""
    raw: list[str] = [""]
    styles: list[Style | None] = [None]

    def visit(text, cm, tm, font, size) -> None:
        pieces = text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                raw.append("")
                styles.append(None)
            raw[-1] += piece
            if piece.strip() and styles[-1] is None and font is not None:
                name = str(font.get("/BaseFont", "")).split("+")[-1].lstrip("/")
                scale = abs(tm[3] * cm[3]) if tm and cm and tm[3] and cm[3] else 1.0
                styles[-1] = (name, round(size * scale, 1))

    text = page.extract_text(visitor_text=visit) or ""
    if "\n".join(raw) != text:  # the visitor saw other text: the lines, without styles
        raw, styles = text.split("\n"), [None] * (text.count("\n") + 1)
    return page_lines("\n".join(raw), number, styles)


def page_lines(text: str, number: int = 1, styles: list[Style | None] | None = None) -> list[Line]:
    """A page's non-empty lines, cleaned: CRLF, BOM, no-break spaces, ligatures, soft hyphens."""
    lines = []
    for n, raw in enumerate(text.split("\n")):
        raw = _COMPATIBILITY.sub(lambda m: unicodedata.normalize("NFKC", m.group()), raw)
        if raw.endswith("\u00ad"):
            raw = raw[:-1] + "-"
        raw = raw.replace("\u00ad", "").replace("\u2010", "-")
        for piece in clean_text(raw).replace("\t", " ").split("\n"):
            if piece.strip():
                style = styles[n] if styles and n < len(styles) else None
                lines.append(Line(re.sub(r" {2,}", " ", piece.strip()), number, style))
    return lines


def clean_pages(pages: list[list[str]]) -> list[str]:
    """`clean_lines` for lines given as text: the document's lines without page furniture."""
    lines = [[Line(text, number) for text in page] for number, page in enumerate(pages, 1)]
    return [line.text for line in clean_lines(lines)]


def clean_lines(pages: list[list[Line]]) -> list[Line]:
    """The document's lines without page furniture, with hyphenation and line wraps undone.

    A line joined from several keeps the page and style of its first.
    """
    heads, feet = _furniture([[line.text for line in page] for page in pages])
    kept = []
    for number, page in enumerate(pages, 1):
        start, end = _body([line.text for line in page], _placed(heads), _placed(feet), number)
        kept += page[start:end]
    if not kept:
        return []
    joined = dehyphenate("\n".join(line.text for line in kept)).split("\n")
    return rejoin_lines(_realign(joined, kept), _body_style(kept))


def _realign(joined: list[str], lines: list[Line]) -> list[Line]:
    """`joined` (the lines after dehyphenation, which only joins neighbours) with the page and
    style of the first line each was made from."""
    out, i = [], 0
    for text in joined:
        first, target = lines[min(i, len(lines) - 1)], _letters(text)
        covered = _letters(lines[i].text) if i < len(lines) else ""
        i += 1
        while i < len(lines) and len(covered) < len(target):
            covered += _letters(lines[i].text)
            i += 1
        out.append(replace(first, text=text))
    return out


def _letters(text: str) -> str:
    return re.sub(r"[\s\-]", "", text)


def _body_style(lines: list[Line]) -> Style | None:
    """The style most of the text is in."""
    amount: Counter[Style | None] = Counter()
    for line in lines:
        amount[line.style] += len(line.text)
    return amount.most_common(1)[0][0] if amount else None


def running_lines(pages: list[list[str]]) -> list[str]:
    """Lines repeated at the top or bottom of most pages: running heads and footers."""
    heads, feet = _furniture(pages)
    out: list[str] = []
    for page in pages:
        for n, line in enumerate(page):
            edge = {(n, _shape(line))} & heads or {(len(page) - 1 - n, _shape(line))} & feet
            if edge and line not in out:
                out.append(line)
    return out


def document_url(reader, running: list[str]) -> str | None:
    """The document's web address: from its metadata (a URL field, or a field that is only an
    address; not the software's, in Creator and Producer), else a running line that holds one (a
    browser prints the page's address in the footer of every page). A link in the body text may
    point anywhere, so it is not used."""
    try:
        info = {
            str(key): str(value or "").strip() for key, value in (reader.metadata or {}).items()
        }
    except Exception:  # damaged metadata: the text is still good
        info = {}
    for key in sorted(info, key=lambda key: "url" not in key.lower()):
        if key in ("/Creator", "/Producer"):
            continue
        value = info[key]
        if match := _URL.fullmatch(value) or ("url" in key.lower() and _URL.search(value)):
            return match.group()
    for line in running:
        if match := _URL.search(line):
            return match.group()
    return None


def _furniture(pages: list[list[str]]) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(line number from the top, shape) of running heads; the same from the bottom for feet."""
    if len(pages) < 2:
        return set(), set()
    threshold = max(2, int(0.6 * len(pages)))
    heads: Counter[tuple[int, str]] = Counter()
    feet: Counter[tuple[int, str]] = Counter()
    for page in pages:
        heads.update((n, _shape(line)) for n, line in enumerate(page[:HEAD_LINES]))
        feet.update((n, _shape(line)) for n, line in enumerate(page[::-1][:FOOT_LINES]))
    return (
        {key for key, count in heads.items() if count >= threshold},
        {key for key, count in feet.items() if count >= threshold},
    )


def _placed(keys: set[tuple[int, str]]):
    """Whether a line is one of these running lines, give or take a line of position."""
    return lambda n, line: any((n + d, _shape(line)) in keys for d in (-1, 0, 1))


def _body(page: list[str], is_head, is_foot, number: int | None) -> tuple[int, int]:
    """Where a page's body starts and ends: past the furniture at its top and bottom edge,
    stopping at the first body line.

    A bare number is the page number only as the very first or last line and equal to `number`,
    so an item numbered "4" on a line of its own is kept.
    """

    def page_label(n: int) -> bool:
        bare = _DASHED_NUMBER.match(page[n])
        if bare and n in (0, len(page) - 1):
            return int(bare[1] or bare[2]) == number
        return bool(_PAGE_LABEL.match(page[n]))

    start = 0
    while start < min(HEAD_LINES, len(page)) and (is_head(start, page[start]) or page_label(start)):
        start += 1
    end = len(page)
    while end > max(start, len(page) - FOOT_LINES) and (
        is_foot(len(page) - end, page[end - 1]) or page_label(end - 1)
    ):
        end -= 1
    return start, end


def dehyphenate(text: str) -> str:
    """Join words split at line ends ("beskæf-\\ntigelse"), keeping real hyphens.

    A hyphen stays before "og"/"eller" ("Social- og Sundheds..."), when the document spells the
    word with a hyphen elsewhere, after a number or capitals ("EU-borgere", "6-måneders"), before
    a capital, and after "ikke" ("ikke-planlagte", as Danish spells it). Otherwise a split between
    two words the document uses on their own ("unge-indsats") is a real hyphen only in a document
    that never hyphenates words at line ends: one with a split like "beskæf-tigelse" does.
    """
    # How the document spells words elsewhere: not the split halves, not "Børne-" of "Børne- og".
    words = Counter(re.findall(r"\b\w+(?:-\w+)*\b(?!-)", _HYPHENATED.sub(" ", text).lower()))

    def decide(match: re.Match) -> str | None:
        """The certain spelling of this split, or None when it depends on the document."""
        left, right = match.group(1), match.group(2)
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if right.lower() in _KEEP_HYPHEN_BEFORE:
            return f"{left}- {right}"
        if words[hyphenated] > words[joined]:
            return f"{left}-{right}"
        if left.isdigit() or left.isupper() or not right[:1].islower() or left.lower() == "ikke":
            return f"{left}-{right}"
        if words[joined] or not (words[left.lower()] and words[right.lower()]):
            return left + right
        return None

    splits = list(_HYPHENATED.finditer(text))
    hyphenates = any(
        decide(m) == m.group(1) + m.group(2) and not words[(m.group(1) + m.group(2)).lower()]
        for m in splits
    )
    return _HYPHENATED.sub(
        lambda m: decide(m) or (m.group(1) + m.group(2) if hyphenates else f"{m[1]}-{m[2]}"),
        text,
    )


def rejoin_lines(lines: list[Line], body_style: Style | None = None) -> list[Line]:
    """Join the lines of a wrapped paragraph; headings, markers and list items stay apart.

    An item title set in its own font (bigger or bold, not `body_style`) takes the lines after it
    in the same font, whatever letter they start with ("... at sikre Havnens" / "Perles fremtid").
    """
    out: list[Line] = []
    for n, line in enumerate(lines):
        previous = out[-1].text if out else ""
        wrapped = len(previous) >= WRAP_WIDTH and not previous.endswith((".", ":", "!", "?"))
        titles_next = n + 1 < len(lines) and is_titled_by_previous_line(lines[n + 1].text)
        title_goes_on = bool(out) and _continues_title(out[-1], line, body_style)
        paragraph_goes_on = (
            wrapped
            and not titles_next
            and not stands_alone(line.text)
            and _continues(previous, line.text)
        )
        if title_goes_on or paragraph_goes_on:
            out[-1] = replace(out[-1], text=f"{previous} {line.text}")
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    """Whether `line` can carry on `previous`: never a heading, an item title only in lower case."""
    if section_heading(Block(previous)):
        return False
    return line[:1].islower() if is_item_marker(previous) else True


def _continues_title(title: Line, line: Line, body_style: Style | None) -> bool:
    """`line` is the rest of an item title: in the title's own font, which is not the body's."""
    return (
        title.style is not None
        and title.style == line.style
        and title.style != body_style
        and is_item_marker(title.text)
        and not title.text.endswith((".", ":"))
        and not (section_heading(Block(line.text)) or is_item_marker(line.text))
    )


def _shape(line: str) -> str:
    """A line with its digits blanked, so "Side 2" and "Side 3" count as the same furniture."""
    return re.sub(r"\d+", "#", line.strip().lower())
