"""Minutes published as PDF (eDoc, Acadre, FirstAgenda print-outs ...).

pypdf extracts the text page by page; then the page furniture is removed (running heads and
footers repeated on most pages, "Side 2 af 10"), words hyphenated at line ends are joined, and the
lines go to the common item and section finder in `structure`.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from qa.errors import MinutesError
from qa.formats.structure import (
    Block,
    find_committee,
    find_date,
    find_kind,
    parse_blocks,
    section_heading,
)
from qa.minutes import Meeting, clean_text

NAME = "pdf"
EXTENSIONS = (".pdf",)

_PAGE_NUMBER = re.compile(
    r"^(side|page)\s+\d+(\s+(af|of)\s+\d+)?$|^\d+\s*/\s*\d+$|^-?\s*\d{1,3}\s*-?$", re.I
)
_HYPHENATED = re.compile(r"(\w+)-\n(\w+)")
_KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "til", "&"}
HEAD_LINES, FOOT_LINES = 6, 4
WRAP_WIDTH = 50  # a line at least this long that does not end a sentence was wrapped
_MARKER = re.compile(r"^(\d{1,3}[.)]?\s|sag\s+nr|punkt\s+\d)", re.IGNORECASE)

logging.getLogger("pypdf").setLevel(logging.ERROR)


def sniff(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def parse(data: bytes, source: str) -> Meeting:
    pages = extract_pages(data, source)
    running = running_lines(pages)
    meeting_info = running + [line for page in pages[:2] for line in page[:40]]
    lines = [line for page in pages for line in strip_furniture(page, running)]
    text = dehyphenate("\n".join(lines))
    blocks = [Block(line) for line in rejoin_lines(text.split("\n"))]
    return parse_blocks(
        blocks,
        source,
        committee=find_committee(meeting_info),
        meeting_date=find_date(meeting_info),
        kind=find_kind(meeting_info),
    )


def extract_pages(data: bytes, source: str) -> list[list[str]]:
    """The text lines of each page, cleaned (ligatures, no-break spaces, CRLF)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise MinutesError(source, f"cannot read the PDF ({exc})") from exc
    pages = [[ln.strip() for ln in clean_text(t).split("\n") if ln.strip()] for t in texts]
    if not any(pages):
        raise MinutesError(source, "the PDF has no text layer (a scan?); OCR it first")
    return pages


def running_lines(pages: list[list[str]]) -> list[str]:
    """Lines repeated at the top or bottom of most pages: running heads and footers."""
    if len(pages) < 3:
        return []
    counts: Counter[str] = Counter()
    for page in pages:
        zone = page[:HEAD_LINES] + page[-FOOT_LINES:]
        counts.update({_shape(line) for line in zone})
    threshold = max(2, int(0.6 * len(pages)))
    shapes = {shape for shape, n in counts.items() if n >= threshold}
    seen, out = set(), []
    for page in pages:
        for line in page[:HEAD_LINES] + page[-FOOT_LINES:]:
            if _shape(line) in shapes and line not in seen:
                seen.add(line)
                out.append(line)
    return out


def strip_furniture(page: list[str], running: list[str]) -> list[str]:
    """A page's lines without its running head, footer and page number."""
    shapes = {_shape(line) for line in running}
    keep = []
    for n, line in enumerate(page):
        in_margin = n < HEAD_LINES or n >= len(page) - FOOT_LINES
        if (in_margin and _shape(line) in shapes) or _PAGE_NUMBER.match(line):
            continue
        keep.append(line)
    return keep


def dehyphenate(text: str) -> str:
    """Join words split at line ends ("beskæf-\\ntigelse"), keeping real hyphens.

    A hyphen stays when the word continues with "og"/"eller" ("Social- og Sundheds..."), when
    the document spells the word with a hyphen elsewhere, when both halves are words the
    document uses on their own ("ikke-planlagte"), or after a number or capitals ("EU-borgere").
    """
    # How the document spells words elsewhere, not counting the split halves themselves.
    words = Counter(re.findall(r"\w+(?:-\w+)*", _HYPHENATED.sub(" ", text).lower()))

    def join(match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        if right.lower() in _KEEP_HYPHEN_BEFORE:
            return f"{left}- {right}"
        joined, hyphenated = f"{left}{right}", f"{left}-{right}"
        if words[hyphenated.lower()] > words[joined.lower()]:
            return hyphenated
        if not words[joined.lower()] and words[left.lower()] and words[right.lower()]:
            return hyphenated  # two words of their own: "ikke-planlagte", not "beskæf-tigelse"
        if left.isdigit() or left.isupper() or not right[:1].islower():
            return hyphenated
        return joined

    return _HYPHENATED.sub(join, text)


def rejoin_lines(lines: list[str]) -> list[str]:
    """Join the lines of a wrapped paragraph; headings and item markers stay lines of their own."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        wrapped = len(previous) >= WRAP_WIDTH and not previous.endswith((".", ":", "!", "?"))
        stands_alone = any(section_heading(Block(x)) or _MARKER.match(x) for x in (line, previous))
        if wrapped and not stands_alone:
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return out


def _shape(line: str) -> str:
    """A line with its digits blanked, so "Side 2" and "Side 3" count as the same furniture."""
    return re.sub(r"\d+", "#", line.strip().lower())
