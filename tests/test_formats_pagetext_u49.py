"""Web pages kept as text, read from the real pages bundled in corpus/: what Viborg's, Thisted's
and Jammerbugt's pages of the forty-ninth round give. Each is read by the rules already there; no
rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_viborg_technical_committee_one_item_each_on_kommune_viborg_dk():
    hostel = bundled("Viborg", "viborg_teknisk-udvalg_2017-03-22_referat.txt")
    assert (hostel.committee, hostel.meeting_date, hostel.kind) == (
        "Teknisk Udvalg",
        date(2017, 3, 22),
        "referat",
    )
    (flats,) = hostel.cases
    assert flats.case_number == 1
    assert (
        flats.title == "Stillingtagen til ny planlægning for ungdomsboliger på Fælledvej i Viborg"
    )
    assert "Ermic Ejendomme I/S" in flats.section("Resume")
    assert flats.decision.startswith("Teknisk Udvalg indstiller til Økonomi- og Erhvervsudvalget")
    assert "40 dB(A)" in flats.section("Sagsfremstilling")
    plan = bundled("Viborg", "viborg_teknisk-udvalg_2018-06-20_referat.txt")
    assert plan.meeting_date == date(2018, 6, 20)
    (addendum,) = plan.cases
    assert addendum.title.startswith(
        "Endelig vedtagelse af forslag til tillæg nr. 2 til lokalplan nr. 452"
    )
    assert addendum.decision == "Indstillingen blev godkendt."
    assert "fra 8,5 m til 10 m" in addendum.section("Indstilling")
    assert "5 høringssvar" in addendum.section("Sagsfremstilling")


def test_viborg_technical_committee_2014_items_shown_by_their_case_ids():
    autumn = bundled("Viborg", "viborg_teknisk-udvalg_2014-10-02_referat.txt")
    assert (autumn.committee, autumn.meeting_date) == (
        "Teknisk Udvalg (2013-2017)",
        date(2014, 10, 2),
    )
    assert [case.section("Sagsnummer") for case in autumn.cases] == ["14/4302", "14/21862"]
    vice, hammershoj = autumn.cases
    # Items without numbers or titles: numbered in order and titled by their first sentence.
    assert [case.case_number for case in autumn.cases] == [1, 2]
    assert vice.title.startswith("Udvalgsmedlem Flemming Lund")
    assert vice.decision == "Teknisk Udvalg besluttede, at vælge Martin Sanderhoff til næstformand."
    # The second item's Sagsfremstilling opens with the subheading "Baggrund", read as its section.
    assert "Lokalplanforslaget (nr. 445)" in hammershoj.section("Baggrund")
    assert hammershoj.decision is None


def test_thisted_childrens_committee_three_meetings():
    february = bundled("Thisted", "thisted_boerne-og-familieudvalget_2022-02-08_referat.txt")
    assert (february.committee, february.meeting_date, february.kind) == (
        "Børne- og Familieudvalget",
        date(2022, 2, 8),
        "referat",
    )
    assert [case.case_number for case in february.cases] == [17, 18, 19]
    assert february.cases[1].decision.startswith("Drøftelse af besøg på Sennels Skole.")
    assert "13. august 2019" in february.cases[2].section("Redegørelse")
    june = bundled("Thisted", "thisted_boerne-og-familieudvalget_2021-06-08_referat.txt")
    assert june.meeting_date == date(2021, 6, 8)
    assert [case.case_number for case in june.cases] == [69, 70, 71]
    assert june.cases[0].decision.endswith("Per Skovmose")
    assert "Campus 10" in june.cases[1].decision
    assert june.cases[2].title.startswith("Anlæg - Omprioritering af rådighedsbeløb i 2021")
    assert june.cases[2].decision is None
    early = bundled("Thisted", "thisted_boerne-og-familieudvalget_2020-02-04_referat.txt")
    assert early.meeting_date == date(2020, 2, 4)
    assert [case.case_number for case in early.cases] == [23, 24, 25, 26]
    assert early.cases[2].title == "Nøgletal fra Kommunaløkonomisk Forum (KØF) 2020"
    assert early.cases[2].decision == "Drøftet."
    assert early.cases[3].title == "Etablering af Advisory Board på Kronborg"


def test_jammerbugt_council_budget_follow_up_without_its_decision():
    june = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2019-06-20_referat.txt")
    assert (june.committee, june.meeting_date, june.kind) == (
        "Kommunalbestyrelsen",
        date(2019, 6, 20),
        "referat",
    )
    (follow_up,) = june.cases
    assert (follow_up.case_number, follow_up.title) == (
        114,
        "Budgetopfølgning 1 pr. 30. april 2019",
    )
    assert "politikområde 16" in follow_up.section("Sagsfremstilling")
    # The stored beginning stops in the Sagsfremstilling: no decision.
    assert follow_up.decision is None
