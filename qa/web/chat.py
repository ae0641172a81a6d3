"""The chat's event handlers: a question in, the conversation's answer out, as records and HTML.

The conversation lives in a gr.State as the records `Conversation.to_state()` gives, never as the
rendered HTML; each turn rebuilds the Conversation from them, asks it, and renders at the edge.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from qa.conversation import Conversation, Generate, answer_question
from qa.errors import FilterError, QAError, QuestionError
from qa.render import render_notice, render_pending, render_plain, render_reply
from qa.retrieval import Searcher, check_question
from qa.web.examples import example_questions
from qa.web.filters import read_filters
from qa.web.texts import error_text, language_of, say

log = logging.getLogger("minutes-qa")


@dataclass(frozen=True)
class IndexFacts:
    committees: list[str]
    municipalities: list[str]  # the filter is shown when there are two or more
    first_date: str  # hints in the empty date fields, "fx 2023-05-16"
    last_date: str
    examples: list[dict]  # the Chatbot's example questions


@dataclass
class Chat:
    """The handlers of one app: the searcher it asks, the corpus it adds to, the LLM if any."""

    searcher: Searcher
    corpus_dir: Path
    llm: object | None = None  # qa.llm.LLMSettings when QA_LLM_URL is set
    generate: Generate | None = None  # how the LLM writes (default: qa.llm.generate_answer)
    _examples: tuple | None = field(default=None, repr=False)  # (snapshot path, questions)

    def respond(
        self, question, history, state, committees, since, until, k, municipalities=()
    ) -> Iterator[tuple]:
        """Stream one turn: (chat messages, conversation state, question box, text to copy)."""
        history = list(history or [])
        language = language_of(question)
        try:
            check_question(question)
        except QAError as exc:  # nothing to search: say so, and keep what was typed
            notice = render_notice(error_text(exc, language), True)
            history.append({"role": "assistant", "content": notice})
            yield history, state, question, gr.update()
            return
        history.append({"role": "user", "content": question})
        turn = sum(1 for m in history if m["role"] == "assistant") + 1
        history.append({"role": "assistant", "content": render_pending(language)})
        yield list(history), state, "", gr.update()  # the question shown, the box free at once
        conversation = self._conversation(state)
        try:
            filters = read_filters(committees, since, until, municipalities)
            cases = self.searcher.snapshot().cases
            answers = conversation.ask_stream(question, k=int(k), filters=filters)
            answer = next(answers)
            for following in answers:  # an LLM writing: show each partial answer
                reply = render_reply(answer, cases, turn, self._histories(answer), language)
                history[-1] = {"role": "assistant", "content": reply}
                yield list(history), state, "", gr.update()  # a copy: the next one replaces it
                answer = following
            reply = render_reply(answer, cases, turn, self._histories(answer), language)
            history[-1] = {"role": "assistant", "content": reply}
            yield history, conversation.to_state(), "", render_plain(answer, language)
        except QAError as exc:
            if not isinstance(exc, FilterError | QuestionError):
                log.warning("answering %r: %s", question, exc)  # the details the chat leaves out
            notice = render_notice(error_text(exc, language), True)
            history[-1] = {"role": "assistant", "content": notice}
            yield history, state, "", gr.update()
        except Exception as exc:  # the chat stays usable; the details go to the server log
            log.exception("answering %r failed", question)
            history[-1] = {"role": "assistant", "content": render_notice(error_text(exc), True)}
            yield history, state, "", gr.update()

    def new_conversation(self) -> tuple:
        """Forget the conversation: an empty chat, no state, nothing to copy."""
        return [], None, "", ""

    def index_facts(self) -> IndexFacts:
        """What the side panel and the empty chat show of the index: committees, municipalities,
        dates, examples."""
        try:
            dates = self.searcher.meeting_dates()
            return IndexFacts(
                self.searcher.committees(),
                self.searcher.municipalities(),
                say("page.date_hint", date=str(dates[0])) if dates else "",
                say("page.date_hint", date=str(dates[-1])) if dates else "",
                [{"text": e} for e in self.examples()],
            )
        except QAError:  # no index yet: empty fields, and an upload fills them
            return IndexFacts([], [], "", "", [])

    def examples(self) -> list[str]:
        """The example questions of the live index, each asked once to be sure it is answered
        (kept per snapshot: a page load asks nothing new)."""
        snapshot = self.searcher.snapshot()
        if self._examples is None or self._examples[0] != snapshot.path:

            def answers(question: str, case_key) -> bool:
                result = answer_question(self.searcher, question)
                return (
                    result.found and bool(result.hits) and result.hits[0].chunk.case_key == case_key
                )

            self._examples = (snapshot.path, example_questions(snapshot.cases, answers=answers))
        return self._examples[1]

    def index_view(self) -> tuple:
        """index_facts as updates of the committee filter, the date hints, the examples and the
        municipality filter."""
        facts = self.index_facts()
        return (
            gr.update(choices=facts.committees),
            gr.update(placeholder=facts.first_date),
            gr.update(placeholder=facts.last_date),
            gr.update(examples=facts.examples or None),
            gr.update(choices=facts.municipalities, visible=len(facts.municipalities) > 1),
        )

    def _histories(self, answer) -> dict:
        """Each cited case's matter, for the cards' *Sagens forløb*."""
        from qa.follow import history_of_case

        snapshot = self.searcher.snapshot()
        return {
            hit.chunk.case_key: history_of_case(snapshot, hit.chunk.case_key) for hit in answer.hits
        }

    def _conversation(self, state) -> Conversation:
        return Conversation.from_state(self.searcher, state, llm=self.llm, generate=self.generate)
