"""The sentences an answer may quote, and the named features its fitted scorer reads.

A candidate is a whole sentence of one of the top cases. Its features say how close it is to the
question (e5 similarity alone and with its neighbours, rarity-weighted word overlap), whether it
holds what the question asks for (a figure, an amount, a date, a name, a decision), which section
of the minutes it stands in (Beslutning, Indstilling, Økonomi, ...) and where. What each counts is
fitted on the tuning sets by `bench/fit_answer.py`; `qa.answer_scorer` applies the weights.
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
from cachetools import LRUCache

from qa import cues, glossary
from qa.cues import Intent
from qa.highlight import heading_like
from qa.highlight import sentences as split_sentences
from qa.language import question_language
from qa.minutes import DECISION
from qa.retrieval import Hit

TITLE = "Titel"  # the section of a case title taken as a sentence: "Forslag fra KF om ..."
MAX_SENTENCE_CHARS = 400  # a "sentence" longer than this is a list or a table run together
# Sentences a question reads with the model live at most, when the index stores no vectors for
# them (a big index): the best by their words; the others count as the least similar read.
MAX_LIVE_SENTENCES = 48
# A short line in at least this share of a municipality's cases (of the first BOILERPLATE_CASES)
# is the form its pages are printed on ("Åbent punkt", "Til indholdsfortegnelse"), not what a case
# says. A fifth: over the tuning questions, lists kept this way raised the questions whose answer
# some candidate holds from 0.876 (no lists) to 0.89, lists with the forms' lines to 0.892, with
# fewer of those lines among the best three.
BOILERPLATE_SHARE = 0.2
BOILERPLATE_CASES = 300


@dataclass(frozen=True)
class Candidate:
    text: str
    hit_index: int  # which hit (0-based) it belongs to
    section: str
    in_passage: bool  # in the hit's best passage, not only elsewhere in the case
    order: int  # position in the case
    heading: str = ""  # the sub-heading it stands under ("Børnehandicapområdet")
    meeting_date: date | None = None
    committee: str = ""
    count: int = 1  # how many sentences the case has: order / count is the position

    @property
    def model_text(self) -> str:
        """What the model reads: the sentence under its sub-heading, which says what it is about."""
        return f"{self.heading}: {self.text}" if self.heading else self.text


def _clean(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str) -> str:
    """At most MAX_SENTENCE_CHARS, cut between words."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return text
    return text[:MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"


def _case_sections(snapshot, hit: Hit) -> list[tuple[str, str]]:
    record = snapshot.cases.get(hit.chunk.case_key) if snapshot is not None else None
    if record and record.get("sections"):
        return [(s["heading"], s["text"]) for s in record["sections"]]
    return [(hit.chunk.section, hit.chunk.text)]


# A list item's mark: "• forslag til ...", "- at ..." (a dash before a figure is a minus sign).
_BULLET = re.compile(r"^[•·▪◦*–-]\s+")
_ENDS = (".", "!", "?")


def _pieces(text: str) -> list[str]:
    """Sentences, with a lead-in ending in a colon joined to a short sentence after it, and a
    sentence broken over lines or list items joined again: "Borgmesteren indstiller" then "at
    Finn Stengel Petersen (A) vælges ..." is one sentence, "... indstiller, at byrådet godkender"
    with its items "• forslag til Kommuneplantillæg 3.041", "• forslag til Lokalplan" another."""
    out: list[str] = []
    items = False  # the last piece ends in list items joined to it
    for sentence in split_sentences(text):
        clean = _clean(sentence.text)
        if not clean:
            continue
        item = _BULLET.sub("", clean)
        bullet = item != clean
        lead_in = out and out[-1].endswith(":")
        if lead_in and (len(clean.split()) <= 8 or len(out[-1].split()) <= 3):
            out[-1] = f"{out[-1]} {clean}"  # "Mødet afsluttet kl.: 15.49."
            items = False
        elif (
            out
            and _unfinished(out[-1])
            and (bullet or item[0].islower())
            and not item.endswith(":")  # a lead-in of its own: "med denne bemærkning:"
        ):
            joined = f"{out[-1]}{'; ' if items and bullet else ' '}{item}"
            if len(joined) > MAX_SENTENCE_CHARS:
                out.append(item)
                items = False
            else:
                out[-1], items = joined, bullet
        else:
            out.append(item)
            items = False
    return out


def _unfinished(piece: str) -> bool:
    """A piece that does not end its sentence: no full stop, and no heading of one word."""
    return not piece.endswith(_ENDS) and len(piece.split()) > 1


_BOILERPLATE: dict[int, tuple[weakref.ref, dict]] = {}
_BOILERPLATE_LOCK = threading.Lock()


def _label_like(piece: str) -> bool:
    """A short line with no sentence end and no figure: a sub-heading, or a line of a list."""
    words = piece.split()
    return len(words) < 8 and not piece.endswith((*_ENDS, ")")) and _amount(piece) is None


def _boilerplate(snapshot, municipality: str | None) -> frozenset[str]:
    """The short lines of the municipality's printed form (BOILERPLATE_SHARE), read once per
    loaded index."""
    with _BOILERPLATE_LOCK:
        entry = _BOILERPLATE.get(id(snapshot))
        if entry is None or entry[0]() is not snapshot:
            for key in [k for k, (ref, _) in _BOILERPLATE.items() if ref() is None]:
                del _BOILERPLATE[key]
            entry = _BOILERPLATE[id(snapshot)] = (weakref.ref(snapshot), {})
        known = entry[1]
        if municipality in known:
            return known[municipality]
    records = [r for k, r in snapshot.cases.items() if k.municipality == municipality]
    records = records[:BOILERPLATE_CASES]
    counts: Counter[str] = Counter()
    for record in records:
        pieces = (p for s in record.get("sections", []) for p in _pieces(s["text"]))
        counts.update({p.rstrip(":") for p in pieces if _label_like(p)})
    least = max(2, BOILERPLATE_SHARE * len(records))
    common = frozenset(line for line, n in counts.items() if n >= least)
    with _BOILERPLATE_LOCK:
        known[municipality] = common
    return common


def candidates(snapshot, hit: Hit, hit_index: int) -> list[Candidate]:
    """The sentences of the hit's case an answer may quote, in the case's order."""
    passage = _clean(hit.chunk.text)
    found: list[tuple[str, str, bool, str]] = []
    form = _boilerplate(snapshot, hit.chunk.case_key.municipality) if snapshot else frozenset()
    for section, text in _case_sections(snapshot, hit):
        heading = above = label = ""
        named = cues.section_kind(section) in ("decision", "economy", "recommendation", "timeline")
        lines: list[str] = []  # short lines in a row, each heading what follows, until it is seen
        listed = ""
        for clean in _pieces(text):
            words = clean.split()
            if clean.startswith("Bilag "):
                continue
            if label and _table_value(clean):
                # A table's row read as two lines: "Hovedentreprisen", then "2.941.813,70".
                if found and found[-1][0] == label:
                    found.pop()  # in a named section the label stood as a sentence of its own
                found.extend(_listed(lines[:-1], section, passage, listed, form))
                lines = []
                found.append((f"{label}: {clean}", section, clean in passage, above))
                heading, label = above, ""
                continue
            row = _amount(clean) is not None  # "Hovedentreprise 2.941.813,70": a row, no heading
            label = clean.rstrip(":") if _label_like(clean) else ""
            if label and not named:
                listed = heading if not lines else listed  # what a list of such lines is under
                above, heading = heading, label  # a sub-heading names what follows
                lines.append(label)
                continue
            # Of short lines in a row only the last heads this sentence: the others are a list.
            found.extend(_listed(lines[:-1], section, passage, listed, form))
            lines = []
            if len(words) < 3 and not named and "§" not in clean and not row:
                continue
            # "Ingen." under Økonomiske konsekvenser says nothing without its section
            shown = (
                _with_section(section, clean) if len(words) < 3 and section != DECISION else clean
            )
            found.append((shorten(shown), section, clean in passage, heading))
        # Short lines that end the section head nothing: they are what it says ("Fraværende":
        # "Linda Kofoed Persson"; a plan's dates, one per line).
        found.extend(_listed(lines, section, passage, listed, form))
    title = _clean(hit.chunk.title)
    if cues.holds("proposer", title):  # "Forslag fra KF om ...": who proposed it
        found.append((title, TITLE, False, ""))
    c = hit.chunk
    return [
        Candidate(
            text,
            hit_index,
            section,
            in_passage,
            n,
            heading,
            c.meeting_date,
            c.committee,
            len(found),
        )  # fmt: skip
        for n, (text, section, in_passage, heading) in enumerate(found)
    ]


def _listed(
    lines: list[str], section: str, passage: str, heading: str, form: frozenset[str]
) -> list[tuple]:
    """Short lines that head nothing, as sentences of at most MAX_SENTENCE_CHARS; not a line of
    one word ("DIR", "Behandling") nor one of the municipality's `form`."""
    kept = [line for line in lines if len(line.split()) > 1 and line not in form]
    out: list[tuple] = []
    for line in kept:
        if out and len(out[-1][0]) + len(line) + 2 <= MAX_SENTENCE_CHARS:
            out[-1] = (f"{out[-1][0]}; {line}", *out[-1][1:])
        else:
            shown = _with_section(section, line) if len(line.split()) < 3 else line
            out.append((shown, section, line in passage, heading))
    return out


def _with_section(section: str, text: str) -> str:
    """A short text with its section's name, which says what it is ("Fraværende: Ingen.")."""
    return text if text.lower().startswith(section.lower()) else f"{section}: {text}"


def _amount(text: str) -> str | None:
    """The first figure of a text that is no year ("2.941.813,70", "434", "12,5"), if any."""
    return next((f for f in cues.BIG_FIGURE.findall(text) if not cues.years(f)), None)


def _table_value(text: str) -> bool:
    """A line that is a table cell's value: a figure, at most with its unit ("94,9 mio. kr.")."""
    return _amount(text) is not None and len(cues.BIG_FIGURE.sub(" ", text).split()) <= 2


# --- words ----------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
RARITY_FLOOR = 0.3  # a word every sentence holds still says a little (it was asked)


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DANISH

    return frozenset(STOPWORDS_DANISH) | {w for w in cues.words()["question"]["question_words"]}


@cache
def _stem(word: str) -> str:
    from qa.keyword import stemmer

    return stemmer().stemWord(word)


def terms(text: str) -> set[str]:
    """The Danish-stemmed content words of a text (stop and question words dropped)."""
    stop = _stopwords()
    return {_stem(w) for w in _WORD.findall(text.casefold()) if w not in stop and len(w) > 1}


def question_terms(question: str, language: str | None = None) -> set:
    """The question's terms as sentences are searched for them: its Danish-stemmed content
    words, where an English word the glossary knows stands for the set of its Danish stems (a
    sentence holds it when it holds any of them)."""
    out = terms(question)
    for phrase, danish in glossary.translations(question, language):
        out -= terms(phrase)
        out.add(glossary.danish_stems(danish))
    return out


def _part_of(a: str, b: str) -> bool:
    """One word starts or ends the other: Danish compounds ("døgntakst", "takst")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return (
        len(short) >= 5 and not short.isdigit() and (long.startswith(short) or long.endswith(short))
    )


def _held(term, words) -> float:
    if isinstance(term, frozenset):  # an English word's Danish translations
        return max((_held(t, words) for t in term), default=0.0)
    if term in words:
        return 1.0
    return 0.7 if not term.isdigit() and any(_part_of(term, w) for w in words) else 0.0


def lexical(question_terms: set[str], sentence_terms: set[str], rarity: dict[str, float]) -> float:
    """Share of the question's words the sentence holds, each weighted by its length (a number
    double) and by how well it tells the case's sentences apart (`rarity`); a word that is part
    of a compound in the sentence counts 0.7."""

    def weight(term) -> float:
        if isinstance(term, frozenset):
            return max(min(len(t), 10) for t in term) / 5 * rarity.get(term, 1.0)
        return (2.0 if term.isdigit() else 1.0) * min(len(term), 10) / 5 * rarity.get(term, 1.0)

    total = sum(weight(t) for t in question_terms)
    if total <= 0:
        return 0.0
    return sum(weight(t) * _held(t, sentence_terms) for t in question_terms) / total


def _locators(question: str, candidate: Candidate) -> set[str]:
    """The question's words that say which meeting the case is from, not what is asked about
    it: the committee's name, and the meeting's date when the question names it."""
    out = terms(candidate.committee)
    months = cues.words()["minutes"]["months"]
    for year, month, day in cues.question_dates(question):
        try:
            named = date(year, month, day)
        except ValueError:
            continue
        if named == candidate.meeting_date:  # months: the Danish names, then the English
            out |= terms(f"{day} {months[month - 1]} {months[month + 11]}") | {str(year)}
    return out


def rarity(question: str, question_terms: set[str], found: list[Candidate], own) -> dict:
    """Per case, each question word's inverse document frequency among the case's sentences,
    scaled to [RARITY_FLOOR, 1]; 0 for a word that only says which meeting."""
    by_case: dict[int, list[set[str]]] = {}
    first: dict[int, Candidate] = {}
    for c, words in zip(found, own, strict=True):
        by_case.setdefault(c.hit_index, []).append(words)
        first.setdefault(c.hit_index, c)
    out = {}
    for case, sentences in by_case.items():
        n = len(sentences)
        weights = dict.fromkeys(question_terms & _locators(question, first[case]), 0.0)
        for term in question_terms - set(weights):
            held = sum(1 for words in sentences if _held(term, words))
            weights[term] = max(RARITY_FLOOR, math.log((n + 1) / (held + 1)) / math.log(n + 1))
        out[case] = weights
    return out


# --- the model --------------------------------------------------------------------------------


class VectorCache:
    """Sentence vectors by (model, runtime, text), so a case asked about again costs no model
    call; vectors stored with the index (`qa.sentences`) are taken from there."""

    def __init__(self, size: int = 20000):
        self.size = size
        self._vectors: LRUCache[tuple, np.ndarray] = LRUCache(maxsize=size)  # the oldest go
        self._lock = threading.Lock()

    @staticmethod
    def _key(encoder, kind: str, text: str) -> tuple:
        return (encoder.name, getattr(encoder, "runtime", None), kind, text)

    def has(self, encoder, text: str, kind: str = "passage", stored=None) -> bool:
        if kind == "passage" and stored is not None and stored.get(text) is not None:
            return True
        with self._lock:
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
            for k in keys:
                if k not in found and k in self._vectors:
                    found[k] = self._vectors[k]  # reading it makes it the newest
        missing = [k[-1] for k in dict.fromkeys(keys) if k not in found]
        if missing:
            encode = encoder.encode_queries if kind == "query" else encoder.encode_passages
            vectors = np.asarray(encode(missing), dtype=np.float32)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    key = self._key(encoder, kind, text)
                    self._vectors[key] = found[key] = vector
        return np.vstack([found[k] for k in keys]).astype(np.float32)


VECTORS = VectorCache()


def stored(searcher):
    """The sentence vectors stored with the searcher's index, if it has any."""
    store = getattr(searcher, "store", None)
    if store is None:
        return None
    from qa.sentences import stored_vectors

    return stored_vectors(store.directory, searcher.encoder)


def query_vector(searcher, question: str) -> np.ndarray:
    """The question's vector: the one the search just computed when it searched these words."""
    remembered = getattr(searcher, "query_vector", None)
    if remembered is not None:
        return np.asarray(remembered(question), dtype=np.float32)
    return VECTORS.get(searcher.encoder, [question], "query")[0]


def similarities(searcher, questions: Sequence[str], found: list[Candidate], lexical_rank):
    """Cosine (unit vectors: inner product) of each question with each sentence, and with the
    sentence and its neighbours in the case, as arrays [question, candidate]."""
    n = len(found)
    if searcher is None or n == 0:
        zeros = np.zeros((len(questions), n), dtype=np.float32)
        return zeros, zeros
    encoder = searcher.encoder
    store = stored(searcher)
    have = [VECTORS.has(encoder, c.model_text, stored=store) for c in found]
    missing = [i for i in np.argsort(lexical_rank, kind="stable") if not have[i]]
    read = set(np.flatnonzero(have).tolist()) | set(missing[:MAX_LIVE_SENTENCES])
    chosen = sorted(read)
    vectors = np.zeros((n, encoder.dimension), dtype=np.float32)
    if chosen:
        texts = [found[i].model_text for i in chosen]
        vectors[chosen] = VECTORS.get(encoder, texts, "passage", store)
    # The sentence with the one before and after it in the same case: what it is about.
    context = vectors.copy()
    for i, c in enumerate(found):
        for j in (i - 1, i + 1):
            if 0 <= j < n and found[j].hit_index == c.hit_index and j in read and i in read:
                context[i] += vectors[j]
    context /= np.maximum(np.linalg.norm(context, axis=1, keepdims=True), 1e-9)
    queries = np.vstack([query_vector(searcher, q) for q in questions])
    sims, context_sims = queries @ vectors.T, queries @ context.T
    unread = [i for i in range(n) if i not in read]
    if unread and chosen:
        sims[:, unread] = sims[:, chosen].min(axis=1, keepdims=True)
        context_sims[:, unread] = context_sims[:, chosen].min(axis=1, keepdims=True)
    return sims, context_sims


# --- the features ----------------------------------------------------------------------------------

EXTRAS = ("how_often", "total", "law", "percent", "national")
FEATURES = (
    "similarity",  # e5 cosine of question and sentence (under its sub-heading)
    "similarity_gap",  # that minus the best of the question's candidates (<= 0)
    "context_similarity",  # e5 cosine of question and the sentence with its neighbours
    "context_similarity_gap",
    "topic_similarity",  # a follow-up: e5 cosine of the question it follows and the sentence
    "unfound_similarity",  # e5 cosine of the question's words no sentence holds, and the sentence
    "unfound_similarity_gap",
    "reading_reader",  # the reader's log-odds of an English question's Danish reading (qa.glossary)
    "reading_reader_gap",
    "similarity_best",  # the most similar of the question's candidates
    "similarity_top3",
    "overlap_best",
    "case_similarity_gap",  # the case's e5 similarity minus the first case's
    "reader",  # the reader's log-odds (qa.reader: question and sentence read together)
    "reader_gap",  # that minus the best of the question's candidates (<= 0)
    "overlap",  # rarity-weighted share of the question's words in the sentence
    "overlap_gap",
    "heading_overlap",  # share of the question's words in its sub-heading and section
    "topic_overlap",  # a follow-up: share of the earlier question's words
    "asks_figure_holds",  # figure asked, a figure (no year, not the question's own) held
    "asks_cost_holds",  # amount asked, a number with kroner held
    "asks_date_holds",  # date asked, a date other than the meeting's held
    "asks_who_holds",  # who asked, a person, party or body named
    "asks_who_party",  # who asked, a party named
    "asks_decision_section",  # decision asked, in the Beslutning
    "asks_decision_recommendation",  # decision asked, in the Indstilling
    "asks_decision_verb",  # decision asked, a deciding verb ("godkendt", "anbefaler")
    "asks_cost_economy",  # amount asked, in Økonomi / Økonomiske konsekvenser
    "asks_who_recommendation",  # who asked, in the Indstilling ("Forvaltningen indstiller")
    "asks_who_proposer",  # who proposed asked, a proposer named ("Forslag fra KF")
    "asks_general_summary",  # what is it about, in Sagens kerne / Resume
    "holds_figure",
    "year_named",  # the question names a year the sentence holds
    "year_other",  # the question names a year; the sentence only others
    "asks_how_often_holds",  # "hvor ofte": "hvert andet år"
    "asks_total_holds",  # "i alt": the sum, not a part
    "asks_law_holds",  # "lovgrundlaget": a law or a §
    "asks_percent_holds",  # a rate or a share: "procent", "pct.", "%"
    "asks_national_holds",  # the national figure, asked for
    "national_unasked",  # the national figure, the question asked the local one
    "counted_noun",  # "hvor mange pladser": "3 pladser"
    "recurring_figure",  # a figure the case states twice: its key figure
    "heading_like",  # a line with no sentence end: it names, it does not say
    "section_decision",
    "section_recommendation",
    "section_economy",
    "section_summary",
    "section_law",
    "section_first",  # the first sentence of its section: a Beslutning or Indstilling leads with it
    "other_heading",  # under a sub-heading, while the question names another one of the case
    "position",  # order in the case, 0 first, 1 last
    "hit_rank",  # 0, 1, 2: which of the top cases
    "in_passage",  # in the passage the search found
    "log_words",
    "english",  # the question is English: it meets the Danish minutes at other figures
)
# Features read differently for an English question: weighed anew when it is English (the
# product with "english"). Cross-validated by municipality on the 1,550 tuning questions, English
# questions' best sentence held the fact 0.615 -> 0.627 of the time, and at the line 0.311 of all
# questions were confident (0.256 without), English ones 0.217 (0.119), at the same precision.
FOR_ENGLISH = (
    "reader",
    "reader_gap",
    "similarity",
    "similarity_gap",
    "overlap",
    "overlap_gap",
    "reading_reader",
    "reading_reader_gap",
)
INTERACTIONS = tuple(f"english*{name}" for name in FOR_ENGLISH)


def computes(name: str) -> bool:
    """Whether `columns` computes this feature (a model file older than the code may name one
    it no longer does)."""
    return all(part in FEATURES for part in name.split("*"))


def columns(rows: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """The columns `names` of rows of FEATURES; "a*b" is the product of two."""
    out = np.empty((rows.shape[0], len(names)), dtype=np.float64)
    for k, name in enumerate(names):
        if "*" in name:
            a, b = name.split("*")
            out[:, k] = rows[:, FEATURES.index(a)] * rows[:, FEATURES.index(b)]
        else:
            out[:, k] = rows[:, FEATURES.index(name)]
    return out


def feature_matrix(
    question: str,
    intent: Intent,
    found: list[Candidate],
    sims: np.ndarray,
    context_sims: np.ndarray,
    topic: str = "",
    topic_sims: np.ndarray | None = None,
    unfound_sims: np.ndarray | None = None,
    case_similarity: Sequence[float] = (),
) -> np.ndarray:
    """One row of FEATURES per candidate (the reader's columns 0: `with_reader` sets them)."""
    n = len(found)
    kind = intent.kind
    language = question_language(question)
    # "Hvem ...", "Hvad blev besluttet ...": what kind of answer, not words the answer holds
    # (its kind is a feature of its own).
    asked_terms = (
        question_terms(cues.pattern("question", kind).sub(" ", question), language)
        if kind in ("who", "decision")
        else question_terms(question, language)
    )
    own = [terms(c.text) for c in found]
    around = [terms(f"{c.heading} {c.section}") for c in found]
    weights = rarity(question, asked_terms, found, own)
    topic_terms = question_terms(topic) - asked_terms if topic else set()
    topic_weights = rarity(topic, topic_terms, found, own) if topic_terms else {}
    given = {f.casefold() for f in cues.figures(question)}
    counted = cues.counted_noun(question)
    counted_stem = _stem(counted) if counted else None
    extras = [name for name in EXTRAS if cues.asks(question, name)]
    proposal = cues.asks(question, "proposal")
    big = [{f for f in cues.BIG_FIGURE.findall(c.text) if not cues.years(f)} for c in found]
    named_headings = _named_headings(asked_terms | topic_terms, found)

    rows = np.zeros((n, len(FEATURES)), dtype=np.float64)
    for i, c in enumerate(found):
        text = c.text
        section = cues.section_kind(c.section) if c.section != TITLE else "title"
        meeting = (
            (c.meeting_date.year, c.meeting_date.month, c.meeting_date.day)
            if c.meeting_date
            else None
        )
        has_figure = bool(cues.figures(text, given))
        sentence_years = cues.years(text)
        f = {
            "overlap": lexical(asked_terms, own[i], weights.get(c.hit_index, {})),
            "heading_overlap": lexical(asked_terms, around[i], {}),
            "topic_overlap": lexical(topic_terms, own[i], topic_weights.get(c.hit_index, {}))
            if topic_terms
            else 0.0,
            "asks_figure_holds": kind == "figure" and has_figure,
            "asks_cost_holds": kind == "cost" and cues.holds_money(text),
            "asks_date_holds": kind == "date" and cues.holds_date(text, meeting),
            "asks_who_holds": kind == "who" and cues.names_agent(text),
            "asks_who_party": kind == "who" and cues.names_party(text),
            "asks_decision_section": kind == "decision" and section == "decision",
            "asks_decision_recommendation": kind == "decision" and section == "recommendation",
            "asks_decision_verb": kind == "decision" and cues.holds("decides", text),
            "asks_cost_economy": kind == "cost" and section == "economy",
            "asks_who_recommendation": kind == "who" and section == "recommendation",
            "asks_who_proposer": kind == "who"
            and proposal
            and cues.holds("proposer", f"{c.heading} {text}"),
            "asks_general_summary": kind == "general" and section == "summary",
            "holds_figure": has_figure,
            "year_named": bool(intent.years and sentence_years & set(intent.years)),
            "year_other": bool(
                intent.years and sentence_years and not sentence_years & set(intent.years)
            ),
            **{f"asks_{name}_holds": name in extras and cues.holds(name, text) for name in EXTRAS},
            "national_unasked": cues.holds("national", text) and "national" not in extras,
            "counted_noun": bool(
                counted_stem
                and re.search(r"\d\s+(?:\S+\s+){0,3}" + re.escape(counted_stem), text.casefold())
            ),
            "recurring_figure": any(big[i] & other for j, other in enumerate(big) if j != i),
            "heading_like": section != "decision" and heading_like(text),
            "section_decision": section == "decision",
            "section_recommendation": section == "recommendation",
            "section_economy": section == "economy",
            "section_summary": section == "summary",
            "section_law": section == "law",
            "section_first": i == 0
            or found[i - 1].hit_index != c.hit_index
            or found[i - 1].section != c.section,
            "other_heading": bool(
                c.heading
                and c.hit_index in named_headings
                and c.heading not in named_headings[c.hit_index]
            ),  # fmt: skip
            "position": c.order / max(c.count - 1, 1),
            "hit_rank": c.hit_index,
            "in_passage": c.in_passage,
            "log_words": math.log(1 + len(text.split())),
            "english": language == "en",
        }
        for name, value in f.items():
            rows[i, FEATURES.index(name)] = float(value)
    if n:
        column = FEATURES.index
        rows[:, column("similarity")] = sims
        rows[:, column("context_similarity")] = context_sims
        rows[:, column("similarity_gap")] = sims - sims.max()
        rows[:, column("context_similarity_gap")] = context_sims - context_sims.max()
        if topic_sims is not None:
            rows[:, column("topic_similarity")] = topic_sims
        if unfound_sims is not None:
            rows[:, column("unfound_similarity")] = unfound_sims
            rows[:, column("unfound_similarity_gap")] = unfound_sims - unfound_sims.max()
        order = np.argsort(-sims, kind="stable")
        rows[order[0], column("similarity_best")] = 1.0
        rows[order[:3], column("similarity_top3")] = 1.0
        overlap = rows[:, column("overlap")]
        rows[:, column("overlap_gap")] = overlap - overlap.max()
        rows[:, column("overlap_best")] = overlap >= overlap.max() - 1e-9
        if case_similarity:
            first = case_similarity[0]
            rows[:, column("case_similarity_gap")] = [
                case_similarity[c.hit_index] - first for c in found
            ]
    return rows


# How many candidates the reader reads: those the first pass (the scorer fitted without the
# reader) ranks best. Cross-validated by municipality on the 1,398 tuning questions, reading the
# best 12 of a question's 37 candidates (median 21, 90th percentile 86) answered as reading them
# all: top-1 0.674 (all: 0.673), top-3 0.831 (0.829); 8 gave the same, 4 lost coverage.
READ_AT_MOST = 12


def to_read(first_logits: np.ndarray) -> np.ndarray:
    """The candidates the reader reads: the first pass's best READ_AT_MOST."""
    return np.argsort(-first_logits, kind="stable")[:READ_AT_MOST]


def with_reader(
    rows: np.ndarray, read: np.ndarray, scores: np.ndarray, reading: np.ndarray | None = None
) -> np.ndarray:
    """`rows` with the reader's `scores` of the candidates `read`, and its scores of them with an
    English question's Danish reading (`reading`; a Danish question is its own reading). The
    others take the lowest score read: the first pass ranked them below every one of those (as
    unread similarities)."""
    rows = rows.copy()
    for name, read_scores in (
        ("reader", scores),
        ("reading_reader", scores if reading is None else reading),
    ):
        values = np.full(rows.shape[0], float(np.min(read_scores)) if len(read_scores) else 0.0)
        values[read] = read_scores
        rows[:, FEATURES.index(name)] = values
        rows[:, FEATURES.index(f"{name}_gap")] = values - values.max()
    return rows


def unfound_words(question: str, found: list[Candidate]) -> str:
    """The question's content words no sentence holds, in its order ("sick leave" over
    "sygemeldte"): read alone by the model, they tell the sentences apart where the whole question
    mostly says what the case is about. "" when all or none are held."""
    stop = _stopwords()
    words = [w for w in _WORD.findall(question) if w.casefold() not in stop and len(w) > 1]
    held = set().union(*(terms(c.text) for c in found)) if found else set()
    # An English word is held when one of its Danish words is ("absent": "fraværende").
    translated = {
        word: glossary.danish_stems(danish)
        for phrase, danish in glossary.translations(question)
        for word in phrase.split()
    }
    unfound = [w for w in words if not _held(translated.get(w) or _stem(w.casefold()), held)]
    return " ".join(unfound) if 0 < len(unfound) < len(words) else ""


def _named_headings(question_terms: set[str], found: list[Candidate]) -> dict[int, set[str]]:
    """Per case, the sub-headings the question names ("på socialområdet generelt")."""
    named: dict[int, set[str]] = {}
    for c in found:
        if c.heading:
            heading = terms(c.heading)
            if any(_held(t, heading) for t in question_terms):
                named.setdefault(c.hit_index, set()).add(c.heading)
    return named
