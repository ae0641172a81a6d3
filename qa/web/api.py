"""The web API: `/ask` (the hits of `qa ask --json`) and `/answer` (the object of `qa answer --json`).

An error reaches the client as gradio_client's AppError: its `title` is the error's code (stable,
for a program to match), its message the words the chat shows for that code, in the chat's
language (Danish, English for an English question). The CLI keeps the English message.
"""

from __future__ import annotations

import logging

import gradio as gr

from qa.conversation import answer_question
from qa.errors import QAError
from qa.retrieval import Searcher
from qa.web.filters import read_filters
from qa.web.texts import error_text, language_of

log = logging.getLogger("minutes-qa")

MAX_API_HITS = 100  # as `qa ask -k`


def api_functions(searcher: Searcher, llm=None) -> tuple:
    """The two endpoint functions over one searcher, for gr.api."""

    def ask(
        question: str,
        k: int = 5,
        committee: str = "",
        since: str = "",
        until: str = "",
        municipality: str = "",
    ) -> list[dict]:
        """The same JSON records as `qa ask --json`; the filters are optional."""
        try:
            filters = read_filters(committee, since, until, municipality)
            hits = searcher.search(question, _clamp(k), filters=filters)
        except Exception as exc:
            raise api_error(exc, question) from exc
        return [hit.as_record() for hit in hits]

    def answer(
        question: str,
        history: list[str] | None = None,
        k: int = 5,
        committee: str = "",
        since: str = "",
        until: str = "",
        municipality: str = "",
    ) -> dict:
        """The cited answer, as `qa answer --json`; history holds the earlier questions, oldest first."""
        try:
            filters = read_filters(committee, since, until, municipality)
            result = answer_question(
                searcher,
                question,
                previous=tuple(history or ()),
                k=_clamp(k),
                filters=filters,
                llm=llm,
            )
        except Exception as exc:
            raise api_error(exc, question) from exc
        return result.as_record()

    return ask, answer


def api_error(error: Exception, question: str) -> gr.Error:
    """What the client gets for an error: its code as the title, the catalogue's words for it
    (with the error's committee, dates ... filled in) as the message. Anything else is a bug:
    `unexpected`, with the details in the server's log only."""
    if isinstance(error, QAError):
        code = error.code
    else:
        log.exception("the API failed on %r", question)
        code = "unexpected"
    return gr.Error(error_text(error, language_of(question)), title=code, print_exception=False)


def _clamp(k) -> int:
    return min(max(int(k), 1), MAX_API_HITS)
