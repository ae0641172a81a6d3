"""A matter's history: the appearances of one matter across meetings and committees.

Minutes say when two items are one matter in several ways: the same case or journal number
(*Sagsnr.*, *J.nr.*, FirstAgenda's *Sagsnummer*), a *Sagsforløb* that lists the earlier
meeting ("Teknik- og Miljøudvalget, 10. september 2019, pkt. 65: Anbefales."), an item that
names the body it goes to ("anbefaler over for Borgerrepræsentationen"), and the same or
nearly the same title and text in meetings close in time. Each is a feature of a pair of
cases; a logistic regression fitted on labelled real histories (`bench/history_links.py`,
weights in `qa/data/history_links.json`) weighs them into the probability that the two are
one matter. A history is the cases linked to each other, oldest first. Procedural items
(approving the agenda, *Meddelelser*, *Eventuelt*, closed items) never link.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np

from qa.identity import CaseKey
from qa.language import word_list

DATA = Path(__file__).parent / "data"
NOT_YET = "endnu ikke behandlet"
# Two items more than two years apart are taken as two matters (a local plan takes about that
# from its first hearing to its final adoption). Within the window the fitted weight of the
# distance in days decides.
MAX_DAYS = 730
MAX_APPEARANCES = 30  # a history longer than this is cut to the appearances nearest the start
DECISION_SENTENCES = 2
DECISION_CHARS = 320

FEATURES = (
    "journal_same",  # both name a case/journal number, and it is the same
    "journal_differ",  # both name one, and they differ
    "referral",  # one lists the other's meeting (committee and date) in its text
    "addressed",  # the earlier names the later's committee ("over for Borgerrepræsentationen")
    "title_similarity",  # cosine of the titles' character n-grams
    "text_similarity",  # cosine of the whole texts' words (tf-idf)
    "days_apart",  # log(1 + days) / log(1 + MAX_DAYS)
    "same_committee",  # the same body met again on it
)

_JOURNAL = re.compile(
    r"\b(?:sagsnr|sags\s*nr|sagsnummer|j\.?\s*nr|journal\s*nr|journalnummer)\.?\s*:?\s*"
    r"([A-ZÆØÅ]{0,4}[-\s]?\d[\dA-Za-z]*(?:[-./]\d[\dA-Za-z]*)+)",
    re.IGNORECASE,
)
_CLOSED = re.compile(r"^\s*(?:lukket|fortroligt?)\b", re.IGNORECASE)
_MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])|\n+")


@cache
def procedural_patterns() -> tuple[re.Pattern, ...]:
    """The titles of procedural items (`qa/data/procedural_da.txt`)."""
    lines = (DATA / "procedural_da.txt").read_text(encoding="utf-8").splitlines()
    return tuple(
        re.compile(rf"^\s*(?:\d+\.\s*)?(?:{line.strip()})", re.IGNORECASE)
        for line in lines
        if line.strip() and not line.startswith("#")
    )


def is_procedural(title: str) -> bool:
    """Approving the agenda, Meddelelser, Eventuelt, a closed item: never part of a history."""
    title = title or ""
    return bool(_CLOSED.match(title)) or any(p.match(title) for p in procedural_patterns())


def journal_number(record: dict) -> str | None:
    """The case or journal number a case names (its *Sagsnummer* section, or "Sagsnr.: ..."
    / "J.nr. ..." in its text), normalised; None when it names none."""
    for section in record.get("sections", ()):
        if section["heading"].casefold() in ("sagsnummer", "sagsnr.", "sagsnr", "j.nr."):
            # The number, not its label: "Sagsnr.: 2011-29298", "Sagsnummer\n00.34.00-S00-2-14".
            found = [word for word in section["text"].split() if re.search(r"\d", word)]
            if found:
                return _normal_journal(found[0])
    match = _JOURNAL.search(_record_text(record))
    return _normal_journal(match.group(1)) if match else None


def _normal_journal(text: str) -> str:
    return re.sub(r"\s+", "", text).strip(".,;:").upper()


def decision_summary(record: dict) -> str | None:
    """The decision in a sentence or two; None for an agenda or a case with no decision."""
    if record.get("kind") == "dagsorden":
        return None
    for section in record.get("sections", ()):
        if section["heading"] in ("Beslutning", "Beslutninger") and section["text"].strip():
            return shorten(section["text"])
    return None


def shorten(text: str, sentences: int = DECISION_SENTENCES, limit: int = DECISION_CHARS) -> str:
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    short = " ".join(parts[:sentences])
    return short if len(short) <= limit else short[: limit - 1].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class Appearance:
    """One meeting's item of a matter."""

    key: CaseKey
    municipality: str | None
    committee: str
    meeting_date: date
    kind: str
    case_number: int
    title: str
    source: str
    journal: str | None = None
    decision: str | None = None  # the Beslutning in a sentence or two; None: agenda, or none
    probability: float = 1.0  # how sure the link into the history is (1.0 for the one asked)

    @property
    def decision_text(self) -> str:
        return self.decision or NOT_YET

    def line(self) -> str:
        """E.g. "01-10-2025 Teknisk Udvalg, Sag nr. 2 (Sagsnr. EMN-2025-009242): ..."."""
        kind = " (dagsorden)" if self.kind == "dagsorden" else ""
        number = f" (Sagsnr. {self.journal})" if self.journal else ""
        where = f"{self.municipality}, " if self.municipality else ""
        return (
            f"{self.meeting_date:%d-%m-%Y} {where}{self.committee}{kind}, "
            f"Sag nr. {self.case_number}{number}: {self.title}"
        )


@dataclass(frozen=True)
class History:
    """A matter's appearances, oldest first."""

    appearances: tuple[Appearance, ...]
    asked: CaseKey | None = None  # the case the question found

    def __len__(self) -> int:
        return len(self.appearances)

    @property
    def several(self) -> bool:
        return len(self.appearances) > 1

    def newest_first(self) -> list[Appearance]:
        return sorted(self.appearances, key=_order, reverse=True)


def _order(appearance: Appearance) -> tuple:
    # On one day the agenda comes before the minutes of a meeting.
    return (appearance.meeting_date, appearance.kind != "dagsorden", appearance.case_number)


@dataclass(frozen=True)
class LinkModel:
    """The fitted weights: P(one matter) = sigmoid(intercept + weights . features)."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    features: tuple[str, ...] = FEATURES
    measured: dict = field(default_factory=dict, compare=False)

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = self.intercept + np.asarray(features, dtype=float) @ np.asarray(self.weights)
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def load(cls, path: Path | None = None) -> LinkModel:
        record = json.loads((path or DATA / "history_links.json").read_text(encoding="utf-8"))
        if tuple(record["features"]) != FEATURES:
            raise ValueError(
                f"{path}: fitted on features {record['features']}, the code computes "
                f"{list(FEATURES)}; fit again with bench/history_links.py"
            )
        return cls(
            tuple(record["weights"]),
            float(record["intercept"]),
            float(record.get("threshold", 0.5)),
            tuple(record["features"]),
            record.get("measured", {}),
        )

    def as_record(self) -> dict:
        return {
            "features": list(self.features),
            "weights": [round(w, 6) for w in self.weights],
            "intercept": round(self.intercept, 6),
            "threshold": self.threshold,
            "measured": self.measured,
        }


@cache
def default_model() -> LinkModel:
    return LinkModel.load()


class Matters:
    """The cases of one index, with what links them: built once per snapshot, then each
    history is a walk over the links of the cases it reaches."""

    def __init__(self, cases: dict[CaseKey, dict], model: LinkModel | None = None):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.model = model or default_model()
        keys = [k for k, r in cases.items() if not is_procedural(r.get("title", ""))]
        # An agenda and the minutes of the same meeting are one appearance: keep the minutes.
        minutes = {_same_item(k) for k in keys if k.kind != "dagsorden"}
        self.keys = [k for k in keys if k.kind != "dagsorden" or _same_item(k) not in minutes]
        self.records = [cases[k] for k in self.keys]
        self.position = {k: i for i, k in enumerate(self.keys)}
        self.alias = {_same_item(k): k for k in self.keys}
        self.texts = [_record_text(r).casefold() for r in self.records]
        self.journals = [journal_number(r) for r in self.records]
        self.days = np.array([k.meeting_date.toordinal() for k in self.keys], dtype=np.int64)
        municipalities = sorted({k.municipality or "" for k in self.keys})
        self.municipality = np.array(
            [municipalities.index(k.municipality or "") for k in self.keys], dtype=np.int64
        )
        self._scores: dict[int, dict[int, float]] = {}
        self._lock = threading.Lock()
        if not self.keys:
            self.title_vectors = self.text_vectors = None
            return
        titles = [_title_for_matching(r.get("title", "")) for r in self.records]
        self.title_vectors = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
        ).fit_transform(titles)
        self.text_vectors = TfidfVectorizer(
            sublinear_tf=True, min_df=1, max_df=0.5 if len(self.keys) > 20 else 1.0
        ).fit_transform([f"{t}\n{x}" for t, x in zip(titles, self.texts, strict=True)])

    def __contains__(self, key: CaseKey) -> bool:
        return self._index(key) is not None

    def _index(self, key: CaseKey) -> int | None:
        if key in self.position:
            return self.position[key]
        other = self.alias.get(_same_item(key))
        return self.position.get(other) if other is not None else None

    # --- features --------------------------------------------------------------------------

    def candidates(self, i: int) -> np.ndarray:
        """Cases that could be the same matter as case i: same municipality, another meeting,
        within MAX_DAYS."""
        near = (np.abs(self.days - self.days[i]) <= MAX_DAYS) & (
            self.municipality == self.municipality[i]
        )
        near[i] = False
        meeting = self.keys[i].meeting
        found = np.flatnonzero(near)
        return np.array([j for j in found if self.keys[j].meeting != meeting], dtype=np.int64)

    def features(self, i: int, others: Iterable[int]) -> np.ndarray:
        """One row of FEATURES per pair (i, j)."""
        others = np.asarray(list(others), dtype=np.int64)
        if not len(others):
            return np.zeros((0, len(FEATURES)))
        title_sim = (self.title_vectors[others] @ self.title_vectors[i].T).toarray().ravel()
        text_sim = (self.text_vectors[others] @ self.text_vectors[i].T).toarray().ravel()
        rows = []
        for n, j in enumerate(others):
            early, late = (i, j) if _order_key(self.keys[i]) <= _order_key(self.keys[j]) else (j, i)
            ji, jj = self.journals[i], self.journals[j]
            days = abs(int(self.days[i] - self.days[j]))
            rows.append(
                (
                    float(bool(ji and jj and ji == jj)),
                    float(bool(ji and jj and ji != jj)),
                    float(self._refers(late, early) or self._refers(early, late)),
                    float(self._addressed(early, late)),
                    float(title_sim[n]),
                    float(text_sim[n]),
                    math.log1p(days) / math.log1p(MAX_DAYS),
                    float(self.keys[i].committee == self.keys[j].committee),
                )
            )
        return np.array(rows, dtype=float)

    def _refers(self, citing: int, cited: int) -> bool:
        """Does case `citing` name the meeting of case `cited` (its committee and its date)?"""
        key = self.keys[cited]
        text = self.texts[citing]
        if not _names_committee(text, self.records[cited].get("committee") or key.committee):
            return False
        return any(form in text for form in date_forms(key.meeting_date))

    def _addressed(self, early: int, late: int) -> bool:
        """Does the earlier case name the later one's committee, another body than its own?"""
        if self.keys[early].committee == self.keys[late].committee:
            return False
        committee = self.records[late].get("committee") or self.keys[late].committee
        return _names_committee(self.texts[early], committee)

    # --- links and histories ----------------------------------------------------------------

    def scores(self, i: int) -> dict[int, float]:
        """The probability that case i and each of its candidates are one matter."""
        with self._lock:
            known = self._scores.get(i)
        if known is not None:
            return known
        others = self.candidates(i)
        found: dict[int, float] = {}
        if len(others):
            probabilities = self.model.probability(self.features(i, others))
            found = {int(j): float(p) for j, p in zip(others, probabilities, strict=True)}
        with self._lock:
            self._scores[i] = found
        return found

    def links(self, i: int) -> list[tuple[int, float]]:
        """The cases linked to case i, with the probability that they are one matter."""
        return [(j, p) for j, p in self.scores(i).items() if p >= self.model.threshold]

    def history(self, key: CaseKey) -> History:
        """The matter of this case, oldest first: grown from the case one appearance at a time,
        each joining only when its mean probability of being one matter with those already in
        the history passes the threshold (so a chain of pairwise links cannot drift from one
        matter into the next)."""
        start = self._index(key)
        if start is None:  # procedural, or not in the index
            return History((), key)
        members = [start]
        joined = {start: 1.0}
        while len(members) < MAX_APPEARANCES:
            candidates = {j for m in members for j, _ in self.links(m)} - set(members)
            best, best_mean = None, self.model.threshold
            for j in sorted(candidates):
                mean = sum(self.scores(m).get(j, 0.0) for m in members) / len(members)
                if mean >= best_mean:
                    best, best_mean = j, mean
            if best is None:
                break
            members.append(best)
            joined[best] = best_mean
        appearances = [self.appearance(i, p) for i, p in joined.items()]
        return History(tuple(sorted(appearances, key=_order)), self.keys[start])

    def components(self) -> list[list[CaseKey]]:
        """Every history of the index (singletons included): for measuring the links."""
        seen: set[int] = set()
        groups = []
        for i in range(len(self.keys)):
            if i in seen:
                continue
            history = self.history(self.keys[i])
            # A partition: a case already in an earlier history stays there.
            members = [self.position[a.key] for a in history.appearances]
            members = [m for m in members if m not in seen]
            seen.update(members)
            groups.append([self.keys[m] for m in members])
        return groups

    def appearance(self, i: int, probability: float = 1.0) -> Appearance:
        key, record = self.keys[i], self.records[i]
        return Appearance(
            key=key,
            municipality=record.get("municipality"),
            committee=record.get("committee") or key.committee,
            meeting_date=key.meeting_date,
            kind=key.kind,
            case_number=key.case_number,
            title=record.get("title", ""),
            source=record.get("source", ""),
            journal=self.journals[i],
            decision=decision_summary(record),
            probability=round(probability, 4),
        )


def _same_item(key: CaseKey) -> tuple:
    return (key.municipality, key.committee, key.meeting_date, key.case_number)


def _order_key(key: CaseKey) -> tuple:
    return (key.meeting_date, key.kind != "dagsorden", key.case_number)


def _record_text(record: dict) -> str:
    return "\n".join(
        f"{s['heading']}\n{s['text']}" for s in record.get("sections", ()) if s.get("text")
    )


# Words that say which step a case is ("Intern høring", "Endelig godkendelse af høringssvar",
# "Drøftelse og vedtagelse af ..."), not which matter: every hearing has them.
_STAGE_WORDS = word_list("stage_words_da.txt")
# The document number kk.dk puts after each title, "(2018-0210801)": each step has its own.
_TITLE_NUMBER = re.compile(r"\(\s*[\d\s./-]+\)")


def _title_for_matching(title: str) -> str:
    # "Lokalplan 1204, Trige Syd - Endelig" and "... - forslag" are one plan at two stages:
    # the stage words are left to the text, the rest of the title is compared.
    title = re.sub(r"[-–:,]\s*(endelig(?: vedtagelse)?|forslag|1\. behandling|2\. behandling)\s*$",
                   "", title.strip(), flags=re.IGNORECASE)  # fmt: skip
    title = _TITLE_NUMBER.sub(" ", title)
    words = [w for w in title.casefold().replace(":", " ").split() if w not in _STAGE_WORDS]
    return " ".join(words) or " ".join(title.casefold().split())


def _names_committee(text: str, committee: str) -> bool:
    """Is the committee named in `text` (case-blind, a genitive -s allowed)?"""
    name = " ".join((committee or "").casefold().split())
    if len(name) < 4:
        return False
    return re.search(rf"(?<!\w){re.escape(name)}s?(?!\w)", text) is not None


def date_forms(day: date) -> list[str]:
    """How minutes write a meeting's date: "10. september 2019", "10-09-2019", "10.09.2019"."""
    month = _MONTHS[day.month - 1]
    return [
        f"{day.day}. {month} {day.year}",
        f"{day.day:02d}. {month} {day.year}",
        f"{day:%d-%m-%Y}",
        f"{day:%d.%m.%Y}",
        f"{day.day}/{day.month} {day.year}",
        f"{day.day}/{day.month}-{day.year}",
        f"{day:%Y-%m-%d}",
    ]


# --- one Matters per snapshot --------------------------------------------------------------

_MATTERS: dict[str, Matters] = {}
_MATTERS_LOCK = threading.Lock()


def matters_of(snapshot) -> Matters:
    """The Matters of a loaded snapshot, built on first use and kept while it is live."""
    name = str(snapshot.path)
    with _MATTERS_LOCK:
        found = _MATTERS.get(name)
    if found is None:
        found = Matters(snapshot.cases)
        with _MATTERS_LOCK:
            _MATTERS.clear()  # one live snapshot per process is the rule; keep the newest
            _MATTERS[name] = found
    return found
