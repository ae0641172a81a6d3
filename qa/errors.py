"""Typed errors. Each message says what went wrong and what to do next; the CLI and app show it as is."""

from __future__ import annotations


class QAError(Exception):
    """Base class for errors a user can act on."""


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


class ModelError(QAError):
    """The embedding model could not be loaded."""


class QuestionError(QAError, ValueError):
    """The question cannot be searched (empty, or nothing searchable in it)."""
