"""Web pages kept as text, read from the real pages bundled in corpus/: what Thisted's,
Mariagerfjord's, Brønderslev's, Syddjurs', Glostrup's and Slagelse's pages of the eighteenth round
give. Each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_thisted_technical_committee_pages():
    food = bundled("Thisted", "thisted_klima-miljoe-og-teknikudvalget_2020-04-14_referat.txt")
    assert (food.committee, food.meeting_date) == (
        "Klima-, Miljø- og Teknikudvalget",
        date(2020, 4, 14),
    )
    assert [case.case_number for case in food.cases] == [69, 70]
    assert "Jørgen Andersen" in food.cases[0].decision
    assert "Sagen udsættes." in food.cases[1].section("Indstilling")
    boats = bundled("Thisted", "thisted_klima-miljoe-og-teknikudvalget_2020-08-10_referat.txt")
    assert [case.case_number for case in boats.cases] == [156, 157, 158, 159]
    assert boats.cases[0].decision == "Godkendt, idet punkt 159 udsættes."
    assert "Codexlaw" in boats.cases[1].section("Redegørelse")
    coast = bundled(
        "Thisted", "thisted_erhverv-klima-miljoe-og-teknikudvalget_2022-11-14_referat.txt"
    )
    assert (coast.committee, coast.meeting_date) == (
        "Erhverv-, Klima-, Miljø- og Teknikudvalget",
        date(2022, 11, 14),
    )
    assert coast.cases[1].title == "Møde med Kystdirektoratet"
    assert "Holger Toxvig" in coast.cases[1].section("Redegørelse")


def test_mariagerfjord_sbsys_pages():
    council = bundled("Mariagerfjord", "mariagerfjord_byraadet_2019-06-27_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2019, 6, 27))
    assert [case.case_number for case in council.cases] == [117, 118, 119]
    assert "5,058 mio. kr." in council.cases[1].section("Økonomi")
    assert "50,580 mio. kr." in council.cases[1].section("Indstilling")
    roads = bundled(
        "Mariagerfjord", "mariagerfjord_udvalget-for-teknik-og-miljoe_2019-05-06_referat.txt"
    )
    assert "-3,797 mio. kr." in roads.cases[1].section("Indstilling")
    assert roads.cases[2].title.startswith("Forslag til Kommuneplantillæg nr. 50")
    leisure = bundled(
        "Mariagerfjord", "mariagerfjord_udvalget-for-kultur-og-fritid_2020-08-04_referat.txt"
    )
    assert leisure.committee == "Udvalget for Kultur og Fritid"
    assert "Peder Larsen (F)" in leisure.cases[0].decision


def test_bronderslev_finance_committee_and_council():
    accounts = bundled("Brønderslev", "bronderslev_oekonomiudvalget_2020-03-31_referat.txt")
    assert (accounts.committee, accounts.meeting_date) == ("Økonomiudvalget", date(2020, 3, 31))
    assert "84,7 mio. kr." in accounts.cases[2].section("Sagsfremstilling")
    audit = bundled("Brønderslev", "bronderslev_oekonomiudvalget_2021-06-16_referat.txt")
    assert audit.cases[0].decision == "Afbud fra Lene Hansen og Steen Søgaard Petersen."
    assert audit.cases[2].title == "Regnskab 2020 - Revisionsberetning"
    budget = bundled("Brønderslev", "bronderslev_byraadet_2021-10-06_referat.txt")
    assert [case.case_number for case in budget.cases] == [1, 2, 3, 4, 5]
    assert "Borgerlisten" in budget.cases[4].section("Sagsfremstilling")


def test_syddjurs_glostrup_and_slagelse():
    audit = bundled("Syddjurs", "syddjurs_byraadet_2020-06-24_referat.txt")
    assert (audit.committee, audit.meeting_date) == ("Byrådet", date(2020, 6, 24))
    assert [case.case_number for case in audit.cases] == [571, 572]
    assert "BDO" in audit.cases[1].section("Resumé")
    tram = bundled("Glostrup", "glostrup_kommunalbestyrelsen_2019-02-13_referat.txt")
    assert (tram.committee, tram.meeting_date) == ("Kommunalbestyrelsen", date(2019, 2, 13))
    assert "punkt 20 tages af dagsordenen" in tram.cases[0].decision
    assert "97 ekspropriationer" in tram.cases[2].section("Sagsfremstilling")
    rural = bundled(
        "Slagelse", "slagelse_landdistrikts-teknik-og-ejendomsudvalget_2018-03-05_referat.txt"
    )
    assert rural.meeting_date == date(2018, 3, 5)
    assert rural.committee.startswith("Landdistrikts-, Teknik- og Ejendomsudvalget")
    assert '"Solens Plads" i Korsør' in rural.cases[1].decision
