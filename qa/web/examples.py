"""Example questions from what is indexed: the newest cases' own titles, across committees."""

from __future__ import annotations

from collections import Counter

MAX_TITLE_CHARS = 70


def example_questions(cases: dict[str, dict], n: int = 4) -> list[str]:
    """Up to n questions about distinctive cases, newest meetings first, committees in turn.

    Titles that recur across meetings ("Meddelelser", "Diverse") or are one word long name a
    standing item, not a topic, so they make no example.
    """
    meetings_per_title = Counter(
        title.casefold()
        for title, _ in {(c["title"], (c["committee"], c["meeting_date"])) for c in cases.values()}
    )
    candidates = [
        c
        for c in cases.values()
        if meetings_per_title[c["title"].casefold()] == 1
        and len(c["title"].split()) >= 2
        and len(c["title"]) <= MAX_TITLE_CHARS
    ]
    candidates.sort(key=lambda c: (c["meeting_date"], -c["case_number"]), reverse=True)
    by_committee: dict[str, list[dict]] = {}
    for case in candidates:
        by_committee.setdefault(case["committee"], []).append(case)
    chosen: list[dict] = []
    while len(chosen) < n and any(by_committee.values()):
        for queue in by_committee.values():
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return [f"Hvad står der om “{c['title']}”?" for c in chosen]
