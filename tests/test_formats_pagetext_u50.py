"""Web pages kept as text, read from the real pages bundled in corpus/: what Dragør's and Ishøj's
pages of the fiftieth round give. Each is read by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_dragoer_council_three_meetings_of_question_time_news_and_monthly_follow_up():
    december = bundled("Dragør", "dragoer_kommunalbestyrelsen_2021-12-16_referat.txt")
    assert (december.committee, december.meeting_date, december.kind) == (
        "Kommunalbestyrelsen",
        date(2021, 12, 16),
        "referat",
    )
    assert [case.case_number for case in december.cases] == [1, 2, 3]
    questions, news, october = december.cases
    assert (questions.title, questions.decision) == ("Spørgetid 1", "Der var ingen spørgsmål.")
    assert (news.title, news.decision) == ("Meddelelser", "Der var ingen meddelelser.")
    assert october.title == "Månedsopfølgning for oktober 2021"
    assert october.section("Sagsnummer") == "Sagsid.: 21/8174"
    assert "mindreforbrug på 4,2 mio. kr." in october.section("Sagsfremstilling")
    assert october.decision == "Til efterretning."
    march = bundled("Dragør", "dragoer_kommunalbestyrelsen_2022-03-03_referat.txt")
    assert (march.committee, march.meeting_date) == ("Kommunalbestyrelsen", date(2022, 3, 3))
    assert [case.case_number for case in march.cases] == [1, 2, 3]
    december_status = march.cases[2]
    assert december_status.title == "Månedsopfølgning - status efter december 2021"
    assert "5,8 mio. kr. større" in december_status.section("Sagsfremstilling")
    assert december_status.decision == "Til efterretning."
    end_of_march = bundled("Dragør", "dragoer_kommunalbestyrelsen_2022-03-31_referat.txt")
    assert end_of_march.meeting_date == date(2022, 3, 31)
    spoken, told, january = end_of_march.cases
    assert (spoken.decision, told.decision) == ("Intet.", "Ingen.")
    assert january.title == "Månedsopfølgning for januar 2022"
    assert january.section("Sagsnummer") == "Sagsid.: 22/569"
    assert january.decision.startswith("Godkendt.")
    assert "Mia Tang (C) var indkaldt som stedfortræder" in january.section(
        "BESLUTNING: Økonomiudvalget den 25-03-2022"
    )


def test_ishoej_council_meeting_plan_for_2016_and_the_light_rail_route():
    meeting = bundled("Ishøj", "ishoej_ishoej-byraad_2015-12-01_referat.txt")
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Ishøj Byråd",
        date(2015, 12, 1),
        "referat",
    )
    # The page shows no item numbers: the reader numbers its items in order, as for Ishøj's
    # pages bundled before.
    assert [case.case_number for case in meeting.cases] == [1, 2, 3]
    _, plan, light_rail = meeting.cases
    assert "Byrådsseminar holdes 25. - 26. maj 2016." in plan.section("Sagsfremstilling")
    assert plan.decision == "Tiltrådt"
    assert "Ishøj Stationsvej og Vejlebrovej" in light_rail.section("Resume")
    assert "høringsfrist til den 23. november 2015" in light_rail.section("Sagsfremstilling")
    assert light_rail.decision is None
