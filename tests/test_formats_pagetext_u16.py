"""Web pages kept as text, read from the real pages bundled in corpus/: what Roskilde's, Holbæk's,
Slagelse's, Middelfart's, Brønderslev's and Gribskov's pages of the sixteenth round give, and the
three rules that came with them (a dateline with the month before the day, the body named over
its decision with commas in its name, a list of items that runs into items after a date)."""

from datetime import date

from qa.formats.pagetext import parse
from qa.formats.structure import find_date
from tests.conftest import bundled


def test_a_dateline_with_the_month_before_the_day_is_a_date():
    assert find_date(["Dato: Fredag, April 17, 2015 - 07:30"]) == date(2015, 4, 17)
    assert find_date(["Dato: Tirsdag, Maj 8, 2018 - 08:00"]) == date(2018, 5, 8)
    # The day before the month is read as before.
    assert find_date(["Fredag den 17. april 2015"]) == date(2015, 4, 17)
    assert find_date(["April 2015, 17 deltagere"]) is None


def test_the_body_named_over_its_decision_names_the_meeting_even_with_commas_in_its_name():
    page = "\n".join(
        [
            "https://kommune.example.dk/moeder/udvalget-17-04-2015",
            "",
            "Referat",
            "",
            "Dato: Fredag, April 17, 2015 - 07:30",
            " • Pkt. 17 Godkendelse af referat",
            "",
            "  Pkt. 17",
            "",
            "  Godkendelse af referat",
            "",
            "  Resume",
            "",
            "  Udvalget skal godkende referatet fra seneste møde den 27. februar 2015.",
            "",
            "  Udvalget for Vækst, Erhverv og Globalisering, 17-04-2015, pkt. 17",
            "",
            "  Godkendt.",
        ]
    )
    meeting = parse(page.encode(), "Example/vaekst.txt")
    # Not "Udvalget" from the sentence, nor the day of the earlier meeting it mentions.
    assert meeting.committee == "Udvalget for Vækst, Erhverv og Globalisering"
    assert meeting.meeting_date == date(2015, 4, 17)
    assert meeting.cases[0].decision == "Godkendt."


def test_a_list_of_items_whose_last_title_ends_in_a_date_runs_into_the_first_item_and_the_next():
    page = "\n".join(
        [
            "https://dagsordner.example.dk/agenda_1.html",
            "",
            "UDVALG",
            "",
            "Udvalget for Børn",
            "",
            "STARTTIDSPUNKT",
            "",
            "29-01-2013 10:00:00",
            "",
            "PUNKTER",
            "",
            "8. Godkendelse af dagsorden",
            "9. Frigivelse af anlægsmidler",
            "10. Eventuelt den 29.01.20138. Godkendelse af dagsorden",
            "",
            "Hovedindstilling",
            "Direktøren indstiller, at dagsordenen bliver godkendt",
            "",
            "Beslutning i Udvalget for Børn den 29-01-2013",
            "Godkendt",
            "",
            "Referat9. Frigivelse af anlægsmidler",
            "",
            "Hovedindstilling",
            "Direktøren indstiller, at 2,1 mio. kr. frigives.",
        ]
    )
    meeting = parse(page.encode(), "Example/boern.txt")
    assert [case.case_number for case in meeting.cases] == [8, 9]
    assert "2,1 mio. kr. frigives" in meeting.cases[1].text


def test_roskilde_climate_committee_on_water_works_and_buses():
    uv = bundled("Roskilde", "roskilde_klima-og-miljoeudvalget_2018-05-08_referat.txt")
    assert (uv.committee, uv.meeting_date) == ("Klima- og Miljøudvalget", date(2018, 5, 8))
    agenda, plant = uv.cases
    assert "Henrik Stougaard (Ø)" in agenda.decision
    assert "9. april 2018" in plant.section("Sagsfremstilling")
    buses = bundled("Roskilde", "roskilde_klima-og-miljoeudvalget_2019-10-01_referat.txt")
    assert [case.case_number for case in buses.cases] == [129, 130]
    assert "linje 215" in buses.cases[1].section("Indstilling")
    boring = bundled("Roskilde", "roskilde_klima-og-miljoeudvalget_2017-03-07_referat.txt")
    assert "50.000 m3/år" in boring.cases[1].section("Resume")


def test_roskilde_growth_committee_read_from_its_dateline_and_its_decision_lines():
    chair = bundled(
        "Roskilde", "roskilde_udvalget-for-vaekst-erhverv-og-globalisering_2015-04-17_referat.txt"
    )
    assert (chair.committee, chair.meeting_date) == (
        "Udvalget for Vækst, Erhverv og Globalisering",
        date(2015, 4, 17),
    )
    assert [case.case_number for case in chair.cases] == [17, 18, 19]
    assert chair.cases[2].decision.startswith("Lars Lindskov blev valgt")
    visit = bundled(
        "Roskilde", "roskilde_udvalget-for-vaekst-erhverv-og-globalisering_2018-06-08_referat.txt"
    )
    assert visit.committee == "Udvalget for Vækst, Erhverv og Globalisering"
    assert "Jens Arentzen" in visit.cases[1].decision


def test_holbaek_children_committee_and_disability_council():
    children = bundled("Holbæk", "holbaek_udvalget-for-boern_2013-01-29_referat.txt")
    assert (children.committee, children.meeting_date) == ("Udvalget for Børn", date(2013, 1, 29))
    agenda, house = children.cases
    assert agenda.decision.startswith("Godkendt")
    assert house.title == "Frigivelse af anlægsmidler - Børne-familiehus"
    assert "200.000 kr. frigives" in house.text
    council = bundled("Holbæk", "holbaek_handicapraadet_2015-11-03_referat.txt")
    (visit,) = council.cases
    assert visit.decision.startswith("Centerleder Kirsten Becker viste Handicaprådet rundt")


def test_slagelse_middelfart_bronderslev_and_gribskov_pages():
    plan = bundled(
        "Slagelse", "slagelse_miljoe-plan-og-landdistriktsudvalget_2021-01-19_referat.txt"
    )
    assert plan.meeting_date == date(2021, 1, 19)
    assert plan.cases[1].title.startswith("Kommuneplan 2021")
    special = bundled(
        "Slagelse", "slagelse_udvalget-for-specialiserede-borgerindsatser_2021-08-11_referat.txt"
    )
    assert "Jimmi Jørgensen (A)" in special.cases[0].decision
    figures = bundled(
        "Middelfart", "middelfart_beskaeftigelses-og-arbejdsmarkedsudvalget_2014-04-09_referat.txt"
    )
    (march,) = figures.cases
    assert (march.case_number, march.title) == (17, "Nøgletal marts 2014")
    assert "499 sager pr. 31.03.14" in march.section("Sagsbeskrivelse")
    aids = bundled("Brønderslev", "bronderslev_handicapraadet_2020-10-27_referat.txt")
    assert [case.title for case in aids.cases][2] == "Hjælpemidler og vedligehold"
    gribskov = bundled("Gribskov", "gribskov_erhvervs-og-turismeudvalget_2015-09-14_referat.txt")
    assert gribskov.cases[0].title == "Erhvervsstrategi 2015"
