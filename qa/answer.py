"""The answer to a question: a few sentences, each cited to the passages it comes from.

`Answer` is what the CLI (`qa answer`, `qa chat`), the web chat, its API and `qa eval` share.
Citations are 1-based numbers into `Answer.hits`, so "[1]" is always the first hit shown.

The extractive answer takes whole sentences of the top cases, never a word of its own: each
sentence is scored by what the question asks for (a figure, a date, the decision, a name, an
amount), the years it names, its words (Danish-stemmed) and, where the words do not decide (an
English question over Danish minutes), the embedding model. Model calls are few and cached: the
answer must add little to the search it follows (bench/answer_latency.py measures it).
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

import numpy as np

from qa.figures import YEAR as _YEAR
from qa.highlight import heading_like
from qa.highlight import sentences as split_sentences
from qa.language import question_language
from qa.minutes import DECISION
from qa.retrieval import Hit

EXTRACTIVE = "extractive"

# Language-neutral code for "the minutes do not seem to answer this", and its texts; the web
# chat is Danish, the CLI answers in the question's language.
NOT_FOUND = "not-found"
NOT_FOUND_TEXT = {
    "da": "Referaterne ser ikke ud til at svare på det.",
    "en": "The minutes do not seem to answer that.",
}
DIFFER = "differ"
DIFFER_TEXT = {
    "da": "Referaterne giver forskellige svar; nyeste møde først:",
    "en": "The minutes give different answers; newest meeting first:",
}
CLOSEST_TEXT = {"da": "De nærmeste sager:", "en": "The closest cases:"}


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    citations: tuple[int, ...] = ()  # numbers into Answer.hits, 1-based
    meeting_date: str | None = None  # set when the answer compares meetings

    def as_record(self) -> dict:
        record = {"text": self.text, "citations": list(self.citations)}
        if self.meeting_date:
            record["meeting_date"] = self.meeting_date
        return record


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
    status: str = ""  # "" (answered), NOT_FOUND or DIFFER: for a UI that words it itself
    searched: str = ""  # the text that was searched (the question, or it with what was carried)

    def as_record(self) -> dict:
        """The JSON object of `qa answer --json` and the web API's answer endpoint."""
        return {
            "answer": self.text,
            "found": self.found,
            "sentences": [s.as_record() for s in self.sentences],
            "hits": [{**h.as_record(), "weak": h.weak} for h in self.hits],
            "context": self.context,
            "generator": self.generator,
            "notices": list(self.notices),
            "status": self.status,
        }


# --- what the question asks for ---------------------------------------------------------------

# The question word decides first ("Hvornår godkendte ...?" asks for a date, "Hvem tog forbehold,
# da udvalget besluttede ...?" for a name), then what the question is about.
_INTENTS = (
    (
        "who",
        r"\b(hvem|who|whom|whose|hvilke partier|hvilket parti|hvilken forvaltning|"
        r"hvilke forvaltninger|hvilken afdeling|hvilken myndighed|which part(?:y|ies)|"
        r"what part(?:y|ies)|which administration|which department|which authority|"
        r"which body)\b",
    ),
    (
        "date",
        r"\b(hvornår|hvilken dato|hvilken dag|hvilken måned|hvilket år|hvilket tidspunkt|hvad tid|"
        r"frist(en)?|when|what date|which date|what day|which day|what month|which month|"
        r"what time|which year|what year|deadline)\b",
    ),
    (
        "decision",
        r"\b(besluttet|besluttede|beslutning(en)?|vedtaget|vedtog|godkendt|godkendte|decide[ds]?|"
        r"decision|resolved?|approved?|approves|adopted|agreed|outcome)\b",
    ),
    (
        "cost",
        r"\b(koste[rt]?|kostede|pris(en)?|beløb(et)?|udgift(en|erne)?|budget(tet)?|"
        r"\w*bevilling(en)?|\w*takst(en|er|erne)?|tilskud(det)?|penge(ne)?|afsat|afsætte[rs]?|"
        r"bevilget|bevilge[rs]?|cost|costs|price|amount|spend|money|funds|funding|"
        r"spent|budget|grant|fee|tariff|set aside)\b",
    ),
    (
        "figure",
        r"\b(hvor mange|hvor meget|hvor (?:stor|høj|lav|lang)[et]?|hvor længe|antal(let)?|procent(en)?|"
        r"andel(en)?|omgørelsesprocent(en)?|how many|how much|how large|how big|how high|"
        r"how long|what share|what number|"
        r"what percentage|what proportion|number of|rate|percent(age)?|share)\b",
    ),
)
# "Hvilke partier", "which administration": what kind of answer, not a word the answer holds.
_WHO_ASKED = re.compile(_INTENTS[0][1], re.IGNORECASE)
_INTENT_PATTERNS = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _INTENTS]
_NUMBER = re.compile(r"\d")
_BIG_FIGURE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d{3,}")
_FIGURE = re.compile(
    r"(?<![\d-])\d+(?:[.,]\d+)?(?!\d)(?!\s*-\s*\d{2,4}\b)|\b(to|tre|fire|fem|seks|syv|otte|ni|ti|"
    r"elleve|tolv|halvdelen|en tredjedel|en fjerdedel)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(r"\b(kr\.?|kroner|mio\.?|mia\.?|millioner|milliarder|tusind|DKK)(?!\w)", re.I)
_DATE_WORDS = re.compile(
    r"\b\d{1,2}\.\s*(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)\w*|"
    r"\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b|\bkl\.?:?\s*\d{1,2}[.:]\d{2}\b|"
    r"\b(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
    r"primo|medio|ultimo|forår|efterår|sommer|vinter)\b|\b(19|20)\d\d\b",
    re.IGNORECASE,
)
_NATIONAL = re.compile(
    r"\b(landsplan|landsgennemsnit\w*|hele landet|national\w*|nationwide|average)\b", re.I
)
TITLE = "Titel"  # the section of a case title taken as a sentence: "Forslag fra KF om ..."
_SUMMARIES = {"sagens kerne", "resume", "resumé", "sammendrag"}
# What else a question asks for, beside its kind, and the sentences that hold it.
_ASKS = (
    # "Hvor ofte skal den revideres?": how often, answered by "hvert andet år"
    (
        re.compile(r"\b(hvor ofte|hvor tit|how often|how frequently)\b", re.I),
        re.compile(r"\b(hvert?|årlig\w*|månedlig\w*|ugentlig\w*|gange? om|every|annually)\b", re.I),
        0.5,
    ),
    # "the total amount": the sum, not one of its parts
    (
        re.compile(r"\b(i alt|samlet|samlede|total|altogether|in all)\b", re.I),
        re.compile(r"\b(i alt|samlet|samlede|total\w*)\b", re.I),
        0.3,
    ),
    # "Hvilken paragraf er lovgrundlaget?": the law and its section
    (
        re.compile(
            r"\b(paragraf\w*|lovgrundlag\w*|hjemmel\w*|hvilken lov|legal basis|which law|"
            r"what law|which section|statutory)\b|§",
            re.I,
        ),
        re.compile(r"§|\b\w*lov(en|s|ens)?\b", re.I),
        0.5,
    ),
    # "the national average": the figure for the whole country, asked for this time
    (_NATIONAL, _NATIONAL, 0.4),
)
_PERCENT_ASKED = re.compile(r"procent|pct|andel|rate|percent|share|proportion|%", re.IGNORECASE)
_PERCENT = re.compile(r"procent|pct\.?|%", re.IGNORECASE)
_COUNTED = re.compile(r"\b(hvor mange|how many)\s+(\w+)", re.IGNORECASE)
_PROPOSER = re.compile(
    r"\b(stillet forslag|stillede forslag|foreslår|foreslog|forslag fra|forslagsstiller\w*|"
    r"beslutningsforslag fra|stillet af|står bag)\b",
    re.IGNORECASE,
)
_PROPOSAL_ASKED = re.compile(
    r"\b(forslag\w*|foreslog|foreslået|stillede|stillet|står bag|bag|propos\w*|put forward|"
    r"behind|submitted|tabled)\b",
    re.IGNORECASE,
)
# Who acted: a person ("Anne Hammer", "Jakob Søgaard Clausen"), a party ("(V)", "KF, RV, ALT og
# M", "Liberal Alliance") or a body ("Børne- og Kulturforvaltningen", "Planklagenævnet").
# Capitalised words that are not names of people: places and institutions.
_NOT_NAMES = {
    "kommune", "kommunes", "byråd", "byrådet", "udvalg", "udvalget", "afdeling", "plads", "havn",
    "torv", "skole", "skolen", "center", "centret", "universitet", "aarhus", "rødovre", "ballerup",
    "københavn", "danmark", "dansk", "danske", "region", "regionen", "staten", "sag", "sagen",
    "bilag", "punkt", "punktnummer",
}  # fmt: skip
_CAPITALISED_RUN = re.compile(
    r"(?:[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)? ){1,3}[A-ZÆØÅ][a-zæøå]+"
)
_PARTY_ABBREVIATIONS = r"S|SF|V|K|KF|RV|B|ALT|Å|M|DF|O|EL|Ø|LA|I|DD|F|A|C"
_PARTY = re.compile(
    r"\((?:" + _PARTY_ABBREVIATIONS + r")\)|"
    r"\b(?:" + _PARTY_ABBREVIATIONS + r")(?:, (?:" + _PARTY_ABBREVIATIONS + r"))*"
    r",? og (?:" + _PARTY_ABBREVIATIONS + r")\b|"
    r"\b(?:SF|RV|ALT|DF|KF|LA|DD|EL)\b|"
    r"\b(Socialdemokrat\w*|Venstre|Konservative|Radikale|Alternativet|Moderaterne|"
    r"Enhedslisten|Liberal Alliance|Dansk Folkeparti|Socialistisk Folkeparti|"
    r"Danmarksdemokraterne)\b"
)
_BODY = re.compile(
    r"\b[\wæøåÆØÅ-]*(forvaltning(en)?|afdeling(en)?|nævn(et)?|styrelse(n)?|kontor(et)?|"
    r"centret|magistrat(en)?|ministeri(et|um))\b",
    re.IGNORECASE,
)
HEADING_LIKE = 0.5
_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
)  # fmt: skip
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# A full date in a question ("den 1. oktober 2025", "1 October 2025", "01.10.2025") says which
# meeting, not which year's figure is asked for.
_FULL_DATE = re.compile(
    r"\b\d{1,2}\.?\s+(?:" + "|".join(_MONTHS + _MONTHS_EN) + r")\s+(19|20)\d\d\b|"
    r"\b\d{1,2}[-./]\d{1,2}[-./](19|20)\d\d\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Intent:
    """What kind of sentence answers the question, and the years it names."""

    kind: str = "general"  # figure, cost, date, decision, who or general
    years: tuple[int, ...] = ()


def question_intent(question: str) -> Intent:
    kind = next((k for k, p in _INTENT_PATTERNS if p.search(question)), "general")
    years = _YEAR.findall(_FULL_DATE.sub(" ", question))
    return Intent(kind, tuple(sorted({int(y) for y in years})))


def names_agent(text: str) -> bool:
    """The sentence names a person, a party or a public body: who did something."""
    if _PARTY.search(text) or _BODY.search(text):
        return True
    return any(
        not any(w.casefold() in _NOT_NAMES for w in run.group(0).split())
        for run in _CAPITALISED_RUN.finditer(text)
    )


# --- words and the model -----------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
_EXTRA_STOPWORDS = {
    "hvad", "hvor", "hvem", "hvornår", "hvilke", "hvilken", "hvilket", "mange", "meget", "blev",
    "var", "sagen", "udvalget", "kommunen", "the", "what", "how", "many", "much", "when", "who",
    "which", "was", "were", "is", "are", "did", "does", "do", "of", "in", "for", "and", "about",
    "there", "a", "an", "to", "on", "it", "that", "this", "be", "by", "with", "at", "or",
}  # fmt: skip


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DANISH

    return frozenset(STOPWORDS_DANISH) | _EXTRA_STOPWORDS


@cache
def _stem(word: str) -> str:
    from qa.keyword import _stemmer

    return _stemmer().stemWord(word)


def terms(text: str) -> set[str]:
    """The Danish-stemmed content words of a text (stop and question words dropped)."""
    stop = _stopwords()
    return {_stem(w) for w in _WORD.findall(text.casefold()) if w not in stop and len(w) > 1}


def _lexical(
    question_terms: set[str],
    sentence_terms: set[str],
    heading_terms=frozenset(),
    rarity: dict[str, float] | None = None,
) -> float:
    """Share of the question's words in the sentence, longer words and numbers weighing more.
    A word that is the start or end of one in the sentence counts 0.7: Danish compounds
    ("døgntakst", "takst") and names across languages ("ukrainian", "ukrain"). A word only in
    the sub-heading the sentence stands under counts 0.5. With `rarity`, a word most sentences
    of the case hold (its topic: "ukrainere" in a case about Ukrainians) weighs less than one
    that tells its sentences apart ("ledige")."""
    if not question_terms:
        return 0.0

    def weight(term: str) -> float:
        base = (2.0 if term.isdigit() else 1.0) * min(len(term), 10) / 5
        return base * (rarity.get(term, 1.0) if rarity else 1.0)

    def within(term: str, words) -> bool:
        return not term.isdigit() and any(_part_of(term, other) for other in words)

    total = sum(weight(t) for t in question_terms)
    if total <= 0:
        return 0.0
    found = 0.0
    for term in question_terms:
        if term in sentence_terms:
            found += weight(term)
        elif within(term, sentence_terms):
            found += 0.7 * weight(term)
        elif term in heading_terms or within(term, heading_terms):
            found += 0.5 * weight(term)
    return found / total


def _part_of(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return (
        len(short) >= 5 and not short.isdigit() and (long.startswith(short) or long.endswith(short))
    )


class _VectorCache:
    """Sentence vectors by (model, runtime, text), so a case asked about again costs no model
    call; vectors stored with the index (`qa.sentences`) are taken from there."""

    def __init__(self, size: int = 20000):
        self.size = size
        self._vectors: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(encoder, kind: str, text: str) -> tuple:
        return (encoder.name, getattr(encoder, "runtime", None), kind, text)

    def has(self, encoder, text: str, kind: str = "passage", stored=None) -> bool:
        if kind == "passage" and stored is not None and stored.get(text) is not None:
            return True
        return self._key(encoder, kind, text) in self._vectors

    def get(self, encoder, texts: Sequence[str], kind: str, stored=None) -> np.ndarray:
        keys = [self._key(encoder, kind, t) for t in texts]
        found: dict[tuple, np.ndarray] = {}
        if kind == "passage" and stored is not None:
            for k in keys:
                vector = stored.get(k[-1])
                if vector is not None:
                    found[k] = vector
        with self._lock:
            missing = [
                k[-1] for k in dict.fromkeys(keys) if k not in found and k not in self._vectors
            ]
        if missing:
            encode = encoder.encode_queries if kind == "query" else encoder.encode_passages
            vectors = encode(missing)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._vectors[self._key(encoder, kind, text)] = vector
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        with self._lock:
            for k in keys:
                if k not in found:
                    self._vectors.move_to_end(k)
            return np.vstack([found[k] if k in found else self._vectors[k] for k in keys])


_VECTORS = _VectorCache()
# How many candidate sentences the model scores at most: each costs a model call the first time
# it is seen (bench/answer_latency.py). The cues and the words choose which ones.
MODEL_CANDIDATES = 6
# A question whose words are this well covered by the best sentence needs no model.
LEXICAL_ENOUGH = 0.6
MAX_SENTENCE_CHARS = 400
RARITY_FLOOR = 0.3
BACKGROUND = 0.3  # the weight of a follow-up's earlier question's words beside its own
OTHER_HEADING = 0.3  # the weight of a question word that every sentence of the case holds  # a "sentence" longer than this is a list or a table run together


# --- sentences of the top cases ------------------------------------------------------------------


@dataclass
class _Candidate:
    text: str
    hit_index: int  # which hit (0-based) it belongs to
    section: str
    in_passage: bool  # in the hit's best passage, not only elsewhere in the case
    order: int  # position in the case
    heading: str = ""  # the sub-heading it stands under ("Børnehandicapområdet")
    recurring: bool = False  # holds a figure stated elsewhere in the case too
    score: float = 0.0
    lexical: float = 0.0
    meeting_date: date | None = None  # of the meeting whose case it is in
    committee: str = ""

    @property
    def model_text(self) -> str:
        """What the model reads: the sentence under its sub-heading, which says what it is about."""
        return f"{self.heading}: {self.text}" if self.heading else self.text


def _clean(text: str) -> str:
    return " ".join(text.split())


def _case_sections(snapshot, hit: Hit) -> list[tuple[str, str]]:
    record = snapshot.cases.get(hit.chunk.case_key) if snapshot is not None else None
    if record and record.get("sections"):
        return [(s["heading"], s["text"]) for s in record["sections"]]
    return [(hit.chunk.section, hit.chunk.text)]


def _pieces(text: str) -> list[str]:
    """Sentences, with a lead-in ending in a colon joined to a short sentence after it."""
    out: list[str] = []
    for sentence in split_sentences(text):
        clean = _clean(sentence.text)
        # A lead-in of a few words ("med denne bemærkning:") says nothing without what follows.
        lead_in = out and out[-1].endswith(":")
        if lead_in and (len(clean.split()) <= 8 or len(out[-1].split()) <= 3):
            out[-1] = f"{out[-1]} {clean}"  # "Mødet afsluttet kl.: 15.49."
        elif clean:
            out.append(clean)
    return out


def _candidates(snapshot, hit: Hit, hit_index: int) -> list[_Candidate]:
    passage = _clean(hit.chunk.text)
    out: list[_Candidate] = []
    for section, text in _case_sections(snapshot, hit):
        heading = ""
        for clean in _pieces(text):
            words = clean.split()
            if clean.startswith("Bilag "):
                continue
            if len(words) < 8 and not clean.endswith((".", "!", "?", ")")) and section != DECISION:
                heading = clean.rstrip(":")  # a sub-heading names what follows
                continue
            if len(words) < 3 and section != DECISION and "§" not in clean:
                continue
            out.append(
                _Candidate(
                    _shorten(clean),
                    hit_index,
                    section,
                    clean in passage,
                    len(out),
                    heading,
                    meeting_date=hit.chunk.meeting_date,
                    committee=hit.chunk.committee,
                )
            )
    figures = [{f for f in _BIG_FIGURE.findall(c.text) if not _YEAR.fullmatch(f)} for c in out]
    for c, own in zip(out, figures, strict=True):
        c.recurring = any(own & other for other in figures if other is not own)
    title = _clean(hit.chunk.title)
    if _PROPOSER.search(title):  # "Forslag fra KF om ...": who proposed it
        out.append(
            _Candidate(
                title,
                hit_index,
                TITLE,
                False,
                -1,
                meeting_date=hit.chunk.meeting_date,
                committee=hit.chunk.committee,
            )
        )
    return out


def _cue(
    intent: Intent, candidate: _Candidate, question: str, rarity: dict[str, float] | None = None
) -> float:
    """How well a sentence holds the kind of thing asked for, in about [-0.6, 1.5]."""
    text = candidate.text
    years = {int(y) for y in _YEAR.findall(text)}
    score = 0.0
    kind = intent.kind
    year_weight = 0.5 if kind in ("figure", "cost", "date", "general") else 0.2
    if rarity and intent.years:
        # A year most of the case's sentences name ("Danmarkskortet 2023") is its topic: it
        # tells them apart as little as any other topic word.
        year_weight *= min(rarity.get(str(y), 1.0) for y in intent.years)
    if intent.years:
        if years & set(intent.years):
            score += year_weight
        elif years:
            score -= 0.6 * year_weight  # about another year than the one asked for
    if _NATIONAL.search(text) and not _NATIONAL.search(question):
        score -= 0.3  # the national figure beside the municipality's own, which was asked for
    for asked, holds, weight in _ASKS:
        if asked.search(question) and holds.search(text):
            score += weight
    if candidate.section.casefold() in _SUMMARIES:
        score += 0.1  # a case's summary states its point
    if _PERCENT_ASKED.search(question) and _PERCENT.search(text):
        score += 0.4
    counted = _COUNTED.search(question)
    if counted and kind in ("figure", "cost"):
        noun = _stem(counted.group(2).casefold())
        # "3 pladser" for "hvor mange pladser", "49 voksne er pt. ledige" for "hvor mange ledige"
        if re.search(r"\d\s+(?:\S+\s+){0,3}" + re.escape(noun), text.casefold()):
            score += 0.3
    if candidate.recurring:
        score += 0.2  # a figure the case repeats is its key figure
    if candidate.section != DECISION and heading_like(text):
        score -= HEADING_LIKE  # "Bilag"-style titles and headings name, they do not answer
    if kind == "decision":
        score += 1.5 if candidate.section == DECISION else 0.0
    elif kind in ("figure", "cost"):
        # A number the question states itself ("Solvej 6", "Sag nr. 7") is not what it asks for.
        given = {m.group(0).casefold() for m in _FIGURE.finditer(question)}
        counts = [
            m
            for m in _FIGURE.finditer(text)
            if not _YEAR.fullmatch(m.group(0)) and m.group(0).casefold() not in given
        ]
        if counts:
            score += 0.5
        elif _FIGURE.search(text):
            score += 0.1
        if kind == "cost" and _MONEY.search(text):
            score += 0.5
    elif kind == "date" and _DATE_WORDS.search(_without_meeting_date(text, candidate)):
        score += 0.5  # a date, not only the day of the meeting the case is on
    elif kind == "who":
        if names_agent(text):
            # Naming someone answers "who" when the sentence is about what was asked.
            score += 0.4 if candidate.lexical >= 0.1 else 0.15
        else:
            score -= 0.3  # names nobody: it cannot say who
        # "Forslaget er stillet af SF Aarhus:" heads the list of names that answers.
        if _PROPOSAL_ASKED.search(question) and _PROPOSER.search(f"{candidate.heading} {text}"):
            score += 0.4
    return score


def _date_forms(day: date) -> list[str]:
    """How the minutes write a meeting's date: "1. oktober 2025", "01.10.2025", "1/10 2025"."""
    month = _MONTHS[day.month - 1]
    return [
        rf"\b{day.day}\.?\s*{month}(?:\s+{day.year})?",
        rf"\b0?{day.day}[-./]0?{day.month}[-./ ]\s*(?:{day.year}|{day.year % 100:02d})\b",
    ]


def _without_meeting_date(text: str, candidate: _Candidate) -> str:
    if candidate.meeting_date is None:
        return text
    for form in _date_forms(candidate.meeting_date):
        text = re.sub(form, " ", text, flags=re.IGNORECASE)
    return text


def _question_dates(question: str) -> list[date]:
    """The full dates a question names ("den 1. oktober 2025", "1 October 2025", "01.10.2025")."""
    out = []
    for match in _FULL_DATE.finditer(question):
        numbers = re.findall(r"\d+", match.group(0))
        words = re.findall(r"[^\W\d]+", match.group(0).casefold())
        try:
            if words:
                month = (
                    _MONTHS.index(words[0]) if words[0] in _MONTHS else _MONTHS_EN.index(words[0])
                ) + 1
                out.append(date(int(numbers[-1]), month, int(numbers[0])))
            else:
                out.append(date(int(numbers[2]), int(numbers[1]), int(numbers[0])))
        except (ValueError, IndexError):
            continue
    return out


def _locators(question: str, candidate: _Candidate) -> set[str]:
    """The question's words that say which meeting the case is from, not what is asked about
    it: the committee's name, and the meeting's date when the question names it."""
    out = terms(candidate.committee)
    for named in _question_dates(question):
        if named == candidate.meeting_date:
            out |= terms(f"{named.day} {_MONTHS[named.month - 1]} {_MONTHS_EN[named.month - 1]}")
            out.add(str(named.year))
    return out


def _rarity(
    question: str, question_terms: set[str], candidates: list[_Candidate], own: list[set[str]]
) -> dict[int, dict[str, float]]:
    """Per case, how well each of the question's words tells the case's sentences apart (its
    inverse document frequency among them): 1 for a word none holds, less the more hold it,
    at least RARITY_FLOOR; 0 for a word that only says which meeting (`_locators`)."""
    by_case: dict[int, list[set[str]]] = {}
    first: dict[int, _Candidate] = {}
    for c, words in zip(candidates, own, strict=True):
        by_case.setdefault(c.hit_index, []).append(words)
        first.setdefault(c.hit_index, c)
    out = {}
    for case, sentences in by_case.items():
        n = len(sentences)
        weights = dict.fromkeys(question_terms & _locators(question, first[case]), 0.0)
        for term in question_terms - set(weights):
            held = sum(
                1
                for words in sentences
                if term in words or (not term.isdigit() and any(_part_of(term, w) for w in words))
            )
            weights[term] = max(RARITY_FLOOR, math.log((n + 1) / (held + 1)) / math.log(n + 1))
        out[case] = weights
    return out


def _prefer_named_headings(question_terms: set[str], candidates: list[_Candidate]) -> None:
    """When the question names a sub-heading of a case ("på socialområdet generelt"), the
    sentences under the case's other sub-headings ("Børnehandicapområdet") answer another
    question, however well their words match: they lose OTHER_HEADING."""
    named: dict[int, set[str]] = {}
    for c in candidates:
        if c.heading:
            heading = terms(c.heading)
            if any(t in heading or any(_part_of(t, h) for h in heading) for t in question_terms):
                named.setdefault(c.hit_index, set()).add(c.heading)
    for c in candidates:
        if c.heading and c.hit_index in named and c.heading not in named[c.hit_index]:
            c.score -= OTHER_HEADING


def _score(
    searcher, question: str, intent: Intent, candidates: list[_Candidate], background: str = ""
) -> None:
    """Score every candidate in place: cue + words, then the model for the ones that are close."""
    question_terms = terms(_WHO_ASKED.sub(" ", question) if intent.kind == "who" else question)
    own = [terms(c.text) for c in candidates]
    rarity = _rarity(question, question_terms, candidates, own)
    for c, words in zip(candidates, own, strict=True):
        # A sentence under "Voksenhandicapområdet" is about it without saying so again.
        # A sentence under "Lovgrundlag" answers a question about the legal basis as well.
        around = terms(f"{c.heading} {c.section}")
        c.lexical = _lexical(question_terms, words, around, rarity[c.hit_index])
        c.score = (
            _cue(intent, c, question, rarity[c.hit_index])
            + c.lexical
            + (0.15 if c.in_passage else 0.0)
            - 0.05 * c.hit_index
        )
    # A follow-up ("And the national figure?") is about what the question before it named
    # ("on the social area in general"): those words count, less than its own.
    background_terms = terms(background) - question_terms
    if background_terms:
        rarity = _rarity(background, background_terms, candidates, own)
        for c, words in zip(candidates, own, strict=True):
            around = terms(f"{c.heading} {c.section}")
            extra = BACKGROUND * _lexical(background_terms, words, around, rarity[c.hit_index])
            c.lexical += extra
            c.score += extra
    _prefer_named_headings(question_terms | background_terms, candidates)
    best_lexical = max((c.lexical for c in candidates), default=0.0)
    if best_lexical >= LEXICAL_ENOUGH or searcher is None:
        return
    # The words do not decide (another language, other words): ask the model. Sentences it has
    # read before cost nothing; of the others, only the best few by cue and words are read.
    encoder = searcher.encoder
    stored = _stored(searcher)
    ranked = sorted(candidates, key=lambda c: -c.score)
    first = min(c.hit_index for c in candidates)
    best = [c for c in ranked if c.hit_index == first][:MODEL_CANDIDATES]
    best += [c for c in ranked if c.hit_index != first][: MODEL_CANDIDATES // 2]
    # The same best few each time, so a question asked again reads nothing new.
    chosen = {id(c) for c in best}
    pool = best + [
        c
        for c in ranked
        if id(c) not in chosen and _VECTORS.has(encoder, c.model_text, stored=stored)
    ]
    if len(pool) < 2:
        return
    texts = [c.model_text for c in pool]
    vectors = _VECTORS.get(encoder, texts, "passage", stored)
    closeness = _spread(vectors @ _query_vector(searcher, question))
    # The question's words that no sentence holds ("sick leave" over "sygemeldte") are what the
    # words could not find: read alone, they tell the sentences of the case apart, where the
    # whole question mostly says what the case is about (every sentence is about Ukrainians).
    unfound = _unfound_words(question, [w for c, w in zip(candidates, own, strict=True)])
    if unfound:
        closeness = 0.25 * closeness + 0.75 * _spread(vectors @ _query_vector(searcher, unfound))
    for c, value in zip(pool, closeness.tolist(), strict=True):
        c.score += 0.8 * value + 0.2


def _spread(similarity: np.ndarray) -> np.ndarray:
    """e5 similarities crowd together: what counts is the spread among the candidates, 0 to 1."""
    low, high = float(similarity.min()), float(similarity.max())
    return (similarity - low) / max(high - low, 1e-6)


def _unfound_words(question: str, sentence_terms: list[set[str]]) -> str:
    """The question's content words held by none of the sentences, in the question's order; ""
    when there are none, or when no word was found at all (then the question is as good)."""
    stop = _stopwords()
    words = [w for w in _WORD.findall(question) if w.casefold() not in stop and len(w) > 1]
    held = set().union(*sentence_terms) if sentence_terms else set()

    def found(word: str) -> bool:
        term = _stem(word.casefold())
        return term in held or (not term.isdigit() and any(_part_of(term, h) for h in held))

    unfound = [w for w in words if not found(w)]
    return " ".join(unfound) if 0 < len(unfound) < len(words) else ""


def _stored(searcher):
    """The sentence vectors stored with the searcher's index, if it has any."""
    store = getattr(searcher, "store", None)
    if store is None:
        return None
    from qa.sentences import stored_vectors

    return stored_vectors(store.directory, searcher.encoder)


def _query_vector(searcher, question: str) -> np.ndarray:
    """The question's vector: the one the search just computed when it searched these words."""
    remembered = getattr(searcher, "query_vector", None)
    if remembered is not None:
        return remembered(question)
    return _VECTORS.get(searcher.encoder, [question], "query")[0]


def index_sentences(snapshot) -> list[str]:
    """What the model reads of every sentence an answer may quote from the snapshot's cases."""
    texts: list[str] = []
    seen = set()
    for chunk in snapshot.chunks:
        if chunk.case_key in seen:
            continue
        seen.add(chunk.case_key)
        texts.extend(c.model_text for c in _candidates(snapshot, Hit(0, 0.0, chunk), 0))
    return list(dict.fromkeys(texts))


# --- composing the answer -------------------------------------------------------------------------


def compose(
    searcher,
    question: str,
    hits: Sequence[Hit],
    *,
    intent: Intent | None = None,
    language: str | None = None,
    context: dict | None = None,
    searched: str = "",
    use_model: bool = True,
    background: str = "",
) -> Answer:
    """The extractive answer to `question` from `hits` (best first)."""
    language = language or question_language(question)
    intent = intent or question_intent(question)
    hits = list(hits)
    if not hits or hits[0].weak:
        return Answer(
            question,
            NOT_FOUND_TEXT[language],
            False,
            (),
            tuple(replace(h, weak=True) for h in hits),
            context,
            status=NOT_FOUND,
            searched=searched or question,
        )
    snapshot = searcher.snapshot() if searcher is not None else None
    strong = [i for i, h in enumerate(hits[:3]) if not h.weak]
    candidates = [c for i in strong for c in _candidates(snapshot, hits[i], i)]
    if not candidates:
        return _renumbered(question, [], hits, context, language, searched)
    _score(searcher if use_model else None, question, intent, candidates, background)

    best_per_hit: dict[int, _Candidate] = {}
    for c in sorted(candidates, key=lambda c: -c.score):
        best_per_hit.setdefault(c.hit_index, c)
    top = best_per_hit.get(0) or max(best_per_hit.values(), key=lambda c: c.score)

    # Other cases that answer as well, from other meetings, with other words: the answer differs
    # by meeting (two years, two figures) and says so instead of picking one.
    others = [
        c
        for i, c in sorted(best_per_hit.items())
        if i != top.hit_index
        and c.score >= 0.95 * top.score
        and _holds_asked(intent.kind, c.text)
        and hits[i].chunk.meeting_date != hits[top.hit_index].chunk.meeting_date
        and c.text != top.text
    ]
    if others and _holds_asked(intent.kind, top.text):
        chosen = sorted(
            [top, *others], key=lambda c: hits[c.hit_index].chunk.meeting_date, reverse=True
        )
        return _renumbered(
            question, [[c] for c in chosen], hits, context, language, searched, differ=True
        )

    picked = [top]
    if intent.kind == "decision" and top.section == DECISION and len(top.text.split()) < 8:
        # "Anbefales." says yes to the recommendation: show what was recommended beside it.
        recommendation = [
            c
            for c in candidates
            if c.hit_index == top.hit_index and c.section.casefold() == "indstilling"
        ]
        picked += _joined_recommendation(recommendation)
    else:
        # The next sentence when it goes on with the answer ("... 127 afgørelser. I 46 af ...").
        second = [
            c
            for c in candidates
            if c.hit_index == top.hit_index
            and abs(c.order - top.order) == 1
            and c.section == top.section
            and c.score >= 0.85 * top.score
        ]
        if second:
            picked.append(max(second, key=lambda c: c.score))
        picked.sort(key=lambda c: c.order)
    return _renumbered(question, [picked], hits, context, language, searched)


def _holds_asked(kind: str, text: str) -> bool:
    """Whether a sentence holds what a figure, amount or date question asks for: a year alone is
    no figure ("budget 2025-2028"), and a number without kroner no amount."""
    if kind == "cost":
        return bool(_MONEY.search(text) and _NUMBER.search(text))
    if kind == "figure":
        return any(not _YEAR.fullmatch(m.group(0)) for m in _FIGURE.finditer(text))
    if kind == "date":
        return bool(_DATE_WORDS.search(text))
    return False


def _joined_recommendation(candidates: list[_Candidate]) -> list[_Candidate]:
    """The recommendation ("indstiller, at ...") as one sentence, or nothing."""
    if not candidates:
        return []
    text = " ".join(c.text for c in sorted(candidates, key=lambda c: c.order))
    first = candidates[0]
    return [_Candidate(_shorten(text), first.hit_index, first.section, False, first.order)]


def _shorten(text: str) -> str:
    """At most MAX_SENTENCE_CHARS, cut between words."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return text
    return text[:MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"


def _renumbered(
    question: str,
    groups: list[list[_Candidate]],
    hits: list[Hit],
    context: dict | None,
    language: str,
    searched: str,
    differ: bool = False,
) -> Answer:
    """The answer with hits in citation order: cited hits first, [1] the first one cited."""
    order: list[int] = []
    for group in groups:
        for c in group:
            if c.hit_index not in order:
                order.append(c.hit_index)
    order += [i for i in range(len(hits)) if i not in order]
    number = {old: new + 1 for new, old in enumerate(order)}
    ranked = tuple(replace(hits[old], rank=new + 1) for new, old in enumerate(order))

    sentences: list[AnswerSentence] = []
    lines: list[str] = []
    for group in groups:
        parts = []
        for c in group:
            meeting_date = hits[c.hit_index].chunk.meeting_date
            sentences.append(
                AnswerSentence(
                    c.text, (number[c.hit_index],), meeting_date.isoformat() if differ else None
                )
            )
            parts.append(f"{c.text} [{number[c.hit_index]}]")
        prefix = f"{hits[group[0].hit_index].chunk.meeting_date:%d-%m-%Y}: " if differ else ""
        lines.append(prefix + " ".join(parts))
    if differ:
        text = "\n".join([DIFFER_TEXT[language], *(f"- {line}" for line in lines)])
    else:
        text = " ".join(lines)
    return Answer(
        question,
        text,
        True,
        tuple(sentences),
        ranked,
        context,
        status=DIFFER if differ else "",
        searched=searched or question,
    )
