"""Typed errors. Each message says what went wrong and what to do next; the CLI and app show it as
is. The model's error lives with the model, in embeddings.errors."""

from __future__ import annotations

from embeddings.errors import ModelError as ModelError
from embeddings.errors import UserError

# One base for every error a user can act on, the embedding layer's included, so each interface
# catches one class.
QAError = UserError


class MinutesError(QAError, ValueError):
    """A file could not be read as minutes."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class IndexNotFoundError(QAError):
    """No index has been built yet."""


class IndexMismatchError(QAError):
    """The index on disk was built differently (model, dimension, format) or is damaged."""


class IndexBusyError(QAError):
    """Another process is rebuilding the index."""


class QuestionError(QAError, ValueError):
    """The question cannot be searched (empty, or nothing searchable in it)."""


class FilterError(QAError, ValueError):
    """A search filter that cannot match: dates the wrong way round, or a committee or
    municipality not indexed.

    Carries what was wrong as fields, so each interface can word it in its own language.
    """

    def __init__(
        self,
        message: str,
        *,
        committee: str | None = None,
        municipality: str | None = None,
        known: tuple[str, ...] = (),
        date_from=None,
        date_to=None,
    ):
        self.committee = committee
        self.municipality = municipality
        self.known = known
        self.date_from = date_from
        self.date_to = date_to
        super().__init__(message)
