"""Bad input gets a clear message and loses nothing: odd questions, bad files, a corpus that is
suddenly empty, files that turn malformed, uploads that are not minutes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from embeddings.model import HashingEncoder
from qa.cli import cli
from qa.errors import MinutesError
from qa.indexing import IndexReport, update_index
from qa.retrieval import MAX_QUESTION_CHARS, check_question
from qa.store import IndexStore
from qa.uploads import check_upload, save_upload
from tests.conftest import FIXTURES, RODOVRE

OCTOBER = RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt"
KULTUR = FIXTURES / "kultur_2025-03-04.txt"
TITLE = "Understøttelse af iværksættermiljøet i Rødovre"  # case 38 of OCTOBER


def qa(*args: str):
    """Run `qa` as a user would; a failure must be a clean exit, never an exception."""
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def indexed(corpus_copy) -> Path:
    assert qa("index", str(corpus_copy)).exit_code == 0
    return corpus_copy


def index(paths: list[Path], store: IndexStore) -> IndexReport:
    return update_index(paths, store, HashingEncoder())


# --- questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "The question is empty"),
        ("   \n\t  ", "The question is empty"),
        ("?!… -- «»", "The question has no words or numbers"),
        ("🙂🤔🏛️", "The question has no words or numbers"),
    ],
)
def test_questions_with_nothing_to_search_are_refused_clearly(indexed, question, message):
    result = qa("ask", question)
    assert result.exit_code == 1 and message in result.output


LONG = ("Hvor mange fordrevne fra Ukraine bor der i Rødovre? " * 200)[:10_000]


@pytest.mark.parametrize(
    "question",
    [LONG, "Сколько беженцев из Украины живёт в Рёдовре?", "Ukraine 🇺🇦 fordrevne?"],
    ids=["10,000 characters", "Cyrillic", "emoji among words"],
)
def test_unusual_questions_are_answered(indexed, question):
    result = qa("ask", question, "--json")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    if question != LONG:
        return
    assert len(check_question(question)) == MAX_QUESTION_CHARS  # cut, not refused
    assert hits[0]["case_number"] == 39


# --- files that cannot be read: reported with the reason, the rest indexed ------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\r\n\t\n", "the file is empty"),
        ("shopping.txt", "Indkøbsliste\nmælk\n".encode(), "expected the committee name"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 8, "not a format"),
        ("noise.txt", bytes(range(1, 256)) * 8, "not UTF-8 or Windows-1252 text"),
        ("page.html", b"<html><body><p>Velkommen</p></body></html>", "no committee"),
    ],
)
def test_bad_files_are_reported_and_the_rest_indexed(corpus_copy, tmp_path, name, content, reason):
    (corpus_copy / name).write_bytes(content)
    report = index([corpus_copy], IndexStore(tmp_path / "index"))
    assert len(report.added) == 12
    [error] = report.errors
    assert error.source == name and reason in error.reason


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_danish_text_in_older_encodings_is_decoded(corpus_copy, tmp_path, encoding):
    (corpus_copy / OCTOBER.name).write_bytes(
        OCTOBER.read_text(encoding="utf-8").encode(encoding, "replace")
    )
    store = IndexStore(tmp_path / "index")
    assert index([corpus_copy], store).errors == []
    chunks = store.load().chunks
    assert TITLE in {c.title for c in chunks}
    assert {c.committee for c in chunks} == {"Beskæftigelsesudvalget"}


def test_utf8_cut_inside_its_last_character_is_still_utf8(corpus_copy, tmp_path):
    """An interrupted copy must not be read as Windows-1252, garbling every æ, ø and å."""
    data = OCTOBER.read_bytes()
    cut = data.rindex("ø".encode()) + 1  # between the two bytes of the last ø
    (corpus_copy / OCTOBER.name).write_bytes(data[:cut])
    store = IndexStore(tmp_path / "index")
    assert index([corpus_copy], store).errors == []
    chunks = store.load().chunks
    assert TITLE in {c.title for c in chunks}
    assert {c.committee for c in chunks} == {"Beskæftigelsesudvalget"}


def test_a_file_over_the_size_limit_is_refused_without_reading_it(corpus_copy, tmp_path):
    with open(corpus_copy / "huge.txt", "wb") as handle:
        handle.truncate(51 * 2**20)  # sparse: costs no disk and no time
    report = index([corpus_copy], IndexStore(tmp_path / "index"))
    assert [str(e) for e in report.errors] == ["huge.txt: the file is 51 MB, over the 50 MB limit"]
    assert len(report.added) == 12


def test_the_same_meeting_in_two_files_is_reported_and_indexed_once(corpus_copy):
    shutil.copy(corpus_copy / OCTOBER.name, corpus_copy / "kopi.txt")
    result = qa("index", str(corpus_copy))
    assert result.exit_code == 0
    assert f"kopi.txt: same meeting as {OCTOBER.name}" in result.output
    assert "12 added" in result.output


def test_case_numbers_that_disagree_with_the_header_are_indexed_with_a_warning(corpus_copy):
    path = corpus_copy / OCTOBER.name
    path.write_text(path.read_text().replace("Sager 37 - 42", "Sager 37 - 44"))
    result = qa("index", str(corpus_copy))
    assert result.exit_code == 0 and "12 added" in result.output
    assert f"{OCTOBER.name}: header says Sager 37 - 44, but cases 43, 44 are missing" in (
        result.output
    )


# --- nothing already indexed is lost to bad input -------------------------------------------


def test_a_file_that_turns_malformed_keeps_its_indexed_cases(corpus_copy):
    assert qa("index", str(corpus_copy)).exit_code == 0
    (corpus_copy / OCTOBER.name).write_bytes(b"\x00\x00half-written upload")
    result = qa("index", str(corpus_copy))
    assert result.exit_code == 0
    assert f"skipped {OCTOBER.name}: not a format minutes-qa reads" in result.output
    assert "0 removed" in result.output and "6 cases kept from files that failed" in result.output
    assert "12 cases" in qa("info").output


def test_a_file_cut_short_keeps_the_cases_it_lost(corpus_copy, tmp_path):
    """A truncated file still parses, with fewer cases than its header lists: keep the rest."""
    store = IndexStore(tmp_path / "index")
    index([corpus_copy], store)
    path = corpus_copy / OCTOBER.name
    text = path.read_text()
    path.write_text(text[: text.index("Sag nr. 40")])
    report = index([corpus_copy], store)
    assert report.removed == [] and report.kept_from_failed_files == 3
    assert f"{OCTOBER.name}: cases 40, 41, 42 are listed in its header but missing" in "\n".join(
        report.warnings
    )
    assert len(store.load().manifest["cases"]) == 12

    # Cases removed on purpose, with the header saying so, are removed.
    path.write_text(text[: text.index("Sag nr. 40")].replace("Sager 37 - 42", "Sager 37 - 39"))
    report = index([corpus_copy], store)
    assert len(report.removed) == 3 and len(store.load().manifest["cases"]) == 9


def test_an_emptied_corpus_dir_does_not_wipe_the_index(corpus_copy):
    assert qa("index", str(corpus_copy)).exit_code == 0
    for path in corpus_copy.iterdir():
        path.unlink()
    for command in (["index"], ["index", "--rebuild"]):
        result = qa(*command, str(corpus_copy))
        assert result.exit_code == 1
        assert "No minutes files found" in result.output and "left as it is" in result.output
    assert "12 cases" in qa("info").output


def test_a_corpus_dir_of_unreadable_files_does_not_wipe_the_index(corpus_copy):
    assert qa("index", str(corpus_copy)).exit_code == 0
    for path in corpus_copy.iterdir():
        path.write_bytes(b"")
    result = qa("index", "--rebuild", str(corpus_copy))
    assert result.exit_code == 1
    assert "None of the 2 files" in result.output and "the file is empty" in result.output
    assert "12 cases" in qa("info").output


def test_indexing_another_empty_dir_keeps_the_corpus(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    index([corpus_copy], store)
    (tmp_path / "empty").mkdir()
    report = index([tmp_path / "empty"], store)
    assert report.removed == [] and len(store.load().manifest["cases"]) == 12


# --- uploads (the web app's panel) ---------------------------------------------------------


def upload(data: bytes, name: str, corpus: Path, municipality: str = "Rødovre") -> Path:
    """Check an upload against an index that does not exist yet, then save it."""
    store = IndexStore(corpus.parent / "index")
    return save_upload(check_upload(data, name, municipality, corpus, store), data, corpus)


def test_an_upload_name_can_never_leave_the_corpus_dir(tmp_path):
    corpus = tmp_path / "corpus"
    target = upload(OCTOBER.read_bytes(), "../../etc/x.txt", corpus)
    assert target == corpus / "Rødovre" / "x.txt" and target.exists()
    assert not (tmp_path / "etc").exists()
    target = upload(KULTUR.read_bytes(), "kultur.txt", corpus, municipality="../../etc")
    assert target.parent.parent == corpus and not (tmp_path / "etc").exists()


def test_an_upload_never_replaces_a_different_file_of_the_same_name(tmp_path):
    corpus = tmp_path / "corpus"
    upload(OCTOBER.read_bytes(), "referat.txt", corpus)
    upload(OCTOBER.read_bytes(), "referat.txt", corpus)  # the same file again: fine
    with pytest.raises(MinutesError, match="different file of that name is already"):
        upload(KULTUR.read_bytes(), "referat.txt", corpus)
    assert (corpus / "Rødovre" / "referat.txt").read_bytes() == OCTOBER.read_bytes()
    assert [p.name for p in (corpus / "Rødovre").iterdir()] == ["referat.txt"]  # no temp file


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("minutes.docx", b"PK\x03\x04", "unsupported file type"),
        ("notes.txt", "Indkøbsliste\nmælk\n".encode(), "expected the committee name"),
        ("empty.txt", b"", "the file is empty"),
        ("huge.txt", b" " * (50 * 2**20 + 1), "over the 50 MB limit"),
    ],
)
def test_uploads_that_are_not_minutes_are_refused_and_not_stored(tmp_path, name, data, reason):
    corpus = tmp_path / "corpus"
    with pytest.raises(MinutesError, match=reason):
        upload(data, name, corpus)
    assert not corpus.exists() or not any(corpus.iterdir())
