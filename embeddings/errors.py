"""The errors of the embedding layer. Each message says what went wrong and what to do next."""

from __future__ import annotations


class UserError(Exception):
    """Base class for errors a user can act on; shown as they are, never as a traceback.

    `code` names the error for a catalogue of texts (a subclass sets its own, a raise site may
    narrow it); `fields` are the values its texts fill in.
    """

    code = "error"

    def __init__(self, message: str = "", *, code: str | None = None, **fields):
        super().__init__(message)
        if code:
            self.code = code
        self.fields = fields


class ModelError(UserError):
    """The embedding model could not be loaded."""

    code = "model"
