"""Web pages kept as text that mark their items or name their meeting in their own way, read from
the real pages bundled in corpus/Fredensborg, Dragør, Nyborg and Jammerbugt."""

from datetime import date

from tests.conftest import bundled


def test_items_numbered_nr_are_items_and_the_decision_line_names_the_council():
    meeting = bundled("Fredensborg", "fredensborg_byraadet-18-21_2018-10-01_referat.txt")
    # The top names only the room ("Byrådssalen"); the decision lines name the council.
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet (18-21)", date(2018, 10, 1))
    assert [(c.case_number, c.title) for c in meeting.cases] == [
        (143, "Godkendelse af dagsorden"),
        (144, "2. behandling af budget 2019-2022"),
    ]
    assert meeting.cases[0].decision == "Dagsordenen blev godkendt."
    assert "kirkeskatteprocent for 2019" in meeting.cases[1].section("Beslutningstema")


def test_a_bulleted_number_over_the_title_starts_an_item_and_a_capitalised_point_does_not():
    meeting = bundled("Dragør", "dragoer_oekonomiudvalget_2018-10-25_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2018, 10, 25))
    (case,) = meeting.cases
    assert (case.case_number, case.title) == (1, "Dragør Baadeværft - forlængelse af lejeaftale")
    # "2. At der gives afslag ..." is the Indstilling's second point, not item 2.
    assert "At der gives afslag på anmodningen" in case.section("Indstilling")
    # "BESLUTNING: Økonomiudvalget den 25-10-2018" heads this meeting's decision.
    assert case.decision.startswith("Godkendt.")


def test_anbefaling_is_the_recommendation_and_its_economy_heading_the_cost():
    meeting = bundled("Dragør", "dragoer_oekonomiudvalget_2015-11-19_referat.txt")
    first, second = meeting.cases
    assert (
        first.section("Indstilling")
        == "Administrationen indstiller at oplæg tages til efterretning."
    )
    assert first.section("Økonomi").startswith("Drøftelsen har ingen økonomiske konsekvenser.")
    assert first.decision == "Til efterretning"
    assert "varig tillægsbevilling på 600.000 kr." in second.section("Indstilling")


def test_an_earlier_committees_decision_after_a_colon_is_not_this_meetings():
    meeting = bundled("Dragør", "dragoer_oekonomiudvalget_2019-10-24_referat.txt")
    (case,) = meeting.cases
    assert case.decision.startswith("Anbefales over for KB.")
    assert "Ad 1+2+3" not in case.decision
    earlier = "BESLUTNING: By-, Erhvervs- og Planudvalget den 08-10-2019"
    assert case.section(earlier).endswith("Anbefales over for ØU/KB.")


def test_a_page_that_starts_at_its_first_item_is_dated_by_its_decision_lines():
    meeting = bundled("Nyborg", "nyborg_erhvervs-og-udviklingsudvalget_2021-10-04_referat.txt")
    # Not 16 August 2021, the date in the first item's title.
    assert (meeting.committee, meeting.meeting_date) == (
        "Erhvervs- og Udviklingsudvalget",
        date(2021, 10, 4),
    )
    assert [c.case_number for c in meeting.cases] == [1, 2, 3]
    assert meeting.cases[0].title == "Status på bevillinger pr. 16.08.2021"
    assert meeting.cases[0].decision.endswith("Til efterretning.")


def test_a_section_heading_set_as_a_bullet_under_a_bulleted_number_keeps_its_section():
    meeting = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2020-03-26_referat.txt")
    (case,) = meeting.cases
    assert case.case_number == 39
    assert case.section("Beslutningstema").startswith("Orientering om, at der er indført forbud")
