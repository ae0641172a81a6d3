"""The chat's HTML: the cited answer, cards with their sources, escaping, not-found answers."""

from dataclasses import replace
from datetime import date

from qa.answer import Answer, AnswerSentence
from qa.chunking import Chunk
from qa.highlight import best_sentences, sentences
from qa.render import (
    highlight_html,
    render_card,
    render_notice,
    render_reply,
)
from qa.retrieval import Hit
from qa.web.texts import say


def hit(text="Antallet er steget til 220 personer. Noget helt andet her.", weak=False, **chunk):
    fields = dict(
        chunk_id="x#0",
        committee="Beskæftigelsesudvalget",
        meeting_date=date(2024, 10, 8),
        case_number=39,
        title="Status på indsatsen for fordrevne fra Ukraine m.fl.",
        section="Sagsfremstilling",
        text=text,
        source="beskaeftigelsesudvalget_2024-10-08.txt",
    )
    fields.update(chunk)
    return Hit(1, 0.03, Chunk(**fields), similarity=0.91, weak=weak)


def test_a_card_cites_meeting_and_case():
    html = render_card("Hvor mange personer?", hit())
    assert "Beskæftigelsesudvalget · 08-10-2024 · <b>Sag nr. 39</b>" in html
    assert "Status på indsatsen for fordrevne fra Ukraine m.fl." in html
    assert "Sagsfremstilling" in html and "relevans 0.91" in html


def test_the_answering_sentence_is_highlighted():
    html = highlight_html(
        "Hvor mange fordrevne bor i Rødovre?",
        "Ukrainske fordrevne ankommer fortsat. Antallet af fordrevne i Rødovre er 220 personer.\n\n"
        "Job og ledighed er et andet emne her.",
    )
    assert "<mark>Antallet af fordrevne i Rødovre er 220 personer.</mark>" in html
    assert "<mark>Job og ledighed" not in html


def test_a_day_number_does_not_end_the_highlighted_sentence():
    html = highlight_html(
        "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
        "Antallet af fordrevne fra Ukraine i Rødovre er 220 personer pr. 1. september 2024. "
        "Der har været en tilgang på 50.",
    )
    assert (
        "<mark>Antallet af fordrevne fra Ukraine i Rødovre er 220 personer pr. 1. september 2024.</mark>"
        in html
    )


def test_minutes_abbreviations_do_not_end_a_sentence():
    text = "Punktet blev behandlet d. 1.9.2014. Pkt. 13 blev rykket frem vedr. Skolevej. Godkendt."
    assert [s.text for s in sentences(text)] == [
        "Punktet blev behandlet d. 1.9.2014.",
        "Pkt. 13 blev rykket frem vedr. Skolevej.",
        "Godkendt.",
    ]


def test_an_initial_or_a_street_abbreviation_does_not_end_a_sentence():
    text = (
        "Foretræde ved Knud Ullerichs og Anne B. Hansen. Chef Peer M. Rexen indstiller, at "
        "vandværket på Sdr. Allé udlånes. Se bilag a. Godkendt."
    )
    assert [s.text for s in sentences(text)] == [
        "Foretræde ved Knud Ullerichs og Anne B. Hansen.",
        "Chef Peer M. Rexen indstiller, at vandværket på Sdr. Allé udlånes.",
        "Se bilag a.",  # a lower-case letter is no initial
        "Godkendt.",
    ]


def test_a_line_wrapped_mid_sentence_does_not_end_it():
    # PDF text keeps the page's line breaks: "68 pct." ends a line, the sentence goes on.
    text = (
        "Gennemførselsprocenten er på 100, hvor tilsvarende data fra Region Hovedstaden er 56 pct. "
        "Ved kursusafslutning er 68 pct.\nrøgfri, hvilket ligger betydeligt højere end Region "
        "Hovedstaden på 45 pct.\nØkonomi\nden nye ramme er ikke fastlagt."
    )
    assert [s.text for s in sentences(text)] == [
        "Gennemførselsprocenten er på 100, hvor tilsvarende data fra Region Hovedstaden er 56 pct.",
        "Ved kursusafslutning er 68 pct.\nrøgfri, hvilket ligger betydeligt højere end Region "
        "Hovedstaden på 45 pct.",
        "Økonomi",  # a short line is a heading, whatever follows it
        "den nye ramme er ikke fastlagt.",
    ]


def test_a_heading_is_not_taken_for_the_answer():
    html = highlight_html(
        "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
        "Fordrevne fra Ukraine\n\nUkrainske fordrevne ankommer fortsat til Rødovre.",
    )
    assert "<p>Fordrevne fra Ukraine</p>" in html
    assert "<mark>Ukrainske fordrevne ankommer fortsat til Rødovre.</mark>" in html


def test_a_question_sharing_no_word_with_the_passage_marks_nothing():
    text = "Udvalget besluttede at støtte iværksættere med 2 mio. kr. om året."
    assert best_sentences("What did the committee decide about start-ups?", text) == []
    assert "<mark>" not in highlight_html("What did the committee decide?", text)


def test_one_common_word_is_not_enough_to_highlight():
    assert (
        best_sentences(
            "Hvor mange fordrevne bor i Rødovre?", "Netværket i Rødovre har 25 deltagere."
        )
        == []
    )


def test_text_from_minutes_cannot_inject_html():
    evil = "<script>alert('x')</script> Beslutning: <img src=x onerror=alert(1)> godkendt her."
    html = render_card("godkendt", hit(text=evil, title="<b>Titel</b>", source="<evil>.txt"))
    assert "<script>" not in html and "<img" not in html and "<b>Titel</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Titel&lt;/b&gt;" in html


def test_the_full_case_can_be_expanded_and_is_escaped():
    case = {"sections": [{"heading": "Beslutning", "text": "Anbefales <i>straks</i>."}]}
    html = render_card("beslutning", hit(), case)
    assert "<details class='qa-full'><summary>Hele sagen</summary>" in html
    assert "<h4>Beslutning</h4><p>Anbefales &lt;i&gt;straks&lt;/i&gt;.</p>" in html


UKRAINE = "Antallet af fordrevne fra Ukraine i Rødovre er 220 personer pr. 1. september 2024."


def answer(found=True, hits=None, **fields):
    if hits is None:
        hits = (hit(text=f"Ukrainske fordrevne ankommer fortsat. {UKRAINE}"),)
    defaults = dict(
        question="Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
        text=f"{UKRAINE} [1]",
        found=found,
        sentences=(AnswerSentence(UKRAINE, (1,)),),
        hits=tuple(hits),
    )
    return Answer(**{**defaults, **fields})


def test_the_answer_comes_first_with_its_citation_linking_to_the_card():
    html = render_reply(answer(), turn=3)
    link = (
        "<a class='qa-ref' href='#qa-3-1' "
        "title='Beskæftigelsesudvalget · 08-10-2024 · Sag nr. 39'>[1]</a>"
    )
    assert f"{UKRAINE} {link}" in html
    assert html.index("qa-answer") < html.index("<div class='qa-card' id='qa-3-1'>")
    assert "<span class='qa-number'>[1]</span> Beskæftigelsesudvalget" in html


def test_the_card_marks_the_sentence_the_answer_quotes():
    html = render_reply(answer())
    assert f"<mark>{UKRAINE}</mark>" in html
    assert "<mark>Ukrainske fordrevne" not in html


def test_a_citation_to_no_card_stays_plain_text():
    html = render_reply(answer(text=f"{UKRAINE} [1] [7]"))
    assert "href='#qa-1-1'" in html and "[7]" in html and "#qa-1-7" not in html


def test_the_answer_text_is_escaped():
    html = render_reply(answer(text="Beløbet er <b>2 mio.</b> kr. [1]"))
    assert "&lt;b&gt;2 mio.&lt;/b&gt; kr." in html and "<b>2 mio." not in html


def test_not_found_says_the_minutes_do_not_seem_to_say_and_folds_the_weak_cards_away():
    html = render_reply(
        answer(found=False, text="", sentences=(), hits=(hit(), hit(case_number=40)))
    )
    assert say("answer.not_found") in html and "qa-ref" not in html
    folded = html.split("<details class='qa-weak-cards'>", 1)[1]
    assert "<summary>Vis de nærmeste sager (2)</summary>" in folded
    assert folded.count("qa-card qa-weak") == 2 and folded.count("svag match") == 2


def test_an_english_question_is_answered_in_english():
    html = render_reply(answer(found=False, text="", sentences=(), hits=(hit(),)), language="en")
    assert "The minutes do not seem to say." in html and "weak match" in html
    assert "Referaterne" not in html and "svag match" not in html


def test_a_follow_up_says_what_it_carried_over():
    context = {
        "case_number": 39,
        "meeting_date": "2024-10-08",
        "committee": "Beskæftigelsesudvalget",
    }
    html = render_reply(answer(context=context))
    assert "<div class='qa-context'>Spørger videre om: Sag nr. 39, 08-10-2024</div>" in html
    assert "Spørger videre om" not in render_reply(answer())


def test_a_follow_up_within_a_meeting_names_the_meeting():
    context = {
        "case_number": None,
        "meeting": "aarhus|teknisk udvalg|2025-10-01|referat",
        "meeting_date": "2025-10-01",
        "committee": "Teknisk Udvalg",
    }
    html = render_reply(answer(context=context))
    assert "<div class='qa-context'>Spørger videre om: Mødet i Teknisk Udvalg, 01-10-2025" in html
    english = render_reply(answer(context=context), language="en")
    assert "Following up on: The meeting of Teknisk Udvalg, 01-10-2025" in english


def test_an_llm_answer_names_its_model_and_its_notices():
    html = render_reply(answer(generator="gemma3:270m", notices=("Citation [4] removed.",)))
    assert "sprogmodellen gemma3:270m" in html and "Citation [4] removed." in html


def test_each_card_links_to_its_source_file_and_page_and_the_original():
    card = render_card("x", hit())
    assert (
        "Kilde: <a class='qa-open' href='kilde/beskaeftigelsesudvalget_2024-10-08.txt' "
        "target='_blank' rel='noopener'>beskaeftigelsesudvalget_2024-10-08.txt</a>"
    ) in card
    paged = replace(hit().chunk, page=4, url="https://www.rk.dk/politik/referat")
    card = render_card("x", Hit(1, 0.03, paged))
    assert "href='kilde/beskaeftigelsesudvalget_2024-10-08.txt#page=4'" in card
    assert "side 4" in card
    assert "<a class='qa-original' href='https://www.rk.dk/politik/referat'" in card


def test_only_web_addresses_become_original_links():
    sneaky = replace(hit().chunk, page=None, url="javascript:alert(1)")
    assert "javascript:" not in render_card("x", Hit(1, 0.03, sneaky))


def test_no_hits_says_so():
    assert "Ingen passager fundet" in render_reply(answer(hits=(), found=False))


def test_messages_in_the_chat_are_escaped():
    assert (
        render_notice("Ingen <b>fil</b>")
        == "<div class='qa-notice'>Ingen &lt;b&gt;fil&lt;/b&gt;</div>"
    )
    assert "qa-weak-notice" in render_notice("Spørgsmålet er tomt.", warning=True)


def test_an_answer_not_clearly_in_one_place_looks_and_reads_otherwise_than_a_stated_one():
    closest = answer(
        text=f"Det nærmeste, referaterne siger:\n- {UKRAINE} [1]\n- Ukrainske fordrevne ankommer "
        "fortsat. [1]",
        status="closest",
        confidence=0.41,
    )
    html = render_reply(closest)
    assert "<div class='qa-answer qa-closest'>" in html
    assert say("answer.closest") in html and "ingen af dem er givet som svaret" in html
    stated = render_reply(answer(confident=True, confidence=0.97))
    assert "qa-closest" not in stated and say("answer.closest") not in stated
