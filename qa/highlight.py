"""Which sentences of a passage answer the question, so a reader sees the answer at a glance.

Sentences are scored by the question's Danish-stemmed words they contain (longer words count
more; numbers count double). Lexical only, so an answer renders in milliseconds: asking the model
instead cost 0.25-0.5 s per English answer, 10-30 times the search. A question that shares no
word with a passage, as an English one often does, leaves it unmarked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.keyword import tokenize

_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÆØÅ0-9\"'(“”–-])|\n+")
# A single line break after a full line and before a lower-case word is a line wrapped
# mid-sentence (PDF text: "Ved kursusafslutning er 68 pct.\nrøgfri, ..."), not the end of one;
# after a short line (a heading) it is.
WRAPPED_LINE = 40
_LOWER = re.compile(r"[ \t]*[a-zæøå]")
# Danish abbreviations that end in a full stop without ending the sentence, and a capital letter
# alone, a name's initial: "Anne B. Hansen", "Peer M. Rexen" (split there, the candidate
# sentences of 15 tuning questions lost the name they asked for), "Sdr. Allé".
_ABBREVIATION = re.compile(
    r"(?:\b(?:pr|nr|kr|mio|mia|ca|jf|jvf|mv|pt|hhv|inkl|ekskl|evt|dvs|stk|bl\.a|f\.eks|m\.fl|"
    r"m\.m|o\.l|d|pkt|vedr|ang|mht|ift|iht|afd|kl|tlf|jan|feb|aug|sept|okt|nov|dec|"
    r"sdr|ndr|gl|sct|skt)|\b\d{1,2}|(?-i:\b[A-ZÆØÅ]))\.$",
    re.IGNORECASE,
)
MIN_SHARE = 0.3
# What heading_like counts as short, and the marks that end a sentence (a colon ends a lead-in).
HEADING_LIKE_WORDS = 15
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")


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
        if (
            match.group() == "\n"
            and _LOWER.match(text, match.end())
            and match.start() - text.rfind("\n", 0, match.start()) > WRAPPED_LINE
        ):
            continue
        if before.strip():
            out.append(Sentence(before, start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append(Sentence(text[start:], start, len(text)))
    return out


def best_sentences(question: str, text: str, limit: int = 2) -> list[Sentence]:
    """Up to `limit` sentences of `text` that best answer `question`, in text order."""
    terms = set(tokenize([question])[0])
    candidates = [
        s for s in sentences(text) if len(s.text.split()) >= 3 and not heading_like(s.text)
    ]
    if not terms or not candidates:
        return []
    # A sentence must carry a fair share of the question's words, not one common word of it.
    floor = MIN_SHARE * _lexical_score(terms, " ".join(terms))
    scored = [(_lexical_score(terms, s.text), s) for s in candidates]
    scored = [(score, s) for score, s in scored if score > 0 and score >= floor]
    if not scored:
        return []
    top = max(score for score, _ in scored)
    scored.sort(key=lambda pair: pair[0], reverse=True)  # stable: earlier sentences win ties
    chosen = [s for score, s in scored[:limit] if score >= 0.6 * top]
    return sorted(chosen, key=lambda s: s.start)


def heading_like(text: str) -> bool:
    """A short line with no sentence end names something, it does not say anything: a heading, a
    case or attachment title ("Fordrevne fra Ukraine", "Forslag fra SF om Børnenes Plads")."""
    return len(text.split()) < HEADING_LIKE_WORDS and not _ENDS_SENTENCE.search(text)


def _lexical_score(terms: set[str], sentence: str) -> float:
    found = set(tokenize([sentence])[0]) & terms
    return sum((2.0 if term.isdigit() else 1.0) * min(len(term), 10) / 5 for term in found)
