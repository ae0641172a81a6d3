"""BM25 over the chunks, with Danish stemming and stop words: finds exact terms, names and numbers.

The index keeps term frequencies (a term -> rows posting list per segment of the snapshot), not
precomputed scores, and scores at query time. So a snapshot made of several segments, some rows
of them deleted, ranks exactly as one index built from its live rows in one go: document
frequencies and the average length are counted over the live rows only. Scores are those of
bm25s' "lucene" variant (k1 1.5, b 0.75) that the index was built with before.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

# bm25s logs a line per save/load; keep the CLI's output clean.
logging.getLogger("bm25s").setLevel(logging.WARNING)

K1, B = 1.5, 0.75
TERMS = "terms.json"
ARRAYS = ("indptr", "rows", "tf", "lengths")  # bm25/<name>.npy

# English function words, for questions asked in English and English names in the minutes
# ("Sculptures by the Sea"): without them, "the" finds that one passage for every English
# question. Words that are also Danish words are left out ("by" is a town, "to" two, "it" IT).
STOPWORDS_ENGLISH = (
    "a", "about", "an", "and", "are", "as", "be", "been", "but", "can", "did", "do", "does",
    "from", "had", "has", "how", "if", "in", "into", "is", "its", "many", "much", "no", "not",
    "of", "on", "or", "our", "should", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "was", "were", "what", "when", "where", "which", "why", "will",
    "with", "would", "you",
)  # fmt: skip


_per_thread = threading.local()


def stemmer(language: str = "danish"):
    """This thread's stemmer of a language: a PyStemmer object keeps state between calls and is
    not safe to share between threads (the web app answers on several)."""
    stemmers = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    if language not in stemmers:
        import Stemmer

        stemmers[language] = Stemmer.Stemmer(language)
    return stemmers[language]


@cache
def stopwords() -> frozenset[str]:
    """The words no search matches on: Danish (bm25s's list) and English function words."""
    from bm25s.stopwords import STOPWORDS_DANISH

    return frozenset([*STOPWORDS_DANISH, *STOPWORDS_ENGLISH])


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop words dropped, Danish Snowball stems: "sygefraværet" -> "sygefravær"."""
    # Imported here: bm25s brings scipy (0.2 s), which a run with nothing new does not need.
    import bm25s

    return bm25s.tokenize(
        texts,
        stopwords=sorted(stopwords()),
        stemmer=stemmer().stemWords,
        return_ids=False,
        show_progress=False,
    )


class Postings:
    """One segment's term frequencies: for term i, rows[indptr[i]:indptr[i+1]] with their tf."""

    def __init__(self, terms: list[str], indptr, rows, tf, lengths):
        self.terms = terms
        self.indptr = np.asarray(indptr, dtype=np.int64)
        # Terms left only in deleted rows occur nowhere: they are not in the vocabulary.
        present = np.flatnonzero(np.diff(self.indptr) > 0).tolist()
        self.column = {terms[i]: i for i in present}
        self.rows = np.asarray(rows, dtype=np.int32)
        self.tf = np.asarray(tf, dtype=np.float32)
        self.lengths = np.asarray(lengths, dtype=np.float32)  # tokens per row

    @classmethod
    def from_tokens(cls, tokens: Sequence[list[str]]) -> Postings:
        by_term: dict[str, list[tuple[int, int]]] = {}
        for row, words in enumerate(tokens):
            for term, count in Counter(words).items():
                by_term.setdefault(term, []).append((row, count))
        terms = sorted(by_term)
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(by_term[t]) for t in terms])
        pairs = [pair for t in terms for pair in by_term[t]]
        rows = np.array([r for r, _ in pairs], dtype=np.int32)
        tf = np.array([c for _, c in pairs], dtype=np.float32)
        return cls(terms, indptr, rows, tf, [len(words) for words in tokens])

    def __len__(self) -> int:
        return len(self.lengths)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / TERMS).write_text(json.dumps(self.terms, ensure_ascii=False), "utf-8")
        for name in ARRAYS:
            np.save(directory / f"{name}.npy", getattr(self, name))

    @classmethod
    def load(cls, directory: Path) -> Postings:
        terms = json.loads((directory / TERMS).read_text("utf-8"))
        arrays = [np.load(directory / f"{name}.npy", allow_pickle=False) for name in ARRAYS]
        postings = cls(terms, *arrays)
        if len(postings.indptr) != len(terms) + 1 or postings.indptr[-1] != len(postings.rows):
            raise ValueError(f"the keyword postings in {directory} do not add up")
        return postings

    def without(self, deleted: np.ndarray) -> Postings:
        """These postings with the rows in `deleted` left out and the rest renumbered."""
        if not len(deleted):
            return self
        keep = np.ones(len(self), dtype=bool)
        keep[deleted] = False
        renumber = np.cumsum(keep) - 1
        live = keep[self.rows]
        term_of = np.repeat(np.arange(len(self.terms)), np.diff(self.indptr))
        counts = np.bincount(term_of[live], minlength=len(self.terms))
        indptr = np.zeros(len(self.terms) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum(counts)
        return Postings(
            self.terms,
            indptr,
            renumber[self.rows[live]],
            self.tf[live],
            self.lengths[keep],
        )


class KeywordIndex:
    """BM25 over one or more segments' postings, rows numbered on from segment to segment."""

    def __init__(self, segments: list[Postings]):
        self.segments = [s for s in segments if len(s)]
        self.offsets = np.cumsum([0] + [len(s) for s in self.segments])[:-1].tolist()
        self.size = sum(len(s) for s in self.segments)
        lengths = [s.lengths for s in self.segments]
        self.lengths = np.concatenate(lengths) if lengths else np.zeros(0, np.float32)
        self.average_length = float(self.lengths.mean()) if self.size else 0.0

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        return cls([Postings.from_tokens(tokenize(texts))] if texts else [])

    def contains(self, term: str) -> bool:
        return any(term in s.column for s in self.segments)

    def coverage(self, question: str) -> float:
        """The share of the question's terms that occur in the corpus at all.

        Low for a question in another language than the minutes (English over Danish), where
        keyword matches are accidental and the dense side should decide.
        """
        tokens = tokenize([question])[0]
        return sum(map(self.contains, tokens)) / len(tokens) if tokens else 0.0

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Every row's BM25 score for these (tokenized) terms."""
        scores = np.zeros(self.size, dtype=np.float32)
        norm = K1 * ((1 - B) + B * self.lengths / np.float32(self.average_length or 1.0))
        for term in tokens:
            found = [
                (offset, s, s.column[term])
                for offset, s in zip(self.offsets, self.segments, strict=True)
                if term in s.column
            ]
            df = sum(int(s.indptr[i + 1] - s.indptr[i]) for _, s, i in found)
            if not df:
                continue
            idf = np.float32(np.log(1 + (self.size - df + 0.5) / (df + 0.5)))
            for offset, s, i in found:
                start, end = s.indptr[i], s.indptr[i + 1]
                rows = s.rows[start:end].astype(np.int64) + offset
                tf = s.tf[start:end]
                scores[rows] += idf * (tf / (norm[rows] + tf))
        return scores

    def search(
        self, question: str, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, rows) with a positive score; `allowed` restricts the rows searched."""
        tokens = [t for t in tokenize([question])[0] if self.contains(t)]
        k = min(k, self.size)
        if not tokens or k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores = self.scores(tokens)
        if allowed is not None:
            mask = np.zeros(self.size, dtype=bool)
            mask[np.asarray(allowed, dtype=np.int64)] = True
            scores[~mask] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:  # those scoring at least the k-th best; ties by row
            kth = np.partition(scores[candidates], len(candidates) - k)[len(candidates) - k]
            candidates = candidates[scores[candidates] >= kth]
        best = candidates[np.lexsort((candidates, -scores[candidates]))][:k]
        return scores[best], best.astype(np.int64)

    def save(self, directory: Path) -> None:
        """Write the one segment this index was built as (see `build`)."""
        if len(self.segments) > 1:
            raise ValueError("a keyword index of several segments is saved segment by segment")
        (self.segments[0] if self.segments else Postings.from_tokens([])).save(directory)

    @classmethod
    def load(cls, directory: Path, size: int) -> KeywordIndex:
        postings = Postings.load(directory)
        if len(postings) != size:
            raise ValueError(
                f"the keyword index in {directory} has {len(postings)} rows, not {size}"
            )
        return cls([postings])
