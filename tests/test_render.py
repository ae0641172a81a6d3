"""Answer cards: citation, highlighted answer, escaping, weak-match notice."""

from datetime import date

from qa.chunking import Chunk
from qa.errors import MinutesError
from qa.highlight import best_sentences
from qa.indexing import IndexReport
from qa.render import (
    WEAK_NOTICE,
    highlight_html,
    render_answer,
    render_card,
    render_notice,
    render_upload_summary,
)
from qa.retrieval import Hit

SWIMMING_POOL = "kultur- og fritidsudvalget|2025-03-04|referat|6"


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
    assert "Kilde: beskaeftigelsesudvalget_2024-10-08.txt" in html


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


def test_weak_matches_are_announced_and_marked():
    html = render_answer("Opskrift på æblekage", [hit(weak=True)])
    assert html.index(WEAK_NOTICE) < html.index("qa-card qa-weak")
    assert "svag match" in html
    assert WEAK_NOTICE not in render_answer("Hvor mange?", [hit()])


def test_no_hits_says_so():
    assert "Ingen passager fundet" in render_answer("x", [])


def test_messages_in_the_chat_are_escaped():
    assert (
        render_notice("Ingen <b>fil</b>")
        == "<div class='qa-notice'>Ingen &lt;b&gt;fil&lt;/b&gt;</div>"
    )
    assert "qa-weak-notice" in render_notice("Spørgsmålet er tomt.", warning=True)


def test_an_upload_summary_names_the_new_cases_and_the_refused_files():
    report = IndexReport(added=[SWIMMING_POOL], unchanged=12)
    cases = {
        SWIMMING_POOL: {
            "committee": "Kultur- og Fritidsudvalget",
            "meeting_date": "2025-03-04",
            "case_number": 6,
            "title": "Renovering af svømmehallen i Rødovre",
        }
    }
    refused = [MinutesError("notes.txt", "expected the committee name on the first line")]
    summary = render_upload_summary(["kultur_2025-03-04.txt"], refused, report, cases)
    assert (
        "**Indekset er opdateret:** 1 sag tilføjet, 0 opdateret, 0 fjernet; 12 uændrede." in summary
    )
    assert (
        "- Kultur- og Fritidsudvalget, 04-03-2025, Sag nr. 6: Renovering af svømmehallen" in summary
    )
    assert "Gemt: kultur_2025-03-04.txt" in summary
    assert "- **notes.txt**: expected the committee name on the first line" in summary


def test_a_busy_index_keeps_the_stored_files_for_the_next_rebuild():
    summary = render_upload_summary(
        ["kultur.txt"], [], index_error="Another process is rebuilding the index <here>."
    )
    assert (
        "**Indekset blev ikke opdateret:** Another process is rebuilding the index &lt;here&gt;."
        in summary
    )
    assert "næste gang indekset opdateres" in summary and "Gemt: kultur.txt" in summary
