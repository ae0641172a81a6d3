"""Uploads never duplicate a meeting or hide a conflict: each failure users met, as an example."""

import shutil

import pytest

from qa.indexing import update_index
from qa.origins import read_origins
from qa.store import IndexStore
from qa.uploads import (
    AlreadyIndexedError,
    DuplicateUploadError,
    MunicipalityError,
    UnconfirmedError,
    check_upload,
    known_municipalities,
    save_upload,
)
from tests.conftest import FIXTURES, RODOVRE

OCTOBER = "Rødovre/beskaeftigelsesudvalget_2024-10-08.txt"
ORIGINAL = (RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").read_bytes()
CHANGED = ORIGINAL.replace(b"i alt 220 personer", b"i alt 999 personer")
KULTUR = (FIXTURES / "kultur_2025-03-04.txt").read_bytes()


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(RODOVRE, root / "Rødovre")
    return root


@pytest.fixture
def store(corpus, tmp_path, hash_encoder):
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, hash_encoder, root=corpus)
    return store


def index(corpus, store, hash_encoder):
    return update_index([corpus], store, hash_encoder, root=corpus)


def test_an_exact_copy_of_an_indexed_meeting_is_refused(corpus, store):
    """Reported: an exact copy was accepted as six new cases."""
    with pytest.raises(AlreadyIndexedError) as refused:
        check_upload(ORIGINAL, "kopi.txt", "Rødovre", corpus, store)
    assert refused.value.indexed_as == OCTOBER


def test_the_same_minutes_in_other_bytes_are_refused_too(corpus, store):
    windows = ORIGINAL.decode().replace("\n", "\r\n").encode("cp1252", errors="strict")
    with pytest.raises(AlreadyIndexedError, match=f"already indexed, as {OCTOBER}"):
        check_upload(windows, "referat.txt", "Rødovre Kommune", corpus, store)


def test_a_changed_copy_is_a_new_version_that_names_the_changed_case(corpus, store):
    """Reported: a copy with 220 changed to 999 was added beside the original."""
    upload = check_upload(CHANGED, "rettet.txt", "Rødovre", corpus, store)
    assert upload.new_version and upload.replaces == OCTOBER
    assert [(c.case_number, c.title) for c in upload.changed] == [
        (39, "Status på indsatsen for fordrevne fra Ukraine m.fl.")
    ]
    assert upload.added == () and upload.removed == ()


def test_a_new_version_replaces_the_old_only_when_confirmed(corpus, store, hash_encoder):
    upload = check_upload(CHANGED, "rettet.txt", "Rødovre", corpus, store)
    with pytest.raises(UnconfirmedError):
        save_upload(upload, CHANGED, corpus)
    assert (corpus / OCTOBER).read_bytes() == ORIGINAL

    path = save_upload(upload, CHANGED, corpus, confirmed=True)
    assert path == corpus / OCTOBER  # in place of the original: one file for the meeting
    assert sorted(p.name for p in (corpus / "Rødovre").iterdir()) == [
        "beskaeftigelsesudvalget_2023-05-16.txt",
        "beskaeftigelsesudvalget_2024-10-08.txt",
    ]
    report = index(corpus, store, hash_encoder)
    assert [key.case_number for key in report.updated] == [39]
    assert report.added == [] and report.removed == [] and report.warnings == []
    assert read_origins(corpus).origin(OCTOBER).origin == "rettet.txt"


def test_a_new_version_in_another_format_replaces_the_old_file(corpus, store, hash_encoder):
    html = (
        "<html><body><h1>Beskæftigelsesudvalget</h1><p>08-10-2024</p>"
        "<h2>Sag nr. 37 Meddelelser</h2><h3>Beslutning</h3><p>Taget til efterretning.</p>"
        "</body></html>"
    ).encode()
    upload = check_upload(html, "referat.html", "Rødovre", corpus, store)
    assert upload.replaces == OCTOBER and [c.case_number for c in upload.removed] == [
        38, 39, 40, 41, 42,
    ]  # fmt: skip
    path = save_upload(upload, html, corpus, confirmed=True)
    assert path == corpus / "Rødovre" / "referat.html" and not (corpus / OCTOBER).exists()
    report = index(corpus, store, hash_encoder)
    assert not any("same meeting" in w for w in report.warnings)
    assert len(report.removed) == 5


def test_uploads_go_under_the_municipality_folder(corpus, store, hash_encoder):
    upload = check_upload(KULTUR, "kultur.txt", "rødovre kommune", corpus, store)
    assert upload.source == "Rødovre/kultur.txt" and upload.meeting.municipality == "Rødovre"
    save_upload(upload, KULTUR, corpus)
    assert (corpus / "Rødovre" / "kultur.txt").read_bytes() == KULTUR
    report = index(corpus, store, hash_encoder)
    assert {key.municipality for key in report.added} == {"rødovre"}
    assert read_origins(corpus).origin("Rødovre/kultur.txt").kind == "upload"
    # The same file again is now refused, whatever it is called.
    with pytest.raises(AlreadyIndexedError):
        check_upload(KULTUR, "igen.txt", "Rødovre", corpus, store)


def test_a_new_municipality_gets_its_own_folder(corpus, store):
    upload = check_upload(KULTUR, "../kultur.txt", "Hvidovre", corpus, store)
    assert upload.source == "Hvidovre/kultur.txt"
    assert save_upload(upload, KULTUR, corpus) == corpus / "Hvidovre" / "kultur.txt"
    assert known_municipalities(corpus, store) == ["Hvidovre", "Rødovre"]


def test_the_municipality_is_asked_for_and_must_agree_with_the_file(corpus, store):
    with pytest.raises(MunicipalityError) as missing:
        check_upload(KULTUR, "kultur.txt", "", corpus, store)
    assert missing.value.named is None
    aarhus = KULTUR.replace(b"Kultur- og Fritidsudvalget", "Aarhus Byråd".encode(), 1)
    with pytest.raises(MunicipalityError) as other:
        check_upload(aarhus, "byraad.txt", "Rødovre", corpus, store)
    assert (other.value.named, other.value.chosen) == ("Aarhus", "Rødovre")
    # A file that names its municipality needs no choice.
    assert check_upload(aarhus, "byraad.txt", None, corpus, store).source == "Aarhus/byraad.txt"


def test_one_upload_cannot_bring_the_same_meeting_twice(corpus, store):
    batch = {}
    first = check_upload(KULTUR, "kultur.txt", "Rødovre", corpus, store, batch)
    batch[first.meeting.key] = first.name
    edited = KULTUR.replace(b"Formand", b"Formand:")
    with pytest.raises(DuplicateUploadError, match="kultur.txt"):
        check_upload(edited, "kultur2.txt", "Rødovre", corpus, store, batch)


def test_uploads_to_an_empty_corpus_need_no_index(tmp_path):
    store = IndexStore(tmp_path / "no-index")
    upload = check_upload(KULTUR, "kultur.txt", "Rødovre", tmp_path / "corpus", store)
    assert not upload.new_version and upload.source == "Rødovre/kultur.txt"
