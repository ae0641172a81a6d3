"""Which sentences of a passage answer the question, so a reader sees the answer at a glance.

Sentences are scored by the question's Danish-stemmed words they contain (rarer, longer words
count more; numbers count double). When no sentence shares a word with the question, as for an
English question over Danish minutes, the model ranks the sentences if one is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qa.keyword import tokenize

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÆØÅ0-9\"'(“”–-])|\n+")
# Danish abbreviations that end in a full stop without ending the sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:pr|nr|kr|mio|mia|ca|jf|mv|pt|hhv|inkl|ekskl|evt|dvs|stk|bl\.a|f\.eks|m\.fl|"
    r"kl|tlf|jan|feb|aug|sept|okt|nov|dec)|\b\d{1,2})\.$",
    re.IGNORECASE,
)
MAX_MODEL_SENTENCES = 40
MIN_SHARE = 0.3


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Split a passage into sentences and lines, keeping their places in the text."""
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        if "\n" not in match.group() and _ABBREVIATION.search(before):
            continue  # "220 personer pr. 1. september": not the end of a sentence
        if before.strip():
            out.append(Sentence(before, start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append(Sentence(text[start:], start, len(text)))
    return out


def best_sentences(question: str, text: str, encoder=None, limit: int = 2) -> list[Sentence]:
    """Up to `limit` sentences of `text` that best answer `question`, in text order."""
    candidates = [s for s in sentences(text) if len(s.text.split()) >= 3]
    if not candidates:
        return []
    terms = set(tokenize([question])[0])
    # A sentence must carry a fair share of the question's words, not one common word of it.
    floor = MIN_SHARE * _lexical_score(terms, " ".join(terms)) if terms else 0.0
    scores = [_lexical_score(terms, s.text) for s in candidates]
    scores = [score if score >= floor else 0.0 for score in scores]
    if max(scores) <= 0:
        if encoder is None or any(_lexical_score(terms, s.text) for s in candidates):
            return []
        pool = candidates[:MAX_MODEL_SENTENCES]
        query = encoder.encode_queries([question])[0]
        vectors = encoder.encode_passages([s.text for s in pool])
        scores = (vectors @ query).tolist()
        candidates = pool
    order = np.argsort(scores)[::-1]
    top = max(scores)
    chosen = [candidates[i] for i in order[:limit] if scores[i] > 0 and scores[i] >= 0.6 * top]
    return sorted(chosen, key=lambda s: s.start)


def _lexical_score(terms: set[str], sentence: str) -> float:
    found = set(tokenize([sentence])[0]) & terms
    return sum((2.0 if term.isdigit() else 1.0) * min(len(term), 10) / 5 for term in found)
