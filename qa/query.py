"""What a question says about which meetings it means: "i oktober 2024", "maj 2023", "seneste møde".

A bare year ("omgørelsesprocent 2023") names what a case is about, not when it was discussed,
so only a month with a year, a full date, or "latest meeting" points at meetings.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from qa import glossary
from qa.keyword import stemmer, stopwords

MONTHS = {
    "januar": 1, "january": 1, "jan": 1,
    "februar": 2, "february": 2, "feb": 2,
    "marts": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_MONTH_YEAR = re.compile(
    r"\b(?:(\d{1,2})\.?\s+)?("
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+(\d{4})\b",
    re.IGNORECASE,
)
# A year, bare or in a date, but not a figure's digits ("2.024", "20245").
_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d]|[.,]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_LATEST = re.compile(
    r"\b(seneste|sidste|nyeste)\s+(møde|mødet|referat|referatet)|\b(latest|last|most recent)\s+meeting",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MeetingHint:
    """The meetings a question points at: date ranges, the latest meeting, named committees and
    municipalities."""

    ranges: tuple[tuple[date, date], ...] = ()
    latest: bool = False
    committees: tuple[str, ...] = ()
    rest: str = ""  # the question without its date phrases, for matching the text of cases
    municipalities: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ranges or self.latest or self.committees or self.municipalities)


def meeting_hint(
    question: str, committees: list[str] = (), municipalities: list[str] = ()
) -> MeetingHint:
    """Read date, committee and municipality references out of a question (Danish or English)."""
    ranges = []
    spans = []
    for match in _MONTH_YEAR.finditer(question):
        spans.append(match.span())
        day, month, year = match.group(1), MONTHS[match.group(2).lower()], int(match.group(3))
        if day and 1 <= int(day) <= calendar.monthrange(year, month)[1]:
            ranges.append((date(year, month, int(day)),) * 2)
        else:
            ranges.append(
                (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
            )
    for match in _NUMERIC_DATE.finditer(question):
        spans.append(match.span())
        if match.group(1):
            day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            year, month, day = int(match.group(4)), int(match.group(5)), int(match.group(6))
        try:
            ranges.append((date(year, month, day),) * 2)
        except ValueError:
            continue
    latest = _LATEST.search(question)
    if latest:
        spans.append(latest.span())
    rest = question
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    folded = question.casefold()
    named = tuple(c for c in committees if c and c.casefold() in folded)
    return MeetingHint(
        tuple(ranges),
        bool(latest),
        named,
        " ".join(rest.split()),
        named_municipalities(question, municipalities),
    )


def named_years(question: str) -> tuple[int, ...]:
    """The years a question names. Evidence of when, not a filter: the search's fitted fusion
    (qa.fusion) weighs a meeting of another year down, by as much as the tuning questions say."""
    return tuple(sorted({int(year) for year in _YEAR.findall(question)}))


def named_municipalities(question: str, municipalities: list[str]) -> tuple[str, ...]:
    """The indexed municipalities a question names: "i Brønderslev", "Gribskov's", "Odenses",
    or an exonym of qa/data/places.toml ("Copenhagen")."""
    known = {m.casefold(): m for m in municipalities if m}
    found = []
    for name, indexed in [*((m, m) for m in known), *_exonyms().items()]:
        target = known.get(indexed.casefold())
        if target and target not in found and _name_pattern(name).search(question):
            found.append(target)
    return tuple(found)


@cache
def _exonyms() -> dict[str, str]:
    with open(Path(__file__).resolve().parent / "data" / "places.toml", "rb") as handle:
        return tomllib.load(handle)["names"]


@cache
def _name_pattern(name: str) -> re.Pattern:
    """The name as a whole word, with a genitive s ("Gribskovs", "Gribskov's") allowed."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?:s|['’]s)?(?!\w)", re.IGNORECASE)


def without_meeting_names(question: str, committee: str | None, municipality: str | None) -> str:
    """The question without the words that name its meeting's municipality and committee.

    Within the meeting a question names, every case shares them: they describe no case's
    content, and left in they lift the cases whose text repeats the committee's name ("Teknik- og
    Miljøudvalgets område") over the one asked about. The committee's words are the longest run
    of the question's words that name it (in Danish, or through the glossary), so a topic that
    shares a word with the committee's name ("børn" of Børne- og Skoleudvalget) stays.
    """
    text = question
    if municipality:
        text = _name_pattern(municipality).sub(" ", text)
    if committee:
        start, end = _committee_run(text, committee.casefold())
        if end > start:
            text = text[:start] + " " + text[end:]
    text = " ".join(text.split())
    left = [w for w in _WORD.findall(text) if w.casefold() not in stopwords()]
    return text if left else question


def _committee_run(text: str, name: str) -> tuple[int, int]:
    """The character span of the longest run of words naming committee `name` (case-folded),
    joined only by function words; (0, 0) when no word names it."""
    words = list(_WORD.finditer(text))
    naming = [_names(name, [m.group()]) for m in words]
    # An English phrase names it when one of its Danish words does ("environment committee").
    position = 0
    for phrase, danish in glossary.translations(text):
        size = len(phrase.split())
        while position + size <= len(words):
            if " ".join(m.group() for m in words[position : position + size]) == phrase:
                if _names(name, danish):
                    naming[position : position + size] = [True] * size
                position += size
                break
            position += 1
    joining = [m.group().casefold() in stopwords() for m in words]
    best, run_start, count, best_count = (0, 0), None, 0, 0
    for i in range(len(words) + 1):
        if i < len(words) and naming[i]:
            run_start = i if run_start is None else run_start
            count += 1
            if count > best_count:
                best, best_count = (words[run_start].start(), words[i].end()), count
        elif i < len(words) and joining[i] and run_start is not None:
            continue
        else:
            run_start, count = None, 0
    return best


def _names(name: str, words) -> bool:
    """Whether one of `words` (Danish) is part of the committee's name: its stem, four letters
    or more, is in it ("teknik", "udvalg", "miljøudvalg")."""
    stem = stemmer("danish").stemWord
    return any(len(s) >= 4 and s in name for s in (stem(w.casefold()) for w in words))
