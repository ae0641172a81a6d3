"""Dense vectors in FAISS: build, save, load, search.

Vectors are L2-normalised, so inner product (METRIC_INNER_PRODUCT) is cosine similarity.
Below HNSW_FROM vectors an exact flat index is used; from there on, HNSW (bench/results.md has
the figures behind the threshold and HNSW's recall against flat).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

# Measured with bench/run.py (bench/results.md): flat search takes 36 ms p95 at 500k vectors and
# 70 ms at 1M; HNSW (M=32, ef=1024) 5 ms at 500k with recall@10 0.957 against flat on the hardest
# vectors tried, and a rebuild re-inserts every vector (105 s at 500k). Flat up to 500k, HNSW above.
HNSW_FROM = 500_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 1024  # at 500k, recall@10: ef=128 0.706, ef=512 0.925, ef=1024 0.957
# A filter this narrow (one meeting, one committee) is searched exactly: HNSW's graph walk
# would rarely reach the few allowed rows.
EXACT_SUBSET_UP_TO = 20_000


class DenseIndex:
    """Row i of the index is chunk i of the snapshot it belongs to."""

    def __init__(self, index: faiss.Index):
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str | None = None) -> DenseIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dimension = vectors.shape[1]
        kind = kind or ("hnsw" if len(vectors) >= HNSW_FROM else "flat")
        if kind == "flat":
            index = faiss.IndexFlatIP(dimension)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            raise ValueError(f"unknown index kind {kind!r} (flat or hnsw)")
        if len(vectors):
            index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self.index, faiss.IndexHNSWFlat) else "flat"

    @property
    def dimension(self) -> int:
        return self.index.d

    def __len__(self) -> int:
        return self.index.ntotal

    def vectors(self, rows: np.ndarray | list[int]) -> np.ndarray:
        """The stored vectors of these rows, so unchanged cases need not be embedded again."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):
            return np.zeros((0, self.dimension), dtype=np.float32)
        if (np.diff(rows) == 1).all():  # a case's chunks are contiguous: one call
            return self.index.reconstruct_n(int(rows[0]), len(rows)).astype(np.float32)
        return self.index.reconstruct_batch(rows).astype(np.float32)

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, rows) for one query vector; `allowed` restricts the rows searched."""
        k = min(k, len(self))
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        params = None
        if allowed is not None:
            allowed = np.asarray(allowed, dtype=np.int64)
            if not len(allowed):
                return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
            if self.kind == "hnsw" and len(allowed) <= EXACT_SUBSET_UP_TO:
                return self._exact(query, k, allowed)
            selector = faiss.IDSelectorBatch(allowed)
            if self.kind == "hnsw":  # look wider in proportion to what the filter hides
                ef = min(4096, max(k, HNSW_EF_SEARCH * len(self) // len(allowed)))
                params = faiss.SearchParametersHNSW(sel=selector, efSearch=ef)
            else:
                params = faiss.SearchParameters(sel=selector)
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        scores, rows = self.index.search(query, k, params=params)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]

    def _exact(self, query: np.ndarray, k: int, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        scores = self.vectors(rows) @ query.reshape(-1).astype(np.float32)
        best = np.argsort(-scores, kind="stable")[:k]
        return scores[best], rows[best]

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))
