"""Example questions from what is indexed: the newest substantive cases' own titles, across
committees, each one asked first so that an example always gets an answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from qa.history import is_procedural
from qa.web.texts import say

MAX_TITLE_CHARS = 70
# A case with fewer words than this has nothing to quote: "Godkendelse af dagsorden" is a title
# and a "Sagsnummer EMN-..." line; the bundled minutes' shortest case with a topic has 75 words.
MIN_CASE_WORDS = 60


def example_questions(
    cases: dict, n: int = 4, answers: Callable[[str, object], bool] | None = None
) -> list[str]:
    """Up to n questions about substantive cases, newest meetings first, committees in turn.

    Procedural items ("Godkendelse af dagsorden", "Meddelelser", `qa.history.is_procedural`),
    titles that recur across meetings or are one word long, and cases with little text make no
    example. `answers(question, case_key)` says whether asking the question finds that case with
    an answer; a candidate it refuses is passed over.
    """
    meetings_per_title = Counter(
        title.casefold()
        for title, _ in {(c["title"], (c["committee"], c["meeting_date"])) for c in cases.values()}
    )
    candidates = [
        (key, c)
        for key, c in cases.items()
        if meetings_per_title[c["title"].casefold()] == 1
        and len(c["title"].split()) >= 2
        and len(c["title"]) <= MAX_TITLE_CHARS
        and not is_procedural(c["title"])
        and _words(c) >= MIN_CASE_WORDS
    ]
    candidates.sort(key=lambda kc: (kc[1]["meeting_date"], -kc[1]["case_number"]), reverse=True)
    by_committee: dict[str, list] = {}
    for key, case in candidates:
        by_committee.setdefault(case["committee"], []).append((key, case))
    chosen: list[str] = []
    while len(chosen) < n and any(by_committee.values()):
        for queue in by_committee.values():
            if queue and len(chosen) < n:
                key, case = queue.pop(0)
                question = say("page.example", title=case["title"])
                if answers is None or answers(question, key):
                    chosen.append(question)
    return chosen


def _words(case: dict) -> int:
    return sum(len(s.get("text", "").split()) for s in case.get("sections") or ())
