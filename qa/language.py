"""The language of a question: Danish unless it reads as English (the minutes are Danish).

Function words decide, not the letters æ, ø, å: an English question names "Rødovre" too. The
answer, the LLM's prompt and its notices all ask here, so a question is never Danish to one and
English to another.
"""

from __future__ import annotations

import re

DANISH_WORDS = frozenset(
    [
        "hvad",
        "hvor",
        "hvem",
        "hvornår",
        "hvordan",
        "hvorfor",
        "hvilke",
        "hvilken",
        "hvilket",
        "mange",
        "meget",
        "blev",
        "blevet",
        "besluttet",
        "beslutning",
        "der",
        "det",
        "den",
        "de",
        "et",
        "en",
        "og",
        "er",
        "var",
        "har",
        "som",
        "skal",
        "kan",
        "ikke",
        "også",
        "være",
        "går",
        "får",
        "om",
        "i",
        "på",
        "til",
        "af",
        "med",
        "for",
        "år",
        "året",
        "før",
        "når",
        "mødet",
        "sagen",
        "udvalget",
    ]
)
ENGLISH_WORDS = frozenset(
    [
        "what",
        "where",
        "who",
        "when",
        "how",
        "why",
        "which",
        "many",
        "much",
        "was",
        "were",
        "is",
        "are",
        "did",
        "does",
        "do",
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "with",
        "for",
        "and",
        "about",
        "not",
        "has",
        "have",
        "that",
        "this",
        "there",
        "year",
        "before",
        "cost",
        "decided",
        "case",
        "committee",
    ]
)
_WORD = re.compile(r"\w+")


def question_language(text: str) -> str:
    """'en' when the text reads as English, else 'da'; ties go to Danish."""
    words = _WORD.findall(text.casefold())
    english = sum(w in ENGLISH_WORDS for w in words)
    danish = sum(w in DANISH_WORDS for w in words)
    return "en" if english > danish else "da"
