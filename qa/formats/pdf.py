"""Minutes published as PDF (eDoc, Acadre, FirstAgenda print-outs ...).

pypdf extracts the text page by page; `clean_pages` then removes the page furniture (running heads
and footers repeated on most pages, "Side 2 af 10"), joins words hyphenated at line ends and the
wrapped lines of a paragraph, and the lines go to the common item and section finder in
`structure`.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import replace

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
HEAD_LINES, FOOT_LINES = 6, 4
WRAP_WIDTH = 50  # a line at least this long that does not end a sentence was wrapped

logging.getLogger("pypdf").setLevel(logging.ERROR)


def sniff(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def parse(data: bytes, source: str) -> Meeting:
    pages = [page_lines(text) for text in extract_texts(data, source)]
    running = running_lines(pages)
    meeting_info = running + [line for page in pages[:2] for line in page[:40]]
    meeting = parse_blocks(
        [Block(line) for line in clean_pages(pages)],
        source,
        committee=find_committee(meeting_info),
        meeting_date=find_date(meeting_info),
        kind=find_kind(meeting_info),
    )
    # The first page's header only: later pages' contents name other municipalities too.
    header = [meeting.committee, *running, *(pages[0][:40] if pages else [])]
    return replace(meeting, municipality=find_municipality(header))


def extract_texts(data: bytes, source: str) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        locked = reader.is_encrypted and not reader.decrypt("")
        texts = [] if locked else [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf fails on damaged files in many ways; one bad file, one error
        raise MinutesError(source, f"cannot read the PDF ({exc or type(exc).__name__})") from exc
    if locked:
        raise MinutesError(source, "the PDF is password-protected; save an unprotected copy")
    if not any(text.strip() for text in texts):
        raise MinutesError(source, "the PDF has no text layer (a scan?); OCR it first")
    return texts


def page_lines(text: str) -> list[str]:
    """A page's non-empty lines, cleaned: CRLF, BOM, no-break spaces, ligatures, soft hyphens."""
    text = _COMPATIBILITY.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.replace("\u00ad\n", "-\n").replace("\u00ad", "").replace("\u2010", "-")
    text = clean_text(text).replace("\t", " ")
    return [re.sub(r" {2,}", " ", line.strip()) for line in text.split("\n") if line.strip()]


def clean_pages(pages: list[list[str]]) -> list[str]:
    """The document's lines without page furniture, with hyphenation and line wraps undone."""
    heads, feet = _furniture(pages)
    lines = [
        line
        for number, page in enumerate(pages, 1)
        for line in _strip(page, _placed(heads), _placed(feet), number)
    ]
    return rejoin_lines(dehyphenate("\n".join(lines)).split("\n"))


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


def strip_furniture(page: list[str], running: list[str], number: int | None = None) -> list[str]:
    """A page's lines without its running head, footer and page number."""
    shapes = {_shape(line) for line in running}

    def is_running(_: int, line: str) -> bool:
        return _shape(line) in shapes

    return _strip(page, is_running, is_running, number)


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


def _strip(page: list[str], is_head, is_foot, number: int | None) -> list[str]:
    """Drop the furniture at the top and bottom edge of a page, stopping at the first body line.

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
    return page[start:end]


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


def rejoin_lines(lines: list[str]) -> list[str]:
    """Join the lines of a wrapped paragraph; headings, markers and list items stay apart."""
    out: list[str] = []
    for n, line in enumerate(lines):
        previous = out[-1] if out else ""
        wrapped = len(previous) >= WRAP_WIDTH and not previous.endswith((".", ":", "!", "?"))
        titles_next = n + 1 < len(lines) and is_titled_by_previous_line(lines[n + 1])
        if wrapped and not titles_next and not stands_alone(line) and _continues(previous, line):
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    """Whether `line` can carry on `previous`: never a heading, an item title only in lower case."""
    if section_heading(Block(previous)):
        return False
    return line[:1].islower() if is_item_marker(previous) else True


def _shape(line: str) -> str:
    """A line with its digits blanked, so "Side 2" and "Side 3" count as the same furniture."""
    return re.sub(r"\d+", "#", line.strip().lower())
