"""What a follow-up points at among the cases the previous answer listed: "den anden sag", "the
second one" or "sag nr. 3" among a meeting's cases, "Teknisk Udvalg" or a date among the meetings
of a matter's history. The words are data (`qa/data/ordinals.toml`); the cases are the records
the conversation keeps (dicts with `case_key`, `committee`, `meeting_date`, `case_number`)."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cache
from pathlib import Path

from qa.query import meeting_hint

DATA = Path(__file__).resolve().parent / "data"


@cache
def _words() -> dict[str, list]:
    """The lists of every language, joined per key (ordinals joined position by position)."""
    with open(DATA / "ordinals.toml", "rb") as handle:
        languages = tomllib.load(handle).values()
    joined: dict[str, list] = {"ordinals": []}
    for lists in languages:
        for n, entries in enumerate(lists.get("ordinals", [])):
            if len(joined["ordinals"]) <= n:
                joined["ordinals"].append([])
            joined["ordinals"][n].extend(entries)
        for name in ("last", "nouns", "numbered", "number_words"):
            joined.setdefault(name, []).extend(lists.get(name, []))
    return joined


def _either(entries: list[str]) -> str:
    return "(?:" + "|".join(sorted(entries, key=len, reverse=True)) + ")"


@cache
def _patterns() -> tuple[list[re.Pattern], re.Pattern, re.Pattern]:
    words = _words()
    nouns = _either(words["nouns"])
    ordinals = [
        re.compile(rf"(?<!\w){_either(o)}\s+{nouns}(?!\w)", re.IGNORECASE)
        for o in words["ordinals"]
    ]
    last = re.compile(rf"(?<!\w){_either(words['last'])}\s+{nouns}(?!\w)", re.IGNORECASE)
    numbered = re.compile(
        rf"(?<!\w){_either(words['numbered'])}\s*(?:{_either(words['number_words'])}\s*)?(\d{{1,3}})(?!\d)",
        re.IGNORECASE,
    )
    return ordinals, last, numbered


def pick_case(question: str, cases: list[dict]) -> dict | None:
    """The case of `cases` (as listed) the question points at by its place or its number;
    None when it points at none of them."""
    if not cases:
        return None
    ordinals, last, numbered = _patterns()
    number = numbered.search(question)
    if number:
        wanted = int(number.group(1))
        found = [c for c in cases if c.get("case_number") == wanted]
        if found:
            return found[0]
    for place, ordinal in enumerate(ordinals):
        if ordinal.search(question):
            return cases[place] if place < len(cases) else None
    if last.search(question):
        return cases[-1]
    return None


def named_meeting(question: str, cases: list[dict]) -> tuple[dict | None, str]:
    """The case of `cases` (a matter's history, newest first) whose meeting the question names
    by its committee or its date, and the question without those words; (None, question) when
    it names none of them."""
    committees = sorted({c["committee"] for c in cases if c.get("committee")}, key=len)
    hint = meeting_hint(question, committees)
    if not hint.committees and not hint.ranges:
        return None, question
    named = {c.casefold() for c in hint.committees}

    def fits(case: dict) -> bool:
        if named and case["committee"].casefold() not in named:
            return False
        day = date.fromisoformat(case["meeting_date"])
        return not hint.ranges or any(start <= day <= end for start, end in hint.ranges)

    found = next((c for c in cases if fits(c)), None)
    if found is None:
        return None, question
    rest = hint.rest
    for committee in hint.committees:
        rest = re.sub(re.escape(committee), " ", rest, flags=re.IGNORECASE)
    return found, " ".join(rest.split())
