"""Web pages kept as text, read from the real pages bundled in corpus/: what Brønderslev's page of
the fifty-ninth round gives. It is read by the rules already there; no rule came with it."""

from datetime import date

from tests.conftest import bundled


def test_bronderslev_council_of_june_2018():
    # The site's layout bundled before ("Byrådet - Referat", "Dato: 20. juni 2018"): items 1-5,
    # each with its "Sagsforløb" kept in the Resume, the fifth stopping before its decision.
    june = bundled("Brønderslev", "bronderslev_byraadet_2018-06-20_referat.txt")
    assert (june.committee, june.meeting_date, june.kind) == (
        "Byrådet",
        date(2018, 6, 20),
        "referat",
    )
    absent, remarks, deputies, questions, hall = june.cases
    assert [case.case_number for case in june.cases] == [1, 2, 3, 4, 5]
    assert (absent.title, absent.decision) == ("Fraværende", "Margit Chemnitz.")
    assert absent.section("Resume") == "Sagsforløb: BY"
    assert remarks.title == "Bemærkninger/ændringer til dagsordenen"
    assert remarks.decision == "Ingen.\nMargit Chemnitz var fraværende."
    assert deputies.title == "Godkendelse af indkaldte stedfortrædere"
    # "Personale" under the Sagsfremstilling is not one of the site's headings: kept as text.
    assert deputies.section("Sagsfremstilling").endswith("Personale\nIngen.")
    assert deputies.decision == "Ingen.\nMargit Chemnitz var fraværende."
    assert questions.title == "Spørgetid for byrådsmedlemmer"
    assert questions.decision.startswith("Hvorfor blev der afholdt venskabsbyarrangement")
    assert "(Bettina Bøcker Kjeldsen)" in questions.decision
    assert hall.title == (
        "Ansøgning fra Klokkerholm Hallen om kommunal lånegaranti til energirenovering"
    )
    assert hall.section("Resume").startswith("Sagsforløb: FK/ØK/BY\n")
    assert "1.300.000 kr." in hall.section("Resume")
    assert "efter 10 års jævnlige reparationer" in hall.section("Sagsfremstilling")
    assert hall.decision is None
