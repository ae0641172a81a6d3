"""What a question asks for and what a sentence of the minutes holds, read with the word lists
of `qa/data/<language>.toml` (data, not code: a language or a word is added there).

These are yes/no facts about a text (asks for a date, holds an amount in kroner, stands in the
Økonomi section); how much each counts is fitted on data (`qa.answer_features`, `bench/fit_answer.py`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from qa.figures import YEAR as _YEAR

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("da", "en")
# The question word decides first ("Hvornår godkendte ...?" asks for a date, "Hvem tog forbehold,
# da udvalget besluttede ...?" for a name), then what the question is about.
INTENTS = ("who", "date", "decision", "cost", "figure")


@cache
def words() -> dict[str, dict[str, list[str]]]:
    """The word lists of every language, joined per table and key."""
    joined: dict[str, dict[str, list[str]]] = {}
    for language in LANGUAGES:
        with open(DATA / f"{language}.toml", "rb") as handle:
            for table, lists in tomllib.load(handle).items():
                for name, entries in lists.items():
                    joined.setdefault(table, {}).setdefault(name, []).extend(entries)
    return joined


@cache
def pattern(table: str, name: str) -> re.Pattern:
    """The list as one pattern of whole words ("§" and "%" match anywhere)."""
    entries = sorted(words()[table][name], key=len, reverse=True)
    if not entries:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w§%])(?:" + "|".join(entries) + r")(?![\w§%])", re.IGNORECASE)


# --- the question -------------------------------------------------------------------------------


@cache
def _full_date() -> re.Pattern:
    months = "|".join(words()["minutes"]["months"])
    return re.compile(
        r"\b\d{1,2}\.?\s+(?:"
        + months
        + r")\s+(19|20)\d\d\b|\b\d{1,2}[-./]\d{1,2}[-./](19|20)\d\d\b",
        re.IGNORECASE,
    )


@dataclass(frozen=True)
class Intent:
    """What kind of sentence answers the question, and the years it names."""

    kind: str = "general"  # figure, cost, date, decision, who or general
    years: tuple[int, ...] = ()


def question_intent(question: str) -> Intent:
    kind = next((k for k in INTENTS if pattern("question", k).search(question)), "general")
    # A full date ("den 1. oktober 2025") says which meeting, not which year's figure is asked.
    years = _YEAR.findall(_full_date().sub(" ", question))
    return Intent(kind, tuple(sorted({int(y) for y in years})))


def question_dates(question: str) -> list[tuple[int, int, int]]:
    """The full dates a question names, as (year, month, day)."""
    months = [m.casefold() for m in words()["minutes"]["months"]]
    out = []
    for match in _full_date().finditer(question):
        numbers = re.findall(r"\d+", match.group(0))
        names = re.findall(r"[^\W\d]+", match.group(0).casefold())
        try:
            month = (months.index(names[0]) % 12 + 1) if names else int(numbers[1])
            out.append((int(numbers[-1]), month, int(numbers[0])))
        except (ValueError, IndexError):
            continue
    return out


def asks(question: str, name: str) -> bool:
    """The question asks for `name` (how_often, total, law, national, percent, proposal)."""
    return bool(pattern("question", name).search(question))


def counted_noun(question: str) -> str | None:
    """The noun of "hvor mange pladser" / "how many places"."""
    match = re.search(pattern("question", "counted").pattern + r"\s+(\w+)", question, re.I)
    return match.group(1).casefold() if match else None


# --- the sentence -------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d")
_FIGURE = re.compile(r"(?<![\d-])\d+(?:[.,]\d+)?(?!\d)(?!\s*-\s*\d{2,4}\b)")
BIG_FIGURE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{3,}")
_CAPITALISED_RUN = re.compile(
    r"(?:[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)? ){1,3}[A-ZÆØÅ][a-zæøå]+"
)


def years(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(text)}


def figures(text: str, given: set[str] = frozenset()) -> list[str]:
    """The figures of a text that are no year and not stated by the question (`given`)."""
    found = [m.group(0) for m in _FIGURE.finditer(text)]
    found += [m.group(0) for m in pattern("minutes", "number_words").finditer(text)]
    return [f for f in found if not _YEAR.fullmatch(f) and f.casefold() not in given]


def holds_money(text: str) -> bool:
    return bool(pattern("minutes", "money").search(text) and _NUMBER.search(text))


@cache
def _date_words() -> re.Pattern:
    months = "|".join(words()["minutes"]["months"])
    seasons = "|".join(words()["minutes"]["seasons"])
    return re.compile(
        r"\b\d{1,2}\.?\s*(?:" + months + r")|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b|"
        r"\bkl\.?:?\s*\d{1,2}[.:]\d{2}\b|\b(?:" + months + "|" + seasons + r")\b|\b(19|20)\d\d\b",
        re.IGNORECASE,
    )


def holds_date(text: str, meeting: tuple[int, int, int] | None = None) -> bool:
    """A date, not only the day of the meeting the case is on."""
    if meeting is not None:
        year, month, day = meeting
        name = words()["minutes"]["months"][month - 1]
        for form in (
            rf"\b{day}\.?\s*{name}(?:\s+{year})?",
            rf"\b0?{day}[-./]0?{month}[-./ ]\s*(?:{year}|{year % 100:02d})\b",
        ):
            text = re.sub(form, " ", text, flags=re.IGNORECASE)
    return bool(_date_words().search(text))


@cache
def _party() -> re.Pattern:
    letters = "|".join(words()["minutes"]["party_letters"])
    names = "|".join(words()["minutes"]["parties"])
    return re.compile(
        r"\((?:"
        + letters
        + r")\)|\b(?:"
        + letters
        + r")(?:, (?:"
        + letters
        + r"))*,? og (?:"
        + letters
        + r")\b|\b(?:"
        + names
        + r")\b"
    )


def names_party(text: str) -> bool:
    return bool(_party().search(text))


def names_body(text: str) -> bool:
    return bool(pattern("minutes", "bodies").search(text))


def names_person(text: str) -> bool:
    """Two to four capitalised words in a row, none a word for an institution or a place
    ("Kommune", "Plads"): mostly a person's name."""
    institution = pattern("minutes", "institution_words")
    return any(not institution.search(m.group(0)) for m in _CAPITALISED_RUN.finditer(text))


def names_agent(text: str) -> bool:
    """The sentence names a person, a party or a public body: who did something."""
    return names_party(text) or names_body(text) or names_person(text)


def holds(name: str, text: str) -> bool:
    """The sentence holds `name` of the minutes' lists (how_often, total, law, national, ...)."""
    return bool(pattern("minutes", name).search(text))


def section_kind(heading: str) -> str:
    """Which kind of fact a section of Danish minutes holds: decision, recommendation, economy,
    summary, law, timeline, or "" for the rest."""
    folded = " ".join(heading.casefold().split())
    matches = [
        (len(start), kind)
        for kind, starts in words()["sections"].items()
        for start in starts
        if folded.startswith(start)
    ]
    return max(matches)[1] if matches else ""  # "Beslutningspunkter" before "Beslutning"
