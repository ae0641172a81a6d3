"""Web pages kept as text, read from the real pages bundled in corpus/: what Hedensted's,
Jammerbugt's, Viborg's, Syddjurs' and Varde's pages of the twenty-third round give. One rule came
with them: Viborg's pages name the committee in a table whose labels have no colon ("Udvalg
Byrådet")."""

from datetime import date

from qa.formats.structure import find_committee
from qa.ingest import parse_bytes
from tests.conftest import bundled


def test_hedensted_items_shown_by_their_case_ids():
    absent = bundled("Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-06-25_referat.txt")
    assert (absent.committee, absent.meeting_date) == (
        "Kommunalbestyrelsen 2022-2025",
        date(2025, 6, 25),
    )
    assert [case.case_number for case in absent.cases] == [1, 2, 3]
    assert [case.section("Sagsnummer") for case in absent.cases] == [
        "00.00.00-P35-34-24",
        "00.00.00-A00-11-24",
        "00.32.10-S00-1-24",
    ]
    assert "Som stedfortræder deltog Kirsten Iversen (Æ)" in absent.cases[0].decision
    assert "Revisionsberetning nr. 34" in absent.cases[2].title
    guarantee = bundled(
        "Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-11-26_referat.txt"
    )
    assert guarantee.meeting_date == date(2025, 11, 26)
    assert "233,1 mio. kr." in guarantee.cases[1].section("Økonomi")
    proposal = bundled(
        "Hedensted", "hedensted_kommunalbestyrelsen-2022-2025_2025-10-29_referat.txt"
    )
    assert "243 stemmer" in proposal.cases[1].section("Sagsfremstilling")


def test_jammerbugt_items_numbered_as_bullets():
    housing = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2020-01-29_referat.txt")
    assert (housing.committee, housing.meeting_date) == ("Kommunalbestyrelsen", date(2020, 1, 29))
    (flats,) = housing.cases
    assert flats.case_number == 1
    assert flats.title.startswith("Godkendelse af skema B - 29 familie- og 12 ungdomsboliger")
    business = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2021-02-18_referat.txt")
    assert [case.case_number for case in business.cases] == [17]
    accounts = bundled("Jammerbugt", "jammerbugt_kommunalbestyrelsen_2021-03-25_referat.txt")
    assert [case.case_number for case in accounts.cases] == [35, 36]
    assert accounts.cases[0].decision == "Orienteringen blev taget til efterretning."
    # The site's "• Text" headings stay in the text of the section above them.
    assert "24,4 mio. kr." in accounts.cases[0].section("Beslutningstema")


def test_viborg_committee_named_in_a_table_without_colons():
    council = bundled("Viborg", "viborg_byraadet_2021-09-01_referat.txt")
    assert (council.committee, council.meeting_date) == ("Byrådet", date(2021, 9, 1))
    (heating,) = council.cases
    assert heating.section("Sagsnummer") == "18/3241"
    assert heating.decision.startswith("Lone Vase Langballe udpeges")
    finance = bundled("Viborg", "viborg_oekonomi-og-erhvervsudvalget_2022-08-24_referat.txt")
    assert finance.committee == "Økonomi- og Erhvervsudvalget"
    assert [case.section("Sagsnummer") for case in finance.cases] == ["21/24710", "21/37999"]
    rural = bundled("Viborg", "viborg_landdistriktsudvalget_2021-09-14_referat.txt")
    assert (rural.committee, rural.meeting_date) == ("Landdistriktsudvalget", date(2021, 9, 14))
    assert "Lysgård" in rural.cases[0].decision


def test_the_label_without_colon_is_read_only_before_a_committee():
    page = (
        "https://example.dk/referat\n\nReferat\n\nonsdag den 1. september 2021 kl. 17:00\n\n"
        "Mødested Rådhuset\nUdvalg Teknisk Udvalg\nFraværende Ingen\n\n"
        "Sagsid.: 21/100\n\nResume\n\nEn sag om veje.\n\nBeslutning i Teknisk Udvalg den 01-09-2021\n\n"
        "Godkendt.\n"
    )
    meeting = parse_bytes(page.encode(), "Test/referat.txt")
    assert meeting.committee == "Teknisk Udvalg"
    # A committee whose own name starts with the word, and a table's header row, keep it.
    assert find_committee(["Udvalg for Teknik og Miljø"]) == "Udvalg for Teknik og Miljø"
    assert (
        find_committee(["Udvalg Dato Type Hent", "Byrådet 24-06-2020 16:00 Referat"]) == "Byrådet"
    )


def test_syddjurs_and_varde_pages():
    budget = bundled("Syddjurs", "syddjurs_byraadet_2020-04-29_referat.txt")
    assert (budget.committee, budget.meeting_date) == ("Byrådet", date(2020, 4, 29))
    assert [case.case_number for case in budget.cases] == [523, 525]
    assert budget.cases[1].title == "Budget 2020 - Genåbning af budget 2020"
    assert "19,6 mio. kr." in budget.cases[1].section("Sagsfremstilling")
    varde = bundled("Varde", "varde_udvalget-for-oekonomi-og-erhverv_2018-05-23_referat.txt")
    assert (varde.committee, varde.meeting_date) == (
        "Udvalget for Økonomi og Erhverv",
        date(2018, 5, 23),
    )
    assert [case.case_number for case in varde.cases] == [145, 146]
    assert varde.cases[0].decision == "Godkendt."
