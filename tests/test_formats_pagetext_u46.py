"""Web pages kept as text, read from the real pages bundled in corpus/: what Hvidovre's, Køge's,
Ishøj's, Dragør's, Faxe's and Roskilde's pages of the forty-sixth round give. Each is read by the
rules already there; no rule came with them."""

from datetime import date

from tests.conftest import bundled


def test_hvidovre_finance_committee_audit_of_the_2014_accounts():
    august = bundled("Hvidovre", "hvidovre_oekonomiudvalget_2015-08-10_referat.txt")
    assert (august.committee, august.meeting_date, august.kind) == (
        "Økonomiudvalget",
        date(2015, 8, 10),
        "referat",
    )
    assert [case.case_number for case in august.cases] == [1, 2, 3]
    agenda, news, audit = august.cases
    assert agenda.decision == "Godkendt."
    assert news.decision == (
        "Der indkaldes til ekstraordinært kommunalbestyrelsesmøde fredag den 14. august 2015 kl. 15.00."
    )
    assert audit.title == "Regnskabsrevision til regnskab 2014"
    assert "årsregnskab for 2014 godkendes" in audit.section("Indstilling")
    assert "beretning nr. 12" in audit.section("Sagsfremstilling")
    assert audit.decision is None


def test_hvidovre_technical_committee_news_of_the_chair():
    august = bundled("Hvidovre", "hvidovre_teknik-og-miljoeudvalget_2017-08-15_referat.txt")
    assert (august.committee, august.meeting_date) == (
        "Teknik- og Miljøudvalget",
        date(2017, 8, 15),
    )
    agenda, news = august.cases
    assert agenda.decision == "Godkendt med ændring om at punkt 3 flyttes til punkt 1."
    assert news.title == "Meddelelse fra formanden"
    assert "Forholdet er ulovligt, sagen er derfor overdraget til Vej og Park." in news.decision


def test_koege_finance_committee_hands_the_2018_accounts_to_the_auditors():
    april = bundled("Køge", "koege_oekonomiudvalget_2019-04-23_referat.txt")
    assert (april.committee, april.meeting_date) == ("Økonomiudvalget", date(2019, 4, 23))
    assert [case.case_number for case in april.cases] == [126, 127]
    agenda, accounts = april.cases
    assert agenda.decision == "Godkendt."
    assert "Jeppe H. Lindberg (I)" in agenda.section("Fraværende")
    assert accounts.title == "Overgivelse af regnskab 2018 til revisionen"
    assert "at regnskab 2018 overgives til revisionen" in accounts.section("Indstilling")
    assert "Styrelsesloven § 45" in accounts.section("Baggrund og vurdering")


def test_ishoej_council_and_social_committee():
    council = bundled("Ishøj", "ishoej_ishoej-byraad_2021-08-10_referat.txt")
    assert (council.committee, council.meeting_date) == ("Ishøj Byråd", date(2021, 8, 10))
    # Items shown by neither number nor title: numbered in order, titled by their first sentence.
    questions, election = council.cases
    assert questions.decision == "Kjeld Hansen spurgte til færdiggørelse af arbejder ved Ishøj Sø."
    assert election.case_number == 2
    assert "Pia Skourup (V)" in election.section("Sagsfremstilling")
    assert election.decision is None
    social = bundled("Ishøj", "ishoej_social-og-sundhedsudvalget_2017-04-10_referat.txt")
    assert (social.committee, social.meeting_date) == (
        "Social- og Sundhedsudvalget",
        date(2017, 4, 10),
    )
    report, news = social.cases
    assert report.decision == "Tiltrådt."
    assert "Værdighedsmilliarden" in report.section("Sagsfremstilling")
    assert "faldet fra 31 i 2012 til 1 i 2016" in news.section("Sagsfremstilling")


def test_dragoer_finance_committee_and_planning_committee():
    september = bundled("Dragør", "dragoer_oekonomiudvalget_2021-09-09_referat.txt")
    assert (september.committee, september.meeting_date) == ("Økonomiudvalget", date(2021, 9, 9))
    (coast,) = september.cases
    assert coast.title == "Orientering om mulig regionalt kystbeskyttelse"
    assert coast.decision == "Til efterretning.\nKenneth Gøtterup (C) var ikke til stede."
    january = bundled("Dragør", "dragoer_by-erhvervs-og-planudvalget_2018-01-30_referat.txt")
    assert (january.committee, january.meeting_date) == (
        "By-, Erhvervs- og Planudvalget",
        date(2018, 1, 30),
    )
    chair, traffic = january.cases
    assert "At Allan Holst (A) vælges til formand for BEPU." in chair.decision
    assert "Dermed er det Morten Dreyer (O), der leder valget." in chair.section("Sagsfremstilling")
    assert (traffic.case_number, traffic.title) == (2, "Introduktion til kollektiv trafik")
    august = bundled("Dragør", "dragoer_by-erhvervs-og-planudvalget_2019-08-13_referat.txt")
    harbour, hotel = august.cases
    assert harbour.decision.startswith("Til efterretning.")
    assert hotel.title == "Forslag til udvidelse og ombygning af Dragør Badehotel"
    assert "maks. højde på 3 etager" in hotel.section("Indstilling")
    assert hotel.decision is None


def test_faxe_council_two_meetings():
    march = bundled("Faxe", "faxe_byraadet_2019-03-14_referat.txt")
    assert (march.committee, march.meeting_date) == ("Byrådet", date(2019, 3, 14))
    assert [case.case_number for case in march.cases] == [23, 24]
    agenda, questions = march.cases
    assert "For forslaget stemte 21" in agenda.decision
    assert "Imod forslaget stemte 4" in agenda.decision
    assert questions.title == "Spørgetid"
    assert questions.decision is None
    may = bundled("Faxe", "faxe_byraadet_2023-05-25_referat.txt")
    assert [case.case_number for case in may.cases] == [83, 84, 85]
    questions, agenda, figures = may.cases
    assert "Nordvendte ramper ved Ulse" in questions.decision
    assert "Lisette Lind Larsen (A)" in agenda.section("Fraværende")
    assert "105,9 mio" in figures.section("Resume")


def test_roskilde_council_question_time():
    april = bundled("Roskilde", "roskilde_byraadet_2019-04-24_referat.txt")
    assert (april.committee, april.meeting_date) == ("Byrådet", date(2019, 4, 24))
    (questions,) = april.cases
    assert (questions.case_number, questions.title) == (92, "Spørgetid")
    assert "udflytning af Lindegården til Viby" in questions.text
    assert questions.decision is None
