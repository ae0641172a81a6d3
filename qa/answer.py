"""The answer to a question: a few sentences, each cited to the passages it comes from.

`Answer` is what the CLI (`qa answer`, `qa chat`), the web chat, its API and `qa eval` share.
Citations are 1-based numbers into `Answer.hits`, so "[1]" is always the first hit shown.

The extractive answer takes whole sentences of the top cases, never a word of its own. Each
sentence gets the log-odds of a fitted scorer (`qa.answer_features` names what it reads,
`qa.answer_scorer` applies the weights `bench/fit_answer.py` fitted), and a second fitted model
says how sure it is that the best one and the next best of its case hold the fact. A confident
answer states those two; otherwise the answer says so and quotes the closest few, each cited,
none asserted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from qa import cues, glossary
from qa.answer_features import (
    Candidate,
    candidates,
    feature_matrix,
    shorten,
    similarities,
    terms,
    to_read,
    unfound_words,
    with_reader,
)
from qa.answer_scorer import FirstHit, scorer
from qa.cues import Intent, names_agent, question_intent
from qa.highlight import heading_like
from qa.language import question_language
from qa.minutes import DECISION
from qa.reader import reader
from qa.retrieval import Hit
from qa.settings import Settings

__all__ = [
    "Answer",
    "AnswerSentence",
    "Intent",
    "compose",
    "heading_like",
    "names_agent",
    "question_intent",
    "question_language",
    "terms",
]

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
# Not clearly in one place: the closest sentences, quoted, none asserted.
CLOSEST = "closest"
CLOSEST_TEXT = {
    "da": "Det nærmeste, referaterne siger:",
    "en": "The closest the minutes come:",
}
CLOSEST_SENTENCES = 3
# Said beside the closest sentences of a meeting the question names, when the relevance model
# reads them as not answering: the meeting is there, the answer may not be.
NAMED_UNSURE_TEXT = {
    "da": "Referatet af det møde, spørgsmålet nævner, ser ikke ud til at svare direkte på det.",
    "en": "The minutes of the meeting the question names do not seem to answer it directly.",
}
# A sentence beside the answer's, or another meeting's, counts as answering too when the scorer
# gives it at least half the odds of the best one (log 2 below its log-odds).
AS_LIKELY = math.log(2)


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
    status: str = ""  # "", NOT_FOUND, DIFFER or CLOSEST: for a UI that words it itself
    searched: str = ""  # the text that was searched (the question, or it with what was carried)
    confident: bool = False  # the sentences are stated as the answer
    confidence: float = 0.0  # the fitted probability that the stated sentences hold the fact

    def as_record(self) -> dict:
        """The JSON object of `qa answer --json` and the web API's answer endpoint."""
        return {
            "answer": self.text,
            "found": self.found,
            "confident": self.confident,
            "confidence": round(float(self.confidence), 4),
            "sentences": [s.as_record() for s in self.sentences],
            "hits": [{**h.as_record(), "weak": h.weak} for h in self.hits],
            "context": self.context,
            "generator": self.generator,
            "notices": list(self.notices),
            "status": self.status,
        }


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    """The candidate sentences of one question, their features and the scorer's log-odds."""

    candidates: list[Candidate]
    rows: np.ndarray
    logits: np.ndarray
    variant: str = "model"  # which fitted scorer: "model", or "words" when read without it


def rank(
    searcher,
    question: str,
    hits: Sequence[Hit],
    intent: Intent,
    background: str = "",
    stay_with_case: bool = False,
    use_model: bool = True,
    model=None,
) -> Ranked:
    """Every candidate sentence of the top (strong) cases, scored; `stay_with_case`: of the
    first case only (a follow-up asking what it cost, who or what was decided)."""
    snapshot = searcher.snapshot() if searcher is not None else None
    strong = [i for i, h in enumerate(hits[:3]) if not h.weak or hits[0].weak]
    if stay_with_case:
        strong = strong[:1]
    found = [c for i in strong for c in candidates(snapshot, hits[i], i)]
    model_reads = use_model and getattr(searcher, "encoder", None) is not None
    if model_reads and not getattr(searcher.encoder, "semantic", True):
        model_reads = False  # a hashing encoder's similarities are no meaning: read the words
    variant = "model" if model_reads else "words"
    if not found:
        return Ranked([], np.zeros((0, 0)), np.zeros(0), variant)
    quick = np.array([-len(terms(question) & terms(c.text)) for c in found])
    unfound = unfound_words(question, found)
    questions = [question, background or question, unfound or question]
    sims, context_sims = similarities(searcher if model_reads else None, questions, found, quick)
    rows = feature_matrix(
        question,
        intent,
        found,
        sims[0],
        context_sims[0],
        background,
        sims[1] if background else None,
        sims[2],
        [h.similarity or 0.0 for h in hits[:3]],
    )
    model = model or scorer(variant)
    cross = reader(Settings.from_env().cache_dir) if model_reads else None
    if cross is not None:
        first_pass = getattr(model, "first_pass", None)
        read = to_read(first_pass.logits(rows)) if first_pass else np.arange(len(found))
        texts = [found[i].text for i in read]
        # An English question is read a second time in the minutes' words (qa.glossary): the
        # reader then meets Danish with Danish.
        reading = glossary.in_danish(question)
        rows = with_reader(
            rows,
            read,
            cross.scores(question, texts),
            cross.scores(reading, texts) if reading != question else None,
        )
    return Ranked(found, rows, model.logits(rows), variant)


def best_of_first_case(ranked: Ranked) -> int:
    """The answer's sentence: the best of the case search ranked first (the others' sentences
    may stand beside it, as meetings that differ, or as the closest when it is unsure)."""
    first = min(c.hit_index for c in ranked.candidates)
    own = [i for i, c in enumerate(ranked.candidates) if c.hit_index == first]
    return max(own, key=lambda i: ranked.logits[i])


def second_of_case(ranked: Ranked, top: int) -> int | None:
    """The next most likely sentence of `top`'s case (other text), stated with it.

    The two hold the fact far more often than the best alone, and the confidence is fitted on
    the two: cross-validated by municipality over the tuning questions, 0.78 of the questions
    against 0.68, and twice the coverage at the same confident precision (bench/fit_answer.py).
    """
    case, text = ranked.candidates[top].hit_index, ranked.candidates[top].text
    own = [i for i, c in enumerate(ranked.candidates) if c.hit_index == case and c.text != text]
    return max(own, key=lambda i: ranked.logits[i]) if own else None


def _rivals(ranked: Ranked, shown: Sequence[int]) -> np.ndarray:
    """The candidates that would be another answer than the `shown` ones: other text, and not a
    sentence next to one of them that is as likely (it would be stated with it). A less likely
    neighbour is a rival: "48 procent" beside "the national average was 48,5 procent"."""
    best = [(ranked.candidates[i], ranked.logits[i]) for i in shown]
    return np.array(
        [
            i
            for i, c in enumerate(ranked.candidates)
            if all(
                c.text != b.text
                and not (
                    c.hit_index == b.hit_index
                    and abs(c.order - b.order) <= 1
                    and ranked.logits[i] >= logit - AS_LIKELY
                )
                for b, logit in best
            )
        ],
        dtype=int,
    )


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
    stay_with_case: bool = False,
) -> Answer:
    """The extractive answer to `question` from `hits` (best first)."""
    language = language or question_language(question)
    intent = intent or question_intent(question)
    hits = list(hits)
    semantic = use_model and getattr(getattr(searcher, "encoder", None), "semantic", True)
    # A weak first hit is no answer unless the fitted relevance model, which reads the model's
    # similarities, finds its sentences answer after all (then they are quoted, never stated).
    if not hits or (hits[0].weak and not (semantic and scorer("model").relevance_coef is not None)):
        return _not_found(question, hits, context, language, searched)
    weak = hits[0].weak
    ranked = rank(searcher, question, hits, intent, background, stay_with_case, use_model)
    if not ranked.candidates:
        if weak:
            return _not_found(question, hits, context, language, searched)
        return _renumbered(question, [], hits, context, language, searched)
    model = scorer(ranked.variant)
    top = best_of_first_case(ranked)
    # Fitted on questions that stand alone; a follow-up's case was found by the turn before.
    relevant = _relevance(ranked, top, hits, question) if context is None else None
    if relevant is not None and relevant < model.relevance_threshold:
        named_line = model.named_relevance_threshold
        if hits[0].named and named_line is not None and relevant >= named_line:
            # The meeting the question names by its date is in the minutes, and the question
            # cannot be one asked within the wrong municipality's minutes, which the relevance
            # model's line is drawn against: that meeting's closest sentences are quoted, none
            # asserted. Box over the tuning sets 22-34 0.731 -> 0.761 (2,266 questions, all such
            # quoted), over the untouched sets 35-38 0.790 -> 0.802 (642, run first with it).
            closest = _renumbered(
                question, _closest(ranked, top), hits, context, language, searched, CLOSEST
            )
            return replace(closest, confidence=0.0, notices=(NAMED_UNSURE_TEXT[language],))
        # Nothing here answers it (asked within minutes that do not hold the answer): say so.
        return _not_found(question, hits, context, language, searched)
    if weak and context is None and relevant is None:
        return _not_found(question, hits, context, language, searched)
    groups = _differing(ranked, model.within_case(ranked.rows), top, hits, intent)
    # Meetings that give different figures are one answer: the others are no rival of the best.
    shown = [ranked.candidates.index(group[0]) for group in groups]
    second = second_of_case(ranked, top)
    stated = shown if second is None else [*shown, second]
    confidence = float(model.confidence(ranked.logits, top, second, _rivals(ranked, stated)))
    if confidence < model.threshold or weak:
        answer = _renumbered(
            question, _closest(ranked, top), hits, context, language, searched, CLOSEST
        )
        return replace(answer, confidence=confidence)
    status = DIFFER if len(groups) > 1 else ""
    if not status:
        groups = [_stated(ranked, top, second)]
    answer = _renumbered(question, groups, hits, context, language, searched, status)
    return replace(answer, confident=True, confidence=confidence)


def relevant(searcher, question: str, hits: Sequence[Hit]) -> bool:
    """Whether the fitted relevance model reads the sentences of `hits` as answering the
    question asked alone (as `compose` decides "nothing here answers it")."""
    probability, variant = _relevance_alone(searcher, question, hits)
    return probability is not None and probability >= scorer(variant).relevance_threshold


def relevance(searcher, question: str, hits: Sequence[Hit]) -> float:
    """The fitted relevance model's probability that the sentences of `hits` answer the question
    asked alone; 0 when they have none, or the scorer no such model."""
    return _relevance_alone(searcher, question, hits)[0] or 0.0


def _relevance_alone(searcher, question: str, hits: Sequence[Hit]) -> tuple[float | None, str]:
    ranked = rank(searcher, question, hits, question_intent(question)) if hits else None
    if ranked is None or not ranked.candidates:
        return None, ""
    return _relevance(ranked, best_of_first_case(ranked), hits, question), ranked.variant


def _relevance(ranked: Ranked, top: int, hits: Sequence[Hit], question: str) -> float | None:
    """P(the sentences answer the question at all); None for a scorer without that model."""
    hit = hits[ranked.candidates[top].hit_index]
    first = FirstHit(hit.similarity or 0.0, hits[0].weak, hit.margin, question_language(question))
    return scorer(ranked.variant).relevance(ranked.rows, ranked.logits, top, first)


def _not_found(question, hits, context, language, searched) -> Answer:
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


def _closest(ranked: Ranked, top: int) -> list[list[Candidate]]:
    """Up to CLOSEST_SENTENCES candidates, best first, each text once."""
    picked: list[Candidate] = []
    for i in [top, *np.argsort(-ranked.logits, kind="stable").tolist()]:
        c = ranked.candidates[i]
        if all(c.text != p.text for p in picked):
            picked.append(c)
        if len(picked) == CLOSEST_SENTENCES:
            break
    return [[c] for c in picked]


def _best_per_case(ranked: Ranked, own: np.ndarray) -> dict[int, int]:
    best: dict[int, int] = {}
    for i in np.argsort(-own, kind="stable").tolist():
        best.setdefault(ranked.candidates[i].hit_index, i)
    return best


def _differing(
    ranked: Ranked, own: np.ndarray, top: int, hits: list[Hit], intent: Intent
) -> list[list[Candidate]]:
    """Other meetings' cases that answer as well, with other words (two years, two figures): the
    answer differs by meeting and shows each, newest first. Only for a figure, an amount or a
    date, which both sentences hold."""
    first = ranked.candidates[top]
    if not _holds_asked(intent.kind, first.text):
        return [[first]]
    day = hits[first.hit_index].chunk.meeting_date
    others = [
        ranked.candidates[i]
        for case, i in _best_per_case(ranked, own).items()
        if case != first.hit_index
        and own[i] >= own[top] - AS_LIKELY
        and _holds_asked(intent.kind, ranked.candidates[i].text)
        and hits[case].chunk.meeting_date != day
        and ranked.candidates[i].text != first.text
    ]
    chosen = sorted([first, *others], key=lambda c: hits[c.hit_index].chunk.meeting_date)
    return [[c] for c in reversed(chosen)]


def _holds_asked(kind: str, text: str) -> bool:
    """Whether a sentence holds what a figure, amount or date question asks for: a year alone is
    no figure ("budget 2025-2028"), and a number without kroner no amount."""
    if kind == "cost":
        return cues.holds_money(text)
    if kind == "figure":
        return bool(cues.figures(text))
    if kind == "date":
        return cues.holds_date(text)
    return False


def _stated(ranked: Ranked, top: int, second: int | None) -> list[Candidate]:
    """The confident answer: the best sentence and the next best of its case, the best first (a
    sentence next to it reads in the case's order); a short decision instead comes with the
    recommendation it says yes to ("Anbefales.")."""
    best = ranked.candidates[top]
    if best.section == DECISION and len(best.text.split()) < 8:
        same_case = [c for c in ranked.candidates if c.hit_index == best.hit_index]
        recommendation = [c for c in same_case if cues.section_kind(c.section) == "recommendation"]
        if recommendation:
            return [best, *_joined(recommendation)]
    if second is None:
        return [best]
    other = ranked.candidates[second]
    if other.section == best.section and abs(other.order - best.order) == 1:
        return sorted([best, other], key=lambda c: c.order)
    return [best, other]


def _joined(recommendation: list[Candidate]) -> list[Candidate]:
    """The recommendation ("indstiller, at ...") as one sentence."""
    ordered = sorted(recommendation, key=lambda c: c.order)
    text = shorten(" ".join(c.text for c in ordered))
    return [replace(ordered[0], text=text)]


def _renumbered(
    question: str,
    groups: list[list[Candidate]],
    hits: list[Hit],
    context: dict | None,
    language: str,
    searched: str,
    status: str = "",
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

    differ = status == DIFFER
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
    elif status == CLOSEST:
        text = "\n".join([CLOSEST_TEXT[language], *(f"- {line}" for line in lines)])
    else:
        text = " ".join(lines)
    return Answer(
        question,
        text,
        True,
        tuple(sentences),
        ranked,
        context,
        status=status,
        searched=searched or question,
    )


# --- sentence vectors read ahead ---------------------------------------------------------------------


def index_sentences(snapshot) -> list[str]:
    """What the model reads of every sentence an answer may quote from the snapshot's cases."""
    texts: list[str] = []
    seen = set()
    for chunk in snapshot.chunks:
        if chunk.case_key in seen:
            continue
        seen.add(chunk.case_key)
        texts.extend(c.model_text for c in candidates(snapshot, Hit(0, 0.0, chunk), 0))
    return list(dict.fromkeys(texts))
