"""BM25 over the chunks, with Danish stemming and stop words: finds exact terms, names and numbers."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_DANISH

# bm25s logs a line per save/load; keep the CLI's output clean.
logging.getLogger("bm25s").setLevel(logging.WARNING)

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
STOPWORDS = (*STOPWORDS_DANISH, *STOPWORDS_ENGLISH)


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("danish")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop words dropped, Danish Snowball stems: "sygefraværet" -> "sygefravær"."""
    return bm25s.tokenize(
        texts,
        stopwords=list(STOPWORDS),
        stemmer=_stemmer().stemWords,
        return_ids=False,
        show_progress=False,
    )


class KeywordIndex:
    def __init__(self, bm25: bm25s.BM25, size: int):
        self.bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> KeywordIndex:
        bm25 = bm25s.BM25()
        if texts:
            bm25.index(tokenize(texts), show_progress=False)
        return cls(bm25, len(texts))

    def coverage(self, question: str) -> float:
        """The share of the question's terms that occur in the corpus at all.

        Low for a question in another language than the minutes (English over Danish), where
        keyword matches are accidental and the dense side should decide.
        """
        tokens = tokenize([question])[0]
        vocab = self.bm25.vocab_dict or {}
        return sum(t in vocab for t in tokens) / len(tokens) if tokens else 0.0

    def search(
        self, question: str, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, rows) with a positive score; `allowed` restricts the rows searched."""
        tokens = tokenize([question])[0]
        vocab = self.bm25.vocab_dict or {}
        tokens = [t for t in tokens if t in vocab]
        k = min(k, self.size)
        if not tokens or k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        mask = None
        if allowed is not None:
            mask = np.zeros(self.size, dtype=np.float32)
            mask[np.asarray(allowed, dtype=np.int64)] = 1.0
        rows, scores = self.bm25.retrieve(
            [tokens], k=k, show_progress=False, n_threads=1, weight_mask=mask
        )
        rows, scores = rows[0].astype(np.int64), scores[0].astype(np.float32)
        keep = scores > 0
        return scores[keep], rows[keep]

    def save(self, directory: Path) -> None:
        if self.size:
            self.bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> KeywordIndex:
        if not size:
            return cls(bm25s.BM25(), 0)
        return cls(bm25s.BM25.load(str(directory), mmap=False, show_progress=False), size)
