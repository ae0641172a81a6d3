"""Per-row arrays of one loaded index: committee, municipality and date of every chunk, and a
fixed sample of its vectors, for filters, date hints and the background similarity without a
Python loop. A `Snapshot` builds its own (`Snapshot.rows`), so they always describe its rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np

from embeddings.index import DenseIndex
from qa.chunking import Chunk

UNKNOWN = -1  # the municipality id of chunks whose municipality is unknown


class RowMeta:
    def __init__(self, chunks: list[Chunk], dense: DenseIndex, sample_rows: list[int] = ()):
        self.committee_names, self._committee_ids, self.committees = _ids(
            [c.committee for c in chunks]
        )
        self.municipality_names, self._municipality_ids, self.municipalities = _ids(
            [c.municipality for c in chunks]
        )
        self.dates = np.array([c.meeting_date.toordinal() for c in chunks], dtype=np.int64)
        self.years = np.array([c.meeting_date.year for c in chunks], dtype=np.int64)
        # The background sample the weak-match test measures a question against (qa.calibration).
        rows = list(sample_rows)
        self.sample = dense.vectors(rows) if rows else np.zeros((0, dense.dimension), np.float32)

    def __len__(self) -> int:
        return len(self.dates)

    def mask(
        self,
        committees: Iterable[str] = (),
        date_from: date | None = None,
        date_to: date | None = None,
        municipalities: Iterable[str] = (),
    ) -> np.ndarray:
        """Rows of these committees and municipalities (any, when none are named) in the range."""
        mask = np.ones(len(self.dates), dtype=bool)
        if committees := list(committees):
            mask &= np.isin(self.committees, _lookup(self._committee_ids, committees))
        if municipalities := list(municipalities):
            mask &= np.isin(self.municipalities, _lookup(self._municipality_ids, municipalities))
        if date_from:
            mask &= self.dates >= date_from.toordinal()
        if date_to:
            mask &= self.dates <= date_to.toordinal()
        return mask


def _ids(values: list[str | None]) -> tuple[list[str], dict[str, int], np.ndarray]:
    """Sorted distinct names, their ids by case-blind name, and each row's id (UNKNOWN for None)."""
    names = sorted({v for v in values if v})
    ids = {name.casefold(): i for i, name in enumerate(names)}
    rows = np.array([ids[v.casefold()] if v else UNKNOWN for v in values], dtype=np.int32)
    return names, ids, rows


def _lookup(ids: dict[str, int], names: list[str]) -> list[int]:
    return [ids[n.casefold()] for n in names if n.casefold() in ids]
