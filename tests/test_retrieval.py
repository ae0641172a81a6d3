"""Search over the bundled corpus with the hashing encoder: structure, filters, hints, errors."""

import shutil
from datetime import date, timedelta

import pytest

from embeddings.model import HashingEncoder
from qa.indexing import update_index
from qa.retrieval import MODES, Filters
from qa.store import IndexStore
from tests.conftest import CORPUS, FIXTURES, hash_searcher, indexed_searcher


@pytest.fixture
def searcher(corpus_copy, tmp_path):
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", corpus_copy)
    return indexed_searcher([corpus_copy], tmp_path / "index")


@pytest.mark.parametrize("mode", MODES)
def test_one_hit_per_case_best_first(searcher, mode):
    hits = searcher.search("fordrevne fra Ukraine i midlertidig bolig", k=5, mode=mode)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert len({(h.chunk.meeting_date, h.chunk.case_number) for h in hits}) == len(hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert (hits[0].chunk.meeting_date, hits[0].chunk.case_number) == (date(2024, 10, 8), 39)


def test_exact_terms_are_found_by_keyword_search(searcher):
    [hit] = searcher.search("Netværk Rødovre deltagere", k=1, mode="bm25")
    assert hit.chunk.case_number == 38
    assert "Netværk Rødovre" in hit.chunk.text


def test_the_record_has_exactly_the_documented_keys(searcher):
    record = searcher.search("svømmehallen renovering", k=1)[0].as_record()
    documented = [
        "rank", "score", "committee", "meeting_date", "case_number",
        "title", "section", "text", "source", "page", "url", "weak",
    ]  # fmt: skip
    assert [key for key in record if key in documented] == documented
    assert set(record) - set(documented) >= {"municipality", "kind", "citation"}
    assert record["kind"] == "referat" and record["municipality"] is None
    assert record["meeting_date"] == "2025-03-04"
    assert record["case_number"] == 6
    assert record["committee"] == "Kultur- og Fritidsudvalget"
    assert record["source"] == "kultur_2025-03-04.txt"


def test_filters_narrow_to_a_committee_and_dates(searcher):
    hits = searcher.search(
        "Taget til efterretning", k=20, filters=Filters(("Beskæftigelsesudvalget",))
    )
    assert {h.chunk.committee for h in hits} == {"Beskæftigelsesudvalget"}
    hits = searcher.search(
        "Taget til efterretning",
        k=20,
        filters=Filters(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)),
    )
    assert {h.chunk.meeting_date for h in hits} == {date(2024, 10, 8)}


def test_a_month_in_the_question_puts_that_meeting_first(searcher):
    may = searcher.search("Ingen meddelelser maj 2023", k=3)
    october = searcher.search("Ingen meddelelser oktober 2024", k=3)
    assert (may[0].chunk.case_number, may[0].chunk.meeting_date) == (13, date(2023, 5, 16))
    assert (october[0].chunk.case_number, october[0].chunk.meeting_date) == (37, date(2024, 10, 8))


def test_hits_say_whether_they_are_in_the_meeting_the_question_names(searcher):
    named = searcher.search("Ingen meddelelser maj 2023", k=3)
    assert [h.named for h in named] == [h.chunk.meeting_date == date(2023, 5, 16) for h in named]
    assert named[0].named
    # A month no meeting was held in, or a year alone, names no meeting.
    for question in ("Ingen meddelelser juli 2023", "Ingen meddelelser i 2023"):
        assert not any(h.named for h in searcher.search(question, k=3))


def test_the_latest_meeting(searcher):
    [hit] = searcher.search("Meddelelser på seneste møde", k=1)
    assert hit.chunk.meeting_date == date(2025, 3, 4)


def test_the_latest_meeting_of_the_committee_named(searcher):
    [hit] = searcher.search("Meddelelser på Beskæftigelsesudvalgets seneste møde", k=1)
    assert (hit.chunk.committee, hit.chunk.meeting_date) == (
        "Beskæftigelsesudvalget",
        date(2024, 10, 8),
    )


def test_a_committee_named_beside_a_date_does_not_hide_that_meeting(searcher):
    # A case passes through committees: one named in the question need not hold its minutes.
    [hit] = searcher.search("Ingen meddelelser til Kultur- og Fritidsudvalget maj 2023", k=1)
    assert (hit.chunk.case_number, hit.chunk.meeting_date) == (13, date(2023, 5, 16))


def test_a_named_meeting_is_found_among_many_alike(tmp_path):
    # 150 meetings whose first item reads alike: the one the question names comes first, though
    # its passages are not among the best fifty of all the minutes.
    text = (FIXTURES / "kultur_2025-03-04.txt").read_text(encoding="utf-8")
    folder = tmp_path / "minutes"
    folder.mkdir()
    for n in range(150):
        day = date(2020, 1, 1) + timedelta(days=7 * n)
        dated = text.replace("04-03-2025", day.strftime("%d-%m-%Y"), 1)
        (folder / f"kultur_{day.isoformat()}.txt").write_text(dated, encoding="utf-8")
    searcher = indexed_searcher([folder], tmp_path / "index")
    named = date(2020, 1, 1) + timedelta(days=7 * 149)
    [hit] = searcher.search(f"Ingen meddelelser {named.isoformat()}", k=1)
    assert (hit.chunk.meeting_date, hit.chunk.case_number) == (named, 5)


def test_committees_and_dates_of_the_index(searcher):
    assert searcher.committees() == ["Beskæftigelsesudvalget", "Kultur- og Fritidsudvalget"]
    assert searcher.meeting_dates() == [date(2023, 5, 16), date(2024, 10, 8), date(2025, 3, 4)]


def test_a_new_snapshot_is_picked_up_without_restarting(searcher, tmp_path):
    assert searcher.search("svømmehallen", k=1)[0].chunk.case_number == 6
    (tmp_path / "corpus" / "kultur_2025-03-04.txt").unlink()
    update_index([tmp_path / "corpus"], searcher.store, HashingEncoder())
    assert all(
        h.chunk.committee != "Kultur- og Fritidsudvalget" for h in searcher.search("svømmehallen")
    )


def test_k_distinct_cases_come_back_when_one_long_case_fills_the_top(tmp_path):
    # One case long enough for its chunks to fill the first 50 rows of both rankings, and four
    # short ones: asking for five cases must still give five.
    paragraph = (
        "Renovering af svømmehallen med nyt bassin, nye omklædningsrum og ventilation. "
        "Svømmehallen får energibesparende ventilation og et nyt bassin til skolesvømning."
    )
    lines = ["Kultur- og Fritidsudvalget", "", "04-03-2025", "", "Sager 1 - 5", ""]
    lines += ["Renovering af svømmehallen", "Sag nr. 1", "", "Sagsfremstilling", ""]
    lines += [f"{n}. {paragraph}\n" for n in range(1, 800)]
    for number, title in enumerate(
        ("Meddelelser", "Budget for biblioteket", "Ny legeplads", "Lys på stadion"), 2
    ):
        text = f"{title}: nyt fra kommunen."
        lines += [title, f"Sag nr. {number}", "", "Sagens kerne", "", text, ""]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kultur_2025-03-04.txt").write_text("\n".join(lines), encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    report = update_index([corpus], store, HashingEncoder())
    assert report.chunk_count > 60
    searcher = hash_searcher(store)
    for mode in MODES:
        hits = searcher.search("svømmehallen nyt bassin og ventilation", k=5, mode=mode)
        cases = [h.chunk.case_number for h in hits]
        assert cases[0] == 1, mode
        assert sorted(cases) == [1, 2, 3, 4, 5], mode


def test_the_committees_name_does_not_pick_the_case_within_its_meeting(real_encoder, tmp_path):
    # Every case of the meeting shares the committee's name; the case whose text repeats it ("an
    # introduction to the Teknik- og Miljøudvalget's area") is not what an absence question asks.
    from qa.retrieval import Searcher

    folder = tmp_path / "minutes"
    folder.mkdir()
    for name in (
        "bronderslev_teknik-og-miljoeudvalget_2018-01-15_referat.txt",
        "bronderslev_teknik-og-miljoeudvalget_2018-03-05_referat.txt",
    ):
        shutil.copy(CORPUS / "Brønderslev" / name, folder)
    update_index([folder], IndexStore(tmp_path / "index"), real_encoder)
    searcher = Searcher(IndexStore(tmp_path / "index"), real_encoder)
    question = "Was anyone missing from Brønderslev's technical and environment committee on 15 January 2018?"
    hits = searcher.search(question, k=3)
    assert all(h.chunk.meeting_date == date(2018, 1, 15) for h in hits)
    assert hits[0].chunk.title != "Introduktion til Teknik- og Miljøområdet"
    assert 1 in [h.chunk.case_number for h in hits[:2]]  # "Fraværende: Alle medlemmer var mødt."
