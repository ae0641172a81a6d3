"""Web pages kept as text, read from the real pages bundled in corpus/: what Viborg's and
Ringkøbing-Skjern's pages of the forty-fifth round give. No rule came with them: each is read by the
rules already there."""

from datetime import date

from tests.conftest import bundled


def test_viborg_items_shown_by_their_case_ids_titled_by_their_first_sentence():
    council = bundled("Viborg", "viborg_byraadet_2018-11-21_referat.txt")
    assert (council.committee, council.meeting_date, council.kind) == (
        "Byrådet",
        date(2018, 11, 21),
        "referat",
    )
    assert [case.case_number for case in council.cases] == [1]
    foulum = council.cases[0]
    assert foulum.title.startswith("Efter omdannelse af Det Selvstændige Forvaltningssubjekt")
    assert foulum.section("Sagsnummer") == "18/57622"
    assert "(V) Jakob Harritz" in foulum.section("Indstilling")
    assert foulum.decision == "Indstillingen fra borgmesteren godkendes."
    assert "21. juni 2017 (sag nr. 7)" in foulum.section("Sagsfremstilling")
    june = bundled("Viborg", "viborg_oekonomi-og-erhvervsudvalget_2018-06-13_referat.txt")
    assert (june.committee, june.meeting_date) == (
        "Økonomi- og Erhvervsudvalget",
        date(2018, 6, 13),
    )
    assert [case.case_number for case in june.cases] == [1]
    assert june.cases[0].section("Sagsnummer") == "17/62593"
    assert june.cases[0].decision == "Budgetforslaget blev drøftet."
    assert "fra kl. 12.00 til 12.30" in june.cases[0].section("Sagsfremstilling")
    april = bundled("Viborg", "viborg_oekonomi-og-erhvervsudvalget_2019-04-10_referat.txt")
    assert april.meeting_date == date(2019, 4, 10)
    assert [case.case_number for case in april.cases] == [1]
    orum = april.cases[0]
    assert orum.section("Sagsnummer") == "19/8885"
    assert "46.400.000 kr. for 2020-2022" in orum.section("Indstilling")
    # Only another committee's decision is in the stored beginning: the case has no decision.
    assert orum.decision is None
    assert orum.section("Beslutning i Børne- og Ungdomsudvalget den 26-03-2019").startswith(
        "Børne- og Ungdomsudvalget vedtog at indstille til Byrådet"
    )


def test_ringkobing_skjern_council_question_time():
    february = bundled("Ringkøbing-Skjern", "ringkoebing-skjern_byraadet_2026-02-17_referat.txt")
    assert (february.committee, february.meeting_date, february.kind) == (
        "Byrådet",
        date(2026, 2, 17),
        "referat",
    )
    assert [case.case_number for case in february.cases] == [1]
    question_time = february.cases[0]
    assert question_time.title == "Spørgetid i Byrådet"
    assert "Ringkøbing Fjord Museer" in question_time.section("Sagsfremstilling")
    assert "Benny Madsen" in question_time.section("Sagsfremstilling")
    assert question_time.decision is None
