"""A matter's history on real minutes: a committee's recommendation and the council's agenda are
one history of two appearances, a letter several local councils decided is one history, and
approving the agenda never forms one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from qa.history import Matters, is_procedural, journal_number
from qa.identity import CaseKey
from qa.indexing import case_record
from qa.ingest import load_corpus

ROOT = Path(__file__).resolve().parent.parent
LABELS = json.loads((ROOT / "eval" / "histories" / "labels.json").read_text(encoding="utf-8"))


def _cases(folder: Path, root: Path) -> dict[CaseKey, dict]:
    corpus = load_corpus([folder], root)
    return {m.key.case(c.case_number): case_record(m, c) for m in corpus.meetings for c in m.cases}


@pytest.fixture(scope="module")
def aarhus() -> Matters:
    return Matters(_cases(ROOT / "corpus" / "Aarhus", ROOT / "corpus"))


@pytest.fixture(scope="module")
def copenhagen() -> Matters:
    folder = ROOT / "eval" / "histories" / "corpus"
    return Matters(_cases(folder, folder))


def test_a_committee_recommendation_and_the_councils_agenda_are_one_history(aarhus):
    history = aarhus.history(CaseKey.parse("aarhus|teknisk udvalg|2025-10-01|referat|2"))

    assert [(a.committee, a.meeting_date, a.case_number) for a in history.appearances] == [
        ("Teknisk Udvalg", date(2025, 10, 1), 2),
        ("Aarhus Byråd", date(2025, 10, 8), 22),
    ]
    committee, council = history.appearances
    assert committee.decision.startswith("Et flertal i udvalget kunne tiltræde indstillingen")
    assert council.decision is None and council.decision_text == "endnu ikke behandlet"
    assert committee.journal == council.journal == "EMN-2025-009242"


def test_the_history_is_the_same_from_either_end(aarhus):
    start = aarhus.history(CaseKey.parse("aarhus|teknisk udvalg|2025-10-01|referat|2"))
    end = aarhus.history(CaseKey.parse("aarhus|aarhus byråd|2025-10-08|dagsorden|22"))

    assert [a.key for a in start.appearances] == [a.key for a in end.appearances]


def test_approving_the_agenda_never_forms_a_history(aarhus):
    agenda = CaseKey.parse("aarhus|aarhus byråd|2025-10-08|dagsorden|1")
    last_minutes = CaseKey.parse("aarhus|teknisk udvalg|2025-10-01|referat|1")

    assert aarhus.history(agenda).appearances == ()
    assert aarhus.history(last_minutes).appearances == ()


@pytest.mark.parametrize(
    "title",
    ["Godkendelse af dagsorden", "Meddelelser", "Eventuelt", "Formandens meddelelser",
     "Punkter til kommende lokaludvalgsmøder", "Lukket punkt: Personalesag", "Diverse"],
)  # fmt: skip
def test_procedural_titles(title):
    assert is_procedural(title)


def test_a_matter_is_not_procedural():
    assert not is_procedural("Udviklingsplan Aarhus Ø - endelig vedtagelse")


def test_a_letter_several_local_councils_decided_is_one_history(copenhagen):
    history = copenhagen.history(CaseKey.parse("københavn|valby lokaludvalg|2020-11-10|referat|5"))
    committees = {a.committee for a in history.appearances}

    assert {"Valby Lokaludvalg", "Vanløse Lokaludvalg", "Amager Øst Lokaludvalg"} <= committees
    dates = [a.meeting_date for a in history.appearances]
    assert dates == sorted(dates)


def test_journal_numbers_are_read_from_the_text():
    record = {"sections": [{"heading": "Tekst", "text": "Sagsnr.: 330-2018-3619  Dok.nr.: 1"}]}

    assert journal_number(record) == "330-2018-3619"
    assert journal_number({"sections": [{"heading": "Tekst", "text": "Sag nr. 38"}]}) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Sagsnr.: 2011-29298\nDok.nr.: 2012-202935", "2011-29298"),
        ("Sagsnummer\n00.34.00-S00-2-14", "00.34.00-S00-2-14"),
        ("04.04.00-P20-6-17", "04.04.00-P20-6-17"),
    ],
)
def test_the_file_number_section_gives_the_number_not_its_label(text, number):
    assert journal_number({"sections": [{"heading": "Sagsnummer", "text": text}]}) == number
    # A label with no number after it names no matter: cases are not linked by "Sagsnr:".
    assert journal_number({"sections": [{"heading": "Sagsnummer", "text": "Sagsnr:"}]}) is None


def test_the_labelled_histories_name_cases_of_the_labelled_minutes(copenhagen, aarhus):
    known = set(copenhagen.keys) | set(aarhus.keys)
    for keys in LABELS["histories"].values():
        assert all(CaseKey.parse(k) in known for k in keys)


def test_the_fitted_weights_say_what_they_were_measured_on():
    record = json.loads((ROOT / "qa" / "data" / "history_links.json").read_text())

    assert record["measured"]["labelled_histories"] == len(LABELS["histories"])
    assert set(record["measured"]["links_cross_validated"]) >= {"precision", "recall"}
