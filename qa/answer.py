"""The answer to a question: a few sentences, each cited to the passages it comes from.

`Answer` is what the CLI (`qa answer`, `qa chat`), the web chat, its API and `qa eval` share.
Citations are 1-based numbers into `Answer.hits`, so "[1]" is always the first hit shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qa.retrieval import Hit

EXTRACTIVE = "extractive"


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    citations: tuple[int, ...] = ()  # numbers into Answer.hits, 1-based

    def as_record(self) -> dict:
        return {"text": self.text, "citations": list(self.citations)}


@dataclass(frozen=True)
class Answer:
    question: str
    text: str  # the answer as shown, citations written as [n]
    found: bool  # False when the minutes do not seem to answer the question
    sentences: tuple[AnswerSentence, ...] = ()
    hits: tuple[Hit, ...] = ()  # in citation order: [1] is hits[0]
    context: dict | None = None  # what was carried over from earlier turns
    generator: str = EXTRACTIVE  # "extractive", or the LLM's model name
    notices: tuple[str, ...] = field(default=())  # e.g. why the LLM's answer was not used

    def as_record(self) -> dict:
        """The JSON object of `qa answer --json` and the web API's answer endpoint."""
        return {
            "answer": self.text,
            "found": self.found,
            "sentences": [s.as_record() for s in self.sentences],
            "hits": [h.as_record() for h in self.hits],
            "context": self.context,
            "generator": self.generator,
            "notices": list(self.notices),
        }
