"""Question to ranked, cited hits: the one search the CLI, the web app and the evaluation use.

Hybrid search fuses the dense (FAISS) and keyword (BM25) sides by the score fitted for the model
(qa.fusion; by reciprocal rank fusion for a model it was not fitted for), then keeps one hit per
case, with the case's best passage. Meetings of the municipality and dates the question names
("i Brønderslev", "i oktober 2024", "seneste møde") come first.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from embeddings.model import Encoder
from qa import glossary
from qa.calibration import WeakTest
from qa.chunking import Chunk
from qa.encoders import load_model, runtime_for
from qa.errors import FilterError, QuestionError
from qa.fusion import features, fusion_for
from qa.identity import CaseKey
from qa.query import MeetingHint, meeting_hint, named_years, without_meeting_names
from qa.rows import RowMeta
from qa.store import IndexStore, Snapshot

MODES = ("hybrid", "dense", "bm25")
MAX_QUESTION_CHARS = 2000  # the model reads ~512 tokens; a longer text is cut, not refused
# Reciprocal rank fusion, for a model no fusion was fitted for (qa.fusion): its constant and weights.
RRF_K = 60  # the usual constant of reciprocal rank fusion: 1 / (RRF_K + rank)
# The keyword ranking's weight in hybrid search is coverage ** COVERAGE_POWER (coverage: the
# share of the question's words that occur in the minutes). Cubed, an English question's one
# or two accidental matches ("live" -> "liv", "city") count little, while a Danish question's
# near-full coverage keeps nearly full weight; chosen on the tuning questions (bench/quality.py).
COVERAGE_POWER = 3.0
# An English question is also searched densely as the glossary's Danish reading of it (the
# minutes' own words), a third ranking fused with this weight: the multilingual model matches
# Danish with Danish better than English with Danish. Chosen on the tuning sets' 1,058 English
# questions that stand alone (bench/english_search.py): Recall@1 0.818 without it, 0.844 at 1,
# 0.847 at 2, 0.853 at 4 (a plateau; Recall@3 0.953 -> 0.961).
DANISH_READING_WEIGHT = 2.0
# Without the model (bm25 mode) a hit is weak when fewer than this share of the question's words
# occur in the minutes; with it, qa.calibration decides.
STRONG_COVERAGE = 0.75
QUERIES_REMEMBERED = 32


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float  # the mode's own score: fused RRF (hybrid), cosine (dense) or BM25
    chunk: Chunk
    similarity: float | None = None  # cosine of question and passage, when the model was asked
    weak: bool = False  # not a good match: shown, but marked (see qa.calibration)
    show_municipality: bool = False  # the index holds more than one municipality
    margin: float | None = None  # how far it clears the weak bar (qa.calibration); None: no model
    named: bool = False  # in a meeting the question names by its date (or as the latest)

    @property
    def citation(self) -> str:
        """The chunk's citation, naming the municipality when the index holds several."""
        return self.chunk.cite(self.show_municipality)

    def as_record(self) -> dict:
        """The JSON record of `qa ask --json` and the web API: the chunk's fields, and the hit's."""
        return {
            "rank": self.rank,
            "score": round(float(self.score), 6),
            **self.chunk.to_json(),
            "weak": self.weak,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class Filters:
    committees: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    municipalities: tuple[str, ...] = ()

    def __post_init__(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(
                f"The date range is reversed: {self.date_from} is after {self.date_to}. "
                "Swap the two dates.",
                date_from=self.date_from,
                date_to=self.date_to,
            )

    def __bool__(self) -> bool:
        return bool(self.committees or self.date_from or self.date_to or self.municipalities)

    def admits(self, committee: str, municipality: str | None, day: date) -> bool:
        """Whether a meeting of this committee, municipality and day is within the filters (as
        `RowMeta.mask` tells for the rows of an index)."""
        committees = {c.casefold() for c in self.committees}
        towns = {m.casefold() for m in self.municipalities}
        return (
            (not committees or committee.casefold() in committees)
            and (not towns or (municipality or "").casefold() in towns)
            and not (self.date_from and day < self.date_from)
            and not (self.date_to and day > self.date_to)
        )

    def check(self, known_committees: list[str], known_municipalities: list[str] = ()) -> None:
        """FilterError for a committee or municipality the index does not hold (it would
        silently match nothing)."""
        _check_names("committee", "committees", self.committees, known_committees)
        _check_names("municipality", "municipalities", self.municipalities, known_municipalities)


def _check_names(kind: str, plural: str, wanted: tuple[str, ...], known: list[str]) -> None:
    names = {name.casefold() for name in known}
    for name in wanted:
        if name.casefold() not in names:
            raise FilterError(
                f"No {kind} called {name!r} in the index. "
                f"Indexed {plural}: {', '.join(known) or 'none'}.",
                known=tuple(known),
                **{kind: name},
            )


@dataclass(frozen=True)
class ReadQuestion:
    preferred: set[int] | None  # rows of the meetings the question names, if it names any
    words: str  # what is matched (the question without the words that named meetings), in the
    # minutes' words (an English question's Danish reading)
    coverage: float  # the share of those words the minutes hold
    query: np.ndarray | None  # the model's vector of the question as matched (before the reading)
    reading: np.ndarray | None  # of the Danish reading, when it differs (hybrid only)
    years: tuple[int, ...] = ()  # the years the question names (qa.fusion weighs them)
    dated: bool = False  # `preferred` is a meeting named by its date, or a committee's latest
    # How the `preferred` rows are ranked, when it differs: the question without the
    # committee's and municipality's names all of them share
    within: ReadQuestion | None = None


def check_question(question: str) -> str:
    """The question as it will be searched; QuestionError when there is nothing to search."""
    text = " ".join((question or "").split())
    if not text:
        raise QuestionError("The question is empty: type what you want to find in the minutes.")
    if not re.search(r"\w", text):
        raise QuestionError(
            "The question has no words or numbers to search for.", code="question_no_words"
        )
    return text[:MAX_QUESTION_CHARS]


class Searcher:
    """Holds the model and the live snapshot; picks up a new snapshot after each rebuild."""

    def __init__(self, store: IndexStore, encoder: Encoder):
        self.store = store
        self.encoder = encoder
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        # The model's vector of a question, remembered for the last few: the answer composed
        # after a search scores sentences against the vector the search already computed.
        self.query_vector = functools.lru_cache(maxsize=QUERIES_REMEMBERED)(self._query_vector)

    def _query_vector(self, text: str) -> np.ndarray:
        return self.encoder.encode_queries([text])[0]

    def snapshot(self) -> Snapshot:
        """The live snapshot, reloaded when CURRENT has moved on (a cheap read per question).

        A search uses the one snapshot this returns, its per-row arrays included, from start to
        end: a reload meanwhile replaces `_snapshot` whole and leaves that search untouched.
        """
        name = self.store.current_name()
        current = self._snapshot
        if current is not None and current.name == name:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.name != self.store.current_name():
                encoder = self.encoder
                self._snapshot = self.store.load(encoder.name, encoder.dimension, encoder.runtime)
            return self._snapshot

    def committees(self) -> list[str]:
        return list(self.snapshot().rows.committee_names)

    def municipalities(self) -> list[str]:
        """The municipalities the index holds minutes of (those that are known)."""
        return list(self.snapshot().rows.municipality_names)

    def meeting_dates(self) -> list[date]:
        return sorted({date.fromordinal(int(d)) for d in np.unique(self.snapshot().rows.dates)})

    def read(self, snapshot: Snapshot, question: str, mode: str, allowed) -> ReadQuestion:
        """The question as the search reads it (bench/fit_fusion.py reads it the same way)."""
        meta = snapshot.rows
        # Meetings the question names ("maj 2023", "seneste møde") come first; the words that
        # named them are then left out of matching, as they describe no case's content.
        hint = meeting_hint(question, meta.committee_names, meta.municipality_names)
        preferred, dated = _matching(meta, hint, allowed) if hint else (None, False)
        text = (
            hint.rest if preferred and hint.rest and len(preferred) < len(meta.dates) else question
        )
        read = ReadQuestion(
            preferred,
            **self._matched(snapshot, text, mode),
            years=named_years(question),
            dated=dated,
        )
        if preferred:
            # Within the meetings named, the committee's and municipality's names they all share
            # tell no case apart: their cases are ranked by the rest of the question. Over tuning
            # sets 25-38 (2,374 questions) the case came first 0.783 -> 0.850, box 0.765 -> 0.786.
            rest = without_meeting_names(text, *_one_meeting_names(meta, preferred))
            if rest != text:
                read = replace(read, within=replace(read, **self._matched(snapshot, rest, mode)))
        return read

    def _matched(self, snapshot: Snapshot, text: str, mode: str) -> dict:
        """The words, coverage, query and reading of `text` as the rankings match it."""
        words = glossary.in_danish(text)  # an English question's words as the minutes' words
        query = self.query_vector(text) if mode in ("dense", "hybrid") else None
        # (A language model's: hashed words would only count the keywords twice.)
        semantic = getattr(self.encoder, "semantic", True)
        reading = (
            self.query_vector(words) if mode == "hybrid" and words != text and semantic else None
        )
        return {
            "words": words,
            "coverage": snapshot.keyword.coverage(words),
            "query": query,
            "reading": reading,
        }

    def search(
        self, question: str, k: int = 5, mode: str = "hybrid", filters: Filters | None = None
    ) -> list[Hit]:
        """The k best cases for the question, each with its best passage, best first."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        question = check_question(question)
        k = max(1, int(k))
        snapshot = self.snapshot()
        meta = snapshot.rows
        if not snapshot.chunks:
            return []
        if filters:
            filters.check(meta.committee_names, meta.municipality_names)
        allowed = _allowed(meta, filters) if filters else None
        depth = max(50, 10 * k)
        read = self.read(snapshot, question, mode, allowed)
        preferred, query, coverage = read.preferred, read.query, read.coverage
        semantic = getattr(self.encoder, "semantic", True)
        fusion = fusion_for(self.encoder.name) if mode == "hybrid" and semantic else None
        available = len(allowed) if allowed is not None else len(snapshot.chunks)
        # One long case can fill the first rows of both rankings: search deeper until k cases
        # came back or the rankings have nothing more to give.
        while True:
            dense_scores, fused = _rank(
                snapshot,
                query,
                read.words,
                mode,
                depth,
                allowed,
                coverage,
                read.reading,
                fusion,
                read.years,
            )
            cases = {snapshot.chunks[row].case_key for row in fused}
            if len(cases) >= k or len(fused) < depth or depth >= available:
                break
            depth *= 4
        if preferred and len(preferred) < available:
            # The meetings the question names come first, so they are searched on their own:
            # among all the minutes their passages may not reach the top `depth` at all (a named
            # meeting's absence list beside many meetings' absence lists).
            # Ranked by the question without the names they share (`within`); the similarities
            # stay the question's own, which the weak test and the answer's models read.
            inner = read.within or read
            named_scores, named = _rank(
                snapshot,
                inner.query,
                inner.words,
                mode,
                depth,
                np.fromiter(sorted(preferred), dtype=np.int64),
                inner.coverage,
                inner.reading,
                fusion,
                read.years,
            )
            fused = {row: score for row, score in fused.items() if row not in preferred}
            fused.update(named)
            if read.within is None:
                dense_scores.update(named_scores)

        judge = None
        if query is not None:
            judge = WeakTest.for_question(query, meta.sample)

        # One hit per case: its best chunk.
        best: dict[CaseKey, int] = {}
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
            margin = None
            if judge is None:
                weak = coverage < STRONG_COVERAGE
            else:  # chosen from the meetings the question named, or from all it could see
                competitors = len(preferred) if preferred and row in preferred else available
                margin = judge.margin(similarity, competitors)
                weak = margin < 0
            hits.append(
                Hit(
                    rank,
                    fused[row],
                    snapshot.chunks[row],
                    similarity,
                    weak,
                    snapshot.several_municipalities,
                    margin,
                    read.dated and row in preferred,
                )
            )
        return hits


def _rank(
    snapshot, query, text, mode, depth, allowed, coverage, reading=None, fusion=None, years=()
):
    """(dense similarities, fused scores) of the top `depth` rows of each ranking the mode uses;
    `reading`: the vector of an English question's Danish reading (hybrid only). The similarities
    stay the question's own: the weak test is calibrated on them."""
    if fusion is not None:
        rows, rows_features, similarity = pool(
            snapshot, query, text, depth, allowed, coverage, reading, years
        )
        return dict(zip(rows, similarity.tolist(), strict=True)), dict(
            zip(rows, fusion.scores(rows_features).tolist(), strict=True)
        )
    dense_scores: dict[int, float] = {}
    fused: dict[int, float] = {}
    if query is not None:
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
            # accident: the fewer of the question's words occur, the less the keyword
            # ranking counts (see COVERAGE_POWER).
            _fuse(fused, rows, weight=coverage**COVERAGE_POWER)
    if reading is not None:
        _, rows = snapshot.dense.search(reading, depth, allowed)
        _fuse(fused, rows, weight=DANISH_READING_WEIGHT)
    return dense_scores, fused


def pool(snapshot, query, text, depth, allowed, coverage, reading=None, years=()):
    """The rows the fitted fusion weighs: the top `depth` of the dense, keyword and (English)
    Danish-reading searches, with their qa.fusion features and the question's similarities;
    `years`: those the question names."""
    _, dense_rows = snapshot.dense.search(query, depth, allowed)
    keyword_scores, keyword_rows = snapshot.keyword.search(text, depth, allowed)
    reading_rows = (
        snapshot.dense.search(reading, depth, allowed)[1]
        if reading is not None
        else np.zeros(0, dtype=np.int64)
    )
    rows = np.unique(np.concatenate([dense_rows, keyword_rows, reading_rows]))
    vectors = snapshot.dense.vectors(rows)
    similarity = vectors @ query
    keyword = np.zeros(len(rows))
    keyword[np.searchsorted(rows, keyword_rows)] = keyword_scores
    rows_features = features(
        similarity,
        vectors @ reading if reading is not None else None,
        keyword,
        coverage,
        snapshot.rows.years[rows],
        years,
    )
    return rows.tolist(), rows_features, similarity


def _fuse(fused: dict[int, float], rows: np.ndarray, weight: float) -> None:
    """Reciprocal rank fusion: each ranking adds weight / (RRF_K + rank) to a row's score."""
    for rank, row in enumerate(rows.tolist(), 1):
        fused[row] = fused.get(row, 0.0) + weight / (RRF_K + rank)


def _allowed(meta: RowMeta, filters: Filters) -> np.ndarray:
    mask = meta.mask(filters.committees, filters.date_from, filters.date_to, filters.municipalities)
    return np.flatnonzero(mask)


def _one_meeting_names(meta: RowMeta, rows: set[int]) -> tuple[str | None, str | None]:
    """The committee and the municipality all these rows share (None where they differ): the
    names that tell none of them apart."""
    index = np.fromiter(rows, dtype=np.int64)
    shared = []
    for ids, names in (
        (meta.committees, meta.committee_names),
        (meta.municipalities, meta.municipality_names),
    ):
        values = np.unique(ids[index])
        shared.append(names[values[0]] if len(values) == 1 and values[0] >= 0 else None)
    return shared[0], shared[1]


def _matching(
    meta: RowMeta, hint: MeetingHint, allowed: np.ndarray | None
) -> tuple[set[int], bool]:
    """Rows in the meetings the hint points at: the municipality, then the dates it names, each
    only if some rows are left. A date that is no meeting's ("as of 31 March") leaves the
    municipality named. And whether a date (or "the latest") narrowed them to named meetings.

    A committee named narrows only to find its latest meeting ("seneste møde"). Otherwise a
    question names the committees a case passes through ("forbi Børne- og Familieudvalget",
    "indstiller ... til Byrådet") as often as the one whose minutes hold it. Over the 3,786
    tuning questions that stand alone, narrowing by it put the right case first for 0.852 of
    them, leaving it out for 0.862 (41 lost, 1 gained). Before, a committee another
    municipality has ("Økonomiudvalg" where Brønderslev's is "Økonomiudvalget") left no row, and
    the municipality and date were lost with it: 0.844."""
    dates = meta.dates
    mask = np.ones(len(dates), dtype=bool)
    if allowed is not None:
        mask[:] = False
        mask[allowed] = True
    in_range = np.zeros(len(dates), dtype=bool)
    for start, end in hint.ranges:
        in_range |= (dates >= start.toordinal()) & (dates <= end.toordinal())
    if hint.municipalities:
        named = meta.mask(municipalities=hint.municipalities)
        if (mask & named).any():
            mask &= named
    dated = bool((mask & in_range).any())
    if dated:
        mask &= in_range
    if hint.latest:  # "Teknisk Udvalgs seneste møde": the latest of that committee's meetings
        named = meta.mask(hint.committees)
        if (mask & named).any():
            mask &= named
        if mask.any():
            mask &= dates == dates[mask].max()
            dated = True
    return set(np.flatnonzero(mask).tolist()), dated


_searchers: dict[tuple[str, str, str], Searcher] = {}
_searchers_lock = threading.Lock()


def get_searcher(
    index_dir: Path,
    model: str | None = None,
    runtime: str | None = None,
    *,
    require_index: bool = False,
    cache_dir: Path | None = None,
) -> Searcher:
    """A Searcher per (index, model, runtime), shared by every caller in the process.

    The index's manifest is checked before the model loads (see qa/encoders.py); with
    `require_index`, a missing index is an error at once.
    """
    store = IndexStore(Path(index_dir))
    runtime = runtime_for(store, model, runtime, require_index=require_index)
    return shared_searcher(store, model, runtime, cache_dir)


def shared_searcher(
    store: IndexStore, model: str | None, runtime: str | None, cache_dir: Path | None = None
) -> Searcher:
    """get_searcher for a runtime `runtime_for` has already resolved and checked."""
    key = (str(store.directory.resolve()), model or "", runtime or "")
    with _searchers_lock:
        if key not in _searchers:
            _searchers[key] = Searcher(store, load_model(model, runtime, cache_dir))
        return _searchers[key]
