"""When two indexed documents hold the same case differently, the answer says so."""

import shutil

import pytest

from qa.conversation import answer_question
from qa.indexing import update_index
from qa.retrieval import Searcher
from qa.store import IndexStore
from tests.conftest import RODOVRE

OCTOBER = "beskaeftigelsesudvalget_2024-10-08.txt"
QUESTION = "Hvor mange fordrevne fra Ukraine bor der i Rødovre?"


@pytest.fixture
def searcher(tmp_path, hash_encoder):
    """Rødovre's minutes in their folder, and a copy of the October minutes with 220 changed to
    999 at the corpus root, where nothing says its municipality: indexed as a second document
    (reported: the answer quoted 999 with no word that the original says 220)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(RODOVRE, corpus / "Rødovre")
    original = (RODOVRE / OCTOBER).read_text(encoding="utf-8")
    changed = original.replace("i alt 220 personer", "i alt 999 personer")
    (corpus / "kopi.txt").write_text(changed, encoding="utf-8")
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, hash_encoder, root=corpus)
    return Searcher(store, hash_encoder)


def test_an_answer_says_two_documents_disagree_on_its_case(searcher):
    answer = answer_question(searcher, QUESTION)
    assert answer.found
    [notice] = [n for n in answer.notices if n.startswith("To dokumenter om samme sag")]
    assert "Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39" in notice
    assert f"Rødovre/{OCTOBER}" in notice and "kopi.txt" in notice
    assert "(999)" in notice and "(220)" in notice
    assert notice in answer.as_record()["notices"]


def test_in_english_the_notice_is_english(searcher):
    answer = answer_question(searcher, "How many fordrevne fra Ukraine live in Rødovre?")
    assert any(n.startswith("Two documents on the same case disagree") for n in answer.notices)


def test_one_document_per_case_gives_no_notice(tmp_path, hash_encoder):
    corpus = tmp_path / "corpus"
    shutil.copytree(RODOVRE, corpus / "Rødovre")
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, hash_encoder, root=corpus)
    answer = answer_question(Searcher(store, hash_encoder), QUESTION)
    assert answer.found and answer.notices == ()
