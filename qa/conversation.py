"""A conversation: follow-up questions answered about the case the previous answer was about.

"Og året før?", "Hvad blev besluttet?", "What did it cost?" say too little to search alone; they
keep the case, meeting, committee and topic of the previous answer. A question with words of its
own that point elsewhere starts a new topic. After a matter's history the case followed is its
newest; after a meeting's decisions a follow-up is searched within that meeting's cases, or is
about the one it points at ("den tredje sag", `qa.focus`). The state is records (questions, case
keys), JSON serialisable, so the web app keeps it per browser session and the API takes earlier
questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date

from bm25s.stopwords import STOPWORDS_EN_PLUS

from qa.answer import (
    NOT_FOUND,
    Answer,
    Intent,
    compose,
    question_intent,
    question_language,
    relevance,
    relevant,
    terms,
)
from qa.conflicts import disagreements
from qa.errors import QAError
from qa.figures import YEAR
from qa.focus import named_meeting, pick_case
from qa.follow_ups import follow_up_model
from qa.glossary import danish_stems, translations
from qa.identity import CaseKey
from qa.query import named_municipalities
from qa.retrieval import Filters, Hit, check_question

STATE_VERSION = 1
MAX_TURNS = 20  # the state the web app keeps per session stays small

_MARKER = re.compile(
    r"^\s*(og|men|så|hvad med|hvad så med|end|and|but|so|what about|how about|also)\b", re.I
)
_ANAPHORA = re.compile(
    r"\b(det|den|dem|de|denne|dette|sagen|forslaget|beslutningen|samme|deraf|heraf|"
    r"it|that|this|they|them|those|these|the proposal|the case|the decision|the same)\b",
    re.I,
)
_YEAR_BEFORE = re.compile(
    r"\b(året før|året forinden|forrige år|året inden|the year before|the previous year|"
    r"a year earlier|the prior year|the year prior)\b",
    re.I,
)
_YEAR_AFTER = re.compile(
    r"\b(året efter|det følgende år|the year after|the following year|the next year|"
    r"a year later)\b",
    re.I,
)
# Words that say what is asked about a case, not which case: a question of only these is thin.
_GENERIC = terms(
    "besluttet beslutning besluttede vedtaget vedtog godkendt godkendte indstillet indstilling "
    "koster kostede kostet pris prisen udgift udgiften beløb beløbet forslag forslaget stillede "
    "foreslog foreslået sag sagen år året før efter inden forrige følgende samme møde mødet "
    "tal tallet hvorfor hvordan handler "
    "decided decision decide cost costs price amount proposal proposed propose case year before "
    "after previous following same meeting figure number why happened about "
    # which body decided says nothing of which case: a conversation's filters name the body
    "udvalg udvalget byråd byrådet kommunalbestyrelsen committee council board"
)
# English words that say nothing of which case (NLTK's list, as bm25s ships it, and "else").
_ENGLISH_FUNCTION_WORDS = terms(" ".join([*STOPWORDS_EN_PLUS, "else", "also"]))
STAY_WITH_CASE = ("cost", "who", "decision")
LABEL = "Spørger videre om: Sag nr. {case_number}, {meeting_date:%d-%m-%Y}"
MEETING_LABEL = "Spørger videre om: Mødet i {committee}, {meeting_date:%d-%m-%Y}"

Generate = Callable[..., Iterator[Answer]]


class Conversation:
    """Questions asked one after another; each answer may carry the previous one's case over."""

    def __init__(self, searcher, llm=None, generate: Generate | None = None):
        self.searcher = searcher
        self.llm = llm  # LLMSettings (qa.llm) or None for the extractive answer
        self._generate = generate
        self.turns: list[dict] = []

    # --- state -------------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything: the next question starts a new conversation."""
        self.turns = []

    def to_state(self) -> dict:
        return {"version": STATE_VERSION, "turns": [dict(t) for t in self.turns]}

    @classmethod
    def from_state(cls, searcher, state: dict | None, llm=None, generate=None) -> Conversation:
        conversation = cls(searcher, llm=llm, generate=generate)
        if not state:
            return conversation
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
            raise QAError(
                "The conversation state is not one this version understands; "
                "start a new conversation.",
                code="conversation_state",
            )
        turns = state.get("turns") or []
        if not isinstance(turns, list) or not all(
            isinstance(t, dict) and isinstance(t.get("question"), str) for t in turns
        ):
            raise QAError(
                "The conversation state is damaged; start a new conversation.",
                code="conversation_state",
            )
        conversation.turns = [dict(t) for t in turns][-MAX_TURNS:]
        return conversation

    # --- asking ------------------------------------------------------------------------------

    def ask(
        self, question: str, k: int = 5, filters: Filters | None = None, compose_answer=True
    ) -> Answer:
        """The final answer to `question` in this conversation (see `ask_stream`)."""
        *_, final = self.ask_stream(question, k, filters, compose_answer=compose_answer)
        return final

    def ask_stream(
        self, question: str, k: int = 5, filters: Filters | None = None, compose_answer=True
    ) -> Iterator[Answer]:
        """Partial answers as the LLM writes them, then the final one (the extractive: once).
        `compose_answer=False` replays an earlier question: no LLM and no notices, but the case
        the next question follows is the one the answer cited when it was asked."""
        question = check_question(question)
        from qa.follow import follow_answer

        # "Hvad er der sket med sagen om ...?" and "Hvad blev besluttet på mødet i ... den ...?"
        # are answered from the matter's history and the meeting's cases.
        followed = follow_answer(self.searcher, question, filters, self._picked(question, filters))
        if followed is not None:
            yield followed
            self._remember_followed(question, followed)
            return
        plan = self.plan(question, k, filters)
        answer = self._compose(question, plan)
        if (
            answer.status == NOT_FOUND
            and plan["context"] is None
            and self._case_answers(question, filters)
        ):
            # "At what time?" finds nothing alone, and the case before answers it: asked of it.
            plan = self.plan(question, k, filters, follow=True)
            answer = self._compose(question, plan)
        conflicts = self._conflicts(answer) if compose_answer else ()
        answer = _with_notices(answer, conflicts)
        if self.llm is not None and compose_answer and answer.hits:
            generate = self._generate
            if generate is None:
                from qa.llm import generate_answer as generate
            for partial in generate(question, answer.hits, plan["context"], self.llm, answer):
                # What was carried over is the conversation's to say, whoever wrote the answer.
                answer = _with_notices(replace(partial, context=plan["context"]), conflicts)
                yield answer
        else:
            yield answer
        self._remember(question, plan, answer)

    def _compose(self, question: str, plan: dict) -> Answer:
        answer = compose(
            self.searcher,
            plan["scoring"],
            plan["hits"],
            intent=plan["intent"],
            language=question_language(question),
            context=plan["context"],
            searched=plan["searched"],
            background=plan.get("background", ""),
            stay_with_case=plan.get("stay_with_case", False),
        )
        return replace(answer, question=question)

    def _case_answers(self, question: str, filters: Filters | None) -> bool:
        """Whether the relevance model reads the case answered before as answering the question."""
        focus = self.turns[-1].get("case") if self.turns else None
        return bool(focus) and _within(focus, filters) and self._answered_by(question, focus)

    def _conflicts(self, answer: Answer) -> tuple[str, ...]:
        """Notices of indexed documents that hold the answer's cases differently."""
        if not answer.found:
            return ()
        keys = [hit.chunk.case_key for hit in answer.hits]
        found = disagreements(self.searcher.snapshot(), keys)
        return tuple(d.notice(question_language(answer.question)) for d in found)

    # --- how a question is read ------------------------------------------------------------------

    def plan(self, question: str, k: int, filters: Filters | None, follow: bool = False) -> dict:
        """How `question` is read here: what is searched, the hits, the intent, what is carried;
        `follow`: as a follow-up of the case answered before, whatever it says."""
        previous = self.turns[-1] if self.turns else None
        if follow and previous and previous.get("case"):
            focus, meeting = previous["case"], None
        else:
            focus, meeting = self._followed(question, previous, filters)
        if focus is None and meeting is None:
            hits = self._search_alone(question, previous, k, filters)
            return {
                "hits": hits,
                "searched": question,
                "scoring": question,
                "topic": question,
                "intent": question_intent(question),
                "context": None,
            }
        if focus is None:
            return self._meeting_plan(question, previous, meeting, k, filters)

        scoring, intent = question, question_intent(question)
        earlier = previous.get("scoring") or previous["question"]
        shifted = _shift_years(earlier, question)
        if shifted:
            scoring = shifted
            intent = question_intent(shifted)
        elif intent.kind == "general":
            intent = Intent(previous.get("intent") or "general", intent.years)
        # The topic is the question that started it: follow-ups of follow-ups do not pile up.
        # A case picked out of a meeting's list or a matter's meetings is a topic of its own.
        moved = focus["case_key"] != (previous.get("case") or {}).get("case_key")
        topic = shifted or (moved and focus.get("title")) or previous.get("topic")
        topic = topic or previous["question"]
        searched = shifted or f"{topic} {question}"
        hits = self.searcher.search(searched, k, filters=filters)
        keep_case = not shifted or _mentions_years(self.searcher, focus, intent.years)
        if (
            keep_case
            and focus is previous.get("case")
            and previous.get("searched") == previous["question"]
            and hits
            and not hits[0].weak
            and str(hits[0].chunk.case_key) != focus["case_key"]
        ):
            # The case of a question that stood alone was the search's pick, not the user's: when
            # its topic and this question together find another case first, the turn before
            # had missed more often than not (11 against 3 of the tuning sets' 300 followed).
            focus = _case_record(hits[0].chunk)
        if keep_case:
            hits = self._case_first(hits, focus, searched, k)
        context = {
            "case": focus["case_key"],
            "committee": focus["committee"],
            "meeting_date": focus["meeting_date"],
            "case_number": focus["case_number"],
            "title": focus.get("title"),
            "question": searched,
            "previous": previous["question"],
            "label": LABEL.format(
                case_number=focus["case_number"],
                meeting_date=date.fromisoformat(focus["meeting_date"]),
            ),
            **_listed(previous),
        }
        return {
            "hits": hits,
            "searched": searched,
            "scoring": scoring,
            "topic": topic,
            "intent": intent,
            "context": context,
            "background": "" if shifted else topic,
            # "Hvad kostede det?", "Hvem foreslog det?": about the case followed, and answered
            # from its own sections (Økonomi, Indstilling, Beslutning), not a neighbour's.
            "stay_with_case": keep_case and intent.kind in STAY_WITH_CASE,
            "meeting": previous.get("meeting"),
            "history": previous.get("history"),
        }

    def _search_alone(
        self, question: str, previous: dict | None, k: int, filters: Filters | None
    ) -> list[Hit]:
        """A question that stands alone. Asked in a conversation about one municipality's minutes
        and naming none, it is searched in that municipality's minutes first ("Who came in
        instead?" taken for a new question still means the council just asked about); only when
        they hold nothing that matches (a weak first hit) in all the minutes."""
        town = ((previous or {}).get("case") or {}).get("municipality")
        names_one = town and named_municipalities(question, self.searcher.municipalities())
        if town and not names_one and not (filters and filters.municipalities):
            within = replace(filters or Filters(), municipalities=(town,))
            hits = self.searcher.search(question, k, filters=within)
            if hits and not hits[0].weak:
                return hits
        return self.searcher.search(question, k, filters=filters)

    def _picked(self, question: str, filters: Filters | None) -> CaseKey | None:
        """The case of the meeting answered before that the question points at, if any."""
        meeting = self.turns[-1].get("meeting") if self.turns else None
        if not meeting or not _within(meeting, filters):
            return None
        picked = pick_case(question, meeting["cases"])
        return CaseKey.parse(picked["case_key"]) if picked else None

    def _followed(
        self, question: str, previous: dict | None, filters: Filters | None
    ) -> tuple[dict | None, dict | None]:
        """What the question follows: (a case, None), (None, a meeting: search its cases), or
        (None, None) for a question that stands alone."""
        if previous is None:
            return None, None
        meeting = previous.get("meeting")
        if meeting and _within(meeting, filters):
            # "Hvad blev besluttet i den anden sag?", "What about item 6?": one of those listed.
            picked = pick_case(question, meeting["cases"])
            if picked is not None:
                return picked, None
        matter = previous.get("history")
        if matter:
            # "Hvad besluttede Teknisk Udvalg?" after a matter's history: that meeting's case.
            named, rest = named_meeting(question, matter)
            if (
                named is not None
                and _within(named, filters)
                and (not rest or self._is_follow_up(rest, [named], filters))
            ):
                return named, None
        focus = previous.get("case")
        if focus and _within(focus, filters) and self._is_follow_up(question, [focus], filters):
            return focus, None
        if (
            meeting
            and _within(meeting, filters)
            and self._is_follow_up(question, meeting["cases"], filters)
        ):
            return None, meeting
        return None, None

    def _meeting_plan(
        self, question: str, previous: dict, meeting: dict, k: int, filters: Filters | None
    ) -> dict:
        """A follow-up of a meeting's decisions, searched within that meeting's cases."""
        day = date.fromisoformat(meeting["meeting_date"])
        town = meeting.get("municipality")
        # The meeting passes the filters set now (`_within`): narrowing to it keeps within them.
        within = Filters((meeting["committee"],), day, day, (town,) if town else ())
        hits = self.searcher.search(question, k, filters=within) or self.searcher.search(
            question, k, filters=filters
        )
        intent = question_intent(question)
        if intent.kind == "general":
            intent = Intent(previous.get("intent") or "general", intent.years)
        context = {
            "case": None,
            "committee": meeting["committee"],
            "meeting_date": meeting["meeting_date"],
            "case_number": None,
            "title": None,
            "question": question,
            "previous": previous["question"],
            "label": MEETING_LABEL.format(committee=meeting["committee"], meeting_date=day),
            **_listed(previous),
        }
        return {
            "hits": hits,
            "searched": question,
            "scoring": question,
            "topic": question,
            "intent": intent,
            "context": context,
            "meeting": meeting,
            "history": previous.get("history"),
        }

    def _is_follow_up(self, question: str, cases: list[dict], filters: Filters | None) -> bool:
        """Too thin to stand alone, or (one case followed, a language model reading) the fitted
        follow-up model says it follows; else the words decide (`_follows_by_words`)."""
        if not _own_words(question):
            return True
        model = follow_up_model() if self._reads_meaning() else None
        if model is not None and len(cases) == 1:
            # Fitted: over the tuning follow-ups (and questions that stand alone, asked after
            # another case), cross-validated by municipality, it decides right for 0.87 of the
            # follow-ups where the words did for 0.82 (bench/fit_follow_up.py).
            return model.follows(self.follow_up_features(question, cases[0], filters))
        return self._follows_by_words(question, cases, filters)

    def _follows_by_words(self, question: str, cases: list[dict], filters: Filters | None) -> bool:
        """Nothing in the question points away from these cases (the one followed, or a
        meeting's): the words it has of its own, and what it finds alone."""
        own = _own_words(question)
        if not own:
            return True
        # An English word counts as held when the case holds one of its Danish words.
        if len(own) > 3:
            # Words enough to stand alone: about the case followed only when it holds them all
            # ("Og hvem blev valgt som stedfortræder for Eivind Underbjerg Hansen?").
            if len(cases) != 1:
                return False
            held, asked = _held(question, own, _case_terms(self.searcher, cases[0]))
            return held == asked
        marked = bool(_MARKER.search(question) or _ANAPHORA.search(question))
        # "Og hvad med iværksætterne?": words of its own, found in another case, not this one.
        # "Hvor mange blev aflyst?" says nothing of its own but what this case holds. Of a
        # meeting's cases one must hold them: their words together hold almost any question.
        shares = False
        for case in cases:
            held, asked = _held(question, own, _case_terms(self.searcher, case))
            if held and (marked or held == asked):
                return True
            shares = shares or bool(held)
        if not marked:
            # "Who else was absent?" shares no word with Danish minutes: it follows when the
            # fitted relevance model finds the followed case's sentences answer it.
            if len(cases) == 1 and self._answered_by(question, cases[0]):
                return True
            # "Hvad skyldes stigningen?" shares a word with the case and finds nothing that
            # answers it alone: it follows. ("Hvad koster en pizza i Rom?" shares none.)
            if len(cases) > 1 or not shares:
                return False
            alone = self.searcher.search(question, 1, filters=filters)
            return not alone or alone[0].weak
        alone = self.searcher.search(question, 1, filters=filters)
        keys = {c["case_key"] for c in cases}
        if not alone or alone[0].weak or str(alone[0].chunk.case_key) in keys:
            return True
        return not (own & terms(alone[0].chunk.text))

    def follow_up_features(
        self, question: str, focus: dict, filters: Filters | None
    ) -> dict[str, float]:
        """What `qa.follow_ups` reads to tell whether the question follows the case `focus`."""
        own = _own_words(question)
        held, asked = _held(question, own, _case_terms(self.searcher, focus)) if own else (0, 0)
        alone = self.searcher.search(question, 3, filters=filters)
        first = alone[0] if alone else None
        inside = self._case_first([], focus, question, 1)
        return {
            "own_words": float(len(own)),
            "unheld_words": float(asked - held),
            "marked": float(bool(_MARKER.search(question) or _ANAPHORA.search(question))),
            "alone_weak": float(first is None or first.weak),
            "alone_margin": float(first.margin or 0.0) if first else 0.0,
            "alone_is_case": float(
                first is not None and str(first.chunk.case_key) == focus["case_key"]
            ),
            "relevance_case": relevance(self.searcher, question, inside[:1]) if inside else 0.0,
            "relevance_alone": relevance(self.searcher, question, alone),
        }

    def _reads_meaning(self) -> bool:
        """A language model reads the questions (hashed words say nothing of meaning)."""
        encoder = getattr(self.searcher, "encoder", None)
        return encoder is not None and getattr(encoder, "semantic", True)

    def _answered_by(self, question: str, focus: dict) -> bool:
        """Does the relevance model read the case's sentences as answering the question alone?
        (Only with a language model: hashed words say nothing of meaning.)"""
        if not self._reads_meaning():
            return False
        hits = self._case_first([], focus, question, 1)
        return bool(hits) and relevant(self.searcher, question, hits[:1])

    def _case_first(self, hits: list[Hit], focus: dict, searched: str, k: int) -> list[Hit]:
        """The hits with the case asked about first (searched within its meeting if need be)."""
        key = focus["case_key"]
        found = [h for h in hits if str(h.chunk.case_key) == key]
        if not found:
            day = date.fromisoformat(focus["meeting_date"])
            town = focus.get("municipality")
            within = Filters((focus["committee"],), day, day, (town,) if town else ())
            found = [
                h
                for h in self.searcher.search(searched, max(k, 10), filters=within)
                if str(h.chunk.case_key) == key
            ]
            if not found:
                return hits
        rest = [h for h in hits if str(h.chunk.case_key) != key][: max(0, k - 1)]
        return [replace(h, rank=i) for i, h in enumerate([found[0], *rest], 1)]

    def _remember(self, question: str, plan: dict, answer: Answer) -> None:
        top = answer.hits[0].chunk if answer.found and answer.hits else None
        if top is None and plan["context"]:
            case = self.turns[-1].get("case")  # a follow-up nothing answered keeps its case
        else:
            case = top and _case_record(top)
        self._turn(
            {
                "question": question,
                "searched": plan["searched"],
                "scoring": plan["scoring"],
                "topic": plan["topic"],
                "intent": plan["intent"].kind,
                "case": case,
                "found": answer.found,
                "hits": [str(h.chunk.case_key) for h in answer.hits],
                # A follow-up keeps the meeting or the matter it is within for the next one.
                "meeting": plan.get("meeting"),
                "history": plan.get("history"),
            }
        )

    def _remember_followed(self, question: str, answer: Answer) -> None:
        """A matter's history or a meeting's decisions as a turn: after a history the focus is
        the matter's newest case; after a meeting, its cases (listed as the answer cites them)."""
        cases = [_case_record(hit.chunk) for hit in answer.hits]
        history = cases if answer.status == "history" else None
        meeting = None
        if answer.status == "meeting" and cases:
            first = answer.hits[0].chunk
            meeting = {
                "meeting": str(first.case_key.meeting),
                "municipality": first.municipality,
                "committee": first.committee,
                "meeting_date": first.meeting_date.isoformat(),
                "cases": cases,
            }
        newest = history[0] if history else None  # the history's hits are newest first
        self._turn(
            {
                "question": question,
                "searched": question,
                "scoring": question,
                # What a follow-up of a history is about: the matter, by its newest title.
                "topic": newest["title"] if newest else question,
                "intent": question_intent(question).kind,
                "case": newest,
                "found": answer.found,
                "hits": [str(h.chunk.case_key) for h in answer.hits],
                "meeting": meeting,
                "history": history,
            }
        )

    def _turn(self, turn: dict) -> None:
        self.turns.append(turn)
        del self.turns[:-MAX_TURNS]


def _case_record(chunk) -> dict:
    """The case a chunk is of, as the state keeps it (JSON: keys as the manifest writes them)."""
    return {
        "case_key": str(chunk.case_key),
        "municipality": chunk.municipality,
        "committee": chunk.committee,
        "meeting_date": chunk.meeting_date.isoformat(),
        "case_number": chunk.case_number,
        "title": chunk.title,
    }


def _listed(previous: dict) -> dict:
    """The context's record of the meeting or matter a follow-up is within (None: neither)."""
    meeting = previous.get("meeting")
    history = previous.get("history")
    return {
        "meeting": meeting["meeting"] if meeting else None,
        "history": [c["case_key"] for c in history] if history else None,
    }


def _within(focus: dict, filters: Filters | None) -> bool:
    """The case followed passes the filters set now (a follow-up never leaves them)."""
    return not filters or filters.admits(
        focus["committee"], focus.get("municipality"), date.fromisoformat(focus["meeting_date"])
    )


def _shift_years(earlier: str, question: str) -> str | None:
    """ "Og året før?" after a question about 2023 is that question about 2022."""
    step = -1 if _YEAR_BEFORE.search(question) else 1 if _YEAR_AFTER.search(question) else 0
    if not step or not YEAR.search(earlier):
        return None
    return YEAR.sub(lambda m: str(int(m.group(0)) + step), earlier)


def _own_words(question: str) -> set[str]:
    """The question's words that say which case: not what is asked of one ("kostede", "året
    før"), nor English function words ("Who else was absent?")."""
    own = terms(question) - _GENERIC
    if question_language(question) == "en":
        own -= _ENGLISH_FUNCTION_WORDS
    if _YEAR_BEFORE.search(question) or _YEAR_AFTER.search(question):
        own -= {t for t in own if t.isdigit()}
    return own


def _case_text(searcher, focus: dict) -> str:
    try:
        record = searcher.snapshot().cases.get(CaseKey.parse(focus["case_key"]))
    except ValueError:  # a state from before keys named the municipality
        record = None
    if not record:
        return ""
    return " ".join([record.get("title") or "", *(s["text"] for s in record.get("sections", []))])


def _case_terms(searcher, focus: dict) -> set[str]:
    return terms(_case_text(searcher, focus))


def _held(question: str, own: set[str], case_words: set[str]) -> tuple[int, int]:
    """How many of the question's own words the case holds, of how many; an English word or
    phrase the glossary knows is held when the case holds one of its Danish words."""
    asked, rest = [], set(own)
    for phrase, danish in translations(question):
        words = terms(phrase) & rest
        if words:
            rest -= words
            asked.append(danish_stems(danish) | words)
    asked += [{word} for word in rest]
    return sum(bool(a & case_words) for a in asked), len(asked)


def _mentions_years(searcher, focus: dict, years: tuple[int, ...]) -> bool:
    text = _case_text(searcher, focus)
    return bool(years) and all(str(y) in text for y in years)


def _with_notices(answer: Answer, notices: tuple[str, ...]) -> Answer:
    """The answer with these notices after its own (each once)."""
    new = tuple(n for n in notices if n not in answer.notices)
    return replace(answer, notices=(*answer.notices, *new)) if new else answer


def answer_question(
    searcher,
    question: str,
    previous: Sequence[str] = (),
    k: int = 5,
    filters: Filters | None = None,
    llm=None,
) -> Answer:
    """The answer to `question`, asked after the `previous` questions (oldest first)."""
    conversation = Conversation(searcher, llm=llm)
    for earlier in previous:
        conversation.ask(earlier, k=k, filters=filters, compose_answer=False)
    return conversation.ask(question, k=k, filters=filters)
