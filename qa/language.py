"""The language of a question: Danish unless it reads as English (the minutes are Danish).

Function words decide, not the letters æ, ø, å: an English question names "Rødovre" too. The
answer, the LLM's prompt and its notices all ask here, so a question is never Danish to one and
English to another.
"""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def word_list(name: str) -> frozenset[str]:
    """A word list of `qa/data` (one word a line, `#` comments): words are data, not code."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


DANISH_WORDS = word_list("function_words_da.txt")
ENGLISH_WORDS = word_list("function_words_en.txt")
_WORD = re.compile(r"\w+")


def question_language(text: str) -> str:
    """'en' when the text reads as English, else 'da'; ties go to Danish."""
    words = _WORD.findall(text.casefold())
    english = sum(w in ENGLISH_WORDS for w in words)
    danish = sum(w in DANISH_WORDS for w in words)
    return "en" if english > danish else "da"
