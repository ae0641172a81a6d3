"""Web pages kept as text, read from the real pages bundled in corpus/: what Vejen's, Brønderslev's,
Bornholm's, Roskilde's, Køge's, Copenhagen's and Frederikssund's pages of the fourteenth round
give, each read by the rules that were already there."""

from datetime import date

from tests.conftest import bundled


def test_vejen_council_calls_in_a_substitute_for_a_member_on_sick_leave():
    meeting = bundled("Vejen", "vejen_byraadet_2020-09-15_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == ("Byrådet", date(2020, 9, 15))
    (substitute,) = meeting.cases
    assert substitute.title == "Indkaldelse af stedfortræder (C)"
    assert "Bodil Baagø (F)" in substitute.section("Administrativ indstilling")
    assert substitute.decision.startswith("Indstillingen godkendt.")


def test_every_committee_recommends_the_budget_follow_up_before_the_council_approves_it():
    meeting = bundled("Vejen", "vejen_byraadet_2020-11-10_referat.txt")
    (follow_up,) = meeting.cases
    assert follow_up.section("Beslutning Økonomiudvalget den 03-11-2020") == "Indstilles godkendt."
    assert "Afbud: Peter Fallesen (A)." in follow_up.section(
        "Beslutning Udvalget for social og ældre den 28-10-2020"
    )
    assert "netto 22,8 mio. kr. i merudgifter" in follow_up.section("Sagsfremstilling")
    assert follow_up.decision.startswith("Godkendt.")


def test_vejen_council_in_june_2020_has_two_items():
    meeting = bundled("Vejen", "vejen_byraadet_2020-06-30_referat.txt")
    audit, homes = meeting.cases
    assert (audit.case_number, homes.case_number) == (1, 2)
    assert audit.section("Tidligere behandling") == "25.06.2020 Økonomiudvalget."
    assert homes.title.startswith("Alfabo, 39 familieboliger i Søndergade, Brørup, Skema A")
    assert "242.000 kr. i budget 2021" in homes.section("Administrativ indstilling")


def test_vejen_finance_committee_and_the_culture_committee_in_2018():
    april = bundled("Vejen", "vejen_oekonomiudvalget_2018-04-03_referat.txt")
    assert [case.case_number for case in april.cases] == [1, 2]
    assert april.cases[0].decision == (
        "Der blev givet en orientering om kommunens planlægningsopgaver."
    )
    may = bundled("Vejen", "vejen_oekonomiudvalget_2018-05-01_referat.txt")
    (budget,) = may.cases
    # "Sagsfremstilling" directly over "Baggrund": the text sits under "Baggrund".
    assert "budgetstrategien for 2019-2022" in budget.section("Baggrund")
    culture = bundled("Vejen", "vejen_udvalget-for-sundhed-kultur-og-fritid_2018-08-21_referat.txt")
    assert culture.committee == "Udvalget for sundhed, kultur og fritid"
    museum, halls = culture.cases
    assert museum.section("Økonomiske konsekvenser") == (
        "Der frigives 7.300.000 kr. fra rådighedsbeløbet"
    )
    assert halls.title == "Orientering om regnskaber for haller og centre 2017 (B)"


def test_bronderslev_care_committee_items_three():
    kitchen = bundled("Brønderslev", "bronderslev_aeldreomsorgsudvalget_2020-04-15_referat.txt")
    assert (kitchen.committee, kitchen.meeting_date) == ("Ældreomsorgsudvalget", date(2020, 4, 15))
    assert [case.case_number for case in kitchen.cases] == [1, 2, 3]
    assert "667.000kr. ekskl. moms" in kitchen.cases[2].section("Sagsfremstilling")
    savings = bundled("Brønderslev", "bronderslev_aeldreomsorgsudvalget_2015-08-20_referat.txt")
    assert savings.meeting_date == date(2015, 8, 20)
    assert "30 mio. kr. for serviceudgifterne" in savings.cases[2].section("Sagsfremstilling")


def test_bornholm_school_committee_on_a_local_agreement_with_the_teachers():
    meeting = bundled("Bornholm", "brk_boerne-og-skoleudvalget_2018-01-30_referat.txt")
    assert (meeting.committee, meeting.meeting_date) == (
        "Børne- og Skoleudvalget",
        date(2018, 1, 30),
    )
    absent, agreement = meeting.cases
    assert "Afbud fra Bente Helms" in absent.section("Fraværende")
    assert agreement.title == "Indgåelse af lokalaftale med Bornholms Lærerforening - efter høring"
    assert "medlemsforslag fra Bente Johansen" in agreement.section("Resumé")


def test_roskilde_koege_copenhagen_and_frederikssund_number_their_items_through_the_year():
    roskilde = bundled("Roskilde", "roskilde_kultur-og-idraetsudvalget_2017-09-06_referat.txt")
    assert [case.case_number for case in roskilde.cases] == [115, 116, 117]
    assert "pkt. 81" in roskilde.cases[2].section("Resume")
    koege = bundled("Køge", "koege_boerneudvalget_2019-11-06_referat.txt")
    assert (koege.committee, koege.meeting_date) == ("Børneudvalget", date(2019, 11, 6))
    assert [case.case_number for case in koege.cases] == [138, 139]
    assert "10,9 mio. kr." in koege.cases[1].section("Baggrund og vurdering")
    copenhagen = bundled("København", "kk_borgerrepraesentationen_2007-05-31_punkt-26.txt")
    (plan,) = copenhagen.cases
    assert (plan.case_number, plan.title) == (26, 'Lokalplan "Hf Engvang"')
    assert "Indstillingen blev godkendt uden afstemning." in plan.section("Resumé")
    frederikssund = bundled(
        "Frederikssund", "frederikssund_opvaekstudvalget_2021-08-09_referat.txt"
    )
    assert (frederikssund.committee, frederikssund.meeting_date) == (
        "Opvækstudvalget 2018-2021",
        date(2021, 8, 9),
    )
    assert [case.case_number for case in frederikssund.cases] == [47, 48]
