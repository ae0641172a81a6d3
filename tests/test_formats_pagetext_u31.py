"""Web pages kept as text, read from the real pages bundled in corpus/: what Brønderslev's,
Thisted's, Vejen's, Fredericia's, Viborg's and Aalborg's pages of the thirty-first round give. No
rule came with them: each is read by the rules already there."""

from datetime import date

from tests.conftest import bundled


def test_bronderslev_council_question_time_under_its_decision():
    council = bundled("Brønderslev", "bronderslev_byraadet_2020-06-24_referat.txt")
    assert (council.committee, council.meeting_date, council.kind) == (
        "Byrådet",
        date(2020, 6, 24),
        "referat",
    )
    assert [case.case_number for case in council.cases] == [1, 2, 3, 4]
    assert council.cases[0].section("Sagsfremstilling") == (
        "Der er afbud fra Lone Birkmose Lex pga. ferie."
    )
    assert council.cases[2].decision == "Godkendt.\nLone Lex var fraværende."
    assert "1. stedfortræder på liste V, Kim Østergaard" in council.cases[2].section("Resume")
    questions = council.cases[3]
    assert questions.title == "Spørgetid for byrådsmedlemmer"
    assert "Dansk Byggeris undersøgelse? (Lene Hansen)" in questions.decision


def test_thisted_council_items_from_sydthy():
    january = bundled("Thisted", "thisted_kommunalbestyrelsen_2022-01-25_referat.txt")
    assert (january.committee, january.meeting_date) == ("Kommunalbestyrelsen", date(2022, 1, 25))
    assert [case.title for case in january.cases] == [
        "Godkendelse af dagsorden",
        "Bestyrelsen for Friends of Cold Hawaii",
    ]
    assert january.cases[0].decision.endswith("Henning Holm, Jan Fink Mejlgaard")
    assert "windsurf World Cup i Thy" in january.cases[1].section("Redegørelse")
    assert january.cases[1].decision is None
    november = bundled("Thisted", "thisted_kommunalbestyrelsen_2022-11-02_referat.txt")
    assert (november.committee, november.meeting_date) == ("Kommunalbestyrelsen", date(2022, 11, 2))
    assert [case.case_number for case in november.cases] == [174, 175]
    assert "bestyrelse på 7 medlemmer" in november.cases[1].section("Redegørelse")


def test_vejen_finance_committee_statutes_and_budget_follow_up():
    statutes = bundled("Vejen", "vejen_oekonomiudvalget_2018-01-02_referat.txt")
    assert (statutes.committee, statutes.meeting_date) == ("Økonomiudvalget", date(2018, 1, 2))
    (fee,) = statutes.cases
    assert fee.section("Sagsnummer") == "Sagsnummer: 17/25514"
    assert "udgør dermed 40.151,72 kr. årligt" in fee.section("Sagsfremstilling")
    assert fee.decision is None
    follow_up = bundled("Vejen", "vejen_oekonomiudvalget_2019-08-06_referat.txt")
    assert (follow_up.committee, follow_up.meeting_date) == ("Økonomiudvalget", date(2019, 8, 6))
    assert [case.case_number for case in follow_up.cases] == [1, 2]
    assert follow_up.cases[0].decision == (
        "Taget til efterretning.\nMalene K. Nielsen (V) deltog ikke i behandlingen af dette punkt."
    )
    assert "forbrugsprocent på 47,6" in follow_up.cases[0].section("Sagsfremstilling")
    assert follow_up.cases[1].decision.startswith("Revideret tidsplan godkendt.")


def test_fredericia_council_budget_moved_to_new_committees():
    council = bundled("Fredericia", "fredericia_byraadet_2022-02-21_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2022, 2, 21))
    assert [case.case_number for case in council.cases] == [1, 2]
    assert council.cases[0].decision == "Godkendt."
    budget = council.cases[1]
    assert (
        budget.title == "Budget 2022-2025 - tilpasning til ny fagudvalgsstruktur pr. 1. januar 2022"
    )
    assert "alene budgettet til Uddannelseshjælp" in budget.section("Sagsbeskrivelse")


def test_viborg_pages_titled_by_their_first_sentence():
    board = bundled("Viborg", "viborg_byraadet_2020-02-26_referat.txt")
    assert (board.committee, board.meeting_date) == ("Byrådet", date(2020, 2, 26))
    (knowhowz,) = board.cases
    assert knowhowz.section("Sagsnummer") == "17/36195"
    assert knowhowz.decision == (
        "Følgende udpeges:\nByrådsmedlem Peter Juhl (C)\nErhvervs- og udviklingschef Anders Holm"
    )
    fee = bundled("Viborg", "viborg_byraadet_2014-06-18_referat.txt")
    assert (fee.committee, fee.meeting_date) == ("Byrådet (2013-2017)", date(2014, 6, 18))
    assert fee.cases[0].title == "Byrådets medlemmer modtager som udgangspunkt et fast vederlag"
    budget = bundled("Viborg", "viborg_oekonomi-og-erhvervsudvalget_2015-01-21_referat.txt")
    assert (budget.committee, budget.meeting_date) == (
        "Økonomi- og Erhvervsudvalget (2013-2017)",
        date(2015, 1, 21),
    )
    assert budget.cases[0].section("Sagsnummer") == "14/61234"


def test_aalborg_council_loan_guarantees():
    council = bundled("Aalborg", "aalborg_byraadet_2023-10-23_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2023, 10, 23))
    assert [case.case_number for case in council.cases] == [1, 2, 3, 4, 5]
    assert "lånegaranti på 20,4 mio. kr." in council.cases[1].section("Indstilling")
    assert "lån på 58 mio. kr. til Aalborg Kloak A/S" in council.cases[3].section("Indstilling")
    assert council.cases[2].decision.startswith("Godkendt.\nHelle Frederiksen")
