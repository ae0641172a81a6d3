"""Typed errors and notices. Each message says in English what went wrong and what to do next (the
CLI prints it as is); its `code` and `fields` let a UI word it in its own language from a catalogue
(`qa/web/catalogue/`). The model's error lives with the model, in embeddings.errors."""

from __future__ import annotations

from embeddings.errors import ModelError as ModelError
from embeddings.errors import UserError

# One base for every error a user can act on, the embedding layer's included, so each interface
# catches one class.
QAError = UserError


class Notice(str):
    """A line for a user (a warning while indexing) as the CLI prints it, carrying a code and
    fields like QAError so a UI can word it in its own language. It is a str everywhere else."""

    code: str
    fields: dict

    def __new__(cls, message: str, code: str, **fields):
        notice = super().__new__(cls, message)
        notice.code = code
        notice.fields = fields
        return notice

    def __getnewargs_ex__(self):  # pickled with its code and fields (Ray sends meetings)
        return (str(self), self.code), dict(self.fields)


def about(source: str, line: str) -> Notice:
    """A file's notice, named by the file: "source: line", with `source` among its fields."""
    code = getattr(line, "code", "warning")
    fields = {**getattr(line, "fields", {}), "source": source}
    if code == "warning":
        fields.setdefault("text", str(line))
    return Notice(f"{source}: {line}", code, **fields)


class MinutesError(QAError, ValueError):
    """A file could not be read as minutes; `code` says why (`minutes.<code>` in a catalogue)."""

    code = "unreadable"

    def __init__(self, source: str, reason: str, code: str | None = None, **fields):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}", code=code, **fields)


class IndexNotFoundError(QAError):
    """No index has been built yet."""

    code = "index_not_found"


class IndexMismatchError(QAError):
    """The index on disk was built differently (model, dimension, format) or is damaged."""

    code = "index_mismatch"


class IndexBusyError(QAError):
    """Another process is rebuilding the index."""

    code = "index_busy"


class QuestionError(QAError, ValueError):
    """The question cannot be searched (empty, or nothing searchable in it)."""

    code = "question_empty"


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
        if committee is not None:
            code = "filter_committee"
        elif municipality is not None:
            code = "filter_municipality"
        else:
            code = "filter_dates"
        super().__init__(message, code=code)
