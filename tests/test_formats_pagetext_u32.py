"""Web pages kept as text, read from the real pages bundled in corpus/: what Roskilde's, Bornholm's
and Middelfart's pages of the thirty-second round give. No rule came with them: each is read by the
rules already there."""

from datetime import date

from tests.conftest import bundled


def test_roskilde_finance_committee_items_under_their_pkt_numbers():
    liquidity = bundled("Roskilde", "roskilde_oekonomiudvalget_2018-01-26_referat.txt")
    assert (liquidity.committee, liquidity.meeting_date, liquidity.kind) == (
        "Økonomiudvalget",
        date(2018, 1, 26),
        "referat",
    )
    assert [(case.case_number, case.title) for case in liquidity.cases] == [
        (23, "Beslutninger om dagsordenen"),
        (24, "Orientering om likviditet pr. 31. december 2017"),
    ]
    agenda, cash = liquidity.cases
    # Under the line "Økonomiudvalget, 26-01-2018, pkt. 23", the decision.
    assert agenda.decision == (
        "Godkendt.\nJette Henning var indkaldt som stedfortræder for Henning Sørensen.\n"
        "Fraværende: Henning Sørensen."
    )
    assert "ved udgangen af 2017 på 435 mio. kr." in cash.section("Resume")
    assert "Kassekreditregel (mio. kr.) 486" in cash.section("Sagsfremstilling")
    assert cash.decision is None  # the stored beginning stops before it

    ombudsman = bundled("Roskilde", "roskilde_oekonomiudvalget_2018-05-23_referat.txt")
    assert (ombudsman.committee, ombudsman.meeting_date) == ("Økonomiudvalget", date(2018, 5, 23))
    assert [case.case_number for case in ombudsman.cases] == [202, 203]
    assert ombudsman.cases[0].decision == "Godkendt."
    report = ombudsman.cases[1]
    assert report.title == "Orientering om borgerrådgiverens beretning 2017"
    assert report.section("Økonomi") == "Sagen har ingen budgetmæssige konsekvenser"
    assert report.decision.startswith("Taget til efterretning.")
    assert "§ 7 i vedtægt for Roskilde Kommunes borgerrådgiver" in report.section(
        "Sagsfremstilling"
    )

    budget = bundled("Roskilde", "roskilde_oekonomiudvalget_2019-09-04_referat.txt")
    assert (budget.committee, budget.meeting_date) == ("Økonomiudvalget", date(2019, 9, 4))
    assert [case.case_number for case in budget.cases] == [295, 296]
    assert budget.cases[0].decision == "Pkt. 308 tages af dagsordenen efter anmodning fra Ø."
    assert budget.cases[1].title == "1. behandling af budget 2020-2023"
    assert "den 30. oktober 2019" in budget.cases[1].section("Resume")
    assert budget.cases[1].decision is None


def test_bornholm_senior_council_decisions_headed_by_the_council_and_date():
    november = bundled("Bornholm", "brk_bornholms-aeldreraad_2020-11-17_referat.txt")
    assert (november.committee, november.meeting_date) == (
        "Bornholms Ældreråd",
        date(2020, 11, 17),
    )
    assert [case.case_number for case in november.cases] == [1, 2, 3]
    assert november.cases[1].title == "Orientering fra følgegruppen vedr. teknik, kultur mm"
    # "Bornholms Ældreråd, den 17. november 2020:" heads the decision.
    assert november.cases[1].decision.startswith(
        "Der blev holdt møde i følgegruppen d. 11. november 2020"
    )
    assert "fjernvarmepriserne" in november.cases[1].decision
    assert november.cases[2].decision is None  # cut three words in

    march = bundled("Bornholm", "brk_bornholms-aeldreraad_2021-03-23_referat.txt")
    assert (march.committee, march.meeting_date) == ("Bornholms Ældreråd", date(2021, 3, 23))
    assert [case.case_number for case in march.cases] == [1, 2]
    assert march.cases[0].section("Fraværende").startswith("Afbud fra Jens Oskar Pedersen")
    assert "klippekort i busserne" in march.cases[1].decision


def test_middelfart_finance_committee_one_open_item_before_its_decision():
    holiday = bundled("Middelfart", "middelfart_oekonomiudvalget_2017-06-19_referat.txt")
    assert (holiday.committee, holiday.meeting_date) == ("Økonomiudvalget", date(2017, 6, 19))
    (reservations,) = holiday.cases
    assert reservations.case_number == 61
    assert reservations.title == "Gennemgang af arealreservationer til ferie- og fritidsformål"
    assert reservations.section("Sagsnummer") == "Sagsnr.: 2017-012266"
    assert "nye sommerhusområder" in reservations.section("Præsentation")
    assert "R.02.40, R.04.30, R.05.50, R.06.31 og R.06.32" in reservations.section(
        "Sagsbeskrivelse"
    )
    assert reservations.decision is None  # the stored beginning stops before it
