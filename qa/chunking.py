"""Cases to chunks: a chunk is a whole case when it fits the model, else parts of one case.

A long case is split on section boundaries first (small neighbouring sections share a chunk),
then a section too long on its own is split by langchain's recursive splitter, sized in model
tokens. A chunk never spans two cases, and every chunk carries its full citation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from langchain_text_splitters import RecursiveCharacterTextSplitter

from qa.identity import CaseKey
from qa.minutes import Case, Meeting, Section

CountTokens = Callable[[str], int]

# Bumped whenever chunking changes, so every case is embedded again.
CHUNKING_VERSION = 2  # 2: chunks carry the page they start on and the web address
# Model tokens per chunk, citation included. Measured on eval/questions.jsonl with the default
# model: 256 gave dense MRR@10 0.969 vs 0.958 at 512 (hybrid 1.000 at both) and passages short
# enough to read at a glance; 128 was worse (dense 0.951, hybrid 0.976).
CHUNK_TOKENS = 256


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    committee: str
    meeting_date: date
    case_number: int
    title: str
    section: str
    text: str
    source: str  # the file's path under the corpus root, e.g. "Aarhus/referat.html"
    kind: str = "referat"  # or "dagsorden"
    page: int | None = None  # the page of a PDF the text starts on, for a link to it
    url: str | None = None  # the document's original web address, when its file records one
    municipality: str | None = None  # "Aarhus"; None when unknown

    @property
    def case_key(self) -> CaseKey:
        return CaseKey(
            self.municipality, self.committee, self.meeting_date, self.kind, self.case_number
        )

    @property
    def citation(self) -> str:
        """E.g. "Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39: Status på indsatsen ..."."""
        return self.cite()

    def cite(self, with_municipality: bool = False) -> str:
        """The citation; with the municipality when the index holds more than one."""
        line = context_line(
            self.committee,
            self.meeting_date,
            self.case_number,
            self.kind,
            self.municipality if with_municipality else None,
        )
        return f"{line}: {self.title}"

    @property
    def embedding_text(self) -> str:
        """What is embedded and keyword-indexed: the citation first, so short sections stay findable."""
        line = context_line(self.committee, self.meeting_date, self.case_number)
        return f"{line}: {self.title}\n{self.section}\n{self.text}"

    def to_json(self) -> dict:
        record = asdict(self)
        record["meeting_date"] = self.meeting_date.isoformat()
        return record

    @classmethod
    def from_json(cls, record: dict) -> Chunk:
        return cls(**{**record, "meeting_date": date.fromisoformat(record["meeting_date"])})


def context_line(
    committee: str,
    meeting_date: date,
    case_number: int,
    kind: str = "referat",
    municipality: str | None = None,
) -> str:
    """E.g. "Aarhus, Teknisk Udvalg, 01-10-2025, Sag nr. 2"; an agenda says "dagsorden" after the date.

    The municipality is left out when the committee's name already says it ("Aarhus Byråd").
    """
    parts = [committee, f"{meeting_date:%d-%m-%Y}"]
    if municipality and municipality.casefold() not in committee.casefold():
        parts.insert(0, municipality)
    if kind != "referat":
        parts.append(kind)
    return ", ".join([*parts, f"Sag nr. {case_number}"])


def case_hash(meeting: Meeting, case: Case, max_tokens: int) -> str:
    """Changes whenever anything that goes into the case's chunks changes."""
    payload = {
        "v": CHUNKING_VERSION,
        "max_tokens": max_tokens,
        "committee": meeting.committee,
        "date": meeting.meeting_date.isoformat(),
        "kind": meeting.kind,
        "municipality": meeting.municipality,
        "source": meeting.source,
        "url": meeting.url,
        "case": asdict(case),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def chunk_case(
    meeting: Meeting, case: Case, count_tokens: CountTokens, max_tokens: int = CHUNK_TOKENS
) -> list[Chunk]:
    """Split one case into chunks that each fit `max_tokens` model tokens with their context."""
    header = f"{context_line(meeting.committee, meeting.meeting_date, case.case_number)}: {case.title}"  # as Chunk.embedding_text starts
    # Room left for a chunk's section line and text once the citation is in front of it.
    budget = max(32, max_tokens - count_tokens(header) - 8)

    parts: list[tuple[str, str, int | None]] = []  # (section label, text, page it starts on)
    sections = [s for s in case.sections if s.text.strip()] or list(case.sections)
    if not sections:
        parts.append(("", case.title, None))
    elif count_tokens(case.text) <= budget:
        parts.append(_group_part(sections))
    else:
        group: list = []
        for section in sections:
            alone = f"{section.heading}\n{section.text}"
            if count_tokens(alone) > budget:
                if group:
                    parts.append(_group_part(group))
                    group = []
                parts.extend(_split_section(section, count_tokens, budget))
                continue
            if group and count_tokens(_sections_text([*group, section])) > budget:
                parts.append(_group_part(group))
                group = []
            group.append(section)
        if group:
            parts.append(_group_part(group))

    key = meeting.key.case(case.case_number)
    return [
        Chunk(
            chunk_id=f"{key}#{n}",
            committee=meeting.committee,
            meeting_date=meeting.meeting_date,
            case_number=case.case_number,
            title=case.title,
            section=label,
            text=text,
            source=meeting.source,
            kind=meeting.kind,
            page=page,
            url=meeting.url,
            municipality=meeting.municipality,
        )
        for n, (label, text, page) in enumerate(parts)
    ]


def _sections_text(sections: list) -> str:
    if len(sections) == 1:
        return sections[0].text
    return "\n\n".join(f"{s.heading}\n{s.text}".strip() for s in sections)


def _group_part(group: list[Section]) -> tuple[str, str, int | None]:
    """Sections sharing a chunk; it starts where its text does (at a lone section's text, at the
    first heading when several are shown with their headings)."""
    page = group[0].page_at(0) if len(group) == 1 else group[0].page
    return ", ".join(s.heading for s in group), _sections_text(group), page


def _split_section(
    section: Section, count_tokens: CountTokens, budget: int
) -> list[tuple[str, str, int | None]]:
    """A section too long for one chunk, in pieces that each know the page they start on."""
    parts, start = [], 0
    for piece in _split(section.text, count_tokens, budget):
        found = section.text.find(piece, start)
        start = found if found >= 0 else start  # a piece not found verbatim: the page before
        parts.append((section.heading, piece, section.page_at(start)))
    return parts


def _split(text: str, count_tokens: CountTokens, budget: int) -> list[str]:
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=budget,
        chunk_overlap=budget // 8,
        length_function=count_tokens,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )
    return [piece.strip() for piece in splitter.split_text(text) if piece.strip()]
