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

from qa.minutes import Case, Meeting

CountTokens = Callable[[str], int]

# Bumped whenever chunking changes, so every case is embedded again.
CHUNKING_VERSION = 1
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
    source: str
    kind: str = "referat"

    @property
    def case_key(self) -> str:
        return case_key(self.committee, self.meeting_date, self.case_number, self.kind)

    @property
    def citation(self) -> str:
        """E.g. "Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39: Status på indsatsen ..."."""
        return f"{context_line(self.committee, self.meeting_date, self.case_number)}: {self.title}"

    @property
    def embedding_text(self) -> str:
        """What is embedded and keyword-indexed: the citation first, so short sections stay findable."""
        return f"{self.citation}\n{self.section}\n{self.text}"

    def to_json(self) -> dict:
        record = asdict(self)
        record["meeting_date"] = self.meeting_date.isoformat()
        return record

    @classmethod
    def from_json(cls, record: dict) -> Chunk:
        return cls(**{**record, "meeting_date": date.fromisoformat(record["meeting_date"])})


def case_key(committee: str, meeting_date: date, case_number: int, kind: str = "referat") -> str:
    """Identifies a case across rebuilds: committee, meeting date, document kind, case number."""
    return f"{committee.casefold()}|{meeting_date.isoformat()}|{kind}|{case_number}"


def context_line(committee: str, meeting_date: date, case_number: int) -> str:
    return f"{committee}, {meeting_date:%d-%m-%Y}, Sag nr. {case_number}"


def case_hash(meeting: Meeting, case: Case, max_tokens: int) -> str:
    """Changes whenever anything that goes into the case's chunks changes."""
    payload = {
        "v": CHUNKING_VERSION,
        "max_tokens": max_tokens,
        "committee": meeting.committee,
        "date": meeting.meeting_date.isoformat(),
        "kind": meeting.kind,
        "source": meeting.source,
        "case": asdict(case),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def chunk_case(
    meeting: Meeting, case: Case, count_tokens: CountTokens, max_tokens: int = CHUNK_TOKENS
) -> list[Chunk]:
    """Split one case into chunks that each fit `max_tokens` model tokens with their context."""
    header = (
        f"{context_line(meeting.committee, meeting.meeting_date, case.case_number)}: {case.title}"
    )
    # Room left for a chunk's section line and text once the citation is in front of it.
    budget = max(32, max_tokens - count_tokens(header) - 8)

    parts: list[tuple[str, str]] = []  # (section label, text)
    sections = [s for s in case.sections if s.text.strip()] or list(case.sections)
    if not sections:
        parts.append(("", case.title))
    elif count_tokens(case.text) <= budget:
        parts.append((", ".join(s.heading for s in sections), _sections_text(sections)))
    else:
        group: list = []
        for section in sections:
            alone = f"{section.heading}\n{section.text}"
            if count_tokens(alone) > budget:
                if group:
                    parts.append(_group_part(group))
                    group = []
                parts.extend(
                    (section.heading, piece) for piece in _split(section.text, count_tokens, budget)
                )
                continue
            if group and count_tokens(_sections_text([*group, section])) > budget:
                parts.append(_group_part(group))
                group = []
            group.append(section)
        if group:
            parts.append(_group_part(group))

    key = case_key(meeting.committee, meeting.meeting_date, case.case_number, meeting.kind)
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
        )
        for n, (label, text) in enumerate(parts)
    ]


def _sections_text(sections: list) -> str:
    if len(sections) == 1:
        return sections[0].text
    return "\n\n".join(f"{s.heading}\n{s.text}".strip() for s in sections)


def _group_part(group: list) -> tuple[str, str]:
    return ", ".join(s.heading for s in group), _sections_text(group)


def _split(text: str, count_tokens: CountTokens, budget: int) -> list[str]:
    # Imported here: it pulls in langchain_core (~0.3 s), which searching never needs.
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=budget,
        chunk_overlap=budget // 8,
        length_function=count_tokens,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )
    return [piece.strip() for piece in splitter.split_text(text) if piece.strip()]
