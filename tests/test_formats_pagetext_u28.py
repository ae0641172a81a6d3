"""Web pages kept as text, read from the real pages bundled in corpus/: what Middelfart's,
Slagelse's, Faxe's, Hvidovre's, Frederiksberg's, Holbæk's and Køge's pages of the twenty-eighth
round give. Each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_middelfart_one_open_item_each_the_closed_list_left_out():
    pylons = bundled("Middelfart", "middelfart_oekonomiudvalget_2019-04-30_referat.txt")
    assert (pylons.committee, pylons.meeting_date) == ("Økonomiudvalget", date(2019, 4, 30))
    # "209. Omdannelse til sommerhusområde" and the other closed items listed above the open
    # ones are not read as cases.
    (led,) = pylons.cases
    assert (led.case_number, led.title) == (
        191,
        "Procedurer og retningslinjer til brug for annoncering på LED pyloner",
    )
    assert led.section("Sagsnummer") == "Sagsnr.: 2019-003610"
    assert "to digitale infoskærme" in led.section("Sagsbeskrivelse")
    assert led.decision is None  # the stored beginning stops before it
    kl = bundled("Middelfart", "middelfart_oekonomiudvalget_2019-03-26_referat.txt")
    assert kl.meeting_date == date(2019, 3, 26)
    assert [case.case_number for case in kl.cases] == [176]
    assert "senest primo maj" in kl.cases[0].section("Sagsbeskrivelse")
    election = bundled("Middelfart", "middelfart_byraadet_2014-04-07_referat.txt")
    assert (election.committee, election.meeting_date) == ("Byrådet", date(2014, 4, 7))
    (officials,) = election.cases
    assert officials.case_number == 24
    assert "Vestre Skole" in officials.section("Præsentation")


def test_slagelse_trung_pages_decisions_under_their_own_heading():
    council = bundled("Slagelse", "slagelse_byraadet_2018-06-25_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2018, 6, 25))
    assert [case.title for case in council.cases] == [
        "Godkendelse af dagsorden (B)",
        "Politisk mødekalender 2019-2021 (B)",
    ]
    assert "Mick Keller var indkaldt som suppleant" in council.cases[0].decision
    assert "Uge 3:" in council.cases[1].section("Baggrund")
    finance = bundled("Slagelse", "slagelse_oekonomiudvalget_2018-08-20_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2018, 8, 20))
    assert [case.case_number for case in finance.cases] == [1, 2, 3]
    assert finance.cases[0].decision.endswith("at sag nr. 29 udgår.")
    earlier = bundled("Slagelse", "slagelse_oekonomiudvalget_2017-08-21_referat.txt")
    assert earlier.meeting_date == date(2017, 8, 21)
    assert [case.case_number for case in earlier.cases] == [1, 2, 3, 4]
    assert "Peter Lotinga" in earlier.cases[1].decision


def test_zealand_pages_one_each():
    plans = bundled("Faxe", "faxe_plan-kulturudvalget_2022-02-01_referat.txt")
    assert (plans.committee, plans.meeting_date) == ("Plan & Kulturudvalget", date(2022, 2, 1))
    assert [case.case_number for case in plans.cases] == [13, 14]
    assert "ca. 200 boliger" in plans.cases[1].section("Sagsfremstilling")
    council = bundled("Hvidovre", "hvidovre_kommunalbestyrelsen_2019-03-26_referat.txt")
    assert (council.committee, council.meeting_date) == ("Kommunalbestyrelsen", date(2019, 3, 26))
    assert council.cases[0].decision.startswith("Viceborgmesteren oplyste, at punkt 14 udgår.")
    assert "Bernhard Larsen (Høreforeningen)" in council.cases[2].decision
    proposal = bundled(
        "Frederiksberg", "frederiksberg_kommunalbestyrelsen-2018-21_2020-11-16_referat.txt"
    )
    # The committee as the page names it, "Kommunalbestyrelsen_2018-21".
    assert (proposal.committee, proposal.meeting_date) == (
        "Kommunalbestyrelsen_2018-21",
        date(2020, 11, 16),
    )
    (children,) = proposal.cases
    assert children.case_number == 294
    assert "UNICEF Danmark" in children.section("Sagsfremstilling")
    holbaek = bundled("Holbæk", "holbaek_kommunalbestyrelsen_2018-08-15_referat.txt")
    assert (holbaek.committee, holbaek.meeting_date) == ("Kommunalbestyrelsen", date(2018, 8, 15))
    # The list of items 141-156 above them is not read as cases of its own.
    assert [case.case_number for case in holbaek.cases] == [141, 142]
    assert holbaek.cases[1].title == "Godkendelse af revideret Værdighedspolitik"
    assert "Ulrich Schmidt-Hansen" in holbaek.cases[1].section("Indstilling")
    koege = bundled("Køge", "koege_koege-byraad_2020-06-16_referat.txt")
    assert (koege.committee, koege.meeting_date) == ("Køge Byråd", date(2020, 6, 16))
    assert [case.case_number for case in koege.cases] == [98, 99]
    assert "Poul Erik Jensen er rette stedfortræder" in koege.cases[0].decision
    assert koege.cases[0].section("Fraværende") == "Helle Poulsen (V)"
