"""Following a matter and a meeting: the history a question is about, what a meeting decided,
and the answers to "Hvad er der sket med sagen om …?" and "Hvad blev besluttet på mødet i …
den …?", each step cited to its case."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from qa.answer import Answer, AnswerSentence, question_language
from qa.errors import QAError
from qa.history import NOT_YET, Appearance, History, decision_summary, is_procedural, matters_of
from qa.identity import CaseKey, MeetingKey
from qa.query import meeting_hint
from qa.retrieval import Filters, Hit, check_question

_HISTORY_QUESTION = re.compile(
    r"\b(hvad er der sket med|hvad skete der med|hvordan er det gået med|"
    r"sagens forløb|forløbet (?:af|for|i)|what (?:has )?happened (?:to|with)|"
    r"what became of|history of)\b",
    re.IGNORECASE,
)
_MEETING_QUESTION = re.compile(
    r"\b(hvad blev (?:der )?besluttet på mødet|hvad besluttede .{0,60} på mødet|"
    r"hvad blev vedtaget på mødet|what was decided at the meeting|what did .{0,60} decide "
    r"(?:at|on))\b",
    re.IGNORECASE,
)
HISTORY_TEXT = {"da": "Sagens forløb, nyeste først:", "en": "The matter's history, newest first:"}
NO_DECISIONS = {
    "da": "Mødet har kun en dagsorden; intet er besluttet endnu.",
    "en": "The meeting has only an agenda; nothing has been decided yet.",
}
NOT_YET_EN = "not yet decided"


class MeetingNotFoundError(QAError):
    pass


@dataclass(frozen=True)
class MeetingDecisions:
    """The cases of one meeting with their decisions, in agenda order."""

    key: MeetingKey
    committee: str
    kind: str  # "referat", or "dagsorden" when only the agenda is indexed
    hits: tuple[Hit, ...]
    decisions: tuple[str | None, ...]

    @property
    def decided(self) -> bool:
        return self.kind != "dagsorden"

    def records(self) -> list[dict]:
        return [
            {**hit.as_record(), "decision": decision}
            for hit, decision in zip(self.hits, self.decisions, strict=True)
        ]


def case_hit(snapshot, key: CaseKey, rank: int = 1, score: float = 1.0) -> Hit | None:
    """A hit for a whole case: its decision's passage when it has one, else its first."""
    rows = _case_rows(snapshot).get(key)
    if not rows:
        return None
    chunks = [snapshot.chunks[r] for r in rows]
    chunk = next((c for c in chunks if c.section == "Beslutning"), chunks[0])
    return Hit(rank, score, chunk, None, False, snapshot.several_municipalities)


_ROWS: dict[str, dict] = {}


def _case_rows(snapshot) -> dict[CaseKey, list[int]]:
    name = str(snapshot.path)
    if name not in _ROWS:
        rows: dict[CaseKey, list[int]] = {}
        for row, chunk in enumerate(snapshot.chunks):
            rows.setdefault(chunk.case_key, []).append(row)
        _ROWS.clear()
        _ROWS[name] = rows
    return _ROWS[name]


def history_of_case(snapshot, key: CaseKey) -> History:
    return matters_of(snapshot).history(key)


def find_history(
    searcher, question: str, filters: Filters | None = None
) -> tuple[History, list[Hit]]:
    """The matter the question is about (its best non-procedural case) and its history, with a
    hit per appearance, oldest first."""
    question = check_question(question)
    snapshot = searcher.snapshot()
    topic = _HISTORY_QUESTION.sub(" ", question)
    topic = re.sub(r"\b(sagen om|the case (?:about|of)|the matter of)\b", " ", topic, flags=re.I)
    hits = searcher.search(" ".join(topic.split()) or question, 5, filters=filters)
    hit = next((h for h in hits if not is_procedural(h.chunk.title)), None)
    if hit is None:
        return History(()), []
    return case_history(snapshot, hit.chunk.case_key)


def case_history(snapshot, key: CaseKey) -> tuple[History, list[Hit]]:
    """The history of the matter of case `key`, with a hit per appearance, oldest first."""
    history = history_of_case(snapshot, key)
    if not history.appearances:
        return History(()), []
    found = []
    for rank, appearance in enumerate(history.appearances, 1):
        case = case_hit(snapshot, appearance.key, rank, appearance.probability)
        if case is not None:
            found.append(case)
    return history, found


def history_records(history: History, hits: list[Hit]) -> list[dict]:
    """`qa history --json`: the records of `qa ask --json`, one per appearance, with `decision`."""
    by_key = {a.key: a for a in history.appearances}
    return [{**hit.as_record(), "decision": by_key[hit.chunk.case_key].decision} for hit in hits]


def meeting_decisions(
    searcher, committee: str, day: date, municipality: str | None = None
) -> MeetingDecisions:
    """The cases of the committee's meeting that day, each with its decision."""
    snapshot = searcher.snapshot()
    wanted = " ".join(committee.split()).casefold()
    place = " ".join((municipality or "").split()).casefold() or None
    keys = [
        key
        for key in snapshot.cases
        if key.committee == wanted
        and key.meeting_date == day
        and (place is None or key.municipality == place)
    ]
    if not keys:
        raise MeetingNotFoundError(_no_meeting(snapshot, wanted, day, place, committee))
    kinds = {key.kind for key in keys}
    kind = "referat" if "referat" in kinds else "dagsorden"
    keys = sorted((k for k in keys if k.kind == kind), key=lambda k: k.case_number)
    if len({k.municipality for k in keys}) > 1:
        names = sorted({snapshot.cases[k].get("municipality") or "?" for k in keys})
        raise MeetingNotFoundError(
            f"{committee} met on {day:%d-%m-%Y} in more than one municipality "
            f"({', '.join(names)}); name one with --municipality."
        )
    hits, decisions = [], []
    for rank, key in enumerate(keys, 1):
        hit = case_hit(snapshot, key, rank)
        if hit is not None:
            hits.append(hit)
            decisions.append(decision_summary(snapshot.cases[key]))
    record = snapshot.cases[keys[0]]
    return MeetingDecisions(
        keys[0].meeting, record.get("committee") or committee, kind, tuple(hits), tuple(decisions)
    )


def _no_meeting(snapshot, wanted: str, day: date, place: str | None, committee: str) -> str:
    dates = sorted(
        {k.meeting_date for k in snapshot.cases if k.committee == wanted},
        key=lambda d: abs(d - day),
    )
    if not dates:
        names = sorted({r.get("committee") or k.committee for k, r in snapshot.cases.items()})
        return f"No committee called {committee!r} in the index. Committees: {', '.join(names)}."
    near = ", ".join(d.isoformat() for d in sorted(dates[:5]))
    where = f" in {place}" if place else ""
    return f"{committee} has no meeting on {day.isoformat()}{where}. Nearest meetings: {near}."


# --- answers in a conversation ------------------------------------------------------------


def follow_answer(
    searcher, question: str, filters: Filters | None = None, about: CaseKey | None = None
) -> Answer | None:
    """The answer to a question about a matter's history or a meeting's decisions; None for any
    other question. `about`: the case the conversation knows the question points at ("Hvad er
    der sket med den tredje sag?" after a meeting's cases), whose history is then told."""
    if _MEETING_QUESTION.search(question):
        found = _meeting_answer(searcher, question, filters)
        if found is not None:
            return found
    if _HISTORY_QUESTION.search(question):
        return _history_answer(searcher, question, filters, about)
    return None


def _history_answer(
    searcher, question: str, filters: Filters | None, about: CaseKey | None = None
) -> Answer | None:
    if about is not None:
        history, hits = case_history(searcher.snapshot(), about)
    else:
        history, hits = find_history(searcher, question, filters)
    if len(hits) < 2:
        return None  # one appearance: the ordinary answer says as much as a history would
    language = question_language(question)
    by_key = {a.key: a for a in history.appearances}
    newest = sorted(hits, key=lambda h: _appearance_order(by_key[h.chunk.case_key]), reverse=True)
    cited = tuple(_renumber(newest))
    sentences = []
    for n, hit in enumerate(cited, 1):
        step = by_key[hit.chunk.case_key]
        sentences.append(
            AnswerSentence(_step_text(step, language), (n,), step.meeting_date.isoformat())
        )
    text = (
        HISTORY_TEXT[language]
        + "\n"
        + "\n".join(f"{s.text} [{n}]" for n, s in enumerate(sentences, 1))
    )
    return Answer(question, text, True, tuple(sentences), cited, status="history")


def _meeting_answer(searcher, question: str, filters: Filters | None = None) -> Answer | None:
    snapshot = searcher.snapshot()
    committees = sorted({r.get("committee") for r in snapshot.cases.values() if r.get("committee")})
    hint = meeting_hint(question, committees, searcher.municipalities())
    days = [start for start, end in hint.ranges if start == end]
    if not hint.committees or not days:
        return None
    committee = max(hint.committees, key=len)
    towns = hint.municipalities or (filters.municipalities if filters else ())
    try:
        meeting = meeting_decisions(searcher, committee, days[0], towns[0] if towns else None)
    except MeetingNotFoundError:
        return None
    first = meeting.hits[0].chunk if meeting.hits else None
    if (
        filters
        and first
        and not filters.admits(first.committee, first.municipality, first.meeting_date)
    ):
        return None  # a meeting the filters set now leave out: the filtered search answers
    language = question_language(question)
    hits = tuple(_renumber(list(meeting.hits)))
    sentences = []
    for n, (hit, decision) in enumerate(zip(hits, meeting.decisions, strict=True), 1):
        what = decision or (NOT_YET if language == "da" else NOT_YET_EN)
        sentences.append(
            AnswerSentence(f"Sag nr. {hit.chunk.case_number} {hit.chunk.title}: {what}", (n,))
        )
    lines = [f"{s.text} [{n}]" for n, s in enumerate(sentences, 1)]
    if not meeting.decided:
        lines.insert(0, NO_DECISIONS[language])
    return Answer(question, "\n".join(lines), True, tuple(sentences), hits, status="meeting")


def _step_text(step: Appearance, language: str) -> str:
    decision = step.decision or (NOT_YET if language == "da" else NOT_YET_EN)
    kind = " (dagsorden)" if step.kind == "dagsorden" else ""
    return f"{step.committee}{kind}, {step.meeting_date:%d-%m-%Y}, Sag nr. {step.case_number}: {decision}"


def _appearance_order(step: Appearance) -> tuple:
    return (step.meeting_date, step.kind != "dagsorden", step.case_number)


def _renumber(hits: list[Hit]) -> list[Hit]:
    from dataclasses import replace

    return [replace(hit, rank=n) for n, hit in enumerate(hits, 1)]
