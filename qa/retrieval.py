"""Question to ranked, cited hits: the one search the CLI, the web app and the evaluation use.

Hybrid search fuses the dense (FAISS) and keyword (BM25) rankings by reciprocal rank fusion,
then keeps one hit per case, with the case's best passage. Meetings the question names by date
("i oktober 2024", "seneste møde") or by committee come first.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from embeddings.model import Encoder, load_encoder
from qa.chunking import Chunk
from qa.errors import FilterError, QuestionError
from qa.query import MeetingHint, meeting_hint
from qa.store import IndexStore, Snapshot

MODES = ("hybrid", "dense", "bm25")
RRF_K = 60  # the usual constant of reciprocal rank fusion: 1 / (RRF_K + rank)
MAX_QUESTION_CHARS = 2000  # the model reads ~512 tokens; a longer text is cut, not refused
# A passage is a weak match when its similarity to the question stands less than WEAK_MARGIN
# above the question's background similarity (the median over a sample of all chunks) and fewer
# than STRONG_COVERAGE of the question's words occur in the minutes. e5 similarities crowd into
# 0.7-0.95, so a raw cosine cut-off cannot tell answerable from off-topic questions; the margin
# can. Calibrated with bench/calibrate.py on the bundled corpus (figures in the README).
WEAK_MARGIN = 0.031
STRONG_COVERAGE = 0.75
BACKGROUND_SAMPLE = 1024


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float  # the mode's own score: fused RRF (hybrid), cosine (dense) or BM25
    chunk: Chunk
    similarity: float | None = None  # cosine of question and passage, when the model was asked
    weak: bool = False  # not a good match: shown, but marked (see WEAK_MARGIN)

    def as_record(self) -> dict:
        """The JSON record of `qa ask --json` and the web API."""
        c = self.chunk
        return {
            "rank": self.rank,
            "score": round(float(self.score), 6),
            "committee": c.committee,
            "meeting_date": c.meeting_date.isoformat(),
            "case_number": c.case_number,
            "title": c.title,
            "section": c.section,
            "text": c.text,
            "source": c.source,
        }


@dataclass(frozen=True)
class Filters:
    committees: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(
                f"The date range is reversed: {self.date_from} is after {self.date_to}. "
                "Swap the two dates.",
                date_from=self.date_from,
                date_to=self.date_to,
            )

    def __bool__(self) -> bool:
        return bool(self.committees or self.date_from or self.date_to)

    def check(self, known_committees: list[str]) -> None:
        """FilterError for a committee the index does not hold (it would silently match nothing)."""
        known = {name.casefold() for name in known_committees}
        for committee in self.committees:
            if committee.casefold() not in known:
                raise FilterError(
                    f"No committee called {committee!r} in the index. "
                    f"Indexed committees: {', '.join(known_committees) or 'none'}.",
                    committee=committee,
                    known=tuple(known_committees),
                )


def check_question(question: str) -> str:
    """The question as it will be searched; QuestionError when there is nothing to search."""
    text = " ".join((question or "").split())
    if not text:
        raise QuestionError("The question is empty: type what you want to find in the minutes.")
    if not re.search(r"\w", text):
        raise QuestionError("The question has no words or numbers to search for.")
    return text[:MAX_QUESTION_CHARS]


class Searcher:
    """Holds the model and the live snapshot; picks up a new snapshot after each rebuild."""

    def __init__(self, store: IndexStore, encoder: Encoder):
        self.store = store
        self.encoder = encoder
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._meta: _RowMeta | None = None

    def snapshot(self) -> Snapshot:
        """The live snapshot, reloaded when CURRENT has moved on (a cheap read per question)."""
        name = self.store.current_name()
        current = self._snapshot
        if current is not None and current.name == name:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.name != self.store.current_name():
                snapshot = self.store.load(self.encoder.name, self.encoder.dimension)
                self._meta = _RowMeta(snapshot.chunks)
                self._snapshot = snapshot
            return self._snapshot

    def committees(self) -> list[str]:
        self.snapshot()
        return list(self._meta.committee_names)

    def meeting_dates(self) -> list[date]:
        self.snapshot()
        return sorted({date.fromordinal(int(d)) for d in np.unique(self._meta.dates)})

    def search(
        self, question: str, k: int = 5, mode: str = "hybrid", filters: Filters | None = None
    ) -> list[Hit]:
        """The k best cases for the question, each with its best passage, best first."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        question = check_question(question)
        k = max(1, int(k))
        snapshot = self.snapshot()
        meta = self._meta
        if not snapshot.chunks:
            return []
        if filters:
            filters.check(meta.committee_names)
        allowed = meta.allowed(filters) if filters else None
        depth = max(50, 10 * k)
        # Meetings the question names ("maj 2023", "seneste møde") come first; the words that
        # named them are then left out of matching, as they describe no case's content.
        hint = meeting_hint(question, meta.committee_names)
        preferred = meta.matching(hint, allowed) if hint else None
        text = (
            hint.rest if preferred and hint.rest and len(preferred) < len(meta.dates) else question
        )

        coverage = snapshot.keyword.coverage(text)
        query = None
        dense_scores: dict[int, float] = {}
        fused: dict[int, float] = {}
        if mode in ("dense", "hybrid"):
            query = self.encoder.encode_queries([text])[0]
            scores, rows = snapshot.dense.search(query, depth, allowed)
            dense_scores = dict(zip(rows.tolist(), scores.tolist(), strict=True))
            if mode == "dense":
                fused = dict(dense_scores)
            else:
                _fuse(fused, rows, weight=1.0)
        if mode in ("bm25", "hybrid"):
            scores, rows = snapshot.keyword.search(text, depth, allowed)
            if mode == "bm25":
                fused = dict(zip(rows.tolist(), scores.tolist(), strict=True))
            else:
                # A question in another language than the minutes matches words only by
                # accident: the keyword ranking counts as much as the question's words occur.
                _fuse(fused, rows, weight=coverage)

        background = meta.background(snapshot, query) if query is not None else 0.0

        # One hit per case: its best chunk.
        best: dict[str, int] = {}
        for row in sorted(fused, key=fused.__getitem__, reverse=True):
            best.setdefault(snapshot.chunks[row].case_key, row)
        ranked = sorted(best.values(), key=lambda row: -fused[row])
        if preferred:
            ranked.sort(key=lambda row: row not in preferred)  # stable: order kept within groups

        hits = []
        for rank, row in enumerate(ranked[:k], 1):
            similarity = dense_scores.get(row)
            if similarity is None and query is not None:
                similarity = float(snapshot.dense.vectors([row])[0] @ query)
            weak = coverage < STRONG_COVERAGE and (
                similarity is None or similarity - background < WEAK_MARGIN
            )
            hits.append(Hit(rank, fused[row], snapshot.chunks[row], similarity, weak))
        return hits


def _fuse(fused: dict[int, float], rows: np.ndarray, weight: float) -> None:
    """Reciprocal rank fusion: each ranking adds weight / (RRF_K + rank) to a row's score."""
    for rank, row in enumerate(rows.tolist(), 1):
        fused[row] = fused.get(row, 0.0) + weight / (RRF_K + rank)


class _RowMeta:
    """Per-row committee and date arrays, for filters and date hints without a Python loop."""

    def __init__(self, chunks: list[Chunk]):
        names = sorted({c.committee for c in chunks})
        self.committee_names = names
        ids = {name.casefold(): i for i, name in enumerate(names)}
        self.committees = np.array([ids[c.committee.casefold()] for c in chunks], dtype=np.int32)
        self.dates = np.array([c.meeting_date.toordinal() for c in chunks], dtype=np.int64)
        self._ids = ids
        self._sample: np.ndarray | None = None

    def background(self, snapshot: Snapshot, query: np.ndarray) -> float:
        """The question's typical similarity to any chunk: the median over a fixed sample."""
        if self._sample is None:
            rows = np.unique(np.linspace(0, len(self.dates) - 1, BACKGROUND_SAMPLE).astype(int))
            self._sample = snapshot.dense.vectors(rows)
        return float(np.median(self._sample @ query))

    def _mask(self, committees, date_from: date | None, date_to: date | None) -> np.ndarray:
        mask = np.ones(len(self.dates), dtype=bool)
        if committees:
            wanted = [self._ids[c.casefold()] for c in committees if c.casefold() in self._ids]
            mask &= np.isin(self.committees, wanted)
        if date_from:
            mask &= self.dates >= date_from.toordinal()
        if date_to:
            mask &= self.dates <= date_to.toordinal()
        return mask

    def allowed(self, filters: Filters) -> np.ndarray:
        return np.flatnonzero(self._mask(filters.committees, filters.date_from, filters.date_to))

    def matching(self, hint: MeetingHint, allowed: np.ndarray | None) -> set[int]:
        """Rows in the meetings the hint points at (all rows if it points at none that exist)."""
        mask = self._mask(hint.committees, None, None)
        if allowed is not None:
            within = np.zeros(len(mask), dtype=bool)
            within[allowed] = True
            mask &= within
        if hint.ranges:
            in_range = np.zeros(len(mask), dtype=bool)
            for start, end in hint.ranges:
                in_range |= (self.dates >= start.toordinal()) & (self.dates <= end.toordinal())
            if (mask & in_range).any():
                mask &= in_range
        if hint.latest and mask.any():
            mask &= self.dates == self.dates[mask].max()
        return set(np.flatnonzero(mask).tolist())


_searchers: dict[tuple[str, str], Searcher] = {}
_searchers_lock = threading.Lock()


def get_searcher(index_dir: Path, model: str | None = None) -> Searcher:
    """A Searcher per (index, model), shared by every caller in the process."""
    key = (str(Path(index_dir).resolve()), model or "")
    with _searchers_lock:
        if key not in _searchers:
            _searchers[key] = Searcher(IndexStore(Path(index_dir)), load_encoder(model))
        return _searchers[key]


def search(
    question: str,
    k: int = 5,
    mode: str = "hybrid",
    filters: Filters | None = None,
    *,
    index_dir: Path | None = None,
    model: str | None = None,
) -> list[Hit]:
    """Search the index in `index_dir` (default: QA_INDEX_DIR) for the question."""
    from qa.config import index_dir as default_index_dir

    return get_searcher(index_dir or default_index_dir(), model).search(question, k, mode, filters)
