"""Synthetic minutes for bench/run.py: the real sentences of corpus/Rødovre/*.txt, recombined.

Each synthetic case copies the shape of a real case (its sections, lines and sentences per line)
and fills it with real sentences from the same section heading, so chunk sizes and vocabulary
stay those of real minutes while committees, dates, case numbers and figures vary. Files are
written in the text-export format, so a benchmark measures the real ingestion path.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from qa.ingest import load_corpus

COMMITTEES = (
    "Økonomiudvalget",
    "Kommunalbestyrelsen",
    "Beskæftigelsesudvalget",
    "Børne- og Skoleudvalget",
    "Kultur- og Fritidsudvalget",
    "Social- og Sundhedsudvalget",
    "Teknik- og Miljøudvalget",
    "Ældre- og Handicapudvalget",
    "Klima- og Byudviklingsudvalget",
    "Erhvervs- og Integrationsudvalget",
    "Plan- og Boligudvalget",
    "Folkeoplysningsudvalget",
)
PARTIES = ("A", "B", "C", "F", "I", "O", "V", "Ø", "Å")
FIRST_YEAR, LAST_YEAR = 2010, 2025

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"(])")
_BULLET = re.compile(r"^(•|-|\d+\.)\s")
_NUMBER = re.compile(r"\d+")
_BULLET_LINE, _SUBHEADING_LINE = -1, 0  # in a case shape; a positive count is sentences


@dataclass
class SentencePool:
    """What synthetic minutes are made of, all taken from real minutes."""

    shapes: list[list[tuple[str, list[int]]]]  # per real case: (heading, one count per line)
    sentences: dict[str, list[str]]  # heading -> the real sentences under it
    bullets: list[str]
    subheadings: list[str]
    titles: list[str]
    members: list[str]
    authorities: list[str]
    chars: int  # characters of case text in the real corpus, to size synthetic corpora

    @classmethod
    def from_corpus(cls, corpus_dir: Path) -> SentencePool:
        corpus = load_corpus([corpus_dir])
        if not corpus.meetings:
            raise ValueError(f"no minutes to take sentences from in {corpus_dir}")
        pool = cls([], defaultdict(list), [], [], [], [], [], 0)
        for meeting in corpus.meetings:
            pool.members.extend(m.name for m in meeting.members)
            for case in meeting.cases:
                pool.titles.append(case.title)
                pool.authorities.append(case.authority or "KB")
                pool.chars += len(case.text)
                pool.shapes.append(
                    [(s.heading, pool._take(s.heading, s.text)) for s in case.sections]
                )
        pool.sentences = dict(pool.sentences)
        return pool

    def _take(self, heading: str, text: str) -> list[int]:
        """Collect a section's lines into the pool; return its shape."""
        shape = []
        for line in filter(None, text.split("\n")):
            if _BULLET.match(line):
                self.bullets.append(line)
                shape.append(_BULLET_LINE)
            elif len(line) < 60 and not line.endswith((".", ":", "!", "?")):
                self.subheadings.append(line)
                shape.append(_SUBHEADING_LINE)
            else:
                parts = _SENTENCE_END.split(line)
                self.sentences[heading].extend(parts)
                shape.append(len(parts))
        return shape


def synthetic_meeting(
    pool: SentencePool,
    rng: random.Random,
    committee: str,
    meeting_date: date,
    first_case: int,
    case_count: int,
) -> str:
    """One meeting as a text export, like the files in corpus/Rødovre/."""
    members = rng.sample(pool.members, min(len(pool.members), rng.randint(3, 5)))
    lines = [committee, "", f"{meeting_date:%d-%m-%Y}", "", "Medlemmer", ""]
    for n, name in enumerate(members):
        lines.append(f"{'Formand ' if n == 0 else ''}{name} ({rng.choice(PARTIES)})")
    lines += ["", f"Sager {first_case} - {first_case + case_count - 1}", "", "Fold alle ud", ""]
    for number in range(first_case, first_case + case_count):
        title = rng.choice(pool.titles)
        if rng.random() < 0.5:
            title = f"{title} {rng.randint(FIRST_YEAR, LAST_YEAR)}"
        authority = rng.choice(pool.authorities)
        lines += [title, f"Sag nr. {number}", "", f"Beslutningskompetence: {authority}"]
        for heading, shape in rng.choice(pool.shapes):
            lines += ["", heading, ""]
            for count in shape:
                lines += [_line(pool, rng, heading, count), ""]
    return "\n".join(lines) + "\n"


def write_corpus(
    directory: Path,
    target_chunks: int,
    chars_per_chunk: float,
    pool: SentencePool,
    seed: int = 0,
) -> list[Path]:
    """Write meetings of 4-12 cases into `directory` until they hold ~`target_chunks` chunks."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    chars_per_case = pool.chars / len(pool.shapes)
    target_cases = max(1, round(target_chunks * chars_per_chunk / chars_per_case))
    used: set[tuple[str, date]] = set()
    paths = []
    cases = 0
    while cases < target_cases:
        committee, meeting_date = new_meeting_slot(rng, used)
        count = min(rng.randint(4, 12), target_cases - cases)
        text = synthetic_meeting(pool, rng, committee, meeting_date, rng.randint(1, 300), count)
        path = directory / file_name(committee, meeting_date)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        cases += count
    return paths


def new_meeting_slot(rng: random.Random, used: set[tuple[str, date]]) -> tuple[str, date]:
    """A committee and a weekday it has not met on yet: one meeting per committee and day."""
    span = (date(LAST_YEAR, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    while True:
        committee = rng.choice(COMMITTEES)
        meeting_date = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, span))
        if meeting_date.weekday() < 5 and (committee, meeting_date) not in used:
            used.add((committee, meeting_date))
            return committee, meeting_date


def file_name(committee: str, meeting_date: date) -> str:
    """Like corpus/Rødovre/: "beskaeftigelsesudvalget_2024-10-08.txt"."""
    slug = committee.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return f"{re.sub(r'[^a-z0-9]+', '_', slug).strip('_')}_{meeting_date.isoformat()}.txt"


def _line(pool: SentencePool, rng: random.Random, heading: str, count: int) -> str:
    if count == _BULLET_LINE:
        return rng.choice(pool.bullets)
    if count == _SUBHEADING_LINE:
        return rng.choice(pool.subheadings)
    sentences = pool.sentences[heading]
    return " ".join(_vary_numbers(rng.choice(sentences), rng) for _ in range(count))


def _vary_numbers(sentence: str, rng: random.Random) -> str:
    """Half the sentences get other figures, so amounts, years and counts vary across meetings."""
    if rng.random() < 0.5:
        return sentence

    def replace(match: re.Match) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith("20"):
            return str(rng.randint(FIRST_YEAR, LAST_YEAR))
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
        return str(rng.randint(low, 10 ** len(digits) - 1))

    return _NUMBER.sub(replace, sentence)
