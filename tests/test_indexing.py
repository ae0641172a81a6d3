"""Building and updating the index: only new or changed cases are embedded again."""

import shutil
from datetime import date

import pytest

from embeddings.model import HashingEncoder
from qa.errors import IndexMismatchError, IndexNotFoundError
from qa.identity import CaseKey
from qa.indexing import update_index
from qa.store import IndexStore
from tests.conftest import FIXTURES, CountingEncoder


@pytest.fixture
def store(tmp_path):
    return IndexStore(tmp_path / "index")


def test_first_build_adds_every_case(corpus_copy, store):
    report = update_index([corpus_copy], store, HashingEncoder())
    assert len(report.added) == 12
    assert report.errors == []
    snapshot = store.load()
    assert len(snapshot.chunks) == report.chunk_count == len(snapshot.dense)
    assert snapshot.manifest["model"] == "hash"
    assert len(snapshot.manifest["cases"]) == 12


def test_a_second_run_embeds_nothing(corpus_copy, store):
    encoder = CountingEncoder()
    update_index([corpus_copy], store, encoder)
    first_snapshot = store.current_name()
    encoder.embedded = 0
    report = update_index([corpus_copy], store, encoder)
    assert (report.added, report.updated, report.removed, report.unchanged) == ([], [], [], 12)
    assert encoder.embedded == 0
    assert store.current_name() == first_snapshot


def test_only_the_changed_case_is_embedded_again(corpus_copy, store):
    encoder = CountingEncoder()
    update_index([corpus_copy], store, encoder)
    path = corpus_copy / "beskaeftigelsesudvalget_2024-10-08.txt"
    path.write_text(path.read_text().replace("omkring 25 deltagere", "omkring 30 deltagere"))
    encoder.embedded = 0
    report = update_index([corpus_copy], store, encoder)
    assert report.updated == [
        CaseKey(None, "Beskæftigelsesudvalget", date(2024, 10, 8), "referat", 38)
    ]
    assert report.unchanged == 11
    chunks_of_38 = [c for c in store.load().chunks if c.case_number == 38]
    assert encoder.embedded == len(chunks_of_38)
    assert any("omkring 30 deltagere" in c.text for c in chunks_of_38)


def test_reused_vectors_are_the_vectors_of_their_chunks(corpus_copy, store):
    encoder = HashingEncoder()
    update_index([corpus_copy], store, encoder)
    path = corpus_copy / "beskaeftigelsesudvalget_2023-05-16.txt"
    path.write_text(path.read_text().replace("Mod på trivsel", "Mod på trivsel og sundhed"))
    update_index([corpus_copy], store, encoder)
    snapshot = store.load()
    expected = encoder.encode_passages([c.embedding_text for c in snapshot.chunks])
    assert (abs(snapshot.dense.vectors(range(len(snapshot.chunks))) - expected) < 1e-6).all()


def test_a_new_file_is_added_and_a_deleted_file_removed(corpus_copy, store):
    update_index([corpus_copy], store, HashingEncoder())
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", corpus_copy)
    report = update_index([corpus_copy], store, HashingEncoder())
    assert len(report.added) == 3 and report.unchanged == 12
    (corpus_copy / "beskaeftigelsesudvalget_2023-05-16.txt").unlink()
    report = update_index([corpus_copy], store, HashingEncoder())
    assert len(report.removed) == 6
    assert {c.meeting_date.isoformat() for c in store.load().chunks} == {"2024-10-08", "2025-03-04"}


def test_indexing_one_file_keeps_the_rest(corpus_copy, store, tmp_path):
    update_index([corpus_copy], store, HashingEncoder())
    report = update_index([FIXTURES / "kultur_2025-03-04.txt"], store, HashingEncoder())
    assert len(report.added) == 3 and report.removed == [] and report.unchanged == 12


def test_a_bad_file_is_reported_and_the_rest_indexed(corpus_copy, store):
    (corpus_copy / "notes.txt").write_text("Indkøbsliste\nmælk\n")
    report = update_index([corpus_copy], store, HashingEncoder())
    assert len(report.added) == 12
    assert [e.source for e in report.errors] == ["notes.txt"]


def test_loading_with_another_model_is_refused_with_the_fix(corpus_copy, store):
    update_index([corpus_copy], store, HashingEncoder())
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        store.load(expect_model="intfloat/multilingual-e5-small")
    with pytest.raises(IndexMismatchError, match="Nothing was changed"):
        update_index([corpus_copy], store, HashingEncoder(256))
    report = update_index([corpus_copy], store, HashingEncoder(256), rebuild=True)
    assert len(report.added) == 12
    assert store.load().manifest["dimension"] == 256


def test_no_index_yet_says_how_to_build_one(store):
    with pytest.raises(IndexNotFoundError, match="qa index"):
        store.load()


def test_a_moved_corpus_is_not_a_duplicate(corpus_copy, store, tmp_path):
    update_index([corpus_copy], store, HashingEncoder())
    moved = shutil.copytree(corpus_copy, tmp_path / "moved")
    report = update_index([moved], store, HashingEncoder())
    assert report.warnings == [] and report.unchanged == 12


def test_a_file_moved_within_the_corpus_is_read_again_so_its_cards_open_it(
    corpus_copy, store, tmp_path
):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_copy, corpus / "Rødovre")
    cases = len(update_index([corpus], store, HashingEncoder(), root=corpus).added)
    (corpus / "Rødovre" / "2024").mkdir()
    name = "beskaeftigelsesudvalget_2024-10-08.txt"
    shutil.move(corpus / "Rødovre" / name, corpus / "Rødovre" / "2024" / name)
    report = update_index([corpus], store, HashingEncoder(), root=corpus)
    assert len(report.updated) == 6 and report.unchanged == cases - 6 and report.removed == []
    moved = {c.source for c in store.load().chunks if c.case_key in report.updated}
    assert moved == {f"Rødovre/2024/{name}"}


def test_the_same_meeting_in_another_file_is_reported_and_indexed_once(corpus_copy, store):
    update_index([corpus_copy], store, HashingEncoder())
    shutil.copy(corpus_copy / "beskaeftigelsesudvalget_2024-10-08.txt", corpus_copy / "kopi.txt")
    report = update_index([corpus_copy], store, HashingEncoder())
    assert any("kopi.txt: same meeting as" in w for w in report.warnings)
    assert len(store.load().manifest["cases"]) == 12
