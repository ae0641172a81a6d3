"""Web pages kept as text, read from the real pages bundled in corpus/: what Aabenraa's, Viborg's,
Thisted's, Kolding's, Fredericia's and Syddjurs' pages of the forty-seventh round give. Each is read
by the rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_aabenraa_school_committee_items_shown_by_their_case_ids():
    accounts = bundled("Aabenraa", "aabenraa_boerne-og-uddannelsesudvalget_2015-03-10_referat.txt")
    assert (accounts.committee, accounts.meeting_date, accounts.kind) == (
        "Børne- og Uddannelsesudvalg",
        date(2015, 3, 10),
        "referat",
    )
    assert [case.section("Sagsnummer") for case in accounts.cases] == ["15/116", "15/5905"]
    # The first item holds only dashes: no title, no text, no decision.
    assert accounts.cases[0].title == ""
    assert accounts.cases[0].decision is None
    transfers = accounts.cases[1]
    assert transfers.title.startswith("Sektorbeskrivelse for drift og anlæg")
    assert "1.001,8 mio. kr." in transfers.section("Sagsfremstilling")
    assert "76,7 mio. kr." in transfers.section("Sagsfremstilling")
    march = bundled("Aabenraa", "aabenraa_boerne-og-uddannelsesudvalget_2023-03-06_referat.txt")
    assert march.meeting_date == date(2023, 3, 6)
    assert [case.case_number for case in march.cases] == [1, 2, 3]
    assert march.cases[0].decision == "Godkendt.\nAfbud: Carina Underbjerg Kloster (V)"
    assert "Status på Cyperhus." in march.cases[1].decision
    assert "februar 2024" in march.cases[2].section("Sagsfremstilling")
    late = bundled("Aabenraa", "aabenraa_boerne-og-uddannelsesudvalget_2023-03-27_referat.txt")
    assert late.meeting_date == date(2023, 3, 27)
    assert [case.section("Sagsnummer") for case in late.cases] == [
        "22/32061",
        "22/32061",
        "18/23514",
    ]
    assert "Dialogmøde med BUPL den 27. marts 2023" in late.cases[1].decision
    assert "afsluttet til februar 2026" in late.cases[2].section("Sagsfremstilling")


def test_viborg_technical_committee_one_item_each():
    postponed = bundled("Viborg", "viborg_teknisk-udvalg_2018-09-19_referat.txt")
    assert (postponed.committee, postponed.meeting_date, postponed.kind) == (
        "Teknisk Udvalg",
        date(2018, 9, 19),
        "referat",
    )
    (plan,) = postponed.cases
    assert (
        plan.title
        == "Forslag til lokalplan nr. 494 for boligområde vest for Møgeltoft, Viborg Vest"
    )
    assert plan.decision.startswith("Sagen blev udsat")
    assert "Viborg Kommune ejer ca. 8 ha af området" in plan.section("Resume")
    assert "borgermøde den 9. oktober 2018" in plan.section("Indstilling")
    logstrup = bundled("Viborg", "viborg_teknisk-udvalg_2019-02-27_referat.txt")
    assert logstrup.meeting_date == date(2019, 2, 27)
    (houses,) = logstrup.cases
    assert houses.title.endswith("ved Borgergade i Løgstrup")
    assert houses.decision == "Indstillingen blev godkendt."
    assert "ca. 770 m2 jord" in houses.section("Sagsfremstilling")
    moldrup = bundled("Viborg", "viborg_teknisk-udvalg_2021-02-24_referat.txt")
    assert (moldrup.committee, moldrup.meeting_date) == ("Teknisk Udvalg", date(2021, 2, 24))
    (plots,) = moldrup.cases
    # viborg.dk: the item shown only by its case id, titled by its first sentence.
    assert plots.section("Sagsnummer") == "20/6003"
    assert plots.title.startswith("Af Viborg Kommunes byggemodningsprogram fremgår")
    assert "lokalplan nr. 544" in plots.section("Indstilling")
    assert plots.decision == "Indstillingen blev godkendt."


def test_thisted_social_committees():
    seniors = bundled("Thisted", "thisted_social-og-seniorudvalget_2022-05-17_referat.txt")
    assert (seniors.committee, seniors.meeting_date, seniors.kind) == (
        "Social- og Seniorudvalget",
        date(2022, 5, 17),
        "referat",
    )
    assert [case.case_number for case in seniors.cases] == [85, 86, 87]
    bjergbo = seniors.cases[2]
    assert bjergbo.title == "Orientering om status på Bjergbo"
    assert "fra 8,2 % i 2020 til 5,4 % i 2021" in bjergbo.section("Redegørelse")
    assert bjergbo.decision is None
    autumn = bundled("Thisted", "thisted_social-og-sundhedsudvalget_2019-09-03_referat.txt")
    assert (autumn.committee, autumn.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2019, 9, 3),
    )
    assert [case.case_number for case in autumn.cases] == [166, 167, 168]
    assert "tandklinikassistent" in autumn.cases[1].decision
    assert "Tirsdag den 17. marts" in autumn.cases[2].section("Redegørelse")
    winter = bundled("Thisted", "thisted_social-og-sundhedsudvalget_2020-02-04_referat.txt")
    assert winter.meeting_date == date(2020, 2, 4)
    assert [case.case_number for case in winter.cases] == [13, 14, 15]
    assert winter.cases[1].decision == "Drøftet.\nJens Otto Madsen deltog ikke i sagens behandling."
    assert winter.cases[2].title == "Analyse af Hjemmeplejen og Visitationen"
    assert "3. december 2019" in winter.cases[2].section("Redegørelse")


def test_kolding_fredericia_and_syddjurs_committees_not_bundled_before():
    kolding = bundled("Kolding", "kolding_boerne-og-uddannelsesudvalget_2014-06-02_referat.txt")
    assert (kolding.committee, kolding.meeting_date) == (
        "Børne- og Uddannelsesudvalget",
        date(2014, 6, 2),
    )
    assert [case.section("Sagsnummer") for case in kolding.cases] == ["14/2578", "14/2578"]
    status, changes = kolding.cases
    assert "103,6 mio. kr. i 2018" in status.section("Sagsfremstilling")
    assert status.decision == "Godkendt."
    assert "Specialcenter Vonsild" in changes.section("Resumé")
    assert changes.decision is None
    fredericia = bundled("Fredericia", "fredericia_by-og-planudvalget_2020-05-27_referat.txt")
    assert (fredericia.committee, fredericia.meeting_date) == (
        "By- og Planudvalget",
        date(2020, 5, 27),
    )
    assert [case.case_number for case in fredericia.cases] == [32, 33]
    assert fredericia.cases[0].decision == "Godkendt."
    assert "106,541" in fredericia.cases[1].section("Økonomiske konsekvenser")
    syddjurs = bundled(
        "Syddjurs", "syddjurs_udvalget-for-natur-teknik-og-miljoe_2018-03-06_referat.txt"
    )
    assert (syddjurs.committee, syddjurs.meeting_date) == (
        "Udvalget for natur, teknik og miljø (NTM)",
        date(2018, 3, 6),
    )
    assert [case.case_number for case in syddjurs.cases] == [33, 34]
    dialogue = syddjurs.cases[0]
    assert dialogue.title == "Dialogmøde 2018 - Natur- og Vejservice"
    assert "energioptimering og bedre ressourceudnyttelse" in dialogue.decision
