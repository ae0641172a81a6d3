"""The extractive answer: whole sentences of the minutes that hold what was asked, each cited."""

import json
import shutil
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from embeddings.model import HashingEncoder
from qa.answer import (
    CLOSEST,
    CLOSEST_TEXT,
    DIFFER,
    NAMED_UNSURE_TEXT,
    NOT_FOUND,
    NOT_FOUND_TEXT,
    _stated,
    best_of_first_case,
    compose,
    heading_like,
    names_agent,
    question_intent,
    question_language,
    rank,
    second_of_case,
)
from qa.answer_features import FEATURES
from qa.answer_scorer import FirstHit, scorer
from qa.calibration import KERNEL_SPREAD
from qa.conversation import Conversation, answer_question
from qa.indexing import update_index
from qa.retrieval import Filters
from qa.store import IndexStore
from tests.conftest import RODOVRE, hash_searcher

HIT_KEYS = {"rank", "score", "committee", "meeting_date", "case_number", "title", "section"}


@pytest.fixture
def searcher(corpus_searcher):
    """The bundled corpus with the hashing encoder: Danish questions answer by their words."""
    return corpus_searcher


def case_text(searcher, hit) -> str:
    record = searcher.snapshot().cases[hit.chunk.case_key]
    return " ".join(" ".join(s["text"] for s in record["sections"]).split())


def test_a_figure_question_gets_the_sentence_with_the_figure_and_its_citation(searcher):
    answer = answer_question(searcher, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    assert answer.found
    assert "220 personer" in answer.text
    assert answer.text.endswith("[1]")
    assert answer.hits[0].chunk.case_number == 39
    assert answer.sentences[0].citations == (1,)


@pytest.mark.parametrize(
    "question",
    [
        "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
        "Hvad var omgørelsesprocenten på voksenhandicapområdet i 2023?",
        "Hvor mange deltagere har Netværk Rødovre?",
        "Hvad blev besluttet om Danmarkskortet 2023?",
    ],
)
def test_every_sentence_is_word_for_word_from_the_case_it_cites(searcher, question):
    answer = answer_question(searcher, question)
    assert answer.sentences
    for sentence in answer.sentences:
        (n,) = sentence.citations
        assert sentence.text in case_text(searcher, answer.hits[n - 1])
        assert f"{sentence.text} [{n}]" in answer.text


def test_hits_are_in_citation_order_and_numbered_so(searcher):
    answer = answer_question(searcher, "Hvor mange deltagere har Netværk Rødovre?")
    assert [h.rank for h in answer.hits] == list(range(1, len(answer.hits) + 1))
    assert answer.hits[0].chunk.case_number == 38
    assert "25 deltagere" in answer.text


def test_a_short_decision_is_stated_with_what_it_says_yes_to(searcher):
    question = "Hvad blev besluttet om Danmarkskortet 2023?"
    answer = answer_question(searcher, question)
    assert answer.hits[0].chunk.case_number == 40
    # Stated as the answer, what "Anbefales." says yes to comes with it.
    ranked = rank(searcher, question, answer.hits, question_intent(question))
    top = [c.text for c in ranked.candidates].index("Anbefales.")
    stated = _stated(ranked, top, second_of_case(ranked, top))
    assert [c.section for c in stated] == ["Beslutning", "Indstilling"]
    assert "ikke foretages yderligere" in stated[1].text


def test_when_answers_with_the_time(searcher):
    answer = answer_question(searcher, "Hvornår sluttede mødet den 16. maj 2023?")
    assert "15.49" in answer.text


def test_the_year_asked_for_chooses_the_figure(searcher):
    answer = answer_question(
        searcher, "Hvad var omgørelsesprocenten på børnehandicapområdet i 2022?"
    )
    assert "67 procent" in answer.text
    assert "48 procent" not in answer.text  # the 2023 figure beside it


def test_a_figure_on_a_wrapped_pdf_line_is_answered_whole(searcher):
    # Ballerup's PDF breaks "Ved kursusafslutning er 68 pct. | røgfri, ..." over two lines.
    question = "Hvor mange procent var røgfri ved kursusafslutning?"
    hits = [
        replace(h, weak=False)
        for h in searcher.search("Evaluering af rygestopkurser", 10)
        if h.chunk.title == "Evaluering af rygestopkurser"
    ]
    answer = compose(searcher, question, hits)
    assert "Ved kursusafslutning er 68 pct. røgfri" in answer.text


def test_how_many_finds_the_figure_counting_what_was_asked_not_the_case_s_topic(searcher):
    # Every sentence of the case is about Ukrainians; "ledige" is what tells the answer apart,
    # and "49 voksne er pt. ledige" counts it a few words after the figure.
    answer = answer_question(searcher, "Hvor mange ledige voksne ukrainere er der?")
    assert "49 voksne er pt. ledige" in answer.text


def test_a_number_the_question_states_is_not_the_figure_it_asks_for(searcher):
    # "Solvej 6" names the place; the answer is the amount set aside for it.
    question = "Hvor mange penge er der afsat til aktivitetscentret på Solvej 6?"
    title = "Etablering af aktivitetscenter på Solvej 6 i Ballerup"
    hits = [replace(h, weak=False) for h in searcher.search(question, 10) if h.chunk.title == title]
    assert "4 mio. kr." in compose(searcher, question, hits).text


def test_the_sub_heading_the_question_names_chooses_the_figure(searcher):
    # Case 40 gives a rate per area, each under its sub-heading, most of them "i 2023" (the
    # case's year, so naming it tells the sentences apart little).
    question = "Hvad var omgørelsesprocenten på socialområdet generelt i 2023?"
    answer = answer_question(searcher, question)
    ranked = rank(searcher, question, answer.hits, question_intent(question))
    best = np.argsort(-ranked.logits)[:2]
    assert [ranked.candidates[i].heading for i in best] == ["Socialområdet generelt"] * 2


@pytest.mark.xfail(
    strict=True,
    reason="known: the national average leads the municipality's own figure, by the words "
    "scorer as by the model's (see below); strict, so a fix shows up here",
)
def test_the_local_figure_is_chosen_over_the_national_average_by_words(searcher):
    answer = answer_question(
        searcher, "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"
    )
    # The first sentence shown, stated or closest: which one leads, not where the line falls.
    assert "omgørelsesprocent på 48 procent" in answer.sentences[0].text


def test_the_municipality_s_figure_before_the_national_average(searcher):
    answer = answer_question(
        searcher, "Hvad var omgørelsesprocenten på voksenhandicapområdet i 2023?"
    )
    assert "53 procent" in answer.text


def test_nothing_that_matches_well_says_so_and_offers_the_closest_cases_as_weak(searcher):
    hits = searcher.search("Hvor mange fordrevne fra Ukraine bor der i Rødovre?", 3)
    weak = [replace(h, weak=True) for h in hits]
    answer = compose(searcher, "Hvad koster en pizza i Rom?", weak)
    assert not answer.found
    assert answer.status == NOT_FOUND
    assert answer.text == NOT_FOUND_TEXT["da"] == "Referaterne ser ikke ud til at svare på det."
    assert answer.sentences == ()
    assert len(answer.hits) == 3 and all(h.weak for h in answer.hits)
    assert compose(searcher, "What does a pizza cost in Rome?", weak).text == NOT_FOUND_TEXT["en"]


def test_no_hits_at_all_is_not_found(searcher):
    answer = compose(searcher, "Hvor mange elever?", [])
    assert not answer.found and answer.hits == ()


MEETING = """Børne- og Skoleudvalget

{date}

Sager 1 - 1

Svømmeundervisning i {year}
Sag nr. 1

Sagens kerne

Status på svømmeundervisningen i kommunens skoler.

Beslutning

Taget til efterretning.

Sagsfremstilling

I {year} deltog {pupils} elever i svømmeundervisningen i kommunens svømmehal.
"""


def test_meetings_that_give_different_figures_are_shown_each_with_its_date_newest_first(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(RODOVRE, corpus)  # other cases around them, as in any real index
    for day, year, pupils in (("14-03-2023", 2023, 120), ("12-03-2024", 2024, 150)):
        (corpus / f"bsu_{year}.txt").write_text(
            MEETING.format(date=day, year=year, pupils=pupils), encoding="utf-8"
        )
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, HashingEncoder())
    searcher = hash_searcher(store)

    answer = answer_question(searcher, "Hvor mange elever deltog i svømmeundervisningen?")
    assert answer.status == DIFFER
    assert answer.text.splitlines() == [
        "Referaterne giver forskellige svar; nyeste møde først:",
        "- 12-03-2024: I 2024 deltog 150 elever i svømmeundervisningen i kommunens svømmehal. [1]",
        "- 14-03-2023: I 2023 deltog 120 elever i svømmeundervisningen i kommunens svømmehal. [2]",
    ]
    assert [s.meeting_date for s in answer.sentences] == ["2024-03-12", "2023-03-14"]
    assert [h.chunk.meeting_date.year for h in answer.hits[:2]] == [2024, 2023]


def test_the_json_record_has_the_contract_keys(searcher):
    record = answer_question(searcher, "Hvor mange deltagere har Netværk Rødovre?").as_record()
    assert set(record) >= {
        "answer", "found", "confident", "confidence", "sentences", "hits", "context", "generator",
        "notices",
    }  # fmt: skip
    assert record["confident"] is True and 0 <= record["confidence"] <= 1
    assert record["generator"] == "extractive"
    assert record["context"] is None
    assert record["sentences"][0]["citations"] == [1]
    assert set(record["hits"][0]) >= HIT_KEYS | {"text", "source", "weak"}
    json.dumps(record)  # plain JSON


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hvor mange ukrainere er i job?", "figure"),
        ("How many Ukrainians are in work?", "figure"),
        ("Hvad var omgørelsesprocenten i 2022?", "figure"),
        ("Hvor store var udgifterne til vikarer?", "cost"),
        ("Hvor stort er underskuddet?", "figure"),
        ("How big is the deficit?", "figure"),
        ("Hvad er fristen for høringssvar?", "date"),
        ("By which day must the answers be in? What is the deadline?", "date"),
        ("Hvornår afholdes topmødet?", "date"),
        ("When does the summit take place?", "date"),
        ("Hvad blev besluttet?", "decision"),
        ("What was decided about the entrepreneurs?", "decision"),
        ("What did it cost?", "cost"),
        ("Hvad bliver den nye døgntakst?", "cost"),
        ("Hvor mange penge er afsat til projektet?", "cost"),
        ("How much money went to the new school?", "cost"),
        ("Hvem stillede forslaget?", "who"),
        ("Hvad handler sagen om?", "general"),
    ],
)
def test_what_a_question_asks_for(question, kind):
    assert question_intent(question).kind == kind


def test_the_years_a_question_names():
    assert question_intent("Omgørelsesprocent 2022 og 2023").years == (2022, 2023)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hvor mange fordrevne fra Ukraine bor der i Rødovre?", "da"),
        ("How many displaced Ukrainians live in the municipality?", "en"),
        ("What did it cost?", "en"),
        ("Og året før?", "da"),
    ],
)
def test_the_language_of_a_question(question, language):
    assert question_language(question) == language


@pytest.mark.model
def test_what_was_decided_is_quoted_from_the_decision(real_searcher):
    answer = answer_question(real_searcher, "Hvad blev besluttet om Danmarkskortet 2023?")
    quoted = {s.text: s.citations for s in answer.sentences}
    assert quoted["Anbefales."] == (1,) and answer.hits[0].chunk.case_number == 40


@pytest.mark.model
def test_the_municipality_s_own_figure_is_stated_with_the_model(real_searcher):
    answer = answer_question(
        real_searcher, "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"
    )
    # Stated beside the national average the scorer ranks above it (below).
    assert "48 procent" in answer.text


@pytest.mark.model
def test_the_answer_states_the_municipality_s_own_figure_beside_the_national_average(
    real_searcher,
):
    question = "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"
    answer = answer_question(real_searcher, question)
    ranked = rank(real_searcher, question, answer.hits, question_intent(question))
    own = max(i for i, c in enumerate(ranked.candidates) if "48 procent" in c.text)
    national = max(i for i, c in enumerate(ranked.candidates) if "Landsgennemsnittet" in c.text)
    # The two are the best two sentences of their case, so they are stated together (which
    # leads has moved with each refit: the national one by about 1.2 in log-odds since the one
    # on 6,241 questions, far from a tie).
    case = ranked.candidates[own].hit_index
    of_case = sorted(
        (i for i, c in enumerate(ranked.candidates) if c.hit_index == case),
        key=lambda i: -ranked.logits[i],
    )
    assert set(of_case[:2]) == {own, national}
    assert "48 procent" in answer.text and "Landsgennemsnittet" in answer.text


@pytest.mark.model
def test_english_questions_get_the_figure_from_danish_minutes(real_searcher):
    answer = answer_question(real_searcher, "How many displaced Ukrainians live in Rødovre?")
    assert answer.found and "220 personer" in answer.text
    answer = answer_question(
        real_searcher, "What was the reversal rate for the children's disability area in 2022?"
    )
    assert "67 procent" in answer.text
    assert answer.hits[0].chunk.case_number == 40


@pytest.mark.model
def test_english_words_the_minutes_lack_are_matched_by_the_model(real_searcher):
    # "job-oriented programmes" is nowhere in the Danish case; the model reads those words
    # alone against its sentences, where the whole question mostly says "Ukrainians".
    answer = answer_question(
        real_searcher, "How many Ukrainians in Rødovre are in job-oriented programmes?"
    )
    assert "11 er i beskæftigelsesrettede forløb" in answer.text


@pytest.mark.model
def test_an_off_topic_question_is_not_answered(real_searcher):
    answer = answer_question(real_searcher, "Hvad koster en pizza i Rom?")
    assert not answer.found
    assert answer.text == NOT_FOUND_TEXT["da"]
    assert answer.hits and all(h.weak for h in answer.hits)


@pytest.mark.model
def test_a_question_asked_within_minutes_that_lack_its_answer_is_not_answered(real_searcher):
    # The displaced Ukrainians are in the 2024 meeting; the 2023 meeting has other cases of the
    # same committee, with figures of their own.
    question = "Hvor mange voksne ukrainere er ledige?"
    before = Filters(date_to=date(2023, 12, 31))
    assert "49 voksne er pt. ledige" in Conversation(real_searcher).ask(question).text
    answer = Conversation(real_searcher).ask(question, filters=before)
    assert not answer.found and answer.text == NOT_FOUND_TEXT["da"]
    # A clear case: the relevance stays below the line when every similarity moves as much as
    # int8 kernels of two CPUs move them (qa.calibration.KERNEL_SPREAD on the weak margin).
    hits = real_searcher.search(question, 5, filters=before)
    ranked = rank(real_searcher, question, hits, question_intent(question))
    top = best_of_first_case(ranked)
    model, hit = scorer("model"), hits[ranked.candidates[top].hit_index]
    for shift in (-0.005, 0.005):
        rows = ranked.rows.copy()
        rows[:, FEATURES.index("similarity")] += shift
        for spread in (-KERNEL_SPREAD, KERNEL_SPREAD):
            first = FirstHit(hit.similarity + shift, hits[0].weak, hit.margin + spread, "da")
            relevance = model.relevance(rows, ranked.logits, top, first)
            assert relevance < model.relevance_threshold


@pytest.mark.model
def test_a_question_naming_a_meeting_gets_that_meeting_s_closest_sentences_never_asserted(
    real_searcher,
):
    # The 2023 meeting holds no count of unemployed Ukrainians, and the relevance model reads its
    # sentences as not answering; the question names that meeting, so they are quoted as the
    # closest the minutes come rather than dropped as if the minutes were silent.
    question = "How many adult Ukrainians were unemployed at the meeting on 16 May 2023?"
    hits = real_searcher.search(question, 5)
    assert hits[0].named and hits[0].chunk.meeting_date == date(2023, 5, 16)
    ranked = rank(real_searcher, question, hits, question_intent(question))
    top = best_of_first_case(ranked)
    hit = hits[ranked.candidates[top].hit_index]
    first = FirstHit(hit.similarity, hits[0].weak, hit.margin, "en")
    model = scorer("model")
    assert model.relevance(ranked.rows, ranked.logits, top, first) < model.relevance_threshold - 0.1
    answer = answer_question(real_searcher, question)
    assert answer.found and not answer.confident and answer.status == CLOSEST
    assert answer.text.splitlines()[0] == CLOSEST_TEXT["en"]
    assert answer.notices == (NAMED_UNSURE_TEXT["en"],)
    cited = {answer.hits[n - 1].chunk.meeting_date for s in answer.sentences for n in s.citations}
    assert date(2023, 5, 16) in cited
    # A question that names no meeting is not in one: within minutes that lack its answer it
    # is not answered (the test above).
    assert not real_searcher.search("How many adult Ukrainians are unemployed?", 1)[0].named


def test_a_weak_hit_among_strong_ones_is_never_cited(searcher):
    hits = searcher.search("Hvad var omgørelsesprocenten i 2022?", 3)
    hits[1] = replace(hits[1], weak=True)
    answer = compose(searcher, "Hvad var omgørelsesprocenten i 2022?", hits)
    for sentence in answer.sentences:
        (n,) = sentence.citations
        assert not answer.hits[n - 1].weak
        assert sentence.text in case_text(searcher, answer.hits[n - 1])


# --- what the sentence must hold, by the words and cues alone (no model) ----------------------


def from_case(searcher, question: str, title: str):
    """The extractive answer from the one case whose title holds `title`, words and cues only."""
    hits = [replace(h, weak=False) for h in searcher.search(question, 10) if title in h.chunk.title]
    assert hits, title
    return compose(searcher, question, hits[:1], use_model=False)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hvornår godkendte udvalget procesplanen?", "date"),
        ("Hvilket år blev lokalplanen vedtaget?", "date"),
        ("From which date does the requirement lapse?", "date"),
        ("Hvem tog forbehold, da udvalget besluttede sagen?", "who"),
        ("Hvilke partier står bag budgetforslaget?", "who"),
        ("Which administration put forward the case?", "who"),
        ("What did the committee decide on the quality standards?", "decision"),
        ("Did the council approve the plan?", "decision"),
    ],
)
def test_the_question_word_decides_before_what_the_question_is_about(question, kind):
    assert question_intent(question).kind == kind


def test_a_full_date_in_the_question_names_the_meeting_not_a_year_asked_about():
    assert question_intent("Hvem tog forbehold den 1. oktober 2025?").years == ()
    assert question_intent("What was decided on 1 October 2025?").years == ()
    assert question_intent("Hvad var omgørelsesprocenten i 2023?").years == (2023,)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Forslag fra SF om Børnenes Plads", True),
        ("Meningstilkendegivelse fra Idrætssamvirket Aarhus (påført 01.10.2025)", True),
        ("Jakob Søgaard Clausen tog forbehold.", False),
        ("Kvalitetsstandarden skal være offentlig tilgængelig og revideres hvert andet år.", False),
    ],
)
def test_a_short_line_with_no_sentence_end_is_heading_like(text, heading):
    assert heading_like(text) is heading


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("Jakob Søgaard Clausen tog forbehold.", True),
        ("155 Aarhus som UNESCO Litteraturby KF, RV, ALT og M", True),
        ("Liberal Alliance kunne ikke tiltræde indstillingen.", True),
        ("Tilladelsen blev påklaget til Planklagenævnet, som gav klagerne medhold.", True),
        ("Aarhus Kommunes Vejnavneudvalg finder en egnet placering.", False),
        ("Det giver en omgørelsesprocent på 48 procent i 2023.", False),
    ],
)
def test_who_did_it_is_a_person_a_party_or_a_public_body(text, agent):
    assert names_agent(text) is agent


def test_who_is_answered_by_the_sentence_naming_the_person(searcher):
    # Other sentences of the case speak of the plan and of parties' reservations in general;
    # the committee's name and the meeting's date locate the case and tell no sentence apart.
    question = (
        "Hvem tog forbehold, da Teknisk Udvalg behandlede udviklingsplanen for Aarhus Ø "
        "den 1. oktober 2025?"
    )
    answer = from_case(searcher, question, "Udviklingsplan Aarhus Ø")
    assert "tog forbehold" in answer.text
    assert "Posters" not in answer.text and "påført" not in answer.text


def test_when_is_answered_by_a_date_other_than_the_meeting_s(searcher):
    answer = from_case(
        searcher, "Hvornår godkendte udvalget procesplanen for iværksættermiljøet?", "iværksætter"
    )
    assert "16. januar 2024" in answer.text  # not the decision of the meeting of 8 October


def test_how_often_is_answered_by_the_interval(searcher):
    answer = from_case(
        searcher,
        "Hvor ofte revideres kvalitetsstandarden for behandling af stofmisbrug?",
        "Kvalitetsstandard",
    )
    assert "hvert andet år" in answer.text


def test_the_legal_basis_is_answered_by_the_law_even_in_two_words(searcher):
    answer = from_case(
        searcher, "Hvilken paragraf er lovgrundlaget for klagestatistikken?", "klagestatistik"
    )
    assert "§ 79b" in answer.text


ASKED = """Sundhedsudvalget

{date}

Sager 1 - 1

Vedligeholdelse og klager
Sag nr. 1

Sagsfremstilling

Til vedligeholdelse af skolerne er der afsat 1.316.000 kr.
Arbejdet udføres i løbet af sommeren.
Til vedligeholdelse er der i alt afsat 38.916.000 kr.
Klagerne kom fra borgere over hele kommunen.
Omgørelsesprocenten var i kommunen 48 procent.
Tallene bygger på Ankestyrelsens statistik.
På landsplan var omgørelsesprocenten 37 procent.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvor meget er i alt afsat til vedligeholdelse?", "38.916.000 kr."),
        ("Hvad var omgørelsesprocenten i hele landet?", "37 procent"),
        ("Hvad var omgørelsesprocenten?", "48 procent"),
    ],
)
def test_the_total_and_the_national_figure_when_they_are_asked_for(tmp_path, question, expected):
    # The sentences share the question's words alike: what the question asks for decides.
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "su.txt").write_text(ASKED.format(date="03-06-2024"), encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    update_index([tmp_path / "corpus"], store, HashingEncoder())
    searcher = hash_searcher(store)
    hits = [replace(h, weak=False) for h in searcher.search(question, 1)]
    answer = compose(searcher, question, hits, use_model=False)
    assert expected in answer.text


def test_a_short_lead_in_ending_in_a_colon_is_quoted_with_what_follows(searcher):
    answer = from_case(
        searcher,
        "Hvilken bemærkning tilføjede udvalget om aktivitetscentret på Solvej 6?",
        "aktivitetscenter",
    )
    assert "med denne bemærkning: Gruppen af unge" in answer.text


def test_a_thin_follow_up_without_a_marker_stays_with_the_case(searcher):
    answer = answer_question(
        searcher,
        "Hvor mange blev aflyst?",
        previous=["Hvor mange rygestopkurser planlagde Ballerup Kommune i 2011?"],
    )
    assert answer.found and answer.context is not None
    assert "2 kurser er aflyst" in answer.text


def test_a_thin_question_without_a_marker_about_something_else_starts_anew(searcher):
    answer = answer_question(
        searcher,
        "Hvad koster en pizza?",
        previous=["Hvor mange rygestopkurser planlagde Ballerup Kommune i 2011?"],
    )
    assert answer.context is None  # not read as about the smoking cessation courses


AREAS = """Socialudvalget

03-06-2024

Sager 1 - 1

Omgørelser af klagesager
Sag nr. 1

Sagsfremstilling

Børneområdet
Omgørelsesprocenten var 48 procent.
På landsplan var den 40 procent.
Ældreområdet
Omgørelsesprocenten var 30 procent.
På landsplan var den 25 procent.
"""


def test_a_follow_up_is_about_what_the_question_before_it_named(tmp_path):
    # "Og på landsplan?" alone fits both areas' national figures; the question before it
    # named the area.
    shutil.copytree(RODOVRE, tmp_path / "corpus")  # other cases around it, as in any index
    (tmp_path / "corpus" / "so.txt").write_text(AREAS, encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    update_index([tmp_path / "corpus"], store, HashingEncoder())
    searcher = hash_searcher(store)
    answer = answer_question(
        searcher, "Og på landsplan?", previous=["Hvad var omgørelsesprocenten på ældreområdet?"]
    )
    assert answer.context is not None
    followed = answer.context["case"]
    named = [
        s
        for s in answer.sentences
        if str(answer.hits[s.citations[0] - 1].chunk.case_key) == followed
    ]
    assert named and "25 procent" in named[0].text


def test_only_sentences_that_hold_what_was_asked_can_make_the_answer_differ():
    from qa.answer import _holds_asked

    budget = 'Magistraten tiltrådte "Tekniske korrektioner til budgetforslaget 2025-2028".'
    assert not _holds_asked("figure", budget)  # years are no figure
    assert not _holds_asked("cost", budget)
    assert _holds_asked("figure", "I 2023 deltog 120 elever i svømmeundervisningen.")
    assert not _holds_asked("cost", "I 2023 deltog 120 elever i svømmeundervisningen.")
    assert _holds_asked("cost", "Anlægget koster 64,1 mio. kr.")
    assert _holds_asked("date", "Kravet bortfalder 1. oktober 2025.")


SAME = """Sundhedsudvalget

{date}

Sager 1 - 1

Optælling af besøg
Sag nr. 1

Sagsfremstilling

I den første optælling var antallet af besøg 110.
I den anden optælling var antallet af besøg 240.
I den tredje optælling var antallet af besøg 370.
I den fjerde optælling var antallet af besøg 480.
"""


def test_a_clear_answer_is_stated_as_the_answer(searcher):
    answer = answer_question(searcher, "Hvor mange deltagere har Netværk Rødovre?")
    assert answer.confident and answer.status == ""
    # The best sentence, and the next best of its case (the two hold the fact far more often
    # than the best alone), in the case's order, each cited.
    assert answer.text == (
        "Netværket, der har fået navnet Netværk Rødovre, har pt. omkring 25 deltagere. [1] "
        "Netværket faciliteres til dels af de deltagende virksomheder og til dels af "
        "Erhvervskontoret og Jobcentret. [1]"
    )
    # A clear case: far above the line, so no CPU's rounding moves it across.
    assert answer.confidence >= scorer("words").threshold + 0.05


def test_an_answer_not_clearly_in_one_place_quotes_the_closest_none_asserted(tmp_path):
    # Four sentences hold a count of visits alike: none is the answer more than the others.
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "su.txt").write_text(SAME.format(date="03-06-2024"), encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    update_index([tmp_path / "corpus"], store, HashingEncoder())
    searcher = hash_searcher(store)
    hits = [replace(h, weak=False) for h in searcher.search("Hvor mange besøg var der?", 1)]
    answer = compose(searcher, "Hvor mange besøg var der?", hits)
    assert answer.found and not answer.confident and answer.status == CLOSEST
    assert answer.confidence < scorer("words").threshold  # hashed words: the same on any CPU
    lines = answer.text.splitlines()
    assert lines[0] == CLOSEST_TEXT["da"] == "Det nærmeste, referaterne siger:"
    assert len(lines) == 4 and all(
        line.startswith("- ") and line.endswith("[1]") for line in lines[1:]
    )
    assert len(answer.sentences) == 3 and all(s.citations == (1,) for s in answer.sentences)
    english = compose(searcher, "How many visits were there?", hits)
    assert english.text.splitlines()[0] == "The closest the minutes come:"


ACCOUNTS = """Økonomiudvalget

18-11-2020

Sager 1 - 1

Anlægsregnskab for kloakering ved skolen
Sag nr. 1

Sagsfremstilling

Byrådet meddelte en anlægsbevilling på i alt 4.600.000 kr. til kloakeringen ved skolen.

Anlægsregnskab

Hovedentreprisen

2.941.813,70

Ekstern og intern rådgivning

434.129,85

Udgifter i alt 4.328.302,47
"""


def candidate_texts(tmp_path, minutes: str, question: str) -> list[str]:
    """The sentences an answer to `question` may quote from a one-case file of `minutes`."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "minutes.txt").write_text(minutes, encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    update_index([tmp_path / "corpus"], store, HashingEncoder())
    searcher = hash_searcher(store)
    hits = searcher.search(question, 1)
    return [c.text for c in rank(searcher, question, hits, question_intent(question)).candidates]


def test_a_table_s_rows_are_sentences_the_answer_can_quote(tmp_path):
    # A table read as lines, label then value, or one row a line: each row is a candidate
    # ("Hovedentreprisen: 2.941.813,70"), not a sub-heading followed by a lone number.
    texts = candidate_texts(tmp_path, ACCOUNTS, "Hvad kostede hovedentreprisen?")
    assert "Hovedentreprisen: 2.941.813,70" in texts
    assert "Ekstern og intern rådgivning: 434.129,85" in texts
    assert "Udgifter i alt 4.328.302,47" in texts
    assert "Hovedentreprisen" not in texts and "2.941.813,70" not in texts


PLAN = """Økonomiudvalget

06-01-2014

Sager 1 - 1

Mødeplan for Økonomiudvalget for 2014
Sag nr. 2

Forslag

Kommunaldirektøren foreslår,
at ordinære møder i 2014 afholdes som foreslået i sagsfremstillingen.

Sagsfremstilling

Møderne foreslås holdt i rådhusets mødelokale 1.

Mødedatoer

Mandag den 20. januar
Mandag den 3. februar
Tirsdag den 22. april

Fraværende

Linda Kofoed Persson
"""


def test_a_sentence_broken_over_two_lines_is_one_sentence_naming_who_proposes(tmp_path):
    texts = candidate_texts(tmp_path, PLAN, "Hvem foreslår mødeplanen?")
    assert (
        "Kommunaldirektøren foreslår, at ordinære møder i 2014 afholdes som foreslået i "
        "sagsfremstillingen." in texts
    )
    assert "Kommunaldirektøren foreslår," not in texts


def test_short_lines_that_head_no_sentence_are_what_the_section_says(tmp_path):
    # A list of dates, one a line, and the one name under "Fraværende": no sentence follows
    # them, so they are no sub-headings but the answer to "when" and "who was absent".
    texts = candidate_texts(tmp_path, PLAN, "Hvem foreslår mødeplanen?")
    assert "Mandag den 20. januar; Mandag den 3. februar; Tirsdag den 22. april" in texts
    assert "Linda Kofoed Persson" in texts


def test_a_feature_weighed_anew_for_english_questions_is_its_product_with_the_flag():
    from qa.answer_features import INTERACTIONS, columns

    rows = np.zeros((2, len(FEATURES)))
    rows[:, FEATURES.index("reader")] = [2.0, 3.0]
    rows[:, FEATURES.index("english")] = [1.0, 0.0]  # an English question, then a Danish one
    assert columns(rows, ["reader", "english*reader"]).tolist() == [[2.0, 2.0], [3.0, 0.0]]
    assert set(INTERACTIONS) <= set(scorer("model").features)
