"""Web pages kept as text, read from the real pages bundled in corpus/: what Hvidovre's,
Frederiksberg's, Gribskov's, Fredensborg's, Solrød's, Roskilde's, Holbæk's and Stevns' pages of the
thirty-sixth round give. No rule came with them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_hvidovre_council_2014_absences_and_news():
    council = bundled("Hvidovre", "hvidovre_kommunalbestyrelsen_2014-10-28_referat.txt")
    assert (council.committee, council.meeting_date, council.kind) == (
        "Kommunalbestyrelsen",
        date(2014, 10, 28),
        "referat",
    )
    assert [case.case_number for case in council.cases] == [1, 2, 3]
    agenda, news, ombudsman = council.cases
    assert agenda.decision.startswith("Afbud fra Benthe Viola Holm stedfortræder Anders Liltorp")
    assert "Lokalplan 460 for Avedøre Landsby udgår" in agenda.decision
    assert "Sønderkærskolen" in news.decision
    assert ombudsman.title == "Vedtægt for Hvidovre Kommunes borgerrådgiver"
    assert ombudsman.decision is None


def test_frederiksberg_council_2021_two_proposals_sent_on():
    council = bundled(
        "Frederiksberg", "frederiksberg_kommunalbestyrelsen-2018-21_2021-05-17_referat.txt"
    )
    assert (council.committee, council.meeting_date) == (
        "Kommunalbestyrelsen_2018-21",
        date(2021, 5, 17),
    )
    assert [case.case_number for case in council.cases] == [152, 153]
    nemlig, guarantee = council.cases
    assert nemlig.title.endswith("om stop for samarbejdet med nemlig.com")
    assert nemlig.section("Sagsfremstilling").startswith(
        "Beslutningsforslaget blev oversendt til magistraten"
    )
    assert "lånegaranti på op til 10 mio.kr." in guarantee.section("Sagsfremstilling")
    assert guarantee.decision is None


def test_gribskov_council_november_2018():
    council = bundled("Gribskov", "gribskov_byraad_2018-11-12_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byråd", date(2018, 11, 12))
    assert [case.case_number for case in council.cases] == [206, 207]
    agenda, security = council.cases
    assert agenda.section("Lovgrundlag") == "LBK nr 1031 af 06.07.2018 § 8"
    assert "Birgit Roswall erklæret inhabil" in agenda.decision
    assert security.title == "Ændring af krav om sikkerhedsstillelse"
    assert "opgaver på over 1 mio. kr." in security.section("Resume")


def test_fredensborg_council_and_finance_committee():
    council = bundled("Fredensborg", "fredensborg_byraadet_2016-11-21_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2016, 11, 21))
    assert [case.case_number for case in council.cases] == [159, 160]
    assert "Dorte Beyer (A) var indkaldt som stedfortræder" in council.cases[0].decision
    assert council.cases[1].title == "Langstrup Mose"
    finance = bundled("Fredensborg", "fredensborg_oekonomiudvalget-18-21_2018-04-23_referat.txt")
    assert (finance.committee, finance.meeting_date) == (
        "Økonomiudvalget (18-21)",
        date(2018, 4, 23),
    )
    assert [case.case_number for case in finance.cases] == [97, 98, 99]
    staff = finance.cases[1]
    assert staff.title == "Deltagelse af medarbejderrepræsentanter fra kommunens hovedudvalg"
    assert staff.decision.startswith("Økonomiudvalget drøftede kommunens økonomi")
    assert finance.cases[2].title == "Indstilling til detailhandelsdirektivet"


def test_solrod_finance_technical_and_environment_committee():
    coast = bundled("Solrød", "solrod_oekonomi-teknik-og-miljoeudvalget_2016-03-14_referat.txt")
    assert (coast.committee, coast.meeting_date) == (
        "Økonomi-, teknik- og miljøudvalget",
        date(2016, 3, 14),
    )
    (plan,) = coast.cases
    assert (plan.case_number, plan.title) == (29, "Lokalplan for Kystområdet, Solrød Strand")
    assert plan.decision == "Anbefales."
    assert "42 skriftlige høringssvar" in plan.section("Høring")
    dialogue = bundled("Solrød", "solrod_oekonomi-teknik-og-miljoeudvalget_2021-05-17_referat.txt")
    assert [case.case_number for case in dialogue.cases] == [74, 75]
    assert [case.decision for case in dialogue.cases] == ["Tiltrådt.", "Tiltrådt."]
    laundry = bundled("Solrød", "solrod_oekonomi-teknik-og-miljoeudvalget_2021-12-13_referat.txt")
    assert [case.case_number for case in laundry.cases] == [191, 192]
    assert laundry.cases[1].decision.startswith("Administrationens indstilling anbefales.")
    assert "Claus Redder Madsen (F) kan ikke anbefale" in laundry.cases[1].decision


def test_roskilde_council_elects_a_mayor_and_growth_committee():
    council = bundled("Roskilde", "roskilde_byraadet_2019-08-07_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2019, 8, 7))
    assert [case.case_number for case in council.cases] == [175, 176, 177]
    assert council.cases[1].decision.startswith("Tomas Breddam blev valgt som borgmester.")
    assert council.cases[2].decision is None
    growth = bundled(
        "Roskilde", "roskilde_udvalget-for-vaekst-erhverv-og-globalisering_2016-01-29_referat.txt"
    )
    assert (growth.committee, growth.meeting_date) == (
        "Udvalget for Vækst, Erhverv og Globalisering",
        date(2016, 1, 29),
    )
    assert [case.case_number for case in growth.cases] == [1, 2, 3]
    assert "230 tilmeldte" in growth.cases[2].decision


def test_holbaek_climate_committee_2013_and_stevns_finance_committee_2018():
    climate = bundled("Holbæk", "holbaek_udvalget-for-klima-og-miljoe_2013-08-27_referat.txt")
    assert (climate.committee, climate.meeting_date) == (
        "Udvalget for Klima og Miljø",
        date(2013, 8, 27),
    )
    assert [case.case_number for case in climate.cases] == [81, 82]
    assert climate.cases[0].decision == "Godkendt"
    assert climate.cases[1].title == "Halvårsregnskab, juni 2013 - Udvalget for Klima og Miljø"
    finance = bundled("Stevns", "stevns_oekonomiudvalget_2018-10-22_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2018, 10, 22))
    assert [case.case_number for case in finance.cases] == [159, 160, 161, 162]
    assert finance.cases[1].title == "Temadrøftelse af Statsvej til motorvejen"
    assert finance.cases[1].decision.endswith(
        "Sagens elementer drøftet, herunder hvordan der arbejdes videre med sagen."
    )
