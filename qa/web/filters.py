"""The filter fields of the chat and the API, read into the library's Filters."""

from __future__ import annotations

from datetime import date

from qa.errors import QAError
from qa.retrieval import Filters


class DateInputError(QAError, ValueError):
    """A date field that does not hold a date."""

    def __init__(self, text: str):
        self.text = text
        super().__init__(
            f"“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2024-10-08.",
            code="date_input",
            text=text,
        )


def read_filters(
    committees=(), since: str | None = "", until: str | None = "", municipalities=()
) -> Filters:
    """Filters from form fields; DateInputError or FilterError when they cannot match."""
    return Filters(_names(committees), _date(since), _date(until), _names(municipalities))


def _names(chosen) -> tuple[str, ...]:
    """A dropdown's choices (a list) or an API argument (one name, or "")."""
    if isinstance(chosen, str):
        chosen = (chosen,)
    return tuple(name.strip() for name in chosen or () if name and name.strip())


def _date(text: str | None) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DateInputError(text) from None
