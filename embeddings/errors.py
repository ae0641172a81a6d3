"""The errors of the embedding layer. Each message says what went wrong and what to do next."""

from __future__ import annotations


class UserError(Exception):
    """Base class for errors a user can act on; shown as they are, never as a traceback."""


class ModelError(UserError):
    """The embedding model could not be loaded."""
