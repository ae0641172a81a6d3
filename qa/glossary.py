"""An English question's words as the Danish words the minutes use, from a glossary (data).

The minutes are Danish, so an English question shares no word with them: the keyword search and
the answer's word features saw only its names and numbers. `qa/data/glossary_da_en.tsv` lists
Danish words of municipal minutes with their English counterparts ("sygemeldte" -> "sick leave");
read backwards, an English word or phrase of the question stands for the Danish words it
translates, compared as Danish stems. Words the glossary does not know stay as they are (names,
Danish words in an English question).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from qa.keyword import STOPWORDS_ENGLISH, stemmer
from qa.language import ENGLISH_WORDS, question_language

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary_da_en.tsv"
IRREGULAR = Path(__file__).resolve().parent / "data" / "english_irregular.tsv"
LONGEST_PHRASE = 3  # words: "local development plan"
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_LEADING = frozenset({"the", "a", "an", "to"})


@cache
def _function_words() -> frozenset[str]:
    return ENGLISH_WORDS | frozenset(STOPWORDS_ENGLISH)


def english_key(words: list[str]) -> tuple[str, ...]:
    """A phrase as the glossary looks it up: its lower-cased English stems."""
    stem = stemmer("english").stemWord
    return tuple(stem(w.casefold()) for w in words)


@cache
def _entries() -> dict[tuple[str, ...], frozenset[str]]:
    """English phrase (stems) -> the lower-cased Danish words it translates."""
    table: dict[tuple[str, ...], set[str]] = {}
    if not GLOSSARY.exists():
        return {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        danish, english = line.split("\t", 1)
        danish = danish.strip().casefold()
        for phrase in english.split(";"):
            words = _WORD.findall(phrase)
            while words and words[0].casefold() in _LEADING:  # "the council", "to decide"
                words = words[1:]
            if len(words) == 1 and words[0].casefold() in _function_words():
                continue  # "on", "after": they say nothing of what is asked about
            if danish and 0 < len(words) <= LONGEST_PHRASE:
                table.setdefault(english_key(words), set()).add(danish)
    return {key: frozenset(value) for key, value in table.items()}


@cache
def _irregular() -> dict[str, str]:
    """An irregular English form -> its base form ("spent" -> "spend", "children" -> "child")."""
    if not IRREGULAR.exists():
        return {}
    rows = (line.split("\t") for line in IRREGULAR.read_text(encoding="utf-8").splitlines())
    return {row[0].strip(): row[1].strip() for row in rows if len(row) == 2 and row[0][:1] != "#"}


def translations(question: str, language: str | None = None) -> list[tuple[str, frozenset[str]]]:
    """The English words and phrases of an English question the glossary knows, each with its
    Danish words, longest phrase first, left to right; [] for a Danish question."""
    if (language or question_language(question)) != "en":
        return []
    entries = _entries()
    words = _WORD.findall(question)
    keys = english_key(words)
    irregular = _irregular()
    # The same words in their base forms: looked up when the form as written is not listed.
    bases = english_key([irregular.get(w.casefold(), w) for w in words])
    out = []
    i = 0
    while i < len(words):
        for size in range(min(LONGEST_PHRASE, len(words) - i), 0, -1):
            found = entries.get(keys[i : i + size]) or entries.get(bases[i : i + size])
            if found:
                out.append((" ".join(words[i : i + size]), found))
                i += size
                break
        else:
            i += 1
    return out


def in_danish(question: str) -> str:
    """The question with each English word or phrase the glossary knows replaced by its Danish
    words: what the keyword search reads. A Danish question is returned as it is."""
    found = translations(question)
    if not found:
        return question
    text = question
    for phrase, danish in found:
        text = re.sub(
            r"(?<!\w)" + re.escape(phrase) + r"(?!\w)",
            " ".join(_one_per_stem(danish)),
            text,
            count=1,
        )
    return text


def danish_stems(words) -> frozenset[str]:
    """Danish words as the answer compares them: lower-cased stems (of an entry of several
    words, its longest: "samlet udgift" -> "udgift")."""
    stem = stemmer("danish").stemWord
    return frozenset(stem(max(_WORD.findall(w) or [w], key=len)) for w in words)


def _one_per_stem(danish: frozenset[str]) -> list[str]:
    """One word per Danish stem ("skole", not also "skolen", "skoler"), so that no meaning of
    the English word counts more often in the search than the others."""
    stem = stemmer("danish").stemWord
    chosen: dict[str, str] = {}
    for word in sorted(danish, key=lambda w: (len(w), w)):
        chosen.setdefault(stem(word), word)
    return sorted(chosen.values())
