"""Web pages kept as text, read from the real pages bundled in corpus/: what Køge's, Roskilde's,
Stevns', Slagelse's, Bornholm's and Ishøj's pages of the thirty-fourth round give. No rule came with
them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_koege_finance_school_and_social_committees():
    finance = bundled("Køge", "koege_oekonomiudvalget_2015-08-11_referat.txt")
    assert (finance.committee, finance.meeting_date, finance.kind) == (
        "Økonomiudvalget",
        date(2015, 8, 11),
        "referat",
    )
    assert [case.case_number for case in finance.cases] == [299, 300]
    assert "suppleant for Palle Svendsen (V)" in finance.cases[0].decision
    flights = finance.cases[1]
    assert flights.title == "Tilslutning til SKI - aftale 16.08 (Flyrejser)"
    assert "mindre end 250.000 kr." in flights.section("Baggrund og vurdering")
    assert flights.decision is None
    school = bundled("Køge", "koege_skoleudvalget_2019-10-02_referat.txt")
    assert (school.committee, school.meeting_date) == ("Skoleudvalget", date(2019, 10, 2))
    assert [case.case_number for case in school.cases] == [139, 140]
    assert school.cases[0].decision == "Godkendt, idet sag nr. 143 overgik til behandlingssag."
    assert "elevtal pr. 5. september året før" in school.cases[1].section("Indstilling")
    social = bundled("Køge", "koege_socialudvalget_2022-05-09_referat.txt")
    assert (social.committee, social.meeting_date) == ("Socialudvalget", date(2022, 5, 9))
    assert [case.case_number for case in social.cases] == [53, 54, 55]
    assert "strategimøde mandag den 27. juni 2022" in social.cases[1].decision
    assert social.cases[2].title == "Møde med handicaprådet"


def test_roskilde_finance_committee_and_elite_council():
    january = bundled("Roskilde", "roskilde_oekonomiudvalget_2019-01-16_referat.txt")
    assert (january.committee, january.meeting_date) == ("Økonomiudvalget", date(2019, 1, 16))
    assert [case.case_number for case in january.cases] == [1, 2, 3]
    assert "Jette Henning (A) var indkaldt som stedfortræder" in january.cases[0].decision
    assert january.cases[1].section("Økonomi") == "Sagen har ingen budgetmæssige konsekvenser."
    august = bundled("Roskilde", "roskilde_oekonomiudvalget_2019-08-21_referat.txt")
    assert (august.committee, august.meeting_date) == ("Økonomiudvalget", date(2019, 8, 21))
    assert [case.case_number for case in august.cases] == [285, 286, 287]
    assert august.cases[0].decision == "Pkt. 291 blev taget af dagsordenen."
    assert august.cases[1].decision == "Drøftet."
    elite = bundled("Roskilde", "roskilde_roskilde-elite-og-talentraad_2020-09-17_referat.txt")
    assert (elite.committee, elite.meeting_date) == (
        "Roskilde Elite- og Talentråd",
        date(2020, 9, 17),
    )
    assert [case.case_number for case in elite.cases] == [29, 30, 31]
    assert elite.cases[2].title == "Temamøde - oplæg fra Team Danmark"
    assert "3. juni 2020" in elite.cases[2].section("Resume")


def test_stevns_world_goals_committee_named_from_its_address():
    goals = bundled("Stevns", "stevns_udvalget-stevns-verdensmaal_2020-12-09_referat.txt")
    assert (goals.committee, goals.meeting_date) == (
        "Udvalget stevns verdensmål",
        date(2020, 12, 9),
    )
    assert [case.title for case in goals.cases] == [
        "Dagsorden for møde den 9. december 2020",
        "Drøftelse af anbefalinger",
    ]
    assert goals.cases[0].decision.startswith("Deltog ikke:\nLine Krogh Lay")
    assert "Midtvejsstatus 2019" in goals.cases[1].section("Indstilling")


def test_slagelse_finance_committee_from_trung():
    finance = bundled("Slagelse", "slagelse_oekonomiudvalget_2019-10-21_referat.txt")
    assert (finance.committee, finance.meeting_date) == ("Økonomiudvalget", date(2019, 10, 21))
    assert [case.case_number for case in finance.cases] == [1, 2]
    assert finance.cases[0].decision == "Fraværende:  Stén Knuth (V)\nGodkendt."
    assert "svarfrist på 17 dage" in finance.cases[1].decision


def test_bornholm_council_member_leaving():
    council = bundled("Bornholm", "brk_kommunalbestyrelsen_2020-08-20_referat.txt")
    assert (council.committee, council.meeting_date) == ("Kommunalbestyrelsen", date(2020, 8, 20))
    assert [case.case_number for case in council.cases] == [1, 2]
    assert "Lykke Jensen er indkaldt som suppleant" in council.cases[0].section("Fraværende")
    leaving = council.cases[1]
    assert "fuldtidsjob, to bestyrelsesposter" in leaving.section("Resumé")
    assert leaving.decision.startswith("Indstillingerne godkendt")


def test_ishoj_council_items_titled_by_their_first_sentence():
    council = bundled("Ishøj", "ishoej_ishoej-byraad_2018-09-04_referat.txt")
    assert (council.committee, council.meeting_date) == ("Ishøj Byråd", date(2018, 9, 4))
    assert [case.case_number for case in council.cases] == [1, 2, 3]
    assert council.cases[0].decision == "Ingen spørgsmål."
    college = council.cases[1]
    assert "Der tildeles 10.000 kr." in college.section("Sagsfremstilling")
    assert college.decision == "Tiltrådt."
